"""ROUGE evaluation of a summariser on a JSONL file of articles with reference summaries.

The convention is the one every published figure of this project uses: ``rouge-score`` with
stemming on; ROUGE-1 and ROUGE-2 F1; ROUGE-Lsum F1 over sentences joined by newlines, with
references and candidates split into sentences the same way (our Punkt splitter,
:func:`summarizers.sentences.split_sentences`). Scores are reported ×100 with 95% percentile
bootstrap confidence intervals over articles.

Input records are JSON objects, one per line::

    {"id": "...", "article": "full text ...", "summary": "reference summary ..."}

(``text`` is accepted for ``article`` and ``reference`` for ``summary``; ``title`` is passed
to the summariser when present.) References may be PTB-tokenised, as CNN/DailyMail highlights
are (``Locke 's``, ``do n't``, ``-LRB-``); :func:`normalize_reference` undoes that before
splitting so both sides are tokenised alike.

``rouge-score`` is an optional dependency (``pip install 'newsbriefing[eval]'``); numpy and
rouge-score are imported only when an evaluation runs.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.errors import BriefingError, InputError, UsageError
from briefing.models import Skipped
from summarizers.sentences import split_sentences

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from summarizers.base import Summary

METRICS: tuple[str, ...] = ("rouge1", "rouge2", "rougeLsum")
METRIC_LABELS: dict[str, str] = {
    "rouge1": "ROUGE-1",
    "rouge2": "ROUGE-2",
    "rougeLsum": "ROUGE-Lsum",
}
INSTALL_HINT = "pip install 'newsbriefing[eval]'"

# A summariser as evaluate() sees it: anything with the SummarizerProtocol call signature.
SummarizeFn = Callable[..., "Summary"]


@dataclass(frozen=True)
class EvalRecord:
    """One article with its reference summary. ``input`` is ``path:line`` for messages."""

    id: str
    article: str
    summary: str
    input: str
    title: str | None = None


@dataclass(frozen=True)
class Score:
    """A metric's mean over articles (×100) with its 95% bootstrap confidence interval.

    ``low`` and ``high`` are ``None`` when the evaluation ran without bootstrap resamples.
    """

    mean: float
    low: float | None = None
    high: float | None = None

    def to_dict(self) -> dict[str, float | None]:
        """The score as ``{"mean", "low", "high"}``, rounded to 2 decimals."""
        return {"mean": round(self.mean, 2), "low": _round(self.low), "high": _round(self.high)}

    def interval(self, template: str = "[{low:.2f}, {high:.2f}]") -> str:
        """The interval formatted with ``template``, or ``"-"`` when there is none."""
        if self.low is None or self.high is None:
            return "-"
        return template.format(low=self.low, high=self.high)

    def __str__(self) -> str:
        return f"{self.mean:.2f} {self.interval()}"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


@dataclass(frozen=True)
class EvalResult:
    """The outcome of :func:`evaluate`.

    ``articles_per_second`` counts summarisation time only (``summarize_seconds``); sentence
    splitting of the candidates and ROUGE scoring are timed apart (``score_seconds``).
    ``failed`` lists the articles the summariser raised on; they score 0 rather than being
    left out, so a summariser cannot raise its mean by failing on hard articles.
    """

    summarizer: str
    data: str
    articles: int
    rouge1: Score
    rouge2: Score
    rougeLsum: Score  # named after the rouge-score metric
    summarize_seconds: float
    score_seconds: float
    bootstrap: int
    seed: int
    sentences: int | None = None
    empty: int = 0
    failed: tuple[Skipped, ...] = ()
    # Per-article F1 ×100 in METRICS order, kept for paired comparisons between systems.
    per_article: tuple[tuple[float, float, float], ...] = field(default=(), repr=False)

    @property
    def articles_per_second(self) -> float:
        """Articles summarised per second of summarisation time."""
        return self.articles / max(self.summarize_seconds, 1e-9)

    def score(self, metric: str) -> Score:
        """The :class:`Score` of ``metric`` (one of :data:`METRICS`)."""
        if metric not in METRICS:
            raise KeyError(f"unknown metric {metric!r}; choose one of: {', '.join(METRICS)}")
        value: Score = getattr(self, metric)
        return value

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary of the result (per-article scores left out)."""
        return {
            "summarizer": self.summarizer,
            "data": self.data,
            "sentences": self.sentences,
            "articles": self.articles,
            "empty": self.empty,
            "failed": [{"input": s.input, "reason": s.reason} for s in self.failed],
            "rouge": {m: self.score(m).to_dict() for m in METRICS},
            "articles_per_second": round(self.articles_per_second, 2),
            "summarize_seconds": round(self.summarize_seconds, 3),
            "score_seconds": round(self.score_seconds, 3),
            "bootstrap": self.bootstrap,
            "seed": self.seed,
        }

    def format_table(self) -> str:
        """The result as the plain-text block ``briefing eval`` prints."""
        budget = f", {self.sentences} sentences" if self.sentences is not None else ""
        lines = [
            f"{self.summarizer}{budget} on {self.data}",
            f"{self.articles} articles ({len(self.failed)} failed, {self.empty} empty summaries)",
            "",
            f"{'metric':<12}{'F1':>7}   "
            + (f"95% CI (bootstrap, n={self.bootstrap})" if self.bootstrap else "(no bootstrap)"),
        ]
        for m in METRICS:
            s = self.score(m)
            lines.append(f"{METRIC_LABELS[m]:<12}{s.mean:>7.2f}   {s.interval()}")
        lines += [
            "",
            f"speed: {self.articles_per_second:.1f} articles/s "
            f"(summarisation only, {self.summarize_seconds:.2f} s; "
            f"scoring {self.score_seconds:.2f} s)",
        ]
        for skipped in self.failed[:5]:
            lines.append(f"failed: {skipped.input}: {skipped.reason}")
        if len(self.failed) > 5:
            lines.append(f"failed: ... and {len(self.failed) - 5} more")
        return "\n".join(lines)

    def markdown_row(self, name: str | None = None) -> str:
        """One row of :func:`markdown_table` for this result."""
        cells = [name or self.summarizer]
        for m in METRICS:
            s = self.score(m)
            ci = s.interval(" ({low:.2f}–{high:.2f})")
            cells.append(f"{s.mean:.2f}{'' if ci == '-' else ci}")
        cells.append(f"{self.articles_per_second:.1f}")
        return "| " + " | ".join(cells) + " |"


def markdown_table(results: Iterable[EvalResult]) -> str:
    """A Markdown table of ROUGE F1 (95% CI) and speed, one row per result."""
    header = [
        "| system | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | articles/s |",
        "|---|---:|---:|---:|---:|",
    ]
    return "\n".join(header + [r.markdown_row() for r in results])


# --- reading records ------------------------------------------------------------------------


def load_records(path: Path) -> list[EvalRecord]:
    """Read a JSONL file of ``{id, article, summary}`` records.

    Blank lines are ignored. A line that is not a JSON object, or lacks a non-empty article
    or summary, raises :class:`InputError` naming ``path:line``.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
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

    records: list[EvalRecord] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(
                where, f"not valid JSON ({e.msg})", "each line must be one JSON object"
            ) from None
        if not isinstance(obj, dict):
            raise InputError(
                where,
                f"expected a JSON object, got {type(obj).__name__}",
                'write {"id": ..., "article": ..., "summary": ...} on each line',
            )
        article = _text_field(obj, ("article", "text"), where)
        summary = _text_field(obj, ("summary", "reference"), where)
        title = obj.get("title")
        records.append(
            EvalRecord(
                id=str(obj.get("id", where)),
                article=article,
                summary=summary,
                input=where,
                title=title if isinstance(title, str) and title.strip() else None,
            )
        )
    return records


def _text_field(obj: dict[str, Any], names: Sequence[str], where: str) -> str:
    for name in names:
        value = obj.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(where, f"{name!r} must be a string, got {type(value).__name__}")
        if not value.strip():
            raise InputError(where, f"{name!r} is empty", "remove the record or fill it in")
        return value
    alternatives = " or ".join(repr(n) for n in names)
    raise InputError(where, f"missing {alternatives}", f"add a {names[0]!r} field to each record")


# --- normalising text for ROUGE ------------------------------------------------------------

_PTB_BRACKETS = {
    "-lrb-": "(",
    "-rrb-": ")",
    "-lsb-": "[",
    "-rsb-": "]",
    "-lcb-": "{",
    "-rcb-": "}",
}
_PTB_BRACKET_RE = re.compile(r"-(?:lrb|rrb|lsb|rsb|lcb|rcb)-", re.IGNORECASE)
_PTB_CLITIC_RE = re.compile(r"(\w) (n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE)
_SPACE_BEFORE_PUNCT_RE = re.compile(r"(?<=\S) ([.,;:!?%)\]}])")
_SPACE_AFTER_OPEN_RE = re.compile(r"([(\[{$£€]) (?=\S)")


def normalize_reference(text: str) -> str:
    """Undo Penn Treebank tokenisation (as in CNN/DailyMail highlights); leave prose alone.

    ``do n't`` must become ``don't`` because ROUGE's tokenizer would otherwise see the words
    ``do n t`` where a candidate copied from the article has ``don t``; brackets written as
    ``-LRB-`` would add a word no candidate contains. Spaces before punctuation are closed up
    so that sentence splitting sees ordinary text.
    """
    text = _PTB_BRACKET_RE.sub(lambda m: _PTB_BRACKETS[m.group(0).lower()], text)
    text = text.replace("``", '"').replace("''", '"')
    text = _PTB_CLITIC_RE.sub(r"\1\2", text)
    text = _SPACE_BEFORE_PUNCT_RE.sub(r"\1", text)
    text = _SPACE_AFTER_OPEN_RE.sub(r"\1", text)
    return " ".join(text.split())


def rouge_lines(text: str) -> str:
    """``text`` as one sentence per line, the form ROUGE-Lsum compares."""
    return "\n".join(split_sentences(" ".join(text.split())))


def _scorer() -> Any:
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        raise BriefingError(
            f"evaluation needs the rouge-score package, which is not installed; {INSTALL_HINT}"
        ) from None
    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


# --- evaluating -----------------------------------------------------------------------------


def evaluate(
    records: Sequence[EvalRecord],
    summarizer: SummarizeFn,
    *,
    bootstrap: int = 1000,
    seed: int = 0,
    data: str = "",
    name: str | None = None,
) -> EvalResult:
    """Summarise every record with ``summarizer`` and score it against its reference.

    ``summarizer`` is called as ``summarizer(article, title=title)`` and must return a
    :class:`summarizers.base.Summary`. Summarisation is timed on its own; the candidates are
    then split into sentences and scored. An article the summariser raises on scores 0 and
    is listed in ``EvalResult.failed``. ``bootstrap`` resamples (``0`` for none) give the 95%
    intervals; ``seed`` makes them reproducible. ``data`` and ``name`` label the result
    (``name`` defaults to the summariser's ``name`` attribute).
    """
    if not records:
        raise UsageError(f"{data or 'the evaluation data'}: no records to evaluate")
    if bootstrap < 0:
        raise UsageError(f"bootstrap must be 0 (no intervals) or more, got {bootstrap}")
    scorer = _scorer()

    candidates: list[str] = []
    failed: list[Skipped] = []
    seconds = 0.0
    for record in records:
        start = time.perf_counter()
        try:
            summary = summarizer(record.article, title=record.title)
        except Exception as e:  # one bad article must not end the evaluation
            seconds += time.perf_counter() - start
            failed.append(Skipped(record.input, f"{type(e).__name__}: {e}"))
            candidates.append("")
            continue
        seconds += time.perf_counter() - start
        candidates.append(" ".join(s.text for s in summary.sentences))

    start = time.perf_counter()
    rows: list[tuple[float, float, float]] = []
    for record, candidate in zip(records, candidates, strict=True):
        reference = rouge_lines(normalize_reference(record.summary))
        result = scorer.score(reference, rouge_lines(candidate))
        rows.append(
            (
                100.0 * result["rouge1"].fmeasure,
                100.0 * result["rouge2"].fmeasure,
                100.0 * result["rougeLsum"].fmeasure,
            )
        )
    score_seconds = time.perf_counter() - start

    import numpy as np

    scores = np.asarray(rows, dtype=np.float64)
    means = scores.mean(axis=0)
    if bootstrap:
        lows, highs = bootstrap_ci(scores, resamples=bootstrap, seed=seed)
        cis: list[tuple[float | None, float | None]] = [
            (float(lo), float(hi)) for lo, hi in zip(lows, highs, strict=True)
        ]
    else:
        cis = [(None, None)] * len(METRICS)
    name = name or str(getattr(summarizer, "name", "") or type(summarizer).__name__)
    budget = getattr(summarizer, "budget", None)
    return EvalResult(
        summarizer=name,
        data=data,
        articles=len(records),
        rouge1=Score(float(means[0]), *cis[0]),
        rouge2=Score(float(means[1]), *cis[1]),
        rougeLsum=Score(float(means[2]), *cis[2]),
        summarize_seconds=seconds,
        score_seconds=score_seconds,
        bootstrap=bootstrap,
        seed=seed,
        sentences=getattr(budget, "sentences", None),
        empty=sum(1 for c in candidates if not c.strip()),
        failed=tuple(failed),
        per_article=tuple(rows),
    )


def bootstrap_ci(
    scores: NDArray[np.float64],
    *,
    resamples: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Percentile bootstrap confidence interval of the column means of ``scores`` (n × k).

    Each resample draws n articles with replacement; drawing the per-article counts from a
    multinomial lets one matrix product compute every resample's means at once, with memory
    ``resamples × n`` rather than ``resamples × n × k``.
    """
    import numpy as np

    n = scores.shape[0]
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(n, np.full(n, 1.0 / n), size=resamples).astype(np.float64)
    means = counts @ scores / n
    tail = (1.0 - confidence) / 2.0 * 100.0
    low = np.percentile(means, tail, axis=0)
    high = np.percentile(means, 100.0 - tail, axis=0)
    return low, high


def run_eval(
    path: Path,
    summarizer: str,
    sentences: int = 3,
    limit: int | None = None,
    bootstrap: int = 1000,
) -> EvalResult:
    """Evaluate the registered summariser ``summarizer`` on the JSONL file ``path``.

    This is what ``briefing eval DATA.jsonl --summarizer NAME`` runs. ``limit`` keeps the
    first N records. User mistakes raise :class:`UsageError` or :class:`InputError`.
    """
    from summarizers import registry

    if sentences < 1:
        raise UsageError(f"--sentences must be at least 1, got {sentences}")
    if limit is not None and limit < 1:
        raise UsageError(f"--limit must be at least 1, got {limit}")
    try:
        summarize = registry.get(summarizer, sentences=sentences)
    except registry.UnknownSummarizerError as e:
        raise UsageError(str(e)) from None
    except ImportError as e:
        raise BriefingError(
            f"summarizer {summarizer!r} needs a package that is not installed ({e.name or e})"
        ) from None
    records = load_records(Path(path))
    if limit is not None:
        records = records[:limit]
    return evaluate(records, summarize, bootstrap=bootstrap, data=Path(path).name, name=summarizer)


def main_eval(
    path: Path,
    summarizer: str,
    sentences: int = 3,
    limit: int | None = None,
    as_json: bool = False,
    bootstrap: int = 1000,
) -> str:
    """Run :func:`run_eval` and return the text ``briefing eval`` prints (table or JSON)."""
    result = run_eval(path, summarizer, sentences=sentences, limit=limit, bootstrap=bootstrap)
    if as_json:
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
    return result.format_table()
