"""Key figures, key dates and places: extraction on news-style sentences, merging, rendering.

The articles below were written for these tests in the style of business and wire copy; one
ends in the scraped page furniture (share widgets, comment counts, a photo gallery counter)
that must never become a figure. spaCy is loaded once for the module.
"""

from __future__ import annotations

import json
import re

import pytest
from documents import make_document
from jsonschema import Draft202012Validator

from briefing.assemble import assemble_story, merge_extractions
from briefing.extract import Extractor
from briefing.extract.figures import find_places
from briefing.extract.gazetteer import COUNTRY_LOOKUP
from briefing.extract.nlp import parse
from briefing.mail import render_email
from briefing.models import (
    FIGURE_KINDS,
    PLACE_KINDS,
    Actor,
    Briefing,
    Citation,
    Document,
    Extraction,
    Figure,
    Place,
    Source,
    Story,
    SummaryLine,
)
from briefing.render import briefing_to_dict, load_schema, render

MARKETS = """\
The company agreed to buy its rival for £3.2bn, creating the largest grocer in the country.

Inflation rose to 3.1% in March, the highest level since 2004. Unemployment fell by 0.2 \
percentage points to 5.4%, the Office for National Statistics said.

Shares in the firm jumped 12% on Tuesday. The deal will create 1,500 jobs in Manchester and \
Leeds over the next three years.

The chief executive, John Parr, 58, said the takeover would be completed in March 2025. \
Manchester City Council welcomed the news.
"""

DISASTER = """\
At least 37 people were killed when a bridge collapsed in the northern city of Genoa on \
Tuesday, officials said.

Rescuers pulled 12 survivors from the rubble overnight. The 51-year-old bridge carried about \
25,000 vehicles a day.

Italy's interior minister said the government would hold a day of mourning on Saturday. The \
U.S. and France offered help. The United States sent a team of engineers to Genoa, and the \
Kremlin said President Putin had sent his condolences.

The G20 summit in Rome will go ahead next month as planned.

Share this article: Facebook Twitter Email 12 comments

View 8 photos

1 of 12
"""

EXPECTED = """\
The two governments are expected to sign the trade agreement on Friday, officials in Ottawa \
said. Negotiators had agreed on the final text on Monday after talks in Tokyo.
"""


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    extractor = Extractor()
    extractor.nlp  # noqa: B018 - load spaCy once for the whole module
    return extractor


@pytest.fixture(scope="module")
def markets(extractor: Extractor) -> tuple[Document, Extraction]:
    document = make_document(MARKETS, published="2024-05-16")
    return document, extractor(document, (0, 1))


@pytest.fixture(scope="module")
def disaster(extractor: Extractor) -> tuple[Document, Extraction]:
    document = make_document(DISASTER, published="2024-05-16")  # a Thursday
    return document, extractor(document, (0,))


def numbers(extraction: Extraction) -> list[Figure]:
    return [f for f in extraction.figures if f.kind != "date"]


def dates(extraction: Extraction) -> list[Figure]:
    return [f for f in extraction.figures if f.kind == "date"]


def figure(extraction: Extraction, text: str) -> Figure:
    found = [f for f in extraction.figures if f.text == text]
    assert found, f"{text!r} not among {[f.text for f in extraction.figures]}"
    return found[0]


def sentence(document: Document, citation: Citation) -> str:
    assert citation.source == 0
    return next(s.text for s in document.sentences if s.index == citation.sentence)


# --------------------------------------------------------------------------- key numbers


def test_money_with_what_it_buys(markets: tuple[Document, Extraction]) -> None:
    _, extraction = markets
    price = figure(extraction, "£3.2bn")
    assert price.kind == "money"
    assert price.value == pytest.approx(3.2e9)
    assert price.unit == "GBP"
    assert "buy" in price.measures and "rival" in price.measures


def test_percent_with_what_rose_or_fell(markets: tuple[Document, Extraction]) -> None:
    _, extraction = markets
    inflation = figure(extraction, "3.1%")
    assert (inflation.kind, inflation.value, inflation.unit) == ("percent", 3.1, "%")
    assert "inflation" in inflation.measures.lower() and "rose" in inflation.measures
    points = figure(extraction, "0.2 percentage points")
    assert (points.kind, points.unit) == ("percent", "percentage points")
    assert "unemployment" in points.measures.lower()
    assert "shares" in figure(extraction, "12%").measures.lower()


def test_count_of_people_with_what_happened_to_them(
    disaster: tuple[Document, Extraction],
) -> None:
    _, extraction = disaster
    dead = figure(extraction, "At least 37")
    assert (dead.kind, dead.value) == ("count", 37)
    assert "people" in dead.measures and "killed" in dead.measures
    jobs = figure(markets_extraction(), "1,500")
    assert "jobs" in jobs.measures and "create" in jobs.measures


def markets_extraction() -> Extraction:
    return Extractor()(make_document(MARKETS, published="2024-05-16"), (0, 1))


def test_years_ages_names_and_page_furniture_are_never_figures(
    markets: tuple[Document, Extraction], disaster: tuple[Document, Extraction]
) -> None:
    texts = {f.text for f in numbers(markets[1]) + numbers(disaster[1])}
    for never in ("2004", "2025", "58", "51", "G20", "20", "8", "1", "12 comments"):
        assert never not in texts, f"{never!r} became a key figure: {sorted(texts)}"
    # "12 comments" under the share widget is junk, "12 survivors" in the prose is news.
    twelve = [f for f in numbers(disaster[1]) if f.text == "12"]
    assert len(twelve) == 1 and "survivors" in twelve[0].measures


def test_key_figures_are_capped_and_ranked(extractor: Extractor) -> None:
    document = make_document(MARKETS, published="2024-05-16")
    few = Extractor(max_figures=2)(document, (0, 1))
    assert len(numbers(few)) == 2
    # Money and percentages in the summary sentences come first.
    assert [f.text for f in numbers(few)] == ["£3.2bn", "3.1%"]
    assert len(numbers(extractor(document, ()))) <= 6


# --------------------------------------------------------------------------- key dates


def test_dates_resolved_against_the_article_date(disaster: tuple[Document, Extraction]) -> None:
    _, extraction = disaster
    tuesday = figure(extraction, "Tuesday")
    assert tuesday.kind == "date" and tuesday.date == "2024-05-14"
    assert "bridge" in tuesday.measures and "collapsed" in tuesday.measures
    saturday = figure(extraction, "Saturday")
    assert saturday.date == "2024-05-18"  # "would hold ... on Saturday": still to come
    assert "mourning" in saturday.measures or "hold" in saturday.measures
    assert figure(extraction, "next month").date == "2024-06"
    assert [d.citation.sentence for d in dates(extraction)] == sorted(
        d.citation.sentence for d in dates(extraction)
    ), "dates come out in reading order"


def test_month_and_year_and_unresolvable_dates(
    extractor: Extractor, markets: tuple[Document, Extraction]
) -> None:
    _, extraction = markets
    assert figure(extraction, "March 2025").date == "2025-03"
    assert "completed" in figure(extraction, "March 2025").measures
    undated = extractor(make_document(EXPECTED), ())
    friday = figure(undated, "Friday")
    assert friday.date is None  # no publication date: nothing is invented
    dated = extractor(make_document(EXPECTED, published="2024-05-16"), ())
    assert figure(dated, "Friday").date == "2024-05-17"  # expected to sign: the next Friday
    assert figure(dated, "Monday").date == "2024-05-13"  # had agreed: the last Monday
    assert "sign" in figure(dated, "Friday").measures


def test_when_something_was_said_is_not_a_key_date(extractor: Extractor) -> None:
    document = make_document(
        "The airline cut 300 jobs, the company said on Wednesday.", published="2024-05-16"
    )
    assert dates(extractor(document, ())) == []


def test_a_speakers_dates_and_todays_habits_are_not_key_dates(extractor: Extractor) -> None:
    document = make_document(
        "Australia, New Zealand and 14 Pacific island nations agreed on Thursday to create a"
        ' climate finance facility. "For thirty years we have been asking the world to listen.'
        ' Today our neighbours did more than listen," Fijian Prime Minister Ratu Josefa'
        ' Vakacegu said. "In 2021 we measured the sea wall again. It had moved," he added.'
        " Most warehouse robots today move shelves to pickers. The last regional climate"
        " agreement was signed in Nauru in 2018.",
        published="2025-08-21",
    )
    found = {d.text: d for d in dates(extractor(document, ()))}
    assert set(found) == {"Thursday", "2018"}
    # every subject of the clause, with its commas and its "and"
    assert found["Thursday"].measures.startswith(("Australia agreed", "Australia, New Zealand"))
    assert found["Thursday"].date == "2025-08-21"


def test_a_date_on_a_verbs_object_dates_what_the_verb_tells(extractor: Extractor) -> None:
    document = make_document(
        "Kestrel FC won the National Cup for the first time in 31 years on Saturday, beating"
        " Harlow Athletic 3-2 after extra time. The company is expected to begin shipping the"
        " first robots to ParcelNet's warehouse near Leipzig in June.",
        published="2025-05-18",
    )
    found = {d.text: d.measures for d in dates(extractor(document, ()))}
    assert "won the National Cup" in found["Saturday"]
    assert "begin shipping" in found["June"]


# --------------------------------------------------------------------------- places


def test_places_counted_with_kinds(
    extractor: Extractor, disaster: tuple[Document, Extraction]
) -> None:
    document, extraction = disaster
    every = find_places(parse(document, extractor.nlp), limit=None)
    places = {p.name: p for p in every}
    assert places["Genoa"].mentions == 2 and places["Genoa"].kind == "city"
    assert places["United States"].mentions == 2  # "U.S." and "United States"
    assert places["United States"].kind == "country"
    assert places["France"].kind == "country"
    assert "Kremlin" not in places  # a seat of government stands for the government
    assert every[0].name in ("Genoa", "United States")  # most mentioned first
    assert all(p.kind in PLACE_KINDS for p in every)
    # The briefing lists a country that acts once, as an actor, not again as a place.
    actors = {a.name for a in extraction.actors}
    assert "United States" in actors
    assert not actors & {p.name for p in extraction.places}
    assert "Genoa" in {p.name for p in extraction.places}


def test_places_are_capped(extractor: Extractor) -> None:
    document = make_document(DISASTER, published="2024-05-16")
    assert len(Extractor(max_places=2)(document, ()).places) == 2


# --------------------------------------------------------------------------- citations


def test_every_item_cites_a_sentence_that_says_it(
    markets: tuple[Document, Extraction], disaster: tuple[Document, Extraction]
) -> None:
    for document, extraction in (markets, disaster):
        assert extraction.figures and extraction.places
        for item in extraction.figures:
            assert item.kind in FIGURE_KINDS
            cited = sentence(document, item.citation)
            assert item.text in cited
            # What it measures is in the sentence's own words, never invented ones.
            for word in re.findall(r"\w+", item.measures):
                assert re.search(rf"\b{re.escape(word)}\b", cited), (word, cited)
        for place in extraction.places:
            cited = sentence(document, place.citation)
            names = {place.name} | {k for k, v in COUNTRY_LOOKUP.items() if v == place.name}
            assert any(n.lower() in cited.lower() for n in names), (place, cited)


def test_junk_only_document_yields_nothing(extractor: Extractor) -> None:
    document = make_document("Share this article: Facebook Twitter Email\n\n12 comments\n\n1 of 12")
    extraction = extractor(document, ())
    assert extraction.figures == () and extraction.places == ()


# --------------------------------------------------------------------------- assembling


def test_merge_keeps_a_figure_once_and_sums_place_mentions() -> None:
    price = Figure("£3.2bn", "money", 3.2e9, "GBP", "buy its rival", Citation(0, 0))
    same = Figure("£3.2 billion", "money", 3.2e9, "GBP", "takeover", Citation(0, 2))
    other = Figure("3%", "percent", 3.0, "%", "growth", Citation(0, 1))
    also = Figure("3%", "percent", 3.0, "%", "inflation", Citation(0, 4))
    tuesday = Figure("Tuesday", "date", None, None, "deal signed", Citation(0, 0), "2024-05-14")
    first = Extraction(
        figures=(price, other, also, tuesday),
        places=(Place("Leeds", "city", 2, Citation(0, 1)),),
    )
    second = Extraction(
        figures=(same, Figure("1,500", "count", 1500.0, None, "jobs", Citation(0, 3))),
        places=(
            Place("Manchester", "city", 4, Citation(0, 0)),
            Place("Leeds", "city", 1, Citation(0, 2)),
        ),
    )
    merged = merge_extractions([first, second])
    assert [f.text for f in merged.figures] == ["£3.2bn", "3%", "3%", "1,500", "Tuesday"]
    assert merged.figures[3].citation == Citation(1, 3)  # re-numbered to its source
    assert [(p.name, p.mentions) for p in merged.places] == [("Manchester", 4), ("Leeds", 3)]
    assert merged.places[0].citation == Citation(1, 0)
    # One source's place that another source lists as an actor is not repeated.
    council = Extraction(actors=(Actor("Leeds", "organisation", aliases=("Leeds Council",)),))
    again = merge_extractions([first, second, council])
    assert [p.name for p in again.places] == ["Manchester"]


def test_story_carries_figures_and_places(markets: tuple[Document, Extraction]) -> None:
    from summarizers import Summary

    document, extraction = markets
    story = assemble_story(document, Summary(sentences=(), method="test"), extraction)
    assert story.figures == extraction.figures and story.places == extraction.places


# --------------------------------------------------------------------------- rendering


def _story(figures: tuple[Figure, ...], places: tuple[Place, ...]) -> Story:
    sentences = (
        "Harbourline agreed to buy Nordvast for €4.2bn on Monday.",
        "The deal will create 1,500 jobs in Rotterdam.",
    )
    return Story(
        id="port",
        headline="Harbourline buys Nordvast",
        summary=(SummaryLine(sentences[0], (Citation(0, 0),)),),
        sources=(Source("port", "Harbourline buys Nordvast", None, "Meridian", "2024-05-14"),),
        source_sentences=(sentences,),
        figures=figures,
        places=places,
    )


FIGURES = (
    Figure("€4.2bn", "money", 4.2e9, "EUR", "Harbourline agreed to buy Nordvast", Citation(0, 0)),
    Figure("1,500", "count", 1500.0, None, "The deal will create jobs", Citation(0, 1)),
    Figure("Monday", "date", None, None, "Harbourline agreed", Citation(0, 0), "2024-05-13"),
)
PLACES = (Place("Rotterdam", "city", 1, Citation(0, 1)),)


def test_markdown_html_and_text_show_figures_dates_and_places_with_citations() -> None:
    briefing = Briefing("Ports", "2024-05-14", (_story(FIGURES, PLACES),))
    markdown = render(briefing, "markdown")
    assert "### Key figures" in markdown and "### Key dates" in markdown
    assert "- **€4.2bn** — Harbourline agreed to buy Nordvast [1:1]" in markdown
    assert "- **Monday** (13 May 2024) — Harbourline agreed [1:1]" in markdown
    assert "- **Rotterdam** (city, 1 mention) [1:2]" in markdown
    html = render(briefing, "html")
    assert '<section class="figures">' in html and '<section class="places">' in html
    assert '<time datetime="2024-05-13">Monday</time>' in html
    assert 'title="The deal will create 1,500 jobs in Rotterdam."' in html
    parts = render_email(briefing)
    assert "Key figures:" in parts.text and "- Rotterdam (city, 1 mention) [1:2]" in parts.text
    assert "Key dates" in parts.html and "1,500" in parts.html


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_empty_figures_and_places_are_left_out(fmt: str) -> None:
    output = render(Briefing("Ports", "2024-05-14", (_story((), ()),)), fmt)
    for heading in ("Key figures", "Key dates", "Places"):
        assert heading not in output
    only_numbers = render(Briefing("Ports", "2024-05-14", (_story(FIGURES[:2], ()),)), fmt)
    assert "Key figures" in only_numbers and "Key dates" not in only_numbers


def test_json_carries_figures_and_places_and_validates() -> None:
    briefing = Briefing("Ports", "2024-05-14", (_story(FIGURES, PLACES),))
    data = json.loads(render(briefing, "json"))
    assert data == briefing_to_dict(briefing)
    story = data["stories"][0]
    assert story["figures"][0] == {
        "text": "€4.2bn",
        "kind": "money",
        "value": 4.2e9,
        "unit": "EUR",
        "measures": "Harbourline agreed to buy Nordvast",
        "date": None,
        "citation": {"source": 0, "sentence": 0},
    }
    assert story["figures"][2]["date"] == "2024-05-13"
    assert story["places"] == [
        {
            "name": "Rotterdam",
            "kind": "city",
            "mentions": 1,
            "citation": {"source": 0, "sentence": 1},
        }
    ]
    Draft202012Validator(load_schema()).validate(data)
    story["figures"][0]["kind"] = "vibe"
    assert not Draft202012Validator(load_schema()).is_valid(data)


def test_markdown_escapes_figure_text() -> None:
    hostile = Figure("*5*", "count", 5.0, None, "[link](javascript:x)", Citation(0, 0))
    markdown = render(Briefing("Ports", "2024-05-14", (_story((hostile,), ()),)), "markdown")
    assert "\\*5\\*" in markdown and "\\[link\\]" in markdown


def test_quoted_numbers_and_hyphenated_descriptions_are_not_key_figures(
    extractor: Extractor,
) -> None:
    text = (
        "Delegates from 14 countries met for a three-day summit in Oslo and agreed to spend "
        "2.4 billion euros on flood defences. "
        '"It is a problem we have known how to solve for twenty years," the chair said.'
    )
    figures = [f.text for f in extractor(make_document(text)).figures]
    assert "2.4 billion euros" in figures
    assert "14" in figures
    assert "three-day" not in figures
    assert "twenty years" not in figures


def test_a_date_on_a_state_says_what_the_state_is(extractor: Extractor) -> None:
    text = (
        "The two governments signed the memorandum in Ottawa on Friday. A first call for "
        "proposals is due in September."
    )
    document = make_document(text, published="2025-03-14")
    dates = {d.text: d.measures for d in extractor(document).figures if d.kind == "date"}
    assert dates["September"] == "A call for proposals is due"


def test_a_count_after_a_verb_and_its_object_keeps_the_object(extractor: Extractor) -> None:
    text = (
        "The portal is run by Parvis Systems, a contractor that provides similar software to "
        "about 40 local authorities."
    )
    labels = {f.text: f.measures for f in extractor(make_document(text)).figures}
    assert labels["about 40"] == "provides similar software to local authorities"
