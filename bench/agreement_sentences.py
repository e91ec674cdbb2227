"""Which sentences report an agreement: the rules against simple learned baselines, held out.

An experiment for issue 4, not a product stage. The hand-written agreement rules score well on
the gold batches they were written from and poorly on blind ones (``bench/RESULTS.md``). This
script asks whether a method that learns from the labels would carry over better, with every
figure held out: leave one gold batch out, train on the others, score the one left out, and
pool the held-out predictions. Unit: the sentences of the gold articles as the product splits
them; a sentence is positive when a gold agreement's ``sentence`` is in it
(``evaluate_structure.overlaps``).

Systems: ``rules`` (the sentences the product's agreements cite), ``lexicon`` (a sentence
outside quotation marks with an agreement word: deal, agreement, contract, treaty, accord,
pact, settlement, takeover, merger, bid, offer, pledge, or the verbs agree, sign, seal, strike a
deal), ``logreg`` (logistic regression on word and word-pair counts, L2, trained with numpy on
the training batches), and ``rules+logreg`` (either says yes).

    python bench/agreement_sentences.py            # batches 1-5, leave one batch out
    python bench/agreement_sentences.py --blind    # also: train on 1-7, test once on batch-8

Data comes from ``--data-dir`` (default ``../shared/data``); labels from ``bench/gold/``.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.eval_structure import (  # noqa: E402
    BLIND,
    BLIND_SPLITS,
    DEFAULT_DATA_DIR,
    DEFAULT_GOLD_DIR,
    load_articles,
)
from briefing.evaluate_structure import load_gold, overlaps  # noqa: E402
from briefing.pipeline import BuildOptions, Pipeline  # noqa: E402

_LEXICON = re.compile(
    r"\b(?:deals?|agreements?|contracts?|treat(?:y|ies)|accords?|pacts?|settlements?|takeovers?|"
    r"mergers?|bids?|offers?|pledge[sd]?|agree[sd]?|agreeing|sign(?:s|ed|ing)?|seal(?:s|ed)?|"
    r"str(?:ike|uck) a deal)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_TOKEN = re.compile(r"[a-z]+|\d+")


@dataclass(frozen=True)
class Row:
    """One sentence of a gold article."""

    split: str
    text: str
    gold: bool
    rules: bool


def rows_for(gold_dir: Path, data_dir: Path, splits: set[str]) -> list[Row]:
    """Every sentence of the gold articles in ``splits``, labelled and with the rules' answer."""
    gold = [g for g in load_gold(gold_dir) if g.split in splits]
    articles = load_articles(data_dir, gold)
    pipeline = Pipeline(BuildOptions())
    rows: list[Row] = []
    for g in gold:
        story = pipeline.story(articles[g.id])
        texts = story.source_sentences[0]
        cited = {a.citation.sentence for a in story.agreements}
        for i, text in enumerate(texts):
            positive = any(overlaps(a.sentence, text) for a in g.agreements)
            rows.append(Row(g.split, text, positive, i in cited))
    return rows


def features(text: str) -> list[str]:
    """Words and word pairs outside quotation marks, plus a mark for quoted words."""
    bare = _QUOTED.sub(" QUOTED ", text)
    words = _TOKEN.findall(bare.lower())
    return words + [f"{a}_{b}" for a, b in itertools.pairwise(words)]


def train(rows: list[Row], l2: float = 1.0, steps: int = 300) -> tuple[dict[str, int], np.ndarray]:
    """Logistic regression by gradient descent: the vocabulary and the weights (last: bias)."""
    counts = Counter(f for r in rows for f in set(features(r.text)))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= 2))}
    x = matrix(rows, vocab)
    y = np.array([r.gold for r in rows], dtype=float)
    w = np.zeros(x.shape[1])
    positive = max(1.0, y.sum())
    # Positives are rare: weight them up to balance the classes.
    weight = np.where(y > 0, (len(y) - positive) / positive, 1.0)
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ ((p - y) * weight) / len(y) + l2 * np.r_[w[:-1], 0] / len(y)
        w -= 0.5 * grad
    return vocab, w


def matrix(rows: list[Row], vocab: dict[str, int]) -> np.ndarray:
    """Binary features, one row per sentence, a bias column last."""
    x = np.zeros((len(rows), len(vocab) + 1))
    for n, r in enumerate(rows):
        for f in features(r.text):
            i = vocab.get(f)
            if i is not None:
                x[n, i] = 1.0
    x[:, -1] = 1.0
    return x


def score(name: str, gold: list[bool], said: list[bool]) -> str:
    """A Markdown row: precision, recall, F1 and counts."""
    tp = sum(g and s for g, s in zip(gold, said, strict=True))
    p = tp / max(1, sum(said))
    r = tp / max(1, sum(gold))
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"| {name} | {100 * p:.1f} | {100 * r:.1f} | {100 * f:.1f} | {tp} / {sum(said)} / {sum(gold)} |"


def report(title: str, test: list[Row], learned: list[bool]) -> None:
    """Print one table for ``test`` rows."""
    gold = [r.gold for r in test]
    print(f"\n### {title}\n")
    print("| system | precision | recall | F1 | right / said / gold |")
    print("|---|---:|---:|---:|---|")
    print(score("rules", gold, [r.rules for r in test]))
    lexicon = [bool(_LEXICON.search(_QUOTED.sub(" ", r.text))) for r in test]
    print(score("lexicon", gold, lexicon))
    print(score("logreg", gold, learned))
    print(
        score(
            "rules+logreg",
            gold,
            [a or b for a, b in zip(learned, (r.rules for r in test), strict=True)],
        )
    )


def predict(train_rows: list[Row], test_rows: list[Row]) -> list[bool]:
    """Train on ``train_rows``, say yes or no for each of ``test_rows``."""
    vocab, w = train(train_rows)
    return [bool(v > 0) for v in matrix(test_rows, vocab) @ w]


def main(argv: list[str] | None = None) -> int:
    """Leave one batch out over the development batches (and, asked, test once on the blind)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold-dir", type=Path, default=DEFAULT_GOLD_DIR)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--blind", action="store_true", help=f"also test on {BLIND}")
    args = parser.parse_args(argv)
    splits = {g.split for g in load_gold(args.gold_dir)} - BLIND_SPLITS
    rows = rows_for(args.gold_dir, args.data_dir, splits)
    held: dict[int, bool] = {}
    for split in sorted(splits):
        test = [n for n, r in enumerate(rows) if r.split == split]
        said = predict([r for r in rows if r.split != split], [rows[n] for n in test])
        held.update(zip(test, said, strict=True))
    pooled = [held[n] for n in range(len(rows))]
    report(
        f"Leave one batch out over {', '.join(sorted(splits))} ({len(rows)} sentences)",
        rows,
        pooled,
    )
    for split in sorted(splits):
        part = [n for n, r in enumerate(rows) if r.split == split]
        report(f"held out: {split}", [rows[n] for n in part], [pooled[n] for n in part])
    if args.blind:
        blind = rows_for(args.gold_dir, args.data_dir, {BLIND})
        report(
            f"Trained on all of them, tested on {BLIND} ({len(blind)} sentences)",
            blind,
            predict(rows, blind),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
