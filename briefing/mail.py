"""The e-mail format: a briefing as a ready-to-send MIME message.

The message is ``multipart/alternative`` with two parts rendered from templates (looked up like
every other template, so a user's ``--templates`` folder can override either):

``briefing.txt``
    a real ``text/plain`` part: wrapped at 72 columns, links listed at the end;
``briefing.email.html``
    an HTML part built for mail clients: table layout, CSS inlined into ``style`` attributes
    (css-inline), then every ``<style>``, ``<script>``, external resource and relative or
    non-web link removed, so what reaches the reader is self-contained.

Headers: ``Subject``, ``Date``, ``Message-ID``, and ``From``/``To`` and ``List-Unsubscribe``
when given. :mod:`briefing.send` sends such messages; ``briefing build --format email`` writes
one as an ``.eml`` file.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid
from html.parser import HTMLParser
from pathlib import Path

from briefing.errors import BriefingError, UsageError
from briefing.models import Briefing
from briefing.render import (
    EMAIL_TEMPLATE_NAMES,
    briefing_to_dict,
    http_url,
    long_date,
    make_environment,
    render_template,
)

#: The longest preheader (the preview line inboxes show after the subject), in characters.
PREHEADER_LENGTH = 140


@dataclass(frozen=True)
class EmailParts:
    """What goes into the message: the subject, the preview line and the two bodies."""

    subject: str
    preheader: str
    text: str
    html: str


# --------------------------------------------------------------------------- rendering


def email_subject(briefing: Briefing) -> str:
    """The default subject: ``"Morning briefing — Tuesday 14 May 2024"``, on one line."""
    return _one_line(f"{briefing.title} — {long_date(briefing.date)}")


def preheader_text(briefing: Briefing, limit: int = PREHEADER_LENGTH) -> str:
    """The inbox preview line: the headlines, joined, cut at a word within ``limit`` characters."""
    text = _one_line(" · ".join(story.headline for story in briefing.stories))
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ·,;:")
    return cut + "…"


def render_email(
    briefing: Briefing,
    *,
    templates: Path | None = None,
    subject: str | None = None,
    unsubscribe: str | None = None,
) -> EmailParts:
    """Render both parts of the briefing e-mail.

    ``unsubscribe`` is a link for the footer (an http(s) or ``mailto:`` URL). Raises
    :class:`~briefing.errors.TemplateError` naming the template file and line when a template
    is broken.
    """
    env = make_environment(templates)
    env.filters["oneline"] = _one_line
    subject = _one_line(subject) if subject else email_subject(briefing)
    preheader = preheader_text(briefing)
    context = {
        "briefing": briefing,
        "data": briefing_to_dict(briefing),
        "generator": briefing.generator or _default_generator(),
        "subject": subject,
        "preheader": preheader,
        "unsubscribe": unsubscribe,
    }
    text, _ = render_template(env, EMAIL_TEMPLATE_NAMES["text"], **context)
    page, _ = render_template(env, EMAIL_TEMPLATE_NAMES["html"], **context)
    return EmailParts(
        subject=subject,
        preheader=preheader,
        text=_tidy_text(text),
        html=clean_email_html(inline_css(page)),
    )


def _default_generator() -> str:
    import briefing as package

    return f"briefing {package.__version__}"


def _tidy_text(text: str) -> str:
    # Optional sections leave blank lines behind; two in a row are enough to separate stories.
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{4,}", "\n\n\n", "\n".join(lines)).strip("\n") + "\n"


def inline_css(page: str) -> str:
    """Move the page's CSS into ``style`` attributes and drop the ``<style>`` blocks.

    Many mail clients ignore ``<style>``; inline styles are what they all show. Nothing is
    fetched: remote stylesheets are not loaded.
    """
    try:
        import css_inline
    except ImportError:  # pragma: no cover - a declared dependency
        raise BriefingError(
            "the email format needs the css-inline package; install it with "
            "'pip install css-inline'"
        ) from None
    inliner = css_inline.CSSInliner(
        keep_style_tags=False, keep_link_tags=False, load_remote_stylesheets=False
    )
    try:
        inlined: str = inliner.inline(page)
    except (ValueError, css_inline.InlineError) as exc:
        raise BriefingError(
            f"{EMAIL_TEMPLATE_NAMES['html']}: its CSS cannot be inlined ({_one_line(str(exc))}); "
            "fix the <style> block of the template"
        ) from None
    return inlined


# --------------------------------------------------------------------------- HTML clean-up

# Elements removed with everything inside them: code, embedded documents, forms of media that
# fetch something, and style sheets (after inlining, what is left cannot be applied anyway).
_DROP_WITH_CONTENT = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "audio",
        "video",
        "svg",
        "math",
        "canvas",
        "form",
    ]
)
# Elements removed on their own (their content, if any, stays).
_DROP_TAG = frozenset({"link", "base", "img", "picture", "source", "track", "input", "button"})
_VOID = frozenset(
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
        "source",
        "track",
        "wbr",
    ]
)
# Attributes that load something or run something; href is checked on its own.
_DROP_ATTRIBUTES = frozenset(
    [
        "src",
        "srcset",
        "background",
        "action",
        "formaction",
        "poster",
        "data",
        "codebase",
        "ping",
        "lowsrc",
        "dynsrc",
        "xmlns:xlink",
        "xlink:href",
    ]
)
_CSS_FETCHES = re.compile(r"url\s*\(|@import|expression\s*\(|image-set\s*\(", re.IGNORECASE)


def email_link(value: str) -> str | None:
    """``value`` when it is an absolute http(s) or ``mailto:`` URL, else ``None``."""
    url = value.strip()
    if url.lower().startswith("mailto:"):
        return url if re.fullmatch(r"mailto:[^\s\"'<>\\]+@[^\s\"'<>\\]+", url, re.I) else None
    return http_url(url)


class _EmailCleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.dropping: list[str] = []

    def handle_decl(self, decl: str) -> None:
        if not self.dropping and decl.lower().startswith("doctype"):
            self.out.append(f"<!{decl}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        if self.dropping:
            if tag == self.dropping[-1] and tag not in _VOID and not closed:
                self.dropping.append(tag)
            return
        if tag in _DROP_WITH_CONTENT:
            if not closed and tag not in _VOID:
                self.dropping.append(tag)
            return
        if tag in _DROP_TAG:
            return
        if tag == "meta" and any(
            name == "http-equiv" and (value or "").lower() == "refresh" for name, value in attrs
        ):
            return
        kept: list[str] = []
        for name, value in attrs:
            if name.startswith("on") or name in _DROP_ATTRIBUTES:
                continue
            if name == "href":
                link = email_link(value or "")
                if link is None:
                    continue
                value = link
            if name == "style" and value and _CSS_FETCHES.search(value):
                value = ";".join(part for part in value.split(";") if not _CSS_FETCHES.search(part))
            if value is None:
                kept.append(f" {name}")
            else:
                kept.append(f' {name}="{html.escape(value, quote=True)}"')
        self.out.append(f"<{tag}{''.join(kept)}{' /' if closed and tag in _VOID else ''}>")

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.pop()
            return
        if tag in _DROP_WITH_CONTENT or tag in _DROP_TAG or tag in _VOID:
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            # Text comes back escaped as the parser saw it, bar a stray "<" or ">".
            self.out.append(data.replace("<", "&lt;").replace(">", "&gt;"))

    def handle_entityref(self, name: str) -> None:
        if not self.dropping:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self.dropping:
            self.out.append(f"&#{name};")

    # Comments (Outlook's conditional comments among them) and processing instructions are
    # dropped: they are where markup hides from the other checks.
    def handle_comment(self, data: str) -> None:
        return

    def handle_pi(self, data: str) -> None:
        return

    def unknown_decl(self, data: str) -> None:
        return


def clean_email_html(page: str) -> str:
    """``page`` made safe and self-contained for a mail client.

    Removes scripts, ``<style>`` and ``<link>`` elements, embedded documents, images and media
    (which would be fetched from the network), comments, event-handler attributes, CSS that
    fetches (``url()``, ``@import``), and every ``href`` that is not an absolute http(s) or
    ``mailto:`` URL; the link text stays. Applied after :func:`inline_css`, and to templates a
    user wrote as much as to the defaults.
    """
    cleaner = _EmailCleaner()
    cleaner.feed(page)
    cleaner.close()
    return "".join(cleaner.out).strip() + "\n"


# --------------------------------------------------------------------------- the message


def parse_addresses(value: str | Iterable[str], what: str) -> list[str]:
    """Addresses from ``"Ann <ann@example.com>, bob@example.com"`` (or a list of such strings).

    Raises :class:`~briefing.errors.UsageError` naming ``what`` (``"--to"``, say) for an
    address that is not ``local@domain``.
    """
    values = [value] if isinstance(value, str) else list(value)
    if any("\n" in v or "\r" in v for v in values):
        raise UsageError(f"{what}: an address cannot contain a line break")
    found: list[str] = []
    for name, address in getaddresses(values):
        local, _, domain = address.rpartition("@")
        dotted = "." in domain or domain == "localhost"
        if not local or not domain or " " in address or not dotted:
            shown = address or name or ", ".join(values)
            raise UsageError(f"{what}: {shown!r} is not an e-mail address; use name@example.com")
        found.append(f"{name} <{address}>" if name else address)
    if not found:
        raise UsageError(f"{what}: no e-mail address given; use name@example.com")
    return found


def unsubscribe_targets(values: Sequence[str]) -> list[str]:
    """``List-Unsubscribe`` targets, checked: absolute http(s) or ``mailto:`` URLs only."""
    targets: list[str] = []
    for value in values:
        link = email_link(value)
        if link is None:
            raise UsageError(
                f"--list-unsubscribe {value!r}: not an absolute https:// or mailto: URL; "
                "give the full address, e.g. https://example.com/unsubscribe?id=42"
            )
        targets.append(link)
    return targets


def build_message(
    briefing: Briefing,
    *,
    templates: Path | None = None,
    sender: str | None = None,
    recipients: Sequence[str] = (),
    subject: str | None = None,
    list_unsubscribe: Sequence[str] = (),
    date: datetime | None = None,
    message_id: str | None = None,
) -> EmailMessage:
    """The briefing as a ``multipart/alternative`` message (plain text, then HTML).

    ``sender`` and ``recipients`` fill ``From`` and ``To`` (a message written to a file may
    leave them for ``briefing send``). ``list_unsubscribe`` holds https and/or mailto targets;
    an https one also gets ``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (RFC 8058).
    ``date`` defaults to now and ``message_id`` to a new unique id.
    """
    targets = unsubscribe_targets(list_unsubscribe)
    footer_link = next((t for t in targets if not t.lower().startswith("mailto:")), None)
    parts = render_email(
        briefing,
        templates=templates,
        subject=subject,
        unsubscribe=footer_link or (targets[0] if targets else None),
    )
    message = EmailMessage()
    message["Subject"] = parts.subject
    domain = "briefing.invalid"
    if sender:
        senders = parse_addresses(sender, "--from")
        if len(senders) != 1:
            raise UsageError("--from: give exactly one sender address")
        message["From"] = senders[0]
        domain = senders[0].rstrip(">").rpartition("@")[2]
    if recipients:
        message["To"] = ", ".join(parse_addresses(recipients, "--to"))
    moment = date or datetime.now(timezone.utc).astimezone()
    message["Date"] = format_datetime(moment)
    message["Message-ID"] = message_id or make_msgid(idstring="briefing", domain=domain)
    if targets:
        message["List-Unsubscribe"] = ", ".join(f"<{t}>" for t in targets)
        if footer_link and footer_link.lower().startswith("https://"):
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    # Quoted-printable keeps the file 7-bit and still readable in an editor.
    message.set_content(parts.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(parts.html, subtype="html", charset="utf-8", cte="quoted-printable")
    return message


def message_text(message: EmailMessage) -> str:
    """The message as the text of an ``.eml`` file (7-bit, ``\\n`` line ends)."""
    return message.as_string()


def _one_line(text: str) -> str:
    return " ".join(text.split())
