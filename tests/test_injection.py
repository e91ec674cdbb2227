"""HTML and e-mail injection: every payload of ``tests/payloads.txt``, in every field an article
has (title, body, author, source, URL) and every field a story has, comes out inert.

Inert means: no element, attribute or link target that the templates themselves do not make,
no ``javascript:``/``data:`` link, no direction-override character, and the payload still
there as visible text (escaped, not dropped). Headless Chromium then loads the pages: any
payload that ran would call the undefined ``__pwned`` (an exception), open a dialog or fetch
``evil.example.com``; none may.
"""

from __future__ import annotations

import codecs
import dataclasses
import json
import os
from collections import Counter
from collections.abc import Iterator
from email import message_from_bytes, policy
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fixtures_briefing import sample_briefing
from test_browser import CHROMIUM, MISSING, DevTools, visit

from briefing.mail import build_message, render_email
from briefing.models import (
    Actor,
    Agreement,
    Briefing,
    Citation,
    ContextItem,
    Quote,
    Skipped,
    Source,
    Story,
    SummaryLine,
)
from briefing.pipeline import BuildOptions, build_briefing
from briefing.render import render

PAYLOADS_FILE = Path(__file__).with_name("payloads.txt")

# Characters that reorder or hide the text around them: an attacker's way to make a reader see
# something other than what is there ("exe.gnp" shown as "png.exe").
DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _control(char: str) -> bool:
    return (char < " " and char not in "\t\n") or char == "\x7f"


def load_payloads() -> list[str]:
    """The payload corpus, ``\\uXXXX`` and ``\\xXX`` escapes decoded."""
    lines = PAYLOADS_FILE.read_text(encoding="utf-8").splitlines()
    payloads = []
    for line in lines:
        if not line.strip() or line.startswith("# "):
            continue
        if "\\u" in line or "\\x" in line:
            line = codecs.decode(line, "unicode_escape")
        payloads.append(line)
    return payloads


PAYLOADS = load_payloads()


class Markup(HTMLParser):
    """What a page is made of: elements with their attribute names, link targets, and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shapes: Counter[tuple[str, tuple[str, ...]]] = Counter()
        self.targets: list[str] = []
        self.text: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = tuple(sorted(name for name, _ in attrs))
        self.shapes[(tag, names)] += 1
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction", "srcdoc", "data", "background"):
                self.targets.append(value or "")
            if name == "style" and value and ("url(" in value or "expression(" in value):
                self.targets.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def markup(page: str) -> Markup:
    parser = Markup()
    parser.feed(page)
    parser.close()
    return parser


def assert_inert(page: str, baseline: str, what: str) -> None:
    """``page`` holds nothing active that ``baseline`` (the same template, benign text) lacks."""
    seen, normal = markup(page), markup(baseline)
    allowed = {shape[0] for shape in normal.shapes}
    new = {shape for shape in seen.shapes if shape[0] not in allowed}
    assert not new, f"{what}: elements the template never makes: {sorted(new)}"
    allowed_attrs = {(tag, names) for tag, names in normal.shapes}
    odd = [
        shape
        for shape in seen.shapes
        if shape not in allowed_attrs and any(n.startswith("on") for n in shape[1])
    ]
    assert not odd, f"{what}: event-handler attributes: {odd}"
    for target in seen.targets:
        lowered = "".join(target.split()).lower()
        assert lowered.startswith(("https://", "http://", "#", "mailto:")), (
            f"{what}: link target {target!r}"
        )
        assert "javascript:" not in lowered and "expression(" not in lowered, target
    assert Counter(c.strip()[:20] for c in seen.comments) <= Counter(
        c.strip()[:20] for c in normal.comments
    ), f"{what}: comments the template never makes"
    assert not DIRECTION_CONTROLS & set(page), f"{what}: a direction-override character"


def hostile_story(payload: str, number: int) -> Story:
    """A story with ``payload`` in every text field a story has."""
    cite = Citation(0, 0)
    text = f"Officials said {payload} was found"
    return Story(
        id=f"story-{number}",
        headline=f"Headline {payload}",
        summary=(SummaryLine(text, (cite,)), SummaryLine(f"Second {payload}", (Citation(0, 1),))),
        sources=(
            Source(
                id=f"id-{payload}",
                title=f"Title {payload}",
                url=payload,
                source=f"Source {payload}",
                published=payload,
                author=f"Author {payload}",
                place=payload,
            ),
            Source("second", payload, f"https://example.com/{payload}", payload, None, payload),
        ),
        actors=(Actor(payload, "person", role=payload, aliases=(payload,), citations=(cite,)),),
        agreements=(
            Agreement(text, (payload, "Council"), payload, "signed", cite, payload, payload),
        ),
        context=(ContextItem(f"Context {payload}", (cite,)),),
        quotes=(Quote(f"Quote {payload}", payload, cite),),
        source_sentences=((text, f"Second {payload}"), (payload,)),
    )


def hostile_briefing(payloads: list[str]) -> Briefing:
    """Every payload in every field of a story, plus the briefing's title and skipped list."""
    return Briefing(
        title=f"Briefing {payloads[0]}",
        date="2026-11-28",
        stories=tuple(hostile_story(p, i) for i, p in enumerate(payloads)),
        skipped=tuple(Skipped(f"{p}.txt", f"reason {p}") for p in payloads),
        summarizer="lead",
        generator="briefing test",
    )


def benign_briefing() -> Briefing:
    # Two sections, an updated story with new facts and an omitted count: every element the
    # templates can make appears in the baseline.
    plain = hostile_briefing(["plain-words", "other-words"])
    first, second = plain.stories
    first = dataclasses.replace(
        first,
        section="Business",
        status="updated",
        summary=tuple(dataclasses.replace(line, new=True) for line in first.summary),
    )
    second = dataclasses.replace(second, section="Sport", status="new")
    return dataclasses.replace(
        plain, stories=(first, second), omitted=1, unchanged=1, previous="2026-11-27"
    )


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    hostile = hostile_briefing(PAYLOADS)
    return {
        "page": render(hostile, "html"),
        "email": render_email(hostile).html,
        "page-baseline": render(benign_briefing(), "html"),
        "email-baseline": render_email(benign_briefing()).html,
    }


@pytest.mark.parametrize("name", ["page", "email"])
def test_every_payload_in_every_story_field_is_inert(pages: dict[str, str], name: str) -> None:
    assert_inert(pages[name], pages[f"{name}-baseline"], name)


@pytest.mark.parametrize("name", ["page", "email"])
def test_payloads_stay_visible_as_text(pages: dict[str, str], name: str) -> None:
    text = " ".join(" ".join(markup(pages[name]).text).split())
    for payload in PAYLOADS:
        # Direction and control characters are dropped; everything else must be there.
        kept = "".join(c for c in payload if c not in DIRECTION_CONTROLS and not _control(c))
        shown = " ".join(kept.split())
        assert shown in text, f"{name}: payload {payload!r} was dropped, not escaped"


def test_direction_controls_cannot_reorder_the_page(pages: dict[str, str]) -> None:
    page = pages["page"]
    assert "Safe text gnp.exe" in page
    # JSON keeps the data as it was: consumers decide how to show it.
    data = json.loads(render(hostile_briefing(PAYLOADS), "json"))
    assert any("\u202e" in story["headline"] for story in data["stories"])


@pytest.fixture(scope="module")
def pipeline_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The payloads in every field of real article files, through the real pipeline."""
    folder = tmp_path_factory.mktemp("payload-articles")
    lines = []
    for number, payload in enumerate(PAYLOADS):
        body = (
            f"The council said on Monday that {payload} was planted in {number + 2} notices.\n\n"
            f"Officials removed the code, which read {payload}, from the planning portal.\n\n"
            "The portal will be back online by the end of the week, the council said."
        )
        record = {
            "id": f"payload-{number}",
            "title": f"Notice {payload}",
            "author": f"Reporter {payload}",
            "source": f"Gazette {payload}",
            "url": payload,
            "text": body,
        }
        lines.append(json.dumps(record))
    (folder / "payloads.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = BuildOptions(summarizer="lead", sentences=2, date="2026-11-28", extract=False)
    built = build_briefing([str(folder)], options)
    assert len(built.stories) + len(built.skipped) >= len(PAYLOADS) // 2
    assert built.stories, "no payload article made a story"
    return {
        "page": render(built, "html"),
        "email": render_email(built).html,
        "page-baseline": render(benign_briefing(), "html"),
        "email-baseline": render_email(benign_briefing()).html,
    }


@pytest.mark.parametrize("name", ["page", "email"])
def test_payloads_in_article_files_are_inert(pipeline_pages: dict[str, str], name: str) -> None:
    assert_inert(pipeline_pages[name], pipeline_pages[f"{name}-baseline"], name)
    assert "&lt;script&gt;" in pipeline_pages[name]


def test_email_headers_cannot_be_injected() -> None:
    briefing = dataclasses.replace(
        sample_briefing(), title="Briefing\r\nBcc: victim@example.com\r\n\r\n<script>x</script>"
    )
    message = build_message(briefing, sender="desk@example.com", recipients=["a@example.com"])
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["Bcc"] is None
    assert "\n" not in str(parsed["Subject"]) and "\r" not in str(parsed["Subject"])
    assert sorted(parsed.keys()) == sorted(message.keys())


# --------------------------------------------------------------------------- in a browser

browser_only = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK) and not os.environ.get("CI"), reason=MISSING
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{MISSING} (.ci/run must install it)")
    tools = DevTools(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield tools
    finally:
        tools.close()


@browser_only
@pytest.mark.parametrize(
    "name", ["page", "email", "pipeline-page", "pipeline-email"], ids=lambda n: n
)
def test_no_payload_runs_in_chromium(
    browser: DevTools,
    pages: dict[str, str],
    pipeline_pages: dict[str, str],
    tmp_path: Path,
    name: str,
) -> None:
    text = pipeline_pages[name.split("-", 1)[1]] if name.startswith("pipeline") else pages[name]
    page = tmp_path / f"{name}.html"
    page.write_text(text, encoding="utf-8")
    result = visit(browser, page, tmp_path, width=1280, height=900, mobile=False)
    assert result.console_errors == [], "a payload ran (or the page threw)"
    assert result.dialogs == []
    assert result.requests == [], "a payload fetched something"
    assert result.report["scripts"] == 0


@browser_only
def test_the_browser_check_catches_a_payload_that_runs(browser: DevTools, tmp_path: Path) -> None:
    """Not vacuous: the same payloads, unescaped, are caught on every count."""
    page = tmp_path / "raw.html"
    page.write_text(
        "<!doctype html><html lang=en><head><title>x</title></head><body>"
        + "".join(f"<p>{p}</p>" for p in PAYLOADS[:12])
        + '<img src="https://evil.example.com/x.png"></body></html>',
        encoding="utf-8",
    )
    result = visit(browser, page, tmp_path, width=800, height=600, mobile=False)
    # Each payload that runs throws (``__pwned`` is not defined), which DevTools reports.
    assert sum("Uncaught" in error for error in result.console_errors) >= 3
    assert any("evil.example.com" in url for url in result.requests)
    assert result.report["scripts"] > 0
