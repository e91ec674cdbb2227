"""Key actors, rule by rule, on short news paragraphs written for these tests; and the
alias-aware scorer of ``briefing eval-actors`` on hand-made gold records.

Each paragraph is in the style of wire copy (titles before names, appositions, datelines,
results tables, scraped page furniture). spaCy is loaded once for the module.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from documents import make_document

from briefing.cli import cli
from briefing.errors import InputError
from briefing.evaluate_actors import (
    GoldActor,
    Predicted,
    collapse_gold,
    detokenize,
    load_actor_records,
    normalize_name,
    run_actor_eval,
    score_document,
)
from briefing.extract import Extractor
from briefing.extract.actors import ActorIndex, find_actors
from briefing.extract.nlp import parse
from briefing.models import Actor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    extractor = Extractor()
    extractor.nlp  # noqa: B018 - load spaCy once for the whole module
    return extractor


def actors_of(extractor: Extractor, text: str, source: str | None = None) -> ActorIndex:
    return find_actors(parse(make_document(text, source=source), extractor.nlp), limit=None)


def actor(index: ActorIndex, name: str) -> Actor:
    found = [a for a in index.actors if a.name == name]
    assert found, f"{name!r} not among {[(a.name, a.kind) for a in index.actors]}"
    return found[0]


def names(index: ActorIndex) -> set[str]:
    return {a.name for a in index.actors}


# --- what news text says about its actors ----------------------------------------------

SUMMIT = """\
KYIV (Reuters) - Ukrainian President Volodymyr Zelensky met Chinese leader Xi Jinping in \
Beijing on Tuesday, the Kremlin said.

Zelensky's aides said Russian troops had pulled back from two villages. White House \
officials welcomed the talks, and Tom Hale, chief executive of Northwind, said shipping \
would resume.

The World Health Organization (WHO) said it would send a team to the region. The WHO did \
not give a date. Officials said he would return next week.

Share this article: Facebook Twitter Email

Leave a Reply
"""


@pytest.fixture(scope="module")
def summit(extractor: Extractor) -> ActorIndex:
    return actors_of(extractor, SUMMIT, source="Reuters")


def test_titles_before_the_name_and_in_apposition_become_roles(summit: ActorIndex) -> None:
    assert actor(summit, "Volodymyr Zelensky").role == "Ukrainian President"
    assert actor(summit, "Xi Jinping").role == "Chinese leader"
    assert actor(summit, "Tom Hale").role == "chief executive of Northwind"
    assert actor(summit, "Tom Hale").kind == "person"


def test_seats_of_government_are_organisations(summit: ActorIndex) -> None:
    assert actor(summit, "Kremlin").kind == "organisation"
    assert actor(summit, "White House").kind == "organisation"


def test_surname_and_possessive_join_the_full_name(summit: ActorIndex) -> None:
    zelensky = actor(summit, "Volodymyr Zelensky")
    assert zelensky.aliases == ("Zelensky",)
    assert zelensky.mentions == 2  # "Volodymyr Zelensky", "Zelensky's aides"
    assert not {"Zelensky", "Zelensky's"} & names(summit)


def test_acronym_joins_its_expansion(summit: ActorIndex) -> None:
    who = actor(summit, "World Health Organization")
    assert who.kind == "organisation" and who.aliases == ("WHO",)
    assert who.mentions == 2  # the bracketed "(WHO)" is part of the first mention
    assert "WHO" not in names(summit)


def test_demonym_stands_for_its_country_and_groups_are_actors(summit: ActorIndex) -> None:
    troops = next(s.index for s in make_document(SUMMIT).sentences if "Russian troops" in s.text)
    russia = actor(summit, "Russia")
    assert russia.kind == "country"
    assert troops in {c.sentence for c in russia.citations}
    assert "Russian" not in names(summit)
    assert actor(summit, "Russian troops").kind == "group"
    assert actor(summit, "White House officials").kind == "group"
    # the mention index keeps Russia, not the group, at "Russian"
    text = make_document(SUMMIT).sentences[troops].text
    ref = summit.at(troops, text.index("Russian"), text.index("Russian") + 7)
    assert ref is not None and ref.name == "Russia"


def test_never_an_actor(summit: ActorIndex) -> None:
    never = {
        "Reuters", "KYIV", "Kyiv", "Facebook", "Twitter", "Email", "Twitter Email", "Share",
        "Leave", "Leave a Reply", "Officials", "officials", "he", "it", "Tuesday",
    }  # fmt: skip
    assert not never & names(summit), never & names(summit)
    for a in summit.actors:
        assert a.kind in {"person", "organisation", "country", "place", "group"}
        assert a.name.lower() not in {"the company", "company", "officials", "team"}


def test_generic_nouns_and_pronouns_are_not_actors(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "The company said it would cut 300 jobs. Officials said they expected more losses. "
        "He declined to comment, and she was not available.",
    )
    assert index.actors == ()


# --- headlines, datelines and results tables -------------------------------------------

RESULTS = """\
SOCCER - LEEDS HELD BY DERBY IN SURPRISE DRAW.
LONDON 1996-12-07
Results of English league matches on Saturday:
Arsenal 2 Derby 2
Leeds 0 Chelsea 1
Aston Villa 1 Southampton 0
Standings (tabulate under played, won, drawn, lost, goals for, goals against, points):
Ajax Amsterdam 18 7 8 3 23 16 29
Sparta Rotterdam 19 6 3 10 21 25 21
Japan: 19 - Kenichi Shimokawa, 2 - Hiroshige Yanagimoto, 3 - Naoki Soma.
Bochum 2 (Stickroth 30th pen, Wosz 89th) Bayer Leverkusen 2 (Kirsten 18th).
In the 80th minute Leeds striker Ian Rush missed a penalty, and Derby held on for the draw.
"""


@pytest.fixture(scope="module")
def results(extractor: Extractor) -> ActorIndex:
    return actors_of(extractor, RESULTS)


def test_results_and_standings_rows_name_teams(results: ActorIndex) -> None:
    for team in ("Arsenal", "Derby", "Chelsea", "Aston Villa", "Southampton", "Ajax Amsterdam",
                 "Sparta Rotterdam", "Bochum", "Bayer Leverkusen"):  # fmt: skip
        assert actor(results, team).kind == "organisation", team
    # numbers and dashes are never part of a name
    for a in results.actors:
        assert not any(ch.isdigit() for ch in a.name), a.name


def test_line_ups_and_scorers_are_people(results: ActorIndex) -> None:
    for player in ("Kenichi Shimokawa", "Hiroshige Yanagimoto", "Naoki Soma", "Stickroth",
                   "Wosz", "Kirsten", "Ian Rush"):  # fmt: skip
        assert actor(results, player).kind == "person", player
    assert actor(results, "Ian Rush").role == "Leeds striker"


def test_headline_in_capitals_and_dateline(results: ActorIndex) -> None:
    # only names the body also uses count in a headline in capitals
    assert not {"SOCCER", "Soccer", "SURPRISE DRAW", "DRAW", "LEEDS HELD"} & names(results)
    assert not {"LONDON", "London"} & names(results)  # the dateline is where, not who
    leeds = actor(results, "Leeds")
    assert 0 in {c.sentence for c in leeds.citations}  # "LEEDS" in the headline counts


def test_athletes_with_their_nationality_are_people(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "ALPINE SKIING-WOMEN'S WORLD CUP SUPER G RESULTS.\n"
        "VAIL, Colorado 1996-12-07\n"
        "Provisional results of Saturday's super G race:\n"
        "1. Camilla Martin (Denmark) 1:17.76\n"
        "2. Pernilla Wiberg (Sweden) 1:17.97\n"
        "3. Megan Gerety (U.S.) 1:18.11\n",
    )
    for athlete in ("Camilla Martin", "Pernilla Wiberg", "Megan Gerety"):
        assert actor(index, athlete).kind == "person", athlete
    assert actor(index, "Denmark").kind == "country"
    assert not {"Vail", "VAIL", "Colorado"} & names(index)


def test_organisation_cues_override_the_tagger(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Brewpole BV holds 66 percent of Zywiec. PT Tambang Timah was traded at $15.625 in "
        "London on Friday. Manchester United fans were attacked in Vienna. "
        '"The banks are preparing for the tax payment," said Budapest Bank\'s Sandor Tolonics.',
    )
    for org in ("Brewpole BV", "PT Tambang Timah", "Budapest Bank"):
        assert actor(index, org).kind == "organisation", org
    assert actor(index, "Sandor Tolonics").kind == "person"


def test_extractor_caps_actors_but_find_actors_can_return_all(extractor: Extractor) -> None:
    document = make_document(RESULTS)
    index = find_actors(parse(document, extractor.nlp), limit=None)
    assert len(index.actors) > 12
    # every team in a results row and every listed player took part, so all are key actors
    key = [a.name for a in index.actors if a.name in index.key]
    assert len(key) > 5
    capped = Extractor(max_actors=5)(document).actors
    assert [a.name for a in capped] == key[:5]


def test_standings_leader_and_results_with_scorers_running_on(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "SOCCER - FRENCH LEAGUE SUMMARIES.\n"
        "Summaries of French first division matches on Friday, with standings:\n"
        "Lens 0 Nantes 4 (Japhet N'Doram 7, Claude Makelele 42, Jocelyn\n"
        "Gourvennec 67).\n"
        "Bastia 14-4 .778 -\n"
        "Auxerre 10-6 .625 3\n",
    )
    # the leader's "-" (no games behind) and the scorers running on to the next line
    # still leave a row of teams
    for team in ("Lens", "Nantes", "Bastia", "Auxerre"):
        assert actor(index, team).kind == "organisation", team


def test_players_and_clubs_in_the_lists_of_a_sports_report(extractor: Extractor) -> None:
    # a goalscorers' table whose entries run over line breaks: each name with its club
    table = actors_of(
        extractor,
        "SOCCER - LEADING SCOTTISH GOALSCORERS.\n"
        "GLASGOW 1997-03-01\n"
        "Leading goalscorers in the Scottish premier division after Saturday's matches:\n"
        "15 - Pierre van Hooijdonk (Celtic), Marco Negri\n"
        "(Rangers)\n"
        "11 - Andy Walker (Hearts), Billy Dodds (Aberdeen), Paul\n"
        "Wright (Kilmarnock)\n",
    )
    for player in ("Pierre van Hooijdonk", "Marco Negri", "Andy Walker", "Billy Dodds"):
        assert actor(table, player).kind == "person", player
    for club in ("Celtic", "Rangers", "Hearts", "Aberdeen", "Kilmarnock"):
        assert actor(table, club).kind == "organisation", club
    # scorers listed under their team, with minutes and penalties
    scorers = actors_of(
        extractor,
        "SOCCER - ASIAN GAMES RESULT.\n"
        "HIROSHIMA 1994-10-04\n"
        "Result of a group B match on Tuesday:\n"
        "Japan 2 South Korea 1 (halftime 1-0)\n"
        "Scorers:\n"
        "Japan - Kenji Oba 12, 67 penalty, Hideo Sato 80\n"
        "South Korea - Min-ho Kwon 55\n",
    )
    for player in ("Kenji Oba", "Hideo Sato", "Min-ho Kwon"):
        assert actor(scorers, player).kind == "person", player
    assert actor(scorers, "Japan").kind == "country"


def test_crews_numbered_teams_innings_and_venues(extractor: Extractor) -> None:
    bobsleigh = actors_of(
        extractor,
        "BOBSLEIGH - WORLD CUP FOUR-MAN RESULTS.\n"
        "ALTENBERG, Germany 1997-01-11\n"
        "Results of a World Cup four-man bobsleigh race on Saturday:\n"
        "1. Switzerland II (Marcel Rohner, Markus Wasser) 1:50.21\n"
        "2. Latvia I (Sandis Prusis, Janis Elsins) 1:50.40\n"
        '"When I came to Canada I was nervous," Rohner said.\n',
    )
    for crew in ("Switzerland II", "Latvia I"):
        assert actor(bobsleigh, crew).kind == "organisation", crew
    assert "Canada I" not in names(bobsleigh)  # the pronoun, not a crew
    for person in ("Marcel Rohner", "Markus Wasser", "Sandis Prusis", "Janis Elsins"):
        assert actor(bobsleigh, person).kind == "person", person
    cricket = actors_of(
        extractor,
        "CRICKET - SHEFFIELD SHIELD SCOREBOARD.\n"
        "PERTH 1996-12-20\n"
        "Close of play on the first day of the match between Queensland and Western "
        "Australia at the Western Australia Cricket Ground on Friday:\n"
        "Queensland 310 for six (Matthew Hayden 142, Stuart Law 61 not out) v Western "
        "Australia.\n",
    )
    assert actor(cricket, "Matthew Hayden").kind == "person"
    assert actor(cricket, "Stuart Law").kind == "person"
    assert actor(cricket, "Queensland").kind == "organisation"  # it batted: a team
    assert actor(cricket, "Western Australia Cricket Ground").kind == "place"


def test_ranked_athletes_with_their_nationality(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "ALPINE SKIING-MEN'S WORLD CUP DOWNHILL RESULTS.\n"
        "VAL GARDENA, Italy 1996-12-14\n"
        "Results of the men's World Cup downhill race on Saturday:\n"
        "1. Kristian Ghedina (Italy) 2:03.45\n"
        "2. Jean-Luc Cretier (France) 2:03.61\n"
        "3= Luc Alphand Lamotte (France) 2:03.70\n"
        "4. Hannes Trinkl Austria) 2:03.98\n",
    )
    for athlete in ("Kristian Ghedina", "Jean-Luc Cretier", "Luc Alphand Lamotte", "Hannes Trinkl"):
        assert actor(index, athlete).kind == "person", athlete
    assert not {"Luc", "Hannes Trinkl Austria", "Lamotte"} & names(index)
    assert actor(index, "France").kind == "country"


def test_the_charterer_that_closes_a_table_row(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Coal fixtures - Nov 12.\n"
        "SYDNEY 1996-11-12\n"
        "COAL - Ocean Star - 65,000 tonnes Newcastle / Rotterdam 1-10/12 $7.10 fio 25,000 / "
        "20,000 Nippon Steel Corp.\n"
        "ORE - Cape Hawk - 140,000 tonnes Tubarao / Rotterdam 15-25/12 $6.85 fio 30,000 / "
        "25,000 Kawasaki Steel.\n",
    )
    assert {a.name for a in index.actors if a.kind == "organisation"} == {
        "Nippon Steel Corp",
        "Kawasaki Steel",
    }
    assert not [a.name for a in index.actors if a.kind == "person"]  # ships, ports: data


def test_what_is_not_a_person_or_a_company(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Shares of Siemens rose 2 percent on Friday, lifting the blue-chip DAX index. One ADR "
        "represents ten ordinary shares. Front-month crude rose 30 cents. The cargo arrived "
        "on the ship Orinoco Star. The refugees reached the country's second city Bahir Dar "
        "on Monday, and others were flown to Sainte-Foy, France. Aid workers said Kidepo "
        "national park was closed.",
    )
    assert actor(index, "Siemens").kind == "organisation"
    assert not {"DAX", "ADR", "Front", "Orinoco Star"} & names(index)
    table = actors_of(
        extractor,
        "Rice loading at Thai ports, in tonnes:\nVessel Date of Arrival Quantity Destination\n"
        "PT Semen Gresik Indonesia (Semen Gresik) said on Friday it would raise prices.",
    )
    assert not any(a.name.endswith((" of", " and")) for a in table.actors), table.actors
    for place in ("Bahir Dar", "Sainte-Foy", "Kidepo"):
        assert actor(index, place).kind == "place", place


def test_names_the_text_types_for_the_tagger(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Harlow Industries Inc said on Friday that J. Marsh Whitby will retire as chairman in "
        "March. Whitby has led the company since 1980. Police arrested two men after a rally "
        "organised by Batzarre, the political wing of a separatist group, in Pamplona. "
        "Arsenal went top after a late burst from forwards Dean Whitcombe and Lee Sharpe.",
    )
    assert actor(index, "J. Marsh Whitby").kind == "person"  # an initial opens a name
    assert "Whitby" in actor(index, "J. Marsh Whitby").aliases
    assert actor(index, "Batzarre").kind == "organisation"  # "the political wing of"
    assert actor(index, "Dean Whitcombe").kind == "person"  # "Dean" is not a title here
    assert "Whitcombe" not in names(index)


def test_short_forms_acronyms_and_leagues_join_their_organisation(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "The European Commission said on Monday it would fine the carmaker. The Commission "
        "said talks would go on. The United Nations said a U.N. team would visit. British "
        "Airways Plc said BA would appeal.",
    )
    assert "Commission" in actor(index, "European Commission").aliases
    assert "U.N." in actor(index, "United Nations").aliases
    assert "BA" in actor(index, "British Airways Plc").aliases
    assert not {"Commission", "U.N.", "BA"} & names(index)
    # with two commissions named, "the Commission" could be either: it stays apart
    two = actors_of(
        extractor,
        "The European Commission said on Monday it would fine the carmaker. Figures from the "
        "Kenyan Tea and Wheat Commission showed exports rose. The Commission said talks would "
        "go on.",
    )
    assert actor(two, "Kenyan Tea and Wheat Commission").kind == "organisation"
    assert "Commission" not in actor(two, "European Commission").aliases
    league = actors_of(
        extractor,
        "NHL ICE HOCKEY - STANDINGS AFTER SUNDAY'S GAMES.\n"
        "NEW YORK 1996-12-08\n"
        "Standings of the league after games played on Sunday:\n",
    )
    assert actor(league, "NHL").kind == "organisation"
    assert "ICE" not in names(league)


# --- which actors a briefing lists (bench/gold/README.md, "Actors") ----------------------

DEAL = """\
Japanese carmaker Mitsubishi Motors has agreed a deal with Peugeot to build 30,000 cars \
a year at its plant in Nagoya, the companies said on Tuesday.

The deal is a boost for Mitsubishi, which has lost money for three years. Peugeot chief \
executive Jean-Martin Folz said in Paris that talks had taken six months.

Japan said it welcomed the investment. Sales in Germany and Italy fell by 8% last year, \
according to the Financial Times. The plant will open in May, said Reuters correspondent \
Ann Lee.
"""


@pytest.fixture(scope="module")
def deal(extractor: Extractor) -> tuple[str, ...]:
    return tuple(a.name for a in extractor(make_document(DEAL)).actors)


def test_parties_speakers_and_acting_countries_are_listed(deal: tuple[str, ...]) -> None:
    assert {"Mitsubishi Motors", "Peugeot", "Jean-Martin Folz", "Japan"} <= set(deal)


def test_places_in_passing_are_not_listed(deal: tuple[str, ...]) -> None:
    # where something happened, or a figure's setting: never key actors
    assert not {"Nagoya", "Paris", "Germany", "Italy"} & set(deal), deal


def test_outlets_and_reporters_are_not_listed(deal: tuple[str, ...], extractor: Extractor) -> None:
    assert not {"Financial Times", "Reuters", "Ann Lee"} & set(deal), deal
    # a correspondent whose own words are quoted is a speaker, and so an actor
    quoted = DEAL.replace("The plant will open in May,", '"This is a good day for Nagoya,"')
    assert "Ann Lee" in {a.name for a in extractor(make_document(quoted)).actors}


def test_short_company_name_joins_the_full_one(extractor: Extractor) -> None:
    index = actors_of(extractor, DEAL)
    assert "Mitsubishi" not in names(index)
    assert "Mitsubishi" in actor(index, "Mitsubishi Motors").aliases
    acronyms = actors_of(
        extractor,
        "Bank of America said on Monday it would cut 2,000 jobs. BOA shares rose 2%. "
        "The US Securities and Exchange Commission said it was looking into the sale. "
        "The SEC declined to say more.",
    )
    assert "BOA" in actor(acronyms, "Bank of America").aliases
    assert "SEC" in actor(acronyms, "US Securities and Exchange Commission").aliases


def test_a_party_described_by_a_demonym_is_not_an_actor(extractor: Extractor) -> None:
    listed = extractor(
        make_document(
            'The Senate committee approved the rail safety bill on Tuesday. "Families deserve '
            'answers," said Senator Laura Whitfield, a Democrat, after the vote.'
        )
    ).actors
    assert "Laura Whitfield" in {a.name for a in listed}
    assert "Democrat" not in {a.name for a in listed}


def test_a_country_is_listed_only_when_it_acts(extractor: Extractor) -> None:
    listed = extractor(
        make_document(
            "Russia said on Friday that it would cut gas supplies to Ukraine. Moscow has "
            "long accused Kiev of taking gas meant for Europe. Prices in Poland rose."
        )
    ).actors
    by_name = {a.name: a.kind for a in listed}
    assert by_name.get("Russia") == "country"
    assert "Poland" not in by_name


def test_club_named_after_a_city_is_an_organisation(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Aston Villa boss David O'Leary signed a new three-year contract on Thursday. "
        "O'Leary said Villa had backed him.",
    )
    assert actor(index, "Aston Villa").kind == "organisation"
    assert actor(index, "David O'Leary").kind == "person"
    firms = actors_of(
        extractor,
        "India and Russia agreed joint gas projects on Friday, to be led by Russian energy "
        "giant Gazprom and India's ONGC.",
    )
    assert actor(firms, "Gazprom").kind == "organisation"


def test_titles_events_and_wire_tags_are_never_actors(extractor: Extractor) -> None:
    text = (
        "(CNN)Sofia Vergara has asked a court to block the sale, her lawyer said. "
        "Opponents of the bill, including Tory Lord Campbell of Alloway, said it was wrong. "
        "Labour wants a vote before the General Election, and Lt Col Eric Schnaible of the "
        "Project and Contract Office told reporters the work would go on."
    )
    index = actors_of(extractor, text)
    assert "Sofia Vergara" in names(index)
    assert not {"CNN)Sofia Vergara", "Tory Lord", "Lt Col Eric Schnaible"} & names(index)
    assert actor(index, "Eric Schnaible").kind == "person"
    cup = actors_of(
        extractor,
        "Celtic reached the final of the Scottish League Cup after beating Rangers. "
        "Victoria won the Sheffield Shield match against Tasmania by five wickets.",
    )
    assert {"Celtic", "Rangers"} <= names(cup)
    assert not {"Scottish League Cup", "Sheffield Shield"} & names(cup)  # competitions
    listed = {a.name for a in extractor(make_document(text)).actors}
    assert "General Election" not in listed
    assert "Sofia Vergara" in listed


# --- the alias-aware scorer ----------------------------------------------------------------


def test_normalize_name() -> None:
    assert normalize_name("U.S.") == normalize_name("US") == "us"
    assert normalize_name("Bitar's") == "bitar"
    assert normalize_name("  Nihad  al-Boushi ") == "nihad al boushi"
    assert normalize_name("Société Générale") == "societe generale"


def test_gold_aliases_collapse_into_one_actor() -> None:
    gold = collapse_gold(
        [
            ("Bitar", "PER"),
            ("Salem Bitar", "PER"),
            ("FIFA", "ORG"),
            ("CHINA", "PER"),
            ("China", "PER"),
            ("PLO", "ORG"),
            ("Palestine Liberation Organisation", "ORG"),
            ("Abbas", "PER"),
            ("Hassan Abbas", "PER"),
            ("Mahmoud Abbas", "PER"),
        ]
    )
    by_name = {g.name: g for g in gold}
    assert set(by_name["Salem Bitar"].names) == {"Bitar", "Salem Bitar"}
    assert set(by_name["Palestine Liberation Organisation"].names) == {
        "PLO",
        "Palestine Liberation Organisation",
    }
    assert {"CHINA", "China"} in [set(g.names) for g in gold]
    # "Abbas" fits two people: it stays a gold actor of its own
    assert {"Abbas"} in [set(g.names) for g in gold]
    assert len(gold) == 7


def test_score_counts_an_aliased_actor_once_and_type_errors() -> None:
    gold = collapse_gold(
        [
            ("Bitar", "PER"),
            ("Salem Bitar", "PER"),
            ("FIFA", "ORG"),
            ("Nader Jokhadar", "PER"),
            ("Syria", "ORG"),
        ]
    )
    predicted = [
        Predicted("Salem Bitar", ("Bitar",), "PER"),
        Predicted("Fédération Internationale de Football", ("FIFA",), "ORG"),
        Predicted("Nader Jokhadar", (), "ORG"),  # right name, wrong type
        Predicted("Group C", (), "ORG"),  # not in the gold
    ]
    score = score_document("d", predicted, gold)
    assert (score.gold, score.predicted) == (4, 4)
    assert score.true_positives == 2 and score.true_positives_untyped == 3
    assert score.typed.precision == 0.5 and score.typed.recall == 0.5
    assert score.untyped.f1 == 0.75
    assert set(score.false_positives) == {"Nader Jokhadar (ORG)", "Group C (ORG)"}
    assert set(score.false_negatives) == {"Nader Jokhadar (PER)", "Syria (ORG)"}
    assert score.type_errors == ("Nader Jokhadar: predicted ORG, gold PER",)


def test_one_prediction_matches_one_gold_actor() -> None:
    gold = (GoldActor(("Smith",), frozenset({"PER"})), GoldActor(("Jones",), frozenset({"PER"})))
    # one predicted actor whose aliases cover two gold people is still one true positive
    score = score_document("d", [Predicted("Smith", ("Jones",), "PER")], gold)
    assert score.true_positives == 1 and score.typed.recall == 0.5


def test_empty_documents() -> None:
    assert score_document("d", [], ()).typed.f1 == 1.0
    assert score_document("d", [Predicted("X", (), "PER")], ()).typed.f1 == 0.0


def test_detokenize() -> None:
    assert detokenize("Bitar 's goal , he said .") == "Bitar's goal, he said."
    assert detokenize('He said " we will win " ( AP ) .') == 'He said "we will win" (AP).'
    assert detokenize("line one .\nline two :") == "line one.\nline two:"


GOLD_RECORDS: list[dict[str, Any]] = [
    {
        "id": "a",
        "article": "SOCCER - JAPAN WIN .\nAL-AIN , United Arab Emirates 1996-12-06\n"
        "Japan beat Syria 2-1 on Friday .\nTakuya Takagi scored after goalkeeper Salem Bitar "
        "let the ball slip .\nBitar 's error cost Syria , coach Shu Kamo said .",
        "actors": [
            {"text": "Takuya Takagi", "type": "PER"},
            {"text": "Salem Bitar", "type": "PER"},
            {"text": "Bitar", "type": "PER"},
            {"text": "Shu Kamo", "type": "PER"},
        ],
    },
    {
        "id": "b",
        "article": "Russ Berrie president to retire .\nThe World Health Organization ( WHO ) "
        "said on Friday that Margaret Chan would visit Geneva .",
        "actors": [{"text": "World Health Organization", "type": "ORG"},
                   {"text": "WHO", "type": "ORG"}, {"text": "Margaret Chan", "type": "PER"}],
    },
]  # fmt: skip


def write_records(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_run_actor_eval_on_hand_made_gold(tmp_path: Path, extractor: Extractor) -> None:
    data = write_records(tmp_path / "gold.jsonl", GOLD_RECORDS)
    result = run_actor_eval(data)
    assert [d.id for d in result.docs] == ["a", "b"]
    first, second = result.docs
    assert first.gold == 3  # "Bitar" collapsed into "Salem Bitar"
    assert first.true_positives == 3 and not first.false_negatives
    assert second.gold == 2 and second.true_positives == 2
    assert 0.0 <= result.macro.f1 <= 1.0
    assert result.macro.recall == 1.0 and result.micro.recall == 1.0
    table = result.format_table()
    assert "macro, typed" in table and "docs/s" in table
    as_dict = result.to_dict()
    assert as_dict["docs"] == 2 and len(as_dict["per_doc"]) == 2
    assert len(run_actor_eval(data, limit=1).docs) == 1


def test_bad_records_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "article": "Text."}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:1: missing or malformed 'actors'"):
        load_actor_records(bad)
    bad.write_text("not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:1: not valid JSON"):
        load_actor_records(bad)


def test_cli_eval_actors(tmp_path: Path, extractor: Extractor) -> None:
    data = write_records(tmp_path / "gold.jsonl", GOLD_RECORDS)
    runner = CliRunner()
    result = runner.invoke(cli, ["eval-actors", str(data), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["docs"] == 2 and set(payload["typed"]) == {"macro", "micro"}
    result = runner.invoke(cli, ["eval-actors", str(data), "--limit", "1", "--show-errors"])
    assert result.exit_code == 0 and "1 documents" in result.stdout
    bad = tmp_path / "bad.jsonl"
    bad.write_text("[1, 2]\n", encoding="utf-8")
    result = runner.invoke(cli, ["eval-actors", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "bad.jsonl:1" in result.stderr
    assert "Traceback" not in result.output


# --- rules that carry over to unseen articles (batch-4 error causes) ------------------------


def key_names(index: ActorIndex) -> set[str]:
    return set(index.key) - set(index.never)


def test_one_word_parties_are_organisations_that_act(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Two more parties have promised free school meals for every pupil. "
        "On Monday, Labour and Ukip backed the plan as they launched their manifestos. "
        "The pledge would cost about £1bn a year, officials estimate.",
    )
    assert actor(index, "Labour").kind == "organisation"
    assert {"Labour", "Ukip"} <= key_names(index)


def test_an_outlet_that_campaigns_is_an_actor_one_that_reports_is_not(
    extractor: Extractor,
) -> None:
    index = actors_of(
        extractor,
        "Ministers have backed The Mail on Sunday's campaign for free bus passes. "
        "The Treasury told The Mail on Sunday that the cost was affordable. "
        "The Mail on Sunday is campaigning to extend the scheme to every county. "
        "Bus use fell by 4% last year, according to the Journal of Transport Economics. "
        "The Daily Courier newspaper reported that two councils had refused.",
    )
    keys = key_names(index)
    assert "Mail on Sunday" in keys
    assert "Mail on Sunday" not in index.never
    assert "Journal of Transport Economics" in index.never
    assert not any("Courier" in name for name in keys)


def test_someone_undergoing_an_event_in_the_lead_is_key(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Rovers have started looking for a new manager following the sacking on Monday of "
        "head coach Peter Lowndes. "
        "The club said a shortlist would be drawn up within a week. "
        "Fans had protested for a month.",
    )
    assert "Peter Lowndes" in key_names(index)


def test_a_relative_clause_or_participle_that_reports_words_makes_a_speaker(
    extractor: Extractor,
) -> None:
    index = actors_of(
        extractor,
        "The port will close two terminals next year. "
        "Unions have called a meeting for Thursday. "
        "The plan was drawn up by the new chief executive Maria Holtby, who confirmed the "
        "closures on Friday evening. "
        "The row escalated with Norway's ambassador Ingrid Falk calling the decision "
        "'a betrayal' of local workers. "
        "Neither does the review cover Daniel Shore, who has pleaded guilty to fraud.",
    )
    keys = key_names(index)
    assert {"Maria Holtby", "Ingrid Falk"} <= keys
    assert "Daniel Shore" not in keys  # pleading guilty reports no words


def test_a_country_someone_leaves_is_a_place_not_an_actor(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "The film crew had to abandon their cars after a mob attacked them. "
        "The three presenters fled Chile with a police escort last year. "
        "Producers said later that the crew had left Chile by road.",
    )
    assert "Chile" not in key_names(index)


def test_products_codes_and_possessions_are_not_actors(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Jeremy Walsh and his Night Drive colleagues were forced out of the town last year. "
        "Their convoy was led by a Ferrari bearing the number plate K451 PLM. "
        "Walsh’s Ferrari is thought to be in storage in the nearby city. "
        "Walsh said the BBC had not renewed the Night Drive series. "
        "The Ferrari was later found at the side of the road.",
    )
    keys = key_names(index)
    assert "Jeremy Walsh" in keys
    assert not any("Ferrari" in name or "Night Drive" in name for name in keys), keys
    assert not any(any(c.isdigit() for c in a.name) for a in index.actors)


def test_a_company_named_after_a_person_is_named_again_by_its_last_word(
    extractor: Extractor,
) -> None:
    from briefing.extract.actors import _surname_of

    assert _surname_of("hardwick", "james hardwick")
    assert _surname_of("villa", "aston villa")
    assert not _surname_of("bank", "deutsche bank")
    assert not _surname_of("airways", "british airways")
    assert not _surname_of("james", "james hardwick")
    assert not _surname_of("suharto", "citra group of suharto")


def test_names_the_tagger_cut_or_missed_are_made_whole(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Sporting Lisbon are closing in on a £3m deal for the Danish striker. "
        "Blue Harbour Holdings, which manages the port, said the terminal would close. "
        "The fee would be paid in two parts, the club said.",
    )
    assert actor(index, "Sporting Lisbon").kind == "organisation"
    assert actor(index, "Blue Harbour Holdings").kind == "organisation"
    assert {"Sporting Lisbon", "Blue Harbour Holdings"} <= key_names(index)


def test_a_news_agency_quoting_someone_is_not_an_actor(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Brewer Hollis bought a stake in the winemaker on Monday. "
        '"A takeover looks likely now," said one analyst quoted by the Agence France Presse '
        "news agency.",
    )
    assert "Agence France Presse" in index.never


def test_an_apostrophe_eliding_a_year_opens_no_quotation(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Alan Pryce has said he would consider the coaching job. "
        "First cap: Wales, Cardiff, Feb 4, '98 Last cap: Ireland, Dublin, Mar 9, '04 "
        "Pryce spoke of the job on Thursday. "
        "Asked about the post - created by the union's new chief executive Colin Marsh, who "
        "confirmed the vacancy on Wednesday - Pryce said: ‘I would listen to any offer.’",
    )
    assert "Colin Marsh" in key_names(index)


def test_a_country_or_city_describing_a_firm_or_club_does_not_act(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "The carmaker Valdoro has held talks with its lenders over its debts. "
        "The lenders gave the Portuguese firm a month to find a buyer. "
        "Its biggest market is Portugal, the bank said. "
        "Ministers met the Scottish club's directors on Friday.",
    )
    keys = key_names(index)
    assert "Valdoro" in keys
    assert "Portugal" not in keys
    assert "Scotland" not in keys


def test_list_members_and_examples_do_not_act(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "The brewer Halvorsen, whose brands include Kestrel, Norrland and Bjornstad, "
        "rejected the bid on Monday. "
        "Rival brewers such as Tarnhill have also been approached. "
        "Kestrel is the best-selling beer in Norway, Halvorsen said.",
    )
    keys = key_names(index)
    assert "Halvorsen" in keys
    assert not {"Kestrel", "Norrland", "Bjornstad"} & keys
    assert "Tarnhill" not in keys  # an example in the lead, named once


def test_a_venue_is_never_an_actor_whatever_the_tagger_says(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Rovers will play at Brockwell Road on Saturday after the ground passed an inspection. "
        "Brockwell Road will host 8,000 fans for the derby. "
        "The club said Brockwell Road was ready.",
    )
    assert "Brockwell Road" not in key_names(index)


def test_a_city_or_outlet_named_as_a_party_is_not_listed() -> None:
    from briefing.extract.actors import key_actors
    from briefing.models import Agreement, Citation

    def listed(name: str, kind: str) -> Actor:
        return Actor(name=name, kind=kind, role=None, mentions=1, aliases=(), citations=())

    index = ActorIndex(
        actors=(
            listed("Harwick Athletic", "organisation"),
            listed("Northampton", "place"),
            listed("Telegraph", "organisation"),
            listed("Harlow Express", "organisation"),
            listed("KPN", "place"),
            listed("Iran", "country"),
        ),
        mentions=(),
        names={},
        kinds={},
        roles={},
        key=frozenset(),
        never=frozenset({"Northampton", "Telegraph", "Harlow Express", "KPN", "Iran"}),
    )
    deal = Agreement(
        text="",
        parties=("Harwick Athletic", "Northampton", "Telegraph", "Harlow Express", "KPN", "Iran"),
        action="signed",
        status="signed",
        citation=Citation(0, 0),
    )
    # a company only shaped like a newspaper ("American Express") stays a party, and so
    # does a company the tagger took for a place ("a deal with BT")
    assert [a.name for a in key_actors(index, [deal])] == [
        "Harwick Athletic",
        "Harlow Express",
        "KPN",
        "Iran",
    ]


def test_short_names_of_one_company_join_it(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Kestrel City will have no fans at the game against Harwick United at the Kestrel "
        "City Stadium on Saturday. "
        "Kestrel have handed back their tickets, and Harwick have not commented. "
        "Harwick United The club said in a statement that it regretted the decision. "
        "Baird's Group made an offer for the winemaker last week. "
        "Baird's Lager is sold in 60 countries. "
        "Baird's said the offer was fair. "
        "Wuhan Steel Industry Corp agreed the deal. "
        "Wuhan Steel will pay in cash.",
    )
    found = names(index)
    assert {"Kestrel City", "Harwick United", "Baird's Group"} <= found
    assert not {"Kestrel", "Harwick", "Baird", "Wuhan Steel", "Harwick United The"} & found
    assert "Wuhan Steel Industry Corp" in found


def test_a_capital_and_another_name_of_a_party_join_their_actor(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Greece has asked its lenders for more time to repay its loans. "
        "Athens rejected the terms offered on Friday. "
        "The Tories said the plan would fail. "
        "The Conservatives have called for a vote.",
    )
    found = names(index)
    assert "Greece" in found and "Athens" not in found
    assert "Athens" in actor(index, "Greece").aliases
    assert len([n for n in found if n in ("Tories", "Conservatives")]) == 1


def test_a_full_name_in_brackets_or_apposition_is_the_same_actor(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Kosmoflot, the Russian Civil Aviation Agency, said the flight was delayed. "
        "Kosmoflot (the Russian Civil Aviation Agency) announced a new date on Friday. "
        "MP Kevin Hale (Labour) asked the minister to explain.",
    )
    found = names(index)
    assert "Kosmoflot" in found or "Russian Civil Aviation Agency" in found
    assert not {"Kosmoflot", "Russian Civil Aviation Agency"} <= found
    assert actor(index, "Kevin Hale").kind == "person"


def test_hyphenated_adjectives_and_inverted_speech_tags_are_not_names(
    extractor: Extractor,
) -> None:
    index = actors_of(
        extractor,
        "Pan-European exchange Bourselink has approached the Oslo bourse. "
        "Martin Kjeldsen joined the exchange from Bergen last year. "
        'Said Kjeldsen: "We are ready for a bid."',
    )
    found = names(index)
    assert "Pan-European" not in found
    assert "Said Kjeldsen" not in found
    assert "Martin Kjeldsen" in found


def test_who_criticises_or_speaks_through_a_spokesman_is_a_speaker(
    extractor: Extractor,
) -> None:
    index = actors_of(
        extractor,
        "The regulator has opened an inquiry into the bank's bonuses. "
        "Police were criticised by Harwick manager Ian Pellow for their handling of fans. "
        "A spokesman for the state treasurer, Helen Moss, said no decision had been made. "
        "Coach Tom Brady will work alongside Gary Linnet next season. "
        "Linnet, who has been in charge for a month, was assistant manager.",
    )
    keys = key_names(index)
    assert {"Ian Pellow", "Helen Moss", "Gary Linnet"} <= keys


def test_what_is_compared_or_left_does_not_act(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "The grocer Harrowfield said its profits rose by 4% last year. "
        "Its sales grew strongly compared with Dunmore Stores over the same period. "
        "Dunmore Stores is the largest grocer in the region. "
        "The former MP Jim Corless faces three charges of fraud. "
        "He stood down from Parliament in 2001, the court heard. "
        "Corless had taken a leave of absence from Parliament two years before.",
    )
    keys = key_names(index)
    assert {"Harrowfield", "Jim Corless"} <= keys
    assert "Dunmore Stores" not in keys
    assert "Parliament" not in keys


def test_a_short_name_shared_by_a_club_and_a_college_stays_alone(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Rugby came to Tarnby when Tarnby Town met Tarnby College in 1870. "
        "On his return to Tarnby he staged the first game.",
    )
    assert "Tarnby" not in actor(index, "Tarnby College").aliases
    assert "Tarnby" not in actor(index, "Tarnby Town").aliases


def test_members_of_a_party_are_not_a_person(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Labour MPs have backed the plan to cut waiting lists. "
        "Labour said the cost would be met from savings. "
        "Health Secretary John Reid said the plan was fair.",
    )
    found = names(index)
    assert "Labour MPs" not in found
    assert actor(index, "Labour").kind == "organisation"


def test_a_surname_tagged_as_a_nationality_joins_its_person() -> None:
    from briefing.extract.actors import _Mention, _merge

    full = _Mention(0, 0, 13, "Ada Lindqvist", "PERSON", "person", "ada lindqvist")
    short = _Mention(1, 0, 9, "Lindqvist", "NORP", "group", "lindqvist")
    clusters = _merge([full, short])
    assert list(clusters) == ["ada lindqvist"]
    assert clusters["ada lindqvist"].kind == "person"


def test_a_player_known_by_one_name_after_his_title_is_a_person() -> None:
    from briefing.extract import Extractor

    text = (
        "Arsenal's Brazilian midfielder Edu has hit out at the club over his contract. "
        'Edu\'s deal expires next summer. Edu said: "I have only heard stories."\n\n'
        "Former minister Michael Ancram met ex-King Michael of Romania."
    )
    extraction = Extractor()(make_document(text))
    edu = next(a for a in extraction.actors if a.name == "Edu")
    assert edu.kind == "person"
    assert extraction.quotes[0].speaker == "Edu"
    # one given name after a royal title joins no one
    assert all(a.role != "King" for a in extraction.actors)


def test_a_surname_that_opens_with_a_particle_joins_its_person() -> None:
    from briefing.extract import Extractor

    text = (
        "Planning Minister Julio De Vido has offered state help to the water company. "
        'Mr De Vido said the state would not pay. "We will not pay," De Vido told reporters.'
    )
    extraction = Extractor()(make_document(text))
    assert [a.name for a in extraction.actors if "Vido" in a.name] == ["Julio De Vido"]
    assert extraction.quotes[0].speaker == "Julio De Vido"


def test_a_title_set_off_before_a_name_drops_the_conjunction_that_opens_it() -> None:
    from briefing.extract import Extractor

    text = (
        "The railway paid 45 million dollars to the town, but the town's mayor, Diane "
        "Kessler, has said the amount falls far short. Kessler said she would sue."
    )
    extraction = Extractor()(make_document(text))
    kessler = next(a for a in extraction.actors if a.name == "Diane Kessler")
    assert kessler.role == "town's mayor"


# --- names and roles that batches 6 and 7 showed (styles, run-on captions, clubs) -------


def test_a_peers_style_is_kept_as_an_alias(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Lord Ashworth said the committee had been misled. "
        "The minister rejected the claim on Tuesday. "
        "Lord Ashworth warned that he would raise the matter again. "
        "Critics said the choice of Lord Pendlebury had been rushed. "
        "Lord Pendlebury's review was published in March.",
    )
    ashworth = next(a for a in index.actors if "Ashworth" in a.name)
    assert ashworth.kind == "person" and "Lord Ashworth" in {ashworth.name, *ashworth.aliases}
    assert index.canonical("Lord Ashworth") == ashworth.name
    pendlebury = next(a for a in index.actors if "Pendlebury" in a.name)
    assert pendlebury.kind == "person"  # a style only a person bears, whatever the tagger says
    assert pendlebury.name in key_names(index)  # the choice of him: he is acted upon


def test_a_descriptor_opening_the_sentence_is_no_part_of_the_name(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Carmaker Velden Motors said it would cut 200 jobs. "
        "Velden Motors has two plants in the region.",
    )
    assert "Velden Motors" in names(index)
    assert not any(n.startswith("Carmaker") for n in names(index))


def test_the_monarch_named_by_title_is_a_person(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "The talks collapsed on Monday, prompting the Queen to ask the opposition leader to "
        "form a government. On Friday the Queen invited him to the palace. "
        "The King of Norway sent a message of support.",
    )
    assert actor(index, "Queen").kind == "person"
    assert "Queen" in key_names(index)


SPORTS_DAY = """\
Ravenholt striker Pavel Oskarin has been ruled out for a month with a hamstring injury.

The forward was hurt in the 2-2 draw with Kelby on Saturday, the striker's third game since \
he joined from Dunford on a free transfer.

The visitors had led twice in the match. Oskarin scored against Kelby from the penalty spot.

Pavel Oskarin is treated on the pitch during the draw with Kelby Oskarin will miss the \
derby against Marlow. The Gunners face Arsenal's reserves next week, and Arsenal said the \
Gunners' ground would be full.
"""


@pytest.fixture(scope="module")
def sports_day(extractor: Extractor) -> ActorIndex:
    return actors_of(extractor, SPORTS_DAY)


def test_a_caption_that_runs_into_the_next_name_is_cut(sports_day: ActorIndex) -> None:
    assert not any(n.startswith("Kelby ") for n in names(sports_day))
    assert "Oskarin" in actor(sports_day, "Pavel Oskarin").aliases


def test_an_opponent_in_a_game_does_not_act(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Tomas Brenner scored twice in the 3-1 win against Kelby on Saturday. "
        "The striker also hit the post against Kelby in the first half. "
        "Ravenholt coach Ian Dorsey said the goals would lift the squad before the derby. "
        "The club moved up to third in the league table after the match.",
    )
    assert "Kelby" not in key_names(index)  # the opponent in the game, twice
    assert "Tomas Brenner" in key_names(index)


def test_a_clubs_nickname_joins_the_club(sports_day: ActorIndex) -> None:
    assert "Gunners" not in names(sports_day)
    assert "Gunners" in actor(sports_day, "Arsenal").aliases


def test_bare_members_are_an_unnamed_group(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "MPs voted 301-210 in favour of the Harbour Bill on Monday. "
        "MPs will debate the bill again next week, the Speaker said.",
    )
    assert "MPs" not in names(index)


def test_an_outlets_own_reporter_does_not_speak(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Ministers met in Oslo to discuss the fishing quota. "
        "The BBC's Anna Verlaine says the talks are likely to run into next week. "
        "Fishing groups said they were not consulted.",
    )
    assert "Anna Verlaine" not in key_names(index)


def test_the_possessor_of_an_offer_makes_it(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "The midfielder's agent said last week that Harwick United's offer was too low. "
        "Harwick United are fourth in the table.",
    )
    assert "Harwick United" in key_names(index)


def test_a_nationality_before_a_noun_does_not_act(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "The Spanish forward injured his ankle in training on Tuesday. "
        "He will miss the next three games, his club said.",
    )
    assert "Spain" not in key_names(index)


def test_groups_of_states_are_organisations(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "G7 finance ministers met in London on Saturday. "
        "The G7 agreed to review the debts of the poorest countries.",
    )
    assert actor(index, "G7").kind == "organisation"


def test_a_team_faced_in_a_game_is_the_opponent(extractor: Extractor) -> None:
    index = actors_of(
        extractor,
        "Ravenholt striker Tomas Brenner is fit to face Kelby Rovers on Sunday after the match "
        "against Dunford. The forward scored twice in the league last week, and the visitors "
        "will be without their goalkeeper for the game. Brenner said Kelby Rovers were a good side.",
    )
    assert "Kelby Rovers" not in key_names(index)
