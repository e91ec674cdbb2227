"""A realistic hand-built :class:`~briefing.models.Briefing` for rendering and delivery tests.

``sample_briefing()`` has two stories: a port strike ending in a pay deal (two sources, every
section filled) and a tram extension vote (one source, no quotes, no context), plus one skipped
input. Citations point at real sentences of ``Story.source_sentences``, so tests can check that
what a citation shows is the sentence it names. The articles were written for these tests.

Import it from a test as ``from fixtures_briefing import sample_briefing`` (pytest puts
``tests/`` on ``sys.path``).
"""

from __future__ import annotations

from briefing.models import (
    Actor,
    Agreement,
    Briefing,
    Citation,
    ContextItem,
    Quote,
    Skipped,
    Source,
    Story,
    SummaryLine,
)

PORT_REUTERS = (
    "Dockworkers at the port of Rotterdam ended a nine-day strike on Tuesday after their union "
    "and employers signed a two-year pay deal.",
    "The agreement gives about 4,000 workers a 7.5% rise this year and a further 4% in 2025, "
    "the FNV Havens union said.",
    "Container terminals were expected to return to full capacity by Thursday.",
    "More than 120 ships had been waiting at anchor off the Dutch coast, according to port "
    "authority data.",
    '"This is a fair deal that respects the work our members do around the clock," said Niek '
    "Stam, the union's lead negotiator.",
    "The employers' association, VNPB, said the settlement would cost its members about "
    "€60 million a year.",
    "Union members are expected to vote on the deal on Friday, and the leadership has "
    "recommended that they approve it.",
    "The strike was the first full stoppage at Europe's largest port since 2002.",
)

PORT_NLTIMES = (
    "Rotterdam's port authority welcomed the end of the strike on Tuesday evening.",
    "Shipping lines had diverted some cargo to Antwerp and Hamburg during the stoppage.",
    "Economy minister Micky Adriaansens said the cabinet had not intervened in the talks.",
    '"We are relieved that both sides found a way forward," Adriaansens told reporters in '
    "The Hague.",
    "Smaller strikes over automation & job security took place in 2016 and 2019.",
)

TRAM_LOCAL = (
    "Leeds City Council voted 61 to 22 on Monday to approve a tram line linking the city "
    "centre with Leeds Bradford Airport.",
    "The 11-mile line would cost an estimated £1.2bn and open in 2031 at the earliest.",
    "Council leader James Lewis said the vote was a turning point for transport in West Yorkshire.",
    "The council is asking the Department for Transport to fund two-thirds of the cost.",
    "Opposition councillors said the business case relied on optimistic passenger numbers.",
    "West Yorkshire Combined Authority proposed to borrow the remaining third against future "
    "fare revenue.",
    "Leeds is the largest city in Western Europe without a light-rail or metro system.",
)


def sample_briefing() -> Briefing:
    """Two realistic stories with actors, agreements, context, quotes, sources and a skipped input."""
    port = Story(
        id="rotterdam-port-strike-ends",
        headline="Rotterdam dockworkers end strike after two-year pay deal",
        summary=(
            SummaryLine(PORT_REUTERS[0], (Citation(0, 0),)),
            SummaryLine(PORT_REUTERS[1], (Citation(0, 1),)),
            SummaryLine(
                "Container terminals were expected to return to full capacity by Thursday, "
                "after shipping lines had diverted some cargo to Antwerp and Hamburg.",
                (Citation(0, 2), Citation(1, 1)),
            ),
        ),
        sources=(
            Source(
                id="reuters-2024-05-14-rotterdam",
                title="Rotterdam port strike ends as union, employers agree pay deal",
                url="https://www.reuters.com/business/rotterdam-port-strike-ends-2024-05-14/",
                source="Reuters",
                published="2024-05-14T17:42:00Z",
                author="Bart Meijer",
                place="Amsterdam",
            ),
            Source(
                id="nltimes-2024-05-14-port",
                title="Port of Rotterdam relieved as dockworkers' strike ends",
                url="https://nltimes.nl/2024/05/14/port-rotterdam-relieved-dockworkers-strike-ends",
                source="NL Times",
                published="2024-05-14",
            ),
        ),
        actors=(
            Actor(
                name="FNV Havens",
                kind="organisation",
                role="dockworkers' union",
                mentions=3,
                aliases=("FNV",),
                citations=(Citation(0, 1),),
                salience=0.9,
            ),
            Actor(
                name="Niek Stam",
                kind="person",
                role="the union's lead negotiator",
                mentions=1,
                citations=(Citation(0, 4),),
                salience=0.6,
            ),
            Actor(
                name="VNPB",
                kind="organisation",
                role="employers' association",
                mentions=2,
                citations=(Citation(0, 5),),
                salience=0.7,
            ),
            Actor(
                name="Micky Adriaansens",
                kind="person",
                role="economy minister",
                mentions=2,
                aliases=("Adriaansens",),
                citations=(Citation(1, 2), Citation(1, 3)),
                salience=0.4,
            ),
            Actor(
                name="Rotterdam",
                kind="place",
                mentions=2,
                citations=(Citation(0, 0), Citation(1, 0)),
                salience=0.3,
            ),
        ),
        agreements=(
            Agreement(
                text=PORT_REUTERS[0],
                parties=("FNV Havens", "VNPB"),
                action="signed",
                object="a two-year pay deal",
                status="signed",
                citation=Citation(0, 0),
                date="2024-05-14",
            ),
            Agreement(
                text=PORT_REUTERS[6],
                parties=("FNV Havens members",),
                action="vote on",
                object="the deal",
                status="expected",
                citation=Citation(0, 6),
                date="Friday",
            ),
        ),
        context=(
            ContextItem(PORT_REUTERS[7], (Citation(0, 7),)),
            ContextItem(PORT_NLTIMES[4], (Citation(1, 4),)),
        ),
        quotes=(
            Quote(
                text="This is a fair deal that respects the work our members do around the clock",
                speaker="Niek Stam",
                citation=Citation(0, 4),
            ),
            Quote(
                text="We are relieved that both sides found a way forward",
                speaker="Micky Adriaansens",
                citation=Citation(1, 3),
            ),
        ),
        source_sentences=(PORT_REUTERS, PORT_NLTIMES),
    )
    tram = Story(
        id="leeds-tram-vote",
        headline="Leeds councillors back £1.2bn tram line to the airport",
        summary=(
            SummaryLine(TRAM_LOCAL[0], (Citation(0, 0),)),
            SummaryLine(TRAM_LOCAL[1], (Citation(0, 1),)),
            SummaryLine(TRAM_LOCAL[3], (Citation(0, 3),)),
        ),
        sources=(
            Source(
                id="yep-2024-05-13-tram",
                title="Councillors vote for Leeds tram to airport",
                url="https://www.yorkshireeveningpost.co.uk/news/politics/leeds-tram-vote",
                source="Yorkshire Evening Post",
                published="2024-05-13",
                author="Abbey Maclure",
                place="Leeds",
            ),
        ),
        actors=(
            Actor(
                name="Leeds City Council",
                kind="organisation",
                mentions=2,
                citations=(Citation(0, 0), Citation(0, 3)),
                salience=0.9,
            ),
            Actor(
                name="James Lewis",
                kind="person",
                role="council leader",
                mentions=1,
                citations=(Citation(0, 2),),
                salience=0.5,
            ),
        ),
        agreements=(
            Agreement(
                text=TRAM_LOCAL[5],
                parties=("West Yorkshire Combined Authority",),
                action="borrow",
                object="the remaining third against future fare revenue",
                status="proposed",
                citation=Citation(0, 5),
            ),
        ),
        source_sentences=(TRAM_LOCAL,),
    )
    return Briefing(
        title="Morning briefing",
        date="2024-05-14",
        stories=(port, tram),
        skipped=(
            Skipped(
                input="feeds/markets.xml:item 4",
                reason="the article is empty after cleaning (only share buttons and a cookie notice)",
            ),
        ),
        summarizer="textrank",
        generator="briefing 0.1.0",
    )
