"""Shared test fixtures."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """Keep the suite away from the developer's own settings and caches.

    No ``briefing.toml`` from the working folder or the user's config folder applies (tests of
    the settings file set ``BRIEFING_CONFIG`` themselves), and the per-article cache starts
    empty in a folder of its own, so no test passes on a result an earlier run left behind.
    Converted models stay where they are (``BRIEFING_CACHE_DIR``): converting one again
    costs a minute.
    """
    os.environ.setdefault("BRIEFING_CONFIG", "none")
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    models = Path(xdg) / "briefing" if xdg else Path.home() / ".cache" / "briefing"
    os.environ.setdefault("BRIEFING_CACHE_DIR", str(models))
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="briefing-test-cache-")


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The folder of sample articles shipped with the project."""
    return ROOT / "samples"


@pytest.fixture(scope="session")
def junk_lines() -> list[str]:
    """Scraped junk found in the samples; none of it may appear in any output."""
    lines = (ROOT / "tests" / "junk_lines.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]
