"""Dyads and signed graphs per time window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

import networkx as nx

from faultlines.errors import ConfigError
from faultlines.network.graph import build_signed_graph
from faultlines.store import DYAD_MODALITIES, ActorSummary, Dyad, Store

__all__ = ["dyad_series", "graphs_by_window"]


def dyad_series(
    source: Store | Iterable[Dyad],
    window: str = "quarter",
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    modalities: Iterable[str] | None = DYAD_MODALITIES,
    evidence: int = 3,
    min_confidence: float | None = None,
) -> list[Dyad]:
    """Dyads per time window, ordered by window then pair.

    From a store, aggregated in DuckDB (``store.dyads(window=...)``, only the events whose
    confidence reaches ``min_confidence`` and those without one); from dyads, they must
    already carry a window (``Dyad.window``) and ``min_confidence`` does not apply.

    >>> d = Dyad("A", "B", "A", "B", dt.date(2006, 4, 1), 1, 1, 1.0, 1, 0, None, None)
    >>> [x.window.isoformat() for x in dyad_series([d])]
    ['2006-04-01']
    """
    if isinstance(source, Store):
        return source.dyads(since=since, until=until, window=window, modalities=modalities,
                            evidence=evidence, min_confidence=min_confidence)
    dyads = list(source)
    missing = [d for d in dyads if d.window is None]
    if missing:
        raise ConfigError(
            f"dyad {missing[0].a}-{missing[0].b} has no time window; ask the store for windowed "
            f"dyads with store.dyads(window={window!r})")
    return sorted(dyads, key=lambda d: (d.window, d.a, d.b))


def graphs_by_window(
    source: Store | Iterable[Dyad],
    window: str = "quarter",
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    modalities: Iterable[str] | None = DYAD_MODALITIES,
    actors: Iterable[ActorSummary] | None = None,
    zero: Literal["keep", "drop"] = "keep",
    evidence: int = 3,
    min_confidence: float | None = None,
) -> dict[dt.date, nx.Graph]:
    """One signed graph per time window (keyed by the window's first day, in order).

    Each graph's ``G.graph["window"]`` is its window start and ``G.graph["window_size"]`` the
    window name. With a store, node attributes come from ``store.actors()`` and
    ``min_confidence`` filters the events as in :func:`dyad_series`.

    >>> ds = [Dyad("A", "B", "A", "B", dt.date(2006, m, 1), 1, s, 1.0, 1, 0, None, None)
    ...       for m, s in ((1, 1), (4, -1))]
    >>> {w.month: G.edges["A", "B"]["sign"] for w, G in graphs_by_window(ds).items()}
    {1: 1, 4: -1}
    """
    dyads = dyad_series(source, window, since=since, until=until, modalities=modalities,
                        evidence=evidence, min_confidence=min_confidence)
    if actors is None and isinstance(source, Store):
        actors = source.actors()
    actor_list = list(actors or ())
    grouped: dict[dt.date, list[Dyad]] = {}
    for d in dyads:
        grouped.setdefault(d.window, []).append(d)  # type: ignore[arg-type]
    graphs: dict[dt.date, nx.Graph] = {}
    for start in sorted(grouped):
        G = build_signed_graph(grouped[start], actor_list, zero=zero)
        G.graph.update(window=start, window_size=window)
        graphs[start] = G
    return graphs


