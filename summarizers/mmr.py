"""Maximal Marginal Relevance (Carbonell & Goldstein, 1998): relevant, and not said already.

A summary picked by relevance alone often says the same thing twice: news copy repeats its
key fact in the lead, in a caption and again further down. MMR picks sentences one at a time,
each time taking the one with the best

    relevance - diversity * (its highest similarity to a sentence already picked)

and never one whose similarity to a picked sentence reaches ``duplicate``. Each pick costs
one vectorised update of every candidate's highest similarity (one row of the similarity
matrix), so there is no loop over sentence pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from summarizers.base import Budget

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["mmr_select"]


def mmr_select(
    relevance: Sequence[float] | NDArray[np.float64],
    similarity: NDArray[np.float64],
    sentences: Sequence[str],
    budget: Budget,
    *,
    diversity: float = 0.5,
    duplicate: float | None = None,
    allowed: Sequence[bool] | NDArray[np.bool_] | None = None,
    accept: Callable[[int], bool] | None = None,
    redundant: Callable[[int, Sequence[int]], bool] | None = None,
) -> list[int]:
    """Indices of the sentences to keep, in the order they were picked (best first).

    :param relevance: one score per sentence; higher is better.
    :param similarity: ``n x n`` similarities in [0, 1] (its diagonal is ignored).
    :param sentences: the sentences, for the word budget.
    :param budget: how many sentences (and words) may be picked. With a word budget a
        sentence that would overflow it is passed over for a shorter one, but the first pick
        is always kept, so the result is empty only when nothing is allowed.
    :param diversity: weight of the redundancy penalty (0 ranks by relevance alone).
    :param duplicate: a sentence at least this similar to a picked one is never picked.
    :param allowed: which sentences may be picked at all (default: all).
    :param accept: asked about a sentence just before it is picked; a sentence it refuses is
        passed over for good. Lets a caller run costly checks on the few sentences that
        come up rather than on all of them.
    :param redundant: asked, with the sentences picked so far, whether a sentence only
        repeats them (a check that a similarity matrix cannot make, such as word
        containment); a sentence it flags is passed over for good.

    Ties go to the earlier sentence, so the result is deterministic.
    """
    import numpy as np

    rel = np.asarray(relevance, dtype=np.float64)
    n = rel.shape[0]
    if similarity.shape != (n, n):
        raise ValueError(f"similarity is {similarity.shape}, expected ({n}, {n})")
    if len(sentences) != n:
        raise ValueError(f"{len(sentences)} sentences for {n} relevance scores")
    if diversity < 0:
        raise ValueError(f"diversity must be 0 or more, got {diversity}")
    open_: NDArray[Any] = (
        np.ones(n, dtype=bool) if allowed is None else np.array(allowed, dtype=bool, copy=True)
    )
    limit = budget.max_sentences(n)
    max_words = budget.words
    closest = np.zeros(n)
    chosen: list[int] = []
    used = 0
    while len(chosen) < limit and open_.any():
        gain = np.where(open_, rel - diversity * closest, -np.inf)
        best = int(np.argmax(gain))  # argmax returns the first maximum: earlier wins ties
        open_[best] = False
        if accept is not None and not accept(best):
            continue
        words = len(sentences[best].split())
        if max_words is not None and chosen and used + words > max_words:
            continue
        if redundant is not None and chosen and redundant(best, chosen):
            continue
        chosen.append(best)
        used += words
        np.maximum(closest, similarity[best], out=closest)
        if duplicate is not None:
            open_ &= closest < duplicate
    return chosen
