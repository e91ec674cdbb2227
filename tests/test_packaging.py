"""The wheel ships everything it needs: built, installed into a fresh virtualenv, and run from
outside the repository, ``briefing build`` finds its templates and schema."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheels = list(out.glob("newsbriefing-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "briefing/templates/briefing.md" in names or any(
        n.startswith("briefing/templates/") for n in names
    )
    assert "briefing/schema/briefing.schema.json" in names
    assert "briefing/data/junk_rules.toml" in names
    assert any(n.startswith("summarizers/") for n in names)
    assert not any(n.startswith(("tests/", "samples/", "bench/")) for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "briefing = briefing.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_builds_outside_repo(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    # The dependencies come from the test environment; a path added by a .pth file is not a
    # site directory, so the editable install of this checkout stays invisible.
    own = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(own, "_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")

    work = tmp_path / "elsewhere"
    work.mkdir()
    article = work / "note.txt"
    article.write_text(
        "Harbour authority approves new ferry terminal\n\n"
        "The Port of Wexmouth approved plans for a new ferry terminal on Tuesday. "
        "The terminal will cost 42 million euros and open in 2028, officials said. "
        "Local businesses welcomed the decision after years of delays.\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = subprocess.run(
        [str(python), "-c", "import briefing; print(briefing.__file__)"],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert str(env_dir) in where, where

    briefing_cmd = env_dir / "bin" / "briefing"
    for fmt in ("markdown", "html", "json"):
        done = subprocess.run(
            [
                str(briefing_cmd),
                "build",
                "note.txt",
                "--format",
                fmt,
                "--date",
                "2026-11-28",
                "--no-extract",
                "-o",
                f"out.{fmt}",
            ],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    text = (work / "out.markdown").read_text()
    assert "Harbour authority approves new ferry terminal" in text
    assert (work / "out.html").read_text().lstrip().lower().startswith("<!doctype html>")
    data = json.loads((work / "out.json").read_text())
    assert data["stories"][0]["summary"]
