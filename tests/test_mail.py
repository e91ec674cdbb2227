"""The e-mail format: a multipart/alternative message that mail clients show well and safely."""

from __future__ import annotations

import dataclasses
import email
import html
import re
from datetime import datetime, timezone
from email import policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures_briefing import sample_briefing

from briefing.cli import cli
from briefing.errors import TemplateError, UsageError
from briefing.mail import (
    build_message,
    clean_email_html,
    message_text,
    parse_addresses,
    preheader_text,
    render_email,
    unsubscribe_targets,
)
from briefing.models import Briefing, Source

ROOT = Path(__file__).resolve().parent.parent
XSS = "<script>alert(1)</script>"


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _tags(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def _parse(text: str) -> EmailMessage:
    message = email.message_from_string(text, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _parts(message: EmailMessage) -> tuple[str, str]:
    plain = message.get_body(("plain",))
    page = message.get_body(("html",))
    assert plain is not None and page is not None
    return str(plain.get_content()), str(page.get_content())


def _hostile() -> Briefing:
    sample = sample_briefing()
    port = sample.stories[0]
    port = dataclasses.replace(
        port,
        headline=f"Strike ends {XSS}",
        summary=(
            dataclasses.replace(port.summary[0], text=f"Deal {XSS} & more"),
            *port.summary[1:],
        ),
        sources=(
            dataclasses.replace(port.sources[0], url="javascript:alert(1)"),
            dataclasses.replace(port.sources[1], url="/relative/path"),
        ),
    )
    return dataclasses.replace(sample, title=f"Briefing {XSS}", stories=(port, *sample.stories[1:]))


@pytest.fixture(scope="module")
def sample_eml() -> str:
    message = build_message(
        sample_briefing(),
        sender="News desk <desk@example.com>",
        recipients=["Ann Reader <ann@example.org>", "bob@example.net"],
        list_unsubscribe=["https://example.com/unsubscribe?id=42", "mailto:unsub@example.com"],
    )
    return message_text(message)


# --------------------------------------------------------------------------- the message


def test_eml_parses_into_a_text_part_and_an_html_part(sample_eml: str) -> None:
    message = _parse(sample_eml)
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    for part in message.iter_parts():
        assert part.get_content_charset() == "utf-8"
    assert sample_eml.isascii(), "the .eml file is 7-bit, safe for any mail system"
    assert message.defects == []


def test_headers(sample_eml: str) -> None:
    message = _parse(sample_eml)
    assert message["Subject"] == "Morning briefing — Tuesday 14 May 2024"
    assert message["From"].addresses[0].addr_spec == "desk@example.com"
    assert [a.addr_spec for a in message["To"].addresses] == ["ann@example.org", "bob@example.net"]
    sent = parsedate_to_datetime(message["Date"])
    assert abs((datetime.now(timezone.utc) - sent).total_seconds()) < 300
    assert re.fullmatch(r"<[^<>@\s]+@example\.com>", message["Message-ID"])
    # A long header is folded onto the next line; the value is the same.
    assert message["List-Unsubscribe"].strip() == (
        "<https://example.com/unsubscribe?id=42>, <mailto:unsub@example.com>"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["MIME-Version"] == "1.0"


def test_each_message_gets_its_own_id() -> None:
    first = build_message(sample_briefing())
    second = build_message(sample_briefing())
    assert first["Message-ID"] != second["Message-ID"]
    assert first["From"] is None and first["To"] is None
    assert first["List-Unsubscribe"] is None


def test_text_part_is_readable_with_links_at_the_end(sample_eml: str) -> None:
    text, _ = _parts(_parse(sample_eml))
    lines = text.splitlines()
    assert lines[:3] == ["Morning briefing", "================", "Tuesday 14 May 2024"]
    assert "Rotterdam dockworkers end strike after two-year pay deal" in lines
    assert "<" not in text.replace("<https", "") and "&amp;" not in text
    assert "automation & job security" in " ".join(text.split())
    # Wrapped for reading: only a line holding a URL may run long.
    assert all(len(line) <= 78 for line in lines if "://" not in line)
    # Links are listed at the end, numbered, and each number is cited next to its source.
    links_at = lines.index("Links")
    urls = [line for line in lines[links_at + 2 :] if re.match(r"\[\d+\] ", line)]
    assert urls == [
        "[1] https://www.reuters.com/business/rotterdam-port-strike-ends-2024-05-14/",
        "[2] https://nltimes.nl/2024/05/14/port-rotterdam-relieved-dockworkers-strike-ends",
        "[3] https://www.yorkshireeveningpost.co.uk/news/politics/leeds-tram-vote",
    ]
    before = " ".join(" ".join(lines[:links_at]).split())
    assert "Councillors vote for Leeds tram to airport — Yorkshire Evening Post" in before
    assert re.search(r"Leeds, 13 May 2024|13 May 2024, by Abbey Maclure, Leeds \[3\]", before)
    assert "https://" not in before, "URLs are listed at the end, not in the running text"
    assert "Unsubscribe: https://example.com/unsubscribe?id=42" in lines


def test_html_part_is_inlined_self_contained_and_absolute(sample_eml: str) -> None:
    _, page = _parts(_parse(sample_eml))
    lowered = page.lower()
    assert "<style" not in lowered and "<script" not in lowered and "<link" not in lowered
    parsed = _tags(page)
    names = [tag for tag, _ in parsed.tags]
    assert "img" not in names and "iframe" not in names
    links = [attrs["href"] for tag, attrs in parsed.tags if "href" in attrs]
    assert links, "the sources are linked"
    for link in links:
        assert link and re.match(r"(https?://[^/\s]+|mailto:)", link), link
    assert all("src" not in attrs for _, attrs in parsed.tags)
    # CSS was inlined: the cells carry their colours and fonts.
    styled = [attrs for _, attrs in parsed.tags if attrs.get("style")]
    assert len(styled) > 20
    headline = next(attrs for tag, attrs in parsed.tags if tag == "h2")
    assert "font-size" in str(headline["style"]) and "color" in str(headline["style"])
    # A table layout, marked as presentation for screen readers.
    tables = [attrs for tag, attrs in parsed.tags if tag == "table"]
    assert tables and all(attrs.get("role") == "presentation" for attrs in tables)
    assert ("html", {"lang": "en"}) in parsed.tags
    # The article's "&" stays escaped in the HTML.
    assert "automation &amp; job security" in page


def test_html_part_has_a_hidden_preheader(sample_eml: str) -> None:
    _, page = _parts(_parse(sample_eml))
    parsed = _tags(page)
    body_at = next(i for i, (tag, _) in enumerate(parsed.tags) if tag == "body")
    tag, attrs = parsed.tags[body_at + 1]
    assert tag == "div"
    assert "display: none" in str(attrs["style"]) and "mso-hide: all" in str(attrs["style"])
    assert preheader_text(sample_briefing()) in page


def test_untrusted_text_is_escaped_and_bad_urls_are_not_links() -> None:
    message = build_message(_hostile())
    text, page = _parts(message)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "javascript:" not in " ".join(
        str(attrs.get("href")) for _, attrs in _tags(page).tags if "href" in attrs
    )
    assert "/relative/path" not in [attrs.get("href") for _, attrs in _tags(page).tags]
    # Plain text is not HTML: the words are shown as they are, and only web URLs are listed.
    assert f"Deal {XSS} & more" in " ".join(text.split())
    assert "javascript:" not in text
    assert message["Subject"] == f"Briefing {XSS} — Tuesday 14 May 2024"


def test_subject_cannot_inject_headers() -> None:
    sneaky = dataclasses.replace(sample_briefing(), title="Daily\r\nBcc: victim@example.com")
    message = build_message(sneaky)
    assert message["Bcc"] is None
    assert message["Subject"] == "Daily Bcc: victim@example.com — Tuesday 14 May 2024"
    headers = message_text(message).split("\n\n", 1)[0]
    assert "\nBcc:" not in headers
    text, _ = _parts(message)
    assert text.splitlines()[:2] == ["Daily Bcc: victim@example.com", "=" * 29]


def test_preheader_is_cut_at_a_word() -> None:
    sample = sample_briefing()
    assert preheader_text(sample) == (
        "Rotterdam dockworkers end strike after two-year pay deal · "
        "Leeds councillors back £1.2bn tram line to the airport"
    )
    short = preheader_text(sample, limit=70)
    assert len(short) <= 70 and short.endswith("…")
    assert short == "Rotterdam dockworkers end strike after two-year pay deal · Leeds…"


def test_a_briefing_without_stories_still_makes_a_message() -> None:
    text, page = _parts(build_message(Briefing("Quiet day", "2024-05-15", ())))
    assert text.startswith("Quiet day\n=========\nWednesday 15 May 2024\n")
    assert "Links" not in text
    assert "Quiet day" in page


# --------------------------------------------------------------------------- the HTML clean-up


def test_clean_email_html_removes_what_fetches_or_runs() -> None:
    dirty = (
        "<!doctype html><html><head><link rel=stylesheet href='https://cdn.example.com/x.css'>"
        "<style>p{color:red}</style><script>alert(1)</script><base href='https://evil.example/'>"
        "<meta http-equiv='refresh' content='0;url=https://evil.example/'></head>"
        "<body onload='steal()'><!--[if mso]><v:rect src='https://t.example/o.gif'/><![endif]-->"
        "<p style=\"color: #111; background: url('https://t.example/pixel.gif')\">Hi &amp; bye"
        "<img src='https://t.example/pixel.gif' alt='tracker'>"
        "<a href='https://example.com/a?b=1&amp;c=2' onclick='x()'>ok</a>"
        "<a href='javascript:alert(1)'>js</a><a href='/relative'>rel</a>"
        "<a href='mailto:desk@example.com'>mail</a>"
        "<iframe src='https://evil.example/'><p>inside</p></iframe>"
        "<svg><script>alert(2)</script><image href='https://t.example/i.png'/></svg>"
        "<form action='https://evil.example/'><input name=q><button>Go</button></form>"
        "</p></body></html>"
    )
    clean = clean_email_html(dirty)
    lowered = clean.lower()
    for gone in (
        "<style",
        "<script",
        "<link",
        "<base",
        "refresh",
        "<img",
        "<iframe",
        "<svg",
        "<form",
        "<input",
        "onload",
        "onclick",
        "url(",
        "t.example",
        "evil.example",
        "javascript:",
        "[if mso]",
        "inside",
    ):
        assert gone not in lowered, gone
    assert clean.startswith("<!doctype html>")
    assert '<p style="color: #111">Hi &amp; bye' in clean
    assert '<a href="https://example.com/a?b=1&amp;c=2">ok</a>' in clean
    assert "<a>js</a>" in clean and "<a>rel</a>" in clean
    assert '<a href="mailto:desk@example.com">mail</a>' in clean


# --------------------------------------------------------------------------- user templates


def test_user_template_cannot_smuggle_scripts_or_remote_images(tmp_path: Path) -> None:
    (tmp_path / "briefing.email.html").write_text(
        '{% extends "!default/briefing.email.html" %}\n'
        '{% block footer %}<p class="footer-text">Sent by the night desk'
        '<script>track()</script><img src="https://t.example/open.gif">'
        '<a href="/archive">archive</a></p>{% endblock %}\n',
        encoding="utf-8",
    )
    _, page = _parts(build_message(sample_briefing(), templates=tmp_path))
    assert "Sent by the night desk" in page
    assert "<script" not in page and "t.example" not in page
    assert "<a>archive</a>" in page
    # The overridden block still gets the default's inlined styles.
    assert re.search(r'<p class="footer-text" style="[^"]*color: #4d5561', page)


def test_broken_text_template_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "briefing.txt").write_text(
        "{{ briefing.title }}\n\n{% for story in briefing.stories %}\n{{ story.headline }\n",
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match=r"briefing\.txt:4: "):
        render_email(sample_briefing(), templates=tmp_path)


def test_undefined_variable_in_html_template_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "briefing.email.html").write_text(
        "<html>\n<body>\n<p>{{ briefing.editor.name }}</p>\n</body>\n</html>\n", encoding="utf-8"
    )
    with pytest.raises(TemplateError, match=r"briefing\.email\.html:3: .*editor"):
        render_email(sample_briefing(), templates=tmp_path)


# --------------------------------------------------------------------------- addresses


def test_addresses_are_checked() -> None:
    assert parse_addresses(["Ann <ann@example.org>", "bob@example.net"], "--to") == [
        "Ann <ann@example.org>",
        "bob@example.net",
    ]
    assert parse_addresses("a@example.org, b@example.org", "--to") == [
        "a@example.org",
        "b@example.org",
    ]
    for bad in ("ann", "ann@", "@example.org", "ann at example dot org"):
        with pytest.raises(UsageError, match=r"--to: .* is not an e-mail address"):
            parse_addresses([bad], "--to")
    with pytest.raises(UsageError, match="line break"):
        parse_addresses(["a@example.org\r\nBcc: x@example.org"], "--to")


def test_unsubscribe_targets_must_be_absolute() -> None:
    assert unsubscribe_targets(["https://example.com/u?id=1"]) == ["https://example.com/u?id=1"]
    for bad in ("javascript:alert(1)", "/unsubscribe", "example.com/u", "mailto:nobody"):
        with pytest.raises(UsageError, match="--list-unsubscribe"):
            unsubscribe_targets([bad])


def test_mailto_only_unsubscribe_has_no_one_click_header() -> None:
    message = build_message(sample_briefing(), list_unsubscribe=["mailto:unsub@example.com"])
    assert message["List-Unsubscribe"] == "<mailto:unsub@example.com>"
    assert message["List-Unsubscribe-Post"] is None


# --------------------------------------------------------------------------- the command line


def test_build_format_email_writes_an_eml(tmp_path: Path) -> None:
    out = tmp_path / "briefing.eml"
    result = CliRunner().invoke(
        cli,
        [
            "build",
            str(ROOT / "samples" / "port-merger.txt"),
            "--no-extract",
            "--date",
            "2026-11-28",
            "-o",
            str(out),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    message = _parse(out.read_text(encoding="utf-8"))
    text, page = _parts(message)
    assert "Saturday 28 November 2026" in message["Subject"]
    assert message["Message-ID"] and message["Date"]
    found = re.search(r"<h2[^>]*>([^<]+)</h2>", page)
    assert found is not None
    headline = html.unescape(found.group(1))
    assert "merger" in headline
    assert headline in " ".join(text.split())
    assert "<style" not in page.lower()


def test_build_email_source_with_odd_url_stays_valid(tmp_path: Path) -> None:
    sample = sample_briefing()
    tram = sample.stories[1]
    odd = dataclasses.replace(
        tram,
        sources=(
            Source("x", "Leeds (tram) \u201cvote\u201d", "https://example.com/a b", None, None),
        ),
    )
    text, page = _parts(build_message(dataclasses.replace(sample, stories=(odd,))))
    assert "https://example.com/a b" not in [a.get("href") for _, a in _tags(page).tags]
    assert "Leeds (tram) \u201cvote\u201d" in text
