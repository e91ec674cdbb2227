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
FIGURE_KINDS: tuple[str, ...] = (
    "money",
    "percent",
    "count",
    "measure",
    "duration",
    "score",
    "date",
)
PLACE_KINDS: tuple[str, ...] = ("country", "city", "region", "location")


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
    # With --previous: the line says something the previous briefing's story did not.
    new: bool = False


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
    # Who acts, in the article's words, when the article names nobody ("Leaders", "Unions in
    # Sweden"): the line then reads "Leaders rejected a proposal from Vanuatu" rather than
    # putting the named counterparty first as if it had acted.
    acting: str | None = None
    # With --previous: an agreement the previous briefing's story did not have.
    new: bool = False
    # In a story from several sources: where each source that says it does (``citation``, the
    # first, included); empty when only one source does.
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Quote:
    """Words quoted in the article, with their speaker when the text names one."""

    text: str
    speaker: str | None
    citation: Citation
    # With --previous: words the previous briefing's story did not quote.
    new: bool = False
    # In a story from several sources: where each source that quotes it does (``citation``,
    # the first, included); empty when only one source does.
    citations: tuple[Citation, ...] = ()


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
    figures: tuple[Figure, ...] = ()
    places: tuple[Place, ...] = ()


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
    figures: tuple[Figure, ...] = ()
    places: tuple[Place, ...] = ()
    # The topic section (briefing.sections); "" when sections are off.
    section: str = ""
    # The ranking score (briefing.rank): higher is more important; 0.0 when not ranked.
    score: float = 0.0
    # With --previous (briefing.changes): "new" (not in the previous briefing), "updated"
    # (there, with new facts marked ``new``) or "" (unchanged, or no previous briefing).
    status: str = ""
    # What the faithfulness guard of an abstractive or hybrid summary removed, and why
    # (in the JSON output only: a reader gets the checked summary, an auditor the rest).
    dropped: tuple[DroppedLine, ...] = ()


@dataclass(frozen=True)
class DroppedLine:
    """A generated summary sentence the faithfulness guard removed, and why (the reason
    names what the article does not support, and the source sentence put in its place)."""

    text: str
    reason: str


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
    # Stories ranked below --max-stories and left out.
    omitted: int = 0
    # The date of the --previous briefing that new and updated stories are marked against.
    previous: str | None = None
    # Unchanged stories left out by --only-new.
    unchanged: int = 0
    # Articles published before --since, left out before any work was done on them.
    older: int = 0


@dataclass(frozen=True)
class Figure:
    """A key number or date of a story, with what it measures and the sentence that gives it.

    ``kind`` is one of :data:`FIGURE_KINDS`. ``value`` is the number as a float ("£3.2bn" is
    ``3.2e9``, "3.1%" is ``3.1``) when the text pins one down, and ``unit`` what it counts in
    (``"GBP"``, ``"%"``, ``"metre"``, ``"year"``). ``measures`` says what the number is of, in
    the sentence's own words ("people were killed", "inflation rose to"). For kind ``"date"``,
    ``date`` is the ISO form (``2024-05-14``, or ``2005-03`` / ``2005`` when only that much is
    given) and ``measures`` what happened then.
    """

    text: str
    kind: str
    value: float | None
    unit: str | None
    measures: str
    citation: Citation
    date: str | None = None


@dataclass(frozen=True)
class Place:
    """A place the story happens in or mentions: a country, city, region or location."""

    name: str
    kind: str
    mentions: int
    citation: Citation
