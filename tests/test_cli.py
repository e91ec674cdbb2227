"""The command line, driven through click's runner and, where exit behaviour matters, a real
process: every command in the README works on samples/, and mistakes get one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from briefing import __version__
from briefing.cli import cli
from briefing.render import load_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def run(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out
    for command in ("build", "preview", "summarize", "eval", "summarizers"):
        code, out, _ = run(command, "--help")
        assert code == 0
        assert "Usage:" in out


def test_build_markdown_file(tmp_path: Path) -> None:
    out = tmp_path / "briefing.md"
    code, _, err = run(
        "build", str(SAMPLES / "summit-html-page.html"), "-o", str(out), "--date", "2026-11-28"
    )
    assert code == 0, err
    text = out.read_text()
    assert text.startswith("# ")
    assert "## " in text
    assert "[1:" in text  # citations to source sentences


def test_build_folder_html(tmp_path: Path, junk_lines: list[str]) -> None:
    out = tmp_path / "briefing.html"
    code, _, err = run(
        "build", str(SAMPLES), "--format", "html", "-o", str(out), "--date", "2026-11-28"
    )
    assert code == 0, err
    page = out.read_text()
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<article") >= 8


def test_build_json_to_stdout_validates() -> None:
    code, out, err = run(
        "build", str(SAMPLES / "port-merger.txt"), "--format", "json", "--date", "2026-11-28"
    )
    assert code == 0, err
    data = json.loads(out)
    Draft202012Validator(load_schema()).validate(data)
    story = data["stories"][0]
    assert story["summary"] and all(line["citations"] for line in story["summary"])
    assert story["sources"][0]["place"] == "Rotterdam"


def test_format_follows_output_suffix(tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    code, _, err = run("build", str(SAMPLES / "climate-deal.json"), "-o", str(out), "--no-extract")
    assert code == 0, err
    assert json.loads(out.read_text())["stories"]


def test_preview_plain_when_piped() -> None:
    code, out, err = run("preview", str(SAMPLES / "port-merger.txt"), "--no-extract")
    assert code == 0, err
    assert "Sources" in out
    assert "\x1b[" not in out  # no terminal colour codes when not on a terminal


def test_build_from_stdin() -> None:
    text = (SAMPLES / "rail-safety-bill.txt").read_bytes()
    code, out, err = run("build", "-", "--format", "json", "--no-extract", input=text)
    assert code == 0, err
    assert json.loads(out)["stories"][0]["summary"]


def test_summarize_jsonl(tmp_path: Path) -> None:
    records = [
        json.loads(line)
        for line in (SAMPLES / "batch.jsonl").read_text().splitlines()
        if line.strip()
    ]
    lines = [
        json.dumps(
            {
                "id": f"r{i}",
                "article": r.get("text") or r.get("article") or r.get("content") or r.get("body"),
            }
        )
        for i, r in enumerate(records)
    ]
    lines.insert(1, "{not json")
    code, out, err = run("summarize", "--sentences", "2", input="\n".join(lines) + "\n")
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == [f"r{i}" for i in range(len(records))]
    for result, record in zip(results, records, strict=True):
        assert result["summary"]
        body = " ".join(
            (
                record.get("text")
                or record.get("article")
                or record.get("content")
                or record.get("body")
            ).split()
        )
        # Extractive: the summary's words come from the article.
        assert result["summary"].split()[0] in body
    assert "<stdin>:2: malformed JSON" in err


def test_summarizers_lists_names() -> None:
    code, out, _ = run("summarizers")
    assert code == 0
    assert "lead" in out and "textrank" in out and "(default)" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["build", "no/such/article.txt"], 1, "no/such/article.txt"),
        (["build", str(SAMPLES), "--summarizer", "nonsense"], 2, "choose one of"),
        (["build", str(SAMPLES), "--date", "yesterday"], 2, "YYYY-MM-DD"),
        (["build", str(SAMPLES), "--templates", "no/such/dir"], 2, "no/such/dir"),
        (["build", str(SAMPLES), "-o", "no/such/dir/out.md"], 1, "does not exist"),
        (["build", str(SAMPLES), "--format", "pdf"], 2, "pdf"),
    ],
)
def test_mistakes_get_one_line_errors(args: list[str], code: int, message: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefing", *args, "--no-extract"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == code, done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) <= 3


def test_all_skipped_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n\n")
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "build", str(tmp_path / "empty.txt")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "skipped" in done.stderr and "Traceback" not in done.stderr


def test_one_bad_article_is_skipped_and_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text((SAMPLES / "port-merger.txt").read_text())
    (tmp_path / "blank.txt").write_text("\n\n \n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    code, out, err = run("build", str(tmp_path), "--format", "json", "--no-extract")
    assert code == 0, err
    data = json.loads(out)
    assert len(data["stories"]) == 1
    assert {Path(s["input"]).name for s in data["skipped"]} == {"blank.txt", "binary.txt"}
