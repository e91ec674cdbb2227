"""Key actors: the people, organisations, countries, places and groups a story is about.

Mentions come from spaCy's entities (PERSON, ORG, GPE, NORP, LOC, FAC). Each mention is
cleaned ("the", possessives, honorifics), filtered (pronouns, page furniture, the dateline's
publisher, dates tagged as names), typed (a GPE is a *country* only when it is one; a NORP
demonym such as "Russian" stands for its country), then mentions are merged into actors
(a surname joins the full name, an acronym its expansion, "U.S." joins "United States") and the
actors are ranked by salience.

Besides the ranked actors, :func:`find_actors` returns an :class:`ActorIndex` that the
agreement and quote extractors use to turn any mention back into its actor's canonical name.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.extract.gazetteer import (
    COUNTRY_LOOKUP,
    DEMONYMS,
    HONORIFICS,
    JUNK_WORDS,
    NAME_PARTICLES,
    NEWS_AGENCIES,
    ORG_ENDINGS,
    PRONOUNS,
    SOCIAL_NETWORKS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    WIDGET_WORDS,
    words,
)
from briefing.extract.nlp import Parsed
from briefing.models import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
MAX_ACTORS = 12
MAX_CITATIONS = 5

_MONTHS_AND_DAYS = words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday today yesterday tomorrow"
)
_TIME_ZONES = words("gmt bst utc est edt cst cdt pst pdt cet cest ist jst aest")
_ACRONYM_AFTER = re.compile(r"^\s*\(\s*([A-Z][A-Za-z&]{1,9})\s*\)")
_ACRONYM_INSIDE = re.compile(r"^(.*?\S)\s*\(\s*([A-Z][A-Za-z&]{1,9})\s*\)?$")
_ACRONYM_STOPWORDS = frozenset({"of", "the", "and", "for", "on", "in", "&", "de", "du", "des"})
# "MOSCOW (Reuters) -", "LONDON, May 16 (AP) —": metadata, not story text.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*"
    r"(?:\([^)]{1,40}\))?\s*[-–—]+\s+"
)
_STRIP_CHARS = " \t,;:!?\"“”‘’'()[]{}-–—*|/"
_APPOSITION_STOP = frozenset({",", ";", ":", ".", "(", ")", '"', "“", "”", "—", "–", "?", "!"})
_ROLE_CONNECTORS = frozenset({"of", "for", "and", "&", "'s", "’s", "at", "on"})


@dataclass(frozen=True)
class MentionRef:
    """A mention of an actor in a sentence: character offsets into ``Sentence.text``."""

    sentence: int
    start: int
    end: int
    name: str
    kind: str
    demonym: bool = False  # "Russian" in "Russian troops": names Russia only as an adjective
    subject: bool = False  # the subject of its clause


@dataclass
class _Mention:
    sentence: int
    start: int
    end: int
    surface: str
    label: str
    kind: str
    key: str
    role: str | None = None
    acronym: str | None = None
    name_like: bool = True  # False for demonyms: "Russian" names Russia but is not an alias
    sentence_start: bool = False  # first word of its sentence (or of a quote)
    subject: bool = False  # the subject of its clause: what a later "he" most likely means


@dataclass
class _Cluster:
    key: str
    mentions: list[_Mention] = field(default_factory=list)
    name: str = ""
    kind: str = ""
    role: str | None = None
    salience: float = 0.0

    @property
    def first(self) -> tuple[int, int]:
        m = self.mentions[0]
        return (m.sentence, m.start)


@dataclass(frozen=True)
class ActorIndex:
    """The ranked actors of a document and a map from every mention to its actor."""

    actors: tuple[Actor, ...]
    mentions: tuple[tuple[MentionRef, ...], ...]
    names: dict[str, str]
    kinds: dict[str, str]
    roles: dict[str, str]

    def at(self, sentence: int, start: int, end: int) -> MentionRef | None:
        """The mention overlapping characters ``start:end`` of a sentence, if any."""
        if not 0 <= sentence < len(self.mentions):
            return None
        for ref in self.mentions[sentence]:
            if ref.start < end and start < ref.end:
                return ref
        return None

    def canonical(self, text: str) -> str | None:
        """The canonical actor name for a surface form ("Putin's" -> "Vladimir Putin")."""
        key = _key(_strip_name(text)[0])
        return self.names.get(key)

    def last_before(
        self, sentence: int, char: int, kinds: Sequence[str] = ("person",), lookback: int = 3
    ) -> str | None:
        """The actor of one of ``kinds`` that a pronoun at ``char`` of ``sentence`` stands for.

        The nearest sentence with such a mention decides; in it, the subject of a clause is
        preferred over any other mention ("Benteke scored 49 goals after signing from Genk.
        He told ..." means Benteke). Looks back at most ``lookback`` sentences.
        """
        for i in range(sentence, max(-1, sentence - lookback - 1), -1):
            if i >= len(self.mentions):
                continue
            refs = [
                r for r in self.mentions[i] if r.kind in kinds and (i < sentence or r.end <= char)
            ]
            subjects = [r for r in refs if r.subject]
            if subjects:
                return subjects[-1].name
            if refs:
                return refs[-1].name
        return None

    def by_role_word(self, word: str) -> str | None:
        """The person whose role contains ``word`` ("minister"), when exactly one does."""
        word = word.lower()
        found = [n for n, r in self.roles.items() if word in r.lower().split()]
        return found[0] if len(found) == 1 else None

    def by_name_word(self, word: str, kinds: Sequence[str] = ("organisation",)) -> str | None:
        """The actor of ``kinds`` whose name contains ``word`` ("ministry"), when exactly one does."""
        word = word.lower()
        found = [n for n, k in self.kinds.items() if k in kinds and word in n.lower().split()]
        return found[0] if len(found) == 1 else None


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace(".", "").replace("’", "'")).strip()


def _country(text: str) -> str | None:
    low = text.lower().replace("’", "'")
    return COUNTRY_LOOKUP.get(low) or COUNTRY_LOOKUP.get(low.replace(".", ""))


def _strip_name(text: str) -> tuple[str, int, int]:
    """``text`` without determiners, honorifics, possessives and stray punctuation.

    Returns the stripped text with how many characters were cut from the left and right.
    """
    original = text
    left = 0
    while True:
        before = text
        text = text.lstrip(_STRIP_CHARS)
        parts = text.split(maxsplit=1)
        if len(parts) == 2 and (parts[0].lower() in HONORIFICS or parts[0].lower() == "the"):
            text = parts[1]
        if text == before:
            break
    left = len(original) - len(text)
    while True:
        before = text
        for suffix in ("'s", "’s", "'", "’"):
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[: -len(suffix)]
        text = text.rstrip(_STRIP_CHARS)
        # "U.S." keeps its last dot; a sentence's full stop caught in the span does not.
        if text.endswith(".") and text.count(".") == 1:
            text = text[:-1]
        if text == before:
            break
    right = len(original) - left - len(text)
    return text, left, right


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _ACRONYM_STOPWORDS and w)


def _acronym_fits(acronym: str, name: str) -> bool:
    initials = _initials(name).upper()
    caps = "".join(c for c in acronym if c.isupper())
    # "US Securities Exchange Commission (SEC)": a country prefix left out of the acronym
    return bool(initials) and (
        caps == initials
        or (len(caps) >= 2 and initials.endswith(caps))
        or (caps[:1] == initials[:1] and len(name.split()) >= 2)
    )


def _is_widget(doc: Doc) -> bool:
    """A share/follow widget that survived cleaning ("Share on Facebook Twitter Email")."""
    lowered = [t.lower_ for t in doc if not t.is_punct]
    if not any(w in WIDGET_WORDS for w in lowered):
        return False
    # "The WHO declined to comment" is prose: it has a verb of its own
    return not any(t.pos_ in ("VERB", "AUX") and t.lower_ not in WIDGET_WORDS for t in doc)


def _dateline_end(text: str) -> int:
    m = _DATELINE.match(text)
    return m.end() if m else 0


class _Filter:
    """Decides which entity mentions can never be actors."""

    def __init__(self, source: str | None, author: str | None) -> None:
        self.publisher = {_publisher_key(source)} if source else set()
        self.author = _key(author) if author else None

    def rejects(self, surface: str, widget: bool) -> bool:
        low = surface.lower()
        words = low.split()
        if len(surface) < 2 or sum(c.isalpha() for c in surface) < 2:
            return True
        if not any(c.isupper() for c in surface):
            return True  # a common noun that the tagger took for a name
        if low in PRONOUNS or low in JUNK_WORDS or all(w in JUNK_WORDS for w in words):
            return True
        if len(words) == 1 and (low in TITLE_HEADS or low in TITLE_MODIFIERS):
            return True  # "State" out of "Secretary of State", "President" on its own
        if any(w.isalpha() and w.islower() and w not in NAME_PARTICLES for w in surface.split()):
            return True  # "Ex-Killie and Hearts player": a phrase, not a name
        if all(w in _MONTHS_AND_DAYS or w.strip(".,").isdigit() for w in words):
            return True
        if low in _TIME_ZONES:
            return True
        if widget and all(w in SOCIAL_NETWORKS | WIDGET_WORDS | JUNK_WORDS for w in words):
            return True
        if self.publisher and _publisher_key(surface) in self.publisher:
            return True
        return self.author is not None and _key(surface) == self.author


def _publisher_key(name: str) -> str:
    key = _key(name)
    key = re.sub(r"^the ", "", key)
    key = re.sub(r"(\.com|\.co\.uk| news| online| newspaper)$", "", key)
    return key.strip()


def _kind(label: str, surface: str) -> tuple[str, str]:
    """The actor kind of a mention and its cluster key."""
    country = _country(surface)
    if label == "NORP":
        demonym = DEMONYMS.get(surface.lower())
        if demonym:
            return "country", _key(demonym)
        return "group", _key(surface)
    if country and label in ("GPE", "LOC", "ORG"):
        return "country", _key(country)
    if label == "PERSON":
        return "person", _key(surface)
    if label == "ORG" or (
        label in ("GPE", "LOC", "FAC") and surface.split()[-1].lower() in ORG_ENDINGS
    ):
        return "organisation", _key(surface)
    return "place", _key(surface)


def _token_at(doc: Doc, char: int) -> int | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None and len(span) else None


def _title_before(doc: Doc, i: int) -> str | None:
    """A title written just before a name: "Russian President", "Kremlin spokesman"."""
    taken: list[Token] = []
    j = i - 1
    while j >= 0 and doc[j].lower_ in HONORIFICS:
        j -= 1  # "Federal Reserve chairman Mr Greenspan"
    while j >= 0 and len(taken) < 8:
        t = doc[j]
        low = t.lower_
        if t.ent_type_ in ("PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
            break
        titled = low in TITLE_HEADS or low in TITLE_MODIFIERS or low in _ROLE_CONNECTORS
        # "Russian", "U.S.", "Northwind": a capitalised word inside a title, but not the
        # sentence's first word, which is capitalised whatever it is.
        named = t.ent_type_ in ("NORP", "GPE", "ORG") or (
            t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ", "NOUN") and j > 0
        )
        if not (titled or named):
            break
        taken.append(t)
        j -= 1
    taken.reverse()
    while taken and taken[0].lower_ in _ROLE_CONNECTORS:
        taken.pop(0)
    heads = [k for k, t in enumerate(taken) if t.lower_ in TITLE_HEADS]
    if not heads:
        return None
    tail = taken[heads[-1] + 1 :]
    # After the last head only "of State"/"for Europe" may follow: "Secretary of State X".
    if tail and (tail[0].lower_ not in ("of", "for") or len(tail) < 2):
        return None
    return doc[taken[0].i : taken[-1].i + 1].text


def _title_aside_before(doc: Doc, first: int, last: int | None) -> str | None:
    """A title set off before a name: "The chairman, Jim Mann, was more cautious"."""
    if first < 3 or doc[first - 1].text != "," or last is None:
        return None
    if last + 1 < len(doc) and doc[last + 1].text not in (",", "."):
        return None
    k = first - 2
    taken: list[Token] = []
    while k >= 0 and len(taken) < 6 and doc[k].text not in _APPOSITION_STOP:
        taken.append(doc[k])
        k -= 1
    taken.reverse()
    if not taken or taken[-1].lower_ not in TITLE_HEADS:
        return None
    # only a determiner may lead: "The chairman", "Its chief executive"
    while taken and taken[0].lower_ in ("the", "a", "an", "its", "their", "his", "her"):
        taken.pop(0)
    if not taken or any(t.pos_ in ("VERB", "AUX", "PRON", "ADP") for t in taken):
        return None
    if k >= 0 and doc[k].text not in (",", ";", ":"):
        return None  # the title must open its clause, as in "The chairman, Jim Mann, ..."
    return doc[taken[0].i : taken[-1].i + 1].text


def _apposition(doc: Doc, end: int) -> str | None:
    """A role set off by commas after a name: "Tom Hale, chief executive of Northwind, said"."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    taken: list[Token] = []
    k = end + 1
    while k < len(doc) and doc[k].text not in _APPOSITION_STOP:
        taken.append(doc[k])
        k += 1
        if len(taken) > 10:
            return None
    if k < len(doc) and doc[k].text not in (",", ".", ";", "—", "–"):
        return None
    while taken and taken[0].lower_ in ("the", "a", "an", "its", "their", "his", "her"):
        taken.pop(0)
    if not taken or not any(t.lower_ in TITLE_HEADS for t in taken):
        return None
    if any(t.pos_ in ("VERB", "AUX", "PRON") or t.ent_type_ == "PERSON" for t in taken):
        return None
    if taken[0].like_num or taken[0].lower_ in ("who", "which", "whose", "and", "or"):
        return None
    return doc[taken[0].i : taken[-1].i + 1].text


def _split_title(surface: str) -> tuple[str, str | None]:
    """Move a title that the tagger put inside a PERSON entity ("President Putin") to the role."""
    words = surface.split()
    k = 0
    while k < len(words) - 1 and (
        words[k].lower() in TITLE_HEADS
        or words[k].lower() in TITLE_MODIFIERS
        or words[k].lower() in DEMONYMS
    ):
        k += 1
    if k == 0:
        return surface, None
    if not any(w.lower() in TITLE_HEADS for w in words[:k]):
        return surface, None
    return " ".join(words[k:]), " ".join(words[:k])


def _collect(parsed: Parsed) -> list[_Mention]:
    article = parsed.document.article
    fil = _Filter(article.source, article.author)
    mentions: list[_Mention] = []
    for position, sentence, doc in parsed.pairs():
        widget = _is_widget(doc)
        dateline = _dateline_end(sentence.text) if sentence.paragraph == 0 else 0
        doc_text = doc.text
        titled = _titled_names(doc)
        ents = [e for e in doc.ents if not any(e.start < t.end and t.start < e.end for t in titled)]
        for ent in [*ents, *titled]:
            if ent.label_ not in ENTITY_LABELS or ent.start_char < dateline:
                continue
            mention = _mention(position, ent, doc, doc_text, fil, widget)
            if mention is not None and not _is_bracketed_acronym(mention, mentions):
                mentions.append(mention)
    return mentions


def _is_bracketed_acronym(mention: _Mention, before: list[_Mention]) -> bool:
    """The "(SEC)" after "Securities Exchange Commission": part of that mention."""
    for m in reversed(before):
        if m.sentence != mention.sentence:
            return False
        if m.acronym == mention.surface and 0 <= mention.start - m.end <= 4:
            return True
    return False


def _titled_names(doc: Doc) -> list[Span]:
    """Names the tagger missed right after a title: "Greenpeace spokeswoman Ana Ruiz".

    A title word followed by two or three capitalised proper nouns is a person's name in news
    prose, even when the tagger saw no name or took part of it for an organisation
    ("Arsenal defender Per Mertesacker" with "Mertesacker" as ORG). A name the tagger already
    calls a person is left alone.
    """
    from spacy.tokens import Span

    found: list[Span] = []
    for t in doc:
        if t.lower_ not in TITLE_HEADS:
            continue
        j = t.i + 1
        while (
            j < len(doc)
            and j - t.i <= 3
            # the tagger may misread a capitalised first name ("Per" as a preposition)
            and doc[j].pos_ not in ("VERB", "AUX", "PRON", "DET", "CCONJ", "PUNCT", "NUM")
            and doc[j].text[:1].isupper()
            and doc[j].text.isalpha()
            and doc[j].ent_type_ in ("", "ORG", "GPE", "NORP")
        ):
            j += 1
        if j - t.i - 1 < 2 or doc[j - 1].pos_ != "PROPN":
            continue
        if j < len(doc) and doc[j].pos_ == "PROPN":
            continue
        span = Span(doc, t.i + 1, j, label="PERSON")
        inside = all(e.start >= span.start and e.end <= span.end for e in _ents_in(doc, span))
        if inside and any(not tok.ent_type_ for tok in span):
            found.append(span)
    return found


def _ents_in(doc: Doc, span: Span) -> list[Span]:
    return [e for e in doc.ents if e.start < span.end and span.start < e.end]


def _mention(
    index: int, ent: Span, doc: Doc, sentence: str, fil: _Filter, widget: bool
) -> _Mention | None:
    # ``doc.text`` rebuilds the text on every access; ``sentence`` is the same string
    text = ent.text
    start = ent.start_char
    acronym: str | None = None
    inside = _ACRONYM_INSIDE.match(text)
    if inside and _acronym_fits(inside[2], _strip_name(inside[1])[0]):
        text, acronym = inside[1], inside[2]
    surface, left, _ = _strip_name(text)
    if surface.lower() in NEWS_AGENCIES and sentence[: start + left].rstrip().endswith("("):
        return None  # "(Reuters)": the wire that carried the story, not an actor in it
    start += left
    end = start + len(surface)
    if acronym is None:
        after = _ACRONYM_AFTER.match(sentence[ent.end_char :])
        if after and _acronym_fits(after[1], surface):
            acronym = after[1]
    role: str | None = None
    label = ent.label_
    if label == "PERSON" and " " not in surface and sentence[:start].rstrip().endswith(" the"):
        label = "ORG"  # "the Premiership": people are not "the X"
    if label == "PERSON":
        bare, role = _split_title(surface)
        if role is not None:
            start = end - len(bare)
            surface = bare
    if fil.rejects(surface, widget):
        return None
    kind, key = _kind(label, surface)
    if label == "PERSON" and role is None:
        first = _token_at(doc, start)
        last = _token_at(doc, end - 1)
        if first is not None:
            role = _title_before(doc, first) or _title_aside_before(doc, first, last)
        if role is None and last is not None:
            # the possessive or closing punctuation stripped from the span is not a comma
            nxt = last + 1
            while nxt < len(doc) and doc[nxt].text in ("'s", "’s", "'", "’"):
                nxt += 1
            role = _apposition(doc, nxt)
    if surface.isupper() and len(surface) > 5 and kind in ("place", "country"):
        surface = surface.title()  # "MOSCOW" in a dateline-like lead
    return _Mention(
        sentence=index,
        start=start,
        end=end,
        surface=surface,
        label=label,
        kind=kind,
        key=key,
        role=role,
        acronym=acronym,
        name_like=not (label == "NORP" and kind == "country"),
        sentence_start=_clause_start(sentence[:start]),
        subject=ent.root.dep_ in ("nsubj", "nsubjpass"),
    )


def _merge(mentions: list[_Mention]) -> dict[str, _Cluster]:
    """Group mentions into actors: surnames, acronyms and country aliases join their name."""
    full_people: dict[str, list[str]] = {}  # a name's word -> full person keys using it
    for m in mentions:
        if m.label == "PERSON" and len(m.key.split()) >= 2:
            for word in m.key.split():
                full_people.setdefault(word, [])
                if m.key not in full_people[word]:
                    full_people[word].append(m.key)
    acronyms: dict[str, str] = {}
    for m in mentions:
        if m.acronym:
            acronyms[_key(m.acronym)] = m.key
    orgs = {m.key for m in mentions if m.kind == "organisation" and len(m.key.split()) >= 2}
    last_seen: dict[str, tuple[int, int]] = {}

    for m in mentions:
        words = m.key.split()
        if m.kind != "country" and m.kind != "group" and len(words) == 1:
            word = words[0]
            if m.key in acronyms:
                m.key = acronyms[m.key]
                m.kind = "organisation"
            elif word in full_people:
                candidates = full_people[word]
                by_surname = [c for c in candidates if c.split()[-1] == word]
                # A first name stands for a person only when one person has it, and only
                # when the tagger took it for a person or an organisation ("Julia" as ORG).
                pool = by_surname or (
                    candidates if m.label in ("PERSON", "ORG") and len(candidates) == 1 else []
                )
                if pool:
                    # Two people share the name: the one mentioned last is meant.
                    pool.sort(key=lambda c: last_seen.get(c, (-1, -1)), reverse=True)
                    m.key = pool[0]
                    m.kind = "person"
            elif m.surface.isupper() and 2 <= len(m.surface) <= 6:
                fits = [o for o in orgs if _initials(o).upper() == m.surface.upper()]
                if len(fits) == 1:
                    m.key = fits[0]
                    m.kind = "organisation"
        last_seen[m.key] = (m.sentence, m.start)

    # "TimeWarner" and "Time Warner", "Coca-Cola" and "Coca Cola": one name
    squashed: dict[str, str] = {}
    for m in mentions:
        if m.kind != "country":
            m.key = squashed.setdefault(re.sub(r"[\s-]", "", m.key), m.key)
    clusters: dict[str, _Cluster] = {}
    for m in mentions:
        clusters.setdefault(m.key, _Cluster(m.key)).mentions.append(m)
    for key in [k for k, c in clusters.items() if _lone_capital(c)]:
        for m in clusters.pop(key).mentions:
            mentions.remove(m)
    for cluster in clusters.values():
        _name_cluster(cluster)
    return clusters


def _sweep(parsed: Parsed, clusters: dict[str, _Cluster], mentions: list[_Mention]) -> None:
    """Count the mentions that the tagger missed: an acronym or surname it tagged elsewhere.

    Only people and organisations are swept, only with forms the text itself established
    (a full name, a unique surname, an acronym given in brackets), and only case-sensitively.
    """
    surnames = Counter(
        c.name.split()[-1] for c in clusters.values() if c.kind == "person" and " " in c.name
    )
    forms: list[tuple[str, str]] = []
    for cluster in clusters.values():
        if cluster.kind not in ("person", "organisation"):
            continue
        own = {cluster.name} | {m.surface for m in cluster.mentions if m.name_like}
        own |= {m.acronym for m in cluster.mentions if m.acronym}
        if cluster.kind == "person" and " " in cluster.name:
            last = cluster.name.split()[-1]
            if surnames[last] == 1:
                own.add(last)
        forms.extend((form, cluster.key) for form in own if len(form) >= 2 and form[0].isupper())
    # Longest first, so "World Health Organization" wins over "WHO" inside it.
    forms.sort(key=lambda f: -len(f[0]))
    taken: dict[int, list[tuple[int, int]]] = {}
    texts = parsed.document.texts
    for m in mentions:
        end = m.end
        if m.acronym:
            # the bracketed acronym right after its expansion is the same mention
            bracket = re.match(rf"\s*\(\s*{re.escape(m.acronym)}\s*\)?", texts[m.sentence][end:])
            end += bracket.end() if bracket else 0
        taken.setdefault(m.sentence, []).append((m.start, end))
    if not forms:
        return
    # One pattern for all forms; alternation tries the longest first.
    by_form = {form: key for form, key in reversed(forms)}
    pattern = re.compile(
        r"(?<![\w.])(?:" + "|".join(re.escape(form) for form, _ in forms) + r")(?=(?:'s|’s)?(?!\w))"
    )
    for position, sentence, doc in parsed.pairs():
        if _is_widget(doc):
            continue  # "Share on Facebook": never a mention, however the name was learnt
        spans = taken.setdefault(position, [])
        for found in pattern.finditer(sentence.text):
            start, end = found.span()
            if any(s < end and start < e for s, e in spans):
                continue
            spans.append((start, end))
            key = by_form[found.group()]
            c = clusters[key]
            added = _Mention(position, start, end, found.group(), "", c.kind, key)
            span = doc.char_span(start, end, alignment_mode="expand")
            added.subject = span is not None and span.root.dep_ in ("nsubj", "nsubjpass")
            c.mentions.append(added)
            mentions.append(added)
    mentions.sort(key=lambda m: (m.sentence, m.start))
    for cluster in clusters.values():
        cluster.mentions.sort(key=lambda m: (m.sentence, m.start))


def _clause_start(before: str) -> bool:
    """Whether a word after ``before`` is capitalised only because it starts something."""
    stripped = before.rstrip()
    return not stripped.strip(_STRIP_CHARS) or stripped[-1:] in "'‘“\":"


def _lone_capital(cluster: _Cluster) -> bool:
    """One word, once, first in its sentence: most likely a capitalised common word.

    ("Hair, for some reason, is a really big deal." tags "Hair" as a person.) A real name
    said once at the start of a sentence is lost; that is the price of not listing junk.
    """
    if len(cluster.mentions) != 1:
        return False
    m = cluster.mentions[0]
    # Only the tagger's PERSON guesses: "Facebook agreed ..." is a real organisation.
    if m.label != "PERSON" or m.acronym:
        return False
    return " " not in m.surface and not m.surface.isupper() and m.sentence_start


def _name_cluster(cluster: _Cluster) -> None:
    kinds = Counter(m.kind for m in cluster.mentions)
    if any(m.kind == "person" and len(m.key.split()) >= 2 for m in cluster.mentions):
        cluster.kind = "person"
    elif "country" in kinds:
        cluster.kind = "country"
    else:
        cluster.kind = kinds.most_common(1)[0][0]
    if cluster.kind == "country":
        found = _country(cluster.key) or DEMONYMS.get(cluster.key)
        if found is None:
            found = next(
                (
                    c
                    for m in cluster.mentions
                    if (c := _country(m.surface) or DEMONYMS.get(m.surface.lower()))
                ),
                None,
            )
        cluster.name = found or cluster.mentions[0].surface
    else:
        names = [
            m.surface for m in cluster.mentions if m.name_like and _key(m.surface) == cluster.key
        ]
        if not names:
            names = [m.surface for m in cluster.mentions if m.name_like] or [
                cluster.mentions[0].surface
            ]
        counts = Counter(names)
        # Prefer the written-out form over an all-caps one, then the commonest.
        cluster.name = max(
            counts, key=lambda n: (not n.isupper() or len(n) <= 6, counts[n], -names.index(n))
        )
    cluster.role = next((m.role for m in cluster.mentions if m.role), None)


def _salience(
    cluster: _Cluster, n_sentences: int, summary: frozenset[int], title: str | None
) -> float:
    mentions = len(cluster.mentions)
    sentences = {m.sentence for m in cluster.mentions}
    first = min(sentences)
    score = math.log1p(mentions)
    score += 0.8 * (1.0 - first / max(1, n_sentences))
    if summary:
        score += 0.8 * len(sentences & summary) / len(summary)
    if title and _in_text(cluster, title):
        score += 0.6
    score += {"person": 0.3, "organisation": 0.2, "country": 0.2}.get(cluster.kind, 0.0)
    return score


def _in_text(cluster: _Cluster, text: str) -> bool:
    forms = {cluster.name} | {m.surface for m in cluster.mentions}
    return any(re.search(rf"\b{re.escape(f)}\b", text, re.I) for f in forms if len(f) > 1)


def find_actors(
    parsed: Parsed, summary_indices: Sequence[int] = (), limit: int = MAX_ACTORS
) -> ActorIndex:
    """The document's actors, ranked by salience, and the index of all their mentions."""
    document = parsed.document
    mentions = _collect(parsed)
    clusters = _merge(mentions)
    _sweep(parsed, clusters, mentions)
    summary = frozenset(summary_indices)
    n = len(document.sentences)
    for cluster in clusters.values():
        cluster.salience = _salience(cluster, n, summary, document.article.title)
    ranked = sorted(clusters.values(), key=lambda c: (-c.salience, c.first))
    top = max((c.salience for c in ranked), default=1.0) or 1.0

    actors: list[Actor] = []
    for cluster in ranked[:limit]:
        sentences = sorted({m.sentence for m in cluster.mentions})
        aliases: list[str] = []
        seen = {_key(cluster.name)}
        for m in cluster.mentions:
            if m.name_like and _key(m.surface) not in seen:
                seen.add(_key(m.surface))
                aliases.append(m.surface)
            if m.acronym and _key(m.acronym) not in seen:
                seen.add(_key(m.acronym))
                aliases.append(m.acronym)
        actors.append(
            Actor(
                name=cluster.name,
                kind=cluster.kind,
                role=cluster.role if cluster.kind == "person" else None,
                mentions=len(cluster.mentions),
                aliases=tuple(aliases),
                citations=tuple(parsed.cite(s) for s in sentences[:MAX_CITATIONS]),
                salience=round(cluster.salience / top, 4),
            )
        )

    names: dict[str, str] = {}
    for cluster in clusters.values():
        names[cluster.key] = cluster.name
        names.setdefault(_key(cluster.name), cluster.name)
        for m in cluster.mentions:
            if m.name_like:
                names.setdefault(_key(m.surface), cluster.name)
            if m.acronym:
                names.setdefault(_key(m.acronym), cluster.name)
    by_sentence: list[list[MentionRef]] = [[] for _ in document.sentences]
    for m in mentions:
        c = clusters[m.key]
        by_sentence[m.sentence].append(
            MentionRef(
                m.sentence,
                m.start,
                m.end,
                c.name,
                c.kind,
                demonym=not m.name_like,
                subject=m.subject,
            )
        )
    for refs in by_sentence:
        refs.sort(key=lambda r: r.start)
    return ActorIndex(
        actors=tuple(actors),
        mentions=tuple(tuple(refs) for refs in by_sentence),
        names=names,
        kinds={c.name: c.kind for c in clusters.values()},
        roles={c.name: c.role for c in clusters.values() if c.role and c.kind == "person"},
    )
