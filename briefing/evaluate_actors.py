"""Precision and recall of key actors against gold person and organisation names.

The data is JSONL, one document per line, as in CoNLL-2003 converted to records::

    {"id": "...", "article": "tokenised text, one sentence a line",
     "actors": [{"text": "Salem Bitar", "type": "PER"}, {"text": "FIFA", "type": "ORG"}, ...]}

Each article goes through the product's own stages (split, then the actor extractor with no
cap on the number of actors), so the figures say what a user gets. The text is detokenised
first (``Bitar 's goal`` → ``Bitar's goal``, ``( AP )`` → ``(AP)``), because a real article
is not tokenised and the tagger is trained on untokenised text; nothing else is changed.

Matching is alias-aware:

* gold names that are aliases of one another are one gold actor: equal up to case and
  punctuation, one a token suffix of the other ("Bitar", "Salem Bitar"; only when the short
  name fits exactly one longer one), a company with and without its legal form ("Ahold",
  "Ahold NV"), or one the acronym of the other ("PLO");
* a predicted actor (canonical name plus aliases) matches a gold actor when any of its names
  equals any of the gold actor's names, compared case-insensitively with punctuation and
  whitespace normalised;
* predicted actors and gold actors are paired one to one (a maximum bipartite matching).

Only predicted *person* (PER) and *organisation* (ORG) actors count. The typed figures
require the kinds to agree (a PER predicted as ORG is both a false positive and a false
negative); the untyped figures ignore the kind. Precision, recall and F1 are computed per
document and macro-averaged; micro figures pool the counts of all documents. A document with
no gold actor and no prediction scores 1; with no gold actor but predictions, F1 0.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import InputError, UsageError
from briefing.extract.gazetteer import words

KIND_TO_TYPE: dict[str, str] = {"person": "PER", "organisation": "ORG"}
TYPES: tuple[str, ...] = ("PER", "ORG")

__all__ = [
    "ActorEvalResult",
    "ActorRecord",
    "DocScore",
    "GoldActor",
    "Predicted",
    "Scores",
    "collapse_gold",
    "detokenize",
    "load_actor_records",
    "normalize_name",
    "predict_actors",
    "run_actor_eval",
    "score_document",
]


# --- records ----------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldActor:
    """One gold actor: the names that refer to it and its type(s) (``PER``/``ORG``)."""

    names: tuple[str, ...]
    types: frozenset[str]

    @property
    def name(self) -> str:
        """The longest name, used in reports."""
        return max(self.names, key=lambda n: (len(n.split()), len(n)))


@dataclass(frozen=True)
class ActorRecord:
    """A document with its gold actors (already collapsed). ``input`` is ``path:line``."""

    id: str
    article: str
    gold: tuple[GoldActor, ...]
    input: str


@dataclass(frozen=True)
class Predicted:
    """A predicted actor as the scorer sees it: its names and its type (``PER``/``ORG``)."""

    name: str
    aliases: tuple[str, ...]
    type: str

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 (each 0-1)."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def from_counts(cls, tp: int, predicted: int, gold: int) -> Scores:
        """The scores of ``tp`` true positives among ``predicted`` and ``gold`` items."""
        precision = tp / predicted if predicted else 1.0
        recall = tp / gold if gold else 1.0
        return cls(precision, recall, _f1(precision, recall))

    @classmethod
    def mean(cls, scores: Sequence[Scores]) -> Scores:
        """The macro average of ``scores`` (each metric averaged on its own)."""
        n = max(1, len(scores))
        return cls(
            sum(s.precision for s in scores) / n,
            sum(s.recall for s in scores) / n,
            sum(s.f1 for s in scores) / n,
        )

    def to_dict(self) -> dict[str, float]:
        """``{"precision", "recall", "f1"}``, rounded to 4 decimals."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class DocScore:
    """The score of one document, with the errors behind it.

    ``false_positives`` and ``false_negatives`` are the typed errors (a kind mismatch shows in
    both, and in ``type_errors`` as ``"name: predicted PER, gold ORG"``).
    """

    id: str
    gold: int
    predicted: int
    true_positives: int
    true_positives_untyped: int
    false_positives: tuple[str, ...] = ()
    false_negatives: tuple[str, ...] = ()
    type_errors: tuple[str, ...] = ()
    failed: str | None = None

    @property
    def typed(self) -> Scores:
        """Scores that require the predicted kind to match the gold type."""
        return Scores.from_counts(self.true_positives, self.predicted, self.gold)

    @property
    def untyped(self) -> Scores:
        """Scores that ignore PER/ORG confusions."""
        return Scores.from_counts(self.true_positives_untyped, self.predicted, self.gold)


@dataclass(frozen=True)
class ActorEvalResult:
    """The outcome of :func:`run_actor_eval`.

    ``seconds`` counts splitting, parsing and actor extraction (the spaCy model's loading is
    timed apart, in ``load_seconds``).
    """

    data: str
    docs: tuple[DocScore, ...]
    seconds: float
    load_seconds: float = 0.0
    per_type: dict[str, Scores] = field(default_factory=dict)

    @property
    def macro(self) -> Scores:
        """Typed precision, recall and F1 averaged over documents."""
        return Scores.mean([d.typed for d in self.docs])

    @property
    def micro(self) -> Scores:
        """Typed precision, recall and F1 over the pooled counts of all documents."""
        return Scores.from_counts(
            sum(d.true_positives for d in self.docs),
            sum(d.predicted for d in self.docs),
            sum(d.gold for d in self.docs),
        )

    @property
    def macro_untyped(self) -> Scores:
        """Untyped precision, recall and F1 averaged over documents."""
        return Scores.mean([d.untyped for d in self.docs])

    @property
    def micro_untyped(self) -> Scores:
        """Untyped precision, recall and F1 over the pooled counts of all documents."""
        return Scores.from_counts(
            sum(d.true_positives_untyped for d in self.docs),
            sum(d.predicted for d in self.docs),
            sum(d.gold for d in self.docs),
        )

    @property
    def docs_per_second(self) -> float:
        """Documents split, parsed and searched for actors per second."""
        return len(self.docs) / max(self.seconds, 1e-9)

    @property
    def failed(self) -> tuple[DocScore, ...]:
        """Documents the pipeline could not process (they score as if nothing was found)."""
        return tuple(d for d in self.docs if d.failed)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form of the result, per-document scores included."""
        return {
            "data": self.data,
            "docs": len(self.docs),
            "gold_actors": sum(d.gold for d in self.docs),
            "predicted_actors": sum(d.predicted for d in self.docs),
            "typed": {"macro": self.macro.to_dict(), "micro": self.micro.to_dict()},
            "untyped": {
                "macro": self.macro_untyped.to_dict(),
                "micro": self.micro_untyped.to_dict(),
            },
            "per_type": {t: s.to_dict() for t, s in self.per_type.items()},
            "docs_per_second": round(self.docs_per_second, 2),
            "seconds": round(self.seconds, 3),
            "load_seconds": round(self.load_seconds, 3),
            "per_doc": [
                {
                    "id": d.id,
                    "gold": d.gold,
                    "predicted": d.predicted,
                    "true_positives": d.true_positives,
                    "true_positives_untyped": d.true_positives_untyped,
                    **d.typed.to_dict(),
                    "false_positives": list(d.false_positives),
                    "false_negatives": list(d.false_negatives),
                    "type_errors": list(d.type_errors),
                    **({"failed": d.failed} if d.failed else {}),
                }
                for d in self.docs
            ],
        }

    def format_table(self) -> str:
        """The result as the plain-text block ``briefing eval-actors`` prints."""
        gold = sum(d.gold for d in self.docs)
        predicted = sum(d.predicted for d in self.docs)
        lines = [
            f"key actors (person + organisation) on {self.data}",
            f"{len(self.docs)} documents, {gold} gold actors (aliases collapsed), "
            f"{predicted} predicted ({len(self.failed)} failed)",
            "",
            f"{'':<16}{'precision':>10}{'recall':>8}{'F1':>8}",
        ]
        rows = [
            ("macro, typed", self.macro),
            ("micro, typed", self.micro),
            ("macro, untyped", self.macro_untyped),
            ("micro, untyped", self.micro_untyped),
        ]
        rows += [(f"micro, {t} only", s) for t, s in self.per_type.items()]
        for label, s in rows:
            lines.append(f"{label:<16}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>8.3f}")
        lines += [
            "",
            f"speed: {self.docs_per_second:.1f} docs/s (split + parse + actors, "
            f"{self.seconds:.2f} s; model load {self.load_seconds:.2f} s)",
        ]
        for d in self.failed[:5]:
            lines.append(f"failed: {d.id}: {d.failed}")
        return "\n".join(lines)

    def format_errors(self) -> str:
        """False positives and negatives per document, for error analysis."""
        blocks: list[str] = []
        for d in self.docs:
            if not (d.false_positives or d.false_negatives or d.failed):
                continue
            lines = [f"{d.id}: F1 {d.typed.f1:.3f} (gold {d.gold}, predicted {d.predicted})"]
            if d.failed:
                lines.append(f"  failed: {d.failed}")
            if d.false_positives:
                lines.append("  FP: " + "; ".join(d.false_positives))
            if d.false_negatives:
                lines.append("  FN: " + "; ".join(d.false_negatives))
            if d.type_errors:
                lines.append("  type: " + "; ".join(d.type_errors))
            blocks.append("\n".join(lines))
        return "\n".join(blocks)


# --- names ------------------------------------------------------------------------------

_PUNCT = re.compile(r"[^\w\s]")
_POSSESSIVE = re.compile(r"(?:'s|')$")
_ACRONYM_STOPWORDS = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "&"})
_COMPANY_FORMS = words(
    "inc corp co ltd plc llc lp llp sa ag nv bv gmbh spa ab asa oy oyj kk tbk bhd pty and"
)


def normalize_name(text: str) -> str:
    """``text`` as compared: lower case, accents, dots and apostrophes dropped, other
    punctuation as spaces, whitespace collapsed ("U.S." → "us", "al-Boushi" → "al boushi")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("’", "'").strip()
    text = _POSSESSIVE.sub("", text)
    text = text.replace(".", "").replace("'", "")
    return " ".join(_PUNCT.sub(" ", text).split())


def _is_acronym_of(short: str, long: str) -> bool:
    """Whether normalised ``short`` is the initials of normalised ``long`` ("plo")."""
    words = [w for w in long.split() if w not in _ACRONYM_STOPWORDS]
    return (
        " " not in short
        and len(short) >= 2
        and len(words) >= 2
        and short == "".join(w[0] for w in words)
    )


def _aliases(short: str, long: str) -> bool:
    """Whether normalised ``short`` is an alias of the longer ``long``: its token suffix (a
    surname), the company without its legal form ("ahold" for "ahold nv"), or its acronym."""
    s, lo = short.split(), long.split()
    if len(s) >= len(lo):
        return False
    if lo[-len(s) :] == s:
        return True
    if lo[: len(s)] == s and all(w in _COMPANY_FORMS for w in lo[len(s) :]):
        return True
    return _is_acronym_of(short, long)


def collapse_gold(actors: Iterable[tuple[str, str]]) -> tuple[GoldActor, ...]:
    """Group gold ``(name, type)`` pairs into actors, merging names that are aliases.

    Equal names (up to case and punctuation) are one actor. A shorter name joins a longer one
    when it is its token suffix ("Bitar" → "Salem Bitar"), the same company without its legal
    form ("Ahold" → "Ahold NV") or its acronym, and only when exactly one longer name fits,
    so two people who share a surname stay apart.
    """
    groups: dict[str, tuple[list[str], set[str]]] = {}
    for name, type_ in actors:
        key = normalize_name(name)
        if not key:
            continue
        names, types = groups.setdefault(key, ([], set()))
        if name not in names:
            names.append(name)
        types.add(type_)
    # Longest first, so that a short name finds its long one already in place.
    keys = sorted(groups, key=lambda k: (-len(k.split()), k))
    parent: dict[str, str] = {k: k for k in keys}
    for short in keys:
        longer = [k for k in keys if len(k) > len(short) and _aliases(short, k)]
        roots = {_root(parent, k) for k in longer}
        if len(roots) == 1:
            parent[short] = roots.pop()
    merged: dict[str, tuple[list[str], set[str]]] = {}
    for key in keys:
        names, types = merged.setdefault(_root(parent, key), ([], set()))
        names.extend(groups[key][0])
        types |= groups[key][1]
    return tuple(GoldActor(tuple(n), frozenset(t)) for n, t in merged.values())


def _root(parent: dict[str, str], key: str) -> str:
    while parent[key] != key:
        key = parent[key]
    return key


# --- matching ---------------------------------------------------------------------------


def _matching(edges: Sequence[Sequence[int]], n_gold: int) -> dict[int, int]:
    """A maximum bipartite matching (Kuhn's augmenting paths): predicted index → gold index."""
    gold_of: dict[int, int] = {}  # gold -> predicted

    def augment(p: int, seen: set[int]) -> bool:
        for g in edges[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in gold_of or augment(gold_of[g], seen):
                gold_of[g] = p
                return True
        return False

    for p in range(len(edges)):
        augment(p, set())
    return {p: g for g, p in gold_of.items()}


def score_document(
    doc_id: str, predicted: Sequence[Predicted], gold: Sequence[GoldActor]
) -> DocScore:
    """Score one document's predicted actors against its (collapsed) gold actors."""
    gold_names = [{normalize_name(n) for n in g.names} for g in gold]
    untyped_edges: list[list[int]] = []
    typed_edges: list[list[int]] = []
    for p in predicted:
        names = {normalize_name(n) for n in p.names} - {""}
        fits = [k for k, g in enumerate(gold_names) if names & g]
        untyped_edges.append(fits)
        typed_edges.append([k for k in fits if p.type in gold[k].types])
    typed = _matching(typed_edges, len(gold))
    untyped = _matching(untyped_edges, len(gold))
    matched_gold = set(typed.values())
    false_positives = tuple(
        f"{p.name} ({p.type})" for k, p in enumerate(predicted) if k not in typed
    )
    false_negatives = tuple(
        f"{g.name} ({'/'.join(sorted(g.types))})"
        for k, g in enumerate(gold)
        if k not in matched_gold
    )
    type_errors = tuple(
        f"{predicted[p].name}: predicted {predicted[p].type}, "
        f"gold {'/'.join(sorted(gold[g].types))}"
        for p, g in untyped.items()
        if p not in typed and predicted[p].type not in gold[g].types
    )
    return DocScore(
        id=doc_id,
        gold=len(gold),
        predicted=len(predicted),
        true_positives=len(typed),
        true_positives_untyped=len(untyped),
        false_positives=false_positives,
        false_negatives=false_negatives,
        type_errors=type_errors,
    )


# --- reading records --------------------------------------------------------------------

_SPACE_BEFORE = re.compile(r" (?=[,.;:!?%)\]}]|'s\b|'S\b|n't\b|'m\b|'re\b|'ve\b|'ll\b|'d\b)")
_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def detokenize(text: str) -> str:
    """Undo CoNLL/PTB-style tokenisation, line by line: ``Bitar 's goal , he said .`` →
    ``Bitar's goal, he said.``; straight double quotes close up on their inner side."""
    lines = []
    for line in text.split("\n"):
        line = _SPACE_BEFORE.sub("", line)
        line = _SPACE_AFTER.sub(r"\1", line)
        parts = line.split('"')
        if len(parts) > 1:
            out = parts[0]
            for k, part in enumerate(parts[1:]):
                # an opening quote glues to the next word, a closing one to the previous word
                opening = k % 2 == 0
                out = out + '"' + part.lstrip(" ") if opening else out.rstrip(" ") + '"' + part
            line = out
        lines.append(line)
    return "\n".join(lines)


def load_actor_records(path: Path, *, limit: int | None = None) -> list[ActorRecord]:
    """Read JSONL records ``{id, article, actors: [{text, type}]}`` (``type`` PER or ORG).

    Gold actors of other types are ignored. A line that is not such a record raises
    :class:`InputError` naming ``path:line``.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(str(path), "no such file", "check the path") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory", "give a .jsonl file") from None
    except UnicodeDecodeError as e:
        raise InputError(
            str(path), f"not UTF-8 text ({e.reason})", "give a UTF-8 JSONL file"
        ) from None
    except OSError as e:
        raise InputError(str(path), e.strerror or str(e)) from None

    records: list[ActorRecord] = []
    fix = 'write {"id": ..., "article": ..., "actors": [{"text": ..., "type": "PER"}]} per line'
    for number, line in enumerate(lines, start=1):
        if limit is not None and len(records) >= limit:
            break
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(where, f"not valid JSON ({e.msg})", fix) from None
        if not isinstance(obj, dict):
            raise InputError(where, f"expected a JSON object, got {type(obj).__name__}", fix)
        article = obj.get("article", obj.get("text"))
        if not isinstance(article, str) or not article.strip():
            raise InputError(where, "missing or empty 'article'", fix)
        actors = obj.get("actors")
        if not isinstance(actors, list) or not all(
            isinstance(a, dict)
            and isinstance(a.get("text"), str)
            and isinstance(a.get("type"), str)
            for a in actors
        ):
            raise InputError(where, "missing or malformed 'actors'", fix)
        pairs = [(a["text"], a["type"].upper()) for a in actors if a["type"].upper() in TYPES]
        records.append(
            ActorRecord(
                id=str(obj.get("id", where)),
                article=article,
                gold=collapse_gold(pairs),
                input=where,
            )
        )
    return records


# --- running ----------------------------------------------------------------------------


def predict_actors(
    records: Sequence[ActorRecord],
) -> tuple[list[list[Predicted] | str], float, float]:
    """Run split and actor extraction (no cap) on every record's detokenised article.

    Returns, per record, its predicted person and organisation actors (or the reason it
    failed), then the seconds spent loading the model and the seconds spent extracting.
    """
    from briefing.errors import ArticleError
    from briefing.extract.actors import find_actors
    from briefing.extract.nlp import get_nlp, parse_many
    from briefing.models import Article, Document
    from briefing.split import split

    start = time.perf_counter()
    nlp = get_nlp()
    load_seconds = time.perf_counter() - start

    start = time.perf_counter()
    documents: list[Document] = []
    outcome: list[list[Predicted] | str] = []
    slots: list[int] = []
    for record in records:
        article = Article(id=record.id, text=detokenize(record.article), input=record.input)
        try:
            documents.append(split(article))
        except ArticleError as e:
            outcome.append(e.reason)
            continue
        slots.append(len(outcome))
        outcome.append([])
    for slot, parsed in zip(slots, parse_many(documents, nlp), strict=True):
        index = find_actors(parsed, limit=None)
        outcome[slot] = [
            Predicted(a.name, a.aliases, KIND_TO_TYPE[a.kind])
            for a in index.actors
            if a.kind in KIND_TO_TYPE
        ]
    return outcome, load_seconds, time.perf_counter() - start


def run_actor_eval(path: Path | str, *, limit: int | None = None) -> ActorEvalResult:
    """Evaluate key actors on the JSONL file at ``path`` (the first ``limit`` records)."""
    path = Path(path)
    if limit is not None and limit < 1:
        raise UsageError(f"--limit must be 1 or more, got {limit}")
    records = load_actor_records(path, limit=limit)
    if not records:
        raise UsageError(f"{path}: no records to evaluate")
    predictions, load_seconds, seconds = predict_actors(records)
    docs: list[DocScore] = []
    pooled: dict[str, list[int]] = {t: [0, 0, 0] for t in TYPES}
    for record, predicted in zip(records, predictions, strict=True):
        if isinstance(predicted, str):
            for t in TYPES:
                pooled[t][2] += sum(1 for g in record.gold if t in g.types)
            score = score_document(record.id, [], record.gold)
            docs.append(
                DocScore(score.id, score.gold, 0, 0, 0, (), score.false_negatives, (), predicted)
            )
            continue
        docs.append(score_document(record.id, predicted, record.gold))
        for t in TYPES:
            mine = [p for p in predicted if p.type == t]
            theirs = [g for g in record.gold if t in g.types]
            typed = score_document(record.id, mine, theirs)
            pooled[t][0] += typed.true_positives
            pooled[t][1] += typed.predicted
            pooled[t][2] += typed.gold
    return ActorEvalResult(
        data=str(path),
        docs=tuple(docs),
        seconds=seconds,
        load_seconds=load_seconds,
        per_type={t: Scores.from_counts(*counts) for t, counts in pooled.items()},
    )
