"""Shared test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The folder of sample articles shipped with the project."""
    return ROOT / "samples"


@pytest.fixture(scope="session")
def junk_lines() -> list[str]:
    """Scraped junk found in the samples; none of it may appear in any output."""
    lines = (ROOT / "tests" / "junk_lines.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]
