"""Grouping articles about the same event, and assembling one story from a group.

The articles are hand-written news reports: one event (a dock strike in Rotterdam) reported
by an agency, syndicated word for word by a second outlet with its own boilerplate, rewritten
lightly by a third and written up independently by a fourth; and other events, one of them
on the same topic (a strike at another port), that must stay apart.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.assemble import assemble_group, assemble_story, merge_extractions
from briefing.group import group_documents, lsh_candidates, minhash_signatures
from briefing.models import Actor, Agreement, Article, Citation, Document, Extraction, Quote
from briefing.pipeline import BuildOptions, Pipeline
from briefing.split import split
from summarizers import Summary, get

STRIKE = (
    "Dock workers at the port of Rotterdam walked out on Monday in a dispute over automation, "
    "halting container traffic at Europe's busiest harbour.\n\n"
    "The FNV union said about 4,000 members had joined the 48-hour strike after talks with "
    "terminal operators broke down on Friday. The union wants guarantees that no jobs will be "
    "lost when automated cranes are introduced at the Maasvlakte terminals.\n\n"
    "Shipping lines diverted at least a dozen vessels to Antwerp and Hamburg. The port "
    "authority warned that delays could last into next week.\n\n"
    "Terminal operator ECT said it regretted the walkout and remained open to talks."
)
STRIKE_SYNDICATED = (
    "By our correspondent.\n\n" + STRIKE + "\n\nThis article was distributed by Harbour News "
    "Service. All rights reserved."
)
STRIKE_REWRITE = (
    "Dock workers at the port of Rotterdam went on strike on Monday in a row over automation, "
    "stopping container traffic at Europe's largest harbour.\n\n"
    "Shipping lines diverted at least a dozen ships to Antwerp and Hamburg. The FNV union "
    "stated that about 4,000 members had joined the 48-hour strike after talks with terminal "
    "operators collapsed on Friday.\n\n"
    "The union wants guarantees that no jobs will be cut when automated cranes are introduced "
    "at the Maasvlakte terminals. The port authority warned that delays could last into next "
    "week."
)
STRIKE_WRITE_UP = (
    "Container traffic in Rotterdam ground to a halt on Monday as thousands of dock workers "
    "began a 48-hour strike over automated cranes.\n\n"
    "The FNV union, which represents about 4,000 dock workers at the port, says operators "
    "have refused to guarantee jobs at the automated Maasvlakte terminals. Talks with the "
    "terminal operators broke down on Friday.\n\n"
    "At least a dozen vessels were diverted to Antwerp and Hamburg, and the port authority "
    "said delays at the harbour could last into next week. ECT said it remained open to talks."
)
OTHER_STRIKE = (
    "Rail workers in France began a week-long strike on Tuesday over pension reform, cancelling "
    "most high-speed trains between Paris and Lyon.\n\n"
    "The CGT union said the government had ignored its proposals for a later retirement age "
    "for train drivers. SNCF advised passengers to postpone their journeys.\n\n"
    "The transport minister called the strike irresponsible and urged the union to return to "
    "negotiations."
)
BUDGET = (
    "The Finnish parliament approved the 2027 budget on Wednesday after a two-day debate, "
    "with spending on defence rising by 12 percent.\n\n"
    "Finance minister Riikka Purra said the budget would bring the deficit below three percent "
    "of GDP by 2028. Opposition parties criticised cuts to housing benefits.\n\n"
    "The budget passed by 104 votes to 88."
)


def doc(text: str, id: str, source: str, title: str | None = None) -> Document:
    return split(Article(id=id, text=text, input=f"{id}.txt", title=title, source=source))


@pytest.fixture
def documents() -> list[Document]:
    return [
        doc(BUDGET, "budget", "Helsinki Times"),
        doc(STRIKE, "strike", "Agency"),
        doc(OTHER_STRIKE, "rail", "Le Monde"),
        doc(STRIKE_SYNDICATED, "strike-syn", "Harbour News"),
        doc(STRIKE_REWRITE, "strike-rw", "Daily Port"),
        doc(STRIKE_WRITE_UP, "strike-own", "Maritime Times"),
    ]


def test_same_event_is_grouped_and_other_events_stay_apart(documents: list[Document]) -> None:
    assert group_documents(documents) == [[0], [1, 3, 4, 5], [2]]


def test_lsh_candidates_find_the_same_groups(documents: list[Document]) -> None:
    # exhaustive_below=0 forces the path large inputs take: MinHash/LSH proposes the pairs.
    assert group_documents(documents, exhaustive_below=0) == [[0], [1, 3, 4, 5], [2]]


def test_exact_duplicates_join_whatever_the_threshold() -> None:
    a = doc(BUDGET, "a", "One")
    b = doc(BUDGET.upper().replace(".", " ."), "b", "Two")
    c = doc(OTHER_STRIKE, "c", "Three")
    assert group_documents([a, c, b], threshold=1.0) == [[0, 2], [1]]


def test_a_higher_threshold_keeps_only_copies(documents: list[Document]) -> None:
    groups = group_documents(documents, threshold=0.85)
    assert [1, 3] in groups
    assert [5] in groups


def test_output_is_ordered_and_covers_every_document(documents: list[Document]) -> None:
    reordered = documents[::-1]
    groups = group_documents(reordered)
    assert sorted(i for g in groups for i in g) == list(range(len(reordered)))
    assert groups == sorted(groups, key=lambda g: g[0])
    assert all(g == sorted(g) for g in groups)
    assert [0, 1, 2, 4] in groups  # the four strike reports, from the other end


def test_empty_and_single_inputs() -> None:
    assert group_documents([]) == []
    assert group_documents([doc(BUDGET, "a", "One")]) == [[0]]
    with pytest.raises(ValueError, match="threshold"):
        group_documents([], threshold=0.0)


def test_minhash_estimates_jaccard() -> None:
    left = {f"w{i}" for i in range(200)}
    right = {f"w{i}" for i in range(100, 300)}  # Jaccard 100 / 300
    signatures = minhash_signatures([left, right, set()], permutations=256)
    estimate = float((signatures[0] == signatures[1]).mean())
    assert abs(estimate - 1 / 3) < 0.1
    assert (signatures[2] == signatures[2].max()).all()
    same = minhash_signatures([left, set(left)])
    assert (same[0] == same[1]).all()
    left_ids, right_ids = lsh_candidates(minhash_signatures([left, set(left), {"x", "y"}]))
    assert list(zip(left_ids.tolist(), right_ids.tolist(), strict=True)) == [(0, 1)]
    # A bucket shared by very many documents is chained, not expanded into every pair.
    crowd_left, crowd_right = lsh_candidates(minhash_signatures([{"wire", "report"}] * 60))
    assert crowd_left.tolist() == list(range(59))
    assert crowd_right.tolist() == list(range(1, 60))


def test_assemble_group_merges_sources_and_counts_support(documents: list[Document]) -> None:
    strike = [documents[i] for i in (1, 3, 4, 5)]
    summarizer = get("lead", sentences=3)
    summaries = [summarizer(d.texts) for d in strike]
    story = assemble_group(strike, summaries, [Extraction()] * 4, summarizer)

    assert story.id == "strike"
    assert [s.id for s in story.sources] == ["strike", "strike-syn", "strike-rw", "strike-own"]
    assert story.source_sentences == tuple(d.texts for d in strike)
    first = story.summary[0]
    assert first.text == strike[0].texts[0]
    # The agency's lead is carried word for word by the syndicated copy and nearly by the
    # rewrite; the independent write-up says it in its own words.
    assert first.support == 3
    assert {c.source for c in first.citations} == {0, 1, 2}
    for line in story.summary:
        for c in line.citations:
            assert story.source_sentences[c.source][c.sentence]
        assert line.support == len({c.source for c in line.citations})
    # No two summary lines say the same thing.
    assert len({line.text for line in story.summary}) == len(story.summary)


def test_a_single_document_group_is_an_ordinary_story(documents: list[Document]) -> None:
    summarizer = get("lead", sentences=2)
    summary = summarizer(documents[0].texts)
    assert assemble_group([documents[0]], [summary], [Extraction()], summarizer) == (
        assemble_story(documents[0], summary, Extraction())
    )
    with pytest.raises(ValueError):
        assemble_group(documents[:2], [summary], [Extraction()], summarizer)


def test_merge_extractions_is_alias_aware() -> None:
    union = Actor("FNV union", "organisation", role="union", mentions=2, salience=0.5)
    union_alias = Actor("FNV", "organisation", mentions=3, aliases=("FNV union",), salience=0.7)
    port = Actor("Rotterdam", "place", mentions=1, citations=(Citation(0, 0),), salience=0.2)
    agreement = Agreement(
        "ECT said it remained open to talks.", ("ECT",), "open to talks", "proposed", Citation(0, 5)
    )
    quote = Quote("We regret the walkout", "ECT", Citation(0, 6))
    first = Extraction(actors=(union, port), agreements=(agreement,), quotes=(quote,))
    second = Extraction(
        actors=(union_alias, Actor("Rotterdam", "place", citations=(Citation(0, 2),))),
        agreements=(agreement,),
        quotes=(Quote("We regret the walkout.", "ECT", Citation(0, 3)),),
    )
    merged = merge_extractions([first, second])

    assert [a.name for a in merged.actors] == ["FNV union", "Rotterdam"]
    fnv = merged.actors[0]
    assert (fnv.mentions, fnv.aliases, fnv.role, fnv.salience) == (5, ("FNV",), "union", 0.7)
    rotterdam = merged.actors[1]
    assert rotterdam.citations == (Citation(0, 0), Citation(1, 2))
    assert len(merged.agreements) == 1 and merged.agreements[0].citation == Citation(0, 5)
    assert len(merged.quotes) == 1


def test_pipeline_groups_unless_told_not_to() -> None:
    articles = [
        Article(id="strike", text=STRIKE, input="strike.txt", source="Agency"),
        Article(id="budget", text=BUDGET, input="budget.txt", source="Helsinki Times"),
        Article(id="strike-rw", text=STRIKE_REWRITE, input="rw.txt", source="Daily Port"),
    ]
    options = BuildOptions(summarizer="lead", extract=False, date="2026-11-28")
    grouped = Pipeline(options).run(articles)
    assert [[s.id for s in story.sources] for story in grouped.stories] == [
        ["strike", "strike-rw"],
        ["budget"],
    ]
    assert grouped.stories[0].summary[0].support == 2

    apart = Pipeline(BuildOptions(summarizer="lead", extract=False, group=False)).run(articles)
    assert [story.id for story in apart.stories] == ["strike", "budget", "strike-rw"]
    assert all(line.support == 1 for story in apart.stories for line in story.summary)


def test_summary_stays_within_the_budget(documents: list[Document]) -> None:
    strike = [documents[i] for i in (1, 3, 4, 5)]
    summarizer = get("textrank", sentences=2)
    summaries: list[Summary] = [summarizer(d.texts) for d in strike]
    story = assemble_group(strike, summaries, [Extraction()] * 4, summarizer)
    assert 1 <= len(story.summary) <= 2
    assert all(line.citations for line in story.summary)


def test_rendering_shows_support_only_for_shared_lines() -> None:
    from jsonschema import Draft202012Validator

    from briefing.render import load_schema, render

    articles = [
        Article(id="strike", text=STRIKE, input="strike.txt", source="Agency"),
        Article(id="strike-syn", text=STRIKE_SYNDICATED, input="syn.txt", source="Harbour"),
        Article(id="budget", text=BUDGET, input="budget.txt", source="Helsinki Times"),
    ]
    options = BuildOptions(summarizer="lead", sentences=2, extract=False, date="2026-11-28")
    briefing = Pipeline(options).run(articles)
    markdown = render(briefing, "markdown")
    assert "busiest harbour. (2 sources)" in markdown
    assert "(1 sources)" not in markdown and markdown.count("sources)") == 2
    assert markdown.count("(2 sources)") == 2
    html = render(briefing, "html")
    assert html.count('<span class="support">(2 sources)</span>') == 2
    data = json.loads(render(briefing, "json"))
    Draft202012Validator(load_schema()).validate(data)
    strike, budget = data["stories"]
    assert [line["support"] for line in strike["summary"]] == [2, 2]
    assert all("support" not in line for line in budget["summary"])


def test_cli_build_groups_and_no_group_keeps_articles_apart(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefing.cli import cli

    (tmp_path / "strike.txt").write_text(STRIKE, encoding="utf-8")
    (tmp_path / "strike-copy.txt").write_text(STRIKE_SYNDICATED, encoding="utf-8")
    (tmp_path / "budget.txt").write_text(BUDGET, encoding="utf-8")
    args = ["build", str(tmp_path), "--format", "json", "-s", "lead", "--no-extract"]
    runner = CliRunner()

    grouped = runner.invoke(cli, args)
    assert grouped.exit_code == 0, grouped.output
    stories = json.loads(grouped.output)["stories"]
    assert sorted(len(s["sources"]) for s in stories) == [1, 2]

    apart = runner.invoke(cli, [*args, "--no-group"])
    assert apart.exit_code == 0, apart.output
    assert [len(s["sources"]) for s in json.loads(apart.output)["stories"]] == [1, 1, 1]


def test_the_best_described_article_leads_its_group() -> None:
    articles = [
        Article(id="copy", text=STRIKE_SYNDICATED, input="copy.txt", source="Harbour News"),
        Article(id="budget", text=BUDGET, input="budget.txt", source="Helsinki Times"),
        Article(
            id="strike",
            text=STRIKE,
            input="strike.txt",
            source="Agency",
            title="Rotterdam dockers strike over automation",
            url="https://agency.example/rotterdam-strike",
        ),
    ]
    options = BuildOptions(summarizer="lead", extract=False, date="2026-11-28")
    stories = Pipeline(options).run(articles).stories
    # The group keeps the place of its first article, but the titled report leads it.
    assert [story.id for story in stories] == ["strike", "budget"]
    assert stories[0].headline == "Rotterdam dockers strike over automation"
    assert [s.id for s in stories[0].sources] == ["strike", "copy"]
