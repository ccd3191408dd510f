"""The data behind the HTML report and the local explorer, as plain frozen dataclasses.

``ReportData`` is everything a view needs: actors (nodes), signed dyads (edges), the events with
their evidence sentences, documents, camps, a balance summary and per-dyad timelines. It is built
from a store by :func:`faultlines.report.collect.collect_report_data`, or by hand in tests, and
turned into JSON by :meth:`ReportData.to_json_dict` for the browser.

The edge rule lives here (:func:`aggregate_edges`) and is mirrored by ``assets/explorer.js`` when
the report narrows the date range in the browser; ``tests/report`` checks the two agree.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx

from faultlines.types import Event, quad_of

__all__ = [
    "ReportNode",
    "ReportEdge",
    "ReportEvent",
    "ReportDocument",
    "Camp",
    "BalanceSummary",
    "TimelinePoint",
    "LevelView",
    "ReportData",
    "EDGE_MODALITIES",
    "dyad_key",
    "event_from_domain",
    "aggregate_places",
    "filter_events",
    "aggregate_edges",
    "compute_timelines",
    "layout_nodes",
    "summarize_balance",
    "LEVELS",
]

#: Aggregation levels of the report's network (see ``faultlines.network.levels``).
LEVELS: tuple[str, ...] = ("actor", "group", "state")

#: Modalities that make two actors allies or opponents: what happened or was reported to happen.
#: Hypothetical, advocated and negated events did not (yet) happen; they stay in the evidence and
#: the event table but do not count. Same rule as ``faultlines.store.DYAD_MODALITIES``.
EDGE_MODALITIES: frozenset[str] = frozenset({"asserted", "reported"})


@dataclass(frozen=True)
class ReportNode:
    """One actor. ``camp`` indexes :attr:`ReportData.camps` (None: in no camp)."""

    id: str
    name: str
    mentions: int = 0
    country: str | None = None
    sector: str | None = None
    camp: int | None = None
    x: float = 0.0
    y: float = 0.0


@dataclass(frozen=True)
class ReportEdge:
    """A signed dyad: the undirected pair ``source < target`` and the events between them.

    ``count``, ``cooperation``, ``conflict`` and ``net_polarity`` cover the events whose modality
    counts (:data:`EDGE_MODALITIES`); ``sign`` is the sign of ``net_polarity``: +1 cooperation,
    -1 conflict, 0 when the two cancel out. ``event_ids`` lists every event between the pair,
    counted or not, as the evidence to show.
    """

    source: str
    target: str
    sign: int
    count: int
    cooperation: int
    conflict: int
    net_polarity: float
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    event_ids: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return dyad_key(self.source, self.target)


@dataclass(frozen=True)
class ReportEvent:
    """One coded event flattened for display; actors are referred to by id."""

    event_id: str
    doc_id: str
    sentence: str
    date: dt.date | None
    event_type: str
    polarity: int
    actor: str
    recipient: str | None = None
    intensity: float = 0.0
    modality: str = "asserted"
    attributed_to: str | None = None  # display name of who the claim is attributed to
    trigger: str = ""
    source: str | None = None  # outlet
    place: str | None = None  # where it happened (the gazetteer's name), for the map
    lat: float | None = None
    lon: float | None = None
    mode: str | None = None  # PLOVER mode of the category (coding/plover.py)
    confidence: float | None = None  # the hybrid coder's, 0-1; None: coded by the rules alone

    @property
    def quad(self) -> str:
        return quad_of(self.event_type)


@dataclass(frozen=True)
class ReportDocument:
    """The document an evidence sentence comes from."""

    id: str
    title: str | None = None
    source: str | None = None
    date: dt.date | None = None
    url: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Camp:
    """A group of actors that cooperate with each other and oppose other camps."""

    id: int
    members: tuple[str, ...]


@dataclass(frozen=True)
class BalanceSummary:
    """Structural balance of the signed network (Cartwright & Harary 1956).

    ``balance_degree`` is the share of balanced triangles (product of signs > 0), None without
    triangles; ``frustration_index`` is the fewest edges whose removal makes the graph balanced,
    None when it was not computed. ``method`` says which implementation produced the numbers.
    """

    nodes: int
    edges: int
    positive_edges: int
    negative_edges: int
    triangles: int = 0
    balanced_triangles: int = 0
    balance_degree: float | None = None
    frustration_index: int | None = None
    frustration_optimal: bool | None = None  # False: an upper bound (solver time limit)
    method: str = ""


@dataclass(frozen=True)
class TimelinePoint:
    """Events of one dyad in one calendar month (``period`` is ``YYYY-MM``)."""

    period: str
    cooperation: int
    conflict: int
    net: float


@dataclass(frozen=True)
class LevelView:
    """The network at the ``group`` or ``state`` level: merged nodes, which node each actor
    went into (``member_of``), and that graph's camps, balance and camp support; ``hidden``
    are the unidentified actors left out of it, with their events."""

    level: str
    nodes: tuple[ReportNode, ...]
    member_of: Mapping[str, str]
    camps: tuple[Camp, ...] = ()
    balance: BalanceSummary | None = None
    support: Mapping[str, Any] | None = None
    hidden: tuple[str, ...] = ()

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "hidden": list(self.hidden),
            "nodes": [node_to_json(n) for n in self.nodes],
            "map": {a: b for a, b in sorted(self.member_of.items()) if a != b},
            "camps": [{"id": c.id, "members": list(c.members)} for c in self.camps],
            "balance": balance_to_json(self.balance),
            "support": dict(self.support) if self.support is not None else None,
        }


@dataclass(frozen=True)
class ReportData:
    """Everything the report and the explorer show. Build it with ``collect_report_data``.

    ``support`` says whether the actor-level graph supports camps at all (a degree-preserving
    null-model test, :func:`faultlines.network.camp_support`); ``levels`` holds the same network
    rolled up to groups and states. ``min_confidence`` is the threshold the events were
    read with (``report --min-confidence``): the page's confidence slider starts there.
    """

    title: str
    nodes: tuple[ReportNode, ...]
    edges: tuple[ReportEdge, ...]
    events: tuple[ReportEvent, ...]
    documents: tuple[ReportDocument, ...] = ()
    camps: tuple[Camp, ...] = ()
    balance: BalanceSummary | None = None
    timelines: Mapping[str, tuple[TimelinePoint, ...]] = field(default_factory=dict)
    generated: str = ""
    support: Mapping[str, Any] | None = None
    levels: Mapping[str, LevelView] = field(default_factory=dict)
    min_confidence: float = 0.0

    def at_level(self, level: str) -> ReportData:
        """The same data with every event's actors replaced by their node at ``level``.

        >>> data = ReportData("t", (), (), ())
        >>> data.at_level("actor") is data
        True
        """
        if level == "actor" or level not in self.levels:
            if level not in LEVELS:
                raise ValueError(f"level must be one of {', '.join(LEVELS)}; got {level!r}")
            return self
        view = self.levels[level]
        member_of, hidden = view.member_of, set(view.hidden)
        events = tuple(
            replace(e, actor=member_of.get(e.actor, e.actor),
                    recipient=None if e.recipient is None
                    else member_of.get(e.recipient, e.recipient))
            for e in self.events if e.actor not in hidden and e.recipient not in hidden)
        return ReportData(
            title=self.title, nodes=view.nodes, edges=tuple(aggregate_edges(events)),
            events=events, documents=self.documents, camps=view.camps, balance=view.balance,
            timelines=compute_timelines(events), generated=self.generated,
            support=view.support, levels={}, min_confidence=self.min_confidence)

    @property
    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        dates = [e.date for e in self.events if e.date is not None]
        return (min(dates), max(dates)) if dates else (None, None)

    def to_json_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO strings) in the shape ``explorer.js`` reads."""
        first, last = self.date_range
        return {
            "title": self.title,
            "generated": self.generated,
            "date_min": _iso(first),
            "date_max": _iso(last),
            "edge_modalities": sorted(EDGE_MODALITIES),
            "min_confidence": self.min_confidence,
            "nodes": [node_to_json(n) for n in self.nodes],
            "edges": [edge_to_json(e) for e in self.edges],
            "events": [event_to_json(e) for e in self.events],
            "documents": {
                d.id: {"title": d.title, "source": d.source, "date": _iso(d.date), "url": d.url,
                       "author": d.author}
                for d in self.documents
            },
            "camps": [{"id": c.id, "members": list(c.members)} for c in self.camps],
            "balance": balance_to_json(self.balance),
            "support": dict(self.support) if self.support is not None else None,
            "levels": {name: view.to_json_dict() for name, view in sorted(self.levels.items())},
            "timelines": {
                key: [{"period": p.period, "cooperation": p.cooperation, "conflict": p.conflict,
                       "net": p.net} for p in points]
                for key, points in self.timelines.items()
            },
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def node_to_json(node: ReportNode) -> dict[str, Any]:
    """One node as the browser reads it."""
    return {"id": node.id, "name": node.name, "mentions": node.mentions,
            "country": node.country, "sector": node.sector, "camp": node.camp,
            "x": round(node.x, 4), "y": round(node.y, 4)}


def edge_to_json(edge: ReportEdge) -> dict[str, Any]:
    """One edge as the browser reads it (event ids included so evidence can be looked up)."""
    return {
        "source": edge.source, "target": edge.target, "sign": edge.sign, "count": edge.count,
        "cooperation": edge.cooperation, "conflict": edge.conflict,
        "net_polarity": edge.net_polarity, "first_date": _iso(edge.first_date),
        "last_date": _iso(edge.last_date), "event_ids": list(edge.event_ids),
    }


def event_to_json(event: ReportEvent) -> dict[str, Any]:
    """One event as the browser reads it."""
    return {
        "event_id": event.event_id, "doc_id": event.doc_id, "date": _iso(event.date),
        "event_type": event.event_type, "quad": event.quad, "polarity": event.polarity,
        "intensity": round(event.intensity, 3), "actor": event.actor, "recipient": event.recipient,
        "modality": event.modality, "attributed_to": event.attributed_to,
        "trigger": event.trigger, "sentence": event.sentence, "source": event.source,
        "place": event.place, "lat": event.lat, "lon": event.lon,
        "mode": event.mode,
        "confidence": None if event.confidence is None else round(event.confidence, 4),
    }


def aggregate_places(events: Iterable[ReportEvent]) -> list[dict[str, Any]]:
    """Located events grouped by point and quad, for the map (largest groups first).

    >>> evs = [ReportEvent("e1", "d", "s", None, "ASSAULT", -1, "A", place="Mosul", lat=36.3,
    ...                    lon=43.1), ReportEvent("e2", "d", "s", None, "ASSAULT", -1, "B",
    ...                    place="Mosul", lat=36.3, lon=43.1)]
    >>> [(p["place"], p["quad"], p["count"]) for p in aggregate_places(evs)]
    [('Mosul', 'material-conflict', 2)]
    """
    groups: dict[tuple[float, float, str], dict[str, Any]] = {}
    for event in events:
        if event.lat is None or event.lon is None:
            continue
        key = (round(event.lat, 3), round(event.lon, 3), event.quad)
        group = groups.setdefault(key, {"lat": key[0], "lon": key[1], "quad": event.quad,
                                        "place": event.place, "count": 0, "event_ids": []})
        group["count"] += 1
        if len(group["event_ids"]) < 20:
            group["event_ids"].append(event.event_id)
    return sorted(groups.values(), key=lambda g: (-g["count"], g["place"] or "", g["quad"]))


def balance_to_json(balance: BalanceSummary | None) -> dict[str, Any] | None:
    if balance is None:
        return None
    return {
        "nodes": balance.nodes, "edges": balance.edges,
        "positive_edges": balance.positive_edges, "negative_edges": balance.negative_edges,
        "triangles": balance.triangles, "balanced_triangles": balance.balanced_triangles,
        "balance_degree": balance.balance_degree,
        "frustration_index": balance.frustration_index,
        "frustration_optimal": balance.frustration_optimal, "method": balance.method,
    }


def dyad_key(a: str, b: str) -> str:
    """Order-free key of a pair of actor ids.

    >>> dyad_key("USA", "IRQ") == dyad_key("IRQ", "USA")
    True
    """
    return f"{a}|{b}" if a <= b else f"{b}|{a}"


def event_from_domain(event: Event) -> ReportEvent:
    """Flatten a coded :class:`faultlines.types.Event` for display."""
    return ReportEvent(
        event_id=event.event_id,
        doc_id=event.doc_id,
        sentence=event.sentence,
        date=event.date,
        event_type=event.event_type,
        polarity=event.polarity,
        actor=event.actor.id,
        recipient=event.recipient.id if event.recipient is not None else None,
        intensity=event.intensity,
        modality=event.modality,
        attributed_to=event.attributed_to.name if event.attributed_to is not None else None,
        trigger=event.trigger,
        source=event.source,
        **_where(event),
        mode=event.mode,
        confidence=event.confidence,
    )


def _where(event: Event) -> dict[str, Any]:
    location = event.location
    if location is None or location.lat is None or location.lon is None:
        return {}
    return {"place": location.resolved_place or location.extracted_place,
            "lat": location.lat, "lon": location.lon}


def filter_events(events: Iterable[ReportEvent], since: dt.date | None = None,
                  until: dt.date | None = None, *,
                  min_confidence: float | None = None) -> list[ReportEvent]:
    """Events dated within ``[since, until]`` (both inclusive) whose confidence reaches
    ``min_confidence``.

    With no bound every event is kept; with a bound, undated events are dropped because they
    cannot be placed in the range. Events without a confidence (coded by the rules alone) pass
    any ``min_confidence``, as in ``Store.events``; ``explorer.js`` applies the same rule.

    >>> evs = [ReportEvent("e1", "d", "s", None, "AGREE", 1, "A", "B", confidence=0.3),
    ...        ReportEvent("e2", "d", "s", None, "AGREE", 1, "A", "B", confidence=0.8),
    ...        ReportEvent("e3", "d", "s", None, "AGREE", 1, "A", "B")]
    >>> [e.event_id for e in filter_events(evs, min_confidence=0.5)]
    ['e2', 'e3']
    """
    if min_confidence:
        events = [e for e in events if e.confidence is None or e.confidence >= min_confidence]
    if since is None and until is None:
        return list(events)
    return [
        e for e in events
        if e.date is not None
        and (since is None or e.date >= since)
        and (until is None or e.date <= until)
    ]


def aggregate_edges(events: Iterable[ReportEvent]) -> list[ReportEdge]:
    """Signed dyads from events: one undirected edge per pair of distinct actors.

    Events whose modality is in :data:`EDGE_MODALITIES` count: each adds its polarity (+1 or -1)
    to ``net_polarity`` and the edge's ``sign`` is the sign of that sum (the aggregate of
    ``Store.dyads``). A pair with no counted event is no edge. Every event of the pair is
    listed in ``event_ids`` as evidence. Edges come sorted by ``(source, target)``.

    >>> from faultlines.report.data import ReportEvent
    >>> evs = [ReportEvent("e1", "d", "s", None, "AGREE", 1, "A", "B"),
    ...        ReportEvent("e2", "d", "s", None, "REJECT", -1, "B", "A"),
    ...        ReportEvent("e3", "d", "s", None, "ASSAULT", -1, "A", "B")]
    >>> [(e.source, e.target, e.sign, e.count) for e in aggregate_edges(evs)]
    [('A', 'B', -1, 3)]
    """
    grouped: dict[tuple[str, str], list[ReportEvent]] = defaultdict(list)
    for event in events:
        if event.recipient is None or event.recipient == event.actor:
            continue
        pair = tuple(sorted((event.actor, event.recipient)))
        grouped[pair].append(event)  # type: ignore[index]
    edges = []
    for (source, target), members in sorted(grouped.items()):
        counted = [e for e in members if e.modality in EDGE_MODALITIES]
        if not counted:
            continue
        net = float(sum(e.polarity for e in counted))
        dates = [e.date for e in counted if e.date is not None]
        edges.append(ReportEdge(
            source=source,
            target=target,
            sign=(net > 0) - (net < 0),
            count=len(counted),
            cooperation=sum(1 for e in counted if e.polarity > 0),
            conflict=sum(1 for e in counted if e.polarity < 0),
            net_polarity=net,
            first_date=min(dates) if dates else None,
            last_date=max(dates) if dates else None,
            event_ids=tuple(e.event_id for e in members),
        ))
    return edges


def compute_timelines(events: Iterable[ReportEvent]) -> dict[str, tuple[TimelinePoint, ...]]:
    """Monthly cooperation and conflict counts per dyad (undated events left out)."""
    months: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for event in events:
        if (event.recipient is None or event.recipient == event.actor or event.date is None
                or event.modality not in EDGE_MODALITIES):
            continue
        cell = months[dyad_key(event.actor, event.recipient)][event.date.strftime("%Y-%m")]
        cell[0 if event.polarity > 0 else 1] += 1
    return {
        key: tuple(TimelinePoint(period, coop, conf, float(coop - conf))
                   for period, (coop, conf) in sorted(per_month.items()))
        for key, per_month in sorted(months.items())
    }


def signed_graph(node_ids: Iterable[str], edges: Iterable[ReportEdge]) -> nx.Graph:
    """A networkx graph with ``sign``, ``count`` and ``weight`` (= count) edge attributes."""
    graph = nx.Graph()
    graph.add_nodes_from(node_ids)
    for edge in edges:
        graph.add_edge(edge.source, edge.target, sign=edge.sign, count=edge.count,
                       weight=edge.count, net_polarity=edge.net_polarity)
    return graph


def layout_nodes(node_ids: Iterable[str], edges: Iterable[ReportEdge], seed: int = 7,
                 camps: Iterable[Camp] = ()) -> dict[str, tuple[float, float]]:
    """Deterministic 2-D positions in [-1, 1] in which camps form separate regions.

    A force-directed layout (Fruchterman & Reingold 1991) where cooperation edges pull with
    weight 1 and conflict edges barely (0.05). With ``camps``, each camp's members start around
    their own point on a circle and are tied to it by an invisible anchor, so allies gather
    and opposing camps sit apart; actors in no camp start on the rim. Components of the graph
    are packed by the same forces (a weak pull keeps them on the canvas).

    >>> edges = [ReportEdge("a", "b", 1, 1, 1, 0, 1.0), ReportEdge("c", "d", 1, 1, 1, 0, 1.0),
    ...          ReportEdge("a", "c", -1, 1, 0, 1, -1.0)]
    >>> pos = layout_nodes("abcd", edges, camps=[Camp(0, ("a", "b")), Camp(1, ("c", "d"))])
    >>> def d(u, v): return math.dist(pos[u], pos[v])
    >>> d("a", "b") < d("a", "c") and d("c", "d") < d("b", "d")
    True
    """
    ids = sorted(set(node_ids))
    if not ids:
        return {}
    if len(ids) == 1:
        return {ids[0]: (0.0, 0.0)}
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    for edge in edges:
        graph.add_edge(edge.source, edge.target, pull=1.0 if edge.sign > 0 else 0.05)
    camp_list = [c for c in camps if c.members]
    start: dict[Any, tuple[float, float]] = {}
    fixed: list[Any] = []
    if camp_list:
        import random

        rng = random.Random(seed)
        for i, camp in enumerate(camp_list):
            angle = 2 * math.pi * i / len(camp_list)
            centre = (math.cos(angle), math.sin(angle))
            anchor = ("\0camp", i)
            graph.add_node(anchor)
            start[anchor] = centre
            fixed.append(anchor)
            for member in camp.members:
                if member in graph:
                    graph.add_edge(member, anchor, pull=0.6)
                    start[member] = (centre[0] + rng.uniform(-0.2, 0.2),
                                     centre[1] + rng.uniform(-0.2, 0.2))
        for node in ids:
            if node not in start:
                angle = rng.uniform(0, 2 * math.pi)
                start[node] = (1.6 * math.cos(angle), 1.6 * math.sin(angle))
    # k a little above the default spreads the isolated actors instead of stacking them.
    positions = nx.spring_layout(graph, weight="pull", seed=seed, pos=start or None,
                                 fixed=fixed or None, k=1.5 / math.sqrt(len(ids)),
                                 iterations=100)
    real = {node: positions[node] for node in ids}
    xs = [float(xy[0]) for xy in real.values()]
    ys = [float(xy[1]) for xy in real.values()]
    scale = max(max(map(abs, xs)), max(map(abs, ys))) or 1.0
    return {node: (float(xy[0]) / scale, float(xy[1]) / scale) for node, xy in real.items()}


def summarize_balance(graph: nx.Graph, *, frustration_index: int | None = None,
                      method: str = "triangle count") -> BalanceSummary:
    """Count signs and triangles of a signed graph (edge attribute ``sign``).

    A triangle is balanced when the product of its three signs is positive
    (Cartwright & Harary 1956, "Structural balance: a generalization of Heider's theory").
    Edges of sign 0 are left out of the triangles.

    >>> g = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1}), ("a", "c", {"sign": -1})])
    >>> s = summarize_balance(g)
    >>> (s.triangles, s.balanced_triangles, s.balance_degree)
    (1, 1, 1.0)
    """
    signs = Counter(data.get("sign", 0) for _, _, data in graph.edges(data=True))
    signed = nx.Graph()
    signed.add_edges_from((a, b, d) for a, b, d in graph.edges(data=True) if d.get("sign"))
    triangles = balanced = 0
    order = {node: i for i, node in enumerate(signed.nodes)}
    for a in signed.nodes:
        higher = [b for b in signed[a] if order[b] > order[a]]
        for i, b in enumerate(higher):
            for c in higher[i + 1:]:
                if signed.has_edge(b, c):
                    triangles += 1
                    product = signed[a][b]["sign"] * signed[a][c]["sign"] * signed[b][c]["sign"]
                    balanced += product > 0
    return BalanceSummary(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        positive_edges=signs.get(1, 0),
        negative_edges=signs.get(-1, 0),
        triangles=triangles,
        balanced_triangles=balanced,
        balance_degree=(balanced / triangles) if triangles else None,
        frustration_index=frustration_index,
        method=method,
    )
