"""The fast paths of cleaning and term vectors give exactly what the plain definitions give.

``briefing.clean`` skips a rule on lines that lack its needles and joins anchored rules into
one alternation; ``summarizers.text`` splits words through bytes and numbers terms with numpy.
Each test here compares one of them with the straightforward computation it replaces, on
realistic lines, user rules of awkward shapes, and text that trips Unicode corner cases.
"""

from __future__ import annotations

import re
import sys
import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import clean as cleaning
from briefing.clean import CleanRules, default_rules
from summarizers import text

# Characters that matter to the shortcuts: case folding to ASCII (İ ı ſ K), the final sigma,
# odd and invisible spaces, separators beyond ASCII, NUL, lone surrogates, wide characters.
_TRICKY = (
    "İıſKΣσςΑß\u00a0\u2009\u3000\u2028\u0085\u200b\u00ad\ufeff\x00\x1c\t"
    "’‘“”—–…£€éÉ\ud800\U0001f600ǅﬁ"
)
_LINE_WORDS = [
    "Source link",
    "source LINK",
    "Scroll down for video",
    "ADVERTISEMENT",
    "Advertisement",
    "Story continues below advertisement",
    "(Photo: AFP)",
    "[Image credit: Harbourline]",
    "(picture courtesy of the council)",
    "Share this article",
    "Follow us on Twitter",
    "Read more: the budget",
    "3 Comments",
    "Leave a Reply",
    "Your email address will not be",
    "published",
    "Log in to comment",
    "comments are closed",
    "Jane says:",
    "1/12",
    "©",
    "The minister said the talks would resume on Monday.",
    "photo",
    "video:",
    ":",
    "(",
    "[",
]
texts = st.lists(
    st.one_of(st.sampled_from(_LINE_WORDS), st.text(alphabet=_TRICKY + "abcXYZ .:|*-(")),
    max_size=6,
).map(" ".join)


def _plain_normalise(line: str) -> str:
    return cleaning._SPACES.sub(" ", line).strip()


def _plain_is_junk(rules: CleanRules, line: str) -> bool:
    normalised = _plain_normalise(line)
    if not normalised:
        return False
    key = _plain_normalise(normalised).casefold().strip(cleaning._EXACT_STRIP)
    return key in rules.exact_lines or any(p.search(normalised) for p in rules.line_patterns)


def _plain_strip_inline(rules: CleanRules, line: str) -> str:
    for pattern in rules.inline_patterns:
        line = pattern.sub(" ", line)
    return _plain_normalise(line)


# User rules in shapes the shortcuts must leave alone or handle: backreferences, named groups
# (twice), inline and scoped flags, verbose patterns, top-level alternations, lookarounds,
# non-ASCII literals matched case-insensitively, anchors of every kind.
_AWKWARD = CleanRules.from_mapping(
    {
        "lines": {
            "exact": ["Tap to read"],
            "patterns": [
                r"^(\w+) \1$",
                r"^(?P<x>ab)c(?P=x)$",
                r"^(?P<x>zz)$",
                r"(?i)^kelvin$",
                r"^(?i:straße) closed$",
                r"(?x)^ wire \s+ copy  # a comment",
                r"^a|b$",
                r"\Aend of story\Z",
                r"(?<!not )sponsored by\b",
                r"^(?:(q)|r)(?(1)s|t)$",
                r"éclair",
                r"(?i)ſource",
            ],
        },
        "inline": {"patterns": [r"(?i)\s*\bSTRASSE\b", r"\s*(?-i:Kelvin)", r"\bx+\b"]},
        "comments": {
            "markers": [r"(?i)^talk back$"],
            "form": [r"(?i)sign (in|up) to (post|reply)"],
        },
    },
    "awkward.toml",
)


@pytest.mark.parametrize("rules", [default_rules(), default_rules().extend(_AWKWARD)])
@settings(max_examples=400, deadline=None)
@given(line=texts)
def test_rules_match_exactly_as_the_plain_loops(rules: CleanRules, line: str) -> None:
    assert cleaning._normalise_line(line) == _plain_normalise(line)
    assert rules.is_junk_line(line) == _plain_is_junk(rules, line)
    assert rules.strip_inline(line) == _plain_strip_inline(rules, line)
    assert rules.is_comment_form(line) == any(p.search(line) for p in rules.comment_form)
    assert cleaning._search_rules(rules._marker_rules, line) == any(
        p.search(line) for p in rules.comment_markers
    )


@pytest.mark.parametrize(
    "line",
    [
        "ſource link",  # re folds ſ to s: the needle check must not rule this line out
        "SOURCE LİNK",
        "Scroll down for video",
        "The show (Photo: Jane Doe/AFP) opened.",
        "KELVIN",
        "abcab",
        "zz",
        "Straße closed",
        "wirecopy",
        "b",
        "end of story",
        "Sponsored by Acme",
        "qs",
        "rt",
        "Un éclair",
        "ſource",
        "talk back",
        "Please SIGN UP TO REPLY",
        "Tap to read ...",
    ],
)
def test_awkward_rules_on_chosen_lines(line: str) -> None:
    rules = default_rules().extend(_AWKWARD)
    assert rules.is_junk_line(line) == _plain_is_junk(rules, line)
    assert rules.strip_inline(line) == _plain_strip_inline(rules, line)
    assert rules.is_comment_form(line) == any(p.search(line) for p in rules.comment_form)


def test_needles_are_read_off_the_default_rules() -> None:
    # Not a behaviour test of cleaning (the tests above are): it fails when the shortcut
    # silently stops applying, which would bring back the slow cleaning.
    inline = {p.pattern: needles for p, needles, _ in default_rules()._inline_rules}
    assert inline[r"(?i)\s*\bSource link\s*$"] == (("source link",),)
    assert all(needles for needles in inline.values())
    assert len(default_rules()._line_rules) == 1  # every line pattern joined into one


def test_the_premises_of_the_shortcuts_hold_over_all_of_unicode() -> None:
    everything = [chr(c) for c in range(sys.maxunicode + 1)]
    # Only these characters match an ASCII character case-insensitively in re.
    folds = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
    assert {c for c in everything[128:] if folds.fullmatch(c)} == set(cleaning._FOLDS_TO_ASCII)
    # Folding never shortens text, keeps the characters that keys strip off as they are and
    # never makes one of them out of another character; for ASCII it is lower().
    strip = set(cleaning._EXACT_STRIP)
    for c in everything:
        folded = c.casefold()
        assert folded == c if c in strip else folded and not strip & set(folded), repr(c)
    assert all(c.casefold() == c.lower() for c in everything[:128])
    # The odd spaces are exactly what _SPACES turns into a single space.
    assert {c for c in everything if cleaning._SPACES.fullmatch(c)} - {" "} == set(
        cleaning._ODD_SPACES
    )
    # Word separators: the str.translate table, plus white space split() splits on.
    table = text._separators()
    assert [c for c in everything if text._splits(c)] == [
        c for c in everything if ord(c) in table or c.isspace()
    ]


def _plain_term_ids(sentences: list[str]) -> tuple[list[int], list[int], int]:
    vocabulary: dict[str, int] = {}
    ids: list[int] = []
    lengths: list[int] = []
    for sentence in sentences:
        terms = text.content_terms(sentence)
        ids += [vocabulary.setdefault(t, len(vocabulary)) for t in terms]
        lengths.append(len(terms))
    return ids, lengths, len(vocabulary)


sentence_lists = st.lists(
    st.one_of(
        st.text(alphabet=_TRICKY + "abcdefghij ABC.,'-0123"),
        st.sampled_from(
            [
                "The ministers' plans were backed by 600m in aid.",
                "Ministers backed the plan; the minister's aides did not.",
                "ΑΣ 'ΣΑ' σας",
                "",
            ]
        ),
    ),
    max_size=8,
)


@settings(max_examples=400, deadline=None)
@given(sentences=sentence_lists)
def test_term_ids_and_words_match_the_plain_definitions(sentences: list[str]) -> None:
    ids, lengths, size = text._term_ids(sentences, text.STOPWORDS)
    assert (list(ids), list(lengths), size) == _plain_term_ids(sentences)
    for sentence in sentences:
        raw = [w.decode("utf-8", "surrogatepass") for w in text._raw_word_bytes(sentence)]
        assert raw == sentence.lower().translate(text._separators()).split()


def test_similarity_is_the_cosine_of_the_term_vectors() -> None:
    sentences = [
        "The council approved the harbour bridge on Monday.",
        "Construction of the harbour bridge starts in May.",
        "The mayor called the bridge the biggest project in the city's history.",
        "Nothing here.",
        "Ministers met in Geneva — talks on the harbour resumed.",
    ]
    weights = text.term_array(sentences)
    expected = weights @ weights.T
    np.fill_diagonal(expected, [1.0 if w.any() else 0.0 for w in weights])
    np.testing.assert_allclose(text.similarity_matrix(sentences), expected, atol=1e-12)
    # The sparse path for long documents agrees with the dense one.
    np.testing.assert_allclose(text.term_matrix(sentences).toarray(), weights, rtol=0, atol=1e-15)


def test_a_sentence_holding_nul_does_not_shift_the_others() -> None:
    sentences = ["alpha beta\x00gamma", "beta delta", "gamma alpha"]
    assert list(text._term_ids(sentences, text.STOPWORDS)[1]) == [3, 2, 2]
    assert unicodedata.category("\x00") == "Cc"  # a separator: "beta\x00gamma" is two words
