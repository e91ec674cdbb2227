"""Fuzz every stage: ingest, clean, split, summarise, extract and render, 100,000+ cases.

    python bench/fuzz.py                       # 100,000 cases, seed 8 (about 15-20 minutes)
    python bench/fuzz.py --cases 2000 --seed 1 # a quick look

Inputs are random bytes, random Unicode, news-like prose with odd characters, HTML tag soup
(with hidden <script>/<noscript>/... content that must never reach the text), nested JSON,
mutations of the sample articles (bit flips, cuts, splices) and the injection payloads of
``tests/payloads.txt`` in every field. Each case checks the same properties as
``tests/test_properties.py``:

* no stage raises anything but the documented errors (``ArticleError`` from split);
* ingest accounts for every input, articles are non-empty and within the limits, hidden
  HTML content never reaches the text;
* split's sentences come from their paragraphs and are numbered in order;
* every extractive summary sentence is an input sentence;
* rendered JSON parses and validates against the schema; HTML, e-mail and Markdown (through
  Python-Markdown) contain no element, event handler, link target, comment or direction
  override that the template does not make.

Prints the number of cases per stage, the failures grouped by stage and error (with the
smallest input that showed each), and exits 1 when there was any.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.errors import ArticleError  # noqa: E402
from briefing.ingest import KINDS, parse_bytes  # noqa: E402
from briefing.limits import Limits  # noqa: E402
from briefing.models import (  # noqa: E402
    Actor,
    Agreement,
    Article,
    Briefing,
    Citation,
    ContextItem,
    Quote,
    Skipped,
    Source,
    Story,
    SummaryLine,
)

LIMITS = Limits(max_file_bytes=256 * 1024, max_article_chars=50_000)
WORDS = [
    "The",
    "council",
    "said",
    "on",
    "Monday",
    "it",
    "had",
    "agreed",
    "a",
    "deal",
    "with",
    "Reuters",
    "and",
    "Mr.",
    "Smith",
    "of",
    "the",
    "U.S.",
    "Ministry",
    "5.5%",
    "pay",
    "rise",
    "2024",
    "Jan.",
    "talks",
    "ended",
    "strike",
    "union",
    "employers",
    "port",
    "workers",
    "«Le",
    "gouvernement»",
    "déclaré",
    "über",
    "Straße",
    "中国",
    "政府",
    "Москва",
    "ελληνικά",
    '"quoted"',
    "'single'",
    "—",
    "e.g.",
    "i.e.",
    "No.",
    "3",
    "St.",
    "Louis",
    "Dr.",
    "A.B.",
    "...",
    "agreed",
    "signed",
    "expected",
    "to",
    "sign",
    "treaty",
    "minister",
    "President",
    "Macron",
    "Chancellor",
    "Scholz",
    "Tokyo",
    "Ottawa",
    "the",
    "European",
    "Union",
    "NATO",
]
PUNCTUATION = [". ", "! ", "? ", ", ", "; ", ": ", ".\n", "\n", "\n\n", " - ", "...", '." ']
ODD = ["\x00", "\x07", "\u202e", "\u2066", "\u200b", "\ufeff", "\u2028", "\u2029", "\r\n", "\t"]
TAGS = ["p", "div", "span", "a", "h1", "h2", "article", "main", "li", "ul", "br", "table", "td"]
HIDDEN = ["script", "style", "iframe", "noscript", "template", "svg", "object", "canvas"]
ATTRS = ["class", "id", "href", "onclick", "style", "lang", "datetime", "content", "name"]
DIRECTION = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def load_payloads() -> list[str]:
    import codecs

    payloads = []
    for line in (ROOT / "tests" / "payloads.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("# "):
            payloads.append(codecs.decode(line, "unicode_escape") if "\\" in line else line)
    return payloads


PAYLOADS = load_payloads()
SAMPLES = [p.read_bytes() for p in sorted((ROOT / "samples").iterdir()) if p.is_file()]


# ------------------------------------------------------------------------------- generators


class Gen:
    """Random inputs of every shape, from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def prose(self, size: int = 80) -> str:
        r = self.r
        parts = []
        for _ in range(r.randint(0, size)):
            roll = r.random()
            if roll < 0.75:
                parts.append(r.choice(WORDS) + " ")
            elif roll < 0.95:
                parts.append(r.choice(PUNCTUATION))
            elif roll < 0.98:
                parts.append(r.choice(ODD))
            else:
                parts.append(r.choice(PAYLOADS))
        return "".join(parts)

    def unicode(self, size: int = 200) -> str:
        r = self.r
        ranges = [(0, 0x7F), (0x80, 0x2FF), (0x2000, 0x206F), (0x4E00, 0x4FFF), (0x0400, 0x04FF)]
        out = []
        for _ in range(r.randint(0, size)):
            lo, hi = r.choice(ranges)
            out.append(chr(r.randint(lo, hi)))
        return "".join(out)

    def text(self) -> str:
        return self.prose() if self.r.random() < 0.7 else self.unicode()

    def html(self, depth: int = 0) -> str:
        r = self.r
        out = []
        for _ in range(r.randint(0, 5)):
            roll = r.random()
            if roll < 0.4 or depth > 6:
                out.append(self.prose(20))
            elif roll < 0.8:
                tag = r.choice(TAGS)
                attrs = "".join(
                    f' {r.choice(ATTRS)}="{r.choice(WORDS)}"' for _ in range(r.randint(0, 2))
                )
                close = f"</{tag}>" if r.random() < 0.9 else ""
                out.append(f"<{tag}{attrs}>{self.html(depth + 1)}{close}")
            elif roll < 0.9:
                tag = r.choice(HIDDEN)
                out.append(f"<{tag}>HIDDENMARKER alert(1)</{tag}>")
            else:
                out.append(r.choice(["</div>", "<p>", "<!--", "-->", "<![CDATA[", "]]>", "&#0;"]))
        return "".join(out)

    def page(self) -> str:
        return f"<html><head><title>{self.prose(8)}</title></head><body>{self.html()}</body></html>"

    def json_value(self, depth: int = 0) -> Any:
        r = self.r
        roll = r.random()
        if depth > 4 or roll < 0.4:
            return r.choice([None, True, 3, 2.5, "", self.text(), self.prose()])
        if roll < 0.6:
            return [self.json_value(depth + 1) for _ in range(r.randint(0, 3))]
        keys = ["text", "title", "article", "body", "url", "id", "author", "lang", "articles"]
        return {
            r.choice(keys) if r.random() < 0.8 else self.unicode(5): self.json_value(depth + 1)
            for _ in range(r.randint(0, 5))
        }

    def mutate(self, data: bytes) -> bytes:
        r = self.r
        buf = bytearray(data)
        for _ in range(r.randint(1, 8)):
            if not buf:
                break
            roll = r.random()
            i = r.randrange(len(buf))
            if roll < 0.4:
                buf[i] = r.randrange(256)
            elif roll < 0.6:
                del buf[i : i + r.randint(1, 200)]
            elif roll < 0.8:
                other = r.choice(SAMPLES)
                j = r.randrange(len(other))
                buf[i:i] = other[j : j + r.randint(1, 400)]
            else:
                buf[i:i] = r.choice(PAYLOADS).encode()
        return bytes(buf)

    def input(self) -> tuple[bytes, str]:
        r = self.r
        kind = r.choice(KINDS)
        roll = r.random()
        if roll < 0.1:
            return r.randbytes(r.randint(0, 2000)), kind
        if roll < 0.3:
            return self.mutate(r.choice(SAMPLES)), kind
        if kind == "html":
            return self.page().encode(), kind
        if kind in ("json", "jsonl"):
            values = [json.dumps(self.json_value(), ensure_ascii=r.random() < 0.5)]
            if kind == "jsonl":
                values += ["{broken", json.dumps({"text": self.prose(), "id": "dup"})] * 2
                r.shuffle(values)
            return "\n".join(values).encode(r.choice(["utf-8", "utf-16", "utf-8-sig"])), kind
        encoding = r.choice(["utf-8", "utf-8", "cp1252", "utf-16"])
        return self.text().encode(encoding, errors="replace"), kind


# ------------------------------------------------------------------------------- properties


class Findings:
    """Failures grouped by stage and error, keeping the smallest input that showed each."""

    def __init__(self) -> None:
        self.cases: Counter[str] = Counter()
        self.failures: dict[tuple[str, str], tuple[int, str]] = {}
        self.counts: Counter[tuple[str, str]] = Counter()

    def run(self, stage: str, shown: object, check: Callable[..., object], *args: Any) -> None:
        self.cases[stage] += 1
        try:
            check(*args)
        except Exception as exc:  # every failure is a finding, whatever its type
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            where = f"{Path(frame.filename).name}:{frame.lineno}"
            key = (stage, f"{type(exc).__name__} at {where}: {str(exc).splitlines()[0][:160]}")
            self.counts[key] += 1
            text = repr(shown)
            if key not in self.failures or len(text) < self.failures[key][0]:
                self.failures[key] = (len(text), text[:600])


def check_ingest(data: bytes, kind: str) -> list[Article | Skipped]:
    items = parse_bytes(data, f"fuzz.{kind}", kind, limits=LIMITS)
    assert items, "no outcome for an input"
    for item in items:
        assert isinstance(item, (Article, Skipped)), item
        if isinstance(item, Article):
            assert item.text.strip() and len(item.text) <= LIMITS.max_article_chars
            # Stray "<!--" or "<![CDATA[" turn what follows into a (bogus) comment in ways
            # parsers disagree on; without them, hidden content must stay hidden.
            if kind == "html" and b"<!" not in data:
                assert "HIDDENMARKER" not in item.text, "hidden HTML content in the text"
        else:
            assert item.reason.strip() and "\n" not in item.reason, item
    return items


def check_split(article: Article) -> Any:
    from briefing.clean import clean
    from briefing.split import split

    try:
        document = split(clean(article))
    except ArticleError:
        return None
    assert [s.index for s in document.sentences] == list(range(len(document.sentences)))
    for sentence in document.sentences:
        assert sentence.text and sentence.text in document.paragraphs[sentence.paragraph]
    return document


_SUMMARIZERS: dict[str, Any] = {}


def check_summary(name: str, sentences: list[str], title: str | None) -> None:
    from summarizers import get

    if name not in _SUMMARIZERS:
        _SUMMARIZERS[name] = get(name, sentences=3)
    summary = _SUMMARIZERS[name](sentences, title=title)
    for line in summary.sentences:
        assert line.index is not None and line.text == sentences[line.index], "not an input"


_EXTRACTOR: list[Any] = []


def check_extract(document: Any) -> None:
    from briefing.extract import Extractor

    if not _EXTRACTOR:
        _EXTRACTOR.append(Extractor())
    count = len(document.sentences)
    extraction = _EXTRACTOR[0](document, tuple(range(min(3, count))))
    cited = [c for a in extraction.actors for c in a.citations]
    cited += [a.citation for a in extraction.agreements] + [q.citation for q in extraction.quotes]
    for citation in cited:
        assert 0 <= citation.sentence < count, "a citation outside the document"


def split_and_extract(article: Article) -> None:
    document = check_split(article)
    if document is not None:
        check_extract(document)


class _Shape(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.handlers: list[str] = []
        self.targets: list[str] = []
        self.comments = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}")
            if name in ("href", "src", "action", "formaction", "srcdoc", "data"):
                self.targets.append(value or "")

    def handle_comment(self, data: str) -> None:
        self.comments += 1


def _shape(page: str) -> _Shape:
    shape = _Shape()
    shape.feed(page)
    shape.close()
    return shape


def story_of(texts: list[str], number: int) -> Story:
    t = (texts * 8)[:8]
    cite = Citation(0, 0)
    return Story(
        id=f"s{number}",
        headline=t[0],
        summary=(SummaryLine(t[1], (cite,)),),
        sources=(Source(t[2], t[3], t[4], t[5], t[6], t[7], t[0]),),
        actors=(Actor(t[1], "person", role=t[2], aliases=(t[3],), citations=(cite,)),),
        agreements=(Agreement(t[4], (t[5],), t[6], "signed", cite, t[7], t[0]),),
        context=(ContextItem(t[2], (cite,)),),
        quotes=(Quote(t[3], t[4], cite),),
        source_sentences=((t[1], t[2]),),
    )


def briefing_of(texts: list[str]) -> Briefing:
    return Briefing(
        title=texts[0],
        date="2026-11-28",
        stories=(story_of(texts, 0), story_of(texts[::-1], 1)),
        skipped=(Skipped(texts[-1], texts[0]),),
        summarizer="lead",
    )


class RenderCheck:
    """Renders a briefing in every format and checks it against a benign baseline."""

    def __init__(self) -> None:
        import functools

        import markdown
        from jsonschema import Draft202012Validator

        import briefing.mail
        import briefing.render
        from briefing.render import load_schema

        # render() builds a fresh Jinja environment, compiling every template again, on each
        # call (about 0.5 s); one compiled environment renders the same output 100 times faster.
        cached = functools.cache(briefing.render.make_environment)
        briefing.render.make_environment = cached
        briefing.mail.make_environment = cached

        self.markdown = markdown.markdown
        self.validator = Draft202012Validator(load_schema())
        benign = briefing_of(["Plain words", "https://example.com/a", "More words"])
        self.baseline = {fmt: _shape(page) for fmt, page in self.pages(benign).items()}

    def pages(self, briefing: Briefing) -> dict[str, str]:
        from briefing.mail import render_email
        from briefing.render import render

        return {
            "html": render(briefing, "html"),
            "email": render_email(briefing).html,
            "markdown": self.markdown(render(briefing, "markdown")),
        }

    def __call__(self, texts: list[str]) -> None:
        from briefing.render import render

        briefing = briefing_of(texts)
        self.validator.validate(json.loads(render(briefing, "json")))
        for fmt, page in self.pages(briefing).items():
            shape, normal = _shape(page), self.baseline[fmt]
            assert shape.tags <= normal.tags, f"{fmt}: new elements {shape.tags - normal.tags}"
            assert set(shape.handlers) <= set(normal.handlers), f"{fmt}: {shape.handlers}"
            for target in shape.targets:
                flat = "".join(target.split()).lower()
                assert flat.startswith(("http://", "https://", "#", "mailto:")), target
            assert shape.comments <= normal.comments, f"{fmt}: a comment"
            assert not DIRECTION & set(page), f"{fmt}: a direction override"


# ------------------------------------------------------------------------------- the run

#: Stage → share of the cases. Ingest is cheap and sees the most hostile input.
MIX = {"ingest": 0.62, "split": 0.25, "summarise": 0.10, "render": 0.02, "extract": 0.01}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000, help="cases in all (100000)")
    parser.add_argument("--seed", type=int, default=8, help="random seed (8)")
    args = parser.parse_args(argv)

    import logging

    logging.disable(logging.CRITICAL)  # trafilatura complains loudly about broken pages
    gen = Gen(args.seed)
    findings = Findings()
    render_check = RenderCheck()
    start = time.monotonic()
    # Stopped early (Ctrl-C, or kill), the run still reports what it tried and found.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        run_cases(args.cases, gen, findings, render_check)
    except KeyboardInterrupt:
        print("stopped early", flush=True)
    return report(args.seed, findings, time.monotonic() - start)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_cases(cases: int, gen: Gen, findings: Findings, render_check: RenderCheck) -> None:
    """Run ``cases`` random cases, spread over the stages by :data:`MIX`."""
    stages = list(MIX)
    weights = list(MIX.values())
    start = time.monotonic()
    for number in range(1, cases + 1):
        stage = gen.r.choices(stages, weights)[0]
        if stage == "ingest":
            data, kind = gen.input()
            findings.run(stage, (kind, data[:2000]), check_ingest, data, kind)
        elif stage == "split":
            article = Article(
                id="f", text=gen.text(), input="f", language=gen.r.choice([None, "fr", "xx"])
            )
            findings.run(stage, article.text[:2000], check_split, article)
        elif stage == "summarise":
            sentences = [s for s in (gen.text() for _ in range(gen.r.randint(1, 10))) if s.strip()]
            # Every draw runs: a draw of blank texts alone gets one sentence of prose.
            sentences = sentences or [gen.prose(12).strip() or "The talks resumed on Monday."]
            name = gen.r.choice(["lead", "textrank", "lexrank", "centroid", "news"])
            title = gen.prose(10) if gen.r.random() < 0.5 else None
            case = (sentences, title)
            findings.run(f"summarise:{name}", case, check_summary, name, sentences, title)
        elif stage == "render":
            texts = [
                gen.r.choice(PAYLOADS) if gen.r.random() < 0.5 else gen.text() for _ in range(4)
            ]
            findings.run(stage, texts, render_check, texts)
        else:
            text = gen.prose(200)
            article = Article(id="e", text=text, input="e")
            findings.run(stage, text[:2000], split_and_extract, article)
        if number % 1000 == 0:
            rate = number / (time.monotonic() - start)
            failed = len(findings.failures)
            print(f"{number:>7,} cases, {failed} findings, {rate:.0f}/s", flush=True)


def report(seed: int, findings: Findings, elapsed: float) -> int:
    """Print the counts per stage and every finding; 1 when anything failed."""
    total = sum(findings.cases.values())
    print(f"\nseed {seed}: {total:,} cases in {elapsed:.0f} s")
    for stage, count in sorted(findings.cases.items()):
        print(f"  {stage:<22} {count:>8,}")
    failed = sum(findings.counts.values())
    print(f"failures: {failed:,} in {len(findings.failures)} distinct findings")
    for key, (_, shown) in sorted(findings.failures.items()):
        print(f"\n[{key[0]}] x{findings.counts[key]}: {key[1]}\n  smallest input: {shown}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
