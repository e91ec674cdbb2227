"""Key actors: the people, organisations, countries, places and groups a story is about.

Mentions come from spaCy's entities (PERSON, ORG, GPE, NORP, LOC, FAC). Each mention is
cleaned ("the", possessives, honorifics), filtered (pronouns, page furniture, the dateline's
publisher, dates tagged as names), typed (a GPE is a *country* only when it is one; a NORP
demonym such as "Russian" stands for its country), then mentions are merged into actors
(a surname joins the full name, an acronym its expansion, "U.S." joins "United States") and the
actors are ranked by salience.

The tagger's guesses are corrected with what the text shows: entities that run over several
names are cut ("Arsenal 2 Derby 2"); a title before a name, a nationality in brackets after it
or a numbered line-up makes a person; a company form ("BV", "Inc"), a club or company opener
("Hapoel", "PT") or a seat of government ("the Kremlin") makes an organisation; acronyms the
tagger left untagged ("USDA") are organisations. Lines in capitals (headlines) only count the
names the body also uses, a "LONDON 1996-12-07" dateline counts none, and rows of a table
count none outside sports reports, where results and standings rows name teams and a city
that plays ("Leeds beat Chelsea") is its team. Groups are named by whom they belong to
("Russian troops", "White House officials"); the country or organisation inside keeps its
own mention.

Besides the ranked actors, :func:`find_actors` returns an :class:`ActorIndex` that the
agreement and quote extractors use to turn any mention back into its actor's canonical name.

Not every actor is a *key* actor. :func:`key_actors` picks the ones a briefing lists, as the
labelling guideline in ``bench/gold/README.md`` defines them: outside quoted words, an actor
that acts or is acted upon in the lead, speaks, or is named twice and acts once (read from
the dependency parse), or is a party to an agreement or the speaker of a quote. A place only
where something happened, a name inside a title ("Chelsea chairman"), a news outlet, an
unnamed group or an event is a mention, not a key actor.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from briefing.extract.gazetteer import (
    CAPITALS,
    CLUB_NICKNAMES,
    COMPANY_ENDINGS,
    COMPANY_SUFFIXES,
    COUNTRY_LOOKUP,
    DEMONYMS,
    EVENT_WORDS,
    GENERIC_NOUNS,
    GOVERNMENT_SEATS,
    GROUP_NOUNS,
    HONORIFICS,
    JUNK_WORDS,
    LEAGUES,
    LOCATIVES,
    NAME_PARTICLES,
    NATIONALITY_NOUNS,
    NEWS_AGENCIES,
    NEWS_OUTLETS,
    NON_ORG_ACRONYMS,
    ORG_DESCRIPTORS,
    ORG_ENDINGS,
    ORG_STARTS,
    OUTLET_WORDS,
    PARTY_ALIASES,
    PARTY_NAMES,
    PRONOUNS,
    SOCIAL_NETWORKS,
    SPORTS,
    SPORTS_TERMS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    VENUE_WORDS,
    WIDGET_WORDS,
    words,
)
from briefing.extract.nlp import Parsed
from briefing.models import Actor, Agreement, Quote

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
# Last words that end organisations' names but hardly ever a person's ("Court" and "Trust"
# do: Margaret Court), for names the tagger took for people.
_PERSONLESS_ENDINGS = (
    words(
        """
    fc united city rovers athletic wanderers county town albion party foundation institute
    university college bank council ministry agency commission committee union league
    federation association corporation company group airlines airways motors holdings
    service services office department authority agency re school academy hospital
    """
    )
    | COMPANY_ENDINGS
)
# A Reuters-style dateline line: "AL-AIN, United Arab Emirates 1996-12-06", "LONDON 1996-12-07".
_DATE_LINE = re.compile(
    r"^\s*[A-Z][\w.'’ -]{1,40}(?:,\s*[A-Z][\w.'’ -]{1,40})?\s+\d{4}-\d{2}-\d{2}\s*$"
)
# Tokens that cannot be inside a name: a score, a list number, a dash or slash between names.
_NUMBERISH = re.compile(r"^[\d.,:;=+/%-]*\d[\d.,:;=+/%-]*(?:st|nd|rd|th)?$")
_SPLITTERS = frozenset({"/", "(", ")", ":", ",", ";", "v", "vs", "vs.", "at", "in", "on", "|"})
_DASHES = frozenset({"-", "–", "—", "--"})
# Institutions named alone that are not places, even "in Congress".
_INSTITUTIONS = words(
    "congress parliament senate government cabinet duma knesset bundestag sejm diet assembly "
    "court council commission ministry opec nato"
)
# Prepositions after which a team is named: "lost to Leeds", "a win over Syria".
_AGAINST = words("against over to with v vs vs. versus beat beating past")
# Nouns a team's name qualifies: "the Leeds side", "Porto fans".
_SIDE_WORDS = words("side team squad club fans supporters players manager coach bench")
_ROW_WORD = re.compile(r"^[A-Z][\w'’.&-]*$")


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
    sure: bool = False  # the kind comes from a rule of the text, not the tagger's guess
    row: bool = False  # a team in a results row, a player in a line-up or among the scorers
    styled: str | None = None  # "Lord Woolf": the name with the peer's or knight's style


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
    # The actors that the text itself shows taking part (see :func:`key_actors`).
    key: frozenset[str] = frozenset()
    # Actors only ever named as a news outlet, a place or a bare demonym: never listed.
    never: frozenset[str] = frozenset()

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
        # "(CNN)Sofia Vergara": the wire's tag glued to the first name of the story
        text = re.sub(r"^[A-Z]{2,6}\)\s*", "", text)
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
        # "Vessel Date of": a name never ends with a particle, nor with the "The" that
        # opens the next sentence when a caption runs into it ("Leeds United The club")
        parts = text.rsplit(maxsplit=1)
        if len(parts) == 2 and parts[1] in ("of", "and", "&", "the", "for", "The"):
            text = parts[0]
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


# A word of letters and three or more digits: a registration or a model ("h982", "a380"),
# unlike "G20" or "3M", which name actors.
_CODE = re.compile(r"^(?=.*[a-z])(?=(?:.*\d){3})[a-z0-9-]+$")


class _Filter:
    """Decides which entity mentions can never be actors."""

    def __init__(self, source: str | None, author: str | None) -> None:
        self.publisher = {_publisher_key(source)} if source else set()
        self.author = _key(author) if author else None

    def rejects(self, surface: str, widget: bool) -> bool:
        low = surface.lower()
        words = low.split()
        if (len(surface) < 2 or sum(c.isalpha() for c in surface) < 2) and not (
            _GROUP_OF_STATES.match(surface)
        ):
            return True
        if not any(c.isupper() for c in surface):
            return True  # a common noun that the tagger took for a name
        if low in PRONOUNS or low in JUNK_WORDS or all(w in JUNK_WORDS for w in words):
            return True
        if low in NATIONALITY_NOUNS or low in _LIST_LABELS:
            return True  # "the Frenchman", "Forwards - ...": not a name
        if words[-1] in _TROPHIES:
            return True  # "the African Cup Winners' Cup", "Sheffield Shield": competitions
        if len(words) == 1 and (low in TITLE_HEADS or low in TITLE_MODIFIERS):
            return True  # "State" out of "Secretary of State", "President" on its own
        if len(words) == 1 and low in GENERIC_NOUNS:
            return True  # "the Group said": a common noun written with a capital
        if len(words) == 1 and "-" in low and low.rsplit("-", 1)[1] in _REGION_ADJECTIVES:
            return True  # "Pan-European", "Anglo-Dutch": an adjective, not a name
        if (
            len(words) >= 2
            and all(w in _TITLE_WORDS or w in DEMONYMS for w in words)
            and any(w in HONORIFICS or w in TITLE_HEADS for w in words)
        ):
            return True  # "Tory Lord", "Lord Chancellor": a title without its name
        if words[0] in NAME_PARTICLES and surface[:1].islower():
            return True  # "of Wales": the end of a name the tagger cut
        if any(w.isalpha() and w.islower() and w not in NAME_PARTICLES for w in surface.split()):
            return True  # "Ex-Killie and Hearts player": a phrase, not a name
        if all(w in _MONTHS_AND_DAYS or w.strip(".,").isdigit() for w in words):
            return True
        if any(_CODE.match(w) for w in words):
            return True  # "H982 FKL", "A380": a number plate or a model, not a name
        if low in _TIME_ZONES:
            return True
        if surface.isupper() and low in NON_ORG_ACRONYMS:
            return True  # "One ADS represents 20 shares": an abbreviation, not a name
        if widget and all(w in SOCIAL_NETWORKS | WIDGET_WORDS | JUNK_WORDS for w in words):
            return True
        if self.publisher and _publisher_key(surface) in self.publisher:
            return True
        return self.author is not None and _key(surface) == self.author


# Adjectives of nations and regions that end a compound adjective: "Pan-European",
# "Anglo-Dutch", "Sino-American", "Trans-Atlantic".
_REGION_ADJECTIVES = frozenset(DEMONYMS) | words(
    "european african asian american arab arabian atlantic pacific nordic latin"
)


# Labels of lists in sports reports ("Forwards - ...", "Tries: ...") and last words of
# competitions, which the tagger takes for organisations.
_LIST_LABELS = words(
    "forwards defenders midfielders strikers goalkeepers substitutes tries conversions "
    "penalties scorers standings"
)
_TROPHIES = words("cup shield trophy standings championship championships")
# Words of a title, a rank or a party, which never make a name on their own.
_TITLE_WORDS = (
    HONORIFICS
    | TITLE_HEADS
    | TITLE_MODIFIERS
    | words("tory tories labour conservative liberal democrat republican rt hon honourable")
)


def _publisher_key(name: str) -> str:
    key = _key(name)
    key = re.sub(r"^the ", "", key)
    key = re.sub(r"(\.com|\.co\.uk| news| online| newspaper)$", "", key)
    return key.strip()


def _org_shaped(surface: str) -> bool:
    """A name built like an organisation's: "Brewpole BV", "Hapoel Haifa", "Bristol City"."""
    written = surface.split()
    parts = surface.lower().split()
    if len(parts) < 2:
        return False
    if (
        written[0].isalpha()
        and written[0].isupper()
        and len(written[0]) >= 3
        and not written[1].isupper()
    ):
        return True  # "PSV Eindhoven", "RKC Waalwijk": people's names do not open with one
    return (
        parts[-1] in COMPANY_SUFFIXES
        or parts[-1] in _PERSONLESS_ENDINGS
        or _club_opener(written[0])
    )


def _club_opener(word: str) -> bool:
    """Whether ``word`` opens a club's or company's name: "FC", "AS", "VfL", "PT", "Real"
    (a short one only in capitals: "As Glenn Lawhon said" opens a sentence)."""
    low = word.lower()
    return low in ORG_STARTS and word[:1].isupper() and (len(low) > 3 or not word.istitle())


def _kind(label: str, surface: str) -> tuple[str, str]:
    """The actor kind of a mention and its cluster key."""
    country = _country(surface)
    low = surface.lower()
    # "Slovak" or "Ugandan" tagged as a name is still a nationality
    if label == "NORP" or (label in ("PERSON", "ORG") and low in DEMONYMS):
        demonym = DEMONYMS.get(low)
        if demonym:
            return "country", _key(demonym)
        return "group", _key(surface)
    if country and label in ("GPE", "LOC", "ORG", "PERSON"):
        return "country", _key(country)
    last = low.split()[-1]
    if (
        " " in low
        and last in VENUE_WORDS
        and (label != "PERSON" or last != "park")  # "Grace Park" is a person
        and not _org_shaped(surface)
    ):
        return "place", _key(surface)  # "Melbourne Cricket Ground", "Bellerive Oval"
    if (label in ("PERSON", "ORG") and _org_shaped(surface)) or _key(surface) in GOVERNMENT_SEATS:
        return "organisation", _key(surface)
    if low in PARTY_NAMES and label in ("GPE", "LOC", "PERSON", "ORG"):
        return "organisation", _key(surface)  # "Labour, Ukip and the Green Party"
    if label == "PERSON" and low in _INSTITUTIONS:
        return "organisation", _key(surface)  # "Duma deputies": a parliament, not a person
    if label == "PERSON":
        return "person", _key(surface)
    if label == "ORG" or (label in ("GPE", "LOC", "FAC") and last in ORG_ENDINGS | COMPANY_ENDINGS):
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
        if t.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
            break
        if t.ent_type_ == "PERSON" and not _titled_entity(doc, j):
            break  # another person's name; "Leeds striker" tagged as a person is a title
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


def _titled_entity(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is inside an entity that holds a title word ("Leeds striker")."""
    return any(e.start <= i < e.end and any(t.lower_ in TITLE_HEADS for t in e) for e in doc.ents)


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
    # only a determiner may lead: "The chairman", "Its chief executive"; a conjunction that
    # opens the clause is no part of the title ("..., but the town's mayor, Diane Kessler,")
    while taken and taken[0].lower_ in ("but", "and", "or", "yet", "while"):
        taken.pop(0)
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


# Title words that are also first names, written as such before a single surname.
_FIRST_NAME_TITLES = frozenset({"Dean"})


def _split_title(surface: str) -> tuple[str, str | None]:
    """Move a title that the tagger put inside a PERSON entity ("President Putin") to the role."""
    words = surface.split()
    if len(words) == 2 and words[0] in _FIRST_NAME_TITLES:
        return surface, None  # "Dean Sturridge": a first name, not the dean of a faculty
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
    sports = _is_sports(parsed)
    mentions: list[_Mention] = []
    restated: dict[str, str] = {}  # an organisation's full name -> the name it restates
    for position, sentence, doc in parsed.pairs():
        if sentence.paragraph <= 2 and _DATE_LINE.match(sentence.text):
            continue  # "LONDON 1996-12-07": where the story was filed, not who is in it
        widget = _is_widget(doc)
        dateline = _dateline_end(sentence.text) if sentence.paragraph == 0 else 0
        doc_text = doc.text
        found: list[_Mention] = []
        rows = _row_names(sentence.text) if sports and sentence.paragraph > 0 else []
        for start, end in rows:
            found.append(_row_mention(position, start, end, sentence.text))
        if sports:
            rows += _lineup(position, sentence.text, found)
            if rows:
                rows += _scorers(position, sentence.text, found)
            elif sentence.paragraph > 0:
                rows += _name_list(position, sentence.text, found)
                rows += _ranked_athlete(position, sentence.text, found, rows)
            rows += _innings(position, sentence.text, found, rows)
            rows += _numbered_teams(position, sentence.text, found, rows)
            rows += _crews(position, sentence.text, found, rows)
        if position == 0:
            # "SOCCER - ...", "Cricket - Pakistan beat ...": the headline's sport label
            label = re.match(r"^\s*([A-Za-z ]{3,30}?)\s*(?:\s[-–—]\s|-(?=[A-Z]))", sentence.text)
            if label and any(w in SPORTS for w in label[1].lower().split()):
                dateline = max(dateline, label.end())
        # The tagger reads capitals as names: in a headline or a shouted line only the names
        # that the body also uses count, and the sweep finds those. Outside sports, a row
        # of a table ("Sangthai Glory 22/11/96 3,000 Singapore") lists data, not actors.
        shouting = _shouting(sentence.text)
        table = not sports and not shouting and _table_row(doc)
        if table:
            found.extend(_row_end_org(position, doc, fil))
        elif shouting and position == 0 and sports:
            found.extend(_headline_leagues(position, sentence.text))
        if not shouting and not table:
            titled = _titled_names(doc) + _keyword_orgs(doc) + _club_names(doc)
            ents = [
                e for e in doc.ents if not any(e.start < t.end and t.start < e.end for t in titled)
            ]
            for ent in [*_joined(doc, _widened(doc, ents)), *titled, *_acronyms(doc)]:
                if ent.label_ not in ENTITY_LABELS or ent.start_char < dateline:
                    continue
                if any(ent.start_char < e and s < ent.end_char for s, e in rows):
                    continue
                for piece in _pieces(doc, ent):
                    mention = _mention(position, piece, doc, doc_text, fil, widget)
                    if mention is not None and not _is_bracketed_acronym(mention, found):
                        found.append(mention)
        found.extend(_monarchs(position, doc_text, found))
        found.sort(key=lambda m: m.start)
        _retype(found, doc, doc_text, sports)
        restated.update(_bracketed_names(found, doc_text))
        _role_list(found, doc_text, sports)
        if not widget:
            found.extend(_groups(position, doc))
        mentions.extend(found)
    for m in mentions:
        if m.key in restated and m.kind == "organisation":
            m.key = restated[m.key]  # the full name again, without the short one before it
    return _split_run_ons(mentions) if sports else mentions


def _split_run_ons(mentions: list[_Mention]) -> list[_Mention]:
    """Cut names that run into the next one where a caption lost its full stop, in a
    sports report, where captions put a club's name right before a player's.

    "... draw with Everton Gomis' injury ...", "negotiations with Liverpool Raheem
    Sterling (left) pictured": a club or place the article names alone, followed by a
    person it names elsewhere with another first name ("Bafetimbi Gomis") or in full, is
    two mentions. A person whose first name is the place ("Jordan Henderson" beside
    "Jordan") is not cut: the rest must belong to a name that starts differently. Outside
    sports the pattern is a family ("Sasha Obama" beside "Barack Obama"), so it is left.
    """
    places = {
        m.surface: m
        for m in mentions
        if m.kind in ("organisation", "place", "country") and m.name_like and " " not in m.surface
    }
    people = [m.surface.split() for m in mentions if m.kind == "person" and " " in m.surface]
    alone = {m.surface for m in mentions if " " not in m.surface and m.name_like}
    # A club named alone twice is one; a name written in full more than once is a name
    # ("Rhodri Giggs" beside "Ryan Giggs" and a lone "Rhodri"), not an accident of a caption.
    solo = Counter(m.surface for m in mentions if m.surface in places)
    written = Counter(m.surface for m in mentions)
    out: list[_Mention] = []
    for m in mentions:
        head, _, rest = m.surface.partition(" ")
        first = places.get(head)
        names = rest.split()
        if (
            m.label in ("PERSON", "ORG")
            and not m.row
            and first is not None
            and first is not m
            and solo[head] >= 2
            and written[m.surface] == 1
            and rest[:1].isupper()
            and (
                any(
                    p[0] != head and (" ".join(p) == rest or p[-1] == names[-1])
                    for p in people
                    if " ".join(p) != m.surface
                )
                # "Liverpool Raheem Sterling" where the text elsewhere says "Sterling":
                # a first name and a surname, neither of them a word that ends a club's name
                or (
                    len(names) == 2
                    and all(w.istitle() for w in names)
                    and names[-1] in alone
                    and names[-1].lower() not in ORG_ENDINGS | COMPANY_ENDINGS
                )
            )
        ):
            cut = m.start + len(head)
            out.append(
                replace(
                    first,
                    sentence=m.sentence,
                    start=m.start,
                    end=cut,
                    role=None,
                    row=False,
                    sentence_start=m.sentence_start,
                    subject=False,
                )
            )
            out.append(
                replace(
                    m,
                    start=cut + 1,
                    surface=rest,
                    label="PERSON",
                    kind="person",
                    key=_key(rest),
                    role=None,
                    acronym=None,
                    sentence_start=False,
                    sure=False,
                )
            )
            continue
        out.append(m)
    return out


# "the Queen", "the King": the reigning monarch, named by the title alone (not "the Queen
# Mother", "the King of Spain", "the King's Fund", whose names go on).
_MONARCH = re.compile(r"\bthe (Queen|King)\b(?!\s+(?:of\b|[A-Z])|['’]s\s+[A-Z])")


def _monarchs(position: int, text: str, found: list[_Mention]) -> list[_Mention]:
    """Mentions of the monarch written as "the Queen": the tagger takes no title for a name,
    and the filter drops a bare title, yet the Queen acts ("prompting the Queen to ask")."""
    out: list[_Mention] = []
    for match in _MONARCH.finditer(text):
        start, end = match.span(1)
        if any(m.start < end and start < m.end for m in found):
            continue
        out.append(
            _Mention(position, start, end, match[1], "PERSON", "person", _key(match[1]), sure=True)
        )
    return out


# "X (the Y)" or "X, the Y,": the second name restates the first. A comma opens one only
# before "the", and one closing before "and" or "or" ends an item of a list instead.
_OPEN_BRACKET = re.compile(r"\s*\(\s*(?:the\s+)?|\s*,\s*the\s+")
_CLOSE_BRACKET = re.compile(r"\s*\)|\s*,(?!\s*(?:and|or)\b)")


def _bracketed_names(found: list[_Mention], text: str) -> dict[str, str]:
    """Join a name and the organisation's full name in brackets or in apposition after it:
    "Roscosmos (the Russian Federal Space Agency)", "Roscosmos, the Russian Federal Space
    Agency, said" name one actor, an organisation.

    Only a bracket that holds nothing but a name shaped like an organisation's ("... Agency",
    "... Corporation") counts, so that "Kevin Smith (Labour)" stays a person and his party.
    Returns the full names with the key of the name each restates, for their other mentions.
    """
    restated: dict[str, str] = {}
    for a, b in itertools.pairwise(found):
        if (
            a.kind in ("organisation", "person")
            and (a.kind == "organisation" or " " not in a.key)
            and b.kind == "organisation"
            and " " in b.key
            and b.key.split()[-1] in ORG_ENDINGS
            and a.end <= b.start
            and _OPEN_BRACKET.fullmatch(text[a.end : b.start])
            and _CLOSE_BRACKET.match(text[b.end :])
        ):
            restated[b.key] = a.key
            b.key = a.key
            a.kind = "organisation"
    return restated


def _groups(position: int, doc: Doc) -> list[_Mention]:
    """Groups named by whom they belong to: "Russian troops", "White House officials".

    The group is an actor of its own; the country or organisation inside it keeps its own
    mention, so "Russian troops" also involves Russia.
    """
    found: list[_Mention] = []
    for t in doc:
        if t.tag_ != "NNS" or t.lower_ not in GROUP_NOUNS:
            continue
        mods = [c for c in t.lefts if c.dep_ in ("amod", "compound", "nmod", "npadvmod")]
        if not mods:
            continue
        left = min(c.left_edge.i for c in mods)
        owners = [x for x in doc[left : t.i] if x.ent_type_ in ("NORP", "GPE", "ORG", "FAC")]
        if not owners or any(x.pos_ in ("VERB", "AUX", "PRON", "NUM") for x in doc[left : t.i]):
            continue
        span = doc[left : t.i + 1]
        surface = span.text
        found.append(
            _Mention(
                sentence=position,
                start=span.start_char,
                end=span.end_char,
                surface=surface,
                label="GROUP",
                kind="group",
                key=_key(surface),
                subject=t.dep_ in ("nsubj", "nsubjpass"),
                sure=True,
            )
        )
    return found


def _table_row(doc: Doc) -> bool:
    """A line of a table: no verb, and at least two numbers (a "-- Name, City newsroom
    +44 171 542 7658" or "((Name 204 947 3548))" sign-off is not one)."""
    if doc.text.lstrip().startswith(("--", "—", "–", "((")):
        return False
    numbers = sum(1 for t in doc if _NUMBERISH.match(t.text))
    return numbers >= 2 and not any(t.pos_ in ("VERB", "AUX") for t in doc)


def _row_end_org(position: int, doc: Doc, fil: _Filter) -> list[_Mention]:
    """The organisation that closes a row of a table, when the tagger calls it one: the
    charterer of a freight fixture ("... $5.25 fio 35,000 / 30,000 China Steel.", "...
    W100 Exxon.", "... shinc Coe and Clerici."). The rest of the row is data."""
    end = len(doc)
    while end > 0 and doc[end - 1].is_punct:
        end -= 1
    start = end
    while start > 0 and (
        (doc[start - 1].text[:1].isupper() and doc[start - 1].text.rstrip(".").isalpha())
        or (doc[start - 1].lower_ in ("and", "&") and start < end)
    ):
        start -= 1
    while start < end and doc[start].lower_ in ("and", "&"):
        start += 1
    span = doc[start:end]
    if not len(span) or len(span) > 5:
        return []
    last = span[-1].lower_
    if not (
        any(t.ent_type_ == "ORG" for t in span) or last in COMPANY_SUFFIXES or last in _ORG_HEADS
    ):
        return []
    if any(t.ent_type_ and t.ent_type_ != "ORG" for t in span) or _country(span.text):
        return []
    surface, left, _ = _strip_name(span.text)
    if fil.rejects(surface, False) or surface.lower() in NON_ORG_ACRONYMS:
        return []  # "... 1200 GMT": a time zone, not a charterer
    start_char = span.start_char + left
    return [
        _Mention(
            position,
            start_char,
            start_char + len(surface),
            surface,
            "ORG",
            "organisation",
            _key(surface),
        )
    ]


def _headline_leagues(position: int, text: str) -> list[_Mention]:
    """A league named in the sport label of a headline in capitals: "NBA BASKETBALL - ...",
    "NHL ICE HOCKEY - ..." (the rest of a shouted headline only counts through the body)."""
    label = re.match(r"^\s*([A-Za-z ]{3,30}?)\s*(?:\s[-–—]\s|-(?=[A-Z]))", text)
    if label is None:
        return []
    out: list[_Mention] = []
    for m in re.finditer(r"[A-Za-z]+", label[1]):
        if m.group().lower() in LEAGUES:
            start, end = label.start(1) + m.start(), label.start(1) + m.end()
            out.append(
                _Mention(
                    position,
                    start,
                    end,
                    m.group(),
                    "ORG",
                    "organisation",
                    _key(m.group()),
                    sure=True,
                )
            )
    return out


def _shouting(text: str) -> bool:
    """A line in capitals ("SOCCER - JAPAN GET LUCKY WIN"), where case says nothing."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _is_sports(parsed: Parsed) -> bool:
    """Whether the document is a sports report: its headline names a sport ("SOCCER - ...",
    "ALPINE SKIING-WOMEN'S WORLD CUP") or its text uses several words of sports reporting."""
    heads = [s.text for s in parsed.document.sentences[:1]]
    if parsed.document.article.title:
        heads.append(parsed.document.article.title)
    for head in heads:
        prefix = re.split(r"\s[-–—:]\s|-", head, maxsplit=1)
        if len(prefix) == 2 and any(w in SPORTS for w in prefix[0].lower().split()):
            return True
    seen: set[str] = set()
    for sentence in parsed.document.sentences:
        seen.update(w for w in re.findall(r"[a-z-]+", sentence.text.lower()) if w in SPORTS_TERMS)
        if len(seen) >= 3:
            return True
    return False


def _row_names(text: str) -> list[tuple[int, int]]:
    """The names in a results or standings row: "Arsenal 2 Derby 2", "Ajax Amsterdam 18 7 8
    3 23 16 29", "West Bromwich v Bolton". Any other line gives nothing.

    In a sports report such a row names teams. A row with a person's nationality in brackets
    ("Pernila Wiberg (Sweden) 1:17.97") is left to the tagger.
    """
    body = re.sub(r"\([^()]*\)\s*\.?\s*$", "", text).rstrip()
    # "Charleroi (Belgium) 75 Estudiantes Madrid (Spain) 82": blank the brackets, offsets kept
    bracketed = [m.start() for m in re.finditer(r"\([^()]*\)", body)]
    body = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), body)
    # "Lens 0 Nantes 4 (Japhet N'Doram 7, Claude Makelele 42, Jocelyn": the scorers run on
    # to the next line; the row is what comes before them
    body = re.sub(r"\s*\([^()]*$", "", body)
    names: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    numbers = versus = 0
    pending = False  # a particle ("of", "de") that continues a name only if one follows
    for m in re.finditer(r"\S+", body):
        tok = m.group()
        if tok[-1] in ",;:":
            return []  # "Eric Cleymans 18, Ron Ellis 18": a list of scorers, not a row
        if _NUMBERISH.match(tok):
            numbers += 1
        elif tok.lower() in ("v", "vs", "vs.") or tok in _DASHES:
            versus += tok.lower().startswith("v")
            # "MIAMI 14 4 .778 -": a dash closing a standings row is a nil in its last column
            numbers += tok in _DASHES and not body[m.end() :].strip()
        elif _ROW_WORD.match(tok):
            if current is not None and (pending or current[1] == m.start() - 1):
                current = (current[0], m.end())
            else:
                current = (m.start(), m.end())
            pending = False
            continue
        elif tok.lower() in NAME_PARTICLES and current is not None:
            pending = True
            continue
        else:
            return []
        if current is not None:
            names.append(current)
        current, pending = None, False
    if current is not None:
        names.append(current)
    if not names or not (numbers or versus):
        return []
    if not (versus or (len(names) >= 2 and numbers >= 2) or (len(names) == 1 and numbers >= 3)):
        return []  # "Halftime 1-1", "13 - Ian Wright (Arsenal)": not a result or a standing
    if bracketed and len(names) < 2:
        return []  # "2. Pernila Wiberg (Sweden) 1:17.97": an athlete, not a team
    if any(len(body[s:e].split()) > 5 for s, e in names):
        return []
    return names


_LINEUP_ITEM = re.compile(
    r"(?:^|[,;:(]\s*)\d{1,2}\s*[-–]\s*"
    r"([A-Z][\w'’-]+(?:\s+(?:(?:al|el|bin|ibn)-[A-Z][\w'’-]+|[A-Z][\w'’-]+"
    r"|al|el|de|da|dos|van|von|le|la))*)"
)


def _lineup(position: int, text: str, found: list[_Mention]) -> list[tuple[int, int]]:
    """The players of a line-up: "Japan: 19 - Kenichi Shimokawa, 2 - Hiroshige Yanagimoto".

    Numbered names in a list of at least two are people, whatever the tagger said.
    """
    items = [(m.start(1), m.end(1)) for m in _LINEUP_ITEM.finditer(text)]
    if len(items) < 2:
        return []
    for start, end in items:
        surface = text[start:end]
        m = _Mention(
            position, start, end, surface, "PERSON", "person", _key(surface), sure=True, row=True
        )
        found.append(m)
    return items


_SCORER = re.compile(r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+\d{1,3}(?:st|nd|rd|th)\b")


def _scorers(position: int, text: str, found: list[_Mention]) -> list[tuple[int, int]]:
    """The scorers in brackets of a result: "Bochum 2 (Stickroth 30th pen, Wosz 89th)"."""
    spans: list[tuple[int, int]] = []
    for bracket in re.finditer(r"\(([^()]*)\)", text):
        for m in _SCORER.finditer(bracket[1]):
            start, end = bracket.start(1) + m.start(1), bracket.start(1) + m.end(1)
            surface = text[start:end]
            if surface.lower() in _MONTHS_AND_DAYS or _country(surface):
                continue
            found.append(
                _Mention(
                    position,
                    start,
                    end,
                    surface,
                    "PERSON",
                    "person",
                    _key(surface),
                    sure=True,
                    row=True,
                )
            )
            spans.append((start, end))
    return spans


# A name in a list of a sports report: "Matthew Le Tissier", "Jorge Costa", "Chris".
_LIST_NAME = (
    r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|dos|das|do|van|von|der|le|la|di|del|al|el)){0,4}"
)
# What may follow a scorer or batsman: "84 own goal", "30th pen", "57 not out".
_SCORE_NOTE = r"\d{1,3}(?:st|nd|rd|th)?\b(?:\s+(?:pen|penalty|own goal|og|not out|retired hurt))?"
_LIST_SCORE = rf"\s+{_SCORE_NOTE}"
# An entry of such a list: "Hassan Abbas 84 own goal", "Vitor Baia (Barcelona, Spain)",
# "Dwight Yorke (Aston" (the bracket closes on the next line).
_LIST_ENTRY = re.compile(
    rf"^(?P<name>{_LIST_NAME})(?:\s*\((?P<club>[^()]*)\)?)?(?P<score>{_LIST_SCORE})?\s*[.:]?$"
)
# A minute or a score that belongs to the previous entry: "Aly Ashour 7, 56 penalty".
_LIST_MORE = re.compile(rf"^{_SCORE_NOTE}\s*[.:]?$")
# The label a list opens with: a rank ("13 - ", "2. "), a team or a heading ("Japan - ",
# "Scorers: ", "Goalkeepers - ").
_LIST_LABEL = re.compile(
    r"^\s*(?:\d{1,3}\s*(?:[-–]\s+|\.\s+)|[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*){0,3}\s*(?:\s[-–]|:)\s+)"
)


def _segments(text: str, start: int) -> list[tuple[int, int]]:
    """``text[start:]`` cut at the commas and semicolons outside brackets, as offsets."""
    out: list[tuple[int, int]] = []
    depth = 0
    begin = start
    for k in range(start, len(text)):
        c = text[k]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif c in ",;" and depth == 0:
            out.append((begin, k))
            begin = k + 1
    out.append((begin, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _name_list(position: int, text: str, found: list[_Mention]) -> list[tuple[int, int]]:
    """The people of a list in a sports report, whatever the tagger made of them.

    "Japan - Hassan Abbas 84 own goal, Takuya Takagi 88", "Scorers: Shkvyrin Igor 78,
    Shatskikh Oleg 90", "9 - Fabrizio Ravanelli (Middlesbrough), Alan Shearer" and a line
    that carries such a list on ("Villa), Les Ferdinand (Newcastle), Efan Ekoku (Wimbledon),")
    name players, each with a minute, a score or a club in brackets; the club is an
    organisation (a country in the brackets is the player's nationality). Every part of the
    line must fit, so prose and results rows give nothing.
    """
    label = _LIST_LABEL.match(text)
    begin = label.end() if label else 0
    claimed: list[_Mention] = []
    carried = re.match(r"\s*([A-Z][^()]{0,40}?)\)\s*(?:[,;]|$)", text[begin:])
    if carried and label is None:
        # "Villa), ...": the end of a club's name that the previous line opened
        a = begin + carried.start(1)
        claimed.append(_list_mention(position, text, a, begin + carried.end(1), "organisation"))
        begin += carried.end()
    segments = _segments(text, begin)
    names = marked = 0
    for k, (a, b) in enumerate(segments):
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if _LIST_MORE.match(piece):
            if not names:
                return []
            continue
        m = _LIST_ENTRY.match(piece)
        if m is None or m["name"].lower() in _MONTHS_AND_DAYS:
            return []
        club = m["club"]
        if club is None and m["score"] is None and k < len(segments) - 1:
            return []  # only the last name may wait for its club on the next line
        names += 1
        marked += club is not None or m["score"] is not None
        start = a + lead
        if _country(m["name"]):
            return []  # "Japan 2": a team's score, not a player
        claimed.append(_list_mention(position, text, start, start + m.end("name"), "person"))
        if club:
            first = club.split(",")[0].strip()
            if first and first[0].isupper() and not (_country(first) or first.lower() in DEMONYMS):
                c = start + m.start("club") + club.index(first)
                claimed.append(_list_mention(position, text, c, c + len(first), "organisation"))
    if not names or not marked or not (label or names >= 2 or carried):
        return []
    spans = [(m.start, m.end) for m in claimed]
    found[:] = [f for f in found if not any(f.start < e and s < f.end for s, e in spans)]
    found.extend(claimed)
    return spans


def _list_mention(position: int, text: str, start: int, end: int, kind: str) -> _Mention:
    surface = text[start:end].rstrip(".")
    label = "PERSON" if kind == "person" else "ORG"
    return _Mention(
        position,
        start,
        start + len(surface),
        surface,
        label,
        kind,
        _key(surface),
        sure=True,
        row=True,
    )


# A line of individual results: "2. Pernila Wiberg (Sweden) 1:17.97", "10= Kate Pace Lindsay
# (Canada) 23", and a bracket the wire garbled: "10. Dmitri Dashinski Belarus) 190.70".
_RANKED_ATHLETE = re.compile(
    rf"^\s*(?P<rank>\d{{1,3}}\s*[.=]?\s+)?(?P<name>{_LIST_NAME})"
    r"(?:\s*\(\s*(?P<nation>[^()]+?)\s*\)|\s+(?P<garbled>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\))"
    # without its rank (the splitter may leave "2." on a line of its own), the line must
    # end with the result: "Pernila Wiberg (Sweden) 1:17.97"
    r"(?(rank)|\s*\d[\d:.,]*(?:\s+(?:points|pts|seconds|sec))?\s*$)"
)


def _ranked_athlete(
    position: int, text: str, found: list[_Mention], taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The athlete of a ranked line of results, with a nationality in brackets: a person,
    however the tagger cut the name ("Kate" of "Kate Pace Lindsay") or typed it."""
    m = _RANKED_ATHLETE.match(text)
    if m is None:
        return []
    nation = m["nation"] or m["garbled"] or ""
    if not (_country(nation) or nation.lower() in DEMONYMS) or _country(m["name"]):
        return []
    start, end = m.start("name"), m.end("name")
    if any(s < end and start < e for s, e in taken):
        return []
    found[:] = [f for f in found if not (f.start < end and start < f.end)]
    found.append(_list_mention(position, text, start, end, "person"))
    return [(start, end)]


# A batsman's innings or a scorer's goals in brackets: "(Shivnarine Chanderpaul 54)",
# "(David Boon 106 not out, Shaun Young 86 not out)".
_INNINGS_ITEM = re.compile(rf"^\s*(?P<name>{_LIST_NAME}){_LIST_SCORE}(?:\s*,\s*\d{{1,3}})*\s*$")


def _innings(
    position: int, text: str, found: list[_Mention], taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The players in brackets with their scores, in a sports report: every item of the
    bracket must be a name and a number."""
    claimed: list[_Mention] = []
    for bracket in re.finditer(r"\(([^()]+)\)", text):
        items = _segments(text[: bracket.end(1)], bracket.start(1))
        fits = [_INNINGS_ITEM.match(text[a:b]) for a, b in items]
        if not items or not all(fits):
            continue
        for (a, _), m in zip(items, fits, strict=True):
            if m is None or _country(m["name"]) or m["name"].lower() in _MONTHS_AND_DAYS:
                continue
            start = a + m.start("name")
            if any(s < start + len(m["name"]) and start < e for s, e in taken):
                continue
            claimed.append(_list_mention(position, text, start, start + len(m["name"]), "person"))
    spans = [(m.start, m.end) for m in claimed]
    found[:] = [f for f in found if not any(f.start < e and s < f.end for s, e in spans)]
    found.extend(claimed)
    return spans


# "United States III", "Canada I", "German I": a country's crew or team, numbered.
_NUMBERED_TEAM = re.compile(
    r"\b([A-Z][\w'’.]*(?:\s+[A-Z][a-z][\w'’.]*){0,2})\s+(I{1,3}|IV)\b"
    # not the pronoun: "when I came to England I was ...", "in Canada I'm told"
    r"(?!['’](?:m|ve|ll|d)\b)(?!\s+(?:am|was|have|had|think|thought|will|would|can|could"
    r"|do|did|don't|didn't|feel|felt|said|say|know|knew|want|wanted|hope|believe|got)\b)"
)


def _numbered_teams(
    position: int, text: str, found: list[_Mention], taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """A country with a Roman number in a sports report is one of its teams (a bobsleigh
    crew "Canada I", a relay team): an organisation, not the country or a person."""
    claimed: list[_Mention] = []
    for m in _NUMBERED_TEAM.finditer(text):
        parts = m[1].split()
        # the country may be the end of what the pattern took: "Lying ... USA III"
        for k in range(len(parts)):
            name = " ".join(parts[k:])
            if _country(name) or name.lower() in DEMONYMS:
                break
        else:
            continue
        start = m.start(1) + m[1].index(name)
        end = m.end()
        if any(s < end and start < e for s, e in taken):
            continue
        claimed.append(_list_mention(position, text, start, end, "organisation"))
    spans = [(m.start, m.end) for m in claimed]
    found[:] = [f for f in found if not any(f.start < e and s < f.end for s, e in spans)]
    found.extend(claimed)
    return spans


# A bracket that lists people: "(Brian Shimer, Randy Jones)", and the same bracket cut by
# a line break: "(Jim Herberich, Garrett" ... "Hines) 1:46.34".
_CREW = re.compile(r"\(([^()]+)\)|\(([^()]+)$|^([^()]+)\)(?=\s+\d)")


def _crew_names(content: str) -> bool:
    """Whether a bracket's ``content`` lists people: names of one to three words, none of
    them a country or a nationality ("Brian Shimer, Randy Jones", not "Barcelona, Spain")."""
    items = [i.strip() for i in content.split(",")]
    return all(
        re.fullmatch(_LIST_NAME, i)
        and len(i.split()) <= 3
        and not _country(i)
        and i.lower() not in DEMONYMS
        and i.lower() not in _MONTHS_AND_DAYS
        for i in items
    )


def _crews(
    position: int, text: str, found: list[_Mention], taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The crew of a boat, a bobsleigh or a doubles pair in brackets after its team, in a
    sports report: "Canada I (Pierre Lueders, Dave MacEachern) 1:45.94" names two people."""
    claimed: list[_Mention] = []
    for m in _CREW.finditer(text):
        group = next(g for g in (1, 2, 3) if m[g] is not None)
        content = m[group]
        # a whole bracket must list two; a cut one may hold one name on either side
        if (group == 1 and "," not in content) or not _crew_names(content):
            continue
        if group == 3 and len(content.split()) > 2:
            continue
        offset = m.start(group)
        for a, b in _segments(text[: m.end(group)], offset):
            lead = len(text[a:b]) - len(text[a:b].lstrip())
            name = text[a:b].strip()
            start = a + lead
            if any(s < start + len(name) and start < e for s, e in taken):
                continue
            claimed.append(_list_mention(position, text, start, start + len(name), "person"))
    spans = [(m.start, m.end) for m in claimed]
    found[:] = [f for f in found if not any(f.start < e and s < f.end for s, e in spans)]
    found.extend(claimed)
    return spans


_LIST_ITEM = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}(?:\s*\([^()]*\))?$")


def _role_list(found: list[_Mention], text: str, sports: bool = False) -> None:
    """Names listed after a plural role: "Goalkeepers - Bogdan Stelea, Florin Prunea" are
    people, whatever the tagger made of them (clubs in brackets aside). In a sports report
    a team's line-up is one too: "West Indies - Sherwin Campbell, Robert Samuels, Brian Lara"."""
    head = re.match(r"^\s*([A-Za-z]+)\s*[-–:]", text)
    word = head[1].lower() if head else ""
    if head is None or (
        not (word.endswith("s") and word[:-1] in TITLE_HEADS) and word not in ("squad", "scorers")
    ):
        head = re.match(r"^\s*[A-Z][\w.'’ ]{1,40}?\s+[-–]\s+", text) if sports else None
        if head is None:
            return
        items = [i.strip(" .") for i in text[head.end() :].split(",")]
        if len(items) < 3 or not all(_LIST_ITEM.match(i) for i in items if i):
            return
    for m in found:
        if m.sure or m.start < head.end() or m.kind == "country" or _org_shaped(m.surface):
            continue
        if text[: m.start].count("(") > text[: m.start].count(")"):
            continue  # "(Salamanca)": the player's club
        if m.label in ("PERSON", "ORG", "GPE", "LOC") and len(m.surface.split()) >= 2:
            _make(m, "person")


def _row_mention(position: int, start: int, end: int, text: str) -> _Mention:
    surface = text[start:end].rstrip(".")
    end = start + len(surface)
    kind, key = _kind("ORG", surface)
    if kind == "place":
        kind = "organisation"  # "Queen's Park 2": a team, though named like a venue
    return _Mention(
        sentence=position,
        start=start,
        end=end,
        surface=surface,
        label="ORG",
        kind=kind,
        key=key,
        name_like=kind != "country" or surface.lower() not in DEMONYMS,
        sure=True,
        row=True,
    )


# Words that cannot end a person's name, only continue it: "Gilbert Le" + "Gras".
_INNER_PARTICLES = words("le la de du da di del della van von der den ter st st. bin ibn abu")


def _widened(doc: Doc, ents: list[Span]) -> list[Span]:
    """People's names the tagger cut short, made whole: the first name it left out ("Dean"
    in "forwards Dean Sturridge"), the surname after a particle ("Gilbert Le" + "Gras")."""
    from spacy.tokens import Span

    out: list[Span] = []
    for ent in ents:
        start, end = ent.start, ent.end
        prev = doc[start - 1] if start > 0 else None
        if (
            prev is not None
            and ent.label_ in ("PERSON", "ORG")
            and ent[-1].lower_ in _PERSONLESS_ENDINGS | ORG_ENDINGS
            and prev.pos_ == "PROPN"
            and prev.dep_ == "compound"
            and ent.start <= prev.head.i < ent.end
            and prev.is_title
            and prev.is_alpha
            and not prev.ent_type_
            and prev.lower_ not in TITLE_HEADS | TITLE_MODIFIERS | HONORIFICS
            and prev.lower_ not in DEMONYMS
            and prev.lower_ not in _MONTHS_AND_DAYS
            and not _country(prev.text)
        ):
            # "Sea" + "Glass Vacations": the first word of a company's name, left out
            out.append(Span(doc, start - 1, end, "ORG"))
            continue
        if ent.label_ == "PERSON":
            # only a lone surname: "Queenslander Daniel Herbert" is already whole
            if end - start == 1 and start > 1 and _lone_first_name(doc[start - 1]):
                start -= 1
            while (
                end < len(doc)
                and doc[end - 1].lower_ in _INNER_PARTICLES
                and doc[end].is_title
                and doc[end].is_alpha
                and not doc[end].ent_type_
            ):
                end += 1
        out.append(ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, "PERSON"))
    return out


def _lone_first_name(t: Token) -> bool:
    """Whether a token left out of the name after it is its first name: a capitalised
    proper noun of no entity, not a title, a month or a nationality, inside a sentence."""
    low = t.lower_
    return (
        t.pos_ == "PROPN"
        and t.is_title
        and t.is_alpha
        and not t.ent_type_
        and not t.is_sent_start
        and low not in TITLE_HEADS
        and low not in TITLE_MODIFIERS
        and low not in HONORIFICS
        and low not in DEMONYMS
        and low not in _MONTHS_AND_DAYS
        and low not in _TITLE_WORDS
        and not _country(t.text)
    )


def _joined(doc: Doc, ents: list[Span]) -> list[Span]:
    """Entities the tagger cut in two, joined: "Russ Berrie" + "and" + "Co Inc" is one
    company, "Prague" + "Newsroom" one office."""
    from spacy.tokens import Span

    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and ent.start == prev.end + 1
            and doc[prev.end].lower_ in ("and", "&")
            and ent[0].text.rstrip(".") in ("Co", "Company", "Sons", "Partners")
        ):
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        if (
            prev is not None
            and ent.start == prev.end
            and ent.label_ == "ORG"
            and prev.label_ == "ORG"
            and prev[-1].lower_ in ("and", "&", "of")
        ):
            # "Mines and" + "Energy Ministry": a name cannot end with "and"
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        if (
            prev is not None
            and ent.start == prev.end
            and ent.label_ == "GPE"
            and prev.label_ == "ORG"
            and (
                _club_opener(prev[0].text)
                or (prev.start > 0 and _club_opener(doc[prev.start - 1].text))
            )
            and _country(ent.text)
        ):
            # "PT Telekomunikasi" + "Indonesia": a company named after its country
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        end = ent.end
        if (
            ent.label_ == "ORG"
            and end + 1 < len(doc)
            and doc[end].lower_ == "on"
            and doc[end + 1].text == "Sunday"
        ):
            end += 2  # "The Mail" + "on" + "Sunday" (a date to the tagger): one newspaper
        while (
            ent.label_ in ("GPE", "ORG")
            and end < len(doc)
            and doc[end].text[:1].isupper()
            and doc[end].lower_ in ("newsroom", "bureau", "desk")
        ):
            end += 1
        out.append(ent if end == ent.end else Span(doc, ent.start, end, label="ORG"))
    return out


def _acronyms(doc: Doc) -> list[Span]:
    """Acronyms the tagger left untagged: "USDA", "NATS", "TASR" name organisations in news
    (abbreviations such as "GDP", country codes and Roman numerals excepted)."""
    from spacy.tokens import Span

    found = []
    for t in doc:
        text = t.text
        if (
            t.ent_type_
            or t.pos_ != "PROPN"
            or not (t.is_alpha and t.is_upper and 3 <= len(text) <= 6)
            or text.lower() in NON_ORG_ACRONYMS
            or text.lower() in _TIME_ZONES
            or _country(text)
            or (t.i > 0 and bool(_CODE.match(doc[t.i - 1].lower_)))  # "K451 PLM": a plate
        ):
            continue
        found.append(Span(doc, t.i, t.i + 1, label="ORG"))
    for t in doc:
        if t.ent_type_ not in ENTITY_LABELS and _GROUP_OF_STATES.match(t.text):
            found.append(Span(doc, t.i, t.i + 1, label="ORG"))  # "G7 ministers agreed"
    return found


# The clubs of leading economies: "G7", "G8", "G20" (spaCy tags them seldom).
_GROUP_OF_STATES = re.compile(r"^G(?:7|8|20|77)$")


def _pieces(doc: Doc, ent: Span) -> list[Span]:
    """``ent`` cut where it runs over several names: "Arsenal 2 Derby 2", "Goalkeepers -
    Bogdan Stelea", "British Airways/American", "Greg Blewett 57"."""
    from spacy.tokens import Span

    if len(ent) >= 3 and ent.start == 0 and ent[0].pos_ in ("SCONJ", "CCONJ", "ADP", "ADV"):
        ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)  # "As Glenn Lawhon ..."
    if (
        ent.label_ in ("PERSON", "ORG", "GPE")
        and ent.start > 0
        and _club_opener(doc[ent.start - 1].text)
        and not doc[ent.start - 1].ent_type_
    ):
        ent = Span(doc, ent.start - 1, ent.end, label="ORG")  # "PT Tambang Timah", "FC Porto"
    if ent.label_ == "NORP" and len(ent) > 1 and ent[0].lower_ in DEMONYMS and ent[1].is_title:
        # "Russian Irina Shevchenko": a nationality, then a person
        person = Span(doc, ent.start + 1, ent.end, label="PERSON")
        return [Span(doc, ent.start, ent.start + 1, label="NORP"), *_pieces(doc, person)]
    cuts: list[tuple[int, int]] = []
    start = ent.start
    for t in ent:
        spaced = t.i > 0 and bool(doc[t.i - 1].whitespace_)
        cut = (
            bool(_NUMBERISH.match(t.text))
            or (t.text in _SPLITTERS and (t.is_punct or spaced) and not _on_sunday(doc, t))
            or (t.text in _DASHES and (spaced or bool(t.whitespace_)))
        )
        if cut:
            cuts.append((start, t.i))
            start = t.i + 1
    if not cuts:
        return [ent]
    cuts.append((start, ent.end))
    pieces = []
    for a, b in cuts:
        if b <= a or not any(t.is_alpha for t in doc[a:b]):
            continue
        if b - a == 1 and doc[a].tag_ in ("NNS", "NN") and not doc[a].is_upper:
            continue  # "Goalkeepers -", "Scorers:": a list's label
        pieces.append(Span(doc, a, b, label=ent.label_))
    return pieces


def _on_sunday(doc: Doc, t: Token) -> bool:
    """Whether ``t`` is the "on" of a Sunday paper's name ("The Mail on Sunday")."""
    return t.lower_ == "on" and t.i + 1 < len(doc) and doc[t.i + 1].text == "Sunday"


# A team's score in cricket: "220 for three", "172 all out", "173-5 in 48.4 overs".
_TEAM_SCORE = re.compile(r"\s+\d{1,3}(?:-\d{1,2})?\s+(?:for\b|all out\b|declared\b|in\s+\d)")
# Words before a vessel's name: "the ship Kenda" is neither a person nor a company.
_VESSEL_BEFORE = re.compile(r"\b(?:ship|vessel|tanker|freighter|trawler|yacht|ferry)\s+$")
# Words after a name that make it something else: "the DAX index", "Front-month".
_NOT_ACTOR_AFTER = re.compile(r"(?:\s+ind(?:ex|ices)\b|-[a-z])")


def _retype(found: list[_Mention], doc: Doc, text: str, sports: bool) -> None:
    """Correct the tagger's person/organisation guesses with what the sentence shows.

    * "Camilla Martin (Denmark)", and in sports "Paulinho Santos (Porto)": a person with a
      nationality or club; in sports the club in the brackets is an organisation.
    * "goalkeeper Salem Bitar": a title before a name makes it a person.
    * In sports, a city that is not where something happens ("in Leeds") is its team.
    """
    for m in found:
        if m.sure or m.kind not in ("person", "organisation") or m.label not in ("PERSON", "ORG"):
            continue
        if sports and _TEAM_SCORE.match(text[m.end :]):
            _make(m, "organisation")  # "Victoria 220 for three": a team's innings
            continue
        if m.kind == "person" and _ORG_APPOSITION.match(text[m.end :]):
            _make(m, "organisation")  # "Herri Batasuna, the political wing of ETA"
            continue
        words = m.surface.split()
        if not 2 <= len(words) <= 4 or _org_shaped(m.surface):
            continue
        after = re.match(r"\s*\(\s*([^()]{2,60})\)", text[m.end :])
        if after and sports and re.match(r"\s*\d{1,2}\s+[A-Z][a-z]", text[m.end + after.end() :]):
            # "Arab Contractors (Egypt) 4 Sodigraf (Zaire) 0": a team with its country
            _make(m, "organisation")
            continue
        if after:
            first = after[1].split(",")[0].strip()
            if _country(first) or first.lower() in DEMONYMS or (sports and first[:1].isupper()):
                _make(m, "person")
                if sports:
                    inside = (m.end + after.start(1), m.end + after.end(1))
                    for club in found:
                        if inside[0] <= club.start < inside[1] and club.kind in ("person", "place"):
                            _make(club, "organisation")
                continue
        if (
            sports
            and (
                re.match(r"\s+\d+(?:st|nd|rd|th)?\b", text[m.end :])
                or re.search(r"\b\d+\s*[-–]\s*$", text[: m.start])
            )
            and ("," in text or ";" in text or re.search(r"\s[-–]\s+$", text[: m.start]))
        ):
            _make(m, "person")  # "Eric Cleymans 18, Ron Ellis 18", "19 - Kenichi Shimokawa, ..."
            continue
        token = _token_at(doc, m.start)
        if m.kind == "organisation" and token is not None and token > 0:
            before = doc[token - 1]
            if before.lower_ in TITLE_HEADS and before.lower_ not in ("head", "chair", "board"):
                _make(m, "person")
                m.role = m.role or _title_before(doc, token)
            elif before.text in ("'s", "’s") and len(words) <= 3:
                _make(m, "person")  # "Budapest Bank's Sandor Tolonics"
    for m in found:
        if m.sure or m.kind not in ("person", "place"):
            continue
        first = _token_at(doc, m.start)
        last = _token_at(doc, m.end - 1)
        if first is None or last is None:
            continue
        prev = doc[first - 1] if first > 0 else None
        if prev is not None and prev.is_lower and prev.lower_ in ORG_DESCRIPTORS:
            _make(m, "organisation")  # "energy giant Gazprom", "cement firm Holcim"
        elif (
            m.kind == "person"
            and last + 2 < len(doc)
            and doc[last + 1].lower_ in TITLE_HEADS | {"promoter"}
            and doc[last + 1].is_lower
            and any(t.pos_ == "PROPN" for t in doc[last + 2 : last + 5])
        ):
            # "Aston Villa boss David O'Leary", "Top Rank promoter Arum": a name before a
            # title and another name is whom the second works for, not a person
            _make(m, "organisation")
    for m in found:
        token = _token_at(doc, m.start)
        if (
            m.label == "ORG"
            and not m.sure
            and " " not in m.surface
            and not m.surface.isupper()
            and m.key not in ORG_ENDINGS
            and m.key not in _INSTITUTIONS
            and token
            and doc[token - 1].lower_ in ("in", "near", "outside", "around")
        ):
            _make(m, "place")  # "in Bangui": the tagger's organisation is a place
        elif (
            m.label in ("ORG", "PERSON")
            and not m.sure
            and not _org_shaped(m.surface)
            and m.key not in _INSTITUTIONS
            and (
                _PLACE_BEFORE.search(text[: m.start])
                or _PLACE_AFTER.match(text[m.end :])
                or _CITY_BEFORE.search(text[: m.start])
                or _in_country(m, text)
            )
        ):
            # "the coast of Tamaulipas", "Sonora state", "the capital Bangui", "Qinglan port",
            # "La Plagne, France"
            _make(m, "place")
        elif (
            m.label in ("ORG", "PERSON")
            and not m.sure
            and _ROUTE.search(text)
            and (
                re.match(r"\s*/\s*[A-Z]", text[m.end :])
                or re.search(r"\w\s*/\s*$", text[: m.start])
            )
        ):
            _make(m, "place")  # "Sidi Kreir / Augusta": a route in a table of fixtures
    if not sports:
        return
    for m in found:
        if m.label in ("GPE", "LOC") and m.kind == "place" and _TEAM_SCORE.match(text[m.end :]):
            _make(m, "organisation")  # "Queensland 310 for six": a team's innings
        elif (
            m.label in ("GPE", "LOC") and m.kind == "place" and not m.sure and _plays(m, doc, text)
        ):
            _make(m, "organisation", sure=False)
        elif m.kind == "person" and not m.sure and _team_by_position(m, doc, text):
            _make(m, "organisation")


# An apposition that says what organisation a name is: ", the political wing of", ", a
# Swiss cement firm." (not ", a member of the party", ", the company's chairman").
_ORG_APPOSITION = re.compile(
    r"^,\s+(?:the|a|an)\s+(?:(?!of\b)[\w-]+\s+){0,3}?"
    rf"(?:{'|'.join(sorted(ORG_DESCRIPTORS | words('wing party movement faction militia')))})"
    r"(?=\s*(?:[,.;:]|of\b|that\b|which\b|$))"
)

# What names a place around a name: "the coast of Tamaulipas", "the town of Walikale", "the
# capital Bangui", "Sonora state".
_PLACE_NOUNS = (
    r"coast|town|city|village|region|province|state|district|capital|port|island|outskirts"
    r"|suburbs?|streets|county|municipality"
)
_PLACE_BEFORE = re.compile(rf"\b(?:(?:{_PLACE_NOUNS}) of(?: the)?|the capital,?)\s*$", re.I)
_PLACE_AFTER = re.compile(
    r"\s+(?:state|province|region|district|county|port|city|airport|harbour|harbor"
    r"|national park)\b(?!\s+[A-Z])"
)
# A line of figures with a route in it: "Lula I 85 25/12 Sidi Kreir / Augusta W100 Exxon".
_ROUTE = re.compile(r"\d.*\b[A-Z][\w'’.-]*\s+/\s+[A-Z]|[A-Z][\w'’.-]*\s+/\s+[A-Z].*\d")
# "the country's second city Johor Bahru": a lower-case place noun right before the name.
_CITY_BEFORE = re.compile(r"\b(?:city|town|village|port|capital)\s+$")
# ", France", ", Ivory Coast.": the country a place is in.
_COUNTRY_AFTER = re.compile(
    r",\s+([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})(?=\s*(?:[,.;]|and\b|$))"
)


def _in_country(m: _Mention, text: str) -> bool:
    """Whether the name is followed by the country it lies in: "La Plagne, France"
    (not in brackets, where "Vitor Baia (Barcelona, Spain)" names a player's club)."""
    after = _COUNTRY_AFTER.match(text[m.end :])
    if after is None or not _country(after[1]):
        return False
    return text[: m.start].count("(") <= text[: m.start].count(")")


# Words before a team's name in sports reports: "a win over Volendam", "v Victoria",
# "rivals Ajax". ("Champions" and "leaders" go before players as often as before teams.)
_TEAM_BEFORE = words("v vs vs. versus against over beat beating hosts visitors rivals outfit")


def _team_by_position(m: _Mention, doc: Doc, text: str) -> bool:
    """Whether a name the tagger took for a person is a team in a sports report: named
    after "v", "against", "win over" or "champions", or in brackets after a player
    ("Sutton (Blackburn)", "Viorel Ion of Otelul Galati")."""
    token = _token_at(doc, m.start)
    if token is None:
        return False
    before = doc[token - 1].lower_ if token > 0 else ""
    if before in _TEAM_BEFORE and (doc[token - 1].is_lower or before in ("v", "vs", "vs.")):
        # "Nicol v Eyles", "Parke beat Cairns": a player against a player
        return token < 2 or doc[token - 2].ent_type_ != "PERSON"
    if re.search(r"[A-Z][\w'’.-]*\s*\(\s*$", text[: m.start]) and re.match(
        r"\s*(?:\)|$)", text[m.end :]
    ):
        return True  # "Sutton (Blackburn)": a player's club
    # "striker Viorel Ion of Otelul Galati": a titled player's club
    return before == "of" and any(
        p.ent_type_ == "PERSON" and doc[p.i - 1].lower_ in TITLE_HEADS
        for p in doc[max(0, token - 5) : token - 1]
        if p.i > 0
    )


def _plays(m: _Mention, doc: Doc, text: str) -> bool:
    """Whether a place named in a sports report is a team there: it plays ("Leeds beat
    Chelsea", "lost to Leeds", "a draw with Leeds", "Leeds' Bowyer", "Porto defender Pinto",
    "Leeds 2") rather than being where something happens ("in Leeds", "the London Marathon")."""
    token = _token_at(doc, m.start)
    last = _token_at(doc, m.end - 1)
    if token is None or last is None:
        return False
    if token > 0 and doc[token - 1].lower_ in LOCATIVES:
        return False
    if re.match(r"\s+\d+\b", text[m.end :]):
        return True
    root = doc[last]
    if root.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "conj"):
        return root.dep_ != "conj" or root.head.dep_ in ("nsubj", "dobj")
    if root.dep_ == "pobj":
        return root.head.lower_ in _AGAINST
    if root.dep_ in ("compound", "nmod", "amod"):
        return root.head.lower_ in TITLE_HEADS or root.head.lower_ in _SIDE_WORDS
    return False


def _make(m: _Mention, kind: str, *, sure: bool = True) -> None:
    m.kind = kind
    m.label = {"person": "PERSON", "place": "GPE"}.get(kind, "ORG")
    m.key = _key(m.surface)
    m.sure = sure


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
        if j - t.i - 1 < 1 or doc[j - 1].pos_ != "PROPN":
            continue
        if j < len(doc) and doc[j].pos_ == "PROPN":
            continue
        if j - t.i - 1 == 1 and (t.lower_ in _HONORIFICS or not _lone_name(doc[t.i + 1])):
            continue  # "King Michael" is a given name that would join any other Michael
        span = Span(doc, t.i + 1, j, label="PERSON")
        inside = all(e.start >= span.start and e.end <= span.end for e in _ents_in(doc, span))
        if inside and any(not tok.ent_type_ for tok in span):
            found.append(span)
    return found


_HONORIFICS = words(
    "king queen prince princess pope emperor empress sheikh saint st lord lady sir dame"
)


def _lone_name(token: Token) -> bool:
    """Whether one capitalised word after a title is a name: "midfielder Edu has hit out",
    "striker Ronaldo, 29," (players known by one name). The tagger saw nothing there, and
    the word is no country, demonym or common word written with a capital."""
    low = token.lower_
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (
        token.ent_type_ == ""
        and token.text[:1].isupper()
        and not token.is_sent_start
        and low not in COUNTRY_LOOKUP
        and low not in DEMONYMS
        and low not in GENERIC_NOUNS
        and (after is None or after.pos_ in ("VERB", "AUX", "PUNCT", "ADP", "CCONJ"))
    )


# Head nouns that end organisations' names and hardly anything else: "Canadian Grain
# Commission", "Movement for Rights Party".
_ORG_HEADS = words(
    "commission ministry council committee association federation institute university "
    "agency authority board bank corporation corp inc ltd plc party union league railway "
    "railways railroad airlines airways"
)


def _keyword_orgs(doc: Doc) -> list[Span]:
    """Organisations the tagger missed, found by the noun that ends their name: capitalised
    words before "Commission", "Ministry", "Bank", "Party"... ("- Canadian Grain Commission"
    with "Canadian" tagged as a nationality and the rest as nothing). A name the tagger
    already calls an organisation or a person is left alone."""
    from spacy.tokens import Span

    found: list[Span] = []
    for t in doc:
        if (
            t.lower_ not in _ORG_HEADS
            or not t.is_title
            or t.ent_type_ in ("ORG", "PERSON")
            or (t.i + 1 < len(doc) and doc[t.i + 1].is_title and doc[t.i + 1].is_alpha)
        ):
            continue
        j = t.i
        while j > 0:
            prev = doc[j - 1]
            name_word = (
                prev.is_title
                and prev.is_alpha
                and prev.pos_ in ("PROPN", "ADJ", "NOUN")
                # the tagger sometimes takes a company for a product: "Central Plains Railway"
                and prev.ent_type_ in ("", "NORP", "GPE", "PRODUCT", "FAC")
                and prev.lower_ not in TITLE_HEADS
            )
            inner = prev.lower_ in ("of", "and", "&", "for") and j > 1 and doc[j - 2].is_title
            if not (name_word or inner):
                break
            j -= 1
        while j < t.i and doc[j].lower_ in ("of", "and", "&", "for"):
            j += 1
        if t.i - j < 1 or any(doc[k].ent_type_ in ("ORG", "PERSON") for k in range(j, t.i)):
            continue
        if any(e.start < j < e.end for e in doc.ents):
            continue  # the tagger's entity runs into the name from the left
        found.append(Span(doc, j, t.i + 1, label="ORG"))
    return found


def _club_names(doc: Doc) -> list[Span]:
    """Clubs the tagger missed altogether: an opener such as "Real" or "Sporting" before a
    capitalised name that no entity covers ("Real Madrid are closing in on a deal")."""
    from spacy.tokens import Span

    found: list[Span] = []
    for t in doc[:-1]:
        nxt = doc[t.i + 1]
        if (
            _club_opener(t.text)
            and not t.ent_type_
            and not nxt.ent_type_
            and nxt.pos_ == "PROPN"
            and nxt.is_title
            and nxt.is_alpha
        ):
            found.append(Span(doc, t.i, t.i + 2, label="ORG"))
    return found


def _ents_in(doc: Doc, span: Span) -> list[Span]:
    return [e for e in doc.ents if e.start < span.end and span.start < e.end]


# "A. Curts Cooke", "J.R. Smith": initials, then one or two names.
_INITIALLED = re.compile(r"(?:[A-Z]\.\s*){1,2}[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*)?")


# Plural nouns for the members of a body, which end no name: "Labour MPs", "Fifa officials".
_MEMBERS = words("mps peers councillors ministers officials executives shareholders lawmakers fans")
# A speech verb that opens a sentence before its speaker: "Said Williams: '...'".
_INVERTED_SPEECH = re.compile(r"^(?:Said|Says|Added|Adds)\s+(?=[A-Z])")


# Styles of peers and knights: in British usage they are part of how the person is named
# ("Lord Woolf", "Sir Alex Ferguson"), and a peer is often never named without one.
# Descriptors that open a sentence before a firm's name ("Retailer Tesco said") and never
# open a name themselves (unlike "Bank", "Group", "Club" or "Giant").
_DESCRIPTOR_OPENERS = ORG_DESCRIPTORS - words(
    "agency bank brand carrier chain club company giant group label network side unit"
)
_STYLE_BEFORE = re.compile(r"\b(Lord|Lady|Baroness|Baron|Sir|Dame)\s+$")


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
    if label == "ORG" and surface.split()[0].lower() in TITLE_HEADS and len(surface.split()) >= 3:
        bare, role = _split_title(surface)
        if role is not None and len(bare.split()) >= 2 and not _org_shaped(bare):
            label = "PERSON"  # "General Antoine Lahd" tagged as an organisation
        else:
            role = None
    if (
        label == "ORG"
        and _INITIALLED.fullmatch(surface)
        and not _org_shaped(surface)
        and not _country(surface.split()[0])  # "U.S. Supreme Court"
        and surface.split()[-1].lower() not in ORG_ENDINGS
    ):
        label = "PERSON"  # "A. Curts Cooke": an initial opens a person's name
    if label == "PERSON":
        bare, role = _split_title(surface)
        if role is not None:
            start = end - len(bare)
            surface = bare
        inverted = _INVERTED_SPEECH.match(surface)
        if (
            inverted
            and _clause_start(sentence[:start])
            and sentence[end:].lstrip()[:1] in (":", ",")
        ):
            # "Said Williams: 'When ...'": the verb of an inverted speech tag, not a name
            start += inverted.end()
            surface = surface[inverted.end() :]
    opener, _, rest = surface.partition(" ")
    if (
        label == "ORG"
        and rest[:1].isupper()
        and opener.istitle()
        and opener.lower() in _DESCRIPTOR_OPENERS
        and _clause_start(sentence[:start])
    ):
        # "Miner Highland Gold said": the sentence's capital is on the descriptor, which is
        # no part of the name ("gold miner Highland Gold")
        start += len(opener) + 1
        surface = rest
    parts = surface.rsplit(maxsplit=1)
    if label in ("PERSON", "ORG") and len(parts) == 2 and parts[1].lower() in _MEMBERS:
        # "Labour MPs", "Lib Dem peers": members of the party, which is the name
        surface = parts[0]
        end = start + len(surface)
    if fil.rejects(surface, widget) or surface.lower() in _MEMBERS:
        return None  # "MPs voted": an unnamed group, whatever the tagger says
    if _VESSEL_BEFORE.search(sentence[:start]):
        return None  # "from the ship Kenda"
    if label in ("ORG", "PERSON") and _NOT_ACTOR_AFTER.match(sentence[end:]):
        return None  # "the blue-chip DAX index", "Front-month heating oil"
    style = _STYLE_BEFORE.search(sentence[:start])
    styled = f"{style[1]} {surface}" if style else None
    if (
        styled
        and label in ("ORG", "GPE", "LOC", "FAC")
        and len(surface.split()) <= 3
        and not _org_shaped(surface)
        and not any(w.lower() in VENUE_WORDS | _PLACE_ENDINGS | {"island"} for w in surface.split())
    ):
        label = "PERSON"  # "Lord Hutton's inquiry": a style only a person bears
    kind, key = _kind(label, surface)
    if kind != "person":
        styled = None  # "Lord's": the ground, not a peer
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
        name_like=not (kind == "country" and surface.lower() in DEMONYMS),
        sentence_start=_clause_start(sentence[:start]),
        subject=ent.root.dep_ in ("nsubj", "nsubjpass"),
        styled=styled,
    )


def _merge(mentions: list[_Mention]) -> dict[str, _Cluster]:
    """Group mentions into actors: surnames, acronyms and country aliases join their name."""
    # "Phillips Idowu" tagged as an organisation where "Idowu" alone is a person: a person
    lone_people = {m.key for m in mentions if m.kind == "person" and " " not in m.key}
    for m in mentions:
        parts = m.key.split()
        if (
            m.kind == "organisation"
            and m.label == "ORG"
            and not m.sure
            and 2 <= len(parts) <= 3
            and parts[-1] in lone_people
            and all(w[:1].isupper() for w in m.surface.split())
            and not _org_shaped(m.surface)
        ):
            m.kind, m.label = "person", "PERSON"
    # "Athens rejected the terms" in a story about Greece: the capital, as a subject, stands
    # for its country's government, one actor with it ("in Athens" stays a place)
    countries = {m.key for m in mentions if m.kind == "country"}
    for m in mentions:
        country = CAPITALS.get(m.key) if m.kind == "place" and m.subject else None
        if country is not None and _key(country) in countries:
            m.key, m.kind = _key(country), "country"
    # "the Tories" and "the Conservatives": one party, under the name it is first given
    # ("Tory" and "Lib Dem" before a noun only describe: the name is the commonest other)
    forms: dict[str, Counter[str]] = {}
    for m in mentions:
        family = PARTY_ALIASES.get(m.key)
        if family is not None and m.name_like:
            forms.setdefault(family, Counter())[m.key] += 0 if m.key in _PARTY_ADJECTIVES else 1
    for m in mentions:
        family = PARTY_ALIASES.get(m.key)
        if family is not None and m.name_like:
            m.key = forms[family].most_common(1)[0][0]
            if m.kind == "person":
                m.kind = "organisation"  # "the Lib Dem's call": a party is no person
    full_people: dict[str, list[str]] = {}  # a name's word -> full person keys using it
    not_people = {m.key for m in mentions if m.sure and m.kind != "person"}
    for m in mentions:
        if m.kind == "person" and len(m.key.split()) >= 2 and m.key not in not_people:
            for word in m.key.split():
                full_people.setdefault(word, [])
                if m.key not in full_people[word]:
                    full_people[word].append(m.key)
    acronyms: dict[str, str] = {}
    for m in mentions:
        if m.acronym:
            acronyms[_key(m.acronym)] = m.key
    orgs = {m.key for m in mentions if m.kind == "organisation" and len(m.key.split()) >= 2}
    # "Russ Berrie" after "Russ Berrie and Co Inc", "Commerce Ministry" after "Thai Commerce
    # Ministry": the short form of an organisation already named.
    short_forms: dict[str, str] = {}
    for org in sorted(orgs, key=len):
        for short in _short_forms(org):
            short_forms.setdefault(short, org)
    for m in mentions:
        if m.key in short_forms and m.kind in ("person", "organisation", "place") and not m.sure:
            m.key = short_forms[m.key]
            m.kind = "organisation"
    keys = {m.key for m in mentions}
    # "Mitsubishi" after "Mitsubishi Motors", "Shanghai Automotive" after "Shanghai
    # Automotive Industry Corp", "Rover" after "MG Rover": the company named again, short.
    # Only names the tagger calls organisations, and only when one company fits: "Manchester"
    # with both Manchester clubs named, or "in Manchester", stays what it is.
    for m in mentions:
        if m.sure or m.key in orgs or m.kind not in ("person", "organisation"):
            continue
        if m.kind == "person" and (" " in m.key or m.key in full_people):
            continue  # "Ford" is Henry Ford's surname when Henry Ford is named
        if m.kind == "organisation" and m.label != "ORG":
            continue
        # "Harbourline" is not short for "Harbourline Nordvast" when Nordvast is a company too
        longer = {
            o
            for o in orgs
            if (_shortens(m.key, o) and " ".join(o.split()[len(m.key.split()) :]) not in keys)
            or (_surname_of(m.key, o) and " ".join(o.split()[:-1]) not in keys)
        }
        chosen = _one_longer(m.key, longer)
        if chosen is not None:
            m.key = chosen
            m.kind = "organisation"
            continue
        # "the Commission" after "the European Commission": the head noun of one
        # organisation already named stands for it
        if m.key in ORG_ENDINGS and m.kind == "organisation":
            heads = [o for o in orgs if o.split()[-1] == m.key]
            if len(heads) == 1:
                m.key = heads[0]
    # "De Vido" after "Julio De Vido", "van Gaal" after "Louis van Gaal": a surname that
    # opens with a particle is the person's, whatever type the tagger gave it
    people = {m.key for m in mentions if m.kind == "person"}
    for m in mentions:
        parts = m.key.split()
        if len(parts) >= 2 and parts[0] in _SURNAME_PARTICLES and m.kind != "country":
            fits = [p for p in people if p != m.key and p.endswith(" " + m.key)]
            if len(fits) == 1:
                m.key = fits[0]
                m.kind = "person"
    last_seen: dict[str, tuple[int, int]] = {}

    for m in mentions:
        words = m.key.split()
        if (
            m.kind == "group"
            and m.label == "NORP"
            and len(words) == 1
            and any(c.split()[-1] == m.key for c in full_people.get(m.key, []))
        ):
            m.kind = "person"  # "Scorsese" tagged as a nationality: a named person's surname
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
                # "BA" for "British Airways Plc": the acronym leaves the company form out
                fits = [
                    o
                    for o in orgs
                    if _spells(m.surface, o) or any(_spells(m.surface, f) for f in _short_forms(o))
                ]
                if len(fits) == 1:
                    m.key = fits[0]
                    m.kind = "organisation"
        last_seen[m.key] = (m.sentence, m.start)

    # "TimeWarner" and "Time Warner", "Coca-Cola" and "Coca Cola": one name
    squashed: dict[str, str] = {}
    for m in mentions:
        if m.kind != "country":
            m.key = squashed.setdefault(re.sub(r"[\s-]", "", m.key), m.key)
    _join_nicknames(mentions)
    clusters: dict[str, _Cluster] = {}
    for m in mentions:
        clusters.setdefault(m.key, _Cluster(m.key)).mentions.append(m)
    for key in [k for k, c in clusters.items() if _lone_capital(c)]:
        for m in clusters.pop(key).mentions:
            mentions.remove(m)
    for cluster in clusters.values():
        _name_cluster(cluster)
    return clusters


def _join_nicknames(mentions: list[_Mention]) -> None:
    """A club's nickname joins the club when the article names it: "the Gunners" is
    Arsenal, "the Swans" Swansea City (one club whose name starts with the nickname's)."""
    orgs = {m.key for m in mentions if m.kind == "organisation" and m.name_like}
    places = {m.key for m in mentions if m.kind == "place" and m.name_like}
    for m in mentions:
        club = CLUB_NICKNAMES.get(m.key)
        if club is None:
            continue
        for keys in (orgs, places):  # the club before the city it is named after
            found = sorted(k for k in keys if k == club or k.startswith(club + " "))
            if len(found) == 1 or club in found:
                m.key = club if club in found else found[0]
                m.kind = "organisation"
                break


# Party names that are mostly adjectives ("Tory plans", "a Lib Dem MP").
_PARTY_ADJECTIVES = words("tory") | {"lib dem"}


def _one_longer(short: str, longer: set[str]) -> str | None:
    """The organisation that the short name ``short`` stands for, among the ``longer``
    names it may shorten, or ``None`` when it is not clear which.

    One candidate is meant. So is the shortest when the others only extend it ("Cardiff"
    with "Cardiff City", "Cardiff City Stadium" and "Cardiff City Supporters Club": the
    others are named after the club). Otherwise the only one whose last word makes a
    company is meant ("Foster's" with "Foster's Group" and "Foster's Lager"); two clubs
    ("Manchester United", "Manchester City") or a town's club and college ("Nelson Town",
    "Nelson College") leave the short name alone.
    """
    if not longer:
        return None
    if len(longer) == 1:
        return next(iter(longer))
    shortest = min(longer, key=lambda o: (len(o.split()), o))
    if all(o == shortest or _shortens(shortest, o) for o in longer):
        return shortest
    companies = [o for o in longer if o.split()[-1] in _CORPORATE_WORDS | COMPANY_SUFFIXES]
    return companies[0] if len(companies) == 1 else None


def _spells(acronym: str, org: str) -> bool:
    """Whether ``acronym`` is made of the initials of ``org``: "WHO", "BOA" (Bank of
    America, with the "of"), "SEC" (US Securities and Exchange Commission, without the
    country before it)."""
    letters = acronym.replace(".", "").upper()  # "U.N." spells "United Nations"
    parts = org.split()
    every = "".join(w[0] for w in parts if w).upper()
    if letters in (_initials(org).upper(), every):
        return True
    return (
        len(parts) >= 3
        and bool(_country(parts[0]))
        and _initials(" ".join(parts[1:])).upper() == letters
    )


def _shortens(short: str, org: str) -> bool:
    """Whether ``short`` is a shorter name of the organisation ``org``: its first words
    ("mitsubishi" of "mitsubishi motors", "aggregates" of "aggregate industries"), or what
    follows an acronym that opens it ("rover" of "mg rover")."""
    words_short, words_org = short.split(), org.split()
    if len(words_short) >= len(words_org) or _country(short) or short in DEMONYMS:
        return False
    # "foster" of "foster's group": the tagger cuts the possessive-shaped name at its "'s"
    words_org = [re.sub(r"['’]s$", "", w) for w in words_org]
    head = [w.rstrip("s") if i == len(words_short) - 1 else w for i, w in enumerate(words_short)]
    if [w.rstrip("s") for w in words_org[: len(words_short)]] == [w.rstrip("s") for w in head]:
        return True
    # keys are lower-case: a short first word stands for the acronym ("mg", "bt", "ba")
    return len(words_org[0]) <= 3 and words_org[1:] == words_short


# Words that open a surname of several words: "De Vido", "van Persie", "bin Laden".
_SURNAME_PARTICLES = words("de da di du del della dos das van von le la al el bin ben ter")


def _surname_of(short: str, org: str) -> bool:
    """Whether ``short`` is the last word of the organisation ``org`` and can stand for it:
    "hardie" of "james hardie", "villa" of "aston villa" (not "bank" of "deutsche bank" nor
    "airways" of "british airways", which name a kind of organisation)."""
    parts = org.split()
    return (
        " " not in short
        and len(parts) >= 2
        and parts[-1] == short
        and parts[-2] not in NAME_PARTICLES  # "Citra Group of Suharto": he is not the group
        and short not in ORG_ENDINGS
        and short not in _PERSONLESS_ENDINGS
        and short not in COMPANY_SUFFIXES
        and short not in GENERIC_NOUNS
        and short not in DEMONYMS
        and not _country(short)
    )


# Words that end a company's full name and that its short name leaves out.
_CORPORATE_WORDS = words("industry industries group holdings international corporation company")


def _short_forms(key: str) -> list[str]:
    """Shorter names of the organisation ``key``: without its company form ("brewpole" for
    "brewpole bv") or without the nationality before it ("commerce ministry")."""
    parts = key.split()
    out: list[str] = []
    core = parts
    while len(core) > 1 and core[-1] in COMPANY_SUFFIXES:
        core = core[:-1]
    if len(core) > 1 and core[-1] in ("and", "&"):
        core = core[:-1]
    if core != parts:
        out.append(" ".join(core))
    # "shanghai automotive" of "shanghai automotive industry corp": the words that only
    # say it is a company go too, as long as two words of the name are left
    while len(core) > 2 and core[-1] in _CORPORATE_WORDS:
        core = core[:-1]
        out.append(" ".join(core))
    first = parts[0]
    if len(parts) >= 3 and (first in DEMONYMS or _country(first)):
        out.append(" ".join(parts[1:]))
    return out


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
        if m.label == "GROUP":
            continue  # the names inside a group ("White House officials") are still found
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
    alternatives = "|".join(re.escape(form) for form, _ in forms)
    pattern = re.compile(r"(?<![\w.])(?:" + alternatives + r")(?=(?:'s|’s)?(?!\w))")
    # In a line of capitals, "BITAR" is Bitar: case-insensitive, and only forms long enough
    # not to be a common word in capitals ("WHO", "US").
    by_lower = {form.lower(): key for form, key in reversed(forms) if len(form) >= 4}
    shouted = re.compile(
        r"(?<![\w.])(?:"
        + "|".join(re.escape(form) for form, _ in forms if len(form) >= 4)
        + r")(?=(?:'s|’s)?(?!\w))",
        re.IGNORECASE,
    )
    for position, sentence, doc in parsed.pairs():
        if _is_widget(doc):
            continue  # "Share on Facebook": never a mention, however the name was learnt
        spans = taken.setdefault(position, [])
        shouting = _shouting(sentence.text)
        if shouting and not by_lower:
            continue
        for found in (shouted if shouting else pattern).finditer(sentence.text):
            start, end = found.span()
            if any(s < end and start < e for s, e in spans):
                continue
            spans.append((start, end))
            key = by_lower[found.group().lower()] if shouting else by_form[found.group()]
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
    sure = Counter(m.kind for m in cluster.mentions if m.sure)
    if sure:
        cluster.kind = sure.most_common(1)[0][0]
    elif any(m.kind == "person" and len(m.key.split()) >= 2 for m in cluster.mentions):
        cluster.kind = "person"
    elif "country" in kinds:
        cluster.kind = "country"
    else:
        ranked = kinds.most_common()
        tied = {k for k, n in ranked if n == ranked[0][1]}
        # A one-word name that is as often a person as an organisation is not a surname (it
        # would have joined its full name): "Victoria" the team, typed both ways.
        if {"person", "organisation"} <= tied and " " not in cluster.key:
            cluster.kind = "organisation"
        else:
            cluster.kind = ranked[0][0]
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


# --- which actors are key ------------------------------------------------------------------
#
# The briefing lists the actors that take part in the story (bench/gold/README.md): those
# that act or are acted upon, speak, or are parties to an agreement. A name that is only
# where something happened ("in London"), inside a title ("Chelsea chairman", "German
# Chancellor") or in passing is a mention, not a key actor.

# Prepositions whose object takes part in what its head says: "a deal with Iran", "a bid
# from Holcim", "sued by the SEC", "a move to Atletico Madrid".
_PARTY_PREPS = words("by with from against between among to for into over alongside")
# A country after "to" or "from" is mostly a place ("exports to China", "flew from Spain").
_COUNTRY_PREPS = words("by with between among against")
# Nouns through which their owner acts: "Iran's parliament voted", "the Kansas government".
_OWNED_HEADS = _INSTITUTIONS | words(
    "government ministry regime military army leadership authorities administration "
    "officials forces troops board party club side team company firm group camp"
)
# Owned heads that a country or a city only describes when it is an adjective or a
# compound: "the Italian firm", "the Welsh club", "a Kansas company" say where the firm is
# from, not that the country acts (unlike "Italy's government" or "the Kansas government").
# "Side", "team" and "camp" are left out: "the England side" is the country's own team.
_MEMBER_HEADS = words("board party club company firm group")
# Verbs and prepositions that introduce members or examples of something else: "whose
# brands include Penfolds and Lindemans", "stores like Macy's", "firms such as Shell". A
# list member or an example is named, not acting (the guideline's rule 4).
_LISTING_VERBS = words("include comprise feature")
_LISTING_PREPS = words("like including")
# Event words that never end a person's name (unlike "Day" or "Christmas").
_EVENT_HEADS = words(
    "election elections referendum cup games olympics summit conference festival "
    "championship championships tournament awards"
)
# Last words of places that are never a surname, unlike "Park" or "Lane": "Elland Road",
# "Euston Station", "the International Space Station" are places whatever the tagger says.
_PLACE_ENDINGS = words("road avenue station stadium arena velodrome")
# Roles of the reporters who write the story: when they only report ("said BBC labour
# affairs correspondent Stephen Cape"), they are not actors in it.
_REPORTERS = words("correspondent reporter editor presenter columnist journalist")
# Prepositions that make their object a side of what happens, strongly enough for the lead
# (rule 3): "a deal with Iran", "sued by the SEC", "talks between India and Pakistan". After
# the others ("gas from Russia", "a move to Atletico") a name must also be named again.
_STRONG_PREPS = words("by with between among against")
# Nouns for something done to their object or owner: "the sacking of Paul Downton",
# "Downton's demise", "the sale of the Dome" name who undergoes the event.
_EVENT_NOUNS = words(
    "sacking dismissal firing ousting ouster appointment resignation departure arrest death "
    "demise killing murder release removal replacement exit signing sale purchase "
    "acquisition takeover collapse bankruptcy conviction trial sentencing capture "
    "suspension expulsion nomination election choice selection"
)
# Nouns of an act whose possessor does it: "Arsenal's offer", "the board's decision".
_AGENT_NOUNS = words("offer bid proposal decision approach")
# Verbs whose object is where someone goes, not who is acted upon: "fled Argentina",
# "since leaving Downing Street", "visited China".
_MOTION_VERBS = words(
    "leave flee visit enter reach tour cross travel fly return arrive escape quit"
)
# Verbs that report words, in a clause attached to a name ("Tom Harrison, who confirmed",
# "with Alicia Castro calling it ..."); narrower than the quote extractor's list, where
# "pleaded guilty" or "welcomed" would not report anything said.
_CLAUSE_SPEECH = words(
    "say tell add confirm announce deny insist claim warn state explain admit call describe "
    "declare reveal"
)
# Words whose "with", "to" or "from" object is only compared ("compared with Tesco",
# "similar to Airbus"): a comparison does not count as acting (the guideline's rule 4).
_COMPARING = words("compare comparison similar relative contrast equivalent akin")
# Words of leaving an office or a body, whose "from" object is only what was left ("stood
# down from Parliament", "his resignation from the board"), unlike a transfer's club ("joined
# Spurs from Manchester City").
_LEAVING = words(
    "resign retire stand step withdraw leave quit absence resignation retirement departure exit"
)
# Speech verbs whose passive agent said something ("were criticised by Ian Holloway", "was
# hailed by the minister"); not "written by" or "posted by", which name an author.
_PASSIVE_SPEECH = words(
    "praise criticise criticize condemn accuse blast slam hail welcome describe announce "
    "warn urge confirm"
)
# People whose words are those of whom they speak for.
_SPOKESPEOPLE = words("spokesman spokeswoman spokesperson representative")
# Relative pronouns that make a relative clause's verb its antecedent's: "Tom Harrison,
# who confirmed ..." says what Harrison did.
_RELATIVES = words("who which that")
# Verbs of reporting with which an outlet only reports ("the Times understands") rather than
# acts ("The Mail on Sunday is campaigning", "the BBC decided").
_REPORTING = words(
    "understand learn report reveal obtain see publish print run carry claim say tell ask "
    "contact approach quote cite interview broadcast air disclose"
)
# How a mention takes part in its sentence, from weakest to strongest.
_TITLE, _NAMED, _SPEAKS, _TAKES_PART, _ACTS = range(5)
# Sentences at the start of an article that name what the news is (rule 3 of the guideline).
_LEAD = 2


def _part(m: _Mention, doc: Doc, speech: frozenset[str], sports: bool = False) -> int:
    """How the mention ``m`` takes part in its sentence, from the dependency parse.

    ``_ACTS``: it acts or is acted upon (a subject, an object, "a deal with X", "sued by X");
    ``_TAKES_PART``: it is the object of a weaker preposition ("a move to X", "gas from X");
    ``_SPEAKS``: it is the subject of a speech verb or "according to X"; ``_NAMED``: it is
    only named (a possessor, a location, a comparison); ``_TITLE``: it is part of someone's
    title or of another name ("Chelsea chairman", "German Chancellor", "a Kansas law").
    In a sports report (``sports``) a team met "against" or "over" in a game is only named:
    the opponent, not a party to the story (a player met so is a participant and still acts).
    """
    if m.row:
        return _ACTS  # a result, a line-up, a scorer: the team or player took part
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return _NAMED
    tok = span.root
    if (
        not m.name_like
        and span.end < len(doc)
        and (doc[span.end].tag_ in ("NN", "NNS") or doc[span.end].lower_ in TITLE_HEADS)
        and doc[span.end].lower_ not in _OWNED_HEADS
    ):
        # "The French forward suffered": a nationality, whatever the parse (not "Russian
        # authorities", through whom the country acts)
        return _NAMED
    if tok.dep_ in ("compound", "amod", "nmod", "poss") and tok.head.i != tok.i:
        head = tok.head
        if head.lower_ in _MEMBER_HEADS and tok.dep_ != "poss" and m.kind in ("country", "place"):
            return _NAMED  # "the Italian firm", "the Welsh club": where it is from
        if head.lower_ in _OWNED_HEADS and head.i > tok.i:
            tok = head  # "Iran's parliament voted": the country acts through it
        elif head.lower_ in TITLE_HEADS or head.lower_ in TITLE_MODIFIERS or head.ent_type_:
            return _TITLE  # "Juventus striker Carlos Tevez", "Boca Juniors president"
        elif tok.dep_ == "poss" and head.lower_ in _EVENT_NOUNS and m.kind != "place":
            return _ACTS  # "Downton's demise": he undergoes it
        elif tok.dep_ == "poss" and head.lower_ in _AGENT_NOUNS and m.kind != "place":
            return _ACTS  # "Arsenal's current offer": the club makes it
        else:
            return _NAMED  # "Turkcell's stake", "an SNP vote": named, but not acting
    if (
        m.kind in ("organisation", "group")
        and span.start > 0
        and doc[span.start - 1].lower_ in ("a", "an")
        and not m.row
    ):
        return _NAMED  # "led by a Porsche", "an Airbus": one of its products, not the firm
    chain = [tok]
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        if tok.dep_ == "appos" and m.label == "NORP":
            return _NAMED  # "said Senator Laura Whitfield, a Democrat": describes her
        tok = tok.head  # "Tony Blair and Gordon Brown", "Holcim, the cement maker,"
        chain.append(tok)
    if m.kind in ("person", "organisation") and (
        any(_speaks_in_clause(t) for t in chain)
        or (
            span.end < len(doc)
            and doc[span.end].tag_ == "VBG"  # whatever the parser attached it to
            and doc[span.end].lemma_.lower() in _CLAUSE_SPEECH
        )
    ):
        return _SPEAKS  # "Tom Harrison, who confirmed ...", "with Alicia Castro calling ..."
    if _listed(tok):
        return _NAMED  # "whose brands include Penfolds, Rosemount and Lindemans"
    dep = tok.dep_
    if dep in ("nsubj", "nsubjpass", "csubj", "agent"):
        verb = tok.head
        if dep == "nsubj" and verb.lemma_.lower() in speech:
            return _SPEAKS
        if (
            dep == "nsubj"
            and verb.lemma_ == "be"
            and not any(
                c.dep_ in ("acomp", "xcomp", "prep") and c.lemma_ != "of" for c in verb.children
            )
        ):
            return _NAMED  # "Kansas is the first state": described, not acting
        return _ACTS
    if dep in ("dobj", "iobj", "dative", "oprd"):
        if (
            sports
            and m.kind != "person"
            and dep == "dobj"
            and tok.head.lemma_.lower() in _MEETING_VERBS
        ):
            return _NAMED  # "likely to face Chelsea on Sunday": the opponent
        if (
            dep == "dobj"
            and tok.head.lemma_.lower() in _MOTION_VERBS
            and (m.kind in ("country", "place") or _key(m.surface) in GOVERNMENT_SEATS)
        ):
            return _NAMED  # "fled Argentina", "since leaving Downing Street": a place
        return _ACTS
    if dep == "pobj" and tok.head.i != tok.i:
        prep = tok.head
        word = prep.lower_
        if word == "to" and prep.head.lower_ == "according":
            return _SPEAKS
        if prep.dep_ == "agent" and prep.head.lemma_.lower() in _PASSIVE_SPEECH:
            return _SPEAKS  # "were criticised by Millwall manager Ian Holloway"
        if word == "for" and _speaks_for(prep.head, speech):
            return _SPEAKS  # "a spokesman for the prosecutor, Alan Hevesi, said"
        if word == "of" and _event_of(prep) and m.kind != "place":
            return _ACTS  # "the sacking of Managing Director Paul Downton"
        if prep.head.lemma_.lower() in _COMPARING:
            return _NAMED  # "sales rose 4% compared with Tesco": a comparison
        if word == "from" and prep.head.lemma_.lower() in _LEAVING:
            return _NAMED  # "he stood down from Parliament": where he left, not a party
        if m.kind != "person" and (
            (sports and word in ("against", "over") and prep.head.lemma_.lower() != "bid")
            or (word in ("against", "with") and _match_of(prep))
        ):
            return _NAMED  # "his goal against QPR", "a draw with Everton": the opponent
        if word == "alongside" and prep.i < prep.head.i:
            return _NAMED  # "Alongside Ali and Infantino, four others stand": in addition
        if word in _PARTY_PREPS and (m.kind != "country" or word in _COUNTRY_PREPS):
            return _ACTS if word in _STRONG_PREPS else _TAKES_PART
    return _NAMED


# A game and what players do in one: the team it is "against" (or a draw "with") is only
# the opponent there, unlike a club a deal or a dispute is "with".
_MATCH_WORDS = words(
    "game match tie draw friendly fixture clash win victory defeat loss goal shot "
    "score play debut injure injury hat-trick"
)


# Verbs of meeting a team in a game, whose object is only the opponent.
_MEETING_VERBS = words("face play meet host entertain")


def _match_of(prep: Token) -> bool:
    """Whether the preposition ``prep`` ("against", "with") hangs on a game or on what a
    player does in one: "the friendly against Hungary", "scoring against Everton"."""
    head = prep.head
    if prep.lower_ == "with":
        return head.lemma_.lower() == "draw"
    return head.lemma_.lower() in _MATCH_WORDS


def _speaks_for(noun: Token, speech: frozenset[str]) -> bool:
    """Whether ``noun`` is a spokesperson who says something: the one it speaks for speaks
    through it ("a spokesman for the ministry said ...")."""
    return (
        noun.lower_ in _SPOKESPEOPLE and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in speech
    )


def _listed(tok: Token) -> bool:
    """Whether ``tok`` (the first of its coordination) is a member or an example in a list:
    the object of "include" ("whose brands include Penfolds"), or of "like", "including" or
    "such as" ("stores like Macy's", "firms such as Shell")."""
    head = tok.head
    if head.i == tok.i or any(c.dep_ == "relcl" for c in tok.children):
        return False  # "winners included Ann Lee, who took home two awards": she acts
    if tok.dep_ == "dobj":
        return head.lemma_.lower() in _LISTING_VERBS
    if tok.dep_ != "pobj":
        return False
    if head.lower_ in _LISTING_PREPS:
        return True
    # "such as": "as" is the preposition, "such" its head or its modifier
    return head.lower_ == "as" and (
        head.head.lower_ == "such"
        or any(c.lower_ == "such" for c in head.children)
        or (head.i > 0 and tok.doc[head.i - 1].lower_ == "such")
    )


def _event_of(prep: Token) -> bool:
    """Whether the "of" ``prep`` hangs on an event noun, past a date the parser may have
    attached it to: "the sacking (on Monday) of ..."."""
    head = prep.head
    for _ in range(3):
        if head.lower_ in _EVENT_NOUNS:
            return True
        if head.pos_ == "VERB" or head.head.i == head.i:
            return False
        head = head.head
    return False


def _speaks_in_clause(tok: Token) -> bool:
    """Whether a clause attached to ``tok`` reports what it said: a relative clause with
    a relative pronoun as subject ("Tom Harrison, who confirmed ...") or a participle
    ("with its ambassador calling the plate 'malicious mockery'")."""
    for child in tok.children:
        if child.i < tok.i or child.lemma_.lower() not in _CLAUSE_SPEECH:
            continue
        if child.dep_ == "relcl" and any(
            c.dep_ == "nsubj" and c.lower_ in _RELATIVES for c in child.children
        ):
            return True
        if child.dep_ == "acl" and child.tag_ == "VBG":
            return True
    return False


# An opening quotation mark that does not elide a year: "said: ‘I can’t", not "'03".
_OPENER = re.compile(r"(?:^|(?<=[\s:(]))[‘“'\"](?!\d\d\b)")


def _quoted(parsed: Parsed) -> list[list[tuple[int, int]]]:
    """For each sentence, the character ranges inside quotation marks."""
    from briefing.extract.quotes import _paragraphs, quote_spans

    out: list[list[tuple[int, int]]] = [[] for _ in parsed.sentences]
    for paragraph in _paragraphs(parsed):
        text = paragraph.text
        spans: list[tuple[int, int]] = []
        for span in quote_spans(text):
            a, b = span.start, span.end
            if re.match(r"\d\d\b", text[a : a + 3]) and text[a - 1 : a] in ("'", "’"):
                # "Feb 24, '90": an apostrophe eliding a century opens no quotation; the
                # quotation, if any, opens at the next opening mark
                opener = _OPENER.search(text, a, b)
                if opener is None:
                    continue
                a = opener.end()
            spans.append((a, b))
        for position, start, end in paragraph.offsets:
            for a, b in spans:
                if a < end and start < b:
                    out[position].append((max(a, start) - start, min(b, end) - start))
    return out


def _is_outlet(name: str) -> bool:
    """A newspaper, broadcaster or wire ("Financial Times", "BBC Sport", "Sky Sport Italia")."""
    if _known_outlet(name):
        return True
    key = _publisher_key(name)
    # "The Mail on Sunday", "Journal of Industrial Medicine", "Times of India"
    key = re.sub(r" on sunday$", "", key).split(" of ")[0]
    parts = key.split()
    return bool(parts) and (
        parts[-1] in OUTLET_WORDS or any(w in ("sport", "sports", "tv", "radio") for w in parts)
    )


def _known_outlet(name: str) -> bool:
    """A newspaper, broadcaster or wire of the gazetteer's lists ("the Telegraph",
    "Reuters"), not only shaped like one ("American Express" is a company)."""
    key = _publisher_key(name)
    if key in NEWS_OUTLETS or _key(name) in NEWS_OUTLETS:
        return True
    # "Agence France Presse", however it is hyphenated
    return key.replace("-", " ") in {a.replace("-", " ") for a in NEWS_AGENCIES}


def _possessed(name: str) -> bool:
    """Whether ``name`` is something someone owns: "Clarkson’s Porsche" (not "McDonald's
    Corp" or "Sainsbury's Bank", whose last word makes a company)."""
    parts = re.split(r"['’]s\s+", name, maxsplit=1)
    return len(parts) == 2 and bool(parts[0]) and parts[1].lower() not in _PERSONLESS_ENDINGS


# Nouns after a show's name: "the Top Gear series", "the Top Gear production team".
_PROGRAMME_AFTER = re.compile(
    r"^\s+(?:production\s+)?(?:series|show|special|programme|program|episode|team|film|"
    r"presenters?)\b"
)


def _programme(cluster: _Cluster, parsed: Parsed) -> bool:
    """Whether a name the tagger took for a person or a place is a show's ("the Top Gear
    series"): a programme is never an actor, whoever makes it."""
    if cluster.kind not in ("person", "place"):
        return False
    texts = parsed.document.sentences
    return any(
        m.name_like and _PROGRAMME_AFTER.match(texts[m.sentence].text[m.end :])
        for m in cluster.mentions
    )


# Nouns after an outlet's name: "the Interfax news agency", "the Kommersant newspaper".
_OUTLET_AFTER = re.compile(
    r"^\s+(?:news\s+agency|newspaper|news\s+service|wire\s+service|news\s+website|"
    r"magazine|tabloid|daily|weekly|broadsheet)\b"
)


def _described_as_outlet(cluster: _Cluster, parsed: Parsed) -> bool:
    """Whether the text calls the actor a news outlet ("quoted by the Agence France Presse
    news agency")."""
    if cluster.kind in ("country", "group"):
        return False  # "Russian newspaper Vedomosti": the paper's country, not the paper
    texts = parsed.document.sentences
    return any(
        m.name_like and _OUTLET_AFTER.match(texts[m.sentence].text[m.end :])
        for m in cluster.mentions
    )


def _outlet_acts(
    cluster: _Cluster, docs: Sequence[Doc], quoted: list[list[tuple[int, int]]]
) -> bool:
    """Whether a news outlet is itself an actor: the subject of what it does outside quoted
    words ("The Mail on Sunday is campaigning", "the BBC deciding not to renew"), not of
    how it reports ("the Times understands")."""
    for m in cluster.mentions:
        if not m.subject or any(a <= m.start < b for a, b in quoted[m.sentence]):
            continue
        span = docs[m.sentence].char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        tok = span.root
        while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
            tok = tok.head
        verb = tok.head
        if tok.dep_ != "nsubj" or verb.pos_ not in ("VERB", "AUX"):
            continue
        if verb.lemma_.lower() not in _REPORTING and verb.lemma_.lower() != "be":
            return True
    return False


# A possessor right before a name: "The BBC's Paul Reynolds", "CNN's Ana Ruiz".
_POSSESSOR_BEFORE = re.compile(r"([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})['’]s\s+$")


def _outlets_own(m: _Mention, parsed: Parsed) -> bool:
    """Whether the mention is of a news outlet's own staff ("The BBC's Paul Reynolds
    says"): one who reports, like a correspondent, and speaks only when quoted."""
    before = _POSSESSOR_BEFORE.search(parsed.document.sentences[m.sentence].text[: m.start])
    return before is not None and _known_outlet(before[1])


def _key_names(parsed: Parsed, clusters: dict[str, _Cluster]) -> tuple[set[str], set[str]]:
    """The actors the text shows taking part, and those that can never be key actors.

    An actor is key when, outside quoted words, it acts or is acted upon in one of the first
    two sentences, it speaks ("Russia said", "according to the ministry"), or it is named in
    two or more sentences and acts in one of them (the guideline in ``bench/gold/README.md``;
    rules 1 and 2 for agreements and quotes are added by :func:`key_actors`). Places count
    only when they act as a polity ("Western Australia decided"), not when someone only
    goes there ("fled Argentina"); an outlet counts only when it acts rather than reports
    ("The Mail on Sunday is campaigning"); bare demonyms ("European"), shows ("the Top Gear
    series"), possessions ("Clarkson's Porsche") and venues ("Elland Road") never count.
    What :func:`_part` reads as only naming does not make an actor act: a list member or an
    example ("whose brands include Penfolds"), a comparison ("compared with Tesco"), what
    someone left ("stood down from Parliament"), the country a firm is from ("the Italian
    firm").
    """
    from briefing.extract.quotes import SPEECH_VERBS

    quoted = _quoted(parsed)
    docs = parsed.docs
    sports = _is_sports(parsed)
    key: set[str] = set()
    never: set[str] = set()
    for cluster in clusters.values():
        if cluster.kind == "group" and all(m.label == "GROUP" for m in cluster.mentions):
            never.add(cluster.name)  # "Chinese officials": unnamed, only a party or speaker
            continue
        last = cluster.name.split()[-1].lower()
        if (
            _possessed(cluster.name)
            or _programme(cluster, parsed)
            or (
                (_is_outlet(cluster.name) or _described_as_outlet(cluster, parsed))
                and not _outlet_acts(cluster, docs, quoted)
            )
            or all(not m.name_like for m in cluster.mentions)
            or (
                last in EVENT_WORDS
                and (cluster.kind != "person" or last in _EVENT_HEADS)
                and not _is_outlet(cluster.name)  # "The Mail on Sunday" is no day
            )
            or (last in VENUE_WORDS and cluster.kind != "person" and " " in cluster.name)
            or (last in _PLACE_ENDINGS and " " in cluster.name)
        ):
            # "Financial Times", "European", "General Election", "Rugby Park"
            never.add(cluster.name)
            continue
        reporter = cluster.kind == "person" and (
            any(w in _REPORTERS for w in (cluster.role or "").lower().split())
            or any(_outlets_own(m, parsed) for m in cluster.mentions)
        )
        named: set[int] = set()
        acting: set[int] = set()
        spoke = lead = False
        for m in cluster.mentions:
            if any(a <= m.start < b for a, b in quoted[m.sentence]):
                continue
            part = _part(m, docs[m.sentence], SPEECH_VERBS, sports)
            if part == _TITLE:
                continue
            named.add(m.sentence)
            if part == _SPEAKS and not reporter:
                spoke = True
            if part >= _TAKES_PART and (cluster.kind != "place" or m.subject):
                acting.add(m.sentence)
                # a team in a result or a player in a line-up is what a results story reports
                lead = lead or (part == _ACTS and m.sentence < _LEAD) or m.row
        if cluster.kind == "place" and not any(
            m.subject for m in cluster.mentions if m.sentence in acting
        ):
            never.add(cluster.name)
            continue
        if lead or spoke or (len(named) >= 2 and acting):
            key.add(cluster.name)
    return key, never


def key_actors(
    index: ActorIndex,
    agreements: Sequence[Agreement] = (),
    quotes: Sequence[Quote] = (),
    limit: int | None = MAX_ACTORS,
) -> tuple[Actor, ...]:
    """The actors a briefing lists: those that take part in the story, by salience.

    An actor of ``index`` is listed when the text shows it taking part (``index.key``: it
    acts in the lead, speaks, or is named twice and acts), when it is a party to one of
    ``agreements`` or when it speaks one of ``quotes``; news outlets, unnamed groups and
    places that are only where something happened are left out (``index.never``), unless
    they are a party to an agreement (cities and outlets even then: a party that is only a
    place or a source is a misparse). When nothing qualifies, the most salient person or
    organisation is kept, so a story is never without actors because its parse was poor.
    """
    parties = {p for a in agreements for p in a.parties}
    speakers = {q.speaker for q in quotes if q.speaker}
    listed: list[Actor] = []
    for actor in index.actors:
        if actor.name in parties and not (
            # a city or a news outlet that never acts is no side of a deal, whatever the
            # agreement's parse says ("a report in the Telegraph", "a move from Northampton");
            # a "place" in capitals is a company the tagger mistyped ("a deal with BT")
            actor.name in index.never
            and ((actor.kind == "place" and not actor.name.isupper()) or _known_outlet(actor.name))
        ):
            listed.append(actor)
        elif actor.name in index.never:
            continue
        elif actor.name in index.key or actor.name in speakers:
            listed.append(actor)
    if not listed:
        listed = [a for a in index.actors if a.kind in ("person", "organisation")][:1]
    return tuple(listed[:limit])


def find_actors(
    parsed: Parsed, summary_indices: Sequence[int] = (), limit: int | None = MAX_ACTORS
) -> ActorIndex:
    """The document's actors, ranked by salience, and the index of all their mentions.

    ``limit`` caps the ranked actors (``None``: all of them, as the evaluation needs); the
    mention index always covers every actor.
    """
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
            if m.styled and _key(m.styled) not in seen:
                seen.add(_key(m.styled))
                aliases.append(m.styled)  # "Lord Woolf": how the text names him
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
            if m.styled:
                names.setdefault(_key(m.styled), cluster.name)
    by_sentence: list[list[MentionRef]] = [[] for _ in document.sentences]
    for m in mentions:
        if m.label == "GROUP":
            continue  # "Russian troops": the index keeps the mention of Russia inside it
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
    key, never = _key_names(parsed, clusters)
    return ActorIndex(
        actors=tuple(actors),
        mentions=tuple(tuple(refs) for refs in by_sentence),
        names=names,
        kinds={c.name: c.kind for c in clusters.values()},
        roles={c.name: c.role for c in clusters.values() if c.role and c.kind == "person"},
        key=frozenset(key),
        never=frozenset(never),
    )
