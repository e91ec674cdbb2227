"""Agreements, quotes and context on hand-written news paragraphs, and the gold-set scorer.

The paragraphs are written for these tests in the style of wire and sports copy. Each covers
one family of rules: every agreement action and status, dates resolved against the article's
date, the ways a quote names its speaker, and background that must not repeat the summary.
spaCy is loaded once for the module.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import documents
import pytest

from briefing.errors import InputError
from briefing.evaluate_structure import (
    GoldActor,
    GoldAgreement,
    GoldArticle,
    GoldQuote,
    StructureScores,
    load_gold,
    markdown_report,
    overlaps,
    score_article,
)
from briefing.extract import Extractor
from briefing.extract.dates import resolve_date
from briefing.models import (
    Actor,
    Agreement,
    Citation,
    Document,
    Extraction,
    Quote,
)

GOLD_DIR = Path(__file__).resolve().parent.parent / "bench" / "gold"

# Friday 14 March 2025.
PUBLISHED = "2025-03-14"

TREATIES = """\
VIENNA (Reuters) - Austria and Hungary signed a water-sharing treaty on Tuesday, the foreign \
ministry said.

The two countries declared a strategic partnership in 2019. Slovenia is expected to sign a \
similar agreement next week.

Croatia proposed a river management agreement on Wednesday, which Serbia rejected. Poland \
withdrew from the regional energy pact last year. Austria and Slovakia extended their gas \
accord on Monday.

Finland and Estonia agreed to build a tunnel under the Gulf of Finland. Norway pledged to \
double its contribution to the fund.
"""

CLUBS = """\
Ken Marsh has completed his takeover of Dunford Rovers. The 61-year-old former Halden \
chairman sealed the deal on Friday.

Dunford Rovers have rejected a third bid from Caxton City for striker Leo Grant. Caxton City \
are trying to strike a deal with Brenton Athletic instead.

The contracts for the summer friendly have yet to be signed. The clubs were unable to reach \
agreement over the fee for Grant.

A failure to reach an agreement could cost Dunford Rovers millions. Dunford Rovers want to \
avoid a crisis by signing a new sponsor deal.

Leo Grant put pen to paper on a new contract on Saturday.
"""

SPEAKERS = """\
Finance minister Ana Ruiz said the budget would pass. "We have the votes we need and we will \
use them," said Ruiz.

"Nobody in this chamber wants another shutdown," opposition leader Marco Bellini said on \
Monday.

Bellini told reporters: "The government has ignored the regions for far too long."

According to Ruiz, "the deficit will fall below three percent next year."

Ruiz praised the "remarkable patience of ordinary taxpayers in hard times".

Union leader Lena Fischer: "Our members will not accept another pay freeze."

Fischer said she would meet the minister on Friday. "She knows exactly where we stand on \
this," she added.

Fischer said the union would consider any fair offer from the government.
"""

PORT = """\
Northwind Ferries signed a five-year contract with the Port of Halden on Monday, ending \
months of uncertainty for the island route.

The company had run the crossing without a contract since 2019, when its previous \
agreement expired.

Northwind Ferries signed a five-year contract with the Port of Halden, which it had served \
since 2015 without a break.

The mayor said the talks had stalled twice over fuel costs. If the port had refused, the \
route would have closed.

Passenger numbers have doubled since 2015, the port said.
"""


def make_document(text: str, published: str | None = PUBLISHED) -> Document:
    """``text`` as the pipeline splits it, dated :data:`PUBLISHED` unless told otherwise."""
    return documents.make_document(text, published=published)


@dataclass(frozen=True)
class Case:
    document: Document
    extraction: Extraction

    def index_of(self, fragment: str) -> int:
        return next(s.index for s in self.document.sentences if fragment in s.text)

    def agreements_in(self, fragment: str) -> list[Agreement]:
        index = self.index_of(fragment)
        return [a for a in self.extraction.agreements if a.citation.sentence == index]

    def agreement(self, fragment: str, status: str) -> Agreement:
        found = [a for a in self.agreements_in(fragment) if a.status == status]
        assert found, [(a.action, a.status, a.parties) for a in self.extraction.agreements]
        return found[0]

    def quote(self, fragment: str) -> Quote:
        found = [q for q in self.extraction.quotes if fragment in q.text]
        assert found, [q.text for q in self.extraction.quotes]
        return found[0]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    extractor = Extractor(max_agreements=20, max_quotes=20)
    extractor.nlp  # noqa: B018 - load spaCy once for the whole module
    return extractor


@pytest.fixture(scope="module")
def treaties(extractor: Extractor) -> Case:
    document = make_document(TREATIES)
    return Case(document, extractor(document, (0,)))


@pytest.fixture(scope="module")
def clubs(extractor: Extractor) -> Case:
    document = make_document(CLUBS)
    return Case(document, extractor(document, (0,)))


@pytest.fixture(scope="module")
def speakers(extractor: Extractor) -> Case:
    document = make_document(SPEAKERS)
    return Case(document, extractor(document, (0,)))


@pytest.fixture(scope="module")
def port(extractor: Extractor) -> Case:
    document = make_document(PORT)
    return Case(document, extractor(document, (0,)))


# --- agreements: every action and status ------------------------------------------------


def test_signed_with_the_date_resolved_against_the_article(treaties: Case) -> None:
    signed = treaties.agreement("water-sharing treaty", "signed")
    assert signed.action == "signed"
    assert set(signed.parties) == {"Austria", "Hungary"}
    assert signed.object == "a water-sharing treaty"
    assert signed.date == "2025-03-11"  # "on Tuesday", published Friday 14 March 2025


def test_agreed_to_do_something(treaties: Case) -> None:
    agreed = treaties.agreement("tunnel", "signed")
    assert agreed.action == "agreed"
    assert set(agreed.parties) == {"Finland", "Estonia"}
    assert agreed.object is not None and agreed.object.startswith("to build a tunnel")


def test_pledged(treaties: Case) -> None:
    pledged = treaties.agreement("Norway pledged", "signed")
    assert pledged.action == "pledged"
    assert pledged.parties == ("Norway",)
    assert pledged.object is not None and "double its contribution" in pledged.object


def test_partnership_declared_in_background_counts(treaties: Case) -> None:
    declared = treaties.agreements_in("strategic partnership")
    assert len(declared) == 1
    assert declared[0].status in ("signed", "in force")
    assert declared[0].action == "declared"
    # "the two countries": the two of the treaty signed just before
    assert set(declared[0].parties) == {"Austria", "Hungary"}
    assert declared[0].date == "2019"


def test_expected_proposed_rejected_ended_extended(treaties: Case) -> None:
    expected = treaties.agreement("expected to sign", "expected")
    assert expected.action == "expected to sign" and expected.parties == ("Slovenia",)
    assert expected.object == "a similar agreement"
    proposed = treaties.agreement("river management", "proposed")
    assert proposed.parties == ("Croatia",)
    assert proposed.date == "2025-03-12"  # "on Wednesday"
    rejected = treaties.agreement("river management", "rejected")
    assert rejected.parties == ("Serbia",)
    assert rejected.object == "a river management agreement"  # what "which" stands for
    ended = treaties.agreement("withdrew", "ended")
    assert ended.action == "withdrew from" and ended.parties == ("Poland",)
    assert ended.object == "the regional energy pact"
    extended = treaties.agreement("extended", "in force")
    assert extended.action == "extended"
    assert set(extended.parties) == {"Austria", "Slovakia"}
    assert extended.date == "2025-03-10"  # "on Monday"


def test_takeover_with_the_other_side_and_a_described_buyer(clubs: Case) -> None:
    takeover = clubs.agreement("completed his takeover", "signed")
    assert takeover.action == "completed"
    assert takeover.parties == ("Ken Marsh", "Dunford Rovers")  # "takeover of Dunford Rovers"
    sealed = clubs.agreement("sealed the deal", "signed")
    # "the 61-year-old former Halden chairman" is the man just named, not Halden
    assert sealed.parties == ("Ken Marsh",)


def test_bid_rejected_and_a_deal_sought(clubs: Case) -> None:
    rejected = clubs.agreement("third bid", "rejected")
    assert rejected.parties == ("Dunford Rovers", "Caxton City")  # "a bid from Caxton City"
    assert "Leo Grant" not in rejected.parties  # "for striker Leo Grant" is not a side
    sought = clubs.agreement("trying to strike", "proposed")
    assert sought.action == "trying to strike"
    assert set(sought.parties) == {"Caxton City", "Brenton Athletic"}


def test_not_yet_signed_is_expected(clubs: Case) -> None:
    pending = clubs.agreement("yet to be signed", "expected")
    assert pending.action == "yet to be signed"


def test_put_pen_to_paper(clubs: Case) -> None:
    signed = clubs.agreement("pen to paper", "signed")
    assert signed.parties == ("Leo Grant",)
    assert signed.date == "2025-03-08"


def test_failures_means_and_possibilities_are_not_agreements(clubs: Case) -> None:
    for fragment in ("unable to reach", "A failure to reach", "by signing a new sponsor"):
        assert clubs.agreements_in(fragment) == [], fragment


def test_other_forms(extractor: Extractor) -> None:
    text = (
        "The accord, struck in Geneva last month, ends the border dispute. It was agreed that "
        "talks would resume in May.\n\nGreece's current loan agreement with the IMF expires in "
        "June. The decision by Chile and Peru to open a rail link was welcomed.\n\nThe two "
        "sides reached a deal on fishing rights on Monday."
    )
    case = Case(make_document(text), extractor(make_document(text)))
    struck = case.agreements_in("struck in Geneva")
    assert [(a.action, a.status) for a in struck] == [("struck", "in force")]
    assert case.agreement("It was agreed", "signed").parties == ()
    loan = case.agreement("expires in June", "in force")
    assert set(loan.parties) == {"Greece", "IMF"} or set(loan.parties) == {
        "Greece",
        "International Monetary Fund",
    }
    decision = case.agreement("decision by Chile", "signed")
    assert set(decision.parties) == {"Chile", "Peru"}
    assert decision.object == "to open a rail link"
    # "the two sides": the parties of the last agreement that had two
    assert set(case.agreement("fishing rights", "signed").parties) == {"Chile", "Peru"}


def test_who_agrees_and_who_only_consents(extractor: Extractor) -> None:
    text = (
        "A shipping company has pulled out of a contract to run the port of Tema. Blue "
        "Anchor Lines, of Miami, said the security risks were too high.\n\n"
        "Other dock unions have pledged to follow. Ghana's transport minister Kofi Mensah "
        "agreed to meet the unions on Friday.\n\n"
        "Mensah called the deal a mistake. The unions called for a new pay deal. Under the "
        "terms announced on Monday, the port stays open."
    )
    case = Case(make_document(text), extractor(make_document(text)))
    # the lead's "a shipping company" is named in the next sentence
    assert case.agreement("pulled out", "ended").parties == ("Blue Anchor Lines",)
    # a group pledging counts even unnamed; one man agreeing to a meeting does not
    assert case.agreement("pledged to follow", "signed").parties == ()
    assert case.agreements_in("agreed to meet") == []
    assert case.agreements_in("called the deal a mistake") == []  # "call", not "call for"
    assert case.agreement("called for a new pay deal", "proposed").action == "called for"
    assert case.agreements_in("terms announced") == []


def test_every_status_is_a_known_one(treaties: Case, clubs: Case) -> None:
    known = {"signed", "in force", "expected", "proposed", "rejected", "ended"}
    for case in (treaties, clubs):
        for agreement in case.extraction.agreements:
            assert agreement.status in known
            assert agreement.text == case.document.sentences[agreement.citation.sentence].text


# --- dates ------------------------------------------------------------------------------


def test_dates_resolve_against_the_article_date() -> None:
    friday = dt.date(2025, 3, 14)
    assert resolve_date("Tuesday", friday) == "2025-03-11"
    assert resolve_date("Friday", friday) == "2025-03-14"
    assert resolve_date("Monday", friday, future=True) == "2025-03-17"
    assert resolve_date("last week", friday) == "last week"  # nothing is invented
    assert resolve_date("Tuesday", None) == "Tuesday"


# --- quotes -----------------------------------------------------------------------------


def test_speaker_patterns(speakers: Case) -> None:
    assert speakers.quote("votes we need").speaker == "Ana Ruiz"  # said X
    assert speakers.quote("another shutdown").speaker == "Marco Bellini"  # X said
    assert speakers.quote("ignored the regions").speaker == "Marco Bellini"  # X told ...:
    assert speakers.quote("deficit will fall").speaker == "Ana Ruiz"  # according to X
    assert speakers.quote("remarkable patience").speaker == "Ana Ruiz"  # X praised "..."
    assert speakers.quote("another pay freeze").speaker == "Lena Fischer"  # X: "..."
    # a pronoun: the woman who spoke last, not the minister the quote talks about
    assert speakers.quote("where we stand").speaker == "Lena Fischer"


def test_paraphrase_is_not_a_quote(speakers: Case) -> None:
    texts = " ".join(q.text for q in speakers.extraction.quotes)
    assert "fair offer" not in texts
    assert "budget would pass" not in texts
    for quote in speakers.extraction.quotes:
        cited = speakers.document.sentences[quote.citation.sentence].text
        assert quote.text[:10] in cited


def test_quote_attribution_from_the_sentence_before(extractor: Extractor) -> None:
    text = (
        '"We will fight this in every court," said Mayor Tom Reyes.\n\n'
        "But Ida Novak, head of the Chamber of Commerce, criticised the plan, saying it had "
        "not been thought through.\n\n"
        '"Businesses were never asked what they need from the city."\n\n'
        "Coach Dan Prior has dropped captain Olly Stone for Saturday's match.\n\n"
        '"I have had more than a quiet word with Olly about his attitude," he said.'
    )
    case = Case(make_document(text), extractor(make_document(text)))
    # a quote on its own goes to the person the sentence before introduces
    assert case.quote("never asked").speaker == "Ida Novak"
    # "he" is not the man the quote talks about
    assert case.quote("quiet word with Olly").speaker == "Dan Prior"


def test_shared_subjects_and_descriptions(extractor: Extractor) -> None:
    text = (
        'The Lord Chancellor, Lord Falconer, said the act was old but added that "for all '
        'practical purposes its effects are limited".\n\n'
        "Prime Minister David Cameron spoke in Bedford on Monday. The Prime Minister said "
        "Labour had trapped millions on welfare.\n\n"
        'He accused Labour of hypocrisy, adding: "Don\'t you dare lecture us on poverty."'
    )
    case = Case(make_document(text), extractor(make_document(text)))
    # "said ... but added that": one subject for both verbs
    speaker = case.quote("practical purposes").speaker
    assert speaker is not None and speaker.endswith("Falconer")
    # "He" is the man the description before it stands for, not Labour
    assert case.quote("lecture us on poverty").speaker == "David Cameron"


def test_quoted_as_saying_and_unnamed_speakers(extractor: Extractor) -> None:
    text = (
        "Der Spiegel quoted Belgian finance minister Johan Peeters as saying that a delay "
        'was "out of the question".\n\n'
        'A senior official told the newspaper: "We may have to go into arrears with the '
        'lenders."'
    )
    case = Case(make_document(text), extractor(make_document(text)))
    assert case.quote("out of the question").speaker == "Johan Peeters"
    assert case.quote("go into arrears").speaker is None  # never guessed


# --- context ----------------------------------------------------------------------------


def test_context_never_repeats_the_summary(port: Case) -> None:
    cited = [c.citations[0].sentence for c in port.extraction.context]
    assert port.index_of("without a contract since 2019") in cited
    assert 0 not in cited  # the summary sentence itself
    # the caption-style repeat of the lead has background cues but says the summary again
    assert port.index_of("which it had served") not in cited
    summary = port.document.sentences[0].text
    for item in port.extraction.context:
        assert item.text != summary


def test_reported_speech_and_conditions_are_not_background(port: Case) -> None:
    cited = {c.citations[0].sentence for c in port.extraction.context}
    assert port.index_of("talks had stalled") not in cited
    assert port.index_of("If the port had refused") not in cited


def test_context_items_do_not_repeat_each_other(extractor: Extractor) -> None:
    text = (
        "The council approved the new budget on Tuesday.\n\n"
        "The town had cut its library hours in 2019 after a funding row with the county.\n\n"
        "In 2019 the town had cut its library hours after a funding row with the county, "
        "residents recalled."
    )
    document = make_document(text)
    context = extractor(document, (0,)).context
    assert len(context) == 1


# --- the gold set and its scorer --------------------------------------------------------


def test_gold_set_is_valid() -> None:
    gold = load_gold(GOLD_DIR)
    assert len(gold) >= 24
    assert {g.dataset for g in gold} == {"cnndm_dev", "bbc_news_summary"}
    assert {"batch-1", "batch-2", "batch-3", "batch-4"} <= {g.split for g in gold}
    assert len({g.id for g in gold}) == len(gold)
    for g in gold:
        assert Path(g.path).stem == g.id
        assert g.actors, g.id
        for agreement in g.agreements:
            assert agreement.status in {
                "signed",
                "in force",
                "expected",
                "proposed",
                "rejected",
                "ended",
            }
    assert sum(len(g.agreements) for g in gold) >= 50
    assert sum(len(g.quotes) for g in gold) >= 100


def test_overlaps() -> None:
    sentence = "Turkey has agreed a draft proposal with the International Monetary Fund."
    assert overlaps(sentence, "Turkey has agreed a draft proposal")
    assert overlaps("“We are done,” he said", '"We are done," he said.')  # quote marks
    # Punkt cut the labelled sentence in two: most of it is one unbroken stretch
    assert overlaps(
        "Mr. Theocharakis never characterised the teams",
        "Theocharakis never characterised the teams",
    )
    # many shared words, but scattered: two different sentences
    assert not overlaps(
        "Blackburn have rejected a third bid from Rangers",
        "Blackburn have said they want £6m and Williams has rejected proposals from Rangers",
    )


def _gold() -> GoldArticle:
    return GoldArticle(
        id="g",
        dataset="x",
        actors=(
            GoldActor("International Monetary Fund", "organisation", aliases=("IMF",)),
            GoldActor("Turkey", "country"),
            GoldActor("Ali Babacan", "person", "economics minister", ("Babacan",)),
            GoldActor("EADS", "organisation"),
            GoldActor("BAE Systems", "organisation"),
        ),
        agreements=(
            GoldAgreement(("Turkey", "International Monetary Fund"), "agreed", "signed", "Turkey has agreed a draft"),
            GoldAgreement((), "sealed", "signed", "The deal was sealed"),
        ),
        quotes=(
            GoldQuote("the new programme will help", ("Ali Babacan",)),
            GoldQuote("preferable to talk", ("EADS", "BAE Systems")),
            GoldQuote("a silent arrears process", ()),
            GoldQuote("never found", ("Turkey",)),
        ),
    )  # fmt: skip


def test_score_article() -> None:
    cite = Citation(0, 0)
    extraction = Extraction(
        actors=(
            Actor("IMF", "organisation"),  # the gold alias
            Actor("Ali Babacan", "person", aliases=("Babacan",)),
            Actor("Ankara", "place"),  # not a key actor
        ),
        agreements=(
            Agreement(
                "Turkey has agreed a draft proposal with the IMF.",
                ("Turkey", "IMF"),
                "agreed",
                "signed",
                cite,
            ),
            Agreement("The deal was sealed on Friday.", ("Turkey",), "sealed", "expected", cite),
            Agreement("Analysts agreed it was fair.", (), "agreed", "signed", cite),
        ),
        quotes=(
            Quote("I believe the new programme will help Turkey", "Babacan", cite),
            Quote("It has always been preferable to talk", "BAE Systems", cite),
            Quote("We may have to go into a silent arrears process", "Ali Babacan", cite),
            Quote("an unrelated remark by someone", None, cite),
        ),
    )
    score = score_article(_gold(), extraction)
    assert (score.actors_matched, score.actors_predicted, score.actors_gold) == (2, 3, 5)
    assert (score.agreements_matched, score.agreements_with_parties) == (2, 1)
    assert score.statuses_right == 1  # "sealed" was labelled signed, predicted expected
    assert (score.quotes_found, score.speakers_right) == (3, 2)  # the unnamed one is wrong
    assert score.quotes_predicted_matched == 3
    scores = StructureScores((score,))
    assert scores.agreement_precision == pytest.approx(1 / 3)
    assert scores.agreement_recall == pytest.approx(1 / 2)
    assert scores.speaker_accuracy == pytest.approx(2 / 3)
    assert scores.quote_recall == pytest.approx(3 / 4)
    report = markdown_report(scores)
    assert "| Agreements, parties correct | 33.3 | 50.0 | 40.0 |" in report
    assert any("actor not in gold: Ankara" in note for note in score.notes)


def test_bad_gold_files_are_named(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.json: not valid JSON"):
        load_gold(tmp_path)
    (tmp_path / "a.json").write_text(
        json.dumps(
            {
                "id": "a",
                "dataset": "x",
                "actors": [],
                "agreements": [
                    {"parties": ["Nobody"], "action": "a", "status": "signed", "sentence": "s"}
                ],
                "quotes": [],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="party 'Nobody' is not one of the actors"):
        load_gold(tmp_path)
    with pytest.raises(InputError, match="not a directory"):
        load_gold(tmp_path / "missing")
