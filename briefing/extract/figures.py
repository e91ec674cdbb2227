"""Key figures, key dates and places: the numbers and the geography of a story.

**Figures.** Candidates are spaCy's MONEY, PERCENT, CARDINAL and QUANTITY entities, DATE
entities that are durations ("three years"), and our own patterns for what the small model
misses or cuts short ("£3.2bn", "5%", "245p", "a three-year deal", "won 3-1"). Each is widened
to its currency sign and multiplier ("£" + "3.2bn", "1.5" + "million") and to the unit it counts
in ("40 metres", "0.2 percentage points"). What it measures comes from the dependency parse and
is written with the sentence's own words only, in their order: the noun the number counts
("37 people were killed" → "people killed"), the thing it prices ("a $2bn deal" → "deal"), or the
clause it completes ("inflation rose to 3.1%" → "Inflation rose to"; "agreed to buy its rival
for £3.2bn" → "company agreed to buy its rival"). A number with nothing to say what it measures
is left out rather than guessed at.

Never a figure: years ("in 2004" is a date), ages ("the 58-year-old", "Smith, 58,"), numbers
inside names ("G20", "Boeing 737", "Article 50"), ordinals and clock times, list markers, and
page furniture ("12 comments", "View 8 photos", "1 of 12"). Key ones only: each candidate is
scored by kind (money, percentages and scores first, then measures and digit counts, then counts
in words and durations), by being in a summary sentence, and by position; the best
:data:`MAX_FIGURES` come out **most salient first**.

**Dates.** DATE entities that anchor an event: a weekday, a day of a month, a month, a year or
a relative day ("on Tuesday", "next month", "in March 2005"), with what happened then (the
clause the date belongs to). A date is resolved against the article's publication date where
it has one (:func:`briefing.extract.dates.resolve_date`); ``Figure.date`` is the ISO form, or
``YYYY-MM`` / ``YYYY`` when only that much is given, or ``None``. The best :data:`MAX_DATES`
come out **in reading order**.

**Places.** GPE, LOC and FAC entities counted over the document, with country aliases merged
("U.S." → "United States"); the kind is ``"country"`` from the gazetteer, ``"region"`` for
continents, states and provinces (:data:`REGIONS`) and LOC entities, ``"location"`` for FAC
(buildings, bridges, airports), and ``"city"`` for other GPEs. Seats of government ("the
Kremlin") stand for governments and are actors, not places. The best :data:`MAX_PLACES` come
out **most mentioned first** (ties: first mentioned first), each citing its first mention.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.extract.dates import parse_published, resolve_date
from briefing.extract.gazetteer import (
    COUNTRY_LOOKUP,
    GOVERNMENT_SEATS,
    JUNK_WORDS,
    TITLE_HEADS,
    words,
)
from briefing.extract.nlp import Parsed
from briefing.models import Actor, Figure, Place

if TYPE_CHECKING:
    import datetime as dt

    from spacy.tokens import Doc, Span, Token

__all__ = [
    "MAX_DATES",
    "MAX_FIGURES",
    "MAX_PLACES",
    "find_dates",
    "find_figures",
    "find_places",
    "without_actors",
]

MAX_FIGURES = 6
MAX_DATES = 5
MAX_PLACES = 6
# Words in a label, at most: a label names what a number measures, it does not retell the story.
MAX_LABEL_WORDS = 8

_CURRENCY_SIGNS = {
    "£": "GBP",
    "$": "USD",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "us$": "USD",
    "a$": "AUD",
    "c$": "CAD",
    "hk$": "HKD",
    "nz$": "NZD",
}
_CURRENCY_WORDS = {
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "pence": "GBP",
    "cents": "USD",
}
_MULTIPLIERS = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
_TIME_UNITS = words("second seconds minute minutes hour hours day days week weeks month months")
_TIME_UNITS |= words("year years decade decades century centuries")
# Units a number counts in: the number and its unit are one figure ("40 metres").
_MEASURE_UNITS = words(
    """
    metre metres meter meters m km kilometre kilometres kilometer kilometers mile miles
    foot feet ft inch inches cm mm centimetre centimetres millimetre millimetres yard yards
    tonne tonnes ton tons kg kilogram kilograms kilo kilos pound-weight lb lbs ounce ounces
    gram grams litre litres liter liters gallon gallons barrel barrels
    degree degrees celsius fahrenheit mph kph km/h knot knots
    acre acres hectare hectares sq square
    mw gw kw megawatt megawatts gigawatt gigawatts kilowatt kilowatts kwh mwh gwh twh
    point points basis
    """
)
# Nouns after a number that make it page furniture rather than news.
_FURNITURE = words(
    """
    comment comments share shares view views like likes photo photos picture pictures image
    images video videos reply replies retweet retweets slide slides page pages min mins read
    """
)
# Words that make a score of "3-1" a match result.
_SCORE_WORDS = words(
    """
    win won wins beat beats beaten draw drew drawn lose lost loses defeat defeated victory
    defeat thrash thrashed score scored scoreline lead led trail trailed rout routed
    """
)
# Nouns that head a phrase whose real content follows "of": "a series of agreements".
_OF_HEADS = words(
    """
    series number range set pair group lot package total share stake part majority
    minority half third quarter rest bulk handful couple amount sum cost price value rise
    fall increase decrease drop cut
    """
)
_ENTITY_NAMES = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "NORP"}
)

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_YEAR_ONLY = re.compile(r"^(?:1[5-9]\d\d|20\d\d)s?$")
_MONEY_PATTERN = re.compile(
    r"(?:US|A|C|HK|NZ)?[£$€¥₹]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:bn|billion|m|mn|million|tn|trillion|"
    r"k|thousand)\b)?|\b\d[\d,]*(?:\.\d+)?p\b",
    re.I,
)
_PERCENT_PATTERN = re.compile(
    r"\b\d[\d,]*(?:\.\d+)?\s?(?:%|per\s?cent\b|percent\b|percentage points?\b)", re.I
)
_MULTIPLIED = re.compile(r"\b\d[\d,]*(?:\.\d+)?\s(?:million|billion|trillion)\b", re.I)
_DURATION_PATTERN = re.compile(
    r"\b(?:\d+|" + "|".join(_NUMBER_WORDS) + r")[- ](?:year|month|week|day|hour|minute|decade)s?"
    r"(?:-long)?\b(?!-old| old| ago|-year-old)",
    re.I,
)
_SCORE_PATTERN = re.compile(r"(?<![\d/.:-])\b\d{1,2}-\d{1,2}\b(?![\d/.:-])")
_GALLERY = re.compile(r"\b\d+\s+(?:of|/)\s+\d+\b")


@dataclass(frozen=True)
class _Candidate:
    position: int
    start: int  # token index in the sentence's doc
    end: int
    kind: str


# --------------------------------------------------------------------------- shared helpers


def _junk_sentence(doc: Doc) -> bool:
    """Page furniture that survived cleaning: a widget line, a caption counter, a fragment."""
    tokens = [t for t in doc if not t.is_punct and not t.is_space]
    if len(tokens) < 4:
        return True
    lowered = {t.lower_ for t in tokens}
    if lowered <= (JUNK_WORDS | _FURNITURE | words("on via to and or the")):
        return True
    if not any(t.pos_ in ("VERB", "AUX") for t in doc):
        return True  # a caption or a heading: no clause to say what a number measures
    return bool(_GALLERY.search(doc.text)) and len(tokens) < 8


def _join(tokens: Iterable[Token]) -> str:
    """Tokens in sentence order as text; neighbours keep their own spacing."""
    ordered = sorted(set(tokens), key=lambda t: t.i)
    out = ""
    previous: Token | None = None
    for t in ordered:
        if previous is not None:
            if t.i == previous.i + 1:
                out += previous.whitespace_
            else:
                out += " "
        out += t.text
        previous = t
    return out.strip(" ,;:-–—")


def _noun_phrase(noun: Token, exclude: set[int], *, short: bool = False) -> list[Token]:
    """A noun with its determiners, possessives, adjectives and compounds ("its rival").

    ``short`` keeps a name to the name itself ("Vladimir Putin", not "Russian President
    Vladimir Putin"): a subject only has to say who, the actors list says the rest.
    """
    keep = [noun]
    if short and noun.pos_ == "PROPN":
        for child in noun.lefts:
            if (
                child.dep_ == "compound"
                and child.pos_ == "PROPN"
                and child.lower_ not in TITLE_HEADS
                and child.i not in exclude
            ):
                keep.append(child)
        return keep
    for child in noun.lefts:
        if child.i in exclude or child.like_num:
            continue
        if child.dep_ == "det" and child.i + 1 in exclude:
            continue  # "a" of "a $2bn deal" reads wrong once "$2bn" is gone
        if child.dep_ in ("det", "poss", "amod", "compound", "nmod", "nummod", "neg"):
            if child.dep_ in ("amod", "compound", "nmod") and any(
                t.i in exclude or t.like_num for t in child.subtree
            ):
                continue  # "£3.2bn" itself hangs here, or "three-year"
            keep.extend(
                t
                for t in child.subtree
                if t.i not in exclude
                and not t.like_num
                and (not t.is_punct or (t.text in ("-", "–") and not t.whitespace_))
            )
    if noun.lower_ in _OF_HEADS:
        for child in noun.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "in", "on"):
                objects = [c for c in child.children if c.dep_ == "pobj" and c.i not in exclude]
                if objects:
                    keep.append(child)
                    keep.extend(_noun_phrase(objects[0], exclude))
                break
    return keep


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head  # "Marsh, who has led the coalition since 2021"
            return child
    # "agreed to buy": the subject of "buy" is the subject of "agreed"
    if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        head = verb.head
        if head.pos_ == "ADJ" and head.dep_ == "amod" and head.head.pos_ in ("NOUN", "PROPN"):
            return head.head  # "The plant, due to open in 2028"
        if head.pos_ == "ADJ" and head.dep_ == "acomp":
            return _subject(head.head)  # "The plant is due to open"
        return _subject(head)
    return None


def _subject_phrase(subject: Token, exclude: set[int], *, modifiers: bool = True) -> list[Token]:
    keep = _noun_phrase(subject, exclude, short=True)
    # Every conjunct, with the commas and the last "and" between them: "Australia, New
    # Zealand and Pacific island nations", never "Australia New Zealand and".
    conjuncts = [c for c in subject.conjuncts if c.i > subject.i and c.i not in exclude]
    if conjuncts:
        heads = {subject.i, *(c.i for c in conjuncts)}
        for conjunct in conjuncts:
            keep.extend(_noun_phrase(conjunct, exclude, short=True))
        between = subject.doc[subject.i + 1 : max(heads)]
        keep.extend(t for t in between if t.head.i in heads and t.text == ",")
        keep.extend([t for t in between if t.head.i in heads and t.dep_ == "cc"][-1:])
    for child in subject.children:
        if (
            modifiers
            and child.dep_ == "prep"
            and child.lower_ in ("in", "of", "for")
            and child.i > subject.i
        ):
            objects = [c for c in child.children if c.dep_ == "pobj" and c.i not in exclude]
            if objects:  # "Shares in the firm jumped", "A call for proposals is due"
                keep.append(child)
                keep.extend(_noun_phrase(objects[0], exclude))
    return keep


def _verb_group(verb: Token, exclude: set[int]) -> list[Token]:
    """A verb with its modal, negation and particle, and the verb it completes ("agreed to")."""
    keep = [verb]
    auxiliaries = []
    for child in verb.children:
        if child.i in exclude:
            continue
        if child.dep_ in ("neg", "prt") or (
            child.dep_ == "aux" and (child.tag_ == "MD" or child.lower_ == "to")
        ):
            keep.append(child)
        elif child.dep_ in ("aux", "auxpass") and child.i < verb.i:
            auxiliaries.append(child)
    if len(keep) > 1 and any(t.tag_ == "MD" or t.lower_ == "to" for t in keep):
        keep.extend(auxiliaries)  # "would be held" reads; "were killed" → "killed" does too
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i and head.pos_ in ("VERB", "AUX"):
        keep.extend(_verb_group(head, exclude))
    return keep


def _clause_label(verb: Token, exclude: set[int], *, with_object: bool) -> list[Token]:
    """Subject, verb and (when asked) its object: "company agreed to buy its rival"."""
    keep = _verb_group(verb, exclude)
    subject = _subject(verb)
    if with_object:
        keep.extend(_object(verb, exclude))
    if subject is not None and subject.i not in exclude and subject.pos_ != "PRON":
        # A long subject gives way: the verb and its object say what the number is about.
        for phrase in (
            _subject_phrase(subject, exclude),
            _subject_phrase(subject, exclude, modifiers=False),
            [subject],
        ):
            if len(set(phrase)) + len(set(keep)) <= MAX_LABEL_WORDS:
                return phrase + keep
        return keep
    if subject is not None and subject.i not in exclude and subject.lower_ not in ("it", "this"):
        keep = [subject, *keep]
    return keep


def _object(verb: Token, exclude: set[int]) -> list[Token]:
    """The verb's object ("its rival"), or else its first prepositional object."""
    objects = [
        c
        for c in verb.children
        if c.dep_ in ("dobj", "attr") and c.i not in exclude and not _quantity(c)
    ]
    if objects:
        return _noun_phrase(objects[0], exclude)
    return _prep_object(verb, exclude)


def _prep_object(verb: Token, exclude: set[int]) -> list[Token]:
    """The first prepositional object after a verb: "pulled out of the deal"."""
    for child in verb.rights:
        if child.dep_ != "prep" or child.i in exclude:
            continue
        chain = [child]
        node = child
        while True:
            pobj = [c for c in node.children if c.dep_ == "pobj" and c.i not in exclude]
            if pobj and (_quantity(pobj[0]) or pobj[0].ent_type_ in ("DATE", "TIME")):
                break  # "rose to 3.1%", "voted on Wednesday": not what the clause is about
            if pobj:
                return chain + _noun_phrase(pobj[0], exclude)
            inner = [c for c in node.children if c.dep_ == "prep" and c.i not in exclude]
            if not inner:
                break
            node = inner[0]
            chain.append(node)
    return []


def _quantity(token: Token) -> bool:
    """A number, or a unit or sign that a number hangs on ("%", "metres", "$")."""
    if token.like_num or any(c.isdigit() for c in token.text):
        return True
    if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL") or token.text == "%":
        return True
    return any(c.like_num and c.dep_ in ("nummod", "compound") for c in token.children)


def _label(tokens: list[Token]) -> str | None:
    if not tokens:
        return None
    ordered = sorted(set(tokens), key=lambda t: t.i)
    if len(ordered) > MAX_LABEL_WORDS:
        # Keep the end: the verb and what it acts on say more than a long subject.
        ordered = ordered[-MAX_LABEL_WORDS:]
    named = any(t.pos_ in ("NOUN", "PROPN") and len(t.text) > 1 for t in ordered)
    if not named and not (
        any(t.pos_ == "PRON" for t in ordered) and any(t.pos_ == "VERB" for t in ordered)
    ):
        return None  # a bare verb ("compared") or pronoun ("it") says nothing on its own
    text = _join(ordered)
    if not any(c.isalpha() for c in text):
        return None
    return text


# --------------------------------------------------------------------------- figures


def _widen(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Take in the currency sign before and the multiplier, percent sign or unit after."""
    while start > 0 and doc[start - 1].lower_ in _CURRENCY_SIGNS:
        start -= 1
    while end < len(doc):
        low = doc[end].lower_
        following = doc[end + 1].lower_ if end + 1 < len(doc) else ""
        if (low in _MULTIPLIERS and low not in ("m", "b", "k")) or low in ("%", "percent"):
            end += 1
        elif (low, following) in _TWO_WORD_UNITS:
            end += 2
        elif (
            low in _MEASURE_UNITS | _TIME_UNITS
            and doc[end - 1].like_num
            and doc[end - 1].head.i == end
        ):
            end += 1
        elif (
            low in ("-", "–")
            and not doc[end - 1].whitespace_
            and doc[end - 1].like_num
            and end + 1 < len(doc)
            and doc[end + 1].lower_ in _MEASURE_UNITS
        ):
            end += 2  # "200-millimetre"
        elif low in _CURRENCY_WORDS and doc[end - 1].like_num:
            end += 1
        else:
            break
    return start, end


_TWO_WORD_UNITS = frozenset(
    {("per", "cent"), ("percentage", "point"), ("percentage", "points"), ("basis", "points")}
)


def _candidates(position: int, doc: Doc) -> list[_Candidate]:
    spans: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY"):
            spans.append((ent.start, ent.end, ent.label_))
        elif ent.label_ == "DATE" and _DURATION_PATTERN.fullmatch(_strip_qualifier(ent.text)):
            spans.append((ent.start, ent.end, "DURATION"))
    text = doc.text
    for pattern, label in (
        (_MONEY_PATTERN, "MONEY"),
        (_PERCENT_PATTERN, "PERCENT"),
        (_MULTIPLIED, "CARDINAL"),
        (_DURATION_PATTERN, "DURATION"),
        (_SCORE_PATTERN, "SCORE"),
    ):
        for m in pattern.finditer(text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                spans.append((span.start, span.end, label))
    # Widen each span, then let overlapping spans become one: the widest decides the kind,
    # except that money and percent win over a plain count of the same digits.
    widened = sorted(
        ((*_widen(doc, s, e), label) for s, e, label in spans), key=lambda x: (x[0], -x[1])
    )
    merged: list[tuple[int, int, str]] = []
    for start, end, label in widened:
        if merged and start < merged[-1][1]:
            first, last_end, last_label = merged[-1]
            better = label if _PRIORITY[label] > _PRIORITY[last_label] else last_label
            merged[-1] = (first, max(last_end, end), better)
            continue
        merged.append((start, end, label))
    return [
        _Candidate(position, start, end, _kind(doc[start:end].text, label))
        for start, end, label in merged
    ]


def _kind(text: str, label: str) -> str:
    """The figure's kind; the words decide over the model ("80 per cent" is not MONEY)."""
    if label == "SCORE":
        return "score"
    if _PERCENT_PATTERN.search(text):
        return "percent"
    low = text.lower()
    if re.search(r"[£$€¥₹]|\d+p\b", text) or any(
        re.search(rf"\b{w}\b", low) for w in _CURRENCY_WORDS
    ):
        return "money"
    if label == "MONEY":
        return "count"  # a MONEY entity with no currency in it
    return _KIND_OF_LABEL[label]


_PRIORITY = {"SCORE": 5, "MONEY": 4, "PERCENT": 3, "QUANTITY": 2, "DURATION": 1, "CARDINAL": 0}
_KIND_OF_LABEL = {
    "SCORE": "score",
    "MONEY": "money",
    "PERCENT": "percent",
    "QUANTITY": "measure",
    "DURATION": "duration",
    "CARDINAL": "count",
}


def _strip_qualifier(text: str) -> str:
    return re.sub(
        r"^(?:at least|at most|more than|less than|fewer than|up to|about|around|nearly|"
        r"almost|some|roughly|approximately|over|under|the|a|an)\s+",
        "",
        text.strip(),
        flags=re.I,
    )


def _value_and_unit(text: str, kind: str) -> tuple[float | None, str | None]:
    low = text.lower()
    unit: str | None = None
    if kind == "money":
        sign = re.search(r"(?:us|a|c|hk|nz)?[£$€¥₹]", low)
        if sign:
            unit = _CURRENCY_SIGNS.get(sign.group(0))
        else:
            for word, code in _CURRENCY_WORDS.items():
                if re.search(rf"\b{word}\b", low):
                    unit = code
                    break
            if unit is None and re.search(r"\d+p\b", low):
                unit = "GBP"
    elif kind == "percent":
        unit = "percentage points" if "point" in low else "%"
    elif kind in ("measure", "duration", "count"):
        for word in reversed(re.findall(r"[a-z/]+", low)):
            if word in _MEASURE_UNITS or word in _TIME_UNITS:
                unit = re.sub(r"(?<=[^s])s$", "", word) if word not in ("celsius", "mph") else word
                kind = "measure" if kind == "count" and word not in _TIME_UNITS else kind
                break
    if kind == "score":
        return None, None
    number = _NUMBER.search(text)
    value: float | None
    if number:
        try:
            value = float(number.group(0).replace(",", ""))
        except ValueError:
            return None, unit
        after = low[number.end() :].strip()
        first = re.match(r"[a-z]+", after)
        # "m", "b", "k" multiply money only ("$5m"); elsewhere they are units ("5 m")
        if (
            first
            and first.group(0) in _MULTIPLIERS
            and (first.group(0) not in ("m", "b", "k") or kind == "money")
        ):
            value *= _MULTIPLIERS[first.group(0)]
        if kind == "money" and re.fullmatch(r".*\d+p", low.strip()) and unit == "GBP":
            value /= 100  # pence
    else:
        found = [_NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", low) if w in _NUMBER_WORDS]
        value = float(found[0]) if len(found) == 1 else None
    return value, unit


_FRACTION = re.compile(r"\b(?:halves|thirds?|quarters|fifths|tenths)\b", re.I)
_CLOCK_WORDS = words("gmt bst utc cet cest est edt pst pdt et pt am pm a.m. p.m. hrs hours")


def _converted(doc: Doc, start: int) -> bool:
    """A conversion in brackets after another figure: "$900m (£479m)", "($10.7bn; 8.2bn euros)"."""
    k = start - 1
    while k >= 0 and doc[k].text not in ("(", ")", "["):
        k -= 1
    if k < 1 or doc[k].text == ")":
        return False
    previous = doc[k - 1]
    return (
        previous.like_num
        or previous.ent_type_ in ("MONEY", "PERCENT", "QUANTITY")
        or previous.lower_ in _CURRENCY_WORDS
        or any(c.isdigit() for c in previous.text)
    )


def _excluded(doc: Doc, start: int, end: int, kind: str) -> bool:
    """Years, ages, names, list markers, clock times and page furniture: never key figures."""
    span = doc[start:end]
    text = _strip_qualifier(span.text)
    if kind in ("count", "duration") and _YEAR_ONLY.match(text):
        return True
    for t in span:
        # A number inside a name ("G20", "Boeing 737"); the model tags "245p" a PRODUCT, so
        # that label only counts against plain counts.
        if t.ent_type_ in ("TIME", "ORDINAL") or (
            t.ent_type_ in _ENTITY_NAMES
            and (kind in ("count", "measure") or t.ent_type_ != "PRODUCT")
        ):
            return True
    last = doc[end - 1]
    after = doc[end] if end < len(doc) else None
    before = doc[start - 1] if start > 0 else None
    if after is not None and (after.lower_ in _FURNITURE or after.lower_ in ("-old", "old")):
        return True
    if after is not None and after.text in ("-", "–") and end + 1 < len(doc):
        if doc[end + 1].lower_ in ("old", "year"):
            return True  # "58-year-old"
        if not last.whitespace_ and doc[end + 1].lower_ not in _MEASURE_UNITS | _TIME_UNITS:
            return True  # "two-person crews", "a two-way street": part of a word
    if re.search(r"-?year-old|years? old", doc[start : min(len(doc), end + 3)].text, re.I):
        return True
    if before is not None and before.lower_ in ("no", "no.", "number", "#"):
        return True
    if any(t.lower_ in ("aged", "age", "ages") for t in doc[max(0, start - 3) : start]):
        return True  # "aged just 13"
    if after is not None and after.text.startswith("/"):
        return True  # odds ("100/1") and fractions
    if _FRACTION.search(doc[start : min(len(doc), end + 2)].text):
        return True  # "two-thirds of": a share, not a count
    if text[:1].isupper() and text.isalpha() and start > 0:
        return True  # "the Six Nations": part of a name
    if after is not None and after.lower_ in _CLOCK_WORDS:
        return True  # "by 1200 GMT"
    if before is not None and before.text in ("-", "–") and not before.whitespace_:
        return True  # "a top-six place": part of a word
    if (
        kind == "count"
        and before is not None
        and (before.ent_type_ == "ORDINAL" or before.lower_ in ("top", "last", "next", "in"))
    ):
        return True  # "the first six games", "one in five": not an amount
    if _converted(doc, start):
        return True
    if kind == "count":
        # "Smith, 58, said": an age in apposition; "(58)": the same in brackets
        if (
            before is not None
            and after is not None
            and before.text in (",", "(")
            and after.text in (",", ")")
            and start >= 2
            and doc[start - 2].ent_type_ == "PERSON"
        ):
            return True
        head = last.head
        if head.pos_ == "PROPN" and head.i < start:
            return True  # "Article 50", "Flight 17"
        if start == 0 and after is not None and after.text in (".", ")"):
            return True  # a list marker
        if re.search(r"\d{3,}[- ]\d{3,}|\d:\d\d", doc[max(0, start - 1) : end + 1].text):
            return True  # a phone number or a clock time
        if text.lower() in ("one", "1", "a", "an", "zero", "0", "two", "three"):
            return True  # "two large factors", "three caddies": too small to be key in words
        if re.fullmatch(r"(?:\d0s|\d{2}0s|[a-z]+ties)", text.lower()):
            return True  # "the 90s", "the 1990s", "the forties": decades
        if before is not None and before.lower_ in ("the", "both", "these", "those", "all"):
            return True  # "the two leaders" points back at people already named
    if kind == "score":
        window = {t.lemma_.lower() for t in doc} | {t.lower_ for t in doc}
        if not window & _SCORE_WORDS:
            return True
    return False


_NOUN_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj"})


def _counted_noun(span: Span, exclude: set[int]) -> tuple[Token, Token] | None:
    """The noun a number counts or prices, and the token whose role places it in the clause.

    "37 people were killed" → (people, people); "12 of the 40 passengers" → (passengers, 12);
    "a $2bn deal" → (deal, deal).
    """
    root = span.root
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "compound", "nmod", "amod") and head.i not in exclude:
        # the tagger sometimes takes a noun for an adjective ("a $5 billion fine"); its role
        # in the clause gives it away
        nounish = head.pos_ in ("NOUN", "PROPN") or head.dep_ in _NOUN_ROLES
        if nounish and head.i != root.i and not head.like_num:
            return head, head
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":  # "12 of the 40 passengers"
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                    return pobj, root
    return None


def _measures(span: Span) -> str | None:
    """What the figure measures, in the sentence's words, or None when the parse cannot say."""
    exclude = set(range(span.start, span.end))
    root = span.root
    if root.dep_ == "npadvmod" and root.head.lower_ == "worth":
        worth = root.head
        owner = next((c for c in worth.children if c.dep_ == "nsubj"), worth.head)
        if owner.pos_ in ("NOUN", "PROPN") and owner.i != worth.i:
            # "a deal worth $2bn", "The deal, worth $2bn, will ...", "with trade worth $3bn"
            return _label(_noun_phrase(owner, exclude))
    counted = _counted_noun(span, exclude)
    if counted is not None:
        noun, role = counted
        phrase = _noun_phrase(noun, exclude)
        verb = role.head
        if role.dep_ in ("nsubj", "nsubjpass") and verb.pos_ in ("VERB", "AUX"):
            if verb.lemma_ == "be":
                return _label(phrase)
            # "37 people were killed" → "people killed": the auxiliary adds nothing
            return _label(phrase + _verb_group(verb, exclude))
        if role.dep_ in ("dobj",) and verb.pos_ in ("VERB", "AUX"):
            return _label(_clause_label(verb, exclude, with_object=False) + phrase)
        if role.dep_ == "pobj" and verb.dep_ == "prep" and verb.head.pos_ in ("VERB", "NOUN"):
            owner = verb.head
            # "invested in 300 schools": the verb and its preposition; "a fine of $5bn": the noun
            if owner.pos_ == "VERB":
                # "provides similar software to about 40 local authorities": with the object
                # when it fits, since "provides to local authorities" does not read
                objects = [c for c in owner.children if c.dep_ == "dobj" and c.i not in exclude]
                thing = _noun_phrase(objects[0], exclude, short=True) if objects else []
                tokens = [*_verb_group(owner, exclude), *thing, verb, *phrase]
                if len(set(tokens)) > MAX_LABEL_WORDS:
                    tokens = [*_verb_group(owner, exclude), verb, *phrase]
                return _label(tokens)
        return _label(phrase)
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "prep":
        owner = head.head
        if owner.pos_ in ("VERB", "AUX"):
            if head.lower_ in ("to", "by", "from", "at", "of", "around", "above", "below"):
                # "Inflation rose to 3.1%": the subject is what the number measures
                has_object = any(c.dep_ == "dobj" for c in owner.children)
                tokens = _clause_label(owner, exclude, with_object=has_object)
                return _label([*tokens, head])
            # "agreed to buy its rival for £3.2bn": what is bought
            return _label(_clause_label(owner, exclude, with_object=True))
        if owner.pos_ in ("NOUN", "PROPN"):
            phrase = _noun_phrase(owner, exclude)
            # "a rise in inflation of 3%": the noun and what it is of
            for child in owner.children:
                if child.dep_ == "prep" and child.i < head.i and child.lower_ in ("in", "of"):
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects and objects[0].i not in exclude:
                        phrase += [child, *_noun_phrase(objects[0], exclude)]
                        break
            return _label(phrase)
        if owner.pos_ == "ADJ" and owner.head.pos_ in ("NOUN", "PROPN"):
            return _label(_noun_phrase(owner.head, exclude))
        return None
    if root.dep_ in ("dobj", "attr", "npadvmod", "advmod", "nsubj", "nsubjpass", "oprd", "acomp"):
        if head.pos_ == "ADJ" and head.lower_ == "worth":
            verb = head.head
            if verb.pos_ in ("VERB", "AUX"):
                return _label([*_clause_label(verb, exclude, with_object=False), head])
        if head.pos_ in ("VERB", "AUX"):
            if root.dep_ in ("nsubj", "nsubjpass"):
                return _label(_verb_group(head, exclude)) if head.lemma_ != "be" else None
            if head.lemma_ == "be" and root.like_num:
                return None  # "she was 13", "Silvonek was not 17": an age, not an amount
            if head.lemma_ == "be":
                subject = _subject(head)
                return _label(_subject_phrase(subject, exclude)) if subject is not None else None
            return _label(_clause_label(head, exclude, with_object=root.dep_ != "dobj"))
    if root.dep_ == "appos" and head.pos_ in ("NOUN", "PROPN"):
        return _label(_noun_phrase(head, exclude))
    return None


_KIND_WEIGHT = {
    "money": 3.0,
    "percent": 3.0,
    "score": 3.0,
    "measure": 2.0,
    "count": 2.0,
    "duration": 0.5,
}


def find_figures(
    parsed: Parsed,
    summary_indices: Sequence[int] = (),
    limit: int = MAX_FIGURES,
    *,
    quoted: Sequence[Sequence[tuple[int, int]]] | None = None,
) -> list[Figure]:
    """Up to ``limit`` key numbers, most salient first, each with what it measures.

    ``quoted`` is :func:`quoted_spans` of ``parsed`` when the caller has it already."""
    summary = set(summary_indices)
    total = max(1, len(parsed.sentences))
    scored: list[tuple[float, int, int, Figure]] = []
    if quoted is None:
        quoted = quoted_spans(parsed)
    for position, _sentence, doc in parsed.pairs():
        if _junk_sentence(doc):
            continue
        for candidate in _candidates(position, doc):
            start, end, kind = candidate.start, candidate.end, candidate.kind
            if _excluded(doc, start, end, kind):
                continue
            span = doc[start:end]
            if any(a <= span.start_char < b for a, b in quoted[position]):
                # "a problem we have known how to prevent for twenty years": the speaker's
                # words, which the quotes section carries, as with key dates
                continue
            if re.fullmatch(r"[a-z]+(?:-[a-z]+)+", span.text.lower()) and any(
                t.dep_ in ("amod", "compound", "nummod") and t.head.i >= end for t in span
            ):
                continue  # "a three-day meeting": a description, not a figure to report
            measures = _measures(span)
            if not measures:
                continue
            text = span.text.strip(" ,.;:")
            value, unit = _value_and_unit(text, kind)
            if value is None and kind != "score":
                continue  # "a quarter of a point", "multi-million pound": no number to report
            if kind == "count" and unit is not None:
                kind = "duration" if unit in _TIME_UNITS or unit + "s" in _TIME_UNITS else "measure"
            weight = _KIND_WEIGHT[kind]
            if kind == "count" and not any(c.isdigit() for c in text):
                weight = 1.0  # "three leaders": a number in words is rarely the news
            score = weight + (2.0 if position in summary else 0.0) + 1.5 * (1 - position / total)
            figure = Figure(text, kind, value, unit, measures, parsed.cite(position))
            scored.append((score, position, start, figure))
    out: list[Figure] = []
    seen: set[str] = set()
    for _, _, _, figure in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
        # The same figure twice is a caption or a recap repeating the story: keep the best.
        key = figure.text.casefold()
        if key in seen:
            continue
        if figure.kind == "duration" and any(f.kind == "duration" for f in out):
            continue  # "a two-day summit", "over ten years": one such is plenty
        seen.add(key)
        out.append(figure)
        if len(out) >= limit:
            break
    return out


# --------------------------------------------------------------------------- dates

_DATE_ANCHOR = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|yesterday|"
    r"tomorrow|january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|1[5-9]\d\d|20\d\d|"
    r"(?:next|last|this|coming) (?:week|month|year|spring|summer|autumn|fall|winter|weekend))\b",
    re.I,
)
# Dates that anchor nothing: "recent years", "the past decade", ages and durations.
_VAGUE_DATE = re.compile(
    r"\b(?:years?|months?|weeks?|days?|decades?|centur(?:y|ies)) (?:ago|old|earlier|later)\b|"
    r"\b(?:recent|past|previous|coming) (?:years|months|weeks|days|decades)\b|year-old|"
    r"^(?:annual|daily|weekly|monthly|yearly)$|\bseason\b",
    re.I,
)
_MONTH_YEAR = re.compile(
    r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+(1[5-9]\d\d|20\d\d)\b",
    re.I,
)
_MONTH_NUMBERS = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}
_FUTURE_WORDS = words(
    # "said the government would hold ... on Saturday": a future seen from when it was said
    "will would shall next coming upcoming expected due set plans plan scheduled"
)
_REPORTING = words("say tell add report write note comment warn claim insist argue explain")
_DAY_PARTS = words("morning afternoon evening night weekend overnight")
_RELATIVE_PERIOD = re.compile(r"^(next|last|this|coming)\s+(month|year)$", re.I)
_MONTH_ONLY = re.compile(
    r"^(?:early |late |mid-?)?(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|"
    r"july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$",
    re.I,
)


def _iso(expression: str, published: dt.date | None, future: bool) -> str | None:
    resolved = resolve_date(expression, published, future=future)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", resolved):
        return resolved
    m = _MONTH_YEAR.search(expression)
    if m:
        return f"{int(m[2]):04d}-{_MONTH_NUMBERS[m[1][:3].lower()]:02d}"
    if published is not None:
        relative = _RELATIVE_PERIOD.match(expression.strip())
        if relative:
            step = {"next": 1, "coming": 1, "last": -1, "this": 0}[relative[1].lower()]
            if relative[2].lower() == "year":
                return f"{published.year + step:04d}"
            months = published.year * 12 + published.month - 1 + step
            return f"{months // 12:04d}-{months % 12 + 1:02d}"
        month = _MONTH_ONLY.match(expression.strip())
        if month:
            # A month with no year is the nearest one on the side the tense points to.
            number = _MONTH_NUMBERS[month[1][:3].lower()]
            year = published.year
            if future and number < published.month:
                year += 1
            elif not future and number > published.month:
                year -= 1
            return f"{year:04d}-{number:02d}"
    years = re.findall(r"\b(1[5-9]\d\d|20\d\d)\b", expression)
    if len(years) == 1 and not re.search(r"\d{4}s\b", expression):
        return years[0]
    return None


def _event(ent: Span) -> list[Token] | None:
    """The clause a date belongs to, as label tokens: "Putin and Xi signed a series of ..."."""
    exclude = set(range(ent.start, ent.end))
    root = ent.root
    while root.dep_ == "compound" and root.head.lower_ in _DAY_PARTS:
        exclude.add(root.head.i)  # "Friday afternoon": the date is both words
        root = root.head
    node = root.head if root.dep_ == "pobj" else root
    if node.dep_ == "prep":
        exclude.add(node.i)
        node = node.head
    elif root.dep_ in ("npadvmod", "tmod", "nmod", "compound"):
        node = root.head
    else:
        return None
    if node.lemma_.lower() in _REPORTING:
        return None  # "..., the FTC said on Wednesday": when it was said, not what happened
    if node.pos_ in ("VERB", "AUX"):
        if node.lemma_ == "be":
            subject = _subject(node)
            if subject is None:
                return None
            # "A first call for proposals is due (in September)": what it is, not just "A call"
            states = [c for c in node.children if c.dep_ == "acomp" and c.i not in exclude]
            return _subject_phrase(subject, exclude) + ([node, states[0]] if states else [])
        return _clause_label(node, exclude, with_object=True)
    if node.pos_ in ("NOUN", "PROPN"):
        # "won the Cup for the first time in 31 years on Saturday", "shipping robots to the
        # warehouse in June": a date hung on a verb's object or prepositional phrase dates
        # what the verb tells, not the noun ("the time", "the warehouse").
        verb = node
        while verb.dep_ in ("pobj", "prep", "dobj", "npadvmod") and verb.head.i != verb.i:
            verb = verb.head
        if (
            verb.pos_ in ("VERB", "AUX")
            and verb.lemma_ != "be"
            and verb.lemma_.lower() not in _REPORTING
        ):
            return _clause_label(verb, exclude, with_object=True)
        return _noun_phrase(node, exclude)
    return None


_CLOSING_MARK = re.compile(r"(?<=\S)[\"”’'](?=[\s,.;:!?)]|$)")


def quoted_spans(parsed: Parsed) -> list[list[tuple[int, int]]]:
    """For each sentence, the character spans that are quoted words.

    Quotations are paired across sentences, so the middle of a long quotation counts too:
    a sentence that starts inside one is quoted up to its first closing mark.
    """
    from briefing.extract.quotes import quote_spans
    from summarizers.quality import quote_states

    texts = [s.text for s in parsed.sentences]
    spans: list[list[tuple[int, int]]] = []
    for text, (inside, _opens) in zip(texts, quote_states(texts), strict=True):
        found = [(span.start, span.end) for span in quote_spans(text)]
        if inside:
            close = _CLOSING_MARK.search(text)
            end = close.start() if close else len(text)
            if not found or found[0][0] > end:
                found.insert(0, (0, end))
        spans.append(found)
    return spans


def find_dates(
    parsed: Parsed,
    summary_indices: Sequence[int] = (),
    limit: int = MAX_DATES,
    *,
    quoted: Sequence[Sequence[tuple[int, int]]] | None = None,
) -> list[Figure]:
    """Up to ``limit`` dates that anchor events, in reading order, each with what happened.

    ``quoted`` is :func:`quoted_spans` of ``parsed`` when the caller has it already."""
    published = parse_published(parsed.document.article.published)
    summary = set(summary_indices)
    total = max(1, len(parsed.sentences))
    scored: list[tuple[float, int, Figure]] = []
    if quoted is None:
        quoted = quoted_spans(parsed)
    for position, _sentence, doc in parsed.pairs():
        if _junk_sentence(doc):
            continue
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            if any(a <= ent.start_char < b for a, b in quoted[position]):
                # A speaker's "today" or "in 2021 we measured" is the speaker's time and
                # words; the quotes section carries them.
                continue
            if ent.text.lower() in ("today", "now", "nowadays") and ent.root.head.tag_ in (
                "VBP",
                "VBZ",
            ):
                continue  # "Most warehouse robots today move shelves": these days, no date
            text = re.sub(
                r"^(?:(?:on|in|at|by|from|since|until|least)\s+)+",
                "",
                ent.text.strip(),
                flags=re.I,
            )
            if not _DATE_ANCHOR.search(text) or _VAGUE_DATE.search(text):
                continue
            if _DURATION_PATTERN.fullmatch(_strip_qualifier(text)):
                continue
            tokens = _event(ent)
            measures = _label(tokens) if tokens else None
            if not measures or len(measures.split()) < 2:
                continue  # "Skilful", "results": one word is not an event
            if tokens and not any(t.pos_ in ("VERB", "NOUN") for t in tokens):
                continue  # "Abase Hussen": a name is not what happened
            # The tense of the sentence up to the date: "are expected to sign ... on Friday"
            future = (
                any(t.lower_ in _FUTURE_WORDS for t in doc[: ent.start])
                or bool(re.match(r"(?:next|coming)\b", text, re.I))
                # a deadline: "agreed to conclude a deal by June"
                or (ent.start > 0 and doc[ent.start - 1].lower_ in ("by", "until", "till"))
            )
            iso = _iso(text, published, future)
            score = (
                (2.0 if iso and len(iso) == 10 else 1.0 if iso else 0.0)
                + (2.0 if position in summary else 0.0)
                + 1.0 * (1 - position / total)
            )
            figure = Figure(text, "date", None, None, measures, parsed.cite(position), date=iso)
            scored.append((score, position * 1000 + ent.start, figure))
    best: list[tuple[int, Figure]] = []
    seen: set[tuple[str, str]] = set()
    for _, order, figure in sorted(scored, key=lambda x: (-x[0], x[1])):
        key = ((figure.date or figure.text).casefold(), figure.measures.casefold())
        if key in seen:
            continue
        seen.add(key)
        best.append((order, figure))
        if len(best) >= limit:
            break
    return [figure for _, figure in sorted(best, key=lambda x: x[0])]


# --------------------------------------------------------------------------- places


def _region_names() -> frozenset[str]:
    multi = {
        "north america",
        "south america",
        "latin america",
        "middle east",
        "central asia",
        "east asia",
        "south asia",
        "southeast asia",
        "south-east asia",
        "west africa",
        "east africa",
        "north africa",
        "sub-saharan africa",
        "western europe",
        "eastern europe",
        "central europe",
        "west bank",
        "new hampshire",
        "new jersey",
        "new mexico",
        "new york state",
        "north carolina",
        "north dakota",
        "rhode island",
        "south carolina",
        "south dakota",
        "west virginia",
        "british columbia",
        "nova scotia",
        "new brunswick",
        "new south wales",
        "western australia",
        "south australia",
    }
    single = words(
        """
        africa asia europe antarctica oceania gulf balkans caribbean scandinavia arctic
        pacific atlantic mediterranean sahel donbas crimea gaza kashmir
        alabama alaska arizona arkansas california colorado connecticut delaware florida
        hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
        massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio
        oklahoma oregon pennsylvania tennessee texas utah vermont virginia wisconsin wyoming
        ontario quebec alberta manitoba saskatchewan queensland victoria tasmania
        saxony brandenburg hesse thuringia lombardy tuscany sicily sardinia andalusia
        flanders wallonia normandy brittany provence alsace galicia
        bavaria catalonia tibet xinjiang siberia kurdistan punjab bengal yorkshire cornwall
        kent essex surrey devon lancashire merseyside
        """
    )
    return frozenset(multi) | single


#: Continents, world regions, and states and provinces: places that are neither countries
#: nor cities (lower case).
REGIONS: frozenset[str] = _region_names()


_NAME_PARTICLES = words("of the de du des la le di da del van von upon on and")
# Names that keep their article: "The Hague" is not "Hague".
_THE_NAMES = words("hague")


def _place_name(ent: Span) -> str:
    tokens = list(ent)
    while tokens and tokens[0].lower_ in ("the", "a", "an"):
        if len(tokens) > 1 and tokens[1].lower_ in _THE_NAMES:
            break
        tokens = tokens[1:]
    if tokens and tokens[0].lower_ in _THE_NAMES and tokens[0].i > 0:
        before = tokens[0].doc[tokens[0].i - 1]
        if before.lower_ == "the":
            tokens = [before, *tokens]
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in ("'s", "’s", "and", "&")):
        tokens = tokens[:-1]
    return _join(tokens) if tokens else ""


def _place_kind(name: str, label: str) -> tuple[str, str]:
    """The place's display name and kind."""
    low = name.lower()
    country = COUNTRY_LOOKUP.get(low) or COUNTRY_LOOKUP.get(f"the {low}")
    if country is not None:
        return country, "country"
    if low in REGIONS or low.removeprefix("the ") in REGIONS:
        return name, "region"
    if label == "LOC":
        return name, "region"
    if label == "FAC":
        return name, "location"
    return name, "city"


def without_actors(places: Iterable[Place], actors: Iterable[Actor]) -> list[Place]:
    """``places`` less those listed among ``actors`` (by name or alias): a country that acts
    is listed once, as an actor, not again among the places."""
    acting = {name.casefold() for a in actors for name in (a.name, *a.aliases)}
    return [p for p in places if p.name.casefold() not in acting]


def find_places(parsed: Parsed, limit: int | None = MAX_PLACES) -> list[Place]:
    """Up to ``limit`` places (all with ``None``), most mentioned first, each citing its
    first mention."""
    counts: dict[str, int] = {}
    first: dict[str, tuple[int, int, str, str]] = {}  # key → (position, order, name, kind)
    # A name the model tags as a person or an organisation more often than as a place is one
    # ("Selina", "Manchester City"); a place name run into a person's ("Headingley Sinfield",
    # a caption glued to the next line) is no place either.
    others: Counter[str] = Counter()
    person_words: set[str] = set()
    surfaces: dict[str, set[str]] = {}
    for doc in parsed.docs:
        for ent in doc.ents:
            if ent.label_ in ("PERSON", "ORG"):
                others[_place_name(ent).casefold()] += 1
                if ent.label_ == "PERSON":
                    person_words.update(t.lower_ for t in ent if t.is_alpha and len(t) > 2)
    for position, _sentence, doc in parsed.pairs():
        if _junk_sentence(doc) and not any(t.pos_ in ("VERB", "AUX") for t in doc):
            continue
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC", "FAC"):
                continue
            name = _place_name(ent)
            low = name.lower()
            if ent.root.pos_ == "ADJ" or ent.root.dep_ == "amod":
                continue  # "Saharan dust": an adjective the tagger took for a place
            if any(w.isalpha() and w.islower() and w not in _NAME_PARTICLES for w in name.split()):
                continue  # "Pacific island": a phrase, not a name
            if (
                len(name) < 2
                or not any(c.isupper() for c in name)
                or low in JUNK_WORDS
                or low in GOVERNMENT_SEATS
                or low.removeprefix("the ") in GOVERNMENT_SEATS
                or any(c.isdigit() for c in name)
            ):
                continue
            display, kind = _place_kind(name, ent.label_)
            if kind != "country" and " " in low and any(w in person_words for w in low.split()):
                continue
            key = display.casefold()
            counts[key] = counts.get(key, 0) + 1
            surfaces.setdefault(key, set()).add(name)
            if key not in first:
                first[key] = (position, ent.start, display, kind)
            elif first[key][2].isupper() and not display.isupper():
                # a dateline's "MOSCOW": show the name as the prose writes it
                first[key] = (*first[key][:2], display, first[key][3])
    # The model misses some mentions of a name it tagged elsewhere ("Genoa" once a place, once
    # a person): once it is known as a place, every time the text writes it counts.
    texts = parsed.document.texts
    for key, names in surfaces.items():
        pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names))
        counts[key] = max(counts[key], sum(len(pattern.findall(t)) for t in texts))
    ranked = sorted(
        (k for k in first if first[k][3] == "country" or others[k] < counts[k]),
        key=lambda k: (-counts[k], first[k][0], first[k][1]),
    )
    out = []
    for key in ranked[:limit]:
        position, _, display, kind = first[key]
        out.append(Place(display, kind, counts[key], parsed.cite(position)))
    return out
