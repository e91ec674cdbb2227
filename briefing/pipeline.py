"""The briefing pipeline, readable in one place.

    ingest → clean → split → summarise → extract → group → assemble → render → deliver

:func:`build_briefing` runs the stages up to *assemble* and returns a :class:`Briefing`;
rendering (:mod:`briefing.render`) and delivery (:mod:`briefing.deliver`) are separate so that
one briefing can be rendered into several formats and sent several ways.

Each article goes through the per-article stages on its own. An article that fails any stage
is recorded in ``Briefing.skipped`` with the reason, and the run goes on; only a mistake in
what the user asked for (a missing path, an unknown summariser) stops the run. Then articles
about the same event are grouped (:mod:`briefing.group`) and each group becomes one story.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from briefing import __version__
from briefing.errors import ArticleError, BriefingError, UsageError
from briefing.models import Article, Briefing, Skipped, Story

if TYPE_CHECKING:
    from briefing.cache import Prepared
    from briefing.changes import PreviousBriefing
    from briefing.clean import CleanRules
    from briefing.extract import Extractor
    from briefing.fetch import FetchOptions
    from briefing.limits import Limits
    from briefing.models import Document, Extraction
    from briefing.rank import Arrangement, SinceFilter
    from briefing.sections import SectionRule
    from summarizers import Summarizer, Summary


def _default_summarizer() -> str:
    from summarizers import registry

    return getattr(registry, "DEFAULT", "textrank")


@dataclass(frozen=True)
class BuildOptions:
    """What to build: every knob of the pipeline, fixed before the run starts."""

    summarizer: str = ""
    sentences: int | None = 3
    words: int | None = None
    title: str | None = None
    date: str | None = None
    rules: Path | None = None
    extract: bool = True
    model: str = ""
    guard: bool = True
    group: bool = True
    # How to run, not what to build: none of these changes the briefing.
    workers: int = 1
    cache_dir: Path | None = None  # the cache root (articles/ inside it); None: no cache
    progress: bool | None = False  # None: a progress bar when stderr is a terminal
    # Ranking, sections and what changed (briefing.rank, .sections, .changes).
    since: str | None = None  # ISO date/date-time or a span (24h, 2d): older articles dropped
    previous: Path | None = None  # a JSON briefing written earlier: mark what is new since
    only_new: bool = False  # with previous: leave out stories with nothing new
    max_stories: int | None = None  # keep the N best-ranked stories, count the rest
    sections: tuple[SectionRule, ...] = ()  # section rules; () for the built-in defaults
    sectioned: bool = True  # False: no sections, one ranked list
    # How URLs and feed links are fetched (briefing.fetch); None: the defaults, with the HTTP
    # cache in cache_dir/http when cache_dir is set.
    fetch: FetchOptions | None = None
    # What one file or article may cost (briefing.limits); None: the defaults, overridden by
    # the BRIEFING_MAX_* environment variables.
    limits: Limits | None = None

    def resolved_date(self) -> str:
        """The briefing's date: the one asked for, or today's."""
        if self.date:
            try:
                return _dt.date.fromisoformat(self.date).isoformat()
            except ValueError:
                raise UsageError(
                    f"--date {self.date!r} is not a date; use the form YYYY-MM-DD"
                ) from None
        return _dt.date.today().isoformat()


class Pipeline:
    """The per-article stages, built once and applied to many articles.

    Building a pipeline loads the summariser and the cleaning rules; the spaCy model behind
    extraction is loaded on the first article that needs it.
    """

    def __init__(self, options: BuildOptions | None = None) -> None:
        from briefing.clean import CleanRules

        self.options = options or BuildOptions()
        self.summarizer_name = self.options.summarizer or _default_summarizer()
        self.summarizer: Summarizer = make_summarizer(
            self.summarizer_name,
            sentences=self.options.sentences,
            words=self.options.words,
            **model_options(self.summarizer_name, self.options.model, self.options.guard),
        )
        self.rules: CleanRules = CleanRules.load(self.options.rules)
        self._extractor: Extractor | None = None
        # Read and checked now, so that a bad --since or --previous stops the run before any
        # article is worked on.
        self.since: _dt.datetime | None = None
        if self.options.since:
            from briefing.rank import parse_since

            self.since = parse_since(self.options.since)
        self.previous: PreviousBriefing | None = None
        if self.options.previous is not None:
            from briefing.changes import load_previous

            self.previous = load_previous(self.options.previous)
        if self.options.only_new and self.previous is None:
            raise UsageError("--only-new needs --previous BRIEFING.json to know what is new")

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            from briefing.extract import Extractor

            self._extractor = Extractor()
        return self._extractor

    def story(self, article: Article) -> Story:
        """clean → split → summarise → extract → assemble, for one article.

        Raises :class:`ArticleError` when the article cannot make a story.
        """
        from briefing.assemble import assemble_story

        return assemble_story(*self.prepare(article))

    def prepare(self, article: Article) -> tuple[Document, Summary, Extraction]:
        """clean → split → summarise → extract, for one article: what assembling needs.

        Raises :class:`ArticleError` when the article cannot make a story.
        """
        document = self.split(article)
        summary = self.summarizer(document.texts, title=document.article.title)
        return self.complete(article, document, summary)

    def split(self, article: Article) -> Document:
        """clean → split, for one article. Raises :class:`ArticleError`."""
        from briefing.clean import clean
        from briefing.split import split

        return split(clean(article, self.rules))

    def complete(
        self, article: Article, document: Document, summary: Summary
    ) -> tuple[Document, Summary, Extraction]:
        """extract, for one article already split and summarised: what assembling needs.

        Raises :class:`ArticleError` when the summary is empty.
        """
        from briefing.models import Extraction
        from briefing.split import is_english

        if not summary.sentences:
            raise ArticleError(article.input, "no sentence worth summarising")
        # The entity model is English: an article in another language gets its summary only,
        # not actors and agreements made up from misread names.
        wanted = self.options.extract and is_english(document.article)
        extraction = self.extractor(document, summary_sources(summary)) if wanted else Extraction()
        return document, summary, extraction

    def run(self, articles: Iterable[Article | Skipped]) -> Briefing:
        """Turn ingested articles into a briefing; failures go to ``skipped``."""
        # Articles older than --since are dropped before the expensive stages (and counted).
        since = self.since_filter()
        if since is not None:
            articles = since(articles)
        from briefing.parallel import prepare_all

        # Cached, in worker processes or here, with a progress bar: the same result each way.
        prepared, skipped = prepare_all(self, articles)
        return self.finish(prepared, skipped, older=since.older if since is not None else 0)

    def since_filter(self) -> SinceFilter | None:
        """The ``--since`` filter of this run (``None`` without ``--since``)."""
        from briefing.rank import SinceFilter

        return SinceFilter(self.since) if self.since is not None else None

    def finish(
        self, prepared: Sequence[Prepared], skipped: Sequence[Skipped], *, older: int = 0
    ) -> Briefing:
        """group → rank → assemble: the briefing from the prepared articles (in input order)
        and the skipped ones. Every engine ends here, so they all make the same briefing.

        ``older`` counts the articles ``--since`` left out.
        """
        from dataclasses import replace

        from briefing.assemble import assemble_briefing

        stories = self.assemble(prepared)
        arranged = self.arrange(stories)
        briefing = assemble_briefing(
            arranged.stories,
            list(skipped),
            title=self.options.title,
            date=self.options.resolved_date(),
            summarizer=self.summarizer_name,
            generator=f"briefing {__version__}",
        )
        return replace(
            briefing,
            omitted=arranged.omitted,
            previous=arranged.previous,
            unchanged=arranged.unchanged,
            older=older,
        )

    def arrange(self, stories: Sequence[Story]) -> Arrangement:
        """changes → sections → rank → cut (:func:`briefing.rank.arrange`) with the options."""
        from briefing.rank import arrange

        return arrange(
            stories,
            rules=self.options.sections,
            sectioned=self.options.sectioned,
            previous=self.previous,
            only_new=self.options.only_new,
            max_stories=self.options.max_stories,
        )

    def assemble(self, prepared: Sequence[tuple[Document, Summary, Extraction]]) -> list[Story]:
        """group → assemble: articles about the same event become one story (unless
        ``options.group`` is off), in the order of each story's first article."""
        from briefing.assemble import assemble_group, assemble_story

        if not self.options.group or len(prepared) < 2:
            return [assemble_story(*p) for p in prepared]
        from briefing.group import group_documents

        groups = group_documents([p[0] for p in prepared])
        stories: list[Story] = []
        for members in groups:
            # The story leads with its best-described article (a title, a link, a date): a
            # bare syndicated copy that happens to come first should not give the headline.
            lead = min(members, key=lambda i: (*_missing_metadata(prepared[i][0]), i))
            parts = [prepared[i] for i in [lead, *(i for i in members if i != lead)]]
            try:
                stories.append(
                    assemble_group(
                        [p[0] for p in parts],
                        [p[1] for p in parts],
                        [p[2] for p in parts],
                        self.summarizer,
                    )
                )
            except Exception:
                # Merging is a convenience: if it fails, the articles still make stories.
                stories.extend(assemble_story(*p) for p in parts)
        return stories


def summary_sources(summary: Summary) -> tuple[int, ...]:
    """The source sentences a summary stands on, in order: an extracted sentence's own
    position, or the sentences a generated one cites (abstractive and hybrid summaries have
    no extracted positions, and actor and context salience must still know what the summary
    covers)."""
    seen: dict[int, None] = {}
    for s in summary.sentences:
        for i in (s.index,) if s.index is not None else s.support:
            seen[i] = None
    return tuple(seen)


def _missing_metadata(document: Document) -> tuple[bool, bool, bool]:
    article = document.article
    return (not article.title, not article.url, not article.published)


def make_summarizer(name: str, **options: object) -> Summarizer:
    """Build a summariser by registry name, turning a bad name into a usage error."""
    from summarizers import UnknownSummarizerError, get

    try:
        return get(name, **options)
    except UnknownSummarizerError as exc:
        raise UsageError(f"{exc}") from None
    except ValueError as exc:  # a bad budget, say
        raise UsageError(f"summarizer {name!r}: {exc}") from None
    except ImportError as exc:  # an optional extra that is not installed
        raise BriefingError(f"summarizer {name!r} is not available: {exc}") from None
    except RuntimeError as exc:
        # Imported only here: summarizers.models costs every extractive run tens of
        # milliseconds of start-up, and only the summarisers that load a model raise this.
        from summarizers.models import ModelError

        if isinstance(exc, ModelError):  # a model that is not installed or cannot be reached
            raise BriefingError(f"summarizer {name!r}: {exc}") from None
        raise


def model_options(name: str, model: str = "", guard: bool = True) -> dict[str, object]:
    """``model`` and ``guard`` for the summarisers that take them (abstractive, hybrid).

    ``--model`` given to a summariser without a model is a usage error; ``--no-guard`` is
    ignored by extractive summarisers, which only ever copy source sentences.
    """
    import inspect

    from summarizers import UnknownSummarizerError, get_class

    try:
        cls = get_class(name)
    except (UnknownSummarizerError, ImportError):
        return {}  # make_summarizer reports it
    # A subclass may take **options and pass them on (HybridSummarizer), so look up the MRO.
    takes_model = any(
        "model" in inspect.signature(k.__init__).parameters  # type: ignore[misc]
        for k in cls.__mro__
        if "__init__" in vars(k)
    )
    if not takes_model:
        if model:
            raise UsageError(
                f"--model applies to the abstractive and hybrid summarizers, not {name!r}"
            )
        return {}
    return {"model": model, "guard": guard}


def build_briefing(
    inputs: Sequence[str],
    options: BuildOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
) -> Briefing:
    """Build a briefing from files, folders, feeds, URLs or ``-`` (stdin).

    >>> briefing = build_briefing(["samples/"], BuildOptions(sentences=3))  # doctest: +SKIP
    """
    from briefing.ingest import ingest

    pipeline = Pipeline(options)
    read = ingest(
        inputs, stdin=stdin, limits=pipeline.options.limits, fetch=fetch_options(pipeline.options)
    )
    return pipeline.run(read)


def fetch_options(options: BuildOptions) -> FetchOptions | None:
    """The fetch options of a build: ``options.fetch``, or (when only a cache root is set)
    the defaults with the HTTP cache in ``cache_dir/http``."""
    if options.fetch is not None or options.cache_dir is None:
        return options.fetch
    from briefing.fetch import FetchOptions

    return FetchOptions.from_env(cache_dir=options.cache_dir / "http")
