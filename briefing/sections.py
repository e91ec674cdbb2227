"""Sections by topic: each story gets a section name from keyword rules.

A :class:`SectionRule` is a name and keywords. A keyword matches whole words,
case-insensitively, and also in the plural (``market`` matches "markets"); a keyword of
several words matches that phrase with any spacing. Each rule scores a story by its hits: a
hit in the headline counts :data:`TITLE_WEIGHT` times, a hit in the summary once. The rule
with the highest score wins; on a tie, the rule listed first.

When no rule matches the headline or the summary, the story's full text (every sentence of
its sources) is tried, needing :data:`BODY_MIN_HITS` hits, so that a story whose summary
happens to avoid the keywords still lands in its topic.

Rules come from the configuration (``[[sections]]`` tables, through :func:`load_rules`); with
none, :data:`DEFAULT_RULES` cover the usual news topics. A story that the configured rules do
not place gets an automatic label: the built-in topic (:data:`DEFAULT_RULES`, tried the same
way) that its words point to, so that a few rules of your own ("Markets", "Local") do not
push every other story into one heap. A story that matches nothing at all goes to
:data:`FALLBACK` ("Other").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from briefing.errors import UsageError
from briefing.models import Story

TITLE_WEIGHT = 3
BODY_MIN_HITS = 2
FALLBACK = "Other"


@dataclass(frozen=True)
class SectionRule:
    """A section and the keywords (words or phrases) that put a story in it."""

    name: str
    keywords: tuple[str, ...]


DEFAULT_RULES: tuple[SectionRule, ...] = (
    SectionRule(
        "Politics",
        (
            "election",
            "parliament",
            "minister",
            "prime minister",
            "president",
            "government",
            "council",
            "councillor",
            "vote",
            "referendum",
            "senate",
            "congress",
            "lawmaker",
            "mp",
            "party",
            "policy",
            "bill",
            "legislation",
            "cabinet",
            "campaign",
            "opposition",
        ),
    ),
    SectionRule(
        "Business",
        (
            "market",
            "shares",
            "stock",
            "economy",
            "economic",
            "company",
            "firm",
            "profit",
            "revenue",
            "merger",
            "acquisition",
            "investor",
            "bank",
            "inflation",
            "interest rate",
            "trade",
            "union",
            "strike",
            "pay",
            "jobs",
            "factory",
            "port",
            "sales",
            "ceo",
        ),
    ),
    SectionRule(
        "Technology",
        (
            "technology",
            "software",
            "internet",
            "chip",
            "semiconductor",
            "artificial intelligence",
            "ai",
            "computer",
            "smartphone",
            "app",
            "cyber",
            "data",
            "online",
            "broadband",
            "robot",
            "robotics",
            "hacker",
            "hacked",
            "tech",
        ),
    ),
    SectionRule(
        "Health",
        (
            "health",
            "hospital",
            "doctor",
            "nurse",
            "patient",
            "disease",
            "virus",
            "vaccine",
            "cancer",
            "nhs",
            "medical",
            "medicine",
            "drug",
            "outbreak",
        ),
    ),
    SectionRule(
        "Science",
        (
            "science",
            "scientist",
            "study",
            "research",
            "researcher",
            "climate",
            "emissions",
            "glacier",
            "species",
            "space",
            "nasa",
            "environment",
            "carbon",
            "energy",
        ),
    ),
    SectionRule(
        "Sport",
        (
            "match",
            "football",
            "cricket",
            "tennis",
            "rugby",
            "olympic",
            "championship",
            "tournament",
            "league",
            "cup",
            "coach",
            "goal",
            "player",
            "squad",
            "win",
            "defeat",
        ),
    ),
    SectionRule(
        "Culture",
        (
            "film",
            "movie",
            "music",
            "album",
            "band",
            "singer",
            "actor",
            "actress",
            "festival",
            "award",
            "oscar",
            "theatre",
            "book",
            "novel",
            "art",
            "museum",
            "television",
            "tv",
        ),
    ),
    SectionRule(
        "World",
        (
            "summit",
            "treaty",
            "pact",
            "accord",
            "united nations",
            "un",
            "nato",
            "war",
            "ceasefire",
            "refugee",
            "embassy",
            "diplomat",
            "foreign",
            "border",
            "sanctions",
            "troops",
        ),
    ),
)


def load_rules(data: Sequence[Mapping[str, Any]]) -> tuple[SectionRule, ...]:
    """Section rules from configuration data: ``[{"name": "Business", "keywords": [...]}]``.

    Raises :class:`UsageError` naming the offending entry when the data is not a list of
    tables, each with a non-empty string ``name`` and a non-empty list of non-empty string
    ``keywords``, with no other keys and no name used twice.
    """
    if isinstance(data, (str, bytes, Mapping)) or not isinstance(data, Sequence):
        raise UsageError(
            'sections: expected a list of tables like [{name = "Business", keywords = '
            '["market", "shares"]}]'
        )
    rules: list[SectionRule] = []
    seen: set[str] = set()
    for number, entry in enumerate(data, 1):
        where = f"sections entry {number}"
        if not isinstance(entry, Mapping):
            raise UsageError(f"{where}: expected a table with name and keywords")
        extra = sorted(str(k) for k in entry if k not in ("name", "keywords"))
        if extra:
            raise UsageError(
                f"{where}: unknown key {extra[0]!r}; a section has only name and keywords"
            )
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise UsageError(f"{where}: name must be a non-empty string")
        name = " ".join(name.split())
        where = f"section {name!r}"
        if name.casefold() in seen:
            raise UsageError(f"{where} is defined twice; merge its keywords into one entry")
        seen.add(name.casefold())
        keywords = entry.get("keywords")
        if isinstance(keywords, (str, bytes)) or not isinstance(keywords, Sequence):
            raise UsageError(f'{where}: keywords must be a list of strings, like ["market"]')
        if not keywords:
            raise UsageError(f"{where}: keywords is empty; give at least one")
        cleaned: list[str] = []
        for keyword in keywords:
            if not isinstance(keyword, str) or not keyword.strip():
                raise UsageError(f"{where}: keyword {keyword!r} is not a non-empty string")
            cleaned.append(" ".join(keyword.split()))
        rules.append(SectionRule(name, tuple(cleaned)))
    return tuple(rules)


@lru_cache(maxsize=256)
def _pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so that "prime minister" is one hit rather than "minister" alone.
    alternatives = sorted(
        (r"\s+".join(map(re.escape, k.split())) for k in keywords), key=len, reverse=True
    )
    # \w-lookarounds rather than \b: \b fails next to a keyword that ends in a symbol ("c++").
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?:e?s)?(?!\w)", re.IGNORECASE)


def _hits(rule: SectionRule, text: str) -> int:
    return len(_pattern(rule.keywords).findall(text)) if text else 0


def _best(scores: Sequence[int], rules: Sequence[SectionRule]) -> str | None:
    best = max(range(len(rules)), key=lambda i: (scores[i], -i), default=None)
    if best is None or scores[best] <= 0:
        return None
    return rules[best].name


def _match(story: Story, rules: Sequence[SectionRule]) -> str | None:
    summary = " ".join(line.text for line in story.summary)
    scores = [TITLE_WEIGHT * _hits(rule, story.headline) + _hits(rule, summary) for rule in rules]
    found = _best(scores, rules)
    if found is None:
        body = " ".join(sentence for source in story.source_sentences for sentence in source)
        body_scores = [_hits(rule, body) for rule in rules]
        found = _best([s if s >= BODY_MIN_HITS else 0 for s in body_scores], rules)
    return found


def section_for(story: Story, rules: Sequence[SectionRule] = (), *, automatic: bool = True) -> str:
    """The section ``story`` belongs in under ``rules`` (empty: :data:`DEFAULT_RULES`).

    When ``rules`` do not place it and ``automatic`` is on, the built-in topics label it;
    otherwise, or when nothing matches, it goes to :data:`FALLBACK` (see the module).
    """
    chosen = tuple(rules) or DEFAULT_RULES
    found = _match(story, chosen)
    if found is None and automatic and chosen != DEFAULT_RULES:
        found = _match(story, DEFAULT_RULES)
    return found or FALLBACK


def assign_sections(stories: Sequence[Story], rules: Sequence[SectionRule] = ()) -> list[Story]:
    """The stories with ``section`` set by :func:`section_for` (``rules`` empty: the defaults)."""
    return [replace(story, section=section_for(story, rules)) for story in stories]


def group_by_section(stories: Sequence[Story]) -> list[Story]:
    """Ranked stories regrouped so that each section's stories are together.

    Sections come in the order of their best story, except :data:`FALLBACK` ("Other"), which
    comes last; within a section the stories keep their order.
    """
    order: dict[str, list[Story]] = {}
    for story in stories:
        order.setdefault(story.section, []).append(story)
    last = order.pop(FALLBACK, [])
    return [story for members in order.values() for story in members] + last
