"""The split stage: an article's text becomes paragraphs and numbered sentences.

Paragraphs are separated by blank lines; text with no blank line at all (one paragraph per
line, as many feeds and scrapers deliver it) is split at every line break instead. Each
paragraph is split into sentences with Punkt (:mod:`summarizers.sentences`) in the article's
language, and sentences are numbered across the whole document, because citations point at
``Document.sentences`` positions.
"""

from __future__ import annotations

import re

from briefing.errors import ArticleError
from briefing.models import Article, Document, Sentence
from summarizers.sentences import available_languages, resolve_language, split_sentences

__all__ = ["split", "split_paragraphs"]

DEFAULT_LANGUAGE = "english"

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``, whitespace-normalised, none empty.

    Blank lines separate paragraphs; when the text has no blank line at all, every line is a
    paragraph. Line breaks inside a paragraph become spaces.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n")
    parts = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    paragraphs = []
    for part in parts:
        normalised = " ".join(part.split())
        if normalised:
            paragraphs.append(normalised)
    return paragraphs


def split(article: Article) -> Document:
    """Split ``article`` into paragraphs and sentences.

    :raises ArticleError: the article's language has no sentence splitter, or its text holds
        no sentence at all.
    """
    requested = (article.language or "").strip() or DEFAULT_LANGUAGE
    try:
        language = resolve_language(requested)
    except ValueError:
        raise ArticleError(
            article.input,
            f"no sentence splitter for language {requested!r}; "
            f"supported: {', '.join(available_languages())}",
        ) from None

    paragraphs: list[str] = []
    sentences: list[Sentence] = []
    for paragraph in split_paragraphs(article.text):
        texts = split_sentences(paragraph, language)
        if not texts:
            continue
        number = len(paragraphs)
        paragraphs.append(paragraph)
        base = len(sentences)
        sentences.extend(Sentence(base + k, number, t) for k, t in enumerate(texts))
    if not sentences:
        raise ArticleError(article.input, "the article has no text to summarise")
    return Document(article=article, paragraphs=tuple(paragraphs), sentences=tuple(sentences))
