"""Ranking (briefing.rank): the score's parts on hand-built stories, --max-stories and --since,
through the library and the command line."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.errors import UsageError
from briefing.models import (
    Actor,
    Agreement,
    Article,
    Briefing,
    Citation,
    Skipped,
    Source,
    Story,
    SummaryLine,
)
from briefing.rank import (
    RankWeights,
    SinceFilter,
    arrange,
    keep_top,
    parse_since,
    parse_time,
    publications,
    rank_stories,
    salience,
    story_score,
)
from briefing.render import render

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def make_story(
    id: str,
    headline: str,
    sources: list[tuple[str | None, str | None, str | None]],
    lines: tuple[str, ...] = ("The council approved the budget on Monday.",),
    *,
    support: int = 1,
    actors: int = 0,
    agreement: bool = False,
    sentences: int = 8,
) -> Story:
    """A story from (publication, url, published) triples, with ``lines`` as its summary."""
    return Story(
        id=id,
        headline=headline,
        summary=tuple(
            SummaryLine(t, (Citation(0, i),), support=support) for i, t in enumerate(lines)
        ),
        sources=tuple(
            Source(id=f"{id}-{n}", title=headline, url=url, source=pub, published=when)
            for n, (pub, url, when) in enumerate(sources)
        ),
        actors=tuple(Actor(f"Person {n}", "person") for n in range(actors)),
        agreements=(
            (Agreement("They signed it.", ("A", "B"), "signed", "signed", Citation(0, 0)),)
            if agreement
            else ()
        ),
        source_sentences=(tuple(f"Sentence {n}." for n in range(sentences)),),
    )


DAY = "2026-11-28T08:00:00Z"


def test_multi_source_story_outranks_a_single_source_one() -> None:
    single = make_story("single", "Bridge closes for repairs", [("Reuters", None, DAY)])
    multi = make_story(
        "multi",
        "Ferry strike halts crossings",
        [("Reuters", None, DAY), ("BBC News", None, DAY), ("AP", None, DAY)],
    )
    ranked = rank_stories([single, multi])
    assert [s.id for s in ranked] == ["multi", "single"]
    assert ranked[0].score > ranked[1].score > 0


def test_copies_from_one_publication_count_once() -> None:
    copies = make_story(
        "copies",
        "Ferry strike halts crossings",
        [
            ("Reuters", "https://reuters.com/a", DAY),
            ("reuters", "https://reuters.com/b", DAY),
            (None, "https://www.reuters.com/c", DAY),
            (None, "https://reuters.com/d", DAY),
        ],
    )
    # "Reuters" by name (any case) is one publication; the two unnamed ones share a host.
    assert publications(copies) == 2
    two = make_story("two", "x", [("Reuters", None, DAY), ("AP", None, DAY)])
    assert story_score(copies, None) == story_score(two, None)


def test_recent_story_outranks_an_old_one_with_a_half_life() -> None:
    now = make_story("now", "Storm hits coast", [("Reuters", None, "2026-11-28T08:00:00Z")])
    day_old = make_story("old", "Storm warning", [("Reuters", None, "2026-11-27T08:00:00Z")])
    ranked = rank_stories([day_old, now])
    assert [s.id for s in ranked] == ["now", "old"]
    # One half-life (24 hours by default) halves the recency part, which weighs 1.0.
    assert ranked[0].score - ranked[1].score == pytest.approx(0.5, abs=1e-6)
    slow = RankWeights(half_life_hours=48)
    assert rank_stories([day_old, now], slow)[1].score == pytest.approx(
        ranked[1].score + (0.5**0.5 - 0.5), abs=1e-6
    )


def test_recency_is_measured_from_the_newest_article_not_the_clock() -> None:
    a = make_story("a", "A", [("X", None, "2019-03-01T12:00:00Z")])
    b = make_story("b", "B", [("Y", None, "2019-03-01T00:00:00+00:00")])
    first = rank_stories([a, b])
    assert [s.id for s in first] == ["a", "b"]
    assert first[0].score == pytest.approx(1 + 1 + salience(a) * 0.5, abs=1e-6)


def test_undated_story_sits_between_fresh_and_stale() -> None:
    fresh = make_story("fresh", "Fresh", [("X", None, "2026-11-28T08:00:00Z")])
    stale = make_story("stale", "Stale", [("Y", None, "2026-11-25T08:00:00Z")])
    undated = make_story("undated", "Undated", [("Z", None, None)])
    assert [s.id for s in rank_stories([stale, undated, fresh])] == ["fresh", "undated", "stale"]


def test_salience_rewards_support_actors_agreements_and_length() -> None:
    bare = make_story("bare", "Bare", [("X", None, DAY)], sentences=2)
    rich = make_story(
        "rich", "Rich", [("X", None, DAY)], support=2, actors=5, agreement=True, sentences=20
    )
    assert salience(rich) == pytest.approx(1.0)
    assert 0 < salience(bare) < 0.1
    assert [s.id for s in rank_stories([bare, rich])] == ["rich", "bare"]


def test_ties_keep_the_input_order() -> None:
    stories = [make_story(f"s{n}", f"Story {n}", [("X", None, DAY)]) for n in range(5)]
    ranked = rank_stories(stories)
    assert len({s.score for s in ranked}) == 1
    assert [s.id for s in ranked] == [f"s{n}" for n in range(5)]


def test_keep_top_counts_what_it_leaves_out() -> None:
    stories = [make_story(f"s{n}", f"Story {n}", [("X", None, DAY)]) for n in range(5)]
    kept, omitted = keep_top(stories, 2)
    assert [s.id for s in kept] == ["s0", "s1"] and omitted == 3
    assert keep_top(stories, None) == (stories, 0)
    assert keep_top(stories, 9) == (stories, 0)
    with pytest.raises(UsageError, match="at least 1"):
        keep_top(stories, 0)


def test_arrange_ranks_cuts_and_groups_by_section() -> None:
    sport = make_story(
        "cup",
        "Kestrel FC win the cup final",
        [("A", None, DAY), ("B", None, DAY)],
        ("The football club won the cup final on Saturday.",),
    )
    budget = make_story(
        "budget",
        "Parliament passes the budget",
        [("A", None, DAY), ("B", None, DAY), ("C", None, DAY)],
        ("Parliament voted for the government's budget.",),
    )
    tax = make_story(
        "tax",
        "Minister defends the tax rise in parliament",
        [("A", None, "2026-11-27T20:00:00Z")],
        ("The minister spoke in parliament.",),
    )
    chip = make_story(
        "chip",
        "Chipmaker to build a semiconductor plant",
        [("A", None, "2026-11-20T08:00:00Z")],
        ("The technology company will build a chip plant.",),
    )
    arranged = arrange([chip, tax, sport, budget], max_stories=3)
    # Rank: budget (3 sources), cup (2), tax (1, recent); chip is cut. Politics leads with its
    # best story and keeps both of its stories together.
    assert [s.id for s in arranged.stories] == ["budget", "tax", "cup"]
    assert [s.section for s in arranged.stories] == ["Politics", "Politics", "Sport"]
    assert arranged.omitted == 1
    flat = arrange([chip, tax, sport, budget], sectioned=False)
    assert [s.id for s in flat.stories] == ["budget", "cup", "tax", "chip"]
    assert {s.section for s in flat.stories} == {""}


def test_parse_time_forms() -> None:
    utc = timezone.utc
    assert parse_time("2026-11-27") == datetime(2026, 11, 27, tzinfo=utc)
    assert parse_time("2026-11-27T18:00Z") == datetime(2026, 11, 27, 18, tzinfo=utc)
    assert parse_time("2026-11-27T18:00:00+02:00") == datetime(2026, 11, 27, 16, tzinfo=utc)
    assert parse_time("2026-11-27 18:00") == datetime(2026, 11, 27, 18, tzinfo=utc)
    assert parse_time("Tuesday") is None and parse_time(None) is None and parse_time("") is None


def test_parse_since_relative_and_absolute() -> None:
    now = datetime(2026, 11, 28, 12, tzinfo=timezone.utc)
    assert parse_since("24h", now) == now - timedelta(hours=24)
    assert parse_since("2d", now) == now - timedelta(days=2)
    assert parse_since("90m", now) == now - timedelta(minutes=90)
    assert parse_since("1w", now) == now - timedelta(weeks=1)
    assert parse_since("2026-11-27", now) == datetime(2026, 11, 27, tzinfo=timezone.utc)
    with pytest.raises(UsageError, match=r"--since 'yesterday' is not a time; use a date"):
        parse_since("yesterday", now)


def test_since_filter_drops_old_articles_keeps_undated_and_skipped() -> None:
    items: list[Article | Skipped] = [
        Article("old", "Text.", "old.txt", published="2026-11-20"),
        Article("new", "Text.", "new.txt", published="2026-11-28T06:00:00Z"),
        Article("undated", "Text.", "undated.txt"),
        Article("garbled", "Text.", "garbled.txt", published="last Tuesday"),
        Skipped("bad.json", "not JSON"),
    ]
    keep = SinceFilter(datetime(2026, 11, 27, tzinfo=timezone.utc))
    kept = list(keep(items))
    assert [getattr(i, "id", None) or i.input for i in kept] == [
        "new",
        "undated",
        "garbled",
        "bad.json",
    ]
    assert keep.older == 1


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_omitted_and_older_counts_are_rendered(fmt: str) -> None:
    story = make_story("s", "Storm hits coast", [("Reuters", None, DAY), ("AP", None, DAY)])
    briefing = Briefing("Briefing", "2026-11-28", (story,), omitted=3, older=2)
    text = render(briefing, fmt)
    if fmt == "json":
        data = json.loads(text)
        assert (data["omitted"], data["older"], data["unchanged"]) == (3, 2, 0)
        return
    assert "3 more stories omitted" in text
    assert "2 articles published before --since left out" in text
    assert "(2 sources)" in text
    plain = render(Briefing("Briefing", "2026-11-28", (story,)), fmt)
    assert "omitted" not in plain and "--since" not in plain


# --------------------------------------------------------------------------- command line


def _cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    # The article cache goes to a throwaway folder, not the user's.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


FAST = ("--summarizer", "lead", "--no-extract", "--date", "2026-11-28")


def test_cli_max_stories_keeps_the_best_and_says_how_many_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = [
        str(SAMPLES / n) for n in ("glacier-study.md", "chip-factory.html", "climate-deal.json")
    ]
    code, out, err = _cli(tmp_path, monkeypatch, "build", *inputs, *FAST, "--max-stories", "2")
    assert code == 0, err
    assert "*1 more story omitted (ranked below --max-stories).*" in out
    code, out, err = _cli(
        tmp_path, monkeypatch, "build", *inputs, *FAST, "-f", "json", "--max-stories", "2"
    )
    data = json.loads(out)
    assert len(data["stories"]) == 2 and data["omitted"] == 1
    scores = [s["score"] for s in data["stories"]]
    # The newest article (the climate deal, August 2025) ranks first.
    assert data["stories"][0]["headline"].startswith("Pacific leaders sign")
    assert all(score > 0 for score in scores)


def test_cli_since_drops_dated_samples_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # glacier-study: 2025-02-06, chip-factory: 2025-06-03, climate-deal: 2025-08-21,
    # port-merger: no date (kept).
    inputs = [
        str(SAMPLES / n)
        for n in ("glacier-study.md", "chip-factory.html", "climate-deal.json", "port-merger.txt")
    ]
    code, out, err = _cli(
        tmp_path, monkeypatch, "build", *inputs, *FAST, "-f", "json", "--since", "2025-06-01"
    )
    assert code == 0, err
    data = json.loads(out)
    headlines = sorted(s["headline"].split()[0] for s in data["stories"])
    assert headlines == ["Dutch", "Harbourline", "Pacific"]
    assert data["older"] == 1 and data["skipped"] == []
    assert "left out 1 article(s) published before --since" in err


def test_cli_since_errors_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sample = str(SAMPLES / "glacier-study.md")
    code, _, err = _cli(tmp_path, monkeypatch, "build", sample, *FAST, "--since", "soon")
    assert code == 2 and err.count("\n") == 1 and "--since 'soon' is not a time" in err
    code, _, err = _cli(tmp_path, monkeypatch, "build", sample, *FAST, "--since", "2030-01-01")
    assert code == 1 and err.count("\n") == 2
    assert "every dated article was published before --since 2030-01-01" in err
    code, _, err = _cli(tmp_path, monkeypatch, "build", sample, *FAST, "--max-stories", "0")
    assert code == 2 and "--max-stories" in err
