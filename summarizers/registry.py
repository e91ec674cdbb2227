"""Summarisers by name.

Entries are ``"module:Class"`` strings so that looking a name up imports only the module that
implements it: asking for ``lead`` never imports numpy or torch.
"""

from __future__ import annotations

import importlib
from typing import Any

from summarizers.base import Summarizer

_REGISTRY: dict[str, str] = {
    "lead": "summarizers.lead:Lead",
    "textrank": "summarizers.textrank:TextRank",
    "lexrank": "summarizers.lexrank:LexRank",
    "centroid": "summarizers.centroid:Centroid",
    "embedding": "summarizers.embedding:EmbeddingSummarizer",
    "news": "summarizers.news:NewsSummarizer",
    "abstractive": "summarizers.abstractive:AbstractiveSummarizer",
    "hybrid": "summarizers.hybrid:HybridSummarizer",
}

DEFAULT = "news"
"""The summariser used when none is named: lead-biased, centrality-aware, junk-free."""


class UnknownSummarizerError(ValueError):
    """Raised for a name that is not registered; the message lists the valid names."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"unknown summarizer {name!r}; choose one of: {', '.join(available())}"
            " (or give a class of your own as module:Class)"
        )


def available() -> list[str]:
    """The registered summariser names, sorted."""
    return sorted(_REGISTRY)


def register(name: str, target: str | type[Summarizer]) -> None:
    """Register ``target`` (a class, or ``"module:Class"``) under ``name``."""
    if isinstance(target, str):
        _REGISTRY[name] = target
    else:
        _REGISTRY[name] = f"{target.__module__}:{target.__qualname__}"


def get_class(name: str) -> type[Summarizer]:
    """The summariser class registered as ``name``.

    A name that is not registered but reads ``"module:Class"`` is imported as such, so a
    summariser of one's own can be used without registering it (``--summarizer
    mypackage.summaries:Mine``); it must follow the :class:`~summarizers.base.Summarizer`
    protocol.
    """
    target = _REGISTRY.get(name)
    if target is None:
        if not _is_target(name):
            raise UnknownSummarizerError(name)
        target = name
    module_name, _, attr = target.partition(":")
    try:
        cls: type[Summarizer] = getattr(importlib.import_module(module_name), attr)
    except AttributeError:
        if target is name:
            raise UnknownSummarizerError(name) from None
        raise
    except ModuleNotFoundError as exc:
        if target is name and exc.name == module_name.split(".")[0]:
            raise UnknownSummarizerError(name) from None
        raise
    return cls


def _is_target(name: str) -> bool:
    module_name, colon, attr = name.partition(":")
    parts = module_name.split(".")
    return bool(colon) and attr.isidentifier() and all(p.isidentifier() for p in parts)


def get(name: str, **options: Any) -> Summarizer:
    """Build the summariser registered as ``name`` with ``options``.

    >>> get("lead", sentences=2)
    Lead(sentences=2, words=None, ratio=None, language='english')
    """
    return get_class(name)(**options)
