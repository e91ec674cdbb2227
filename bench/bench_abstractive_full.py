"""The full, resumable cnndm_dev run of the abstractive and hybrid summarisers.

``bench_abstractive.py`` runs each system over all articles in turn and reports at the end;
on a shared 2-core machine the whole of cnndm_dev takes hours, so this one works article by
article instead: for each article it runs every system, appends one JSON line per system to
``--out`` at once (id, system, guarded, sentences, dropped, seconds, cpu_seconds), and on a
restart skips the articles already there. A partial run is therefore a usable, like-for-like
sample, and ``--report`` scores whatever is in the file::

    nohup nice -n 5 python bench/bench_abstractive_full.py --out /tmp/abs-full.jsonl &
    python bench/bench_abstractive_full.py --out /tmp/abs-full.jsonl --report
    python bench/check_faithfulness.py /tmp/abs-full.jsonl

Systems: ``news`` (the extractive default, for reference), ``abstractive`` unguarded and
guarded (one generation, judged twice: greedy decoding is deterministic, so the guarded text
is exactly what ``guard=True`` produces), ``hybrid`` guarded and unguarded (likewise one
generation). Times: ``seconds`` is wall-clock, ``cpu_seconds`` this process's CPU time, which
a loaded machine disturbs far less; the report gives articles/s by both. Model load time and
peak memory go to ``<out>.meta.jsonl``, one line per (re)start.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "cnndm_dev.jsonl"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from briefing.evaluate import EvalRecord, evaluate, load_records  # noqa: E402
from summarizers.base import Summary, SummarySentence  # noqa: E402

SYSTEMS = (
    ("news", False),
    ("abstractive", False),
    ("abstractive", True),
    ("hybrid", True),
    ("hybrid", False),
)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Timer:
    """Wall and CPU seconds of a block."""

    def __enter__(self) -> Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def line(record: EvalRecord, system: str, guarded: bool, summary: Summary, t: Timer) -> str:
    return json.dumps(
        {
            "id": record.id,
            "system": system,
            "guarded": guarded,
            "sentences": [s.text for s in summary.sentences],
            "dropped": [{"text": d.text, "reason": d.reason} for d in summary.dropped],
            "seconds": round(t.wall, 4),
            "cpu_seconds": round(t.cpu, 4),
        },
        ensure_ascii=False,
    )


def done_ids(path: Path) -> set[str]:
    """Articles with every system already written (a half-written article is redone)."""
    seen: dict[str, set[tuple[str, bool]]] = {}
    if path.is_file():
        for text in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(text)
            except json.JSONDecodeError:
                continue  # a line cut short by a kill
            seen.setdefault(row["id"], set()).add((row["system"], row["guarded"]))
    return {i for i, s in seen.items() if s >= set(SYSTEMS)}


def memo(generate: Callable[..., Any]) -> Callable[..., Any]:
    """Share one generation between the guarded and unguarded hybrid summarisers."""
    cache: dict[Any, Any] = {}

    def wrapper(inputs: list[str], settings: Any = None, max_sentences: Any = None) -> Any:
        key = (tuple(inputs), settings, max_sentences)
        if key not in cache:
            cache.clear()
            cache[key] = generate(inputs, settings, max_sentences)
        return cache[key]

    return wrapper


def run(args: argparse.Namespace) -> None:
    from summarizers import registry
    from summarizers.abstractive import AbstractiveSummarizer
    from summarizers.hybrid import HybridSummarizer

    records = load_records(args.data)[: args.limit] if args.limit else load_records(args.data)
    done = done_ids(args.out)
    todo = [r for r in records if r.id not in done]
    log(f"{len(records)} articles, {len(done)} done, {len(todo)} to do; backend {args.backend}")
    if args.threads and args.backend == "transformers":
        import torch

        torch.set_num_threads(args.threads)
    options: dict[str, Any] = {
        "model": args.model,
        "sentences": args.sentences,
        "backend": args.backend,
        "threads": args.threads,
        "quantize": args.quantize,
    }
    with Timer() as load:
        raw = AbstractiveSummarizer(guard=False, **options)
    guarded = AbstractiveSummarizer(guard=True, **options)
    hybrid = HybridSummarizer(guard=True, extractor=args.extractor, **options)
    hybrid_raw = HybridSummarizer(guard=False, extractor=args.extractor, **options)
    shared = memo(hybrid._generate)
    hybrid._generate = shared  # type: ignore[method-assign]
    hybrid_raw._generate = shared  # type: ignore[method-assign]
    news = registry.get("news", sentences=args.sentences)
    meta = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "backend": raw.loaded.backend,
        "quantized": raw.loaded.quantized,
        "threads": args.threads,
        "model": raw.loaded.source.name,
        "load_seconds": round(raw.loaded.load_seconds, 2),
        "build_seconds": round(load.wall, 2),
        "note": raw.loaded.note,
        "peak_mib_after_load": round(peak_mib()),
    }
    meta_path = args.out.with_name(args.out.name + ".meta.jsonl")
    with meta_path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(meta) + "\n")
    log(json.dumps(meta))
    with args.out.open("a", encoding="utf-8") as out:
        for k, record in enumerate(todo, 1):
            rows: list[str] = []
            with Timer() as t:
                summary = news(record.article, title=record.title)
            rows.append(line(record, "news", False, summary, t))
            sentences = raw.sentences_of(record.article)
            with Timer() as gen:
                (text,) = raw.generate_texts([sentences], [record.title])
            with Timer() as t:
                summary = raw.finish(sentences, text)
            t.wall, t.cpu = t.wall + gen.wall, t.cpu + gen.cpu
            rows.append(line(record, "abstractive", False, summary, t))
            with Timer() as t:
                summary = guarded.finish(sentences, text)
            t.wall, t.cpu = t.wall + gen.wall, t.cpu + gen.cpu
            rows.append(line(record, "abstractive", True, summary, t))
            with Timer() as t:
                summary = hybrid(record.article, title=record.title)
            rows.append(line(record, "hybrid", True, summary, t))
            hybrid_t = t
            with Timer() as t:
                summary = hybrid_raw(record.article, title=record.title)
            # The shared generation was paid for by the guarded run.
            t.wall, t.cpu = hybrid_t.wall, hybrid_t.cpu
            rows.append(line(record, "hybrid", False, summary, t))
            out.write("\n".join(rows) + "\n")
            out.flush()
            log(
                f"{k}/{len(todo)} {record.id}: abstractive {gen.wall:.1f} s "
                f"({gen.cpu:.1f} cpu), hybrid {hybrid_t.wall:.1f} s; peak {peak_mib():.0f} MiB"
            )
    with meta_path.open("a", encoding="utf-8") as handle:
        handle.write(
            json.dumps(
                {"finished": time.strftime("%Y-%m-%dT%H:%M:%S"), "peak_mib": round(peak_mib())}
            )
            + "\n"
        )


def rows_of(path: Path) -> Iterator[dict[str, Any]]:
    for text in path.read_text(encoding="utf-8").splitlines():
        try:
            yield json.loads(text)
        except json.JSONDecodeError:
            continue


def report(args: argparse.Namespace) -> None:
    loaded = load_records(args.data)
    records = {r.id: r for r in (loaded[: args.limit] if args.limit else loaded)}
    by_system: dict[tuple[str, bool], dict[str, dict[str, Any]]] = {}
    for row in rows_of(args.out):
        if row["id"] not in records:
            continue
        by_system.setdefault((row["system"], row["guarded"]), {})[row["id"]] = row
    common = set.intersection(*(set(v) for v in by_system.values())) if by_system else set()
    chosen = [records[i] for i in records if i in common]
    print(
        f"ROUGE F1 ×100 (95% bootstrap intervals, {args.bootstrap} resamples) on "
        f"{len(chosen)} articles of {args.data.name} covered by every system\n"
    )
    print("| system | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | articles/s (wall) | articles/s (CPU) |")
    print("|---|---|---|---|---:|---:|")
    rates: dict[tuple[str, bool], float] = {}
    for key in SYSTEMS:
        rows = by_system.get(key, {})
        if not rows:
            continue
        summaries = {
            records[i].article: Summary(
                tuple(SummarySentence(s, None, 0.0, ()) for s in rows[i]["sentences"]), key[0]
            )
            for i in common
        }
        result = evaluate(
            chosen,
            lambda article, title=None, s=summaries: s[article],
            bootstrap=args.bootstrap,
            name=key[0],
        )
        wall = sum(rows[i]["seconds"] for i in common)
        cpu = sum(rows[i]["cpu_seconds"] for i in common)
        rates[key] = len(common) / cpu if cpu else 0.0
        label = f"{key[0]}{'' if key[0] == 'news' else ', guarded' if key[1] else ', unguarded'}"
        print(
            f"| {label} | {result.rouge1} | {result.rouge2} | {result.rougeLsum} | "
            f"{len(common) / wall:.3f} | {rates[key]:.3f} |"
        )
    if ("hybrid", True) in rates and rates.get(("abstractive", True)):
        ratio = rates[("hybrid", True)] / rates[("abstractive", True)]
        print(f"\nhybrid/abstractive speed (guarded, CPU time): {ratio:.1f}x")
    dropped = {
        k: sum(len(r["dropped"]) for i, r in v.items() if i in common)
        for k, v in by_system.items()
        if k[1]
    }
    print("guard drops: " + ", ".join(f"{k[0]} {n}" for k, n in dropped.items()))
    meta = args.out.with_name(args.out.name + ".meta.jsonl")
    if meta.is_file():
        print("\nruns:")
        for text in meta.read_text(encoding="utf-8").splitlines():
            print(f"- {text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--model", default="")
    parser.add_argument("--backend", default="auto")
    parser.add_argument("--quantize", default=None, help="int8, float32... (see load_model)")
    parser.add_argument("--extractor", default="textrank")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--report", action="store_true", help="score what --out holds")
    args = parser.parse_args(argv)
    if args.report:
        report(args)
    else:
        run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
