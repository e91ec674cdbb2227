"""Topic sections (briefing.sections): keyword rules, the defaults, loading rules from
configuration data, and sections in every output format."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import markdown
import pytest
from click.testing import CliRunner
from fixtures_briefing import sample_briefing

from briefing.cli import cli
from briefing.errors import UsageError
from briefing.mail import render_email
from briefing.models import Briefing, Citation, Story, SummaryLine
from briefing.render import render
from briefing.sections import (
    DEFAULT_RULES,
    FALLBACK,
    SectionRule,
    assign_sections,
    group_by_section,
    load_rules,
    section_for,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def make_story(headline: str, *lines: str, body: tuple[str, ...] = (), section: str = "") -> Story:
    return Story(
        id=re.sub(r"\W+", "-", headline.lower()).strip("-"),
        headline=headline,
        summary=tuple(SummaryLine(t, (Citation(0, i),)) for i, t in enumerate(lines)),
        sources=(),
        source_sentences=(tuple(lines) + body,),
        section=section,
    )


def only(story: Story, rules: tuple[SectionRule, ...]) -> str:
    """The section ``rules`` alone give, without the automatic built-in label."""
    return section_for(story, rules, automatic=False)


@pytest.mark.parametrize(
    ("headline", "line", "expected"),
    [
        (
            "Brackenford council approves 4.9% tax rise after late-night vote",
            "Councillors voted 31 to 24 for the budget.",
            "Politics",
        ),
        (
            "Harbourline and Nordvast agree €4.2bn merger",
            "Shares in both companies rose 6% as investors welcomed the merger.",
            "Business",
        ),
        (
            "Dutch chipmaker to build €3bn semiconductor plant in Dresden",
            "The plant will make chips for cars.",
            "Technology",
        ),
        (
            "Alpine glaciers lost a tenth of their ice in two years, study finds",
            "Researchers measured 1,400 glaciers.",
            "Science",
        ),
        (
            "Kestrel FC end 31-year wait with extra-time cup final win",
            "The striker scored the winning goal in the 112th minute.",
            "Sport",
        ),
        (
            "Hospital waiting lists fall for the first time in a decade",
            "NHS figures show 7.4 million patients waiting.",
            "Health",
        ),
        (
            "Director's debut film wins top award at Cannes festival",
            "The film was shot in ten days.",
            "Culture",
        ),
        (
            "Ceasefire holds as diplomats meet at the border",
            "Troops pulled back two kilometres.",
            "World",
        ),
    ],
)
def test_default_rules_place_realistic_stories(headline: str, line: str, expected: str) -> None:
    assert section_for(make_story(headline, line)) == expected


def test_headline_hits_outweigh_summary_hits() -> None:
    rules = (SectionRule("Business", ("shares",)), SectionRule("Sport", ("match",)))
    story = make_story(
        "United win the match",
        "Shares in the club rose.",
        "Shares in the owner fell.",
    )
    # One headline hit (3) beats two summary hits (2).
    assert only(story, rules) == "Sport"
    story = make_story(
        "United win the match", "Shares rose.", "Shares fell.", "Shares were suspended."
    )
    # Three summary hits beat one headline hit; a tie would go to the rule listed first.
    assert only(story, rules) == "Business"
    assert only(make_story("Shares and match", "Nothing."), rules) == "Business"
    assert only(make_story("Shares and match", "Nothing."), rules[::-1]) == "Sport"


def test_keywords_match_whole_words_plurals_and_phrases() -> None:
    rules = (
        SectionRule("Arts", ("art",)),
        SectionRule("Money", ("interest rate", "tax")),
        SectionRule("Code", ("c++",)),
    )
    assert only(make_story("A start for the party", "Smart people."), rules) == FALLBACK
    assert only(make_story("Arts funding cut", "x"), rules) == "Arts"
    assert only(make_story("ART SHOW opens", "x"), rules) == "Arts"
    assert only(make_story("Bank lifts interest\nrates", "x"), rules) == "Money"
    assert only(make_story("Taxes rise", "x"), rules) == "Money"
    assert only(make_story("Syntax errors", "x"), rules) == FALLBACK
    assert only(make_story("Learning C++ at school", "x"), rules) == "Code"


def test_full_text_decides_when_title_and_summary_do_not() -> None:
    rules = (SectionRule("Sport", ("football", "goal")),)
    once = make_story("Saturday in town", "Crowds gathered.", body=("The football was fun.",))
    twice = make_story(
        "Saturday in town", "Crowds gathered.", body=("The football was fun.", "A late goal.")
    )
    assert only(once, rules) == FALLBACK
    assert only(twice, rules) == "Sport"


def test_custom_rules_replace_the_defaults_and_empty_means_defaults() -> None:
    story = make_story("Parliament passes budget", "The vote was close.")
    custom = (SectionRule("Westminster", ("parliament", "vote")),)
    assert [s.section for s in assign_sections([story], custom)] == ["Westminster"]
    assert [s.section for s in assign_sections([story])] == ["Politics"]
    assert [s.section for s in assign_sections([story], ())] == ["Politics"]
    unrelated = make_story("Sunny weekend ahead", "Temperatures will reach 24C.")
    assert assign_sections([unrelated], custom)[0].section == FALLBACK
    # A story the custom rules do not place gets its built-in topic as an automatic label.
    cup = make_story("Kestrel FC win the cup final", "The striker scored twice.")
    assert assign_sections([cup], custom)[0].section == "Sport"
    assert only(cup, custom) == FALLBACK


def test_group_by_section_keeps_rank_order_within_and_between() -> None:
    ranked = [
        make_story("a", "x", section="Politics"),
        make_story("b", "x", section="Sport"),
        make_story("c", "x", section="Politics"),
        make_story("d", "x", section="Business"),
        make_story("e", "x", section="Sport"),
    ]
    assert [s.id for s in group_by_section(ranked)] == ["a", "c", "b", "e", "d"]
    # "Other" comes last whatever its rank.
    other = [make_story("o", "x", section=FALLBACK), *ranked]
    assert [s.id for s in group_by_section(other)] == ["a", "c", "b", "e", "d", "o"]


def test_load_rules_accepts_config_tables() -> None:
    rules = load_rules(
        [
            {"name": "Business", "keywords": ["market", "  interest   rate "]},
            {"name": " Local  news ", "keywords": ("council",)},
        ]
    )
    assert rules == (
        SectionRule("Business", ("market", "interest rate")),
        SectionRule("Local news", ("council",)),
    )
    assert load_rules([]) == ()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "Business"}, "expected a list of tables"),
        ("Business", "expected a list of tables"),
        (["Business"], "sections entry 1: expected a table with name and keywords"),
        ([{"keywords": ["x"]}], "sections entry 1: name must be a non-empty string"),
        ([{"name": " ", "keywords": ["x"]}], "name must be a non-empty string"),
        ([{"name": "Business"}], "section 'Business': keywords must be a list of strings"),
        ([{"name": "Business", "keywords": "market"}], "keywords must be a list of strings"),
        ([{"name": "Business", "keywords": []}], "keywords is empty"),
        ([{"name": "Business", "keywords": ["market", 3]}], "keyword 3 is not a non-empty"),
        ([{"name": "Business", "keywords": ["x"], "colour": "red"}], "unknown key 'colour'"),
        (
            [{"name": "Business", "keywords": ["x"]}, {"name": "business", "keywords": ["y"]}],
            "section 'business' is defined twice",
        ),
    ],
)
def test_load_rules_rejects_bad_shapes_with_one_line(data: object, message: str) -> None:
    with pytest.raises(UsageError, match=re.escape(message)) as caught:
        load_rules(data)  # type: ignore[arg-type]
    assert "\n" not in str(caught.value)


def test_default_rules_are_valid_config() -> None:
    as_data = [{"name": r.name, "keywords": list(r.keywords)} for r in DEFAULT_RULES]
    assert load_rules(as_data) == DEFAULT_RULES


# --------------------------------------------------------------------------- rendering


def sectioned_briefing() -> Briefing:
    port, tram = sample_briefing().stories
    return replace(
        sample_briefing(),
        stories=(replace(port, section="Business"), replace(tram, section="Politics")),
    )


def test_markdown_groups_stories_under_section_headings() -> None:
    text = render(sectioned_briefing(), "markdown")
    business = text.index("\n## Business\n")
    politics = text.index("\n## Politics\n")
    port = text.index("\n### Rotterdam dockworkers end strike")
    tram = text.index("\n### Leeds councillors back")
    assert business < port < politics < tram
    # Story parts move down a level with the stories.
    assert "\n#### Key actors\n" in text and "\n### Key actors\n" not in text
    page = markdown.markdown(text)
    assert re.findall(r"<h2>([^<]+)</h2>", page) == ["Business", "Politics", "Skipped inputs"]
    # One section (or none) needs no heading: the sample renders as it always did.
    single = replace(
        sample_briefing(),
        stories=tuple(replace(s, section="Business") for s in sample_briefing().stories),
    )
    assert render(single, "markdown") == render(sample_briefing(), "markdown")


def test_html_wraps_each_section() -> None:
    page = render(sectioned_briefing(), "html")
    main = page[page.index("<main>") : page.index("</main>")]
    assert main.count('<section class="topic">') == 2
    assert main.count("</section>") - main.count('<section class="') + 2 == 2
    assert re.findall(r'<h2 class="topic">([^<]+)</h2>', main) == ["Business", "Politics"]
    assert main.count('<h3 class="headline">') == 2
    assert "<h4>Key actors</h4>" in main
    plain = render(sample_briefing(), "html")
    assert 'class="topic"' not in plain and '<h2 class="headline">' in plain


def test_email_parts_show_sections_and_source_counts() -> None:
    parts = render_email(sectioned_briefing())
    assert re.findall(r'<p class="topic"[^>]*>([^<]+)</p>', parts.html) == ["Business", "Politics"]
    lines = parts.text.splitlines()
    assert lines[lines.index("BUSINESS") + 1] == "=" * len("Business")
    assert lines.index("BUSINESS") < lines.index("POLITICS")
    # The port story has two sources; the tram story one.
    assert "Reuters · NL Times (2 sources)" in parts.text
    assert parts.html.count("(2 sources)") == 1


def test_json_lists_sections_with_story_indices() -> None:
    data = json.loads(render(sectioned_briefing(), "json"))
    assert data["sections"] == [
        {"name": "Business", "stories": [0]},
        {"name": "Politics", "stories": [1]},
    ]
    assert [s["section"] for s in data["stories"]] == ["Business", "Politics"]
    assert json.loads(render(sample_briefing(), "json"))["sections"] == []


def test_cli_sections_and_no_sections(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    inputs = [str(SAMPLES / n) for n in ("glacier-study.md", "chip-factory.html")]
    args = ["build", *inputs, "--summarizer", "lead", "--no-extract", "--date", "2026-11-28"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "\n## Technology\n" in result.stdout
    assert "\n## Science\n" in result.stdout
    result = CliRunner().invoke(cli, [*args, "--no-sections"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert "Technology" not in result.stdout and "\n## Dutch chipmaker" in result.stdout
