"""summarizers: text in, summary out.

A small library of summarisers behind one callable protocol::

    from summarizers import get
    summarize = get("textrank", sentences=3)
    print(summarize(article_text, title=headline).text)

This package never imports :mod:`briefing`.
"""

from summarizers.base import (
    Budget,
    Dropped,
    ExtractiveSummarizer,
    Summarizer,
    SummarizerProtocol,
    Summary,
    SummarySentence,
)
from summarizers.registry import (
    DEFAULT,
    UnknownSummarizerError,
    available,
    get,
    get_class,
    register,
)
from summarizers.sentences import split_sentences

__all__ = [
    "DEFAULT",
    "Budget",
    "Dropped",
    "ExtractiveSummarizer",
    "Summarizer",
    "SummarizerProtocol",
    "Summary",
    "SummarySentence",
    "UnknownSummarizerError",
    "available",
    "get",
    "get_class",
    "register",
    "split_sentences",
]
