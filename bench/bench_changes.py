"""Benchmark --previous story matching (briefing.changes) on stories built from BBC articles.

Yesterday's briefing: one story per article, headline its first sentence, summary its next
three. Today: for the same articles, another write-up of the same event (headline a later
sentence of the article, summary the human reference summary), matched by text only (no
shared URL or id, the hard case); and stories from other articles, which must stay unmatched.

The BBC set files some reports twice (the same first sentence); an "other" article whose first
eight words equal those of a previous article is the same report and counted as a right match.

Printed for each threshold: the share of same-event stories matched to the right story, the
share matched to a wrong one, and the share of other-article stories wrongly matched.

    python bench/bench_changes.py                 # 400 previous stories
    python bench/bench_changes.py --limit 1000

Data comes from ``--data-dir`` (default ``../shared/data`` beside the repository).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from briefing.changes import SAME_STORY, PreviousBriefing, PreviousStory, match_stories
from briefing.models import Source, Story, SummaryLine

ROOT = Path(__file__).resolve().parent.parent


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    return [s for s in parts if len(s) > 20]


def key(text: str) -> str:
    return " ".join(text.lower().split()[:8])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=400)
    args = parser.parse_args()
    path = args.data_dir / "bbc_news_summary.jsonl"
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    # Every other article is yesterday's; the ones between are today's other stories.
    mine = [r for r in records[0::2] if len(sentences(r["article"])) >= 8][: args.limit]
    others = [r for r in records[1::2] if len(sentences(r["article"])) >= 4][: args.limit]

    previous = PreviousBriefing(
        "bbc",
        "2026-11-27",
        tuple(
            PreviousStory(r["id"], s[0], tuple(s[1:4]), (), (), frozenset(), frozenset())
            for r in mine
            for s in [sentences(r["article"])]
        ),
    )
    same = [
        Story(
            r["id"],
            sentences(r["article"])[5],
            tuple(SummaryLine(t, ()) for t in sentences(r["summary"])[:3]),
            (Source(f"today-{r['id']}", None, None, None, None),),
        )
        for r in mine
    ]
    other = [
        Story(
            r["id"],
            s[0],
            tuple(SummaryLine(t, ()) for t in s[1:4]),
            (Source(f"today-{r['id']}", None, None, None, None),),
        )
        for r in others
        for s in [sentences(r["article"])]
    ]
    first_words = {key(p.headline): i for i, p in enumerate(previous.stories)}
    print(f"{len(previous.stories)} previous stories, {len(same)} rewrites, {len(other)} others")
    print("threshold  rewrites right  rewrites wrong  others matched  seconds")
    for threshold in sorted({0.3, 0.35, SAME_STORY, 0.5}):
        start = time.perf_counter()
        found = match_stories(same, previous, threshold)
        found_other = match_stories(other, previous, threshold)
        seconds = time.perf_counter() - start
        right = sum(1 for i, m in enumerate(found) if m == i)
        wrong = sum(1 for i, m in enumerate(found) if m is not None and m != i)
        false = sum(
            1
            for story, m in zip(other, found_other, strict=True)
            if m is not None and first_words.get(key(story.headline)) != m
        )
        mark = " (default)" if threshold == SAME_STORY else ""
        print(
            f"{threshold:<9}  {right / len(same):>14.1%}  {wrong / len(same):>14.1%}  "
            f"{false / len(other):>14.1%}  {seconds:>7.2f}{mark}"
        )


if __name__ == "__main__":
    main()
