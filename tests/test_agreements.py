"""Agreements as typed records, and who said a quote: the rules of issue 4.

Each test is a short piece of wire-style copy written for it, with the one construction a
rule is about: who the sides of a deal are ("a takeover by X", "pay $1m to X", "signed X on
a deal", "the leaders", "the group" in a chief executive's words), which sentences report an
agreement at all ("snapped up X in a merger", "its refusal to sign", "there had been secret
deals"), the status ("was set to pull out"), and who speaks ("by telling Sky Sport Italia:",
"the latter said", "what it describes as"). spaCy is loaded once for the module.
"""

from __future__ import annotations

from pathlib import Path

import documents
import pytest

from briefing.extract import Extractor
from briefing.extract.quotes import quote_spans
from briefing.ingest import parse_bytes
from briefing.models import Agreement, Article, Document, Extraction
from briefing.split import split

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def make_document(text: str, published: str | None = "2005-01-12") -> Document:
    """``text`` as the pipeline splits it, dated 12 January 2005 unless told otherwise."""
    return documents.make_document(text, published=published)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    extractor = Extractor()
    extractor.nlp  # noqa: B018 - load spaCy once for the whole module
    return extractor


def agreements_in(extraction: Extraction, document: Document, fragment: str) -> list[Agreement]:
    """The agreements cited to the sentence that holds ``fragment``."""
    index = next(i for i, s in enumerate(document.sentences) if fragment in s.text)
    return [a for a in extraction.agreements if a.citation.sentence == index]


def one(extraction: Extraction, document: Document, fragment: str) -> Agreement:
    found = agreements_in(extraction, document, fragment)
    assert len(found) == 1, [(a.parties, a.action, a.status) for a in extraction.agreements]
    return found[0]


def speaker_of(extraction: Extraction, fragment: str) -> str | None:
    found = [q for q in extraction.quotes if fragment in q.text]
    assert found, [q.text for q in extraction.quotes]
    return found[0].speaker


# --- parties ------------------------------------------------------------------------------


def test_a_signed_player_is_the_other_side_not_the_managers_club(extractor: Extractor) -> None:
    text = (
        "Bolton boss Sam Allardyce has signed Roma defender Vincent Candela on a five-month "
        "deal. Candela, 31, played 14 times for France.\n\n"
        "Chelsea manager Jose Mourinho has signed a new three-year contract, the club said."
    )
    document = make_document(text)
    extraction = extractor(document)
    candela = one(extraction, document, "Candela on a five-month")
    assert set(candela.parties) == {"Sam Allardyce", "Vincent Candela"}
    assert candela.status == "signed"
    # with no other side named, the club in the manager's title is the other side
    mourinho = one(extraction, document, "Mourinho has signed")
    assert set(mourinho.parties) == {"Jose Mourinho", "Chelsea"}


def test_the_buyer_in_a_takeover_by_and_the_payee_of_a_settlement(extractor: Extractor) -> None:
    text = (
        "UK-based firm Aggregate Industries said it had agreed a £1.8bn takeover by Holcim. "
        "Shares in Aggregate Industries rose 5%.\n\n"
        "Monsanto has agreed to pay $1m to the Department of Justice over a bribe paid to an "
        "Indonesian official. It is also paying $500,000 to the Securities and Exchange "
        "Commission to settle the bribe charge."
    )
    document = make_document(text)
    extraction = extractor(document)
    takeover = one(extraction, document, "takeover by Holcim")
    assert set(takeover.parties) == {"Aggregate Industries", "Holcim"}
    paid = one(extraction, document, "$1m to the Department")
    assert set(paid.parties) == {"Monsanto", "Department of Justice"}
    settled = one(extraction, document, "to settle the bribe charge")
    assert settled.action == "settled"
    assert settled.status == "signed"
    assert settled.parties[0] == "Monsanto"
    assert any("Securities and Exchange Commission" in p for p in settled.parties)


def test_paying_to_settle_inside_an_agreement_is_one_agreement(extractor: Extractor) -> None:
    text = (
        "Five Bank of America subsidiaries have agreed to pay a total of $515m to settle an "
        "investigation into share trading. The bank did not admit wrongdoing."
    )
    document = make_document(text)
    extraction = extractor(document)
    agreed = one(extraction, document, "have agreed to pay")
    assert agreed.parties == ("Bank of America",)  # the subsidiaries act for their owner
    assert agreed.action == "agreed"


def test_a_bid_is_proposed_with_what_it_is_for(extractor: Extractor) -> None:
    text = (
        "Swiss cement firm Holcim has bid $800m for a controlling stake in Associated Cement "
        "Companies. Harbourline last attempted an acquisition in 2019, when it bid €1.9 billion "
        "for the Belgian operator Scheldt Terminals.\n\n"
        "Thousands of fans bid farewell to the old stadium on Sunday."
    )
    document = make_document(text)
    extraction = extractor(document)
    holcim = one(extraction, document, "Holcim has bid")
    assert holcim.status == "proposed"
    assert set(holcim.parties) == {"Holcim", "Associated Cement Companies"}
    scheldt = one(extraction, document, "when it bid")
    assert set(scheldt.parties) == {"Harbourline", "Scheldt Terminals"}
    assert agreements_in(extraction, document, "bid farewell") == []


def test_a_move_to_a_club_is_a_transfer(extractor: Extractor) -> None:
    text = (
        "Jesper Gronkjaer has agreed a move to Atletico Madrid from Birmingham City. The "
        "Denmark winger joined Birmingham in the summer.\n\n"
        "But Barry Ferguson rejected a move to Goodison Park, where Everton play."
    )
    document = make_document(text)
    extraction = extractor(document)
    move = one(extraction, document, "agreed a move")
    assert move.status == "signed"
    assert set(move.parties) == {"Jesper Gronkjaer", "Atletico Madrid", "Birmingham City"}
    # a stadium is where a club plays, never a side
    rejected = one(extraction, document, "rejected a move")
    assert rejected.status == "rejected"
    assert rejected.parties == ("Barry Ferguson",)


def test_the_leaders_and_the_boards_are_the_sides_just_named(extractor: Extractor) -> None:
    text = (
        "Canadian Prime Minister Elena Marsh and Japanese Prime Minister Hiroshi Tanabe signed "
        "a memorandum of understanding on Friday. The leaders pledged to create a joint "
        "research fund for carbon capture.\n\n"
        "Leaders of other nations pledged to follow."
    )
    document = make_document(text)
    extraction = extractor(document)
    pledge = one(extraction, document, "The leaders pledged")
    assert pledge.parties == ("Elena Marsh", "Hiroshi Tanabe")
    assert pledge.status == "signed"


def test_the_governments_of_several_countries_act_for_them(extractor: Extractor) -> None:
    text = (
        "The governments of Switzerland, Austria and Italy agreed in 2023 to share glacier "
        "data. Scientists welcomed the plan."
    )
    document = make_document(text)
    extraction = extractor(document)
    shared = one(extraction, document, "agreed in 2023")
    assert set(shared.parties) == {"Switzerland", "Austria", "Italy"}


def test_carmakers_of_a_country_are_not_the_country(extractor: Extractor) -> None:
    text = (
        "Veldhoven Semiconductors reported revenue of 2.4 billion euros and has signed "
        "long-term supply agreements with two German carmakers. The German government has "
        "pledged to cover 900 million euros of the cost."
    )
    document = make_document(text)
    extraction = extractor(document)
    supply = one(extraction, document, "supply agreements")
    assert supply.parties == ("Veldhoven Semiconductors",)
    pledge = one(extraction, document, "German government")
    assert pledge.parties == ("Germany",)


def test_the_club_is_not_the_league(extractor: Extractor) -> None:
    text = (
        "The Premier League fined Manchester City on Monday. Manchester City players were "
        "trained on Wednesday ahead of their match against West Ham, and Sergio Aguero, who "
        "signed a new five-year contract with the club in August, will stay."
    )
    document = make_document(text)
    extraction = extractor(document)
    contract = one(extraction, document, "five-year contract")
    assert set(contract.parties) == {"Sergio Aguero", "Manchester City"}


def test_it_is_the_company_named_earlier_in_the_sentence(extractor: Extractor) -> None:
    text = (
        "The Securities and Exchange Commission fined the bank on Tuesday. These businesses "
        "became part of Bank of America when it snapped up rival bank FleetBoston in a $47bn "
        "merger last March."
    )
    document = make_document(text)
    extraction = extractor(document)
    merger = one(extraction, document, "snapped up")
    assert set(merger.parties) == {"Bank of America", "FleetBoston"}
    assert merger.status == "signed"


# --- the port-merger sample ---------------------------------------------------------------


@pytest.fixture(scope="module")
def port(extractor: Extractor) -> tuple[Document, Extraction]:
    path = SAMPLES / "port-merger.txt"
    article = parse_bytes(path.read_bytes(), str(path), "txt")[0]
    assert isinstance(article, Article)
    document = split(article)
    return document, extractor(document)


def test_a_chief_executive_speaks_of_her_own_group(port: tuple[Document, Extraction]) -> None:
    document, extraction = port
    pledge = one(extraction, document, "the group had pledged")
    # Janssen is Harbourline's chief executive: the union named just before has no part in it
    assert pledge.parties == ("Harbourline",)
    assert pledge.status == "signed"  # the guideline: an organisation's pledge is signed
    boards = one(extraction, document, "the boards had signed")
    assert set(boards.parties) == {"Harbourline", "Nordvast"}
    merge = one(extraction, document, "have agreed to merge")
    assert merge.parties == ("Harbourline", "Nordvast")  # in reading order, one agreement


def test_a_spokesperson_speaks_for_the_whole_body(port: tuple[Document, Extraction]) -> None:
    _, extraction = port
    assert speaker_of(extraction, "look at this transaction carefully") == "European Commission"


# --- which sentences report an agreement --------------------------------------------------


def test_a_transaction_done_in_a_deal(extractor: Extractor) -> None:
    text = (
        "Jesper Gronkjaer has left Birmingham City. He is set to move during the January "
        "transfer window in a deal worth £2m.\n\n"
        "Fiat had sold General Motors a stake in 2000, as part of a partnership agreement.\n\n"
        "Dutch terminal operator Harbourline and Swedish logistics group Nordvast have agreed "
        "to merge in a €4.2 billion all-share deal."
    )
    document = make_document(text)
    extraction = extractor(document)
    move = one(extraction, document, "set to move")
    assert move.parties == ("Jesper Gronkjaer",)
    assert move.status == "expected"
    stake = one(extraction, document, "as part of")
    assert set(stake.parties) == {"Fiat", "General Motors"}
    assert stake.status == "signed"
    # the deal a merger is agreed in is the same agreement, not a second one
    merge = one(extraction, document, "agreed to merge")
    assert merge.action == "agreed"


def test_a_refusal_as_a_noun_is_a_rejection(extractor: Extractor) -> None:
    text = (
        "Tony Blair is pressing the US to cut greenhouse gases despite its unwillingness to "
        "sign the Kyoto Protocol. He believes the United States' refusal to sign the Kyoto "
        "Protocol must end."
    )
    document = make_document(text)
    extraction = extractor(document)
    for fragment in ("unwillingness", "refusal"):
        refusal = one(extraction, document, fragment)
        assert refusal.status == "rejected"
        assert refusal.parties == ("United States",)
        assert refusal.object == "the Kyoto Protocol"


def test_deals_that_there_had_been(extractor: Extractor) -> None:
    text = (
        "The Securities and Exchange Commission said there had been secret deals to engage in "
        "market timing. There was no deal on pensions, officials said."
    )
    document = make_document(text)
    extraction = extractor(document)
    secret = one(extraction, document, "secret deals")
    assert secret.status == "signed"
    assert agreements_in(extraction, document, "no deal") == []


def test_a_proposed_tie_up_names_its_sides(extractor: Extractor) -> None:
    text = (
        "MG Rover's proposed tie-up with Shanghai Automotive Industry Corp has been delayed. "
        "The proposed deal would save jobs, unions said."
    )
    document = make_document(text)
    extraction = extractor(document)
    tie_up = one(extraction, document, "tie-up")
    assert tie_up.status == "proposed"
    assert tie_up.parties[0] == "MG Rover"
    assert any("Shanghai Automotive" in p for p in tie_up.parties)
    # no side named: a description, not a report
    assert agreements_in(extraction, document, "The proposed deal") == []


def test_time_left_on_a_contract_is_in_force(extractor: Extractor) -> None:
    text = (
        "Carlos Tevez scored twice for Juventus on Sunday. He is happy in Turin, despite Tevez "
        "having another year on his current deal."
    )
    document = make_document(text)
    extraction = extractor(document)
    term = one(extraction, document, "another year")
    assert term.status == "in force"
    assert term.parties == ("Carlos Tevez",)


def test_an_end_in_prospect_is_still_an_end(extractor: Extractor) -> None:
    text = (
        "Turkcell shares fell on Monday. Observers said they thought Turkcell was set to pull "
        "out of the $3bn deal with Iran."
    )
    document = make_document(text)
    extraction = extractor(document)
    pull = one(extraction, document, "pull out")
    assert pull.status == "ended"
    assert "Turkcell" in pull.parties


# --- quote speakers -----------------------------------------------------------------------


def test_the_outlet_told_is_never_the_speaker(extractor: Extractor) -> None:
    text = (
        "Carlos Tevez has revealed that his celebration was for his family.\n\n"
        "However Tevez has thrown cold water over the interpretation by telling Sky Sport "
        "Italia: 'That game against River does not come into it.'\n\n"
        "The Crown Prosecution Service faced criticism after announcing the decision. Pete "
        "Saunders, chief executive of the charity, added: 'He could not have signed this "
        "letter if he was ill.'"
    )
    extraction = extractor(make_document(text))
    assert speaker_of(extraction, "does not come into it") == "Carlos Tevez"
    # "after announcing" is another event: the one who adds the words speaks them
    assert speaker_of(extraction, "could not have signed this letter") == "Pete Saunders"


def test_the_latter_is_the_second_of_the_two_just_named(extractor: Extractor) -> None:
    text = (
        "Manchester City lost 4-2 to Manchester United on Sunday. Pundits Gary Neville and "
        "Jamie Carragher were highly critical of Yaya Toure.\n\n"
        "The latter said that Toure had become 'a bit of a liability for the team'. The former "
        "said: 'He just does not take part when City have the ball.'"
    )
    extraction = extractor(make_document(text))
    assert speaker_of(extraction, "a bit of a liability") == "Jamie Carragher"


def test_a_thing_that_describes_is_not_a_speaker(extractor: Extractor) -> None:
    text = (
        "CNN reported the story on Tuesday.\n\n"
        "The law, signed by Kansas Gov. Sam Brownback on Tuesday, bans what it describes as "
        '"knowingly dismembering a living unborn child and extracting it."'
    )
    extraction = extractor(make_document(text))
    assert speaker_of(extraction, "knowingly dismembering") is None


def test_companies_speaking_together_and_a_statement(extractor: Extractor) -> None:
    text = (
        "EADS and BAE Systems, the firms which own Airbus, welcomed the announcement. "
        '"It has always been preferable that any differences be overcome through discussion," '
        "the companies said in a joint statement.\n\n"
        "But the hitch will not put the crew at risk, NASA said. "
        '"The spacecraft was not carrying any supplies critical for the station," a statement '
        "said."
    )
    extraction = extractor(make_document(text))
    assert speaker_of(extraction, "always been preferable") in {"EADS", "BAE Systems"}
    assert speaker_of(extraction, "not carrying any supplies") == "NASA"


def test_a_stray_space_in_a_contraction_does_not_close_a_quote() -> None:
    text = (
        "\u2018In the next Parliament we will double that. That\u2019 s right \u2013 30 hours "
        "of free childcare a week.\u2019 Mr Cameron said."
    )
    spans = quote_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end].endswith("free childcare a week.")


def test_a_lead_names_its_subject_by_title_a_sentence_later(extractor: Extractor) -> None:
    text = (
        "A former Utah high school teacher accused of misconduct took a plea deal Wednesday to "
        "avoid a trial. The students were 16 and 17 when they met Davis High School English "
        "teacher Brianne Altice, 35. Altice could face up to 45 years in prison."
    )
    document = make_document(text, published="2015-04-16")
    extraction = extractor(document)
    plea = one(extraction, document, "plea deal")
    assert plea.parties == ("Brianne Altice",)
    assert plea.status == "signed"


def test_a_date_at_least_as_late_as_is_that_date(port: tuple[Document, Extraction]) -> None:
    document, extraction = port
    pledge = one(extraction, document, "the group had pledged")
    assert pledge.date == "the end of 2027"


def test_a_name_for_the_agreement_is_not_another_agreement(extractor: Extractor) -> None:
    text = (
        "Australia, New Zealand and 14 Pacific island nations agreed on Thursday to create a "
        "climate finance facility, in what Pacific leaders called the most significant climate "
        "deal ever reached in the region. The agreement, signed by all members in Suva, "
        "commits Australia to paying 900 million dollars."
    )
    document = make_document(text)
    extraction = extractor(document)
    agreed = one(extraction, document, "most significant")
    assert agreed.action == "agreed"
    assert agreed.parties[:2] == ("Australia", "New Zealand")
    # a participle on an agreement that is not being named still reports it
    signed = [
        a for a in agreements_in(extraction, document, "signed by all") if a.action == "signed"
    ]
    assert [a.status for a in signed] == ["in force"]


def test_with_someone_being_given_a_deal_goes_with_its_clause(extractor: Extractor) -> None:
    text = (
        "Kilmarnock will confirm Gary Locke as their new manager. An announcement will be made "
        "by Kilmarnock on Friday morning, with the former Hearts boss being given a three-year "
        "deal."
    )
    document = make_document(text)
    extraction = extractor(document)
    deal = one(extraction, document, "being given")
    assert deal.status == "expected"
    assert deal.action == "expected to be given"
    assert set(deal.parties) == {"Gary Locke", "Kilmarnock"}


def test_idioms_that_only_look_like_agreements(extractor: Extractor) -> None:
    text = (
        "Jet Airways sold 20% of its equity in a bid to raise $443m. Further Films is working "
        "in partnership with two Indian studios. There is universal agreement that the delay "
        "hurts Labour. Euronext said it was interested in bidding for the LSE.\n\n"
        "Euronext would make a cash bid to trump Deutsche Boerse's offer, the report said."
    )
    document = make_document(text)
    extraction = extractor(document)
    for fragment in ("in a bid to", "in partnership", "universal agreement", "interested in"):
        assert agreements_in(extraction, document, fragment) == [], fragment
    # a bid with a purpose is still a bid
    assert one(extraction, document, "cash bid").status == "proposed"


# --- issue 4, second pass: rules that generalise --------------------------------------------


def test_a_promise_or_vow_by_an_institution_is_a_pledge(extractor: Extractor) -> None:
    text = (
        "Northfield Rovers have apologised to their fans and promised to refund every ticket "
        "bought for the abandoned match.\n\n"
        "The Scottish National Party has vowed to scrap prescription charges.\n\n"
        "Goalkeeper Sam Tully promised to train harder after the defeat."
    )
    document = make_document(text)
    extraction = extractor(document)
    refund = one(extraction, document, "promised to refund")
    assert refund.parties == ("Northfield Rovers",)
    assert refund.status == "signed"
    assert refund.object is not None and refund.object.startswith("to refund")
    vow = one(extraction, document, "has vowed")
    assert vow.parties == ("Scottish National Party",)
    # one person's resolution is not an agreement
    assert agreements_in(extraction, document, "train harder") == []


def test_a_purchase_is_an_agreement_when_the_article_calls_it_a_deal(
    extractor: Extractor,
) -> None:
    text = (
        "Dutch brewer Kesteren Group is to buy rival Halvard Breweries for $2bn. The deal "
        "still needs the backing of regulators.\n\n"
        "Kesteren Group has also bought a 12% stake in Danish distiller Ravnholt from Orvik "
        "Capital."
    )
    document = make_document(text)
    extraction = extractor(document)
    takeover = one(extraction, document, "is to buy")
    assert set(takeover.parties) == {"Kesteren Group", "Halvard Breweries"}
    assert takeover.status == "expected"
    # a stake is bought from its seller; the company whose shares they are is no side
    stake = one(extraction, document, "12% stake")
    assert set(stake.parties) == {"Kesteren Group", "Orvik Capital"}
    assert stake.status == "signed"


def test_a_purchase_without_a_deal_in_the_article_is_not_an_agreement(
    extractor: Extractor,
) -> None:
    text = (
        "Halvard Breweries bought new bottling lines for its plant in Utrecht last year. "
        "Shoppers bought more beer over the holidays, the company said."
    )
    document = make_document(text)
    assert extractor(document).agreements == ()


def test_agreements_that_went_through_or_fell_through(extractor: Extractor) -> None:
    text = (
        "The sale of the old racecourse to a housing developer went through in March.\n\n"
        "An earlier deal with a supermarket chain fell through last year."
    )
    document = make_document(text)
    extraction = extractor(document)
    assert one(extraction, document, "went through").status == "signed"
    ended = one(extraction, document, "fell through")
    assert ended.status == "ended"
    assert ended.action == "an earlier deal with a supermarket chain fell through"


def test_whose_contract_it_is_names_a_side(extractor: Extractor) -> None:
    text = (
        "Lyon midfielder Paulo Ferreira is wanted by three clubs. The 29-year-old's contract "
        "expires at the end of the season.\n\n"
        "Australian broadcaster Network Ten decided not to renew Mark Halloran's contract "
        "after the complaints."
    )
    document = make_document(text)
    extraction = extractor(document)
    expires = one(extraction, document, "contract expires")
    assert expires.parties == ("Paulo Ferreira",)
    assert expires.status == "in force"
    renewal = one(extraction, document, "not to renew")
    assert set(renewal.parties) == {"Network Ten", "Mark Halloran"}
    assert renewal.status == "rejected"


def test_directors_at_both_companies_act_for_the_companies(extractor: Extractor) -> None:
    text = (
        "Norwegian insurer Fjordvern has agreed a merger with Swedish rival Trygghet Forsakring. "
        "Directors at both companies have approved the deal."
    )
    document = make_document(text)
    extraction = extractor(document)
    approved = one(extraction, document, "have approved")
    assert set(approved.parties) == {"Fjordvern", "Trygghet Forsakring"}


def test_trade_and_gun_sales_are_not_a_sale(extractor: Extractor) -> None:
    text = (
        "Regulators said Brightmart committed hundreds of alcohol sales violations in Ohio. "
        "Brightmart has suspended liquor sales in the state.\n\n"
        "Brightmart has spent a good deal of money on lawyers, but a good deal had been "
        "secured with the regulators in May, its chairman said."
    )
    document = make_document(text)
    extraction = extractor(document)
    assert agreements_in(extraction, document, "violations") == []
    assert agreements_in(extraction, document, "suspended liquor sales") == []
    secured = one(extraction, document, "had been secured")
    assert secured.status == "signed"


def test_ending_holding_and_licensing_contracts(extractor: Extractor) -> None:
    text = (
        "Coral Bay Resorts said it licensed an outside company, Pestaway, for the cleaning. "
        "On Monday, Coral Bay Resorts ended its contract with Pestaway.\n\n"
        "Kitmaker Velocita has deals with 20 national federations and it does not have a "
        "deal with the Olympic committee."
    )
    document = make_document(text)
    extraction = extractor(document)
    licensed = one(extraction, document, "licensed an outside company")
    assert set(licensed.parties) == {"Coral Bay Resorts", "Pestaway"}
    ended = one(extraction, document, "ended its contract")
    assert set(ended.parties) == {"Coral Bay Resorts", "Pestaway"}
    assert ended.status == "ended"
    held = one(extraction, document, "has deals with")
    assert held.status == "in force"
    assert held.parties == ("Velocita",) or held.parties == ("Kitmaker Velocita",)


def test_a_signing_joined_to_a_later_event_keeps_its_status(extractor: Extractor) -> None:
    text = (
        "The charter was signed by all 12 member states in Lisbon last May and is due to come "
        "into force in 2027.\n\n"
        "The fishing accord signed by Iceland and Norway in 1996 remains in force."
    )
    document = make_document(text)
    extraction = extractor(document)
    assert one(extraction, document, "is due to come").status == "signed"
    assert one(extraction, document, "remains in force").status == "in force"


def test_sides_in_titles_and_after_descriptions(extractor: Extractor) -> None:
    text = (
        "Canadian mining giant Northrock Resources has agreed a deal with Peru's government. "
        "Cycling Ireland also agreed a three-year deal with sportswear company, Velotex, to "
        "supply its teams."
    )
    document = make_document(text)
    extraction = extractor(document)
    # a country in the acting side's title does not act
    assert "Canada" not in one(extraction, document, "Northrock").parties
    kit = one(extraction, document, "sportswear company")
    assert set(kit.parties) == {"Cycling Ireland", "Velotex"}


def test_an_elided_year_opens_no_quote() -> None:
    text = "First match: Chile, Santiago, Mar 3, '91 Last match: Peru, Lima, Jun 9, '03 Stats"
    assert quote_spans(text) == []


def test_a_lone_quote_after_a_stance_is_the_stance_holders(extractor: Extractor) -> None:
    text = (
        "Asked about the job, Marta Lindqvist said: ‘I want to hear what the role is first. "
        "Of course I would listen.’ Chairman Tom Brandt said: ‘We will choose in May.’ "
        "Lindqvist made clear she would only go if the role were defined. ‘If you do well, "
        "you are praised, and if not, you are moved on.’"
    )
    document = make_document(text)
    extraction = extractor(document)
    assert speaker_of(extraction, "I want to hear") == "Marta Lindqvist"
    # a lone quote after "X made clear ..." is X's, not the last speaker's
    assert speaker_of(extraction, "We will choose") == "Tom Brandt"
    assert speaker_of(extraction, "If you do well") == "Marta Lindqvist"


def test_a_letter_speaks_for_whoever_wrote_it(extractor: Extractor) -> None:
    text = (
        "Harbour City have written to 400 supporters to apologise for the late coaches. "
        "The letter, seen by the Echo, reads: 'We are sorry that the coaches arrived after "
        "the kick-off and we will refund your tickets.'"
    )
    document = make_document(text)
    extraction = extractor(document)
    assert speaker_of(extraction, "We are sorry") == "Harbour City"


def test_guards_on_the_new_verbs(extractor: Extractor) -> None:
    text = (
        "Seven former Kelvar directors have agreed a $92m (£48m) settlement deal.\n\n"
        "The contracts for the title fight in Macau have yet to be signed, the promoter said.\n\n"
        "The prime minister wants to end Ireland's isolation with a new fisheries agreement.\n\n"
        "Talks aimed at averting a rail strike have ended without agreement."
    )
    document = make_document(text)
    extraction = extractor(document)
    assert one(extraction, document, "settlement deal").status == "signed"
    # "have" is no agreement verb of its own here, so "signed" still reports
    assert one(extraction, document, "have yet to be signed").status == "expected"
    # what is ended is the isolation, and failed talks are no agreement
    assert all(a.status != "ended" for a in extraction.agreements)
    assert agreements_in(extraction, document, "without agreement") == []


def test_the_object_reads_after_the_action() -> None:
    from briefing.extract.agreements import _tidy
    from briefing.models import Agreement, Citation

    withdrew = Agreement(
        "", ("Harbourline",), "withdrew from", "ended", Citation(0, 3), "That offer"
    )
    assert _tidy(withdrew).object == "that offer"
    spend = Agreement("", ("Council",), "agreed", "signed", Citation(0, 1), "to spend £1m in")
    assert _tidy(spend).object == "to spend £1m"
    until = Agreement(
        "", ("Harbourline",), "pledged", "signed", Citation(0, 2), "to keep jobs until"
    )
    assert _tidy(until).object == "to keep jobs until"  # "until (the end of 2027)" reads
    assert _tidy(
        Agreement("", (), "signed", "signed", Citation(0, 0), "Tuvalu's accord")
    ).object == ("Tuvalu's accord")


# --- the rest of an agreement's life: offers, refusals, terms, approvals --------------------


def test_offers_received_improved_and_dismissed(extractor: Extractor) -> None:
    text = (
        "Northbridge Water has rejected nothing yet. Dunmore Capital launched a £2bn takeover "
        "bid for Northbridge Water on Monday. Northbridge Water dismissed the offer as far too "
        "low, and its chairman Helen Marsh said the board would wait.\n\n"
        "Dunmore Capital raised its offer on Thursday.\n\n"
        "Winger Tom Ashby's agent said he had received an offer for Ashby from a French club."
    )
    document = make_document(text)
    extraction = extractor(document)
    launched = one(extraction, document, "launched a £2bn")
    assert launched.status == "proposed"
    assert set(launched.parties) == {"Dunmore Capital", "Northbridge Water"}
    dismissed = one(extraction, document, "dismissed the offer")
    assert dismissed.status == "rejected"
    assert dismissed.parties == ("Northbridge Water",)
    raised = one(extraction, document, "raised its offer")
    assert raised.status == "proposed"
    assert raised.parties == ("Dunmore Capital",)
    # receiving an offer is not accepting one
    received = one(extraction, document, "received an offer")
    assert received.status == "proposed"


def test_verbs_that_take_other_things_than_agreements_report_nothing(
    extractor: Extractor,
) -> None:
    text = (
        "Dunmore Capital raised prices by 4% in March. The regulator dismissed the complaints "
        "as groundless. The council received a letter from residents on Friday."
    )
    document = make_document(text)
    assert extractor(document).agreements == ()


def test_refusing_a_package_and_refusing_to_sign(extractor: Extractor) -> None:
    text = (
        "Dockside Rovers manager Pete Lorne is in limbo after he and assistant Gary Finch "
        "refused a severance package on Tuesday.\n\n"
        "The union refused to sign the pay agreement."
    )
    document = make_document(text)
    extraction = extractor(document)
    package = one(extraction, document, "refused a severance")
    assert package.status == "rejected"
    assert set(package.parties) == {"Pete Lorne", "Gary Finch"}  # both refused it
    signing = one(extraction, document, "refused to sign")
    assert signing.status == "rejected"
    assert signing.action == "refused to sign"


def test_signing_a_player_on_a_deal_and_joining_on_one(extractor: Extractor) -> None:
    text = (
        "Harlow Saints have signed their former fly-half Owen Pryce on a short-term deal from "
        "the Cardiff Blues. Pryce, 29, left Harlow Saints in 2019.\n\n"
        "Striker Dele Banjo, who joined in July 2021 on a four-year deal, scored twice."
    )
    document = make_document(text)
    extraction = extractor(document)
    signed = one(extraction, document, "have signed their former")
    assert signed.status == "signed"
    assert {"Harlow Saints", "Owen Pryce"} <= set(signed.parties)
    joined = one(extraction, document, "joined in July")
    assert joined.status == "signed"
    assert joined.object == "a four-year deal"


def test_close_to_agreeing_is_expected(extractor: Extractor) -> None:
    text = "Midfielder Luis Ortega said he is close to agreeing a new contract with Wexford City."
    document = make_document(text)
    agreed = one(extractor(document), document, "close to agreeing")
    assert agreed.status == "expected"
    assert agreed.action == "close to agreeing"
    assert set(agreed.parties) == {"Luis Ortega", "Wexford City"}


def test_time_left_on_a_contract_and_out_of_contract(extractor: Extractor) -> None:
    text = (
        "Luis Ortega has scored nine goals for Wexford City this season. Ortega has only one "
        "year left to run on his contract at Wexford City.\n\n"
        "Defender Sam Kyle is out of contract at the end of the season. Kyle has played 40 "
        "games. Veteran keeper Jon Ames is out of contract and has left the club."
    )
    document = make_document(text)
    extraction = extractor(document)
    term = one(extraction, document, "year left to run")
    assert term.status == "in force"
    assert term.action == "has only one year left to run on"
    assert set(term.parties) == {"Luis Ortega", "Wexford City"}
    kyle = one(extraction, document, "Kyle is out of contract")
    assert kyle.status == "in force"  # it runs to the end of the season
    assert kyle.parties == ("Sam Kyle",)
    ames = one(extraction, document, "Ames is out of contract")
    assert ames.status == "ended"


def test_a_deal_that_is_to_go_ahead_or_still_needs_approval(extractor: Extractor) -> None:
    text = (
        "The merger of Harbourline and Scheldt Terminals is to go ahead, the companies said. "
        "The deal still has to receive the approval of Harbourline's shareholders. "
        "If the deal goes through, 400 jobs could go. Analysts said the deal should go "
        "through by June."
    )
    document = make_document(text)
    extraction = extractor(document)
    ahead = one(extraction, document, "is to go ahead")
    assert ahead.status == "expected"
    assert ahead.action == "the merger of Harbourline and Scheldt Terminals is to go ahead"
    approval = one(extraction, document, "still has to receive")
    assert approval.status == "expected"
    assert approval.action == "the deal has to receive approval"
    assert agreements_in(extraction, document, "If the deal goes through") == []
    assert one(extraction, document, "should go").status == "expected"


def test_speculation_is_not_an_agreement_but_a_hope_is(extractor: Extractor) -> None:
    text = (
        "Analysts said Dunmore Capital could make an offer for Northbridge Water. Pressure "
        "from investors may push the two firms to reach a compromise.\n\n"
        "Foreign minister Ana Ruiz said she hoped an agreement with Chile could be reached."
    )
    document = make_document(text)
    extraction = extractor(document)
    assert agreements_in(extraction, document, "could make an offer") == []
    assert agreements_in(extraction, document, "may push") == []
    hoped = one(extraction, document, "hoped an agreement")
    assert hoped.status == "expected"


def test_an_attempt_to_reach_agreement_is_proposed_with_whom_they_meet(
    extractor: Extractor,
) -> None:
    text = (
        "Velto Motors will meet its supplier Harbourline on Tuesday in an attempt to reach "
        "agreement over the future of the plant."
    )
    document = make_document(text)
    meeting = one(extractor(document), document, "in an attempt")
    assert meeting.status == "proposed"
    assert set(meeting.parties) == {"Velto Motors", "Harbourline"}


def test_a_plea_offer_and_a_group_that_agrees_to_pay(extractor: Extractor) -> None:
    text = (
        "The court heard that Dean Harker had offered to plead guilty to manslaughter. "
        "Harker, 41, was granted bail.\n\n"
        "A lawyer for the former directors said the 12 had agreed to pay the investors.\n\n"
        "Mr Harker also offered to resign from the board."
    )
    document = make_document(text)
    extraction = extractor(document)
    plea = one(extraction, document, "offered to plead")
    assert plea.status == "proposed"
    assert plea.parties == ("Dean Harker",)
    assert one(extraction, document, "the 12 had agreed").status == "signed"
    # one man offering to step down is not an agreement
    assert agreements_in(extraction, document, "offered to resign") == []


def test_scare_quotes_round_a_word_or_two_are_the_writers_own(extractor: Extractor) -> None:
    text = (
        'Chairman Ray Dunn claimed that Gary Finch had "verbally agreed" to the offer. '
        '"We have agreed a deal with the bank today," Dunn said.'
    )
    document = make_document(text)
    extraction = extractor(document)
    verbal = one(extraction, document, "verbally agreed")
    assert verbal.status == "signed"
    assert agreements_in(extraction, document, "We have agreed") == []


def test_the_club_in_the_players_title_is_the_other_side_of_his_contract(
    extractor: Extractor,
) -> None:
    text = (
        "Wexford City winger Luis Ortega said he is close to agreeing a new contract. "
        "Ortega joined in 2019 on a four-year contract."
    )
    document = make_document(text)
    extraction = extractor(document)
    close = one(extraction, document, "close to agreeing")
    assert set(close.parties) == {"Luis Ortega", "Wexford City"}
    # the club is named in the first sentence only: the second names no other side
    assert one(extraction, document, "joined in 2019").parties == ("Luis Ortega",)


def test_an_unnamed_side_that_acts_is_kept_in_its_own_words(extractor: Extractor) -> None:
    text = (
        "Leaders rejected a proposal from Vanuatu to phase out new coal mines. "
        "Dockworkers in Antwerp rejected the pay deal on Monday. "
        "Australia signed the treaty in 2019."
    )
    document = make_document(text)
    extraction = extractor(document)
    leaders = one(extraction, document, "Leaders rejected")
    assert leaders.acting == "Leaders"
    assert leaders.parties == ("Vanuatu",)  # the proposer is still a side
    assert one(extraction, document, "Dockworkers").acting == "Dockworkers in Antwerp"
    assert one(extraction, document, "Australia signed").acting is None


# --- conditions, shared views, attempts; who "the government" is -----------------------------


def test_conditions_never_able_and_shared_views_are_not_agreements(extractor: Extractor) -> None:
    text = (
        "Ortega looks set to be offered the job if he can reach agreement with the board. "
        "Should the offer be accepted, Dunmore Capital would pay £2bn. "
        "Without reform, the member states would never be able to reach agreement on the budget. "
        "Even his fiercest critics agree on one thing. "
        "The minister said the country was prepared to veto any bid to cut the rebate."
    )
    document = make_document(text)
    assert extractor(document).agreements == ()


def test_a_cash_bid_to_beat_a_rival_is_still_an_offer(extractor: Extractor) -> None:
    text = "Harbourline said it would make a cash bid to trump Scheldt Terminals' offer."
    document = make_document(text)
    assert one(extractor(document), document, "cash bid").status == "proposed"


def test_a_holding_is_bought_from_its_owner(extractor: Extractor) -> None:
    text = (
        "Tom Reid, the chairman of Wexford City, owns 60% of the club. Mr Reid agreed to buy "
        "Northbridge Media's 5% holding in Wexford City for £2m."
    )
    document = make_document(text)
    bought = one(extractor(document), document, "agreed to buy")
    assert set(bought.parties) == {"Tom Reid", "Northbridge Media"}


def test_the_one_given_something_is_the_other_side(extractor: Extractor) -> None:
    text = (
        "The board of Wexford City has agreed to give American investor Dale Hutton access to "
        "its accounts."
    )
    document = make_document(text)
    given = one(extractor(document), document, "agreed to give")
    assert set(given.parties) == {"Wexford City", "Dale Hutton"}


def test_a_deal_that_will_take_place_and_the_company_that_says_so(extractor: Extractor) -> None:
    text = (
        "Velto Motors is in talks with a Chinese carmaker. Velto Motors confirmed the tie-up "
        "would take place. Velto Motors said the investment deal would be signed in March.\n\n"
        "Players may talk to other clubs six months before their contracts expire."
    )
    document = make_document(text)
    extraction = extractor(document)
    place = one(extraction, document, "take place")
    assert place.status == "expected"
    assert place.parties == ("Velto Motors",)
    signed = one(extraction, document, "would be signed")
    assert signed.parties == ("Velto Motors",)
    assert agreements_in(extraction, document, "contracts expire") == []


def test_the_government_is_the_country_just_named(extractor: Extractor) -> None:
    text = (
        "Argentina has been in talks with Aguas Argentinas over water prices. Argentina wants "
        "lower bills, and Argentina's courts agree. In Bolivia, protests broke out over water "
        "bills. This forced the government to cancel the contract.\n\n"
        "Years earlier, Aguas Argentinas and the government signed an agreement to cap prices "
        "in Argentina."
    )
    document = make_document(text)
    extraction = extractor(document)
    cancelled = one(extraction, document, "forced the government")
    assert cancelled.status == "ended"
    assert cancelled.parties == ("Bolivia",)  # the one forced acts, not "this"
    signed = one(extraction, document, "and the government signed")
    assert set(signed.parties) == {"Aguas Argentinas", "Argentina"}


def test_an_attempt_at_a_deal_and_money_pledged_by_a_country(extractor: Extractor) -> None:
    text = (
        "Prime Minister Anna Holm called opposition leader Jonas Berg back to her office in a "
        "last attempt at a deal.\n\n"
        "Norway and Chile have agreed to share fishing data. Officials said much of the money "
        "pledged by Norway had not yet arrived."
    )
    document = make_document(text)
    extraction = extractor(document)
    attempt = one(extraction, document, "last attempt")
    assert attempt.status == "proposed"
    assert set(attempt.parties) == {"Anna Holm", "Jonas Berg"}
    pledged = one(extraction, document, "pledged by Norway")
    assert pledged.status == "signed"
    assert pledged.parties == ("Norway",)


def test_a_clause_of_time_looks_ahead_and_an_agreement_binds_its_sides(
    extractor: Extractor,
) -> None:
    text = (
        "The first grants will be paid early next year, once all members have ratified the "
        "treaty. Payments began in May after the members had ratified the treaty.\n\n"
        "The pact, signed in Lima on Friday, commits Peru to cutting emissions by a third."
    )
    document = make_document(text)
    extraction = extractor(document)
    ahead = one(extraction, document, "once all members")
    assert ahead.status == "expected"
    assert ahead.acting == "All members"
    assert one(extraction, document, "had ratified").status in ("signed", "in force")
    binding = one(extraction, document, "commits Peru")
    assert "Peru" in binding.parties


def test_rumour_hearsay_failure_and_favours_are_not_deals(extractor: Extractor) -> None:
    text = (
        "Shares in Kessel Logistics rose on speculation it is to receive a takeover bid. "
        "Harbourline has met Kessel Logistics amid speculation that it may be ready to launch "
        "a cash bid. So far, however, neither has tabled a formal bid. Shares in Petrel Oil "
        "fell after the firm failed to win a contract in Iraq. Dan Pike launched a legal bid "
        "to overturn his parking fine. Pike posted a message offering to answer questions."
    )
    document = make_document(text)
    assert extractor(document).agreements == ()


def test_the_one_reported_to_have_won_a_contract_acts_not_the_reporter(
    extractor: Extractor,
) -> None:
    text = (
        "Turkish builder Everasia is reported by Reuters to have won a contract to develop "
        "the field. Shipping group Kessel Logistics has offered to pay $300m to settle charges."
    )
    document = make_document(text)
    extraction = extractor(document)
    won = one(extraction, document, "to have won")
    assert won.parties == ("Everasia",)
    assert won.status == "signed"
    offered = one(extraction, document, "offered to pay")
    assert offered.status == "proposed"
    assert offered.parties == ("Kessel Logistics",)


def test_the_company_is_not_an_organisation_only_named_in_a_title(extractor: Extractor) -> None:
    text = (
        "Transportation Secretary Alicia Romero said the administration supported the bill.\n\n"
        "Residents have filed 300 lawsuits against the railroad that operated the train, "
        "Central Plains Railway. The company agreed in March to pay 45 million dollars into a "
        "fund for local families."
    )
    document = make_document(text)
    paid = one(extractor(document), document, "The company agreed")
    assert paid.parties == ("Central Plains Railway",)


# --- batch-6/7 classes: talks, approaches, commitments, signings ---------------------------


def test_a_denied_subject_and_a_persons_own_pledge_are_not_agreements(
    extractor: Extractor,
) -> None:
    text = (
        "Nasdaq and the Paris Bourse are circling the Vienna exchange. However, neither "
        "suitor has made a formal offer for the Vienna exchange yet.\n\n"
        "Leeds coach Paul Hartley has pledged to keep faith with goalkeeper Tom Briggs. "
        "Hartley said Briggs had trained well."
    )
    document = make_document(text)
    extraction = extractor(document)
    assert agreements_in(extraction, document, "neither suitor") == []
    assert agreements_in(extraction, document, "keep faith with") == []


def test_a_country_offering_to_act_makes_an_offer(extractor: Extractor) -> None:
    text = (
        "Norway has offered to send two field hospitals to the flooded region. Norway "
        "said the teams were ready.\n\n"
        "Tom Briggs offered to carry the bags."
    )
    document = make_document(text)
    extraction = extractor(document)
    sent = one(extraction, document, "offered to send")
    assert sent.status == "proposed"
    assert sent.parties == ("Norway",)
    assert agreements_in(extraction, document, "carry the bags") == []


def test_a_contract_that_runs_out_or_binds_a_player_holds_now(extractor: Extractor) -> None:
    text = (
        "Leeds striker Tom Briggs, whose current contract runs out in June, is wanted by "
        "Hull.\n\n"
        "Sam Okafor joined from Porto in 2011 and is contracted to Leeds United until 2018. "
        "Okafor has scored nine goals."
    )
    document = make_document(text)
    extraction = extractor(document)
    runs = one(extraction, document, "runs out in June")
    assert runs.status == "in force"
    assert runs.parties == ("Tom Briggs",)
    bound = one(extraction, document, "is contracted to")
    assert bound.status == "in force"
    assert set(bound.parties) == {"Sam Okafor", "Leeds United"}


def test_on_the_verge_of_signing_is_expected_and_talks_over_a_deal_are_proposed(
    extractor: Extractor,
) -> None:
    text = (
        "Hull winger Sam Okafor is on the verge of signing a new deal with Hull City. "
        "Okafor has been at the club since 2010.\n\n"
        "Leeds manager Paul Hartley has been in talks over a new contract. Hartley said he "
        "was happy.\n\n"
        "Negotiations over a new contract for Hartley appear to have stalled."
    )
    document = make_document(text)
    extraction = extractor(document)
    verge = one(extraction, document, "on the verge of")
    assert verge.status == "expected"
    assert set(verge.parties) == {"Sam Okafor", "Hull City"}
    talks = one(extraction, document, "in talks over")
    assert talks.status == "proposed"
    assert "Paul Hartley" in talks.parties
    assert agreements_in(extraction, document, "appear to have stalled") == []


def test_an_approach_to_buy_a_company_is_a_bid_and_a_refused_one_is_rejected(
    extractor: Extractor,
) -> None:
    text = (
        "Investor Carl Hobbs has made a fresh approach to buy Stockport County. Hobbs "
        "owns a chain of hotels.\n\n"
        "Hobbs has already had one takeover attempt turned down by Stockport County.\n\n"
        "The council took a new approach to recycling."
    )
    document = make_document(text)
    extraction = extractor(document)
    approach = one(extraction, document, "fresh approach")
    assert approach.status == "proposed"
    assert set(approach.parties) == {"Carl Hobbs", "Stockport County"}
    refused = one(extraction, document, "turned down by")
    assert refused.status == "rejected"
    assert set(refused.parties) == {"Carl Hobbs", "Stockport County"}
    assert agreements_in(extraction, document, "new approach to recycling") == []


def test_one_offered_a_deal_by_a_club_described_by_its_region(extractor: Extractor) -> None:
    text = (
        "Leeds United beat Hull on Saturday. Leeds United defender Sam Okafor scored "
        "twice. He has been offered a new deal by the Yorkshire club."
    )
    document = make_document(text)
    extraction = extractor(document)
    offered = one(extraction, document, "offered a new deal")
    assert offered.status == "proposed"
    assert set(offered.parties) == {"Sam Okafor", "Leeds United"}


def test_a_raised_offer_and_a_drawn_up_agreement(extractor: Extractor) -> None:
    text = (
        "Hull City bid £2m for Sam Okafor last week. Hull City will lift their offer to "
        "£3m.\n\n"
        "A new agreement was drawn up on the water rights.\n\n"
        "The firm lifted prices."
    )
    document = make_document(text)
    extraction = extractor(document)
    assert one(extraction, document, "lift their offer").status == "proposed"
    assert one(extraction, document, "drawn up").status == "signed"
    assert agreements_in(extraction, document, "lifted prices") == []


def test_a_countrys_commitment_counts_and_a_persons_does_not(extractor: Extractor) -> None:
    text = (
        "Japan's exports fell in May. Japan has said it is committed to a stable yen.\n\n"
        "Tom Briggs is committed to his family."
    )
    document = make_document(text)
    extraction = extractor(document)
    committed = one(extraction, document, "committed to a stable yen")
    assert committed.status == "signed"
    assert committed.parties == ("Japan",)
    assert agreements_in(extraction, document, "his family") == []


def test_a_signed_player_and_a_switch_sealed_in_past_narrative(extractor: Extractor) -> None:
    text = (
        "Midfielder Sam Okafor was signed by Hull City in 2011. Okafor said he was happy.\n\n"
        "Tom Briggs spent two years at Porto before sealing his switch to Celtic. Briggs is "
        "28.\n\n"
        "The band's first single, signed by all four members, was sold at auction."
    )
    document = make_document(text)
    extraction = extractor(document)
    signed = one(extraction, document, "was signed by Hull")
    assert signed.status == "signed"
    assert set(signed.parties) == {"Sam Okafor", "Hull City"}
    switch = one(extraction, document, "sealing his switch")
    assert switch.status == "signed"
    assert set(switch.parties) == {"Tom Briggs", "Celtic"}
    assert agreements_in(extraction, document, "signed by all four") == []


def test_a_countrys_presidency_of_a_bloc_acts_for_the_country(extractor: Extractor) -> None:
    text = (
        "The fisheries row goes on. The bloc's Estonian presidency is hoping to strike a "
        "deal at a summit in May. Estonia has held the presidency since January."
    )
    document = make_document(text)
    extraction = extractor(document)
    hoped = one(extraction, document, "hoping to strike")
    assert hoped.status == "expected"
    assert hoped.parties == ("Estonia",)


def test_what_a_clause_says_was_offered_is_not_an_offer_to_act(extractor: Extractor) -> None:
    text = (
        "The Harbour Authority has offered to cut mooring fees for fishing boats. "
        "Chip makers backed the bill, saying they needed the safeguards it offered to make "
        "their research worthwhile."
    )
    document = make_document(text)
    extraction = extractor(document)
    assert one(extraction, document, "offered to cut").status == "proposed"
    assert agreements_in(extraction, document, "it offered to make") == []
