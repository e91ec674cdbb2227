"""Limits that keep hostile, broken or huge input from exhausting memory or time.

Every limit has a default that no real news article comes near, and each can be changed for a
run, either in code (``ingest(inputs, limits=Limits(max_file_bytes=...))``) or through an
environment variable (read by :meth:`Limits.from_env`, which :func:`briefing.ingest.ingest`
uses when no limits are passed). Sizes take an optional ``K``, ``M`` or ``G`` suffix
(``BRIEFING_MAX_FILE_BYTES=64M``).

=========================  ================================  ===========  ===================
limit                      environment variable              default      what happens
=========================  ================================  ===========  ===================
``max_file_bytes``         ``BRIEFING_MAX_FILE_BYTES``       32 MiB       file skipped unread
``max_article_chars``      ``BRIEFING_MAX_ARTICLE_CHARS``    200,000      article skipped
``max_html_depth``         ``BRIEFING_MAX_HTML_DEPTH``       512          page skipped
``max_markdown_nesting``   ``BRIEFING_MAX_MARKDOWN_NESTING`` 64           file read as text
=========================  ================================  ===========  ===================

* A file (or standard input) larger than ``max_file_bytes`` is skipped before it is read, so a
  100 MB file costs no memory and takes no time (split a big JSON Lines file, or raise the
  limit, to read it).
* An article whose text is longer than ``max_article_chars`` is skipped with its length in the
  reason: a news article is rarely over 50,000 characters, and a megabyte line with no full
  stop is a data dump, not something to summarise.
* HTML nested deeper than ``max_html_depth`` elements is no article page; it is skipped before
  the HTML parsers (whose recursion it could exhaust) see it.
* Markdown with block quotes or lists nested deeper than ``max_markdown_nesting`` levels is
  read as plain text, because Python-Markdown recurses once per level.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields

from briefing.errors import UsageError

__all__ = ["DEFAULT_LIMITS", "ENV_VARS", "Limits", "parse_size"]

#: Limit name → the environment variable that sets it.
ENV_VARS: dict[str, str] = {
    "max_file_bytes": "BRIEFING_MAX_FILE_BYTES",
    "max_article_chars": "BRIEFING_MAX_ARTICLE_CHARS",
    "max_html_depth": "BRIEFING_MAX_HTML_DEPTH",
    "max_markdown_nesting": "BRIEFING_MAX_MARKDOWN_NESTING",
}

_SIZE = re.compile(r"\s*(\d+)\s*([kmg]i?b?)?\s*", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(value: str) -> int:
    """``"64M"`` → 67108864; a plain number is taken as is. Raises :class:`ValueError`."""
    match = _SIZE.fullmatch(value)
    if not match:
        raise ValueError(f"{value!r} is not a size")
    unit = (match.group(2) or "")[:1].lower()
    return int(match.group(1)) * _UNITS[unit]


@dataclass(frozen=True)
class Limits:
    """The limits of one run; see the module documentation for what each one does."""

    max_file_bytes: int = 32 * 1024 * 1024
    max_article_chars: int = 200_000
    max_html_depth: int = 512
    max_markdown_nesting: int = 64

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise UsageError(f"limit {f.name} must be a positive whole number, not {value!r}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The defaults, overridden by any ``BRIEFING_MAX_*`` variable that is set.

        Raises :class:`~briefing.errors.UsageError` naming the variable when a value is not a
        positive size.
        """
        env = os.environ if environ is None else environ
        values: dict[str, int] = {}
        for name, variable in ENV_VARS.items():
            raw = env.get(variable, "").strip()
            if not raw:
                continue
            try:
                values[name] = parse_size(raw)
            except ValueError:
                raise UsageError(
                    f"{variable}={raw!r} is not a size; use a whole number, optionally with "
                    f"K, M or G (e.g. 64M)"
                ) from None
        return cls(**values)


#: The limits when nothing overrides them.
DEFAULT_LIMITS = Limits()
