"""briefing: turn news articles into faithful, structured briefings.

The pipeline (see :mod:`briefing.pipeline`) is ingest → clean → split → summarise →
extract → assemble → render → deliver. The records passed between stages live in
:mod:`briefing.models`.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
