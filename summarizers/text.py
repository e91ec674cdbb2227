"""Shared text helpers for the summarisers: words, stopwords, a light stemmer, term vectors.

Everything here is English-centred and deliberately small: the summarisers compare sentences by
the content words they share, so a fast, predictable tokeniser matters more than linguistic
depth. ``term_matrix`` is the workhorse: one sparse TF-IDF row per sentence, L2-normalised, so
that ``m @ m.T`` is the cosine similarity of every pair of sentences.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from scipy.sparse import csr_matrix

__all__ = [
    "STOPWORDS",
    "content_terms",
    "dedupe_keys",
    "similarity_matrix",
    "stem",
    "term_array",
    "term_matrix",
    "words",
]

STOPWORDS: frozenset[str] = frozenset(
    """
    a about above across after afterwards again against all almost alone along already also
    although always am among amongst an and another any anyhow anyone anything anyway anywhere
    are around as at back be became because become becomes been before beforehand behind being
    below beside besides between beyond both but by can cannot could did do does doing done
    down during each either else elsewhere enough etc even ever every everyone everything
    everywhere except few for former formerly from further had has have having he hence her
    here hereafter hereby herein hers herself him himself his how however i if in indeed into
    is it its itself just last latter least less many may me meanwhile might mine more
    moreover most mostly much must my myself namely neither never nevertheless next no nobody
    none nor not nothing now nowhere of off often on once one only onto or other others
    otherwise our ours ourselves out over own per perhaps please quite rather really same
    seem seemed seeming seems several she should since so some somehow someone something
    sometime sometimes somewhere still such than that the their theirs them themselves then
    there thereafter thereby therefore therein these they this those though through
    throughout thus to together too toward towards under until up upon us very via was we
    well were what whatever when whence whenever where whereas whereby wherein whether which
    while whither who whoever whole whom whose why will with within without would yet you
    your yours yourself yourselves
    s t d ll m re ve don doesn didn isn wasn weren aren hasn haven hadn won wouldn couldn
    shouldn can't won't don't doesn't didn't isn't wasn't weren't aren't hasn't haven't hadn't
    wouldn't couldn't shouldn't it's he's she's that's there's i'm i've i'd i'll we're we've
    we'd we'll you're you've you'd you'll they're they've they'd they'll let's
    said says say told mr mrs ms
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
"""English function words (and reporting verbs, which every news sentence has) that carry no
topic. Written out here so that nothing is downloaded."""

_STEMS: dict[str, str] = {}
# word -> its term for the default stopwords ("" for a stopword), so that turning a sentence
# into terms costs one dictionary lookup per word.
_TERMS: dict[str, str] = {}
_CACHE_LIMIT = 200_000


def stem(word: str) -> str:
    """A light, predictable suffix stripper for lower-case English words.

    It removes possessives and plural endings only ("minister's" and "ministers" give
    "minister", "companies" gives "company"), which is enough to match the same noun across
    sentences without the surprises of a full stemmer.
    """
    cached = _STEMS.get(word)
    if cached is not None:
        return cached
    w = word
    if w.endswith(("'s", "\u2019s")):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies") and w[-4] not in "aeiou":
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(_STEMS) >= _CACHE_LIMIT:
        _STEMS.clear()
    _STEMS[word] = w
    return w


def words(text: str) -> list[str]:
    """The lower-cased words and numbers of ``text``, in order (punctuation dropped)."""
    return [w for w in (raw.strip("'\u2019") for raw in _raw_words(text)) if w]


def _term(word: str, stopwords: frozenset[str]) -> str:
    word = word.strip("'\u2019")
    if not word or word in stopwords or (len(word) == 1 and not word.isdigit()):
        return ""
    return stem(word)


def _default_term(word: str) -> str:
    term = _term(word, STOPWORDS)
    if len(_TERMS) >= _CACHE_LIMIT:
        _TERMS.clear()
    _TERMS[word] = term
    return term


@functools.cache
def _separators() -> dict[int, str]:
    """A str.translate table turning punctuation, symbols and odd spaces into spaces."""
    return {
        c: " "
        for c in range(0x3000)
        if unicodedata.category(chr(c))[0] in "PSZC" and chr(c) not in "'\u2019"
    }


def _raw_words(text: str) -> list[str]:
    # translate + split is about twice as fast as a Unicode-aware findall; apostrophes stay
    # (they are trimmed from the ends of each word when its term is looked up).
    return text.lower().translate(_separators()).split()


@functools.cache
def _splits(c: str) -> bool:
    """Whether the character ``c`` separates words in :func:`_raw_words`: it is in the
    :func:`_separators` table, or white space that str.split() splits on (beyond the table
    that is only U+3000)."""
    return (
        ord(c) < 0x3000 and unicodedata.category(c)[0] in "PSZC" and c not in "'\u2019"
    ) or c.isspace()


@functools.cache
def _byte_separators(keep: int = -1) -> bytes:
    """A bytes.translate table turning ASCII separators into spaces and leaving every other
    byte (those of UTF-8 sequences included) as it is; ``keep`` (a byte) is left too."""
    return bytes(32 if c != keep and _splits(chr(c)) else c for c in range(128)) + bytes(
        range(128, 256)
    )


_ASCII = bytes(range(128))


def _translated(text: str, table: bytes) -> bytes:
    """``text`` lower-cased, UTF-8 encoded, its separators turned into spaces."""
    # surrogatepass: a lone surrogate (from a badly decoded file) is a word character here,
    # as it is for str.split(), and must not make encoding fail.
    low = text.lower()
    data = low.encode("utf-8", "surrogatepass")
    if not low.isascii():
        # The characters beyond ASCII: what is left of UTF-8 without its ASCII bytes. The
        # few separators among them are replaced by spaces, byte sequence by byte sequence.
        for c in set(data.translate(None, _ASCII).decode("utf-8", "surrogatepass")):
            if _splits(c):
                data = data.replace(c.encode("utf-8", "surrogatepass"), b" ")
    return data.translate(table)


def _raw_word_bytes(text: str) -> list[bytes]:
    """:func:`_raw_words` as UTF-8 bytes.

    str.translate looks every character up in a dict, which made splitting sentences into
    words the largest cost of a similarity matrix; bytes.translate is a plain table lookup.
    """
    return _translated(text, _byte_separators()).split()


def _sentence_words(sentences: Sequence[str]) -> list[list[bytes]]:
    """:func:`_raw_word_bytes` of each sentence, worked out for all of them at once.

    The sentences are joined with NUL, which stays in the translated bytes and marks where
    each one ends; lower-casing is the same either way, as NUL stops the only rule of
    str.lower() that looks at neighbouring characters (the final sigma).
    """
    parts = _translated("\x00".join(sentences), _byte_separators(0)).split(b"\x00")
    if len(parts) != len(sentences):  # a sentence holds a NUL of its own
        return [_raw_word_bytes(s) for s in sentences]
    return list(map(bytes.split, parts))


def content_terms(text: str, stopwords: frozenset[str] = STOPWORDS) -> list[str]:
    """The stemmed content words of ``text``, in order: no stopwords, no single letters."""
    found = _raw_words(text)
    if stopwords is STOPWORDS:
        terms = _TERMS
        mapped = [terms[w] if w in terms else _default_term(w) for w in found]
    else:
        mapped = [_term(w, stopwords) for w in found]
    return [t for t in mapped if t]


class _Numbering:
    """Numbers for the terms of the default stopwords, for :func:`_term_ids`.

    ``words`` maps a UTF-8 word to the number of its term, the same for every word with that
    term, or to -1 for a word without one (a stopword). Numbers only need to tell terms
    apart; :func:`_term_ids` renumbers them per document.
    """

    __slots__ = ("counter", "terms", "words")

    def __init__(self) -> None:
        self.words: dict[bytes, int] = {}
        self.terms: dict[str, int] = {}
        # next() on a count is atomic, so threads sharing a numbering never give two terms
        # one number (setdefault keeps the first number a term got).
        self.counter = itertools.count()

    def add(self, word: bytes) -> int:
        text = word.decode("utf-8", "surrogatepass")
        term = _TERMS[text] if text in _TERMS else _default_term(text)
        number = self.terms.setdefault(term, next(self.counter)) if term else -1
        self.words[word] = number
        return number


_NUMBERING = _Numbering()
_UNKNOWN = itertools.repeat(-2)


def _number_words(found: list[bytes]) -> NDArray[np.int64]:
    """The number of each word's term (see :class:`_Numbering`), as an array."""
    import numpy as np

    global _NUMBERING
    numbering = _NUMBERING
    if len(numbering.words) >= _CACHE_LIMIT:
        # A fresh numbering rather than a cleared one: a call under way (in another thread)
        # keeps the numbers of the one it started with.
        numbering = _NUMBERING = _Numbering()
    known = numbering.words
    numbers = np.fromiter(map(known.get, found, _UNKNOWN), dtype=np.int64, count=len(found))
    for i in np.flatnonzero(numbers == -2).tolist():
        word = found[i]
        numbers[i] = known[word] if word in known else numbering.add(word)
    return numbers


def _term_ids(
    sentences: Sequence[str], stopwords: frozenset[str]
) -> tuple[NDArray[np.int64], NDArray[np.int64], int]:
    """Term ids (in order of first appearance) of every sentence, concatenated; the number of
    terms of each sentence; the vocabulary size."""
    import numpy as np

    n = len(sentences)
    if stopwords is not STOPWORDS or not n:
        per_sentence = [content_terms(sentence, stopwords) for sentence in sentences]
        terms = list(itertools.chain.from_iterable(per_sentence))
        # dict.fromkeys keeps the first appearance of each term, in order.
        vocabulary = {term: i for i, term in enumerate(dict.fromkeys(terms))}
        ids = np.fromiter(map(vocabulary.__getitem__, terms), dtype=np.int64, count=len(terms))
        lengths = np.fromiter(map(len, per_sentence), dtype=np.int64, count=n)
        return ids, lengths, len(vocabulary)
    # The whole document in one pass, the per-word work in C and numpy: calls per sentence
    # or per word cost more than the words themselves.
    words = _sentence_words(sentences)
    numbers = _number_words(list(itertools.chain.from_iterable(words)))
    counts = np.fromiter(map(len, words), dtype=np.int64, count=n)
    kept = numbers >= 0
    rows = np.repeat(np.arange(n, dtype=np.int64), counts)[kept]
    numbers = numbers[kept]
    # Renumber the terms by first appearance, as the dict above does.
    unique, first, inverse = np.unique(numbers, return_index=True, return_inverse=True)
    rank = np.empty(len(unique), dtype=np.int64)
    rank[np.argsort(first)] = np.arange(len(unique))
    return rank[inverse], np.bincount(rows, minlength=n), len(unique)


def _cell_weights(
    ids: Any, lengths: Any, size: int, idf: bool, sublinear_tf: bool
) -> tuple[Any, Any, Any]:
    """Rows, columns and normalised TF-IDF weights of the non-zero cells."""
    import numpy as np

    n = len(lengths)
    if len(ids) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    # One sort counts every (sentence, term) pair: no per-sentence matrices, no pair loops.
    keys = np.repeat(np.arange(n, dtype=np.int64), lengths) * size + np.asarray(ids)
    cells, counts = np.unique(keys, return_counts=True)
    rows, cols = np.divmod(cells, size)
    data = counts.astype(np.float64)
    if sublinear_tf:
        np.log(data, out=data)
        data += 1.0
    if idf:
        df = np.bincount(cols, minlength=size)
        data *= (np.log((1.0 + n) / (1.0 + df)) + 1.0)[cols]
    data /= np.sqrt(np.bincount(rows, weights=data * data, minlength=n))[rows]
    return rows, cols, data


def _dense_weights(
    ids: Any, lengths: Any, size: int, idf: bool, sublinear_tf: bool
) -> NDArray[np.float64]:
    """The same weights as :func:`_cell_weights`, as a dense array."""
    return _dense_weights_df(ids, lengths, size, idf, sublinear_tf)[0]


def _dense_weights_df(
    ids: Any, lengths: Any, size: int, idf: bool, sublinear_tf: bool
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """:func:`_dense_weights`, and the number of sentences that have each term (a weight is
    non-zero exactly where its sentence has the term)."""
    import numpy as np

    n = len(lengths)
    if len(ids) == 0:
        return np.zeros((n, size)), np.zeros(size, dtype=np.int64)
    keys = np.repeat(np.arange(n, dtype=np.int64), lengths) * size + np.asarray(ids)
    weights = np.bincount(keys, minlength=n * size).reshape(n, size).astype(np.float64)
    present = weights > 0
    df = present.sum(axis=0)
    if sublinear_tf:
        np.log(weights, out=weights, where=present)
        weights += present
    if idf:
        weights *= np.log((1.0 + n) / (1.0 + df)) + 1.0
    norms = np.sqrt(np.einsum("ij,ij->i", weights, weights))
    np.divide(weights, norms[:, None], out=weights, where=norms[:, None] > 0)
    return weights, df


def _to_csr(rows: Any, cols: Any, data: Any, n: int, size: int) -> csr_matrix:
    import numpy as np
    from scipy.sparse import csr_matrix

    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return csr_matrix((data, cols, indptr), shape=(n, size))


def term_matrix(
    sentences: Sequence[str],
    *,
    idf: bool = True,
    sublinear_tf: bool = True,
    stopwords: frozenset[str] = STOPWORDS,
) -> csr_matrix:
    """One L2-normalised TF-IDF row per sentence, over the stemmed content words.

    Each sentence counts as a document for the IDF (``log((1 + n) / (1 + df)) + 1``), term
    frequency is ``1 + log(count)`` unless ``sublinear_tf`` is off, and a sentence without
    content words gets a zero row. Columns follow the terms' first appearance, so the result
    is deterministic. ``m @ m.T`` is the cosine similarity of every pair of sentences.
    """
    ids, lengths, size = _term_ids(sentences, stopwords)
    rows, cols, data = _cell_weights(ids, lengths, size, idf, sublinear_tf)
    return _to_csr(rows, cols, data, len(lengths), size)


def term_array(
    sentences: Sequence[str],
    *,
    idf: bool = True,
    sublinear_tf: bool = True,
    stopwords: frozenset[str] = STOPWORDS,
) -> NDArray[np.float64]:
    """:func:`term_matrix` as a dense array: for one article (tens of sentences, hundreds of
    terms) much faster to build and multiply than a scipy sparse matrix."""
    ids, lengths, size = _term_ids(sentences, stopwords)
    return _dense_weights(ids, lengths, size, idf, sublinear_tf)


# Up to this many cells (sentences x vocabulary) dense arrays beat scipy's sparse product; an
# ordinary article is far below it, a book is not.
_DENSE_CELLS = 500_000
# Up to this many multiply-adds the similarity product runs in einsum rather than BLAS.
_EINSUM_WORK = 100_000


def similarity_matrix(
    sentences: Sequence[str],
    *,
    idf: bool = True,
    sublinear_tf: bool = True,
    stopwords: frozenset[str] = STOPWORDS,
) -> NDArray[np.float64]:
    """The cosine similarity of every pair of sentences, as a dense ``n x n`` array.

    The diagonal is 1, or 0 for a sentence without content words. Computed as the product of
    the :func:`term_matrix` with its transpose, dense for an article and sparse for longer
    documents; either way with no loop over sentence pairs.
    """
    import numpy as np

    ids, lengths, size = _term_ids(sentences, stopwords)
    n = len(lengths)
    if n * size <= _DENSE_CELLS:
        weights, df = _dense_weights_df(ids, lengths, size, idf, sublinear_tf)
        # A term of a single sentence only adds to the diagonal, which is known: drop it.
        shared = weights[:, df > 1]
        if n * n * shared.shape[1] <= _EINSUM_WORK:
            # A BLAS call this small costs less than waking BLAS's worker threads, which then
            # spin and steal a core from the caller; einsum's plain loop stays on this thread.
            product: NDArray[np.float64] = np.einsum("ik,jk->ij", shared, shared)
        else:
            product = shared @ shared.T
    else:
        matrix = _to_csr(*_cell_weights(ids, lengths, size, idf, sublinear_tf), n, size)
        product = (matrix @ matrix.T).toarray()
    # What np.fill_diagonal does, without its checks (a few microseconds per article).
    product.flat[:: n + 1] = np.asarray(lengths) > 0
    return product


_KEY_TABLE = str.maketrans(
    {c: " " for c in '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\u2018\u2019\u201c\u201d\u2013\u2014\u2026'}
)


def dedupe_keys(sentences: Iterable[str]) -> list[str]:
    """A key per sentence, equal for sentences that say the same words in the same order
    whatever their case, punctuation or spacing; empty for a sentence without words."""
    return [" ".join(s.casefold().translate(_KEY_TABLE).split()) for s in sentences]
