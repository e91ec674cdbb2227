"""What the faithfulness guard dropped reaches the JSON output, and generated summaries tell
the extractor which source sentences they stand on.

No model is needed: the summaries here are what an abstractive or hybrid summariser returns
(generated sentences with no extracted position, citing their supporting sentences, and the
guard's drops), built around a real extractive pick of a sample article.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from briefing.assemble import assemble_story
from briefing.models import Article, Briefing, DroppedLine
from briefing.pipeline import BuildOptions, Pipeline, summary_sources
from briefing.render import briefing_to_dict, load_schema, render
from summarizers.base import Dropped, Summary, SummarySentence

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# Hallucinations of the kind the guard catches, as it reports them.
INVENTED = (
    Dropped(
        "Port director Maria Olsen said 4,000 jobs would go.",
        "unsupported name 'Maria Olsen'; unsupported number '4,000'; replaced by source sentence 0",
    ),
    Dropped("The deal was signed in 1998.", "unsupported date '1998'"),
)


class Generated:
    """Rewords what an extractive summariser picks, as the hybrid summariser does: each line
    is new text (no extracted position) citing the sentence it came from."""

    name = "generated"

    def __init__(self, picker: object, dropped: Sequence[Dropped] = ()) -> None:
        self.picker = picker
        self.dropped = tuple(dropped)

    def __call__(self, document: str | Sequence[str], *, title: str | None = None) -> Summary:
        picked: Summary = self.picker(document, title=title)  # type: ignore[operator]
        lines = tuple(
            SummarySentence(f"In short, item {k} of the story.", None, 1.0, (i,))
            for k, i in enumerate(picked.indices)
        )
        return Summary(lines, "hybrid", self.dropped)


@pytest.fixture(scope="module")
def article() -> Article:
    text = (SAMPLES / "port-merger.txt").read_text(encoding="utf-8")
    return Article(id="port-merger", title="Port merger approved", text=text, input="port")


def test_summary_sources_are_extracted_positions_or_cited_sentences() -> None:
    extractive = Summary((SummarySentence("A.", 3, 1.0, (3, 4)), SummarySentence("B.", 0)), "x")
    # An extracted sentence stands for itself: its wider support does not move salience.
    assert summary_sources(extractive) == (3, 0)
    generated = Summary(
        (
            SummarySentence("New words.", None, 1.0, (5, 2)),
            SummarySentence("More.", None, 0.5, (2, 7)),
        ),
        "abstractive",
    )
    assert generated.indices == ()
    assert summary_sources(generated) == (5, 2, 7)
    assert summary_sources(Summary((), "abstractive")) == ()


def test_extraction_of_a_generated_summary_knows_what_it_covers(article: Article) -> None:
    pipeline = Pipeline(BuildOptions(summarizer="lead", sentences=2))
    document, summary, extraction = pipeline.prepare(article)
    assert summary.indices == (0, 1)
    # The check below can only fail if salience depends on the summary for this article.
    unaware = pipeline.extractor(document, ())
    assert [a.name for a in unaware.actors] != [a.name for a in extraction.actors] or (
        {c.citations[0].sentence for c in unaware.context} & {0, 1}
    )

    pipeline.summarizer = Generated(pipeline.summarizer)  # type: ignore[assignment]
    _, generated, from_generated = pipeline.prepare(article)
    assert generated.indices == () and summary_sources(generated) == (0, 1)
    assert from_generated.actors == extraction.actors
    assert not {c.citations[0].sentence for c in from_generated.context} & {0, 1}


def test_story_reports_what_the_guard_dropped(article: Article) -> None:
    pipeline = Pipeline(BuildOptions(summarizer="lead", sentences=2))
    pipeline.summarizer = Generated(pipeline.summarizer, INVENTED)  # type: ignore[assignment]
    document, summary, extraction = pipeline.prepare(article)
    story = assemble_story(document, summary, extraction)
    assert story.dropped == tuple(DroppedLine(d.text, d.reason) for d in INVENTED)
    assert [c.sentence for line in story.summary for c in line.citations] == [0, 1]

    plain = Pipeline(BuildOptions(summarizer="lead", sentences=2))
    extractive = assemble_story(*plain.prepare(article))
    assert extractive.dropped == ()

    briefing = Briefing("Daily", "2024-05-02", (story, extractive))
    data = json.loads(render(briefing, "json"))
    assert data == briefing_to_dict(briefing)
    reported, untouched = data["stories"]
    assert reported["dropped"] == [{"text": d.text, "reason": d.reason} for d in INVENTED]
    assert "dropped" not in untouched
    validator = Draft202012Validator(load_schema())
    assert [e.message for e in validator.iter_errors(data)] == []
    reported["dropped"][0]["why"] = "x"
    assert not validator.is_valid(data)

    # Readers get the checked summary only: the invented claims are not repeated to them.
    for fmt in ("markdown", "html"):
        page = render(briefing, fmt)
        assert "In short, item 0 of the story." in page
        assert "Maria Olsen" not in page and "1998" not in page
