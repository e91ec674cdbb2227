"""Benchmark the abstractive and hybrid summarisers on CNN/DailyMail: ROUGE, speed, memory.

For the first N articles of ``cnndm_dev.jsonl`` (all 250 by default) it runs, in this one
process:

* the default extractive summariser, for reference;
* ``abstractive`` over the whole article: the model is run once per article, unguarded, and
  the same text is then guarded, so the two rows differ only by the guard (greedy decoding
  is deterministic, so this is exactly what ``guard=True`` produces);
* ``hybrid``: the extractor picks, the model rewrites the picks, the guard checks them.

It prints a Markdown table of ROUGE-1/2/Lsum F1 (×100, 95% bootstrap intervals), articles per
second (model time plus guard time), the hybrid/abstractive speed ratio, model load time,
peak memory (``ru_maxrss``), and what the guard dropped and why. Every summary is written to
``--out`` (JSONL: id, system, guarded, sentences) for the independent checker::

    python bench/bench_abstractive.py --limit 20 --out /tmp/abstractive.jsonl
    python bench/check_faithfulness.py /tmp/abstractive.jsonl

    python bench/bench_abstractive.py --measure-load         # cold and cached load, in subprocesses
    python bench/bench_abstractive.py --limit 10 --compare-int8

``--backend`` picks transformers or ctranslate2 (default: ctranslate2 when installed); the
full, resumable run is ``bench_abstractive_full.py``. ``--threads`` sets the CPU threads
(default 1: on a machine whose cores are shared, two OpenMP threads wait on each other and
run several times slower than one).
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "cnndm_dev.jsonl"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from briefing.evaluate import EvalRecord, EvalResult, evaluate, load_records  # noqa: E402
from summarizers import registry  # noqa: E402
from summarizers.base import Summary  # noqa: E402


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def peak_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def score(
    records: list[EvalRecord], summaries: list[Summary], name: str, seconds: float, bootstrap: int
) -> EvalResult:
    """ROUGE of precomputed summaries through the project's own evaluator; the time is ours."""
    by_article = {r.article: s for r, s in zip(records, summaries, strict=True)}
    result = evaluate(
        records, lambda article, title=None: by_article[article], bootstrap=bootstrap, name=name
    )
    return dataclasses.replace(result, summarize_seconds=seconds)


def row(result: EvalResult, extra: str = "") -> str:
    return (
        f"| {result.summarizer} | {result.rouge1} | {result.rouge2} | {result.rougeLsum} | "
        f"{result.articles_per_second:.3f} | {extra} |"
    )


def reasons(summaries: list[Summary]) -> collections.Counter[str]:
    """What the guard dropped, by kind of problem."""
    counts: collections.Counter[str] = collections.Counter()
    for summary in summaries:
        for dropped in summary.dropped:
            for part in dropped.reason.split("; "):
                if not part.startswith("replaced by"):
                    counts[part.split(" '")[0].split(" (")[0].split(' "')[0]] += 1
    return counts


def write_out(
    handle: Any, records: list[EvalRecord], summaries: list[Summary], system: str, guarded: bool
) -> None:
    for record, summary in zip(records, summaries, strict=True):
        handle.write(
            json.dumps(
                {
                    "id": record.id,
                    "system": system,
                    "guarded": guarded,
                    "sentences": [s.text for s in summary.sentences],
                    "dropped": [{"text": d.text, "reason": d.reason} for d in summary.dropped],
                },
                ensure_ascii=False,
            )
            + "\n"
        )


def run_abstractive(
    records: list[EvalRecord], args: argparse.Namespace, quantize: str | None = None
) -> dict[str, Any]:
    from summarizers.abstractive import AbstractiveSummarizer

    started = time.perf_counter()
    raw_model = AbstractiveSummarizer(
        model=args.model,
        sentences=args.sentences,
        guard=False,
        threads=args.threads,
        quantize=quantize,
        backend=args.backend,
    )
    build = time.perf_counter() - started
    guarded_model = AbstractiveSummarizer(
        model=args.model,
        sentences=args.sentences,
        guard=True,
        quantize=quantize,
        threads=args.threads,
        backend=args.backend,
    )
    raw: list[Summary] = []
    guarded: list[Summary] = []
    gen_s = guard_s = 0.0
    for k, record in enumerate(records, 1):
        sentences = raw_model.sentences_of(record.article)
        t0 = time.perf_counter()
        (text,) = raw_model.generate_texts([sentences], [record.title])
        t1 = time.perf_counter()
        raw.append(raw_model.finish(sentences, text))
        t2 = time.perf_counter()
        guarded.append(guarded_model.finish(sentences, text))
        t3 = time.perf_counter()
        gen_s += (t1 - t0) + (t2 - t1)
        guard_s += t3 - t2
        if k % 5 == 0 or k == len(records):
            log(
                f"  abstractive{'-' + quantize if quantize else ''}: {k}/{len(records)} "
                f"({gen_s / k:.1f} s/article)"
            )
    return {
        "raw": raw,
        "guarded": guarded,
        "gen_s": gen_s,
        "guard_s": guard_s,
        "load_s": raw_model.loaded.load_seconds,
        "build_s": build,
        "note": raw_model.loaded.note,
    }


def run_hybrid(records: list[EvalRecord], args: argparse.Namespace) -> dict[str, Any]:
    from summarizers.hybrid import HybridSummarizer

    hybrid = HybridSummarizer(
        model=args.model,
        sentences=args.sentences,
        threads=args.threads,
        extractor=args.extractor,
        backend=args.backend,
    )
    out: list[Summary] = []
    seconds = 0.0
    for k, record in enumerate(records, 1):
        t0 = time.perf_counter()
        out.append(hybrid(record.article, title=record.title))
        seconds += time.perf_counter() - t0
        if k % 5 == 0 or k == len(records):
            log(f"  hybrid: {k}/{len(records)} ({seconds / k:.1f} s/article)")
    return {"guarded": out, "seconds": seconds}


LOAD_SNIPPET = """
import json, resource, sys, time
t = time.perf_counter()
from summarizers.models import load_model
m = load_model(sys.argv[1])
print(json.dumps({"seconds": time.perf_counter() - t, "load_seconds": m.load_seconds,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "note": m.note}))
"""


def measure_load(model: str) -> None:
    """Load time and peak memory in fresh processes: straight from the GGUF file (no cache),
    then from the converted copy in the cache (written by the first cached run)."""
    print("| load | wall s (imports included) | model load s | peak RSS MiB | note |")
    print("|---|---|---|---|---|")
    for label, cache in (
        ("GGUF, no cache", "off"),
        ("first cached run", None),
        ("converted copy", None),
    ):
        env = dict(os.environ)
        if cache:
            env["BRIEFING_CACHE_DIR"] = cache
        out = subprocess.run(
            [sys.executable, "-c", LOAD_SNIPPET, model],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=env,
            check=False,
        )
        if out.returncode != 0:
            print(f"| {label} | failed: {out.stderr.strip().splitlines()[-1:]} | | | |")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"| {label} | {r['seconds']:.1f} | {r['load_seconds']:.1f} | "
            f"{r['peak_mib']:.0f} | {r['note']} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--model", default="", help="model name or path (default: SmolLM2)")
    parser.add_argument("--extractor", default="textrank", help="hybrid's extractor")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--backend", default="auto", help="transformers, ctranslate2 or auto (the default)"
    )
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=None, help="write every summary here")
    parser.add_argument("--skip-hybrid", action="store_true")
    parser.add_argument("--skip-abstractive", action="store_true")
    parser.add_argument(
        "--compare-int8",
        action="store_true",
        help="also run abstractive with dynamic int8 quantisation",
    )
    parser.add_argument(
        "--measure-load",
        action="store_true",
        help="only measure model load time and memory, in subprocesses",
    )
    args = parser.parse_args(argv)

    if args.measure_load:
        measure_load(args.model)
        return 0
    records = load_records(args.data)[: args.limit] if args.limit else load_records(args.data)
    log(
        f"{len(records)} articles from {args.data.name}, {args.sentences} sentences, "
        f"torch threads {args.threads}"
    )
    out = args.out.open("w", encoding="utf-8") if args.out else None
    rows: list[str] = []
    notes: list[str] = []

    default = getattr(registry, "DEFAULT", "textrank")
    extractive = registry.get(default, sentences=args.sentences)
    t0 = time.perf_counter()
    ex_summaries = [extractive(r.article, title=r.title) for r in records]
    ex_result = score(
        records, ex_summaries, f"{default} (extractive)", time.perf_counter() - t0, args.bootstrap
    )
    rows.append(row(ex_result, "reference"))

    abstractive_rate = None
    if not args.skip_abstractive:
        a = run_abstractive(records, args)
        raw = score(records, a["raw"], "abstractive, unguarded", a["gen_s"], args.bootstrap)
        guarded = score(
            records, a["guarded"], "abstractive, guarded", a["gen_s"] + a["guard_s"], args.bootstrap
        )
        abstractive_rate = guarded.articles_per_second
        rows += [
            row(raw, "model only"),
            row(guarded, f"guard {a['guard_s'] / len(records) * 1000:.0f} ms/article"),
        ]
        notes.append(
            f"model load {a['load_s']:.1f} s ({a['note'] or 'no conversion'}); "
            f"peak RSS after abstractive {peak_mib():.0f} MiB"
        )
        drops = reasons(a["guarded"])
        total = sum(len(s.dropped) for s in a["guarded"])
        replaced = sum(1 for s in a["guarded"] for d in s.dropped if "replaced by" in d.reason)
        notes.append(
            f"abstractive guard: dropped {total} generated sentences "
            f"({replaced} replaced by a source sentence); reasons: "
            + ", ".join(f"{k} {v}" for k, v in drops.most_common())
        )
        kept_generated = sum(1 for s in a["guarded"] for x in s.sentences if x.index is None)
        notes.append(
            f"abstractive guarded summaries: {kept_generated} generated sentences kept, "
            f"{sum(1 for s in a['guarded'] for x in s.sentences if x.index is not None)}"
            " source sentences"
        )
        if out:
            write_out(out, records, a["raw"], "abstractive", False)
            write_out(out, records, a["guarded"], "abstractive", True)
        if args.compare_int8:
            q = run_abstractive(records, args, quantize="int8")
            q_result = score(
                records,
                q["guarded"],
                "abstractive int8, guarded",
                q["gen_s"] + q["guard_s"],
                args.bootstrap,
            )
            same = sum(1 for x, y in zip(a["raw"], q["raw"], strict=True) if x.text == y.text)
            rows.append(row(q_result, f"identical raw text on {same}/{len(records)}"))
    if not args.skip_hybrid:
        h = run_hybrid(records, args)
        result = score(records, h["guarded"], "hybrid, guarded", h["seconds"], args.bootstrap)
        ratio = (
            f"{result.articles_per_second / abstractive_rate:.1f}x abstractive"
            if abstractive_rate
            else ""
        )
        rows.append(row(result, ratio))
        drops = reasons(h["guarded"])
        rewritten = sum(1 for s in h["guarded"] for x in s.sentences if x.index is None)
        notes.append(
            f"hybrid: {rewritten} rewritten sentences kept, "
            f"{sum(len(s.dropped) for s in h['guarded'])} rewrites replaced by their "
            "source sentence; reasons: " + ", ".join(f"{k} {v}" for k, v in drops.most_common())
        )
        notes.append(f"peak RSS at the end {peak_mib():.0f} MiB")
        if out:
            write_out(out, records, h["guarded"], "hybrid", True)
    if out:
        out.close()

    print(
        f"ROUGE F1 ×100 on {len(records)} articles of {args.data.name}, "
        f"{args.sentences} sentences, model {args.model or 'smollm2'}, torch threads "
        f"{args.threads}\n"
    )
    print("| system | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | articles/s | note |")
    print("|---|---|---|---|---|---|")
    for line in rows:
        print(line)
    print()
    for note in notes:
        print(f"- {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
