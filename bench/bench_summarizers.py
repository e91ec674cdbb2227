"""Benchmark our extractive summarisers against sumy's: ROUGE on CNN/DailyMail, speed on BBC.

Part 1 runs, in this one process, every registered extractive summariser and sumy's LexRank,
TextRank, LSA, Luhn, SumBasic and KL-Sum on ``cnndm_dev.jsonl`` at N sentences (default 3)
and prints ROUGE-1/2/Lsum F1 with 95% bootstrap intervals and articles per second
(summarisation time only) as a Markdown table.

Part 2 measures throughput on the 2,225 BBC articles: the default summariser and sumy's
LexRank, each in a fresh worker process (so that peak memory belongs to that system alone),
plus the whole ``python -m briefing summarize`` command timed from outside, start-up included.

    python bench/bench_summarizers.py                  # everything, about 5 minutes on 2 cores
    python bench/bench_summarizers.py --limit 50       # a quick look
    python bench/bench_summarizers.py --systems textrank,sumy-lexrank --skip-throughput

Data comes from ``--data-dir`` (default ``../shared/data`` beside the repository); it is never
copied into the repository. Progress goes to stderr, the tables to stdout.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO.parent / "shared" / "data"
CNNDM = "cnndm_dev.jsonl"
BBC = "bbc_news_summary.jsonl"

for _path in (REPO, Path(__file__).resolve().parent):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from briefing.evaluate import EvalResult, evaluate, load_records, markdown_table  # noqa: E402
from summarizers import registry  # noqa: E402
from summarizers.base import ExtractiveSummarizer, Summarizer  # noqa: E402


def log(message: str) -> None:
    """Progress on stderr, so stdout holds only the tables."""
    print(message, file=sys.stderr, flush=True)


def default_summarizer() -> str:
    """The summariser ``briefing`` uses when none is named."""
    name = getattr(registry, "DEFAULT", None)
    return name if isinstance(name, str) and name else "textrank"


def sumy_names() -> list[str]:
    """The sumy systems, importing sumy only when asked."""
    from sumy_adapter import SUMY_SYSTEMS

    return list(SUMY_SYSTEMS)


def build(name: str, sentences: int) -> Summarizer:
    """Our registered summariser ``name`` or a sumy adapter (``sumy-lexrank`` ...)."""
    if name.startswith("sumy-"):
        from sumy_adapter import make_sumy

        return make_sumy(name, sentences=sentences)
    return registry.get(name, sentences=sentences)


def our_systems(names: Sequence[str]) -> tuple[list[str], list[str]]:
    """Our systems that can be imported, and notes on those that cannot."""
    chosen: list[str] = []
    notes: list[str] = []
    for name in names:
        try:
            registry.get_class(name)
        except Exception as e:  # an optional dependency (torch...) may be missing
            notes.append(f"`{name}` skipped: cannot import it ({type(e).__name__}: {e})")
            continue
        chosen.append(name)
    return chosen, notes


def generates_text(summarize: Summarizer, article: str) -> bool:
    """Whether ``summarize`` writes sentences of its own (abstractive) on ``article``.

    Extractive summarisers copy input sentences, so every summary sentence has an input
    index. Trying one article tells composite and wrapped summarisers apart too, which a
    class check could not.
    """
    if isinstance(summarize, ExtractiveSummarizer):
        return False
    try:
        summary = summarize(article)
    except Exception:  # evaluate() will count the failures; this only sorts systems
        return False
    return any(s.index is None for s in summary.sentences)


# --- part 1: ROUGE --------------------------------------------------------------------------


def rouge_table(args: argparse.Namespace, systems: list[str], notes: list[str]) -> None:
    """Run every system on CNN/DailyMail in this process and print the Markdown table."""
    path = args.data_dir / CNNDM
    records = load_records(path)
    if args.limit:
        records = records[: args.limit]
    results: list[EvalResult] = []
    for name in systems:
        try:
            summarize = build(name, args.sentences)
        except Exception as e:
            notes.append(f"`{name}` skipped: {type(e).__name__}: {e}")
            continue
        # This table compares extractive methods; an abstractive model on 250 articles would
        # also blow the time budget on a CPU.
        if not args.explicit and generates_text(summarize, records[0].article):
            notes.append(f"`{name}` skipped: abstractive (name it in --systems to include it)")
            continue
        log(f"ROUGE: {name} on {len(records)} articles ...")
        result = evaluate(records, summarize, bootstrap=args.bootstrap, data=CNNDM, name=name)
        results.append(result)
        log(
            f"  R1 {result.rouge1.mean:.2f}  R2 {result.rouge2.mean:.2f}  "
            f"RLsum {result.rougeLsum.mean:.2f}  {result.articles_per_second:.1f} art/s"
        )
        if result.failed:
            notes.append(
                f"`{name}` raised on {len(result.failed)} articles (scored 0), "
                f"first: {result.failed[0].input}: {result.failed[0].reason}"
            )
    print(
        f"\n### ROUGE F1 on CNN/DailyMail ({CNNDM}, {len(records)} articles, "
        f"{args.sentences} sentences)\n"
    )
    print(markdown_table(results))
    print(
        f"\nrouge-score, stemming on, ROUGE-Lsum over Punkt sentences; 95% percentile bootstrap "
        f"intervals over articles ({args.bootstrap} resamples); articles/s counts summarisation "
        f"only, in one process, one run."
    )
    for note in notes:
        print(f"- {note}")


# --- part 2: throughput ---------------------------------------------------------------------


@dataclass(frozen=True)
class Timed:
    """A subprocess run: exit code, wall time from outside, the child's peak RSS, output."""

    rc: int
    wall: float
    peak_rss_mib: float
    stdout: str
    stderr: str


# Started between this script and the measured command. On Linux a process's ru_maxrss
# starts from its parent's resident size at exec, so a command started straight from this
# script (which holds every system and the data by then) would report this script's size.
# The launcher is a bare Python of about 10 MiB, below any command measured here. It times
# the command itself, so its own start-up is left out, and reports "wall maxrss exit" to the
# file named by its first argument.
_LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(sys.argv[1], "w") as f:
    f.write(f"{wall} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run_timed(command: Sequence[str], stdin: Path | None = None) -> Timed:
    """Run ``command`` and time it from outside, start-up included, with its peak RSS."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        report = Path(tmp) / "report"
        launcher = [sys.executable, "-S", "-c", _LAUNCHER, str(report), *command]
        if stdin is None:
            done = subprocess.run(
                launcher, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=REPO
            )
        else:
            with stdin.open("rb") as source:
                done = subprocess.run(launcher, stdin=source, stdout=out, stderr=err, cwd=REPO)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
        if done.returncode != 0 or not report.is_file():
            return Timed(done.returncode or 1, 0.0, 0.0, stdout, stderr or "launcher failed")
        wall, maxrss, rc = report.read_text().split()
        return Timed(int(rc), float(wall), _maxrss_mib(int(maxrss)), stdout, stderr)


def _maxrss_mib(maxrss: int) -> float:
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def worker(args: argparse.Namespace) -> int:
    """Summarise every article of ``--worker-data`` with one system; print JSON figures."""
    summarize = build(args.worker, args.sentences)
    articles: list[tuple[str, str | None]] = []
    with open(args.worker_data, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                obj = json.loads(line)
                articles.append((obj.get("article") or obj.get("text") or "", obj.get("title")))
    if args.limit:
        articles = articles[: args.limit]
    # Launched through _LAUNCHER, so ru_maxrss here is this process's own.
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    failed = 0
    start = time.perf_counter()
    for text, title in articles:
        try:
            summarize(text, title=title)
        except Exception:  # counted, as in evaluate(): one bad article must not stop the run
            failed += 1
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "system": args.worker,
                "articles": len(articles),
                "failed": failed,
                "seconds": seconds,
                "articles_per_second": len(articles) / max(seconds, 1e-9),
                "rss_before_mib": _maxrss_mib(baseline),
                "peak_rss_mib": _maxrss_mib(peak),
            }
        )
    )
    return 0


def throughput(args: argparse.Namespace) -> None:
    """Time the default summariser, sumy LexRank and the ``summarize`` command on BBC News."""
    source = args.data_dir / BBC
    if not source.is_file():
        print(f"\n(throughput skipped: {source} not found)")
        return
    name = default_summarizer()
    with tempfile.TemporaryDirectory() as tmp:
        data = source
        if args.limit:
            data = Path(tmp) / "bbc.jsonl"
            with source.open(encoding="utf-8") as f:
                lines = list(itertools.islice(f, args.limit))
            data.write_text("".join(lines), encoding="utf-8")
        with data.open(encoding="utf-8") as f:
            count = sum(1 for line in f if line.strip())

        systems = [name] if args.skip_sumy else [name, "sumy-lexrank"]
        rows: dict[str, dict[str, Any]] = {}
        notes: list[str] = []
        for system in systems:
            log(f"throughput: {system} on {count} BBC articles (worker process) ...")
            command = [
                sys.executable,
                str(Path(__file__).resolve()),
                "--worker",
                system,
                "--worker-data",
                str(data),
                "--sentences",
                str(args.sentences),
            ]
            timed = run_timed(command)
            if timed.rc != 0:
                tail = timed.stderr.strip().splitlines()[-1:] or ["no output"]
                notes.append(f"`{system}` worker failed (exit {timed.rc}): {tail[0]}")
                continue
            figures = json.loads(timed.stdout.strip().splitlines()[-1])
            figures["wall"] = timed.wall
            rows[system] = figures
            log(
                f"  {figures['articles_per_second']:.1f} art/s, peak {figures['peak_rss_mib']:.0f} MiB"
            )

        command = [
            sys.executable,
            "-m",
            "briefing",
            "summarize",
            "--summarizer",
            name,
            "--sentences",
            str(args.sentences),
        ]
        log(f"throughput: {' '.join(command[1:])} < {data.name} ...")
        whole = run_timed(command, stdin=data)
        whole_lines = sum(1 for line in whole.stdout.splitlines() if line.strip())

    print(f"\n### Throughput on BBC News ({BBC}, {count} articles, {args.sentences} sentences)\n")
    print(
        "| system | articles/s (summarising) | process wall s | articles/s (whole process) "
        "| peak RSS MiB |"
    )
    print("|---|---:|---:|---:|---:|")
    for system, f in rows.items():
        print(
            f"| {system} | {f['articles_per_second']:.1f} | {f['wall']:.2f} | "
            f"{f['articles'] / f['wall']:.1f} | {f['peak_rss_mib']:.0f} "
            f"({f['rss_before_mib']:.0f} before summarising) |"
        )
    command_text = f"`briefing summarize --summarizer {name}`"
    if whole.rc == 0:
        print(
            f"| {command_text} (whole command) | – | {whole.wall:.2f} | "
            f"{count / whole.wall:.1f} | {whole.peak_rss_mib:.0f} |"
        )
    print(
        "\nSummarising: summariser calls only, in a worker process (data already loaded). "
        "Whole process: wall time of the process timed from outside (Python start-up, imports, "
        "reading the data). Peak RSS: the process's own ru_maxrss (high-water resident memory)."
    )
    for f in rows.values():
        if f["failed"]:
            notes.append(f"`{f['system']}` raised on {f['failed']} articles")
    if whole.rc != 0:
        tail = whole.stderr.strip().splitlines()[-1:] or ["no output"]
        notes.append(
            f"whole-command timing skipped: `python -m briefing summarize` exited {whole.rc} "
            f"({tail[0]})"
        )
    elif whole_lines != count:
        notes.append(
            f"`python -m briefing summarize` wrote {whole_lines} lines for {count} articles"
        )
    for note in notes:
        print(f"- {note}")

    lexrank = rows.get("sumy-lexrank")
    ours = rows.get(name)
    if lexrank and (ours or whole.rc == 0):
        print("\nRatios to sumy LexRank (higher is faster):\n")
        if ours:
            print(
                f"- {name}, summarising: "
                f"{ours['articles_per_second'] / lexrank['articles_per_second']:.2f}×"
            )
            print(f"- {name}, whole worker process: {lexrank['wall'] / ours['wall']:.2f}×")
        if whole.rc == 0:
            print(
                f"- {command_text} whole command vs sumy LexRank whole worker process: "
                f"{lexrank['wall'] / whole.wall:.2f}×"
            )
            print(
                f"- {command_text} whole command vs sumy LexRank summarising only: "
                f"{(count / whole.wall) / lexrank['articles_per_second']:.2f}×"
            )


# --- command line ---------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help=f"folder with {CNNDM} and {BBC} (default: %(default)s)",
    )
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument(
        "--systems",
        default=None,
        help="comma-separated systems for the ROUGE table, ours or sumy-* (default: all)",
    )
    parser.add_argument("--skip-sumy", action="store_true", help="leave sumy out")
    parser.add_argument("--skip-rouge", action="store_true", help="only the throughput part")
    parser.add_argument("--skip-throughput", action="store_true", help="only the ROUGE part")
    parser.add_argument("--sentences", type=int, default=3, help="summary length (default 3)")
    parser.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples")
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--worker-data", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.sentences < 1:
        parser.error("--sentences must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return the exit code."""
    args = parse_args(argv)
    if args.worker:
        return worker(args)
    if not (args.data_dir / CNNDM).is_file() and not args.skip_rouge:
        print(
            f"error: {args.data_dir / CNNDM} not found; pass --data-dir with the folder that "
            "holds the evaluation data",
            file=sys.stderr,
        )
        return 2

    explicit = args.systems is not None
    if explicit:
        requested = [s.strip() for s in args.systems.split(",") if s.strip()]
        known = registry.available() + sumy_names()
        unknown = [s for s in requested if s not in known]
        if unknown:
            print(
                f"error: unknown system(s) {', '.join(unknown)}; choose from: {', '.join(known)}",
                file=sys.stderr,
            )
            return 2
        ours = [s for s in requested if not s.startswith("sumy-")]
        theirs = [s for s in requested if s.startswith("sumy-")]
    else:
        ours = registry.available()
        theirs = [] if args.skip_sumy else sumy_names()
    if args.skip_sumy:
        theirs = []
    args.explicit = explicit
    chosen, notes = our_systems(ours)

    print(
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; {time.strftime('%Y-%m-%d')}"
    )
    if not args.skip_rouge:
        rouge_table(args, chosen + theirs, notes)
    if not args.skip_throughput:
        throughput(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
