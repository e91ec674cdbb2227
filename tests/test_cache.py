"""The content-hash cache of per-article results: hits give back exactly what preparing gave,
anything that changes the result misses, broken entries are misses, writers sharing the folder
never corrupt it, and the folder stays under its size bound."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cache import (
    MAGIC,
    ArticleCache,
    _encode,
    article_key,
    default_cache_root,
    settings_fingerprint,
    with_input,
)
from briefing.cli import cli
from briefing.errors import UsageError
from briefing.ingest import ingest
from briefing.models import Article, Skipped
from briefing.parallel import prepare_all
from briefing.pipeline import BuildOptions, Pipeline

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [a for a in ingest([str(SAMPLES)]) if isinstance(a, Article)]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(BuildOptions())


def test_prepared_records_round_trip_through_the_cache(
    tmp_path: Path, articles: list[Article], pipeline: Pipeline
) -> None:
    cache = ArticleCache(tmp_path)
    settings = settings_fingerprint(pipeline.options, pipeline.summarizer_name)
    article = next(a for a in articles if "port" in a.input)
    prepared = pipeline.prepare(article)
    assert prepared[2].actors, "the sample should give actors, so the test covers them"
    key = article_key(article, settings)
    assert cache.get(key) is None
    cache.put(key, prepared)
    assert cache.get(key) == prepared
    assert (cache.hits, cache.misses) == (1, 1)
    assert cache.written > 0


def test_a_rerun_reads_every_article_from_the_cache(
    tmp_path: Path, articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    options = BuildOptions(cache_dir=tmp_path)
    items: list[Article | Skipped] = [*articles, Skipped("gone.txt", "no such file")]
    first = prepare_all(Pipeline(options), items)

    def refuse(self: Pipeline, article: Article) -> None:
        raise AssertionError(f"{article.input} was prepared again")

    monkeypatch.setattr(Pipeline, "prepare", refuse)
    second = prepare_all(Pipeline(options), items)
    assert second == first
    assert first[1][-1] == Skipped("gone.txt", "no such file")


def test_a_hit_keeps_the_input_the_article_was_read_from(
    tmp_path: Path, articles: list[Article], pipeline: Pipeline
) -> None:
    options = BuildOptions(cache_dir=tmp_path)
    article = articles[0]
    prepare_all(Pipeline(options), [article])
    moved = dataclasses.replace(article, input="elsewhere/copy.txt")
    (document, _, _), *_ = prepare_all(Pipeline(options), [moved])[0]
    assert document.article.input == "elsewhere/copy.txt"
    assert with_input(pipeline.prepare(article), moved)[0] == document


def test_the_reason_an_article_is_skipped_is_cached_too(tmp_path: Path) -> None:
    options = BuildOptions(cache_dir=tmp_path)
    empty = Article(id="empty", text="Share this.\n\nLeave a Reply", input="empty.txt")
    first = prepare_all(Pipeline(options), [empty])
    assert first[0] == [] and first[1][0].input == "empty.txt"
    assert ArticleCache(tmp_path).size() > 0
    assert prepare_all(Pipeline(options), [empty]) == first


def test_what_changes_the_result_changes_the_key(tmp_path: Path, articles: list[Article]) -> None:
    article = articles[0]
    base = settings_fingerprint(BuildOptions(), "textrank")
    assert settings_fingerprint(BuildOptions(), "textrank") == base
    for changed in (
        BuildOptions(sentences=4),
        BuildOptions(words=50),
        BuildOptions(extract=False),
        BuildOptions(model="some/model"),
        BuildOptions(guard=False),
    ):
        assert settings_fingerprint(changed, "textrank") != base, changed
    assert settings_fingerprint(BuildOptions(), "lexrank") != base
    # What does not change the result does not change the key.
    assert settings_fingerprint(BuildOptions(workers=4, title="x", group=False), "textrank") == base

    rules = tmp_path / "rules.toml"
    rules.write_text('lines = ["Advertisement"]\n')
    with_rules = settings_fingerprint(BuildOptions(rules=rules), "textrank")
    rules.write_text('lines = ["Sponsored"]\n')
    assert settings_fingerprint(BuildOptions(rules=rules), "textrank") != with_rules

    key = article_key(article, base)
    assert article_key(dataclasses.replace(article, text=article.text + " More."), base) != key
    assert article_key(dataclasses.replace(article, title="Another title"), base) != key
    assert article_key(dataclasses.replace(article, input="other.txt"), base) == key


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # a truncated write
        lambda data: data[:-1] + bytes([data[-1] ^ 0xFF]),  # a flipped byte
        lambda data: b"not a cache entry at all",
        lambda data: b"",
    ],
)
def test_a_broken_entry_is_a_miss_and_is_removed(
    tmp_path: Path, articles: list[Article], pipeline: Pipeline, damage: object
) -> None:
    cache = ArticleCache(tmp_path)
    prepared = pipeline.prepare(articles[0])
    cache.put("ab" * 32, prepared)
    path = next(tmp_path.rglob("*.pkl"))
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert cache.get("ab" * 32) is None
    assert not path.exists()


def test_an_entry_that_no_longer_unpickles_is_a_miss(tmp_path: Path) -> None:
    # A well-formed entry whose classes are gone (an old release): checksum fine, load fails.
    cache = ArticleCache(tmp_path)
    payload = b"cbriefing.nowhere\nGone\n."  # GLOBAL briefing.nowhere.Gone, STOP
    with pytest.raises(ModuleNotFoundError):
        pickle.loads(payload)

    path = tmp_path / "articles" / "cd" / f"{'cd' * 32}.pkl"
    path.parent.mkdir(parents=True)
    path.write_bytes(MAGIC + hashlib.sha256(payload).digest() + payload)
    assert cache.get("cd" * 32) is None
    assert not path.exists()
    # Something that unpickles but is not an outcome is refused as well.
    path.write_bytes(_encode(["a", "list"]))  # type: ignore[arg-type]
    assert cache.get("cd" * 32) is None


def test_the_size_bound_evicts_the_least_recently_used(tmp_path: Path) -> None:
    cache = ArticleCache(tmp_path, max_bytes=10_000)
    keys = [f"{i:02x}" * 32 for i in range(12)]
    now = time.time()
    for age, key in enumerate(reversed(keys)):
        cache.put(key, "x" * 1000)
        os.utime(cache._path(key), (now - age * 60, now - age * 60))
    # Reading the oldest makes it the most recently used.
    assert cache.get(keys[0]) == "x" * 1000
    assert cache.size() > 10_000
    assert cache.prune() > 0
    assert cache.size() <= 10_000
    assert cache.get(keys[0]) is not None, "just used, so kept"
    assert cache.get(keys[-1]) is not None, "newest, so kept"
    assert cache.get(keys[1]) is None, "least recently used, so evicted"


def test_the_size_bound_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_MAX_BYTES", "5K")
    cache = ArticleCache(tmp_path)
    assert cache.max_bytes == 5 * 1024
    for i in range(10):
        cache.put(f"{i:02x}" * 32, "y" * 1000)
    cache.prune()
    assert cache.size() <= 5 * 1024
    monkeypatch.setenv("BRIEFING_CACHE_MAX_BYTES", "lots")
    with pytest.raises(UsageError, match="BRIEFING_CACHE_MAX_BYTES"):
        ArticleCache(tmp_path)


def test_prune_removes_temporary_files_left_by_a_killed_run(tmp_path: Path) -> None:
    cache = ArticleCache(tmp_path)
    cache.put("ef" * 32, "reason")
    stale = tmp_path / "articles" / "ef" / ".tmp-dead.pkl"
    fresh = tmp_path / "articles" / "ef" / ".tmp-busy.pkl"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    cache.prune()
    assert not stale.exists()
    assert fresh.exists(), "another run may be writing it right now"
    assert cache.get("ef" * 32) == "reason"


WRITER = """
import sys
from briefing.cache import ArticleCache
cache = ArticleCache(sys.argv[1])
value = sys.argv[2] * 50_000
for _ in range(300):
    cache.put("77" * 32, value)
"""


def test_two_processes_writing_one_key_do_not_corrupt_it(tmp_path: Path) -> None:
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), letter], cwd=ROOT)
        for letter in "ab"
    ]
    cache = ArticleCache(tmp_path)
    entry = tmp_path / "articles" / "77" / f"{'77' * 32}.pkl"
    seen = set()
    while any(w.poll() is None for w in writers):
        # Entries are only ever replaced, never removed, so once there one must always read.
        there = entry.exists()
        value = cache.get("77" * 32)
        if value is not None:
            seen.add(value)
        elif there:
            pytest.fail("a reader found a broken entry while two runs were writing it")
    assert all(w.wait() == 0 for w in writers)
    assert seen, "the reader should have read while the writers wrote"
    assert seen <= {"a" * 50_000, "b" * 50_000}
    assert cache.get("77" * 32) in ({"a" * 50_000, "b" * 50_000})
    assert not list((tmp_path / "articles" / "77").glob(".tmp-*"))


def test_cache_root_honours_xdg_cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_root() == tmp_path / "briefing"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # invalid by the XDG spec: ignored
    assert default_cache_root() != Path("relative/path/briefing")
    assert default_cache_root().is_absolute()


def build(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli,
        ["build", str(SAMPLES / "port-merger.txt"), "-f", "json", "--date", "2026-11-28", *args],
        catch_exceptions=False,
    )
    return result.exit_code, result.stdout, result.stderr


def test_the_cli_caches_under_xdg_cache_home_and_not_with_no_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    code, uncached, err = build("--no-cache")
    assert code == 0, err
    assert not (tmp_path / "xdg").exists()

    code, first, err = build()
    assert code == 0, err
    assert len(list((tmp_path / "xdg" / "briefing" / "articles").rglob("*.pkl"))) == 1
    assert (tmp_path / "xdg" / "briefing").stat().st_mode & 0o077 == 0, "private to the user"
    code, second, err = build()
    assert code == 0, err
    assert first == second == uncached

    code, _, err = build("--cache-dir", str(tmp_path / "mine"))
    assert code == 0, err
    assert len(list((tmp_path / "mine" / "articles").rglob("*.pkl"))) == 1
