"""The records that flow through the pipeline.

Every record is a small frozen dataclass, so a stage cannot change what an earlier stage
produced, and records can be hashed, compared in tests and sent between processes.

    ingest   -> Article        (raw text plus metadata, one per article)
    clean    -> Article        (same record, junk removed, dateline moved to metadata)
    split    -> Document       (paragraphs and sentences, each sentence indexed)
    summarise-> Summary        (from :mod:`summarizers`; sentences with source indices)
    extract  -> Extraction     (actors, agreements, context, quotes; each with citations)
    assemble -> Story, Briefing
    render   -> str            (Markdown, HTML, JSON, email)

Citations point at a sentence of a story's source: ``Citation(source=0, sentence=4)`` is
sentence 4 (0-based, in ``Document.sentences`` order) of ``Story.sources[0]``. Extraction on
one document always cites ``source=0``; assembling a multi-article story re-numbers them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ActorKind = Literal["person", "organisation", "country", "place", "group"]
AgreementStatus = Literal["signed", "in force", "expected", "proposed", "rejected", "ended"]

ACTOR_KINDS: tuple[str, ...] = ("person", "organisation", "country", "place", "group")
AGREEMENT_STATUSES: tuple[str, ...] = (
    "signed",
    "in force",
    "expected",
    "proposed",
    "rejected",
    "ended",
)


@dataclass(frozen=True)
class Link:
    """A hyperlink found in an article (kept as metadata, never rendered as article text)."""

    text: str
    url: str


@dataclass(frozen=True)
class Article:
    """One article as ingested: body text plus whatever metadata the input carried.

    ``text`` holds paragraphs separated by blank lines. ``input`` says where the article came
    from (a path, ``path:line`` for JSONL, ``-`` for stdin, a URL) so that errors and the
    skipped list can name it.
    """

    id: str
    text: str
    input: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None
    place: str | None = None
    language: str | None = None
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document. ``index`` is its position among all sentences (0-based)."""

    index: int
    paragraph: int
    text: str


@dataclass(frozen=True)
class Document:
    """A cleaned article split into paragraphs and sentences."""

    article: Article
    paragraphs: tuple[str, ...]
    sentences: tuple[Sentence, ...]

    @property
    def texts(self) -> tuple[str, ...]:
        """The sentence texts, in order."""
        return tuple(s.text for s in self.sentences)


@dataclass(frozen=True)
class Citation:
    """A pointer to the source sentence that supports an item of the briefing."""

    source: int
    sentence: int


@dataclass(frozen=True)
class SummaryLine:
    """One line of a story's summary with the source sentences that support it.

    ``support`` is the number of distinct sources (articles) that say what the line says:
    1 for a single-article story, up to ``len(Story.sources)`` for a grouped one.
    """

    text: str
    citations: tuple[Citation, ...]
    support: int = 1


@dataclass(frozen=True)
class Actor:
    """A person, organisation, country, place or group that the story is about."""

    name: str
    kind: str
    role: str | None = None
    mentions: int = 1
    aliases: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    salience: float = 0.0


@dataclass(frozen=True)
class Agreement:
    """Who agreed (or is expected to agree) on what, with the sentence that says so."""

    text: str
    parties: tuple[str, ...]
    action: str
    status: str
    citation: Citation
    object: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Quote:
    """Words quoted in the article, with their speaker when the text names one."""

    text: str
    speaker: str | None
    citation: Citation


@dataclass(frozen=True)
class ContextItem:
    """Background a reader needs (history, earlier events), kept apart from the summary."""

    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Extraction:
    """Everything the extract stage finds in one document."""

    actors: tuple[Actor, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    context: tuple[ContextItem, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Source:
    """An article a story was built from, as listed under the story."""

    id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    author: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class Story:
    """One event of the briefing, built from one or more articles."""

    id: str
    headline: str
    summary: tuple[SummaryLine, ...]
    sources: tuple[Source, ...]
    actors: tuple[Actor, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    context: tuple[ContextItem, ...] = ()
    quotes: tuple[Quote, ...] = ()
    # The sentences of each source, so that renderers can show what a citation points at.
    source_sentences: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Skipped:
    """An input or article that did not make it into the briefing, and why."""

    input: str
    reason: str


@dataclass(frozen=True)
class Briefing:
    """The finished briefing, ready to render."""

    title: str
    date: str
    stories: tuple[Story, ...]
    skipped: tuple[Skipped, ...] = ()
    summarizer: str = ""
    generator: str = field(default="")
