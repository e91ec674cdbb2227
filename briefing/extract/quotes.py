"""Quotes: words the article puts in quotation marks, with who said them.

Quotation marks are matched per paragraph, so a quote that Punkt split into several sentences
stays one quote. Straight and curly, double and single marks are recognised; a single mark
only opens after a space or at the start and only closes before a space or punctuation, so
apostrophes ("don't", "Putin's") never open or close a quote.

A quote's text is exactly the characters between the marks (sentences of one paragraph are
joined by one space); a trailing comma is dropped. The speaker comes from the sentences the
quote spans: ``according to X``, a speech verb's subject (``X said``, ``said X``,
``X told reporters:``, ``X praised``, ``quoted X as saying``, ``with X claiming``), a name
followed by a colon. Pronouns and descriptions ("he", "the former prime minister", "the
company") are resolved by :class:`Resolver`: the subject of the nearest clause before that
names an actor of the right kind, never someone the quote itself talks about. A document
speaks for its writer ("Mr Crosby's statement said", then "It added"), "the spokesperson"
for the body an earlier "spokesperson for X" named. A quote that stands alone (also one
glued to a scraped caption) goes to the speaker named by the sentence just before it, or else
continues the quote before it; a "But that ..." clause carries on the speech of the sentence
before; a partial quote inside a main clause with no speech verb is that clause's subject's.
A speaker the article leaves unnamed ("one analyst said", "officers announced") gives
``None`` and is never replaced by someone named further away. Unknown speakers stay
``None``: a quote is never attributed by guesswork beyond that.

Also read as attribution: phrasal speech verbs ("He went on:"), "X, professor of Y, who
said:", "is the verdict of X", "the statement said" for the statement named a few lines
before, and a new person brought in as a main subject just before a lone quote. A document
addressed to someone ("a memo for Mr Heath") is not theirs, and one with no named writer,
like "an official" of a body, is an unnamed speaker. Scraped captions are no antecedents,
and the names in a caption a runaway quote swallowed are not "talked about" by the quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.extract.actors import ActorIndex, MentionRef
from briefing.extract.gazetteer import DEMONYMS, GENERIC_NOUNS, TITLE_HEADS, words
from briefing.extract.nlp import Parsed
from briefing.models import Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MIN_WORDS = 4
MAX_QUOTES = 12

SPEECH_VERBS = words(
    """
    say tell add state warn insist argue note explain declare ask reply write announce claim
    comment continue remark admit acknowledge stress urge vow promise caution describe tweet
    post respond suggest predict confirm deny complain recall conclude emphasise emphasize
    observe testify quip joke shout whisper scream plead concede boast pledge assert maintain
    reiterate tell call report praise criticise criticize welcome hail accuse condemn dismiss
    defend blast slam quote recommend demand
    """
)
# Inflected forms for the fallback that works on raw text rather than the parse.
_SPEECH_FORMS = words(
    "said says told tells added adds stated warned insisted argued noted explained declared "
    "asked replied wrote announced claimed commented continued admitted stressed urged "
    "vowed promised cautioned described tweeted posted responded confirmed denied "
    "saying telling adding claiming insisting warning arguing noting explaining declaring "
    "describing calling praised criticised criticized welcomed"
)
# Phrasal verbs that introduce speech in news copy: "He went on: '...'", "Smith hit back:".
# The particle is what makes "go" speak, so the pair is checked, never the verb alone.
_PHRASAL_SPEECH = frozenset(
    {("go", "on"), ("carry", "on"), ("point", "out"), ("hit", "back"), ("fire", "back")}
)
_PERSON_PRONOUNS = words("he she him her")
# Speech verbs whose object is the one spoken to: "told reporters", "telling Sky Sport Italia".
_TELLING = words("tell ask inform assure remind brief")
_THING_PRONOUNS = words("it")
# Documents that "read" or "say" what their writer wrote: "The letter reads: ...".
_DOCUMENTS = words("letter statement note email e-mail message memo notice")
# Common nouns for people who speak without being named: "one analyst said", "officers
# announced", "a senior official told the newspaper".
_UNNAMED_HEADS = words(
    """
        official officer police policeman source analyst expert critic campaigner resident
        witness observer economist insider aide investigator authority spokesman spokeswoman
        spokesperson people fan supporter worker employee member staff lawmaker diplomat
        executive activist opponent protester parent doctor scientist researcher trader dealer
        banker broker commentator organiser organizer neighbour neighbor friend relative person
        colleague customer passenger voter student teacher prosecutor lawyer nurse soldier
        pilot driver
        """
)
_INDEFINITE = words("a an another some several many")
# A speaker the article does not name: the quote has one, it is just not an actor.
UNNAMED = ""
# The gender a pronoun shows, and the evidence for a person's (see Resolver.gender).
PRONOUN_GENDERS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
# Only the subject and reflexive forms count as evidence: "Rojo invited her to his flat"
# says nothing about Rojo's gender through "her".
_HE = re.compile(r"\b(?:he|himself)\b")
_SHE = re.compile(r"\b(?:she|herself)\b")
_HIS = re.compile(r"\bhis\b")
# "Rojo's wife": the partner's word says what the person is ("wife" makes Rojo a man).
_SPOUSE = re.compile(
    r"^[’']s?\s+(wife|husband|girlfriend|boyfriend|widow|widower|fiancee|fiance)\b"
)
# The partners whose word makes the person a woman: "her husband", "X's boyfriend".
_FEMALE_PARTNERS = frozenset({"husband", "boyfriend", "widower", "fiance"})
_TITLE_GENDERS = {
    "mr": "m",
    "sir": "m",
    "lord": "m",
    "ms": "f",
    "mrs": "f",
    "miss": "f",
    "lady": "f",
    "dame": "f",
    "baroness": "f",
}
_TITLE_BEFORE = re.compile(r"\b(Mr|Sir|Lord|Ms|Mrs|Miss|Lady|Dame|Baroness)\.?\s+$", re.I)
_MALE_WORDS = words(
    "man husband father son brother boy boyfriend king prince duke grandfather uncle nephew "
    "spokesman chairman businessman sportsman actor"
)
_FEMALE_WORDS = words(
    "woman wife mother daughter sister girl girlfriend queen princess duchess grandmother "
    "aunt niece spokeswoman chairwoman businesswoman sportswoman actress widow mum"
)
# Possessive pronouns and the kind of actor they stand for: "his statement", "its letter".
_POSSESSIVE_PRONOUNS = {"his": "person", "her": "person", "its": "thing"}
_SPEAKER_KINDS = frozenset({"person", "organisation", "country"})
# Verbs that make someone's stance plain, so that a lone quote right after is theirs: "But
# Stewart made clear he would only take the job if ...".
_STANCE = words("believe think feel insist reveal express admit hope want")
_OPENERS = {'"': '"', "“": "”", "‘": "’", "'": "'"}
_SINGLE = frozenset({"'", "‘", "’"})


@dataclass(frozen=True)
class _Span:
    """A quote in paragraph coordinates: the characters between its marks."""

    start: int
    end: int
    closed: bool


def quote_spans(text: str) -> list[_Span]:
    """The quoted stretches of ``text`` (a paragraph or sentence), in order, outermost only.

    A double mark left open runs to the end of ``text``; a single one is dropped.
    """
    spans: list[_Span] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c not in _OPENERS or not _opens(text, i):
            i += 1
            continue
        end = _closing(text, i)
        if c in _SINGLE and end >= n:
            # an unclosed single mark is far likelier an apostrophe than a quote
            i += 1
            continue
        spans.append(_Span(i + 1, min(end, n), end < n))
        i = end + 1
    return spans


def _closing(text: str, i: int) -> int:
    """Where the quote opened at ``i`` closes (``len(text)`` when it does not)."""
    c = text[i]
    closer = _OPENERS[c]
    possessive: int | None = None
    skip_to = -1
    for j in range(i + 1, len(text)):
        ch = text[j]
        if possessive is not None and ch in _OPENERS and _opens(text, j):
            # "'chaos and constitutional crisis' at Westminster ... 'patriotic Scots'": a new
            # quote opens before any sure close, so the "possessive" was the close.
            return possessive
        if not (ch == closer or (c == "‘" and ch == "'") or (c == "'" and ch == "’")):
            continue
        if c == '"' and _opens(text, j) and j > i + 1:
            # a title quoted inside the quote: "... stars in the series "Modern Family" -- but"
            inner = text.find('"', j + 1)
            if inner > 0 and _is_title(text[j + 1 : inner]):
                skip_to = inner
        if j <= skip_to:
            continue
        verdict = _closes(text, j)
        if verdict == "close":
            return j
        if verdict == "maybe" and possessive is None:
            possessive = j
    # "the players' efforts" looked like a possessive; with no better closer it closes
    return possessive if possessive is not None else len(text)


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == "“":
        return True
    if text[i] in _SINGLE and re.match(r"\d\d(?:s\b|\b)(?![.,]\d)", text[i + 1 : i + 5]):
        return False  # an elided year, "Feb 24, '90" or "the '60s", opens nothing
    if after.isspace():
        # `he said. " I am asking to have it voided."`: a stray space after the mark
        return text[i] == '"' and before.isspace() and text[max(0, i - 2) : i - 1] in ".!?:"
    return before.isspace() or before in "([{—–-:“"


def _closes(text: str, j: int) -> str:
    """Whether the mark at ``j`` closes a quote: "close", "no", or "maybe" (a possessive)."""
    before = text[j - 1] if j > 0 else " "
    after = text[j + 1] if j + 1 < len(text) else " "
    if text[j] == "”":
        return "close"
    if before.isspace():
        return "no"
    if after.isalnum():
        return "no"  # an apostrophe inside a word: "don't", "Putin's"
    if text[j] in _SINGLE and re.match(r" [st](?![\w'’])", text[j + 1 : j + 4]):
        return "no"  # a scraped contraction with a stray space: "That’ s right", "don’ t"
    if text[j] in _SINGLE and before in "sS" and after == " ":
        # "the players' efforts": a plural possessive, unless a speech verb follows
        following = text[j + 2 : j + 20].split()
        if following and following[0].strip(".,;") in _SPEECH_FORMS:
            return "close"
        return "maybe"
    return "close"


@dataclass
class _Paragraph:
    text: str
    offsets: list[tuple[int, int, int]]  # (sentence position, start, end) in ``text``

    def sentences_in(self, start: int, end: int) -> list[int]:
        return [i for i, s, e in self.offsets if s < end and start < e]

    def local(self, sentence: int, pos: int) -> int:
        for i, s, _ in self.offsets:
            if i == sentence:
                return pos - s
        raise KeyError(sentence)


def _paragraphs(parsed: Parsed) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    current = -1
    for position, sentence in enumerate(parsed.sentences):
        if sentence.paragraph != current or not paragraphs:
            paragraphs.append(_Paragraph("", []))
            current = sentence.paragraph
        p = paragraphs[-1]
        if p.text:
            p.text += " "
        start = len(p.text)
        p.text += sentence.text
        p.offsets.append((position, start, len(p.text)))
    return paragraphs


def _word_count(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


def _is_title(text: str) -> bool:
    """A quoted title of a work or a slogan ("The Art of the Deal"), not speech."""
    ws = [w for w in text.split() if w[:1].isalpha()]
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with"}
    return (
        len(ws) <= 10
        and text.rstrip()[-1:] not in ".?!,"
        and all(w[0].isupper() or w.lower() in small for w in ws)
    )


# A seam where a scraped caption with no full stop runs into the next sentence: a lower-case
# word (or a closing bracket), then a word that only opens a sentence. "The" after "in" or
# "of" opens a title ("in The Times"), not a sentence, so those words are left out.
_SEAM = re.compile(
    r"\b([a-z][\w’'-]*|\))\s+(The|He|She|They|It|His|Her|Their|And|But|However)\s+(?=[a-z])"
)
_BEFORE_TITLES = words("in of on at to for from by with into the a an and or star read reading")

# Heads of descriptions that stand for a person: "the 39-year-old", "the Frenchman".
_PERSON_NOUNS = words(
    "man woman boy girl father mother son daughter husband wife peer politician campaigner "
    "veteran frenchman englishman "
    "irishman scotsman welshman dutchman frenchwoman englishwoman dane swede finn pole czech "
    "scot brit spaniard "
    # the people news copy names by what they do once their name has been given: "the agent
    # added", "the businessman said", "the former England international said"
    "agent solicitor barrister businessman businesswoman tycoon billionaire entrepreneur "
    "pundit commentator footballer cricketer golfer boxer athlete jockey international "
    "youngster teenager pensioner grandmother grandfather widow victim survivor witness "
    "surgeon academic lecturer historian journalist novelist musician champion winner "
    "medallist olympian rookie sheriff magistrate coroner detective constable referee"
)
# Heads of descriptions that stand for an organisation or a government.
_ORG_NOUNS = words(
    "agency department ministry office court council commission committee board authority "
    "regulator watchdog party association federation league body administration maker "
    "carmaker producer giant retailer lender insurer airline operator supplier side team"
)
# Of those, the ones that are rarely a mere stand-in: "the ministry" means a ministry.
_STRICT_ORG_NOUNS = words(
    "agency department ministry office court council commission committee board authority"
)
# The last word of a name that says what kind of body it is ("Premier League", "European
# Commission"); a description with another head ("the club") does not stand for it.
_BODY_KINDS = words(
    """
    agency department ministry office court council commission committee authority league
    federation association union party parliament assembly senate congress tribunal
    """
)
# Occupations that name someone in a lead before their name comes: "a former teacher".
_ROLE_NOUNS = words("teacher doctor nurse officer soldier pilot driver student worker banker")
# People who speak for an organisation: "a spokesman for the Kremlin" quotes the Kremlin.
# An anonymous "source" does not: "a Labour source told the paper" speaks for itself.
# An official is not one of them: "a UK Government official responded" is someone the
# article leaves unnamed, who speaks as a source rather than for the body (guideline: "a
# senior official said" has no speaker).
_SPOKES = words("spokesman spokeswoman spokesperson representative statement")
_DETERMINERS = words("the a an this that these those its their his her our")
# Plural descriptions of speakers who say something together, and the kind they are.
_PLURAL_KINDS: dict[str, tuple[str, ...]] = {
    "companies": ("organisation",),
    "firms": ("organisation",),
    "groups": ("organisation",),
    "clubs": ("organisation",),
    "countries": ("country",),
    "governments": ("country",),
    "leaders": ("person",),
}
_PLURAL_HEADS = words(
    "companies firms sides countries nations leaders men women clubs governments parties groups"
)


def clause_rank(token: Token) -> int:
    """How strongly ``token`` (part of a name) is what its clause is about.

    2: the subject (or passive agent) of a main clause; 1: of another clause; 0: anything
    else. A name inside a title or apposition ranks as the phrase it belongs to ("the Liberal
    Democrat's shadow home secretary, Mark Oaten, accused ..." makes Oaten the subject), but
    not a possessor ("Steve Bruce's side won" is about the side).
    """
    t = token
    while t.dep_ in ("compound", "flat", "appos", "conj", "nmod", "amod") and t.head.i != t.i:
        t = t.head
    if t.dep_ in ("nsubj", "nsubjpass"):
        verb = t.head
    elif t.dep_ == "pobj" and t.head.dep_ == "agent":
        verb = t.head.head
    else:
        return 0
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return 2 if verb.dep_ == "ROOT" else 1


class Resolver:
    """Turns pronouns and descriptions back into the actors they stand for.

    Mentions inside quotation marks are never antecedents: "I've had a word with Olof," he
    said, is not said by Olof.
    """

    def __init__(self, parsed: Parsed, index: ActorIndex) -> None:
        self.parsed = parsed
        self.index = index
        self.quoted: list[list[tuple[int, int]]] = [[] for _ in parsed.sentences]
        for paragraph in _paragraphs(parsed):
            for span in quote_spans(paragraph.text):
                for position, start, end in paragraph.offsets:
                    lo, hi = max(span.start, start), min(span.end, end)
                    if lo < hi:
                        self.quoted[position].append((lo - start, hi - start))
        self._ranks: dict[tuple[int, int], int] = {}
        self._genders: dict[str, str] | None = None
        self._titles: frozenset[str] | None = None
        self._captions: dict[int, int] = {}

    def gender(self, name: str) -> str | None:
        """ "m" or "f" when the article makes a person's gender plain, else None.

        Evidence, outside quotation marks: a title before a mention ("Ms Watson", "Mr
        Bereit"), a role word ("the chairwoman", "her husband"), and the pronouns that follow
        a mention in a sentence that names no other person ("Sarah Watson, 34, ... after she
        found herself accused"). Used so that "she said" never goes to a man.
        """
        if self._genders is None:
            self._genders = self._count_genders()
        return self._genders.get(name)

    def _count_genders(self) -> dict[str, str]:
        votes: dict[str, list[int]] = {}

        def vote(name: str, female: bool, weight: int = 1) -> None:
            votes.setdefault(name, [0, 0])[female] += weight

        for i, refs in enumerate(self.index.mentions):
            text = self.unquoted(i)
            people = sorted(
                (r for r in refs if r.kind == "person" and text[r.start : r.end].strip()),
                key=lambda r: r.start,
            )
            for n, ref in enumerate(people):
                title = _TITLE_BEFORE.search(text[max(0, ref.start - 10) : ref.start])
                if title:
                    vote(ref.name, _TITLE_GENDERS[title.group(1).lower()] == "f", 3)
                # up to the next person: "Rojo (left) and his representatives", "Rojo's wife"
                stop = people[n + 1].start if n + 1 < len(people) else len(text)
                near = text[ref.end : min(stop, ref.end + 40)].lower()
                if _HIS.search(near):
                    vote(ref.name, False)
                spouse = _SPOUSE.match(near)
                if spouse:
                    vote(ref.name, spouse.group(1) in _FEMALE_PARTNERS, 3)
            if len({r.name for r in people}) == 1:
                after = text[people[0].end :].lower()
                for _ in _HE.finditer(after):
                    vote(people[0].name, False)
                for _ in _SHE.finditer(after):
                    vote(people[0].name, True)
        for name, role in self.index.roles.items():
            words_ = set(re.findall(r"[a-z]+", role.lower()))
            vote(name, False, 2 * len(words_ & _MALE_WORDS))
            vote(name, True, 2 * len(words_ & _FEMALE_WORDS))
        genders: dict[str, str] = {}
        for name, (male, female) in votes.items():
            if male >= 2 and male >= 2 * female + 1:
                genders[name] = "m"
            elif female >= 2 and female >= 2 * male + 1:
                genders[name] = "f"
        return genders

    def caption_end(self, sentence: int) -> int:
        """Where the scraped image captions glued to the front of a sentence end (0: none).

        Scraped pages run captions into the text with no full stop: "... in private and public
        sectors Survival expert Bear Grylls said that he supports the scheme The plan was
        praised by the chairman of BT Mike Rake." A lower-case word followed by a capitalised
        word that only opens a sentence ("The", "He", "And") marks where one stopped and the
        next began; what comes before the last such seam is caption, not narrative, so its
        names are no antecedents for the pronouns that follow.
        """
        if sentence not in self._captions:
            text = self.unquoted(sentence)
            seams = [
                m.start(2) for m in _SEAM.finditer(text) if m.group(1).lower() not in _BEFORE_TITLES
            ]
            self._captions[sentence] = seams[-1] if seams else 0
        return self._captions[sentence]

    def inside_quote(self, sentence: int, start: int, end: int) -> bool:
        """Whether characters ``start:end`` of a sentence are quoted words."""
        return any(qs <= start and end <= qe + 1 for qs, qe in self.quoted[sentence])

    def unquoted(self, sentence: int) -> str:
        """A sentence with its quoted words blanked out, offsets kept."""
        chars = list(self.parsed.sentences[sentence].text)
        for start, end in self.quoted[sentence]:
            chars[start:end] = " " * (end - start)
        return "".join(chars)

    def narrative(self, sentence: int) -> bool:
        """Whether a sentence has words of its own outside quotation marks."""
        return sum(c.isalpha() for c in self.unquoted(sentence)) >= 3

    def rank(self, sentence: int, ref: MentionRef) -> int:
        """The :func:`clause_rank` of a mention.

        A name that opens its sentence ranks as a main subject whatever the parse says:
        "Tanabe, on his first official visit to Canada, called ..." is about Tanabe even when
        the tagger takes "Tanabe" for an adverb.
        """
        key = (sentence, ref.start)
        if key not in self._ranks:
            doc = self.parsed.docs[sentence]
            span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
            rank = clause_rank(span.root) if span is not None and len(span) else 0
            if rank == 0 and self._opens_sentence(sentence, ref):
                rank = 2
            self._ranks[key] = rank
        return self._ranks[key]

    def _opens_sentence(self, sentence: int, ref: MentionRef) -> bool:
        text = self.parsed.sentences[sentence].text
        if text[: ref.start].strip(" \"“‘'("):
            return False
        # "Putin's visit", "Tanabe and Marsh's talks": a possessor is not the subject
        return not re.match(r"(?:'s|’s|')", text[ref.end :])

    def opening_name(self, sentence: int, kinds: Sequence[str]) -> str | None:
        """The actor named first in a sentence, when the sentence opens with the name."""
        for ref in self.refs(sentence):
            if ref.kind in kinds and self._opens_sentence(sentence, ref):
                return ref.name
        return None

    def refs(self, sentence: int) -> tuple[MentionRef, ...]:
        """The actor mentions of a sentence."""
        return self.index.mentions[sentence] if 0 <= sentence < len(self.index.mentions) else ()

    def antecedent(
        self,
        sentence: int,
        char: int,
        kinds: Sequence[str] = ("person",),
        exclude: frozenset[str] = frozenset(),
        lookback: int = 3,
        depth: int = 2,
        gender: str | None = None,
    ) -> str | None:
        """The actor of ``kinds`` that a pronoun at ``char`` of ``sentence`` stands for.

        The nearest main-clause subject naming such an actor wins. Failing that, the nearest
        subject of another clause wins, the later one within a sentence. Failing both, the
        last mention before the pronoun wins. A subject may itself be a pronoun or a
        description ("The Prime Minister said ... He accused ..."). ``exclude`` are actors
        the pronoun cannot be, and ``gender`` ("m" for he, "f" for she) leaves out people the
        article shows to be of the other.
        """
        if gender is not None:
            exclude = exclude | {
                n for n in self.index.kinds if self.gender(n) not in (None, gender)
            }
        per_sentence: list[tuple[list[tuple[int, int, str]], list[str]]] = []
        i = sentence + 1
        while lookback >= 0 and i > 0:
            i -= 1
            if i < sentence and not self.narrative(i):
                continue  # a sentence that only quotes names nobody who acts
            lookback -= 1
            found = [
                ref
                for ref in self.refs(i)
                if ref.kind in kinds
                and ref.name not in exclude
                and (i < sentence or ref.end <= char)
                and not self.inside_quote(i, ref.start, ref.end)
                and (i == sentence or ref.start >= self.caption_end(i))
            ]
            ranked = [(self._topic_rank(i, ref, kinds), ref.start, ref.name) for ref in found]
            if depth > 0:
                ranked.extend(
                    self._described_subjects(
                        i, char if i == sentence else None, kinds, exclude, depth
                    )
                )
            per_sentence.append(([r for r in ranked if r[0] > 0], [ref.name for ref in found]))
        for wanted in (2, 1):
            for subjects, _ in per_sentence:
                best = [r for r in subjects if r[0] >= wanted]
                if best:
                    return max(best)[2]
        return next((names[-1] for _, names in per_sentence if names), None)

    def _topic_rank(self, sentence: int, ref: MentionRef, kinds: Sequence[str]) -> int:
        """A mention's rank as an antecedent for a pronoun or description of ``kinds``.

        As :meth:`rank`, except that for a body ("the club", "it") the owner of a subject
        counts as the subject: "Manchester United's response comes as little surprise ...
        the club said" is about Manchester United. Not for people: "Steve Bruce's side won"
        is about the side, and "he" is not Bruce on that account.
        """
        rank = self.rank(sentence, ref)
        if rank or "person" in kinds:
            return rank
        doc = self.parsed.docs[sentence]
        span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
        if span is None or not len(span) or span.root.dep_ != "poss":
            return 0
        return clause_rank(span.root.head)

    def _described_subjects(
        self,
        sentence: int,
        before: int | None,
        kinds: Sequence[str],
        exclude: frozenset[str],
        depth: int,
    ) -> list[tuple[int, int, str]]:
        """Main-clause subjects of a sentence that name nobody but stand for someone."""
        out: list[tuple[int, int, str]] = []
        for token in self.parsed.docs[sentence]:
            if token.dep_ not in ("nsubj", "nsubjpass") or clause_rank(token) < 2:
                continue
            if before is not None and token.idx >= before:
                continue
            if before is None and token.idx < self.caption_end(sentence):
                continue  # the subject of a caption glued before the sentence
            if self.inside_quote(sentence, token.idx, token.idx + len(token.text)):
                continue
            if self.index.at(sentence, token.idx, token.idx + len(token.text)):
                continue  # a name: counted already
            if token.lower_ in _PERSON_PRONOUNS | _THING_PRONOUNS:
                if (token.lower_ in _PERSON_PRONOUNS) != ("person" in kinds):
                    continue  # "It was expected that ...": not a person, whatever it is
                name = self.antecedent(sentence, token.idx, kinds, exclude, depth=depth - 1)
            elif token.pos_ == "NOUN":
                name = self.description(sentence, token, exclude, depth=depth - 1)
            else:
                continue
            if name is not None and self.index.kinds.get(name) in kinds:
                out.append((2, token.idx, name))
        return out

    def description(
        self,
        sentence: int,
        token: Token,
        exclude: frozenset[str] = frozenset(),
        depth: int = 2,
    ) -> str | None:
        """The actor a description such as "the former prime minister" stands for, if clear."""
        # "a US company", "a former teacher", "one analyst", "another official": someone new,
        # not someone named before
        indefinite = any(
            (c.dep_ == "det" and c.lower_ in ("a", "an", "another"))
            or (c.dep_ == "nummod" and c.lower_ == "one")
            for c in token.children
        )
        phrase = [t for t in token.subtree if t.i <= token.i or t.dep_ == "prep"]
        lows = [t.lower_ for t in phrase if t.lower_ not in _DETERMINERS and not t.is_punct]
        # "the former Chelsea chairman" is not Leeds's chairman: names in it must match
        proper = [t.lower_ for t in phrase if t.i < token.i and t.text[:1].isupper() and t.i > 0]
        head = token.lower_
        if head in _PLURAL_HEADS:
            return None  # "the companies said": several speakers, no one name
        start = token.left_edge.idx
        end = token.right_edge.idx + len(token.right_edge.text)
        inner = [
            r for r in self.refs(sentence) if start <= r.start and r.end <= end and not r.demonym
        ]
        person_like = (
            head in TITLE_HEADS
            or head in _PERSON_NOUNS
            or head.endswith("-old")
            or head in DEMONYMS
            or token.ent_type_ == "NORP"
        )
        if head in _SPOKES:
            # "a spokesman for the Kremlin", "Unison's spokesman": the organisation speaks
            orgs = [r for r in inner if r.kind in ("organisation", "country")]
            if orgs:
                return self._full_name(orgs[0].name)
            if indefinite or depth <= 0:
                return None
            # "the spokesperson" is the one introduced before as "a spokesperson for X"
            return self._spoken_for(sentence, token, exclude, depth)
        if indefinite:
            return None
        if person_like:
            # "Her agent Barry Brown", "His solicitor, Liam O'Donnell,": the description
            # names its person in apposition, so it stands for no one before
            apposed = self._apposed(sentence, token)
            if apposed is not None:
                return apposed
            by_role = self._by_role(head, lows, exclude, proper)
            if by_role is not None:
                return by_role
            if inner and head in TITLE_HEADS and any(r.kind == "person" for r in inner):
                return next(r.name for r in inner if r.kind == "person")
            return self.antecedent(sentence, start, ("person",), exclude, depth=depth)
        if head in GENERIC_NOUNS or head in _ORG_NOUNS:
            kinds = GENERIC_NOUNS.get(head, ("organisation",))
            own = [r for r in inner if r.kind in kinds]
            if own:
                return own[0].name  # "the Greek government"
            named = self._by_name(head, lows, kinds)
            if named is not None:
                return named
            if head in _STRICT_ORG_NOUNS and self._said_before(sentence, head):
                return None  # "the finance ministry" was named, just not as an actor
            # "the club" is not the Premier League, nor "the company" the Securities and
            # Exchange Commission: a name that says what other kind of body it is
            others = (
                frozenset(
                    name
                    for name, kind in self.index.kinds.items()
                    if kind in kinds
                    and {name.split()[0].lower(), name.split()[-1].lower()} & _BODY_KINDS
                    and head not in name.lower().split()
                )
                | self._title_only()
            )
            spoken = self._speakers_body(sentence, token, kinds)
            if spoken is not None and spoken not in others | exclude:
                return spoken
            return self._compatible(
                self.antecedent(sentence, start, kinds, exclude | others, depth=depth), lows
            )
        return None

    def _title_only(self) -> frozenset[str]:
        """Organisations the article names only inside someone's title ("Transportation" in
        "Transportation Secretary Alicia Romero"): "the company" is never one of them."""
        if self._titles is None:
            seen: dict[str, bool] = {}
            for i, refs in enumerate(self.index.mentions):
                text = self.parsed.sentences[i].text
                ordered = sorted(refs, key=lambda r: r.start)
                for n, ref in enumerate(ordered):
                    if ref.kind != "organisation":
                        continue
                    nxt = ordered[n + 1] if n + 1 < len(ordered) else None
                    between = text[ref.end : nxt.start].split() if nxt is not None else []
                    titled = (
                        nxt is not None
                        and nxt.kind == "person"
                        and 1 <= len(between) <= 3
                        and all(w.lower() in TITLE_HEADS for w in between)
                    )
                    seen[ref.name] = seen.get(ref.name, True) and titled
            self._titles = frozenset(name for name, only in seen.items() if only)
        return self._titles

    def _spoken_for(
        self, sentence: int, token: Token, exclude: frozenset[str], depth: int, lookback: int = 5
    ) -> str | None:
        """The organisation for which the same kind of spokesperson spoke a few lines before."""
        for i in range(sentence, max(-1, sentence - lookback - 1), -1):
            for other in reversed(self.parsed.docs[i]):
                if other.lower_ != token.lower_ or (i == sentence and other.i >= token.i):
                    continue
                if self.inside_quote(i, other.idx, other.idx + len(other.text)):
                    continue
                name = self.description(i, other, exclude, depth=depth - 1)
                if name is not None:
                    return name
        return None

    def _apposed(self, sentence: int, token: Token) -> str | None:
        """The person a description names beside its head: "her agent Barry Brown"."""
        for child in token.children:
            if child.dep_ not in ("appos", "compound", "flat") or child.i < token.i:
                continue
            start = child.left_edge.idx
            end = child.right_edge.idx + len(child.right_edge.text)
            for ref in self.refs(sentence):
                if start <= ref.start < end and ref.kind == "person":
                    return ref.name
        return None

    def introduced(self, sentence: int, token: Token, ahead: int = 3) -> str | None:
        """Who a lead's indefinite description turns out to be, named in the lines after it.

        News leads often introduce someone before naming them: "A US company has pulled out
        of a contract ... Contrack International, of Arlington, heads a coalition", "A former
        Utah high school teacher took a plea deal ... Davis High School English teacher
        Brianne Altice". Only the first two sentences are read this way.
        """
        if sentence > 1 or not any(
            c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children
        ):
            return None
        head = token.lower_
        last = min(len(self.parsed.sentences), sentence + 1 + ahead)
        if head in GENERIC_NOUNS or head in _ORG_NOUNS:
            kinds = GENERIC_NOUNS.get(head, ("organisation",))
            for i in range(sentence + 1, last):
                for ref in self.refs(i):
                    if ref.kind in kinds and self.rank(i, ref) > 0:
                        return ref.name
            return None
        if head in TITLE_HEADS or head in _PERSON_NOUNS or head in _ROLE_NOUNS:
            for i in range(sentence + 1, last):
                text = self.parsed.sentences[i].text.lower()
                for ref in self.refs(i):
                    role = self.index.roles.get(ref.name, "").lower().split()
                    # "... with Davis High School English teacher Brianne Altice": the title
                    # right before the name, even when it was not kept as her role
                    titled = text[: ref.start].rstrip().endswith(f" {head}")
                    if ref.kind == "person" and (head in role or titled):
                        return ref.name
        return None

    def _by_role(
        self,
        head: str,
        lows: Sequence[str],
        exclude: frozenset[str],
        proper: Sequence[str] = (),
    ) -> str | None:
        """The one person whose role has the description's head and most of its words."""
        scored: list[tuple[int, str]] = []
        for name, role in self.index.roles.items():
            role_words = role.lower().replace("'s", "").split()
            if head not in role_words or name in exclude:
                continue
            if any(w not in role_words for w in proper):
                continue
            scored.append((sum(1 for w in lows if w in role_words), name))
        if not scored:
            return None
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            return None
        return scored[0][1]

    def _by_name(self, head: str, lows: Sequence[str], kinds: Sequence[str]) -> str | None:
        """The one actor of ``kinds`` whose name holds the head and every other word."""
        found = [
            name
            for name, kind in self.index.kinds.items()
            if kind in kinds
            and all(w in name.lower().split() for w in lows if w.isalpha())
            and head in name.lower().split()
        ]
        return found[0] if len(found) == 1 else None

    def _said_before(self, sentence: int, word: str) -> bool:
        """Whether ``word`` was written, outside any actor's name, in the last few sentences."""
        for i in range(max(0, sentence - 3), sentence):
            text = self.parsed.sentences[i].text
            for m in re.finditer(rf"\b{re.escape(word)}\b", text, re.I):
                if not any(r.start <= m.start() < r.end for r in self.refs(i)):
                    return True
        return False

    def _compatible(self, name: str | None, lows: Sequence[str]) -> str | None:
        """``name`` unless the description gives another country ("the American agency")."""
        if name is None:
            return None
        countries = {DEMONYMS[w] for w in lows if w in DEMONYMS}
        if not countries:
            return name
        named = {DEMONYMS[w.lower()] for w in name.split() if w.lower() in DEMONYMS}
        return name if not named or named & countries else None

    def subject(
        self, sentence: int, subj: Token, before: int, exclude: frozenset[str] = frozenset()
    ) -> str | None:
        """The actor a clause's subject names: a name, a pronoun, or a description."""
        low = subj.lower_
        if low in _PERSON_PRONOUNS:
            return self.antecedent(
                sentence,
                min(before, subj.idx),
                ("person",),
                exclude,
                gender=PRONOUN_GENDERS.get(low),
            )
        if low in _THING_PRONOUNS:
            if self._thing_subject(sentence, subj):
                return None  # "The law ... bans what it describes as ...": the law speaks
            return self.antecedent(
                sentence, min(before, subj.idx), ("organisation", "country"), exclude
            )
        if low in ("latter", "former") and any(c.lower_ == "the" for c in subj.children):
            return self._of_pair(sentence, subj, first=low == "former")
        if subj.pos_ == "PRON":
            return None
        own = self.index.at(sentence, subj.idx, subj.idx + len(subj.text))
        determined = any(c.lower_ in ("the", "its", "their") for c in subj.children)
        aged = any(t.lower_ == "old" and t.i < subj.i for t in subj.subtree)
        # "the 55-year-old Frenchman" describes someone already named; "the Conservatives"
        # (a proper plural, the group's own name) is the group itself
        named_group = own is not None and own.kind == "group" and subj.tag_ == "NNPS"
        if own is not None and not (
            determined
            and not named_group
            and (own.kind == "group" or subj.ent_type_ == "NORP" or aged or low in _PERSON_NOUNS)
        ):
            return own.name
        for child in subj.children:
            if child.dep_ in ("compound", "flat", "amod") and child.ent_type_:
                ref = self.index.at(sentence, child.idx, child.idx + len(child.text))
                if ref is not None and ref.kind == "person":
                    return ref.name
        if subj.pos_ == "PROPN" and subj.text[:1].isupper():
            # "Contrack said" after "Contrack International": the short form of a name
            starts = [
                n
                for n, k in self.index.kinds.items()
                if k == "organisation" and n.split()[0] == subj.text and n != subj.text
            ]
            if len(starts) == 1:
                return starts[0]
        return self.description(sentence, subj, exclude)

    def _full_name(self, name: str) -> str:
        """ "Commission" is the European Commission when the story names exactly that one."""
        if " " in name:
            return name
        longer = [
            other
            for other, kind in self.index.kinds.items()
            if kind == "organisation" and other.endswith(f" {name}")
        ]
        return longer[0] if len(longer) == 1 else name

    def _speakers_body(self, sentence: int, token: Token, kinds: Sequence[str]) -> str | None:
        """The organisation of the person who reports what a description did.

        "Janssen said the group had pledged to keep employment ...": Janssen, Harbourline's
        chief executive, speaks of her own group. Only when the speaker is a person whose
        role names exactly one organisation of ``kinds``.
        """
        node = token
        for _ in range(6):
            if node.dep_ == "ccomp" and node.head.i != node.i:
                break
            if node.head.i == node.i:
                return None
            node = node.head
        else:
            return None
        verb = node.head
        if verb.lemma_.lower() not in SPEECH_VERBS:
            return None
        for subj in (c for c in verb.children if c.dep_ == "nsubj"):
            ref = self.index.at(sentence, subj.idx, subj.idx + len(subj.text))
            if ref is None or ref.kind != "person":
                return None
            role = self.index.roles.get(ref.name, "")
            bodies = [
                name
                for name, kind in self.index.kinds.items()
                if kind in kinds and re.search(rf"\b{re.escape(name)}\b", role)
            ]
            return bodies[0] if len(bodies) == 1 else None
        return None

    def _thing_subject(self, sentence: int, pronoun: Token) -> bool:
        """Whether "it" stands for a thing that the sentence's main clause is about.

        "The law, signed by Kansas Gov. Sam Brownback, bans what it describes as ...": the
        main subject before the pronoun is a noun that names no actor and is no stand-in
        for one ("the company"), so "it" is that thing, not an organisation named earlier.
        """
        for token in self.parsed.docs[sentence]:
            if token.i >= pronoun.i or token.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if token.head.dep_ != "ROOT" or token.pos_ != "NOUN":
                continue
            if self.index.at(sentence, token.idx, token.idx + len(token.text)) is not None:
                continue
            low = token.lower_
            if low in GENERIC_NOUNS or low in _ORG_NOUNS or low in _SPOKES:
                continue
            return True
        return False

    def pair(self, sentence: int, token: Token, kinds: Sequence[str], first: bool) -> str | None:
        """The first (or second) of two actors of ``kinds`` just named together."""
        return self._of_pair(sentence, token, first, kinds)

    def _of_pair(
        self,
        sentence: int,
        token: Token,
        first: bool,
        kinds: Sequence[str] = ("person", "organisation", "country", "group"),
    ) -> str | None:
        """ "The latter", "the former": one of the two actors just named together.

        "Sky Sports pundits Gary Neville and Graeme Souness were highly critical of Toure.
        ... the latter said" is Souness.
        """
        for i in range(sentence, max(-1, sentence - 3), -1):
            doc = self.parsed.docs[i]
            pairs: list[tuple[str, str]] = []
            for ref in self.refs(i):
                if i == sentence and ref.end > token.idx:
                    continue
                if self.inside_quote(i, ref.start, ref.end) or ref.demonym:
                    continue
                span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                if ref.kind not in kinds:
                    continue
                for conj in (c for c in span.root.children if c.dep_ == "conj"):
                    other = self.index.at(i, conj.idx, conj.idx + len(conj.text))
                    if other is not None and other.name != ref.name and other.kind in kinds:
                        pairs.append((ref.name, other.name))
            if pairs:
                return pairs[-1][0] if first else pairs[-1][1]
        return None


def named_in(text: str, index: ActorIndex) -> frozenset[str]:
    """The people a stretch of text talks about: their name, either half of it, or their role.

    A speaker does not speak of themselves by name: the quote "I've had a word with Olof"
    is not Olof Mellberg's, and "the home secretary is dodging" is not the home secretary's.
    """
    found: set[str] = set()
    lowered = text.lower()
    tokens = set(re.findall(r"[\w'’-]+", text))
    for name, kind in index.kinds.items():
        if kind != "person":
            continue
        parts = [w for w in name.split() if len(w) > 2]
        if name in text or any(w in tokens for w in parts):
            found.add(name)
            continue
        role = index.roles.get(name)
        if role and len(role.split()) >= 2 and role.lower() in lowered:
            found.add(name)
    return frozenset(found)


# Where a quote's words stop being surely the speaker's: a mark that opens a fresh quote
# ("... a generation. 'We will build ..."), or the signs of a scraped image caption ("Scroll
# down for video", "X, left, ...", "(pictured)"). A quote the finder could not close there
# runs on over narrative, whose names say nothing about who speaks.
_FRESH_STRETCH = re.compile(
    r"\s[\"“‘'](?=[A-Z])|\bScroll down\b|,\s(?:left|right|centre|center|pictured),|"
    r"\((?:left|right|centre|center|pictured)\b"
)


def _outside(spans: Sequence[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Whether characters ``start:end`` of a sentence lie outside all of its quote ``spans``
    (the quotation marks around them included), where a speaker's name may stand."""

    def outside(start: int, end: int) -> bool:
        return not any(qs - 1 <= start and end <= qe + 1 for qs, qe in spans)

    return outside


def _first_stretch(text: str) -> str:
    """The part of a quote's text that is surely quoted words (see ``_FRESH_STRETCH``)."""
    m = _FRESH_STRETCH.search(text)
    if m is None:
        return text
    if m.group().startswith(("(", ",")):
        # a caption marker comes after the caption's own subject: cut where its sentence opens
        ends = [e.end() for e in re.finditer(r"[.!?][\"”’']?\s", text[: m.start()])]
        return text[: ends[-1]] if ends else ""
    return text[: m.start()]


# Nouns for what someone said, whose "of X" names the speaker: "'...,' is the dry assessment
# of Graham Lane", "that was the verdict of the chairman".
_VERDICT_OF = (
    r"\b(?:assessment|verdict|view|views|words|opinion|warning|advice|reaction|response|"
    r"message|prediction|comment|comments|conclusion)\s+of\s+"
)


class _Attributor:
    """Finds the speaker of a quote in the sentences around it."""

    def __init__(self, parsed: Parsed, index: ActorIndex) -> None:
        self.parsed = parsed
        self.index = index
        self.resolver = Resolver(parsed, index)

    def speaker(
        self,
        sentence: int,
        quote_spans: Sequence[tuple[int, int]],
        target: tuple[int, int],
        exclude: frozenset[str] = frozenset(),
    ) -> str | None:
        """The speaker named in ``sentence`` for the quote at ``target``.

        Offsets are local to the sentence; ``quote_spans`` are all quotes in it, whose words
        never name a speaker. When several cues name someone ("Kilmarnock will confirm
        Locke ... 'I'd be over the moon,' said Locke") the one nearest the quote wins.
        ``exclude`` are people the quote talks about, who are not its speaker.
        """
        doc = self.parsed.docs[sentence]
        text = self.parsed.sentences[sentence].text
        refs = self.index.mentions[sentence] if sentence < len(self.index.mentions) else ()

        outside = _outside(quote_spans)

        def distance(pos: int) -> int:
            if pos < target[0]:
                return target[0] - pos
            return max(0, pos - target[1])

        # (distance, speaker); ``UNNAMED`` is someone the article does not name
        candidates: list[tuple[int, str]] = []
        for m in re.finditer(r"\baccording to\s+|" + _VERDICT_OF, text, re.I):
            if outside(m.start(), m.end()):
                ref = self._mention_from(sentence, m.end(), m.end() + 60)
                if ref is not None:
                    candidates.append((distance(m.start()), ref.name))
        for t in doc:
            if t.pos_ not in ("VERB", "AUX"):
                continue
            if not _speech_verb(t) and not _document_reads(t):
                continue
            if not outside(t.idx, t.idx + len(t.text)):
                continue
            if t.lemma_.lower() == "continue" and any(
                c.dep_ == "xcomp" and c.tag_ in ("VBG", "VB") and outside(c.idx, c.idx + 1)
                for c in t.children
            ):
                continue  # "they continued exchanging messages": going on, not speaking
            name = self._verb_speaker(sentence, t, target[0], outside, exclude)
            if name is None and self._unnamed_subject(sentence, t, outside):
                # "officers announced they would 'not be pursuing the matter'": the words are
                # theirs, not those of someone named further from the quote
                name = UNNAMED
            if name is not None:
                candidates.append((distance(t.idx), name))
        for ref in refs:
            # "Marsh: "We will not..."": a name, a colon, then the quote
            if not outside(ref.start, ref.end) or ref.kind not in ("person", "organisation"):
                continue
            before = text[: ref.start].split()[-2:]
            if any(w.lower() in _SPEECH_FORMS or w.lower() == "to" for w in before):
                continue  # "Lambert told BBC Sport: ...": the listener, not the speaker
            if re.match(r"\s*:\s*[\"“‘']", text[ref.end :]):
                candidates.append((distance(ref.end), ref.name))
        if candidates:
            return min(candidates, key=lambda c: c[0])[1]
        return self._nearest_to_verb(sentence, doc, outside)

    def _unnamed_subject(
        self, sentence: int, verb: Token, outside: Callable[[int, int], bool]
    ) -> bool:
        """Whether a speech verb's subject is someone the article leaves unnamed.

        "one analyst said", "officers announced", "a senior official told the newspaper":
        a common noun for people (never a name, a pronoun or a thing such as "the report")
        that names no actor. When the parse lost the subject, the noun right before the
        verb counts ("... and officers announced").
        """
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ == "NOUN":
            subjects.append(verb.head)  # "one analyst quoted by the news agency"
        if not subjects and verb.i > 0:
            previous = verb.doc[verb.i - 1]
            if previous.pos_ == "NOUN" and previous.dep_ != "dobj":
                subjects.append(previous)
        for subj in subjects:
            if subj.pos_ != "NOUN" or not outside(subj.idx, subj.idx + len(subj.text)):
                continue
            start = subj.left_edge.idx
            end = subj.right_edge.idx + len(subj.right_edge.text)
            if subj.lower_ in _SPOKES and any(
                start <= r.start < end for r in self.resolver.refs(sentence)
            ):
                continue  # "a spokesman for Terminix": named after all, if unresolved
            if subj.lemma_.lower() not in _UNNAMED_HEADS and subj.lower_ not in _UNNAMED_HEADS:
                continue
            # "the retired charity worker said" stands for someone named before, even when
            # we cannot tell whom; only a new one ("one woman") or a group ("officers") is
            # sure to be no one named
            plural = subj.tag_ in ("NNS", "NNPS") or subj.lower_ == "police"
            new = any(
                (c.dep_ == "det" and c.lower_ in _INDEFINITE)
                or (c.dep_ == "nummod" and c.lower_ == "one")
                for c in subj.children
            )
            if plural or new:
                return True
        return False

    def _verb_speaker(
        self,
        sentence: int,
        verb: Token,
        before: int,
        outside: Callable[[int, int], bool],
        exclude: frozenset[str],
    ) -> str | None:
        """Who a speech verb gives the words to."""
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        # "14-time major winner Woods said", parsed as two subjects: the title is Woods's,
        # so the name goes first
        subjects.sort(key=lambda c: self.index.at(sentence, c.idx, c.idx + len(c.text)) is None)
        for subj in subjects:
            if subj.dep_ == "nsubjpass" and verb.lemma_.lower() != "quote":
                continue  # "he was told": the listener
            if not outside(subj.idx, subj.idx + len(subj.text)):
                continue
            if subj.pos_ == "NOUN" and any(_another_one(c) for c in subj.children):
                return None  # "the teenager and her boyfriend continued": no one speaker
            if subj.lower_ in _PLURAL_KINDS and any(c.lower_ == "the" for c in subj.children):
                # "EADS and BAE Systems ... welcomed the announcement. '...,' the companies
                # said in a joint statement": they speak together; the first one named stands
                # for both
                return self.resolver.pair(sentence, subj, _PLURAL_KINDS[subj.lower_], first=True)
            if subj.lower_ in _DOCUMENTS:
                # "Mr Crosby's statement said:", "the company's letter reads": its writer
                owner = self._owner(sentence, subj, before, exclude)
                if owner is None and any(c.lower_ == "the" for c in subj.children):
                    # "In a statement, the club said ... 'The board ...,' the statement
                    # said": the one named a few lines before
                    owner = self._document_named_before(sentence, subj, exclude)
                if owner is not None:
                    return owner
            if subj.lower_ == "statement" and any(c.lower_ == "a" for c in subj.children):
                return self._statement(sentence, subj, outside)
            if subj.lower_ == "it":
                # "Mr Crosby's statement said: '...' It added: '...'": the document goes on
                document = self._document_before(sentence, exclude)
                if document is not None:
                    return document
            if _document_reads(verb):
                # "The letter, seen by Sportsmail, reads: ...": whoever wrote it
                return self._statement(sentence, subj, outside)
            if subj.lower_ == "who" and subj.tag_ == "WP":
                # "researchers such as X, professor of Y, who said:": the relative pronoun
                # stands for the person named just before it (the parse often hangs the
                # clause on a noun further back)
                return self._relative_antecedent(sentence, subj, outside, exclude)
            return self.resolver.subject(sentence, subj, before, exclude)
        if verb.lemma_.lower() == "quote" and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            # "said one analyst quoted by the AFP news agency": the one quoted speaks, never
            # the outlet that quotes them
            return self.resolver.subject(sentence, verb.head, before, exclude)
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                return self.resolver.subject(sentence, pobj, before, exclude)
        if verb.dep_ == "ROOT" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            # "Tanabe, on his first official visit, called the agreement "...": the parse lost
            # the subject; the name that opens the sentence is it
            name = self.resolver.opening_name(sentence, ("person", "organisation"))
            if name is not None and name not in exclude:
                return name
        head = verb.head
        if (
            verb.dep_ == "conj"
            and head.pos_ in ("VERB", "AUX")
            and head.i != verb.i
            and (head.dep_ == "ROOT" or head.lemma_.lower() in SPEECH_VERBS)
            # "'... devices,' Jonas Guest, vice president at Nokia, told the BBC": a verb of
            # the quoted words is not the one whose subject speaks
            and outside(head.idx, head.idx + len(head.text))
        ):
            # "Lord Falconer agreed the act was discriminatory but added that ...": one subject
            return self._verb_speaker(sentence, head, before, outside, exclude)
        if verb.tag_ == "VBG" and head.i != verb.i:
            if head.dep_ == "prep" and head.lower_ == "as":
                # "quoted Belgian Finance Minister Johan Van Overtveldt as saying"
                for dobj in (c for c in head.head.children if c.dep_ == "dobj"):
                    return self.resolver.subject(sentence, dobj, before, exclude)
            if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
                return self.resolver.subject(sentence, head, before, exclude)  # "with X claiming"
            if verb.dep_ in ("advcl", "xcomp", "conj") and head.pos_ in ("VERB", "AUX"):
                # "X criticised the announcement, saying ...": X says it
                return self._verb_speaker(sentence, head, before, outside, exclude)
            if (
                verb.dep_ == "pcomp"
                and head.dep_ == "prep"
                and head.lower_ == "by"
                and head.head.pos_ in ("VERB", "AUX")
                and head.head.i != head.i
            ):
                # "Tevez has thrown cold water over it by telling Sky Sport Italia: ...":
                # whoever does the telling, never the outlet told ("after announcing" is
                # another event, not the words quoted)
                return self._verb_speaker(sentence, head.head, before, outside, exclude)
        return None

    def _relative_antecedent(
        self,
        sentence: int,
        who: Token,
        outside: Callable[[int, int], bool],
        exclude: frozenset[str],
    ) -> str | None:
        """The person "who" stands for: the last person named before it in the sentence, or
        else the noun the clause hangs on ("the minister, who said ..."). An aside between
        them ("X, professor of demography at Oxford University, who") names no one else."""
        text = self.parsed.sentences[sentence].text
        for ref in sorted(self.resolver.refs(sentence), key=lambda r: r.start, reverse=True):
            if ref.end > who.idx or not outside(ref.start, ref.end):
                continue
            if ref.kind != "person":
                continue  # "at Oxford University": inside the aside, checked below
            if not _RELATIVE_GAP.fullmatch(text[ref.end : who.idx]):
                break  # "the popstar - who": the one meant is not the last name
            return ref.name if ref.name not in exclude else None
        head = who.head.head if who.head.dep_ == "relcl" else None
        if head is not None and head.pos_ == "NOUN":
            name = self.resolver.description(sentence, head, exclude)
            if name is not None and self.index.kinds.get(name) == "person":
                return name
        return None

    def _owner(
        self, sentence: int, noun: Token, before: int, exclude: frozenset[str]
    ) -> str | None:
        """The actor a possessor names: "Mr Crosby's statement", "its letter"."""
        for poss in (c for c in noun.children if c.dep_ == "poss"):
            pronoun = _POSSESSIVE_PRONOUNS.get(poss.lower_)
            if pronoun == "person":
                return self.resolver.antecedent(
                    sentence,
                    poss.idx,
                    ("person",),
                    exclude,
                    gender=PRONOUN_GENDERS.get(poss.lower_),
                )
            if pronoun == "thing":
                return self.resolver.antecedent(
                    sentence, poss.idx, ("organisation", "country"), exclude
                )
            if poss.pos_ == "PRON":
                return None  # "their statement": several writers, no one name
            name = self.resolver.subject(sentence, poss, before, exclude)
            if name is not None and self.index.kinds.get(name) in _SPEAKER_KINDS:
                return name
        return None

    def _document_named_before(
        self, sentence: int, noun: Token, exclude: frozenset[str], lookback: int = 5
    ) -> str | None:
        """Whose "the statement" is: the speaker of the last sentence before that spoke of
        such a document ("In a statement, the club said", "the club said in its statement")."""
        resolver = self.resolver
        for i in range(sentence - 1, max(-1, sentence - lookback - 1), -1):
            mentions = [
                t
                for t in self.parsed.docs[i]
                if t.lower_ == noun.lower_
                and not resolver.inside_quote(i, t.idx, t.idx + len(t.text))
            ]
            if not mentions:
                continue
            end = len(self.parsed.sentences[i].text)
            name = self.speaker(i, resolver.quoted[i], (end, end), exclude)
            return name or None
        return None

    def _document_before(self, sentence: int, exclude: frozenset[str]) -> str | None:
        """Whose document "it" is when the sentence before quoted a document.

        "Mr Crosby's statement said: '...' It added: '...'": "it" is the statement, not the
        last organisation named, so it speaks for the same writer.
        """
        resolver = self.resolver
        for i in range(sentence - 1, max(-1, sentence - 3), -1):
            if not resolver.narrative(i):
                continue  # a sentence that only goes on quoting
            for t in self.parsed.docs[i]:
                if t.dep_ != "nsubj" or t.lower_ not in _DOCUMENTS:
                    continue
                verb = t.head
                if verb.lemma_.lower() not in SPEECH_VERBS and not _document_reads(verb):
                    continue
                if resolver.inside_quote(i, t.idx, t.idx + len(t.text)):
                    continue
                return self._verb_speaker(i, verb, t.idx, _outside(resolver.quoted[i]), exclude)
            return None  # the nearest narrative sentence is about something else
        return None

    def _statement(
        self, sentence: int, subj: Token, outside: Callable[[int, int], bool]
    ) -> str | None:
        """Whose "a statement" is: the one it names ("a statement issued on behalf of
        Robert Zoellick"), or the organisation that was the subject of the sentence before
        ("... NASA said. '...,' a statement said")."""
        # what the document's own phrase names, leaving out asides ("seen by Sportsmail")
        aside = {
            d.idx for t in subj.subtree if t.dep_ in ("acl", "relcl", "appos") for d in t.subtree
        }
        # "a telephone memo for Mr Heath", "a letter to the manager": who it is addressed to
        # reads it, never writes it ("on behalf of X" and "from X" name the writer)
        aside |= {
            d.idx
            for t in subj.children
            if t.dep_ == "prep" and t.lower_ in ("for", "to")
            for d in t.subtree
        }
        chars = [(t.idx, t.idx + len(t.text)) for t in subj.subtree if t.idx not in aside]
        for ref in self.resolver.refs(sentence):
            inner = any(s <= ref.start < e for s, e in chars) and outside(ref.start, ref.end)
            if inner and ref.kind in ("person", "organisation") and not ref.demonym:
                return ref.name
        if sentence == 0:
            return UNNAMED
        subjects = [
            ref
            for ref in self.resolver.refs(sentence - 1)
            if ref.kind == "organisation"
            and self.resolver.rank(sentence - 1, ref) == 2
            and not self.resolver.inside_quote(sentence - 1, ref.start, ref.end)
        ]
        if subjects:
            return subjects[-1].name
        # "... the club has written to supporters. The letter reads: ...": the club the
        # sentence before describes
        previous = self.parsed.docs[sentence - 1]
        for root in (t for t in previous if t.dep_ == "ROOT"):
            for first in (c for c in root.children if c.dep_ == "nsubj"):
                name = self.resolver.subject(sentence - 1, first, first.idx)
                if name is not None and self.index.kinds.get(name) == "organisation":
                    return name
        # "reads a telephone memo": a document whose writer the article does not name has a
        # writer all the same, so the quotes that go on from it are not someone else's
        return UNNAMED

    def _mention_from(self, sentence: int, start: int, end: int) -> MentionRef | None:
        refs = [r for r in self.index.mentions[sentence] if start <= r.start < end]
        return refs[0] if refs else None

    def _nearest_to_verb(
        self, sentence: int, doc: Doc, outside: Callable[[int, int], bool]
    ) -> str | None:
        """The parse gave no subject: take a person or organisation right next to the verb."""
        for t in doc:
            if t.lower_ not in _SPEECH_FORMS or not outside(t.idx, t.idx + len(t.text)):
                continue
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                continue  # the parse named a subject; it just is not an actor we know
            aside = self._aside_before(sentence, t, outside)
            if aside is not None:
                return aside
            window = doc[max(0, t.i - 4) : min(len(doc), t.i + 5)]
            best: tuple[int, MentionRef] | None = None
            # "telling Sky Sport Italia", "said to the BBC"; but "added the Barcelona
            # defender" is the parse taking an inverted subject for an object
            listeners = {
                d.i
                for c in t.children
                if (c.dep_ in ("dobj", "dative") and t.lemma_.lower() in _TELLING)
                or (c.dep_ == "prep" and c.lower_ == "to")
                for d in c.subtree
            }
            for ref in self.index.mentions[sentence]:
                if ref.kind not in ("person", "organisation"):
                    continue
                if not outside(ref.start, ref.end):
                    continue
                span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
                if span is not None and any(w.i in listeners for w in span):
                    continue  # "telling Sky Sport Italia:", "told the BBC": who listens
                if window.start_char <= ref.start and ref.end <= window.end_char:
                    distance = min(abs(ref.start - t.idx), abs(ref.end - t.idx))
                    if best is None or distance < best[0]:
                        best = (distance, ref)
            if best is not None:
                return best[1].name
        return None

    def _aside_before(
        self, sentence: int, verb: Token, outside: Callable[[int, int], bool]
    ) -> str | None:
        """ "Pete Saunders, chief executive of the association, added:": a name, an aside set
        off by commas, then the verb. The aside's own names ("... at Nokia,") never speak."""
        text = self.parsed.sentences[sentence].text
        for ref in reversed(self.index.mentions[sentence]):
            if ref.end > verb.idx or ref.kind != "person" or not outside(ref.start, ref.end):
                continue
            if re.fullmatch(r"\s*,[^,;:.!?\"“”‘’]{1,120},\s*", text[ref.end : verb.idx]):
                return ref.name
            break
        return None


def find_quotes(parsed: Parsed, index: ActorIndex, limit: int = MAX_QUOTES) -> list[Quote]:
    """The document's quotes of at least ``MIN_WORDS`` words, in reading order."""
    attributor = _Attributor(parsed, index)
    quotes: list[Quote] = []
    seen: set[str] = set()
    # A quote that runs to the end of its paragraph continues in the next one, which opens
    # with a fresh mark; the speaker is often named only there.
    pending: int | None = None
    # (last sentence, speaker) of the previous quote; the speaker may be ``UNNAMED``
    last: tuple[int, str] | None = None
    for paragraph in _paragraphs(parsed):
        spans = quote_spans(paragraph.text)
        carried = pending
        pending = None
        for span in spans:
            raw = paragraph.text[span.start : span.end]
            text = raw.strip().rstrip(",").rstrip()
            if _word_count(text) < MIN_WORDS or _is_title(text) or text in seen:
                continue
            covered = paragraph.sentences_in(span.start - 1, span.end + 1)
            exclude = named_in(_first_stretch(text), index)
            speaker = _speaker(attributor, paragraph, spans, span, covered, exclude)
            if speaker is None:
                speaker = _reported_on(attributor, covered[0], exclude)
            alone = _stands_alone(paragraph, spans, covered) or _after_caption(
                attributor, paragraph, spans, span, covered
            )
            if (
                speaker is None
                and not alone
                and last is not None
                and covered[0] - last[0] == 1
                and _runs_on(paragraph, span, covered)
            ):
                # its first sentence is quoted words on their own: it goes on with a quote
                # that ended in the sentence just before, and with no one else
                speaker = last[1]
            if speaker is None and not alone:
                speaker = _clause_subject(attributor, paragraph, span, covered, exclude)
            if speaker is None and alone:
                speaker = _introduced(attributor, covered[0], exclude)
                if speaker is None and last is not None and _goes_on(attributor, last, covered[0]):
                    # a quote standing alone after an attributed one goes on with it
                    speaker = last[1]
            if speaker is not None:
                last = (covered[-1], speaker)
            seen.add(text)
            named = speaker or None  # ``UNNAMED`` is listed as no one
            if carried is not None and span.start <= 1 and speaker is not None:
                quotes[carried] = Quote(quotes[carried].text, named, quotes[carried].citation)
            carried = None
            quotes.append(Quote(text=text, speaker=named, citation=parsed.cite(covered[0])))
            if not span.closed and speaker is None:
                pending = len(quotes) - 1
    return quotes[:limit]


# How far a lone quote may be from the last attributed one and still go on with it.
MAX_GAP = 6


def _goes_on(attributor: _Attributor, last: tuple[int, str], first: int) -> bool:
    """Whether a lone quote at sentence ``first`` continues the quote that ended at ``last``.

    It does when it follows closely (two sentences), or when the narrative between names no
    other person as the subject of a clause: "The PM added: That destroyed aspiration. It
    created resentment. 'So when I hear Labour politicians ...'".
    """
    gap = first - last[0]
    if gap <= 2:
        return True
    if gap > MAX_GAP:
        return False
    resolver = attributor.resolver
    for sentence in range(last[0] + 1, first):
        for ref in resolver.refs(sentence):
            if ref.kind != "person" or ref.name == last[1]:
                continue
            if resolver.inside_quote(sentence, ref.start, ref.end):
                continue
            if resolver.rank(sentence, ref) > 0:
                return False
    return True


def _introduced(attributor: _Attributor, first: int, exclude: frozenset[str]) -> str | None:
    """The speaker that the sentence before a lone quote introduces, if it has no quote.

    "Simon Walker criticised the announcement, saying it was ill thought out." followed by a
    quote on its own gives the quote to Walker, not to whoever was quoted before him.
    """
    previous = first - 1
    if previous < 0:
        return None
    text = attributor.parsed.sentences[previous].text
    quoted = attributor.resolver.quoted[previous]
    if any(_word_count(text[s:e]) >= MIN_WORDS for s, e in quoted):
        return None  # the sentence before quotes someone itself
    end = len(attributor.parsed.sentences[previous].text)
    speaker = attributor.speaker(previous, (), (end, end), exclude)
    if speaker and attributor.index.kinds.get(speaker) == "group":
        # "The Conservatives have pledged to ..." between a politician's quotes: a party
        # that pledges speaks through the one quoted, so the lone quote goes on with them
        return None
    if speaker is None:
        speaker = _stance_holder(attributor, previous)
    if speaker is None:
        speaker = _new_voice(attributor, previous)
    return speaker if speaker not in exclude else None


# Common nouns that may stand beside a person's name: "His friend, Saxon Spence", "Actress
# Sally Lindsay". Any other ("The album Exodus") makes the name a thing's.
_PERSON_WORDS = TITLE_HEADS | _PERSON_NOUNS | _UNNAMED_HEADS | _ROLE_NOUNS


def _named_as_person(doc: Doc, ref: MentionRef) -> bool:
    """Whether the nouns a name stands beside (its head in apposition, or a title before
    it) are words for people."""
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    beside = [c for c in root.children if c.dep_ in ("compound", "appos") and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        beside.append(root.head)
    return all(t.lemma_.lower() in _PERSON_WORDS or t.lower_ in _PERSON_WORDS for t in beside)


def _interviews(doc: Doc) -> bool:
    """Whether a sentence's main verb is someone talking to another ("spoke to a shepherd",
    "talked with residents"): the words quoted next are the other one's."""
    return any(
        t.dep_ == "ROOT"
        and t.lemma_.lower() in ("speak", "talk", "interview")
        and (
            t.lemma_.lower() == "interview"
            or any(c.dep_ == "prep" and c.lower_ in ("to", "with") for c in t.children)
        )
        for t in doc
    )


# Main verbs that say what someone is or seems, or what is done to them: a sentence built on
# one describes its subject ("looks certain to get the call", "is expected to start").
_STATE_VERBS = frozenset({"be", "look", "seem", "appear", "remain", "become"})


def _described_state(doc: Doc) -> bool:
    """Whether a sentence's main clause describes its subject rather than has it act."""
    return any(
        t.dep_ == "ROOT"
        and (
            t.lemma_.lower() in _STATE_VERBS
            or any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
        )
        for t in doc
    )


def _new_voice(attributor: _Attributor, sentence: int) -> str | None:
    """The person a sentence brings into the story as the subject of its main clause.

    "His friend, Saxon Spence, leader of Devon county Labour group, lays the blame on one
    issue above all others." then a quote on its own: news copy names a new voice and lets
    them speak, so the quote is theirs, not the last speaker's. Only someone named for the
    first time, outside quotation marks, as the main subject.
    """
    resolver = attributor.resolver
    for ref in resolver.refs(sentence):
        if ref.kind != "person" or resolver.inside_quote(sentence, ref.start, ref.end):
            continue
        if ref.start < resolver.caption_end(sentence) or resolver.rank(sentence, ref) != 2:
            continue
        if not _named_as_person(attributor.parsed.docs[sentence], ref):
            return None  # "The album Exodus came out": a thing's name, whatever NER said
        if _interviews(attributor.parsed.docs[sentence]):
            return None  # "CNN's Karl Penhaul spoke to a shepherd": the shepherd speaks
        if _described_state(attributor.parsed.docs[sentence]):
            return None  # "Forward Sam Hale looks certain to play": talked about, not talking
        earlier = any(
            r.name == ref.name and not resolver.inside_quote(i, r.start, r.end)
            for i in range(sentence)
            for r in resolver.refs(i)
        )
        return None if earlier else ref.name
    return None


def _another_one(conj: Token) -> bool:
    """Whether a conjunct adds a second speaker: "the teenager and her boyfriend", not "the
    Labour peer and former minister" (one person described twice)."""
    if conj.dep_ != "conj":
        return False
    if conj.pos_ in ("PROPN", "PRON") or conj.tag_ in ("NNS", "NNPS"):
        return True
    return any(c.dep_ in ("det", "poss") for c in conj.children)


# Between a name and the "who" that stands for it: nothing, or an aside set off by commas
# ("David Coleman, professor of demography at Oxford University, who").
_RELATIVE_GAP = re.compile(r"\s*(?:,[^,;:!?\"“”‘’()]{1,120})?,\s*")


def _speech_verb(verb: Token) -> bool:
    """Whether a verb reports speech: a speech verb's lemma, or a phrasal one ("went on")."""
    lemma = verb.lemma_.lower()
    if lemma in SPEECH_VERBS:
        return True
    return any(c.dep_ == "prt" and (lemma, c.lower_) in _PHRASAL_SPEECH for c in verb.children)


def _document_reads(verb: Token) -> bool:
    """ "The letter reads:", "the statement read": a document that speaks for its writer."""
    return verb.lemma_.lower() == "read" and any(
        c.dep_ == "nsubj" and c.lower_ in _DOCUMENTS for c in verb.children
    )


def _stance_holder(attributor: _Attributor, sentence: int) -> str | None:
    """The person whose stance a sentence gives: "Stewart made clear he would ...",
    "Stewart believes ...". The clause nearest the end (the quote) counts, and never one
    reported inside another clause or inside quotation marks."""
    resolver = attributor.resolver
    for root in reversed(attributor.parsed.docs[sentence]):
        if root.pos_ != "VERB" or root.dep_ not in ("ROOT", "conj"):
            continue
        if resolver.inside_quote(sentence, root.idx, root.idx + len(root.text)):
            continue
        lemma = root.lemma_.lower()
        clear = lemma == "make" and any(c.lower_ == "clear" for c in root.children)
        if not clear and lemma not in _STANCE:
            continue
        for subj in (c for c in root.children if c.dep_ == "nsubj"):
            name = resolver.subject(sentence, subj, subj.idx)
            if name is not None and attributor.index.kinds.get(name) == "person":
                return name
        return None  # the nearest stance has no person to hold it
    return None


# Words after which a quote is part of the clause before it, not a sentence of its own:
# "described as 'A ...'", "the message 'We ...'".
_LEADS_IN = words(
    "as that of the a an to read reads said says called saying headlined titled entitled "
    "words message slogan sign banner motto"
)


def _after_caption(
    attributor: _Attributor,
    paragraph: _Paragraph,
    spans: Sequence[_Span],
    span: _Span,
    covered: list[int],
) -> bool:
    """Whether a whole-sentence quote was glued to a scraped caption before it.

    Scraped pages run image captions into the text with no full stop: "Alex Revell of
    Cardiff in action against Bolton on Monday 'Doing so would at least allow our supporters
    to see the match.'" The quote opens with a capital, ends its sentence with its own full
    stop, and the words before it neither end in punctuation nor attribute it, so it stands
    alone as much as a quote on a line of its own.
    """
    if not span.closed:
        return False
    quote = paragraph.text[span.start : span.end].strip()
    if not quote[:1].isupper() or quote[-1:] not in ".!?":
        return False
    first, last = covered[0], covered[-1]
    start = next(s for i, s, _ in paragraph.offsets if i == first)
    end = next(e for i, _, e in paragraph.offsets if i == last)
    if any(c.isalnum() for c in paragraph.text[span.end + 1 : end]):
        return False  # "..." said X: words after it
    if any(start <= s.start < span.start for s in spans):
        return False  # another quote earlier in the sentence
    prefix = paragraph.text[start : span.start - 1].rstrip()
    words_before = prefix.split()
    if not words_before or not prefix[-1].isalnum():
        return False  # "He said: '...'", "... saying, '...'": attributed before it
    if words_before[-1].lower() in _LEADS_IN:
        return False
    local = span.start - 1 - start
    return not any(
        t.idx < local and (_speech_verb(t) or t.lower_ in _SPEECH_FORMS)
        for t in attributor.parsed.docs[first]
    )


def _reported_on(attributor: _Attributor, first: int, exclude: frozenset[str]) -> str | None:
    """The speaker of the sentence before, when a quote's sentence only carries on its speech.

    "The former prime minister said that her answers are 'all evasion'. But that her party
    want 'chaos and constitutional crisis' at Westminster.": a clause that opens with "that"
    and has no sentence of its own around it is more of what the sentence before reported.
    """
    if first == 0:
        return None
    doc = attributor.parsed.docs[first]
    words_in = [t for t in doc if not t.is_punct]
    while words_in and words_in[0].dep_ == "cc":
        words_in = words_in[1:]  # "But that ...", "And that ..."
    if not words_in or words_in[0].lower_ != "that" or words_in[0].dep_ != "mark":
        return None
    if words_in[0].head.dep_ != "ROOT":
        return None  # "That he won was clear": a clause inside a sentence of its own
    previous = first - 1
    end = len(attributor.parsed.sentences[previous].text)
    speaker = attributor.speaker(
        previous, attributor.resolver.quoted[previous], (end, end), exclude
    )
    return speaker if speaker not in exclude else None


def _clause_subject(
    attributor: _Attributor,
    paragraph: _Paragraph,
    span: _Span,
    covered: list[int],
    exclude: frozenset[str],
) -> str | None:
    """The actor whose action a partial quote describes, when no one else is said to speak.

    "Cardiff have thrown their support behind the boycott by handing back their tickets 'as
    a matter of principle'": words quoted inside the predicate of a main clause, with no
    speech verb anywhere near, are the ones the clause's subject used. Only an active
    subject that names a person, organisation or country counts ("Smith was sent off for
    'violent conduct'" quotes the referee, not Smith).
    """
    if len(covered) != 1 or not paragraph.text[span.start : span.end].strip()[:1].islower():
        return None  # a whole sentence quoted is not a phrase the clause uses
    sentence = covered[0]
    doc = attributor.parsed.docs[sentence]
    start = paragraph.local(sentence, span.start)
    end = paragraph.local(sentence, span.end)
    inside = [t for t in doc if start <= t.idx < end]
    if not inside or inside[0].i == 0 or inside[0].is_sent_start:
        return None  # a quote that opens its sentence is no partial quote
    resolver = attributor.resolver
    # "he brushed off Labour suggestions a vote would let the Tories in 'by the back door'":
    # words inside a clause with a subject of its own are that clause's, not the main one's
    for ancestor in inside[0].ancestors:
        if ancestor.dep_ == "ROOT":
            break
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in ancestor.children):
            return None
    for root in (t for t in doc if t.dep_ == "ROOT"):
        # a main verb, not a copula: "It was too late: she was called 'ugly on the inside'"
        if root.pos_ != "VERB" or not resolver.narrative(sentence):
            continue
        if resolver.inside_quote(sentence, root.idx, root.idx + len(root.text)):
            continue
        if not all(root.left_edge.i <= t.i <= root.right_edge.i for t in inside):
            continue
        if root.idx > start:
            return None  # the quote comes before the main verb: not in its predicate
        for subj in (c for c in root.children if c.dep_ == "nsubj"):
            if subj.idx > start:
                continue
            name = resolver.subject(sentence, subj, subj.idx, exclude)
            if name is not None and attributor.index.kinds.get(name) in _SPEAKER_KINDS:
                return name if name not in exclude else None
    return None


def _runs_on(paragraph: _Paragraph, span: _Span, covered: list[int]) -> bool:
    """Whether a quote opens its sentence and runs on past it, its closing mark lost.

    "'I just wish ...,' she said. 'This has been a total nightmare. Now pictures have
    emerged ...": the sentence that opens with the mark is quoted words on its own, like a
    quote on a line of its own; the narrative the lost mark swallowed names no speaker.
    """
    if len(covered) < 2:
        return False
    if span.closed and paragraph.text[span.start : span.end].rstrip()[-1:] in ".,!?…-–—":
        return False  # "'A. B,' the report found": a quote closed where it meant to be
    start = next(s for i, s, _ in paragraph.offsets if i == covered[0])
    return not paragraph.text[start : span.start].strip(" \"“‘'")


def _stands_alone(paragraph: _Paragraph, spans: Sequence[_Span], covered: list[int]) -> bool:
    """Whether the sentences of a quote hold nothing but quoted words."""
    start = min(s for i, s, _ in paragraph.offsets if i == covered[0])
    end = max(e for i, _, e in paragraph.offsets if i == covered[-1])
    chars = list(paragraph.text[start:end])
    for s in spans:
        for k in range(max(s.start, start), min(s.end, end)):
            chars[k - start] = " "
    return not any(c.isalnum() for c in chars)


def _speaker(
    attributor: _Attributor,
    paragraph: _Paragraph,
    spans: Sequence[_Span],
    span: _Span,
    covered: list[int],
    exclude: frozenset[str] = frozenset(),
) -> str | None:
    # `"...," said X` names the speaker where the quote ends; `X said: "...` where it starts.
    for sentence in [covered[-1], *covered[:-1]]:
        local = [
            (paragraph.local(sentence, s.start), paragraph.local(sentence, s.end))
            for s in spans
            if sentence in paragraph.sentences_in(s.start - 1, s.end + 1)
        ]
        target = (paragraph.local(sentence, span.start), paragraph.local(sentence, span.end))
        speaker = attributor.speaker(sentence, local, target, exclude)
        if speaker is not None:
            return speaker
    return None
