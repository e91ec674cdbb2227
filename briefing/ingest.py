"""The ingest stage: read articles from files, folders and stdin into :class:`Article` records.

Supported inputs:

* ``.txt`` — plain text; a first line that reads as a headline becomes the title.
* ``.md`` — Markdown (with optional ``---`` front matter); the first heading is the title,
  links are kept in ``Article.links``, images are dropped.
* ``.html`` / ``.htm`` — a saved web page; the main text and metadata come from trafilatura,
  with a plain HTML-to-text fallback. Reader comments are never included.
* ``.json`` — an object, a list of objects or ``{"articles": [...]}``; ``.jsonl`` — one object
  per line. Text comes from ``text``, ``article``, ``content`` or ``body``.
* ``.rss``, ``.atom``, ``.xml`` — an RSS or Atom feed; ``.opml`` — a list of feeds. Each feed
  item is an article; an item with only a blurb has its full article fetched (see
  :mod:`briefing.feeds`). Feeds are read only when named: a folder's feeds are not.
* an ``http://`` or ``https://`` URL — an article page, a feed or an OPML list, told apart by
  content; fetched under the rules of :mod:`briefing.fetch` (public addresses only unless
  allowed, bounded size, time and redirects, an HTTP cache). A URL that cannot be fetched is
  skipped with the reason; other schemes (``file:``, ``ftp:``) are refused.
* a directory — every article file under it (not feeds), recursively, in sorted order (hidden
  files and other extensions are skipped silently);
* ``-`` — standard input, its format sniffed from the content.

Ingest does not clean: junk stays in ``Article.text`` for :mod:`briefing.clean` to remove.
A missing path or an explicitly named file of an unsupported type raises
:class:`~briefing.errors.InputError`; a file that can be read but holds no usable article
(empty, undecodable, a malformed JSONL line) becomes a :class:`Skipped` record and the run
goes on.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from briefing.errors import InputError
from briefing.limits import Limits
from briefing.models import Article, Link, Skipped

if TYPE_CHECKING:
    from briefing.feeds import FeedReader
    from briefing.fetch import FetchOptions

__all__ = [
    "EXTENSIONS",
    "FEED_KINDS",
    "KINDS",
    "decode",
    "expand_inputs",
    "html_to_text",
    "ingest",
    "parse_bytes",
    "parse_text",
    "read_file",
    "read_unit",
    "sniff",
    "unique_ids",
]

#: File extension → kind of input.
EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    # Feeds and feed lists: read when named, never picked up from a folder (they fetch).
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".opml": "opml",
}
#: The kinds of article content (what a folder holds and stdin may be).
KINDS: tuple[str, ...] = ("txt", "md", "html", "json", "jsonl")
#: The kinds that list articles elsewhere: RSS/Atom feeds and OPML feed lists.
FEED_KINDS: tuple[str, ...] = ("feed", "opml")

_SUPPORTED = ".txt, .md, .html, .json or .jsonl"
_SUPPORTED_NAMED = ".txt, .md, .html, .json, .jsonl, .rss, .atom, .xml or .opml"
_TEXT_FIELDS = ("text", "article", "content", "body")
_TITLE_FIELDS = ("title", "headline")
_URL_FIELDS = ("url", "link")
_SOURCE_FIELDS = ("source", "site", "sitename", "publisher")
_DATE_FIELDS = ("published", "date", "published_at", "publishedAt", "pubDate", "datetime")
_AUTHOR_FIELDS = ("author", "authors", "byline")
_LANGUAGE_FIELDS = ("language", "lang")


# --- decoding ---------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16/32 (BOM or NUL pattern),
    then cp1252, then Latin-1. Newlines are normalised to ``\\n`` and the text to NFC.

    Raises :class:`ValueError` when the bytes are not text (a binary file).
    """
    text = _decode_raw(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = unicodedata.normalize("NFC", text)
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\t\f\v")
    if "\x00" in text or controls > max(3, len(text) // 100):
        raise ValueError("not text (a binary file, or an encoding briefing cannot read)")
    return text


def _decode_raw(data: bytes) -> str:
    boms = (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    head = data[:4000]
    if b"\x00" in head:
        # UTF-16 without a BOM: ASCII characters leave a NUL in every other byte.
        even = head[0::2].count(0)
        odd = head[1::2].count(0)
        encoding = "utf-16-be" if even > odd else "utf-16-le"
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    # UTF-8, with any byte that is not UTF-8 read as cp1252: a file pasted together from
    # UTF-8 and Windows-1252 pieces keeps both ("café" and "naïve"), where decoding it all as
    # cp1252 would turn every UTF-8 piece into mojibake. A pure cp1252 file decodes as before.
    return data.decode("utf-8", errors=_CP1252_FALLBACK)


_CP1252_FALLBACK = "briefing-cp1252-fallback"


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    # The five bytes cp1252 leaves undefined are read as Latin-1 (C1 controls).
    text = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad)
    return text, error.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_bytes)


# --- HTML to text -----------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "ul",
        "caption",
    ]
)
_VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_ALWAYS_SKIP = frozenset(
    ["script", "style", "noscript", "template", "svg", "iframe", "object", "canvas"]
)
# On whole pages the fallback extractor also drops page furniture.
_PAGE_SKIP = frozenset(
    ["nav", "header", "footer", "aside", "form", "button", "select", "figure", "dialog"]
)
_PAGE_SKIP_ATTR = re.compile(
    r"(^|[\s_-])(comments?|respond|reply|cookie|consent|share|sharing|social|related|newsletter|"
    r"subscribe|signup|advert\w*|ads?|adslot|ad-slot|sponsor\w*|promo\w*|sidebar|breadcrumbs?|"
    r"byline|tags|footer|nav|menu|skip-link|popup|modal)($|[\s_-])",
    re.IGNORECASE,
)


class _TextExtractor(HTMLParser):
    """A forgiving HTML → text converter that keeps paragraphs, links and the first heading."""

    def __init__(self, *, page: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []
        self.links: list[Link] = []
        self.meta: dict[str, str] = {}
        self.title_tag = ""
        self.h1 = ""
        self.first_heading = ""
        self._heading: list[str] | None = None
        self._heading_tag = ""
        self._link: tuple[str, list[str]] | None = None
        self._in_title = False
        self.time = ""
        self.lang = ""

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content"):
                self.meta.setdefault(key, a["content"].strip())
            return
        if tag == "link" and "canonical" in a.get("rel", "").lower() and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
            return
        if tag == "html" and a.get("lang"):
            self.lang = a["lang"]
        if tag == "time" and not self.time and a.get("datetime"):
            self.time = a["datetime"]
        if tag == "title":
            self._in_title = True
        if tag in _VOID_TAGS:
            if tag in ("br", "hr") and not self.skipping:
                self.parts.append("\n" if tag == "br" else "\n\n")
            return
        skip = self.skipping or tag in _ALWAYS_SKIP or tag == "head"
        if self.page and not skip:
            if tag == "header":
                # An article's own <header> holds its <h1>: keep it (its byline goes by class).
                skip = not any(t == "article" for t, _ in self.stack)
            elif tag in _PAGE_SKIP:
                skip = True
            elif tag not in ("html", "body", "main", "article"):
                # Not on the page's main containers: <body class="has-comments"> is no comment.
                marker = f"{a.get('class', '')} {a.get('id', '')} {a.get('role', '')}"
                skip = bool(_PAGE_SKIP_ATTR.search(marker))
        self.stack.append((tag, skip))
        if skip:
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading is None:
            self._heading = []
            self._heading_tag = tag
        if tag == "a" and a.get("href") and not a["href"].lower().startswith("javascript:"):
            self._link = (a["href"], [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _VOID_TAGS:
            return
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                skipped = self.stack[depth][1]
                del self.stack[depth:]
                break
        else:
            return  # a stray end tag: ignore it, as browsers do
        if skipped:
            return
        if tag == "a" and self._link is not None:
            href, words = self._link
            text = " ".join("".join(words).split())
            if text and not any(link.url == href for link in self.links):
                self.links.append(Link(text=text, url=href))
            self._link = None
        if tag == self._heading_tag and self._heading is not None:
            heading = " ".join("".join(self._heading).split())
            if heading:
                if not self.first_heading:
                    self.first_heading = heading
                    # Mark the heading's place so that it can be taken out of the body.
                    self.parts.append("\x00HEADING\x00")
                if tag == "h1" and not self.h1:
                    self.h1 = heading
            self._heading = None
            self._heading_tag = ""
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_tag += data
        if self.skipping:
            return
        self.parts.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self._link is not None:
            self._link[1].append(data)

    def text(self) -> str:
        """The body text as blank-line separated paragraphs (the first heading marked)."""
        raw = "".join(self.parts)
        paragraphs = []
        for block in re.split(r"\n\s*\n", raw):
            lines = [" ".join(line.split()) for line in block.split("\n")]
            joined = "\n".join(line for line in lines if line)
            if joined:
                paragraphs.append(joined)
        return "\n\n".join(paragraphs)


def _extract(html: str, *, page: bool) -> _TextExtractor:
    parser = _TextExtractor(page=page)
    parser.feed(html)
    if parser.rawdata.startswith("<!--"):
        # A comment left open runs to the end of the page in a browser, so none of it shows;
        # HTMLParser would hand it over as text.
        parser.rawdata = ""
    parser.close()
    return parser


def html_to_text(html: str) -> tuple[str, list[Link]]:
    """Plain text (blank-line separated paragraphs) and links from an HTML fragment."""
    parser = _extract(html, page=False)
    return parser.text().replace("\x00HEADING\x00", "").strip(), parser.links


def _split_heading(text: str) -> tuple[str | None, str]:
    """Take the marked first heading out of the text when it opens the body.

    Only short lines (a section kicker, breadcrumbs) may come before it; those stay for the
    clean stage to judge.
    """
    marker = "\x00HEADING\x00"
    before, found, after = text.partition(marker)
    if not found:
        return None, text
    paragraphs = [p.strip() for p in before.split("\n\n") if p.strip()]
    if paragraphs and all(len(p.split()) <= 6 for p in paragraphs[:-1]):
        heading = paragraphs.pop()
        return heading, "\n\n".join([*paragraphs, after.strip()]).strip()
    return None, (before + after).strip()


# --- per-format parsers -----------------------------------------------------------------------


def _slug(name: str) -> str:
    stem = Path(name).name if name != "-" else "stdin"
    for ext in EXTENSIONS:
        if stem.lower().endswith(ext):
            stem = stem[: -len(ext)]
            break
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", stem).lower()).strip("-")
    return slug[:60].strip("-") or "article"


def _headline(line: str, following: str | None) -> bool:
    """Whether the first line of a text file reads as its headline."""
    from briefing.clean import default_rules, starts_with_dateline

    words = line.split()
    if not 2 <= len(words) <= 25 or len(line) > 200:
        return False
    if line.endswith((".", ",", ";", ":", "—", "-")) or starts_with_dateline(line):
        return False
    if following is None:
        return False
    if following and following[:1].islower():
        return False  # a hard-wrapped first line continuing into the next
    return not default_rules().is_junk_line(line)


def _parse_txt(text: str, name: str, limits: Limits) -> list[Article | Skipped]:
    lines = text.strip("\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines or not "".join(lines).strip():
        return [Skipped(name, "no article text")]
    first = lines[0].strip()
    rest = "\n".join(lines[1:]).strip("\n")
    following = lines[1].strip() if len(lines) > 1 and rest.strip() else None
    title: str | None = None
    body = "\n".join(lines).strip()
    if _headline(first, following):
        title, body = first, rest.strip()
    return [_article(name, body, title=title, fallback_id=_slug(name))]


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<head>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """``key: value`` lines between ``---`` fences at the top of a Markdown file (no YAML)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = {}
    for line in match.group("head").split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "#", "-")):
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[match.end() :]


_MD_MARKERS = re.compile(r"[ \t>*+-]*")


def _markdown_nesting(text: str) -> int:
    """Roughly how deep block quotes and lists nest: markers and indents before a line's text."""
    deepest = 0
    for line in text.split("\n"):
        lead = _MD_MARKERS.match(line)
        if lead and lead.end() > deepest:
            run = lead.group()
            markers = sum(c in ">*+-" for c in run)
            deepest = max(deepest, markers + run.count("\t") + run.count("  "))
    return deepest


def _parse_md(text: str, name: str, limits: Limits) -> list[Article | Skipped]:
    import markdown

    meta, body = _front_matter(text)
    # Python-Markdown recurses once per nesting level: a thousand nested quotes or lists
    # would exhaust the stack, so such a file is read as the plain text it really is.
    if _markdown_nesting(body) > limits.max_markdown_nesting:
        return _parse_txt(text, name, limits)
    try:
        html = markdown.markdown(body)
    except RecursionError:
        return _parse_txt(text, name, limits)
    parser = _extract(html, page=False)
    heading, plain = _split_heading(parser.text())
    if not plain.strip():
        return [Skipped(name, "no article text")]
    return [
        _article(
            name,
            plain,
            title=meta.get("title") or heading,
            url=_first(meta, _URL_FIELDS),
            source=_first(meta, _SOURCE_FIELDS),
            author=_first(meta, _AUTHOR_FIELDS),
            published=_first(meta, _DATE_FIELDS),
            language=_first(meta, _LANGUAGE_FIELDS),
            links=tuple(parser.links),
            fallback_id=meta.get("id") or _slug(name),
        )
    ]


def _first(meta: Mapping[str, str], keys: Sequence[str]) -> str | None:
    for key in keys:
        value = meta.get(key) or meta.get(key.lower())
        if value:
            return value
    return None


def _trafilatura(html: str, url: str | None = None) -> dict[str, Any] | None:
    """Main text and metadata from trafilatura, or ``None`` when it finds no article."""
    import logging

    import trafilatura

    # trafilatura logs "discarding data" warnings for pages it cannot use; ingest reports
    # those pages itself, so the warnings would only be noise on the user's terminal.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=True,
        )
    except Exception:  # a page that trafilatura chokes on falls back to our parser
        return None
    if result is None:
        return None
    # trafilatura 2.x returns a Document; 1.x returned a dict.
    data: dict[str, Any] = result if isinstance(result, dict) else result.as_dict()
    return data if (data.get("text") or "").strip() else None


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")
# Elements whose end tag may be left out (browsers close them implicitly), so an unclosed one
# does not make the page deeper.
_OPTIONAL_END = frozenset(["p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody"])


def _html_depth(html: str, limit: int) -> int:
    """How deep elements nest, counted from the tags (stops counting once past ``limit``)."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        tag = match.group(2).lower()
        if tag in _VOID_TAGS or tag in _OPTIONAL_END or match.group(3):
            continue
        if match.group(1):
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def _parse_html(text: str, name: str, limits: Limits) -> list[Article | Skipped]:
    depth = _html_depth(text, limits.max_html_depth)
    if depth > limits.max_html_depth:
        return [
            Skipped(
                name,
                f"HTML nested more than {limits.max_html_depth} elements deep, which no article "
                f"page is (limit max_html_depth, BRIEFING_MAX_HTML_DEPTH)",
            )
        ]
    page = _extract(text, page=True)
    meta = page.meta
    # Where the page came from a URL (a later input kind), the URL helps resolve metadata.
    page_url = name if re.match(r"https?://", name) else None
    extracted = _trafilatura(text, page_url) or {}
    body = (extracted.get("text") or "").strip()
    heading: str | None = None
    # On a page with little else trafilatura falls back to text a reader never sees (in
    # <noscript>, <template>, <svg>, or a <script> inside the <h1>): keep only what is shown.
    visible = "".join(_extract(text, page=False).text().split()) if extracted else ""
    shown = (visible, "".join(page.title_tag.split()), *("".join(v.split()) for v in meta.values()))
    if body:
        # trafilatura puts one paragraph per line.
        body = "\n\n".join(
            line.strip()
            for line in body.split("\n")
            if line.strip() and "".join(line.split()) in visible
        )
    if not body:
        heading, body = _split_heading(page.text())
    if not body:
        return [Skipped(name, "no article text found in the HTML")]
    found_title = extracted.get("title") or ""
    if not any("".join(found_title.split()) in where for where in shown):
        found_title = ""
    title = (
        found_title or meta.get("og:title") or page.h1 or heading or page.title_tag.strip() or None
    )
    return [
        _article(
            name,
            body,
            title=title,
            url=extracted.get("url") or meta.get("og:url") or meta.get("canonical") or page_url,
            source=extracted.get("sitename") or meta.get("og:site_name"),
            author=extracted.get("author") or meta.get("author") or meta.get("article:author"),
            published=(
                extracted.get("date")
                or meta.get("article:published_time")
                or meta.get("datepublished")
                or page.time
                or None
            ),
            language=extracted.get("language") or page.lang or None,
            links=tuple(page.links),
            fallback_id=_slug(name),
        )
    ]


def _field(record: Mapping[str, Any], keys: Sequence[str]) -> str | None:
    """The first non-empty value among ``keys``, as a string (lists and {name: ...} unpacked)."""
    for key in keys:
        value = record.get(key)
        if isinstance(value, Mapping):
            value = value.get("name") or value.get("title")
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if isinstance(v, (str, int, float)) and v)
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, (int, float)):
            value = str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


_HTML_BODY = re.compile(r"<(p|div|br|h[1-6]|li|span|a|em|strong|article)\b[^>]*>", re.IGNORECASE)


def _record_article(record: Any, name: str, label: str, fallback_id: str) -> Article | Skipped:
    if not isinstance(record, Mapping):
        return Skipped(label, f"expected a JSON object, got {_json_type(record)}")
    raw = record.get(next((k for k in _TEXT_FIELDS if _nonempty(record.get(k))), ""), None)
    if isinstance(raw, list):
        raw = "\n\n".join(str(p) for p in raw if isinstance(p, str))
    if not isinstance(raw, str) or not raw.strip():
        return Skipped(
            label, "no article text (expected a 'text', 'article', 'content' or 'body' field)"
        )
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    links: tuple[Link, ...] = ()
    if text.lstrip().startswith("<") and _HTML_BODY.search(text):
        text, found = html_to_text(text)
        links = tuple(found)
    return _article(
        label,
        unicodedata.normalize("NFC", text).strip(),
        title=_field(record, _TITLE_FIELDS),
        url=_field(record, _URL_FIELDS),
        source=_field(record, _SOURCE_FIELDS),
        author=_field(record, _AUTHOR_FIELDS),
        published=_field(record, _DATE_FIELDS),
        language=_field(record, _LANGUAGE_FIELDS),
        links=links,
        fallback_id=_field(record, ("id",)) or fallback_id,
    )


def _nonempty(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return isinstance(value, list) and any(isinstance(v, str) and v.strip() for v in value)


def _json_type(value: Any) -> str:
    return {
        list: "a list",
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "true/false",
        type(None): "null",
    }.get(type(value), type(value).__name__)


_TOO_DEEP = "JSON nested too deeply to read (thousands of levels); no article is"


def _parse_json(text: str, name: str, limits: Limits) -> list[Article | Skipped]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            # Several objects one per line: JSON Lines under a .json name.
            return _parse_jsonl(text, name, limits)
        return [Skipped(name, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")]
    except RecursionError:
        return [Skipped(name, _TOO_DEEP)]
    if isinstance(data, Mapping) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, Mapping):
        return [_record_article(data, name, name, _slug(name))]
    if not isinstance(data, list):
        return [
            Skipped(name, f"expected a JSON object or a list of objects, got {_json_type(data)}")
        ]
    if not data:
        return [Skipped(name, "no articles (an empty list)")]
    slug = _slug(name)
    return [
        _record_article(record, name, f"{name}[{i}]", f"{slug}-{i + 1}")
        for i, record in enumerate(data)
    ]


def _parse_jsonl(text: str, name: str, limits: Limits) -> list[Article | Skipped]:
    slug = _slug(name)
    items: list[Article | Skipped] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        label = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            items.append(Skipped(label, f"malformed JSON: {exc.msg} (column {exc.colno})"))
            continue
        except RecursionError:
            items.append(Skipped(label, _TOO_DEEP))
            continue
        items.append(_record_article(record, name, label, f"{slug}-{lineno}"))
    return items or [Skipped(name, "no articles")]


_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _article(
    label: str,
    text: str,
    *,
    fallback_id: str,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    author: str | None = None,
    published: str | None = None,
    language: str | None = None,
    links: tuple[Link, ...] = (),
) -> Article | Skipped:
    # Control characters (NUL, escape sequences) can come in through JSON strings and HTML
    # character references; they carry no text and confuse terminals and later stages.
    text = _CONTROL_CHARS.sub("", text).strip()
    if not text:
        return Skipped(label, "no article text")

    def tidy(value: str | None) -> str | None:
        value = " ".join(value.split()) if value else None
        return value or None

    if not tidy(language):
        from briefing.split import guess_language

        # Unlabelled text in another language must be split with that language's Punkt
        # parameters, or skipped by name when there are none, never split as English.
        language = guess_language(text)

    return Article(
        id=tidy(fallback_id) or "article",
        text=text,
        input=label,
        title=tidy(title),
        url=tidy(url),
        source=tidy(source),
        author=tidy(author),
        published=tidy(published),
        language=tidy(language),
        links=links,
    )


_PARSERS = {
    "txt": _parse_txt,
    "md": _parse_md,
    "html": _parse_html,
    "json": _parse_json,
    "jsonl": _parse_jsonl,
}


def parse_bytes(
    data: bytes,
    name: str,
    kind: str,
    *,
    limits: Limits | None = None,
    reader: FeedReader | None = None,
) -> list[Article | Skipped]:
    """Parse the bytes of one input (``kind``: txt, md, html, json, jsonl, feed or opml).

    ``name`` labels the articles (``Article.input``) and seeds their ids. Problems with the
    content come back as :class:`Skipped` records, never as exceptions. ``limits`` (default:
    :meth:`Limits.from_env`) bounds the input and article sizes and the nesting depth.

    ``feed`` is an RSS or Atom feed (or an OPML list: the content decides) and ``opml`` an OPML
    list; ``reader`` (a :class:`~briefing.feeds.FeedReader`) fetches what they link to. Without
    one nothing is fetched: a feed item with only a blurb keeps it, or is skipped.
    """
    if kind not in _PARSERS and kind not in FEED_KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS + FEED_KINDS)}")
    limits = limits or Limits.from_env()
    if len(data) > limits.max_file_bytes:
        return [_too_big(name, len(data), limits)]
    if not data.strip():
        return [Skipped(name, "empty file" if name != "-" else "empty input")]
    if kind in FEED_KINDS:
        return [_check_length(item, limits) for item in _parse_feed(data, name, limits, reader)]
    try:
        text = decode(data)
    except ValueError as exc:
        return [Skipped(name, f"cannot decode: {exc}")]
    return parse_text(text, name, kind, limits=limits)


def parse_text(
    text: str, name: str, kind: str, *, limits: Limits | None = None
) -> list[Article | Skipped]:
    """Like :func:`parse_bytes` for text already decoded (an article kind, not a feed)."""
    if kind not in _PARSERS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    limits = limits or Limits.from_env()
    if not text.strip():
        return [Skipped(name, "empty file" if name != "-" else "empty input")]
    return [_check_length(item, limits) for item in _PARSERS[kind](text, name, limits)]


def _parse_feed(
    data: bytes, name: str, limits: Limits, reader: FeedReader | None
) -> list[Article | Skipped]:
    from briefing.feeds import FeedReader, feed_kind

    reader = reader or FeedReader(None, limits)
    kind = feed_kind(data)
    if kind == "feed":
        return reader.parse_feed(data, name)
    if kind == "opml":
        local = Path(name).parent if name != "-" and not re.match(r"https?://", name) else None
        return list(reader.read_opml(data, name, base=local))
    return [Skipped(name, "not an RSS or Atom feed, nor an OPML list of feeds")]


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _too_big(name: str, size: int, limits: Limits) -> Skipped:
    # Standard input is read only up to the limit, so its full size is unknown.
    what = f"input is over {_megabytes(size - 1)}" if name == "-" else f"file is {_megabytes(size)}"
    return Skipped(
        name,
        f"{what}, over the {_megabytes(limits.max_file_bytes)} limit; split it, or raise "
        f"BRIEFING_MAX_FILE_BYTES",
    )


def _check_length(item: Article | Skipped, limits: Limits) -> Article | Skipped:
    if isinstance(item, Article) and len(item.text) > limits.max_article_chars:
        return Skipped(
            item.input,
            f"article is {len(item.text):,} characters, over the {limits.max_article_chars:,} "
            f"limit (no news article is that long); raise BRIEFING_MAX_ARTICLE_CHARS to read it",
        )
    return item


def _kind_of(path: Path) -> str | None:
    return EXTENSIONS.get(path.suffix.lower())


def read_file(
    path: Path,
    *,
    limits: Limits | None = None,
    reader: FeedReader | None = None,
    kind: str | None = None,
) -> list[Article | Skipped]:
    """Read one article, feed or OPML file. Raises :class:`InputError` if it cannot be read at
    all (unsupported type, permissions); content problems come back as :class:`Skipped`.

    A file over ``limits.max_file_bytes`` is skipped without being read. ``kind`` overrides
    the kind the extension says; ``reader`` fetches what a feed links to (see
    :func:`parse_bytes`)."""
    kind = kind or _kind_of(path)
    if kind is None:
        problem = f"unsupported file type {path.suffix!r}" if path.suffix else "no file extension"
        raise InputError(str(path), problem, f"use {_SUPPORTED_NAMED} files")
    limits = limits or Limits.from_env()
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.max_file_bytes:
                return [_too_big(str(path), size, limits)]
            # Read one byte past the limit too: a file can grow after the stat, and pipes and
            # special files report no size at all.
            data = handle.read(limits.max_file_bytes + 1)
            if len(data) > limits.max_file_bytes:
                handle.seek(0, os.SEEK_END)
                return [_too_big(str(path), max(handle.tell(), len(data)), limits)]
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(
            str(path), f"cannot read: {exc.strerror or exc}", "check the file's permissions"
        ) from None
    return parse_bytes(data, str(path), kind, limits=limits, reader=reader)


def sniff(data: bytes) -> str:
    """Guess the kind of input from its content (used for stdin): an article kind, or
    ``feed``/``opml`` for an RSS or Atom feed or an OPML list."""
    from briefing.feeds import feed_kind

    found = feed_kind(data)
    if found is not None:
        return found
    try:
        text = decode(data[:20000])
    except ValueError:
        return "txt"
    head = text.lstrip()
    if head.startswith(("{", "[")):
        objects = [line for line in head.split("\n") if line.strip()]
        starts = sum(line.lstrip().startswith("{") for line in objects[:20])
        if head.startswith("{") and starts >= 2 and objects[0].rstrip().endswith("}"):
            return "jsonl"
        return "json"
    if re.match(r"<(!doctype\s+html|html|head|body|article|main|div|p|section|!--)\b", head, re.I):
        return "html"
    if head.startswith("---\n") or re.match(r"#{1,6} \S", head):
        return "md"
    return "txt"


# --- the stage --------------------------------------------------------------------------------


def _walk(root: Path) -> list[Path]:
    """Supported, non-hidden files under ``root``, in a stable order."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for filename in filenames:
            path = Path(dirpath) / filename
            if not filename.startswith(".") and _kind_of(path) in KINDS:
                found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).parts)


class _Ids:
    """Makes article ids unique within a run (``x``, ``x-2``, ``x-3``...)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def unique(self, item: Article | Skipped) -> Article | Skipped:
        if isinstance(item, Skipped):
            return item
        candidate, n = item.id, 1
        while candidate in self.used:
            n += 1
            candidate = f"{item.id}-{n}"
        self.used.add(candidate)
        return item if candidate == item.id else _replace_id(item, candidate)


def _replace_id(article: Article, new_id: str) -> Article:
    import dataclasses

    return dataclasses.replace(article, id=new_id)


def _plan(inputs: Sequence[str]) -> list[tuple[str, Path | None]]:
    """Check every input before reading any, so that a typo fails fast.

    Standard input and URLs are planned with no path."""
    plan: list[tuple[str, Path | None]] = []
    for raw in inputs:
        if raw == "-":
            plan.append((raw, None))
            continue
        if re.match(r"^[a-z][a-z0-9+.-]*:", raw, re.IGNORECASE) and not Path(raw).exists():
            scheme = raw.split(":", 1)[0].lower()
            if scheme in ("http", "https"):
                plan.append((raw, None))
                continue
            if "://" in raw or scheme in ("file", "data", "javascript", "mailto"):
                # file: would read any local file a feed or a config names; the rest are no
                # web pages. A local path is passed as a path.
                raise InputError(
                    raw,
                    f"'{scheme}:' URLs are not read",
                    "pass an http:// or https:// URL, a file, a folder or '-'",
                )
        path = Path(raw).expanduser()
        if not path.exists():
            raise InputError(raw, "no such file or directory", "check the path")
        if path.is_file() and _kind_of(path) is None:
            problem = (
                f"unsupported file type {path.suffix!r}" if path.suffix else "no file extension"
            )
            raise InputError(raw, problem, f"use {_SUPPORTED_NAMED} files")
        plan.append((raw, path))
    return plan


class _Readers:
    """The feed reader (and its fetcher) of one run, made on first need and closed after."""

    def __init__(self, limits: Limits, fetch: FetchOptions | None) -> None:
        self.limits = limits
        self.options = fetch
        self.reader: FeedReader | None = None

    def get(self) -> FeedReader:
        if self.reader is None:
            from briefing.feeds import FeedReader
            from briefing.fetch import Fetcher, FetchOptions

            options = self.options if self.options is not None else FetchOptions.from_env()
            self.reader = FeedReader(Fetcher(options), self.limits)
        return self.reader

    def close(self) -> None:
        if self.reader is not None and self.reader.fetcher is not None:
            self.reader.fetcher.close()


def ingest(
    inputs: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    limits: Limits | None = None,
    fetch: FetchOptions | None = None,
) -> Iterator[Article | Skipped]:
    """Read articles from files, directories, feeds, URLs and ``-`` (standard input, or
    ``stdin``).

    Yields one :class:`Article` per article found and one :class:`Skipped` per input (or
    record, or URL) that holds none. Ids are unique within the run. Raises
    :class:`InputError` for an input that does not exist, a URL of a scheme other than http
    and https, or a named file of an unsupported type; all inputs are checked before the first
    article is read. ``limits`` (default: :meth:`Limits.from_env`) bounds what one file or
    article may cost; see :mod:`briefing.limits`. ``fetch`` (default:
    :meth:`FetchOptions.from_env <briefing.fetch.FetchOptions.from_env>`, no HTTP cache) says
    how URLs are fetched; see :mod:`briefing.fetch`.

    It is :func:`expand_inputs`, then :func:`read_unit` on each unit, then
    :func:`unique_ids`; an engine that reads units elsewhere gets the same articles.
    """
    limits = limits or Limits.from_env()
    units = expand_inputs(inputs, stdin=stdin, limits=limits)
    # One reader for the run: one HTTP cache, and a link two feeds share is read once.
    readers = _Readers(limits, fetch)
    ids = _Ids()
    try:
        for unit in units:
            # Unit by unit, so that a folder of thousands of articles is never all in memory.
            for item in _read_unit(unit, limits, readers):
                yield ids.unique(item)
    finally:
        readers.close()


def expand_inputs(
    inputs: Sequence[str], *, stdin: BinaryIO | None = None, limits: Limits | None = None
) -> list[tuple[str, bytes | None]]:
    """The inputs as units of reading work, for :func:`read_unit`: every file of a folder
    (in order, each file once however it was named), every named file and URL, and standard
    input, read here (up to one byte past the size limit) since only this process has it.

    Raises :class:`InputError` as :func:`ingest` does, before anything is read.
    """
    plan = _plan(inputs)
    limits = limits or Limits.from_env()
    units: list[tuple[str, bytes | None]] = []
    seen: set[Path] = set()
    read_stdin = False
    for raw, path in plan:
        if path is None and raw != "-":
            units.append((raw, None))
        elif path is None:
            if read_stdin:
                continue
            read_stdin = True
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(limits.max_file_bytes + 1)
            if isinstance(data, str):  # a text stream passed by mistake still works
                data = data.encode("utf-8")
            units.append(("-", data))
        elif path.is_dir():
            files = [f for f in _walk(path) if f.resolve() not in seen]
            if not files and not any(True for _ in _walk(path)):
                units.append((raw, None))  # read_unit reports the folder as empty
            for file in files:
                seen.add(file.resolve())
                units.append((str(file), None))
        elif path.resolve() not in seen:
            seen.add(path.resolve())
            units.append((raw, None))
    return units


def read_unit(
    unit: tuple[str, bytes | None],
    *,
    limits: Limits | None = None,
    fetch: FetchOptions | None = None,
) -> list[Article | Skipped]:
    """Read one unit of :func:`expand_inputs`: a file, a URL, or standard input's bytes.

    Never raises for a problem with the input: it comes back as :class:`Skipped`. Ids are not
    yet unique across units; pass everything read, in unit order, through
    :func:`unique_ids`.
    """
    limits = limits or Limits.from_env()
    readers = _Readers(limits, fetch)
    try:
        return _read_unit(unit, limits, readers)
    finally:
        readers.close()


def unique_ids(items: Iterable[Article | Skipped]) -> Iterator[Article | Skipped]:
    """The items with article ids made unique (``x``, ``x-2``...), first come first kept."""
    ids = _Ids()
    for item in items:
        yield ids.unique(item)


def _read_unit(
    unit: tuple[str, bytes | None], limits: Limits, readers: _Readers
) -> list[Article | Skipped]:
    name, data = unit
    if data is not None:
        if len(data) > limits.max_file_bytes:
            return [_too_big(name, len(data), limits)]
        kind = sniff(data)
        reader = readers.get() if kind in FEED_KINDS else None
        return parse_bytes(data, name, kind, limits=limits, reader=reader)
    path = Path(name).expanduser()
    if re.match(r"https?://", name, re.IGNORECASE) and not path.exists():
        return readers.get().read_url(name)
    if path.is_dir():
        return [Skipped(name, f"no article files ({_SUPPORTED}) in this folder")]
    try:
        reader = readers.get() if _kind_of(path) in FEED_KINDS else None
        return read_file(path, limits=limits, reader=reader)
    except InputError as exc:
        # Checked when planned, so this is a file that changed or cannot be read since.
        return [Skipped(exc.input_name, exc.problem)]
