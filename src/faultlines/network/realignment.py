"""Realignments (dyads whose sign flips between time windows) and pressure edges (edges whose
sign flip would most reduce frustration)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import networkx as nx

from faultlines.network.balance import Frustration, _Signed, frustration_index
from faultlines.network.graph import signed_edges
from faultlines.network.results import Record, ResultTable
from faultlines.network.temporal import graphs_by_window
from faultlines.store import DYAD_MODALITIES, Dyad, Evidence, Store

__all__ = ["Realignment", "PressureEdge", "realignments", "pressure_edges"]


@dataclass(frozen=True)
class Realignment(Record):
    """A dyad whose sign changed between the last window it was seen in and a later one."""

    a: Any
    b: Any
    a_name: str
    b_name: str
    before: dt.date  # start of the window with the old sign
    after: dt.date  # start of the window with the new sign
    sign_before: int
    sign_after: int
    net_before: int
    net_after: int
    count_before: int
    count_after: int
    event_ids_before: tuple[str, ...]
    event_ids_after: tuple[str, ...]
    evidence_before: tuple[Evidence, ...] = field(default=(), repr=False)
    evidence_after: tuple[Evidence, ...] = field(default=(), repr=False)

    columns: ClassVar[tuple[str, ...]] = (
        "a_name", "b_name", "before", "after", "sign_before", "sign_after", "net_before",
        "net_after",
    )

    @property
    def kind(self) -> str:
        """``"rapprochement"`` (towards +), ``"rupture"`` (towards -) or ``"drift"`` (to 0)."""
        if self.sign_after > self.sign_before:
            return "rapprochement" if self.sign_after > 0 else "drift"
        return "rupture" if self.sign_after < 0 else "drift"

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d["kind"] = self.kind
        return d


def realignments(
    source: Mapping[dt.date, nx.Graph] | Store | Iterable[Dyad],
    window: str = "quarter",
    *,
    store: Store | None = None,
    include_ambivalent: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
    modalities: Iterable[str] | None = DYAD_MODALITIES,
    evidence: int = 3,
    min_confidence: float | None = None,
) -> ResultTable[Realignment]:
    """Dyads whose sign changes from one time window to a later one, with evidence on both sides.

    Each dyad's sign in a window is compared with its sign in the last earlier window in which
    the pair interacted (windows without events carry no sign). By default only flips between
    +1 and -1 count; ``include_ambivalent`` also reports moves to and from 0.

    Parameters
    ----------
    source
        ``{window_start: graph}`` from :func:`graphs_by_window`, a store, or windowed dyads.
    window
        Window size when ``source`` is a store or dyads.
    store
        Where to fetch the evidence sentences of ``event_ids_before/after`` (a store
        ``source`` is used automatically).
    min_confidence
        With a store ``source``: only the events whose confidence reaches it, and those
        without one (see :meth:`faultlines.store.Store.dyads`).

    Examples
    --------
    >>> ds = [Dyad("A", "B", "A", "B", dt.date(2006, m, 1), 2, s, 2.0, 1, 1, None, None,
    ...            (f"e{m}",)) for m, s in ((1, 2), (4, 0), (7, -1))]
    >>> r = realignments(ds)[0]
    >>> (r.before.month, r.after.month, r.sign_before, r.sign_after, r.kind, r.event_ids_after)
    (1, 7, 1, -1, 'rupture', ('e7',))

    References
    ----------
    Doreian, P. & Krackhardt, D. (2001). Pre-transitive balance mechanisms for signed networks.
    *Journal of Mathematical Sociology* 25(1), 43-67 (change of signed ties over time).
    """
    if isinstance(source, Store):
        store = store or source
    if isinstance(source, Mapping):
        graphs = dict(source)
    else:
        graphs = graphs_by_window(source, window, since=since, until=until,
                                  modalities=modalities, evidence=evidence,
                                  min_confidence=min_confidence)
    last: dict[tuple[Any, Any], tuple[dt.date, dict[str, Any]]] = {}
    out: ResultTable[Realignment] = ResultTable(columns=Realignment.columns)
    for start in sorted(graphs):
        G = graphs[start]
        for u, v, data in G.edges(data=True):
            key = (u, v) if _sort(u) <= _sort(v) else (v, u)
            sign = data.get("sign", 0)
            previous = last.get(key)
            if sign == 0 and not include_ambivalent:
                continue  # an ambivalent window neither confirms nor breaks the last sign
            last[key] = (start, data)
            if previous is None:
                continue
            before, old = previous
            if old.get("sign", 0) == sign:
                continue
            if not include_ambivalent and 0 in (old.get("sign", 0), sign):
                continue
            out.append(Realignment(
                a=key[0], b=key[1], a_name=str(G.nodes[key[0]].get("name", key[0])),
                b_name=str(G.nodes[key[1]].get("name", key[1])), before=before, after=start,
                sign_before=old.get("sign", 0), sign_after=sign,
                net_before=old.get("net_polarity", 0), net_after=data.get("net_polarity", 0),
                count_before=old.get("count", 0), count_after=data.get("count", 0),
                event_ids_before=tuple(old.get("event_ids", ())),
                event_ids_after=tuple(data.get("event_ids", ())),
            ))
    if store is not None:
        out = ResultTable([_with_evidence(r, store) for r in out], columns=Realignment.columns)
    return out


def _with_evidence(r: Realignment, store: Store) -> Realignment:
    from dataclasses import replace

    return replace(r, evidence_before=tuple(store.evidence_by_ids(r.event_ids_before)),
                   evidence_after=tuple(store.evidence_by_ids(r.event_ids_after)))


def _sort(node: Any) -> tuple[str, str]:
    return (type(node).__name__, str(node))


@dataclass(frozen=True)
class PressureEdge(Record):
    """An edge whose sign flip would lower the frustration index by ``reduction``."""

    u: Any
    v: Any
    u_name: str
    v_name: str
    sign: int
    weight: float
    reduction: float  # exact when the frustration partition is optimal
    unbalanced_triangles: int  # triangles through the edge that are unbalanced now
    balanced_triangles: int  # ... and that are balanced now (a flip unbalances them)
    event_ids: tuple[str, ...]

    columns: ClassVar[tuple[str, ...]] = (
        "u_name", "v_name", "sign", "weight", "reduction", "unbalanced_triangles",
        "balanced_triangles",
    )


def pressure_edges(
    G: nx.Graph,
    frustration: Frustration | None = None,
    *,
    weight: str | None = None,
    sign: str = "sign",
    limit: int | None = None,
    time_limit: float = 10,
) -> ResultTable[PressureEdge]:
    """The edges whose sign flip would most reduce the frustration index.

    Flipping one edge changes the cost of every partition by exactly its weight ``w``, up or
    down, so the frustration index can drop by at most ``w``; it drops by exactly ``w`` for an
    edge frustrated by an optimal partition (that partition then costs ``L - w``). Those are
    the edges returned, by reduction, then by how many more unbalanced than balanced triangles
    run through them (local pressure, Cartwright & Harary 1956). With a non-optimal
    (heuristic) partition the reductions are what that partition shows, not a proof.

    Examples
    --------
    >>> G = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": 1}),
    ...               ("a", "c", {"sign": -1}), ("a", "d", {"sign": 1}),
    ...               ("c", "d", {"sign": 1})])
    >>> [(e.u, e.v, e.reduction) for e in pressure_edges(G)]
    [('a', 'c', 1.0)]

    References
    ----------
    Aref, S. & Wilson, M. C. (2019). Balance and frustration in signed networks. *Journal of
    Complex Networks* 7(2), 163-189.
    """
    if frustration is None:
        frustration = frustration_index(G, weight=weight, time_limit=time_limit, sign=sign)
    view = _Signed(G, sign, weight)
    unbalanced = [0] * len(view.edges)
    balanced = [0] * len(view.edges)
    for tri in view.triangles():
        target = unbalanced if view.negatives(tri) % 2 else balanced
        for e in tri:
            target[e] += 1
    weights = {(u, v): (s, w) for u, v, s, w in signed_edges(G, sign, weight)}
    out = []
    for u, v in frustration.frustrated_edges:
        s, w = weights[(u, v)] if (u, v) in weights else weights[(v, u)]
        e = view.adj[view.index[u]][view.index[v]]
        out.append(PressureEdge(
            u=u, v=v, u_name=str(G.nodes[u].get("name", u)),
            v_name=str(G.nodes[v].get("name", v)), sign=s, weight=w, reduction=w,
            unbalanced_triangles=unbalanced[e], balanced_triangles=balanced[e],
            event_ids=tuple(G.edges[u, v].get("event_ids", ()))))
    out.sort(key=lambda p: (-p.reduction, -(p.unbalanced_triangles - p.balanced_triangles),
                            _sort(p.u), _sort(p.v)))
    return ResultTable(out[:limit] if limit is not None else out, columns=PressureEdge.columns)
