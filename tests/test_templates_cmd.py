"""``briefing templates list|copy``: start a theme from the defaults, and see what overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures_briefing import sample_briefing

from briefing.cli import cli
from briefing.errors import OutputError, TemplateError
from briefing.mail import render_email
from briefing.render import default_templates_dir, render
from briefing.templates_cmd import copy_templates, list_templates, template_names

ROOT = Path(__file__).resolve().parent.parent
ALL = ["briefing.md", "briefing.html", "briefing.json", "briefing.email.html", "briefing.txt"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_every_template_is_listed_and_shipped() -> None:
    assert template_names() == ALL
    for info in list_templates():
        assert not info.overridden and info.path == default_templates_dir() / info.name
        assert info.path.is_file() and info.purpose


def test_list_shows_which_templates_a_theme_overrides(tmp_path: Path) -> None:
    (tmp_path / "briefing.html").write_text('{% extends "!default/briefing.html" %}\n')
    code, out, _ = run("templates", "list", "--templates", str(tmp_path))
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines[::2]] == ALL
    html_at = [line.split()[0] for line in lines].index("briefing.html")
    assert lines[html_at + 1].strip() == f"yours: {tmp_path / 'briefing.html'}"
    md_at = [line.split()[0] for line in lines].index("briefing.md")
    assert lines[md_at + 1].strip() == f"default: {default_templates_dir() / 'briefing.md'}"
    code, _, err = run("templates", "list", "--templates", str(tmp_path / "missing"))
    assert code == 2 and "no such folder" in err


def test_copy_makes_an_editable_theme(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    code, out, err = run("templates", "copy", str(theme))
    assert code == 0, err
    assert sorted(p.name for p in theme.iterdir()) == sorted(ALL)
    for name in ALL:
        assert (theme / name).read_text() == (default_templates_dir() / name).read_text()
    assert out.splitlines()[0] == f"copied {theme / 'briefing.md'}"
    assert f"--templates {theme}" in err

    # The copies render exactly as the defaults until they are edited.
    sample = sample_briefing()
    assert render(sample, "html", templates=theme) == render(sample, "html")
    page = (theme / "briefing.html").read_text()
    (theme / "briefing.html").write_text(page.replace("<main>", '<main class="night-desk">'))
    assert '<main class="night-desk">' in render(sample, "html", templates=theme)


def test_copy_never_overwrites_without_force(tmp_path: Path) -> None:
    (tmp_path / "briefing.txt").write_text("my own text template\n")
    code, _, err = run("templates", "copy", str(tmp_path))
    assert code == 1 and "briefing.txt: exists; pass --force" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.txt"], "nothing half-copied"
    code, _, err = run("templates", "copy", str(tmp_path), "briefing.html", "briefing.md")
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "briefing.html",
        "briefing.md",
        "briefing.txt",
    ]
    assert (tmp_path / "briefing.txt").read_text() == "my own text template\n"
    code, _, err = run("templates", "copy", str(tmp_path), "briefing.txt", "--force")
    assert code == 0, err
    assert (tmp_path / "briefing.txt").read_text() == (
        default_templates_dir() / "briefing.txt"
    ).read_text()


def test_copy_rejects_unknown_names(tmp_path: Path) -> None:
    code, _, err = run("templates", "copy", str(tmp_path), "briefing.rss")
    assert code == 2
    assert "unknown template 'briefing.rss'; choose from: briefing.md, briefing.html" in err
    assert list(tmp_path.iterdir()) == []
    assert copy_templates(tmp_path, ["briefing.md"]) == [tmp_path / "briefing.md"]
    with pytest.raises(OutputError, match=r"briefing\.md: exists; pass --force"):
        copy_templates(tmp_path, ["briefing.md"])


def test_a_broken_copy_is_reported_with_file_and_line(tmp_path: Path) -> None:
    copy_templates(tmp_path, ["briefing.md", "briefing.email.html"])
    markdown_lines = (tmp_path / "briefing.md").read_text().splitlines()
    heading = next(i for i, line in enumerate(markdown_lines) if "## {{ story.headline" in line)
    markdown_lines[heading] = "## {{ story.headline | md }"
    (tmp_path / "briefing.md").write_text("\n".join(markdown_lines) + "\n")
    code, _, err = run(
        "build",
        str(ROOT / "samples" / "port-merger.txt"),
        "--no-extract",
        "--templates",
        str(tmp_path),
    )
    assert code == 1 and err.count("\n") == 1
    assert f"briefing.md:{heading + 1}: " in err and "fix the template" in err

    email_lines = (tmp_path / "briefing.email.html").read_text().splitlines()
    footer = next(i for i, line in enumerate(email_lines) if "{{ generator }}" in line)
    email_lines[footer] = "<p>{{ generator | no_such_filter }}</p>"
    (tmp_path / "briefing.email.html").write_text("\n".join(email_lines) + "\n")
    with pytest.raises(
        TemplateError, match=rf"briefing\.email\.html:{footer + 1}: .*no_such_filter"
    ):
        render_email(sample_briefing(), templates=tmp_path)
