"""Atomic writes: the old file or the new one, never half of either."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.deliver import deliver, write_atomic
from briefing.errors import OutputError


def test_write_atomic_replaces_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "briefing.md"
    target.write_text("old briefing\n")
    write_atomic(target, "# New briefing\n\nToday's stories.\n")
    assert target.read_text() == "# New briefing\n\nToday's stories.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.md"]
    mode = target.stat().st_mode & 0o777
    assert mode & 0o044, "a briefing should be readable like any other document"


def test_failed_write_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "briefing.md"
    target.write_text("yesterday's briefing\n")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(target, "half of today's briefing")
    assert target.read_text() == "yesterday's briefing\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.md"]


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist; create it first"):
        write_atomic(tmp_path / "no" / "such" / "briefing.md", "text")


def test_directory_as_output_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a directory"):
        write_atomic(tmp_path, "text")


def test_deliver_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    deliver("{}", None)
    assert capsys.readouterr().out == "{}\n"
