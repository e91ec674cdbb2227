"""Centroid summarisation (Radev et al., 2004): the sentences closest to what the text is about.

The document's centroid is the mean of its sentences' TF-IDF vectors, cut down to its topic
words: the terms whose centroid weight is at least ``topic_share`` of the largest. A
sentence's score is its cosine with that centroid, optionally plus a position prior (MEAD's
"position" feature, with the first sentence worth as much as the best centroid score), and
sentences are picked best first, skipping any whose similarity to one already picked reaches
``redundancy`` (MEAD's redundancy filter).
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizers.base import ExtractiveSummarizer
from summarizers.mmr import mmr_select

__all__ = ["Centroid"]


class Centroid(ExtractiveSummarizer):
    """Extractive summaries by similarity to the document centroid.

    :param topic_share: keep centroid terms weighing at least this share of the heaviest
        (0 keeps every term; 1 only the heaviest).
    :param position_weight: weight of MEAD's position score ``(n - i) / n``, scaled so that
        1.0 makes the first sentence worth as much as the most central one (default 0: pure
        centroid).
    :param redundancy: never pick a sentence whose cosine with a picked one is at least this
        (1.0 or more switches the filter off).

    The title is not used. Ties go to the earlier sentence. Deterministic for a given input.
    """

    name = "centroid"

    def __init__(
        self,
        *,
        sentences: int | None = 3,
        words: int | None = None,
        ratio: float | None = None,
        language: str = "english",
        topic_share: float = 0.1,
        position_weight: float = 0.0,
        redundancy: float = 0.7,
    ) -> None:
        super().__init__(sentences=sentences, words=words, ratio=ratio, language=language)
        if not 0.0 <= topic_share <= 1.0:
            raise ValueError(f"topic_share must be in [0, 1], got {topic_share}")
        if position_weight < 0.0:
            raise ValueError(f"position_weight must be 0 or more, got {position_weight}")
        if not redundancy > 0.0:
            raise ValueError(f"redundancy must be positive, got {redundancy}")
        self.topic_share = float(topic_share)
        self.position_weight = float(position_weight)
        self.redundancy = float(redundancy)

    def __repr__(self) -> str:
        base = super().__repr__()[:-1]
        return (
            f"{base}, topic_share={self.topic_share}, position_weight={self.position_weight}, "
            f"redundancy={self.redundancy})"
        )

    def score(self, sentences: Sequence[str], *, title: str | None = None) -> Sequence[float]:
        """Each sentence's cosine with the topic centroid (plus the position score)."""
        import numpy as np

        from summarizers.text import term_array

        n = len(sentences)
        if n == 0:
            return []
        vectors = term_array(sentences)
        centroid = vectors.mean(axis=0)
        if centroid.size and centroid.max() > 0:
            centroid[centroid < self.topic_share * centroid.max()] = 0.0
        norm = float(np.linalg.norm(centroid))
        scores = vectors @ centroid / norm if norm > 0 else np.zeros(n)
        if self.position_weight:
            top = float(scores.max()) or 1.0
            scores = scores + self.position_weight * top * (n - np.arange(n)) / n
        return [float(x) for x in scores]

    def select(self, sentences: Sequence[str], scores: Sequence[float]) -> list[int]:
        """Best first within the budget, skipping near-repeats of a picked sentence."""
        from summarizers.text import similarity_matrix

        return mmr_select(
            scores,
            similarity_matrix(sentences),
            sentences,
            self.budget,
            diversity=0.0,
            duplicate=self.redundancy if self.redundancy < 1.0 else None,
        )
