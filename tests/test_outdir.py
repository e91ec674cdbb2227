"""Dated Markdown files with front matter, written atomically, and the index of past briefings."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures_briefing import sample_briefing

from briefing.cli import cli
from briefing.errors import OutputError, UsageError
from briefing.models import Briefing
from briefing.outdir import (
    dated_name,
    front_matter,
    index_entries,
    read_front_matter,
    write_dated,
)
from briefing.render import render

ROOT = Path(__file__).resolve().parent.parent


def _write(folder: Path, briefing: Briefing, *, replace: bool = False) -> Path:
    return write_dated(briefing, render(briefing, "markdown"), folder, replace=replace)


def test_dated_file_has_front_matter_then_the_briefing(tmp_path: Path) -> None:
    sample = sample_briefing()
    path = _write(tmp_path / "briefings", sample)
    assert path == tmp_path / "briefings" / "2024-05-14-briefing.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "---\n"
        'title: "Morning briefing"\n'
        "date: 2024-05-14\n"
        "stories: 2\n"
        "sources:\n"
        '  - "Reuters"\n'
        '  - "NL Times"\n'
        '  - "Yorkshire Evening Post"\n'
        "---\n\n# Morning briefing\n"
    )
    assert text.endswith(render(sample, "markdown"))
    assert read_front_matter(text) == {
        "title": "Morning briefing",
        "date": "2024-05-14",
        "stories": 2,
        "sources": ["Reuters", "NL Times", "Yorkshire Evening Post"],
    }
    names = sorted(p.name for p in path.parent.iterdir())
    assert names == ["2024-05-14-briefing.md", "index.md"], "no temporary files are left"


def test_front_matter_survives_awkward_titles() -> None:
    awkward = dataclasses.replace(
        sample_briefing(), title='Nightly: "Ports" & trains\n---\ninjected: true \u2028 café'
    )
    block = front_matter(awkward)
    assert block.count("\n---\n") == 1 and block.endswith("---\n")
    assert "injected: true" not in block.splitlines()
    meta = read_front_matter(block)
    # Line breaks of every kind (U+2028 too) collapse: a title is one line.
    assert meta["title"] == 'Nightly: "Ports" & trains --- injected: true café'


def test_front_matter_is_valid_yaml() -> None:
    yaml = pytest.importorskip("yaml")
    awkward = dataclasses.replace(sample_briefing(), title='A "quoted": title \ufeff \x9f café')
    block = front_matter(awkward)
    assert "\\ufeff" in block and "\\u009f" in block
    loaded = yaml.safe_load(block.strip().strip("-"))
    assert (
        loaded["title"] == read_front_matter(block)["title"] == 'A "quoted": title \ufeff \x9f café'
    )
    assert str(loaded["date"]) == "2024-05-14"
    assert loaded["sources"] == ["Reuters", "NL Times", "Yorkshire Evening Post"]


def test_second_run_on_the_same_day_needs_replace(tmp_path: Path) -> None:
    first = sample_briefing()
    path = _write(tmp_path, first)
    before = path.read_text(encoding="utf-8")
    later = dataclasses.replace(first, title="Evening briefing", stories=first.stories[1:])
    with pytest.raises(OutputError, match="a briefing for that day exists; pass --replace"):
        _write(tmp_path, later)
    assert path.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024-05-14-briefing.md", "index.md"]
    _write(tmp_path, later, replace=True)
    assert read_front_matter(path.read_text(encoding="utf-8"))["title"] == "Evening briefing"
    entries = index_entries(tmp_path)
    assert [(e.date, e.title, e.stories) for e in entries] == [
        ("2024-05-14", "Evening briefing", 1)
    ]


def test_index_lists_past_briefings_newest_first(tmp_path: Path) -> None:
    sample = sample_briefing()
    for day in ("2024-05-13", "2024-05-15", "2024-05-14"):
        _write(tmp_path, dataclasses.replace(sample, date=day, title=f"Briefing [{day}]"))
    # Other files in the folder are not briefings; a hand-made one has no front matter.
    (tmp_path / "notes.md").write_text("# my notes\n")
    (tmp_path / "2024-05-01-briefing.md").write_text("# Written by hand\n")
    _write(tmp_path, dataclasses.replace(sample, date="2024-05-16", title="Thursday"))
    index = (tmp_path / "index.md").read_text(encoding="utf-8")
    items = [line for line in index.splitlines() if line.startswith("- ")]
    assert items == [
        "- [Thursday 16 May 2024](2024-05-16-briefing.md) — Thursday · 2 stories",
        "- [Wednesday 15 May 2024](2024-05-15-briefing.md) — Briefing \\[2024-05-15\\] · 2 stories",
        "- [Tuesday 14 May 2024](2024-05-14-briefing.md) — Briefing \\[2024-05-14\\] · 2 stories",
        "- [Monday 13 May 2024](2024-05-13-briefing.md) — Briefing \\[2024-05-13\\] · 2 stories",
        "- [Wednesday 1 May 2024](2024-05-01-briefing.md) — Briefing",
    ]
    assert read_front_matter(index) == {"title": "Briefings"}


def test_a_date_that_is_not_a_day_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="not YYYY-MM-DD"):
        dated_name(dataclasses.replace(sample_briefing(), date="yesterday"))
    assert dated_name(dataclasses.replace(sample_briefing(), date="2024-05-14T06:00:00Z")) == (
        "2024-05-14-briefing.md"
    )


def test_out_dir_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("")
    with pytest.raises(OutputError, match="is a file; give a folder"):
        _write(tmp_path / "taken", sample_briefing())


def _build(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli,
        ["build", str(ROOT / "samples" / "port-merger.txt"), "--no-extract", *args],
        catch_exceptions=False,
    )
    return result.exit_code, result.stderr


def test_build_out_dir_command(tmp_path: Path) -> None:
    folder = tmp_path / "site" / "briefings"
    code, err = _build("--date", "2026-11-28", "--out-dir", str(folder))
    assert code == 0, err
    path = folder / "2026-11-28-briefing.md"
    assert f"wrote {path}" in err
    meta = read_front_matter(path.read_text(encoding="utf-8"))
    assert meta["date"] == "2026-11-28" and meta["stories"] == 1
    assert meta["sources"] == ["Meridian News"]

    code, err = _build("--date", "2026-11-28", "--out-dir", str(folder))
    assert code == 1 and "pass --replace" in err and err.count("\n") == 1
    code, err = _build("--date", "2026-11-28", "--out-dir", str(folder), "--replace")
    assert code == 0, err

    code, err = _build("--out-dir", str(folder), "-o", str(tmp_path / "x.md"))
    assert code == 2 and "leave out -o and --format" in err
    code, err = _build("--replace")
    assert code == 2 and "--replace only applies with --out-dir" in err
