"""RSS and Atom feeds, OPML feed lists and article URLs, read into :class:`Article` records.

A feed item becomes an article with its title, link, publication time (ISO 8601, UTC), author
and the feed's title as its source. Its text is the item's full content (``content:encoded``,
Atom ``<content>``) or, failing that, its summary. Many feeds carry only a blurb: an item whose
text is shorter than :data:`BLURB_CHARS` characters or :data:`BLURB_SENTENCES` sentences has its
link fetched and the article extracted from the page, just as a saved ``.html`` file would be.
If that fails, the blurb is kept when it is substantial (:data:`MIN_BLURB_SENTENCES` sentences
and :data:`MIN_BLURB_CHARS` characters); otherwise the item is skipped with the reason.

Item HTML is untrusted and becomes plain text the way ingest turns any HTML into text (scripts,
styles and frames dropped). feedparser is only ever given bytes, never a URL, so it fetches
nothing itself; every fetch goes through :class:`briefing.fetch.Fetcher` and its safety rules.

An OPML file lists feeds (``<outline xmlUrl="...">``, nested to any depth). An OPML list that
was fetched may only name http(s) feeds; a local OPML file may also name local feed files,
relative to itself. A list inside a list is not followed.
"""

from __future__ import annotations

import calendar
import re
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from briefing.models import Article, Skipped

if TYPE_CHECKING:
    from briefing.fetch import Fetcher, Response
    from briefing.limits import Limits

__all__ = [
    "BLURB_CHARS",
    "BLURB_SENTENCES",
    "MAX_ITEMS",
    "MIN_BLURB_CHARS",
    "MIN_BLURB_SENTENCES",
    "FeedReader",
    "feed_kind",
    "is_blurb",
    "opml_feeds",
]

#: An item text shorter than this many characters, or ...
BLURB_CHARS = 600
#: ... with fewer sentences than this, is a blurb: the full article is fetched.
BLURB_SENTENCES = 4
#: A blurb whose article cannot be fetched is still used if it has this many sentences ...
MIN_BLURB_SENTENCES = 2
#: ... and this many characters; a shorter one is skipped.
MIN_BLURB_CHARS = 200
#: Items read from one feed; the rest are reported as skipped.
MAX_ITEMS = 500

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s|$)")
_FEED_ROOT = re.compile(
    rb"<(?:[\w-]+:)?(rss|feed|RDF|opml)\b[^>]*>",
    re.IGNORECASE,
)


def feed_kind(data: bytes) -> str | None:
    """``"feed"`` (RSS or Atom), ``"opml"`` or ``None``, from the start of the content."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"\x00" in head[:200]:  # UTF-16: compare without the NUL bytes
        head = head.replace(b"\x00", b"").lstrip(b"\xfe\xff \t\r\n")
    if not head.startswith(b"<"):
        return None
    # Skip the XML declaration, comments, processing instructions and a doctype.
    rest = re.sub(
        rb"^(\s*(<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(\[.*?\])?\s*>))*\s*",
        b"",
        head,
        flags=re.S | re.I,
    )
    match = _FEED_ROOT.match(rest)
    if not match:
        return None
    root = match.group(1).lower()
    if root == b"opml":
        return "opml"
    if root == b"rdf" and b"purl.org/rss" not in head and b"<channel" not in head.lower():
        return None  # RDF that is not RSS 1.0
    return "feed"


def _sentences(text: str) -> int:
    return len(_SENTENCE_END.findall(text)) or (1 if text.strip() else 0)


def is_blurb(text: str) -> bool:
    """Whether an item's text is only a blurb, so that the full article should be fetched."""
    return len(text) < BLURB_CHARS or _sentences(text) < BLURB_SENTENCES


def _substantial(text: str) -> bool:
    return len(text) >= MIN_BLURB_CHARS and _sentences(text) >= MIN_BLURB_SENTENCES


def _is_http(location: str) -> bool:
    return urlsplit(location).scheme.lower() in ("http", "https")


def _plain(value: str, content_type: str = "text/html") -> str:
    """Text from a feed field, which may be HTML (untrusted) or plain text."""
    from briefing.ingest import html_to_text

    if "html" in content_type or re.search(r"<[a-zA-Z/!]", value):
        value, _links = html_to_text(value)
    return value.strip()


def _iso(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    try:
        seconds = calendar.timegm(parsed)
    except (OverflowError, ValueError, TypeError):
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(seconds))


def _item_text(entry: Mapping[str, Any]) -> str:
    """The item's longest text: its full content, else its summary."""
    candidates: list[str] = []
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            candidates.append(_plain(value, content.get("type") or "text/html"))
    summary = entry.get("summary") or ""
    if summary.strip():
        detail = entry.get("summary_detail") or {}
        candidates.append(_plain(summary, detail.get("type") or "text/html"))
    return max(candidates, key=len, default="")


def opml_feeds(data: bytes, name: str) -> list[tuple[str, str | None]]:
    """The feeds an OPML document lists: ``(xmlUrl, title)`` pairs in document order, without
    repeats. Raises :class:`ValueError` when the document is not OPML."""
    # A doctype is where entity tricks (billion laughs, external entities) live; OPML has none.
    if re.search(rb"<!(DOCTYPE|ENTITY)", data[:65536], re.IGNORECASE):
        raise ValueError("OPML with a DOCTYPE or entity declarations is not read")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise ValueError(f"malformed OPML: {exc}") from None
    if root.tag.rsplit("}", 1)[-1].lower() != "opml":
        raise ValueError(f"not OPML (the document is <{root.tag}>)")
    feeds: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for outline in root.iter():
        if outline.tag.rsplit("}", 1)[-1].lower() != "outline":
            continue
        attributes = {k.lower(): v for k, v in outline.attrib.items()}
        location = (attributes.get("xmlurl") or "").strip()
        if not location or location in seen:
            continue
        seen.add(location)
        title = (attributes.get("title") or attributes.get("text") or "").strip() or None
        feeds.append((location, title))
    return feeds


class FeedReader:
    """Reads feeds, OPML lists and URLs for one ingest run.

    ``fetcher`` fetches URLs (None: nothing is fetched, and a blurb stays a blurb). Links seen
    once in the run are not read again, so an item carried by two listed feeds is one article.
    """

    def __init__(self, fetcher: Fetcher | None, limits: Limits) -> None:
        self.fetcher = fetcher
        self.limits = limits
        self.seen: set[str] = set()

    # --- URLs ---------------------------------------------------------------------------------

    def read_url(self, url: str, *, nested: bool = False) -> list[Article | Skipped]:
        """An article page, a feed or an OPML list, fetched from ``url`` and told apart by
        content (then by Content-Type). ``nested``: listed in an OPML list, so only a feed."""
        from briefing.fetch import FetchError

        if self.fetcher is None:
            return [Skipped(url, "not fetched: fetching is off")]
        try:
            response = self.fetcher.fetch(url)
        except FetchError as exc:
            return [Skipped(url, exc.reason)]
        kind = feed_kind(response.body)
        if kind == "feed":
            return self.parse_feed(response.body, url, response=response)
        if kind == "opml":
            if nested:
                return [Skipped(url, "an OPML list inside an OPML list is not followed")]
            return list(self.read_opml(response.body, url, base=None))
        if nested:
            return [Skipped(url, "not an RSS or Atom feed")]
        return self.parse_page(response)

    def parse_page(self, response: Response) -> list[Article | Skipped]:
        """An article from a fetched page (HTML, or text, Markdown or JSON by Content-Type)."""
        from briefing.ingest import parse_text, sniff

        url = response.url
        media = response.media_type
        if media.startswith(("image/", "audio/", "video/", "font/")) or media in (
            "application/pdf",
            "application/zip",
            "application/octet-stream",
        ):
            return [Skipped(url, f"not an article page (Content-Type: {media})")]
        if media.endswith(("/xml", "+xml")) and media != "application/xhtml+xml":
            # XML that is not a feed (a sitemap, an API answer) would read as gibberish.
            return [Skipped(url, f"not an RSS or Atom feed, nor an article page ({media})")]
        try:
            text = response.text()
        except ValueError as exc:
            return [Skipped(url, f"cannot decode: {exc}")]
        if media in ("text/html", "application/xhtml+xml"):
            kind = "html"
        elif media in ("application/json", "application/ld+json"):
            kind = "json"
        elif media in ("application/x-ndjson", "application/jsonl", "application/json-lines"):
            kind = "jsonl"
        elif media == "text/markdown":
            kind = "md"
        else:
            kind = sniff(text.encode("utf-8"))
        return parse_text(text, url, kind, limits=self.limits)

    # --- OPML ---------------------------------------------------------------------------------

    def read_opml(
        self, data: bytes, name: str, *, base: Path | None
    ) -> Iterator[Article | Skipped]:
        """The articles of every feed an OPML list names. ``base``: the folder of a local OPML
        file, whose relative entries are local feed files; None for a fetched list, which may
        name http(s) feeds only."""
        try:
            feeds = opml_feeds(data, name)
        except ValueError as exc:
            yield Skipped(name, str(exc))
            return
        if not feeds:
            yield Skipped(name, "the OPML list names no feeds (no <outline xmlUrl=...>)")
            return
        for location, _title in feeds:
            if _is_http(location):
                yield from self.read_url(location, nested=True)
            elif base is None:
                yield Skipped(
                    location,
                    f"refused: listed in {name}, which may only name http:// and https:// feeds",
                )
            elif re.match(r"^[a-z][a-z0-9+.-]*:", location, re.IGNORECASE):
                yield Skipped(
                    location,
                    f"refused: listed in {name}; name a local feed by its path, or use an "
                    "http:// or https:// URL",
                )
            else:
                yield from self.read_feed_file(base / location)

    def read_feed_file(self, path: Path) -> list[Article | Skipped]:
        """A local feed file named by a local OPML list."""
        from briefing.errors import InputError
        from briefing.ingest import read_file

        kind = feed_kind(_head(path)) if path.is_file() else None
        if kind != "feed":
            problem = "no such file" if not path.exists() else "not an RSS or Atom feed"
            return [Skipped(str(path), problem)]
        try:
            return read_file(path, limits=self.limits, reader=self, kind="feed")
        except InputError as exc:
            return [Skipped(exc.input_name, exc.problem)]

    # --- feeds --------------------------------------------------------------------------------

    def parse_feed(
        self, data: bytes, name: str, *, response: Response | None = None
    ) -> list[Article | Skipped]:
        """The items of an RSS or Atom feed as articles (blurbs completed from their links)."""
        import feedparser

        headers = {}
        if response is not None:
            # The server's charset, and the base that relative item links resolve against.
            headers = {
                "content-type": response.content_type,
                "content-location": response.final_url,
            }
        try:
            # Not feedparser's sanitiser: it drops an <iframe> but keeps the text inside it.
            # Item HTML goes through ingest's HTML-to-text instead, which drops such elements
            # whole, as it does for every page.
            parsed = feedparser.parse(
                data, response_headers=headers, sanitize_html=False, resolve_relative_uris=True
            )
        except Exception as exc:  # feedparser is forgiving; anything it raises is a bad feed
            return [Skipped(name, f"not a readable RSS or Atom feed: {type(exc).__name__}")]
        entries = parsed.get("entries") or []
        if not entries:
            if parsed.get("bozo"):
                problem = str(parsed.get("bozo_exception") or "malformed XML").split("\n")[0]
                return [Skipped(name, f"not a readable RSS or Atom feed: {problem}")]
            return [Skipped(name, "the feed has no items")]
        feed = parsed.get("feed") or {}
        source = _plain(feed.get("title") or "") or None
        language = feed.get("language") or None
        items: list[Article | Skipped] = []
        for number, entry in enumerate(entries[:MAX_ITEMS], start=1):
            items.extend(self._item(entry, name, number, source, language))
        if len(entries) > MAX_ITEMS:
            # Each blurb costs a fetch: a feed of thousands of items is a dump, not news.
            items.append(
                Skipped(name, f"{len(entries) - MAX_ITEMS} items after the first {MAX_ITEMS}")
            )
        return items

    def _item(
        self,
        entry: Mapping[str, Any],
        name: str,
        number: int,
        source: str | None,
        language: str | None,
    ) -> list[Article | Skipped]:
        from briefing.ingest import _article, _slug

        link = (entry.get("link") or "").strip()
        if link and not _is_http(link):
            link = ""  # a javascript: or relative link with no base is no address to keep
        label = link or f"{name}#item-{number}"
        if link:
            if link in self.seen:
                return []
            self.seen.add(link)
        detail = entry.get("title_detail") or {}
        title = _plain(entry.get("title") or "", detail.get("type") or "text/plain") or None
        author = _plain(entry.get("author") or "") or None
        published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        published = published or entry.get("published") or entry.get("updated") or None
        text = _item_text(entry)
        fallback_id = _slug(urlsplit(link).path.rstrip("/") or link) if link else ""
        if not fallback_id or fallback_id == "article":
            fallback_id = _slug(title or f"{name}-item-{number}")
        # Feeds have cleaner titles, dates and bylines than pages: the feed's win.
        fields: dict[str, str | None] = {
            "title": title,
            "url": link or None,
            "source": source,
            "author": author,
            "published": published,
            "language": language,
        }

        def make(body: str, page: Article | None = None) -> Article | Skipped:
            merged = dict(fields)
            if page is not None:
                for key, value in merged.items():
                    merged[key] = value or getattr(page, key)
            return _article(
                label,
                body,
                fallback_id=fallback_id,
                title=merged["title"],
                url=merged["url"],
                source=merged["source"],
                author=merged["author"],
                published=merged["published"],
                language=merged["language"],
                links=page.links if page is not None else (),
            )

        if not is_blurb(text):
            return [make(text)]
        if not link:
            if _substantial(text):
                return [make(text)]
            why = "no link to the full article" if text else "no text and no link"
            return [Skipped(label, f"only a short summary in the feed, and {why}")]
        page = self._full_article(link)
        if isinstance(page, Article) and len(page.text) > len(text):
            return [make(page.text, page)]
        if _substantial(text):
            return [make(text)]
        reason = page.reason if isinstance(page, Skipped) else "the page has no more text"
        return [Skipped(label, f"{reason}; the feed has only a short summary of it")]

    def _full_article(self, link: str) -> Article | Skipped:
        """The article behind a feed item's link, or why it could not be had."""
        from briefing.fetch import FetchError

        if self.fetcher is None:
            return Skipped(link, "the full article was not fetched (fetching is off)")
        try:
            response = self.fetcher.fetch(link)
        except FetchError as exc:
            return Skipped(link, f"cannot fetch the full article: {exc.reason}")
        found = self.parse_page(response)
        article = next((a for a in found if isinstance(a, Article)), None)
        if article is not None:
            return article
        reasons = [s.reason for s in found if isinstance(s, Skipped)]
        return Skipped(link, f"no article on the page: {reasons[0] if reasons else 'empty'}")


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(4096)
    except OSError:
        return b""
