"""The default summariser for news: a position prior, centrality and brevity, minus the junk.

News copy is written in inverted-pyramid order, so the lead is the baseline to beat, and
scraped pages are full of lines no summary may contain. :class:`NewsSummarizer` scores each
sentence as

    - position_weight   * log(1 + index)            earlier is better, with diminishing steps
    + centrality_weight * centrality / max          shares content with the rest of the story
    - length_weight     * log(words)                of two equally good lines, the shorter
    + title_weight      * cosine(title, sentence)   when a title is given
    - hook_penalty                                  the opening sentence only, when it is a hook

where centrality is the mean TF-IDF cosine with the other sentences (LexRank's degree).

Feature stories open with a hook instead of the news ("These incredible photos are about as
close to an adult version of Where's Wally as you can get."). When the story's opening sentence
(the first that is not junk, a byline, a caption or a fragment) starts with a pronoun or a
subordinate clause (:func:`summarizers.quality.is_hook`), it loses the place the position prior
gives it, so the sentences that state the news come first. A hard-news lede opens with its
subject ("A man ...", "Gary Locke ...") and keeps its place.

Only sentences that pass :func:`summarizers.quality.assess` may be picked: no bylines, captions,
page furniture, glued caption-plus-sentence lines, verbless fragments, questions, quotation
fragments or one-liners. Sentences are then picked by MMR (:func:`summarizers.mmr.mmr_select`),
which subtracts ``diversity`` times the similarity to what is already picked and never takes a
sentence whose cosine with a picked one reaches ``duplicate``, so one fact is not told twice.

The weights were tuned on the 250 CNN/DailyMail articles of the project's development data and
checked on BBC News and XSum; ``title_weight`` could not be tuned there (those sets carry no
titles) and is a moderate guess. ``hook_penalty`` was chosen by split-half checks on
CNN/DailyMail (tune on one half, test on the other). Everything is vectorised with numpy: one
similarity matrix per document, no loop over sentence pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from summarizers.base import ExtractiveSummarizer, Summary, SummarySentence
from summarizers.mmr import mmr_select
from summarizers.quality import Quality, assess, is_hook, judge, quote_states
from summarizers.text import content_terms

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["NewsSummarizer"]


class NewsSummarizer(ExtractiveSummarizer):
    """Lead-biased, centrality-aware extractive summaries with junk filtering and MMR.

    >>> text = ("The council approved the new harbour bridge on Monday after a two-year "
    ...         "review of its costs. Scroll down for video. Construction of the harbour bridge "
    ...         "will start in May and take three years. The mayor called the harbour bridge "
    ...         "the biggest project in the city's history.")
    >>> [s.index for s in NewsSummarizer(sentences=2)(text).sentences]
    [0, 2]

    :param position_weight: weight of the position prior ``-log(1 + index)``.
    :param centrality_weight: weight of centrality (scaled so the most central sentence is 1).
    :param length_weight: weight of the brevity prior ``-log(words)``.
    :param title_weight: weight of the cosine with the title, when one is given.
    :param hook_penalty: subtracted from the score of an opening sentence that reads as a
        feature hook rather than a news lede (0 turns the rule off).
    :param diversity: MMR's redundancy penalty (0 picks by score alone).
    :param duplicate: never pick a sentence whose cosine with a picked one is at least this.
    :param min_words: sentences with fewer words are not picked (see
        :func:`summarizers.quality.assess`).
    :param contained: never pick a sentence when at least this share of its content words
        is already in the picked sentences: a restatement of the lead with one detail added
        ("The spacecraft that lost contact ... will re-enter the Earth's atmosphere in about a
        week") tells the same fact twice even when its TF-IDF cosine stays under
        ``duplicate``. 1 turns the check off except for exact repeats.

    Sentences with soft problems only (a question, a quotation fragment, a one-liner, a line
    without closing punctuation) are used when the document has no clean sentence at all;
    junk, bylines, captions, glued lines and fragments never are, so a document made only of
    those gets an empty summary. Deterministic; ties go to the earlier sentence.
    """

    name = "news"

    def __init__(
        self,
        *,
        sentences: int | None = 3,
        words: int | None = None,
        ratio: float | None = None,
        language: str = "english",
        position_weight: float = 1.0,
        centrality_weight: float = 1.0,
        length_weight: float = 0.6,
        title_weight: float = 0.5,
        hook_penalty: float = 2.0,
        diversity: float = 0.5,
        duplicate: float = 0.6,
        min_words: int = 8,
        contained: float = 0.7,
    ) -> None:
        super().__init__(sentences=sentences, words=words, ratio=ratio, language=language)
        for label, value in (
            ("position_weight", position_weight),
            ("centrality_weight", centrality_weight),
            ("length_weight", length_weight),
            ("title_weight", title_weight),
            ("hook_penalty", hook_penalty),
            ("diversity", diversity),
        ):
            if value < 0:
                raise ValueError(f"{label} must be 0 or more, got {value}")
        if not 0.0 < duplicate <= 1.0:
            raise ValueError(f"duplicate must be in (0, 1], got {duplicate}")
        if not 0.0 < contained <= 1.0:
            raise ValueError(f"contained must be in (0, 1], got {contained}")
        if min_words < 1:
            raise ValueError(f"min_words must be at least 1, got {min_words}")
        self.position_weight = float(position_weight)
        self.centrality_weight = float(centrality_weight)
        self.length_weight = float(length_weight)
        self.title_weight = float(title_weight)
        self.hook_penalty = float(hook_penalty)
        self.diversity = float(diversity)
        self.duplicate = float(duplicate)
        self.min_words = int(min_words)
        self.contained = float(contained)

    def __repr__(self) -> str:
        base = super().__repr__()[:-1]
        return (
            f"{base}, position_weight={self.position_weight}, "
            f"centrality_weight={self.centrality_weight}, length_weight={self.length_weight}, "
            f"title_weight={self.title_weight}, hook_penalty={self.hook_penalty}, "
            f"diversity={self.diversity}, "
            f"duplicate={self.duplicate}, min_words={self.min_words}, "
            f"contained={self.contained})"
        )

    def relevance(
        self, sentences: Sequence[str], *, title: str | None = None
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Each sentence's score (before quality filtering and MMR) and the sentences'
        cosine similarity matrix."""
        import numpy as np

        from summarizers.text import similarity_matrix

        n = len(sentences)
        use_title = bool(title and title.strip()) and self.title_weight > 0
        matrix = similarity_matrix([*sentences, title] if use_title and title else sentences)
        similarity = matrix[:n, :n]
        # Centrality is the mean similarity to the *other* sentences: drop the diagonal.
        degree = (similarity.sum(axis=1) - np.diagonal(similarity)) / max(n - 1, 1)
        top = float(degree.max()) if n else 0.0
        centrality = degree / top if top > 0 else degree
        words = np.fromiter((len(s.split()) for s in sentences), dtype=np.float64, count=n)
        scores = (
            self.centrality_weight * centrality
            - self.position_weight * np.log1p(np.arange(n, dtype=np.float64))
            - self.length_weight * np.log(np.maximum(words, 1.0))
        )
        if use_title:
            scores += self.title_weight * matrix[n, :n]
        if self.hook_penalty > 0:
            opening = self._opening(sentences)
            if opening is not None and is_hook(sentences[opening]):
                scores[opening] -= self.hook_penalty
        return scores, similarity

    def _opening(self, sentences: Sequence[str]) -> int | None:
        """The index of the story's first sentence: the first that is not junk, a byline, a
        caption or a fragment (scraped copy often starts with those)."""
        for i, sentence in enumerate(sentences):
            if not judge(sentence, min_words=self.min_words).hard:
                return i
        return None

    def score(self, sentences: Sequence[str], *, title: str | None = None) -> Sequence[float]:
        """Each sentence's score before quality filtering and redundancy control."""
        if not sentences:
            return []
        scores, _ = self.relevance(sentences, title=title)
        return [float(x) for x in scores]

    def quality(self, sentences: Sequence[str]) -> list[Quality]:
        """The quality verdict on each sentence (see :func:`summarizers.quality.assess`)."""
        return assess(sentences, min_words=self.min_words)

    def __call__(self, document: str | Sequence[str], *, title: str | None = None) -> Summary:
        sentences = self.sentences_of(document)
        if not sentences:
            return Summary((), self.name)
        scores, similarity = self.relevance(sentences, title=title)
        quotes = quote_states(sentences)
        verdicts: dict[int, Quality] = {}

        def clean(i: int) -> bool:
            # Judged lazily: only the few sentences MMR offers are checked.
            verdict = judge(sentences[i], in_quote=any(quotes[i]), min_words=self.min_words)
            verdicts[i] = verdict
            return verdict.ok

        terms: dict[int, frozenset[str]] = {}

        def content(i: int) -> frozenset[str]:
            if i not in terms:
                terms[i] = frozenset(content_terms(sentences[i]))
            return terms[i]

        def repeats(i: int, picked: Sequence[int]) -> bool:
            mine = content(i)
            if not mine:
                return False
            seen: set[str] = set()
            for j in picked:
                seen |= content(j)
            return len(mine & seen) >= self.contained * len(mine)

        chosen = mmr_select(
            scores,
            similarity,
            sentences,
            self.budget,
            diversity=self.diversity,
            duplicate=self.duplicate,
            accept=clean,
            redundant=repeats,
        )
        if not chosen:
            # Nothing clean: settle for sentences whose problems are all soft.
            usable = [not v.hard for v in self.quality(sentences)]
            if any(usable):
                chosen = mmr_select(
                    scores,
                    similarity,
                    sentences,
                    self.budget,
                    diversity=self.diversity,
                    duplicate=self.duplicate,
                    allowed=usable,
                    redundant=repeats,
                )
        return Summary(
            tuple(SummarySentence(sentences[i], i, float(scores[i]), (i,)) for i in sorted(chosen)),
            self.name,
        )
