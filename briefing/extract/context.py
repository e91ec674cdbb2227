"""Context: the background sentences a reader needs (history, earlier events).

Each sentence outside the summary gets a score from cues (see :data:`CUES`): phrases such as
"last met", "since 2014", "previously", the past perfect, a year before the article's year.
The best few above a threshold are returned in reading order. Adding a cue is adding a line
to :data:`CUES`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.extract.dates import parse_published
from briefing.extract.nlp import Parsed
from briefing.models import ContextItem

if TYPE_CHECKING:
    from spacy.tokens import Doc

MAX_ITEMS = 4
THRESHOLD = 1.5
MIN_WORDS = 6


@dataclass(frozen=True)
class Cue:
    """A phrase that marks background, and how strongly."""

    name: str
    pattern: re.Pattern[str]
    weight: float


def _cue(name: str, pattern: str, weight: float) -> Cue:
    return Cue(name, re.compile(pattern, re.I), weight)


CUES: tuple[Cue, ...] = (
    _cue("last time", r"\blast (met|visited|spoke|talked|held|signed|played|won|time)\b", 2.0),
    _cue("since year", r"\bsince (?:early |late |mid-)?(?:1[89]\d\d|20\d\d)\b", 2.0),
    _cue(
        "since event",
        r"\bsince (?:the )?(?:start|beginning|end|outbreak|collapse|fall|invasion|election|"
        r"war|annexation|founding|launch)\b",
        1.5,
    ),
    _cue(
        "history",
        r"\b(?:previously|formerly|historically|traditionally|long-standing|longstanding|"
        r"decades-old|for decades|for years|(?:\w+ )?(?:years|decades|months) ago|a year ago|"
        r"in the past|dating back|back in|at the time|ever since|has long|have long|had long|"
        r"first (?:met|signed|introduced|proposed|launched|elected|became|opened|appeared))\b",
        1.5,
    ),
    _cue(
        "earlier",
        r"\b(?:earlier this (?:year|month|week)|last (?:year|month|week|decade|summer|winter|"
        r"spring|autumn))\b",
        1.0,
    ),
    _cue(
        "the two have",
        r"\bthe two (?:countries|nations|sides|leaders|men|women|companies|firms|governments|"
        r"parties|neighbours|neighbors|rivals|allies)\s+(?:have|had)\b",
        1.5,
    ),
    _cue("founded", r"\b(?:was|were) (?:founded|established|created|formed|built)\b", 1.5),
)

_YEAR = re.compile(r"(?<![\d,.$£€])\b(1[89]\d\d|20\d\d)\b(?!,\d|\.\d)")
_FUTURE = re.compile(
    r"\b(?:will|is expected to|are expected to|is set to|are set to|is due to|are due to|"
    r"plans? to|next (?:week|month|year))\b",
    re.I,
)


_REPORTING = frozenset({"say", "tell", "add", "report", "announce", "confirm", "claim"})


def _past_perfect(doc: Doc) -> bool:
    """A clause in the past perfect ("had warned"): background by its grammar.

    Not when it is reported speech ("said the company had pulled out"): there the past
    perfect is only the sequence of tenses, and the event is today's news.
    """
    for t in doc:
        if t.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in t.children):
            if t.dep_ == "ccomp" and t.head.lemma_.lower() in _REPORTING:
                continue
            return True
    return False


def score_sentence(text: str, doc: Doc, reference_year: int | None) -> float:
    """How strongly a sentence reads as background; 0 when it does not at all."""
    score = sum(cue.weight for cue in CUES if cue.pattern.search(text))
    if _past_perfect(doc):
        score += 1.5
    if reference_year is not None:
        years = [int(y) for y in _YEAR.findall(text)]
        if any(y < reference_year for y in years):
            score += 1.5
    if _FUTURE.search(text):
        score -= 1.0  # what comes next is news, not background
    if text.lstrip()[:1] in "\"“‘'":
        score -= 0.5  # a quote reports what was said now
    return score


def find_context(
    parsed: Parsed, summary_indices: Sequence[int] = (), limit: int = MAX_ITEMS
) -> list[ContextItem]:
    """Up to ``limit`` background sentences, in reading order, never from the summary."""
    article = parsed.document.article
    published = parse_published(article.published)
    reference_year: int | None = published.year if published else None
    if reference_year is None:
        years = [int(y) for s in parsed.sentences for y in _YEAR.findall(s.text)]
        reference_year = max(years) if years else None
    summary = set(summary_indices)
    scored: list[tuple[float, int]] = []
    for position, sentence, doc in parsed.pairs():
        if position in summary or len(sentence.text.split()) < MIN_WORDS:
            continue
        score = score_sentence(sentence.text, doc, reference_year)
        if position == 0:
            score -= 1.0  # the lead reports the news itself
        if score >= THRESHOLD:
            scored.append((score, position))
    best = sorted(scored, key=lambda x: (-x[0], x[1]))[:limit]
    texts = parsed.document.texts
    return [ContextItem(texts[i], (parsed.cite(i),)) for _, i in sorted(best, key=lambda x: x[1])]
