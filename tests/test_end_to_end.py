"""The whole pipeline on the samples: golden files for two articles in every format, no junk
in any output, escaped HTML, and JSON that validates against the shipped schema.

Regenerate the golden files after an intended change with
``BRIEFING_UPDATE_GOLDEN=1 pytest tests/test_end_to_end.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from briefing.models import Briefing
from briefing.pipeline import BuildOptions, build_briefing
from briefing.render import FORMATS, load_schema, render

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden" / "e2e"
SUFFIX = {"markdown": "md", "html": "html", "json": "json"}
# Golden files pin the summariser so that tuning the default does not churn them.
OPTIONS = BuildOptions(summarizer="lead", sentences=3, date="2026-11-28", title="Test briefing")


@cache
def built(name: str) -> Briefing:
    return build_briefing([str(SAMPLES / name)], OPTIONS)


@cache
def built_all() -> Briefing:
    return build_briefing([str(SAMPLES)], BuildOptions(date="2026-11-28"))


@pytest.mark.parametrize("sample", ["summit-html-page.html", "port-merger.txt"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(sample: str, fmt: str) -> None:
    text = render(built(sample), fmt)
    golden = GOLDEN / f"{Path(sample).stem}.{SUFFIX[fmt]}"
    if os.environ.get("BRIEFING_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_every_sample_becomes_a_story() -> None:
    briefing = built_all()
    assert not briefing.skipped
    assert len(briefing.stories) >= 10
    for story in briefing.stories:
        assert story.summary and story.sources
        sentences = story.source_sentences[0]
        for line in story.summary:
            # Extractive lines are copied verbatim from the sentence they cite.
            assert [sentences[c.sentence] for c in line.citations] == [line.text]


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_junk_reaches_any_output(fmt: str, junk_lines: list[str]) -> None:
    text = render(built_all(), fmt)
    if fmt == "json":
        text = json.dumps(json.loads(text), ensure_ascii=False)
    flat = re.sub(r"\s+", " ", text).lower()
    leaked = [line for line in junk_lines if re.sub(r"\s+", " ", line).lower() in flat]
    assert leaked == []


def test_no_junk_in_actors() -> None:
    junk_words = {
        "source",
        "leave",
        "reply",
        "share",
        "facebook",
        "twitter",
        "advertisement",
        "newsletter",
        "subscribe",
        "cookie",
        "cookies",
        "comments",
        "back to top",
    }
    for story in built_all().stories:
        for actor in story.actors:
            assert actor.name.lower() not in junk_words, actor


def test_injection_is_escaped_in_html() -> None:
    page = render(build_briefing([str(SAMPLES / "injection.txt")], OPTIONS), "html")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x onerror" not in page

    class Elements(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[str] = []
            self.handlers: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append(tag)
            self.handlers += [name for name, _ in attrs if name.startswith("on")]

    parsed = Elements()
    parsed.feed(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert parsed.handlers == []


def test_json_of_all_samples_validates() -> None:
    data = json.loads(render(built_all(), "json"))
    Draft202012Validator(load_schema()).validate(data)
    assert data["date"] == "2026-11-28"
    kinds = {a["kind"] for s in data["stories"] for a in s["actors"]}
    assert {"person", "organisation"} <= kinds
    assert any(s["agreements"] for s in data["stories"])
    assert any(s["quotes"] for s in data["stories"])
