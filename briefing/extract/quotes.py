"""Quotes: words the article puts in quotation marks, with who said them.

Quotation marks are matched per paragraph, so a quote that Punkt split into several sentences
stays one quote. Straight and curly, double and single marks are recognised; a single mark
only opens after a space or at the start and only closes before a space or punctuation, so
apostrophes ("don't", "Putin's") never open or close a quote.

A quote's text is exactly the characters between the marks (sentences of one paragraph are
joined by one space); a trailing comma is dropped. The speaker comes from the sentences the
quote spans: ``according to X``, a speech verb's subject (``X said``, ``said X``,
``X told reporters:``), a name followed by a colon, or a pronoun resolved to the last person
mentioned before the quote. Unknown speakers stay ``None``: a quote is never attributed by
guesswork beyond that.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.extract.actors import ActorIndex, MentionRef
from briefing.extract.gazetteer import GENERIC_NOUNS, words
from briefing.extract.nlp import Parsed
from briefing.models import Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MIN_WORDS = 4
MAX_QUOTES = 12

SPEECH_VERBS = words(
    """
    say tell add state warn insist argue note explain declare ask reply write announce claim
    comment continue remark admit acknowledge stress urge vow promise caution describe tweet
    post respond suggest predict confirm deny complain recall conclude emphasise emphasize
    observe testify quip joke shout whisper scream plead concede boast pledge assert maintain
    reiterate tell call report
    """
)
# Inflected forms for the fallback that works on raw text rather than the parse.
_SPEECH_FORMS = words(
    "said says told tells added adds stated warned insisted argued noted explained declared "
    "asked replied wrote announced claimed commented continued admitted stressed urged "
    "vowed promised cautioned described tweeted posted responded confirmed denied"
)
_PERSON_PRONOUNS = words("he she him her")
_THING_PRONOUNS = words("it")
_OPENERS = {'"': '"', "“": "”", "‘": "’", "'": "'"}
_SINGLE = frozenset({"'", "‘", "’"})


@dataclass(frozen=True)
class _Span:
    """A quote in paragraph coordinates: the characters between its marks."""

    start: int
    end: int
    closed: bool


def quote_spans(text: str) -> list[_Span]:
    """The quoted stretches of ``text`` (a paragraph or sentence), in order, outermost only.

    A double mark left open runs to the end of ``text``; a single one is dropped.
    """
    spans: list[_Span] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c not in _OPENERS or not _opens(text, i):
            i += 1
            continue
        end = _closing(text, i)
        if c in _SINGLE and end >= n:
            # an unclosed single mark is far likelier an apostrophe than a quote
            i += 1
            continue
        spans.append(_Span(i + 1, min(end, n), end < n))
        i = end + 1
    return spans


def _closing(text: str, i: int) -> int:
    """Where the quote opened at ``i`` closes (``len(text)`` when it does not)."""
    c = text[i]
    closer = _OPENERS[c]
    possessive: int | None = None
    for j in range(i + 1, len(text)):
        ch = text[j]
        if not (ch == closer or (c == "‘" and ch == "'") or (c == "'" and ch == "’")):
            continue
        verdict = _closes(text, j)
        if verdict == "close":
            return j
        if verdict == "maybe" and possessive is None:
            possessive = j
    # "the players' efforts" looked like a possessive; with no better closer it closes
    return possessive if possessive is not None else len(text)


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == "“":
        return True
    if after.isspace():
        return False
    return before.isspace() or before in "([{—–-:“"


def _closes(text: str, j: int) -> str:
    """Whether the mark at ``j`` closes a quote: "close", "no", or "maybe" (a possessive)."""
    before = text[j - 1] if j > 0 else " "
    after = text[j + 1] if j + 1 < len(text) else " "
    if text[j] == "”":
        return "close"
    if before.isspace():
        return "no"
    if after.isalnum():
        return "no"  # an apostrophe inside a word: "don't", "Putin's"
    if text[j] in _SINGLE and before in "sS" and after == " ":
        # "the players' efforts": a plural possessive, unless a speech verb follows
        following = text[j + 2 : j + 20].split()
        if following and following[0].strip(".,;") in _SPEECH_FORMS:
            return "close"
        return "maybe"
    return "close"


@dataclass
class _Paragraph:
    text: str
    offsets: list[tuple[int, int, int]]  # (sentence position, start, end) in ``text``

    def sentences_in(self, start: int, end: int) -> list[int]:
        return [i for i, s, e in self.offsets if s < end and start < e]

    def local(self, sentence: int, pos: int) -> int:
        for i, s, _ in self.offsets:
            if i == sentence:
                return pos - s
        raise KeyError(sentence)


def _paragraphs(parsed: Parsed) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    current = -1
    for position, sentence in enumerate(parsed.sentences):
        if sentence.paragraph != current or not paragraphs:
            paragraphs.append(_Paragraph("", []))
            current = sentence.paragraph
        p = paragraphs[-1]
        if p.text:
            p.text += " "
        start = len(p.text)
        p.text += sentence.text
        p.offsets.append((position, start, len(p.text)))
    return paragraphs


def _word_count(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def _is_title(text: str) -> bool:
    """A quoted title of a work or a slogan ("The Art of the Deal"), not speech."""
    ws = [w for w in text.split() if w[:1].isalpha()]
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with"}
    return (
        len(ws) <= 10
        and text.rstrip()[-1:] not in ".?!,"
        and all(w[0].isupper() or w.lower() in small for w in ws)
    )


class _Attributor:
    """Finds the speaker of a quote in the sentences around it."""

    def __init__(self, parsed: Parsed, index: ActorIndex) -> None:
        self.parsed = parsed
        self.index = index

    def speaker(
        self,
        sentence: int,
        quote_spans: Sequence[tuple[int, int]],
        target: tuple[int, int],
    ) -> str | None:
        """The speaker named in ``sentence`` for the quote at ``target``.

        Offsets are local to the sentence; ``quote_spans`` are all quotes in it, whose words
        never name a speaker. When several cues name someone ("Kilmarnock will confirm
        Locke ... 'I'd be over the moon,' said Locke") the one nearest the quote wins.
        """
        doc = self.parsed.docs[sentence]
        text = self.parsed.sentences[sentence].text
        refs = self.index.mentions[sentence] if sentence < len(self.index.mentions) else ()

        def outside(start: int, end: int) -> bool:
            return not any(qs - 1 <= start and end <= qe + 1 for qs, qe in quote_spans)

        def distance(pos: int) -> int:
            if pos < target[0]:
                return target[0] - pos
            return max(0, pos - target[1])

        candidates: list[tuple[int, str]] = []
        for m in re.finditer(r"\baccording to\s+", text, re.I):
            if outside(m.start(), m.end()):
                ref = self._mention_from(sentence, m.end(), m.end() + 60)
                if ref is not None:
                    candidates.append((distance(m.start()), ref.name))
        for t in doc:
            if t.lemma_.lower() not in SPEECH_VERBS or t.pos_ not in ("VERB", "AUX"):
                continue
            if not outside(t.idx, t.idx + len(t.text)):
                continue
            for subj in (c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")):
                if not outside(subj.idx, subj.idx + len(subj.text)):
                    continue
                name = self._resolve(sentence, subj, target[0])
                if name is not None:
                    candidates.append((distance(t.idx), name))
                    break
        for ref in refs:
            # "Marsh: "We will not..."": a name, a colon, then the quote
            if not outside(ref.start, ref.end) or ref.kind not in ("person", "organisation"):
                continue
            before = text[: ref.start].split()[-2:]
            if any(w.lower() in _SPEECH_FORMS or w.lower() == "to" for w in before):
                continue  # "Lambert told BBC Sport: ...": the listener, not the speaker
            if re.match(r"\s*:\s*[\"“‘']", text[ref.end :]):
                candidates.append((distance(ref.end), ref.name))
        if candidates:
            return min(candidates, key=lambda c: c[0])[1]
        return self._nearest_to_verb(sentence, doc, outside)

    def _mention_from(self, sentence: int, start: int, end: int) -> MentionRef | None:
        refs = [r for r in self.index.mentions[sentence] if start <= r.start < end]
        return refs[0] if refs else None

    def _resolve(self, sentence: int, subj: Token, quote_start: int) -> str | None:
        low = subj.lower_
        if low in _PERSON_PRONOUNS:
            return self.index.last_before(sentence, min(quote_start, subj.idx), ("person",))
        if low in _THING_PRONOUNS:
            return self.index.last_before(
                sentence, min(quote_start, subj.idx), ("organisation", "country")
            )
        if subj.pos_ == "PRON":
            return None
        own = self.index.at(sentence, subj.idx, subj.idx + len(subj.text))
        if own is not None:
            return own.name
        for child in subj.children:
            if child.dep_ in ("compound", "flat", "amod") and child.ent_type_:
                ref = self.index.at(sentence, child.idx, child.idx + len(child.text))
                if ref is not None and ref.kind == "person":
                    return ref.name
        by_role = self.index.by_role_word(low) or self.index.by_name_word(low)
        if by_role is not None:
            return by_role
        if low in GENERIC_NOUNS and any(c.lower_ in ("the", "its") for c in subj.children):
            # "the company said": the organisation last named
            return self.index.last_before(sentence, min(quote_start, subj.idx), GENERIC_NOUNS[low])
        # "a spokesman for the Kremlin said": the organisation speaks through them
        left = subj.left_edge.idx
        right = subj.right_edge.idx + len(subj.right_edge.text)
        refs = [r for r in self.index.mentions[sentence] if left <= r.start and r.end <= right]
        return refs[0].name if refs else None

    def _nearest_to_verb(
        self, sentence: int, doc: Doc, outside: Callable[[int, int], bool]
    ) -> str | None:
        """The parse gave no subject: take a person or organisation right next to the verb."""
        for t in doc:
            if t.lower_ not in _SPEECH_FORMS or not outside(t.idx, t.idx + len(t.text)):
                continue
            window = doc[max(0, t.i - 4) : min(len(doc), t.i + 5)]
            best: tuple[int, MentionRef] | None = None
            for ref in self.index.mentions[sentence]:
                if ref.kind not in ("person", "organisation"):
                    continue
                if not outside(ref.start, ref.end):
                    continue
                if window.start_char <= ref.start and ref.end <= window.end_char:
                    distance = min(abs(ref.start - t.idx), abs(ref.end - t.idx))
                    if best is None or distance < best[0]:
                        best = (distance, ref)
            if best is not None:
                return best[1].name
        return None


def find_quotes(parsed: Parsed, index: ActorIndex, limit: int = MAX_QUOTES) -> list[Quote]:
    """The document's quotes of at least ``MIN_WORDS`` words, in reading order."""
    attributor = _Attributor(parsed, index)
    quotes: list[Quote] = []
    seen: set[str] = set()
    # A quote that runs to the end of its paragraph continues in the next one, which opens
    # with a fresh mark; the speaker is often named only there.
    pending: int | None = None
    last: tuple[int, str] | None = None  # (last sentence, speaker) of the previous quote
    for paragraph in _paragraphs(parsed):
        spans = quote_spans(paragraph.text)
        carried = pending
        pending = None
        for span in spans:
            raw = paragraph.text[span.start : span.end]
            text = raw.strip().rstrip(",").rstrip()
            if _word_count(text) < MIN_WORDS or _is_title(text) or text in seen:
                continue
            covered = paragraph.sentences_in(span.start - 1, span.end + 1)
            speaker = _speaker(attributor, paragraph, spans, span, covered)
            if (
                speaker is None
                and last is not None
                and covered[0] - last[0] <= 2
                and _stands_alone(paragraph, spans, covered)
            ):
                # a quote standing alone right after an attributed one goes on with it
                speaker = last[1]
            if speaker is not None:
                last = (covered[-1], speaker)
            seen.add(text)
            if carried is not None and span.start <= 1 and speaker is not None:
                quotes[carried] = Quote(quotes[carried].text, speaker, quotes[carried].citation)
            carried = None
            quotes.append(Quote(text=text, speaker=speaker, citation=parsed.cite(covered[0])))
            if not span.closed and speaker is None:
                pending = len(quotes) - 1
    return quotes[:limit]


def _stands_alone(paragraph: _Paragraph, spans: Sequence[_Span], covered: list[int]) -> bool:
    """Whether the sentences of a quote hold nothing but quoted words."""
    start = min(s for i, s, _ in paragraph.offsets if i == covered[0])
    end = max(e for i, _, e in paragraph.offsets if i == covered[-1])
    chars = list(paragraph.text[start:end])
    for s in spans:
        for k in range(max(s.start, start), min(s.end, end)):
            chars[k - start] = " "
    return not any(c.isalnum() for c in chars)


def _speaker(
    attributor: _Attributor,
    paragraph: _Paragraph,
    spans: Sequence[_Span],
    span: _Span,
    covered: list[int],
) -> str | None:
    # `"...," said X` names the speaker where the quote ends; `X said: "...` where it starts.
    for sentence in [covered[-1], *covered[:-1]]:
        local = [
            (paragraph.local(sentence, s.start), paragraph.local(sentence, s.end))
            for s in spans
            if sentence in paragraph.sentences_in(s.start - 1, s.end + 1)
        ]
        target = (paragraph.local(sentence, span.start), paragraph.local(sentence, span.end))
        speaker = attributor.speaker(sentence, local, target)
        if speaker is not None:
            return speaker
    return None
