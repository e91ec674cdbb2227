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
    from briefing.clean import CleanRules
    from briefing.extract import Extractor
    from briefing.models import Document, Extraction
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
        from briefing.clean import clean
        from briefing.models import Extraction
        from briefing.split import is_english, split

        cleaned = clean(article, self.rules)
        document = split(cleaned)
        summary = self.summarizer(document.texts, title=cleaned.title)
        if not summary.sentences:
            raise ArticleError(article.input, "no sentence worth summarising")
        # The entity model is English: an article in another language gets its summary only,
        # not actors and agreements made up from misread names.
        wanted = self.options.extract and is_english(document.article)
        extraction = self.extractor(document, summary.indices) if wanted else Extraction()
        return document, summary, extraction

    def run(self, articles: Iterable[Article | Skipped]) -> Briefing:
        """Turn ingested articles into a briefing; failures go to ``skipped``."""
        from briefing.assemble import assemble_briefing

        prepared: list[tuple[Document, Summary, Extraction]] = []
        skipped: list[Skipped] = []
        for item in articles:
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            try:
                prepared.append(self.prepare(item))
            except ArticleError as exc:
                skipped.append(Skipped(item.input, exc.reason))
            except Exception as exc:
                skipped.append(Skipped(item.input, f"internal error: {type(exc).__name__}: {exc}"))
        stories = self.assemble(prepared)
        return assemble_briefing(
            stories,
            skipped,
            title=self.options.title,
            date=self.options.resolved_date(),
            summarizer=self.summarizer_name,
            generator=f"briefing {__version__}",
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
    """Build a briefing from files, folders or ``-`` (stdin).

    >>> briefing = build_briefing(["samples/"], BuildOptions(sentences=3))  # doctest: +SKIP
    """
    from briefing.ingest import ingest

    pipeline = Pipeline(options)
    return pipeline.run(ingest(inputs, stdin=stdin))
