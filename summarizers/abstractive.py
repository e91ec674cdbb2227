"""Abstractive summaries with transformers models, checked by the faithfulness guard.

::

    summarize = AbstractiveSummarizer(sentences=3)              # offline default: SmolLM2
    summarize = AbstractiveSummarizer(model="facebook/bart-large-cnn", num_beams=4)
    summary = summarize(article_text, title=headline)
    summary.sentences   # generated sentences, each citing the source sentences behind it
    summary.dropped     # what the guard removed, and why

How an article is summarised:

1. It is split into sentences and, when it is longer than the model's input budget, into
   token-counted chunks of whole sentences with some overlap (:mod:`summarizers.chunking`);
   nothing is ever cut off silently.
2. Each chunk is summarised (a chat prompt for an instruction-tuned causal model, the text
   itself for a sequence-to-sequence one); with several chunks the chunk summaries are then
   summarised together, repeatedly if they are still too long.
3. The result is tidied (preambles, bullets), split into sentences, and each sentence goes
   through the guard (:mod:`summarizers.guard`): unsupported names, numbers, dates, quotes,
   other languages, loops and unfinished sentences are dropped or replaced by the source
   sentence that best covers them. The survivors cite their supporting source sentences.

The model is loaded when the summariser is built, once per process and model
(:func:`summarizers.models.load_model`), and :meth:`AbstractiveSummarizer.summarize_many`
batches the chunks of many articles through one ``generate`` call per batch.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizers.base import Dropped, Summarizer, Summary, SummarySentence
from summarizers.chunking import Chunk, chunk_sentences
from summarizers.guard import Guard, SourceIndex
from summarizers.models import (
    Generated,
    GenerationSettings,
    LoadedModel,
    Task,
    default_settings,
    load_model,
    resolve_backend,
)
from summarizers.sentences import split_sentences

__all__ = ["AbstractiveSummarizer", "clean_generated"]

_PREAMBLE = re.compile(
    r"^\s*(?:(?:sure|okay|ok|certainly)[,!.]?\s*)?(?:here(?:'s| is| are)\b[^:\n]*|"
    r"(?:a |the )?(?:short |brief )?summary(?: of [^:\n]*)?|summari[sz]ed?|in summary|"
    r"tl;?dr)\s*:\s*",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-*•]+|\d+[.)]|#+)\s+")
_MARKUP = re.compile(r"\*\*|__|`")


def clean_generated(text: str) -> str:
    """Strip what chat models wrap around a summary: "Here is a summary:", bullets,
    numbering, bold markers, headings and label lines ("Summary:", "Notes:")."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = _MARKUP.sub("", raw).strip()
        line = _PREAMBLE.sub("", line, count=1)
        line = _BULLET.sub("", line).strip()
        if not line or not any(c.isalpha() for c in line):
            continue
        if line.endswith(":") and len(line.split()) <= 6:
            continue
        lines.append(line)
    return " ".join(lines)


@dataclass
class _Job:
    """One article on its way through the model."""

    sentences: list[str]
    title: str | None
    limit: int
    chunks: list[Chunk]
    partials: list[str]
    text: str = ""
    finished: bool = True


class AbstractiveSummarizer(Summarizer):
    """Summarise with a transformers model; see the module docstring.

    :param model: a Hub name, a local folder or ``.gguf`` file, or ``""``/``"smollm2"`` for
        the packaged SmolLM2-135M-Instruct.
    :param guard: check every generated sentence against the article (on by default).
    :param device: ``"cpu"``, ``"cuda"`` or ``"auto"``.
    :param backend: ``"transformers"``, ``"ctranslate2"`` (the model converted once and run
        by CTranslate2, :mod:`summarizers.ct2`; about twice as fast on a CPU) or ``"auto"``
        (ctranslate2 when it is installed). Chunking, prompts, generation settings and the
        guard are the same on both.
    :param quantize: with transformers, ``"int8"`` for dynamic int8 quantisation (CPU; see
        bench/RESULTS.md for what it costs in quality); with ctranslate2, the compute type
        (default ``"int8"``; ``"float32"``, ``"int16"``...).
    :param threads: CPU threads: torch's for this process (``torch.set_num_threads``), or
        the ctranslate2 model's; one thread is much faster on a machine whose cores are busy
        with other work.
    :param max_new_tokens, min_new_tokens, num_beams, length_penalty, no_repeat_ngram_size,
        repetition_penalty: override the family's generation defaults.
    :param max_input_tokens: cap the tokens per model input (chunk size); default: the
        model's context (1024 for BART) or 1536 for a causal model.
    :param overlap_tokens: tokens of overlap between consecutive chunks.
    :param batch_size: inputs per ``generate`` call.
    """

    name = "abstractive"
    #: Inputs per chunk for causal models: small chat models lose the thread in long prompts
    #: and CPU time grows with length, while most news articles fit in 1536 tokens.
    causal_input_limit = 1536

    def __init__(
        self,
        *,
        model: str = "",
        sentences: int | None = 3,
        words: int | None = None,
        ratio: float | None = None,
        language: str = "english",
        guard: bool = True,
        device: str = "cpu",
        backend: str = "auto",
        quantize: str | None = None,
        threads: int | None = None,
        max_new_tokens: int | None = None,
        min_new_tokens: int | None = None,
        num_beams: int | None = None,
        length_penalty: float | None = None,
        no_repeat_ngram_size: int | None = None,
        repetition_penalty: float | None = None,
        max_input_tokens: int | None = None,
        overlap_tokens: int = 64,
        batch_size: int = 4,
    ) -> None:
        super().__init__(sentences=sentences, words=words, ratio=ratio, language=language)
        if max_input_tokens is not None and max_input_tokens < 32:
            raise ValueError(f"max_input_tokens must be at least 32, got {max_input_tokens}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        if overlap_tokens < 0:
            raise ValueError(f"overlap_tokens must not be negative, got {overlap_tokens}")
        if threads is not None and threads < 1:
            raise ValueError(f"threads must be at least 1, got {threads}")
        backend = resolve_backend(backend)
        if threads is not None and backend == "transformers":
            import torch

            torch.set_num_threads(threads)
        self.model_name = model
        self.guarded = guard
        self.guard = Guard() if guard else None
        self.batch_size = batch_size
        self.overlap_tokens = overlap_tokens
        self.loaded: LoadedModel = load_model(
            model, device=device, quantize=quantize, backend=backend, threads=threads
        )
        self.settings: GenerationSettings = default_settings(
            self.loaded.family, self.loaded.model_type, self.budget.sentences
        ).replace(
            max_new_tokens=max_new_tokens,
            min_new_tokens=min_new_tokens,
            num_beams=num_beams,
            length_penalty=length_penalty,
            no_repeat_ngram_size=no_repeat_ngram_size,
            repetition_penalty=repetition_penalty,
        )
        if self.loaded.family == "seq2seq":
            # The decoder has positions of its own: an answer cannot outgrow them.
            most = max(8, self.loaded.context_tokens - 2)
            if self.settings.max_new_tokens > most:
                self.settings = self.settings.replace(
                    max_new_tokens=most, min_new_tokens=min(self.settings.min_new_tokens, most // 2)
                )
        if max_input_tokens is None and self.loaded.family == "causal":
            max_input_tokens = self.causal_input_limit
        self.max_input_tokens = self.loaded.input_budget(self.settings, max_input_tokens)

    def __repr__(self) -> str:
        b = self.budget
        return (
            f"{type(self).__name__}(model={self.loaded.source.name!r}, sentences={b.sentences}, "
            f"words={b.words}, ratio={b.ratio}, guard={self.guarded})"
        )

    # -- the protocol --------------------------------------------------------------------

    def __call__(self, document: str | Sequence[str], *, title: str | None = None) -> Summary:
        return self.summarize_many([document], titles=[title])[0]

    def summarize_many(
        self,
        documents: Sequence[str | Sequence[str]],
        *,
        titles: Sequence[str | None] | None = None,
    ) -> list[Summary]:
        """Summarise many documents, batching their model inputs together."""
        if titles is None:
            titles = [None] * len(documents)
        if len(titles) != len(documents):
            raise ValueError(f"{len(titles)} titles for {len(documents)} documents")
        split = [self.sentences_of(d) for d in documents]
        return self._summarize(split, list(titles))

    # -- the work ------------------------------------------------------------------------

    def chunks_of(
        self,
        sentences: Sequence[str],
        *,
        task: Task = "summarize",
        title: str | None = None,
        count: int = 3,
    ) -> list[Chunk]:
        """The chunks a document is cut into for ``task``: each fits the model's input."""
        room = self.max_input_tokens - self.loaded.prompt_overhead(
            task, sentences=count, title=title
        )
        return chunk_sentences(
            sentences,
            count_tokens=self.loaded.count_tokens,
            max_tokens=max(16, room),
            overlap=min(self.overlap_tokens, max(0, room // 4)),
        )

    def _summarize(self, documents: list[list[str]], titles: list[str | None]) -> list[Summary]:
        texts = self.generate_texts(documents, titles)
        return [self.finish(d, t) for d, t in zip(documents, texts, strict=True)]

    def generate_texts(
        self, documents: Sequence[Sequence[str]], titles: Sequence[str | None]
    ) -> list[str]:
        """The model's final text for each document (split into sentences), unguarded:
        chunk summaries, then summaries of summaries, batched across documents."""
        jobs: list[_Job] = []
        for sentences, title in zip(documents, titles, strict=True):
            limit = self.budget.max_sentences(len(sentences))
            chunks = self.chunks_of(sentences, title=title, count=limit) if sentences else []
            jobs.append(_Job(list(sentences), title, limit, chunks, []))
        # Round one: a summary per chunk, all articles' chunks batched together.
        inputs: list[str] = []
        owners: list[int] = []
        for j, job in enumerate(jobs):
            per_chunk = job.limit if len(job.chunks) == 1 else max(1, min(job.limit, 2))
            for chunk in job.chunks:
                inputs.append(
                    self.loaded.build_input(
                        "summarize", chunk.text, sentences=per_chunk, title=job.title
                    )
                )
                owners.append(j)
        for owner, out in zip(owners, self._generate(inputs), strict=True):
            jobs[owner].partials.append(clean_generated(out.text))
            jobs[owner].finished = out.finished
        # Then summaries of the summaries until each article has one text.
        pending = [j for j, job in enumerate(jobs) if len(job.partials) > 1]
        for job in jobs:
            if len(job.partials) == 1:
                job.text = job.partials[0]
        rounds = 0
        while pending:
            rounds += 1
            inputs, owners = [], []
            for j in pending:
                job = jobs[j]
                pieces: list[str] = []
                for partial in job.partials:
                    pieces += split_sentences(partial, self.language) if partial else []
                chunks = self.chunks_of(pieces, task="combine", count=job.limit) if pieces else []
                if not chunks:
                    job.partials = []
                    continue
                if rounds > 4:
                    # Summaries that never shrink below the budget (a degenerate model):
                    # stop here rather than loop; the guard will judge what there is.
                    job.partials = [" ".join(pieces)]
                    continue
                job.partials = []
                for chunk in chunks:
                    inputs.append(
                        self.loaded.build_input("combine", chunk.text, sentences=job.limit)
                    )
                    owners.append(j)
            for owner, out in zip(owners, self._generate(inputs), strict=True):
                jobs[owner].partials.append(clean_generated(out.text))
                jobs[owner].finished = out.finished
            still: list[int] = []
            for j in pending:
                if len(jobs[j].partials) > 1:
                    still.append(j)
                else:
                    jobs[j].text = jobs[j].partials[0] if jobs[j].partials else ""
            pending = still
        return [job.text for job in jobs]

    def _generate(
        self,
        inputs: list[str],
        settings: GenerationSettings | None = None,
        max_sentences: int | None = None,
    ) -> list[Generated]:
        return self.loaded.generate(
            inputs,
            settings or self.settings,
            batch_size=self.batch_size,
            max_sentences=max_sentences,
        )

    def finish(self, sentences: Sequence[str], text: str) -> Summary:
        """Guard (when on), cite and trim ``text`` generated for the article ``sentences``."""
        if not sentences:
            return Summary((), self.name)
        job = _Job(list(sentences), None, self.budget.max_sentences(len(sentences)), [], [], text)
        generated = split_sentences(job.text, self.language) if job.text else []
        index = SourceIndex.build(job.sentences)
        if self.guard is not None:
            result = self.guard(generated, index)
            kept, dropped = list(result.sentences), list(result.dropped)
        else:
            kept, dropped = [], []
            for text in generated:
                support, coverage = index.support_for(text)
                kept.append(SummarySentence(text, None, round(coverage, 4), support))
        return self._trim(kept, dropped, job)

    def _trim(self, kept: list[SummarySentence], dropped: list[Dropped], job: _Job) -> Summary:
        """Apply the sentence and word budgets; never return an empty summary for a
        non-empty article (the lead sentence stands in, and ``dropped`` says why)."""
        chosen: list[SummarySentence] = []
        words = 0
        for s in kept:
            n = len(s.text.split())
            if len(chosen) >= job.limit:
                break
            if self.budget.words is not None and chosen and words + n > self.budget.words:
                break
            chosen.append(s)
            words += n
        if not chosen:
            lead = job.sentences[0]
            chosen = [SummarySentence(lead, 0, 0.0, (0,))]
        return Summary(tuple(chosen), self.name, tuple(dropped))
