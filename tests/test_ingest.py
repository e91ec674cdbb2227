"""Tests of the ingest stage: files, folders, stdin, formats and encodings."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from briefing import ingest as ingest_module
from briefing.errors import InputError
from briefing.ingest import decode, ingest, parse_bytes, read_file, sniff
from briefing.models import Article, Link, Skipped

SAMPLE_FILES = [
    "batch.jsonl",
    "chip-factory.html",
    "climate-deal.json",
    "glacier-study.md",
    "injection.txt",
    "port-merger.txt",
    "rail-safety-bill.txt",
    "summit-html-page.html",
]

BODY = (
    "The city council voted on Tuesday to close two libraries. "
    "The mayor said the decision was painful but necessary.\n\n"
    "Campaigners said they would challenge the closures in court."
)


def articles(items: list[Article | Skipped]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


# --- samples ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_every_sample_gives_articles_with_title_and_text(samples_dir: Path, name: str) -> None:
    items = read_file(samples_dir / name)
    assert items and all(isinstance(item, Article) for item in items), items
    for article in articles(items):
        assert article.title and len(article.title.split()) >= 4
        assert len(article.text.split()) >= 300, article.id
        assert article.input.startswith(str(samples_dir / name))


def test_samples_folder_is_read_completely_in_a_stable_order(samples_dir: Path) -> None:
    first = list(ingest([str(samples_dir)]))
    second = list(ingest([str(samples_dir)]))
    assert first == second
    assert not [item for item in first if isinstance(item, Skipped)]
    inputs = [item.input for item in first]
    assert inputs[:3] == [f"{samples_dir / 'batch.jsonl'}:{n}" for n in (1, 2, 3)]
    files = [Path(i.split(":")[0]).name for i in inputs]
    assert files == sorted(files)
    assert len(first) == 10
    ids = [item.id for item in articles(first)]
    assert len(set(ids)) == len(ids)


def test_summit_page_metadata_and_no_page_furniture(samples_dir: Path) -> None:
    [article] = articles(read_file(samples_dir / "summit-html-page.html"))
    assert article.title == "Canada and Japan sign energy pact at Ottawa summit"
    assert article.author == "Claire Dubois"
    assert article.source == "The Northern Ledger"
    assert article.published is not None and article.published.startswith("2025-03-14")
    assert article.url is not None and article.url.endswith(
        "canada-japan-energy-pact-ottawa-summit"
    )
    assert "signed a memorandum of understanding on Friday" in article.text
    assert "Tanabe is scheduled to travel to Vancouver" in article.text
    for furniture in (
        "Great article",
        "GreenVoter2025",
        "We use cookies",
        "Leave a Reply",
        "Sign up for our newsletter",
        "Budget vote set for next week",
    ):
        assert furniture not in article.text


def test_html_fallback_without_trafilatura_still_drops_comments(
    samples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "_trafilatura", lambda *args: None)
    [article] = articles(read_file(samples_dir / "summit-html-page.html"))
    assert article.title == "Canada and Japan sign energy pact at Ottawa summit"
    assert article.author == "Claire Dubois"
    assert article.source == "The Northern Ledger"
    assert article.published == "2025-03-14T18:42:00-04:00"
    assert "Japan rejected a Canadian proposal" in article.text
    for furniture in (
        "Great article",
        "Northern_Reader",
        "Your email address",
        "We use cookies",
        "Share on Facebook",
        "Back to top",
        "Bank of Canada holds rates",
    ):
        assert furniture not in article.text


def test_small_html_page_that_trafilatura_declines_falls_back(tmp_path: Path) -> None:
    page = tmp_path / "short.html"
    page.write_text(
        "<html><head><title>Ferry strike ends | Harbour Times</title></head><body>"
        "<nav><a href='/'>Home</a></nav><article><h1>Ferry strike ends</h1>"
        "<p>Ferry workers returned to work on Monday after a two-day strike.</p></article>"
        "<footer>Back to top</footer></body></html>",
        encoding="utf-8",
    )
    [article] = articles(read_file(page))
    assert article.title == "Ferry strike ends"
    assert "returned to work on Monday" in article.text
    assert "Home" not in article.text and "Back to top" not in article.text


def test_fallback_keeps_the_body_of_a_page_whose_body_class_mentions_comments(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ingest_module, "_trafilatura", lambda *args: None)
    page = (
        "<html><body class='single-post has-comments'><header><a href='/'>Harbour Times</a>"
        "</header><article><header><h1>Ferry strike ends</h1><p class='byline'>By Ann Lee</p>"
        "</header><p>Ferry workers returned to work on Monday.</p>"
        "<div class='share-tools'>Share on Facebook</div></article>"
        "<div id='comments'><p>Great news!</p></div></body></html>"
    )
    [article] = parse_bytes(page.encode(), "ferry.html", "html")
    assert isinstance(article, Article)
    assert article.title == "Ferry strike ends"
    assert article.text == "Ferry workers returned to work on Monday."


def test_markdown_title_front_matter_links_and_no_formatting(samples_dir: Path) -> None:
    [article] = articles(read_file(samples_dir / "glacier-study.md"))
    assert article.title == "Alpine glaciers lost a tenth of their ice in two years, study finds"
    assert article.author == "Priya Raman"
    assert article.source == "Alpine Science Review"
    assert article.published == "2025-02-06"
    assert article.url == "https://alpinesciencereview.example/2025/02/06/glaciers-lost-tenth"
    assert Link("Bernese Institute of Glaciology", "https://big.example/en") in article.links
    assert not article.text.startswith("Alpine glaciers lost")  # the heading became the title
    for markup in ("**", "](", "![", "rhone-glacier.jpg", "<p>", "# "):
        assert markup not in article.text
    assert "in the journal Cryosphere Letters." in article.text
    paragraphs = article.text.split("\n\n")
    assert "a winter with very little snow, which left the ice exposed early in the season;" in (
        paragraphs
    )


def test_text_file_headline_becomes_title(samples_dir: Path) -> None:
    [article] = articles(read_file(samples_dir / "port-merger.txt"))
    assert article.title is not None and article.title.startswith("Harbourline and Nordvast agree")
    assert article.text.startswith("ROTTERDAM (Meridian News) —")
    assert article.id == "port-merger"
    assert article.input == str(samples_dir / "port-merger.txt")


@pytest.mark.parametrize(
    ("content", "title"),
    [
        (
            "Libraries to close after council vote\n\n" + BODY,
            "Libraries to close after council vote",
        ),
        ("Libraries to close after council vote\n" + BODY, "Libraries to close after council vote"),
        (BODY, None),  # the first line is a sentence, not a headline
        (
            "WASHINGTON — The Senate voted on a rail bill\nthat would require two-person crews.\n",
            None,
        ),
        (
            "The city council voted on Tuesday to close two\nlibraries in the north of the city.",
            None,
        ),
    ],
)
def test_text_title_only_when_the_first_line_reads_as_a_headline(
    content: str, title: str | None
) -> None:
    [article] = parse_bytes(content.encode(), "story.txt", "txt")
    assert isinstance(article, Article)
    assert article.title == title
    if title is None:
        assert article.text == content.strip()


def test_jsonl_field_names_and_ids(samples_dir: Path) -> None:
    sport, council, tech = articles(read_file(samples_dir / "batch.jsonl"))
    assert (sport.id, sport.author, sport.published) == (
        "kestrel-cup-final",
        "Ben Hollis",
        "2025-05-17T19:30:00Z",
    )
    assert sport.text.startswith("Kestrel FC won the National Cup")
    assert council.id == "batch-2"  # no id: file name plus line number
    assert council.published == "2025-02-26"  # from "date"
    assert council.input == f"{samples_dir / 'batch.jsonl'}:2"
    assert council.text.startswith("Brackenford City Council approved")  # from "article"
    assert tech.id == "3071"  # a numeric id becomes a string
    assert tech.text.startswith("Lumen Robotics, a Berlin start-up")  # from "content"


def test_json_object_with_body_field(samples_dir: Path) -> None:
    [article] = articles(read_file(samples_dir / "climate-deal.json"))
    assert article.id == "pacific-climate-facility"
    assert article.published == "2025-08-21"
    assert article.source is None  # "" means unknown
    assert article.text.startswith("SUVA, Fiji (Meridian News) —")


def test_json_list_and_articles_wrapper(tmp_path: Path) -> None:
    records = [
        {"title": "Port reopens", "body": "The port reopened on Friday after repairs."},
        {"title": "No text here", "url": "https://example.org/x"},
        {
            "headline": "Rates held",
            "content": "<p>The central bank held rates.</p><p>Markets rose.</p>",
            "source": {"id": "x", "name": "Daily Courier"},
            "authors": ["Ann Lee", "Raj Patel"],
            "publishedAt": "2025-01-02",
        },
    ]
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps(records), encoding="utf-8")
    items = read_file(listed)
    assert [type(i).__name__ for i in items] == ["Article", "Skipped", "Article"]
    first, skipped, third = items
    assert isinstance(first, Article) and first.id == "list-1"
    assert isinstance(skipped, Skipped) and skipped.input == f"{listed}[1]"
    assert "no article text" in skipped.reason
    assert isinstance(third, Article)
    assert third.text == "The central bank held rates.\n\nMarkets rose."
    assert (third.title, third.source, third.author, third.published) == (
        "Rates held",
        "Daily Courier",
        "Ann Lee, Raj Patel",
        "2025-01-02",
    )

    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"articles": records[:1]}), encoding="utf-8")
    [only] = read_file(wrapped)
    assert isinstance(only, Article) and only.title == "Port reopens"


def test_malformed_jsonl_line_is_skipped_and_the_rest_come_through(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "a", "text": "Ministers met in Oslo on Monday to discuss fishing quotas."}\n'
        '{"id": "b", "text": "unterminated\n'
        '{"id": "c", "text": "Talks will resume in Bergen next month, officials said."}\n',
        encoding="utf-8",
    )
    items = list(ingest([str(path)]))
    assert [getattr(i, "id", None) for i in items] == ["a", None, "c"]
    skipped = items[1]
    assert isinstance(skipped, Skipped)
    assert skipped.input == f"{path}:2"
    assert skipped.reason.startswith("malformed JSON")


def test_malformed_json_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"title": "x", "text": ', encoding="utf-8")
    [skipped] = read_file(path)
    assert isinstance(skipped, Skipped) and "malformed JSON" in skipped.reason


# --- encodings --------------------------------------------------------------------------------

TEXT = "Café owners in Zürich – “a hard year” – raised prices by 5 €.\nThe end."


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with a BOM
        TEXT.encode("utf-16-le"),  # no BOM: found by the NUL bytes
        TEXT.encode("utf-16-be"),
        TEXT.encode("cp1252"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "cp1252", "crlf"],
)
def test_decode_encodings(encoded: bytes) -> None:
    assert decode(encoded) == TEXT


def test_encoded_files_ingest(tmp_path: Path) -> None:
    body = "Zürich café prices rose – “sharply” – in 2024.\n\nOwners blamed rents."
    for name, encoding in (
        ("bom.txt", "utf-8-sig"),
        ("wide.txt", "utf-16"),
        ("legacy.txt", "cp1252"),
    ):
        (tmp_path / name).write_bytes(("Café prices jump in Zürich\n\n" + body).encode(encoding))
    found = articles(list(ingest([str(tmp_path)])))
    assert len(found) == 3
    for article in found:
        assert article.title == "Café prices jump in Zürich"
        assert article.text == body


def test_decode_normalises_to_nfc_and_rejects_binary() -> None:
    assert decode("Cafe\u0301\r\nDone".encode()) == "Caf\u00e9\nDone"
    with pytest.raises(ValueError, match="not text"):
        decode(bytes(range(256)) * 4)


def test_binary_and_empty_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "blank.json").write_text("  \n\n", encoding="utf-8")
    items = list(ingest([str(tmp_path)]))
    assert all(isinstance(i, Skipped) for i in items)
    reasons = {Path(i.input).name: i.reason for i in items if isinstance(i, Skipped)}
    assert reasons["binary.txt"].startswith("cannot decode")
    assert reasons["empty.md"] == "empty file"
    assert reasons["blank.json"] == "empty file"


# --- folders, stdin, errors -------------------------------------------------------------------


def test_directory_walk_is_sorted_and_skips_hidden_and_unsupported(tmp_path: Path) -> None:
    for rel in ("b.txt", "a.txt", "sub/c.md", "sub/deeper/d.json", "A2.txt"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = f"Story {rel}\n\n{BODY}"
        if rel.endswith(".json"):
            text = json.dumps({"title": f"Story {rel}", "text": BODY})
        path.write_text(text, encoding="utf-8")
    for rel in (".hidden.txt", ".git/e.txt", "notes.pdf", "image.png"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(BODY, encoding="utf-8")
    items = list(ingest([str(tmp_path)]))
    names = [Path(i.input).relative_to(tmp_path).as_posix() for i in items]
    assert names == ["A2.txt", "a.txt", "b.txt", "sub/c.md", "sub/deeper/d.json"]


def test_stdin_formats_are_sniffed() -> None:
    text = "Libraries to close after council vote\n\n" + BODY
    [article] = ingest(["-"], stdin=io.BytesIO(text.encode()))
    assert isinstance(article, Article)
    assert (article.input, article.id, article.title) == (
        "-",
        "stdin",
        "Libraries to close after council vote",
    )

    jsonl = b'{"id": "x1", "text": "One."}\n{"id": "x2", "text": "Two."}\n'
    assert sniff(jsonl) == "jsonl"
    assert [getattr(a, "id", None) for a in ingest(["-"], stdin=io.BytesIO(jsonl))] == ["x1", "x2"]

    html = b"<!DOCTYPE html><html><body><h1>Ferry strike ends</h1><p>Crews returned.</p></body>"
    assert sniff(html) == "html"
    assert sniff(b"# Heading\n\nText.") == "md"
    assert sniff(b'{"title": "x",\n "text": "y"}') == "json"

    [skipped] = ingest(["-"], stdin=io.BytesIO(b""))
    assert skipped == Skipped("-", "empty input")


def test_missing_path_raises_before_anything_is_read(samples_dir: Path) -> None:
    missing = "no/such/article.txt"
    stream = ingest([str(samples_dir / "port-merger.txt"), missing])
    with pytest.raises(InputError) as info:
        next(stream)
    assert missing in str(info.value)
    assert "no such file" in str(info.value)
    assert info.value.exit_code == 1


def test_unsupported_named_file_and_url_raise(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match=r"report\.pdf: unsupported file type '\.pdf'"):
        list(ingest([str(pdf)]))
    # http(s) URLs are fetched (tests/test_fetch.py); other schemes are refused up front.
    with pytest.raises(InputError, match="'ftp:' URLs are not read"):
        list(ingest(["ftp://example.org/news/story.txt"]))


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    [skipped] = ingest([str(tmp_path)])
    assert isinstance(skipped, Skipped) and "no article files" in skipped.reason


def test_ids_are_unique_and_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"Story in {folder}\n\n{BODY}")
    first = tmp_path / "one" / "story.txt"
    items = articles(list(ingest([str(tmp_path), str(first)])))
    assert [a.id for a in items] == ["story", "story-2"]


def test_injection_sample_keeps_markup_as_text(samples_dir: Path) -> None:
    # Escaping is the renderers' job; ingest must neither execute nor silently drop it.
    [article] = articles(read_file(samples_dir / "injection.txt"))
    assert article.title is not None and "<script>alert(1)</script>" in article.title
    assert "<img src=x onerror=alert(1)>" in article.text


def test_parse_bytes_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        parse_bytes(b"text", "x", "pdf")
