"""The terminal preview's pager, and ``preview --format html --open`` in the user's browser."""

from __future__ import annotations

import io
import shlex
import sys
import webbrowser
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures_briefing import sample_briefing
from rich.console import Console

from briefing.cli import cli
from briefing.errors import OutputError
from briefing.preview import open_in_browser, preview
from briefing.render import render

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def pager_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$PAGER set to a command that records what it was given (and the LESS it saw)."""
    out = tmp_path / "paged.txt"
    script = f'printf "%s\\n" "$LESS" > {shlex.quote(str(out))}.less; cat > {shlex.quote(str(out))}'
    monkeypatch.setenv("PAGER", f"sh -c {shlex.quote(script)}")
    monkeypatch.delenv("LESS", raising=False)
    return out


def _terminal(height: int) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    console = Console(
        file=out, force_terminal=True, width=90, height=height, color_system="standard"
    )
    return console, out


class _Terminal(io.StringIO):
    """Standard output that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _fake_terminal(monkeypatch: pytest.MonkeyPatch) -> _Terminal:
    # Called from the test body: pytest puts its own capture back on sys.stdout after fixtures.
    screen = _Terminal()
    monkeypatch.setattr(sys, "stdout", screen)
    monkeypatch.setenv("COLUMNS", "90")
    monkeypatch.setenv("LINES", "20")
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return screen


def test_a_long_briefing_on_a_terminal_goes_through_the_pager(
    pager_log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _fake_terminal(monkeypatch)
    preview(render(sample_briefing(), "markdown"))
    assert terminal.getvalue() == "", "nothing is printed past the pager"
    paged = pager_log.read_text()
    assert "Rotterdam dockworkers end strike after two-year pay deal" in paged
    assert "\x1b[" in paged, "colours and styles reach the pager"
    assert "## " not in paged and "**" not in paged
    assert Path(f"{pager_log}.less").read_text().strip() == "-FRX"


def test_a_short_briefing_on_a_terminal_is_printed(
    pager_log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _fake_terminal(monkeypatch)
    preview("# Quiet day\n\nNothing happened.\n")
    assert "Quiet day" in terminal.getvalue()
    assert not pager_log.exists()


def test_pager_true_pages_even_a_given_console(pager_log: Path) -> None:
    console, out = _terminal(height=500)
    preview("# Quiet day\n\nNothing happened.\n", console=console, pager=True)
    assert out.getvalue() == "" and "Quiet day" in pager_log.read_text()


def test_a_given_console_is_not_paged_unless_asked(pager_log: Path) -> None:
    # The caller's console may write to a file of theirs; the pager would bypass it.
    console, out = _terminal(height=10)
    preview(render(sample_briefing(), "markdown"), console=console)
    assert "Leeds councillors" in out.getvalue()
    assert not pager_log.exists()


def test_pager_false_never_pages_and_plain_output_is_never_paged(pager_log: Path) -> None:
    text = render(sample_briefing(), "markdown")
    console, out = _terminal(height=10)
    preview(text, console=console, pager=False)
    assert "Leeds councillors" in out.getvalue()
    piped = Console(file=io.StringIO(), force_terminal=False, width=90)
    preview(text, console=piped, pager=True)
    assert not pager_log.exists()


def test_a_missing_pager_falls_back_to_printing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", "/nonexistent/pager --quiet")
    console, out = _terminal(height=10)
    preview(render(sample_briefing(), "markdown"), console=console, pager=True)
    assert "Rotterdam dockworkers" in out.getvalue()


def test_open_in_browser_writes_the_page_and_opens_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    opened: list[str] = []

    def opener(url: str) -> bool:
        opened.append(url)
        return True

    page = render(sample_briefing(), "html")
    path = open_in_browser(page, name="briefing-2024-05-14.html", opener=opener)
    assert path == tmp_path / "cache" / "briefing" / "briefing-2024-05-14.html"
    assert path.read_text(encoding="utf-8") == page
    assert opened == [path.as_uri()]
    with pytest.raises(OutputError, match=r"no web browser could be started; open .* yourself"):
        open_in_browser(page, opener=lambda url: False)


def test_preview_open_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    opened: list[str] = []

    def fake_open(url: str) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", fake_open)
    sample = str(ROOT / "samples" / "port-merger.txt")
    runner = CliRunner()
    result = runner.invoke(
        cli,
        ["preview", sample, "--no-extract", "--date", "2026-11-28", "--format", "html", "--open"],
    )
    assert result.exit_code == 0, result.stderr
    page = tmp_path / "briefing" / "briefing-2026-11-28.html"
    assert opened == [page.as_uri()]
    assert page.read_text().lstrip().lower().startswith("<!doctype html>")
    assert result.stdout == ""

    result = runner.invoke(cli, ["preview", sample, "--format", "html"])
    assert result.exit_code == 2 and "add --open" in result.stderr
    result = runner.invoke(cli, ["preview", sample, "--format", "markdown", "--open"])
    assert result.exit_code == 2 and "--open shows the HTML page" in result.stderr

    # Piped (as under the runner), the preview is plain text whatever the pager option says.
    result = runner.invoke(cli, ["preview", sample, "--no-extract", "--pager"])
    assert result.exit_code == 0 and "## " not in result.stdout and result.stdout.strip()
