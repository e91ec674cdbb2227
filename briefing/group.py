"""The group stage: articles about the same event, across sources, become one story.

Three kinds of sameness are caught:

* exact duplicates (the same words in the same order, whatever the case, punctuation or
  spacing) by hashing a normalised text;
* near duplicates (syndicated copies with boilerplate added, light rewrites) and different
  write-ups of the same event by TF-IDF cosine similarity over stemmed content words.

Comparing every pair is quadratic, so for large inputs the pairs to compare come from
MinHash signatures over each document's set of content words, banded into an LSH index: two
documents share a bucket with high probability when their word sets overlap a lot, and
almost never otherwise. Small inputs (where all pairs cost less than the signatures) compare
every pair. Pairs above the threshold are joined with union-find, so groups are transitive.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from briefing.models import Document

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

DEFAULT_THRESHOLD = 0.65
"""TF-IDF cosine at or above which two documents count as the same event (see
``bench/bench_grouping.py`` for how it was chosen)."""

# Below this many documents every pair is compared: one sparse product, whose dense n x n
# result (32 MB at 2,000) costs less than the signatures, and no pair can be missed. Above it
# the quadratic result, not the arithmetic, is what does not scale.
_EXHAUSTIVE_BELOW = 2000
_PERMUTATIONS = 128
_ROWS_PER_BAND = 4
# A bucket shared by more documents than this (a template, boilerplate) is chained rather than
# expanded into every pair, so one huge bucket cannot make the candidates quadratic.
_BUCKET_PAIRS_LIMIT = 40
_MASK64 = (1 << 64) - 1


def document_text(document: Document) -> str:
    """The text that grouping compares: the title and the cleaned sentences."""
    title = document.article.title or ""
    return "\n".join([title, *document.texts]) if title else "\n".join(document.texts)


def group_documents(
    documents: Sequence[Document],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    exhaustive_below: int = _EXHAUSTIVE_BELOW,
) -> list[list[int]]:
    """Indices of ``documents`` grouped by event.

    Each group lists its members in ascending order and groups are ordered by their first
    member, so every document appears exactly once and the output does not depend on
    anything but the input. ``threshold`` is the TF-IDF cosine (over stemmed content words,
    IDF from ``documents``) at or above which two documents are joined; exact duplicates are
    always joined. With ``exhaustive_below`` documents or more, only the pairs proposed by
    MinHash/LSH are compared.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    n = len(documents)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            # The smaller index is the root, which keeps the result order-stable.
            parent[max(a, b)] = min(a, b)

    texts = [document_text(d) for d in documents]
    _join_exact_duplicates(texts, union)
    if n > 1:
        for i, j in _similar_pairs(texts, threshold, exhaustive_below):
            union(i, j)

    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def _join_exact_duplicates(texts: Sequence[str], union: Any) -> None:
    from summarizers.text import dedupe_keys

    first: dict[str, int] = {}
    for i, key in enumerate(dedupe_keys(texts)):
        if not key:
            continue
        seen = first.setdefault(key, i)
        if seen != i:
            union(seen, i)


def _similar_pairs(
    texts: Sequence[str], threshold: float, exhaustive_below: int
) -> list[tuple[int, int]]:
    """The pairs of documents whose TF-IDF cosine reaches ``threshold``."""
    import numpy as np

    from summarizers.text import term_matrix

    n = len(texts)
    matrix = term_matrix(texts)
    if n < exhaustive_below:
        upper = np.triu((matrix @ matrix.T).toarray(), k=1)
        left, right = np.nonzero(upper >= threshold)
    else:
        # The term matrix already holds each document's set of terms, as column ids: MinHash
        # over those ids needs no second pass over the words.
        sizes = np.diff(matrix.indptr)
        signatures = _signatures(matrix.indices.astype(np.uint64), sizes)
        left, right = lsh_candidates(signatures, empty=(sizes == 0).tolist())
        if len(left):
            cosine = np.asarray(matrix[left].multiply(matrix[right]).sum(axis=1)).ravel()
            keep = cosine >= threshold
            left, right = left[keep], right[keep]
    return list(zip(left.tolist(), right.tolist(), strict=True))


def _shingle_hash(shingle: str) -> int:
    # crc32, unlike hash(), is the same in every process (no PYTHONHASHSEED), so groups are
    # reproducible from run to run.
    return zlib.crc32(shingle.encode("utf-8"))


def minhash_signatures(
    shingle_sets: Sequence[set[str]], *, permutations: int = _PERMUTATIONS, seed: int = 1
) -> NDArray[np.uint64]:
    """A MinHash signature (one row of ``permutations`` values) per set of shingles.

    The fraction of equal positions in two rows estimates the Jaccard similarity of the two
    sets. Each permutation is a multiply-shift hash of the shingle's crc32, computed for all
    shingles of all documents at once; an empty set gets an all-ones row.
    """
    import numpy as np

    sizes = np.fromiter((len(s) for s in shingle_sets), dtype=np.int64, count=len(shingle_sets))
    hashes = np.fromiter(
        (_shingle_hash(s) for shingles in shingle_sets for s in sorted(shingles)),
        dtype=np.uint64,
        count=int(sizes.sum()),
    )
    return _signatures(hashes, sizes, permutations=permutations, seed=seed)


def _signatures(
    hashes: NDArray[np.uint64],
    sizes: NDArray[np.int64],
    *,
    permutations: int = _PERMUTATIONS,
    seed: int = 1,
) -> NDArray[np.uint64]:
    """MinHash signatures of sets given as one array of element hashes (or ids), set after
    set, and the size of each set."""
    import numpy as np

    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=permutations, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=permutations, dtype=np.uint64)
    signatures = np.full((len(sizes), permutations), np.iinfo(np.uint64).max, np.uint64)
    present = np.flatnonzero(sizes)
    if not len(present):
        return signatures
    starts = np.concatenate(([0], np.cumsum(sizes[present])[:-1]))
    # Chunks of documents keep the (shingles x permutations) block within a few tens of MB.
    chunk = 1 << 16
    doc = 0
    while doc < len(present):
        end = doc + 1
        while end < len(present) and starts[end] - starts[doc] < chunk:
            end += 1
        lo = starts[doc]
        hi = starts[end] if end < len(present) else len(hashes)
        # Permutations along the rows and shingles along the columns: reduceat then runs
        # over contiguous memory, and 32-bit hashes halve it (about three times faster).
        with np.errstate(over="ignore"):
            block = ((a[:, None] * hashes[None, lo:hi] + b[:, None]) >> np.uint64(32)).astype(
                np.uint32
            )
        signatures[present[doc:end]] = np.minimum.reduceat(block, starts[doc:end] - lo, axis=1).T
        doc = end
    return signatures


@functools.cache
def _upper_pairs(size: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    import numpy as np

    i, j = np.triu_indices(size, k=1)
    return i.astype(np.int64), j.astype(np.int64)


def lsh_candidates(
    signatures: NDArray[np.uint64],
    *,
    rows_per_band: int = _ROWS_PER_BAND,
    empty: Sequence[bool] = (),
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Pairs ``(left, right)`` (``left < right``, no repeats) sharing at least one LSH bucket.

    The signature is cut into bands of ``rows_per_band`` values; two documents are candidates
    when every value of some band agrees, which for Jaccard similarity ``s`` happens with
    probability ``1 - (1 - s^r)^b``. Documents marked ``empty`` take part in no pair.
    """
    import numpy as np

    n, width = signatures.shape
    bands = width // rows_per_band
    rng = np.random.default_rng(7)
    mix = rng.integers(1, 2**63, size=rows_per_band, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    skip = np.asarray(empty, dtype=bool) if len(empty) else np.zeros(n, dtype=bool)
    ids = np.flatnonzero(~skip)
    pairs: list[NDArray[np.int64]] = []
    for band in range(bands):
        part = signatures[ids, band * rows_per_band : (band + 1) * rows_per_band]
        with np.errstate(over="ignore"):
            keys = (part * mix[None, :]).sum(axis=1, dtype=np.uint64)
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        first = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        lengths = np.diff(np.r_[first, len(order)])
        # Most shared buckets hold two documents: take those pairs in one step, and walk only
        # the few larger buckets.
        two = first[lengths == 2]
        pairs.append(np.sort(np.stack([ids[order[two]], ids[order[two + 1]]], axis=1), axis=1))
        for at, length in zip(
            first[lengths > 2].tolist(), lengths[lengths > 2].tolist(), strict=True
        ):
            members = ids[np.sort(order[at : at + length])]
            if length <= _BUCKET_PAIRS_LIMIT:
                i, j = _upper_pairs(length)
                pairs.append(np.stack([members[i], members[j]], axis=1))
            else:
                pairs.append(np.stack([members[:-1], members[1:]], axis=1))
    if not pairs:
        empty_pairs = np.zeros(0, dtype=np.int64)
        return empty_pairs, empty_pairs.copy()
    unique = np.unique(np.concatenate(pairs).astype(np.int64), axis=0)
    return unique[:, 0], unique[:, 1]
