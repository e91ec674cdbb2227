"""Tests of briefing.evaluate: reading JSONL, ROUGE, bootstrap intervals, speed, errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from briefing.errors import BriefingError, InputError, UsageError
from briefing.evaluate import (
    EvalRecord,
    bootstrap_ci,
    evaluate,
    load_records,
    normalize_reference,
    rouge_lines,
    run_eval,
)
from summarizers import registry
from summarizers.base import ExtractiveSummarizer

pytest.importorskip("rouge_score")

ARTICLES = [
    {
        "id": "harbour",
        "article": (
            "The city council approved a new harbour wall on Tuesday. "
            "The wall will cost 12 million pounds and take two years to build. "
            "Fishermen said the old wall had been failing for a decade. "
            "Work is expected to begin in the spring, the council said. "
            "Some residents objected to the noise of construction."
        ),
        "summary": (
            "The city council approved a new harbour wall on Tuesday. "
            "The wall will cost 12 million pounds and take two years to build."
        ),
    },
    {
        "id": "strike",
        "article": (
            "Rail workers voted to strike over pay on Monday. "
            "The union said 80 per cent of members backed the action. "
            "Train operators warned of severe disruption next week. "
            "Talks with the government broke down in March."
        ),
        # A PTB-tokenised reference, as CNN/DailyMail highlights are.
        "summary": "Rail workers voted to strike over pay on Monday . Talks did n't resume .",
    },
    {
        "id": "vaccine",
        "article": (
            "Health officials began a vaccination drive in rural districts. "
            "Mobile clinics will visit 300 villages by the end of the year. "
            "Officials said supplies were sufficient for the first phase. "
            "The programme is funded by an international charity."
        ),
        "summary": "A charity pays for village vaccination clinics across the region.",
    },
    {
        "id": "budget",
        "article": (
            "The finance minister unveiled the annual budget in parliament. "
            "Income tax thresholds will rise with inflation. "
            "Spending on schools will increase by four per cent. "
            "Opposition leaders called the plan a missed opportunity."
        ),
        "summary": "Schools get four per cent more as the budget raises tax thresholds.",
    },
]


class FirstSentences(ExtractiveSummarizer):
    """Lead-N, defined here so the tests do not depend on which summarisers are registered."""

    name = "first-sentences"

    def score(self, sentences: Sequence[str], *, title: str | None = None) -> Sequence[float]:
        return [-float(i) for i in range(len(sentences))]


class Exploding(ExtractiveSummarizer):
    """Fails on any article that mentions a strike, as a buggy summariser might."""

    name = "exploding"

    def score(self, sentences: Sequence[str], *, title: str | None = None) -> Sequence[float]:
        if any("strike" in s for s in sentences):
            raise ValueError("cannot handle this article")
        return [-float(i) for i in range(len(sentences))]


def write_jsonl(path: Path, rows: Sequence[object]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "news.jsonl", ARTICLES)


def test_load_records_reads_fields_and_names_lines(data: Path) -> None:
    records = load_records(data)
    assert [r.id for r in records] == ["harbour", "strike", "vaccine", "budget"]
    assert records[0].input == f"{data}:1"
    assert records[3].input == f"{data}:4"
    assert records[1].summary.startswith("Rail workers voted")


def test_load_records_skips_blank_lines_and_accepts_text_alias(tmp_path: Path) -> None:
    path = tmp_path / "alias.jsonl"
    path.write_text(
        "\n" + json.dumps({"text": "One. Two.", "reference": "One.", "title": "T"}) + "\n\n",
        encoding="utf-8",
    )
    (record,) = load_records(path)
    assert record.article == "One. Two."
    assert record.summary == "One."
    assert record.title == "T"
    assert record.input == f"{path}:2"


def test_malformed_line_raises_input_error_naming_path_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        json.dumps(ARTICLES[0]) + "\n" + '{"id": "x", "article": "oops"\n', encoding="utf-8"
    )
    with pytest.raises(InputError) as info:
        load_records(path)
    assert f"{path}:2" in str(info.value)
    assert "JSON" in str(info.value)


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ({"id": "a", "article": "Text."}, "missing 'summary'"),
        ({"id": "a", "article": "   ", "summary": "S."}, "'article' is empty"),
        ({"id": "a", "article": ["list"], "summary": "S."}, "must be a string"),
        (["not", "an", "object"], "expected a JSON object"),
    ],
)
def test_bad_records_raise_input_error(tmp_path: Path, row: object, problem: str) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", [row])
    with pytest.raises(InputError, match=problem) as info:
        load_records(path)
    assert str(info.value).startswith(f"{path}:1: ")


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_records(tmp_path / "absent.jsonl")


def test_summary_identical_to_reference_scores_100(data: Path) -> None:
    records = load_records(data)[:1]
    result = evaluate(records, FirstSentences(sentences=2))
    for metric in (result.rouge1, result.rouge2, result.rougeLsum):
        assert metric.mean == pytest.approx(100.0)
        assert metric.low == pytest.approx(100.0)
        assert metric.high == pytest.approx(100.0)


def test_ptb_reference_is_detokenised_before_scoring() -> None:
    assert normalize_reference("Locke 's team did n't win -LRB- again -RRB- , he said .") == (
        "Locke's team didn't win (again), he said."
    )
    assert normalize_reference("Ordinary prose, as written.") == "Ordinary prose, as written."
    # PTB-spaced full stops still separate sentences, one per line for ROUGE-Lsum.
    assert rouge_lines(normalize_reference("First point . Second point .")) == (
        "First point.\nSecond point."
    )
    # ROUGE-2 sees "didn t" in both; left as "did n t" the bigram would not match.
    record = EvalRecord("x", "He didn't come back. Nobody knew why.", "He did n't come back .", "x")
    result = evaluate([record], FirstSentences(sentences=1), bootstrap=10)
    assert result.rouge2.mean == pytest.approx(100.0)


def test_scores_are_between_0_and_100_and_lower_for_abstractive_references(data: Path) -> None:
    result = evaluate(load_records(data), FirstSentences(sentences=1), bootstrap=200)
    rows = np.array(result.per_article)
    assert rows.shape == (4, 3)
    assert ((rows >= 0) & (rows <= 100)).all()
    # The lead copies the first two references' opening sentence but not the others.
    assert rows[0, 0] > rows[2, 0]
    assert rows[1, 0] > rows[3, 0]
    assert result.rouge1.mean == pytest.approx(rows[:, 0].mean())


def test_bootstrap_interval_contains_mean_and_is_ordered(data: Path) -> None:
    result = evaluate(load_records(data), FirstSentences(sentences=1), bootstrap=500, seed=3)
    for metric in (result.rouge1, result.rouge2, result.rougeLsum):
        assert metric.low is not None and metric.high is not None
        assert metric.low <= metric.mean <= metric.high
    # Per-article scores differ a lot here, so the interval has width.
    low, high = result.rouge1.low, result.rouge1.high
    assert low is not None and high is not None and low < high
    again = evaluate(load_records(data), FirstSentences(sentences=1), bootstrap=500, seed=3)
    assert again.rouge1 == result.rouge1


def test_bootstrap_ci_matches_a_direct_resampling() -> None:
    rng = np.random.default_rng(7)
    scores = rng.uniform(0, 100, size=(200, 3))
    low, high = bootstrap_ci(scores, resamples=4000, seed=1)
    means = scores.mean(axis=0)
    assert (low < means).all() and (means < high).all()
    # The normal approximation's half-width, 1.96 * sd / sqrt(n), is close for n = 200.
    half = 1.96 * scores.std(axis=0, ddof=1) / np.sqrt(200)
    np.testing.assert_allclose(high - low, 2 * half, rtol=0.15)


def test_speed_and_counts(data: Path) -> None:
    result = evaluate(load_records(data), FirstSentences(sentences=3), bootstrap=50)
    assert result.articles == 4
    assert result.summarize_seconds > 0
    assert result.articles_per_second > 0
    assert result.sentences == 3
    assert result.failed == ()
    as_dict = result.to_dict()
    assert as_dict["articles"] == 4
    assert set(as_dict["rouge"]) == {"rouge1", "rouge2", "rougeLsum"}
    assert json.loads(json.dumps(as_dict)) == as_dict
    table = result.format_table()
    assert "ROUGE-Lsum" in table and "articles/s" in table


def test_failing_article_scores_zero_and_is_listed(data: Path) -> None:
    records = load_records(data)
    result = evaluate(records, Exploding(sentences=2), bootstrap=50)
    assert result.articles == 4
    assert [s.input for s in result.failed] == [records[1].input]
    assert "cannot handle this article" in result.failed[0].reason
    assert result.per_article[1] == (0.0, 0.0, 0.0)
    assert result.empty == 1


def test_no_records_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="no records"):
        evaluate([], FirstSentences())


def test_missing_rouge_score_explains_how_to_install(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "rouge_score", None)
    with pytest.raises(BriefingError, match=r"pip install 'newsbriefing\[eval\]'"):
        evaluate(load_records(data), FirstSentences())


def test_run_eval_uses_the_registry_and_limit(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry._REGISTRY, "first-sentences", f"{__name__}:FirstSentences")
    result = run_eval(data, "first-sentences", sentences=2, limit=1, bootstrap=20)
    assert result.summarizer == "first-sentences"
    assert result.articles == 1
    assert result.data == "news.jsonl"
    assert result.rouge1.mean == pytest.approx(100.0)


def test_run_eval_rejects_unknown_summarizer_and_bad_options(data: Path) -> None:
    with pytest.raises(UsageError, match="unknown summarizer 'nope'"):
        run_eval(data, "nope")
    with pytest.raises(UsageError, match="--limit"):
        run_eval(data, "nope", limit=0)
    with pytest.raises(UsageError, match="--sentences"):
        run_eval(data, "nope", sentences=0)


def test_bootstrap_zero_gives_means_without_intervals(data: Path) -> None:
    result = evaluate(load_records(data), FirstSentences(sentences=1), bootstrap=0)
    assert result.rouge1.low is None and result.rouge1.high is None
    assert 0 < result.rouge1.mean < 100
    assert result.to_dict()["rouge"]["rouge1"]["low"] is None
    assert "no bootstrap" in result.format_table()
    assert "(" not in result.markdown_row().split("|")[2]
    with pytest.raises(UsageError, match="bootstrap"):
        evaluate(load_records(data), FirstSentences(), bootstrap=-1)
