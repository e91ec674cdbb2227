"""The configuration file: ``briefing.toml``.

A run finds at most one file, in this order: ``--config FILE``, ``$BRIEFING_CONFIG``,
``./briefing.toml``, then ``briefing.toml`` in the user's config folder
(``~/.config/briefing/`` on Linux, honouring ``XDG_CONFIG_HOME``). ``--no-config`` or
``BRIEFING_CONFIG=none`` uses none.

The file's top-level keys are the options of ``briefing build`` and ``briefing preview``, named
as on the command line with dashes or underscores (``sentences = 4``, ``max-stories = 20``,
``no-extract = true`` or ``extract = false``). They are checked against the commands' own
options, so a new option can be set in the file the day it is added. The values become the
options' defaults (click's ``default_map``), so a flag always wins. Besides them:

* ``inputs = [...]`` and ``feeds = [...]``: what to read when the command line names nothing;
* ``[[sections]]``: topic rules, ``name = "..."`` and ``keywords = [...]``;
* ``[[outputs]]``: several outputs from one run, each ``path = "..."`` (format from the suffix,
  or ``format = "..."``) or ``out_dir = "..."`` (dated Markdown files and an index).

Every relative path in the file is relative to the file's folder, so a cron job finds the same
files whatever its working directory.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.errors import OutputError, UsageError

if TYPE_CHECKING:
    import click

    from briefing.models import Briefing
    from briefing.sections import SectionRule

FILE_NAME = "briefing.toml"
ENV_VAR = "BRIEFING_CONFIG"

#: Keys with a meaning of their own, not an option's.
INPUT_KEYS = ("inputs", "feeds")
SECTIONS_KEY = "sections"
OUTPUTS_KEY = "outputs"
#: Options that say where the output goes: in the file, that is what ``[[outputs]]`` is for.
OUTPUT_OPTIONS = frozenset({"output", "fmt", "format", "out_dir", "replace"})
#: Options that make no sense in a file.
NOT_IN_FILE = frozenset({"help", "config", "no_config"})

OUTPUT_FORMATS = ("markdown", "html", "json", "email")
FORMAT_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".eml": "email",
}


class ConfigError(UsageError):
    """The configuration file is unreadable or asks for something impossible. Exit code 2."""


@dataclass(frozen=True)
class OutputSpec:
    """One output of a run configured with ``[[outputs]]``.

    Exactly one of ``path`` (a file, or ``-`` for standard output) and ``out_dir`` (a folder of
    dated Markdown briefings) is set.
    """

    format: str = "markdown"
    path: Path | None = None
    out_dir: Path | None = None
    replace: bool = False

    def describe(self) -> str:
        """``html -> /srv/briefing.html``: for messages and ``briefing config``."""
        if self.out_dir is not None:
            return f"dated markdown -> {self.out_dir}{os.sep}"
        return f"{self.format} -> {self.path}"


@dataclass(frozen=True)
class Config:
    """A loaded, checked configuration file. Paths in it are absolute."""

    path: Path
    #: option name (click's parameter name) -> value, for every command that has the option
    settings: Mapping[str, Any] = field(default_factory=dict)
    #: the file key each setting came from, for messages
    keys: Mapping[str, str] = field(default_factory=dict)
    inputs: tuple[str, ...] = ()
    #: the ``[[sections]]`` rules; () leaves the built-in ones
    sections: tuple[SectionRule, ...] = ()
    outputs: tuple[OutputSpec, ...] = ()

    def defaults_for(self, command: click.Command) -> dict[str, Any]:
        """The ``default_map`` for ``command``: the settings it has an option for, and inputs."""
        names = {param.name for param in command.params}
        defaults = {name: value for name, value in self.settings.items() if name in names}
        if self.inputs and "inputs" in names:
            defaults["inputs"] = list(self.inputs)
        return defaults


def user_config_path() -> Path:
    """``briefing.toml`` in the platform's user config folder."""
    try:
        from platformdirs import user_config_dir
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
        return Path(base) / "briefing" / FILE_NAME
    return Path(user_config_dir("briefing")) / FILE_NAME


def find_config(
    explicit: Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> tuple[Path, str] | None:
    """The configuration file to use and how it was found, or ``None`` when there is none.

    ``explicit`` (``--config``) and ``$BRIEFING_CONFIG`` must name a file that exists; the
    two usual places are only used when a file is there. ``BRIEFING_CONFIG=none`` means no
    file at all.
    """
    env = os.environ if environ is None else environ
    if explicit is not None:
        return _must_exist(Path(explicit).expanduser(), "--config"), "--config"
    if env.get(ENV_VAR, "").strip().lower() == "none":
        # For scripts and test suites that must not pick up anyone's settings.
        return None
    if env.get(ENV_VAR):
        return _must_exist(Path(env[ENV_VAR]).expanduser(), f"${ENV_VAR}"), f"${ENV_VAR}"
    local = (cwd or Path.cwd()) / FILE_NAME
    if local.is_file():
        return local, "the current folder"
    user = user_config_path()
    if user.is_file():
        return user, "the user config folder"
    return None


def _must_exist(path: Path, via: str) -> Path:
    if path.is_dir():
        raise ConfigError(f"{via} {path}: is a folder; name the {FILE_NAME} file itself")
    if not path.is_file():
        raise ConfigError(
            f"{via} {path}: no such file; check the path, or create one with 'briefing init {path}'"
        )
    return path


def read_toml(path: Path) -> dict[str, Any]:
    """Parse ``path`` as TOML; a broken file is one :class:`ConfigError` with the line."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(
            f"{path}: cannot read ({exc.strerror or exc}); check permissions"
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; save the file as UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # The message says "(at line N, column M)", or "(at end of document)" for something
        # left open, which the user finds faster as a line number.
        where = str(exc).replace(
            "(at end of document)", f"(at the end of the file, line {len(text.splitlines()) or 1})"
        )
        raise ConfigError(
            f"{path}: not valid TOML: {where}; fix that line (strings need quotes, lists "
            "brackets), or see 'briefing init --print' for an example"
        ) from None


def load_config(path: Path, commands: Sequence[click.Command]) -> Config:
    """Read and check the configuration file ``path`` against the options of ``commands``.

    Raises :class:`ConfigError` naming the file and the key for bad TOML, an unknown key or a
    value of the wrong type.
    """
    path = Path(path).expanduser().absolute()
    data = read_toml(path)
    base = path.parent
    options = _option_table(commands)
    settings: dict[str, Any] = {}
    keys: dict[str, str] = {}
    inputs: list[str] = []
    sections: tuple[SectionRule, ...] = ()
    outputs: tuple[OutputSpec, ...] = ()
    for key, value in data.items():
        name = key.replace("-", "_")
        if name in INPUT_KEYS:
            inputs.extend(_inputs(path, key, value, base))
        elif name == SECTIONS_KEY and (not isinstance(value, str) or name not in options):
            sections = _sections(path, value)
        elif name == OUTPUTS_KEY:
            outputs = _outputs(path, value, base)
        elif name in OUTPUT_OPTIONS:
            raise ConfigError(
                f"{path}: key {key!r}: where the briefing goes is set with [[outputs]] tables "
                '(path = "briefing.html", or out_dir = "briefings/"); move it there'
            )
        elif name in options and name not in NOT_IN_FILE:
            param, invert, command = options[name]
            checked = _check_value(path, key, value, param, command, base)
            target = param.name or name
            if invert:
                checked = not checked
            if target in settings and keys[target] != key:
                raise ConfigError(
                    f"{path}: keys {keys[target]!r} and {key!r} set the same option; keep one"
                )
            settings[target] = checked
            keys[target] = key
        else:
            known = [*_primary_keys(options), *_SPECIAL]
            raise ConfigError(_unknown_key(path, key, known, options))
    return Config(
        path=path,
        settings=settings,
        keys=keys,
        inputs=tuple(inputs),
        sections=sections,
        outputs=outputs,
    )


_SPECIAL = (*INPUT_KEYS, SECTIONS_KEY, OUTPUTS_KEY)


def _option_table(
    commands: Sequence[click.Command],
) -> dict[str, tuple[click.Parameter, bool, click.Command]]:
    """File key (underscores) -> (option, whether the key means its negation, command)."""
    import click

    table: dict[str, tuple[click.Parameter, bool, click.Command]] = {}
    for command in commands:
        for param in command.params:
            if not isinstance(param, click.Option) or param.hidden or not param.name:
                continue
            if param.name in NOT_IN_FILE or param.name in OUTPUT_OPTIONS:
                continue
            names = [param.name] + [
                opt.lstrip("-").replace("-", "_") for opt in param.opts if opt.startswith("--")
            ]
            for name in names:
                table.setdefault(name, (param, False, command))
            if param.is_flag and param.is_bool_flag:
                # --pager/--no-pager: "no_pager = true" means pager = false.
                for opt in param.secondary_opts:
                    if opt.startswith("--"):
                        table.setdefault(opt[2:].replace("-", "_"), (param, True, command))
                # --no-extract alone: "extract = false" reads better than "no_extract = true".
                if not param.secondary_opts and param.name.startswith("no_"):
                    table.setdefault(param.name[3:], (param, True, command))
    return table


def _primary_keys(options: Mapping[str, tuple[click.Parameter, bool, click.Command]]) -> set[str]:
    """One key per option, as on the command line (``max-stories``), for messages."""
    keys: set[str] = set()
    for param, invert, _ in options.values():
        if not invert:
            longs = [opt[2:] for opt in param.opts if opt.startswith("--")]
            keys.add(longs[0] if longs else str(param.name))
    return keys


def _unknown_key(path: Path, key: str, known: Iterable[str], aliases: Iterable[str] = ()) -> str:
    valid = sorted(set(known) - NOT_IN_FILE)
    spelled = {name.replace("-", "_"): name for name in [*aliases, *valid]}
    close = difflib.get_close_matches(key.replace("-", "_"), list(spelled), n=1)
    hint = f"did you mean {spelled[close[0]]!r}? " if close else ""
    return f"{path}: unknown key {key!r}; {hint}the keys are: {', '.join(valid)}"


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value).replace("'", '"') if '"' not in value else repr(value)
    return repr(value)


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _check_value(
    path: Path, key: str, value: Any, param: click.Parameter, command: click.Command, base: Path
) -> Any:
    """``value`` checked against ``param``'s type, paths resolved; what goes in the default map."""
    import click

    many = getattr(param, "multiple", False) or param.nargs != 1
    if many:
        if not isinstance(value, list):
            raise ConfigError(
                f"{path}: {key} = {_show(value)}: expected a list; write {key} = [{_show(value)}]"
            )
        items = [_check_scalar(path, key, item, param, base) for item in value]
        checked: Any = items
    else:
        checked = _check_scalar(path, key, value, param, base)
    try:
        param.type_cast_value(click.Context(command), checked)
    except click.BadParameter as exc:
        problem = exc.message.rstrip(".")
        raise ConfigError(f"{path}: {key} = {_show(value)}: {problem}; change the value") from None
    return checked


def _check_scalar(path: Path, key: str, value: Any, param: click.Parameter, base: Path) -> Any:
    import click

    kind = param.type
    expected = ""
    if isinstance(value, (_dt.date, _dt.time)):
        # TOML has dates (since = 2026-11-27); the options take them as text.
        value = value.isoformat()
    if isinstance(kind, click.types.BoolParamType):
        if not isinstance(value, bool):
            expected = f"true or false ({key} = true)"
    elif isinstance(kind, click.types.IntParamType):
        if isinstance(value, bool) or not isinstance(value, int):
            expected = f"a whole number ({key} = 3)"
    elif isinstance(kind, click.types.FloatParamType):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            expected = f"a number ({key} = 10.0)"
    elif isinstance(kind, (click.Path, click.File)):
        if not isinstance(value, str) or not value:
            expected = f'a path in quotes ({key} = "folder/")'
        else:
            return _resolve(value, base)
    elif isinstance(kind, click.Choice):
        if not isinstance(value, str):
            choices = ", ".join(str(choice) for choice in kind.choices)
            expected = f"one of {choices} in quotes"
    elif isinstance(kind, click.types.StringParamType):
        if not isinstance(value, str):
            expected = f'text in quotes ({key} = "{value}")'
    elif isinstance(value, (list, dict)):
        expected = "a single value"
    if expected:
        raise ConfigError(
            f"{path}: {key} = {_show(value)}: expected {expected}, not {_type_name(value)}"
        )
    return value


def _resolve(value: str, base: Path) -> str:
    """A path from the file: ``~`` expanded, relative to the file's folder; ``-`` and URLs kept."""
    if value == "-" or "://" in value:
        return value
    resolved = Path(value).expanduser()
    if not resolved.is_absolute():
        resolved = base / resolved
    text = str(resolved)
    # Keep the trailing slash of "samples/": it says "a folder" to the reader of messages.
    if value.endswith(("/", os.sep)) and not text.endswith(os.sep):
        text += os.sep
    return text


def _inputs(path: Path, key: str, value: Any, base: Path) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise ConfigError(
            f'{path}: {key} must be a list of paths or URLs in quotes, e.g. {key} = ["news/", '
            '"https://example.com/feed.xml"]'
        )
    return [_resolve(item, base) for item in value]


def _sections(path: Path, value: Any) -> tuple[SectionRule, ...]:
    """The ``[[sections]]`` tables as section rules, checked by the rules' own loader."""
    from briefing.sections import load_rules

    try:
        return load_rules(value)
    except UsageError as exc:
        raise ConfigError(f"{path}: {exc}") from None


OUTPUT_KEYS = ("path", "format", "out_dir", "replace")


def _outputs(path: Path, value: Any, base: Path) -> tuple[OutputSpec, ...]:
    if not isinstance(value, list) or not all(isinstance(table, dict) for table in value):
        raise ConfigError(
            f'{path}: outputs must be [[outputs]] tables, each with path = "..." or out_dir = "..."'
        )
    specs: list[OutputSpec] = []
    for number, table in enumerate(value, 1):
        where = f"{path}: [[outputs]] number {number}"
        for key in table:
            if key.replace("-", "_") not in OUTPUT_KEYS:
                raise ConfigError(_unknown_key(Path(where), key, OUTPUT_KEYS))
        table = {key.replace("-", "_"): item for key, item in table.items()}
        target = table.get("path")
        out_dir = table.get("out_dir")
        fmt = table.get("format")
        replace = table.get("replace", False)
        if (target is None) == (out_dir is None):
            raise ConfigError(
                f'{where}: give path = "briefing.html" (one file) or out_dir = "briefings/" '
                "(dated Markdown files), one of the two"
            )
        for key, item in (("path", target), ("out_dir", out_dir), ("format", fmt)):
            if item is not None and (not isinstance(item, str) or not item):
                raise ConfigError(
                    f"{where}: {key} = {_show(item)}: {_type_name(item)} where text in quotes "
                    "was expected"
                )
        if not isinstance(replace, bool):
            raise ConfigError(f"{where}: replace = {_show(replace)}: expected true or false")
        if out_dir is not None:
            if fmt not in (None, "markdown", "md"):
                raise ConfigError(
                    f"{where}: out_dir writes Markdown files; leave out format = {_show(fmt)}"
                )
            folder = _resolve(str(out_dir), base)
            specs.append(OutputSpec(out_dir=Path(folder), replace=replace))
            continue
        if replace:
            raise ConfigError(f"{where}: replace only applies with out_dir; leave it out")
        assert isinstance(target, str)  # checked above: exactly one of path and out_dir
        if fmt is None:
            suffix = Path(target).suffix.lower()
            if suffix not in FORMAT_BY_SUFFIX:
                raise ConfigError(
                    f"{where}: cannot tell the format of {target!r}; add format = "
                    f'"markdown" (or {", ".join(OUTPUT_FORMATS[1:])})'
                )
            fmt = FORMAT_BY_SUFFIX[suffix]
        fmt = "markdown" if fmt == "md" else fmt
        if fmt not in OUTPUT_FORMATS:
            raise ConfigError(
                f"{where}: format = {_show(fmt)}: choose one of {', '.join(OUTPUT_FORMATS)}"
            )
        specs.append(OutputSpec(format=fmt, path=Path(_resolve(target, base))))
    return tuple(specs)


def write_outputs(
    briefing: Briefing,
    outputs: Sequence[OutputSpec],
    *,
    templates: Path | None = None,
    replace: bool = False,
) -> list[Path]:
    """Write ``briefing`` to every output of ``outputs``; returns the files written.

    Every output is rendered before the first is written, so a broken template leaves no
    half-set of files. ``replace`` (the ``--replace`` flag) applies to every ``out_dir``.
    """
    from briefing.deliver import deliver
    from briefing.render import render

    rendered: dict[str, str] = {}
    for spec in outputs:
        fmt = "markdown" if spec.out_dir is not None else spec.format
        if fmt in rendered:
            continue
        if fmt == "email":
            from briefing.mail import build_message, message_text

            rendered[fmt] = message_text(build_message(briefing, templates=templates))
        else:
            rendered[fmt] = render(briefing, fmt, templates=templates)
    written: list[Path] = []
    for spec in outputs:
        if spec.out_dir is not None:
            from briefing.outdir import write_dated

            written.append(
                write_dated(
                    briefing, rendered["markdown"], spec.out_dir, replace=replace or spec.replace
                )
            )
            continue
        deliver(rendered[spec.format], spec.path)
        if spec.path is not None and str(spec.path) != "-":
            written.append(spec.path)
    return written


# --- briefing init -------------------------------------------------------------------------

EXAMPLE = """\
# briefing.toml: settings for 'briefing build' and 'briefing preview'.
#
# briefing looks for this file in: --config FILE, $BRIEFING_CONFIG, ./briefing.toml, then
# {user_config}.
# A flag on the command line always wins over the value here. Keys are the long options,
# with dashes or underscores: max-stories = 20 and max_stories = 20 mean the same.
# Relative paths are relative to THIS file's folder, whatever folder you run briefing from.
# Check what a run would use with:  briefing config

# --- What to read ----------------------------------------------------------------------------
# Used when the command line names no inputs. Article files (.txt .md .html .json .jsonl),
# folders of them, RSS/Atom feeds, OPML feed lists and article URLs.
feeds = [
{feeds}
    # "newsroom.opml",         # an OPML feed list (exported from a feed reader) works too
]
inputs = [
{inputs}
]

# --- How to summarise ------------------------------------------------------------------------
# summarizer = "textrank"      # see 'briefing summarizers'; leave out for the best extractive one
sentences = 3                  # summary length in sentences per story
# words = 80                   # ...or in words (with sentences, the tighter limit wins)
# model = "facebook/bart-large-cnn"   # only for the abstractive and hybrid summarisers
extract = true                 # actors, agreements, context and quotes (false: faster)

# --- The briefing ----------------------------------------------------------------------------
title = "Morning briefing"
# templates = "my-templates/"  # your overrides: 'briefing templates copy my-templates/'
# rules = "cleaning.toml"      # extra cleaning rules for your sources' scraped junk

# --- Ranking and what changed ---------------------------------------------------------------
# max-stories = 20             # keep the best-ranked stories; the briefing counts the rest
# since = "24h"                # leave out older articles: 24h, 2d, 1w or a date like 2026-11-27
# previous = "briefing.json"   # a JSON briefing from an earlier run: mark what is new since
# only-new = true              # with previous: leave out stories with nothing new
# no-sections = true           # one ranked list instead of the sections below

# --- Fetching feeds and pages ----------------------------------------------------------------
# fetch-timeout = 20.0         # seconds before giving up on a URL
# allow-private-network = false   # true lets feeds reach localhost and 10.x/192.168.x hosts

# --- Long runs -------------------------------------------------------------------------------
# workers = 2                  # articles prepared in parallel; the briefing is the same
# cache-dir = "cache/"         # default: the user cache folder; no-cache = true turns it off

# --- Sections --------------------------------------------------------------------------------
# A story goes in the first section whose keywords it mentions; the others get an automatic
# label. Leave the tables out to label every section automatically.
[[sections]]
name = "Politics"
keywords = ["election", "parliament", "minister", "senate", "bill", "summit"]

[[sections]]
name = "Business"
keywords = ["merger", "shares", "profit", "factory", "market", "port"]

[[sections]]
name = "Climate and science"
keywords = ["climate", "emissions", "glacier", "study", "researchers"]

# --- Outputs ---------------------------------------------------------------------------------
# One run writes every output below (unless -o, --format or --out-dir is given). Each has a
# path (the format comes from the suffix: .md .html .json .eml, or set format = "...") or an
# out_dir (a dated Markdown file per day, plus an index.md).
[[outputs]]
path = "briefing.md"

[[outputs]]
path = "briefing.html"

[[outputs]]
path = "briefing.eml"          # send it with: briefing send briefing.eml --to you@example.com
format = "email"

# [[outputs]]
# out_dir = "archive/"         # archive/YYYY-MM-DD-briefing.md and archive/index.md
# replace = true               # overwrite today's file when run again
"""

#: What the example reads: folders and files next to it, relative to its folder.
EXAMPLE_INPUTS = ("samples/",)
EXAMPLE_FEEDS: tuple[str, ...] = ()


def example_config(
    feeds: Sequence[str] = EXAMPLE_FEEDS, inputs: Sequence[str] = EXAMPLE_INPUTS
) -> str:
    """The commented example ``briefing.toml`` that ``briefing init`` writes."""

    def lines(items: Sequence[str], fallback: str) -> str:
        if not items:
            return f"    # {fallback}"
        return "\n".join(f'    "{item}",' for item in items)

    return EXAMPLE.format(
        user_config=user_config_path(),
        feeds=lines(feeds, '"https://example.com/news/rss.xml",'),
        inputs=lines(inputs, '"articles/",'),
    )


def write_example(path: Path, *, force: bool = False, text: str | None = None) -> Path:
    """Write the example configuration to ``path`` atomically; refuse to overwrite without force.

    ``path`` may be a folder, which gets a ``briefing.toml``.
    """
    from briefing.deliver import write_atomic

    target = Path(path).expanduser()
    if target.is_dir():
        target = target / FILE_NAME
    if target.exists() and not force:
        raise OutputError(f"{target}: already exists; add --force to overwrite it")
    write_atomic(target, example_config() if text is None else text)
    return target
