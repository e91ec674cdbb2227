"""Token-aware chunking of long documents, so that no model ever sees a truncated input.

A model reads at most so many tokens. An article longer than that is cut into chunks of whole
sentences, each within the limit, consecutive chunks sharing a few sentences of overlap so
that a fact that straddles a boundary is seen whole by one chunk. A sentence longer than the
limit on its own (a scraped table, a run-on list) is cut at word boundaries into pieces that
fit, rather than being dropped or truncated.

Counting is done by a caller-supplied function (the model's tokenizer), so this module needs
neither torch nor transformers::

    chunks = chunk_sentences(sentences, count_tokens=len_in_tokens, max_tokens=900, overlap=64)
    for chunk in chunks:
        print(chunk.first, chunk.last, chunk.tokens)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["Chunk", "chunk_sentences", "split_long_sentence"]

TokenCounter = Callable[[str], int]


@dataclass(frozen=True)
class Chunk:
    """A run of consecutive input sentences (or pieces of one) that fits the token limit.

    ``sentences`` are the texts to feed the model; ``indices`` are the positions of the
    input sentences they come from (a long sentence cut in pieces repeats its index), so a
    chunk's summary can be traced back to the sentences it saw.
    """

    sentences: tuple[str, ...]
    indices: tuple[int, ...]
    tokens: int

    @property
    def text(self) -> str:
        """The chunk as one paragraph."""
        return " ".join(self.sentences)

    @property
    def first(self) -> int:
        """The index of the first input sentence in the chunk."""
        return self.indices[0]

    @property
    def last(self) -> int:
        """The index of the last input sentence in the chunk."""
        return self.indices[-1]


def split_long_sentence(text: str, count_tokens: TokenCounter, max_tokens: int) -> list[str]:
    """Cut ``text`` at word boundaries into pieces of at most ``max_tokens`` tokens each.

    Every word ends up in exactly one piece; a single word longer than the limit (a URL, a
    hash) becomes a piece of its own, the one case where a piece may exceed the limit.
    """
    if max_tokens < 1:
        raise ValueError(f"max_tokens must be at least 1, got {max_tokens}")
    words = text.split()
    pieces: list[str] = []
    current: list[str] = []
    for word in words:
        candidate = " ".join([*current, word])
        if current and count_tokens(candidate) > max_tokens:
            pieces.append(" ".join(current))
            current = [word]
        else:
            current.append(word)
    if current:
        pieces.append(" ".join(current))
    return pieces


def chunk_sentences(
    sentences: Sequence[str],
    *,
    count_tokens: TokenCounter,
    max_tokens: int,
    overlap: int = 0,
) -> list[Chunk]:
    """Group ``sentences`` into chunks of at most ``max_tokens`` tokens, in order.

    Consecutive chunks share the last sentences of the earlier one, up to ``overlap`` tokens
    (never the whole chunk, so the walk always moves on). Token counts are taken per sentence
    plus one for the joining space, which errs on the side of smaller chunks.

    :raises ValueError: ``max_tokens`` below 1 or ``overlap`` negative.
    """
    if max_tokens < 1:
        raise ValueError(f"max_tokens must be at least 1, got {max_tokens}")
    if overlap < 0:
        raise ValueError(f"overlap must not be negative, got {overlap}")
    # Expand sentences too long for any chunk into word-boundary pieces first.
    units: list[tuple[str, int, int]] = []
    for index, sentence in enumerate(sentences):
        if not sentence.strip():
            continue
        n = count_tokens(sentence)
        if n > max_tokens:
            for piece in split_long_sentence(sentence, count_tokens, max_tokens):
                units.append((piece, index, count_tokens(piece)))
        else:
            units.append((sentence, index, n))
    if not units:
        return []

    chunks: list[Chunk] = []
    start = 0
    while start < len(units):
        end = start
        used = 0
        while end < len(units):
            cost = units[end][2] + (1 if end > start else 0)
            if end > start and used + cost > max_tokens:
                break
            used += cost
            end += 1
        run = units[start:end]
        chunks.append(Chunk(tuple(u[0] for u in run), tuple(u[1] for u in run), used))
        if end >= len(units):
            break
        # Step back over the tail of this chunk for the overlap, but always advance.
        back = end
        carried = 0
        while back - 1 > start and carried + units[back - 1][2] <= overlap:
            back -= 1
            carried += units[back][2] + 1
        # The overlap must leave room for at least one new unit, or chunks would repeat.
        while back < end and carried + units[end][2] > max_tokens:
            carried -= units[back][2] + 1
            back += 1
        start = back
    return chunks
