"""The render stage: a :class:`~briefing.models.Briefing` in, Markdown, HTML or JSON out.

Every format is a Jinja template. Templates are looked up in order in the user's
``--templates`` directory, then in the packaged defaults; the name prefix ``!default/`` always
means the packaged default, so a user's ``briefing.html`` can extend the default and override a
single block::

    {% extends "!default/briefing.html" %}
    {% block footer %}<footer>Compiled for the night desk</footer>{% endblock %}

Template names: ``briefing.md`` (markdown), ``briefing.html`` (html), ``briefing.json`` (json).
Every template gets these variables:

``briefing``
    the :class:`~briefing.models.Briefing` record itself;
``data``
    :func:`briefing_to_dict` of it (the documented JSON structure);
``generator``
    the generator string, e.g. ``"briefing 0.1.0"``.

and these filters and functions (on top of Jinja's own):

``md``          escape untrusted text for Markdown (one line, no markup, ``& < >`` as entities)
``md_url``      a URL made safe for a Markdown link destination
``http_url``    the URL when it is an http(s) URL, else ``None`` (only those become links)
``cite``        a :class:`~briefing.models.Citation` as a 1-based label, ``"1:5"``
``json``        pretty JSON (indent 2, non-ASCII kept, keys in insertion order)
``longdate``    ``"2024-05-14"`` → ``"Tuesday 14 May 2024"`` (other strings unchanged)
``shortdate``   ``"2024-05-14T08:30:00Z"`` → ``"14 May 2024"`` (other strings unchanged)
``cited_text(story, citation)`` the source sentence a citation points at, or ``""``

HTML templates (``.html``, ``.htm``, ``.xml``, ``.eml``) are autoescaped; Markdown and JSON
templates are not, which is why the Markdown template passes every piece of article text
through ``md``. Undefined variables are errors, never silently empty.

Adding a format is one template plus one entry in :data:`TEMPLATE_NAMES`.
"""

from __future__ import annotations

import functools
import json
import re
import traceback
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import briefing as _package
from briefing.errors import TemplateError, UsageError
from briefing.models import Agreement, Briefing, Citation, Figure, Place, Source, Story, SummaryLine

if TYPE_CHECKING:
    from jinja2 import Environment

#: Output format → template name. The order is the order shown to users.
TEMPLATE_NAMES: dict[str, str] = {
    "markdown": "briefing.md",
    "html": "briefing.html",
    "json": "briefing.json",
}

#: The formats :func:`render` accepts.
FORMATS: tuple[str, ...] = tuple(TEMPLATE_NAMES)

#: The e-mail format's two parts → template name. :mod:`briefing.mail` renders them with
#: :func:`make_environment` (same lookup, filters and autoescape) and puts the message together,
#: so they are not document formats of :func:`render`.
EMAIL_TEMPLATE_NAMES: dict[str, str] = {
    "html": "briefing.email.html",
    "text": "briefing.txt",
}

#: The version of the JSON structure (``"version"`` in the output). Bump it on any change that
#: removes or renames a field; adding a field keeps it.
JSON_VERSION = "1"

#: The JSON Schema (draft 2020-12) of :func:`briefing_to_dict`'s output, shipped in the package.
SCHEMA_PATH = Path(__file__).parent / "schema" / "briefing.schema.json"

#: The prefix that always names a packaged default template.
DEFAULT_PREFIX = "!default"

_AUTOESCAPE_EXTENSIONS = ("html", "htm", "xml", "eml")

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# --------------------------------------------------------------------------- the JSON structure


def briefing_to_dict(briefing: Briefing) -> dict[str, Any]:
    """The briefing as plain JSON-ready data, in a stable, documented structure.

    The structure is described by ``briefing/schema/briefing.schema.json`` (see
    :data:`SCHEMA_PATH`). Citations are ``{"source": i, "sentence": j}``: ``i`` is the 0-based
    index into the story's ``sources`` and ``j`` the 0-based sentence index in that source.
    Keys come out in a fixed order, so the JSON output is stable from run to run.
    """
    return {
        "version": JSON_VERSION,
        "title": briefing.title,
        "date": _iso_date(briefing.date),
        "generator": _generator(briefing),
        "summarizer": briefing.summarizer,
        "stories": [_story_to_dict(story) for story in briefing.stories],
        "skipped": [{"input": s.input, "reason": s.reason} for s in briefing.skipped],
        "sections": [
            {"name": name, "stories": indices} for name, indices in section_runs(briefing)
        ],
        "omitted": briefing.omitted,
        "unchanged": briefing.unchanged,
        "older": briefing.older,
        "previous": briefing.previous,
    }


def section_runs(briefing: Briefing) -> list[tuple[str, list[int]]]:
    """The briefing's sections in order, each with the indices of its stories.

    Consecutive stories of the same section make one run; stories without a section (sections
    off) make no run at all, so the list is empty for an unsectioned briefing.
    """
    runs: list[tuple[str, list[int]]] = []
    for index, story in enumerate(briefing.stories):
        if not story.section:
            continue
        if runs and runs[-1][0] == story.section and runs[-1][1][-1] == index - 1:
            runs[-1][1].append(index)
        else:
            runs.append((story.section, [index]))
    return runs


def _citation(citation: Citation) -> dict[str, int]:
    return {"source": citation.source, "sentence": citation.sentence}


def _source_to_dict(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "url": source.url,
        "source": source.source,
        "published": source.published,
        "author": source.author,
        "place": source.place,
    }


def _summary_line_to_dict(line: SummaryLine) -> dict[str, Any]:
    item: dict[str, Any] = {
        "text": line.text,
        "citations": [_citation(c) for c in line.citations],
    }
    # Only grouped stories have lines that several sources back; leaving out the default
    # keeps single-article JSON exactly as it was.
    if line.support > 1:
        item["support"] = line.support
    if line.new:
        item["new"] = True
    return item


def _every_source(citations: tuple[Citation, ...]) -> dict[str, Any]:
    # Like "support": only an agreement or quote several sources give has "citations", so
    # single-article JSON stays as it was.
    return {"citations": [_citation(c) for c in citations]} if citations else {}


def _marked(item: dict[str, Any], new: bool) -> dict[str, Any]:
    # Like "support": only a --previous run marks items, so the default is left out.
    if new:
        item["new"] = True
    return item


def _story_to_dict(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "headline": story.headline,
        "summary": [_summary_line_to_dict(line) for line in story.summary],
        "actors": [
            {
                "name": actor.name,
                "kind": actor.kind,
                "role": actor.role,
                "mentions": actor.mentions,
                "aliases": list(actor.aliases),
                "citations": [_citation(c) for c in actor.citations],
            }
            for actor in story.actors
        ],
        "agreements": [
            _marked(
                {
                    "text": agreement.text,
                    "parties": list(agreement.parties),
                    "acting": agreement.acting,
                    "action": agreement.action,
                    "object": agreement.object,
                    "status": agreement.status,
                    "date": agreement.date,
                    "citation": _citation(agreement.citation),
                }
                | _every_source(agreement.citations),
                agreement.new,
            )
            for agreement in story.agreements
        ],
        "context": [
            {"text": item.text, "citations": [_citation(c) for c in item.citations]}
            for item in story.context
        ],
        "quotes": [
            _marked(
                {
                    "text": quote.text,
                    "speaker": quote.speaker,
                    "citation": _citation(quote.citation),
                }
                | _every_source(quote.citations),
                quote.new,
            )
            for quote in story.quotes
        ],
        "figures": [_figure_to_dict(figure) for figure in story.figures],
        "places": [_place_to_dict(place) for place in story.places],
        "sources": [_source_to_dict(source) for source in story.sources],
        "section": story.section,
        "score": story.score,
        "status": story.status,
    } | _dropped(story)


def _dropped(story: Story) -> dict[str, Any]:
    # Only when the guard removed something: extractive stories (and their golden files)
    # stay as they were.
    if not story.dropped:
        return {}
    return {"dropped": [{"text": d.text, "reason": d.reason} for d in story.dropped]}


def _figure_to_dict(figure: Figure) -> dict[str, Any]:
    return {
        "text": figure.text,
        "kind": figure.kind,
        "value": figure.value,
        "unit": figure.unit,
        "measures": figure.measures,
        "date": figure.date,
        "citation": _citation(figure.citation),
    }


def _place_to_dict(place: Place) -> dict[str, Any]:
    return {
        "name": place.name,
        "kind": place.kind,
        "mentions": place.mentions,
        "citation": _citation(place.citation),
    }


def _generator(briefing: Briefing) -> str:
    return briefing.generator or f"briefing {_package.__version__}"


def _parse_date(value: str) -> date | None:
    # Only the date part matters, and date.fromisoformat on 3.10 rejects times and "Z".
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _iso_date(value: str) -> str:
    parsed = _parse_date(value)
    return parsed.isoformat() if parsed else value


def load_schema() -> dict[str, Any]:
    """The shipped JSON Schema of the JSON output, as a dict."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


# --------------------------------------------------------------------------- filters

# Characters that reorder the text after them (bidi embeddings, overrides and isolates) or
# that HTML does not allow (C0 controls but tab and newline, DEL): in article text they are an
# attacker's way to show a reader something other than what is there ("exe.gnp" as "png.exe").
_HTML_UNSAFE_CHARS = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1f\x7f]")


_MD_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")
# A line start that Markdown (Python-Markdown or CommonMark) could read as structure: a heading,
# a list item or a thematic break ("- - -").
_MD_LEADING = re.compile(r"^(#|-|\+|\d{1,9}(?=[.)](?:\s|$)))")


def md_escape(value: object) -> str:
    """Untrusted text made safe to place inline in Markdown.

    Whitespace (newlines included) collapses to single spaces so text cannot start a new block;
    ``& < >`` become HTML entities because Python-Markdown passes raw HTML through; the inline
    markup characters ``\\ ` * _ [ ]`` are backslash-escaped so text cannot make links, images,
    code or emphasis; direction overrides and control characters are dropped (see
    :data:`_HTML_UNSAFE_CHARS`); a leading ``#``, ``-``, ``+``, ``~`` or ``1.`` is escaped so text at the
    start of a line or list item cannot become a heading, a rule, a fence or a nested list; and a
    trailing ``#`` is escaped so a heading keeps it. ``None`` is ``""``.
    """
    if value is None:
        return ""
    text = " ".join(_HTML_UNSAFE_CHARS.sub("", str(value)).split())
    # A closing run of "#" is dropped from an ATX heading: split it off and escape it last, so
    # that a backslash before it in the text cannot un-escape it.
    body = text.rstrip("#")
    hashes = len(text) - len(body)
    body = _MD_INLINE_SPECIAL.sub(r"\\\1", body)
    body = body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    match = _MD_LEADING.match(body)
    if body.startswith("~"):
        # A "~~~" code fence in CommonMark; Python-Markdown has no "\~" escape, both read "&#126;".
        body = "&#126;" + body[1:]
    elif match and match.group(1)[0].isdigit():
        body = body[: match.end()] + "\\" + body[match.end() :]
    elif match:
        body = "\\" + body
    return body + "\\#" * hashes


_HTTP_URL = re.compile(r"https?://[^\s\"'<>\\`\x00-\x1f\x7f]+", re.IGNORECASE)


def http_url(value: object) -> str | None:
    """``value`` when it is an absolute http(s) URL with a host, else ``None``.

    Anything else (``javascript:``, ``data:``, relative paths, URLs with spaces or control
    characters) must be shown as text, never used as a link target.
    """
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not _HTTP_URL.fullmatch(url):
        return None
    host = url.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return url if host.rsplit("@", 1)[-1] else None


def md_url(value: object) -> str:
    """A URL as a Markdown link destination: spaces, parentheses, brackets and quotes encoded."""
    if value is None:
        return ""
    return quote(str(value).strip(), safe=":/?#@!$&'*+,;=%~-._")


def cite_label(citation: Citation) -> str:
    """A citation as readers see it: 1-based source and sentence, ``"1:5"``."""
    return f"{citation.source + 1}:{citation.sentence + 1}"


def cited_text(story: Story, citation: Citation) -> str:
    """The source sentence ``citation`` points at in ``story``, or ``""`` when it is unknown."""
    try:
        if citation.source < 0 or citation.sentence < 0:
            return ""
        return story.source_sentences[citation.source][citation.sentence]
    except IndexError:
        return ""


def to_json(value: Any) -> str:
    """Pretty JSON: indent 2, non-ASCII characters kept, keys in insertion order."""
    return json.dumps(value, indent=2, ensure_ascii=False)


def long_date(value: object) -> str:
    """``"2024-05-14"`` (or an ISO date-time) as ``"Tuesday 14 May 2024"``; anything else as is."""
    if value is None:
        return ""
    parsed = _parse_date(str(value))
    if parsed is None:
        return str(value)
    # Not strftime: its names follow the process locale, and the templates are English.
    return f"{_WEEKDAYS[parsed.weekday()]} {parsed.day} {_MONTHS[parsed.month - 1]} {parsed.year}"


def short_date(value: object) -> str:
    """``"2024-05-14"`` (or an ISO date-time) as ``"14 May 2024"``; anything else as is."""
    if value is None:
        return ""
    parsed = _parse_date(str(value))
    if parsed is None:
        return str(value)
    return f"{parsed.day} {_MONTHS[parsed.month - 1]} {parsed.year}"


# --------------------------------------------------------------------------- templates


def default_templates_dir() -> Path:
    """The packaged default templates.

    In a wheel they are installed as ``briefing/templates``; in a source checkout or an
    editable install they are ``<repo>/templates``.
    """
    package_dir = Path(_package.__file__).parent
    for candidate in (package_dir / "templates", package_dir.parent / "templates"):
        if (candidate / TEMPLATE_NAMES["markdown"]).is_file():
            return candidate
    raise TemplateError(
        f"the default templates are missing (looked in {package_dir / 'templates'} and "
        f"{package_dir.parent / 'templates'}); reinstall briefing"
    )


def make_environment(templates: Path | None = None) -> Environment:
    """The Jinja environment :func:`render` uses: user templates first, then the defaults.

    Exposed so that other outputs (e-mail, say) render with the same lookup and filters.
    The environment is shared by every call with the same folder in a process: add to its
    filters and globals, never change what is there.
    """
    folder: str | None = None
    if templates is not None:
        path = Path(templates).expanduser()
        if not path.is_dir():
            problem = "does not exist" if not path.exists() else "is not a directory"
            raise UsageError(
                f"--templates {templates}: {problem}; pass a folder holding your templates "
                f"({', '.join(TEMPLATE_NAMES.values())})"
            )
        folder = str(path.resolve())
    return _environment(folder)


def acting_side(agreement: Agreement) -> str:
    """What an agreement line opens with, before a space: the named parties and a colon
    ("Australia, New Zealand: agreed ..."), or, when the article names nobody acting, its
    words for them ("Leaders rejected a proposal from Vanuatu"); "" for neither. Templates
    escape it like any text."""
    if agreement.acting:
        return agreement.acting
    return f"{', '.join(agreement.parties)}:" if agreement.parties else ""


def other_sides(agreement: Agreement) -> str:
    """The named sides, after a space, that a line opening with unnamed actors does not
    already show: "Ministers agreed a deal (with Chile)"; "" for none."""
    if not agreement.acting:
        return ""
    shown = agreement.object or ""
    others = [p for p in agreement.parties if p not in shown]
    return f"(with {', '.join(others)})" if others else ""


@functools.lru_cache(maxsize=16)
def _environment(folder: str | None) -> Environment:
    # One environment per template folder and process: Jinja compiles each template once per
    # environment, which costs far more than rendering it, and checks the files' modification
    # times on every lookup, so an edited template is still picked up.
    from jinja2 import (
        ChoiceLoader,
        Environment,
        FileSystemLoader,
        PrefixLoader,
        StrictUndefined,
        select_autoescape,
    )

    defaults = FileSystemLoader(str(default_templates_dir()), encoding="utf-8")
    loaders: list[Any] = [PrefixLoader({DEFAULT_PREFIX: defaults}, delimiter="/")]
    if folder is not None:
        loaders.append(FileSystemLoader(folder, encoding="utf-8"))
    loaders.append(defaults)

    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(
            enabled_extensions=_AUTOESCAPE_EXTENSIONS,
            disabled_extensions=(),
            default_for_string=False,
            default=False,
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.finalize = _make_finalize()
    env.filters.update(
        md=md_escape,
        md_url=md_url,
        http_url=http_url,
        cite=cite_label,
        json=to_json,
        longdate=long_date,
        shortdate=short_date,
        acting=acting_side,
        other_sides=other_sides,
    )
    env.globals.update(cited_text=cited_text)
    # Jinja's own tojson sorts keys and escapes "<" for HTML; keep the documented order.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "indent": 2}
    return env


def _finalize_impl(eval_ctx: Any, value: Any) -> Any:
    # Only autoescaped (HTML, e-mail) output: JSON and Markdown keep the data as it was.
    if eval_ctx.autoescape and isinstance(value, str) and not hasattr(value, "__html__"):
        return _HTML_UNSAFE_CHARS.sub("", value)
    return value


def _make_finalize() -> Any:
    from jinja2 import pass_eval_context

    return pass_eval_context(_finalize_impl)


def render(briefing: Briefing, fmt: str, *, templates: Path | None = None) -> str:
    """Render ``briefing`` as ``fmt`` (one of :data:`FORMATS`).

    ``templates`` is the user's template folder; a template found there replaces the packaged
    default of the same name. Raises :class:`~briefing.errors.UsageError` for an unknown format
    or a missing folder and :class:`~briefing.errors.TemplateError` (naming the template file
    and line) for a broken or missing template, or a JSON template whose output is not JSON.
    """
    if fmt not in TEMPLATE_NAMES:
        raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    env = make_environment(templates)
    name = TEMPLATE_NAMES[fmt]
    text, filename = render_template(
        env,
        name,
        briefing=briefing,
        data=briefing_to_dict(briefing),
        generator=_generator(briefing),
    )
    if fmt == "markdown":
        # Templates can leave runs of blank lines where optional parts were left out.
        text = re.sub(r"\n{3,}", "\n\n", text)
    if fmt == "json":
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise TemplateError(
                f"{filename}: the output is not valid JSON (line {exc.lineno}, column "
                f"{exc.colno}: {exc.msg}); fix the template or remove it to use the default"
            ) from exc
    return text.strip("\n") + "\n"


def render_template(env: Environment, name: str, **context: Any) -> tuple[str, str]:
    """Render template ``name`` of ``env``; return the text and the template's file name.

    Any failure in a template becomes a one-line :class:`~briefing.errors.TemplateError` that
    names the template file and line.
    """
    from jinja2 import TemplateNotFound, TemplatesNotFound, TemplateSyntaxError

    filename = name
    try:
        template = env.get_template(name)
        filename = _display(template.filename or name)
        return template.render(**context), filename
    except TemplateSyntaxError as exc:
        where = _display(exc.filename or exc.name or filename)
        raise TemplateError(
            f"{where}:{exc.lineno}: {_one_line(exc.message or str(exc)).rstrip('.')}; "
            f"fix the template"
        ) from exc
    except (TemplateNotFound, TemplatesNotFound) as exc:
        location = _template_location(exc)
        if location is None:
            raise TemplateError(
                f"template {exc.name!r} not found in the templates folder or the packaged "
                f"defaults; add it to your templates folder or reinstall briefing"
            ) from exc
        raise TemplateError(
            f"{location}: template {exc.name!r} not found in the templates folder or the "
            f"packaged defaults; check the name (prefix {DEFAULT_PREFIX}/ for a default)"
        ) from exc
    except Exception as exc:
        # Whatever goes wrong while a template runs (an undefined name, a filter given the
        # wrong type) is the template's problem: report where, not a traceback.
        location = _template_location(exc) or filename
        message = _one_line(str(exc)).rstrip(".") or type(exc).__name__
        raise TemplateError(f"{location}: {message}; fix the template") from exc


def _template_location(exc: BaseException) -> str | None:
    # Jinja rewrites tracebacks so that template frames carry the template file and line.
    location = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".py") or frame.filename.startswith("<"):
            continue
        location = f"{_display(frame.filename)}:{frame.lineno}"
    return location


def _display(filename: str) -> str:
    path = Path(filename)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return filename


def _one_line(message: str) -> str:
    return " ".join(message.split())
