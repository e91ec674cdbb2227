"""Documents for the extractor tests: text split as the pipeline splits it.

Import it from a test as ``from documents import make_document`` (pytest puts ``tests/`` on
the import path).
"""

from __future__ import annotations

from briefing.models import Article, Document, Sentence
from briefing.split import split


def make_document(
    text: str, *, published: str | None = None, source: str | None = None
) -> Document:
    """Split ``text`` as the pipeline does, numbering sentences by position."""
    article = Article(id="t", text=text, input="test.txt", source=source, published=published)
    document = split(article)
    sentences = tuple(Sentence(i, s.paragraph, s.text) for i, s in enumerate(document.sentences))
    return Document(article, document.paragraphs, sentences)
