"""Sharded cache folders on disk: atomic writes, scans and least-recently-used pruning.

The per-article cache (:mod:`briefing.cache`) and the HTTP cache (:mod:`briefing.fetch`) both
keep one file per entry in shard folders (``root/ab/abcdef...``). They share these pieces.
A cache that cannot be written is never an error, so callers catch :class:`OSError`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

# What is left of an entry being written: a writer that dies mid-write leaves it behind.
TEMP_PREFIX = ".tmp-"
# Pruning goes down to this share of the bound, so that the next writes do not prune again.
LOW_WATER = 0.8
# A temporary file this old was left by a killed run; a live writer renames within seconds.
STALE_TEMP_SECONDS = 3600.0


def write_atomic(path: Path, *chunks: bytes, suffix: str) -> None:
    """Write ``chunks`` to ``path``: a temporary file in the same folder, then one rename, so
    that readers see the old entry or the new one. The temporary file goes on any failure;
    :class:`OSError` is raised for the caller to ignore."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def sharded_files(root: Path) -> Iterator[os.DirEntry[str]]:
    """The regular files in the shard folders right under ``root`` (no symlinks); folders
    that cannot be read are skipped."""
    try:
        shards = list(os.scandir(root))
    except OSError:
        return
    for shard in shards:
        if not shard.is_dir(follow_symlinks=False):
            continue
        try:
            with os.scandir(shard.path) as files:
                yield from (f for f in files if f.is_file(follow_symlinks=False))
        except OSError:
            continue


def prune(files: Iterable[os.DirEntry[str]], bound: int) -> tuple[int, int]:
    """Remove the least recently written ``files`` while they hold more than ``bound`` bytes
    (down to :data:`LOW_WATER` of it), and temporary files older than
    :data:`STALE_TEMP_SECONDS`. Returns (entries removed, temporary files removed)."""
    now = time.time()
    entries: list[tuple[float, int, str]] = []
    temps = 0
    total = 0
    for entry in files:
        try:
            stat = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if entry.name.startswith(TEMP_PREFIX):
            if now - stat.st_mtime > STALE_TEMP_SECONDS:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    temps += 1
            continue
        entries.append((stat.st_mtime, stat.st_size, entry.path))
        total += stat.st_size
    if total <= bound:
        return 0, temps
    removed = 0
    target = int(bound * LOW_WATER)
    for _mtime, size, path in sorted(entries):
        if total <= target:
            break
        with contextlib.suppress(OSError):
            os.unlink(path)
            removed += 1
        total -= size
    return removed, temps
