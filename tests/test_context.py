"""Context: background told by the article, not by the people it quotes, nor its plans."""

from __future__ import annotations

import pytest
from documents import make_document

from briefing.extract import Extractor
from briefing.extract.context import mostly_quoted, score_sentence

CLIMATE = """\
SUVA, Fiji - Australia, New Zealand and 14 Pacific island nations agreed on Thursday to create \
a regional climate finance facility worth 1.5 billion US dollars.

The agreement commits Australia to providing 900 million dollars over ten years.

Australian Prime Minister Daniel Whitmore, who flew to Suva for the final day, said the facility \
showed that Australia was "a partner in the Pacific, not a visitor." He told reporters: "Climate \
change is the single greatest security threat to the Pacific, and Pacific leaders have told us so \
for years. We have heard them."

Relations between Australia and its Pacific neighbours have warmed since 2022, when a new \
government in Canberra raised its emissions target.

The last major regional agreement on climate, the Boe Declaration, was signed in Nauru in 2018.

The secretariat expects to approve the first grants in 2026 and to be fully funded by the end \
of 2027.
"""


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _context(extractor: Extractor, published: str | None) -> list[str]:
    document = make_document(CLIMATE, published=published)
    return [item.text for item in extractor(document, (0,)).context]


@pytest.mark.parametrize("published", ["2025-08-21", None])
def test_context_is_the_reporters_background_not_a_quotation(
    extractor: Extractor, published: str | None
) -> None:
    context = _context(extractor, published)
    assert any(text.startswith("The last major regional agreement") for text in context)
    assert any(text.startswith("Relations between Australia") for text in context)
    # "for years" inside the quotation is the speaker's, and the quotes section shows it.
    assert not any("single greatest security threat" in text for text in context)
    # Plans and targets are what comes next, whether or not the article is dated.
    assert not any("first grants in 2026" in text for text in context)


def test_quoted_words_carry_no_background_cue(extractor: Extractor) -> None:
    nlp = extractor.nlp
    said = 'The minister said the islands had "been asking the world to listen for decades".'
    told = "The minister said the islands had been asking the world to listen for decades."
    assert score_sentence(said, nlp(said), 2025) < score_sentence(told, nlp(told), 2025)


def test_the_tail_of_a_quotation_is_not_context(extractor: Extractor) -> None:
    text = (
        "Swiss glaciers lost 4 per cent of their volume this year, a study found on Thursday.\n\n"
        '"The losses are accelerating," said the study\'s author, Anna Keller. "In 2003 we'
        " thought that was the worst we would see. Several small glaciers we measured in 2021"
        ' simply no longer exist."\n\n'
        "The Swiss government has funded glacier monitoring since 1894."
    )
    document = make_document(text, published="2025-02-06")
    context = [item.text for item in extractor(document, (0,)).context]
    assert context == ["The Swiss government has funded glacier monitoring since 1894."]


def test_mostly_quoted_sentences_belong_to_the_quotes() -> None:
    assert mostly_quoted('"This is our money, managed by our people, for our islands," he said.')
    assert mostly_quoted('He told reporters: "Climate change is the single greatest threat.')
    assert not mostly_quoted(
        'The 2018 Boe Declaration, which leaders called "a turning point", was signed in Nauru.'
    )
    # the rest of a quotation an earlier sentence opened
    tail = 'Several small glaciers we measured in 2021 simply no longer exist."'
    assert mostly_quoted(tail, inside=True) and not mostly_quoted(tail)
