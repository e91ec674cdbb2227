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
