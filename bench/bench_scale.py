"""How a briefing's cost grows with the number of articles, what a second worker and a warm
cache buy, and the peak memory, on the 2,225 BBC articles in ``../shared/data/``.

Every run is ``briefing build`` in a fresh process (the extractive default, extraction and
grouping on, JSON out) on the first N articles:

* **cold**: a new, empty cache folder, one worker (what a first daily run costs);
* **warm**: the same command again on the same cache (a re-run on unchanged inputs);
* **workers 2**: ``--workers 2 --no-cache``.

For each run: wall time, articles per second, and peak memory: the largest resident set of
any one process (``ru_maxrss`` from ``wait4``) and the largest sum over the process tree
(sampled from ``/proc`` every 0.2 s, which is what counts with worker processes). The growth
of the cold runs is fitted as a log-log slope (1.0 is linear; n log n over this range is about
1.15) and as the time ratio per doubling; the fixed start-up cost (a one-article run) is
reported apart and taken off before fitting.

The code is copied to a temporary folder first, so that edits made to the checkout while the
benchmark runs (for minutes) neither change the measured code nor invalidate the cache.

    python bench/bench_scale.py                       # all sizes (about an hour on 2 cores)
    python bench/bench_scale.py --sizes 250,500 --workers-at 500
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "bbc_news_summary.jsonl"
SIZES = (250, 500, 1000, 2225)


@dataclass
class Run:
    label: str
    n: int
    workers: int
    seconds: float  # wall
    cpu: float  # user + system, all processes
    rss_mb: float  # the largest single process
    tree_mb: float  # the largest sum over the process tree
    stories: int
    skipped: int
    same_as: str = ""  # the run whose output this one matched byte for byte

    @property
    def rate(self) -> float:
        return self.n / self.seconds if self.seconds else 0.0

    @property
    def cpu_rate(self) -> float:
        return self.n / self.cpu if self.cpu else 0.0


def write_inputs(folder: Path, n: int) -> Path:
    """The first ``n`` records as JSONL {id, article} (the reference summary left out)."""
    path = folder / f"bbc-{n}.jsonl"
    with DATA.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as out:
        for number, line in enumerate(src):
            if number == n:
                break
            record = json.loads(line)
            out.write(json.dumps({"id": record["id"], "article": record["article"]}) + "\n")
    return path


def characters(n: int) -> int:
    """Characters of article text in the first ``n`` records (later topics run longer)."""
    total = 0
    with DATA.open(encoding="utf-8") as src:
        for number, line in enumerate(src):
            if number == n:
                break
            total += len(json.loads(line)["article"])
    return total


def snapshot(folder: Path) -> Path:
    """A copy of the code to run, fixed for the whole benchmark."""
    code = folder / "code"
    for name in ("briefing", "summarizers", "templates"):
        shutil.copytree(ROOT / name, code / name, ignore=shutil.ignore_patterns("__pycache__"))
    return code


def _tree(root: int) -> dict[int, tuple[int, int]]:
    """(resident bytes, CPU clock ticks) of ``root`` and each of its descendants, from /proc."""
    parents: dict[int, int] = {}
    usage: dict[int, tuple[int, int]] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        # Fields 14 and 15 (utime, stime) and 24 (rss) of proc(5), counted after the name.
        usage[int(entry)] = (int(fields[21]) * page, int(fields[11]) + int(fields[12]))
    tree = {}
    for pid in usage:
        walk = pid
        while walk > 1 and walk != root:
            walk = parents.get(walk, 0)
        if walk == root:
            tree[pid] = usage[pid]
    return tree


@dataclass
class Measure:
    seconds: float  # wall
    cpu: float  # user + system, all processes
    rss_mb: float  # the largest single process
    tree_mb: float  # the largest sum over the process tree


def run(code: Path, inputs: Path, out: Path, *args: str) -> Measure:
    """Run ``briefing build`` in a fresh process and measure it."""
    command = [sys.executable, "-m", "briefing", "build", str(inputs), "-f", "json"]
    command += ["-o", str(out), "--date", "2026-11-28", "--quiet", *args]
    env = {**os.environ, "PYTHONPATH": str(code)}
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=code, env=env)
    peak = 0
    ticks: dict[int, int] = {}
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.wait(0.2):
            tree = _tree(child.pid)
            peak = max(peak, sum(rss for rss, _ in tree.values()))
            for pid, (_, cpu) in tree.items():
                ticks[pid] = max(ticks.get(pid, 0), cpu)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit code {child.returncode}")
    # wait4 counts the child exactly (and the descendants it reaped); worker processes started
    # by a fork server are reaped by it, so their share comes from the /proc samples.
    own = usage.ru_utime + usage.ru_stime
    others = sum(t for pid, t in ticks.items() if pid != child.pid) / os.sysconf("SC_CLK_TCK")
    rss = usage.ru_maxrss / 1024  # kilobytes on Linux
    return Measure(seconds, own + others, rss, max(peak / 2**20, rss))


def fit(points: list[tuple[int, float]]) -> tuple[float, list[float]]:
    """Least-squares slope of log time against log n, and the time ratio per doubling."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    ratios = [
        (t2 / t1) ** (1 / math.log2(n2 / n1)) for (n1, t1), (n2, t2) in itertools.pairwise(points)
    ]
    return slope, ratios


def table(runs: list[Run], startup: Measure | None) -> str:
    lines = [
        "| run | articles | workers | wall s | articles/s | CPU s | articles/CPU s "
        "| peak RSS MB (one process) | peak MB (all processes) | stories | skipped | output |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in runs:
        lines.append(
            f"| {r.label} | {r.n} | {r.workers} | {r.seconds:.1f} | {r.rate:.2f} | "
            f"{r.cpu:.1f} | {r.cpu_rate:.2f} | {r.rss_mb:.0f} | {r.tree_mb:.0f} | "
            f"{r.stories} | {r.skipped} | {'same bytes as ' + r.same_as if r.same_as else ''} |"
        )
    if startup is not None:
        lines.append("")
        lines.append(
            f"Fixed start-up (a one-article run): {startup.seconds:.1f} s wall, "
            f"{startup.cpu:.1f} s CPU."
        )
    for what, key in (("wall", "seconds"), ("CPU", "cpu")):
        cold = [(r.n, float(getattr(r, key))) for r in runs if r.label == "cold"]
        if len(cold) < 2:
            continue
        slope, ratios = fit(cold)
        lines.append("")
        lines.append(
            f"Growth of the cold runs ({what} time): log-log slope {slope:.2f}, ratio per "
            f"doubling {', '.join(f'{x:.2f}' for x in ratios)}."
        )
        fixed = None if startup is None else float(getattr(startup, key))
        net = [(n, t - fixed) for n, t in cold if fixed is not None and t > fixed]
        if len(net) >= 2:
            slope, ratios = fit(net)
            lines.append(
                f"Without the start-up: slope {slope:.2f}, ratio per doubling "
                f"{', '.join(f'{x:.2f}' for x in ratios)} (n log n: about 1.15 and 2.2)."
            )
            # The data file is sorted by topic and later topics have longer articles, so the
            # work grows a little faster than n even for a linear pipeline.
            by_text = [(characters(n), t) for n, t in net]
            slope, _ = fit(by_text)
            per_million = ", ".join(f"{t / c * 1e6:.0f}" for c, t in by_text)
            lines.append(
                f"Against the characters of input instead of n: slope {slope:.2f}; "
                f"{what} seconds per million characters: {per_million}."
            )
    cold_runs = {r.n: r for r in runs if r.label == "cold"}
    speedups = [
        f"{r.n}: {cold_runs[r.n].seconds / r.seconds:.1f}x wall, "
        f"{cold_runs[r.n].cpu / r.cpu:.1f}x CPU"
        for r in runs
        if r.label == "warm" and r.n in cold_runs and r.seconds and r.cpu
    ]
    if speedups:
        lines.append("")
        lines.append(f"Warm re-run speed-up over the cold run: {'; '.join(speedups)}.")
    return "\n".join(lines)


def count(out: Path) -> tuple[int, int]:
    briefing = json.loads(out.read_text(encoding="utf-8"))
    return len(briefing["stories"]), len(briefing["skipped"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument(
        "--workers-at",
        default="500,2225",
        help="Sizes at which to also run --workers 2 (comma-separated).",
    )
    parser.add_argument("--log", type=Path, default=None, help="Append each run as JSON here.")
    parser.add_argument(
        "--table-from", type=Path, default=None, help="Only print the table of a --log file."
    )
    args = parser.parse_args()
    if args.table_from:
        logged = [
            Run(**json.loads(line))
            for line in args.table_from.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        first = next((r for r in logged if r.label == "start-up"), None)
        fixed = None
        if first is not None:
            fixed = Measure(first.seconds, first.cpu, first.rss_mb, first.tree_mb)
        print(table([r for r in logged if r.label != "start-up"], fixed))
        return
    if not DATA.exists():
        raise SystemExit(f"{DATA}: not found; the benchmark needs the shared BBC data")
    sizes = [int(s) for s in args.sizes.split(",") if s]
    workers_at = {int(s) for s in args.workers_at.split(",") if s}
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        folder = Path(tmp)
        code = snapshot(folder)

        def record(r: Run) -> None:
            runs.append(r)
            print(
                f"{r.label:>9} n={r.n:<5} workers={r.workers} {r.seconds:7.1f} s "
                f"{r.rate:6.2f}/s cpu {r.cpu:7.1f} s rss {r.rss_mb:5.0f} MB "
                f"tree {r.tree_mb:5.0f} MB {r.same_as and 'same as ' + r.same_as}",
                flush=True,
            )
            if args.log:
                with args.log.open("a", encoding="utf-8") as log:
                    log.write(json.dumps(asdict(r)) + "\n")

        startup = run(code, write_inputs(folder, 1), folder / "one.json", "--no-cache")
        print(f"start-up (one article): {startup.seconds:.1f} s, {startup.cpu:.1f} s CPU")
        if args.log:
            fields = (startup.seconds, startup.cpu, startup.rss_mb, startup.tree_mb, 1, 0)
            with args.log.open("a", encoding="utf-8") as log:
                log.write(json.dumps(asdict(Run("start-up", 1, 1, *fields))) + "\n")
        for n in sizes:
            inputs = write_inputs(folder, n)
            cache = folder / f"cache-{n}"
            cold_out, warm_out = folder / f"cold-{n}.json", folder / f"warm-{n}.json"
            m = run(code, inputs, cold_out, "--cache-dir", str(cache))
            record(Run("cold", n, 1, m.seconds, m.cpu, m.rss_mb, m.tree_mb, *count(cold_out)))
            m = run(code, inputs, warm_out, "--cache-dir", str(cache))
            same = "cold" if warm_out.read_bytes() == cold_out.read_bytes() else ""
            record(Run("warm", n, 1, m.seconds, m.cpu, m.rss_mb, m.tree_mb, *count(warm_out), same))
            if n in workers_at:
                out = folder / f"workers-{n}.json"
                m = run(code, inputs, out, "--no-cache", "--workers", "2")
                same = "cold" if out.read_bytes() == cold_out.read_bytes() else ""
                record(
                    Run("workers 2", n, 2, m.seconds, m.cpu, m.rss_mb, m.tree_mb, *count(out), same)
                )
    print()
    print(table(runs, startup))


if __name__ == "__main__":
    main()
