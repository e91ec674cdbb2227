"""Agreements: who signed, agreed, pledged, proposed, rejected or left what, and when.

Each verb whose lemma has a rule in :data:`VERB_RULES` is read through the dependency parse:
its subject (and the subject's conjuncts, or the agent of a passive) gives the parties, its
object (or ``on``/``to``/``from`` phrase, or ``to``-infinitive) the thing agreed, negation and
modality ("did not sign", "refused to sign", "will sign", "are expected to sign") the status.
A date expression in the sentence is resolved against the article's publication date.

Verbs that are often used about other things ("reached", "declared", "extended") count only
when their object is an agreement word (:data:`AGREEMENT_NOUNS`). Adding a verb is adding a
line to :data:`VERB_RULES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.extract.actors import ActorIndex, MentionRef
from briefing.extract.dates import parse_published, resolve_date
from briefing.extract.gazetteer import GENERIC_NOUNS, words
from briefing.extract.nlp import Parsed
from briefing.extract.quotes import quote_spans
from briefing.models import Agreement, Citation

if TYPE_CHECKING:
    import datetime as dt

    from spacy.tokens import Token

MAX_AGREEMENTS = 8
MAX_OBJECT_TOKENS = 12


@dataclass(frozen=True)
class VerbRule:
    """How a verb reports an agreement.

    ``past`` and ``base`` are the forms used in :attr:`Agreement.action`; ``status`` is the
    status of the plain past statement; ``needs_noun`` asks for an agreement word in the
    object; ``preps`` are prepositions whose object is the thing agreed ("agreed on").
    ``infinitive`` lets a ``to``-infinitive be the thing agreed ("agreed to cut output").
    """

    past: str
    base: str
    status: str
    needs_noun: bool = True
    preps: tuple[str, ...] = ()
    infinitive: bool = False
    particle: str | None = None  # a word the verb needs: "out" in "pulled out of"

    @property
    def positive(self) -> bool:
        """Whether the verb makes or keeps an agreement (rather than refusing or ending one)."""
        return self.status in ("signed", "in force")


VERB_RULES: dict[str, VerbRule] = {
    "sign": VerbRule("signed", "sign", "signed", preps=("on",)),
    "ink": VerbRule("inked", "ink", "signed"),
    "seal": VerbRule("sealed", "seal", "signed"),
    "conclude": VerbRule("concluded", "conclude", "signed"),
    "reach": VerbRule("reached", "reach", "signed"),
    "strike": VerbRule("struck", "strike", "signed"),
    "clinch": VerbRule("clinched", "clinch", "signed"),
    "finalise": VerbRule("finalised", "finalise", "signed"),
    "finalize": VerbRule("finalized", "finalize", "signed"),
    "forge": VerbRule("forged", "forge", "signed"),
    "announce": VerbRule("announced", "announce", "signed"),
    "declare": VerbRule("declared", "declare", "signed"),
    "agree": VerbRule("agreed", "agree", "signed", preps=("on", "to", "upon"), infinitive=True),
    "pledge": VerbRule("pledged", "pledge", "signed", needs_noun=False, infinitive=True),
    "commit": VerbRule("committed", "commit", "signed", preps=("to",), infinitive=True),
    "approve": VerbRule("approved", "approve", "signed"),
    "endorse": VerbRule("endorsed", "endorse", "signed"),
    "ratify": VerbRule("ratified", "ratify", "in force"),
    "renew": VerbRule("renewed", "renew", "in force"),
    "extend": VerbRule("extended", "extend", "in force"),
    "propose": VerbRule("proposed", "propose", "proposed"),
    "offer": VerbRule("offered", "offer", "proposed"),
    "reject": VerbRule("rejected", "reject", "rejected"),
    "veto": VerbRule("vetoed", "veto", "rejected"),
    "withdraw": VerbRule("withdrew from", "withdraw from", "ended", preps=("from",)),
    "pull": VerbRule("pulled out of", "pull out of", "ended", preps=("out", "of"), particle="out"),
    "walk": VerbRule(
        "walked away from", "walk away from", "ended", preps=("away", "from"), particle="away"
    ),
    "quit": VerbRule("quit", "quit", "ended"),
    "exit": VerbRule("exited", "exit", "ended"),
    "abandon": VerbRule("abandoned", "abandon", "ended"),
    "scrap": VerbRule("scrapped", "scrap", "ended"),
    "terminate": VerbRule("terminated", "terminate", "ended"),
    "suspend": VerbRule("suspended", "suspend", "ended"),
    "cancel": VerbRule("cancelled", "cancel", "ended"),
}

AGREEMENT_NOUNS = words(
    """
    agreement deal treaty accord pact memorandum memoranda mou partnership alliance ceasefire
    cease-fire truce armistice contract protocol charter declaration framework settlement
    compact convention understanding arrangement communique communiqué roadmap plan proposal
    offer package resolution cooperation co-operation agreements deals treaties accords pacts
    partnerships alliances contracts arrangements terms lease loan merger takeover acquisition
    sale transfer compromise bailout swap exchange budget
    """
)
# Verbs whose "to"-infinitive makes what follows a future: "are expected to sign".
_EXPECTING = words("expect set due poise schedule plan aim hope intend prepare seek look want")
_REFUSING = {"refuse": "refused to", "decline": "declined to", "fail": "failed to"}
_THREATENING = {"threaten": "threatened to"}
_MODALS = words("will would shall could may might 'll")
_IN_FORCE = re.compile(
    r"\b(?:in force|into force|took effect|takes effect|in effect|into effect|remains in place|"
    r"has been in place|have been in place)\b",
    re.I,
)
_DATE_WORD = re.compile(
    r"\d|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|"
    r"yesterday|tomorrow|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.I,
)
_GROUP_KINDS = {
    "leaders": ("person",),
    "presidents": ("person",),
    "men": ("person",),
    "women": ("person",),
    "ministers": ("person",),
    "countries": ("country",),
    "nations": ("country",),
    "governments": ("country",),
    "sides": ("country", "organisation"),
    "neighbours": ("country",),
    "neighbors": ("country",),
    "companies": ("organisation",),
    "firms": ("organisation",),
    "groups": ("organisation",),
}


_DATE_RELATIVE = re.compile(r"^(?:last|next|this|earlier|later|early|late|mid)\b", re.I)


@dataclass(frozen=True)
class _Mood:
    """How the sentence frames the verb: plain, future, refused, threatened."""

    kind: str  # "plain", "future", "negated", "threat"
    word: str = ""  # "did not", "refused to"...
    governor: Token | None = None


def _mood(verb: Token) -> _Mood:
    if any(c.dep_ == "neg" for c in verb.children):
        return _Mood("negated", "did not")
    head = verb.head
    if verb.dep_ == "xcomp" and head is not verb:
        lemma = head.lemma_.lower()
        if lemma in _REFUSING:
            return _Mood("negated", _REFUSING[lemma], head)
        if lemma in _THREATENING:
            return _Mood("threat", _THREATENING[lemma], head)
        if lemma in _EXPECTING or (lemma == "be" and head.lower_ in ("is", "are")):
            if any(c.dep_ == "neg" for c in head.children):
                return _Mood("negated", "not expected to", head)
            return _Mood("future", "expected to", head)
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
        if any(c.dep_ == "neg" for c in verb.children):
            return _Mood("negated", "will not")
        return _Mood("future", "expected to")
    if verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children):
        return _Mood("future", "expected to")  # "are finalising a deal": not done yet
    return _Mood("plain")


def _status_and_action(rule: VerbRule, mood: _Mood, sentence: str) -> tuple[str, str] | None:
    if mood.kind == "plain":
        status = rule.status
        if status == "signed" and _IN_FORCE.search(sentence):
            status = "in force"
        return status, rule.past
    if mood.kind == "negated":
        if not rule.positive:
            return None  # "did not reject the deal" says too little to report
        return "rejected", f"{mood.word} {rule.base}"
    if mood.kind == "threat":
        return "expected" if rule.positive else "proposed", f"{mood.word} {rule.base}"
    if rule.status == "proposed":
        return "proposed", f"{mood.word} {rule.base}"
    return "expected", f"{mood.word} {rule.base}"


def _subjects(verb: Token, mood: _Mood) -> list[Token]:
    """The tokens that act: the verb's subject, or the subject of what governs it."""
    chain = [verb]
    if mood.governor is not None:
        chain.append(mood.governor)
    node = verb
    while node.dep_ in ("conj", "xcomp", "acomp") and node.head is not node:
        node = node.head
        chain.append(node)
    for v in chain:
        subs = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        # in the passive the subject is the thing signed, the agent the party
        agents = [
            gc for c in v.children if c.dep_ == "agent" for gc in c.children if gc.dep_ == "pobj"
        ]
        if agents:
            return agents
        if subs and not (v is verb and subs[0].dep_ == "nsubjpass"):
            return subs
    return []


def _span_refs(index: ActorIndex, sentence: int, token: Token) -> list[MentionRef]:
    """The actors named in a phrase, leaving out asides about them.

    "His cousin Tahir Bhatti, a taxi driver from Watford," names Tahir Bhatti, not Watford.
    """
    aside: set[int] = set()
    for t in token.subtree:
        if t.i != token.i and t.dep_ in ("appos", "relcl", "acl"):
            aside.update(d.idx for d in t.subtree)
    chars = [(t.idx, t.idx + len(t.text)) for t in token.subtree if t.idx not in aside]
    refs = index.mentions[sentence] if sentence < len(index.mentions) else ()
    return [r for r in refs if any(s < r.end and r.start < e for s, e in chars)]


def _leading(index: ActorIndex, sentence: int, kinds: tuple[str, ...], n: int) -> list[str]:
    """The ``n`` most salient actors of ``kinds`` already named by ``sentence``.

    "The two leaders" of a story are almost always its two main people, rarely merely the two
    named last.
    """
    named = {r.name for refs in index.mentions[: sentence + 1] for r in refs}
    found = [a.name for a in index.actors if a.kind in kinds and a.name in named]
    return found[:n] if len(found) >= n else []


def _parties(index: ActorIndex, sentence: int, verb: Token, mood: _Mood) -> list[str]:
    refs: list[MentionRef] = []
    names: list[str] = []
    for subj in _subjects(verb, mood):
        if subj.lower_ in ("who", "which", "that") and subj.head.dep_ == "relcl":
            subj = subj.head.head  # "Patrick, who has just signed a deal"
        subject_refs = _span_refs(index, sentence, subj)
        if subject_refs:
            refs.extend(subject_refs)
            continue
        low = subj.lower_
        if low in ("he", "she", "it"):
            kinds = ("person",) if low != "it" else ("organisation", "country")
            antecedent = index.last_before(sentence, subj.idx, kinds)
            if antecedent:
                names.append(antecedent)
        elif low in GENERIC_NOUNS and any(
            c.lower_ in ("the", "its", "their") for c in subj.children
        ):
            # "the company had pulled out": the company last named
            generic = index.last_before(sentence, subj.idx, GENERIC_NOUNS[low])
            if generic:
                names.append(generic)
        elif low in _GROUP_KINDS and any(c.lower_ in ("two", "both") for c in subj.children):
            # "the two leaders signed": the story's two main people of that kind
            names.extend(_leading(index, sentence, _GROUP_KINDS[low], 2))
    # "signed a deal with X", "signed a pact with X", "an accord between X and Y"
    heads = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "nsubjpass"))]
    for head in heads:
        for prep in (c for c in head.children if c.dep_ == "prep"):
            if prep.lower_ in ("with", "between"):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    refs.extend(_span_refs(index, sentence, pobj))
    named = [r for r in refs if not r.demonym]
    # "Russian President Vladimir Putin": the person acts; "Russian troops": Russia does
    for ref in named or refs:
        names.append(ref.name)
    return list(dict.fromkeys(names))


def _object(verb: Token, rule: VerbRule) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("dobj", "attr", "oprd"):
            return _antecedent(verb) if _relative(c, verb) else c
    if any(c.dep_ == "auxpass" for c in verb.children):
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                # "a dialogue process which has been agreed"
                return _antecedent(verb) if _relative(c, verb) else c
    # "agreed on a ceasefire", "withdrew from the treaty", "pulled out of the deal"
    frontier = [c for c in verb.children if c.dep_ in ("prep", "prt")]
    for _ in range(2):
        nested: list[Token] = []
        for prep in frontier:
            if prep.lower_ not in rule.preps:
                continue
            for c in prep.children:
                if c.dep_ == "pobj":
                    return c
                if c.dep_ in ("prep", "prt"):
                    nested.append(c)
        frontier = nested
    return None


def _relative(token: Token, verb: Token) -> bool:
    """Whether ``token`` is the "which"/"that" of a relative clause headed by ``verb``."""
    return token.lower_ in ("which", "that", "who") and verb.dep_ == "relcl"


def _antecedent(verb: Token) -> Token:
    """What a relative clause's "which" stands for: its head, or the agreement word before it.

    "proposed a new agreement in March, which Iceland rejected" hangs the clause on "March"
    in the parse; the thing rejected is the agreement.
    """
    head = verb.head
    if _is_agreement_word(head):
        return head
    for t in reversed(verb.doc[max(0, verb.i - 12) : verb.i]):
        if t.pos_ == "NOUN" and _is_agreement_word(t):
            return t
    return head


def _is_agreement_word(t: Token) -> bool:
    return t.lemma_.lower() in AGREEMENT_NOUNS or t.lower_ in AGREEMENT_NOUNS


def _noun_after(verb: Token) -> tuple[int, int] | None:
    """An agreement word shortly after the verb when the parse lost the object.

    Quotation marks ("declared a "boundless" partnership") often derail the parser; the words
    are still there. Returns the token range of the phrase.
    """
    doc = verb.doc
    for t in doc[verb.i + 1 : min(len(doc), verb.i + 8)]:
        if t.is_punct and t.text not in "\"“”'‘’-":
            return None
        if t.pos_ in ("VERB", "AUX"):
            return None
        if t.pos_ == "NOUN" and (
            t.lemma_.lower() in AGREEMENT_NOUNS or t.lower_ in AGREEMENT_NOUNS
        ):
            return (verb.i + 1, t.i + 1)
    return None


def _object_text(obj: Token) -> str:
    """The object phrase without what is said about it (relative clauses, asides, dates)."""
    doc = obj.doc
    dropped: set[int] = set()
    for t in obj.subtree:
        if t.i != obj.i and t.dep_ in ("relcl", "acl", "advcl", "appos", "punct", "cc", "conj"):
            if t.dep_ in ("punct",) and t.text in "\"“”'‘’-":
                continue
            dropped.update(d.i for d in t.subtree)
        if t.ent_type_ in ("DATE", "TIME") and t.i > obj.i:
            dropped.add(t.i)
    kept = [t for t in obj.subtree if t.i not in dropped]
    # keep one contiguous phrase around the head word
    start = obj.i
    while start - 1 >= 0 and doc[start - 1] in kept:
        start -= 1
    end = obj.i
    while end + 1 < len(doc) and doc[end + 1] in kept and end - start < MAX_OBJECT_TOKENS:
        end += 1
    return doc[start : end + 1].text.strip(" ,;:\"“”'‘’")


def _infinitive(verb: Token) -> Token | None:
    """The ``to``-infinitive a verb governs: "agreed to cut output"."""
    for c in verb.children:
        if (
            c.dep_ == "xcomp"
            and c.pos_ in ("VERB", "AUX")
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ):
            return c
    return None


def _has_agreement_noun(token: Token) -> bool:
    return any(_is_agreement_word(t) for t in token.subtree)


def _date(verb: Token, mood: _Mood, published: dt.date | None, future: bool) -> str | None:
    """The date of the verb's own clause ("signed ... on Tuesday"), resolved when possible."""
    clause = {t.i for t in verb.subtree}
    if mood.governor is not None:
        clause |= {t.i for t in mood.governor.subtree}
    for ent in verb.doc.ents:
        if ent.label_ not in ("DATE", "TIME") or ent.root.i not in clause:
            continue
        text = re.sub(r"^(?:on|in|at|by)\s+", "", ent.text.strip(), flags=re.I)
        # "weeks", "three years": a duration, not a date
        if _DATE_WORD.search(text) or _DATE_RELATIVE.search(text):
            return resolve_date(text, published, future=future)
    return None


def _collective(parties: list[str], index: ActorIndex) -> bool:
    """Whether the parties can make an agreement: several, or an institution."""
    if len(parties) >= 2:
        return True
    return any(index.kinds.get(p) in ("organisation", "country", "group") for p in parties)


def _from_verb(
    index: ActorIndex,
    sentence: int,
    text: str,
    verb: Token,
    published: dt.date | None,
    citation: Citation,
) -> Agreement | None:
    rule = VERB_RULES.get(verb.lemma_.lower())
    if rule is None or verb.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in VERB_RULES:
        return None  # "agreed to sign a deal": the governing verb already reports it
    if verb.dep_ in ("amod", "compound"):
        return None  # "the signed agreement" describes, it does not report
    if rule.particle and not any(c.lower_ == rule.particle for c in verb.children):
        return None
    mood = _mood(verb)
    decided = _status_and_action(rule, mood, text)
    if decided is None:
        return None
    status, action = decided
    obj = _object(verb, rule)
    if obj is not None and obj.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X"):
        obj = None  # "agreed, voicing concern": the parse took a clause for the object
    object_text: str | None = None
    if obj is not None:
        if rule.needs_noun and not _has_agreement_noun(obj):
            return None
        object_text = _object_text(obj)
    elif (inf := _infinitive(verb) if rule.infinitive else None) is not None:
        object_text = _object_text(inf)
        if not object_text.lower().startswith("to "):
            object_text = "to " + object_text
    elif (found := _noun_after(verb)) is not None:
        object_text = verb.doc[found[0] : found[1]].text
    else:
        return None
    if rule.base == "agree" and obj is None and any(c.dep_ == "ccomp" for c in verb.children):
        return None  # "analysts agreed that ...": an opinion, not an agreement
    parties = _parties(index, sentence, verb, mood)
    if rule.base == "agree" and obj is None and not _collective(parties, index):
        # "Silvonek agreed to drive her daughter": one person consenting is not an agreement
        return None
    date = _date(verb, mood, published, future=status in ("expected", "proposed"))
    return Agreement(
        text=text,
        parties=tuple(parties),
        action=action,
        status=status,
        citation=citation,
        object=object_text or None,
        date=date,
    )


def find_agreements(
    parsed: Parsed, index: ActorIndex, limit: int = MAX_AGREEMENTS
) -> list[Agreement]:
    """The agreements the document reports, in reading order."""
    published = parse_published(parsed.document.article.published)
    found: list[Agreement] = []
    for position, sentence, doc in parsed.pairs():
        quoted = [(s.start, s.end) for s in quote_spans(sentence.text)]
        seen: set[tuple[str | None, str]] = set()
        for verb in doc:
            if any(s <= verb.idx < e for s, e in quoted):
                continue  # what a speaker says is reported as a quote, not as a fact
            agreement = _from_verb(
                index, position, sentence.text, verb, published, parsed.cite(position)
            )
            if agreement is None or (agreement.object, agreement.status) in seen:
                continue
            seen.add((agreement.object, agreement.status))
            found.append(agreement)
    return found[:limit]
