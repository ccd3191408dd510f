"""The DuckDB store of documents, events, mentions, actors and curation (``faultlines.store``).

Only this package talks to DuckDB. See :class:`Store`.
"""

from faultlines.store.records import ActorSummary, DocumentRow, Dyad, Evidence, IngestStats
from faultlines.store.store import DYAD_MODALITIES, WINDOWS, Store, window_start_sql

__all__ = [
    "Store",
    "IngestStats",
    "Dyad",
    "ActorSummary",
    "DocumentRow",
    "Evidence",
    "DYAD_MODALITIES",
    "WINDOWS",
    "window_start_sql",
]
