"""Sentence quality: which sentences may appear in a summary at all.

Scraped news carries lines that no summary should contain, however central they look:
bylines ("By Jane Doe . PUBLISHED: ..."), photo captions ("Shooter: Terry Martin, 48, pictured
in this 2012 mugshot"), page furniture ("Scroll down for video", "Click here to subscribe"),
questions put to the reader, quotation fragments that make no sense on their own, and fragments
without a verb ("Delay over."). Daily Mail pages also glue a caption to the next sentence with
no full stop between them ("... was jailed for five years A serving prisoner has been ..."), so
the splitter returns caption and sentence as one.

:func:`assess` looks at every sentence of a document (quotation state needs the neighbours)
and returns a :class:`Quality` per sentence (:func:`judge` does one sentence, for callers that
only need the verdict on a few): the reasons it is unfit, each either *hard* (junk,
never summary material) or *soft* (a fair sentence, but a poor summary line). Everything here
is a handful of regular expressions per sentence, cheap enough for the default summariser.

:func:`is_hook` is not a verdict on a sentence's fitness: it tells the news summariser that a
story opens with a feature hook ("These incredible photos are ...") rather than its news.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


__all__ = [
    "HARD_REASONS",
    "SOFT_REASONS",
    "Quality",
    "assess",
    "has_verb",
    "is_byline",
    "is_caption",
    "is_fragment",
    "is_glued",
    "is_hook",
    "is_junk",
    "is_question",
    "judge",
    "quote_states",
]

HARD_REASONS: frozenset[str] = frozenset({"junk", "byline", "caption", "glued", "fragment"})
"""Reasons that make a sentence unusable in any summary."""

SOFT_REASONS: frozenset[str] = frozenset({"question", "quote", "short", "unterminated"})
"""Reasons that make a sentence a poor summary line; used only when nothing better exists."""

# --------------------------------------------------------------------------------------------
# Page furniture and bylines
# --------------------------------------------------------------------------------------------

# Furniture that starts the line ("Read more: ...", "Share this article", "Related:").
_JUNK_START = re.compile(
    r"""
    (?:tap|swipe)\ here\b
    | (?:read|see|watch)\ (?:more|also|the\ (?:full\ )?(?:video|story))\b
    | related(?:\ (?:coverage|articles?|stories|content))?\s*:?\s*$ | related:
    | (?:share|tweet|email|print)(?:\ (?:this|on|via)\b[^.!?]{0,60})?\s*$
    | follow\ (?:us|me|@)\b | @\w+\s*$
    | advertisement\b | sponsored\b | promoted\b
    | source\ link\b | leave\ a\ (?:reply|comment)\b | post\ comment\b
    | skip\ to\ (?:main\ )?content\b | back\ to\ top\b
    | \d+\s*/\s*\d+\s*$
    | (?:more\ from|more\ on\ this\ story|top\ stories)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Furniture anywhere in the line, each guarded by a plain substring test on the lower-cased
# sentence: one regex with many unanchored alternatives costs a scan per alternative.
_JUNK_ANYWHERE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        ("scroll down", r"scroll down for (?:video|more)"),
        ("click here", r"\bclick here\b"),
        ("follow @", r"\bfollow @\w"),
        ("sign up", r"\bsign up (?:for|to)\b"),
        ("subscribe", r"\bsubscribe (?:now|today|here)\b"),
        ("newsletter", r"\bnewsletter\b"),
        ("story continues", r"\bstory continues below\b"),
        ("will not be published", r"\bemail address will not be published\b"),
        ("required fields", r"\brequired fields are marked\b"),
        ("cookie", r"\bwe use cookies\b|\bcookie settings\b|\baccept (?:all )?cookies\b"),
        ("rights reserved", r"\ball rights reserved\b"),
        ("©", r"©"),
        ("copyright", r"\bcopyright \d{4}\b"),
        ("published:", r"published:"),
        ("updated:", r"updated:"),
        ("posted:", r"\bposted:"),
    )
)

# "By Jane Doe", "By . Jane Doe . PUBLISHED: ...", "By Daily Mail Reporter": a name after
# "By" at the very start, then nothing, punctuation or the next header field.
_BYLINE = re.compile(
    r"^\s*By\s+\.?\s*(?:[A-Z][\w'’.-]*\s*){2,4}(?:$|[.|,]|\s(?:and|for|in)\s|\s*PUBLISHED)",
)

# --------------------------------------------------------------------------------------------
# Captions
# --------------------------------------------------------------------------------------------

# Caption cues, each guarded by a substring test on the lower-cased sentence.
_CAPTION_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern, re.VERBOSE))
    for key, pattern in (
        (
            "(",
            r"""\((?:pictured|left|right|centre|center|above|below|top|bottom|inset|main
            |far\ left|far\ right|second\ (?:left|right)|front|back|circled
            |file\ (?:photo|picture|image)|stock\ (?:photo|image)|posed\ by\ (?:a\ )?models?
            |not\ pictured|in\ (?:red|blue|white|black|green|yellow|pink
            |the\ (?:red|blue|white|black)))[^)]*\)""",
        ),
        (
            "pictured",
            r"""\bpictured\ (?:left|right|above|below|centre|center|here|top|bottom
            |in\ (?:this|the)|with\ (?:his|her|their))\b
            | ,\ pictured, | \b(?:is|are)\ pictured\b | ^pictured\b""",
        ),
        ("photo", r"\bphoto(?:graph)?s?\ (?:credit|courtesy|by)\b"),
        ("picture", r"\bpictures?\ (?:credit|courtesy|by)\b"),
        ("image", r"\bimages?\ (?:credit|courtesy|by)\b"),
        ("getty", r"getty\ images"),
        ("/", r"(?:afp|ap|pa|epa|reuters)/|/(?:reuters|ap|pa|epa|afp)\b"),
        ("ap photo", r"\bap\ photo\b"),
    )
)
# "Photo: ...", "Credit: ...", "Watch: ...": a caption or credit label opening the line.
_CREDIT_START = re.compile(
    r"(?:photo|picture|image|credit|photograph|video|watch|source)s?\s*:", re.IGNORECASE
)

# A Daily Mail caption label: one to three words and a colon at the start of the sentence,
# then a word ("Fighter ace: Douglas Bader's story is to be told ...", "Big Ben: the 20lb
# lamb is twice the weight ...").
_LABEL = re.compile(r"^([A-Z][\w'’-]*(?:\s+[\w'’&-]+){0,2})\s*:\s+(?=[A-Za-z‘“'\"])")
# A label with a reporting verb introduces a quote ("He said: The ..."), not a caption.
_SAYS = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|explained|wrote|writes|warned|insisted|admitted"
    r"|claimed|stated|announced|revealed|asked|replied|tweeted|posted|continued|concluded)\b",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------------------------
# Glued sentences: a caption or layout line joined to the next sentence without a full stop
# --------------------------------------------------------------------------------------------

# A capitalised function word that can only start a sentence, followed by a lower-case word,
# after a lower-case word, a number or a closing bracket: "... five years A serving prisoner".
_GLUE = re.compile(
    r" (The|A|An|He|She|It|They|His|Her|Their|However|But|When|While|After|Another|This"
    r"|These|In|Some|Many) (?=[a-z])"
)
# Words after which a capitalised "The" or "A" is ordinary ("told The Times", "in A Clockwork
# Orange"), not a missing full stop.
_NOT_BEFORE_GLUE: frozenset[str] = _wordset(
    """told in to of by for from on at with and or said says the a an wrote read reads
    called named titled watch watched see saw about like into starring is was are were be
    been as than that which who what where when how why whose if nor but so plan type grade
    class group pool category vitamin hepatitis"""
)

# A quotation opening in mid-sentence straight after a bare word, and attributed at its end
# ("... manager on Friday ‘I’d be over the moon to get it,’ said Locke ..."): the caption
# before it lost its full stop. A quote introduced by a verb or preposition ("called ‘Peepshow’",
# "said the words ‘Stay tuned’") is ordinary, and so is a title in quotes that is not
# followed by an attribution.
_QUOTE_GLUE = re.compile(r"(?<=[a-z0-9%)]) [‘“\"'](?=[A-Z])")
_QUOTE_OPENING = re.compile(r"\s[‘“\"']")
_QUOTE_ATTRIBUTION = re.compile(
    r"[,!?][’”\"'] (?:said|says|added|adds|explained|insisted|admitted|claimed|told|he|she"
    r"|they)\b"
)

# --------------------------------------------------------------------------------------------
# Feature hooks: an opening sentence that sets a scene instead of stating the news
# --------------------------------------------------------------------------------------------

# Feature stories open with a "delayed lede": a pronoun with nothing yet to refer to ("These
# incredible photos are ...", "It's well known that ..."), a word to the reader ("You would be
# forgiven ...") or a subordinate clause ("With summer around the corner, ...", "While it
# emerged this week ..."). A hard-news lede opens with its subject: a name, a number, "A man".
_HOOK_OPENERS: frozenset[str] = _wordset(
    """it it's its they these this those we you your our she he i there here
    as while when whenever although though if once since because unless until whether
    with without having imagine"""
)
# A source or dateline prefix left in scraped copy: "(CNN)", "Boston (CNN)", "LONDON (AP) --".
_SOURCE_PREFIX = re.compile(
    r"^\s*(?:[A-Z][\w.,'’ -]{0,40}?\s*)?\([A-Z][\w .&'’-]{0,40}\)\s*(?:--|[-—–])?\s*"
)
_FIRST_WORD = re.compile(r"[\"'‘“(]?([A-Za-z]+(?:['’][a-z]+)?)")

# --------------------------------------------------------------------------------------------
# Verbs, for fragments
# --------------------------------------------------------------------------------------------

_VERBS: frozenset[str] = _wordset(
    """
    am is are was were be been being have has had having do does did done doing will would
    shall should can could may might must ought cannot
    's 're 'm 've 'd 'll n't won't wouldn't can't couldn't shouldn't mustn't isn't aren't
    wasn't weren't hasn't haven't hadn't don't doesn't didn't
    say says said tell tells told ask asks asked get gets got gotten go goes went gone make
    makes made take takes took taken come comes came see sees saw seen know knows knew known
    think thinks thought give gives gave given find finds found feel feels felt become
    becomes became leave leaves left put puts keep keeps kept let lets begin begins began begun
    seem seems show shows shown hear hears heard run runs ran hold holds held bring brings
    brought write writes wrote written sit sits sat stand stands stood lose loses lost pay
    pays paid meet meets met lead leads led set sets win wins won fall falls fell fallen buy
    buys bought sell sells sold send sends sent build builds built spend spends spent grow
    grows grew grown draw draws drew drawn break breaks broke broken speak speaks spoke spoken
    rise rises rose risen drive drives drove driven eat eats ate eaten drink drinks drank wear
    wears wore worn choose chooses chose chosen fight fights fought hit hits hurt hurts cut
    cuts shut quit beat beats bear bears bore born catch catches caught teach teaches taught
    throw throws threw thrown fly flies flew flown forget forgets forgot forgotten hide hides
    hid hidden sleep sleeps slept strike strikes struck sing sang sung sink sank sunk steal
    steals stole stolen wake wakes woke seek seeks sought lie lies lay lays laid lend lends
    lent bend bent bet bets shoot shoots shot shine shone meant dealt fled fed bled sped slid
    spread swept wept dug hung rode ridden arose shook shaken tore torn froze frozen withdrew
    withdrawn understood undertook overtook forgave forbade swore sworn undergo undergoes
    underwent undergone
    need needs want wants like likes look looks use uses work works call calls try tries help
    helps play plays move moves live lives believe believes happen happens include includes
    continue continues remain remains mean means expect expects plan plans hope hopes face
    faces claim claims warn warns admit admits deny denies insist insists agree agrees die
    dies kill kills rule rules vote votes sign signs open opens close closes start starts end
    ends stop stops cost costs report reports
    """
)
# After one of these, a word ending in "s" is a verb ("it supplies", "he merits").
_SUBJECTS: frozenset[str] = _wordset("i we you they he she it who which that this")
# The word after one of these is a verb ("they smoke", "to relieve").
_VERB_CUES: frozenset[str] = _wordset("i we you they to")
# Before one of these, a word ending in "s" is a verb ("imports about 70%", "stores this").
_OBJECT_STARTS: frozenset[str] = _wordset(
    """the a an to about its his her their this that these those with for on in of up out
    all more less over back off down into from at by our your my some many no every each
    him them us me it how why what whether himself herself itself themselves"""
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*|\d[\d,.]*")

# --------------------------------------------------------------------------------------------
# Quotation marks
# --------------------------------------------------------------------------------------------

_OPENING_QUOTES = "\"“‘'"
_QUOTE_MARK = re.compile("[\"“”‘’']")
_BEFORE_OPENING = "([—–-"
_AFTER_CLOSING = ",.;:!?)]—–-"
_BEFORE_CLOSING = ".,!?;:…"
_QUESTION_END = re.compile(r"\?[\"”’')\]\s]*$")
_CLOSERS = "\"”’')] \t\n\r"


@dataclass(frozen=True)
class Quality:
    """Why a sentence should (or should not) appear in a summary.

    ``reasons`` is empty for a good sentence; otherwise it names each problem found, from
    :data:`HARD_REASONS` (junk, byline, caption, glued, fragment) and :data:`SOFT_REASONS`
    (question, quote, short, unterminated: no closing punctuation, as in a headline).
    """

    reasons: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """No problem at all: fit for a summary."""
        return not self.reasons

    @property
    def hard(self) -> bool:
        """At least one hard problem: never summary material."""
        return any(r in HARD_REASONS for r in self.reasons)


def _confirmed(sentence: str, table: tuple[tuple[str, re.Pattern[str]], ...]) -> bool:
    lower = sentence.lower()
    # Substring tests first: a literal alternation regex scans slower than these.
    for key, pattern in table:  # noqa: SIM110 - the loop beats any() by half here
        if key in lower and pattern.search(lower):
            return True
    return False


def is_junk(sentence: str) -> bool:
    """Page furniture: "Scroll down for video", "Click here", share and follow buttons,
    cookie notices, copyright lines, "PUBLISHED:"/"UPDATED:" stamps."""
    if _JUNK_START.match(sentence.lstrip()):
        return True
    return _confirmed(sentence, _JUNK_ANYWHERE)


def is_byline(sentence: str) -> bool:
    """A byline at the start of the sentence ("By Jane Doe", "By . Sam Webb . PUBLISHED:")."""
    return _BYLINE.match(sentence) is not None


def is_caption(sentence: str) -> bool:
    """A photo caption or credit: "(pictured)", "(left)", "pictured in this ...", "Photo:",
    "Getty Images", or a Daily Mail label such as "Fighter ace: Douglas Bader ..."."""
    if _confirmed(sentence, _CAPTION_CUES):
        return True
    if ":" not in sentence:
        return False
    if _CREDIT_START.match(sentence.lstrip()):
        return True
    label = _LABEL.match(sentence)
    return label is not None and not _SAYS.search(label.group(1))


def is_glued(sentence: str) -> bool:
    """Two sentences joined without a full stop, as when a caption runs into the story:
    "... after she asked for half of his winnings A man who won $500 ...", "... post tweets
    for $20 He was once ...", "... manager on Friday ‘I’d be over the moon,’ said Locke"."""
    for m in _GLUE.finditer(sentence):
        before = sentence[max(0, m.start() - 40) : m.start()].rsplit(None, 1)
        if not before:
            continue
        word = before[-1]
        first, last = word[0], word[-1]
        if (
            (first.islower() or first.isdigit() or first in "$£€" or last in "'’)")
            and last not in ",;:-–—"
            and word.lower().strip("'’") not in _NOT_BEFORE_GLUE
        ):
            return True
    if "‘" in sentence or "“" in sentence or '"' in sentence or "'" in sentence:
        for m in _QUOTE_GLUE.finditer(sentence):
            before = sentence[max(0, m.start() - 40) : m.start()].rsplit(None, 1)
            if not before:
                continue
            word = before[-1].lower()
            if word in _NOT_BEFORE_GLUE or _SAYS.fullmatch(word):
                continue
            attribution = _QUOTE_ATTRIBUTION.search(sentence, m.end())
            # The attribution must close this quotation, not a later one.
            if attribution and not _QUOTE_OPENING.search(sentence, m.end(), attribution.start()):
                return True
    return False


def is_hook(sentence: str) -> bool:
    """Whether a story's opening sentence reads as a feature hook rather than a news lede.

    True when, after any "(CNN)"-style source prefix, it opens with a pronoun ("These
    incredible photos are ...", "You would be forgiven ...") or a subordinating word ("With
    summer around the corner, ...", "As attempts to break a world record go, ..."). A word in
    capitals is never a pronoun ("US officials said ...").
    """
    prefix = _SOURCE_PREFIX.match(sentence) if "(" in sentence else None
    m = _FIRST_WORD.match(sentence, prefix.end() if prefix else 0)
    if m is None:
        return False
    word = m.group(1)
    if not word[0].isupper() or (len(word) > 1 and word.isupper()):
        return False
    return word.lower().replace("’", "'") in _HOOK_OPENERS


def is_question(sentence: str) -> bool:
    """The sentence ends with a question mark (closing quotes and brackets aside)."""
    return _QUESTION_END.search(sentence) is not None


_DETERMINERS: frozenset[str] = _wordset("a an the his her their its my our your every each another")
# "'s" after one of these is "is" or "has" ("it's", "there's"); after a noun it is read as a
# possessive unless a verb's complement follows (see _CONTRACTED_AFTER).
_CONTRACTING: frozenset[str] = _wordset(
    """it he she that there here what who where how when why let everyone everybody
    nobody someone somebody something nothing everything one"""
)
# After a noun, "'s" is a verb when one of these follows ("the company's been sold", "the
# minister's expected to", "Smith's not the first"); before anything else ("the champ's gaudy
# mansion") it is a possessive.
_CONTRACTED_AFTER: frozenset[str] = _wordset(
    """a an the not been being got gotten going no now also still just never already always
    only about in on at out up back set due likely expected"""
)
# An "-ed" word after a comma that follows "determiner/possessive + word" is one of a list of
# adjectives ("the gaudy, abandoned mansion"), not a verb.
_ADJECTIVE_LIST = re.compile(
    r"\b(?:a|an|the|his|her|their|its|my|our|your|\w+['’]s)\s+[a-z]+,\s+([a-z]+ed)\b",
    re.IGNORECASE,
)


def has_verb(sentence: str) -> bool:
    """Whether the sentence appears to contain a finite verb or participle.

    A word list (auxiliaries, modals, the commonest irregular and news verbs), ``-ed`` and
    ``n't`` endings, and a word ending in "s" between a subject and an object ("it supplies
    about 90%"). Meant for short sentences, where a miss is rare and cheap.
    """
    raw = _WORD.findall(sentence)
    tokens = [t.lower().replace("’", "'") for t in raw]
    listed = (
        {m.group(1).lower() for m in _ADJECTIVE_LIST.finditer(sentence)} if "," in sentence else ()
    )
    for i, w in enumerate(tokens):
        if w in _VERBS or w.endswith("n't"):
            return True
        # "-ed" is a verb, unless straight after a determiner ("a famed spiritual leader") or
        # in a list of adjectives ("the gaudy, abandoned mansion").
        if (
            len(w) > 4
            and w.endswith("ed")
            and not (i and tokens[i - 1] in _DETERMINERS)
            and w not in listed
        ):
            return True
        apostrophe = w.find("'")
        if apostrophe > 0 and w[apostrophe:] in _VERBS:
            if w[apostrophe:] != "'s" or w[:apostrophe] in _CONTRACTING:
                return True
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            if after in _CONTRACTED_AFTER or after.endswith(("ing", "ed")):
                return True
        if (
            len(w) > 3
            and w.endswith("s")
            and not w.endswith(("ss", "us", "is", "ous"))
            # A capitalised word inside the sentence is a name ("Caleb Barnes, to a ..."),
            # not a verb.
            and not (i and raw[i][0].isupper())
        ):
            before = tokens[i - 1] if i else ""
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            if before in _SUBJECTS or after in _OBJECT_STARTS or after[:1].isdigit():
                return True
        if i and tokens[i - 1] in _VERB_CUES and w.isalpha() and w not in _OBJECT_STARTS:
            # "they smoke", "I recognise", "to relieve": the word after a pronoun or "to".
            return True
    return False


# Lower-case words a list of names or fixtures may hold ("Republic of Ireland v Cyprus").
_LIST_GLUE: frozenset[str] = _wordset("v vs and of the de van von da der le la")


def _is_name_list(sentence: str) -> bool:
    """A team sheet, a list of fixtures or of entrants: three or more items split by commas or
    semicolons, and no lower-case word but glue ("v", "and", "of")."""
    if sentence.count(",") + sentence.count(";") < 2:
        return False
    words = [w for w in _WORD.findall(sentence) if w[0].isalpha()]
    return all(w[0].isupper() or w in _LIST_GLUE for w in words)


def is_fragment(sentence: str, *, max_words: int = 10) -> bool:
    """A short sentence without a verb ("Delay over.", "Campbell 75.", "All the important
    people."), a list of names or fixtures without a verb, a verbless teaser opening with
    "A"/"An" of up to 25 words, or one with no lower-case letter at all (a headline or a score
    line)."""
    if sentence == sentence.upper():
        return True
    words = sentence.split()
    if len(words) <= max_words:
        return not has_verb(sentence)
    if _is_name_list(sentence):
        return not has_verb(sentence)
    # A longer line that opens with "A"/"An" and has no verb is a teaser or a list ("A
    # dramatic interview with a famed spiritual leader -- and the tearful reaction by one of
    # his former students."); beyond 25 words the word-list verb test misses too much.
    if len(words) > 25:
        return False
    # A source prefix glued to the first word ("(CNN)A trip to ...") hides the "A".
    prefix = _SOURCE_PREFIX.match(sentence) if "(" in words[0] else None
    first = sentence[prefix.end() :].split()[:1] if prefix else words[:1]
    return first in (["A"], ["An"]) and not has_verb(sentence)


def quote_states(sentences: Sequence[str]) -> list[tuple[bool, bool]]:
    """For each sentence: (it starts inside a quotation opened earlier, it opens with a
    quotation mark).

    Quotation marks are paired across sentences, so the middle sentences of a long quotation
    ("I knew him from his IMG days. It was away from England stuff.'") are found although
    they carry no mark of their own. Apostrophes inside words are not quotation marks; a
    closing mark with no quotation open is ignored.
    """
    states: list[tuple[bool, bool]] = []
    open_quote = False
    for sentence in sentences:
        stripped = sentence.lstrip()
        opens = len(stripped) > 1 and stripped[0] in _OPENING_QUOTES and stripped[1].isalnum()
        states.append((open_quote, opens))
        last = len(sentence) - 1
        for m in _QUOTE_MARK.finditer(sentence):
            # Plain character tests: regex lookbehinds cost ten times more here.
            i = m.start()
            mark = sentence[i]
            before = sentence[i - 1] if i else " "
            after = sentence[i + 1] if i < last else " "
            if (
                mark in _OPENING_QUOTES
                and (before.isspace() or before in _BEFORE_OPENING)
                and (after.isalnum() or after == "_")
            ):
                open_quote = True
            elif (
                mark in "\"”’'"
                and (before.isalnum() or before in _BEFORE_CLOSING)
                and (after.isspace() or after in _AFTER_CLOSING)
            ):
                open_quote = False
    return states


def judge(sentence: str, *, in_quote: bool = False, min_words: int = 6) -> Quality:
    """The :class:`Quality` of one sentence.

    ``in_quote``: the sentence belongs to a quotation (see :func:`quote_states`), which
    this function cannot see on its own. ``min_words``: sentences with fewer words are
    ``short`` (soft); the reader gets too little from them to spend a summary line on.
    """
    reasons: list[str] = []
    if is_junk(sentence):
        reasons.append("junk")
    if is_byline(sentence):
        reasons.append("byline")
    if is_caption(sentence):
        reasons.append("caption")
    if is_glued(sentence):
        reasons.append("glued")
    if is_fragment(sentence):
        reasons.append("fragment")
    if is_question(sentence):
        reasons.append("question")
    if in_quote:
        reasons.append("quote")
    if len(sentence.split()) < min_words:
        reasons.append("short")
    if sentence.rstrip(_CLOSERS)[-1:] not in (".", "!", "?", "…"):
        reasons.append("unterminated")
    return Quality(tuple(reasons))


def assess(sentences: Sequence[str], *, min_words: int = 6) -> list[Quality]:
    """A :class:`Quality` for every sentence of one document, in order (see :func:`judge`)."""
    return [
        judge(sentence, in_quote=inside or opens, min_words=min_words)
        for sentence, (inside, opens) in zip(sentences, quote_states(sentences), strict=True)
    ]
