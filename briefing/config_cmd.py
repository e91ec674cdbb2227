"""The command-line side of ``briefing.toml``: ``--config``, ``briefing init``, ``briefing config``.

Only click is imported at start-up; :mod:`briefing.config` is imported when a command runs.

The file's values become click's ``default_map`` for ``build`` and ``preview``: they replace the
options' defaults, so anything given on the command line wins, and every option of those
commands can be set in the file without a list here to keep up to date.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from briefing.config import Config

F = TypeVar("F", bound=Callable[..., Any])

#: ctx.meta keys (meta is shared by a command's context and its group's).
PATH_META = "briefing.config.path"
NO_CONFIG_META = "briefing.config.off"
LOADED_META = "briefing.config.loaded"

#: The commands whose options the file sets.
CONFIGURED_COMMANDS = ("build", "preview")


class ConfigUsageError(click.ClickException):
    """A configuration mistake, shown as one line (``error: ...``) with exit code 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True, file=file)


def _remember_path(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    if value is None:
        return
    if ctx.meta.get(NO_CONFIG_META):
        raise ConfigUsageError("--config and --no-config contradict each other; give one")
    ctx.meta[PATH_META] = value


def _remember_off(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value:
        return
    if ctx.meta.get(PATH_META) is not None:
        raise ConfigUsageError("--config and --no-config contradict each other; give one")
    ctx.meta[NO_CONFIG_META] = True


def _load_for_command(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    """Eager callback of a configured command's ``--config``: load the file into default_map.

    Eager options are processed before the others, so the defaults are in place when click
    looks them up; ``--no-config`` is declared first so that, when neither is given, it has
    been seen by then.
    """
    _remember_path(ctx, param, value)
    found = current_config(ctx)
    if found is None:
        return
    defaults = found[0].defaults_for(ctx.command)
    ctx.default_map = {**(ctx.default_map or {}), **defaults}


def current_config(ctx: click.Context) -> tuple[Config, str] | None:
    """The configuration for this invocation and how it was found, loaded once per run."""
    from briefing.config import find_config, load_config
    from briefing.errors import BriefingError

    if ctx.meta.get(NO_CONFIG_META):
        return None
    explicit = ctx.meta.get(PATH_META)
    cached = ctx.meta.get(LOADED_META)
    if cached is not None and cached[0] == explicit:
        return cached[1]
    try:
        located = find_config(explicit)
        if located is None:
            result = None
        else:
            path, how = located
            result = (load_config(path, configured_commands(ctx)), how)
    except BriefingError as exc:
        raise ConfigUsageError(str(exc)) from None
    ctx.meta[LOADED_META] = (explicit, result)
    return result


def configured_commands(ctx: click.Context) -> list[click.Command]:
    """``build`` and ``preview`` as registered on the root group."""
    root = ctx.find_root().command
    if not isinstance(root, click.Group):
        return [ctx.command]
    found = [root.get_command(ctx, name) for name in CONFIGURED_COMMANDS]
    return [command for command in found if command is not None] or [ctx.command]


def group_config_options(func: F) -> F:
    """``--config FILE`` and ``--no-config`` for the ``briefing`` group itself."""
    func = click.option(
        "--config",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        expose_value=False,
        is_eager=True,
        callback=_remember_path,
        metavar="FILE",
        help="Settings file (default: $BRIEFING_CONFIG, ./briefing.toml, then the user config "
        "folder). See 'briefing init'.",
    )(func)
    func = click.option(
        "--no-config",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_remember_off,
        help="Ignore every settings file.",
    )(func)
    return func


def command_config_options(func: F) -> F:
    """``--config FILE`` and ``--no-config`` for ``build`` and ``preview``: they load the file."""
    # Applied innermost-first: --no-config ends up declared before --config.
    func = click.option(
        "--config",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        expose_value=False,
        is_eager=True,
        callback=_load_for_command,
        metavar="FILE",
        help="Settings file; its values are defaults that flags override (see 'briefing init').",
    )(func)
    func = click.option(
        "--no-config",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_remember_off,
        help="Ignore every settings file.",
    )(func)
    return func


def configured_outputs(ctx: click.Context) -> tuple[Any, ...]:
    """The ``[[outputs]]`` of the file, unless -o, --format or --out-dir were given."""
    from click.core import ParameterSource

    for name in ("output", "fmt", "out_dir"):
        if ctx.get_parameter_source(name) in (ParameterSource.COMMANDLINE, ParameterSource.PROMPT):
            return ()
    found = current_config(ctx)
    return found[0].outputs if found is not None else ()


@click.command("init")
@click.argument("path", type=click.Path(path_type=Path), default=Path("briefing.toml"))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@click.option("--print", "to_stdout", is_flag=True, help="Print the example instead of writing it.")
def init_command(path: Path, force: bool, to_stdout: bool) -> None:
    """Write a commented example settings file to PATH (default: ./briefing.toml).

    Edit it, then run 'briefing build' with no arguments: it reads the feeds and inputs named
    in the file and writes every output listed there.
    """
    from briefing.cli import reports_errors

    reports_errors(_init)(path, force, to_stdout)


def _example_sources(folder: Path) -> tuple[list[str], list[str]]:
    """Feeds and inputs for the example: the sample feeds and articles next to it, if any."""
    feeds_dir = folder / "samples" / "feeds"
    feeds = sorted(
        f"samples/feeds/{item.name}"
        for item in (feeds_dir.iterdir() if feeds_dir.is_dir() else ())
        # Not the OPML list: it names these same feeds, and each story would come twice.
        if item.suffix.lower() in (".xml", ".rss", ".atom")
    )[:3]
    inputs = ["samples/"] if (folder / "samples").is_dir() and not feeds else []
    return feeds, inputs


def configured_sections() -> tuple[Any, ...]:
    """The file's ``[[sections]]`` rules for the command running now; () for the built-in ones."""
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return ()
    found = current_config(ctx)
    return found[0].sections if found is not None else ()


def _init(path: Path, force: bool, to_stdout: bool) -> None:
    from briefing.config import FILE_NAME, example_config, write_example

    target = path / FILE_NAME if path.is_dir() else path
    feeds, inputs = _example_sources(target.expanduser().absolute().parent)
    text = example_config(feeds, inputs)
    if to_stdout:
        click.echo(text, nl=False)
        return
    written = write_example(target, force=force, text=text)
    click.echo(f"wrote {written}", err=True)
    here = written.name == FILE_NAME and written.absolute().parent == Path.cwd()
    click.echo(
        "edit it, then run 'briefing build' here"
        if here
        else f"edit it, then run 'briefing build --config {written}'",
        err=True,
    )


@click.command(
    "config",
    context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False},
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@click.option(
    "--for",
    "command_name",
    type=click.Choice(CONFIGURED_COMMANDS),
    default="build",
    show_default=True,
    help="Which command's settings to show.",
)
@click.pass_context
def config_command(ctx: click.Context, args: tuple[str, ...], command_name: str) -> None:
    """Show the settings a build would use, and where each comes from: flag, file or default.

    ARGS are the build's own arguments, to see what they change, e.g.
    'briefing config -- samples/ -n 5 --config team.toml'.
    """
    # Only ConfigUsageError can go wrong here, and click reports it as one line.
    _show_settings(ctx, args, command_name)


def _show_settings(ctx: click.Context, args: tuple[str, ...], command_name: str) -> None:
    from click.core import ParameterSource

    root = ctx.find_root().command
    assert isinstance(root, click.Group)
    command = root.get_command(ctx, command_name)
    if command is None:  # pragma: no cover - both are always registered
        raise ConfigUsageError(f"no command {command_name!r}")
    # Resilient parsing, so that missing inputs do not stop the report; it also swallows
    # the file's errors, so the file is loaded again here to report them.
    sub = command.make_context(command_name, list(args), parent=ctx, resilient_parsing=True)
    found = current_config(sub)
    where = f"{found[0].path} (found via {found[1]})" if found else "none"
    click.echo(f"settings file: {where}")
    labels = {
        ParameterSource.COMMANDLINE: "flag",
        ParameterSource.ENVIRONMENT: "environment",
        ParameterSource.DEFAULT_MAP: "file",
        ParameterSource.DEFAULT: "default",
    }
    rows: list[tuple[str, str, str]] = []
    for param in command.params:
        if not param.name or param.name in ("help", "config", "no_config"):
            continue
        if isinstance(param, click.Option) and param.hidden:
            continue
        value = sub.params.get(param.name)
        source = labels.get(sub.get_parameter_source(param.name), "default")  # type: ignore[arg-type]
        if source == "file" and found is not None:
            key = found[0].keys.get(param.name, "inputs" if param.name == "inputs" else "")
            source = f"file: {key}" if key else "file"
        longs = [opt for opt in param.opts if opt.startswith("--")]
        label = longs[0] if isinstance(param, click.Option) and longs else param.name.upper()
        rows.append((label, _format_value(value), source))
    width = max(len(name) for name, _, _ in rows)
    value_width = min(48, max(len(value) for _, value, _ in rows))
    for name, value, source in rows:
        click.echo(f"  {name:<{width}}  {value:<{value_width}}  ({source})")
    if found is not None:
        if found[0].sections:
            names = ", ".join(rule.name for rule in found[0].sections)
            click.echo(f"sections (file): {names}")
        if command_name == "build":
            outputs = configured_outputs(sub)
            if outputs:
                click.echo("outputs (file):")
                for spec in outputs:
                    click.echo(f"  {spec.describe()}")
            elif found[0].outputs:
                click.echo("outputs: from the flags (the file's [[outputs]] are not used)")


def _format_value(value: Any) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, tuple):
        return " ".join(str(item) for item in value) if value else "(none)"
    if isinstance(value, Path):
        return os.fspath(value)
    return str(value)
