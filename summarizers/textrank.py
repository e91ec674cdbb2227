"""TextRank (Mihalcea & Tarau, 2004): the sentences most similar to the rest of the document.

Sentences are nodes of a graph whose edges are weighted by the cosine similarity of their
TF-IDF vectors (:func:`summarizers.text.term_matrix`); a sentence's score is its PageRank in
that graph, so a sentence that shares content with many others, which are themselves central,
ranks high.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizers.base import ExtractiveSummarizer, fit_budget

__all__ = ["TextRank"]


class TextRank(ExtractiveSummarizer):
    """Extractive summaries by PageRank over the sentence similarity graph.

    :param damping: PageRank's damping factor, the chance of following an edge rather than
        jumping to a random sentence (0 < damping < 1).
    :param threshold: cosine similarities below this are not edges (0 <= threshold < 1).
        The default, 0, is the paper's fully weighted graph; on CNN/DailyMail, BBC News and
        XSum samples no threshold up to 0.15 scored better in ROUGE (BBC scored worse).
    :param tolerance: power iteration stops once the scores move less than this (L1).
    :param max_iterations: and in any case after this many rounds.

    The title is not used. Ties go to the earlier sentence, and of sentences with the same
    words in the same order only the first can be chosen. Deterministic for a given input.
    """

    name = "textrank"

    def __init__(
        self,
        *,
        sentences: int | None = 3,
        words: int | None = None,
        ratio: float | None = None,
        language: str = "english",
        damping: float = 0.85,
        threshold: float = 0.0,
        tolerance: float = 1e-6,
        max_iterations: int = 100,
    ) -> None:
        super().__init__(sentences=sentences, words=words, ratio=ratio, language=language)
        if not 0.0 < damping < 1.0:
            raise ValueError(f"damping must be between 0 and 1 (exclusive), got {damping}")
        if not 0.0 <= threshold < 1.0:
            raise ValueError(f"threshold must be in [0, 1), got {threshold}")
        if not tolerance > 0.0:
            raise ValueError(f"tolerance must be positive, got {tolerance}")
        if max_iterations < 1:
            raise ValueError(f"max_iterations must be at least 1, got {max_iterations}")
        self.damping = float(damping)
        self.threshold = float(threshold)
        self.tolerance = float(tolerance)
        self.max_iterations = int(max_iterations)

    def __repr__(self) -> str:
        base = super().__repr__()[:-1]
        return (
            f"{base}, damping={self.damping}, threshold={self.threshold}, "
            f"tolerance={self.tolerance}, max_iterations={self.max_iterations})"
        )

    def score(self, sentences: Sequence[str], *, title: str | None = None) -> Sequence[float]:
        """Each sentence's PageRank in the similarity graph (the scores sum to 1)."""
        import numpy as np

        from summarizers.text import similarity_matrix

        n = len(sentences)
        if n == 0:
            return []
        if n == 1:
            return [1.0]
        similarity = similarity_matrix(sentences)
        np.fill_diagonal(similarity, 0.0)
        if self.threshold > 0.0:
            similarity[similarity < self.threshold] = 0.0
        out_weight = similarity.sum(axis=1)
        # A sentence with no edges passes its score on uniformly (the usual dangling-node rule),
        # which also makes an edgeless graph score every sentence the same.
        dangling = out_weight == 0.0
        out_weight[dangling] = 1.0
        transition = similarity / out_weight[:, None]
        transition[dangling] = 1.0 / n
        # ranks <- (1 - d) / n + d * P^T ranks. Ranks always sum to 1, so the teleport term
        # folds into the matrix and each round is one matrix-vector product.
        step = self.damping * transition.T + (1.0 - self.damping) / n
        ranks = np.full(n, 1.0 / n)
        for _ in range(self.max_iterations):
            updated = step @ ranks
            delta = float(np.abs(updated - ranks).sum())
            ranks = updated
            if delta < self.tolerance:
                break
        # Rounding away float noise makes equal sentences score exactly equal, so that the
        # earlier one wins the tie instead of whichever summed its floats last.
        rounded: list[float] = np.round(ranks, 12).tolist()
        return rounded

    def select(self, sentences: Sequence[str], scores: Sequence[float]) -> list[int]:
        """The best sentences within the budget, skipping blanks and repeated sentences."""
        from summarizers.text import dedupe_keys

        limit = self.budget.max_sentences(len(sentences))
        seen: set[str] = set()
        ranked: list[int] = []
        for i in sorted(range(len(sentences)), key=lambda i: (-scores[i], i)):
            # fit_budget may pass over long sentences under a word budget, so keep a few
            # spares; computing the key lazily keeps this cheap for long documents.
            if self.budget.words is None and len(ranked) >= limit:
                break
            (key,) = dedupe_keys((sentences[i],))
            if not key or key in seen:
                continue
            seen.add(key)
            ranked.append(i)
        if not ranked:
            # Nothing but punctuation or symbols: still keep one non-blank sentence.
            ranked = [i for i in range(len(sentences)) if sentences[i].strip()][:1]
        return fit_budget(ranked, sentences, self.budget)
