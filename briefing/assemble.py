"""The assemble stage: a document, its summary and its extraction become a :class:`Story`;
stories and skipped inputs become a :class:`Briefing`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.models import (
    Briefing,
    Citation,
    Document,
    Extraction,
    Skipped,
    Source,
    Story,
    SummaryLine,
)
from summarizers import Summary

_HEADLINE_WORDS = 14


def headline_for(document: Document) -> str:
    """The article's title, or the start of its first sentence when it has none."""
    title = (document.article.title or "").strip()
    if title:
        return re.sub(r"\s+", " ", title)
    first = document.sentences[0].text if document.sentences else document.article.id
    words = first.split()
    if len(words) <= _HEADLINE_WORDS:
        return first.rstrip(".")
    return " ".join(words[:_HEADLINE_WORDS]) + "…"


def source_of(document: Document) -> Source:
    """The :class:`Source` entry describing where a document came from."""
    a = document.article
    return Source(
        id=a.id,
        title=a.title,
        url=a.url,
        source=a.source,
        published=a.published,
        author=a.author,
        place=a.place,
    )


def summary_lines(summary: Summary, source: int = 0) -> tuple[SummaryLine, ...]:
    """Summary sentences with citations to the source sentences behind them."""
    lines = []
    for s in summary.sentences:
        support = s.support or ((s.index,) if s.index is not None else ())
        lines.append(SummaryLine(s.text, tuple(Citation(source, i) for i in support)))
    return tuple(lines)


def assemble_story(document: Document, summary: Summary, extraction: Extraction) -> Story:
    """One article's story. Its only source is ``sources[0]``, which all citations name."""
    return Story(
        id=document.article.id,
        headline=headline_for(document),
        summary=summary_lines(summary),
        sources=(source_of(document),),
        actors=extraction.actors,
        agreements=extraction.agreements,
        context=extraction.context,
        quotes=extraction.quotes,
        source_sentences=(document.texts,),
    )


def assemble_briefing(
    stories: Sequence[Story],
    skipped: Sequence[Skipped],
    *,
    title: str | None,
    date: str,
    summarizer: str,
    generator: str,
) -> Briefing:
    """The briefing: stories in input order, with what was skipped and why."""
    return Briefing(
        title=title or f"Briefing for {date}",
        date=date,
        stories=tuple(stories),
        skipped=tuple(skipped),
        summarizer=summarizer,
        generator=generator,
    )
