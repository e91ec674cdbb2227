"""Scoring the extract stage against hand-written gold labels: actors, agreements, quotes.

Gold labels are JSON files, one per article (the format and the labelling guideline are in
``bench/gold/README.md``)::

    {"id": "...", "dataset": "cnndm_dev",
     "actors": [{"name", "kind", "role", "aliases": [...]}],
     "agreements": [{"parties": [...], "action", "status", "object", "sentence"}],
     "quotes": [{"text", "speaker"}]}

What counts as a match:

* **actors**: a listed actor matches a gold actor when its name or one of its aliases equals
  the gold name or one of the gold aliases (case, dots, a leading "the" and the kind of
  apostrophe ignored). Only the actors the system lists are scored, one-to-one.
* **agreements**: a predicted agreement matches a gold one when its sentence and the gold
  ``sentence`` overlap (one contains the other, or most words are shared). It matches "with
  parties" when, in addition, its parties are the gold parties: the same number, each
  predicted party matching a different gold party through the aliases on both sides.
* **quotes**: a gold quote is found when a predicted quote's text contains it, is contained
  in it, or shares most of its words. A predicted quote can cover several gold quotes, for
  example one quote over two paragraphs. The speaker is right when it matches the gold
  speaker through the aliases (both ``None`` counts as right; a gold list accepts any of
  its names).

Nothing here needs spaCy or the evaluation data: it compares records.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Protocol

from briefing.errors import InputError
from briefing.models import Actor, Agreement, Quote

__all__ = [
    "ArticleScore",
    "GoldActor",
    "GoldAgreement",
    "GoldArticle",
    "GoldQuote",
    "StructureScores",
    "load_gold",
    "markdown_report",
    "overlaps",
    "score_article",
]

# Share of the shorter text that two texts must have as one common stretch to count as the
# same sentence or quote when neither contains the other (Punkt and the labeller may cut a
# sentence differently).
OVERLAP = 0.6


@dataclass(frozen=True)
class GoldActor:
    """A key actor as labelled: its name, kind, role and the other names the article uses."""

    name: str
    kind: str
    role: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def forms(self) -> frozenset[str]:
        """Every name of the actor, as compared."""
        return frozenset(_key(n) for n in (self.name, *self.aliases))


@dataclass(frozen=True)
class GoldAgreement:
    """An agreement as labelled, with the sentence (or a part of it) that reports it."""

    parties: tuple[str, ...]
    action: str
    status: str
    sentence: str
    object: str | None = None


@dataclass(frozen=True)
class GoldQuote:
    """A quote as labelled: part of the quoted words and who said them."""

    text: str
    speakers: tuple[str, ...]  # () when the article names no speaker; any one is right


@dataclass(frozen=True)
class GoldArticle:
    """The labels of one article."""

    id: str
    dataset: str
    actors: tuple[GoldActor, ...]
    agreements: tuple[GoldAgreement, ...]
    quotes: tuple[GoldQuote, ...]
    path: str = ""
    split: str = ""  # which labelling batch the article belongs to (bench/gold/README.md)

    def forms(self, name: str) -> frozenset[str]:
        """The names of the gold actor called ``name`` (just ``name`` when none is)."""
        for actor in self.actors:
            if actor.name == name:
                return actor.forms
        return frozenset({_key(name)})


class _Listed(Protocol):
    """What is scored: a :class:`~briefing.models.Story` or an ``Extraction``."""

    @property
    def actors(self) -> tuple[Actor, ...]: ...

    @property
    def agreements(self) -> tuple[Agreement, ...]: ...

    @property
    def quotes(self) -> tuple[Quote, ...]: ...


# --- loading ----------------------------------------------------------------------------


def load_gold(directory: Path) -> list[GoldArticle]:
    """Every ``*.json`` gold file in ``directory``, sorted by file name.

    Raises :class:`InputError` naming the file when one is not valid gold.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(str(directory), "not a directory", "give the folder of gold files")
    return [_load_one(path) for path in sorted(directory.glob("*.json"))]


def _load_one(path: Path) -> GoldArticle:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not valid JSON ({exc.msg}, line {exc.lineno})") from None
    try:
        return _parse(data, str(path))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(
            str(path), f"not a gold file ({exc})", "see bench/gold/README.md for the format"
        ) from None


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise TypeError(f"{what} must be a string or a list of strings")


def _parse(data: Any, path: str) -> GoldArticle:
    if not isinstance(data, dict):
        raise TypeError("expected a JSON object")
    actors = tuple(
        GoldActor(
            name=str(a["name"]),
            kind=str(a["kind"]),
            role=a.get("role"),
            aliases=_strings(a.get("aliases"), "aliases"),
        )
        for a in data["actors"]
    )
    agreements = tuple(
        GoldAgreement(
            parties=_strings(g["parties"], "parties"),
            action=str(g["action"]),
            status=str(g["status"]),
            sentence=str(g["sentence"]),
            object=g.get("object"),
        )
        for g in data["agreements"]
    )
    quotes = tuple(
        GoldQuote(text=str(q["text"]), speakers=_strings(q.get("speaker"), "speaker"))
        for q in data["quotes"]
    )
    names = {a.name for a in actors}
    for agreement in agreements:
        for party in agreement.parties:
            if party not in names:
                raise ValueError(f"party {party!r} is not one of the actors")
    for quote in quotes:
        for speaker in quote.speakers:
            if speaker not in names:
                raise ValueError(f"speaker {speaker!r} is not one of the actors")
    return GoldArticle(
        id=str(data["id"]),
        dataset=str(data["dataset"]),
        actors=actors,
        agreements=agreements,
        quotes=quotes,
        path=path,
        split=str(data.get("split", "")),
    )


# --- comparing text ---------------------------------------------------------------------

_MARKS = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "`": "'"})


def _key(name: str) -> str:
    """A name as compared: lower case, no dots, one kind of apostrophe, no leading "the"."""
    text = name.translate(_MARKS).lower().replace(".", "")
    text = re.sub(r"'s$", "", text.strip())
    text = re.sub(r"\s+", " ", text).strip(" ,;:'\"")
    return re.sub(r"^the ", "", text)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_MARKS)).strip().lower()


def overlaps(a: str, b: str, share: float = OVERLAP) -> bool:
    """Whether two texts are the same stretch of the article.

    One contains the other, or they share one unbroken stretch of at least ``share`` of the
    shorter text (a sentence that Punkt cut elsewhere than the labeller did). Sharing many
    scattered words is not enough: two sentences of one article often do.
    """
    na, nb = _norm(a).strip(" .,'\""), _norm(b).strip(" .,'\"")
    if not na or not nb:
        return False
    if na in nb or nb in na:
        return True
    shorter, longer = (na, nb) if len(na) <= len(nb) else (nb, na)
    match = SequenceMatcher(None, shorter, longer, autojunk=False).find_longest_match(
        0, len(shorter), 0, len(longer)
    )
    return match.size >= share * len(shorter)


# --- scoring one article ----------------------------------------------------------------


@dataclass
class ArticleScore:
    """Counts for one article, and what went wrong, for reading the errors."""

    id: str
    split: str = ""
    actors_predicted: int = 0
    actors_predicted_not_places: int = 0
    actors_matched_not_places: int = 0
    actors_gold: int = 0
    actors_matched: int = 0
    agreements_predicted: int = 0
    agreements_gold: int = 0
    agreements_matched: int = 0  # same sentence
    agreements_with_parties: int = 0  # same sentence and the gold parties
    statuses_right: int = 0  # among agreements_matched
    quotes_predicted: int = 0
    quotes_gold: int = 0
    quotes_found: int = 0
    quotes_predicted_matched: int = 0
    speakers_right: int = 0  # among quotes_found
    notes: list[str] = field(default_factory=list)


def _predicted_forms(actors: Sequence[Actor]) -> dict[str, frozenset[str]]:
    return {a.name: frozenset(_key(n) for n in (a.name, *a.aliases)) for a in actors}


def _forms_of(name: str, predicted: dict[str, frozenset[str]]) -> frozenset[str]:
    return predicted.get(name, frozenset({_key(name)}))


def _parties_match(
    predicted_parties: Sequence[str],
    gold_parties: Sequence[str],
    gold: GoldArticle,
    predicted: dict[str, frozenset[str]],
) -> bool:
    if len(set(predicted_parties)) != len(set(gold_parties)):
        return False
    unused = list(dict.fromkeys(gold_parties))
    for party in dict.fromkeys(predicted_parties):
        forms = _forms_of(party, predicted)
        hit = next((g for g in unused if forms & gold.forms(g)), None)
        if hit is None:
            return False
        unused.remove(hit)
    return not unused


def _speaker_right(
    speaker: str | None,
    gold_quote: GoldQuote,
    gold: GoldArticle,
    predicted: dict[str, frozenset[str]],
) -> bool:
    if not gold_quote.speakers:
        return speaker is None
    if speaker is None:
        return False
    forms = _forms_of(speaker, predicted)
    return any(forms & gold.forms(s) for s in gold_quote.speakers)


def _one_to_one(pairs: Iterable[tuple[tuple[int, ...], int, int]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of (score, predicted, gold) pairs, best score first."""
    taken_p: set[int] = set()
    taken_g: set[int] = set()
    chosen: list[tuple[int, int]] = []
    for _, p, g in sorted(pairs, key=lambda x: (tuple(-s for s in x[0]), x[1], x[2])):
        if p in taken_p or g in taken_g:
            continue
        taken_p.add(p)
        taken_g.add(g)
        chosen.append((p, g))
    return chosen


def score_article(gold: GoldArticle, listed: _Listed) -> ArticleScore:
    """Compare what the system lists for one article (a story or an extraction) with gold."""
    score = ArticleScore(gold.id, gold.split)
    predicted = _predicted_forms(listed.actors)

    # actors
    score.actors_predicted = len(listed.actors)
    score.actors_gold = len(gold.actors)
    actor_pairs = [
        ((1,), p, g)
        for p, actor in enumerate(listed.actors)
        for g, gold_actor in enumerate(gold.actors)
        if predicted[actor.name] & gold_actor.forms
    ]
    matched = _one_to_one(actor_pairs)
    score.actors_matched = len(matched)
    # A diagnostic: the same without the places the system lists (cities, venues, regions),
    # which the guideline never counts as key actors.
    score.actors_predicted_not_places = sum(1 for a in listed.actors if a.kind != "place")
    score.actors_matched_not_places = sum(1 for p, _ in matched if listed.actors[p].kind != "place")
    hit_p = {p for p, _ in matched}
    hit_g = {g for _, g in matched}
    for p, actor in enumerate(listed.actors):
        if p not in hit_p:
            score.notes.append(f"actor not in gold: {actor.name} ({actor.kind})")
    for g, gold_actor in enumerate(gold.actors):
        if g not in hit_g:
            score.notes.append(f"actor missed: {gold_actor.name}")

    # agreements
    score.agreements_predicted = len(listed.agreements)
    score.agreements_gold = len(gold.agreements)
    same: list[tuple[int, int, bool, bool]] = []
    for p, agreement in enumerate(listed.agreements):
        for g, gold_agreement in enumerate(gold.agreements):
            if overlaps(agreement.text, gold_agreement.sentence):
                parties = _parties_match(agreement.parties, gold_agreement.parties, gold, predicted)
                status = agreement.status == gold_agreement.status
                same.append((p, g, parties, status))
    by_sentence = _one_to_one(((int(pa), int(st)), p, g) for p, g, pa, st in same)
    with_parties = _one_to_one(((int(st),), p, g) for p, g, pa, st in same if pa)
    score.agreements_matched = len(by_sentence)
    score.agreements_with_parties = len(with_parties)
    flags = {(p, g): (pa, st) for p, g, pa, st in same}
    score.statuses_right = sum(1 for p, g in by_sentence if flags[(p, g)][1])
    hit_p = {p for p, _ in by_sentence}
    hit_g = {g for _, g in by_sentence}
    for p, g in by_sentence:
        a, ga = listed.agreements[p], gold.agreements[g]
        if not flags[(p, g)][0]:
            score.notes.append(
                f"agreement parties {list(a.parties)} != gold {list(ga.parties)}: {ga.sentence}"
            )
        if not flags[(p, g)][1]:
            score.notes.append(f"agreement status {a.status} != gold {ga.status}: {ga.sentence}")
    for p, a in enumerate(listed.agreements):
        if p not in hit_p:
            score.notes.append(
                f"agreement not in gold: {a.action} / {a.status} / {list(a.parties)}: {a.text}"
            )
    for g, ga in enumerate(gold.agreements):
        if g not in hit_g:
            score.notes.append(f"agreement missed: {ga.action} {list(ga.parties)}: {ga.sentence}")

    # quotes: a predicted quote may cover several gold quotes
    score.quotes_predicted = len(listed.quotes)
    score.quotes_gold = len(gold.quotes)
    covering: set[int] = set()
    for gold_quote in gold.quotes:
        found = [k for k, q in enumerate(listed.quotes) if overlaps(q.text, gold_quote.text)]
        if not found:
            score.notes.append(f"quote missed: {gold_quote.text}")
            continue
        score.quotes_found += 1
        covering.update(found)
        quote = listed.quotes[found[0]]
        if _speaker_right(quote.speaker, gold_quote, gold, predicted):
            score.speakers_right += 1
        else:
            expected = " / ".join(gold_quote.speakers) or None
            score.notes.append(
                f"quote speaker {quote.speaker} != gold {expected}: {gold_quote.text}"
            )
    score.quotes_predicted_matched = len(covering)
    for k, quote in enumerate(listed.quotes):
        if k not in covering:
            score.notes.append(f"quote not in gold: {quote.text[:80]}")
    return score


# --- totals -----------------------------------------------------------------------------


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class StructureScores:
    """Micro-averaged scores over articles."""

    articles: tuple[ArticleScore, ...]

    def only(self, split: str) -> StructureScores:
        """The scores of one labelling batch of the gold set."""
        return StructureScores(tuple(a for a in self.articles if a.split == split))

    def _sum(self, name: str) -> int:
        return sum(int(getattr(a, name)) for a in self.articles)

    @property
    def actor_precision(self) -> float | None:
        return _ratio(self._sum("actors_matched"), self._sum("actors_predicted"))

    @property
    def actor_recall(self) -> float | None:
        return _ratio(self._sum("actors_matched"), self._sum("actors_gold"))

    @property
    def actor_f1(self) -> float | None:
        return _f1(self.actor_precision, self.actor_recall)

    @property
    def actor_f1_without_places(self) -> float | None:
        """Actor F1 if the system listed no places: how much of the gap places make."""
        p = _ratio(self._sum("actors_matched_not_places"), self._sum("actors_predicted_not_places"))
        r = _ratio(self._sum("actors_matched_not_places"), self._sum("actors_gold"))
        return _f1(p, r)

    @property
    def agreement_precision(self) -> float | None:
        """Share of predicted agreements that match gold with the right parties."""
        return _ratio(self._sum("agreements_with_parties"), self._sum("agreements_predicted"))

    @property
    def agreement_recall(self) -> float | None:
        return _ratio(self._sum("agreements_with_parties"), self._sum("agreements_gold"))

    @property
    def agreement_f1(self) -> float | None:
        return _f1(self.agreement_precision, self.agreement_recall)

    @property
    def agreement_precision_any_parties(self) -> float | None:
        return _ratio(self._sum("agreements_matched"), self._sum("agreements_predicted"))

    @property
    def agreement_recall_any_parties(self) -> float | None:
        return _ratio(self._sum("agreements_matched"), self._sum("agreements_gold"))

    @property
    def agreement_f1_any_parties(self) -> float | None:
        return _f1(self.agreement_precision_any_parties, self.agreement_recall_any_parties)

    @property
    def status_accuracy(self) -> float | None:
        return _ratio(self._sum("statuses_right"), self._sum("agreements_matched"))

    @property
    def quote_recall(self) -> float | None:
        return _ratio(self._sum("quotes_found"), self._sum("quotes_gold"))

    @property
    def quote_precision(self) -> float | None:
        return _ratio(self._sum("quotes_predicted_matched"), self._sum("quotes_predicted"))

    @property
    def speaker_accuracy(self) -> float | None:
        return _ratio(self._sum("speakers_right"), self._sum("quotes_found"))


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def markdown_report(scores: StructureScores) -> str:
    """The scores as a Markdown table, with the counts behind each figure."""
    s = scores
    rows = [
        ("Actors (listed vs gold)", s.actor_precision, s.actor_recall, s.actor_f1,
         f"{s._sum('actors_matched')} matched / {s._sum('actors_predicted')} listed / "
         f"{s._sum('actors_gold')} gold"),
        ("Actors, places not listed (diagnostic)",
         _ratio(s._sum("actors_matched_not_places"), s._sum("actors_predicted_not_places")),
         _ratio(s._sum("actors_matched_not_places"), s._sum("actors_gold")),
         s.actor_f1_without_places,
         f"{s._sum('actors_predicted') - s._sum('actors_predicted_not_places')} places left out"),
        ("Agreements, parties correct", s.agreement_precision, s.agreement_recall,
         s.agreement_f1,
         f"{s._sum('agreements_with_parties')} / {s._sum('agreements_predicted')} predicted / "
         f"{s._sum('agreements_gold')} gold"),
        ("Agreements, sentence only", s.agreement_precision_any_parties,
         s.agreement_recall_any_parties, s.agreement_f1_any_parties,
         f"{s._sum('agreements_matched')} matched"),
        ("Quotes found", s.quote_precision, s.quote_recall, _f1(s.quote_precision, s.quote_recall),
         f"{s._sum('quotes_found')} of {s._sum('quotes_gold')} gold found; "
         f"{s._sum('quotes_predicted_matched')} of {s._sum('quotes_predicted')} predicted in gold"),
    ]  # fmt: skip
    splits = sorted({a.split for a in s.articles})
    lines = [
        f"Articles: {len(s.articles)} ({', '.join(splits)})",
        "",
        "| | precision | recall | F1 | counts |",
        "|---|---:|---:|---:|---|",
    ]
    for label, p, r, f, counts in rows:
        lines.append(f"| {label} | {_pct(p)} | {_pct(r)} | {_pct(f)} | {counts} |")
    lines += [
        "",
        "| | accuracy | counts |",
        "|---|---:|---|",
        f"| Agreement status (matched agreements) | {_pct(s.status_accuracy)} | "
        f"{s._sum('statuses_right')} of {s._sum('agreements_matched')} |",
        f"| Quote speaker (gold quotes found) | {_pct(s.speaker_accuracy)} | "
        f"{s._sum('speakers_right')} of {s._sum('quotes_found')} |",
    ]
    return "\n".join(lines)
