"""Agreements: who signed, agreed, pledged, proposed, rejected or left what, and when.

Each verb whose lemma has a rule in :data:`VERB_RULES` is read through the dependency parse.

* The **parties** are the side that acts and the counterparty. The side that acts is the
  verb's subject, its conjuncts, or the agent of a passive. Pronouns and descriptions ("he",
  "the 73-year-old former chairman", "the company") are resolved by
  :class:`~briefing.extract.quotes.Resolver`, and "the two countries" or "both sides" become
  the parties of the last agreement that had two of them. The counterparty is named with
  "with", "between" or "from", "a takeover of X", or "gas supplied by X".
* The **object** is the thing agreed: the verb's object, an "on"/"to"/"from" phrase, a
  ``to``-infinitive, or the subject of a passive.
* The **status** comes from negation and modality: "did not sign" and "refused to sign" are
  rejected, "have yet to be signed" and "will sign" are expected, "trying to strike a deal"
  is proposed.

A date expression in the verb's clause is resolved against the article's publication date.

Besides verbs, three other forms count: a participle on an agreement word ("the deal,
struck last week"), an agreement that is the subject of its own verb ("the loan agreement
expires in February", "the alliance came about in 2000"), and a joint decision ("the
decision by India and Pakistan to open a bus link").

Verbs whose object must itself be the agreement cover the rest of a deal's life: it is won
or landed, offered, received, raised or dismissed, refused, turned down, torn up. An agreement
that is the subject of its own verb counts when it "is to go ahead", "should go through" or
"still has to receive the approval of shareholders"; so do the terms of a contract ("has one
year left to run on his contract", "is out of contract at the end of the season"), an attempt
("will meet GM in an attempt to reach agreement") and a plea offer. A person's club or firm,
named in their title in the same sentence, is the other side of their contract.

Hypotheticals are not agreements, and neither is speculation ("could make an offer", "may
push the two firms to reach a compromise"), though a hope is ("hoped agreement could be
reached"). Neither are the means to an end, failures to agree or opinions: "a failure to reach an agreement could ...", "wants to prevent it by signing this
deal", "were unable to reach agreement", "analysts agreed that the accord was flawed". Verbs
that are often used about other things ("reached", "announced", "took") count only when
their object is an agreement word (:data:`AGREEMENT_NOUNS`). Adding a verb is adding a line
to :data:`VERB_RULES`. Buying a company or a stake is an agreement only in an article that
calls it a deal ("the share deal", "this sale"), and gives way to any other agreement its
sentence reports.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from briefing.extract.actors import ActorIndex, MentionRef
from briefing.extract.dates import parse_published, resolve_date
from briefing.extract.gazetteer import (
    COUNTRY_LOOKUP,
    DEMONYMS,
    GENERIC_NOUNS,
    TITLE_HEADS,
    words,
)
from briefing.extract.nlp import Parsed
from briefing.extract.quotes import PRONOUN_GENDERS, SPEECH_VERBS, Resolver
from briefing.models import Agreement

if TYPE_CHECKING:
    import datetime as dt

    from spacy.tokens import Token

MAX_AGREEMENTS = 8
MAX_OBJECT_TOKENS = 12


@dataclass(frozen=True)
class VerbRule:
    """How a verb reports an agreement.

    ``past`` and ``base`` are the forms used in :attr:`Agreement.action`. ``status`` is the
    status of the plain past statement. ``needs_noun`` asks for an agreement word in the
    object, and ``head_noun`` asks for the object itself to be one: "took a plea deal"
    counts, "took part in the deal" does not. ``preps`` are prepositions whose object is the
    thing agreed ("agreed on"). ``infinitive`` lets a ``to``-infinitive be the thing agreed
    ("agreed to cut output"). ``particle`` is a word the verb needs, such as "out" in
    "pulled out of". ``consent`` marks verbs of undertaking ("promised to refund fans") that
    count only when an institution or several parties make the undertaking. ``objects``, when
    given, are the only things the verb reports an agreement about: one receives or improves
    an offer or a bid, not a contract.
    """

    past: str
    base: str
    status: str
    needs_noun: bool = True
    preps: tuple[str, ...] = ()
    infinitive: bool = False
    particle: str | None = None
    head_noun: bool = False
    consent: bool = False
    objects: frozenset[str] = frozenset()

    @property
    def positive(self) -> bool:
        """Whether the verb makes or keeps an agreement (rather than refusing or ending one)."""
        return self.status in ("signed", "in force")


VERB_RULES: dict[str, VerbRule] = {
    # "signed Candela on a five-month deal", "signed up to the pact"
    "sign": VerbRule("signed", "sign", "signed", preps=("on", "up", "to")),
    "ink": VerbRule("inked", "ink", "signed"),
    "seal": VerbRule("sealed", "seal", "signed"),
    "conclude": VerbRule("concluded", "conclude", "signed"),
    "reach": VerbRule("reached", "reach", "signed"),
    "strike": VerbRule("struck", "strike", "signed"),
    "clinch": VerbRule("clinched", "clinch", "signed"),
    "finalise": VerbRule("finalised", "finalise", "signed"),
    "finalize": VerbRule("finalized", "finalize", "signed"),
    "formalise": VerbRule("formalised", "formalise", "signed"),
    "formalize": VerbRule("formalized", "formalize", "signed"),
    "forge": VerbRule("forged", "forge", "signed"),
    "complete": VerbRule("completed", "complete", "signed", head_noun=True),
    "accept": VerbRule("accepted", "accept", "signed", head_noun=True),
    "take": VerbRule("took", "take", "signed", head_noun=True),
    "secure": VerbRule("secured", "secure", "signed", head_noun=True),
    "sort": VerbRule("sorted", "sort", "signed", head_noun=True),
    "announce": VerbRule("announced", "announce", "signed", head_noun=True),
    "declare": VerbRule("declared", "declare", "signed"),
    "agree": VerbRule("agreed", "agree", "signed", preps=("on", "to", "upon"), infinitive=True),
    "pledge": VerbRule("pledged", "pledge", "signed", needs_noun=False, infinitive=True),
    # a pledge by another name: "the club promised to refund fans", "three parties vowed to"
    "promise": VerbRule("promised", "promise", "signed", infinitive=True, consent=True),
    "vow": VerbRule("vowed", "vow", "signed", infinitive=True, consent=True),
    "undertake": VerbRule("undertook", "undertake", "signed", infinitive=True, consent=True),
    "commit": VerbRule("committed", "commit", "signed", preps=("to",), infinitive=True),
    "approve": VerbRule("approved", "approve", "signed"),
    "endorse": VerbRule("endorsed", "endorse", "signed"),
    "ratify": VerbRule("ratified", "ratify", "in force"),
    "renew": VerbRule("renewed", "renew", "in force"),
    "extend": VerbRule("extended", "extend", "in force"),
    "unveil": VerbRule("unveiled", "unveil", "signed", head_noun=True),
    # "settled the charges", "to settle the lawsuit": see _SETTLED
    "settle": VerbRule("settled", "settle", "signed", preps=("with",)),
    "propose": VerbRule("proposed", "propose", "proposed"),
    "consider": VerbRule("considered", "consider", "proposed", head_noun=True),
    # "Holcim has bid $800m for ...": see _bid_object
    "bid": VerbRule("bid", "bid", "proposed", needs_noun=False, preps=("for",)),
    # "offered to pay compensation" (by an institution), "offered to plead guilty"
    "offer": VerbRule("offered", "offer", "proposed", infinitive=True, consent=True),
    "make": VerbRule("made", "make", "proposed", head_noun=True),
    "give": VerbRule("given", "give", "signed", head_noun=True),
    "seek": VerbRule("sought", "seek", "proposed", head_noun=True),
    "pursue": VerbRule("pursued", "pursue", "proposed", head_noun=True),
    "call": VerbRule("called for", "call for", "proposed", preps=("for",), particle="for"),
    "reject": VerbRule("rejected", "reject", "rejected"),
    "veto": VerbRule("vetoed", "veto", "rejected"),
    "withdraw": VerbRule("withdrew from", "withdraw from", "ended", preps=("from",)),
    "pull": VerbRule("pulled out of", "pull out of", "ended", preps=("out", "of"), particle="out"),
    "walk": VerbRule(
        "walked away from", "walk away from", "ended", preps=("away", "from"), particle="away"
    ),
    "get": VerbRule("got out of", "get out of", "ended", preps=("out", "of"), particle="out"),
    "quit": VerbRule("quit", "quit", "ended"),
    "exit": VerbRule("exited", "exit", "ended"),
    "abandon": VerbRule("abandoned", "abandon", "ended"),
    "scrap": VerbRule("scrapped", "scrap", "ended"),
    "terminate": VerbRule("terminated", "terminate", "ended"),
    "suspend": VerbRule("suspended", "suspend", "ended"),
    "cancel": VerbRule("cancelled", "cancel", "ended"),
    "end": VerbRule("ended", "end", "ended"),
    # Buying a company or a stake is an agreement when the article calls it a deal: see
    # _Reader._purchase
    "buy": VerbRule("bought", "buy", "signed", needs_noun=False),
    "acquire": VerbRule("acquired", "acquire", "signed", needs_noun=False),
    "purchase": VerbRule("purchased", "purchase", "signed", needs_noun=False),
    # "licensed an outside company, Terminix, for the services": a contract with a company
    "license": VerbRule("licensed", "license", "signed", needs_noun=False),
    "licence": VerbRule("licensed", "licence", "signed", needs_noun=False),
    # "are closing in on a £2m deal": not made yet
    "close": VerbRule("closed in on", "close in on", "expected", preps=("in", "on"), particle="in"),
    # "has deals with 20 other national bodies": an agreement that holds now
    "have": VerbRule("has", "have", "in force", head_noun=True),
}
# Proposals: what one makes, receives or improves is an offer, not yet an agreement.
_PROPOSALS = words("proposal proposals offer offers bid bids approach approaches terms")
# The rest of an agreement's life, for verbs whose object must itself be the agreement ("won a
# contract", "dismissed the offer", "tore up the treaty"): the words news copy uses for making,
# offering, refusing and ending deals besides the ones above.
VERB_RULES.update(
    {
        "land": VerbRule("landed", "land", "signed", head_noun=True),
        "win": VerbRule("won", "win", "signed", head_noun=True),
        "earn": VerbRule("earned", "earn", "signed", head_noun=True),
        "obtain": VerbRule("obtained", "obtain", "signed", head_noun=True),
        "award": VerbRule("awarded", "award", "signed", head_noun=True),
        "broker": VerbRule("brokered", "broker", "signed", head_noun=True),
        "negotiate": VerbRule("negotiated", "negotiate", "signed", head_noun=True),
        "hammer": VerbRule("hammered out", "hammer out", "signed", particle="out"),
        "thrash": VerbRule("thrashed out", "thrash out", "signed", particle="out"),
        "wrap": VerbRule("wrapped up", "wrap up", "signed", particle="up", head_noun=True),
        "clear": VerbRule("cleared", "clear", "signed", head_noun=True),
        # "entered into a partnership", "opted for a supply deal", "joined on a loan deal"
        "enter": VerbRule("entered into", "enter into", "signed", preps=("into",)),
        "opt": VerbRule("opted for", "opt for", "signed", preps=("for",)),
        "join": VerbRule("joined", "join", "signed", preps=("on",)),
        "table": VerbRule("tabled", "table", "proposed", head_noun=True),
        "submit": VerbRule("submitted", "submit", "proposed", head_noun=True),
        "lodge": VerbRule("lodged", "lodge", "proposed", head_noun=True),
        "tender": VerbRule("tendered", "tender", "proposed", objects=_PROPOSALS),
        "launch": VerbRule("launched", "launch", "proposed", objects=_PROPOSALS),
        "mount": VerbRule("mounted", "mount", "proposed", objects=_PROPOSALS),
        "receive": VerbRule("received", "receive", "proposed", objects=_PROPOSALS),
        "improve": VerbRule("improved", "improve", "proposed", objects=_PROPOSALS),
        "raise": VerbRule("raised", "raise", "proposed", objects=_PROPOSALS),
        "increase": VerbRule("increased", "increase", "proposed", objects=_PROPOSALS),
        "lift": VerbRule("lifted", "lift", "proposed", objects=_PROPOSALS),
        "boost": VerbRule("boosted", "boost", "proposed", objects=_PROPOSALS),
        "up": VerbRule("upped", "up", "proposed", objects=_PROPOSALS),
        # "a new agreement was drawn up": made
        "draw": VerbRule("drew up", "draw up", "signed", particle="up", head_noun=True),
        "sweeten": VerbRule("sweetened", "sweeten", "proposed", objects=_PROPOSALS),
        "revise": VerbRule("revised", "revise", "proposed", objects=_PROPOSALS),
        # "approached the LSE about a takeover bid": the one approached is the other side
        "approach": VerbRule("approached", "approach", "proposed", preps=("about", "with")),
        # "presented the board with detailed proposals": the board is the other side
        "present": VerbRule("presented", "present", "proposed", preps=("with",)),
        "dismiss": VerbRule("dismissed", "dismiss", "rejected", head_noun=True),
        "refuse": VerbRule("refused", "refuse", "rejected", head_noun=True),
        "decline": VerbRule("declined", "decline", "rejected", head_noun=True),
        "spurn": VerbRule("spurned", "spurn", "rejected", head_noun=True),
        "rebuff": VerbRule("rebuffed", "rebuff", "rejected", head_noun=True),
        "snub": VerbRule("snubbed", "snub", "rejected", head_noun=True),
        "block": VerbRule("blocked", "block", "rejected", head_noun=True),
        "turn": VerbRule("turned down", "turn down", "rejected", particle="down", head_noun=True),
        "tear": VerbRule("tore up", "tear up", "ended", particle="up", head_noun=True),
        "rip": VerbRule("ripped up", "rip up", "ended", particle="up", head_noun=True),
        "ditch": VerbRule("ditched", "ditch", "ended", head_noun=True),
        "axe": VerbRule("axed", "axe", "ended", head_noun=True),
        "annul": VerbRule("annulled", "annul", "ended", head_noun=True),
        "renege": VerbRule("reneged on", "renege on", "ended", preps=("on",)),
        "revoke": VerbRule("revoked", "revoke", "ended", head_noun=True),
        "rescind": VerbRule("rescinded", "rescind", "ended", head_noun=True),
        "repudiate": VerbRule("repudiated", "repudiate", "ended", head_noun=True),
        "abrogate": VerbRule("abrogated", "abrogate", "ended", head_noun=True),
        "pen": VerbRule("penned", "pen", "signed", head_noun=True),
        "hand": VerbRule("handed", "hand", "signed", head_noun=True),
        "nail": VerbRule("nailed down", "nail down", "signed", particle="down", head_noun=True),
        "honour": VerbRule("honoured", "honour", "in force", head_noun=True),
        "honor": VerbRule("honored", "honor", "in force", head_noun=True),
        "implement": VerbRule("implemented", "implement", "in force", head_noun=True),
        "renegotiate": VerbRule("renegotiated", "renegotiate", "proposed", head_noun=True),
        "put": VerbRule("put forward", "put forward", "proposed", particle="forward"),
        "knock": VerbRule(
            "knocked back", "knock back", "rejected", particle="back", head_noun=True
        ),
    }
)
# Verbs that report an agreement themselves when they govern another such verb ("agreed to
# sign"); "have" does so only with an agreement for its object ("have yet to be signed"), and
# the verbs that take an agreement only as their object ("refused a package") leave "refused
# to sign" to the moods.
_GOVERNING = frozenset(VERB_RULES) - {
    "have",
    "refuse",
    "decline",
    "receive",
    "improve",
    "raise",
    "increase",
    "lift",
    "boost",
    "up",
    "revise",
    "clear",
    "block",
    "table",
    "submit",
}
AGREEMENT_NOUNS = words(
    """
    agreement deal treaty accord pact memorandum memoranda memorandums mou partnership alliance
    ceasefire cease-fire truce armistice contract protocol charter declaration framework
    settlement compact convention understanding arrangement communique communiqué roadmap
    proposal offer package resolution cooperation co-operation agreements deals treaties
    accords pacts partnerships alliances contracts arrangements terms lease loan merger
    takeover acquisition buyout sale transfer compromise bailout swap bid bids offers
    proposals intent settlements
    """
)
# What one settles by agreement: "settled the charges", "to settle the lawsuit".
_SETTLED = words(
    """
    charge charges case cases claim claims lawsuit lawsuits suit suits dispute disputes
    allegation allegations action actions investigation probe complaint complaints row
    """
)
# Holdings whose owner is the other side of a deal: "a controlling stake in X".
_HOLDINGS = words("stake stakes holding holdings share shares interest")
# Verbs of a transaction that an agreement can be the setting of: "snapped up FleetBoston
# in a $47bn merger", "are to work together in a series of energy deals".
_TRANSACTING = words(
    """
    buy acquire snap purchase sell join move merge combine swap work cooperate co-operate
    team partner link invest
    """
)
# Agreement as shared opinion: "there is universal agreement that ...".
_CONSENSUS = words("universal general broad widespread wide common growing")
# Nouns that turn down what their infinitive would do: "its refusal to sign the protocol".
_REFUSALS = words("refusal unwillingness reluctance")
# Verbs that name or judge something: "called it the biggest deal ever struck".
_NAMING = words("call describe dub label hail brand term deem consider")
# Time left on a contract: "another year on his current deal".
_TERMS = words("year years month months season seasons week weeks")
# Agreement nouns that the tokenizer splits at their hyphen.
_HYPHENATED = words("tie-up link-up buy-out take-over joint-venture")
# Nouns that stand for an agreement through what follows them: "a series of agreements",
# "reform of the stability pact", "a letter of intent".
_CONTAINERS = words(
    """
    series number raft package set string reform reforms change changes revision revisions
    overhaul extension renewal terms part draft version letter copy details
    """
)
# Verbs whose participle on an agreement word reports that it was made: "the deal, struck
# last week". Weaker verbs ("the terms announced") only describe.
_PARTICIPLES = words(
    "sign seal strike conclude reach agree ink clinch finalise finalize forge ratify renew extend"
)
# Buying or selling goods: their origin is the other side of the deal.
_TRADE = words("import buy purchase")
# Buying a company or a stake in one: an agreement only in an article that calls it a deal.
_ACQUIRING = words("buy acquire purchase")
# What an article calls a purchase when it is a deal: "the share deal", "this sale".
_DEAL_WORDS = words(
    "deal deals contract contracts takeover acquisition merger purchase sale buyout bid offer"
)
_FIRMS = words("company firm contractor supplier group business operator")
# A country's government, named by what it is: "the government", "the administration".
_GOVERNMENTS = words("government administration")
# What an agreement does to its sides: "commits Australia to", "obliges Fiat to".
_BINDING = words("commit oblige require bind compel")
# Giving something to someone: the one given to is the other side.
_GIVING = words("give grant hand offer award")
# Selling or supplying goods: whoever receives them is the other side ("to supply Peugeot
# with 30,000 vehicles"), and "with" names the goods, not a party.
_SUPPLY = words("supply sell export provide lend give")
# Agreements that one side owns: taking over X makes X the other side, and so does a
# takeover by X.
_OF_PARTY = words("takeover acquisition buyout purchase merger bid offer approach")
# Paying or selling to X makes X the other side: "agreed to pay $1m to the Department of
# Justice".
_TO_PARTY = words("pay sell hand transfer lease license licence")
# A player's move to a club is a transfer: "agreed a move to Atletico Madrid".
_MOVES = words("move switch transfer loan")
# Signing someone (a player, a manager) is contracting with them.
_SIGNING = words("sign")
# Verbs whose "to"-infinitive makes what follows a future: "are expected to sign".
_EXPECTING = words("expect set due poise schedule plan aim hope intend prepare look want")
# Contracts a person holds with an employer.
_EMPLOYMENT = words("contract contracts extension")
# Nearly there: "is close to agreeing a new contract".
_CLOSE = words("close closer near nearer")
# "on the verge of signing", "on the brink of agreeing": about to happen, not done
_VERGE = words("verge brink point threshold cusp")
# ... or only an attempt: "trying to strike a deal".
_SEEKING = words("try seek attempt strive push pursue")
_REFUSING = {"refuse": "refused to", "decline": "declined to", "fail": "failed to"}
_THREATENING = {"threaten": "threatened to"}
# "were unable to reach agreement": no agreement, and nothing that was rejected either.
_UNABLE = words("unable fail")
_REACHING = words("reach agree conclude strike finalise finalize seal clinch")
_MODALS = words("will would shall could can may might 'll must should")
_SPECULATIVE = words("could may might")
_PLEAS = words("plead")
# What an offer "to" do is a deal about: "offered to pay $300m", "offered to buy the shares".
_DEALING = words(
    """
    pay buy sell settle plead acquire purchase merge invest lend supply provide fund
    compensate refund cover match repay
    """
)
# Verbs of getting a contract: not getting one is neither an agreement nor a refusal.
_GAINING = words("win land earn obtain secure clinch")
_NOBODY = words("neither none nobody nothing")
_NO_ONE = words("neither no")
# Undertakings told as a participle: "the money pledged by the US".
_PLEDGING = words("pledge promise")
# What makes a "bid to ..." an offer rather than an attempt: "a cash bid to trump the offer".
_OFFER_KINDS = words("cash takeover hostile formal rival counter all-share share improved")
# What people agree on when they share a view rather than make a deal: "agree on one thing".
_OPINIONS = words("thing things point points something anything everything much little")
# Nouns whose "to"-infinitive is an attempt: "in an attempt to reach agreement".
_ATTEMPTS = words("attempt bid effort efforts push drive")
# An approach or attempt to buy a company is a bid: "a fresh approach to buy X", "a takeover
# attempt", "its bid approach"; an approach to policy or an attempt to win is not.
_TRIES = words("approach attempt")
_TAKEOVER = words("takeover take-over buyout bid cash formal")
_OVER = frozenset({"over"})
# Talks that an agreement is the subject of: "in talks over a new deal".
_TALKS = words("talk talks negotiation negotiations discussion discussions stand-off standoff")
_ABOUT = words("over on about for")
_HOLDING_TALKS = words("hold open begin start have resume continue enter conduct")
# What failed talks do: "negotiations appear to have stalled", "talks on a deal collapsed".
_FAILING = words("stall collapse fail break end founder falter unravel stop suspend abandon")
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
    "parties": ("country", "organisation", "person"),
    "neighbours": ("country",),
    "neighbors": ("country",),
    "companies": ("organisation",),
    "firms": ("organisation",),
    "groups": ("organisation",),
    "clubs": ("organisation",),
    "boards": ("organisation",),
    "partners": ("country", "organisation", "person"),
}
# Nouns that a country or organisation named before them turns into that actor: "the
# Turkmen side" is Turkmenistan, "Rosneft's board" Rosneft. But "a US company" is not the
# United States, and "a former Utah high school teacher" is not Utah.
_POLITY = words(
    """
    side sides delegation authorities officials negotiators government administration regime
    state forces troops army navy military police parliament cabinet leadership ministry
    presidency
    """
)
# ... these only through a possessive: "Rosneft's board", not "former Enron directors".
_BODIES = words(
    """
    board management owners shareholders directors team company firm group subsidiary
    subsidiaries unit units arm division divisions affiliate affiliates
    """
)
# Gerunds after these prepositions have not happened: "ahead of signing", "before agreeing".
_NOT_YET = words("before ahead without instead")
_THROUGH = frozenset({"through"})
_PARTICLE = ("prt", "prep", "advmod")

_DATE_LEAD = r"^(?:(?:on|in|at|by|until|till|from|since)\s+|(?:at\s+)?(?:least|most)\s+)+"
_DATE_RELATIVE = re.compile(r"^(?:last|next|this|earlier|later|early|late|mid)\b", re.I)


@dataclass(frozen=True)
class _Mood:
    """How the sentence frames the verb: plain, future, seeking, pending, refused, threatened."""

    kind: str  # "plain", "future", "seeking", "pending", "negated", "threat"
    word: str = ""  # "did not", "refused to"...
    governor: Token | None = None


# The tagger's lemmatiser gets a few of the verbs that matter here wrong ("hoped" -> "hop").
_LEMMA_FIXES = {"hoped": "hope", "hoping": "hope"}


def _lemma(token: Token) -> str:
    return _LEMMA_FIXES.get(token.lower_, token.lemma_.lower())


def _has_child(token: Token, deps: tuple[str, ...], lows: frozenset[str] | None = None) -> bool:
    return any(c.dep_ in deps and (lows is None or c.lower_ in lows) for c in token.children)


def _mood(verb: Token) -> _Mood | None:
    """The verb's mood, or None when it reports no agreement at all ("unable to reach")."""
    pending = frozenset({"yet", "still"})
    head = verb.head
    if _has_child(verb, ("neg",)):
        if _has_child(verb, ("advmod",), pending):
            return _Mood("pending", "not yet")  # "the contracts have still not been finalised"
        return _Mood("negated", "did not")
    tried = _attempt(verb)
    if tried is not None:
        return _Mood("seeking", f"in an {verb.head.lower_} to", tried)
    if verb.dep_ == "xcomp" and head.i != verb.i:
        lemma = _lemma(head)
        if _has_child(head, ("aux",), _SPECULATIVE) or (
            head.dep_ == "acomp" and _has_child(head.head, ("aux",), _SPECULATIVE)
        ):
            # "pressure may push the two firms to reach a compromise", "it may be ready to
            # launch a cash bid"
            return None
        if lemma == "have" and _has_child(head, ("advmod",), pending):
            return _Mood("pending", "yet to", head)  # "have yet to be signed"
        if lemma in _UNABLE and verb.lemma_.lower() in _REACHING:
            return None
        if (
            lemma == "able"
            and _has_child(head.head, ("neg", "advmod"), frozenset({"not", "never", "n't"}))
            and verb.lemma_.lower() in _REACHING
        ):
            return None  # "the EU would never be able to reach agreement"
        if lemma in _REFUSING:
            return _Mood("negated", _REFUSING[lemma], head)
        if lemma in _THREATENING:
            return _Mood("threat", _THREATENING[lemma], head)
        if lemma in _SEEKING:
            return _Mood("seeking", f"{head.lower_} to", head)  # "trying to", "sought to"
        if lemma in _EXPECTING or (lemma == "be" and head.lower_ in ("is", "are")):
            if _has_child(head, ("neg",)):
                return _Mood("negated", "not expected to", head)
            return _Mood("future", "expected to", head)
    if verb.dep_ == "pcomp" and head.lower_ == "to" and head.head.lower_ in _CLOSE:
        return _Mood("future", f"{head.head.lower_} to", head.head)  # "is close to agreeing"
    if (
        verb.dep_ == "pcomp"
        and head.lower_ == "of"
        and head.head.lower_ in _VERGE
        and head.head.dep_ == "pobj"
        and head.head.head.lower_ == "on"
    ):
        return _Mood("future", f"on the {head.head.lower_} of", head.head)  # "on the verge of"
    hoped = verb.dep_ == "ccomp" and _lemma(head) in _EXPECTING
    if _has_child(verb, ("aux",), _SPECULATIVE) and not hoped:
        # ... but "he hoped agreement could be reached" looks forward to one
        return None  # "Petrobras could join the deal", "a deal may follow": speculation
    if _has_child(verb, ("aux",), _MODALS):
        return _Mood("future", "expected to")
    if _attendant(verb) is not None and _has_child(verb.head.head, ("aux",), _MODALS):
        # "An announcement will be made on Friday, with Locke being given a three-year
        # deal": as future as the clause it goes with
        return _Mood("future", "expected to")
    if verb.tag_ == "VBG" and _has_child(verb, ("aux",), frozenset({"is", "are", "am", "be"})):
        if verb.lemma_.lower() in ("seek", "pursue"):
            return _Mood("plain")  # "Iran has been pursuing a series of deals"
        return _Mood("future", "expected to")  # "are finalising a deal": not done yet
    return _Mood("plain")


def _speech_governor(token: Token) -> Token | None:
    """The speech verb whose reported clause holds ``token``: "said it believed it could"."""
    node = token.head
    for _ in range(4):
        if node.dep_ != "ccomp" or node.head.i == node.i:
            return None
        node = node.head
        if _lemma(node) in SPEECH_VERBS:
            return node
    return None


def _attendant(verb: Token) -> Token | None:
    """The clause a "with X being given ..." phrase goes with: its verb, or None."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "with" and head.head.pos_ in ("VERB", "AUX"):
        return head.head if head.head.i != head.i else None
    return None


def _status_and_action(
    rule: VerbRule, mood: _Mood, sentence: str, verb: Token
) -> tuple[str, str] | None:
    passive = _has_child(verb, ("auxpass",))
    if mood.kind == "plain":
        status = rule.status
        if status == "signed" and _IN_FORCE.search(_own_clause(verb)):
            # "an agreement signed in 1993 remains in force", but not "was signed in Rome
            # and is due to come into force in 2006": that is another verb's news
            status = "in force"
        return status, rule.past
    if mood.kind == "pending":
        if mood.word == "yet to":  # "have yet to be signed", "has yet to sign"
            return "expected", f"yet to be {rule.past}" if passive else f"yet to {rule.base}"
        return "expected", f"not yet {rule.past}"  # "have still not been finalised"
    if mood.kind == "negated":
        if not rule.positive:
            return None  # "did not reject the deal" says too little to report
        return "rejected", f"{mood.word} {rule.base}"
    if mood.governor is not None and mood.governor.lower_ in _CLOSE | _VERGE:
        return "expected", f"{mood.word} {verb.text}"  # "close to agreeing"
    if mood.kind == "threat":
        return "expected" if rule.positive else "proposed", f"{mood.word} {rule.base}"
    if mood.kind == "seeking":
        return ("proposed" if rule.positive or rule.status == "proposed" else rule.status), (
            f"{mood.word} {rule.base}"
        )
    if rule.status in ("proposed", "ended", "rejected"):
        # "Turkcell was set to pull out of the deal": an end in prospect is still an end
        return rule.status, f"{mood.word} {rule.base}"
    if passive and mood.kind == "future":
        return "expected", f"{mood.word} be {rule.past}"  # "expected to be signed"
    return "expected", f"{mood.word} {rule.base}"


def _own_clause(verb: Token) -> str:
    """The text of a verb's clause without the clauses joined to it ("... and is due to")."""
    node = verb
    while node.dep_ in ("xcomp", "aux", "auxpass") and node.head.i != node.i:
        node = node.head  # "is expected to remain in force": the governing verb's clause
    skipped = {
        d.i
        for c in node.children
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
        for d in c.subtree
    }
    return " ".join(t.text for t in node.subtree if t.i not in skipped)


def _hypothetical(verb: Token) -> bool:
    """A verb that reports no event: a means, a possibility, a gerund used as a noun."""
    if verb.dep_ in ("csubj", "csubjpass"):
        return True  # "reaching an understanding ... could be difficult"
    if verb.dep_ == "acl" and _has_child(verb, ("aux",), frozenset({"to"})):
        # "a failure to reach an agreement", "a chance to seal the deal"; but "(met) in an
        # attempt to reach agreement" reports the attempt (see _mood)
        return _attempt(verb) is None
    if verb.tag_ == "VBG" and verb.dep_ in ("nsubj", "nsubjpass", "dobj", "acl"):
        # ... unless the parse hung a whole clause there: "reports Mr Blair was considering
        # a new treaty"
        return not (_has_child(verb, ("nsubj",)) and _has_child(verb, ("aux",)))
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp":
        prep = verb.head
        told = prep.head
        if prep.lower_ == "before" and (
            told.tag_ == "VBD" or _has_child(told, ("aux", "auxpass"), _PAST_AUX)
        ):
            # "played at Anfield before sealing his switch to City": a past narrative tells
            # what came next, which happened
            return False
        if prep.lower_ in _NOT_YET or (prep.i > 0 and prep.doc[prep.i - 1].lower_ == "ahead"):
            return True
        governor = prep.head
        if governor.pos_ == "ADJ" and governor.lower_ not in _CLOSE:
            return True  # "interested in bidding for the LSE", "keen on signing"
        # "wants to prevent it by signing this deal": as unreal as what it serves
        if governor.dep_ == "xcomp" and _lemma(governor.head) in _EXPECTING:
            return True
        if _has_child(governor, ("aux",), _MODALS):
            return True
    return False


_CONDITIONS = words("if unless whether")
_RUMOURS = words("speculation rumour rumours rumor rumors suggestion suggestions conjecture")
# "is reported to have", "is thought to have", "is said to be": hearsay about the subject.
_HEARSAY = words("report say think believe understand know rumour rumor claim allege")
# Verbs whose object does what their infinitive says: "forced the government to cancel".
_CONTROLLING = words("force compel persuade convince urge ask allow push prompt lead get")
_WHENEVER = words("before until when whenever once after")
_AHEAD = words("once until till before")
_PAST_AUX = words("had was were did")
_PRESENT_AUX = words("have has is are am do does")
# What an agreement still needs before it holds: "the deal still has to receive the approval
# of shareholders", "the merger needs clearance from regulators".
_APPROVALS = words("approval ratification clearance consent go-ahead sign-off")
_NEEDING = words("need require await face")
_GETTING = words("receive get win gain secure obtain")


def _attempt(verb: Token) -> Token | None:
    """The verb whose purpose is an "attempt to" agree: "will meet in an attempt to reach
    agreement" gives "meet"."""
    noun = verb.head
    if verb.dep_ != "acl" or noun.lemma_.lower() not in _ATTEMPTS or noun.dep_ != "pobj":
        return None
    prep = noun.head
    if prep.lower_ != "in" or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    return prep.head


def _rumoured(verb: Token) -> bool:
    """Whether the verb's clause is what speculation or rumour says: "amid speculation that it
    may be ready to launch a bid", "on speculation it is to receive a takeover bid"."""
    node = verb
    for _ in range(5):
        head = node.head
        if head.i == node.i:
            return False
        if node.dep_ in ("acl", "ccomp", "relcl") and head.lemma_.lower() in _RUMOURS:
            return True
        node = head
    return False


def _still_to_come(verb: Token) -> bool:
    """A present tense in a clause of time is a future: "(grants will flow) once all members
    have ratified the agreement", "until the two sides sign a deal"."""
    if not _has_child(verb, ("mark",), _AHEAD):
        return False
    if verb.tag_ == "VBD" or _has_child(verb, ("aux", "auxpass"), _PAST_AUX):
        return False  # "once they had signed": told in the past
    return verb.tag_ in ("VBP", "VBZ") or _has_child(verb, ("aux", "auxpass"), _PRESENT_AUX)


def _conditional(verb: Token) -> bool:
    """Whether the verb's clause is a condition: "if the deal goes ahead", "unless it is
    signed", "should the offer be accepted"."""
    node = verb
    for _ in range(4):
        if _has_child(node, ("mark",), _CONDITIONS):
            return True
        first = node.doc[node.left_edge.i]
        if (
            first.lower_ in ("should", "had", "were")
            and first.head.i == node.i
            and first.dep_ in ("aux", "auxpass")
            and node.dep_ in ("advcl", "ccomp")
        ):
            return True  # the inverted condition: "Should the offer be fully accepted, ..."
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _phrase(first: Token, verb: Token, last: str) -> str:
    """The words from ``first`` to ``verb`` and its particle: "is to go ahead"."""
    return f"{verb.doc[first.i : verb.i + 1].text} {last}"


def _awaiting_approval(verb: Token) -> str | None:
    """The action of an agreement that still needs approval, or None: "still has to receive
    the approval", "needs clearance"."""
    lemma = _lemma(verb)
    if lemma not in _NEEDING and not (
        lemma in _GETTING and verb.dep_ == "xcomp" and _lemma(verb.head) in ("have", "need")
    ):
        return None
    approval = next(
        (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _APPROVALS), None
    )
    if approval is None:
        return None
    first = verb.head if verb.dep_ == "xcomp" else verb
    words_ = [t.text for t in verb.doc[first.i : verb.i + 1] if t.dep_ != "advmod"]
    return " ".join([*words_, approval.text])


def _climb(verb: Token, mood: _Mood) -> list[Token]:
    """The verb and the verbs whose subject it shares: "agreed ... and signed", "by agreeing"."""
    chain = [verb]
    if mood.governor is not None:
        chain.append(mood.governor)
    node = verb
    for _ in range(4):
        if node.dep_ in ("conj", "xcomp", "acomp") and node.head.i != node.i:
            node = node.head
        elif node.dep_ == "advcl" and _has_child(node, ("aux",), frozenset({"to"})):
            node = node.head  # "GM is to pay Fiat ... to get out of a deal"
        elif node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.i != node.i:
            node = node.head.head  # "ended speculation by agreeing a contract"
        elif node.dep_ == "pobj" and node.lower_ in _VERGE and node.head.head.i != node.i:
            node = node.head.head  # "Campbell is on the verge of signing": Campbell signs
        else:
            break
        chain.append(node)
    return chain


def _agents(verb: Token) -> list[Token]:
    """The agents of a passive: "signed by Iran", "pledged by the US"."""
    return [
        gc for c in verb.children if c.dep_ == "agent" for gc in c.children if gc.dep_ == "pobj"
    ]


def _subjects(verb: Token, mood: _Mood) -> list[Token]:
    """The tokens that act: the verb's subject, or the subject of what governs it."""
    passive = _has_child(verb, ("auxpass",))
    for v in _climb(verb, mood):
        if v.i != verb.i and _lemma(v) in _HEARSAY and _has_child(v, ("auxpass",)):
            # "Everasia is reported by Reuters to have won a contract": the one reported on
            # acts, not the reporter
            subs = [c for c in v.children if c.dep_ == "nsubjpass"]
            if subs:
                return subs
        # in the passive the subject is the thing signed, the agent the party
        agents = _agents(v)
        subs = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if agents and v.i == verb.i and passive and _has_child(verb, ("dobj",)):
            # "he has been offered a new deal by the club": the one offered and the one
            # offering are both sides
            return [*subs, *agents]
        if agents:
            return agents
        if v.i != verb.i and _lemma(v) in _CONTROLLING:
            # "This forced the government to cancel the contract": the one forced acts
            objects = [c for c in v.children if c.dep_ == "dobj"]
            if objects:
                return objects
        if v.i == verb.i and passive:
            if _has_child(verb, ("dobj",)):
                return subs  # "Hoddle has been given a six-month contract": the recipient
            return []  # "this deal has now been extended": nobody is named as extending it
        if subs and not (v.i == verb.i and subs[0].dep_ == "nsubjpass"):
            return subs
    return []


def _outside_asides(token: Token, tails: bool = False) -> list[tuple[int, int]]:
    """Character ranges of a phrase without its asides ("X, a taxi driver from Watford,").

    With ``tails``, prepositional phrases go too: "a bid from Rangers for Scotland captain
    Barry Ferguson" names Rangers as the bidder, not Ferguson.
    """
    cut = ("relcl", "acl", "prep") if tails else ("appos", "relcl", "acl")
    aside: set[int] = set()
    for t in token.subtree:
        if t.i != token.i and t.dep_ in cut:
            aside.update(d.idx for d in t.subtree)
        if tails and t.dep_ == "poss" and t.head.pos_ == "PROPN":
            aside.update(d.idx for d in t.subtree)  # "China's National Petroleum Corporation"
    return [(t.idx, t.idx + len(t.text)) for t in token.subtree if t.idx not in aside]


def _object(verb: Token, rule: VerbRule) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("dobj", "attr", "oprd"):
            return _antecedent(verb) if _relative(c, verb) else c
    if _has_child(verb, ("auxpass",)):
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                # "a dialogue process which has been agreed"
                return _antecedent(verb) if _relative(c, verb) else c
        # "Changes to the pact are due to be agreed": the governor's subject
        node = verb
        while node.dep_ in ("xcomp", "acomp") and node.head.i != node.i:
            node = node.head
            for c in node.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    return c
    return _prep_object(verb, rule)


def _prep_object(verb: Token, rule: VerbRule) -> Token | None:
    """The thing agreed in a phrase of the rule's prepositions: "agreed on a ceasefire",
    "withdrew from the treaty", "pulled out of the deal"."""
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
    """Whether ``token`` stands for something named before it in the sentence.

    The "which"/"that" of a relative clause headed by ``verb``, or a demonstrative ("he made
    a proposal, but this was rejected by the club").
    """
    if token.lower_ in ("which", "that", "who") and verb.dep_ == "relcl":
        # ... but "an agreement with Larne that he can negotiate with other clubs" is a
        # complement the parse hung as a relative: "that" is tagged as a conjunction
        return token.tag_ != "IN"
    return token.lower_ in ("this", "it") and token.pos_ == "PRON" and verb.dep_ == "conj"


def _antecedent(verb: Token) -> Token:
    """What a relative clause's "which" stands for: its head, or the agreement word before it.

    "proposed a new agreement in March, which Iceland rejected" hangs the clause on "March"
    in the parse; the thing rejected is the agreement.
    """
    head = verb.head
    if _is_agreement_word(head):
        return head
    for t in reversed(verb.doc[max(0, verb.i - 20) : verb.i]):
        if t.pos_ == "NOUN" and _is_agreement_word(t):
            return t
    return head


def _is_agreement_word(t: Token) -> bool:
    if t.lemma_.lower() in AGREEMENT_NOUNS or t.lower_ in AGREEMENT_NOUNS:
        if t.lower_ == "deal" and any(c.lower_ in ("great", "good") for c in t.children):
            # "a great deal of money", "a good deal more" are amounts, but "a good deal had
            # been secured" is an agreement
            after = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if t.dep_ in ("npadvmod", "advmod") or (
                after is not None and after.lower_ in ("of", "more", "less", "better", "worse")
            ):
                return False
        if t.lower_ == "sales":
            return False  # "firearms sales", "sales rose": trade, not one sale
        # "in a bid to raise $443m" and "veto any bid to reduce the rebate" are attempts, not
        # offers; "a cash bid to trump Deutsche Boerse's offer" is one
        if t.lemma_.lower() == "bid" and any(_is_to_clause(c) for c in t.children):
            if t.dep_ == "pobj" and t.head.lower_ == "in":
                return False
            return any(
                c.lower_ in _OFFER_KINDS or c.ent_type_ == "MONEY" for c in t.subtree if c.i < t.i
            )
        return True
    if t.lemma_.lower() in _TRIES and (
        any(c.dep_ in ("compound", "amod") and c.lower_ in _TAKEOVER for c in t.children)
        or any(
            c.dep_ in ("acl", "relcl")
            and _has_child(c, ("aux",), frozenset({"to"}))
            and (_lemma(c) in _ACQUIRING or _has_child(c, ("prt",), _OVER))
            for c in t.children
        )
    ):
        return True  # "a fresh approach to buy X", "a takeover attempt": a bid by another name
    if t.lemma_.lower() == "venture" and any(c.lower_ == "joint" for c in t.children):
        return True  # "a joint venture", but not "a new venture" or "venture capital"
    # The tokenizer splits hyphenated nouns: "tie-up" is "tie", "-", "up"
    doc = t.doc
    if t.i >= 2 and doc[t.i - 1].text == "-" and doc[t.i - 2].whitespace_ == "":
        return f"{doc[t.i - 2].lower_}-{t.lower_}" in _HYPHENATED
    return False


def _undergone(obj: Token) -> Token | None:
    """The participle that refuses or ends the object of "have": "had its bid rejected"."""
    for c in obj.children:
        rule = VERB_RULES.get(_lemma(c))
        if (
            c.dep_ in ("acl", "ccomp")
            and c.tag_ in ("VBN", "VBD")
            and rule is not None
            and rule.status in ("rejected", "ended")
            and (rule.particle is None or _has_child(c, _PARTICLE, frozenset({rule.particle})))
        ):
            return c
    return None


def _is_to_clause(t: Token) -> bool:
    return t.dep_ == "acl" and _has_child(t, ("aux",), frozenset({"to"}))


def _is_move(t: Token) -> bool:
    """A move to a club or an employer, which is a transfer: "agreed a move to Atletico"."""
    if t.lemma_.lower() not in _MOVES or t.pos_ != "NOUN":
        return False
    # the parse may hang "to X" on the verb: "sealing his switch to Manchester City"
    holders = [t, t.head] if t.dep_ == "dobj" else [t]
    return any(
        c.dep_ == "prep"
        and c.lower_ == "to"
        and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)
        for h in holders
        for c in h.children
    )


def _names_agreement(token: Token, depth: int = 2) -> bool:
    """Whether a phrase names an agreement: "a deal", "a series of deals", "reform of the pact"."""
    if _is_agreement_word(token) or _is_move(token):
        return True
    if depth == 0 or token.lemma_.lower() not in _CONTAINERS:
        return False
    if any(c.dep_ == "compound" and _is_agreement_word(c) for c in token.children):
        return True  # "a three-and-a-half year contract extension"
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "to", "for")):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if _names_agreement(pobj, depth - 1):
                return True
    return False


def _noun_after(verb: Token, obj: Token | None = None) -> tuple[int, int] | None:
    """An agreement word shortly after the verb when the parse lost the object.

    Quotation marks ("declared a "boundless" partnership") often derail the parser; the words
    are still there. Returns the token range of the phrase. When the parse did find an
    object (``obj``), an agreement word outside it is about something else: "wants to end
    US isolation with a Kyoto-lite agreement" does not end the agreement.
    """
    doc = verb.doc
    kept = None
    amounts = ("MONEY", "QUANTITY", "CARDINAL", "PERCENT")
    amount = obj is not None and (
        obj.ent_type_ in amounts or any(c.ent_type_ in amounts for c in obj.children)
    )
    if obj is not None and obj.pos_ == "NOUN" and not amount:
        # ... but "agreed a $168m (£89m) settlement deal" names the deal after its amount
        kept = set(range(obj.left_edge.i, obj.i + 1))  # the object up to its head word
    for t in doc[verb.i + 1 : min(len(doc), verb.i + 12)]:
        if t.is_punct and t.text not in "\"“”'‘’-()":
            return None  # ... but "a $168m (£89m) settlement deal" is one phrase
        if t.pos_ in ("VERB", "AUX"):
            return None
        if t.lower_ == "without" or (t.lower_ == "no" and _is_agreement_word(t.head)):
            return None  # "have ended without agreement", "ended with no deal"
        if t.pos_ == "NOUN" and _is_agreement_word(t):
            if kept is not None and t.i not in kept:
                return None
            if t.dep_ == "compound" and not _is_agreement_word(t.head):
                return None  # "committed gun sale violations": the sale only describes
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


def _bid_object(verb: Token, obj: Token | None) -> bool:
    """Whether "bid" offers money for something ("bid $800m for a stake"), not "bid farewell"."""
    if obj is not None and obj.ent_type_ == "MONEY":
        return True
    return any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children)


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


def _date(verb: Token, mood: _Mood, published: dt.date | None, future: bool) -> str | None:
    """The date of the verb's own clause ("signed ... on Tuesday"), resolved when possible."""
    clause = {t.i for t in verb.subtree}
    if mood.governor is not None:
        clause |= {t.i for t in mood.governor.subtree}
    for ent in verb.doc.ents:
        if ent.label_ not in ("DATE", "TIME") or ent.root.i not in clause:
            continue
        # "until at least the end of 2027" is "the end of 2027"
        text = re.sub(_DATE_LEAD, "", ent.text.strip(), flags=re.I)
        # "weeks", "three years": a duration, not a date
        if _DATE_WORD.search(text) or _DATE_RELATIVE.search(text):
            return resolve_date(text, published, future=future)
    return None


def _ccomp_agreement(verb: Token) -> bool:
    """Whether "agreed that ..." reports an agreement rather than an opinion.

    "It was agreed the issue can be tackled later" and "the states agreed that a holiday
    would be triggered" settle what will happen; "analysts agreed that the accord was badly
    drafted" only judges.
    """
    for ccomp in (c for c in verb.children if c.dep_ == "ccomp"):
        if any(t.dep_ == "aux" and t.lower_ in _MODALS for t in ccomp.subtree):
            return True
    return False


class _Reader:
    """Reads the agreements of one document, sentence by sentence."""

    def __init__(self, parsed: Parsed, index: ActorIndex) -> None:
        self.parsed = parsed
        self.index = index
        self.resolver = Resolver(parsed, index)
        self.published = parse_published(parsed.document.article.published)
        self.found: list[Agreement] = []
        # Organisations named only in an acting person's title ("Bolton boss Sam Allardyce"),
        # for the verb being read.
        self._title_orgs: set[str] = set()
        self._dealt: bool | None = None
        # Agreements read off a purchase verb, which give way to any other agreement in
        # their sentence ("sealed the deal ... and has bought a 50% stake" is one deal).
        self._purchases: list[Agreement] = []

    def _calls_it_a_deal(self) -> bool:
        """Whether the article names a deal outside quotes: "the share deal", "this sale"."""
        if self._dealt is None:
            self._dealt = any(
                t.pos_ == "NOUN"
                and t.lower_ in _DEAL_WORDS
                and _is_agreement_word(t)
                and not self.resolver.inside_quote(k, t.idx, t.idx + len(t.text))
                for k, doc in enumerate(self.parsed.docs)
                for t in doc
            )
        return self._dealt

    def _purchase(self, sentence: int, verb: Token, obj: Token | None) -> list[str] | None:
        """The other side of a purchase that is an agreement, or None when it is not one.

        "Federated is to buy rival May" buys the company, which is the other side; "bought a
        large stake in Southcorp" and "bought 18.8% of Southcorp" buy shares, and only a
        seller named with "from" is the other side.
        """
        if obj is None or obj.dep_ != "dobj" or not self._calls_it_a_deal():
            return None
        if _has_child(verb, ("prt",), frozenset({"back"})) or any(
            t.lower_ == "than" for t in verb.doc[max(0, verb.i - 2) : verb.i]
        ):
            return None  # "buy back its own shares", "rather than buy the LSE"
        if verb.dep_ in ("ccomp", "xcomp") and _lemma(verb.head) in ("want", "wish", "like"):
            return None  # "wants it to buy the LSE": a wish, not a deal
        if any(
            c.dep_ == "prep"
            and c.lower_ == "under"
            and any(_names_agreement(g) for g in c.children)
            for c in verb.children
        ):
            return None  # "under the agreement, it will buy ...": the terms, not an event
        if obj.lemma_.lower() in _HOLDINGS or obj.ent_type_ == "PERCENT" or obj.lower_ == "%":
            return []
        if _has_child(obj, ("nummod",)):
            return None  # "will buy 15 new ATR 72-500s": goods, not the maker
        own = [
            r
            for r in self._span_refs(sentence, obj, tails=True)
            if r.start <= obj.idx < r.end and not r.demonym and r.kind == "organisation"
        ]
        return [r.name for r in own] if own else None

    def _licensee(self, sentence: int, obj: Token | None) -> list[str]:
        """The company licensed: the object, or the name in apposition to it."""
        if obj is None or obj.dep_ != "dobj":
            return []
        # "an outside company, Terminix": the description says what the name is
        kinds = ("organisation", "person") if obj.lemma_.lower() in _FIRMS else ("organisation",)
        for token in (obj, *(c for c in obj.children if c.dep_ == "appos")):
            ref = self.index.at(sentence, token.idx, token.idx + len(token.text))
            if ref is not None and ref.kind in kinds:
                return [ref.name]
        named = [n for n in self._named_after(sentence, obj) if self._kind(n) in kinds]
        if named or obj.lemma_.lower() not in _FIRMS:
            return named
        # a firm the article names only here is still the side it names
        for appos in (c for c in obj.children if c.dep_ == "appos" and c.pos_ == "PROPN"):
            start = min([appos.i, *(c.i for c in appos.children if c.dep_ == "compound")])
            return [obj.doc[start : appos.i + 1].text]
        return []

    # --- parties ------------------------------------------------------------------------

    def _span_refs(self, sentence: int, token: Token, tails: bool = False) -> list[MentionRef]:
        """The actors named in a phrase, leaving out asides about them."""
        chars = _outside_asides(token, tails)
        return [
            r
            for r in self.resolver.refs(sentence)
            if any(s < r.end and r.start < e for s, e in chars)
        ]

    def _gazetteer_names(
        self,
        sentence: int,
        token: Token,
        tails: bool = False,
        only: frozenset[int] | None = None,
    ) -> list[str]:
        """Countries in a phrase that the tagger did not mark ("The EU and US").

        A demonym counts only as the modifier of a word such as "side" or "government":
        "the Turkmen side" is Turkmenistan. With ``only``, just those tokens count.
        """
        names: list[str] = []
        refs = self.resolver.refs(sentence)
        chars = {s for s, _ in _outside_asides(token, tails)}
        for t in token.subtree:
            if t.idx not in chars or not t.text[:1].isupper():
                continue
            if only is not None and t.i not in only:
                continue
            if any(r.start <= t.idx < r.end for r in refs):
                continue
            country = COUNTRY_LOOKUP.get(t.lower_) if t.pos_ == "PROPN" else None
            if country is None and t.dep_ in ("compound", "amod") and t.head.lower_ in _POLITY:
                country = DEMONYMS.get(t.lower_)
            if country is not None:
                names.append(self.index.canonical(t.text) or country)
        return names

    def _names(self, refs: list[MentionRef]) -> list[str]:
        named = [r for r in refs if not r.demonym]
        # "Russian President Vladimir Putin": the person acts; "Russian troops": Russia does
        return [r.name for r in named or refs]

    def _group(self, sentence: int, kinds: tuple[str, ...], guess: bool = True) -> list[str]:
        """ "The two countries", "both sides": the parties of the last such agreement.

        Without ``guess``, only an agreement already found can supply them.
        """
        for agreement in reversed(self.found):
            parties = agreement.parties
            if len(parties) >= 2 and all(self._kind(p) in kinds for p in parties):
                return list(parties[:2]) if len(parties) > 2 else list(parties)
        if not guess:
            return []
        named = {r.name for refs in self.index.mentions[: sentence + 1] for r in refs}
        found = [a.name for a in self.index.actors if a.kind in kinds and a.name in named]
        # "The two leaders" of a story are almost always its two main people
        return found[:2] if len(found) >= 2 else []

    def _kind(self, name: str) -> str | None:
        """An actor's kind; a country the tagger missed ("US") is still a country."""
        kind = self.index.kinds.get(name)
        if kind is None and name.lower() in COUNTRY_LOOKUP:
            return "country"
        return kind

    def _subject_names(self, sentence: int, subj: Token, single: bool = False) -> list[str]:
        """Who a subject names; ``single`` leaves out a pronoun's conjuncts."""
        if subj.lower_ in ("who", "which", "that") and subj.head.dep_ == "relcl":
            subj = subj.head.head  # "Patrick, who has just signed a deal"
        low = subj.lower_
        refs = self._span_refs(sentence, subj)
        if any(r.start <= subj.idx < r.end for r in refs):
            # A name heads the subject: it and its conjuncts act. "Of the US" after it does
            # not, and neither does a country in a title before it ("Ghana's transport
            # minister Kofi Mensah"). An organisation in the title is the side the person
            # acts for: "Arsenal manager Arsene Wenger has signed a new contract".
            heads = [subj, *(t for t in subj.subtree if t.dep_ == "conj")]
            refs = self._span_refs(sentence, subj, tails=True)
            named = [r for r in refs if any(r.start <= t.idx < r.end for t in heads)]
            titles = [r for r in refs if r not in named and r.kind == "organisation"]
            if named:
                # the title's organisation stands in for the other side only when the
                # sentence names none: see :meth:`parties`
                self._title_orgs.update(r.name for r in titles if not r.demonym)
            own = [r for r in refs if r in named or r in titles]
            # "US retail giant Federated": a country in the title does not act
            only = frozenset(t.i for t in heads)
            # "Aguas Argentinas and the government signed": the conjunct is a side too
            home = [n for t in heads[1:] for n in self._home_country(t, sentence)]
            return (
                self._names(own or refs)
                + self._gazetteer_names(sentence, subj, tails=True, only=only)
                + home
            )
        described = self._described(sentence, subj, refs)
        if described:
            return described
        two = frozenset({"two", "both"})
        if low in _GROUP_KINDS and _has_child(subj, ("nummod", "det", "predet"), two):
            return self._group(sentence, _GROUP_KINDS[low])
        if (
            low in _GROUP_KINDS
            and subj.tag_ == "NNS"
            and _has_child(subj, ("det",), frozenset({"the"}))
            and not any(c.dep_ in ("prep", "compound", "amod", "poss") for c in subj.children)
        ):
            # "The leaders pledged ...", "the boards had signed ...": the sides of the
            # agreement just reported, when there is one
            group = self._group(sentence, _GROUP_KINDS[low], guess=False)
            if group:
                return group
        lemma = subj.lemma_.lower()
        if (lemma in _BODIES or low in _BODIES) and not refs:
            # "Directors at both companies", "the boards of the two firms": the bodies act
            # for whatever they belong to
            for prep in (c for c in subj.children if c.dep_ == "prep" and c.lower_ in ("at", "of")):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    belong = self._subject_names(sentence, pobj)
                    if belong:
                        return belong
        gazetteer = self._gazetteer_names(sentence, subj)
        if gazetteer and subj.pos_ == "PROPN":
            return gazetteer + self._names(refs)
        person_like = (
            low in TITLE_HEADS or low.endswith("-old") or any(t.lower_ == "old" for t in subj.lefts)
        )
        possessed = [
            r
            for r in refs
            if any(c.dep_ == "poss" and r.start <= c.idx < r.end for c in subj.children)
        ]
        if refs and not person_like and (subj.pos_ == "PROPN" or {lemma, low} & _POLITY):
            # "the Turkmen side", "the Greek government", "the governments of Switzerland,
            # Austria and Italy"
            return self._names(refs)
        former = any(t.lower_ in ("former", "ex", "ex-") for t in subj.lefts)
        owners = [r for r in refs if not r.demonym and r.kind in ("organisation", "country")]
        if (lemma in _BODIES or low in _BODIES) and (possessed or (owners and not former)):
            # "Rosneft's board", "IMF directors"; but "former Enron directors" act for
            # themselves
            return self._names(possessed or owners)
        if gazetteer and (lemma in _POLITY or low in _POLITY):
            return gazetteer
        if low == "it" and subj.pos_ == "PRON":
            name = self._owner_of_it(sentence, subj)
            return [name] if name else []
        conjuncts = [c for c in subj.children if c.dep_ == "conj"]
        if subj.pos_ == "PRON" and conjuncts and not single:
            # "he and assistant Mark Aizlewood refused ...": each of them acts
            alone = self._subject_names(sentence, subj, single=True)
            for conj in conjuncts:
                alone.extend(self._subject_names(sentence, conj))
            return list(dict.fromkeys(alone))
        if low in ("they", "them"):
            speakers = self._reporters(sentence, subj)
            if speakers:
                return speakers  # "Liberal Democrat councillors said they had reached ..."
            # "The two firms signed a memorandum and say they expect to seal a deal"
            return self._group(sentence, ("country", "organisation", "person"))
        if subj.pos_ not in ("NOUN", "PROPN", "PRON"):
            return self._adjacent(sentence, subj.head)  # the parse lost the subject
        # "Iran - Opec's second-biggest oil producer - has been pursuing": the parse took the
        # aside for the subject; the name before the dash is the one that acts
        first = subj.left_edge
        after = subj.doc[first.i + 1] if first.i + 1 < len(subj.doc) else None
        ref = self.index.at(sentence, first.idx, first.idx + len(first.text))
        if ref is not None and not ref.demonym and after is not None and after.text in "-–—,":
            return [ref.name]
        home = self._home_country(subj, sentence)
        if home:
            return home
        name = self.resolver.subject(sentence, subj, subj.idx)
        if name is None:
            name = self.resolver.introduced(sentence, subj)
        return [name] if name else []

    def _described(self, sentence: int, token: Token, refs: list[MentionRef]) -> list[str]:
        """The organisation "the Midlands club" or "the Wearside club" stands for: one already
        named, described by where it is, not the place."""
        if not (
            refs
            and token.lower_ in GENERIC_NOUNS
            and GENERIC_NOUNS[token.lower_] == ("organisation",)
            and _has_child(token, ("det",), frozenset({"the"}))
            and all(
                r.kind not in ("person", "country") and not r.demonym and r.end <= token.idx
                for r in refs
            )
        ):
            return []
        once = {a.name for a in self.index.actors if a.mentions <= 1}
        if any(r.kind == "organisation" and r.name not in once | self.index.never for r in refs):
            return []  # "the Arsenal club": a club named more than once names itself
        refs_ = [r for r in refs if r.start >= token.left_edge.idx]
        if len(refs_) != len(refs):
            return []  # a place named outside the phrase
        own = {r.name for r in refs}
        char = token.left_edge.idx
        for i in range(sentence, max(-1, sentence - 4), -1):
            if i >= len(self.index.mentions):
                continue
            found = [
                r
                for r in self.index.mentions[i]
                if r.kind == "organisation"
                and r.name not in own
                and not r.demonym
                and (i < sentence or r.end <= char)
            ]
            if found:
                subjects = [r for r in found if r.subject]
                return [(subjects or found)[-1].name]
        return []

    def _reporters(self, sentence: int, pronoun: Token) -> list[str]:
        """Who "they" are when they report it themselves: "X said they had agreed ..."."""
        clause = pronoun.head
        if clause.dep_ != "ccomp" or _lemma(clause.head) not in SPEECH_VERBS:
            return []
        for subj in (c for c in clause.head.children if c.dep_ == "nsubj"):
            if subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children):
                names = self._subject_names(sentence, subj)
                if names:
                    return names
                # "Liberal Democrat councillors": the members speak for their party
                refs = [r for r in self._span_refs(sentence, subj) if not r.demonym]
                for kind in ("organisation", "group"):
                    if any(r.kind == kind for r in refs):
                        return [r.name for r in refs if r.kind == kind][:1]
        return []

    def _owner_of_it(self, sentence: int, pronoun: Token) -> str | None:
        """The organisation or country that "it" or "its" stands for.

        One named earlier in the same sentence, outside quotes, comes first: "These
        businesses became part of BOA when it snapped up FleetBoston", "pressing the US to
        cut greenhouse gases despite its unwillingness to sign". Otherwise the subject of an
        earlier sentence (:meth:`Resolver.antecedent`).
        """
        kinds = ("organisation", "country")
        speech = _speech_governor(pronoun)
        if speech is not None:
            # "Umbro, which lost deals with Chelsea and Celtic, said it had signed ...":
            # whoever says "it" did something speaks of itself
            for subj in (c for c in speech.children if c.dep_ == "nsubj"):
                if subj.pos_ == "PROPN" and not self.index.at(
                    sentence, subj.idx, subj.idx + len(subj.text)
                ):
                    return None  # a speaker we do not know: no guess
                speaker = self.resolver.subject(sentence, subj, subj.idx)
                if speaker is not None and self._kind(speaker) in kinds:
                    return speaker
            return self.resolver.antecedent(sentence, pronoun.idx, kinds)
        earlier = [
            ref
            for ref in self.resolver.refs(sentence)
            if ref.end <= pronoun.idx
            and ref.kind in kinds
            and not ref.demonym
            and not self.resolver.inside_quote(sentence, ref.start, ref.end)
        ]
        ranked = [r for r in earlier if self.resolver.rank(sentence, r) > 0]
        if ranked or earlier:
            return (ranked or earlier)[-1].name
        for t in reversed(pronoun.doc[: pronoun.i]):
            country = COUNTRY_LOOKUP.get(t.lower_) if t.pos_ == "PROPN" else None
            if country is not None:
                return self.index.canonical(t.text) or country
        return self.resolver.antecedent(sentence, pronoun.idx, kinds)

    def _owners(self, sentence: int, noun: Token, pronouns: bool = True) -> list[str]:
        """The side an agreement noun's possessor names: "the 28-year-old's contract",
        "renew Clarkson's contract", "its refusal"."""
        names: list[str] = []
        for poss in (c for c in noun.children if c.dep_ == "poss"):
            if poss.pos_ == "PRON" and not pronouns:
                continue
            if poss.lower_ in ("its", "their"):
                name = self._owner_of_it(sentence, poss)
                names.extend([name] if name else [])
            elif poss.lower_ == "whose":
                # "Campbell, whose contract runs out": the one the relative clause is about
                clause = next((a for a in poss.ancestors if a.dep_ == "relcl"), None)
                if clause is not None and clause.head.pos_ in ("PROPN", "NOUN"):
                    head = clause.head
                    found = self._subject_names(sentence, head)
                    if not found and head.lower_.endswith("-old"):
                        # "the 30-year-old, whose contract ...": the person last named
                        name = self.resolver.antecedent(sentence, head.left_edge.idx, ("person",))
                        found = [name] if name else []
                    names.extend(found)
            elif (
                poss.lower_ in ("his", "her")
                or poss.lower_ == "old"
                or poss.lower_.endswith("-old")
            ):
                # "the 28-year-old's contract": the person last named before
                start = poss.left_edge.idx
                name = self.resolver.antecedent(sentence, start, ("person",))
                names.extend([name] if name else [])
            elif poss.pos_ in ("PROPN", "NOUN"):
                refs = [r for r in self._span_refs(sentence, poss) if not r.demonym]
                if refs:
                    names.extend(self._names(refs))
                else:
                    names.extend(self._subject_names(sentence, poss))
        return names

    def _adjacent(self, sentence: int, verb: Token) -> list[str]:
        """The name right before a verb and its auxiliaries: "... and Williams has rejected"."""
        k = verb.i - 1
        while k >= 0 and verb.doc[k].dep_ in ("aux", "auxpass", "neg", "advmod"):
            k -= 1
        if k < 0:
            return []
        token = verb.doc[k]
        ref = self.index.at(sentence, token.idx, token.idx + len(token.text))
        return [ref.name] if ref is not None and not ref.demonym else []

    def _counterparties(self, sentence: int, heads: list[Token], passive: bool) -> list[str]:
        """Actors named as the other side: "with X", "between X and Y", "from X", "of X".

        The search follows the thing agreed and what it is for ("a deal to import gas from
        Iran", "pay more for gas supplied by Turkmenistan") but not the circumstances ("during
        a meeting between ...", "after talks in New Delhi", "a deal over aid received by
        Airbus"), nor descriptions ("a similar deal to one between Iran and China").
        """
        names: list[str] = []
        seen: set[int] = set()
        frontier = list(heads)
        while frontier:
            token = frontier.pop()
            if token.i in seen:
                continue
            seen.add(token.i)
            for child in token.children:
                dep = child.dep_
                pobjs = [c for c in child.children if c.dep_ == "pobj"]
                if dep == "prep":
                    word = child.lower_
                    owner = token.lemma_.lower()
                    if word == "with" and owner in _SUPPLY:
                        continue
                    if (
                        word in ("with", "between", "from")
                        or (word in ("of", "by") and owner in _OF_PARTY and token.pos_ == "NOUN")
                        or (word == "to" and owner in _TO_PARTY and token.pos_ == "VERB")
                        or (word == "to" and owner in _MOVES and token.pos_ == "NOUN")
                        or (
                            word == "to"
                            and token.pos_ == "VERB"
                            and any(c.dep_ == "dobj" and _is_move(c) for c in token.children)
                        )
                    ):
                        # "a takeover by Holcim", "agreed to pay $1m to the Department of
                        # Justice", "a move to Atletico Madrid" (but a transfer of a domicile
                        # to the US moves a thing, not a player to a club)
                        move = word == "to" and (token.pos_ == "NOUN" or owner not in _TO_PARTY)
                        for pobj in pobjs:
                            found = self._party_phrase(sentence, pobj)
                            if not found and word in ("with", "between"):
                                found = self._named_after(sentence, pobj)
                            if move:
                                # a stadium is where a club plays, never a side: "rejected a
                                # move to Goodison Park"
                                found = [n for n in found if self._kind(n) == "organisation"]
                            names.extend(found)
                    elif word == "for" and owner in _PROPOSALS and token.pos_ == "NOUN":
                        # "an offer for Tindall", "a bid for the LSE": what is bid for. A
                        # player that one club bids for "from" another is what is sold.
                        sold = _has_child(token, ("prep",), frozenset({"from"}))
                        for pobj in pobjs:
                            if pobj.lemma_.lower() in _HOLDINGS:
                                frontier.append(pobj)
                                continue
                            found = self._party_phrase(sentence, pobj)
                            names.extend(
                                n for n in found if not (sold and self._kind(n) == "person")
                            )
                    elif word == "for" and owner == "bid" and token.pos_ == "VERB":
                        # "Holcim has bid $800m for a controlling stake in ACC": ACC is the
                        # other side, and so is the Belgian operator a bid is "for"
                        for pobj in pobjs:
                            if pobj.lemma_.lower() in _HOLDINGS:
                                frontier.append(pobj)
                            else:
                                names.extend(self._party_phrase(sentence, pobj))
                    elif (word == "in" and owner in _HOLDINGS and token.pos_ == "NOUN") or (
                        word == "in" and owner == "invest" and token.pos_ == "VERB"
                    ):
                        # "a controlling stake in ACC", "a proposal to invest £10m in
                        # Sheffield Wednesday"; but "BSkyB's holding in the club" is bought
                        # from BSkyB, the side that sells
                        sellers = [
                            n
                            for poss in token.children
                            if poss.dep_ == "poss" and token.pos_ == "NOUN"
                            for n in self._party_phrase(sentence, poss)
                        ]
                        if sellers:
                            names.extend(sellers)
                            continue
                        for pobj in pobjs:
                            names.extend(self._party_phrase(sentence, pobj))
                    elif word == "for" and passive and token is heads[0]:
                        # "deals were sorted for Roy Aitken and Steve McGregor"
                        for pobj in pobjs:
                            names.extend(self._party_phrase(sentence, pobj))
                    elif word in ("of", "for"):
                        if word == "for" and _is_agreement_word(token):
                            # "a £2m deal for Everton's Thomas Gravesen": the club he
                            # leaves is a side
                            for poss in (c for p in pobjs for c in p.children if c.dep_ == "poss"):
                                names.extend(
                                    n
                                    for n in self._party_phrase(sentence, poss)
                                    if self._kind(n) == "organisation"
                                )
                        frontier.extend(pobjs)
                elif dep == "dative":
                    names.extend(self._party_phrase(sentence, child))  # "pay Fiat 1.55bn euros"
                elif dep == "dobj" and token.lemma_.lower() in _GIVING:
                    # "agreed to give US tycoon Malcolm Glazer access": the parse compounds the
                    # one given to into the thing given
                    names.extend(
                        r.name
                        for r in self._span_refs(sentence, child)
                        if not r.demonym
                        and r.kind in ("person", "organisation")
                        and r.end <= child.idx
                    )
                    frontier.append(child)
                elif (
                    dep == "dobj"
                    and token is heads[0]
                    and token.lemma_.lower() in _SIGNING
                    and not _names_agreement(child)
                ):
                    # "Allardyce has signed Roma defender Vincent Candela on a five-month
                    # deal": whoever is signed is the other side (not the club in his title)
                    signed = [child, *(t for t in child.subtree if t.dep_ == "conj")]
                    refs = [
                        r
                        for r in self._span_refs(sentence, child, tails=True)
                        if not r.demonym and r.kind in ("person", "organisation")
                    ]
                    heads_ = [r for r in refs if any(r.start <= t.idx < r.end for t in signed)]
                    names.extend(r.name for r in heads_ or refs)
                elif dep == "agent" and token.dep_ == "acl":
                    # "natural gas supplied by Turkmenistan"
                    for pobj in pobjs:
                        names.extend(self._party_phrase(sentence, pobj))
                elif dep in ("dobj", "xcomp") or (
                    dep in ("acl", "relcl")
                    and token.pos_ == "NOUN"
                    and (dep == "acl" or _has_child(child, ("aux",), frozenset({"to"})))
                ):  # "a deal to import gas from Iran"
                    if token.lemma_.lower() in _SUPPLY and dep == "dobj":
                        # "to supply Peugeot with vehicles", but not "to supply Great Britain
                        # squads": the one supplied heads the object
                        names.extend(
                            r.name
                            for r in self._span_refs(sentence, child, tails=True)
                            if not r.demonym
                            and r.kind in ("organisation", "country", "person")
                            and r.start <= child.idx < r.end
                        )
                    if (
                        token.lemma_.lower() in _ACQUIRING
                        and dep == "dobj"
                        and token is not heads[0]
                        and token.head.pos_ == "NOUN"
                    ):
                        # "an approach to buy Manchester United", "a deal to acquire X": the
                        # company bought is the other side
                        names.extend(
                            n
                            for n in self._party_phrase(sentence, child)
                            if self._kind(n) != "person"
                        )
                    if token.lemma_.lower() in _TRADE and dep == "dobj":
                        # "a deal to import Venezuelan fuel": the seller is the other side
                        names.extend(
                            r.name
                            for r in self._span_refs(sentence, child, tails=True)
                            if r.demonym and r.kind == "country"
                        )
                    frontier.append(child)
        return names

    def _named_after(self, sentence: int, pobj: Token) -> list[str]:
        """The name a description is followed by: "a deal with energy drink company, Red
        Bull" (the parse often hangs the name elsewhere)."""
        doc = pobj.doc
        k = pobj.right_edge.i + 1
        if pobj.pos_ != "NOUN" or k + 1 >= len(doc) or doc[k].text != ",":
            return []
        name = doc[k + 1]
        ref = self.index.at(sentence, name.idx, name.idx + len(name.text))
        return [ref.name] if ref is not None and not ref.demonym else []

    def _party_phrase(self, sentence: int, token: Token) -> list[str]:
        refs = self._span_refs(sentence, token, tails=True)
        if refs and all(r.demonym for r in refs) and token.lemma_.lower() not in _POLITY:
            # "two German carmakers" are not Germany; "the German government" is
            refs = []
        described = self._described(sentence, token, refs)
        if described:
            return described
        if refs:
            return self._names(refs) + self._gazetteer_names(sentence, token)
        gazetteer = self._gazetteer_names(sentence, token)
        if gazetteer:
            return gazetteer
        home = self._home_country(token, sentence)
        if home:
            return home
        if token.lower_ in GENERIC_NOUNS and _has_child(token, ("det",), frozenset({"the"})):
            name = self.resolver.subject(sentence, token, token.idx)
            return [name] if name else []
        return []

    def parties(self, sentence: int, verb: Token, mood: _Mood, heads: list[Token]) -> list[str]:
        """The agreement's parties: who acts, then who is named as the other side."""
        names: list[str] = []
        self._title_orgs = set()
        names.extend(self._subject_parties(sentence, verb, mood))
        titles = set(self._title_orgs)
        if not names and not _has_child(verb, ("auxpass",)) and not _subjects(verb, mood):
            names.extend(self._adjacent(sentence, verb))
        if mood.kind == "seeking" and mood.governor is not None and _lemma(mood.governor) == "meet":
            # "Fiat will meet GM in an attempt to reach agreement": GM is the other side
            for dobj in (c for c in mood.governor.children if c.dep_ == "dobj"):
                names.extend(self._party_phrase(sentence, dobj))
        for governor in _climb(verb, mood)[1:]:
            # "GM is to pay Fiat 1.55bn euros to get out of a deal": Fiat is the other side
            for dative in (c for c in governor.children if c.dep_ == "dative"):
                names.extend(self._party_phrase(sentence, dative))
            if _lemma(governor) in _TO_PARTY:
                # "It is also paying $500,000 to the SEC to settle the bribe charge"
                for prep in (c for c in governor.children if c.dep_ == "prep"):
                    if prep.lower_ == "to":
                        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                            names.extend(self._party_phrase(sentence, pobj))
        if (
            not names
            and _has_child(verb, ("auxpass",))
            and verb.dep_ == "ccomp"
            and _lemma(verb.head) in _EXPECTING
        ):
            # "he hoped agreement with several countries could be reached"
            for subj in (c for c in verb.head.children if c.dep_ == "nsubj"):
                names.extend(self._subject_names(sentence, subj))
        passive = _has_child(verb, ("auxpass",))
        main = _attendant(verb)
        if main is not None and passive and _has_child(verb, ("dobj",)):
            # "... will be made by the club, with Locke being given a three-year deal": the
            # one who gives is the other side
            for agent in (c for c in main.children if c.dep_ == "agent"):
                for pobj in (g for g in agent.children if g.dep_ == "pobj"):
                    names.extend(self._subject_names(sentence, pobj))
            for subj in (c for c in main.children if c.dep_ == "nsubj"):
                names.extend(self._subject_names(sentence, subj))
        others = self._counterparties(sentence, heads, passive)
        for head in heads[1:]:
            if _is_agreement_word(head) and not passive:
                # "decided not to renew Clarkson's contract": whose contract it is ("his
                # offer" is the subject's own)
                others.extend(self._owners(sentence, head, pronouns=False))
        if any(o not in names for o in others):
            # "Arsenal manager Arsene Wenger has signed a new contract" is with Arsenal, but
            # "Bolton boss Sam Allardyce has signed Roma defender Vincent Candela" is with
            # Candela: the title names a side only when nothing else does
            names = [n for n in names if n not in titles or n in others]
        names.extend(others)
        return list(dict.fromkeys(names))

    # --- one verb -----------------------------------------------------------------------

    def from_verb(self, sentence: int, text: str, verb: Token) -> tuple[Agreement, int] | None:
        """The agreement a verb reports and the token of the thing agreed (-1 when none)."""
        rule = VERB_RULES.get(verb.lemma_.lower())
        if rule is None or verb.pos_ not in ("VERB", "AUX", "ADJ"):
            return None
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _GOVERNING:
            return None  # "agreed to sign a deal": the governing verb already reports it
        if (
            verb.dep_ in ("amod", "compound")
            or _hypothetical(verb)
            or _conditional(verb)
            or _rumoured(verb)
        ):
            # "the signed agreement" describes, "if he can reach agreement" supposes, "amid
            # speculation that it may bid" guesses
            return None
        if verb.dep_ == "advcl" and _has_child(verb, ("aux",), frozenset({"to"})):
            chain = _climb(verb, _Mood("plain"))[1:]
            if any(_lemma(v) in _GOVERNING for v in chain):
                return None  # "agreed to pay $515m to settle an investigation": one agreement
        if rule.particle and not any(c.lower_ == rule.particle for c in verb.children):
            return None
        mood = _mood(verb)
        if mood is None:
            return None
        obj = _object(verb, rule)
        if (
            obj is not None
            and obj.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X")
            and not (obj.dep_ == "dobj" and obj.lower_ in AGREEMENT_NOUNS)
        ):
            # "agreed, voicing concern": the parse took a clause for the object (but "a £20m
            # bid" tagged as a verb is still the bid)
            obj = None
        if obj is not None and any(c.lower_ == "no" for c in obj.children):
            return None  # "no deal was offered"
        if rule.base == "have" and (mood.kind != "plain" or verb.pos_ != "VERB"):
            return None  # "does not have a deal", "would have a deal": nothing holds
        bought: list[str] | None = None
        if rule.base in ("license", "licence"):
            bought = self._licensee(sentence, obj)
            if not bought or mood.kind == "negated":
                return None  # "licensed the technology", "a licensed taxi"
        elif rule.base in _ACQUIRING:
            bought = self._purchase(sentence, verb, obj)
            if bought is None or mood.kind == "negated":
                return None  # "consumers bought more goods", "did not buy"
        if rule.base == "have" and obj is not None and _undergone(obj) is not None:
            return None  # "had a takeover attempt turned down": see from_undergone
        if rule.base == "make" and obj is not None and obj.lemma_.lower() not in _PROPOSALS:
            rule = VerbRule("made", "make", "signed", head_noun=True)  # "made a deal"
        if rule.objects and (
            obj is None
            or obj.lemma_.lower() not in rule.objects
            or (obj.lemma_.lower() in AGREEMENT_NOUNS and not _is_agreement_word(obj))
        ):
            return None  # "received a letter", "raised prices", "launched a legal bid to ..."
        side: Token | None = None
        if obj is not None and rule.preps and not _names_agreement(obj):
            # "signed Andy Williams on a short-term deal", "approached the LSE about a bid":
            # the agreement is in the phrase, and whoever the verb takes is the other side
            through = _prep_object(verb, rule)
            if through is not None and _names_agreement(through):
                side, obj = obj, through
        if mood.kind == "negated" and rule.base in _GAINING:
            return None  # "failed to win a contract": no agreement, nor one turned down
        if any(
            s.lower_ in _NOBODY
            # "neither side has made a formal offer", "no club has bid": a determiner that
            # denies the subject denies the event
            or any(d.dep_ == "det" and d.lower_ in _NO_ONE for d in s.children)
            for s in _subjects(verb, mood)
        ) or any(
            c.lower_ in _NOBODY and c.dep_ in ("nsubj", "preconj", "det") and c.i < verb.i
            for c in verb.children
        ):
            return None  # "neither has tabled a formal bid"
        decided = _status_and_action(rule, mood, text, verb)
        if decided is None:
            return None
        status, action = decided
        if rule.positive and status in ("signed", "in force") and _still_to_come(verb):
            status, action = "expected", f"expected to {rule.base}"
        object_text: str | None = None
        object_token = -1
        consented = False
        heads = [verb]
        named = obj is not None and (_names_agreement(obj) or bool(rule.objects))
        if rule.base == "settle":
            named = obj is not None and (named or obj.lemma_.lower() in _SETTLED)
            nominal = verb.head.pos_ == "NOUN" or verb.head.dep_ in ("acl", "relcl")
            if not named or (verb.dep_ == "xcomp" and nominal):
                # "settled in London", "the dust settled", "a sale forced by Russia to
                # part settle a tax claim" (what the sale was for, not a settlement)
                return None
        if rule.base == "bid" and not _bid_object(verb, obj):
            return None  # "bid farewell"
        if rule.base == "approach" and side is None:
            return None  # one approaches a company about a deal, not the deal itself
        if obj is not None and not rule.needs_noun and not named:
            named = True
        if obj is not None and named:
            object_text = _object_text(obj)
            object_token = obj.i
            heads.append(obj)
        elif rule.base == "agree" and obj is not None and obj.lower_ == "what":
            # "what he agreed with Mayweather Promotions and MGM": the terms agreed with them
            object_text = None
            if not any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
                return None
        elif rule.head_noun:
            return None
        elif (inf := _infinitive(verb) if rule.infinitive else None) is not None:
            object_text = _object_text(inf)
            if not object_text.lower().startswith("to "):
                object_text = "to " + object_text
            heads.append(inf)
        elif (found := _noun_after(verb, obj)) is not None:
            object_text = verb.doc[found[0] : found[1]].text
            object_token = found[1] - 1
        elif rule.base == "agree" and _ccomp_agreement(verb):
            ccomp = next(c for c in verb.children if c.dep_ == "ccomp")
            object_text = _object_text(ccomp) if ccomp.pos_ == "NOUN" else _clause_text(ccomp)
        elif rule.base == "agree" and obj is not None and obj.dep_ == "pobj":
            # "Monsanto also agreed to three years' close monitoring": consent to terms,
            # which counts as an agreement when an institution gives it (checked below)
            object_text = _object_text(obj)
            consented = True
        else:
            return None
        opinion = any(c.dep_ == "ccomp" for c in verb.children) and not _ccomp_agreement(verb)
        if rule.base == "agree" and obj is None and opinion:
            return None  # "analysts agreed that ...": an opinion, not an agreement
        if rule.base == "agree" and obj is not None and obj.lemma_.lower() in _OPINIONS:
            return None  # "critics seemed to agree on one thing": a shared view
        if bought is not None:
            heads = [verb]  # the holding's company is not a side: "a stake in Southcorp"
        parties = self.parties(sentence, verb, mood, heads)
        if not parties and _has_child(verb, ("auxpass",)) and not _has_child(verb, ("agent",)):
            parties = self._announcer(sentence, verb)  # "Rover said the deal would be signed"
        if obj is not None and obj.lemma_.lower() in _EMPLOYMENT:
            parties.extend(self._employer_of(sentence, parties))
        if side is not None and rule.base not in _SIGNING:
            parties = list(dict.fromkeys([*parties, *self._party_phrase(sentence, side)]))
        if bought is not None and obj is not None:
            buyers = [n for b in _subjects(verb, mood) for n in self._subject_names(sentence, b)]
            if rule.base in _ACQUIRING and not buyers:
                return None  # a purchase needs a named buyer: "It plans to buy ..." may not
            held = {
                name
                for prep in obj.children
                if prep.dep_ == "prep" and prep.lower_ in ("in", "of")
                for pobj in prep.children
                if pobj.dep_ == "pobj"
                for name in self._party_phrase(sentence, pobj)
            }
            parties = [p for p in parties if p not in held]
            parties = list(dict.fromkeys([*parties, *bought]))
            if not parties:
                return None
        consent = consented or (
            obj is None and (not rule.needs_noun or rule.base == "agree" or rule.consent)
        )
        # "the directors", "the 10 had agreed to pay": several people undertake it together
        plural = any(s.tag_ in ("NNS", "NNPS", "CD") for s in _subjects(verb, mood))
        inf = _infinitive(verb) if rule.infinitive else None
        plea = inf is not None and _lemma(inf) in _PLEAS  # a plea offer is made to prosecutors
        # Who undertakes it: the subject and the verb's own "with X", not someone the
        # infinitive names ("pledged to keep faith with X" is one manager's promise); but
        # one who agrees to buy or pay deals with whoever sells or is paid ("agreed to buy
        # BSkyB's holding")
        dealing = inf is not None and _lemma(inf) in _DEALING
        makers = parties
        if consent and not dealing:
            makers = self._makers(sentence, verb, mood) or parties
        institution = bool(makers) and all(
            self.index.kinds.get(p) in ("organisation", "country") for p in makers
        )
        if (
            rule.base == "offer"
            and obj is None
            and (inf is None or (not dealing and not institution) or verb.dep_ == "relcl")
        ):
            # "offered to post any messages": a favour, not a deal; but a country or a
            # company offering to act ("Britain has offered to send troops") makes an offer.
            # In "the protections it offered to make research worthwhile" what is offered is
            # the noun the clause describes, and the infinitive says what for.
            return None
        if (
            consent
            and not plea
            and not _ccomp_agreement(verb)
            and not self._collective(makers)
            and not plural
        ):
            # "Silvonek agreed to drive her daughter": one person consenting is not an
            # agreement; "the leaders pledged to create a fund" is one
            return None
        future = mood.kind in ("future", "pending", "seeking", "threat")
        date = _date(verb, mood, self.published, future=future)
        agreement = Agreement(
            text=text,
            parties=tuple(parties),
            action=action,
            status=status,
            citation=self.parsed.cite(sentence),
            object=object_text or None,
            date=date,
            acting=self._unnamed_side(sentence, verb, mood),
        )
        if rule.base in _ACQUIRING:
            self._purchases.append(agreement)
        return agreement, object_token

    def _home_country(self, token: Token, sentence: int | None = None) -> list[str]:
        """The country "the government" means when the phrase names none: the one country its
        sentence names, or else the one the nearest of the two sentences before names, or else
        the article's most mentioned country if one clearly leads ("This forced the government
        to cancel the contract" after a sentence about Bolivia)."""
        if token.lemma_.lower() not in _GOVERNMENTS or not _has_child(
            token, ("det",), frozenset({"the"})
        ):
            return []
        if any(c.dep_ in ("compound", "amod", "poss", "prep") for c in token.children):
            return []  # "the Greek government", "the government of Bolivia": named there
        if sentence is not None:
            for back in range(sentence, max(-1, sentence - 3), -1):
                if back >= len(self.index.mentions):
                    continue
                near = {r.name for r in self.index.mentions[back] if r.kind == "country"}
                if len(near) == 1:
                    return [near.pop()]
                if near:
                    return []  # two countries just named: which government is unclear
        countries = sorted(
            (a for a in self.index.actors if a.kind == "country"),
            key=lambda a: a.mentions,
            reverse=True,
        )
        if not countries or countries[0].mentions < 2:
            return []
        if len(countries) > 1 and countries[1].mentions * 2 > countries[0].mentions:
            return []  # two countries in the story: which government is unclear
        return [countries[0].name]

    def _announcer(self, sentence: int, verb: Token) -> list[str]:
        """The company or country that announces its own agreement when the clause names no
        side: "Rover said the deal would be signed in March", "Rover confirmed the tie-up would
        take place"."""
        head = verb.head
        if verb.dep_ != "ccomp" or head.i == verb.i or _lemma(head) not in SPEECH_VERBS:
            return []
        names = [
            n
            for subj in head.children
            if subj.dep_ == "nsubj"
            for n in self._subject_names(sentence, subj)
        ]
        return [n for n in names if self._kind(n) in ("organisation", "country")]

    def _unnamed_side(self, sentence: int, verb: Token, mood: _Mood) -> str | None:
        """The acting side in the article's words when it names nobody: "Leaders rejected a
        proposal from Vanuatu" gives "Leaders", so that the line does not read as if Vanuatu,
        the only named side, had rejected its own proposal."""
        if _has_child(verb, ("auxpass",)):
            return None
        subjects = _subjects(verb, mood)
        if not subjects or subjects[0].pos_ != "NOUN":
            return None
        if any(self._subject_names(sentence, s) for s in subjects):
            return None
        subj = subjects[0]
        doc = subj.doc
        words_ = doc[subj.left_edge.i : subj.right_edge.i + 1]
        if len(words_) > 6:
            words_ = doc[subj.left_edge.i : subj.i + 1]
        if len(words_) > 6 or any(t.is_punct for t in words_):
            return None
        phrase = words_.text
        return phrase[0].upper() + phrase[1:]

    def _subject_parties(self, sentence: int, verb: Token, mood: _Mood) -> list[str]:
        """The actors the subjects of ``verb`` stand for (see :meth:`_subject_names`)."""
        return [n for s in _subjects(verb, mood) for n in self._subject_names(sentence, s)]

    def _sides_with(self, sentence: int, token: Token) -> list[str]:
        """The actors a word's own "with X" or "between X and Y" names."""
        return [
            name
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ in ("with", "between")
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for name in self._party_phrase(sentence, pobj)
        ]

    def _makers(self, sentence: int, verb: Token, mood: _Mood) -> list[str]:
        """Who makes an undertaking: the verb's subjects and its own "with X" or "between X
        and Y", not the people its infinitive names ("vowed to keep faith with X")."""
        names = [*self._subject_parties(sentence, verb, mood), *self._sides_with(sentence, verb)]
        return list(dict.fromkeys(names))

    def _collective(self, parties: list[str]) -> bool:
        """Whether the parties can make an agreement: several, or an institution."""
        if len(parties) >= 2:
            return True
        return any(self.index.kinds.get(p) in ("organisation", "country", "group") for p in parties)

    # --- other forms --------------------------------------------------------------------

    def from_idiom(self, sentence: int, text: str, verb: Token) -> Agreement | None:
        """ "Put pen to paper": signing without the word."""
        if verb.lemma_.lower() != "put" or _hypothetical(verb):
            return None
        if not any(c.dep_ == "dobj" and c.lower_ == "pen" for c in verb.children):
            return None
        if not any(
            c.dep_ == "prep" and any(g.lower_ == "paper" for g in c.children) for c in verb.children
        ):
            return None
        mood = _mood(verb)
        if mood is None or mood.kind != "plain":
            return None
        return Agreement(
            text=text,
            parties=tuple(self.parties(sentence, verb, mood, [verb])),
            action="put pen to paper",
            status="signed",
            citation=self.parsed.cite(sentence),
            date=_date(verb, mood, self.published, future=False),
        )

    def from_participle(self, sentence: int, text: str, verb: Token) -> Agreement | None:
        """ "The deal, struck last week", "an agreement signed by both states in 1993"."""
        rule = VERB_RULES.get(verb.lemma_.lower())
        noun = verb.head
        if verb.lemma_.lower() not in _PARTICIPLES:
            return None  # "the terms announced before markets opened" reports no agreement
        if rule is None or verb.tag_ not in ("VBN", "VBD") or verb.dep_ != "acl":
            return None
        if not rule.positive:
            return None
        if not _is_agreement_word(noun) or noun.pos_ not in ("NOUN", "PROPN"):
            return None
        if noun.dep_ in ("attr", "oprd") and _lemma(noun.head) in _NAMING:
            # "in what leaders called the most significant climate deal ever reached": a
            # name for the agreement the sentence reports, not another one
            return None
        status = "in force" if _IN_FORCE.search(text) else rule.status
        if noun.dep_ == "nsubj" and noun.head.tag_ in ("VBZ", "VBP"):
            status = "in force"  # "an agreement struck in 1993 means ...": it applies now
        agents = _agents(verb)
        parties: list[str] = []
        for agent in agents:
            parties.extend(self._subject_names(sentence, agent))
        parties.extend(self._counterparties(sentence, [noun], passive=False))
        if noun.dep_ == "nsubj" and _lemma(noun.head) in _BINDING:
            # "The agreement, signed in Suva, commits Australia to providing ... and New
            # Zealand ...": the ones it binds are its sides
            for obj in (c for c in noun.head.children if c.dep_ == "dobj"):
                for one in (obj, *(t for t in obj.subtree if t.dep_ == "conj")):
                    parties.extend(self._party_phrase(sentence, one))
        mood = _Mood("plain")
        return Agreement(
            text=text,
            parties=tuple(dict.fromkeys(parties)),
            action=rule.past,
            status=status,
            citation=self.parsed.cite(sentence),
            object=_object_text(noun),
            date=_date(verb, mood, self.published, future=False),
        )

    def from_subject(self, sentence: int, text: str, verb: Token) -> Agreement | None:
        """An agreement that is the subject of its own verb: it expires, lapses, comes about."""
        lemma = verb.lemma_.lower()
        holder = verb  # the verb that carries the subject: "the merger is to go ahead"
        if verb.dep_ == "xcomp" and (
            _lemma(verb.head) in _EXPECTING or _lemma(verb.head) in ("be", "have")
        ):
            holder = verb.head
        present = (
            holder is not verb or verb.tag_ in ("VBZ", "VBP") or _has_child(verb, ("aux",), _MODALS)
        )
        decided: tuple[str, str] | None = None
        pending = _awaiting_approval(verb)
        if pending is not None:
            decided = ("expected", pending)  # "the deal still has to receive approval"
        elif lemma == "go" and _has_child(verb, ("advmod", "prt"), frozenset({"ahead"})):
            # "the merger is to go ahead" is expected; "the takeover went ahead" was made
            decided = (
                ("expected", _phrase(holder, verb, "ahead"))
                if present
                else (
                    "signed",
                    f"{verb.text} ahead",
                )
            )
        elif lemma == "go" and present and _has_child(verb, _PARTICLE, _THROUGH):
            decided = ("expected", _phrase(holder, verb, "through"))  # "should go through"
        elif lemma == "proceed" or (
            lemma == "take" and _has_child(verb, ("dobj",), frozenset({"place"}))
        ):
            # "the tie-up would take place", "the merger will proceed"
            tail = " place" if lemma == "take" else ""
            phrase = f"{verb.doc[holder.i : verb.i + 1].text}{tail}"
            if holder is verb:
                aux = [c for c in verb.children if c.dep_ == "aux"]
                phrase = " ".join([*(a.text for a in aux), verb.text]) + tail
            decided = ("expected", phrase) if present else ("signed", f"{verb.text}{tail}")
        elif lemma in ("expire", "lapse") or (
            lemma == "run" and _has_child(verb, ("prt",), frozenset({"out"}))
        ):
            # "his contract runs out in the summer" is the same event as "expires"
            tail = "" if lemma != "run" else " out"
            decided = (
                ("in force", f"{verb.text}{tail}") if present else ("ended", f"{verb.text}{tail}")
            )
        elif lemma == "collapse" and not present:
            decided = ("ended", verb.text)
        elif lemma in ("go", "fall") and not present and _has_child(verb, _PARTICLE, _THROUGH):
            # "this sale went through" was made; "the deal fell through (last year)" ended
            through = next(c for c in verb.children if c.lower_ == "through")
            if all(g.ent_type_ in ("DATE", "TIME") for g in through.children):
                decided = ("signed" if lemma == "go" else "ended", f"{verb.text} through")
        elif lemma in ("come", "enter") and any(
            c.dep_ == "prep" and c.lower_ == "into" and any(g.lower_ == "force" for g in c.children)
            for c in verb.children
        ):
            decided = ("in force", f"{verb.text} into force")
        elif lemma == "come" and any(
            c.dep_ in ("prt", "prep") and c.lower_ == "about" and not list(c.children)
            for c in verb.children
        ):
            decided = ("signed", f"{verb.text} about")
        if decided is None or _has_child(verb, ("neg",)) or _hypothetical(verb):
            return None
        if _conditional(verb) or _rumoured(verb) or _has_child(holder, ("neg",)):
            return None  # "if the deal goes ahead", "the deal is not to go ahead"
        if verb.tag_ in ("VBP", "VBZ") and _has_child(verb, ("mark",), _WHENEVER):
            return None  # "talks may start six months before their contracts expire": a rule
        subjects = [c for c in holder.children if c.dep_ == "nsubj"]
        if not subjects or not _is_agreement_word(subjects[0]):
            return None
        subj = subjects[0]
        parties = self._names(self._span_refs(sentence, subj)) + self._gazetteer_names(
            sentence, subj
        )
        parties.extend(self._owners(sentence, subj))
        if not parties:
            parties = self._announcer(sentence, holder)  # "Rover confirmed the tie-up would ..."
        mood = _Mood("plain")
        # The agreement is the subject, so the action reads with it: "the merger is to go
        # ahead", "the loan agreement expires" (an object after "expires" would not read).
        whole = verb.doc[subj.left_edge.i : subj.right_edge.i + 1]
        phrase = whole.text if len(whole) <= MAX_OBJECT_TOKENS else _object_text(subj)
        thing = _OPENING_DETERMINER.sub(lambda m: m.group().lower(), phrase)
        return Agreement(
            text=text,
            parties=tuple(dict.fromkeys(parties)),
            action=f"{thing} {decided[1]}",
            status=decided[0],
            citation=self.parsed.cite(sentence),
            date=_date(verb, mood, self.published, future=present),
        )

    def from_decision(self, sentence: int, text: str, noun: Token) -> Agreement | None:
        """ "The decision by India and Pakistan to open a bus link": a joint decision."""
        if noun.lemma_.lower() != "decision":
            return None
        by = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"]
        plan = [
            c
            for c in noun.children
            if c.dep_ == "acl" and _has_child(c, ("aux",), frozenset({"to"}))
        ]
        if not by or not plan:
            return None
        parties: list[str] = []
        for pobj in (c for c in by[0].children if c.dep_ == "pobj"):
            parties.extend(self._party_phrase(sentence, pobj))
        parties = list(dict.fromkeys(parties))
        if len(parties) < 2:
            return None  # one side deciding alone is not an agreement
        object_text = _clause_text(plan[0])
        return Agreement(
            text=text,
            parties=tuple(parties),
            action="decided",
            status="signed",
            citation=self.parsed.cite(sentence),
            object=object_text if object_text.startswith("to ") else f"to {object_text}",
        )

    def from_setting(self, sentence: int, text: str, noun: Token) -> Agreement | None:
        """A transaction done "in" or "as part of" an agreement: "it snapped up rival bank
        FleetBoston in a $47bn merger", "He is set to move ... in a deal", "Fiat had sold GM
        a stake in 2000, as part of a partnership agreement"."""
        if noun.dep_ != "pobj" or not _names_agreement(noun):
            return None
        if noun.tag_ == "NN" and not _has_child(noun, ("det", "poss", "nummod")):
            return None  # "working in partnership with", "in agreement": a manner, not a deal
        prep = noun.head
        if prep.lower_ == "of" and prep.head.lower_ == "part" and prep.head.head.lower_ == "as":
            prep = prep.head.head
        elif prep.lower_ != "in":
            return None
        verb = prep.head
        # "move during the January transfer window in a deal": the phrase may hang on the
        # verb's own prepositional phrase
        for _ in range(2):
            if verb.pos_ == "NOUN" and verb.dep_ == "pobj" and verb.head.dep_ == "prep":
                verb = verb.head.head
        if verb.pos_ != "VERB" or _lemma(verb) not in _TRANSACTING or _hypothetical(verb):
            return None
        mood = _mood(verb)
        if mood is None or mood.kind in ("negated", "threat"):
            return None
        parties: list[str] = []
        self._title_orgs = set()
        parties.extend(self._subject_parties(sentence, verb, mood))
        for child in verb.children:
            if child.dep_ in ("dobj", "dative") and not _names_agreement(child):
                # "snapped up rival bank FleetBoston", "sold GM a stake"
                parties.extend(
                    r.name
                    for r in self._span_refs(sentence, child, tails=True)
                    if not r.demonym and r.kind in ("person", "organisation", "country")
                )
        parties.extend(self._counterparties(sentence, [noun], passive=False))
        if not parties:
            return None
        status = {"plain": "signed", "seeking": "proposed"}.get(mood.kind, "expected")
        particle = " ".join(c.text for c in verb.children if c.dep_ == "prt")
        action = f"{verb.text} {particle}".strip()
        if mood.word:
            action = f"{mood.word} {verb.lemma_}"
        return Agreement(
            text=text,
            parties=tuple(dict.fromkeys(parties)),
            action=action,
            status=status,
            citation=self.parsed.cite(sentence),
            object=_object_text(noun),
            date=_date(verb, mood, self.published, future=status == "expected"),
        )

    def from_attempt(self, sentence: int, text: str, noun: Token) -> Agreement | None:
        """ "Heath called the Liberal leader back in a last attempt at a deal": a proposed
        agreement between whoever acts and whoever they call, meet or approach."""
        if noun.dep_ != "pobj" or not _names_agreement(noun) or noun.head.lower_ != "at":
            return None
        attempt = noun.head.head
        if attempt.lemma_.lower() not in _ATTEMPTS or attempt.dep_ != "pobj":
            return None
        verb = attempt.head.head
        if attempt.head.lower_ != "in" or verb.pos_ != "VERB" or _hypothetical(verb):
            return None
        mood = _mood(verb)
        if mood is None or mood.kind == "negated" or _conditional(verb):
            return None
        parties: list[str] = []
        parties.extend(self._subject_parties(sentence, verb, mood))
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            # the one called or met, not the party in their title ("the Liberal leader")
            parties.extend(
                r.name
                for r in self._span_refs(sentence, obj, tails=True)
                if r.start <= obj.idx < r.end and not r.demonym
            )
        return Agreement(
            text=text,
            parties=tuple(dict.fromkeys(parties)),
            action=f"in an {attempt.lower_} at",
            status="proposed",
            citation=self.parsed.cite(sentence),
            object=_object_text(noun),
            date=_date(verb, mood, self.published, future=False),
        )

    def from_talks(self, sentence: int, text: str, noun: Token) -> Agreement | None:
        """Talks under way over an agreement: "X has been in talks over a new deal", "Y's
        stand-off with Z over a new contract" are a proposed agreement between the sides;
        talks that stalled, failed or ended are not (see the guideline)."""
        if noun.dep_ != "pobj" or not _is_agreement_word(noun) or noun.head.lower_ not in _ABOUT:
            return None
        talks = noun.head.head
        if talks.pos_ != "NOUN" or talks.lemma_.lower() not in _TALKS:
            return None
        if talks.dep_ == "pobj" and talks.head.lower_ in ("in", "into"):
            verb = talks.head.head  # "has been in talks over", "entered into negotiations on"
        elif talks.dep_ in ("nsubj", "nsubjpass", "dobj") or _has_child(talks, ("poss",)):
            verb = talks.head  # "talks over a deal continue", "held talks on", "X's stand-off"
        else:
            return None
        if verb.pos_ not in ("VERB", "AUX") and not _has_child(talks, ("poss",)):
            return None
        if talks.dep_ == "dobj" and _lemma(verb) not in _HOLDING_TALKS:
            return None  # "called off talks", "rejected talks over": no talks under way
        owned = _has_child(talks, ("poss",))
        if verb.pos_ in ("VERB", "AUX"):
            mood = _mood(verb) or _Mood("negated")
            if _hypothetical(verb) or _conditional(verb):
                return None
            if mood.kind == "negated" and not owned:
                return None  # "there were no talks over"; "X's stand-off ... is not" still is
            chain = [verb, *(c for c in verb.children if c.dep_ in ("xcomp", "conj"))]
            if any(_lemma(v) in _FAILING for v in chain):
                return None  # "negotiations appear to have stalled": failed talks
        else:
            mood = _Mood("plain")
        parties: list[str] = []
        if talks.dep_ in ("pobj", "dobj") and verb.pos_ in ("VERB", "AUX"):
            parties.extend(self._subject_parties(sentence, verb, mood))
        parties.extend(self._owners(sentence, talks))
        parties.extend(self._sides_with(sentence, talks))
        parties.extend(self._owners(sentence, noun))
        return Agreement(
            text=text,
            parties=tuple(dict.fromkeys(parties)),
            action=f"{talks.text} {noun.head.lower_}",
            status="proposed",
            citation=self.parsed.cite(sentence),
            object=_object_text(noun),
            date=_date(verb, mood, self.published, future=False)
            if verb.pos_ in ("VERB", "AUX")
            else None,
        )

    def from_undergone(self, sentence: int, text: str, verb: Token) -> Agreement | None:
        """An offer that its maker "had" refused: "X had its bid rejected by Y", "has had one
        takeover attempt turned down by the board" is X's offer, rejected by Y."""
        if _lemma(verb) != "have" or verb.pos_ not in ("VERB", "AUX"):
            return None
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        done = _undergone(obj) if obj is not None else None
        if obj is None or done is None or not _is_agreement_word(obj):
            return None
        mood = _mood(verb)
        if mood is None or mood.kind != "plain" or _hypothetical(verb) or _conditional(verb):
            return None
        rule = VERB_RULES[_lemma(done)]
        parties = self._subject_parties(sentence, verb, mood)
        parties.extend(n for a in _agents(done) for n in self._subject_names(sentence, a))
        parties.extend(self._counterparties(sentence, [obj], passive=False))  # "offer for X"
        return Agreement(
            text=text,
            parties=tuple(dict.fromkeys(parties)),
            action=f"{verb.text} {obj.lower_} {rule.past}",
            status=rule.status,
            citation=self.parsed.cite(sentence),
            object=_object_text(obj),
            date=_date(verb, mood, self.published, future=False),
        )

    def from_pledged(self, sentence: int, text: str, verb: Token) -> Agreement | None:
        """ "The money pledged by the US": a pledge by a country or an organisation, told as
        a participle."""
        if verb.lemma_.lower() not in _PLEDGING or verb.tag_ != "VBN" or verb.dep_ != "acl":
            return None
        agents = _agents(verb)
        parties = [n for a in agents for n in self._subject_names(sentence, a)]
        if not parties or not self._collective(parties):
            return None
        noun = verb.head
        return Agreement(
            text=text,
            parties=tuple(dict.fromkeys(parties)),
            action=verb.text,
            status="signed",
            citation=self.parsed.cite(sentence),
            object=_object_text(noun),
            date=_date(verb, _Mood("plain"), self.published, future=False),
        )

    def from_refusal(self, sentence: int, text: str, noun: Token) -> Agreement | None:
        """ "The United States' refusal to sign the Kyoto Protocol": a rejection as a noun."""
        if noun.lemma_.lower() not in _REFUSALS or noun.pos_ != "NOUN":
            return None
        for verb in noun.children:
            rule = VERB_RULES.get(_lemma(verb))
            if verb.dep_ != "acl" or rule is None or not rule.positive:
                continue
            if not _has_child(verb, ("aux",), frozenset({"to"})):
                continue
            obj = _object(verb, rule)
            if obj is None or not _names_agreement(obj):
                continue
            parties: list[str] = []
            for poss in (c for c in noun.children if c.dep_ == "poss"):
                if poss.lower_ in ("its", "their"):
                    name = self._owner_of_it(sentence, poss)
                    parties.extend([name] if name else [])
                elif poss.lower_ in ("his", "her"):
                    name = self.resolver.antecedent(
                        sentence, poss.idx, ("person",), gender=PRONOUN_GENDERS[poss.lower_]
                    )
                    parties.extend([name] if name else [])
                else:
                    parties.extend(self._party_phrase(sentence, poss))
            parties.extend(self._counterparties(sentence, [obj], passive=False))
            return Agreement(
                text=text,
                parties=tuple(dict.fromkeys(parties)),
                action=f"{noun.text} to {verb.text}",
                status="rejected",
                citation=self.parsed.cite(sentence),
                object=_object_text(obj),
            )
        return None

    def from_existential(self, sentence: int, text: str, verb: Token) -> Agreement | None:
        """ "There had been secret deals to engage in market timing": agreements that were."""
        if verb.lemma_.lower() != "be" or not _has_child(verb, ("expl",)):
            return None
        attrs = [c for c in verb.children if c.dep_ == "attr" and _names_agreement(c)]
        if not attrs or _has_child(verb, ("neg",)) or _hypothetical(verb):
            return None
        attr = attrs[0]
        if any(c.lower_ in ("no", "any") for c in attr.children):
            return None  # "there was no deal", "whether there would be any deal"
        if any(c.lower_ in _CONSENSUS for c in attr.children) or any(
            c.dep_ in ("acl", "ccomp") and _has_child(c, ("mark",), frozenset({"that"}))
            for c in attr.children
        ):
            return None  # "there is universal agreement that ...": a shared opinion
        if verb.dep_ == "ccomp" and _has_child(verb.head, ("neg",)):
            return None  # "did not rule out that there had been an agreement"
        mood = _mood(verb)
        if mood is None or mood.kind != "plain" or verb.dep_ in ("advcl", "xcomp"):
            return None  # "if there is a deal", "there could be a deal"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children):
            return None
        return Agreement(
            text=text,
            parties=tuple(dict.fromkeys(self._counterparties(sentence, [attr], passive=False))),
            action=f"there {verb.text}" if verb.lower_ != "been" else "there had been",
            status="signed",
            citation=self.parsed.cite(sentence),
            object=_object_text(attr),
            date=_date(verb, mood, self.published, future=False),
        )

    def from_proposal(self, sentence: int, text: str, token: Token) -> Agreement | None:
        """ "MG Rover's proposed tie-up with China's top carmaker": a proposed agreement whose
        sides the phrase names."""
        if token.lower_ != "proposed" or token.dep_ != "amod":
            return None
        noun = token.head
        if not _is_agreement_word(noun) or noun.lemma_.lower() in _PROPOSALS:
            return None
        owners = [c for c in noun.children if c.dep_ == "poss"]
        parties: list[str] = []
        for poss in owners:
            parties.extend(self._party_phrase(sentence, poss))
        parties.extend(self._counterparties(sentence, [noun], passive=False))
        if len(set(parties)) < 1 or not (owners or len(set(parties)) >= 2):
            return None  # "the proposed deal": no side named, nothing to report
        return Agreement(
            text=text,
            parties=tuple(dict.fromkeys(parties)),
            action="proposed",
            status="proposed",
            citation=self.parsed.cite(sentence),
            object=_object_text(noun),
        )

    def from_term(self, sentence: int, text: str, verb: Token) -> Agreement | None:
        """Time left on a contract: "despite Tevez having another year on his current deal",
        "has one year left to run on his contract"."""
        if verb.lemma_.lower() != "have" or verb.pos_ != "VERB" or _has_child(verb, ("neg",)):
            return None
        spans = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _TERMS]
        # "on" hangs on "have" or, with "left to run", inside the span's phrase
        holders = [verb, *(t for s in spans for t in s.subtree if t.pos_ == "VERB")]
        ons = [
            g
            for h in holders
            for c in h.children
            if c.dep_ == "prep" and c.lower_ == "on"
            for g in c.children
            if g.dep_ == "pobj" and _names_agreement(g)
        ]
        if not spans or not ons:
            return None
        mood = _mood(verb)
        if mood is None or mood.kind != "plain":
            return None
        parties: list[str] = []
        parties.extend(self._subject_parties(sentence, verb, mood))
        # "on his contract at Tottenham": the parse hangs "at" on the contract or the verb
        parties.extend(self._employer(sentence, ons[0]))
        parties.extend(self._employer(sentence, ons[0].head.head))
        parties.extend(self._employer_of(sentence, parties))
        span = spans[0]
        on = ons[0].head
        # "has one year left to run on": the words up to the "on"
        last = on.i if on.i > span.i else span.i + 1
        length = verb.doc[span.left_edge.i : last].text
        return Agreement(
            text=text,
            parties=tuple(dict.fromkeys(parties)),
            action=f"{verb.text} {length} on",
            status="in force",
            citation=self.parsed.cite(sentence),
            object=_object_text(ons[0]),
        )

    def _employer(self, sentence: int, contract: Token) -> list[str]:
        """The organisation a contract (or the verb that holds it) is "at" or "with": "his
        contract at Tottenham"."""
        return [
            name
            for prep in contract.children
            if prep.dep_ == "prep" and prep.lower_ in ("at", "with")
            for pobj in prep.children
            if pobj.dep_ == "pobj"
            for name in self._party_phrase(sentence, pobj)
            if self._kind(name) == "organisation"
        ]

    def _employer_of(self, sentence: int, parties: list[str]) -> list[str]:
        """A lone person's club or firm, named in their title in the same sentence, as the
        other side of their contract: "Manchester United winger Cristiano Ronaldo said he is
        close to agreeing a new contract" is a contract with Manchester United."""
        if len(set(parties)) != 1 or self._kind(parties[0]) != "person":
            return []
        if not 0 <= sentence < len(self.index.mentions):
            return []
        text = self.parsed.sentences[sentence].text
        ordered = sorted(self.index.mentions[sentence], key=lambda r: r.start)
        for before, ref in itertools.pairwise(ordered):
            between = text[before.end : ref.start].split()
            if (
                ref.name == parties[0]
                and before.kind == "organisation"
                and not before.demonym
                and 1 <= len(between) <= 3
                and all(w.islower() and w.isalpha() for w in between)
            ):
                return [before.name]  # "Manchester United winger Cristiano Ronaldo"
        return []

    def from_contracted(self, sentence: int, text: str, verb: Token) -> Agreement | None:
        """A contract told by its verb: "Smith is contracted to Leeds until 2019" holds now,
        with the one contracted and the one he is contracted to as the sides."""
        if verb.lower_ != "contracted" or not _has_child(verb, ("auxpass",)):
            return None
        to = [
            pobj
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ in ("to", "with")
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
        if not to or _hypothetical(verb) or _conditional(verb):
            return None
        mood = _mood(verb)
        if mood is None or mood.kind != "plain":
            return None
        aux = next(c for c in verb.children if c.dep_ == "auxpass")
        parties: list[str] = []
        for v in _climb(verb, mood):
            subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                parties.extend(n for s in subjects for n in self._subject_names(sentence, s))
                break
        for pobj in to:
            parties.extend(self._party_phrase(sentence, pobj))
        if not parties:
            return None
        present = aux.lower_ in _PRESENT_AUX
        return Agreement(
            text=text,
            parties=tuple(dict.fromkeys(parties)),
            action=f"{aux.text} contracted",
            status="in force" if present else "signed",
            citation=self.parsed.cite(sentence),
            date=_date(verb, mood, self.published, future=False),
        )

    def from_committed(self, sentence: int, text: str, word: Token) -> Agreement | None:
        """A country's or an organisation's stated commitment: "the US is committed to a
        strong dollar" (see the guideline: a commitment by a country counts, with status
        signed). A person's commitment is not an agreement."""
        if word.lower_ != "committed" or word.dep_ not in ("acomp", "ROOT", "ccomp", "conj"):
            return None
        if word.dep_ == "acomp":
            holder = word.head  # "is committed to"
        elif _has_child(word, ("auxpass",)):
            holder = word  # the parse may take "committed" for a passive verb
        else:
            return None
        to = [
            c
            for prep in word.children
            if prep.dep_ == "prep" and prep.lower_ == "to"
            for c in prep.children
            if c.dep_ in ("pobj", "pcomp")
        ]
        if not to or _has_child(word, ("dobj",)) or _has_child(word, ("neg",)):
            return None
        if _hypothetical(holder) or _conditional(holder) or _rumoured(holder):
            return None
        mood = _mood(holder)
        if mood is None or mood.kind != "plain":
            return None
        subjects = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
        parties = [n for s in subjects for n in self._subject_names(sentence, s)]
        if not parties and any(s.lower_ in ("it", "they") for s in subjects):
            parties = self._announcer(sentence, holder)  # "the US has said it is committed"
        if not parties or any(self._kind(n) not in ("organisation", "country") for n in parties):
            return None
        return Agreement(
            text=text,
            parties=tuple(dict.fromkeys(parties)),
            action=f"{holder.text} committed to" if holder is not word else "committed to",
            status="signed",
            citation=self.parsed.cite(sentence),
            object=_object_text(to[0]),
            date=_date(holder, mood, self.published, future=False),
        )

    def from_signed_player(self, sentence: int, text: str, verb: Token) -> Agreement | None:
        """A person who "was signed" has been signed by a club, which is a contract even
        with no agreement word: "Smith, who was signed from Leeds last summer", "Jones,
        signed for £2m". The club he came "from" and the one that signed him ("by") are
        sides."""
        if _lemma(verb) != "sign" or verb.tag_ != "VBN":
            return None
        if verb.dep_ == "acl" and verb.head.pos_ == "PROPN":
            person: Token | None = verb.head  # "Jason Puncheon, signed for £1.9m"
        elif _has_child(verb, ("auxpass",)):
            person = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        else:
            return None
        if person is None or any(c.dep_ in ("dobj", "attr") for c in verb.children):
            return None
        deal_words = ("from", "by", "for", "on", "to")
        if not any(
            c.dep_ in ("prep", "agent") and c.lower_ in deal_words and _has_child(c, ("pobj",))
            for c in verb.children
        ):
            # a signing names where the player came from, who signed him or the fee; "a
            # single signed by all the band" is an autograph
            return None
        if verb.dep_ == "acl" and not any(
            c.dep_ == "prep" and c.lower_ in ("from", "for", "on") for c in verb.children
        ):
            return None
        if _hypothetical(verb) or _conditional(verb):
            return None
        mood = _mood(verb)
        if mood is None or mood.kind != "plain":
            return None
        people = [n for n in self._subject_names(sentence, person) if self._kind(n) == "person"]
        if not people:
            return None  # "the deal was signed", "the letter was signed": not a player
        parties = list(people)
        for prep in verb.children:
            if (prep.dep_ == "prep" and prep.lower_ == "from") or prep.dep_ == "agent":
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    parties.extend(
                        n
                        for n in self._party_phrase(sentence, pobj)
                        if self._kind(n) == "organisation"
                    )
        aux = [c.text for c in verb.children if c.dep_ == "auxpass"]
        return Agreement(
            text=text,
            parties=tuple(dict.fromkeys(parties)),
            action=" ".join([*aux, verb.text]),
            status="signed",
            citation=self.parsed.cite(sentence),
            date=_date(verb, mood, self.published, future=False),
        )

    def from_out_of_contract(self, sentence: int, text: str, verb: Token) -> Agreement | None:
        """ "Tindall is out of contract at the end of the season": his contract holds until
        then; "is out of contract" with no time ahead means it has ended."""
        if _lemma(verb) != "be":
            return None
        outs = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "out"]
        contract = next(
            (
                g
                for o in outs
                for of in o.children
                if of.dep_ == "prep" and of.lower_ == "of"
                for g in of.children
                if g.dep_ == "pobj" and g.lemma_.lower() == "contract"
            ),
            None,
        )
        mood = _mood(verb)
        if contract is None or mood is None or _has_child(verb, ("neg",)) or _conditional(verb):
            return None
        clause = _own_clause(verb)
        ahead = mood.kind == "future" or bool(
            re.search(r"\b(?:end of|summer|next|until|in \d{4}|this season)\b", clause, re.I)
        )
        parties: list[str] = []
        parties.extend(self._subject_parties(sentence, verb, mood))
        if not parties:
            return None  # "players out of contract": nobody named
        return Agreement(
            text=text,
            parties=tuple(dict.fromkeys(parties)),
            action=f"{verb.text} out of contract",
            status="in force" if ahead else "ended",
            citation=self.parsed.cite(sentence),
            object="contract",
            date=_date(verb, mood, self.published, future=ahead),
        )

    # --- a sentence ---------------------------------------------------------------------

    def sentence(self, position: int, text: str) -> list[Agreement]:
        doc = self.parsed.docs[position]
        found: list[Agreement] = []
        taken: set[int] = set()
        reported: set[int] = set()  # the verbs (and nouns) that reported an agreement

        def quoted(token: Token) -> bool:
            # Scare quotes round a word or two ("had 'verbally agreed' to the offer") leave
            # the sentence the writer's own; a quotation of four words or more is a quote.
            start, end = token.idx, token.idx + len(token.text)
            return any(
                qs <= start and end <= qe + 1 and len(text[qs:qe].split()) >= 4
                for qs, qe in self.resolver.quoted[position]
            )

        for token in doc:
            if quoted(token):
                continue  # what a speaker says is reported as a quote, not as a fact
            result = self.from_verb(position, text, token)
            if result is not None:
                agreement, object_token = result
                taken.add(object_token)
                reported.add(token.i)
                found.append(agreement)
                continue
            for other in (
                self.from_idiom(position, text, token),
                self.from_subject(position, text, token),
                self.from_decision(position, text, token),
                self.from_refusal(position, text, token),
                self.from_existential(position, text, token),
                self.from_term(position, text, token),
                self.from_out_of_contract(position, text, token),
                self.from_contracted(position, text, token),
                self.from_undergone(position, text, token),
                self.from_signed_player(position, text, token),
                self.from_committed(position, text, token),
            ):
                if other is not None:
                    found.append(other)
                    reported.add(token.i)
        for token in doc:
            # a participle on an agreement that a verb of the sentence already reports is
            # background to it: "terminated an agreement with the EU, reached in 1992"
            if token.head.i in taken or quoted(token):
                continue
            participle = self.from_participle(position, text, token)
            if participle is not None:
                found.append(participle)
                continue
            proposal = self.from_proposal(position, text, token)
            if proposal is not None:
                found.append(proposal)
                continue
            other = self.from_attempt(position, text, token) or self.from_pledged(
                position, text, token
            )
            if other is not None:
                found.append(other)
                continue
            if token.i in taken or token.i in reported:
                continue
            setting = self.from_setting(position, text, token)
            if setting is not None and not self._within(token, reported):
                found.append(setting)
        if not found:
            # talks over a deal count only when the sentence reports no event of its own:
            # "signed a new deal after talks over his contract" is the signing
            for token in doc:
                talked = None if quoted(token) else self.from_talks(position, text, token)
                if talked is not None:
                    found.append(talked)
                    break
        bought = [a for a in found if any(a is p for p in self._purchases)]
        if bought and len(bought) < len(found):
            found = [a for a in found if not any(a is b for b in bought)]
        return _dedupe(found)

    @staticmethod
    def _within(noun: Token, reported: set[int]) -> bool:
        """Whether an agreement noun belongs to a clause whose verb was already reported:
        "have agreed to merge in a €4.2 billion all-share deal" is one agreement."""
        node = noun
        for _ in range(8):
            if node.i in reported:
                return True
            if node.head.i == node.i:
                return False
            node = node.head
        return False


def _clause_text(token: Token) -> str:
    """A clause as written, without a leading "that" and trailing punctuation."""
    words_ = [t for t in token.subtree]
    text = token.doc[words_[0].i : words_[-1].i + 1].text
    return re.sub(r"^(?:that)\s+", "", text).strip(" ,;:.\"“”'‘’")


def _restates(thing: str | None) -> bool:
    """ "the agreement (in court)", "the contract", "it": an agreement just named, again."""
    if thing is None:
        return False
    words_ = thing.lower().split()
    if words_ == ["it"]:
        return True
    return (
        len(words_) >= 2 and words_[0] in ("the", "this", "that") and words_[1] in AGREEMENT_NOUNS
    )


def _dedupe(found: list[Agreement]) -> list[Agreement]:
    """One agreement per thing and status in a sentence; a named one beats an anonymous one."""
    out: list[Agreement] = []
    for agreement in found:
        twin = next(
            (
                a
                for a in out
                if a.status == agreement.status
                and (a.object == agreement.object or _restates(agreement.object))
            ),
            None,
        )
        if twin is None:
            out.append(agreement)
        elif not twin.parties and agreement.parties:
            out[out.index(twin)] = agreement
    return out


def find_agreements(
    parsed: Parsed, index: ActorIndex, limit: int = MAX_AGREEMENTS
) -> list[Agreement]:
    """The agreements the document reports, in reading order."""
    reader = _Reader(parsed, index)
    for position, sentence, _ in parsed.pairs():
        reader.found.extend(reader.sentence(position, sentence.text))
    return [_tidy(a) for a in reader.found[:limit]]


# A word the object may not end on once its date has gone to ``date`` ("... spend 1.2 million
# pounds in" June). "until", "by" and the like stay: "until (the end of 2027)" still reads.
_DANGLING = re.compile(r"\s+(?:in|on|at|from|to|for|of|and|or|with)$")
_OPENING_DETERMINER = re.compile(r"^(?:The|That|This|These|Those|A|An|Its|Their|His|Her)\b")


def _tidy(agreement: Agreement) -> Agreement:
    """The object as it reads after the action: no dangling preposition, and a determiner
    that opened the sentence in lower case ("withdrew from that offer", not "That offer")."""
    text = agreement.object
    if not text:
        return agreement
    tidy = _DANGLING.sub("", text)
    tidy = _OPENING_DETERMINER.sub(lambda m: m.group().lower(), tidy)
    return agreement if tidy == text else replace(agreement, object=tidy or None)
