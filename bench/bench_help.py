"""How long ``briefing --help`` takes, start-up included; the target is 0.5 s.

Runs the installed ``briefing`` console script (the one beside this Python first, then the one
on PATH) or, when there is none, ``python -m briefing --help``, as a subprocess: one untimed
run to warm the file cache and write bytecode, then 10 timed runs. Prints the best and the
median; PASS/FAIL is judged on the median, the figure a user feels. Exit code 0 on PASS,
1 on FAIL, 2 when the command itself fails.

    python bench/bench_help.py [--runs 10] [--target 0.5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def help_command() -> list[str]:
    """The command to time: the console script if installed, else ``python -m briefing``."""
    beside = Path(sys.executable).with_name("briefing")
    if beside.is_file():
        return [str(beside), "--help"]
    on_path = shutil.which("briefing")
    if on_path:
        return [on_path, "--help"]
    return [sys.executable, "-m", "briefing", "--help"]


def time_once(command: Sequence[str]) -> float:
    """Wall time of one run; raises ``CalledProcessError`` when the command fails."""
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO, capture_output=True)
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    """Time the help command and print the verdict; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs (default 10)")
    parser.add_argument("--target", type=float, default=0.5, help="seconds (default 0.5)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    command = help_command()
    shown = " ".join(Path(command[0]).name if i == 0 else c for i, c in enumerate(command))
    try:
        time_once(command)
        times = [time_once(command) for _ in range(args.runs)]
    except subprocess.CalledProcessError as e:
        last = (e.stderr or b"").decode("utf-8", "replace").strip().splitlines()[-1:]
        print(f"error: `{shown}` exited {e.returncode}: {last[0] if last else 'no output'}")
        return 2
    except OSError as e:
        print(f"error: cannot run `{shown}`: {e}")
        return 2

    best = min(times)
    median = statistics.median(times)
    verdict = "PASS" if median <= args.target else "FAIL"
    print(
        f"`{shown}`: best {best:.3f} s, median {median:.3f} s of {args.runs} runs "
        f"(target {args.target:.1f} s on the median): {verdict}"
    )
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
