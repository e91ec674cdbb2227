"""Hybrid summaries: extract the best sentences, then let the model rewrite only those.

::

    summarize = HybridSummarizer(sentences=3)        # TextRank picks, SmolLM2 rewrites
    summary = summarize(article_text)

The extractive summariser (TextRank by default) chooses the sentences; each chosen sentence is
rewritten on its own, all of them in one batch. The model reads a sentence instead of a whole
article and writes about as much as it read, so this is several times faster than
:class:`~summarizers.abstractive.AbstractiveSummarizer` over the whole article, and there is
far less room to drift. Every rewrite is checked by the guard against the whole article; one
that fails is replaced by the sentence it rewrote, so the summary always covers what the
extractor chose. Each sentence cites the source sentence it came from.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizers.abstractive import AbstractiveSummarizer, clean_generated
from summarizers.base import Dropped, Summary, SummarySentence
from summarizers.guard import Guard, SourceIndex
from summarizers.registry import get as get_summarizer
from summarizers.sentences import split_sentences

__all__ = ["HybridSummarizer"]


class HybridSummarizer(AbstractiveSummarizer):
    """Extract, then rewrite the extracted sentences; see the module docstring.

    Takes every option of :class:`~summarizers.abstractive.AbstractiveSummarizer`, plus
    ``extractor`` (the registry name of the summariser that picks the sentences),
    ``rewrite_tokens`` (the most tokens a rewrite may take; sentences over 1.5 times that
    are kept as they are) and ``min_rewrite_words`` (shorter sentences are kept as they are).
    """

    name = "hybrid"

    def __init__(
        self,
        *,
        extractor: str = "textrank",
        rewrite_tokens: int = 40,
        min_rewrite_words: int = 12,
        **options: object,
    ) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        if extractor in ("abstractive", "hybrid"):
            raise ValueError(f"extractor must be an extractive summariser, not {extractor!r}")
        if rewrite_tokens < 1:
            raise ValueError(f"rewrite_tokens must be at least 1, got {rewrite_tokens}")
        self.rewrite_tokens = rewrite_tokens
        self.min_rewrite_words = min_rewrite_words
        b = self.budget
        self.extractor_name = extractor
        self.extractor = get_summarizer(
            extractor, sentences=b.sentences, words=b.words, ratio=b.ratio, language=self.language
        )
        # Replacement is done here, with the very sentence that was rewritten.
        self.guard = Guard(replace=False) if self.guarded else None

    def _summarize(self, documents: list[list[str]], titles: list[str | None]) -> list[Summary]:
        picks: list[list[int]] = []
        inputs: list[str] = []
        for sentences, title in zip(documents, titles, strict=True):
            chosen = list(self.extractor(sentences, title=title).indices) if sentences else []
            picks.append(chosen)
            for i in chosen:
                inputs.append(self.loaded.build_input("rewrite", sentences[i], sentences=1))
        # A sentence too long for one input is left as it is rather than cut, and so is a
        # short one, which is already as plain as a rewrite would make it.
        flat = [documents[d][i] for d, ch in enumerate(picks) for i in ch]
        # So is one too long to be rewritten within rewrite_tokens: decoding it would cost
        # the most time of the batch and end, unfinished, in the original anyway.
        fits = [
            len(original.split()) >= self.min_rewrite_words
            and self.loaded.count_tokens(original) <= 1.5 * self.rewrite_tokens
            and self.loaded.count_tokens(text) <= self.max_input_tokens
            for original, text in zip(flat, inputs, strict=True)
        ]
        longest = max(
            (self.loaded.count_tokens(o) for o, ok in zip(flat, fits, strict=True) if ok),
            default=0,
        )
        # A rewrite should be shorter than what it rewrites, and decoding time is what makes
        # hybrid fast: one that has not finished within rewrite_tokens is unfinished, and the
        # guard puts the original back.
        settings = self.settings.replace(
            max_new_tokens=max(
                1, min(self.settings.max_new_tokens, self.rewrite_tokens, int(longest * 0.9) + 8)
            ),
            min_new_tokens=0,
        )
        outputs = iter(
            self._generate(
                [t for t, ok in zip(inputs, fits, strict=True) if ok], settings, max_sentences=1
            )
        )
        fit_iter = iter(fits)
        summaries: list[Summary] = []
        for sentences, chosen in zip(documents, picks, strict=True):
            if not sentences:
                summaries.append(Summary((), self.name))
                continue
            index = SourceIndex.build(sentences)
            kept: list[SummarySentence] = []
            dropped: list[Dropped] = []
            for i in chosen:
                original = sentences[i]
                if not next(fit_iter):
                    kept.append(SummarySentence(original, i, 0.0, (i,)))
                    continue
                rewritten = clean_generated(next(outputs).text)
                kept_one, dropped_one = self._check(rewritten, i, index, kept)
                kept += kept_one
                dropped += dropped_one
            summaries.append(self._trim_hybrid(kept, dropped))
        return summaries

    def _check(
        self, rewritten: str, i: int, index: SourceIndex, earlier: Sequence[SummarySentence]
    ) -> tuple[list[SummarySentence], list[Dropped]]:
        """The rewrite of source sentence ``i``, guarded; the original when it fails."""
        original = index.sentences[i]
        # One sentence rewritten as one: generation stopped once a second one began.
        parts = split_sentences(rewritten, self.language)[:1] if rewritten else []
        if not parts:
            return [SummarySentence(original, i, 0.0, (i,))], []
        if self.guard is None:
            return [SummarySentence(p, None, 0.0, (i,)) for p in parts], []
        problems: list[str] = []
        for part in parts:
            verdict = self.guard.check(part, index, earlier=[s.text for s in earlier])
            problems += verdict.problems
        if not problems:
            return [SummarySentence(p, None, 1.0, (i,)) for p in parts], []
        reason = "; ".join(dict.fromkeys(problems)) + f"; replaced by source sentence {i}"
        return [SummarySentence(original, i, 0.0, (i,))], [Dropped(rewritten, reason)]

    def _trim_hybrid(self, kept: list[SummarySentence], dropped: list[Dropped]) -> Summary:
        # The extractor already applied the budget; only a word budget can be overrun by a
        # rewrite that split one sentence in two.
        if self.budget.words is not None:
            out: list[SummarySentence] = []
            words = 0
            for s in kept:
                n = len(s.text.split())
                if out and words + n > self.budget.words:
                    break
                out.append(s)
                words += n
            kept = out
        return Summary(tuple(kept), self.name, tuple(dropped))
