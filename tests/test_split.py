"""The split stage: paragraphs, globally numbered sentences, languages, bad articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import ArticleError
from briefing.models import Article, Sentence
from briefing.split import split, split_paragraphs


def article(text: str, language: str | None = None) -> Article:
    return Article(id="a1", text=text, input="feeds/port.jsonl:3", language=language)


ARTICLE = (
    "Ministers agree rail safety bill\n"
    "\n"
    "Ministers agreed a rail safety bill on Monday. Mr. Hughes, the transport secretary,\n"
    'said the U.S. and the U.K. shared data. "It is a good day," he said.\n'
    "\n"
    "\n"
    "   \n"
    "The bill takes effect on Jan. 1. Unions welcomed it.\n"
)


def test_paragraphs_and_sentences_are_numbered_across_the_document() -> None:
    doc = split(article(ARTICLE))
    assert doc.article.id == "a1"
    assert doc.paragraphs == (
        "Ministers agree rail safety bill",
        "Ministers agreed a rail safety bill on Monday. Mr. Hughes, the transport secretary, "
        'said the U.S. and the U.K. shared data. "It is a good day," he said.',
        "The bill takes effect on Jan. 1. Unions welcomed it.",
    )
    assert doc.sentences == (
        Sentence(0, 0, "Ministers agree rail safety bill"),
        Sentence(1, 1, "Ministers agreed a rail safety bill on Monday."),
        Sentence(
            2,
            1,
            "Mr. Hughes, the transport secretary, said the U.S. and the U.K. shared data.",
        ),
        Sentence(3, 1, '"It is a good day," he said.'),
        Sentence(4, 2, "The bill takes effect on Jan. 1."),
        Sentence(5, 2, "Unions welcomed it."),
    )
    assert doc.texts == tuple(s.text for s in doc.sentences)


def test_every_sentence_lies_inside_its_paragraph() -> None:
    doc = split(article(ARTICLE))
    for s in doc.sentences:
        assert s.text in doc.paragraphs[s.paragraph]
    assert [s.index for s in doc.sentences] == list(range(len(doc.sentences)))


def test_single_newlines_separate_paragraphs_when_there_is_no_blank_line() -> None:
    text = "Port merger approved\nThe two ports will merge in May.\r\nStaff keep their jobs. Pay rises."
    doc = split(article(text))
    assert doc.paragraphs == (
        "Port merger approved",
        "The two ports will merge in May.",
        "Staff keep their jobs. Pay rises.",
    )
    assert [(s.index, s.paragraph) for s in doc.sentences] == [(0, 0), (1, 1), (2, 2), (3, 2)]


def test_split_paragraphs_normalises_whitespace_and_drops_empty_ones() -> None:
    assert split_paragraphs("  A  b\n c.\n\n\n \t\nD.\u2029E.  ") == ["A b c.", "D.", "E."]
    assert split_paragraphs(" \n \n") == []


@pytest.mark.parametrize("language", [None, "", "en", "en-GB", "English"])
def test_english_is_the_default_and_codes_are_understood(language: str | None) -> None:
    doc = split(article("Dr. Smith left. He was tired.", language))
    assert doc.texts == ("Dr. Smith left.", "He was tired.")


def test_article_language_picks_the_model() -> None:
    doc = split(article("Das ist z.B. ein Satz. Und noch einer.", "de"))
    assert doc.texts == ("Das ist z.B. ein Satz.", "Und noch einer.")


def test_unsupported_language_is_an_article_error_naming_input_and_choices() -> None:
    with pytest.raises(ArticleError) as info:
        split(article("\u8fd9\u662f\u4e00\u4e2a\u53e5\u5b50\u3002", "zh"))
    message = str(info.value)
    assert message.startswith("feeds/port.jsonl:3: no sentence splitter for language 'zh'")
    assert "supported:" in message and "english" in message and "german" in message
    assert info.value.input_name == "feeds/port.jsonl:3"


@pytest.mark.parametrize("text", ["", "   ", "\n\n \t\n"])
def test_article_without_sentences_is_an_article_error(text: str) -> None:
    with pytest.raises(ArticleError, match=r"^feeds/port.jsonl:3: "):
        split(article(text))


def test_sample_article_splits_into_many_sentences(samples_dir: Path) -> None:
    text = (samples_dir / "port-merger.txt").read_text(encoding="utf-8")
    doc = split(Article(id="port", text=text, input="samples/port-merger.txt"))
    assert len(doc.sentences) >= 5
    assert all(s.text and s.text == " ".join(s.text.split()) for s in doc.sentences)
    assert [s.paragraph for s in doc.sentences] == sorted(s.paragraph for s in doc.sentences)
    assert {s.paragraph for s in doc.sentences} == set(range(len(doc.paragraphs)))
