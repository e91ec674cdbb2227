"""The deliver stage: write rendered briefings where the user asked, atomically."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from briefing.errors import OutputError


def stage_text(directory: Path, name: str, text: str, *, encoding: str = "utf-8") -> str:
    """Write ``text`` to a new temporary file in ``directory``, beside ``name``, flushed to
    disk and with the permissions an ordinary file gets; return its path.

    The caller moves it into place (a rename or a link) and removes it when that fails. An
    error while writing removes it here and propagates.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600 files; a briefing is an ordinary document.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half.

    The text goes to a temporary file in the same directory, is flushed to disk, and then
    replaces ``path`` in one rename.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(
            f"{path}: directory {directory} does not exist; create it first or choose another -o"
        )
    if path.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name to -o")
    tmp: str | None = None
    try:
        tmp = stage_text(directory, path.name, text, encoding=encoding)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise OutputError(
            f"{path}: cannot write ({exc.strerror or exc}); check permissions"
        ) from None
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise


def deliver(text: str, output: Path | None) -> None:
    """Write to ``output`` atomically, or to standard output when it is ``None`` or ``-``."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")
        sys.stdout.flush()
        return
    write_atomic(output, text)
