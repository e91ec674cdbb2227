"""The clean stage: remove scraped junk from an article and move its dateline into metadata.

Scraped articles carry page furniture: "Source link", "Scroll down for video", share and
follow buttons, photo credits, "Read more: ..." teasers, cookie banners, gallery counters
("1/12") and, at the end, a comment section. None of it may reach a briefing. What counts as
junk is data, not code: the default rules live in ``briefing/data/junk_rules.toml`` and a user
can extend them with a file of the same shape (:meth:`CleanRules.load`).

Besides the rules, :func:`clean`

* drops a line repeated verbatim (the first copy stays) and a body line that repeats the title;
* drops short stray fragments (a paragraph of at most three words with no final punctuation,
  such as "Related:" or a lone "Getty");
* cuts the comment section: everything from a "Leave a Reply" / "3 Comments" marker on, when
  comment-form text ("Your email address will not be published") follows it;
* moves a leading byline ("By Jane Doe") to ``Article.author`` and a dateline
  ("GENEVA (Meridian News) —", "LONDON, Nov 27 (Reuters) -", "WASHINGTON —", "(CNN) --") to
  ``Article.place`` and, when the article names no source, ``Article.source``;
* joins hard-wrapped lines into paragraphs and separates paragraphs with one blank line.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import UsageError
from briefing.models import Article

__all__ = ["CleanRules", "clean", "clean_title", "default_rules", "split_dateline"]

_RULES_RESOURCE = ("data", "junk_rules.toml")

# Characters that scrapers leave behind and that only get in the way of matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_TERMINAL = tuple(".!?…\"”’')]")
# Trailing characters ignored when comparing a line with the exact-line list.
_EXACT_STRIP = " \t.:;|*•·-–—>»«<"


# What _SPACES would change besides single spaces: a line without any is only stripped.
_ODD_SPACES = "\t\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_INVISIBLE_CHARS = "".join(map(chr, _INVISIBLE))


def _has_any(text: str, chars: str) -> bool:
    # One ``in`` per character is a memchr each (and no work at all for a character wider
    # than any in the text), where a regex character class is tried at every position.
    return any(c in text for c in chars)


def _normalise_line(line: str) -> str:
    # Most lines hold single spaces only, and substituting each with itself is the bulk of the
    # cleaning time; skip the substitution when it cannot change anything.
    if "  " in line or ("\t" in line if line.isascii() else _has_any(line, _ODD_SPACES)):
        line = _SPACES.sub(" ", line)
    return line.strip()


def _fold(text: str) -> str:
    # str.casefold() takes its slow path for every character; for ASCII it equals lower(),
    # which is fast.
    return text.lower() if text.isascii() else text.casefold()


def _key(line: str) -> str:
    """How a line is compared with the exact-line list and with other lines."""
    return _fold(_normalise_line(line)).strip(_EXACT_STRIP)


# --- fast rule matching -------------------------------------------------------------------
#
# Every rule is searched in every line of every article. A pattern that starts with "\s*" or
# with a case-insensitive word gives ``re`` no first character to look for, so it is tried at
# each position of lines hundreds of characters long, which made cleaning slower than
# summarising. Most patterns, though, need some plain text ("source link", "comments are ",
# one of "(" and "[") that ``in`` finds far faster. A pattern is run only on the lines that
# hold all of its needles, so every result is the same as running it on every line.

# A pattern's needles: sets of strings of which every line the pattern matches holds at least
# one string each. When the pattern ignores case they are lower case and ASCII.
_Needles = tuple[tuple[str, ...], ...]
# (pattern, its needles or None when it is to be run on every line, whether it ignores case)
_Rule = tuple[re.Pattern[str], _Needles | None, bool]
# (pattern.search or pattern.match, needles, whether they are lower case): one step of a search
_Find = tuple[Callable[[str], object], _Needles | None, bool]

# The characters besides ASCII that re's case-insensitive matching equates with ASCII letters
# ("İ" and "ı" with "i", "ſ" with "s", the Kelvin sign with "k"). A line without them can be
# compared with lower-case ASCII needles through str.lower(); checked over all of Unicode.
_FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"
# Small character classes ("[(\[]") count as needles too.
_MAX_CLASS_NEEDLES = 8
_MAX_NEEDLE_SETS = 3


def _parser() -> Any:
    import importlib

    try:
        return importlib.import_module("re._parser")  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        return importlib.import_module("sre_parse")


def _shortest(option: tuple[str, ...]) -> int:
    return min(map(len, option))


def _required(items: Any, sre: Any) -> list[tuple[str, ...]]:
    """Sets of strings of which every match of the parsed sequence ``items`` holds one each:
    its runs of literal characters, small character classes, and what groups and repeats
    that must match at least once require (a branch: the best set of each alternative)."""
    found: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.append(("".join(run),))
            run = []
        if op is sre.IN:
            if len(av) <= _MAX_CLASS_NEEDLES and all(kind is sre.LITERAL for kind, _ in av):
                found.append(tuple(chr(c) for _, c in av))
        elif op is sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if not add_flags and not del_flags:  # flags of its own could change case matching
                found += _required(sub, sre)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            found += _required(av[2], sre)
        elif op is sre.BRANCH:
            best = [max(_required(b, sre), key=_shortest, default=None) for b in av[1]]
            if all(best):
                found.append(tuple(dict.fromkeys(s for b in best if b for s in b)))
    if run:
        found.append(("".join(run),))
    return found


def _anchored(parsed: Any, sre: Any, flags: int) -> bool:
    """Whether a parsed pattern can only match at the start of the text (^ or \\A first)."""
    return (
        not flags & re.MULTILINE
        and bool(len(parsed))
        and parsed[0] in ((sre.AT, sre.AT_BEGINNING), (sre.AT, sre.AT_BEGINNING_STRING))
    )


def _refers_to_groups(items: Any, sre: Any) -> bool:
    """Whether the parsed sequence holds a backreference or a conditional on a group."""
    for op, av in items:
        if op is sre.GROUPREF or op is sre.GROUPREF_EXISTS:
            return True
        for part in av if isinstance(av, tuple | list) else (av,):
            for sub in part if isinstance(part, list) else (part,):
                if isinstance(sub, sre.SubPattern) and _refers_to_groups(sub, sre):
                    return True
    return False


# Global inline flags such as "(?i)"; wherever they are, a pattern with them is left alone.
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def _joinable(pattern: re.Pattern[str], parsed: Any, sre: Any) -> bool:
    """Whether ``pattern`` means the same as one branch of a larger alternation."""
    return not (
        pattern.flags & re.VERBOSE  # a trailing comment would swallow the closing parenthesis
        or pattern.groupindex  # a name used twice is an error
        or _INLINE_FLAGS.search(pattern.pattern)  # they must lead the whole expression
        # Joining renumbers groups, which would change what a backreference refers to.
        or _refers_to_groups(parsed, sre)
    )


def _needles(parsed: Any, sre: Any, ignore_case: bool) -> _Needles | None:
    found = _required(parsed, sre)
    if ignore_case:
        found = [tuple(s.lower() for s in o) for o in found if all(s.isascii() for s in o)]
    # Keep the most selective (a long word rules most lines out) and check single characters
    # first: ``in`` finds one character with memchr, far faster than a word.
    found.sort(key=_shortest, reverse=True)
    chosen = sorted(dict.fromkeys(found[:_MAX_NEEDLE_SETS]), key=lambda o: max(map(len, o)) > 1)
    return tuple(chosen) or None


def _analyse(pattern: re.Pattern[str]) -> tuple[_Needles | None, bool, bool]:
    """A pattern's needles, whether it is anchored at the start, whether it can be joined.

    Anchored patterns get no needles: re tries them at position 0 only, which is faster
    than looking for any needle.
    """
    try:
        sre = _parser()
        parsed = sre.parse(pattern.pattern, pattern.flags)
    except Exception:  # a parser from another Python version: run the pattern everywhere
        return None, False, False
    if _anchored(parsed, sre, pattern.flags):
        return None, True, _joinable(pattern, parsed, sre)
    return _needles(parsed, sre, bool(pattern.flags & re.IGNORECASE)), False, False


def _rule(pattern: re.Pattern[str]) -> _Rule:
    """A pattern with the needles that let it be skipped on most lines."""
    return pattern, _analyse(pattern)[0], bool(pattern.flags & re.IGNORECASE)


def _finders(patterns: Sequence[re.Pattern[str]]) -> tuple[_Find, ...]:
    """How :func:`_search_rules` looks for any of ``patterns`` in a line.

    Patterns anchored at the start are joined into one alternation per set of flags, matched
    once at the start of the line instead of one call each; the others keep their needles.
    """
    joined: dict[int, list[re.Pattern[str]]] = {}
    alone: list[_Find] = []
    for pattern in patterns:
        needles, anchored, joinable = _analyse(pattern)
        if joinable:
            joined.setdefault(pattern.flags, []).append(pattern)
        else:
            find = pattern.match if anchored else pattern.search
            alone.append((find, needles, bool(pattern.flags & re.IGNORECASE)))
    found: list[_Find] = []
    for flags, group in joined.items():
        try:
            either = re.compile("|".join(f"(?:{p.pattern})" for p in group), flags)
        except re.error:  # say, the same group name twice: keep them apart
            found += [(p.match, None, False) for p in group]
        else:
            found.append((either.match, None, False))
    return (*found, *alone)


class _Line:
    """A line with its case-folded form, worked out once for all the rules."""

    __slots__ = ("folded", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded: str | bool | None = False  # False: not worked out yet

    def absent(self, needles: _Needles, ignore_case: bool) -> bool:
        """Whether some set of needles has no string in the line (the pattern cannot match)."""
        line = self.text
        if ignore_case:
            if self.folded is False:
                ok = line.isascii() or not _has_any(line, _FOLDS_TO_ASCII)
                self.folded = line.lower() if ok else None
            if not isinstance(self.folded, str):
                return False
            line = self.folded
        for option in needles:
            for needle in option:
                if needle in line:
                    break
            else:
                return True
        return False


def _search_rules(finders: Sequence[_Find], text: str) -> bool:
    """Whether any of the patterns behind ``finders`` (see :func:`_finders`) is in ``text``."""
    line: _Line | None = None
    for find, needles, ignore_case in finders:
        if needles is not None:
            line = line or _Line(text)
            if line.absent(needles, ignore_case):
                continue
        if find(text):
            return True
    return False


@dataclass(frozen=True)
class CleanRules:
    """What :func:`clean` removes. Build with :meth:`load`; the fields are compiled rules.

    ``exact_lines`` are compared case-insensitively with whole lines (whitespace collapsed,
    trailing punctuation such as ``:`` or ``*`` ignored); ``line_patterns`` are searched in
    whole lines; ``inline_patterns`` are cut out of lines; a ``comment_markers`` line followed
    within ``comment_window`` lines by a ``comment_form`` line starts the comment section.
    ``fragment_words`` is the longest paragraph (in words) that counts as a stray fragment when
    it has no final punctuation; 0 keeps every fragment.
    """

    exact_lines: frozenset[str] = frozenset()
    line_patterns: tuple[re.Pattern[str], ...] = ()
    inline_patterns: tuple[re.Pattern[str], ...] = ()
    comment_markers: tuple[re.Pattern[str], ...] = ()
    comment_form: tuple[re.Pattern[str], ...] = ()
    comment_window: int = 12
    fragment_words: int = 3

    @classmethod
    def load(cls, extra: Path | None = None) -> CleanRules:
        """The packaged default rules, extended by the user's TOML file ``extra`` if given.

        A missing or malformed user file raises :class:`~briefing.errors.UsageError` naming
        the file, the problem and the fix.
        """
        rules = default_rules()
        if extra is None:
            return rules
        extra = Path(extra)
        try:
            raw = extra.read_bytes()
        except FileNotFoundError:
            raise UsageError(
                f"{extra}: no such rules file; check the path given to --rules"
            ) from None
        except OSError as exc:
            raise UsageError(f"{extra}: cannot read the rules file: {exc.strerror}") from None
        try:
            data = _toml_loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise UsageError(
                f"{extra}: the rules file is not UTF-8 text; save it as UTF-8"
            ) from None
        except ValueError as exc:  # tomllib.TOMLDecodeError is a ValueError
            raise UsageError(
                f"{extra}: not valid TOML ({exc}); see briefing/data/junk_rules.toml for the format"
            ) from None
        return rules.extend(cls.from_mapping(data, str(extra)))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], origin: str = "rules") -> CleanRules:
        """Compile rules from a parsed TOML document (the shape of ``junk_rules.toml``).

        ``origin`` names the file in error messages.
        """
        known = {
            "lines": {"exact", "patterns"},
            "inline": {"patterns"},
            "comments": {"window", "markers", "form"},
            "fragments": {"max_words"},
        }
        for table, value in data.items():
            if table not in known:
                raise UsageError(
                    f"{origin}: unknown table [{table}]; use {', '.join(f'[{k}]' for k in known)}"
                )
            if not isinstance(value, Mapping):
                raise UsageError(f"{origin}: [{table}] must be a table")
            for key in value:
                if key not in known[table]:
                    raise UsageError(
                        f"{origin}: unknown key {key!r} in [{table}]; "
                        f"use {', '.join(sorted(known[table]))}"
                    )

        def strings(table: str, key: str) -> list[str]:
            value = data.get(table, {}).get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise UsageError(f"{origin}: [{table}] {key} must be a list of strings")
            return value

        def integer(table: str, key: str, default: int) -> int:
            value = data.get(table, {}).get(key, default)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise UsageError(f"{origin}: [{table}] {key} must be a whole number >= 0")
            return value

        def compile_all(table: str, key: str, flags: int) -> tuple[re.Pattern[str], ...]:
            compiled = []
            for pattern in strings(table, key):
                try:
                    compiled.append(re.compile(pattern, flags))
                except re.error as exc:
                    raise UsageError(
                        f"{origin}: [{table}] {key}: bad regular expression {pattern!r} ({exc})"
                    ) from None
            return tuple(compiled)

        return cls(
            exact_lines=frozenset(_key(line) for line in strings("lines", "exact")),
            line_patterns=compile_all("lines", "patterns", re.IGNORECASE),
            inline_patterns=compile_all("inline", "patterns", 0),
            comment_markers=compile_all("comments", "markers", re.IGNORECASE),
            comment_form=compile_all("comments", "form", re.IGNORECASE),
            comment_window=integer("comments", "window", cls.comment_window),
            fragment_words=integer("fragments", "max_words", cls.fragment_words),
        )

    def extend(self, other: CleanRules) -> CleanRules:
        """These rules plus ``other``'s; ``other``'s window and fragment length win if set."""
        default = CleanRules()
        return CleanRules(
            exact_lines=self.exact_lines | other.exact_lines,
            line_patterns=self.line_patterns + other.line_patterns,
            inline_patterns=self.inline_patterns + other.inline_patterns,
            comment_markers=self.comment_markers + other.comment_markers,
            comment_form=self.comment_form + other.comment_form,
            comment_window=(
                other.comment_window
                if other.comment_window != default.comment_window
                else self.comment_window
            ),
            fragment_words=(
                other.fragment_words
                if other.fragment_words != default.fragment_words
                else self.fragment_words
            ),
        )

    def is_junk_line(self, line: str) -> bool:
        """Whether a whole line is junk by the exact-line list or the line patterns."""
        text = _normalise_line(line)
        if not text:
            return False
        return self._is_junk_normalised(text)

    def _is_junk_normalised(self, text: str) -> bool:
        # is_junk_line for a non-empty line that is already normalised.
        # Folding neither shortens text nor makes the characters stripped from the key (both
        # checked over all of Unicode in the tests), so a line whose stripped length is over
        # the longest key cannot be one: most lines are spared casefold() and hashing.
        if len(text.strip(_EXACT_STRIP)) <= self._longest_exact and (
            _fold(text).strip(_EXACT_STRIP) in self.exact_lines
        ):
            return True
        return _search_rules(self._line_rules, text)

    def strip_inline(self, line: str) -> str:
        """The line with inline junk ("(Image credit: ...)", a trailing "Source link") cut out."""
        current = _Line(line)
        for pattern, needles, ignore_case in self._inline_rules:
            if needles is not None and current.absent(needles, ignore_case):
                continue
            cut = pattern.sub(" ", line)
            if cut is not line:
                line = cut
                current = _Line(line)
        return _normalise_line(line)

    def is_comment_form(self, line: str) -> bool:
        """Whether ``line`` is comment-form text (a ``comment_form`` pattern is found in it)."""
        return _search_rules(self._form_rules, line)

    # The patterns with their needles, worked out once per set of rules (the rules are frozen,
    # and cached_property writes to the instance's __dict__ directly).
    @functools.cached_property
    def _longest_exact(self) -> int:
        return max(map(len, self.exact_lines), default=0)

    @functools.cached_property
    def _line_rules(self) -> tuple[_Find, ...]:
        return _finders(self.line_patterns)

    @functools.cached_property
    def _inline_rules(self) -> tuple[_Rule, ...]:
        # Each is cut out in turn, in order, so these are never joined.
        return tuple(map(_rule, self.inline_patterns))

    @functools.cached_property
    def _marker_rules(self) -> tuple[_Find, ...]:
        return _finders(self.comment_markers)

    @functools.cached_property
    def _form_rules(self) -> tuple[_Find, ...]:
        return _finders(self.comment_form)


def _toml_loads(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib.loads(text)


@functools.lru_cache(maxsize=1)
def default_rules() -> CleanRules:
    """The packaged rules from ``briefing/data/junk_rules.toml``, read once per process."""
    from importlib.resources import files

    resource = files("briefing").joinpath(_RULES_RESOURCE[0]).joinpath(_RULES_RESOURCE[1])
    return CleanRules.from_mapping(
        _toml_loads(resource.read_text(encoding="utf-8")), "junk_rules.toml"
    )


# --- datelines and bylines ------------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WORD_CAPS = r"[A-Z][A-Z.'’-]*[A-Z.]"
_WORD_MIXED = r"[A-Z][\w.'’-]*"
_REGION = rf"(?:,\s+{_WORD_MIXED}(?:\s+{_WORD_MIXED}){{0,2}})?"
_DATE = rf"(?:,?\s+{_MONTH}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?)?"
_AGENCY = r"\(\s*(?P<agency>[A-Z][^()\n]{0,40}?)\s*\)"
_DASH = r"\s*(?:—|–|--|-)(?=\s|$)\s*"

# "GENEVA (Meridian News) —", "Hong Kong (CNN) —", "LONDON, Nov 27 (Reuters) -", "(CNN) --".
_DATELINE_AGENCY = re.compile(
    rf"^(?:(?P<place>{_WORD_MIXED}(?:\s+{_WORD_MIXED}){{0,3}}{_REGION}){_DATE}\s*)?"
    rf"{_AGENCY}{_DASH}"
)
# "WASHINGTON —", "SUVA, Fiji —", "ST. LOUIS, March 3 --": capitals only, so that an ordinary
# sentence ("Ministers - and their aides - ...") is never read as a dateline.
_DATELINE_CAPS = re.compile(
    rf"^(?P<place>{_WORD_CAPS}(?:\s+{_WORD_CAPS}){{0,3}}{_REGION}){_DATE}\s*(?:—|–|--)\s*"
    rf"|^(?P<place2>{_WORD_CAPS}(?:\s+{_WORD_CAPS}){{0,3}}{_REGION}){_DATE}\s+-\s+"
)
_BYLINE = re.compile(
    r"^(?:By|BY|by)\s+(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|van|von|de|der|da|di|del|la|le|bin))"
    r"{1,4}(?:\s+and\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})?)"
    r"(?:\s*(?:[,|·•–—-]|\bin\b)\s*.{0,60})?$"
)


_NOT_PLACES = frozenset(
    [
        "analysis",
        "breaking",
        "comment",
        "editorial",
        "exclusive",
        "live",
        "note",
        "opinion",
        "review",
        "update",
        "updated",
        "urgent",
        "watch",
        "warning",
    ]
)


def _nice_place(place: str) -> str:
    """'HONG KONG' → 'Hong Kong', 'ST. LOUIS' → 'St. Louis'; mixed case is kept as written."""

    def fix(part: str) -> str:
        # Initialisms stay: "D.C.", "N.C.", "UK".
        if not part.isupper() or re.fullmatch(r"(?:[A-Z]\.){2,}|[A-Z]{1,2}", part):
            return part
        return "-".join(w[:1] + w[1:].lower() for w in part.split("-"))

    return ", ".join(
        " ".join(fix(word) for word in chunk.split()) for chunk in place.split(",")
    ).strip(", ")


def split_dateline(line: str) -> tuple[str | None, str | None, str]:
    """Split a leading dateline off ``line``: ``(place, agency, rest)``.

    >>> split_dateline("GENEVA (Meridian News) — Talks resumed on Monday.")
    ('Geneva', 'Meridian News', 'Talks resumed on Monday.')
    >>> split_dateline("Talks resumed on Monday.")
    (None, None, 'Talks resumed on Monday.')
    """
    match = _DATELINE_AGENCY.match(line)
    if match:
        place = match.group("place")
        agency = match.group("agency").strip()
        return (_nice_place(place) if place else None), agency, line[match.end() :].lstrip()
    match = _DATELINE_CAPS.match(line)
    if match:
        place = match.group("place") or match.group("place2")
        # A label in capitals ("BREAKING NEWS —", "UPDATE —") is not a place.
        if place.split()[0].rstrip(",").casefold() not in _NOT_PLACES:
            return _nice_place(place), None, line[match.end() :].lstrip()
    return None, None, line


def starts_with_dateline(line: str) -> bool:
    """Whether ``line`` begins with a dateline (used by ingest to tell a headline from a body)."""
    return split_dateline(line)[2] != line


# --- titles -----------------------------------------------------------------------------------

_TITLE_SUFFIX = re.compile(r"\s+(?:\||–|—|-|::|·)\s+(?P<site>[^|–—:·]{2,60})$")


def clean_title(title: str | None, source: str | None = None) -> str | None:
    """Collapse whitespace and cut a trailing site name ("... | The Northern Ledger")."""
    if title is None:
        return None
    text = _normalise_line(unicodedata.normalize("NFC", title).translate(_INVISIBLE))
    match = _TITLE_SUFFIX.search(text)
    if match:
        site = match.group("site").strip()
        same_site = source is not None and site.casefold() == source.strip().casefold()
        # Without a known source only " | Site" is cut: " - " also joins real headline parts.
        pipe = text[match.start() :].lstrip().startswith("|")
        if same_site or (pipe and len(site.split()) <= 5):
            text = text[: match.start()].rstrip()
    return text or None


# --- the stage --------------------------------------------------------------------------------


def _cut_comments(lines: list[str], rules: CleanRules) -> list[str]:
    """Drop the comment section: from a marker that comment-form text follows, to the end."""

    markers = rules._marker_rules
    is_form = rules.is_comment_form
    for i, line in enumerate(lines):
        if line and _search_rules(markers, line):
            following = [s for s in lines[i + 1 : i + 1 + rules.comment_window] if s]
            if any(is_form(s) for s in following):
                return lines[:i]
    # A comment form without its heading ("Your email address will not be published", a junk
    # line in its own right) still ends the article when it sits in the second half.
    for i in range(len(lines) // 2, len(lines)):
        line = lines[i]
        # is_junk_line first: cheaper, and it rules out nearly every line.
        if line and rules.is_junk_line(line) and is_form(line):
            return lines[:i]
    return lines


def _ends_sentence(line: str) -> bool:
    return line.endswith(_TERMINAL)


def _is_wrapped_block(block: Sequence[str]) -> bool:
    """Whether a block of lines is one hard-wrapped text rather than one paragraph per line."""
    if len(block) < 2:
        return False
    width = max(len(line) for line in block)
    inner = block[:-1]
    ended = sum(_ends_sentence(line) for line in inner)
    return width <= 120 and ended / len(inner) < 0.5


def _paragraphs(lines: Sequence[str]) -> list[str]:
    """Group lines into paragraphs: blank lines separate blocks; wrapped lines are joined."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    paragraphs: list[str] = []
    for block in blocks:
        if not block:
            continue
        wrapped = _is_wrapped_block(block)
        width = max(len(line) for line in block)
        current = [block[0]]
        for prev, line in itertools.pairwise(block):
            if wrapped:
                join = len(prev) >= 0.6 * width
            else:
                join = (prev.endswith(":") and (len(prev.split()) > 3 or line[:1] in "\"“‘'")) or (
                    not _ends_sentence(prev) and line[:1].islower()
                )
            if join:
                current.append(line)
            else:
                paragraphs.append(" ".join(current))
                current = [line]
        paragraphs.append(" ".join(current))
    return paragraphs


def _drop_junk(lines: Iterable[str], rules: CleanRules) -> list[str]:
    """Remove junk lines and inline junk.

    A junk line goes without a trace, so that a paragraph it interrupted joins up again; the
    blank lines around a junk line between paragraphs still separate them.
    """
    kept: list[str] = []
    for line in lines:
        if not line:
            kept.append(line)
            continue
        # strip_inline returns the line normalised, as is_junk_line would.
        line = rules.strip_inline(line)
        if line and not rules._is_junk_normalised(line):
            kept.append(line)
    return kept


def _is_fragment(paragraph: str, max_words: int) -> bool:
    words = paragraph.split()
    return 0 < len(words) <= max_words and not _ends_sentence(paragraph)


def _dedupe(items: Iterable[str], min_words: int, also: Iterable[str] = ()) -> list[str]:
    seen = {_key(x) for x in also if x}
    kept = []
    for item in items:
        # split(None, n - 1) has n parts exactly when there are at least n words, without
        # splitting the whole of a long paragraph.
        if item and len(item.split(None, max(min_words - 1, 0))) >= min_words:
            key = _key(item)
            if key in seen:
                continue
            seen.add(key)
        kept.append(item)
    return kept


def clean(article: Article, rules: CleanRules | None = None) -> Article:
    """Return a copy of ``article`` with junk removed and its dateline moved to metadata.

    ``rules`` defaults to :func:`default_rules`. The text comes back as paragraphs separated
    by one blank line; it is empty when nothing but junk was there (the pipeline then skips
    the article). Metadata the article already has is never overwritten.
    """
    rules = rules or default_rules()
    source = article.source or None
    title = clean_title(article.title, source)
    text = article.text
    # ASCII text is already NFC and holds no invisible characters; translate() walks every
    # character in Python's slow path, so it runs only when there is something to remove.
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        if _has_any(text, _INVISIBLE_CHARS):
            text = text.translate(_INVISIBLE)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = _cut_comments([_normalise_line(line) for line in text.split("\n")], rules)
    lines = _drop_junk(lines, rules)
    lines = _dedupe(lines, min_words=4, also=[title] if title else [])

    paragraphs = _paragraphs(lines)
    author = article.author or None
    place = article.place or None
    # The byline and the dateline open the body, in either order; the dateline may stand alone.
    for _ in range(3):
        if not paragraphs:
            break
        byline = _BYLINE.match(paragraphs[0])
        if byline and not _ends_sentence(paragraphs[0]):
            author = author or byline.group("name")
            paragraphs.pop(0)
            continue
        found_place, agency, rest = split_dateline(paragraphs[0])
        if rest == paragraphs[0]:
            break
        place = place or found_place
        source = source or agency
        if rest:
            paragraphs[0] = rest
            break
        paragraphs.pop(0)

    if rules.fragment_words:
        paragraphs = [p for p in paragraphs if not _is_fragment(p, rules.fragment_words)]
    paragraphs = _dedupe(paragraphs, min_words=4, also=[title] if title else [])
    return dataclasses.replace(
        article,
        text="\n\n".join(p for p in paragraphs if p),
        title=title,
        source=source,
        author=author,
        place=place,
    )
