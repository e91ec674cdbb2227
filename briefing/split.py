"""The split stage: an article's text becomes paragraphs and numbered sentences.

Paragraphs are separated by blank lines; text with no blank line at all (one paragraph per
line, as many feeds and scrapers deliver it) is split at every line break instead. Each
paragraph is split into sentences with Punkt (:mod:`summarizers.sentences`) in the article's
language, and sentences are numbered across the whole document, because citations point at
``Document.sentences`` positions.
"""

from __future__ import annotations

import re
import unicodedata

from briefing.errors import ArticleError
from briefing.models import Article, Document, Sentence
from summarizers.sentences import available_languages, resolve_language, split_sentences

__all__ = ["guess_language", "is_english", "split", "split_paragraphs"]

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


# Short, frequent function words that tell the languages Punkt has parameters for apart.
_STOPWORDS: dict[str, frozenset[str]] = {
    name: frozenset(words.split())
    for name, words in {
        "english": "the and of to in is that was for with on are by it said have has from",
        "french": "le la les des et est une dans que pour qui sur au aux du pas sont avec ont",
        "german": "der die das und ist nicht mit den von dem sich auf ein eine zu des auch wird",
        "spanish": "el la los las de que y en un una por con para es del se al sus fue han",
        "italian": "il la di che e è per un una del della con non sono nel alla gli le ha",
        "portuguese": "o a os as de que e do da em um uma para com não no na por foi são",
        "dutch": "de het een en van is dat op te in zijn niet met voor er ook werd hij",
        "swedish": "och att det som en är på för med av till den inte har var om ett",
        "danish": "og at det som en er på for med af til den ikke har var om et de",
        "norwegian": "og å det som en er på for med av til den ikke har var om et de",
        "finnish": "ja on että ei se oli hän ovat myös kun mutta joka tai sen ole",
        "polish": "i w na nie z się że do to jest o jak po przez od są dla",
        "czech": "a v na se je že to s z do o jako pro by ve jsou při",
        "turkish": "ve bir bu da de için ile olarak çok daha gibi olan ama kadar",
    }.items()
}
# Scripts that name their language; of these, Punkt has parameters for Greek, Russian and
# Malayalam only, so text in the others is skipped rather than split as if it were English.
_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("HIRAGANA", "japanese"),
    ("KATAKANA", "japanese"),
    ("CJK", "chinese"),
    ("HANGUL", "korean"),
    ("ARABIC", "arabic"),
    ("HEBREW", "hebrew"),
    ("DEVANAGARI", "hindi"),
    ("THAI", "thai"),
    ("CYRILLIC", "russian"),
    ("GREEK", "greek"),
    ("MALAYALAM", "malayalam"),
)
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """The language ``text`` is clearly written in, when that is not English; else ``None``.

    Looks at the first few thousand characters: the script first (Chinese, Japanese, Arabic,
    Cyrillic...), then, for Latin script, which language's function words are most frequent.
    Returns a lower-case English language name ("french", "chinese"); ``None`` means English
    or too little text to tell.
    """
    sample = text[:5000]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < 20:
        return None
    counts: dict[str, int] = {}
    for ch in letters:
        if ch.isascii():
            continue
        name = unicodedata.name(ch, "")
        for prefix, language in _SCRIPTS:
            if name.startswith(prefix):
                counts[language] = counts.get(language, 0) + 1
                break
    if counts:
        # Kana next to kanji is Japanese, whatever the share of each.
        script = "japanese" if "japanese" in counts else max(counts, key=counts.__getitem__)
        if sum(counts.values()) >= len(letters) / 2:
            return script
    words = _WORD.findall(sample.lower())
    if len(words) < 8:
        return None
    scores = {name: sum(w in stop for w in words) for name, stop in _STOPWORDS.items()}
    best = max(scores, key=scores.__getitem__)
    if best == "english" or scores[best] < max(3, len(words) // 10):
        return None
    # Near-ties (Danish and Norwegian share most function words) only need the right Punkt
    # family; a clear lead over English is what matters.
    return best if scores[best] >= 2 * scores["english"] else None


def is_english(article: Article) -> bool:
    """Whether ``article`` is in English (no language given counts as English).

    The entity model behind extraction is English: other languages get a summary only.
    """
    try:
        return resolve_language((article.language or "").strip() or DEFAULT_LANGUAGE) in (
            "english",
            "english_web",
        )
    except ValueError:
        return False


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
