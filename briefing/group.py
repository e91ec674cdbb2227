"""The group stage: articles about the same event, across sources, become one story.

Three kinds of sameness are caught:

* exact duplicates (the same words in the same order, whatever the case, punctuation or
  spacing) by hashing a normalised text;
* near duplicates (syndicated copies with boilerplate added, light rewrites) by TF-IDF cosine
  similarity over stemmed content words, at or above ``threshold``;
* different write-ups of the same event, whose wording differs more (cosine at or above
  ``related_threshold``), but only when each report *echoes* the other: nearly every
  substantial sentence of either has a similar sentence in the other. A follow-up story (the
  trial postponed, the talks ended) shares its background paragraphs with the first report,
  often word for word, so its cosine is as high as a write-up's; what gives it away is its
  news, sentences the earlier report has nothing like. Requiring the echo is what keeps such
  stories, and two results or two court cases on one subject, apart.

Comparing every pair is quadratic, so for large inputs the pairs to compare come from
MinHash signatures over each document's set of distinctive content words, banded into an
LSH index: two documents share a bucket with high probability when their word sets overlap a
lot, and almost never otherwise. Small inputs (where all pairs cost less than the
signatures) compare every pair. Both paths apply the same rule to the pairs they compare.
Pairs that pass are joined with union-find, so groups are transitive.
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

DEFAULT_THRESHOLD = 0.8
"""TF-IDF cosine at or above which two documents are joined outright: copies and light
rewrites of one report (see ``bench/bench_grouping.py`` for how it was chosen)."""

DEFAULT_RELATED_THRESHOLD = 0.5
"""TF-IDF cosine at or above which two documents are joined when they also echo each other
(:data:`DEFAULT_MAX_NOVELTY`): independent write-ups of one event."""

DEFAULT_MAX_NOVELTY = 0.25
"""The largest share of either document's substantial sentences that may have no similar
sentence in the other for two write-ups to count as one event."""

# Cosine (sentence TF-IDF) at or above which a sentence counts as echoed by another: two
# reports of one fact rarely share more than its names and numbers, so this is low.
_ECHO = 0.25
# Shorter lines (bylines, "All rights reserved.", share prompts) say nothing about the event.
_SUBSTANTIAL_WORDS = 6

# Below this many documents every pair is compared: one sparse product, whose dense n x n
# result (32 MB at 2,000) costs less than the signatures, and no pair can be missed. Above it
# the quadratic result, not the arithmetic, is what does not scale.
_EXHAUSTIVE_BELOW = 2000
_PERMUTATIONS = 128
# Three rows per band (42 bands): documents whose distinctive words overlap by a Jaccard of
# 0.3, typical of write-ups at cosine 0.6, share a bucket with probability 0.68; at 0.1, 0.04.
_ROWS_PER_BAND = 3
_COMMON_SHARE = 0.05
# ...but a word of fewer documents than this is never common (small inputs, tests).
_COMMON_AT_LEAST = 50
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
    related_threshold: float = DEFAULT_RELATED_THRESHOLD,
    max_novelty: float = DEFAULT_MAX_NOVELTY,
    exhaustive_below: int = _EXHAUSTIVE_BELOW,
) -> list[list[int]]:
    """Indices of ``documents`` grouped by event.

    Each group lists its members in ascending order and groups are ordered by their first
    member, so every document appears exactly once and the output does not depend on
    anything but the input. Two documents are joined when their TF-IDF cosine (over stemmed
    content words, IDF from ``documents``) reaches ``threshold``; or when it reaches
    ``related_threshold`` and at most ``max_novelty`` of either one's substantial sentences
    have no similar sentence in the other (see :func:`novelty`). Exact duplicates are always
    joined. With ``exhaustive_below`` documents or more, only the pairs proposed by
    MinHash/LSH are compared.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    if not 0.0 < related_threshold <= 1.0:
        raise ValueError(f"related_threshold must be in (0, 1], got {related_threshold}")
    if not 0.0 <= max_novelty <= 1.0:
        raise ValueError(f"max_novelty must be in [0, 1], got {max_novelty}")
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
        floor = min(threshold, related_threshold)
        pairs = _similar_pairs(texts, floor, exhaustive_below)
        for i, j, cosine in pairs:
            if cosine >= threshold:
                union(i, j)
        # Only pairs not already joined through copies need their sentences compared; a
        # pair's novelty does not depend on the others, so the groups do not depend on order.
        related = [(i, j) for i, j, cosine in pairs if cosine < threshold and find(i) != find(j)]
        for (i, j), score in zip(related, _novelties(documents, related), strict=True):
            if score <= max_novelty:
                union(i, j)

    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def substantial_sentences(document: Document) -> list[str]:
    """The sentences that say something about the event: those of six words or more."""
    return [t for t in document.texts if len(t.split()) >= _SUBSTANTIAL_WORDS]


def novelty(left: Document, right: Document, *, echo: float = _ECHO) -> float:
    """The larger of the two shares of each document's substantial sentences that have no
    sentence in the other with a TF-IDF cosine of ``echo`` or more; 1.0 when either has no
    substantial sentence.

    Two write-ups of one event restate each other's facts, so nearly every sentence of either
    is echoed in the other (novelty near 0); a follow-up, or another event on the same
    subject, brings sentences the other has nothing like.
    """
    return _novelties([left, right], [(0, 1)], echo=echo)[0]


def _novelties(
    documents: Sequence[Document], pairs: Sequence[tuple[int, int]], *, echo: float = _ECHO
) -> list[float]:
    """:func:`novelty` of each pair of ``documents``.

    The words of all the sentences involved are read once; each pair's sentence cosines then
    weigh a word by its IDF over that pair's sentences alone, so a pair scores the same
    whatever else is being compared (the exhaustive and the LSH paths agree).
    """
    import numpy as np

    from summarizers.text import term_matrix

    involved = sorted({i for pair in pairs for i in pair})
    sentences: list[str] = []
    span: dict[int, tuple[int, int]] = {}
    for i in involved:
        own = substantial_sentences(documents[i])
        span[i] = (len(sentences), len(sentences) + len(own))
        sentences.extend(own)
    if not sentences:
        return [1.0] * len(pairs)
    # Only which words each sentence has is used: a word rarely recurs within a sentence.
    words = term_matrix(sentences, idf=False)
    sentence_of = np.repeat(np.arange(len(sentences)), np.diff(words.indptr))
    scores = []
    for i, j in pairs:
        (a0, a1), (b0, b1) = span[i], span[j]
        if a0 == a1 or b0 == b1:
            scores.append(1.0)
            continue
        left = slice(words.indptr[a0], words.indptr[a1])
        right = slice(words.indptr[b0], words.indptr[b1])
        columns = np.concatenate([words.indices[left], words.indices[right]])
        # The pair's sentences numbered 0.. : the left document's, then the right one's.
        rows = np.concatenate([sentence_of[left] - a0, sentence_of[right] - b0 + (a1 - a0)])
        vocabulary, local = np.unique(columns, return_inverse=True)
        present = np.zeros((a1 - a0 + b1 - b0, len(vocabulary)))
        present[rows, local] = 1.0
        count = len(present)
        weights = present * (np.log((1 + count) / (1 + present.sum(axis=0))) + 1.0)
        norms = np.linalg.norm(weights, axis=1)
        weights /= np.where(norms > 0, norms, 1.0)[:, None]
        similarity = weights[: a1 - a0] @ weights[a1 - a0 :].T
        unechoed_left = float(np.mean(similarity.max(axis=1) < echo))
        unechoed_right = float(np.mean(similarity.max(axis=0) < echo))
        scores.append(max(unechoed_left, unechoed_right))
    return scores


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
    texts: Sequence[str], floor: float, exhaustive_below: int
) -> list[tuple[int, int, float]]:
    """The pairs of documents whose TF-IDF cosine reaches ``floor``, with the cosine."""
    import numpy as np

    from summarizers.text import term_matrix

    n = len(texts)
    matrix = term_matrix(texts)
    if n < exhaustive_below:
        upper = np.triu((matrix @ matrix.T).toarray(), k=1)
        left, right = np.nonzero(upper >= floor)
        cosine = upper[left, right]
    else:
        # The term matrix already holds each document's set of terms, as column ids: MinHash
        # over those ids needs no second pass over the words. Terms in more than a few
        # percent of the documents (said, year, people) are left out of the sets: they make
        # two write-ups of one event look less alike, by Jaccard, than their cosine says.
        frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
        common = max(_COMMON_SHARE * n, _COMMON_AT_LEAST)
        distinctive = matrix[:, np.flatnonzero(frequency <= common)].tocsr()
        sizes = np.diff(distinctive.indptr)
        signatures = _signatures(distinctive.indices.astype(np.uint64), sizes)
        left, right = lsh_candidates(signatures, empty=(sizes == 0).tolist())
        cosine = np.zeros(0)
        if len(left):
            cosine = np.asarray(matrix[left].multiply(matrix[right]).sum(axis=1)).ravel()
            keep = cosine >= floor
            left, right, cosine = left[keep], right[keep], cosine[keep]
    return list(zip(left.tolist(), right.tolist(), cosine.tolist(), strict=True))


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
        # Buckets of one size at a time, all in one step: a band has thousands of shared
        # buckets but only a handful of sizes.
        for length in np.unique(lengths[lengths > 1]).tolist():
            starts = first[lengths == length]
            members = np.sort(ids[order[starts[:, None] + np.arange(length)[None, :]]], axis=1)
            if length <= _BUCKET_PAIRS_LIMIT:
                i, j = _upper_pairs(length)
            else:
                i, j = np.arange(length - 1), np.arange(1, length)
            pairs.append(members[:, i].ravel() * n + members[:, j].ravel())
    if not pairs:
        empty_pairs = np.zeros(0, dtype=np.int64)
        return empty_pairs, empty_pairs.copy()
    # Each pair as one number (left * n + right): unique over a flat array is much faster.
    unique = np.unique(np.concatenate(pairs).astype(np.int64))
    return unique // n, unique % n
