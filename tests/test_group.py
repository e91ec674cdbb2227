"""Grouping articles about the same event, and assembling one story from a group.

The articles are hand-written news reports: one event (a dock strike in Rotterdam) reported
by an agency, syndicated word for word by a second outlet with its own boilerplate, rewritten
lightly by a third and written up independently by a fourth; and other events, some on the
same subject, that must stay apart: a rail strike, the Rotterdam strike's end two days later
(a follow-up that repeats the first report's background word for word), two Leeds United
matches, and two court cases brought by advertisers against Meta in one court.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.assemble import assemble_group, assemble_story, merge_extractions
from briefing.group import (
    DEFAULT_MAX_NOVELTY,
    group_documents,
    lsh_candidates,
    minhash_signatures,
    novelty,
)
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
STRIKE_ENDS = (
    "Dock workers at the port of Rotterdam returned to work on Wednesday after the FNV union "
    "and terminal operators agreed a deal on automation, ending a strike that had halted "
    "container traffic.\n\n"
    "Under the agreement, operators will make no compulsory redundancies at the Maasvlakte "
    "terminals before 2030 and will retrain crane drivers to run the automated equipment. "
    "Union members approved the deal by a large majority in a vote on Tuesday night.\n\n"
    "The FNV union said about 4,000 members had joined the 48-hour strike after talks with "
    "terminal operators broke down on Friday. Shipping lines diverted at least a dozen "
    "vessels to Antwerp and Hamburg.\n\n"
    "The port authority said it expected the backlog of containers to be cleared by the "
    "weekend."
)
MATCH = (
    "Leeds United came from behind to beat Norwich City 3-1 at Elland Road on Saturday and "
    "move back to the top of the Championship.\n\n"
    "Norwich led at half-time through a header from defender Shane Duffy, but Joel Piroe "
    "equalised seven minutes after the break. Substitute Patrick Bamford put Leeds ahead with "
    "a low shot in the 71st minute and Piroe added a third from the penalty spot.\n\n"
    "Leeds manager Daniel Farke said his side had shown great character after a poor first "
    "half. The win lifts Leeds two points clear of Sheffield United, who play on Sunday."
)
OTHER_MATCH = (
    "Leeds United slipped to a 2-0 defeat at Sunderland on Tuesday night, ending a run of "
    "five Championship wins.\n\n"
    "Wilson Isidor scored in the first half and Chris Rigg doubled the lead with a curling "
    "shot ten minutes from time. Leeds had most of the ball but rarely tested the Sunderland "
    "goalkeeper.\n\n"
    "Leeds manager Daniel Farke said his side had not been sharp enough in front of goal. "
    "Leeds stay top of the Championship, one point clear of Sheffield United."
)
CASE = (
    "A federal jury in San Francisco has ordered Meta to pay $48 million to advertisers who "
    "accused the company of inflating the number of people their adverts could reach.\n\n"
    "The advertisers said Meta's potential reach figures counted duplicate and fake accounts, "
    "so they paid more for adverts on Facebook and Instagram than they should have. Meta said "
    "it disagreed with the verdict and would appeal.\n\n"
    "The class action, filed in 2018, covered businesses that bought adverts between 2015 "
    "and 2021."
)
OTHER_CASE = (
    "A federal judge in San Francisco has dismissed a lawsuit by advertisers who accused Meta "
    "of inflating how long users spent watching videos on Facebook.\n\n"
    "The judge ruled that the advertisers had not shown they paid more for adverts because of "
    "the viewing figures, which Meta corrected in 2016. Meta said it was pleased with the "
    "ruling.\n\n"
    "The advertisers' lawyers said they were considering an appeal."
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
    groups = group_documents(documents, threshold=0.85, related_threshold=1.0)
    assert [1, 3] in groups
    assert [5] in groups


@pytest.fixture
def same_subject() -> list[Document]:
    """The strike's reports, then other events on the same subjects."""
    return [
        doc(STRIKE, "strike", "Agency"),
        doc(STRIKE_WRITE_UP, "strike-own", "Maritime Times"),
        doc(STRIKE_ENDS, "strike-ends", "Agency"),
        doc(MATCH, "leeds-norwich", "Sports Desk"),
        doc(OTHER_MATCH, "leeds-sunderland", "Sports Desk"),
        doc(CASE, "meta-jury", "Tech Wire"),
        doc(OTHER_CASE, "meta-judge", "Court News"),
    ]


@pytest.mark.parametrize("exhaustive_below", [2000, 0])
def test_other_events_on_the_same_subject_stay_apart(
    same_subject: list[Document], exhaustive_below: int
) -> None:
    # Even comparing every pair whose cosine is as low as 0.3 (all of these are), only the
    # independent write-up joins the strike: the others bring news the first report lacks.
    loose = group_documents(same_subject, related_threshold=0.3, exhaustive_below=exhaustive_below)
    assert loose == [[0, 1], [2], [3], [4], [5], [6]]
    assert group_documents(same_subject, exhaustive_below=exhaustive_below) == loose


def test_novelty_tells_a_write_up_from_a_follow_up(same_subject: list[Document]) -> None:
    strike, write_up, ends, match, other_match, case, other_case = same_subject
    assert novelty(strike, write_up) <= DEFAULT_MAX_NOVELTY
    assert novelty(write_up, strike) == novelty(strike, write_up)
    # The follow-up repeats a paragraph of the first report but its news (the deal, the
    # vote, the backlog) has no counterpart there.
    assert novelty(strike, ends) > DEFAULT_MAX_NOVELTY
    assert novelty(match, other_match) > DEFAULT_MAX_NOVELTY
    assert novelty(case, other_case) > DEFAULT_MAX_NOVELTY
    assert novelty(strike, strike) == 0.0
    byline = doc("By our correspondent.", "byline", "Agency")
    assert novelty(strike, byline) == 1.0  # nothing substantial to compare


def test_a_pairs_novelty_does_not_depend_on_the_other_pairs(same_subject: list[Document]) -> None:
    from briefing.group import _novelties

    # The exhaustive and the LSH paths compare different sets of pairs: one pair must score
    # the same in either.
    alone = _novelties(same_subject, [(0, 2)])
    among = _novelties(same_subject, [(3, 4), (0, 2), (5, 6), (0, 1)])
    assert alone == [among[1]] == [novelty(same_subject[0], same_subject[2])]


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
    with pytest.raises(ValueError, match="related_threshold"):
        group_documents([], related_threshold=1.5)
    with pytest.raises(ValueError, match="max_novelty"):
        group_documents([], max_novelty=-0.1)


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
    # Said by both sources: kept once, citing each, the first source's citation first.
    assert len(merged.agreements) == 1 and merged.agreements[0].citation == Citation(0, 5)
    assert merged.agreements[0].citations == (Citation(0, 5), Citation(1, 5))
    assert len(merged.quotes) == 1 and merged.quotes[0].citation == Citation(0, 6)
    assert merged.quotes[0].citations == (Citation(0, 6), Citation(1, 3))


def test_merge_extractions_cites_each_source_once() -> None:
    deal = Agreement(
        "The union accepted the offer.", ("FNV",), "accepted", "signed", Citation(0, 1)
    )
    again = replace(deal, citation=Citation(0, 4))
    quote = Quote("We regret the walkout", "ECT", Citation(0, 2))
    only_first = Extraction(agreements=(deal, again), quotes=(quote,))
    merged = merge_extractions([only_first, Extraction(), Extraction(agreements=(deal,))])
    # The first source says it twice: its first sentence is the one cited. The third source
    # says it once; the second not at all.
    assert merged.agreements[0].citations == (Citation(0, 1), Citation(2, 1))
    # A quote only one source has keeps the single-source form.
    assert merged.quotes[0].citation == Citation(0, 2) and merged.quotes[0].citations == ()
    alone = merge_extractions([only_first])
    assert alone.agreements[0].citations == ()


def test_rendering_cites_every_source_of_a_shared_agreement() -> None:
    from jsonschema import Draft202012Validator

    from briefing.models import Briefing
    from briefing.render import load_schema, render

    strike = [doc(STRIKE, "strike", "Agency"), doc(STRIKE_SYNDICATED, "strike-syn", "Harbour")]
    talks = Agreement(strike[0].texts[-1], ("ECT",), "open to talks", "proposed", Citation(0, 5))
    said = Quote("it regretted the walkout", "ECT", Citation(0, 5))
    extraction = Extraction(agreements=(talks,), quotes=(said,))
    copy = Extraction(
        agreements=(replace(talks, citation=Citation(0, 6)),),
        quotes=(replace(said, citation=Citation(0, 6)),),
    )
    summarizer = get("lead", sentences=1)
    story = assemble_group(
        strike, [summarizer(d.texts) for d in strike], [extraction, copy], summarizer
    )
    briefing = Briefing(title="Ports", date="2026-11-28", stories=(story,))

    markdown = render(briefing, "markdown")
    assert markdown.count("[1:6] [2:7]") == 2  # the agreement and the quote
    assert render(briefing, "html").count(">[2:7]</a>") == 2
    data = json.loads(render(briefing, "json"))
    Draft202012Validator(load_schema()).validate(data)
    (agreement,) = data["stories"][0]["agreements"]
    assert agreement["citation"] == {"source": 0, "sentence": 5}
    assert agreement["citations"] == [
        {"source": 0, "sentence": 5},
        {"source": 1, "sentence": 6},
    ]
    assert data["stories"][0]["quotes"][0]["citations"][1] == {"source": 1, "sentence": 6}


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
    # (Ranking, not grouping, decides the order.)
    assert sorted(story.id for story in apart.stories) == ["budget", "strike", "strike-rw"]
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
    # Each of the two summary lines both sources carry says so; the budget's lines do not.
    assert "(1 sources)" not in markdown and markdown.count("sources) [") == 2
    assert markdown.count("(2 sources) [") == 2
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
