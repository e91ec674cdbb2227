"""Resolving date expressions ("on Tuesday", "March 3", "yesterday") against the article's date.

A date is returned as ``YYYY-MM-DD`` when the expression and the article's publication date
together pin it down, and otherwise as the expression itself, so nothing is ever invented.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_NUMBER = {m: i + 1 for i, m in enumerate(MONTHS)}
_MONTH_NUMBER.update({m[:3]: i + 1 for i, m in enumerate(MONTHS)})
_MONTH_NUMBER["sept"] = 9

_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(\d{{4}}))?\b", re.I
)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
_RELATIVE = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def parse_published(published: str | None) -> dt.date | None:
    """The article's publication date from ISO 8601 or RFC 2822 text, or None."""
    if not published:
        return None
    text = published.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_date(expression: str, published: dt.date | None, *, future: bool = False) -> str:
    """``expression`` as ``YYYY-MM-DD`` when it can be pinned down, else the expression.

    ``future`` says whether the sentence talks about something still to come: "on Friday"
    then means the next Friday on or after publication rather than the last one before it.
    """
    text = expression.strip()
    lower = text.lower()
    m = _ISO.search(text)
    if m:
        found = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return found.isoformat() if found else text
    for pattern, month_group, day_group in ((_MONTH_DAY, 1, 2), (_DAY_MONTH, 2, 1)):
        m = pattern.search(text)
        if not m:
            continue
        month = _MONTH_NUMBER.get(m[month_group].lower().rstrip("."))
        day = int(m[day_group])
        if month is None:
            continue
        if m[3]:
            found = _safe_date(int(m[3]), month, day)
        elif published is not None:
            found = _safe_date(published.year, month, day)
            # A month and day with no year is the nearest such date on the side of the
            # publication date that the sentence's tense points to.
            if found is not None and not future and found > published:
                found = _safe_date(published.year - 1, month, day)
            elif found is not None and future and found < published:
                found = _safe_date(published.year + 1, month, day)
        else:
            found = None
        return found.isoformat() if found else text
    if published is None:
        return text
    for word, delta in _RELATIVE.items():
        if re.search(rf"\b{word}\b", lower):
            return (published + dt.timedelta(days=delta)).isoformat()
    m = _WEEKDAY.search(text)
    if m and not re.search(r"\b(last|next|every|each)\b", lower):
        target = WEEKDAYS.index(m[1].lower())
        if future:
            delta = (target - published.weekday()) % 7
        else:
            delta = -((published.weekday() - target) % 7)
        return (published + dt.timedelta(days=delta)).isoformat()
    return text
