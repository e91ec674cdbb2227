"""The summariser protocol, the records it returns, and the extractive base class.

A summariser is built once with all of its options and then called on documents::

    summarize = TextRank(sentences=3)
    summary = summarize("Full article text ...", title="Headline")
    for s in summary.sentences:
        print(s.index, s.text)

Options live in the constructor only (no attribute-setting afterwards), so one instance can be
shared between threads and its behaviour is fixed by how it was built.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol, runtime_checkable

from summarizers.sentences import split_sentences


@dataclass(frozen=True)
class Budget:
    """How long a summary may be: a number of sentences, of words, or a ratio of the input.

    When several are given, the tightest wins. A summary always has at least one sentence
    when the input has one.
    """

    sentences: int | None = 3
    words: int | None = None
    ratio: float | None = None

    def __post_init__(self) -> None:
        if self.sentences is not None and self.sentences < 1:
            raise ValueError(f"sentences must be at least 1, got {self.sentences}")
        if self.words is not None and self.words < 1:
            raise ValueError(f"words must be at least 1, got {self.words}")
        if self.ratio is not None and not 0.0 < self.ratio <= 1.0:
            raise ValueError(f"ratio must be in (0, 1], got {self.ratio}")

    def max_sentences(self, available: int) -> int:
        """The most sentences this budget allows out of ``available``."""
        limit = available
        if self.sentences is not None:
            limit = min(limit, self.sentences)
        if self.ratio is not None:
            limit = min(limit, max(1, math.ceil(self.ratio * available)))
        return max(0, limit)


@dataclass(frozen=True)
class SummarySentence:
    """A sentence of a summary.

    ``index`` is the position of the sentence in the input (0-based) for extracted sentences
    and ``None`` for generated ones; ``support`` lists the input sentences that back it up.
    """

    text: str
    index: int | None
    score: float = 0.0
    support: tuple[int, ...] = ()


@dataclass(frozen=True)
class Dropped:
    """A generated sentence that a guard removed, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class Summary:
    """A summary in reading order."""

    sentences: tuple[SummarySentence, ...]
    method: str
    dropped: tuple[Dropped, ...] = ()

    @property
    def text(self) -> str:
        """The summary as one paragraph."""
        return " ".join(s.text for s in self.sentences)

    @property
    def indices(self) -> tuple[int, ...]:
        """The input positions of the extracted sentences."""
        return tuple(s.index for s in self.sentences if s.index is not None)


@runtime_checkable
class SummarizerProtocol(Protocol):
    """Anything that turns a document into a :class:`Summary`."""

    name: ClassVar[str]

    def __call__(self, document: str | Sequence[str], *, title: str | None = None) -> Summary:
        """Summarise ``document`` (raw text, or a sequence of sentences already split)."""
        ...


class Summarizer(ABC):
    """Base class of every summariser: budget and language handling, input splitting."""

    name: ClassVar[str] = ""

    def __init__(
        self,
        *,
        sentences: int | None = 3,
        words: int | None = None,
        ratio: float | None = None,
        language: str = "english",
    ) -> None:
        self.budget = Budget(sentences=sentences, words=words, ratio=ratio)
        self.language = language

    def sentences_of(self, document: str | Sequence[str]) -> list[str]:
        """The input as a list of sentences (split with Punkt when given raw text)."""
        if isinstance(document, str):
            return split_sentences(document, language=self.language)
        return [s for s in document]

    @abstractmethod
    def __call__(self, document: str | Sequence[str], *, title: str | None = None) -> Summary:
        """Summarise ``document`` (raw text, or a sequence of sentences already split)."""

    def __repr__(self) -> str:
        b = self.budget
        return (
            f"{type(self).__name__}(sentences={b.sentences}, words={b.words}, "
            f"ratio={b.ratio}, language={self.language!r})"
        )


class ExtractiveSummarizer(Summarizer):
    """A summariser that scores sentences and picks the best within the budget.

    Subclasses implement :meth:`score`; they may override :meth:`select` (for redundancy
    control, say). The result is always in reading order and every sentence is copied
    verbatim from the input.
    """

    def __call__(self, document: str | Sequence[str], *, title: str | None = None) -> Summary:
        sentences = self.sentences_of(document)
        if not sentences:
            return Summary((), self.name)
        scores = [float(x) for x in self.score(sentences, title=title)]
        if len(scores) != len(sentences):
            raise RuntimeError(f"{self.name}: {len(scores)} scores for {len(sentences)} sentences")
        chosen = self.select(sentences, scores)
        return Summary(
            tuple(SummarySentence(sentences[i], i, scores[i], (i,)) for i in sorted(set(chosen))),
            self.name,
        )

    @abstractmethod
    def score(self, sentences: Sequence[str], *, title: str | None = None) -> Sequence[float]:
        """One score per sentence; higher is more summary-worthy."""

    def select(self, sentences: Sequence[str], scores: Sequence[float]) -> list[int]:
        """Indices of the sentences to keep: best first, within the budget."""
        order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
        return fit_budget(order, sentences, self.budget)


def fit_budget(ranked: Sequence[int], sentences: Sequence[str], budget: Budget) -> list[int]:
    """Take sentences from ``ranked`` (best first) until the budget is used.

    With a word budget, a sentence that would overflow it is passed over in favour of a
    shorter one further down, but the first sentence is always taken so the summary is never
    empty.
    """
    limit = budget.max_sentences(len(sentences))
    chosen: list[int] = []
    words = 0
    for i in ranked:
        if len(chosen) >= limit:
            break
        n = len(sentences[i].split())
        if budget.words is not None and chosen and words + n > budget.words:
            continue
        chosen.append(i)
        words += n
    return chosen
