"""Context: the background sentences a reader needs (history, earlier events).

Each sentence outside the summary gets a score from cues (see :data:`CUES`): phrases such as
"last met", "since 2014", "previously", the past perfect, a year before the article's year.
The best few above a threshold are returned in reading order. Adding a cue is adding a line
to :data:`CUES`.

Context never repeats the summary. A sentence of the summary is never context, and neither
is a sentence that says mostly the same words as one (scraped pages repeat their lead in
image captions). Two context items never repeat each other either. The past perfect counts
as background only where the article itself tells the past. It does not count in reported
speech ("said the company had pulled out"), in a condition ("if CNPC had become a
shareholder"), or in what is said of a noun ("criticism that the deal had been a mistake").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.extract.dates import parse_published
from briefing.extract.gazetteer import words
from briefing.extract.nlp import Parsed
from briefing.extract.quotes import SPEECH_VERBS
from briefing.models import ContextItem
from summarizers.quality import quote_states

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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
        "since month",
        r"\bsince (?:early |late |mid-)?(?:january|february|march|april|may|june|july|august|"
        r"september|october|november|december)\b",
        1.0,
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

_STOPWORDS = words(
    """
    a an the and or but of to in on at for with by from as is are was were be been has have
    had it its this that these those he she they his her their we our you i not no so than
    then there which who whom what when where will would could should can may said says say
    also after before over into about up out more most
    """
)

_YEAR = re.compile(r"(?<![\d,.$£€])\b(1[89]\d\d|20\d\d)\b(?!,\d|\.\d)")
# A year that a deadline points to ("until 2006", "by 2009", "until at least the end of
# 2027") is not the past.
_DEADLINE_YEAR = re.compile(
    r"\b(?:(?:until|till|through|before)\s+(?:[\w-]+\s+){0,5}?"
    r"|by\s+(?:(?:early|mid|late|the end of|the start of|the middle of)[\s-]+)?)"
    r"(1[89]\d\d|20\d\d)\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|is expected to|are expected to|is set to|are set to|is due to|are due to|"
    r"plans? to|expects? to|aims? to|intends? to|next (?:week|month|year))\b",
    re.I,
)
# A closing mark: after a word or punctuation, before a space, punctuation or the end.
_CLOSING = re.compile(r"(?<=[\w.,!?…])[\"”’'](?=[\s,.;:!?)]|$)")
# Words between quotation marks are what someone says now, not the article's background:
# "Pacific leaders have told us so for years" is not history told by the reporter. An opening
# mark follows a space, a bracket or a dash and precedes a word, so that a closing mark is
# never taken for an opening one.
_QUOTED = re.compile(r"(?<![^\s(\[—–-])(?:[\"“](?=\S)[^\"“”]*[\"”]|‘(?=\S)[^‘’]*’(?!\w))")


_REPORTING = SPEECH_VERBS | frozenset({"believe", "think", "understand", "reveal", "learn"})
# Content words that two sentences must share, as a share of the shorter, to say the same.
REPEAT_SHARE = 0.6


def _told_past(verb: Token) -> bool:
    """Whether a past-perfect verb tells the article's own past, not someone's words or a case.

    "said the company had pulled out" (reported speech), "if CNPC had become a shareholder"
    (a condition) and "criticism that the deal had been a mistake" (said of a noun) do not.
    """
    node = verb
    while True:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in node.children):
            return False
        head = node.head
        if head.i == node.i:
            return True
        if node.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in _REPORTING:
            return False
        if node.dep_ == "acl" and head.pos_ == "NOUN":
            return False
        node = head


def _past_perfect(doc: Doc, quoted: Sequence[tuple[int, int]] = ()) -> bool:
    """A clause in the past perfect ("had warned") that tells the past: background by grammar.

    ``quoted``: character spans of quoted words, where the past perfect is someone's speech.
    """
    return any(
        t.tag_ == "VBN"
        and any(c.dep_ == "aux" and c.lower_ == "had" for c in t.children)
        and not any(a <= t.idx < b for a, b in quoted)
        and _told_past(t)
        for t in doc
    )


def _unquoted(text: str, inside: bool = False) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with quoted words blanked out (same length), and the quoted spans.

    ``inside``: the sentence starts inside a quotation opened by an earlier one, which runs
    to its first closing mark (when it has one).
    """
    spans = [m.span() for m in _QUOTED.finditer(text)]
    close = _CLOSING.search(text) if inside else None
    # Without a closing mark the quotation may have ended unmarked at a paragraph's end, as
    # news copy does when the next paragraph quotes on; only a sentence that closes it is
    # known to be quoted.
    if close is not None:
        spans = [(0, close.end()), *(span for span in spans if span[0] >= close.end())]
    if not spans:
        return text, spans
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars), spans


def mostly_quoted(text: str, inside: bool = False) -> bool:
    """Whether most of a sentence is quoted words: it belongs with the quotes, not context.

    ``inside``: the sentence starts inside a quotation an earlier sentence opened.
    """
    bare, spans = _unquoted(text, inside)
    return sum(b - a for a, b in spans) > len(text.strip()) / 2 or (
        # a quotation that runs on past this sentence ("He told reporters: "Climate ...")
        bool(re.search(r"[\"“‘][^\"“”‘’]{20,}$", bare.rstrip()))
    )


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOPWORDS}


def repeats(text: str, other: str, share: float = REPEAT_SHARE) -> bool:
    """Whether two sentences say mostly the same words (a caption repeating the lead)."""
    a, b = _content(text), _content(other)
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= share


def score_sentence(text: str, doc: Doc, reference_year: int | None) -> float:
    """How strongly a sentence reads as background; 0 when it does not at all.

    Cues inside quotation marks do not count: the quoted words are someone's speech.
    """
    text, quoted = _unquoted(text)
    score = sum(cue.weight for cue in CUES if cue.pattern.search(text))
    if _past_perfect(doc, quoted):
        score += 1.5
    if reference_year is not None:
        deadlines = {int(y) for y in _DEADLINE_YEAR.findall(text)}
        years = [int(y) for y in _YEAR.findall(text) if int(y) not in deadlines]
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
        # Without a date, the latest year named stands in for "now": undated copy names the
        # coming year more often than it tells the current one as history.
        years = [int(y) for s in parsed.sentences for y in _YEAR.findall(s.text)]
        reference_year = max(years) if years else None
    summary = set(summary_indices)
    texts = parsed.document.texts
    summary_texts = [texts[i] for i in sorted(summary) if 0 <= i < len(texts)]
    scored: list[tuple[float, int]] = []
    opened = quote_states(texts)
    for position, sentence, doc in parsed.pairs():
        if position in summary or len(sentence.text.split()) < MIN_WORDS:
            continue
        if mostly_quoted(sentence.text, inside=opened[position][0]):
            continue  # the quotes section shows it, with its speaker
        if any(repeats(sentence.text, s) for s in summary_texts):
            continue  # a caption or a recap that says what the summary already says
        score = score_sentence(sentence.text, doc, reference_year)
        if position == 0:
            score -= 1.0  # the lead reports the news itself
        if score >= THRESHOLD:
            scored.append((score, position))
    best: list[int] = []
    for _, position in sorted(scored, key=lambda x: (-x[0], x[1])):
        if len(best) >= limit:
            break
        if not any(repeats(texts[position], texts[k]) for k in best):
            best.append(position)
    return [ContextItem(texts[i], (parsed.cite(i),)) for i in sorted(best)]
