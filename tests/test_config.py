"""The settings file (briefing.toml): found, checked, used as defaults that flags override,
written by 'briefing init' and explained by 'briefing config'."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import build, cli, main, preview
from briefing.config import ConfigError, example_config, find_config, load_config

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
ARTICLES = ("port-merger.txt", "rail-safety-bill.txt")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder of our own, with no settings file from the developer's machine."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    return work


@pytest.fixture()
def conf_dir(tmp_path: Path) -> Path:
    """A folder holding a settings file's articles: conf/articles/*.txt."""
    folder = tmp_path / "conf"
    (folder / "articles").mkdir(parents=True)
    for name in ARTICLES:
        shutil.copy(SAMPLES / name, folder / "articles" / name)
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Through the console-script entry point, as a user sees it: (exit code, stderr)."""
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    code = exited.value.code
    return code if isinstance(code, int) else 0, capsys.readouterr().err


def test_values_from_the_file_are_used(conf_dir: Path) -> None:
    config = write(
        conf_dir / "briefing.toml",
        'title = "Harbour desk"\nsentences = 1\nextract = false\nno-cache = true\n',
    )
    code, out, err = run("build", "--config", str(config), str(conf_dir / "articles"), "-f", "json")
    assert code == 0, err
    briefing = json.loads(out)
    assert briefing["title"] == "Harbour desk"
    assert len(briefing["stories"]) == 2
    for story in briefing["stories"]:
        assert len(story["summary"]) == 1
        # extract = false: no actors were looked for
        assert story["actors"] == []


def test_flags_override_the_file(conf_dir: Path) -> None:
    config = write(
        conf_dir / "briefing.toml", 'title = "Harbour desk"\nsentences = 1\nno-extract = true\n'
    )
    code, out, err = run(
        "build",
        "--config",
        str(config),
        str(conf_dir / "articles" / "port-merger.txt"),
        "-f",
        "json",
        "--title",
        "Evening edition",
        "-n",
        "2",
        "--no-cache",
    )
    assert code == 0, err
    briefing = json.loads(out)
    assert briefing["title"] == "Evening edition"
    assert len(briefing["stories"][0]["summary"]) == 2


def test_inputs_and_outputs_relative_to_the_file(conf_dir: Path, isolated: Path) -> None:
    # Run from another folder: the file's relative paths still mean its own folder.
    write(
        conf_dir / "briefing.toml",
        'inputs = ["articles/port-merger.txt"]\nno-extract = true\nno-cache = true\n'
        '[[outputs]]\npath = "out/briefing.md"\n',
    )
    (conf_dir / "out").mkdir()
    code, _, err = run("build", "--config", str(conf_dir / "briefing.toml"))
    assert code == 0, err
    text = (conf_dir / "out" / "briefing.md").read_text()
    assert text.startswith("# ")
    assert "Harbourline" in text
    assert "Rail" not in text.split("\n", 1)[0]
    assert not (isolated / "out").exists()


def test_several_outputs_from_one_run(conf_dir: Path) -> None:
    config = write(
        conf_dir / "briefing.toml",
        'feeds = ["articles/"]\ntitle = "Desk"\nno-extract = true\nno-cache = true\n'
        '[[outputs]]\npath = "briefing.md"\n'
        '[[outputs]]\npath = "briefing.html"\n'
        '[[outputs]]\npath = "briefing.eml"\n'
        '[[outputs]]\npath = "briefing.txt"\nformat = "json"\n'
        '[[outputs]]\nout_dir = "archive/"\n',
    )
    code, out, err = run("build", "--config", str(config), "--date", "2026-11-28")
    assert code == 0, err
    assert out == ""  # everything went to the files
    markdown = (conf_dir / "briefing.md").read_text()
    assert markdown.startswith("# Desk")
    page = (conf_dir / "briefing.html").read_text()
    assert page.lstrip().lower().startswith("<!doctype html>")
    message = (conf_dir / "briefing.eml").read_text()
    assert "Subject:" in message and "multipart/alternative" in message
    assert json.loads((conf_dir / "briefing.txt").read_text())["title"] == "Desk"
    dated = conf_dir / "archive" / "2026-11-28-briefing.md"
    assert dated.is_file() and (conf_dir / "archive" / "index.md").is_file()
    for name in ("briefing.md", "briefing.html", "briefing.eml", "briefing.txt"):
        assert f"wrote {conf_dir / name}" in err

    # A second run finds today's archive file: --replace on the command line allows it.
    code, _, err = run("build", "--config", str(config), "--date", "2026-11-28")
    assert code == 1 and "exists" in err
    code, _, err = run("build", "--config", str(config), "--date", "2026-11-28", "--replace")
    assert code == 0, err


def test_output_flags_replace_the_files_outputs(conf_dir: Path, tmp_path: Path) -> None:
    config = write(
        conf_dir / "briefing.toml",
        'inputs = ["articles/"]\nno-extract = true\nno-cache = true\n'
        '[[outputs]]\npath = "briefing.md"\n',
    )
    target = tmp_path / "mine.html"
    code, _, err = run("build", "--config", str(config), "-o", str(target))
    assert code == 0, err
    assert target.read_text().lstrip().lower().startswith("<!doctype html>")
    assert not (conf_dir / "briefing.md").exists()


def test_sections_from_the_file(conf_dir: Path) -> None:
    config = write(
        conf_dir / "briefing.toml",
        "no-extract = true\nno-cache = true\n"
        '[[sections]]\nname = "Harbours"\nkeywords = ["port", "container"]\n'
        '[[sections]]\nname = "Railways"\nkeywords = ["rail", "train"]\n',
    )
    code, out, err = run("build", "--config", str(config), str(conf_dir / "articles"), "-f", "json")
    assert code == 0, err
    briefing = json.loads(out)
    by_section = {story["section"]: story["headline"] for story in briefing["stories"]}
    assert set(by_section) == {"Harbours", "Railways"}
    assert "Harbourline" in by_section["Harbours"] or "merge" in by_section["Harbours"].lower()


def test_found_in_the_usual_places_in_order(
    tmp_path: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert find_config() is None
    user = write(tmp_path / "xdg" / "briefing" / "briefing.toml", "sentences = 2\n")
    assert find_config() == (user, "the user config folder")
    local = write(isolated / "briefing.toml", "sentences = 3\n")
    assert find_config() == (local, "the current folder")
    env = write(tmp_path / "env.toml", "sentences = 4\n")
    monkeypatch.setenv("BRIEFING_CONFIG", str(env))
    assert find_config() == (env, "$BRIEFING_CONFIG")
    explicit = write(tmp_path / "explicit.toml", "sentences = 5\n")
    assert find_config(explicit) == (explicit, "--config")
    monkeypatch.setenv("BRIEFING_CONFIG", "none")
    assert find_config() is None


def test_env_variable_names_the_file(
    conf_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write(conf_dir / "team.toml", 'title = "From the environment"\n')
    monkeypatch.setenv("BRIEFING_CONFIG", str(config))
    code, out, _ = run("config")
    assert code == 0
    assert f"settings file: {config}" in out
    assert "From the environment" in out and "(file: title)" in out
    monkeypatch.setenv("BRIEFING_CONFIG", str(conf_dir / "missing.toml"))
    code, err = run_main(capsys, "build", "x.txt")
    assert code == 2
    assert "$BRIEFING_CONFIG" in err and "missing.toml" in err and "briefing init" in err


def test_group_option_and_no_config(
    conf_dir: Path, isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(isolated / "briefing.toml", "sentences = [\n")  # broken, and found by default
    code, err = run_main(capsys, "build", str(conf_dir / "articles"))
    assert code == 2 and "not valid TOML" in err
    config = write(conf_dir / "good.toml", 'title = "Group level"\nno-cache = true\n')
    code, out, err = run(
        "--config", str(config), "build", str(conf_dir / "articles"), "--no-extract", "-f", "json"
    )
    assert code == 0, err
    assert json.loads(out)["title"] == "Group level"
    code, out, err = run(
        "build",
        "--no-config",
        str(conf_dir / "articles"),
        "--no-extract",
        "--no-cache",
        "-f",
        "json",
    )
    assert code == 0, err
    assert json.loads(out)["title"] != "Group level"


def test_preview_reads_the_file_too(conf_dir: Path) -> None:
    config = write(
        conf_dir / "briefing.toml",
        'inputs = ["articles/"]\ntitle = "Preview desk"\nno-extract = true\nno-cache = true\n'
        'plain = true\n[[outputs]]\npath = "briefing.md"\n',
    )
    code, out, err = run("preview", "--config", str(config))
    assert code == 0, err
    assert "Preview desk" in out
    assert not (conf_dir / "briefing.md").exists()  # outputs are build's


BAD_FILES = [
    ('title = "Desk"\nsentences = three\nwords = 3\n', "not valid TOML", "line 2"),
    ("sentences = [1,\n", "not valid TOML", "end of the file"),
    ('title = "unclosed\n', "not valid TOML", "line 1"),
    ("sentence = 3\n", "unknown key 'sentence'", "did you mean 'sentences'"),
    ('sentences = "three"\n', 'sentences = "three"', "expected a whole number"),
    ("sentences = 0\n", "sentences = 0", "range"),
    ("no-extract = 1\n", "no-extract = 1", "true or false"),
    ("workers = 2.5\n", "workers = 2.5", "whole number"),
    ('progress = "yes"\n', "progress", "true or false"),
    ("title = 5\n", "title = 5", "text in quotes"),
    ('format = "html"\n', "'format'", "[[outputs]]"),
    ("extract = false\nno_extract = false\n", "'extract' and 'no_extract'", "keep one"),
    ('[[outputs]]\npath = "out.txt"\n', "cannot tell the format", 'format = "markdown"'),
    ('[[outputs]]\npth = "out.md"\n', "unknown key 'pth'", "did you mean 'path'"),
    ('[[outputs]]\npath = "a.md"\nout_dir = "b/"\n', "[[outputs]] number 1", "one of the two"),
    ('[[outputs]]\npath = "a.md"\nformat = "pdf"\n', 'format = "pdf"', "markdown, html"),
    ('[[sections]]\nname = "Ports"\n', "section 'Ports'", "keywords"),
    ("inputs = [1, 2]\n", "inputs", "list of paths"),
]


@pytest.mark.parametrize(("text", "what", "fix"), BAD_FILES)
def test_mistakes_are_one_line_usage_errors(
    conf_dir: Path, capsys: pytest.CaptureFixture[str], text: str, what: str, fix: str
) -> None:
    config = write(conf_dir / "briefing.toml", text)
    code, err = run_main(capsys, "build", "--config", str(config), str(conf_dir / "articles"))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"error: {config}: ")
    assert what in lines[0] and fix in lines[0]


def test_a_bad_file_in_a_real_process_has_no_traceback(tmp_path: Path) -> None:
    config = write(tmp_path / "briefing.toml", 'title = "Desk"\nmax_storys = 10\n')
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "build", "--config", str(config), "x.txt"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert "unknown key 'max_storys'" in done.stderr and "max-stories" in done.stderr


def test_load_config_resolves_paths_and_dates(conf_dir: Path) -> None:
    config = load_config(
        write(
            conf_dir / "briefing.toml",
            'templates = "theme/"\nrules = "~/rules.toml"\nsince = 2026-11-27\n'
            'previous = "/srv/yesterday.json"\ncache-dir = "cache"\n'
            'feeds = ["https://example.com/rss.xml", "feeds/local.xml"]\n',
        ),
        [build, preview],
    )
    assert config.settings["templates"] == f"{conf_dir / 'theme'}/"
    assert config.settings["rules"] == str(Path.home() / "rules.toml")
    assert config.settings["since"] == "2026-11-27"
    assert config.settings["previous"] == "/srv/yesterday.json"
    assert config.settings["cache_dir"] == str(conf_dir / "cache")
    assert config.inputs == ("https://example.com/rss.xml", str(conf_dir / "feeds" / "local.xml"))


def test_init_writes_a_file_that_loads_and_builds(isolated: Path) -> None:
    samples = isolated / "samples"
    samples.mkdir()
    for name in ARTICLES:
        shutil.copy(SAMPLES / name, samples / name)
    code, _, err = run("init")
    assert code == 0, err
    written = isolated / "briefing.toml"
    assert "wrote briefing.toml" in err and "run 'briefing build' here" in err
    text = written.read_text()
    assert text.count("# ") > 20  # explained, not bare
    config = load_config(written, [build, preview])
    assert config.inputs == (f"{samples}/",)
    assert [spec.format for spec in config.outputs] == ["markdown", "html", "email"]
    assert [rule.name for rule in config.sections][:2] == ["Politics", "Business"]
    # The example as written drives a whole run (extraction off to keep the test quick).
    code, _, err = run("build", "--no-extract", "--no-cache")
    assert code == 0, err
    assert (isolated / "briefing.md").read_text().startswith("# Morning briefing")
    assert (isolated / "briefing.html").is_file() and (isolated / "briefing.eml").is_file()


def test_every_commented_setting_of_the_example_loads(tmp_path: Path) -> None:
    # Uncommented, each example line must still load: this fails when an option the example
    # mentions is renamed or removed.
    text = example_config(["feeds/world.xml"], ["articles/"])
    setting = re.compile(r"^# (\[\[\w+\]\]|[a-z][a-z_-]* = .*)$")
    lines = text.splitlines()
    assert sum(1 for line in lines if setting.match(line)) >= 15
    uncommented = [line[2:] if setting.match(line) else line for line in lines]
    config = load_config(write(tmp_path / "all.toml", "\n".join(uncommented)), [build, preview])
    assert config.settings["max_stories"] == 20
    assert config.settings["fetch_timeout"] == 20.0
    assert config.settings["allow_private_network"] is False
    assert config.outputs[-1].out_dir == tmp_path / "archive"
    assert config.inputs == (str(tmp_path / "feeds" / "world.xml"), f"{tmp_path / 'articles'}/")


def test_init_lists_the_sample_feeds_when_there_are_some(isolated: Path) -> None:
    feeds = isolated / "samples" / "feeds"
    feeds.mkdir(parents=True)
    for name in ("harbour-times.rss", "alpine-science.atom", "newsroom.opml"):
        shutil.copy(SAMPLES / "feeds" / name, feeds / name)
    code, _, err = run("init")
    assert code == 0, err
    config = load_config(isolated / "briefing.toml", [build, preview])
    # The OPML list names the same two feeds: listing it too would bring each story twice.
    assert config.inputs == (str(feeds / "alpine-science.atom"), str(feeds / "harbour-times.rss"))


def test_init_refuses_to_overwrite_without_force(isolated: Path) -> None:
    target = write(isolated / "conf" / "team.toml", "# mine\n")
    code, _, err = run("init", str(target))
    assert code == 1
    assert "already exists" in err and "--force" in err
    assert target.read_text() == "# mine\n"
    code, _, err = run("init", str(target), "--force")
    assert code == 0, err
    assert "briefing build --config" in err
    load_config(target, [build, preview])  # the example loads wherever it is written


def test_init_print_and_folder_target(isolated: Path) -> None:
    code, out, _ = run("init", "--print")
    assert code == 0
    assert "[[outputs]]" in out and "[[sections]]" in out
    assert not (isolated / "briefing.toml").exists()
    folder = isolated / "settings"
    folder.mkdir()
    code, _, err = run("init", str(folder))
    assert code == 0, err
    load_config(folder / "briefing.toml", [build, preview])


def test_config_command_shows_where_each_setting_comes_from(conf_dir: Path) -> None:
    config = write(
        conf_dir / "briefing.toml",
        'inputs = ["articles/"]\ntitle = "Desk"\nsentences = 2\n'
        '[[outputs]]\npath = "briefing.html"\n',
    )
    code, out, _ = run("config", "--config", str(config), "-n", "4")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("  --")}
    assert rows["--sentences"].split()[1] == "4" and rows["--sentences"].endswith("(flag)")
    assert "Desk" in rows["--title"] and rows["--title"].endswith("(file: title)")
    assert rows["--words"].endswith("(default)")
    assert f"html -> {conf_dir / 'briefing.html'}" in out


def test_config_command_reports_a_broken_file(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(isolated / "briefing.toml", 'title = "Desk"\nsentences = "many"\n')
    code, err = run_main(capsys, "config")
    assert code == 2
    assert err.startswith(f'error: {isolated / "briefing.toml"}: sentences = "many"')
    assert "internal error" not in err


def test_load_config_rejects_unknown_keys_directly(tmp_path: Path) -> None:
    path = write(tmp_path / "b.toml", "summariser = 'news'\n")
    with pytest.raises(ConfigError, match="did you mean 'summarizer'"):
        load_config(path, [build, preview])
