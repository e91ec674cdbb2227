"""--workers N: the same briefing as one worker, byte for byte, and a progress bar only where
one belongs (a terminal, or when asked for)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.ingest import ingest
from briefing.models import Article
from briefing.parallel import prepare_all, show_progress
from briefing.pipeline import BuildOptions, Pipeline

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples plus articles that get skipped, so the skipped list's order is tested too."""
    folder = tmp_path_factory.mktemp("inputs")
    shutil.copytree(SAMPLES, folder / "samples")
    records = [
        {"id": "junk-only", "article": "Share this article\n\nLeave a Reply"},
        {
            "id": "short-note",
            "title": "Council approves budget",
            "article": "The city council approved the 2027 budget on Tuesday by a vote of "
            "seven to two. The mayor said the plan funds new bus routes and repairs to "
            "three bridges. Opponents said property taxes would rise too fast.",
        },
        {"id": "blank", "article": "   "},
    ]
    (folder / "extra.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    return folder


def build(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            *(sys.executable, "-m", "briefing", "build", str(folder), "-f", "json"),
            *("--date", "2026-11-28", "--no-cache", *args),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )


def test_two_workers_build_the_same_briefing_as_one(inputs: Path) -> None:
    one = build(inputs, "--workers", "1")
    two = build(inputs, "--workers", "2")
    assert one.returncode == 0, one.stderr
    assert two.returncode == 0, two.stderr
    briefing = json.loads(one.stdout)
    assert len(briefing["stories"]) >= 8
    assert len(briefing["skipped"]) >= 2, "the junk-only and blank articles are skipped"
    assert two.stdout == one.stdout

    def skipped(stderr: str) -> list[str]:
        return [line for line in stderr.splitlines() if line.startswith("skipped")]

    assert skipped(one.stderr) and skipped(two.stderr) == skipped(one.stderr)


def test_prepare_all_in_workers_keeps_input_order(inputs: Path) -> None:
    items = list(ingest([str(inputs)]))
    serial = prepare_all(Pipeline(BuildOptions()), items)
    parallel = prepare_all(Pipeline(BuildOptions(workers=2)), items)
    assert serial[1], "some inputs are skipped"
    assert parallel == serial
    order = {item.input: n for n, item in enumerate(items)}
    positions = [order[document.article.input] for document, _, _ in parallel[0]]
    assert positions == sorted(positions)


def test_more_workers_than_articles_is_fine(inputs: Path) -> None:
    items = list(ingest([str(SAMPLES / "port-merger.txt")]))
    assert prepare_all(Pipeline(BuildOptions(workers=4)), items) == prepare_all(
        Pipeline(BuildOptions()), items
    )


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["build", str(SAMPLES / "port-merger.txt"), "--no-cache", "-o", str(tmp_path / "b.md")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert show_progress(None) is False  # pytest's stderr is captured, not a terminal


def test_progress_forced_on_and_quiet(tmp_path: Path) -> None:
    args = ["build", str(SAMPLES), "--no-cache", "-o", str(tmp_path / "b.md")]
    forced = CliRunner().invoke(cli, [*args, "--progress"], catch_exceptions=False)
    assert forced.exit_code == 0, forced.stderr
    total = sum(isinstance(a, Article) for a in ingest([str(SAMPLES)]))
    assert "articles" in forced.stderr and f"{total}/{total}" in forced.stderr
    quiet = CliRunner().invoke(cli, [*args, "--quiet"], catch_exceptions=False)
    assert quiet.exit_code == 0
    assert quiet.stderr == ""
    assert show_progress(True) is True and show_progress(False) is False


def test_workers_must_be_positive() -> None:
    result = CliRunner().invoke(cli, ["build", str(SAMPLES), "--workers", "0"])
    assert result.exit_code == 2
