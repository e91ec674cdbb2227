"""The rank stage: stories ordered by importance, ``--max-stories`` and ``--since``.

A story's score adds three parts, each with a documented weight (:class:`RankWeights`):

``sources``
    ``log2(1 + n)`` for ``n`` distinct publications carrying the story. Copies count once: two
    sources are the same publication when they name the same ``source`` (case-insensitively) or,
    without one, share a web host. The logarithm makes the tenth outlet worth less than the
    second, so a widely syndicated story cannot bury everything else.
``recency``
    ``0.5 ** (age / half_life)``: 1 for the newest article of the run, 0.5 one half-life
    older. The age is measured from the newest publication time among all stories (not the
    clock), so the same articles rank the same way whenever they are built. A story without
    any date gets 0.5, as if one half-life old: neither buried nor promoted.
``salience``
    in ``[0, 1]``, from the summary's support (lines that several sources back), the key
    actors, the agreements and the story's length (see :func:`salience`).

Ties keep the order the stories came in (the order of their first article), so the ranking
depends on nothing but the input.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from briefing.errors import UsageError
from briefing.models import Article, Skipped, Story

if TYPE_CHECKING:
    from briefing.changes import PreviousBriefing
    from briefing.sections import SectionRule


@dataclass(frozen=True)
class RankWeights:
    """The weights of a story's score: ``sources * log2(1 + publications) + recency *
    0.5 ** (age / half_life_hours) + salience * salience(story)``."""

    sources: float = 1.0
    recency: float = 1.0
    salience: float = 0.5
    half_life_hours: float = 24.0


DEFAULT_WEIGHTS = RankWeights()

# An undated story's recency, as if it were one half-life old.
_UNDATED_RECENCY = 0.5
# Salience saturates at these: more actors or sentences than this add nothing.
_ACTORS_FULL = 5
_SENTENCES_FULL = 20


# --------------------------------------------------------------------------- times


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 date or date-time as an aware UTC datetime; ``None`` when it is not one.

    A date alone is midnight UTC, a time without an offset is taken as UTC, and a trailing
    ``Z`` is accepted (``datetime.fromisoformat`` on Python 3.10 does not).
    """
    if not value:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


_RELATIVE = re.compile(r"(\d+(?:\.\d+)?)\s*(m|min|h|d|w)", re.IGNORECASE)
_UNIT_HOURS = {"m": 1 / 60, "min": 1 / 60, "h": 1.0, "d": 24.0, "w": 24.0 * 7}


def parse_since(value: str, now: datetime | None = None) -> datetime:
    """``--since``: an ISO date or date-time, or a span back from ``now`` (``90m``, ``24h``,
    ``2d``, ``1w``), as an aware UTC datetime.

    Raises :class:`UsageError` naming the value and the accepted forms.
    """
    text = value.strip()
    match = _RELATIVE.fullmatch(text)
    if match:
        hours = float(match.group(1)) * _UNIT_HOURS[match.group(2).lower()]
        return (now or datetime.now(timezone.utc)) - timedelta(hours=hours)
    parsed = parse_time(text)
    if parsed is None:
        raise UsageError(
            f"--since {value!r} is not a time; use a date (2026-11-27), a date-time "
            "(2026-11-27T18:00Z) or a span back from now (24h, 2d, 1w)"
        )
    return parsed


@dataclass
class SinceFilter:
    """Passes on what was published at or after ``since``; counts what it leaves out.

    Undated articles (or dates that cannot be read) are kept: nothing says they are old.
    Skipped records pass through untouched.
    """

    since: datetime
    older: int = 0

    def __call__(self, items: Iterable[Article | Skipped]) -> Iterator[Article | Skipped]:
        for item in items:
            if isinstance(item, Article):
                published = parse_time(item.published)
                if published is not None and published < self.since:
                    self.older += 1
                    continue
            yield item


# --------------------------------------------------------------------------- the score


def publication(source_name: str | None, url: str | None, fallback: str) -> str:
    """The key that says which publication a source is: its name, else its web host."""
    if source_name and source_name.strip():
        return "name:" + " ".join(source_name.casefold().split())
    if url:
        host = urlsplit(url.strip()).hostname or ""
        host = host.removeprefix("www.")
        if host:
            return "host:" + host
    return "id:" + fallback


def publications(story: Story) -> int:
    """The number of distinct publications among the story's sources (at least 1)."""
    keys = {publication(s.source, s.url, s.id) for s in story.sources}
    return max(1, len(keys))


def newest_time(story: Story) -> datetime | None:
    """The latest publication time among the story's sources, or ``None`` when undated."""
    times = [t for t in (parse_time(s.published) for s in story.sources) if t is not None]
    return max(times) if times else None


def salience(story: Story) -> float:
    """How much there is to the story, in ``[0, 1]``.

    The mean of four parts: the share of summary lines that more than one source backs, the
    key actors (full at five), whether any agreement was found, and the length of the lead
    article (full at twenty sentences).
    """
    lines = story.summary
    backed = sum(1 for line in lines if line.support > 1) / len(lines) if lines else 0.0
    actors = min(1.0, len(story.actors) / _ACTORS_FULL)
    agreements = 1.0 if story.agreements else 0.0
    sentences = len(story.source_sentences[0]) if story.source_sentences else len(lines)
    length = min(1.0, sentences / _SENTENCES_FULL)
    return (backed + actors + agreements + length) / 4


def story_score(
    story: Story, reference: datetime | None, weights: RankWeights = DEFAULT_WEIGHTS
) -> float:
    """The story's score against ``reference`` (the newest time of the run); see the module."""
    when = newest_time(story)
    if when is None or reference is None:
        recency = _UNDATED_RECENCY
    else:
        age_hours = max(0.0, (reference - when).total_seconds() / 3600)
        recency = 0.5 ** (age_hours / weights.half_life_hours)
    score = (
        weights.sources * math.log2(1 + publications(story))
        + weights.recency * recency
        + weights.salience * salience(story)
    )
    # Rounded so that the JSON output (and the order of near-ties) is the same on every
    # platform's floating point.
    return round(score, 6)


def rank_stories(
    stories: Sequence[Story],
    weights: RankWeights = DEFAULT_WEIGHTS,
    reference: datetime | None = None,
) -> list[Story]:
    """The stories with ``score`` set, highest first; ties keep their order.

    ``reference`` is the time recency is measured from; by default the newest publication
    time among ``stories``.
    """
    if reference is None:
        times = [t for t in (newest_time(s) for s in stories) if t is not None]
        reference = max(times) if times else None
    scored = [replace(s, score=story_score(s, reference, weights)) for s in stories]
    # sorted() is stable: equal scores keep the input order.
    return sorted(scored, key=lambda s: -s.score)


def keep_top(stories: Sequence[Story], max_stories: int | None) -> tuple[list[Story], int]:
    """The first ``max_stories`` stories (all when ``None``) and how many were left out."""
    if max_stories is not None and max_stories < 1:
        raise UsageError(f"--max-stories must be at least 1, got {max_stories}")
    if max_stories is None or len(stories) <= max_stories:
        return list(stories), 0
    return list(stories[:max_stories]), len(stories) - max_stories


# --------------------------------------------------------------------------- after assembling


@dataclass(frozen=True)
class Arrangement:
    """The stories as the briefing shows them, and what was left out of it."""

    stories: tuple[Story, ...]
    omitted: int = 0
    unchanged: int = 0
    previous: str | None = None


def arrange(
    stories: Sequence[Story],
    *,
    rules: Sequence[SectionRule] = (),
    sectioned: bool = True,
    previous: PreviousBriefing | None = None,
    only_new: bool = False,
    max_stories: int | None = None,
    weights: RankWeights = DEFAULT_WEIGHTS,
) -> Arrangement:
    """changes → sections → rank → cut: the assembled stories made into the briefing's list.

    With ``previous``, stories are marked new or updated (:mod:`briefing.changes`) and, with
    ``only_new``, unchanged ones left out. Every story gets a section (unless ``sectioned`` is
    off) and a score; the top ``max_stories`` are kept, and the kept ones are grouped by
    section, sections in the order of their best story.
    """
    from briefing.sections import assign_sections, group_by_section

    unchanged = 0
    current = list(stories)
    if previous is not None:
        from briefing.changes import drop_unchanged, mark_changes

        current = mark_changes(current, previous)
        if only_new:
            current, unchanged = drop_unchanged(current)
    if sectioned:
        current = assign_sections(current, rules)
    ranked = rank_stories(current, weights)
    kept, omitted = keep_top(ranked, max_stories)
    return Arrangement(
        stories=tuple(group_by_section(kept) if sectioned else kept),
        omitted=omitted,
        unchanged=unchanged,
        previous=previous.date if previous is not None else None,
    )
