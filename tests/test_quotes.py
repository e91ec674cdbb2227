"""Quote speakers: the ways news copy gives words to someone, on hand-written paragraphs.

Each test covers one class of attribution: a description that stands for someone named
before, a document that speaks for its writer, an unnamed speaker, a partial quote inside a
clause, a quote glued to a scraped caption, and a clause that carries on reported speech.
The paragraphs are written for these tests; spaCy is loaded once for the module.
"""

from __future__ import annotations

import documents
import pytest

from briefing.extract import Extractor
from briefing.models import Quote


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    extractor = Extractor(max_quotes=20)
    extractor.nlp  # noqa: B018 - load spaCy once for the whole module
    return extractor


def _quotes(extractor: Extractor, text: str) -> list[Quote]:
    document = documents.make_document(text, published="2025-03-14")
    return list(extractor(document).quotes)


def _speaker(quotes: list[Quote], fragment: str) -> str | None:
    found = [q for q in quotes if fragment in q.text]
    assert found, [q.text for q in quotes]
    return found[0].speaker


def test_occupation_description_stands_for_the_person_named_before(
    extractor: Extractor,
) -> None:
    text = (
        "The striker's agent has told Rovers to improve their offer.\n\n"
        "Tomas Berg says two other clubs have already asked about his client.\n\n"
        '"He has given the club six years and wants to stay, but not at any price," '
        "the agent added."
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "six years") == "Tomas Berg"  # "the agent" is Berg


def test_description_with_its_own_name_in_apposition(extractor: Extractor) -> None:
    text = (
        "Council leader Maria Hollis opened the new library on Monday.\n\n"
        'Her solicitor Peter Lund said: "The building will be open every day of the week."'
    )
    quotes = _quotes(extractor, text)
    # "Her solicitor Peter Lund" names Lund, not the woman named before
    assert _speaker(quotes, "open every day") == "Peter Lund"


def test_a_document_speaks_for_its_writer(extractor: Extractor) -> None:
    text = (
        "Campaign director Oliver Grant denied the newspaper report on Sunday.\n\n"
        "The strategist has worked for the party in Canada.\n\n"
        'Mr Grant\'s statement said: "I have never given any such advice to anyone."\n\n'
        'It added: "The party will keep talking about the issues voters care about."'
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "such advice") == "Oliver Grant"  # "Mr Grant's statement"
    # "It" is the statement, not the country named before
    assert _speaker(quotes, "issues voters care about") == "Oliver Grant"


def test_unnamed_speakers_are_never_someone_named_further_away(extractor: Extractor) -> None:
    text = (
        "Police questioned Dean Hurst after the crash but he told them he would not press "
        "charges, and officers announced on Friday they would 'take no further action in "
        "this case.'\n\n"
        "Shares in Norlake rose sharply on Thursday, said Anna Brisk, a trader at Halden "
        "Securities.\n\n"
        '"I think a full takeover is now only a matter of weeks away," said one analyst '
        "quoted by the Halden Post.\n\n"
        '"We will not be waiting much longer."'
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "no further action") is None  # officers, not Hurst
    assert _speaker(quotes, "matter of weeks") is None  # one analyst, not the outlet
    assert _speaker(quotes, "waiting much longer") is None  # goes on with the analyst


def test_a_described_spokesperson_speaks_for_the_body_named_before(
    extractor: Extractor,
) -> None:
    text = (
        "A spokesperson for Harbourline said the company was sorry for the delays.\n\n"
        "Passengers waited for six hours at the terminal.\n\n"
        '"The ferry will sail again as soon as the storm has passed," the spokesperson said.'
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "storm has passed") == "Harbourline"


def test_two_people_described_together_are_no_one_speaker(extractor: Extractor) -> None:
    text = (
        "Judith Palmer drove the couple to the station on Friday.\n\n"
        "On the way, the woman and her boyfriend said they would marry next year.\n\n"
        '"We will be together whatever happens."\n\n'
        "Carla Monti met the pair at the station. Later the two friends continued "
        "exchanging messages.\n\n"
        '"See you at the wedding next summer then."'
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "together whatever") is None  # not the driver
    # "continued exchanging messages" is going on, not speaking
    assert _speaker(quotes, "wedding next summer") is None


def test_a_partial_quote_inside_a_clause_is_its_subject(extractor: Extractor) -> None:
    text = (
        "Halden United have handed back their whole allocation of tickets for the derby "
        "'as a matter of principle and nothing else'.\n\n"
        "The mayor rejected claims that the new bridge would let traffic in "
        "'through the back door'."
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "matter of principle") == "Halden United"
    # inside a clause with a subject of its own ("the new bridge would let ..."): not the
    # mayor's words
    assert _speaker(quotes, "back door") is None


def test_a_that_clause_carries_on_the_speech_before(extractor: Extractor) -> None:
    text = (
        "Former minister Ruth Caldwell said her rival's answers on tax were 'all evasion "
        "and no substance'. But that his party wanted 'a crisis at the heart of "
        "government' to force another vote."
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "crisis at the heart") == "Ruth Caldwell"


def test_a_quote_glued_to_a_caption_goes_on_with_the_speaker(extractor: Extractor) -> None:
    text = (
        "'We are frustrated that our fans cannot travel to the game,' club chief executive "
        "Ken Osei said.\n\n"
        "Fans of both clubs gather outside the ground before kick-off on Saturday 'Showing "
        "the match at home would at least let our supporters follow their team.'"
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "follow their team") == "Ken Osei"


def test_she_said_never_goes_to_a_man(extractor: Extractor) -> None:
    text = (
        "Ms Watson met the footballer Marcus Rojo at a Christmas party. Later that evening "
        "Rojo invited her to his friend's flat, but she declined. Rojo's wife, a model, was "
        "abroad. The court ordered Rojo to pay her costs.\n\n"
        "'I just wish I had never got involved with the likes of them,' she said."
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "never got involved") == "Watson"


def test_gender_comes_from_titles_partners_and_he_or_she(extractor: Extractor) -> None:
    from briefing.extract.actors import find_actors
    from briefing.extract.nlp import parse
    from briefing.extract.quotes import Resolver

    text = (
        "Sarah Lane, 34, said she had been misled. Sarah Lane told the court she was afraid. "
        "Tom Hart's wife works in the club shop. Mr Dale Price declined to comment. Kim Ross "
        "said the talks had ended. Jo Kay met Ms Lane, and she left."
    )
    parsed = parse(documents.make_document(text), extractor.nlp)
    resolver = Resolver(parsed, find_actors(parsed))
    assert resolver.gender("Sarah Lane") == "f"
    assert resolver.gender("Tom Hart") == "m"
    assert resolver.gender("Dale Price") == "m"
    assert resolver.gender("Kim Ross") is None  # nothing says
    assert resolver.gender("Jo Kay") is None  # one pronoun in a sentence with two people


def test_a_phrasal_speech_verb_introduces_the_quote(extractor: Extractor) -> None:
    text = (
        "Mayor Helen Ashdown opened the new bridge over the river on Tuesday.\n\n"
        'She went on: "This crossing will cut twenty minutes from every school run."'
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "twenty minutes") == "Helen Ashdown"  # "went on:"


def test_who_said_is_the_person_named_before_the_aside(extractor: Extractor) -> None:
    text = (
        "The findings worry experts such as Daniel Marsh, professor of geology at "
        'Kendal University, who said: "The coastline is retreating faster than any model '
        'predicted."'
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "coastline is retreating") == "Daniel Marsh"


def test_a_document_addressed_to_someone_is_not_theirs(extractor: Extractor) -> None:
    text = (
        "Papers released this week show how the talks collapsed.\n\n"
        '"The minister said his colleagues would not back the plan," reads a briefing '
        "note for Home Secretary Alan Pryce.\n\n"
        '"They will not serve under him in any circumstances."'
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "would not back the plan") is None  # addressed to Pryce
    assert _speaker(quotes, "any circumstances") is None  # goes on with the note


def test_an_official_of_a_body_is_an_unnamed_speaker(extractor: Extractor) -> None:
    text = (
        "Talks on the fishing quota resumed in Oslo on Monday.\n\n"
        'But a Norwegian Government official replied: "Our offer will not be improved '
        'this year."'
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "will not be improved") is None


def test_the_statement_is_the_one_named_a_few_lines_before(extractor: Extractor) -> None:
    text = (
        "Thornbury Athletic's board met on Friday to discuss the approach.\n\n"
        'In a statement, the club said it would study the proposal. "We have a duty to '
        'look at every serious offer," the club said in its statement.\n\n'
        '"The board still believes the plan carries too much debt," the statement said.'
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "too much debt") == "Thornbury Athletic"


def test_the_owner_of_the_subject_is_what_the_club_stands_for(extractor: Extractor) -> None:
    text = (
        "Rival club Westmoor Rangers has asked its fans not to protest.\n\n"
        "Kelby Town's response came as no surprise. "
        '"Any board must consider a serious offer," the club said.'
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "serious offer") == "Kelby Town"


def test_names_in_a_caption_swallowed_by_a_quote_can_still_speak(
    extractor: Extractor,
) -> None:
    text = (
        "Jonah Pike, who left the band in 2009, told fans he was back for good. He said: "
        "'I have missed playing with these people more than I can say. Singer Jonah Pike, "
        "left, with the band on Saturday 'We will tour again next spring.'"
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "missed playing") == "Jonah Pike"


def test_a_caption_glued_before_a_sentence_is_no_antecedent(extractor: Extractor) -> None:
    text = (
        "Councillor Ruth Abbey backed the scheme at the town hall on Monday. Her deputy, "
        "Carla Voss (pictured with Abbey in May) is a former teacher The council approved "
        "the plan by a wide margin. 'This is the best day for the town in years,' she said."
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "best day for the town") == "Ruth Abbey"


def test_a_quote_that_loses_its_closing_mark_goes_on(extractor: Extractor) -> None:
    text = (
        "'I only wanted to help the neighbours,' Mrs Tandy said after the hearing. 'This "
        "has been a terrible year for all of us. Photographs later showed the flooded "
        "street. A friend told the Gazette that Mrs Tandy had lost her 'favourite' chair."
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "terrible year") == "Tandy"


def test_a_named_party_is_itself_not_a_description(extractor: Extractor) -> None:
    text = (
        "Professor Amy Lerner, who led the study, said the numbers were reliable.\n\n"
        "The Liberals pledged last year to cut waiting times 'to under four weeks for "
        "everyone', but they now stand at nine weeks."
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "under four weeks") == "Liberals"


def test_a_new_voice_introduced_before_a_lone_quote_speaks(extractor: Extractor) -> None:
    text = (
        '"We need more buses on the late routes," said Tom Hale, a driver.\n\n'
        "His colleague, Priya Nandra, a shift manager at the depot, blames the timetable "
        'above all else. "Nobody asked the drivers before it was changed."'
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "Nobody asked the drivers") == "Priya Nandra"


def test_the_verdict_of_someone_names_the_speaker(extractor: Extractor) -> None:
    text = (
        '"The river has never been this low in August," is the blunt verdict of Owen '
        "Price, a boatman for forty years."
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "never been this low") == "Owen Price"


def test_a_reporter_who_speaks_to_someone_is_not_the_new_voice(extractor: Extractor) -> None:
    text = (
        '"The water came up to the windows in minutes," said Lena Ward, a shopkeeper.\n\n'
        "Reporter Mark Ellison spoke to a farmer who saw the flood arrive. "
        '"I have never seen the river rise like that."'
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "never seen the river") != "Mark Ellison"


def test_someone_a_sentence_only_describes_is_not_the_new_voice(extractor: Extractor) -> None:
    text = (
        '"The squad picks itself up front," said coach Alan Reid.\n\n'
        "Winger Sam Hale looks certain to start, provided he recovers from a hamstring strain. "
        '"We learned the hard way last year that you never travel with an injured player."'
    )
    quotes = _quotes(extractor, text)
    assert _speaker(quotes, "learned the hard way") == "Alan Reid"
