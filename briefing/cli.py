"""The ``briefing`` command line.

Only click and the standard library are imported at start-up, so ``briefing --help`` is
instant; every command imports what it needs when it runs.

Exit codes: 0 done, 1 failed, 2 usage error. A user's mistake is reported as one line,
``error: <what is wrong>; <how to fix it>``, never as a traceback.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar, cast

import click

from briefing import __version__
from briefing.errors import BriefingError, UsageError

if TYPE_CHECKING:
    from briefing.models import Briefing
    from briefing.pipeline import BuildOptions

F = TypeVar("F", bound=Callable[..., Any])

FORMAT_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}
FORMAT_CHOICES = ("markdown", "md", "html", "json")


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
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def make_options(kwargs: dict[str, Any]) -> BuildOptions:
    from briefing.pipeline import BuildOptions

    return BuildOptions(
        summarizer=kwargs["summarizer"],
        sentences=kwargs["sentences"],
        words=kwargs["words"],
        title=kwargs["title"],
        date=kwargs["date"],
        rules=kwargs["rules"],
        extract=not kwargs["no_extract"],
    )


def run_build(inputs: tuple[str, ...], kwargs: dict[str, Any]) -> Briefing:
    from briefing.errors import NoArticlesError
    from briefing.pipeline import build_briefing

    if kwargs["templates"] is not None and not kwargs["templates"].is_dir():
        raise UsageError(f"--templates {kwargs['templates']}: no such folder")
    briefing = build_briefing(list(inputs), make_options(kwargs), stdin=sys.stdin.buffer)
    for item in briefing.skipped:
        click.echo(f"skipped {item.input}: {item.reason}", err=True)
    if not briefing.stories:
        raise NoArticlesError(
            "no article could be used (every input was skipped); see the messages above"
        )
    return briefing


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="briefing")
def cli() -> None:
    """Turn news articles into structured briefings: Markdown, HTML and JSON.

    \b
    Examples:
      briefing build samples/ -o briefing.md
      briefing build samples/ --format html -o briefing.html
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
    help="Output format (default: from the -o suffix, else markdown).",
)
@reports_errors
def build(inputs: tuple[str, ...], output: Path | None, fmt: str | None, **kwargs: Any) -> None:
    """Build a briefing from article files, folders, or - for standard input.

    Inputs may be .txt, .md, .html, .json and .jsonl files, or folders of them.
    """
    from briefing.deliver import deliver
    from briefing.render import render

    if fmt is None:
        suffix = output.suffix.lower() if output is not None and str(output) != "-" else ""
        fmt = FORMAT_BY_SUFFIX.get(suffix, "markdown")
    if fmt == "md":
        fmt = "markdown"
    briefing = run_build(inputs, kwargs)
    deliver(render(briefing, fmt, templates=kwargs["templates"]), output)


@cli.command()
@pipeline_options
@click.option("--plain", is_flag=True, help="Plain text even on a terminal.")
@reports_errors
def preview(inputs: tuple[str, ...], plain: bool, **kwargs: Any) -> None:
    """Show a briefing in the terminal (plain text when piped)."""
    from briefing.preview import preview as show
    from briefing.render import render

    briefing = run_build(inputs, kwargs)
    show(render(briefing, "markdown", templates=kwargs["templates"]), plain=True if plain else None)


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
@reports_errors
def summarize(
    source: IO[str], summarizer: str, sentences: int, words: int | None, no_clean: bool
) -> None:
    """Summarise JSONL records {id, article|text, title?} into JSONL {id, summary}.

    Reads SOURCE (default: standard input) and writes to standard output. A malformed line
    is reported on standard error and skipped.
    """
    from briefing.clean import CleanRules, clean
    from briefing.models import Article
    from briefing.pipeline import _default_summarizer, make_summarizer

    name = summarizer or _default_summarizer()
    summarize_one = make_summarizer(name, sentences=sentences, words=words)
    rules = None if no_clean else CleanRules.load()
    label = getattr(source, "name", "-")
    label = "<stdin>" if label in ("-", "<stdin>") else label
    out = sys.stdout
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
        out.write(json.dumps({"id": rid, "summary": result.text}, ensure_ascii=False) + "\n")
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
@reports_errors
def evaluate(
    data: Path, summarizer: str, sentences: int, limit: int | None, bootstrap: int, as_json: bool
) -> None:
    """Score a summariser with ROUGE on JSONL records {id, article, summary}."""
    from briefing.evaluate import run_eval
    from briefing.pipeline import _default_summarizer

    result = run_eval(
        data,
        summarizer or _default_summarizer(),
        sentences=sentences,
        limit=limit,
        bootstrap=bootstrap,
    )
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
    else:
        click.echo(result.format_table())


@cli.command("summarizers")
def list_summarizers() -> None:
    """List the available summarisers."""
    from summarizers import registry

    default = getattr(registry, "DEFAULT", "textrank")
    for name in registry.available():
        click.echo(f"{name}{'  (default)' if name == default else ''}")


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
