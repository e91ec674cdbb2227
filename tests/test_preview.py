"""The terminal preview: rich on a terminal, readable plain text everywhere else."""

from __future__ import annotations

import io

import pytest
from fixtures_briefing import sample_briefing
from rich.console import Console

from briefing.models import Briefing
from briefing.preview import markdown_to_plain, preview
from briefing.render import render


@pytest.fixture(scope="module")
def sample_markdown() -> str:
    return render(sample_briefing(), "markdown")


def _console(*, terminal: bool) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    console = Console(
        file=out, force_terminal=terminal, width=100, color_system=None, legacy_windows=False
    )
    return console, out


def test_plain_text_has_no_markdown_markup(sample_markdown: str) -> None:
    text = markdown_to_plain(sample_markdown)
    lines = text.splitlines()
    assert lines[:2] == ["Morning briefing", "=" * len("Morning briefing")]
    headline = "Rotterdam dockworkers end strike after two-year pay deal"
    assert lines[lines.index(headline) + 1] == "-" * len(headline)
    assert "Key actors" in lines and "### Key actors" not in text
    assert "- FNV Havens — dockworkers' union (organisation, 3 mentions) [1:2]" in lines
    assert (
        '  "This is a fair deal that respects the work our members do around the clock" — Niek Stam [1:5]'
        in lines
    )
    assert (
        "1. Rotterdam port strike ends as union, employers agree pay deal "
        "<https://www.reuters.com/business/rotterdam-port-strike-ends-2024-05-14/> "
        "— Reuters, 14 May 2024, by Bart Meijer, Amsterdam"
    ) in lines
    assert "automation & job security" in text
    for markup in ("**", "](", "&amp;", "\\"):
        assert markup not in text
    assert text.endswith("\n")


def test_plain_text_keeps_escaped_characters_as_text() -> None:
    escaped = render(
        Briefing(
            title="Notes on *stars*, [brackets] & <tags> #1",
            date="2024-05-14",
            stories=(),
        ),
        "markdown",
    )
    first = markdown_to_plain(escaped).splitlines()[0]
    assert first == "Notes on *stars*, [brackets] & <tags> #1"


def test_markdown_to_plain_handles_hand_written_markdown() -> None:
    text = markdown_to_plain(
        "## A *small* `code` and __bold__ heading ##\n"
        "See ![chart](https://example.com/c.png) and [the report](https://example.com/r).\n"
        "> quoted line\n"
        "snake_case_name stays"
    )
    assert text.splitlines() == [
        "A small code and bold heading",
        "-----------------------------",
        "See chart <https://example.com/c.png> and the report <https://example.com/r>.",
        "  quoted line",
        "snake_case_name stays",
    ]


def test_preview_on_a_terminal_draws_markdown(sample_markdown: str) -> None:
    console, out = _console(terminal=True)
    preview(sample_markdown, console=console)
    shown = out.getvalue()
    assert "Rotterdam dockworkers end strike after two-year pay deal" in shown
    assert "Micky Adriaansens" in shown
    # Drawn, not echoed: the Markdown markers are gone and bullets are drawn.
    assert "## " not in shown and "**" not in shown and "&amp;" not in shown
    assert "•" in shown


def test_preview_to_a_pipe_is_plain(sample_markdown: str) -> None:
    console, out = _console(terminal=False)
    preview(sample_markdown, console=console)
    assert out.getvalue() == markdown_to_plain(sample_markdown)


def test_plain_flag_overrides_the_terminal(sample_markdown: str) -> None:
    console, out = _console(terminal=True)
    preview(sample_markdown, console=console, plain=True)
    assert out.getvalue() == markdown_to_plain(sample_markdown)


def test_preview_without_console_writes_plain_text_to_stdout(
    sample_markdown: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Under pytest, stdout is captured, so it is not a terminal.
    preview(sample_markdown)
    captured = capsys.readouterr().out
    assert captured == markdown_to_plain(sample_markdown)
    # Long lines are not re-wrapped to a guessed terminal width.
    assert max(len(line) for line in captured.splitlines()) > 120
