"""``briefing templates list`` and ``briefing templates copy``: start a theme from the defaults.

A theme is a folder of templates passed with ``--templates DIR``; any template found there
replaces the packaged default of the same name, and ``{% extends "!default/NAME" %}`` reuses a
default while overriding one block.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import OutputError, UsageError
from briefing.render import EMAIL_TEMPLATE_NAMES, TEMPLATE_NAMES, default_templates_dir

_PURPOSES = {
    "briefing.md": "Markdown briefing (build --format markdown, --out-dir, preview)",
    "briefing.html": "web page (build --format html, preview --open)",
    "briefing.json": "JSON document (build --format json)",
    "briefing.email.html": "e-mail, HTML part (build --format email)",
    "briefing.txt": "e-mail, plain-text part (build --format email)",
}


@dataclass(frozen=True)
class TemplateInfo:
    """A template name, what it renders, and the file that will be used for it."""

    name: str
    purpose: str
    path: Path
    overridden: bool


def template_names() -> list[str]:
    """Every template briefing renders, document formats first."""
    return [*TEMPLATE_NAMES.values(), *EMAIL_TEMPLATE_NAMES.values()]


def list_templates(user_dir: Path | None = None) -> list[TemplateInfo]:
    """The templates, each with the file used: the user's when ``user_dir`` has it."""
    if user_dir is not None and not Path(user_dir).is_dir():
        raise UsageError(f"--templates {user_dir}: no such folder")
    defaults = default_templates_dir()
    found = []
    for name in template_names():
        mine = Path(user_dir) / name if user_dir is not None else None
        overridden = mine is not None and mine.is_file()
        found.append(
            TemplateInfo(
                name=name,
                purpose=_PURPOSES.get(name, ""),
                path=mine if overridden and mine is not None else defaults / name,
                overridden=overridden,
            )
        )
    return found


def copy_templates(
    destination: Path, names: Sequence[str] = (), *, force: bool = False
) -> list[Path]:
    """Copy the default templates (all, or ``names``) into ``destination``; return the copies.

    Nothing is written when any target exists and ``force`` is false, so a theme is never
    half-overwritten. The folder is created when missing.
    """
    from briefing.deliver import write_atomic

    known = template_names()
    unknown = [name for name in names if name not in known]
    if unknown:
        raise UsageError(f"unknown template {unknown[0]!r}; choose from: {', '.join(known)}")
    chosen = list(dict.fromkeys(names)) or known
    folder = Path(destination).expanduser()
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{destination}: is a file; give a folder to copy the templates into")
    existing = [name for name in chosen if (folder / name).exists()]
    if existing and not force:
        raise OutputError(
            f"{folder / existing[0]}: exists; pass --force to overwrite "
            f"{'it' if len(existing) == 1 else f'the {len(existing)} existing templates'}"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{destination}: cannot create it ({exc.strerror or exc})") from None
    defaults = default_templates_dir()
    written = []
    for name in chosen:
        write_atomic(folder / name, (defaults / name).read_text(encoding="utf-8"))
        written.append(folder / name)
    return written
