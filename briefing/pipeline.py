"""The briefing pipeline, readable in one place.

    ingest → clean → split → summarise → extract → assemble → render → deliver

:func:`build_briefing` runs the stages up to *assemble* and returns a :class:`Briefing`;
rendering (:mod:`briefing.render`) and delivery (:mod:`briefing.deliver`) are separate so that
one briefing can be rendered into several formats and sent several ways.

Each article goes through the per-article stages on its own. An article that fails any stage
is recorded in ``Briefing.skipped`` with the reason, and the run goes on; only a mistake in
what the user asked for (a missing path, an unknown summariser) stops the run.
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
    from summarizers import Summarizer


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
            self.summarizer_name, sentences=self.options.sentences, words=self.options.words
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
        from briefing.clean import clean
        from briefing.models import Extraction
        from briefing.split import split

        cleaned = clean(article, self.rules)
        document = split(cleaned)
        summary = self.summarizer(document.texts, title=cleaned.title)
        if not summary.sentences:
            raise ArticleError(article.input, "no sentence worth summarising")
        extraction = (
            self.extractor(document, summary.indices) if self.options.extract else Extraction()
        )
        return assemble_story(document, summary, extraction)

    def run(self, articles: Iterable[Article | Skipped]) -> Briefing:
        """Turn ingested articles into a briefing; failures go to ``skipped``."""
        from briefing.assemble import assemble_briefing

        stories: list[Story] = []
        skipped: list[Skipped] = []
        for item in articles:
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            try:
                stories.append(self.story(item))
            except ArticleError as exc:
                skipped.append(Skipped(item.input, exc.reason))
            except Exception as exc:
                skipped.append(Skipped(item.input, f"internal error: {type(exc).__name__}: {exc}"))
        return assemble_briefing(
            stories,
            skipped,
            title=self.options.title,
            date=self.options.resolved_date(),
            summarizer=self.summarizer_name,
            generator=f"briefing {__version__}",
        )


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
