"""Hostile, broken and huge inputs: each gets a clear per-article outcome and the run goes on.

Every file is built in the test's temporary folder at test time (the 100 MB one is streamed to
disk a megabyte at a time), so nothing large is committed. One folder holds all of them next
to one good article; the whole folder goes through the real pipeline, and the good article
must still make a story.
"""

from __future__ import annotations

import json
import random
import tracemalloc
from pathlib import Path

import pytest

from briefing.errors import UsageError
from briefing.ingest import decode, ingest, parse_bytes, read_file
from briefing.limits import DEFAULT_LIMITS, Limits, parse_size
from briefing.models import Article, Briefing, Skipped
from briefing.pipeline import BuildOptions, build_briefing

GOOD = """Port workers end strike after pay deal

ROTTERDAM, May 14 (Reuters) - Dock workers at the port of Rotterdam ended a five-day strike on \
Tuesday after unions and employers agreed a new pay deal, the FNV union said.

The agreement gives about 7,000 workers a 5.5% pay rise this year and a further 3% next year, \
and it limits the use of temporary staff on the quays, FNV negotiator Niek Stam said.

Employers' group VRS said the deal was expensive but necessary to end the disruption, which \
had left more than 40 container ships waiting at anchor off the Dutch coast.
"""

FRENCH = """Le gouvernement a annoncé mardi un nouveau plan pour les transports publics dans la \
région de Lyon. Le ministre des Transports a déclaré que les trains seraient plus fréquents \
dès le mois de septembre.

Les syndicats ont salué cette décision, mais ils demandent des garanties sur l'emploi et sur \
les salaires. Selon le ministère, le plan coûtera environ deux milliards d'euros sur cinq ans.
"""

CHINESE = """中国政府周二宣布了一项新的公共交通计划。交通部长表示，从九月份开始，火车将更加频繁。

工会对这一决定表示欢迎，但他们要求就业保障。一位工会负责人在北京说，我们期待行动。
"""

MB = 1024 * 1024


def _write_huge(path: Path, size: int) -> None:
    """A file of ``size`` bytes of real-looking prose, written a megabyte at a time."""
    chunk = (GOOD.replace("\n", " ") * (MB // len(GOOD) + 1)).encode()[:MB]
    with path.open("wb") as handle:
        for _ in range(size // MB):
            handle.write(chunk)


def _hostile_folder(folder: Path) -> dict[str, Path]:
    """Every hostile file of issue 8, plus one good article, in ``folder``."""
    files: dict[str, Path] = {}

    def put(name: str, data: bytes | str) -> None:
        path = folder / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        files[name] = path

    put("good.txt", GOOD)
    _write_huge(folder / "huge.txt", 100 * MB)
    files["huge.txt"] = folder / "huge.txt"
    put("long-line.txt", "word " * (MB // 5))  # a 1 MB line and no full stop anywhere
    put("binary.txt", random.Random(8).randbytes(64 * 1024))
    put("deep.html", "<html><body>" + "<div>" * 100_000 + "Deep." + "</div>" * 100_000)
    put("deep.json", '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}")
    put("deep.md", "> " * 20_000 + "Quoted all the way down.\n")
    put(
        "scripts.html",
        "<html><head><style>p { color: red } .secret-style {}</style>"
        "<script>var secretScript = 1; alert('x')</script></head><body><article>"
        "<h1>Council approves budget</h1>"
        + "".join(f"<p>{line}</p>" for line in GOOD.split("\n\n")[1:])
        + "<iframe srcdoc='<p>secret iframe</p>'>secret iframe fallback</iframe>"
        "<script>document.write('secret inline')</script></article></body></html>",
    )
    lines = [
        json.dumps({"id": "first", "title": "First", "text": GOOD}),
        '{"id": "broken", "text": "this line stops half-way',
        json.dumps(
            {"id": "first", "title": "Same id again", "text": GOOD.replace("Tuesday", "Monday")}
        ),
    ]
    put("batch.jsonl", "\n".join(lines) + "\n")
    put("utf16.txt", GOOD.replace("Rotterdam", "Rotterdäm").encode("utf-16"))
    put("cp1252.txt", GOOD.replace("said.", "said \u201cyes\u201d.").encode("cp1252"))
    put(
        "mixed.txt",
        GOOD.replace("Tuesday", "Tuesday, caf\u00e9 talks").encode()
        + "\nThe na\u00efve plan, the FNV said, was dropped.\n".encode("cp1252"),
    )
    put("empty.txt", b"")
    put("blank.txt", " \n\t\n   \n")
    put("blank.json", json.dumps({"title": "Nothing here", "text": "  \n  "}))
    put("french.txt", FRENCH)
    put("chinese.txt", CHINESE)
    return files


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile")
    _hostile_folder(path)
    return path


@pytest.fixture(scope="module")
def items(folder: Path) -> list[Article | Skipped]:
    return list(ingest([str(folder)]))


@pytest.fixture(scope="module")
def briefing(folder: Path) -> Briefing:
    return build_briefing(
        [str(folder)], BuildOptions(summarizer="lead", date="2026-11-28", extract=True)
    )


def _outcome(items: list[Article | Skipped], name: str) -> list[Article | Skipped]:
    found = [item for item in items if Path(item.input.split(":")[0]).name.startswith(name)]
    assert found, f"{name} has no outcome at all"
    return found


def _reason(items: list[Article | Skipped], name: str) -> str:
    [item] = _outcome(items, name)
    assert isinstance(item, Skipped), f"{name} should be skipped, got {item}"
    return item.reason


def test_a_100_mb_file_is_skipped_unread(folder: Path) -> None:
    tracemalloc.start()
    try:
        [item] = read_file(folder / "huge.txt")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(item, Skipped)
    assert "100.0 MB" in item.reason and "32.0 MB limit" in item.reason
    assert "BRIEFING_MAX_FILE_BYTES" in item.reason
    assert peak < 4 * MB, f"skipping a 100 MB file used {peak / MB:.1f} MB"


def test_a_raised_file_limit_reads_a_big_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    _write_huge(path, 3 * MB)
    [skipped] = read_file(path, limits=Limits(max_file_bytes=2 * MB))
    assert isinstance(skipped, Skipped) and "3.0 MB" in skipped.reason
    # Under a higher limit the same file is read; it is then too long to be one article.
    [again] = read_file(path, limits=Limits(max_file_bytes=4 * MB))
    assert isinstance(again, Skipped) and "characters, over the 200,000 limit" in again.reason
    [article] = read_file(path, limits=Limits(max_file_bytes=4 * MB, max_article_chars=4 * MB))
    assert isinstance(article, Article) and len(article.text) > 3_000_000


def test_standard_input_over_the_limit_is_skipped() -> None:
    import io

    data = GOOD.encode() * 10
    [item] = ingest(["-"], stdin=io.BytesIO(data), limits=Limits(max_file_bytes=1000))
    assert isinstance(item, Skipped) and item.input == "-"
    assert "input is over" in item.reason and "limit" in item.reason


def test_a_megabyte_line_without_a_full_stop_is_skipped(items: list[Article | Skipped]) -> None:
    reason = _reason(items, "long-line.txt")
    assert "1,048,575 characters" in reason or "1,048,57" in reason
    assert "200,000 limit" in reason and "BRIEFING_MAX_ARTICLE_CHARS" in reason


def test_binary_data_is_skipped(items: list[Article | Skipped]) -> None:
    assert _reason(items, "binary.txt").startswith("cannot decode: not text")


def test_html_nested_100000_deep_is_skipped_quickly(items: list[Article | Skipped]) -> None:
    reason = _reason(items, "deep.html")
    assert "nested more than 512 elements deep" in reason
    assert "BRIEFING_MAX_HTML_DEPTH" in reason


def test_deeply_nested_json_is_skipped_not_a_recursion_error(
    items: list[Article | Skipped], tmp_path: Path
) -> None:
    assert "nested too deeply" in _reason(items, "deep.json")
    # The same in one line of a JSON Lines file: that line is skipped, the others are read.
    data = (json.dumps({"text": GOOD}) + "\n" + "[" * 50_000 + "\n").encode()
    good, deep = parse_bytes(data, "x.jsonl", "jsonl")
    assert isinstance(good, Article) and isinstance(deep, Skipped)
    assert deep.input == "x.jsonl:2" and "nested too deeply" in deep.reason


def test_deeply_nested_markdown_is_read_as_text(items: list[Article | Skipped]) -> None:
    [item] = _outcome(items, "deep.md")
    assert isinstance(item, Article)
    assert item.text.endswith("Quoted all the way down.")
    # Nested lists recurse in Python-Markdown too.
    [listed] = parse_bytes(("- " * 20_000 + "A list item.\n").encode(), "l.md", "md")
    assert isinstance(listed, Article) and listed.text.endswith("A list item.")


def test_script_style_and_iframe_content_never_reach_the_text(
    items: list[Article | Skipped],
) -> None:
    [item] = _outcome(items, "scripts.html")
    assert isinstance(item, Article)
    assert "Rotterdam" in item.text
    for secret in ("secret", "alert", "color: red", "document.write"):
        assert secret not in item.text


def test_a_malformed_jsonl_line_is_skipped_and_the_rest_are_read(
    items: list[Article | Skipped],
) -> None:
    first, broken, third = _outcome(items, "batch.jsonl")
    assert isinstance(first, Article) and first.input.endswith("batch.jsonl:1")
    assert isinstance(broken, Skipped) and broken.input.endswith("batch.jsonl:2")
    assert broken.reason.startswith("malformed JSON: Unterminated string")
    assert isinstance(third, Article) and third.title == "Same id again"
    # Duplicate ids are made unique, never merged or dropped.
    assert (first.id, third.id) == ("first", "first-2")


def test_encodings_decode_to_the_right_characters(items: list[Article | Skipped]) -> None:
    [utf16] = _outcome(items, "utf16.txt")
    [cp1252] = _outcome(items, "cp1252.txt")
    [mixed] = _outcome(items, "mixed.txt")
    assert isinstance(utf16, Article) and "Rotterdäm" in utf16.text
    assert isinstance(cp1252, Article) and "said \u201cyes\u201d." in cp1252.text
    assert isinstance(mixed, Article)
    # UTF-8 and Windows-1252 pieces in one file both survive: no mojibake either way.
    assert "café talks" in mixed.text and "The naïve plan" in mixed.text
    assert "Ã" not in mixed.text


def test_decode_keeps_utf8_and_cp1252_pieces_of_one_file() -> None:
    data = "café “à la” ".encode() + "naïve – “quoted”".encode("cp1252")
    assert decode(data) == "café “à la” naïve – “quoted”"
    # A pure cp1252 file reads as before.
    assert decode("Zürich “Bahnhof”".encode("cp1252")) == "Zürich “Bahnhof”"


def test_empty_and_whitespace_only_articles_are_skipped(items: list[Article | Skipped]) -> None:
    assert _reason(items, "empty.txt") == "empty file"
    assert _reason(items, "blank.txt") == "empty file"
    assert _reason(items, "blank.json").startswith("no article text")


def test_other_languages_split_with_their_punkt_or_are_skipped(
    items: list[Article | Skipped], briefing: Briefing
) -> None:
    [french] = _outcome(items, "french.txt")
    assert isinstance(french, Article) and french.language == "french"
    [chinese] = _outcome(items, "chinese.txt")
    assert isinstance(chinese, Article) and chinese.language == "chinese"
    # In the run: French is summarised from its own sentences, with no English entity guesses.
    [story] = [s for s in briefing.stories if [src.id for src in s.sources] == ["french"]]
    assert story.summary[0].text.startswith("Le gouvernement a annoncé mardi")
    assert story.summary[0].text.endswith("Lyon.")
    assert story.actors == () and story.agreements == ()
    # Chinese has no Punkt parameters: skipped by name, never split as if it were English.
    [skipped] = [s for s in briefing.skipped if s.input.endswith("chinese.txt")]
    assert "no sentence splitter for language 'chinese'" in skipped.reason


def test_the_run_goes_on_and_every_file_has_an_outcome(folder: Path, briefing: Briefing) -> None:
    outcomes: dict[str, list[str]] = {}
    for story in briefing.stories:
        for source in story.sources:
            outcomes.setdefault(source.id, []).append("story")
    for skipped in briefing.skipped:
        outcomes.setdefault(Path(skipped.input.split(":")[0]).name, []).append("skipped")
    files = {path.name for path in folder.iterdir()}
    named = set(outcomes)
    for name in files:
        stem = name.rsplit(".", 1)[0]
        assert name in named or stem in named or any(k.startswith(stem) for k in named), (
            f"{name} vanished from the run"
        )
    # The good article, and the readable ones among the hostile files, still make stories.
    ids = {source.id for story in briefing.stories for source in story.sources}
    assert {"good", "first", "first-2", "utf16", "cp1252", "mixed", "scripts", "french"} <= ids
    # Copies of one event are assembled into one story with several sources.
    [good] = [s for s in briefing.stories if any(src.id == "good" for src in s.sources)]
    assert "strike" in " ".join(line.text for line in good.summary)
    assert any(actor.name == "FNV" for actor in good.actors)
    skipped = sorted(Path(s.input).name for s in briefing.skipped)
    assert skipped == [
        "batch.jsonl:2",
        "binary.txt",
        "blank.json",
        "blank.txt",
        "chinese.txt",
        "deep.html",
        "deep.json",
        "empty.txt",
        "huge.txt",
        "long-line.txt",
    ]


def test_limits_come_from_the_environment() -> None:
    assert Limits.from_env({}) == DEFAULT_LIMITS
    limits = Limits.from_env(
        {"BRIEFING_MAX_FILE_BYTES": "64M", "BRIEFING_MAX_ARTICLE_CHARS": "50000"}
    )
    assert limits.max_file_bytes == 64 * MB and limits.max_article_chars == 50_000
    assert parse_size("2k") == 2048 and parse_size("1GiB") == 1024**3
    with pytest.raises(UsageError, match="BRIEFING_MAX_HTML_DEPTH='deep' is not a size"):
        Limits.from_env({"BRIEFING_MAX_HTML_DEPTH": "deep"})
    with pytest.raises(UsageError, match="max_file_bytes must be a positive"):
        Limits(max_file_bytes=0)


# ------------------------------------------------------------------------------- output files


def _dated(date: str, title: str = "Morning briefing") -> Briefing:
    return Briefing(title=title, date=date, stories=())


def _write_day(folder: str, date: str) -> str:
    from briefing.errors import OutputError
    from briefing.outdir import write_dated

    try:
        write_dated(_dated(date), f"# Briefing for {date}\n\n" + "line\n" * 2000, Path(folder))
    except OutputError as exc:
        return f"error: {exc}"
    return "written"


def test_concurrent_runs_into_one_folder_lose_nothing(tmp_path: Path) -> None:
    import multiprocessing

    from briefing.outdir import index_entries, read_front_matter

    dates = [f"2026-11-{day:02d}" for day in range(1, 9)]
    context = multiprocessing.get_context("fork")
    with context.Pool(4) as pool:
        results = pool.starmap(_write_day, [(str(tmp_path), d) for d in dates])
    assert results == ["written"] * len(dates)
    # Every run's briefing is in the index, whatever order the runs finished in.
    assert [entry.date for entry in index_entries(tmp_path)] == sorted(dates, reverse=True)
    index = (tmp_path / "index.md").read_text(encoding="utf-8")
    for date in dates:
        assert f"({date}-briefing.md)" in index
        text = (tmp_path / f"{date}-briefing.md").read_text(encoding="utf-8")
        assert read_front_matter(text)["date"] == date and text.endswith("line\n")
    # No temporary file is left behind.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_runs_for_the_same_day_at_once_write_one_file(tmp_path: Path) -> None:
    import multiprocessing

    context = multiprocessing.get_context("fork")
    with context.Pool(4) as pool:
        results = pool.starmap(_write_day, [(str(tmp_path), "2026-11-28")] * 4)
    assert results.count("written") == 1
    assert all(
        "a briefing for that day exists; pass --replace" in r for r in results if r != "written"
    )
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "2026-11-28-briefing.md",
        "index.md",
    ]


def test_a_second_run_waits_for_the_folder_lock(tmp_path: Path) -> None:
    import threading

    from briefing.outdir import folder_lock

    done: list[str] = []
    writer = threading.Thread(target=lambda: done.append(_write_day(str(tmp_path), "2026-11-28")))
    with folder_lock(tmp_path):
        writer.start()
        writer.join(timeout=1.0)
        # Blocked on the lock: nothing is written while another run holds the folder.
        assert writer.is_alive() and done == []
        assert not (tmp_path / "2026-11-28-briefing.md").exists()
    writer.join(timeout=30)
    assert done == ["written"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    from briefing.deliver import write_atomic

    target = tmp_path / "briefing.html"
    write_atomic(target, "old briefing\n")
    with pytest.raises(UnicodeEncodeError):
        # A character the encoding cannot hold fails half-way through the write.
        write_atomic(target, "new " * 10_000 + "\u2603", encoding="ascii")
    assert target.read_text(encoding="utf-8") == "old briefing\n"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.html"]


@pytest.mark.parametrize(
    "title", ["../../etc/passwd", "/tmp/evil", "..\\..\\x", "a/../../b", "\x00nul", "CON"]
)
def test_titles_never_choose_an_output_path(tmp_path: Path, title: str) -> None:
    from briefing.outdir import write_dated

    folder = tmp_path / "out"
    written = write_dated(_dated("2026-11-28", title), "# Briefing\n", folder)
    assert written == folder / "2026-11-28-briefing.md"
    assert sorted(p.name for p in tmp_path.rglob("*") if not p.name.startswith(".")) == [
        "2026-11-28-briefing.md",
        "index.md",
        "out",
    ]


@pytest.mark.parametrize("date", ["../../2026-11-28", "2026-11-2/", "/etc/passwd"])
def test_dates_that_are_paths_are_refused(tmp_path: Path, date: str) -> None:
    from briefing.outdir import write_dated

    with pytest.raises(UsageError, match="is not YYYY-MM-DD"):
        write_dated(_dated(date), "# Briefing\n", tmp_path)
    assert list(tmp_path.iterdir()) == []
    # Only the date part of a date-time names the file, so what follows it cannot.
    written = write_dated(_dated("2026-11-28/../../x"), "# Briefing\n", tmp_path)
    assert written == tmp_path / "2026-11-28-briefing.md"
