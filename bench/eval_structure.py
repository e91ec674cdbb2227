"""Score actors, agreements and quotes against the hand-labelled gold set in ``bench/gold/``.

Each gold file names an article of ``../shared/data/`` (``dataset`` is the JSONL file's stem,
``id`` the record). The article goes through the product's own stages, as ``briefing build``
runs them: ingest (the JSONL record) → clean → split → summarise (the default summariser
unless ``--summarizer``) → extract → assemble. The story's actors, agreements and quotes are
then compared with the labels (:mod:`briefing.evaluate_structure` says how).

    python bench/eval_structure.py                  # the table
    python bench/eval_structure.py --errors         # and every mismatch, article by article
    python bench/eval_structure.py --only bbc-business-469 --errors
    python bench/eval_structure.py --split batch-3   # one labelling batch
    python bench/eval_structure.py --split batch-8   # the blind test set, scored on purpose

Each gold file says which labelling ``split`` it belongs to. ``batch-1`` articles were used
while the rules were written. ``batch-2`` articles were labelled after that and scored once
before any rule changed for them; that first score is recorded in ``bench/gold/README.md``.
``batch-8`` is the blind test set: it is left out of every run unless ``--split batch-8`` or
``--include-blind`` asks for it (``BLIND_SPLITS`` below says what has been read of each
earlier batch). The table covers all articles scored,
then each batch.

Data comes from ``--data-dir`` (default ``../shared/data`` beside the repository); it is never
copied into the repository. The table goes to stdout, progress to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO.parent / "shared" / "data"
DEFAULT_GOLD_DIR = REPO / "bench" / "gold"

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from briefing.errors import BriefingError  # noqa: E402
from briefing.evaluate_structure import (  # noqa: E402
    ArticleScore,
    GoldArticle,
    StructureScores,
    load_gold,
    markdown_report,
    score_article,
)
from briefing.ingest import parse_bytes  # noqa: E402
from briefing.models import Article  # noqa: E402
from briefing.pipeline import BuildOptions, Pipeline  # noqa: E402

# Labelled last and kept out of every run that does not ask for it, so that their scores stay
# figures for articles no rule was written for. (batch-4 was the blind set until it had been
# scored, before and after one session's rules; it is a development batch since, and so is
# batch-5, whose errors were first read after its third blind score. batch-6's and batch-7's
# errors were read after their blind scores (batch-7's in the fifth session, after four
# scores), so they are development batches too. batch-8 is blind for everything: ``BLIND``,
# the one bench/agreement_sentences.py tests on.)
BLIND_SPLITS = frozenset({"batch-8"})
BLIND = "batch-8"


def log(message: str) -> None:
    """Progress on stderr, so stdout holds only the table."""
    print(message, file=sys.stderr, flush=True)


def load_articles(data_dir: Path, gold: list[GoldArticle]) -> dict[str, Article]:
    """The gold articles' records, read from their datasets and ingested as the CLI would."""
    wanted: dict[str, set[str]] = {}
    for g in gold:
        wanted.setdefault(g.dataset, set()).add(g.id)
    articles: dict[str, Article] = {}
    for dataset, ids in sorted(wanted.items()):
        path = data_dir / f"{dataset}.jsonl"
        if not path.is_file():
            raise BriefingError(f"{path}: no such file; pass --data-dir with the shared data")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            record = json.loads(line)
            if record.get("id") not in ids:
                continue
            # Only the text and the id go in: the reference summary must not help.
            clean = {"id": record["id"], "article": record["article"]}
            items = parse_bytes(json.dumps(clean).encode("utf-8"), f"{path}:{number}", "json")
            article = items[0]
            if not isinstance(article, Article):
                raise BriefingError(f"{path}:{number}: {article.reason}")
            articles[record["id"]] = article
    missing = sorted({g.id for g in gold} - set(articles))
    if missing:
        raise BriefingError(f"gold articles not found in {data_dir}: {', '.join(missing)}")
    return articles


def run(gold: list[GoldArticle], articles: dict[str, Article], summarizer: str) -> StructureScores:
    """Build each gold article's story and score it."""
    pipeline = Pipeline(BuildOptions(summarizer=summarizer))
    scores: list[ArticleScore] = []
    for g in gold:
        story = pipeline.story(articles[g.id])
        scores.append(score_article(g, story))
    return StructureScores(tuple(scores))


def main(argv: list[str] | None = None) -> int:
    """Parse options, score, print; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold-dir", type=Path, default=DEFAULT_GOLD_DIR)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--summarizer", default="", help="registry name (default: the default)")
    parser.add_argument("--only", action="append", default=[], help="score only this id")
    parser.add_argument("--split", help="score only this labelling batch (batch-1, batch-2)")
    parser.add_argument("--errors", action="store_true", help="list every mismatch")
    parser.add_argument(
        "--include-blind",
        action="store_true",
        help="also score the blind test sets (batch-6, batch-7); --split NAME scores one alone",
    )
    args = parser.parse_args(argv)
    try:
        gold = load_gold(args.gold_dir)
        if args.only:
            gold = [g for g in gold if g.id in set(args.only)]
        if args.split:
            gold = [g for g in gold if g.split == args.split]
        elif not args.include_blind and not args.only:
            # The blind batch is scored on purpose, never as a side effect of tuning runs.
            gold = [g for g in gold if g.split not in BLIND_SPLITS]
        if not gold:
            raise BriefingError(f"{args.gold_dir}: no gold files to score")
        articles = load_articles(args.data_dir, gold)
        log(f"scoring {len(gold)} articles ...")
        started = time.perf_counter()
        scores = run(gold, articles, args.summarizer)
        log(f"done in {time.perf_counter() - started:.1f} s")
    except BriefingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    if args.errors:
        for article in scores.articles:
            if article.notes:
                print(f"## {article.id}")
                for note in article.notes:
                    print(f"- {note}")
                print()
    print(markdown_report(scores))
    splits = sorted({a.split for a in scores.articles})
    if len(splits) > 1:
        for split in splits:
            print(f"\n### Split: {split}\n")
            print(markdown_report(scores.only(split)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
