"""What changed since the previous briefing (briefing.changes): reading --previous, matching
stories, marking new stories and new facts, --only-new, and the marks in every format."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures_briefing import sample_briefing
from jsonschema import Draft202012Validator, FormatChecker
from test_browser import CHROMIUM, MISSING, DevTools, visit
from test_browser import _assert_clean as assert_clean

from briefing.changes import (
    drop_unchanged,
    load_previous,
    mark_changes,
    match_stories,
    parse_previous,
)
from briefing.cli import cli
from briefing.errors import UsageError
from briefing.mail import render_email
from briefing.models import Agreement, Briefing, Citation, Quote, Source, Story, SummaryLine
from briefing.render import briefing_to_dict, load_schema, render

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def previous_of(briefing: Briefing) -> object:
    """The previous briefing as --previous reads it: our own JSON, round-tripped."""
    return json.loads(render(briefing, "json"))


def test_unchanged_stories_match_by_source_and_stay_unmarked() -> None:
    sample = sample_briefing()
    previous = parse_previous(previous_of(sample))
    assert previous.date == "2024-05-14" and len(previous.stories) == 2
    marked = mark_changes(list(sample.stories), previous)
    assert [s.status for s in marked] == ["", ""]
    assert not any(line.new for s in marked for line in s.summary)
    assert not any(q.new for s in marked for q in s.quotes)


def test_a_story_with_new_facts_is_updated_and_only_those_are_marked() -> None:
    sample = sample_briefing()
    previous = parse_previous(previous_of(sample))
    port = sample.stories[0]
    vote = SummaryLine(
        "FNV Havens members approved the deal in Friday's vote by 87% to 13%.", (Citation(0, 6),)
    )
    quote = Quote("The members have spoken", "Niek Stam", Citation(0, 4))
    agreement = Agreement(
        "Members approved the deal.", ("FNV Havens members",), "approved", "signed", Citation(0, 6)
    )
    today = replace(
        port,
        summary=(*port.summary, vote),
        quotes=(*port.quotes, quote),
        agreements=(*port.agreements, agreement),
    )
    (marked,) = mark_changes([today], previous)
    assert marked.status == "updated"
    assert [line.new for line in marked.summary] == [False, False, False, True]
    assert [q.new for q in marked.quotes] == [False, False, True]
    assert [a.new for a in marked.agreements] == [False, False, True]


def test_reworded_line_is_not_new_but_a_different_one_is() -> None:
    sample = sample_briefing()
    previous = parse_previous(previous_of(sample))
    port = sample.stories[0]
    # The first line with punctuation and case changed says the same thing.
    same = replace(port.summary[0], text=port.summary[0].text.upper().replace(",", ""))
    (marked,) = mark_changes([replace(port, summary=(same, *port.summary[1:]))], previous)
    assert marked.status == "" and not marked.summary[0].new


def test_unrelated_story_is_new_and_its_items_are_not_marked_one_by_one() -> None:
    previous = parse_previous(previous_of(sample_briefing()))
    story = Story(
        id="ferry",
        headline="Ferry operator cancels Irish Sea sailings as storm nears",
        summary=(
            SummaryLine("Stena Line cancelled all sailings between Holyhead and Dublin.", ()),
        ),
        sources=(Source("ferry", None, "https://example.com/ferry", "BBC News", None),),
    )
    (marked,) = mark_changes([story], previous)
    assert marked.status == "new" and not marked.summary[0].new


def test_stories_match_by_text_when_sources_differ() -> None:
    sample = sample_briefing()
    previous = parse_previous(previous_of(sample))
    # Today's write-up of the tram vote comes from another outlet, with another URL and id.
    tram = sample.stories[1]
    other = replace(
        tram,
        id="bbc-leeds-tram",
        headline="Leeds council backs £1.2bn airport tram line",
        summary=(
            SummaryLine(
                "Councillors in Leeds voted 61-22 to approve a tram line to Leeds Bradford Airport.",
                (Citation(0, 0),),
            ),
            SummaryLine(
                "The line is expected to cost £1.2bn and would not open before 2031.",
                (Citation(0, 1),),
            ),
        ),
        sources=(
            Source("bbc-leeds-tram", None, "https://www.bbc.co.uk/news/leeds-tram", "BBC", None),
        ),
    )
    unrelated = Story(
        id="glaciers",
        headline="Alpine glaciers lost a tenth of their ice in two years",
        summary=(SummaryLine("Swiss glaciers shrank faster than at any time on record.", ()),),
        sources=(Source("glaciers", None, None, "Alpine Science Review", None),),
    )
    assert match_stories([unrelated, other], previous) == [None, 1]


def test_each_previous_story_matches_once() -> None:
    sample = sample_briefing()
    previous = parse_previous(previous_of(sample))
    port = sample.stories[0]
    assert match_stories([port, port], previous) == [0, None]


def test_drop_unchanged_counts() -> None:
    stories = [
        replace(sample_briefing().stories[0], status=status) for status in ("new", "", "updated")
    ]
    kept, dropped = drop_unchanged(stories)
    assert [s.status for s in kept] == ["new", "updated"] and dropped == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{not json", "not JSON (line 1, column 2"),
        ('{"id": "a1", "text": "An article."}', "not a briefing (no version and stories)"),
        ('[{"version": "1"}]', "not a briefing (no version and stories)"),
        ('{"version": "2", "date": "2026-11-27", "stories": []}', "version '2' is not supported"),
        ('{"version": "1", "stories": []}', "not a briefing (date or stories missing)"),
        ('{"version": "1", "date": "2026-11-27", "stories": [{"id": "x"}]}', "story 1 lacks"),
    ],
)
def test_bad_previous_files_are_one_line_usage_errors(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "yesterday.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        load_previous(path)
    text = str(caught.value)
    assert text.startswith(f"--previous {path}: ") and message in text
    assert text.endswith("pass a JSON briefing written by 'briefing build --format json'")
    assert "\n" not in text


def test_previous_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a folder"):
        load_previous(tmp_path)


# --------------------------------------------------------------------------- rendering


def marked_briefing() -> Briefing:
    port, tram = sample_briefing().stories
    port = replace(
        port,
        status="updated",
        summary=(*port.summary[:2], replace(port.summary[2], new=True)),
        quotes=(port.quotes[0], replace(port.quotes[1], new=True)),
    )
    return replace(
        sample_briefing(),
        stories=(port, replace(tram, status="new")),
        previous="2024-05-13",
        unchanged=2,
    )


def test_markdown_marks_new_and_updated_stories_and_new_facts() -> None:
    text = render(marked_briefing(), "markdown")
    assert "*New and updated stories since the briefing of Monday 13 May 2024 are marked.*" in text
    assert "**Updated** since the last briefing" in text and "**New** since" in text
    assert text.count("*(new)*") == 3  # the legend, a summary line and a quote
    assert "Antwerp and Hamburg. *(new)* [1:3] [2:2]" in text
    assert "*2 unchanged stories left out (nothing new since Monday 13 May 2024).*" in text
    assert "(new)" not in render(sample_briefing(), "markdown")


def test_html_and_email_mark_new_facts() -> None:
    page = render(marked_briefing(), "html")
    assert page.count('<span class="new">new</span>') == 3
    assert '<strong class="badge">Updated</strong>' in page
    assert '<strong class="badge">New</strong>' in page
    parts = render_email(marked_briefing())
    assert "[UPDATED] since the last briefing" in parts.text
    assert "[NEW] since the last briefing" in parts.text
    assert "2 unchanged stories left out" in parts.text
    assert parts.html.count(">new</span>") == 3


def test_json_carries_status_and_new_flags_and_round_trips() -> None:
    briefing = marked_briefing()
    data = briefing_to_dict(briefing)
    assert [s["status"] for s in data["stories"]] == ["updated", "new"]
    assert [line.get("new", False) for line in data["stories"][0]["summary"]] == [
        False,
        False,
        True,
    ]
    assert data["stories"][0]["quotes"][1]["new"] is True
    assert data["previous"] == "2024-05-13" and data["unchanged"] == 2
    # A marked briefing is itself a valid --previous for the next day.
    assert len(parse_previous(json.loads(render(briefing, "json"))).stories) == 2


def test_marked_sectioned_json_validates_against_the_schema() -> None:
    port, tram = marked_briefing().stories
    briefing = replace(
        marked_briefing(),
        stories=(replace(port, section="Business", score=2.5), replace(tram, section="Politics")),
        omitted=4,
        older=1,
    )
    validator = Draft202012Validator(load_schema(), format_checker=FormatChecker())
    data = json.loads(render(briefing, "json"))
    assert list(validator.iter_errors(data)) == []
    data["stories"][0]["status"] = "changed"
    data["stories"][0]["summary"][0]["new"] = "yes"
    data["omitted"] = -1
    assert len(list(validator.iter_errors(data))) == 3


# --------------------------------------------------------------------------- command line


def _cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


FAST = ("--summarizer", "lead", "--no-extract")


def test_previous_round_trip_marks_only_the_added_story(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    yesterday = tmp_path / "yesterday.json"
    first = [str(SAMPLES / "port-merger.txt"), str(SAMPLES / "glacier-study.md")]
    code, _, err = _cli(
        tmp_path, monkeypatch, "build", *first, *FAST, "--date", "2026-11-27", "-o", str(yesterday)
    )
    assert code == 0, err
    today = [*first, str(SAMPLES / "chip-factory.html")]
    code, out, err = _cli(
        tmp_path, monkeypatch, "build", *today, *FAST, "--date", "2026-11-28", "-f", "json",
        "--previous", str(yesterday),
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    status = {s["headline"].split()[0]: s["status"] for s in data["stories"]}
    assert status == {"Dutch": "new", "Harbourline": "", "Alpine": ""}
    assert data["previous"] == "2026-11-27"

    code, out, err = _cli(
        tmp_path, monkeypatch, "build", *today, *FAST, "--date", "2026-11-28",
        "--previous", str(yesterday), "--only-new",
    )  # fmt: skip
    assert code == 0, err
    assert "Dutch chipmaker" in out and "Harbourline" not in out and "Alpine" not in out
    assert "**New** since the last briefing." in out
    assert "*2 unchanged stories left out (nothing new since Friday 27 November 2026).*" in out


def test_only_new_with_nothing_new_is_not_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    yesterday = tmp_path / "yesterday.json"
    sample = str(SAMPLES / "glacier-study.md")
    code, _, err = _cli(tmp_path, monkeypatch, "build", sample, *FAST, "-o", str(yesterday))
    assert code == 0, err
    code, out, err = _cli(
        tmp_path, monkeypatch, "build", sample, *FAST, "--previous", str(yesterday), "--only-new"
    )
    assert code == 0, err
    assert "nothing new since the briefing of" in err
    assert "1 unchanged story left out" in out


def test_cli_previous_mistakes_are_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = str(SAMPLES / "glacier-study.md")
    code, _, err = _cli(tmp_path, monkeypatch, "build", sample, *FAST, "--only-new")
    assert code == 2 and err.count("\n") == 1 and "--only-new needs --previous" in err
    articles = tmp_path / "articles.json"
    articles.write_text('{"title": "Not a briefing", "text": "Body."}', encoding="utf-8")
    code, _, err = _cli(tmp_path, monkeypatch, "build", sample, *FAST, "--previous", str(articles))
    assert code == 2 and err.count("\n") == 1
    assert f"--previous {articles}: not a briefing" in err


# --------------------------------------------------------------------------- in a browser


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevTools]:
    if not os.access(CHROMIUM, os.X_OK):
        if os.environ.get("CI"):
            pytest.fail(f"{MISSING} (.ci/run must install it)")
        pytest.skip(MISSING)
    tools = DevTools(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield tools
    finally:
        tools.close()


@pytest.mark.parametrize("kind", ["page", "email"])
@pytest.mark.parametrize("dark", [False, True])
def test_sections_and_marks_read_well_in_a_browser(
    browser: DevTools, tmp_path: Path, kind: str, dark: bool
) -> None:
    """Section headings keep the heading levels in order, and the marks are legible (size and
    contrast) at phone width, light and dark."""
    port, tram = marked_briefing().stories
    briefing = replace(
        marked_briefing(),
        stories=(replace(port, section="Business"), replace(tram, section="Politics")),
        omitted=1,
    )
    page = tmp_path / f"{kind}.html"
    html = render(briefing, "html") if kind == "page" else render_email(briefing).html
    page.write_text(html, encoding="utf-8")
    result = visit(browser, page, tmp_path, width=375, height=812, mobile=True, dark=dark)
    assert_clean(result)
    assert result.report["smallText"] == []
    assert result.report["overflowing"] == []
    if kind == "page":
        # h1 title, h2 section, h3 story, h4 story parts.
        assert result.report["headings"][:4] == [1, 2, 3, 4]
