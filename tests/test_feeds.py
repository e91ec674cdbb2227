"""RSS, Atom and OPML input: items become articles, blurbs are completed from their links.

The sample feeds in ``samples/feeds/`` link to reserved ``.example`` hosts; the tests serve
them from a local server with their links pointed at it (``http_fixtures``). Nothing touches
the internet.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from http_fixtures import LocalServer, article_page
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import feeds, fetch
from briefing.feeds import FeedReader, feed_kind, is_blurb, opml_feeds
from briefing.fetch import Fetcher, FetchOptions
from briefing.ingest import expand_inputs, ingest, parse_bytes, read_unit, sniff, unique_ids
from briefing.limits import Limits
from briefing.models import Article, Skipped

LOCAL = FetchOptions(allow_private=True, backoff=0.01, timeout=10, retries=0)
FEEDS = Path(__file__).resolve().parent.parent / "samples" / "feeds"
HARBOUR = "https://harbourtimes.example"
ALPINE = "https://alpinesciencereview.example"

TUGS_PAGE = article_page(
    "Shipyard wins order for six hydrogen-ready tugboats",
    [
        "ULSTEINVIK — The Vestfjord shipyard has won an order for six tugboats that can run on "
        "hydrogen, the largest contract in the yard's 70-year history, the company said on "
        "Friday.",
        "The tugs, ordered by the port of Rotterdam's towage company, will be delivered from "
        "2028 and are worth about 90 million euros in total.",
        "Each vessel will carry diesel engines alongside a hydrogen system, so that it can "
        "keep working while the port builds enough refuelling capacity.",
        '"This order keeps 400 people in work for three years," said the yard\'s managing '
        "director, Silje Brekke.",
    ],
)
MARMOT_PAGE = article_page(
    "Marmots wake earlier as springs warm",
    [
        "Alpine marmots are ending their hibernation about nine days earlier than they did in "
        "the 1990s, according to field notes kept at 30 colonies in the Swiss National Park.",
        "Rangers have recorded the first marmot seen above ground at each colony every spring "
        "since 1994, and the average date has moved from 14 April to 5 April.",
        "Biologists at the University of Bern said the change followed earlier snowmelt, "
        "which exposes the grass the animals feed on after waking.",
        "Waking early carries risks: a late cold spell can leave the animals short of food "
        "before the meadows turn green, the researchers warned.",
    ],
    site="Alpine Science Review",
)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as local:
        yield local


def serve_sample(server: LocalServer, name: str, path: str, content_type: str) -> str:
    """Serve a sample feed with its .example links pointed at the local server."""
    text = (FEEDS / name).read_text(encoding="utf-8")
    text = text.replace(HARBOUR, server.url("/harbour")).replace(ALPINE, server.url("/alpine"))
    return server.add(path, text, content_type=content_type)


def by_input(items: list[Article | Skipped]) -> dict[str, Article | Skipped]:
    return {item.input: item for item in items}


# --- recognising feeds ------------------------------------------------------------------------


def test_feed_kind_tells_feeds_lists_and_pages_apart() -> None:
    assert feed_kind((FEEDS / "harbour-times.rss").read_bytes()) == "feed"
    assert feed_kind((FEEDS / "alpine-science.atom").read_bytes()) == "feed"
    assert feed_kind((FEEDS / "newsroom.opml").read_bytes()) == "opml"
    rdf = b'<?xml version="1.0"?><rdf:RDF xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>'
    assert feed_kind(rdf) == "feed"
    utf16 = '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"/>'.encode("utf-16")
    assert feed_kind(utf16) == "feed"
    assert feed_kind(b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'/>") == "feed"
    assert feed_kind(b"<!doctype html><html><body><p>News</p></body></html>") is None
    assert feed_kind(b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>') is None
    assert feed_kind(b"Plain text about an RSS feed <rss>") is None
    assert sniff((FEEDS / "harbour-times.rss").read_bytes()) == "feed"


def test_blurb_rule() -> None:
    assert is_blurb("Strikes called off after talks through the night.")
    # Three long sentences are over 600 characters, but still only a summary.
    long_three = " ".join(
        f"Sentence {n} of the summary runs on about the shipyard, the tugboats, the buyer, "
        f"the price, the hydrogen system and the delivery dates, all in one breath." * 2 + "."
        for n in range(3)
    )
    assert len(long_three) > 600 and is_blurb(long_three)
    # Five short sentences: still under 600 characters.
    assert is_blurb(
        "The yard won an order. It is worth €90m. Work starts in May. It has six tugs. Done."
    )
    full = " ".join(f"Sentence number {n} of the article says something new." for n in range(12))
    assert len(full) > 600 and not is_blurb(full)


# --- feeds over HTTP --------------------------------------------------------------------------


def test_rss_blurbs_are_completed_from_their_pages(server: LocalServer) -> None:
    url = serve_sample(server, "harbour-times.rss", "/harbour/rss", "application/rss+xml")
    tugs = server.url("/harbour/business/2026/11/27/hydrogen-tugs")
    server.add("/harbour/business/2026/11/27/hydrogen-tugs", TUGS_PAGE)
    items = list(ingest([url], fetch=LOCAL))
    found = by_input(items)

    ferry = found[server.url("/harbour/business/2026/11/28/ferry-pay-deal")]
    assert isinstance(ferry, Article)
    assert ferry.title == "Ferry operator and dockworkers’ union sign three-year pay deal"
    assert ferry.source == "Harbour Times — Business"
    assert ferry.author == "Ingrid Solberg"
    assert ferry.published == "2026-11-28T07:40:00+00:00"
    assert ferry.language == "en-gb"
    assert "nineteen hours" in ferry.text and "trackRead" not in ferry.text
    # The item carried its full text: its page was never asked for.
    assert server.hits("/harbour/business/2026/11/28/ferry-pay-deal") == 0

    article = found[tugs]
    assert isinstance(article, Article)
    assert "Silje Brekke" in article.text  # from the page, not the one-line blurb
    assert article.title == "Shipyard wins order for six hydrogen-ready tugboats"
    assert article.source == "Harbour Times — Business"  # the feed's name, not the page's
    assert article.author == "Tomas Lind"
    assert article.url == tugs
    assert "All rights reserved" not in article.text and "window.analytics" not in article.text
    assert server.hits("/harbour/business/2026/11/27/hydrogen-tugs") == 1

    # Its page is gone (404), but the blurb has two sentences of substance: kept.
    rates = found[server.url("/harbour/business/2026/11/27/container-rates")]
    assert isinstance(rates, Article)
    assert rates.text.startswith("Spot rates for shipping a container")

    # The sponsored item (a javascript: link, "Click here") and the empty one are skipped.
    junk = [item for item in items if isinstance(item, Skipped)]
    assert [s.input for s in junk] == [f"{url}#item-4", f"{url}#item-5"]
    assert all("only a short summary in the feed" in s.reason for s in junk)


def test_atom_feed(server: LocalServer) -> None:
    url = serve_sample(server, "alpine-science.atom", "/alpine/feed", "application/atom+xml")
    server.add("/alpine/2026/11/marmots", MARMOT_PAGE)
    snow, marmots = ingest([url], fetch=LOCAL)
    assert isinstance(snow, Article) and isinstance(marmots, Article)
    assert snow.title == "Snow line rises 120 metres in a decade, survey finds"
    assert snow.published == "2026-11-27T08:00:00+00:00"  # +01:00 in the feed, UTC here
    assert snow.author == "Lena Hofer" and snow.source == "Alpine Science Review"
    assert "“Resorts that depend on the slopes" in snow.text  # entities decoded
    assert "video.example" not in snow.text  # the iframe is dropped
    assert "University of Bern" in marmots.text
    assert marmots.id == "marmots" and snow.id == "snow-line"


def test_blurb_whose_page_fails_is_skipped_with_the_reason(server: LocalServer) -> None:
    url = serve_sample(server, "harbour-times.rss", "/harbour/rss", "application/rss+xml")
    tugs = server.url("/harbour/business/2026/11/27/hydrogen-tugs")
    found = by_input(list(ingest([url], fetch=LOCAL)))
    skipped = found[tugs]
    assert isinstance(skipped, Skipped)
    assert skipped.reason == (
        "cannot fetch the full article: HTTP 404 Not Found; the feed has only a short summary of it"
    )


def test_feed_links_obey_the_address_rules(server: LocalServer) -> None:
    # A feed read from a file, whose blurb items link to loopback: refused without the flag.
    feed = (FEEDS / "harbour-times.rss").read_text(encoding="utf-8")
    feed = feed.replace(HARBOUR, server.url("/harbour"))
    found = parse_bytes(
        feed.encode(), "harbour.rss", "feed", reader=FeedReader(Fetcher(), Limits())
    )
    tugs = by_input(found)[server.url("/harbour/business/2026/11/27/hydrogen-tugs")]
    assert isinstance(tugs, Skipped) and "refused: 127.0.0.1 is a loopback address" in tugs.reason
    assert server.requests == []


def test_opml_over_http_reads_every_listed_feed(server: LocalServer) -> None:
    rss = serve_sample(server, "harbour-times.rss", "/harbour/rss", "application/rss+xml")
    atom = serve_sample(server, "alpine-science.atom", "/alpine/feed", "application/atom+xml")
    server.add("/harbour/business/2026/11/27/hydrogen-tugs", TUGS_PAGE)
    server.add("/alpine/2026/11/marmots", MARMOT_PAGE)
    nested = server.add(
        "/other.opml", '<opml version="2.0"><body/></opml>', content_type="text/x-opml"
    )
    opml = f"""<?xml version="1.0"?>
<opml version="2.0"><head><title>Desk</title></head><body>
  <outline text="Business"><outline type="rss" text="Harbour" xmlUrl="{rss}"/></outline>
  <outline text="Science"><outline text="Mountains">
    <outline type="rss" text="Alpine" xmlUrl="{atom}"/></outline></outline>
  <outline type="rss" text="Harbour again" xmlUrl="{rss}"/>
  <outline type="rss" text="Local secrets" xmlUrl="file:///etc/passwd"/>
  <outline type="rss" text="A list" xmlUrl="{nested}"/>
</body></opml>"""
    url = server.add("/desk.opml", opml, content_type="text/x-opml")
    items = list(ingest([url], fetch=LOCAL))
    articles = [i for i in items if isinstance(i, Article)]
    assert {a.source for a in articles} == {"Harbour Times — Business", "Alpine Science Review"}
    assert len(articles) == 5  # ferry, tugs, rates; snow line, marmots
    assert len({a.id for a in articles}) == 5
    assert server.hits("/harbour/rss") == 1  # listed twice, read once
    reasons = {s.input: s.reason for s in items if isinstance(s, Skipped)}
    assert "may only name http:// and https:// feeds" in reasons["file:///etc/passwd"]
    assert reasons[nested] == "an OPML list inside an OPML list is not followed"


def test_same_item_in_two_feeds_is_one_article(server: LocalServer) -> None:
    rss = serve_sample(server, "harbour-times.rss", "/harbour/rss", "application/rss+xml")
    copy = serve_sample(server, "harbour-times.rss", "/harbour/rss-copy", "application/xml")
    server.add("/harbour/business/2026/11/27/hydrogen-tugs", TUGS_PAGE)
    items = list(ingest([rss, copy], fetch=LOCAL))
    assert len([i for i in items if isinstance(i, Article)]) == 3
    assert server.hits("/harbour/business/2026/11/27/hydrogen-tugs") == 1


def test_url_that_is_not_a_feed_or_page(server: LocalServer) -> None:
    pdf = server.add("/report.pdf", b"%PDF-1.7 binary", content_type="application/pdf")
    sitemap = server.add(
        "/sitemap.xml",
        '<?xml version="1.0"?><urlset><url><loc>https://a.example/news</loc></url></urlset>',
        content_type="application/xml",
    )
    first, second = ingest([pdf, sitemap], fetch=LOCAL)
    assert first == Skipped(pdf, "not an article page (Content-Type: application/pdf)")
    assert second == Skipped(
        sitemap, "not an RSS or Atom feed, nor an article page (application/xml)"
    )


def test_items_per_feed_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feeds, "MAX_ITEMS", 3)
    item = (
        "<item><title>Story {n}</title><link>https://a.example/{n}</link><description>"
        + "The council met on Monday to discuss the budget for the harbour. " * 12
        + "</description></item>"
    )
    feed = "<rss version='2.0'><channel><title>Many</title>{}</channel></rss>".format(
        "".join(item.format(n=n) for n in range(10))
    )
    items = parse_bytes(feed.encode(), "many.rss", "feed")
    assert [i.input for i in items] == [
        "https://a.example/0",
        "https://a.example/1",
        "https://a.example/2",
        "many.rss",
    ]
    assert items[-1] == Skipped("many.rss", "7 items after the first 3")


# --- local files and stdin --------------------------------------------------------------------


@pytest.fixture
def no_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every host name fails to resolve, as on a machine without network."""

    def resolve(host: str, port: int) -> list[str]:
        raise OSError(-3, "Temporary failure in name resolution")

    monkeypatch.setattr(fetch, "_resolve", resolve)


@pytest.mark.usefixtures("no_dns")
def test_local_opml_with_relative_feed_files() -> None:
    items = list(ingest([str(FEEDS / "newsroom.opml")]))
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.id for a in articles] == ["ferry-pay-deal", "container-rates", "snow-line"]
    reasons = {s.input: s.reason for s in items if isinstance(s, Skipped)}
    assert reasons[f"{HARBOUR}/business/2026/11/27/hydrogen-tugs"].startswith(
        "cannot fetch the full article: cannot resolve host 'harbourtimes.example'"
    )
    assert f"{ALPINE}/2026/11/marmots" in reasons


@pytest.mark.usefixtures("no_dns")
def test_feed_from_stdin_and_xml_files(tmp_path: Path) -> None:
    atom = (FEEDS / "alpine-science.atom").read_bytes()
    items = list(ingest(["-"], stdin=io.BytesIO(atom), fetch=FetchOptions(retries=0)))
    assert any(isinstance(i, Article) and i.id == "snow-line" for i in items)
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text(
        '<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>'
    )
    [skipped] = ingest([str(sitemap)])
    assert isinstance(skipped, Skipped)
    assert skipped.reason == "not an RSS or Atom feed, nor an OPML list of feeds"


def test_folders_do_not_pick_up_feeds(tmp_path: Path) -> None:
    (tmp_path / "feed.rss").write_bytes((FEEDS / "harbour-times.rss").read_bytes())
    (tmp_path / "story.txt").write_text(
        "Council approves budget\n\nThe city council approved its budget on Monday after a "
        "long debate about bus fares.\n",
        encoding="utf-8",
    )
    items = list(ingest([str(tmp_path)]))
    assert [i.input for i in items] == [str(tmp_path / "story.txt")]


def test_broken_and_empty_feeds_are_skipped(tmp_path: Path) -> None:
    broken = tmp_path / "broken.rss"
    broken.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</ti', "utf-8")
    empty = tmp_path / "empty.atom"
    empty.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>Quiet</title></feed>')
    [b] = ingest([str(broken)])
    [e] = ingest([str(empty)])
    assert isinstance(b, Skipped) and b.reason.startswith("not a readable RSS or Atom feed")
    assert isinstance(e, Skipped) and e.reason == "the feed has no items"


def test_item_html_is_untrusted() -> None:
    body = (
        "<p>The harbour board approved the new ferry terminal on Thursday.</p>"
        '<p onclick="steal()">Work will start in March and take two years to finish.</p>'
        "<script>document.write('INJECTED')</script><style>p{display:none}</style>"
        "<iframe src='https://evil.example/'>FRAME</iframe>"
        "<p>The terminal will serve four routes. It replaces a quay built in 1961.</p>"
    ) * 3
    feed = f"""<rss version="2.0"><channel><title>Board &lt;b&gt;news&lt;/b&gt;</title><item>
<title>Terminal &lt;script&gt;alert(1)&lt;/script&gt; approved</title><link>https://a.example/t</link>
<description><![CDATA[{body}]]></description></item></channel></rss>"""
    [article] = parse_bytes(feed.encode(), "board.rss", "feed")
    assert isinstance(article, Article)
    for payload in ("INJECTED", "steal", "display:none", "FRAME", "evil.example", "<"):
        assert payload not in article.text
        assert payload not in (article.title or "")
    assert article.title == "Terminal approved"
    assert article.source == "Board news"


def test_entities_cannot_read_files_or_explode(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>T</title><item><title>Leak &xxe;</title>
<link>https://a.example/x</link><description>&xxe; The harbour board met. It agreed a plan.
It takes effect in May. It covers four routes and a new quay for the island ferry, which the
board says will cut waiting times at the harbour by half during the summer.</description>
</item></channel></rss>"""
    [item] = parse_bytes(xxe.encode(), "xxe.rss", "feed")
    assert isinstance(item, Article) and "It covers four routes" in item.text
    assert "TOP-SECRET-VALUE" not in item.text + (item.title or "")
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><opml><body>'
        '<outline xmlUrl="https://a.example/&b;"/></body></opml>'
    )
    with pytest.raises(ValueError, match="DOCTYPE"):
        opml_feeds(bomb.encode(), "bomb.opml")


@settings(max_examples=150, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=2000).map(
            lambda t: (
                f'<rss version="2.0"><channel><item><title>{t}</title>'
                f"<description>{t}</description></item></channel></rss>".encode()
            )
        ),
    ),
    kind=st.sampled_from(["feed", "opml"]),
)
def test_arbitrary_bytes_as_a_feed_never_crash(data: bytes, kind: str) -> None:
    limits = Limits(max_file_bytes=1 << 20, max_article_chars=20_000)
    for item in parse_bytes(data, f"x.{kind}", kind, limits=limits):
        assert isinstance(item, (Article, Skipped))
        if isinstance(item, Article):
            assert item.text.strip() and "\x00" not in item.text
        else:
            assert item.reason.strip() and "\n" not in item.reason


@pytest.mark.usefixtures("no_dns")
def test_reading_unit_by_unit_gives_what_ingest_gives(samples_dir: Path) -> None:
    # Another engine (Ray) reads the units in other processes: same articles, same ids.
    inputs = [str(samples_dir), str(FEEDS / "alpine-science.atom"), "-", str(samples_dir)]
    stdin = (FEEDS / "harbour-times.rss").read_bytes()
    whole = list(ingest(inputs, stdin=io.BytesIO(stdin)))
    units = expand_inputs(inputs, stdin=io.BytesIO(stdin))
    assert units[-1] == ("-", stdin)  # the folder named twice is read once
    parts = list(unique_ids(item for unit in units for item in read_unit(unit)))
    assert parts == whole
    assert len({a.id for a in whole if isinstance(a, Article)}) == sum(
        isinstance(a, Article) for a in whole
    )
