"""A summariser that batches (``summarize_many``) gets many articles in one call, and the
briefing is the one that summarising them one by one gives."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from briefing.models import Article
from briefing.parallel import prepare_batch, prepare_one
from briefing.pipeline import BuildOptions, Pipeline, build_briefing
from briefing.render import render
from summarizers import registry
from summarizers.base import Summary
from summarizers.lead import Lead

CALLS: list[int] = []


class BatchingLead(Lead):
    """The lead summariser with a batched entry point that records its batch sizes."""

    def summarize_many(
        self,
        documents: Sequence[str | Sequence[str]],
        *,
        titles: Sequence[str | None] | None = None,
    ) -> list[Summary]:
        CALLS.append(len(documents))
        titles = titles or [None] * len(documents)
        return [self(d, title=t) for d, t in zip(documents, titles, strict=True)]


@pytest.fixture(autouse=True)
def registered() -> None:
    registry.register("batching-lead", BatchingLead)
    CALLS.clear()


def _article(i: int, text: str) -> Article:
    return Article(id=f"a{i}", text=text, input=f"a{i}.txt", title=f"Story {i}")


ARTICLES = [
    _article(
        1,
        "The city council approved the new harbour bridge on Monday after a two-year review."
        " Construction will start in May and take three years, the council said.",
    ),
    _article(2, "   "),  # nothing to summarise: skipped with its reason, the batch goes on
    _article(
        3,
        "Dockworkers at the port of Valmont ended a nine-day strike on Tuesday after the"
        " operator raised its pay offer. Normal working resumes on Wednesday, the union said.",
    ),
]


def test_one_call_for_the_batch_and_the_same_outcomes() -> None:
    pipeline = Pipeline(BuildOptions(summarizer="batching-lead", extract=False))
    batched = prepare_batch(pipeline, ARTICLES)
    assert CALLS == [2]  # the blank article never reaches the summariser
    one_by_one = [prepare_one(pipeline, a) for a in ARTICLES]
    assert batched == one_by_one
    assert isinstance(batched[1], str)


def test_build_batches_and_matches_the_plain_summariser(tmp_path: Path) -> None:
    for i, article in enumerate(ARTICLES):
        (tmp_path / f"{i}-{article.id}.txt").write_text(
            f"{article.title}\n\n{article.text}\n", encoding="utf-8"
        )
    options = BuildOptions(summarizer="batching-lead", extract=False, date="2026-11-28")
    batched = build_briefing([str(tmp_path)], options)
    assert CALLS and max(CALLS) == 2
    plain = build_briefing(
        [str(tmp_path)], BuildOptions(summarizer="lead", extract=False, date="2026-11-28")
    )
    assert render(batched, "json").replace("batching-lead", "lead") == render(plain, "json")
