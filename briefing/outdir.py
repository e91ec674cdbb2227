"""A folder of dated Markdown briefings with an index: ``briefing build --out-dir DIR``.

Each run writes ``DIR/YYYY-MM-DD-briefing.md`` (the briefing's date) with YAML front matter::

    ---
    title: "Morning briefing"
    date: 2024-05-14
    stories: 2
    sources:
      - "Reuters"
      - "NL Times"
    ---

and then rewrites ``DIR/index.md``, which lists every dated briefing in the folder, newest
first. Both files are written atomically. A day's file is never overwritten unless the caller
asks (``--replace``): a second run on the same day fails with a clear error instead.

Front-matter values are JSON strings, which are also valid YAML double-quoted strings, so static
site generators (Jekyll, Hugo, MkDocs) read them and so does :func:`read_front_matter`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import OutputError, UsageError
from briefing.models import Briefing

#: The name of the index file written next to the dated briefings.
INDEX_NAME = "index.md"

#: A dated briefing's file name.
FILE_PATTERN = re.compile(r"(\d{4}-\d{2}-\d{2})-briefing\.md")

# Characters YAML does not allow unescaped in a double-quoted scalar, though JSON does.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class IndexEntry:
    """A dated briefing found in the folder, as the index lists it."""

    date: str
    title: str
    stories: int | None
    path: Path


def dated_name(briefing: Briefing) -> str:
    """``"2024-05-14-briefing.md"`` for a briefing dated 14 May 2024."""
    date = briefing.date.strip()[:10]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise UsageError(
            f"the briefing's date {briefing.date!r} is not YYYY-MM-DD; pass --date YYYY-MM-DD"
        )
    return f"{date}-briefing.md"


def _yaml_string(value: str) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def source_names(briefing: Briefing) -> list[str]:
    """The outlets the briefing draws on, each once, in order of first appearance."""
    names: list[str] = []
    for story in briefing.stories:
        for source in story.sources:
            name = " ".join((source.source or source.title or source.url or "").split())
            if name and name not in names:
                names.append(name)
    return names


def front_matter(briefing: Briefing) -> str:
    """The YAML front matter block (with its ``---`` lines) for ``briefing``."""
    lines = [
        "---",
        f"title: {_yaml_string(' '.join(briefing.title.split()))}",
        f"date: {dated_name(briefing)[:10]}",
        f"stories: {len(briefing.stories)}",
    ]
    sources = source_names(briefing)
    if sources:
        lines.append("sources:")
        lines.extend(f"  - {_yaml_string(name)}" for name in sources)
    else:
        lines.append("sources: []")
    lines.append("---")
    return "\n".join(lines) + "\n"


def read_front_matter(text: str) -> dict[str, object]:
    """The front matter :func:`front_matter` writes, read back (``{}`` when there is none).

    Understands the subset it writes: ``key: value`` lines and ``- item`` lists, values being
    JSON-style strings, dates, integers or ``[]``.
    """
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}
    data: dict[str, object] = {}
    key: str | None = None
    for line in lines[1:]:
        if line.strip() == "---":
            return data
        item = re.fullmatch(r"\s+-\s+(.*)", line)
        if item and key is not None:
            current = data.get(key)
            if isinstance(current, list):
                current.append(_scalar(item.group(1)))
            continue
        pair = re.fullmatch(r"([A-Za-z_][\w-]*):\s*(.*)", line)
        if pair:
            key, raw = pair.group(1), pair.group(2).strip()
            data[key] = [] if raw in ("", "[]") else _scalar(raw)
    return {}


def _scalar(raw: str) -> object:
    raw = raw.strip()
    if raw.startswith('"'):
        with contextlib.suppress(json.JSONDecodeError):
            return json.loads(raw)
    if re.fullmatch(r"-?\d+", raw):
        return int(raw)
    return raw


def write_dated(
    briefing: Briefing, markdown_text: str, out_dir: Path, *, replace: bool = False
) -> Path:
    """Write ``markdown_text`` (the rendered briefing) as the day's file and update the index.

    Returns the path written. Raises :class:`~briefing.errors.OutputError` when the day's file
    exists and ``replace`` is false, or when the folder cannot be written.
    """
    folder = Path(out_dir).expanduser()
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"--out-dir {out_dir}: is a file; give a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"--out-dir {out_dir}: cannot create it ({exc.strerror or exc}); check permissions"
        ) from None
    target = folder / dated_name(briefing)
    text = front_matter(briefing) + "\n" + markdown_text.lstrip("\n")
    # Two runs into one folder at once would each rebuild the index from what they saw, and
    # the later rename would drop the other's briefing from it: one run at a time.
    with folder_lock(folder):
        if replace:
            from briefing.deliver import write_atomic

            write_atomic(target, text)
        else:
            _create_atomic(target, text, hint=f"pass --replace to overwrite {target.name}")
        write_index(folder)
    return target


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` itself (``flock`` on the directory).

    A second run into the same folder waits here until the first has written its briefing and
    the index. Locking the directory rather than a lock file leaves nothing behind in it.
    Where ``fcntl`` is missing (Windows), or the file system cannot lock a directory (some
    network file systems), runs are not serialised.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise OutputError(
            f"{folder}: cannot open ({exc.strerror or exc}); check permissions"
        ) from None
    try:
        # No directory locks on this file system: go on unlocked, as before locks existed.
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _create_atomic(path: Path, text: str, *, hint: str) -> None:
    # Written aside, then linked into place: the link fails if the file appeared meanwhile, so
    # two runs on the same day cannot both think they created it.
    from briefing.deliver import stage_text

    tmp: str | None = None
    try:
        tmp = stage_text(path.parent, path.name, text)
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise OutputError(f"{path}: a briefing for that day exists; {hint}") from None
        except OSError:
            # No hard links here (some network and FAT file systems): check, then rename.
            if path.exists():
                raise OutputError(f"{path}: a briefing for that day exists; {hint}") from None
            os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(
            f"{path}: cannot write ({exc.strerror or exc}); check permissions"
        ) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def index_entries(folder: Path) -> list[IndexEntry]:
    """The dated briefings in ``folder``, newest first."""
    entries: list[IndexEntry] = []
    for path in Path(folder).iterdir():
        match = FILE_PATTERN.fullmatch(path.name)
        if not match or not path.is_file():
            continue
        try:
            with path.open(encoding="utf-8", errors="replace") as handle:
                head = handle.read(64 * 1024)
        except OSError:
            continue
        meta = read_front_matter(head)
        title = meta.get("title")
        stories = meta.get("stories")
        entries.append(
            IndexEntry(
                date=match.group(1),
                title=title if isinstance(title, str) and title else "Briefing",
                stories=stories if isinstance(stories, int) else None,
                path=path,
            )
        )
    entries.sort(key=lambda entry: entry.date, reverse=True)
    return entries


def render_index(entries: list[IndexEntry]) -> str:
    """The index page: a Markdown list of links to the dated briefings."""
    from briefing.render import long_date, md_escape, md_url

    lines = ["---", 'title: "Briefings"', "---", "", "# Briefings", ""]
    if not entries:
        lines.append("No briefings yet.")
    for entry in entries:
        count = ""
        if entry.stories is not None:
            count = f" · {entry.stories} stor{'y' if entry.stories == 1 else 'ies'}"
        lines.append(
            f"- [{md_escape(long_date(entry.date))}]({md_url(entry.path.name)}) — "
            f"{md_escape(entry.title)}{count}"
        )
    return "\n".join(lines) + "\n"


def write_index(folder: Path) -> Path:
    """Rewrite ``folder/index.md`` from the dated briefings found there; return its path."""
    from briefing.deliver import write_atomic

    path = Path(folder) / INDEX_NAME
    write_atomic(path, render_index(index_entries(folder)))
    return path
