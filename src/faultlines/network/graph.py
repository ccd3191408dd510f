"""Build signed actor graphs from dyads and write them as JSON, GraphML or GEXF."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Literal

import networkx as nx

from faultlines.errors import ConfigError
from faultlines.store import DYAD_MODALITIES, ActorSummary, Dyad, Store

__all__ = ["build_signed_graph", "graph_from_store", "mark_codes_and_outlets", "write_graph",
           "sign_of", "signed_edges"]


def sign_of(net_polarity: float) -> int:
    """The sign of a dyad: +1 (allied), -1 (hostile) or 0 (ambivalent: as much cooperation as
    conflict).

    >>> sign_of(3), sign_of(-1), sign_of(0)
    (1, -1, 0)
    """
    return (net_polarity > 0) - (net_polarity < 0)


def _dyad_rows(dyads: Iterable[Dyad] | Any) -> Iterator[Dyad]:
    if hasattr(dyads, "to_pylist"):  # a pyarrow Table from Store.dyads_table
        for row in dyads.to_pylist():
            row.setdefault("event_ids", ())
            row["event_ids"] = tuple(row["event_ids"] or ())
            yield Dyad(**row)
    else:
        yield from dyads


def build_signed_graph(
    dyads: Iterable[Dyad] | Any,
    actors: Iterable[ActorSummary] | None = None,
    *,
    zero: Literal["keep", "drop"] = "keep",
    weight: Literal["count", "scale"] = "count",
) -> nx.Graph:
    """An undirected signed graph of actors from (undirected) dyads.

    Each edge carries ``sign`` (+1/-1 from the net polarity; 0 when cooperation and conflict
    cancel out), ``weight`` (absolute net polarity), ``count``, ``net_polarity``, ``scale``
    (summed PLOVER event scale; with ``weight="scale"`` the sign and weight come from it, so an
    airstrike weighs more than a complaint),
    ``cooperative``, ``conflictual``, ``intensity``, ``first_date``, ``last_date`` and
    ``event_ids`` (a sample of evidence). Dyads for the same pair (several windows, or both
    directions) are summed first. Nodes carry ``name``, ``country``, ``sector`` and ``mentions``
    (from ``actors`` when given, else 0) and ``events`` (summed edge counts).

    Ambivalent (sign 0) edges are kept by default so they can be shown, and every balance
    measure in :mod:`faultlines.network.balance` ignores them (an edge with no sign can
    neither balance nor frustrate a cycle). ``zero="drop"`` leaves them out.

    Parameters
    ----------
    dyads
        ``Store.dyads()`` output (a list of :class:`~faultlines.store.Dyad`) or
        ``Store.dyads_table()`` (a pyarrow Table).
    actors
        ``Store.actors()``, for node attributes.
    zero
        ``"keep"`` or ``"drop"`` edges whose net polarity is 0.
    weight
        ``"count"``: sign and weight from the net polarity (each event counts one);
        ``"scale"``: from the summed PLOVER ``event_scale`` (-10..+10 per event).

    Examples
    --------
    >>> d = Dyad("A", "B", "Ay", "Bee", None, 3, 1, 3.0, 2, 1, None, None)
    >>> G = build_signed_graph([d])
    >>> G.edges["A", "B"]["sign"], G.edges["A", "B"]["weight"], G.nodes["B"]["name"]
    (1, 1, 'Bee')

    References
    ----------
    Harary, F. (1953). On the notion of balance of a signed graph. *Michigan Mathematical
    Journal* 2(2), 143-146.
    """
    if zero not in ("keep", "drop"):
        raise ConfigError(f"zero must be 'keep' or 'drop', got {zero!r}")
    if weight not in ("count", "scale"):
        raise ConfigError(f"weight must be 'count' or 'scale', got {weight!r}")
    G = nx.Graph()
    windows: set[Any] = set()
    for d in _dyad_rows(dyads):
        if d.a == d.b:
            continue
        windows.add(d.window)
        for node, name in ((d.a, d.a_name), (d.b, d.b_name)):
            if node not in G:
                G.add_node(node, name=name, country=None, sector=None, mentions=0, events=0)
            G.nodes[node]["events"] += d.count
        if G.has_edge(d.a, d.b):
            e = G.edges[d.a, d.b]
            e["count"] += d.count
            e["net_polarity"] += d.net_polarity
            e["cooperative"] += d.cooperative
            e["conflictual"] += d.conflictual
            e["intensity"] += d.intensity
            e["scale"] += d.scale
            e["first_date"] = _min_date(e["first_date"], d.first_date)
            e["last_date"] = _max_date(e["last_date"], d.last_date)
            e["event_ids"] = tuple(dict.fromkeys((*e["event_ids"], *d.event_ids)))
        else:
            G.add_edge(d.a, d.b, count=d.count, net_polarity=d.net_polarity,
                       cooperative=d.cooperative, conflictual=d.conflictual,
                       intensity=d.intensity, scale=d.scale, first_date=d.first_date,
                       last_date=d.last_date, event_ids=tuple(d.event_ids))
    basis = "net_polarity" if weight == "count" else "scale"
    for _u, _v, e in G.edges(data=True):
        e["sign"] = sign_of(e[basis])
        e["weight"] = abs(e[basis])
    G.graph["weight"] = weight
    if zero == "drop":
        G.remove_edges_from([(u, v) for u, v, s in G.edges(data="sign") if s == 0])
        G.remove_nodes_from([n for n in list(G) if G.degree(n) == 0])
    for actor in actors or ():
        if actor.id in G:
            G.nodes[actor.id].update(name=actor.name, country=actor.country,
                                     sector=actor.sector, mentions=actor.mention_count)
    G.graph["window"] = next(iter(windows)) if len(windows) == 1 else None
    return G


def graph_from_store(
    store: Store,
    since: dt.date | None = None,
    until: dt.date | None = None,
    *,
    modalities: Iterable[str] | None = DYAD_MODALITIES,
    zero: Literal["keep", "drop"] = "keep",
    evidence: int = 3,
    doc_id: str | None = None,
    source: str | None = None,
    weight: Literal["count", "scale"] = "count",
    min_confidence: float | None = None,
) -> nx.Graph:
    """:func:`build_signed_graph` over ``store.dyads(...)`` with node attributes from
    ``store.actors()`` and each actor's code in the range (:func:`mark_codes_and_outlets`);
    ``doc_id`` or ``source`` restrict it to one article or one outlet;
    ``min_confidence`` to the events whose confidence reaches it, and those without one."""
    dyads = store.dyads(since=since, until=until, modalities=modalities, evidence=evidence,
                        doc_id=doc_id, source=source, min_confidence=min_confidence)
    G = build_signed_graph(dyads, store.actors(), zero=zero, weight=weight)
    mark_codes_and_outlets(G, store.actor_codes(since, until, doc_id=doc_id, source=source),
                           store.sources())
    G.graph.update(since=since, until=until)
    if min_confidence:
        G.graph["min_confidence"] = float(min_confidence)
    if doc_id is not None:
        G.graph["doc_id"] = doc_id
    if source is not None:
        G.graph["source"] = source
    return G


def mark_codes_and_outlets(G: nx.Graph, codes: Mapping[Any, tuple[str | None, str | None]],
                           outlets: Iterable[str] = ()) -> nx.Graph:
    """Give nodes the code they held in the graph's events, and flag outlets (in place).

    ``codes`` maps an actor to the ``(country, sector)`` of most of its events in the range
    (``Store.actor_codes``): the actor table keeps the code an actor was first seen with, so
    a party leader who became prime minister would stay a party actor and not roll up into
    his government. ``outlets`` are the corpus's outlet names: an actor of the same name (the
    paper quoted as "the Gulf Ledger believes") gets ``outlet=True``, which
    :func:`~faultlines.network.levels.hide_unidentified` leaves out.

    >>> G = nx.Graph([("MALIKI", "x:ledger")])
    >>> nx.set_node_attributes(G, {"MALIKI": {"name": "Maliki", "sector": "PTY"},
    ...                            "x:ledger": {"name": "The Ledger"}})
    >>> _ = mark_codes_and_outlets(G, {"MALIKI": ("IRQ", "GOV")}, ["the ledger"])
    >>> G.nodes["MALIKI"]["sector"], G.nodes["x:ledger"]["outlet"]
    ('GOV', True)
    """
    names = {_outlet_key(o) for o in outlets}
    for node, attrs in G.nodes(data=True):
        country, sector = codes.get(node, (None, None))
        if country or sector:
            attrs["country"], attrs["sector"] = country, sector
        attrs["outlet"] = _outlet_key(str(attrs.get("name") or node)) in names
    return G


def _outlet_key(name: str) -> str:
    words = name.casefold().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def signed_edges(G: nx.Graph, sign: str = "sign",
                 weight: str | None = None) -> list[tuple[Any, Any, int, float]]:
    """``(u, v, sign, weight)`` of every edge with sign +1 or -1 (self-loops left out).

    >>> G = nx.Graph([("a", "b", {"sign": -1}), ("b", "c", {"sign": 0})])
    >>> signed_edges(G)
    [('a', 'b', -1, 1.0)]
    """
    out = []
    for u, v, data in G.edges(data=True):
        s = data.get(sign, 0)
        if u == v or s not in (1, -1):
            continue
        w = 1.0 if weight is None else float(data.get(weight, 1.0))
        if w < 0:
            raise ConfigError(f"edge ({u!r}, {v!r}) has negative {weight!r} {w}; frustration "
                              f"weights must be >= 0 (the sign carries the direction)")
        out.append((u, v, int(s), w))
    return out


def _min_date(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else min(a, b)


def _max_date(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    return b if a is None else a if b is None else max(a, b)


def _scalar(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list | set):
        return " ".join(str(v) for v in value)
    return value


def _scalar_copy(G: nx.Graph) -> nx.Graph:
    # GraphML and GEXF only hold scalars: dates become ISO strings, id lists space-separated
    # strings, and missing (None) attributes are left out rather than written as "None".
    H = G.__class__()
    H.graph.update({k: _scalar(v) for k, v in G.graph.items() if v is not None})
    for n, data in G.nodes(data=True):
        H.add_node(n, **{k: _scalar(v) for k, v in data.items() if v is not None})
    for u, v, data in G.edges(data=True):
        H.add_edge(u, v, **{k: _scalar(v) for k, v in data.items() if v is not None})
    return H


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | set):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def write_graph(G: nx.Graph, out: str | Path | IO[str] = "-",
                format: Literal["json", "graphml", "gexf"] = "json") -> None:
    """Write a signed graph to a path, ``"-"`` (stdout) or an open text stream.

    ``json`` is networkx node-link data (``nodes`` and ``edges`` lists, dates as ISO strings);
    ``graphml`` and ``gexf`` open in Gephi, yEd and Cytoscape.

    >>> import io
    >>> G = nx.Graph([("a", "b", {"sign": 1, "first_date": dt.date(2006, 1, 2)})])
    >>> buf = io.StringIO(); write_graph(G, buf, "json")
    >>> json.loads(buf.getvalue())["edges"][0]["first_date"]
    '2006-01-02'
    """
    if format == "json":
        data = nx.node_link_data(G, edges="edges")
        lines: Iterable[str] = [json.dumps(data, default=_json_default, ensure_ascii=False), "\n"]
    elif format == "graphml":
        lines = (line + "\n" for line in nx.generate_graphml(_scalar_copy(G)))
    elif format == "gexf":
        H = _scalar_copy(G)
        for node, data in H.nodes(data=True):
            data.setdefault("label", str(data.get("name", node)))  # Gephi shows the label
        lines = (line + "\n" for line in nx.generate_gexf(H))
    else:
        raise ConfigError(f"unknown graph format {format!r}; use json, graphml or gexf")
    if isinstance(out, str | Path):
        if str(out) == "-":
            sys.stdout.writelines(lines)
            sys.stdout.flush()
            return
        with Path(out).open("w", encoding="utf-8") as handle:
            handle.writelines(lines)
        return
    out.writelines(lines)
