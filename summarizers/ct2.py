"""The CTranslate2 backend: the same models, converted once and run by ``ctranslate2``.

``pip install 'newsbriefing[ctranslate2]'`` adds ``ctranslate2`` (a prebuilt wheel, nothing
compiles) to the abstractive extra; with it installed, ``backend="auto"`` picks it. A model
is converted the first time it is used, with ``ctranslate2.converters.TransformersConverter``:

* the packaged SmolLM2 from the float16 copy :mod:`summarizers.models` keeps of its GGUF file
  (written first if it is not there yet);
* a local ``save_pretrained`` folder or a Hub model (BART, PEGASUS, T5, Llama-like chat
  models: whatever the converter supports) from the folder or the Hugging Face cache.

The converted model goes to ``<cache>/models/<name>-ct2-<quantization>`` (the cache folder of
:mod:`summarizers.models`), written into a temporary folder and renamed, so a crash never
leaves half a model behind; with the cache off (``BRIEFING_CACHE_DIR=off``) it goes to a
temporary folder removed when the process ends. The tokenizer is saved beside it, so later
runs load in well under a second and never touch torch.

Generation takes the same :class:`~summarizers.models.GenerationSettings` as transformers:
greedy or beam search, lengths, length penalty, repetition penalty and no repeated n-grams
(for a causal model counted over the generated tokens only, as the transformers path does),
and the same stop after ``max_sentences``; the summarisers chunk and guard exactly as before.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from summarizers.models import (
    INSTALL_HINT,
    BackendUnsupportedError,
    Family,
    Generated,
    GenerationSettings,
    LoadedModel,
    MissingDependencyError,
    ModelError,
    ModelSource,
    _cache_root,
    _context_length,
    _converted_folder,
    _hub_reachable,
    _not_available,
    _quiet,
    _save_converted,
)

__all__ = ["CT2_INSTALL_HINT", "Ct2Model", "available", "load_ct2"]

CT2_INSTALL_HINT = "pip install -c constraints.txt 'newsbriefing[ctranslate2]'"
_MARKER = "briefing-ct2.json"
#: What ``quantize`` may be on this backend (CTranslate2 compute types).
COMPUTE_TYPES = ("int8", "int8_float32", "int8_float16", "int16", "float16", "float32")


def available() -> bool:
    """Whether ``ctranslate2`` is installed (without importing it)."""
    return importlib.util.find_spec("ctranslate2") is not None


class Ct2Model(LoadedModel):
    """A tokenizer and a CTranslate2 ``Generator`` or ``Translator``, with the interface of
    :class:`~summarizers.models.LoadedModel` (chunking and prompts are shared with it)."""

    backend = "ctranslate2"

    def __init__(
        self,
        source: ModelSource,
        tokenizer: Any,
        engine: Any,
        *,
        family: Family,
        model_type: str,
        context_tokens: int,
        end_ids: Sequence[int],
        forced_bos: int | None,
        device: str,
        load_seconds: float,
        quantized: str | None,
        folder: Path,
        note: str = "",
    ) -> None:
        # Not LoadedModel.__init__: it reads a torch model's config, and there is none here.
        self.source = source
        self.tokenizer = tokenizer
        self.model = engine
        self.family = family
        self.model_type = model_type
        self.device = device
        self.load_seconds = load_seconds
        self.quantized = quantized
        self.note = note
        self.folder = folder
        self.context_tokens = context_tokens
        self.end_ids = list(end_ids)
        self.forced_bos = forced_bos
        if family == "causal":
            tokenizer.padding_side = "left"
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token

    def __repr__(self) -> str:
        return (
            f"Ct2Model({self.source.name!r}, family={self.family!r}, type={self.model_type!r}, "
            f"device={self.device!r}, compute={self.quantized!r})"
        )

    def generate(
        self,
        inputs: Sequence[str],
        settings: GenerationSettings,
        *,
        batch_size: int = 8,
        max_sentences: int | None = None,
    ) -> list[Generated]:
        """See :meth:`LoadedModel.generate`; same contract, same settings."""
        if not inputs:
            return []
        add_special = self.family == "seq2seq" or not self.has_chat_template
        encoded = [
            self.tokenizer(text, add_special_tokens=add_special)["input_ids"] for text in inputs
        ]
        self.check_lengths(inputs, [len(ids) for ids in encoded])
        order = sorted(range(len(inputs)), key=lambda i: len(encoded[i]))
        results: list[Generated | None] = [None] * len(inputs)
        step = max(1, batch_size)
        for start in range(0, len(order), step):
            batch = order[start : start + step]
            tokens = [self.tokenizer.convert_ids_to_tokens(encoded[i]) for i in batch]
            for i, ids in zip(batch, self._run(tokens, settings, max_sentences), strict=True):
                finished = any(t in self.end_ids for t in ids) or len(ids) < settings.max_new_tokens
                text = self.tokenizer.decode(ids, skip_special_tokens=True)
                results[i] = Generated(text.strip(), finished)
        return [r for r in results if r is not None]

    def _run(
        self, tokens: list[list[str]], settings: GenerationSettings, max_sentences: int | None
    ) -> list[list[int]]:
        """Token ids generated for each row (end token included when the model wrote one)."""
        options: dict[str, Any] = {
            "beam_size": settings.num_beams,
            "length_penalty": settings.length_penalty,
            "repetition_penalty": settings.repetition_penalty,
            "no_repeat_ngram_size": settings.no_repeat_ngram_size,
            "return_end_token": True,
            "end_token": self.end_ids,
        }
        # CTranslate2 calls back per token in greedy search only; with beams the rows run to
        # their end, which costs time but not correctness (callers cut at max_sentences).
        if max_sentences is not None and settings.num_beams == 1:
            options["callback"] = _SentenceStop(self.tokenizer, len(tokens), max_sentences)
        if self.family == "causal":
            # Without the prompt in the result, CTranslate2 runs the prompt through the
            # decoder as state, so the penalties see the generated tokens only, as in
            # transformers with _GeneratedOnly.
            out = self.model.generate_batch(
                tokens,
                max_length=settings.max_new_tokens,
                min_length=settings.min_new_tokens,
                include_prompt_in_result=False,
                sampling_topk=1,
                **options,
            )
            return [list(r.sequences_ids[0]) for r in out]
        prefix = None
        if self.forced_bos is not None:
            prefix = [[self.tokenizer.convert_ids_to_tokens(self.forced_bos)]] * len(tokens)
        out = self.model.translate_batch(
            tokens,
            target_prefix=prefix,
            max_decoding_length=settings.max_new_tokens,
            min_decoding_length=settings.min_new_tokens,
            **options,
        )
        return [
            [int(t) for t in self.tokenizer.convert_tokens_to_ids(r.hypotheses[0])] for r in out
        ]


class _SentenceStop:
    """A CTranslate2 callback: stop a row once it holds more than ``count`` sentences."""

    def __init__(self, tokenizer: Any, rows: int, count: int) -> None:
        self.tokenizer = tokenizer
        self.count = count
        self.ids: list[list[int]] = [[] for _ in range(rows)]

    def __call__(self, step: Any) -> bool:
        from summarizers.sentences import split_sentences

        ids = self.ids[step.batch_id]
        ids.append(step.token_id)
        text = self.tokenizer.decode(ids, skip_special_tokens=True)
        return len(split_sentences(" ".join(text.split()))) > self.count


# -- conversion ------------------------------------------------------------------------------


def _import_ct2() -> Any:
    try:
        import ctranslate2
    except ImportError:
        raise MissingDependencyError(
            f"backend 'ctranslate2' needs the ctranslate2 package; install it with: "
            f"{CT2_INSTALL_HINT} (or use backend 'transformers')"
        ) from None
    return ctranslate2


def _digest(*parts: object) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:12]


def _weights_stamp(folder: Path) -> str:
    """Names, sizes and mtimes of a model folder's files: changes when the model does."""
    stamps = []
    for path in sorted(folder.iterdir()):
        if path.is_file():
            stat = path.stat()
            stamps.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return ",".join(stamps)


_TEMP_FOLDERS: list[str] = []


def _temp_root() -> Path:
    """A folder for conversions when the cache is off, removed when the process ends."""
    if not _TEMP_FOLDERS:
        _TEMP_FOLDERS.append(tempfile.mkdtemp(prefix="briefing-ct2-"))
        atexit.register(shutil.rmtree, _TEMP_FOLDERS[0], True)
    return Path(_TEMP_FOLDERS[0])


def _hf_folder(source: ModelSource) -> tuple[str, str]:
    """What to convert from (a folder, or a Hub name to download) and a name for the
    converted copy that changes when the model does."""
    import ctranslate2

    version = ctranslate2.__version__
    if source.gguf_file is not None:
        folder = _converted_folder(source)
        if folder is None or not (folder / "briefing-converted.json").is_file():
            folder = _float16_copy(source, folder)
        return str(folder), f"{folder.name}-{_digest(version)}"
    if source.local:
        path = Path(source.location).resolve()
        stamp = _digest(path, _weights_stamp(path), version)
        return str(path), f"{path.name}-{stamp}"
    from huggingface_hub import snapshot_download

    name = f"{source.location.replace('/', '--')}-{_digest(source.location, version)}"
    try:
        # From the Hugging Face cache when it is there: no network at all.
        return snapshot_download(source.location, local_files_only=True), name
    except Exception:  # any failure here means "not in the cache"
        if not _hub_reachable():
            raise _not_available(source) from None
    return source.location, name


def _float16_copy(source: ModelSource, folder: Path | None) -> Path:
    """The float16 copy of a GGUF model, made now (the transformers loader de-quantises it)."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    target = folder if folder is not None else _temp_root() / "float16"
    with _quiet():
        tokenizer = AutoTokenizer.from_pretrained(source.location, gguf_file=source.gguf_file)
        model = AutoModelForCausalLM.from_pretrained(
            source.location, gguf_file=source.gguf_file, dtype=torch.float32
        )
    note = _save_converted(model, tokenizer, target, source)
    if not (target / "briefing-converted.json").is_file():
        raise ModelError(f"model {source.name!r} could not be converted for ctranslate2: {note}")
    return target


def _converter(location: str) -> Any:
    from ctranslate2.converters import TransformersConverter

    class Converter(TransformersConverter):
        def load_model(self, model_class: Any, name: str, **kwargs: Any) -> Any:
            model = super().load_model(model_class, name, **kwargs)
            # ctranslate2's BART loader reads normalize_before, which transformers 5 no
            # longer sets: BART is post-norm, mBART pre-norm.
            config = model.config
            if not hasattr(config, "normalize_before") and "bart" in config.model_type:
                config.normalize_before = config.model_type == "mbart"
            return model

    return Converter(location, low_cpu_mem_usage=True)


def _convert(location: str, target: Path, quantization: str) -> None:
    """Convert a transformers model to CTranslate2 into ``target``, atomically."""
    from transformers import AutoConfig, AutoTokenizer, GenerationConfig

    with _quiet():
        config = AutoConfig.from_pretrained(location)
        tokenizer = AutoTokenizer.from_pretrained(location)
        try:
            generation = GenerationConfig.from_pretrained(location)
        except OSError:
            generation = GenerationConfig.from_model_config(config)
    family: Family = "seq2seq" if getattr(config, "is_encoder_decoder", False) else "causal"
    end = generation.eos_token_id if generation.eos_token_id is not None else config.eos_token_id
    end_ids = [end] if isinstance(end, int) else list(end or [tokenizer.eos_token_id])
    forced_bos = getattr(generation, "forced_bos_token_id", None)
    marker = {
        "family": family,
        "model_type": str(getattr(config, "model_type", "")),
        "context_tokens": _context_length(config, tokenizer, family),
        "end_ids": [int(i) for i in end_ids if i is not None],
        "forced_bos": forced_bos if family == "seq2seq" else None,
        "source": location,
        "quantization": quantization,
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-ct2-", dir=target.parent))
    try:
        with _quiet():
            _converter(location).convert(str(tmp / "model"), quantization=quantization)
        tokenizer.save_pretrained(tmp / "tokenizer")
        (tmp / _MARKER).write_text(json.dumps(marker, indent=1))
        os.replace(tmp, target)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        # Another process may have converted it first: theirs is as good as ours.
        if not (target / _MARKER).is_file():
            raise
    except Exception:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def converted_folder(source: ModelSource, quantization: str) -> Path:
    """The converted copy of ``source`` for ``quantization``, converting it when missing."""
    location, name = _hf_folder(source)
    root = _cache_root()
    base = root / "models" if root is not None else _temp_root()
    target = base / f"{name}-ct2-{quantization}"
    if not (target / _MARKER).is_file():
        try:
            _convert(location, target, quantization)
        except OSError as exc:
            raise ModelError(
                f"model {source.name!r} could not be converted for ctranslate2 into {target} "
                f"({exc}); set BRIEFING_CACHE_DIR to a writable folder"
            ) from None
        except (ValueError, KeyError, NotImplementedError, AttributeError) as exc:
            raise BackendUnsupportedError(
                f"model {source.name!r} cannot be converted for ctranslate2 "
                f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}); "
                "use backend 'transformers'"
            ) from None
    return target


def load_ct2(
    source: ModelSource, device: str = "cpu", quantize: str | None = None, threads: int = 0
) -> Ct2Model:
    """Load ``source`` through CTranslate2, converting it first when needed.

    :param quantize: the compute type (default ``int8``: on the CPU, int8 weights with
        float32 activations, measured faster than float32 at equal ROUGE; see bench/).
    :param threads: CPU threads per generation (``intra_threads``; 0: CTranslate2 decides).
    """
    ctranslate2 = _import_ct2()
    try:
        # Not AutoTokenizer: it imports torch (seconds), which generation here never needs.
        from transformers import PreTrainedTokenizerFast
    except ImportError:
        raise MissingDependencyError(
            f"backend 'ctranslate2' needs transformers for tokenizers; install: {INSTALL_HINT}"
        ) from None
    started = time.perf_counter()
    compute = quantize or "int8"
    if compute not in COMPUTE_TYPES:
        raise ModelError(
            f"unknown quantisation {compute!r} for backend 'ctranslate2'; use one of "
            + ", ".join(COMPUTE_TYPES)
        )
    kind, _, index = device.partition(":")
    # Weights are stored as int8 or float16/32; any can be computed in any other type.
    stored = "int8" if compute.startswith("int8") else "float16" if "16" in compute else "float32"
    folder = converted_folder(source, stored)
    converting = time.perf_counter() - started
    info = json.loads((folder / _MARKER).read_text())
    # Not under _quiet(), which imports torch: a saved tokenizer loads without a word.
    saved = folder / "tokenizer"
    if (saved / "tokenizer.json").is_file():
        tokenizer = PreTrainedTokenizerFast.from_pretrained(saved)
    else:  # a slow (sentencepiece) tokenizer with no fast version
        from transformers import AutoTokenizer

        with _quiet():
            tokenizer = AutoTokenizer.from_pretrained(saved)
    engine_class = ctranslate2.Generator if info["family"] == "causal" else ctranslate2.Translator
    try:
        engine = engine_class(
            str(folder / "model"),
            device=kind,
            device_index=int(index or 0),
            compute_type=compute,
            intra_threads=threads,
        )
    except (RuntimeError, ValueError) as exc:
        raise ModelError(
            f"model {source.name!r} cannot run on ctranslate2 {device} {compute} "
            f"({str(exc).splitlines()[0] if str(exc) else type(exc).__name__}); try another "
            f"quantisation, or delete {folder} to convert it again"
        ) from None
    seconds = time.perf_counter() - started
    note = f"ctranslate2 {compute} from {folder}"
    if converting > 1.0:
        note = f"converted once in {converting:.0f} s; " + note
    return Ct2Model(
        source,
        tokenizer,
        engine,
        family=info["family"],
        model_type=info["model_type"],
        context_tokens=int(info["context_tokens"]),
        end_ids=info["end_ids"],
        forced_bos=info.get("forced_bos"),
        device=device,
        load_seconds=seconds,
        quantized=compute,
        folder=folder,
        note=note,
    )
