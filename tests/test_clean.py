"""Tests of the clean stage: junk removal, comment tails, datelines, bylines and rules files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.clean import CleanRules, clean, clean_title, default_rules, split_dateline
from briefing.errors import UsageError
from briefing.ingest import ingest
from briefing.models import Article


def article(
    text: str, *, title: str | None = None, source: str | None = None, place: str | None = None
) -> Article:
    return Article(id="t", text=text, input="test.txt", title=title, source=source, place=place)


def cleaned_samples(samples_dir: Path) -> list[Article]:
    return [clean(a) for a in ingest([str(samples_dir)]) if isinstance(a, Article)]


# --- the samples ------------------------------------------------------------------------------


def test_no_junk_line_survives_in_any_sample(samples_dir: Path, junk_lines: list[str]) -> None:
    cleaned = cleaned_samples(samples_dir)
    assert len(cleaned) == 10
    for item in cleaned:
        for junk in junk_lines:
            assert junk not in item.text, (item.id, junk)
            assert junk not in (item.title or ""), (item.id, junk)


def test_junk_lines_are_really_in_the_raw_samples(samples_dir: Path, junk_lines: list[str]) -> None:
    # Otherwise the test above would pass without cleaning anything.
    raw = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(samples_dir.iterdir()) if p.is_file()
    )
    assert [junk for junk in junk_lines if junk not in raw] == []


def test_samples_keep_their_content(samples_dir: Path) -> None:
    by_id = {a.id: a for a in cleaned_samples(samples_dir)}
    merger = by_id["port-merger"]
    repeated = "Unions in Sweden rejected the deal within hours."
    assert merger.text.count(repeated) == 1
    assert merger.text.startswith("Dutch terminal operator Harbourline and Swedish logistics")
    assert "They said no terminal would close as a result of the merger." in merger.text
    assert merger.text.endswith("subject to regulatory approval.")
    assert (merger.place, merger.source) == ("Rotterdam", "Meridian News")
    for paragraph in merger.text.split("\n\n"):
        assert len(paragraph.split()) >= 10

    summit = by_id["summit-html-page"]
    assert summit.source == "The Northern Ledger"  # not overwritten by anything in the text
    assert summit.text.count("\n\n") >= 9


def test_hard_wrapped_text_is_joined_into_paragraphs(samples_dir: Path) -> None:
    by_id = {a.id: a for a in cleaned_samples(samples_dir)}
    rail = by_id["rail-safety-bill"]
    assert rail.author == "Rachel Moreno"
    assert rail.place == "Washington"
    paragraphs = rail.text.split("\n\n")
    assert len(paragraphs) == 11
    assert paragraphs[0] == (
        "A Senate committee voted 19 to 8 on Wednesday to advance a rail safety bill that would "
        "require two-person crews on most freight trains, tighten inspections of wheel bearings "
        "and raise the maximum fines for railroads that break safety rules."
    )
    assert "\n" not in paragraphs[3]
    assert all(p[0].isupper() or p[0] in '"“' for p in paragraphs)


def test_cleaning_twice_changes_nothing(samples_dir: Path) -> None:
    for item in cleaned_samples(samples_dir):
        assert clean(item) == item


# --- junk lines and fragments -----------------------------------------------------------------


def test_junk_lines_fragments_and_inline_credits() -> None:
    text = "\n".join(
        [
            "The finance ministry announced a new budget on Monday. (Image credit: Ministry)",
            "Advertisement",
            "Photo: Anna Berg/Nordic Wire",
            "The plan cuts income tax for 2 million households.",
            "1/12",
            "Related:",
            "Read more: Five things to know about the budget",
            "Share this article",
            "The company bought an advertisement in the local paper to explain the change.",
            "Follow us on Twitter @nordicwire",
            "Critics said the cuts favoured the rich. Source link",
        ]
    )
    result = clean(article(text))
    assert result.text.split("\n\n") == [
        "The finance ministry announced a new budget on Monday.",
        "The plan cuts income tax for 2 million households.",
        "The company bought an advertisement in the local paper to explain the change.",
        "Critics said the cuts favoured the rich.",
    ]


def test_short_real_sentences_and_longer_subheadings_stay() -> None:
    text = (
        "He resigned.\n\nWater supplies at risk\n\nFarmers depend on the river in summer.\n\nGetty"
    )
    assert clean(article(text)).text == (
        "He resigned.\n\nWater supplies at risk\n\nFarmers depend on the river in summer."
    )


def test_lines_repeated_verbatim_keep_the_first_copy_and_title_is_not_repeated() -> None:
    title = "Rail strike called off after late deal"
    text = (
        f"{title}\n\nUnions called off the strike on Sunday night.\n\n"
        "Trains will run normally on Monday, the operator said.\n\n"
        "Unions called off the strike on Sunday night."
    )
    result = clean(article(text, title=title))
    assert result.text == (
        "Unions called off the strike on Sunday night.\n\n"
        "Trains will run normally on Monday, the operator said."
    )


def test_comment_section_is_cut() -> None:
    text = (
        "The bridge will close for repairs in May, the council said.\n\n"
        "Drivers will be sent along the ring road.\n\n"
        "12 Comments\n\nRoadUser77 says:\nAbout time they fixed it.\n\n"
        "Leave a Reply\nYour email address will not be published. Required fields are marked *\n"
        "Post Comment"
    )
    assert clean(article(text)).text == (
        "The bridge will close for repairs in May, the council said.\n\n"
        "Drivers will be sent along the ring road."
    )


def test_comment_word_without_a_comment_form_is_kept() -> None:
    text = (
        "The regulator opened a consultation on Monday.\n\nComments\n\n"
        "Members of the public have until June to send comments on the plan."
    )
    assert clean(article(text)).text == (
        "The regulator opened a consultation on Monday.\n\n"
        "Members of the public have until June to send comments on the plan."
    )


def test_quote_introduction_joins_its_quote() -> None:
    text = 'The minister told reporters:\n"We will not raise taxes this year."\nMarkets rose.'
    assert clean(article(text)).text == (
        'The minister told reporters: "We will not raise taxes this year."\n\nMarkets rose.'
    )


def test_whitespace_and_invisible_characters_are_normalised() -> None:
    text = "  The\u00a0vote   passed\u200b by 31 to 24.  \n\n\n\n\tIt takes effect in April.  "
    assert clean(article(text)).text == "The vote passed by 31 to 24.\n\nIt takes effect in April."


# --- datelines and bylines --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "place", "agency", "rest"),
    [
        ("GENEVA (Meridian News) — Talks resumed.", "Geneva", "Meridian News", "Talks resumed."),
        ("Hong Kong (CNN) — Protesters gathered.", "Hong Kong", "CNN", "Protesters gathered."),
        ("HONG KONG (Meridian News) — Shares fell.", "Hong Kong", "Meridian News", "Shares fell."),
        ("WASHINGTON — The Senate voted.", "Washington", None, "The Senate voted."),
        (
            "LONDON, Nov 27 (Reuters) - Britain's economy grew.",
            "London",
            "Reuters",
            "Britain's economy grew.",
        ),
        ("ST. LOUIS -- A storm hit the city.", "St. Louis", None, "A storm hit the city."),
        (
            "SUVA, Fiji (Meridian News) — Leaders met.",
            "Suva, Fiji",
            "Meridian News",
            "Leaders met.",
        ),
        ("(CNN) -- A man was arrested.", None, "CNN", "A man was arrested."),
        (
            "WINSTON-SALEM, N.C. — Workers walked out.",
            "Winston-Salem, N.C.",
            None,
            "Workers walked out.",
        ),
    ],
)
def test_split_dateline(line: str, place: str | None, agency: str | None, rest: str) -> None:
    assert split_dateline(line) == (place, agency, rest)


@pytest.mark.parametrize(
    "line",
    [
        "The minister - who spoke on Monday - said the plan would go ahead.",
        "Apple shares rose - again - on Tuesday.",
        "NATO and the EU — at odds for months — agreed on a plan.",
        "In 2019 — the last time they met — the leaders signed a pact.",
        "Ms Marsh (Liberal) said the deal was fair.",
        "BREAKING NEWS — The prime minister has resigned.",
        "UPDATE -- Officials revised the figures.",
    ],
)
def test_ordinary_sentences_are_not_datelines(line: str) -> None:
    assert split_dateline(line) == (None, None, line)


def test_dateline_moves_to_metadata_and_leaves_the_first_sentence() -> None:
    text = "GENEVA (Meridian News) — Iran and the IAEA agreed on Monday to resume inspections."
    result = clean(article(text))
    assert result.text == "Iran and the IAEA agreed on Monday to resume inspections."
    assert (result.place, result.source) == ("Geneva", "Meridian News")


def test_dateline_never_overwrites_known_metadata() -> None:
    text = "GENEVA (Meridian News) — Talks resumed on Monday after a pause."
    result = clean(article(text, source="Alpine Wire", place="Bern"))
    assert (result.place, result.source) == ("Bern", "Alpine Wire")
    assert result.text == "Talks resumed on Monday after a pause."


def test_dateline_on_its_own_line_and_byline_before_it() -> None:
    text = "By Jane Okafor and Tom Reyes\n\nBERLIN (Meridian News) —\nThe coalition collapsed."
    result = clean(article(text))
    assert result.text == "The coalition collapsed."
    assert (result.author, result.place) == ("Jane Okafor and Tom Reyes", "Berlin")


def test_dateline_alone_in_its_paragraph() -> None:
    text = "HONG KONG (Meridian News) —\n\nThe city's leader announced new housing targets."
    result = clean(article(text))
    assert result.text == "The city's leader announced new housing targets."
    assert (result.place, result.source) == ("Hong Kong", "Meridian News")


def test_sentence_starting_with_by_is_not_a_byline() -> None:
    text = (
        "By Monday, the ministry had agreed to the plan.\n\nBy the end of the year it will start."
    )
    assert clean(article(text)).text == text


@pytest.mark.parametrize(
    ("title", "source", "expected"),
    [
        (
            "Canada and Japan sign energy pact | The Northern Ledger",
            None,
            "Canada and Japan sign energy pact",
        ),
        (
            "Chipmaker to build plant - Tech Ledger Europe",
            "Tech Ledger Europe",
            "Chipmaker to build plant",
        ),
        ("Talks collapse - again", None, "Talks collapse - again"),
        ("  Rates   held ", None, "Rates held"),
    ],
)
def test_clean_title(title: str, source: str | None, expected: str) -> None:
    assert clean_title(title, source) == expected


# --- rules ------------------------------------------------------------------------------------


def test_default_rules_are_read_once() -> None:
    assert default_rules() is default_rules()
    assert CleanRules.load() is default_rules()
    assert default_rules().is_junk_line("  SHARE THIS ARTICLE  ")
    assert not default_rules().is_junk_line("The share price fell by 4 per cent.")


def test_user_rules_extend_the_defaults(tmp_path: Path) -> None:
    extra = tmp_path / "rules.toml"
    extra.write_text(
        "[lines]\n"
        'exact = ["This story is part of the Meridian Morning Briefing"]\n'
        "patterns = ['^listen to the meridian podcast']\n"
        "[inline]\n"
        "patterns = ['\\s*\\[EXCLUSIVE\\]']\n",
        encoding="utf-8",
    )
    rules = CleanRules.load(extra)
    text = (
        "This story is part of the Meridian Morning Briefing\n\nThe port strike ended on Friday. [EXCLUSIVE]\n\n"
        "Listen to the Meridian podcast on your app\n\nAdvertisement"
    )
    assert clean(article(text), rules).text == "The port strike ended on Friday."
    assert "part of the Meridian Morning Briefing" in clean(article(text)).text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[lines\nexact = 1", "not valid TOML"),
        ("[lines]\npatterns = ['(unclosed']", "bad regular expression"),
        ("[junk]\nexact = []", "unknown table [junk]"),
        ("[lines]\nexact = 'Advertisement'", "must be a list of strings"),
        ("[lines]\nexcat = []", "unknown key 'excat'"),
    ],
)
def test_bad_rules_file_is_a_usage_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=re.escape(message)) as info:
        CleanRules.load(path)
    assert str(path) in str(info.value)
    assert info.value.exit_code == 2


def test_missing_rules_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such rules file"):
        CleanRules.load(tmp_path / "absent.toml")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_clean_never_fails_and_returns_tidy_paragraphs(text: str) -> None:
    result = clean(article(text))
    assert result.text == result.text.strip()
    assert "\n\n\n" not in result.text
    for paragraph in result.text.split("\n\n") if result.text else []:
        assert paragraph.strip() == paragraph and paragraph
