"""A summariser that kills its own process, for the Ray engine's failure tests.

Ray workers import it by name (``--summarizer ray_crashy:CrashingLead``); the test puts this
folder on the workers' ``PYTHONPATH``. An article containing ``CRASH-ONCE`` kills the first
worker that summarises it (a marker file in ``$BRIEFING_CRASH_DIR`` remembers it happened);
one containing ``CRASH-ALWAYS`` kills every worker that tries.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from summarizers.base import Summary
from summarizers.lead import Lead


class CrashingLead(Lead):
    name = "lead"

    def __call__(self, document: str | Sequence[str], *, title: str | None = None) -> Summary:
        text = document if isinstance(document, str) else " ".join(document)
        if "CRASH-ALWAYS" in text:
            os._exit(1)
        if "CRASH-ONCE" in text:
            marker = Path(os.environ["BRIEFING_CRASH_DIR"]) / "crashed-once"
            if not marker.exists():
                marker.touch()
                os._exit(1)
        return super().__call__(document, title=title)
