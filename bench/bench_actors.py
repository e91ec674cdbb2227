"""Benchmark key actors against gold person and organisation names (CoNLL-2003 documents).

Runs the same evaluation as ``briefing eval-actors`` on ``conll2003_dev.jsonl`` (116 Reuters
documents from 1996 with gold PER and ORG names): every article goes through the product's
split and actor extraction with no cap on the number of actors, and predicted people and
organisations are matched to the gold names alias-aware (see ``briefing/evaluate_actors.py``).
It prints macro and micro precision, recall and F1, typed and untyped, and documents per
second, as plain text and as a Markdown table ready for ``bench/RESULTS.md``.

    python bench/bench_actors.py                 # the full run, about half a minute on 2 cores
    python bench/bench_actors.py --limit 20      # a quick look
    python bench/bench_actors.py --show-errors   # false positives and negatives per document

Data comes from ``--data-dir`` (default ``../shared/data`` beside the repository); it is never
copied into the repository. Progress goes to stderr, the tables to stdout.
"""

from __future__ import annotations

import argparse
import platform
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO.parent / "shared" / "data"
CONLL = "conll2003_dev.jsonl"
TARGET_F1 = 0.85

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from briefing.evaluate_actors import ActorEvalResult, run_actor_eval  # noqa: E402


def markdown(result: ActorEvalResult) -> str:
    """The result as a Markdown table: one row per averaging, typed and untyped."""
    rows = [
        "| averaging | precision | recall | F1 |",
        "|---|---:|---:|---:|",
    ]
    for label, s in (
        ("macro, typed", result.macro),
        ("micro, typed", result.micro),
        ("macro, untyped", result.macro_untyped),
        ("micro, untyped", result.micro_untyped),
    ):
        rows.append(f"| {label} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)

    data = args.data_dir / CONLL
    if not data.is_file():
        print(f"error: {data}: not found; pass --data-dir", file=sys.stderr)
        return 2
    print(f"evaluating key actors on {data} ...", file=sys.stderr, flush=True)
    result = run_actor_eval(data, limit=args.limit)
    print(result.format_table())
    print()
    print(markdown(result))
    print()
    verdict = "PASS" if result.macro.f1 >= TARGET_F1 else "below target"
    print(
        f"target: macro F1 (typed) >= {TARGET_F1}: {result.macro.f1:.3f} ({verdict}); "
        f"{result.docs_per_second:.1f} docs/s on {platform.machine()} with "
        f"Python {platform.python_version()}"
    )
    if args.show_errors:
        print()
        print(result.format_errors())
    return 0


if __name__ == "__main__":
    sys.exit(main())
