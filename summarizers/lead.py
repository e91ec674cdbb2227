"""The lead baseline: a news story's first sentences.

Journalists put the most important facts first (the inverted pyramid), so the opening
sentences are a strong baseline that every other summariser has to beat.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizers.base import ExtractiveSummarizer

__all__ = ["Lead"]


class Lead(ExtractiveSummarizer):
    """The first sentences of the document, as many as the budget allows.

    >>> Lead(sentences=1)("The deal was signed. Talks took a year.").text
    'The deal was signed.'

    The summary is always an unbroken run from the start (blank sentences aside): with a word
    budget it stops before the first sentence that would overflow it, rather than skipping to
    a shorter one further down, but it always keeps the first sentence.
    """

    name = "lead"

    def score(self, sentences: Sequence[str], *, title: str | None = None) -> Sequence[float]:
        """Earlier is better: the first sentence scores 1.0, falling linearly."""
        n = len(sentences)
        return [(n - i) / n for i in range(n)]

    def select(self, sentences: Sequence[str], scores: Sequence[float]) -> list[int]:
        """The longest opening run of sentences within the budget."""
        limit = self.budget.max_sentences(len(sentences))
        max_words = self.budget.words
        chosen: list[int] = []
        used = 0
        for i, sentence in enumerate(sentences):
            if len(chosen) >= limit:
                break
            n = len(sentence.split())
            if n == 0:
                continue
            if max_words is not None and chosen and used + n > max_words:
                break
            chosen.append(i)
            used += n
        return chosen
