"""The same briefing on the local engine and on Ray: time ratio and identical output.

    python bench/bench_ray.py [--data ../shared/data/bbc_news_summary.jsonl] [--limit N]

Builds a JSON briefing from the BBC articles (extractive default, extraction and grouping on)
with ``briefing build`` in two fresh processes, one per engine (Ray: a private local instance
on this machine's CPUs, start-up included), checks that the two JSON files are byte-identical,
and prints the wall times, their ratio (Ray's overhead on one machine) and per-article costs.
Then it estimates the cluster needed for 100,000 articles a day from the measured cost per
article of the local engine's per-article stages and, for the abstractive summariser, from the
cost per article measured by ``bench/bench_abstractive.py`` (``--abstractive-seconds``).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "bbc_news_summary.jsonl"


def build(engine: str, data: Path, out: Path, extra: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB, children included) of one ``briefing build``."""
    command = [
        sys.executable,
        "-c",
        "import resource, sys, runpy; sys.argv = ['briefing', *sys.argv[1:]];"
        "code = 0\n"
        "try:\n runpy.run_module('briefing', run_name='__main__')\n"
        "except SystemExit as e:\n code = e.code or 0\n"
        "r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss;"
        "c = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
        "print(f'PEAK {max(r, c) // 1024}', file=sys.stderr); sys.exit(code)",
        "build",
        str(data),
        "-f",
        "json",
        "--date",
        "2026-11-28",
        "--no-cache",
        "-o",
        str(out),
        "--engine",
        engine,
        *extra,
    ]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{engine} engine failed:\n{done.stderr[-3000:]}")
    peak = 0
    for line in done.stderr.splitlines():
        if line.startswith("PEAK "):
            peak = int(line.split()[1])
    return wall, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument(
        "--abstractive-seconds",
        type=float,
        default=None,
        help="measured seconds per article of the abstractive summariser on one CPU core",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data
        if args.limit:
            data = Path(tmp) / "data.jsonl"
            with args.data.open(encoding="utf-8") as src:
                data.write_text("".join(itertools.islice(src, args.limit)))
        count = sum(1 for _ in data.open(encoding="utf-8"))
        local_out, ray_out = Path(tmp) / "local.json", Path(tmp) / "ray.json"
        local_s, local_peak = build("local", data, local_out, [])
        ray_s, ray_peak = build("ray", data, ray_out, [])
        same = local_out.read_bytes() == ray_out.read_bytes()
        stories = len(json.loads(local_out.read_text(encoding="utf-8"))["stories"])
    cores = os.cpu_count() or 1
    print(f"{count} articles -> {stories} stories; {cores} CPUs\n")
    print("| engine | wall s | articles/s | peak RSS MiB |")
    print("|---|---:|---:|---:|")
    print(f"| local | {local_s:.1f} | {count / local_s:.1f} | {local_peak} |")
    print(
        f"| ray (local instance, {cores} CPUs) | {ray_s:.1f} | {count / ray_s:.1f} | {ray_peak} |"
    )
    print(f"\nRay / local time: {ray_s / local_s:.2f}x; byte-identical JSON: {same}")
    per_article = local_s / count  # one core, start-up and driver-side stages included
    day = 100_000
    print("\nEstimate for 100,000 articles a day (86,400 s), from measured cost per article:")
    print(
        f"- extractive: {per_article * 1000:.1f} ms/article on one core (whole local run)"
        f" = {per_article * day / 3600:.1f} core-hours/day -> "
        f"{math.ceil(per_article * day / 86_400 / 0.5)} core(s) at 50% utilisation"
    )
    if args.abstractive_seconds:
        a = args.abstractive_seconds
        print(
            f"- abstractive: {a:.1f} s/article on one core = {a * day / 3600:.0f} core-hours/day"
            f" -> {math.ceil(a * day / 86_400 / 0.5)} cores at 50% utilisation"
        )
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
