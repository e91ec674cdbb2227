"""The assemble stage: a document, its summary and its extraction become a :class:`Story`;
stories and skipped inputs become a :class:`Briefing`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from briefing.extract.figures import without_actors
from briefing.models import (
    Actor,
    Agreement,
    Briefing,
    Citation,
    ContextItem,
    Document,
    DroppedLine,
    Extraction,
    Figure,
    Place,
    Quote,
    Skipped,
    Source,
    Story,
    SummaryLine,
)
from summarizers import Summary

if TYPE_CHECKING:
    from summarizers import SummarizerProtocol

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


def dropped_lines(summary: Summary) -> tuple[DroppedLine, ...]:
    """What the summariser's faithfulness guard removed, and why (empty for extractive)."""
    return tuple(DroppedLine(d.text, d.reason) for d in getattr(summary, "dropped", ()))


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
        figures=extraction.figures,
        places=extraction.places,
        dropped=dropped_lines(summary),
    )


# Sentences of different sources at or above this cosine (term frequencies, no IDF: over
# the few sentences of one group, IDF inflates every swapped synonym) say the same thing (a
# syndicated copy, a rewrite with a few words swapped); one of them stands for all.
SAME_SENTENCE = 0.65


def assemble_group(
    documents: Sequence[Document],
    summaries: Sequence[Summary],
    extractions: Sequence[Extraction],
    summarizer: SummarizerProtocol,
) -> Story:
    """One story from several articles about the same event.

    ``documents[0]`` leads: it gives the story its id and headline, and its sentences come
    first. Sentences that several sources share (the same words, or nearly) are collapsed
    into one before summarising, and each summary line cites every source sentence that says
    it, with ``support`` the number of sources that do. Actors are merged by name and alias,
    agreements, quotes and context de-duplicated, and all citations re-numbered so that
    ``source=i`` is ``documents[i]``. A single document gives exactly :func:`assemble_story`.
    """
    if not documents or not len(documents) == len(summaries) == len(extractions):
        raise ValueError("assemble_group needs one summary and one extraction per document")
    if len(documents) == 1:
        return assemble_story(documents[0], summaries[0], extractions[0])
    headline = headline_for(documents[0])
    clusters = _sentence_clusters(documents)
    texts = [documents[c[0][0]].sentences[c[0][1]].text for c in clusters]
    summary = summarizer(texts, title=documents[0].article.title)
    lines = _group_lines(summary, clusters)
    if not lines:
        summary = summaries[0]
        lines = summary_lines(summary)
    extraction = merge_extractions(extractions)
    return Story(
        id=documents[0].article.id,
        headline=headline,
        summary=lines,
        sources=tuple(source_of(d) for d in documents),
        actors=extraction.actors,
        agreements=extraction.agreements,
        context=extraction.context,
        quotes=extraction.quotes,
        source_sentences=tuple(d.texts for d in documents),
        figures=extraction.figures,
        places=extraction.places,
        dropped=dropped_lines(summary),
    )


def _sentence_clusters(documents: Sequence[Document]) -> list[list[tuple[int, int]]]:
    """The group's sentences as clusters of (source, sentence) that say the same thing, in
    reading order of their first member (all of ``documents[0]`` first)."""
    import numpy as np

    from summarizers.text import dedupe_keys, similarity_matrix

    pool = [(i, s.index) for i, d in enumerate(documents) for s in d.sentences]
    texts = [documents[i].sentences[j].text for i, j in pool]
    keys = dedupe_keys(texts)
    similarity = similarity_matrix(texts, idf=False)
    clusters: list[list[tuple[int, int]]] = []
    heads: list[int] = []  # the pool position of each cluster's first member
    by_key: dict[str, int] = {}
    for k, (source, _) in enumerate(pool):
        found = by_key.get(keys[k]) if keys[k] else None
        if found is None and heads:
            head_sources = np.fromiter((pool[h][0] for h in heads), dtype=np.int64)
            # Only another source's sentence can be the same report; one article's own
            # sentences that look alike are kept apart.
            scores = np.where(head_sources != source, similarity[k, heads], -1.0)
            best = int(scores.argmax())
            if scores[best] >= SAME_SENTENCE:
                found = best
        if found is None:
            found = len(clusters)
            clusters.append([])
            heads.append(k)
            if keys[k]:
                by_key[keys[k]] = found
        clusters[found].append(pool[k])
    return clusters


def _group_lines(
    summary: Summary, clusters: Sequence[Sequence[tuple[int, int]]]
) -> tuple[SummaryLine, ...]:
    lines = []
    for s in summary.sentences:
        support = s.support or ((s.index,) if s.index is not None else ())
        cited = sorted({m for c in support if 0 <= c < len(clusters) for m in clusters[c]})
        citations = tuple(Citation(i, j) for i, j in cited)
        lines.append(SummaryLine(s.text, citations, support=len({i for i, _ in cited}) or 1))
    return tuple(lines)


def _renumber(citation: Citation, source: int) -> Citation:
    return Citation(source, citation.sentence)


def _names(actor: Actor) -> set[str]:
    return {n.casefold() for n in (actor.name, *actor.aliases)}


def merge_extractions(extractions: Sequence[Extraction]) -> Extraction:
    """The extractions of a group's documents as one, citations re-numbered to ``source=i``.

    Actors that share a name or alias (case-insensitively) and a kind become one: mentions
    summed, aliases and citations joined, the fullest name kept; agreements, quotes and
    context items said by several sources are kept once, citing each of them (agreements and
    quotes in ``citations``, one per source, ``citation`` staying the first source's). Key figures
    and dates another source already gave are kept once; places are merged by name with
    their mentions summed.
    """
    actors: list[Actor] = []
    agreements: dict[tuple[object, ...], Agreement] = {}
    quotes: dict[str, Quote] = {}
    context: dict[str, ContextItem] = {}
    for source, extraction in enumerate(extractions):
        for actor in extraction.actors:
            actor = replace(actor, citations=tuple(_renumber(c, source) for c in actor.citations))
            names = _names(actor)
            match = next(
                (k for k, a in enumerate(actors) if a.kind == actor.kind and names & _names(a)),
                None,
            )
            if match is None:
                actors.append(actor)
            else:
                actors[match] = _merge_actor(actors[match], actor)
        for agreement in extraction.agreements:
            key = (
                tuple(sorted(p.casefold() for p in agreement.parties)),
                agreement.action.casefold(),
                (agreement.object or "").casefold(),
                agreement.status,
            )
            stated = _renumber(agreement.citation, source)
            known_agreement = agreements.get(key)
            agreements[key] = (
                replace(agreement, citation=stated, citations=())
                if known_agreement is None
                else _cite_again(known_agreement, stated)
            )
        for quote in extraction.quotes:
            said = _renumber(quote.citation, source)
            known_quote = quotes.get(_text_key(quote.text))
            quotes[_text_key(quote.text)] = (
                replace(quote, citation=said, citations=())
                if known_quote is None
                else _cite_again(known_quote, said)
            )
        for item in extraction.context:
            text_key = _text_key(item.text)
            cited = tuple(_renumber(c, source) for c in item.citations)
            known = context.get(text_key)
            context[text_key] = (
                ContextItem(item.text, cited)
                if known is None
                else replace(known, citations=known.citations + cited)
            )
    # Most salient first; the sort is stable, so ties keep the order the sources gave.
    ranked = sorted(actors, key=lambda a: (-a.salience, -a.mentions))
    return Extraction(
        actors=tuple(ranked),
        agreements=tuple(agreements.values()),
        context=tuple(context.values()),
        quotes=tuple(quotes.values()),
        figures=_merge_figures(extractions),
        # A place one source lists is not repeated when another lists it as an actor.
        places=tuple(without_actors(_merge_places(extractions), ranked)),
    )


_Cited = TypeVar("_Cited", Agreement, Quote)


def _cite_again(item: _Cited, citation: Citation) -> _Cited:
    """``item`` (an agreement or quote another source already gave) also cited at
    ``citation``: one citation per source, the first source's staying ``item.citation``."""
    cited_by: tuple[Citation, ...] = item.citations or (item.citation,)
    if any(c.source == citation.source for c in cited_by):
        return item
    return replace(item, citations=(*cited_by, citation))


def _figure_key(figure: Figure) -> tuple[object, ...]:
    # "£3.2bn" and "£3.2 billion" are one figure; so are two sources' "Tuesday" for one date
    if figure.kind == "date":
        return ("date", figure.date or figure.text.casefold())
    if figure.value is not None:
        return (figure.kind, figure.value, figure.unit)
    return (figure.kind, figure.text.casefold())


def _merge_figures(extractions: Sequence[Extraction]) -> tuple[Figure, ...]:
    """Key numbers then key dates of all sources, each said once (citing the first source).

    Within one source two figures with the same value are kept apart (3% growth, 3% inflation);
    another source's figure with the same value, unit and kind is taken as the same one.
    """
    numbers: list[Figure] = []
    dates: list[Figure] = []
    owner: dict[tuple[object, ...], int] = {}
    for source, extraction in enumerate(extractions):
        for figure in extraction.figures:
            key = _figure_key(figure)
            if owner.setdefault(key, source) != source:
                continue
            renumbered = replace(figure, citation=_renumber(figure.citation, source))
            (dates if figure.kind == "date" else numbers).append(renumbered)
    # Each source's numbers stay most salient first and its dates in reading order.
    return (*numbers, *dates)


def _merge_places(extractions: Sequence[Extraction]) -> tuple[Place, ...]:
    """Places of all sources by name, mentions summed, most mentioned first."""
    places: dict[str, Place] = {}
    for source, extraction in enumerate(extractions):
        for place in extraction.places:
            key = place.name.casefold()
            known = places.get(key)
            if known is None:
                places[key] = replace(place, citation=_renumber(place.citation, source))
            else:
                places[key] = replace(known, mentions=known.mentions + place.mentions)
    return tuple(sorted(places.values(), key=lambda p: -p.mentions))


def _merge_actor(kept: Actor, other: Actor) -> Actor:
    name = kept.name if len(kept.name) >= len(other.name) else other.name
    aliases = []
    for alias in (kept.name, *kept.aliases, other.name, *other.aliases):
        if alias.casefold() != name.casefold() and alias not in aliases:
            aliases.append(alias)
    return replace(
        kept,
        name=name,
        role=kept.role or other.role,
        mentions=kept.mentions + other.mentions,
        aliases=tuple(aliases),
        citations=kept.citations + other.citations,
        salience=max(kept.salience, other.salience),
    )


def _text_key(text: str) -> str:
    from summarizers.text import dedupe_keys

    return dedupe_keys([text])[0]


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
