"""What changed since the previous briefing (``--previous yesterday.json``).

The previous briefing is a JSON file this program wrote (``briefing build --format json``).
Each of today's stories is matched to at most one of its stories:

1. by a shared source: the same article URL or article id;
2. otherwise by text: the TF-IDF cosine (stemmed content words, as :mod:`briefing.group`
   compares articles) of headline plus summary, at or above :data:`SAME_STORY`, best pairs
   first, each previous story matched once.

A story without a match is ``"new"``. A matched story's summary lines, agreements and quotes
that the previous story did not have (no line there at :data:`SAME_LINE` cosine or more;
agreements and quotes by their words) are marked ``new``, and the story is ``"updated"``
when any is; otherwise its status stays ``""`` (unchanged) and ``--only-new`` leaves it out.
Items of a new story are not marked one by one: the whole story is new.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from briefing.errors import UsageError
from briefing.models import Story

SAME_STORY = 0.4
"""Headline-plus-summary cosine at or above which two stories are the same event. Lower than
:data:`briefing.group.DEFAULT_THRESHOLD` because a day later the summary has moved on while
the names and the subject have not."""

SAME_LINE = 0.8
"""Cosine (term frequencies) at or above which a summary line says what a previous one did."""


@dataclass(frozen=True)
class PreviousStory:
    """What matching needs of a story of the previous briefing."""

    id: str
    headline: str
    lines: tuple[str, ...]
    agreements: tuple[str, ...]
    quotes: tuple[str, ...]
    urls: frozenset[str]
    source_ids: frozenset[str]


@dataclass(frozen=True)
class PreviousBriefing:
    """The previous briefing, as read from its JSON file."""

    path: str
    date: str
    stories: tuple[PreviousStory, ...]


def _bad(path: Path | str, problem: str) -> UsageError:
    return UsageError(
        f"--previous {path}: {problem}; pass a JSON briefing written by "
        "'briefing build --format json'"
    )


def _strings(items: Any, key: str) -> tuple[str, ...]:
    if not isinstance(items, list):
        return ()
    found = (item.get(key) if isinstance(item, Mapping) else None for item in items)
    return tuple(text for text in found if isinstance(text, str))


def parse_previous(data: Any, path: Path | str = "<previous>") -> PreviousBriefing:
    """A :class:`PreviousBriefing` from the decoded JSON of a briefing.

    Checks the shape matching relies on (a version 1 briefing with a date and stories that
    have an id, a headline, a summary and sources) and raises :class:`UsageError` naming the
    file and what is wrong otherwise.
    """
    if not isinstance(data, Mapping) or "stories" not in data or "version" not in data:
        raise _bad(path, "not a briefing (no version and stories)")
    if data.get("version") != "1":
        raise _bad(path, f"briefing JSON version {data.get('version')!r} is not supported")
    date = data.get("date")
    stories = data.get("stories")
    if not isinstance(date, str) or not isinstance(stories, list):
        raise _bad(path, "not a briefing (date or stories missing)")
    found: list[PreviousStory] = []
    for number, story in enumerate(stories, 1):
        if (
            not isinstance(story, Mapping)
            or not isinstance(story.get("id"), str)
            or not isinstance(story.get("headline"), str)
            or not isinstance(story.get("summary"), list)
            or not isinstance(story.get("sources"), list)
        ):
            raise _bad(path, f"story {number} lacks an id, headline, summary or sources")
        sources = [s for s in story["sources"] if isinstance(s, Mapping)]
        found.append(
            PreviousStory(
                id=story["id"],
                headline=story["headline"],
                lines=_strings(story["summary"], "text"),
                agreements=_strings(story.get("agreements"), "text"),
                quotes=_strings(story.get("quotes"), "text"),
                urls=frozenset(_key(s.get("url")) for s in sources if _key(s.get("url"))),
                source_ids=frozenset(s["id"] for s in sources if isinstance(s.get("id"), str)),
            )
        )
    return PreviousBriefing(path=str(path), date=date, stories=tuple(found))


def load_previous(path: Path | str) -> PreviousBriefing:
    """Read ``--previous``: a JSON briefing written earlier. Bad files are a :class:`UsageError`."""
    file = Path(path).expanduser()
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _bad(path, "no such file") from None
    except IsADirectoryError:
        raise _bad(path, "is a folder") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad(path, f"cannot be read ({type(exc).__name__})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(path, f"not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    return parse_previous(data, path)


def _key(url: Any) -> str:
    # A trailing slash or a fragment does not make another article.
    if not isinstance(url, str):
        return ""
    return url.strip().split("#", 1)[0].rstrip("/")


def _story_text(headline: str, lines: Sequence[str]) -> str:
    return "\n".join([headline, *lines])


def match_stories(
    stories: Sequence[Story], previous: PreviousBriefing, threshold: float = SAME_STORY
) -> list[int | None]:
    """For each story, the index of its previous story, or ``None`` when it has none."""
    matches: list[int | None] = [None] * len(stories)
    taken: set[int] = set()
    # Each URL and article id points at the first previous story that has it.
    by_source: dict[str, int] = {}
    for j, old in enumerate(previous.stories):
        for name in sorted(f"url:{u}" for u in old.urls) + sorted(
            f"id:{d}" for d in old.source_ids
        ):
            by_source.setdefault(name, j)
    for i, story in enumerate(stories):
        names = [f"url:{_key(s.url)}" for s in story.sources if _key(s.url)]
        names += [f"id:{s.id}" for s in story.sources]
        found = sorted({by_source[n] for n in names if n in by_source} - taken)
        if found:
            matches[i] = found[0]
            taken.add(found[0])
    left = [i for i, m in enumerate(matches) if m is None]
    free = [j for j in range(len(previous.stories)) if j not in taken]
    if not left or not free:
        return matches
    import numpy as np

    from summarizers.text import term_matrix

    texts = [
        _story_text(stories[i].headline, [line.text for line in stories[i].summary]) for i in left
    ] + [_story_text(previous.stories[j].headline, previous.stories[j].lines) for j in free]
    matrix = term_matrix(texts)
    similarity = (matrix[: len(left)] @ matrix[len(left) :].T).toarray()
    # Best pairs first; a stable sort keeps equal scores in reading order.
    rows, cols = np.nonzero(similarity >= threshold)
    order = np.argsort(-similarity[rows, cols], kind="stable")
    pairs = [(int(rows[k]), int(cols[k])) for k in order]
    used_left: set[int] = set()
    for a, b in pairs:
        if a in used_left or free[b] in taken:
            continue
        matches[left[a]] = free[b]
        used_left.add(a)
        taken.add(free[b])
    return matches


def _new_flags(current: Sequence[str], known: Sequence[str], threshold: float) -> list[bool]:
    """For each of ``current``, whether no text of ``known`` says the same."""
    if not current:
        return []
    if not known:
        return [True] * len(current)
    from summarizers.text import dedupe_keys, similarity_matrix

    keys = set(dedupe_keys(known))
    similarity = similarity_matrix([*current, *known], idf=False)
    flags = []
    for i, key in enumerate(dedupe_keys(current)):
        if key in keys:
            flags.append(False)
            continue
        best = max(float(similarity[i, len(current) + j]) for j in range(len(known)))
        flags.append(best < threshold)
    return flags


def compare(story: Story, old: PreviousStory) -> Story:
    """``story`` with what ``old`` lacked marked ``new``, and status ``"updated"`` if any."""
    line_flags = _new_flags([line.text for line in story.summary], old.lines, SAME_LINE)
    agreement_flags = _new_flags([a.text for a in story.agreements], old.agreements, SAME_LINE)
    quote_flags = _new_flags([q.text for q in story.quotes], old.quotes, SAME_LINE)
    changed = any(line_flags) or any(agreement_flags) or any(quote_flags)
    return replace(
        story,
        summary=tuple(replace(x, new=f) for x, f in zip(story.summary, line_flags, strict=True)),
        agreements=tuple(
            replace(x, new=f) for x, f in zip(story.agreements, agreement_flags, strict=True)
        ),
        quotes=tuple(replace(x, new=f) for x, f in zip(story.quotes, quote_flags, strict=True)),
        status="updated" if changed else "",
    )


def mark_changes(stories: Sequence[Story], previous: PreviousBriefing) -> list[Story]:
    """The stories marked against ``previous``: ``status`` and ``new`` set (see the module)."""
    matches = match_stories(stories, previous)
    return [
        replace(story, status="new") if match is None else compare(story, previous.stories[match])
        for story, match in zip(stories, matches, strict=True)
    ]


def drop_unchanged(stories: Sequence[Story]) -> tuple[list[Story], int]:
    """``--only-new``: the new and updated stories, and how many unchanged ones were left out."""
    kept = [s for s in stories if s.status in ("new", "updated")]
    return kept, len(stories) - len(kept)
