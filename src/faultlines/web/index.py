"""Answers to the explorer's questions, from a :class:`ReportData` held in memory.

The explorer reads the store once (read-only) into ``ReportData`` and answers every request from
memory, so requests never hold a DuckDB connection and the page shows exactly what
``faultlines report`` would write. :class:`DataSource` reloads when the database file changes.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from faultlines.errors import FaultlinesError
from faultlines.report.collect import (
    analyse_signed_graph,
    camp_support_of,
    collect_report_data,
    open_store_read_only,
)
from faultlines.report.data import (
    EDGE_MODALITIES,
    ReportData,
    ReportEvent,
    aggregate_edges,
    aggregate_places,
    balance_to_json,
    compute_timelines,
    dyad_key,
    edge_to_json,
    event_to_json,
    filter_events,
    signed_graph,
)

__all__ = ["ExplorerIndex", "DataSource", "load_store", "MAX_LIMIT", "BALANCE_CACHE_SIZE",
           "SOLVER_SLOTS"]

#: Date ranges whose balance and camps the explorer remembers (oldest forgotten first).
BALANCE_CACHE_SIZE = 256
#: Date ranges solved at the same time; further requests wait for a slot.
SOLVER_SLOTS = 1

log = logging.getLogger(__name__)

#: Most events one request returns; ask again with ``offset`` for more.
MAX_LIMIT = 5000


class ExplorerIndex:
    """Lookups over one ``ReportData``: events by dyad and actor, networks by date range."""

    def __init__(self, data: ReportData) -> None:
        self.data = data
        self.documents = {d.id: d for d in data.documents}
        self.nodes = {n.id: n for n in data.nodes}
        self.by_dyad: dict[str, list[ReportEvent]] = defaultdict(list)
        self._balance_cache: dict[tuple[dt.date | None, dt.date | None, float],
                                  dict[str, Any]] = {}
        self._balance_lock = threading.Lock()
        self._solver_slots = threading.BoundedSemaphore(SOLVER_SLOTS)
        self._levels: dict[str, ExplorerIndex] = {"actor": self}
        self._levels_lock = threading.Lock()
        for event in data.events:
            if event.recipient is not None and event.recipient != event.actor:
                self.by_dyad[dyad_key(event.actor, event.recipient)].append(event)

    def at(self, level: str) -> ExplorerIndex:
        """The index of the same data at another aggregation level (built once, then kept).

        >>> from faultlines.report.data import ReportData
        >>> index = ExplorerIndex(ReportData("t", (), (), ()))
        >>> index.at("actor") is index
        True
        """
        with self._levels_lock:
            if level not in self._levels:
                self._levels[level] = ExplorerIndex(self.data.at_level(level))
            return self._levels[level]

    def event_json(self, event: ReportEvent) -> dict[str, Any]:
        """An event with its document's title, outlet, date and URL under ``document``."""
        row = event_to_json(event)
        doc = self.documents.get(event.doc_id)
        row["document"] = None if doc is None else {
            "title": doc.title, "source": doc.source,
            "date": doc.date.isoformat() if doc.date else None, "url": doc.url,
            "author": doc.author,
        }
        return row

    def meta(self) -> dict[str, Any]:
        first, last = self.data.date_range
        return {
            "title": self.data.title,
            "generated": self.data.generated,
            "date_min": first.isoformat() if first else None,
            "date_max": last.isoformat() if last else None,
            "event_count": len(self.data.events),
            "event_types": sorted({e.event_type for e in self.data.events}),
            "edge_modalities": sorted(EDGE_MODALITIES),
            "min_confidence": self.data.min_confidence,
            "with_confidence": sum(e.confidence is not None for e in self.data.events),
        }

    def actors(self) -> list[dict[str, Any]]:
        return [
            {"id": n.id, "name": n.name, "mentions": n.mentions, "country": n.country,
             "sector": n.sector, "camp": n.camp, "x": round(n.x, 4), "y": round(n.y, 4)}
            for n in self.data.nodes
        ]

    def events(self, *, since: dt.date | None = None, until: dt.date | None = None,
               actor: str | None = None, event_type: str | None = None, q: str | None = None,
               limit: int = 200, offset: int = 0,
               min_confidence: float | None = None) -> dict[str, Any]:
        """Events in date order, filtered like the report's table; ``total`` counts all matches.

        ``q`` is a case-insensitive substring of the sentence, type, outlet, attribution,
        trigger, document id or title, or either actor's id or name. ``min_confidence`` here
        and in the other methods keeps the events whose confidence reaches it, and those
        without one (:func:`faultlines.report.data.filter_events`).
        """
        events = filter_events(self.data.events, since, until, min_confidence=min_confidence)
        if actor:
            events = [e for e in events if actor in (e.actor, e.recipient)]
        if event_type:
            events = [e for e in events if e.event_type == event_type]
        if q:
            needle = q.lower()
            events = [e for e in events if needle in self._haystack(e)]
        window = events[offset:offset + min(limit, MAX_LIMIT)]
        return {"total": len(events), "events": [self.event_json(e) for e in window]}

    def _haystack(self, event: ReportEvent) -> str:
        doc = self.documents.get(event.doc_id)
        names = [self.nodes[i].name for i in (event.actor, event.recipient) if i in self.nodes]
        parts = [event.sentence, event.event_type, event.source, event.attributed_to,
                 event.trigger, event.doc_id, event.actor, event.recipient,
                 doc.title if doc else None, *names]
        return "\x01".join(p for p in parts if p).lower()

    def network(self, since: dt.date | None = None, until: dt.date | None = None,
                min_confidence: float | None = None) -> dict[str, Any]:
        """All actors (with fixed positions) and the signed dyads of events in the range."""
        if since is None and until is None and not min_confidence:
            edges = list(self.data.edges)
        else:
            edges = aggregate_edges(filter_events(self.data.events, since, until,
                                                  min_confidence=min_confidence))
        return {"nodes": self.actors(), "edges": [edge_to_json(e) for e in edges]}

    def places(self, since: dt.date | None = None, until: dt.date | None = None,
               min_confidence: float | None = None) -> dict[str, Any]:
        """Located events in the range grouped by point and quad (the map's points)."""
        return {"points": aggregate_places(filter_events(self.data.events, since, until,
                                                         min_confidence=min_confidence))}

    def balance(self, since: dt.date | None = None, until: dt.date | None = None,
                min_confidence: float | None = None) -> dict[str, Any]:
        """Balance summary and camps, of the whole period or of a date range.

        Answers are cached per date range (at most :data:`BALANCE_CACHE_SIZE` ranges), and at
        most :data:`SOLVER_SLOTS` ranges are solved at once: the solver is CPU-bound, and a
        burst of requests must not starve the cheap ones (``/api/meta``, ``/api/events``).
        """
        if since is None and until is None and not min_confidence:
            balance, camps = self.data.balance, [list(c.members) for c in self.data.camps]
            return {"balance": balance_to_json(balance),
                    "camps": [{"id": i, "members": m} for i, m in enumerate(camps)],
                    "support": self.data.support}
        key = (since, until, float(min_confidence or 0.0))
        with self._balance_lock:
            cached = self._balance_cache.get(key)
        if cached is not None:
            return cached
        with self._solver_slots:
            with self._balance_lock:  # another request may have solved it while we waited
                cached = self._balance_cache.get(key)
            if cached is not None:
                return cached
            edges = aggregate_edges(filter_events(self.data.events, since, until,
                                                  min_confidence=min_confidence))
            ids = sorted({e.source for e in edges} | {e.target for e in edges})
            # A short solver budget: this answers a web request.
            graph = signed_graph(ids, edges)
            found, balance = analyse_signed_graph(graph, time_limit=2.0)
            answer = {"balance": balance_to_json(balance),
                      "camps": [{"id": i, "members": list(c.members)}
                                for i, c in enumerate(found)],
                      "support": camp_support_of(graph)}
        with self._balance_lock:
            if len(self._balance_cache) >= BALANCE_CACHE_SIZE:
                self._balance_cache.pop(next(iter(self._balance_cache)))
            self._balance_cache[key] = answer
        return answer

    def evidence(self, a: str, b: str, *, since: dt.date | None = None,
                 until: dt.date | None = None, limit: int = MAX_LIMIT,
                 min_confidence: float | None = None) -> dict[str, Any]:
        """Every event between ``a`` and ``b`` (either direction, any modality) in the range."""
        events = filter_events(self.by_dyad.get(dyad_key(a, b), []), since, until,
                               min_confidence=min_confidence)
        return {"total": len(events),
                "events": [self.event_json(e) for e in events[:min(limit, MAX_LIMIT)]]}

    def timeline(self, a: str, b: str, min_confidence: float | None = None) -> dict[str, Any]:
        """Monthly counts of one dyad over the whole period."""
        key = dyad_key(a, b)
        if min_confidence:
            kept = filter_events(self.by_dyad.get(key, []), min_confidence=min_confidence)
            points = compute_timelines(kept).get(key, ())
        else:
            points = self.data.timelines.get(key, ())
        return {"points": [{"period": p.period, "cooperation": p.cooperation,
                            "conflict": p.conflict, "net": p.net} for p in points]}


class DataSource:
    """Hands out an :class:`ExplorerIndex`, rebuilt when the database file changes.

    When the file changed but cannot be read (an ingest is writing to it), the data already
    loaded is kept and the reload is tried again on the next request.

    Parameters
    ----------
    db_path
        The DuckDB store; opened read-only, only while loading.
    load
        How to turn the path into ReportData (default: read the store).
    """

    def __init__(self, db_path: str | os.PathLike[str],
                 load: Callable[[Path], ReportData] | None = None) -> None:
        self.path = Path(db_path)
        self._load = load or load_store
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._index: ExplorerIndex | None = None
        self.current()  # fail at start-up, with the store's message, not at the first request

    def _file_stamp(self) -> tuple[int, int]:
        stat = self.path.stat()
        return stat.st_mtime_ns, stat.st_size

    def current(self) -> ExplorerIndex:
        with self._lock:
            try:
                stamp = self._file_stamp()
            except FileNotFoundError:
                stamp = None
            if self._index is None:
                self._index = ExplorerIndex(self._load(self.path))
                self._stamp = stamp
            elif stamp is not None and stamp != self._stamp:
                try:
                    self._index = ExplorerIndex(self._load(self.path))
                    self._stamp = stamp
                except FaultlinesError as exc:
                    # An ingest holds the write lock: keep showing what we have, retry later.
                    log.warning("keeping the loaded data: %s", exc)
            return self._index


def load_store(path: Path, min_confidence: float | None = None) -> ReportData:
    """The explorer's data from the store at ``path`` (events at or above ``min_confidence``)."""
    with open_store_read_only(path) as store:
        return collect_report_data(store, title=f"faultlines explorer: {path.name}",
                                   min_confidence=min_confidence)
