"""Lead, TextRank, the shared text helpers and the registry, on small hand-built documents."""

from __future__ import annotations

import numpy as np
import pytest

from summarizers import Summary, UnknownSummarizerError, available, get, get_class
from summarizers import text as text_helpers
from summarizers.lead import Lead
from summarizers.text import (
    STOPWORDS,
    content_terms,
    dedupe_keys,
    similarity_matrix,
    stem,
    term_array,
    term_matrix,
    words,
)
from summarizers.textrank import TextRank

# One sentence (index 2) shares content with every other sentence about the budget; the
# first sentence is about the weather and shares nothing.
CENTRAL = [
    "Heavy rain fell across the valley overnight.",
    "Teachers welcomed extra funding for city schools.",
    "The council approved a city budget that funds schools, parks and buses.",
    "Parks will get new lighting under the budget.",
    "Bus fares stay frozen as the council funds buses.",
    "Schools will hire more teachers with the new budget.",
]

STORY = (
    "The European Union and Canada signed a trade agreement on Tuesday. "
    "The agreement removes tariffs on most goods traded between the European Union and Canada. "
    "Farmers in France protested outside the summit venue. "
    "Officials said the trade agreement would take effect next year after ratification. "
    "Canada's prime minister called the trade agreement a historic day for both economies. "
    "The weather in Brussels was mild."
)


def n_words(summary: Summary) -> int:
    return sum(len(s.text.split()) for s in summary.sentences)


# -- Lead -------------------------------------------------------------------------------------


def test_lead_takes_the_first_sentences_in_order() -> None:
    summary = Lead(sentences=2)(STORY)
    assert summary.method == "lead"
    assert summary.indices == (0, 1)
    assert (
        summary.sentences[0].text
        == "The European Union and Canada signed a trade agreement on Tuesday."
    )
    assert all(s.support == (s.index,) for s in summary.sentences)


def test_lead_word_budget_stops_before_the_sentence_that_overflows() -> None:
    # 11 + 15 words: the second sentence would overflow 20, and Lead never skips ahead to a
    # shorter one, so the summary stays an opening run.
    summary = Lead(sentences=5, words=20)(STORY)
    assert summary.indices == (0,)
    assert Lead(sentences=5, words=26)(STORY).indices == (0, 1)


def test_lead_word_budget_keeps_the_first_sentence_even_if_longer() -> None:
    assert Lead(words=3)(STORY).indices == (0,)


def test_lead_ratio_budget() -> None:
    assert Lead(sentences=None, ratio=0.5)(STORY).indices == (0, 1, 2)
    assert Lead(sentences=None, ratio=0.01)(STORY).indices == (0,)


def test_lead_skips_blank_sentences_given_as_a_list() -> None:
    summary = Lead(sentences=2)(["", "  ", "First real sentence.", "Second one."])
    assert summary.indices == (2, 3)


def test_lead_of_empty_input_is_empty() -> None:
    assert Lead()("") == Summary((), "lead")
    assert Lead()([]) == Summary((), "lead")


# -- TextRank ---------------------------------------------------------------------------------


def test_textrank_picks_the_central_sentence() -> None:
    summary = TextRank(sentences=1)(CENTRAL)
    assert summary.method == "textrank"
    assert summary.indices == (2,)
    assert Lead(sentences=1)(CENTRAL).indices == (0,)


def test_textrank_ranks_the_off_topic_sentence_last() -> None:
    scores = TextRank().score(CENTRAL)
    assert min(range(len(CENTRAL)), key=lambda i: scores[i]) == 0
    assert max(range(len(CENTRAL)), key=lambda i: scores[i]) == 2
    assert sum(scores) == pytest.approx(1.0)


def test_textrank_on_raw_text_returns_reading_order_and_verbatim_sentences() -> None:
    summary = TextRank(sentences=3)(STORY)
    assert list(summary.indices) == sorted(summary.indices)
    assert 5 not in summary.indices and 2 not in summary.indices
    for s in summary.sentences:
        assert s.text in STORY
        assert s.support == (s.index,)
    scores = [s.score for s in summary.sentences]
    assert all(score > 0 for score in scores)


def test_textrank_word_budget() -> None:
    summary = TextRank(sentences=5, words=25)(STORY)
    assert 1 <= len(summary.sentences) < 5
    assert n_words(summary) <= 25


def test_textrank_ratio_budget() -> None:
    assert len(TextRank(sentences=None, ratio=0.34)(CENTRAL).sentences) == 3
    assert len(TextRank(sentences=2, ratio=1.0)(CENTRAL).sentences) == 2


def test_textrank_does_not_repeat_identical_sentences() -> None:
    doc = [
        "The president signed the climate bill.",
        "The president signed the climate bill!",
        "The climate bill cuts emissions from power plants.",
        "The president said the bill protects the climate.",
        "A parade took place downtown.",
    ]
    summary = TextRank(sentences=2)(doc)
    assert len(summary.sentences) == 2
    assert not {0, 1} <= set(summary.indices)
    assert 4 not in summary.indices


def test_textrank_ties_go_to_the_earlier_sentence() -> None:
    # No two sentences share a content word: every score is equal, so reading order decides.
    doc = ["Apples are red.", "Bananas grow fast.", "Cherries taste sour.", "Dates are sweet."]
    scores = TextRank().score(doc)
    assert len(set(scores)) == 1
    assert TextRank(sentences=2)(doc).indices == (0, 1)


def test_textrank_identical_sentences_score_exactly_equal() -> None:
    doc = [
        "Rain is expected in the north.",
        "Storms will hit the coast tonight.",
        "Storms will hit the coast tonight.",
        "The coast guard warned of storms.",
    ]
    scores = TextRank().score(doc)
    assert scores[1] == scores[2]
    assert TextRank(sentences=1)(doc).indices == (1,)


def test_textrank_single_sentence_and_empty_input() -> None:
    assert TextRank()("Only one sentence here.").indices == (0,)
    assert TextRank()("") == Summary((), "textrank")
    assert TextRank()("   \n\n ") == Summary((), "textrank")


def test_textrank_keeps_a_sentence_when_none_has_words() -> None:
    assert TextRank(sentences=2)(["...", "***", "!!!"]).indices == (0,)


def test_textrank_threshold_removes_weak_edges() -> None:
    # With every edge below the threshold the graph has no edges: scores are uniform and the
    # summary falls back to reading order.
    summary = TextRank(sentences=1, threshold=0.99)(CENTRAL)
    assert summary.indices == (0,)


def test_textrank_is_deterministic() -> None:
    first = TextRank(sentences=3)(STORY)
    assert all(TextRank(sentences=3)(STORY) == first for _ in range(3))


@pytest.mark.parametrize(
    "options",
    [
        {"damping": 0.0},
        {"damping": 1.0},
        {"threshold": -0.1},
        {"threshold": 1.0},
        {"tolerance": 0.0},
        {"max_iterations": 0},
        {"sentences": 0},
    ],
)
def test_textrank_rejects_bad_options(options: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        TextRank(**options)  # type: ignore[arg-type]


def test_textrank_options_change_the_result_only_through_the_constructor() -> None:
    assert TextRank(damping=0.5).damping == 0.5
    assert "damping=0.5" in repr(TextRank(damping=0.5))


def test_textrank_converges_to_the_pagerank_fixed_point() -> None:
    scores = np.array(TextRank(tolerance=1e-12, max_iterations=1000).score(CENTRAL))
    similarity = similarity_matrix(CENTRAL)
    np.fill_diagonal(similarity, 0.0)
    n = len(CENTRAL)
    out = similarity.sum(axis=1, keepdims=True)
    assert out[0, 0] == 0.0  # the weather sentence has no edges: it links to every sentence
    transition = np.where(out > 0, similarity / np.where(out > 0, out, 1.0), 1.0 / n)
    expected = np.linalg.solve(np.eye(n) - 0.85 * transition.T, np.full(n, 0.15 / n))
    assert np.allclose(scores, expected, atol=1e-9)


# -- text helpers -----------------------------------------------------------------------------


def test_words_and_content_terms() -> None:
    sentence = "The minister's \u201cplan\u201d \u2014 backed by \u00a3600m \u2014 helps companies."
    assert words(sentence) == [
        "the",
        "minister's",
        "plan",
        "backed",
        "by",
        "600m",
        "helps",
        "companies",
    ]
    assert content_terms(sentence) == ["minister", "plan", "backed", "600m", "help", "company"]
    assert content_terms("He said it was and is what they told us.") == []


@pytest.mark.parametrize(
    ("word", "expected"),
    [("ministers", "minister"), ("minister's", "minister"), ("companies", "company"),
     ("classes", "class"), ("bus", "bus"), ("glass", "glass"), ("analysis", "analysis"),
     ("days", "day"), ("news", "new")],
)  # fmt: skip
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_stopwords_are_lower_case_function_words() -> None:
    assert {"the", "and", "of", "said"} <= STOPWORDS
    assert not {"budget", "council", "minister"} & STOPWORDS
    assert all(w == w.lower() for w in STOPWORDS)


def test_term_matrix_rows_are_unit_tfidf_vectors() -> None:
    doc = ["The budget funds schools.", "Schools welcome the budget.", "It was so.", "Rain fell."]
    matrix = term_matrix(doc)
    assert matrix.shape == (4, len({"budget", "fund", "school", "welcome", "rain", "fell"}))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    assert norms == pytest.approx([1.0, 1.0, 0.0, 1.0])
    cosine = (matrix @ matrix.T).toarray()
    assert cosine[0, 1] > 0.5
    assert cosine[0, 3] == 0.0
    # A term in every sentence weighs less than one in a single sentence.
    row = term_array(["Budget vote.", "Budget debate.", "Budget cuts."])[0]
    assert row[0] < row[1]


def test_term_matrix_of_no_sentences_or_no_terms() -> None:
    assert term_matrix([]).shape == (0, 0)
    assert term_matrix(["It is.", "So it was."]).shape == (2, 0)


def test_dense_and_sparse_similarity_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = [s.strip() + "." for s in STORY.split(".") if s.strip()] + ["", "It was."]
    dense = similarity_matrix(doc)
    assert dense.shape == (len(doc), len(doc))
    assert np.allclose(np.diag(dense), [1, 1, 1, 1, 1, 1, 0, 0])
    monkeypatch.setattr(text_helpers, "_EINSUM_WORK", 0)
    assert np.allclose(similarity_matrix(doc), dense)
    monkeypatch.setattr(text_helpers, "_DENSE_CELLS", 0)
    sparse = similarity_matrix(doc)
    assert np.allclose(sparse, dense)
    vectors = term_matrix(doc)
    product = (vectors @ vectors.T).toarray()
    assert np.allclose(product, dense)


def test_dedupe_keys_ignore_case_punctuation_and_spacing() -> None:
    keys = dedupe_keys(["The deal is done.", "the  deal is DONE!", "The deal is not done.", "..."])
    assert keys[0] == keys[1] != keys[2]
    assert keys[3] == ""


# -- registry ---------------------------------------------------------------------------------


def test_registry_builds_lead_and_textrank() -> None:
    assert {"lead", "textrank"} <= set(available())
    assert get_class("lead") is Lead
    assert get_class("textrank") is TextRank
    summarize = get("textrank", sentences=1, damping=0.9)
    assert isinstance(summarize, TextRank)
    assert summarize.damping == 0.9
    assert summarize(CENTRAL).indices == (2,)


def test_registry_unknown_name_lists_the_valid_names() -> None:
    with pytest.raises(UnknownSummarizerError) as info:
        get("textrnak")
    message = str(info.value)
    assert "textrnak" in message
    for name in available():
        assert name in message
