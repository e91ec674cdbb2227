"""LexRank (Erkan & Radev, 2004): sentence centrality in a graph of idf-modified cosines.

Every sentence is a node; an edge's weight is the cosine similarity of the two sentences'
TF-IDF vectors (raw term counts times IDF, the paper's "idf-modified-cosine", self-similarity
included). Each row is normalised by its degree and a sentence's score is its stationary
probability under a random walk with random jumps (PageRank), found by power iteration.

*Continuous* LexRank (the default) keeps the cosines as edge weights. With ``threshold`` set,
the graph is the paper's thresholded one: an edge wherever the cosine is at least the
threshold, all edges of equal weight.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from summarizers.base import ExtractiveSummarizer

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["LexRank", "stationary_distribution"]


def stationary_distribution(
    weights: NDArray[np.float64],
    *,
    damping: float = 0.85,
    tolerance: float = 1e-6,
    max_iterations: int = 100,
) -> NDArray[np.float64]:
    """PageRank of the graph with non-negative edge ``weights`` (an ``n x n`` array).

    Rows are normalised to sum to one; a node without edges jumps anywhere. Power iteration
    stops when the scores move less than ``tolerance`` (L1) or after ``max_iterations``.
    The result sums to 1.
    """
    import numpy as np

    n = weights.shape[0]
    if n == 0:
        return np.zeros(0)
    degree = weights.sum(axis=1)
    dangling = degree <= 0
    transition = np.divide(
        weights, degree[:, None], out=np.zeros_like(weights), where=~dangling[:, None]
    )
    transition[dangling] = 1.0 / n
    scores = np.full(n, 1.0 / n)
    jump = (1.0 - damping) / n
    for _ in range(max_iterations):
        updated = jump + damping * (transition.T @ scores)
        updated /= updated.sum()
        done = float(np.abs(updated - scores).sum()) < tolerance
        scores = updated
        if done:
            break
    return scores


class LexRank(ExtractiveSummarizer):
    """Extractive summaries by LexRank centrality.

    :param threshold: ``None`` (default) for continuous LexRank, where edges weigh their
        cosine; a number in [0, 1) for the thresholded graph (the paper found 0.1 best).
    :param damping: the chance of following an edge rather than jumping (0 < damping < 1).
    :param tolerance: power iteration stops once the scores move less than this (L1).
    :param max_iterations: and in any case after this many rounds.

    The title is not used. Ties go to the earlier sentence. Deterministic for a given input.
    """

    name = "lexrank"

    def __init__(
        self,
        *,
        sentences: int | None = 3,
        words: int | None = None,
        ratio: float | None = None,
        language: str = "english",
        threshold: float | None = None,
        damping: float = 0.85,
        tolerance: float = 1e-6,
        max_iterations: int = 100,
    ) -> None:
        super().__init__(sentences=sentences, words=words, ratio=ratio, language=language)
        if threshold is not None and not 0.0 <= threshold < 1.0:
            raise ValueError(f"threshold must be None or in [0, 1), got {threshold}")
        if not 0.0 < damping < 1.0:
            raise ValueError(f"damping must be between 0 and 1 (exclusive), got {damping}")
        if not tolerance > 0.0:
            raise ValueError(f"tolerance must be positive, got {tolerance}")
        if max_iterations < 1:
            raise ValueError(f"max_iterations must be at least 1, got {max_iterations}")
        self.threshold = None if threshold is None else float(threshold)
        self.damping = float(damping)
        self.tolerance = float(tolerance)
        self.max_iterations = int(max_iterations)

    @property
    def continuous(self) -> bool:
        """Whether edges weigh their cosine (no threshold)."""
        return self.threshold is None

    def __repr__(self) -> str:
        base = super().__repr__()[:-1]
        return (
            f"{base}, threshold={self.threshold}, damping={self.damping}, "
            f"tolerance={self.tolerance}, max_iterations={self.max_iterations})"
        )

    def graph(self, sentences: Sequence[str]) -> NDArray[np.float64]:
        """The edge weights: idf-modified cosines, or 0/1 edges above the threshold."""
        import numpy as np

        from summarizers.text import similarity_matrix

        cosine = similarity_matrix(sentences, sublinear_tf=False)
        if self.threshold is None:
            return cosine
        edges: NDArray[np.float64] = (cosine >= self.threshold).astype(np.float64)
        # A sentence without content words has no edges, not even to itself.
        edges[cosine <= 0.0] = 0.0
        return edges

    def score(self, sentences: Sequence[str], *, title: str | None = None) -> Sequence[float]:
        """Each sentence's LexRank (the scores sum to 1)."""
        if not sentences:
            return []
        scores = stationary_distribution(
            self.graph(sentences),
            damping=self.damping,
            tolerance=self.tolerance,
            max_iterations=self.max_iterations,
        )
        return [float(x) for x in scores]
