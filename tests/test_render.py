"""The render stage: golden files, the JSON structure and schema, escaping, user templates."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from fixtures_briefing import sample_briefing
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import briefing
from briefing.errors import TemplateError, UsageError
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
from briefing.render import (
    FORMATS,
    SCHEMA_PATH,
    TEMPLATE_NAMES,
    briefing_to_dict,
    default_templates_dir,
    http_url,
    load_schema,
    md_escape,
    render,
)

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_FILES = {"markdown": "sample.md", "html": "sample.html", "json": "sample.json"}
XSS = "<script>alert(1)</script>"


# --------------------------------------------------------------------------- helpers


class _Page(HTMLParser):
    """Collects what the HTML tests look at: tags in order, attributes, ids, text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        attributes = dict(attrs)
        self.attrs.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def _bare_story(**changes: object) -> Story:
    """A story with a summary and a source but none of the optional sections."""
    story = Story(
        id="bare",
        headline="Storm closes ferry routes across the Irish Sea",
        summary=(
            SummaryLine(
                "Stena Line cancelled all sailings between Holyhead and Dublin on Sunday.",
                (Citation(0, 0),),
            ),
        ),
        sources=(
            Source(
                id="bbc-ferries",
                title="Ferries cancelled as Storm Kathleen hits",
                url="https://www.bbc.co.uk/news/uk-wales-68741256",
                source="BBC News",
                published="2024-04-07",
            ),
        ),
        source_sentences=(
            ("Stena Line cancelled all sailings between Holyhead and Dublin on Sunday.",),
        ),
    )
    return dataclasses.replace(story, **changes)  # type: ignore[arg-type]


def _hostile_briefing() -> Briefing:
    """The sample briefing with a script tag in every free-text field and a javascript: URL."""
    sample = sample_briefing()
    port = sample.stories[0]
    hostile_source = dataclasses.replace(
        port.sources[0],
        title=f"Strike {XSS} ends",
        url="javascript:alert(document.cookie)",
        source=f"Wire {XSS}",
        author=f"Reporter {XSS}",
        place=XSS,
    )
    port = dataclasses.replace(
        port,
        headline=f"Headline {XSS}",
        summary=(
            SummaryLine(
                f"Body sentence {XSS} [click](javascript:alert(2)) here.", (Citation(0, 0),)
            ),
            *port.summary[1:],
        ),
        actors=(
            dataclasses.replace(port.actors[0], name=f"Actor {XSS}", role=XSS),
            *port.actors[1:],
        ),
        quotes=(Quote(f"Quote {XSS}", f"Speaker {XSS}", Citation(0, 4)),),
        context=(ContextItem("<img src=x onerror=alert(3)> context", (Citation(0, 7),)),),
        sources=(hostile_source, *port.sources[1:]),
        source_sentences=(
            (f"Cited {XSS} sentence.", *port.source_sentences[0][1:]),
            port.source_sentences[1],
        ),
    )
    return dataclasses.replace(
        sample,
        title=f"Title {XSS}",
        stories=(port, *sample.stories[1:]),
        skipped=(Skipped(input=f"feed {XSS}", reason=f"reason {XSS}"),),
    )


# --------------------------------------------------------------------------- golden files


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt: str) -> None:
    """The sample briefing renders exactly as the reviewed golden file.

    Regenerate after an intended change with ``BRIEFING_UPDATE_GOLDEN=1 pytest tests/test_render.py``
    and review the diff.
    """
    output = render(sample_briefing(), fmt)
    path = GOLDEN / GOLDEN_FILES[fmt]
    if os.environ.get("BRIEFING_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(output, encoding="utf-8")
    assert path.exists(), f"{path} is missing; run BRIEFING_UPDATE_GOLDEN=1 pytest {__file__}"
    assert output == path.read_text(encoding="utf-8")


def test_formats_and_templates_match() -> None:
    assert FORMATS == ("markdown", "html", "json")
    for name in TEMPLATE_NAMES.values():
        assert (default_templates_dir() / name).is_file()


# --------------------------------------------------------------------------- JSON


def test_json_output_is_the_documented_structure() -> None:
    sample = sample_briefing()
    data = json.loads(render(sample, "json"))
    assert data == briefing_to_dict(sample)
    assert list(data) == [
        "version",
        "title",
        "date",
        "generator",
        "summarizer",
        "stories",
        "skipped",
        "sections",
        "omitted",
        "unchanged",
        "older",
        "previous",
    ]
    assert data["version"] == "1"
    assert data["date"] == "2024-05-14"
    port = data["stories"][0]
    assert list(port) == [
        "id",
        "headline",
        "summary",
        "actors",
        "agreements",
        "context",
        "quotes",
        "figures",
        "places",
        "sources",
        "section",
        "score",
        "status",
    ]
    assert port["summary"][2]["citations"] == [
        {"source": 0, "sentence": 2},
        {"source": 1, "sentence": 1},
    ]
    assert port["agreements"][1] == {
        "text": sample.stories[0].agreements[1].text,
        "parties": ["FNV Havens members"],
        "acting": None,
        "action": "vote on",
        "object": "the deal",
        "status": "expected",
        "date": "Friday",
        "citation": {"source": 0, "sentence": 6},
    }
    assert port["quotes"][0]["speaker"] == "Niek Stam"
    assert port["actors"][3]["aliases"] == ["Adriaansens"]
    assert port["actors"][4]["role"] is None
    assert data["stories"][1]["quotes"] == [] and data["stories"][1]["context"] == []
    assert data["skipped"] == [
        {"input": "feeds/markets.xml:item 4", "reason": sample.skipped[0].reason}
    ]
    # Non-ASCII text is kept as is, not \u-escaped.
    assert "£1.2bn" in render(sample, "json")


def test_json_citations_point_at_real_sentences() -> None:
    sample = sample_briefing()
    data = briefing_to_dict(sample)
    for story, record in zip(data["stories"], sample.stories, strict=True):
        cited = [c for line in story["summary"] for c in line["citations"]]
        cited += [a["citation"] for a in story["agreements"]] + [
            q["citation"] for q in story["quotes"]
        ]
        for c in cited:
            assert 0 <= c["source"] < len(story["sources"])
            assert 0 <= c["sentence"] < len(record.source_sentences[c["source"]])


def test_json_validates_against_the_shipped_schema() -> None:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for candidate in (sample_briefing(), _hostile_briefing(), Briefing("Empty", "2024-01-02", ())):
        data = json.loads(render(candidate, "json"))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == []


def test_schema_rejects_what_the_structure_forbids() -> None:
    validator = Draft202012Validator(load_schema())
    data = briefing_to_dict(sample_briefing())

    bad_status = json.loads(json.dumps(data))
    bad_status["stories"][0]["agreements"][0]["status"] = "agreed"
    assert not validator.is_valid(bad_status)

    bad_kind = json.loads(json.dumps(data))
    bad_kind["stories"][0]["actors"][0]["kind"] = "company"
    assert not validator.is_valid(bad_kind)

    extra_in_citation = json.loads(json.dumps(data))
    extra_in_citation["stories"][0]["summary"][0]["citations"][0]["page"] = 3
    assert not validator.is_valid(extra_in_citation)

    missing_headline = json.loads(json.dumps(data))
    del missing_headline["stories"][0]["headline"]
    assert not validator.is_valid(missing_headline)

    # Forward compatibility: new fields on stories and items are allowed.
    extra_in_story = json.loads(json.dumps(data))
    extra_in_story["stories"][0]["topic"] = "labour"
    extra_in_story["stories"][0]["quotes"][0]["language"] = "en"
    assert validator.is_valid(extra_in_story)


def test_schema_is_shipped_inside_the_package() -> None:
    assert SCHEMA_PATH.parent.parent == Path(briefing.__file__).parent
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_json_date_and_generator_are_normalised() -> None:
    data = briefing_to_dict(Briefing(title="Evening", date="2024-05-14T18:00:00+02:00", stories=()))
    assert data["date"] == "2024-05-14"
    assert data["generator"] == f"briefing {briefing.__version__}"


# --------------------------------------------------------------------------- Markdown


def test_markdown_citations_are_one_based() -> None:
    text = render(sample_briefing(), "markdown")
    # Citation(0, 2) and Citation(1, 1) on the third summary line.
    assert (
        "after shipping lines had diverted some cargo to Antwerp and Hamburg. [1:3] [2:2]\n" in text
    )
    assert (
        '> "This is a fair deal that respects the work our members do around the clock" — Niek Stam [1:5]'
        in text
    )
    assert "- **Niek Stam** — the union's lead negotiator (person, 1 mention) [1:5]" in text
    assert "- **Expected** — FNV Havens members: vote on the deal (Friday) [1:7]" in text


def test_markdown_structure_through_python_markdown() -> None:
    page = markdown.markdown(render(sample_briefing(), "markdown"))
    parsed = _parse(page)
    assert parsed.headings.count(1) == 1
    # Two stories and the skipped list.
    assert parsed.headings.count(2) == 3
    assert "automation &amp; job security" in page
    links = [a.get("href") for tag, a in parsed.attrs if tag == "a"]
    assert links == [
        "https://www.reuters.com/business/rotterdam-port-strike-ends-2024-05-14/",
        "https://nltimes.nl/2024/05/14/port-rotterdam-relieved-dockworkers-strike-ends",
        "https://www.yorkshireeveningpost.co.uk/news/politics/leeds-tram-vote",
    ]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_empty_sections_are_left_out(fmt: str) -> None:
    plain = Briefing(title="Weekend", date="2024-04-07", stories=(_bare_story(),))
    output = render(plain, fmt)
    for heading in ("Key actors", "Agreements", "Context", "Quotes", "Skipped"):
        assert heading not in output
    assert "Sources" in output
    assert "Stena Line cancelled all sailings" in output
    # The sample's second story has no quotes or context, the first has both.
    sample = render(sample_briefing(), fmt)
    second = sample[sample.index("Leeds councillors back") :]
    assert "Quotes" not in second and "Context" not in second
    assert "Quotes" in sample and "Context" in sample


def test_markdown_has_no_runs_of_blank_lines() -> None:
    for candidate in (sample_briefing(), Briefing("Weekend", "2024-04-07", (_bare_story(),))):
        text = render(candidate, "markdown")
        assert "\n\n\n" not in text
        assert text.endswith("\n") and not text.endswith("\n\n")


def test_markdown_escapes_untrusted_text() -> None:
    text = render(_hostile_briefing(), "markdown")
    assert "<script" not in text.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    page = markdown.markdown(text)
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    hrefs = [a.get("href") or "" for tag, a in _parse(page).attrs if tag == "a"]
    assert hrefs and all(h.startswith("https://") for h in hrefs)
    assert "javascript:" not in " ".join(hrefs)


def test_markdown_text_cannot_break_structure() -> None:
    story = _bare_story(
        headline="# 1. Not a heading\nsecond line",
        summary=(
            SummaryLine("1. first\n\n## injected heading\n- injected item", (Citation(0, 0),)),
            SummaryLine("- 2024. A year to remember", (Citation(0, 0),)),
            SummaryLine(
                "> quoted [link](https://evil.example) ![img](https://evil.example/x.png)",
                (Citation(0, 0),),
            ),
        ),
    )
    text = render(Briefing("Structure", "2024-04-07", (story,)), "markdown")
    page = _parse(markdown.markdown(text))
    # One h1 (the title), one h2 (the story), no extra headings, one list item per line.
    assert page.headings == [1, 2, 3]
    assert page.tags.count("li") == 3 + 1  # three summary lines, one source
    assert "blockquote" not in page.tags and "img" not in page.tags
    assert [a for tag, a in page.attrs if tag == "a" and "evil" in (a.get("href") or "")] == []


_MARKDOWNISH = st.lists(
    st.sampled_from([*"ab 1.#-+*_`[]()<>&!\\|=~:\n\té’", "&amp;", "http://x.y", "  "]),
    max_size=25,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MARKDOWNISH)
def test_md_escape_round_trips_through_markdown(text: str) -> None:
    """Whatever the text, as a list item or a heading it stays exactly that, with its own text.

    Checked with Python-Markdown (what HTML conversion uses) and CommonMark (what rich's
    terminal preview uses).
    """
    import html as html_module

    from markdown_it import MarkdownIt

    escaped = md_escape(text)
    assert "\n" not in escaped
    collapsed = " ".join(text.split())
    if not collapsed:
        return
    commonmark = MarkdownIt("commonmark")
    for prefix, pattern in (("- ", r"<ul>\n<li>(.*)</li>\n</ul>\n?"), ("## ", r"<h2>(.*)</h2>\n?")):
        for page in (markdown.markdown(prefix + escaped), commonmark.render(prefix + escaped)):
            match = re.fullmatch(pattern, page, re.DOTALL)
            assert match, page
            inner = match.group(1)
            assert "<" not in inner.replace("&lt;", "")
            assert html_module.unescape(inner) == collapsed


def test_md_escape_examples() -> None:
    assert md_escape(None) == ""
    assert md_escape("AT&T <b>bold</b>") == "AT&amp;T &lt;b&gt;bold&lt;/b&gt;"
    assert md_escape("line one\n\n  line two") == "line one line two"
    assert md_escape("# Heading") == "\\# Heading"
    assert md_escape("1. Item") == "1\\. Item"
    assert md_escape("- item") == "\\- item"
    assert md_escape("well-known") == "well-known"
    assert md_escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert md_escape("We're number #") == "We're number \\#"
    assert md_escape("~~~ fence") == "&#126;~~ fence"
    assert md_escape("-- dash") == "\\-- dash"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2"),
        ("  http://example.com  ", "http://example.com"),
        ("HTTPS://EXAMPLE.COM/", "HTTPS://EXAMPLE.COM/"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html;base64,PHNjcmlwdD4=", None),
        ("java\tscript:alert(1)", None),
        ("https://", None),
        ("https:///path", None),
        ('https://example.com/" onmouseover="alert(1)', None),
        ("/relative/path", None),
        (None, None),
    ],
)
def test_http_url(url: str | None, expected: str | None) -> None:
    assert http_url(url) == expected


# --------------------------------------------------------------------------- HTML


def test_html_page_structure() -> None:
    page = render(sample_briefing(), "html")
    assert page.startswith('<!doctype html>\n<html lang="en">')
    parsed = _parse(page)
    assert ("meta", {"charset": "utf-8"}) in parsed.attrs
    assert any(
        tag == "meta"
        and a.get("name") == "viewport"
        and "width=device-width" in (a.get("content") or "")
        for tag, a in parsed.attrs
    )
    for tag in ("title", "style", "header", "main", "footer", "article", "section"):
        assert tag in parsed.tags
    assert parsed.tags.count("article") == 2
    assert "prefers-color-scheme: dark" in page and "max-width" in page
    # No scripts and nothing loaded from elsewhere.
    assert "script" not in parsed.tags and "link" not in parsed.tags and "img" not in parsed.tags
    assert not any("src" in a for _, a in parsed.attrs)
    # Headings never skip a level.
    assert parsed.headings[0] == 1
    for before, after in zip(parsed.headings, parsed.headings[1:], strict=False):
        assert after <= before + 1


def test_html_citations_link_to_sources_and_show_the_sentence() -> None:
    sample = sample_briefing()
    parsed = _parse(render(sample, "html"))
    cites = [a for tag, a in parsed.attrs if tag == "a" and a.get("class") == "cite"]
    assert len(cites) > 10
    for a in cites:
        assert (a["href"] or "").lstrip("#") in parsed.ids
    nl_times_quote = [
        a for a in cites if a["href"] == "#s1-src2" and "relieved" in (a.get("title") or "")
    ]
    assert nl_times_quote[0]["title"] == sample.stories[0].source_sentences[1][3]
    sources = [a for tag, a in parsed.attrs if tag == "a" and a.get("class") != "cite"]
    assert [a["href"] for a in sources] == [
        s.url for story in sample.stories for s in story.sources
    ]
    assert all(a["rel"] == "noopener noreferrer" for a in sources)


def test_html_unknown_citation_has_no_title() -> None:
    story = _bare_story(
        summary=(SummaryLine("A line with a dangling citation.", (Citation(0, 9),)),)
    )
    page = render(Briefing("Dangling", "2024-04-07", (story,)), "html")
    assert '<a class="cite" href="#s1-src1">[1:10]</a>' in page


def test_html_escapes_untrusted_text_everywhere() -> None:
    page = render(_hostile_briefing(), "html")
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    parsed = _parse(page)
    hrefs = [a.get("href") or "" for tag, a in parsed.attrs if tag == "a"]
    assert all(h.startswith(("#", "https://")) for h in hrefs)
    # The javascript: URL is still shown, as text.
    assert "javascript:alert(document.cookie)" in "".join(parsed.text)
    # Each hostile field made it to the page, escaped.
    text = "".join(parsed.text)
    for field in (
        "Title",
        "Headline",
        "Body sentence",
        "Actor",
        "Quote",
        "Speaker",
        "Reporter",
        "Wire",
        "feed",
        "reason",
    ):
        assert f"{field} {XSS}" in text, field
    cited = [
        a.get("title") for tag, a in parsed.attrs if tag == "a" and a.get("href") == "#s1-src1"
    ]
    assert f"Cited {XSS} sentence." in cited


# --------------------------------------------------------------------------- templates


def test_user_template_extends_the_default_and_overrides_one_block(tmp_path: Path) -> None:
    (tmp_path / "briefing.html").write_text(
        '{% extends "!default/briefing.html" %}\n'
        "{% block footer %}<p>Compiled for the night desk by {{ generator }}</p>{% endblock %}\n",
        encoding="utf-8",
    )
    page = render(sample_briefing(), "html", templates=tmp_path)
    assert "<p>Compiled for the night desk by briefing 0.1.0</p>" in page
    assert "summarizer: textrank" not in page
    # Everything else is the default page.
    default = render(sample_briefing(), "html")
    assert page.split("<footer>")[0] == default.split("<footer>")[0]
    # Other formats still use the defaults.
    assert render(sample_briefing(), "markdown", templates=tmp_path) == render(
        sample_briefing(), "markdown"
    )


def test_user_story_block_override_sees_the_loop(tmp_path: Path) -> None:
    (tmp_path / "briefing.md").write_text(
        '{% extends "!default/briefing.md" %}\n'
        "{% block story %}\n## {{ number }}. {{ story.headline | md }}\n{% endblock %}\n",
        encoding="utf-8",
    )
    text = render(sample_briefing(), "markdown", templates=tmp_path)
    assert "## 1. Rotterdam dockworkers end strike after two-year pay deal\n" in text
    assert "## 2. Leeds councillors back £1.2bn tram line to the airport\n" in text
    assert "Key actors" not in text
    assert text.startswith("# Morning briefing\n")


def test_user_html_template_is_autoescaped(tmp_path: Path) -> None:
    (tmp_path / "briefing.html").write_text("<h1>{{ briefing.title }}</h1>\n", encoding="utf-8")
    page = render(_hostile_briefing(), "html", templates=tmp_path)
    assert page == "<h1>Title &lt;script&gt;alert(1)&lt;/script&gt;</h1>\n"


def test_user_json_template_must_produce_json(tmp_path: Path) -> None:
    (tmp_path / "briefing.json").write_text(
        '{"title": {{ data.title | json }}, "stories": {{ data.stories | length }}}\n',
        encoding="utf-8",
    )
    assert json.loads(render(sample_briefing(), "json", templates=tmp_path)) == {
        "title": "Morning briefing",
        "stories": 2,
    }
    (tmp_path / "briefing.json").write_text(
        '{"title": "{{ data.title }}",\n "stories": {{ data.stories | length }},}\n',
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match=r"briefing\.json.*not valid JSON.*line 2"):
        render(sample_briefing(), "json", templates=tmp_path)


def test_broken_user_template_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "briefing.html").write_text(
        "<h1>{{ briefing.title }}</h1>\n<ul>\n{% for story in briefing.stories %}\n<li>{{ story.headline }</li>\n",
        encoding="utf-8",
    )
    with pytest.raises(TemplateError) as caught:
        render(sample_briefing(), "html", templates=tmp_path)
    message = str(caught.value)
    assert "\n" not in message
    assert f"{tmp_path.name}/briefing.html:4:" in message


def test_undefined_variable_in_user_template_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "briefing.md").write_text(
        "# {{ briefing.title }}\n\n{{ briefing.subtitle }}\n", encoding="utf-8"
    )
    with pytest.raises(
        TemplateError, match=re.escape(f"{tmp_path.name}/briefing.md:3:") + ".*subtitle"
    ):
        render(sample_briefing(), "markdown", templates=tmp_path)


def test_missing_parent_template_names_the_referring_file(tmp_path: Path) -> None:
    (tmp_path / "briefing.html").write_text(
        '{# my page #}\n{% extends "!default/base.html" %}\n', encoding="utf-8"
    )
    with pytest.raises(TemplateError) as caught:
        render(sample_briefing(), "html", templates=tmp_path)
    message = str(caught.value)
    assert "'!default/base.html' not found" in message
    assert f"{tmp_path.name}/briefing.html:2" in message


def test_templates_folder_must_exist(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        render(sample_briefing(), "html", templates=tmp_path / "nope")
    (tmp_path / "file.html").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="is not a directory"):
        render(sample_briefing(), "html", templates=tmp_path / "file.html")


def test_unknown_format_lists_the_formats() -> None:
    with pytest.raises(UsageError) as caught:
        render(sample_briefing(), "pdf")
    assert str(caught.value) == "unknown format 'pdf'; choose one of: markdown, html, json"
    assert caught.value.exit_code == 2


def test_agreement_without_object_or_date() -> None:
    story = _bare_story(
        agreements=(
            Agreement(
                text="The talks collapsed on Sunday.",
                parties=("Stena Line", "RMT"),
                action="rejected",
                status="rejected",
                citation=Citation(0, 0),
            ),
        ),
        actors=(Actor("Stena Line", "organisation"),),
    )
    text = render(Briefing("Weekend", "2024-04-07", (story,)), "markdown")
    assert "- **Rejected** — Stena Line, RMT: rejected [1:1]\n" in text
    assert "- **Stena Line** (organisation, 1 mention)\n" in text

    unnamed = dataclasses.replace(story.agreements[0], parties=(), action="collapsed")
    story = dataclasses.replace(story, agreements=(unnamed,))
    text = render(Briefing("Weekend", "2024-04-07", (story,)), "markdown")
    assert "- **Rejected** — collapsed [1:1]\n" in text
    page = render(Briefing("Weekend", "2024-04-07", (story,)), "html")
    assert (
        '<span class="status status-rejected">Rejected</span> — collapsed <a class="cite"' in page
    )


@pytest.mark.parametrize("fmt", ["markdown", "html", "email", "text"])
def test_an_unnamed_acting_side_opens_the_line(fmt: str) -> None:
    """ "Leaders rejected a proposal from Vanuatu", not "Vanuatu: rejected a proposal from
    Vanuatu", which reads as if Vanuatu had rejected its own proposal."""
    rejected = Agreement(
        text="Leaders rejected a proposal from Vanuatu to phase out coal.",
        parties=("Vanuatu",),
        action="rejected",
        status="rejected",
        citation=Citation(0, 0),
        object="a proposal from Vanuatu",
        acting="Leaders",
    )
    agreed = dataclasses.replace(
        rejected, parties=("Chile",), action="agreed", object="a trade deal", acting="Ministers"
    )
    hostile = dataclasses.replace(rejected, acting=f"Unions {XSS}")
    story = _bare_story(agreements=(rejected, agreed, hostile))
    weekend = Briefing("Weekend", "2024-04-07", (story,))
    if fmt in ("markdown", "html"):
        text = render(weekend, fmt)
    else:
        from briefing.mail import render_email

        parts = render_email(weekend)
        text = parts.html if fmt == "email" else " ".join(parts.text.split())
    assert "Leaders rejected a proposal from Vanuatu" in text
    assert "Vanuatu: rejected" not in text
    assert "Ministers agreed a trade deal (with Chile)" in text
    if fmt in ("html", "email"):
        assert XSS not in text


def test_json_has_the_unnamed_acting_side() -> None:
    story = _bare_story(
        agreements=(
            Agreement(
                text="Unions in Sweden rejected the deal.",
                parties=(),
                action="rejected",
                status="rejected",
                citation=Citation(0, 0),
                object="the deal",
                acting="Unions in Sweden",
            ),
        )
    )
    data = json.loads(render(Briefing("Weekend", "2024-04-07", (story,)), "json"))
    assert data["stories"][0]["agreements"][0]["acting"] == "Unions in Sweden"
