"""Build :class:`ReportData` from coded events, or from a faultlines store.

``build_report_data`` is pure (events and documents in, ReportData out) so the views can be
tested without a database; ``collect_report_data`` only pulls the rows out of a store first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import networkx as nx

from faultlines.errors import StoreError
from faultlines.report.data import (
    BalanceSummary,
    Camp,
    LevelView,
    ReportData,
    ReportDocument,
    ReportEvent,
    ReportNode,
    aggregate_edges,
    compute_timelines,
    event_from_domain,
    filter_events,
    layout_nodes,
    signed_graph,
    summarize_balance,
)
from faultlines.types import Event

__all__ = [
    "analyse_signed_graph",
    "build_report_data",
    "collect_report_data",
    "camp_support_of",
    "find_camps",
    "level_view",
    "open_store_read_only",
]

DEFAULT_TITLE = "faultlines report"


def find_camps(graph: nx.Graph) -> list[tuple[str, ...]]:
    """Camps: groups of two or more actors joined by cooperation edges (``sign > 0``).

    Largest camp first, members sorted; actors without a cooperation partner are in no camp.
    This is the plain reading of Heider's "the friend of my friend is my friend"; the network
    stage's faction finder replaces it when available.

    >>> g = nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1}), ("c", "d", {"sign": 1})])
    >>> find_camps(g)
    [('a', 'b'), ('c', 'd')]
    """
    allies = nx.Graph()
    allies.add_edges_from((a, b) for a, b, d in graph.edges(data=True) if d.get("sign", 0) > 0)
    camps = [tuple(sorted(c)) for c in nx.connected_components(allies) if len(c) >= 2]
    return sorted(camps, key=lambda members: (-len(members), members))


def analyse_signed_graph(graph: nx.Graph, *, camps: int = 2,
                         time_limit: float = 5.0) -> tuple[tuple[Camp, ...], BalanceSummary]:
    """Camps and balance summary of a signed graph (edge attribute ``sign``).

    Uses the network stage: :func:`faultlines.network.factions` splits the actors into at most
    ``camps`` camps with the fewest frustrated edges (for two camps its cost is the frustration
    index, exact when the integer programme finishes within ``time_limit`` seconds) and
    :func:`faultlines.network.triad_census_signed` counts balanced triangles. Without the
    network stage, camps are groups joined by cooperation (:func:`find_camps`) and the
    frustration index is left out.

    Camps come largest first; actors without a signed edge are in none.
    """
    try:
        from faultlines.network import factions, triad_census_signed
    except ImportError:  # the report still works, with the simpler camps, if network is broken
        found = tuple(Camp(i, members) for i, members in enumerate(find_camps(graph)))
        return found, summarize_balance(graph, method="cooperation components; triangles")
    census = triad_census_signed(graph)
    signs = [s for _a, _b, s in graph.edges(data="sign")]
    has_signed = any(signs)
    result = factions(graph, k=camps, time_limit=time_limit) if has_signed else None
    groups = sorted((tuple(c.members) for c in result.camps if c.members) if result else (),
                    key=lambda members: (-len(members), members))
    frustration = result.frustration if result else None
    balance = BalanceSummary(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        positive_edges=signs.count(1),
        negative_edges=signs.count(-1),
        triangles=census.triangles,
        balanced_triangles=census.balanced,
        balance_degree=census.balance_degree,
        frustration_index=round(frustration.value) if frustration else None,
        frustration_optimal=frustration.optimal if frustration else None,
        method=(f"faultlines.network: triad census; {camps} camps by "
                f"{frustration.method if frustration else 'factions'}"),
    )
    return tuple(Camp(i, members) for i, members in enumerate(groups)), balance


def actor_refs(events: Iterable[Event], since: dt.date | None = None,
               until: dt.date | None = None) -> dict[str, Any]:
    """Per actor id, the reference (name, country, sector) it has in most of its events dated
    in ``[since, until]`` (ties: the later one), else in its first event.

    A person's code follows the office of the event's date (a party leader who became prime
    minister is his government's), so the report's levels roll him up as the network stage
    does (:func:`faultlines.network.mark_codes_and_outlets`).
    """
    first: dict[str, Any] = {}
    counts: dict[str, Counter[tuple[Any, Any]]] = {}
    latest: dict[tuple[str, Any, Any], tuple[dt.date, Any]] = {}
    for event in events:
        dated = event.date is not None and (since is None or event.date >= since) \
            and (until is None or event.date <= until)
        for ref in (event.actor, event.recipient):
            if ref is None:
                continue
            first.setdefault(ref.id, ref)
            if dated or (since is None and until is None):
                code = (ref.country, ref.sector)
                counts.setdefault(ref.id, Counter())[code] += 1
                when = event.date or dt.date.min
                key = (ref.id, *code)
                if key not in latest or when >= latest[key][0]:
                    latest[key] = (when, ref)
    refs = dict(first)
    for actor_id, counted in counts.items():
        code = max(counted, key=lambda c: (counted[c], latest[(actor_id, *c)][0]))
        refs[actor_id] = latest[(actor_id, *code)][1]
    return refs


def build_report_data(
    events: Iterable[Event],
    documents: Iterable[Any] = (),
    *,
    mentions: Mapping[str, int] | None = None,
    title: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    generated: str | None = None,
    camp_count: int = 2,
    time_limit: float = 5.0,
    min_confidence: float | None = None,
) -> ReportData:
    """Everything the views show, from coded events.

    Parameters
    ----------
    events
        Coded events (``faultlines.types.Event``); those outside ``[since, until]`` are dropped.
    documents
        The documents the events come from (for titles, outlets and dates of the evidence):
        ``faultlines.types.Document`` or the store's ``DocumentRow``.
    mentions
        Mentions per actor id, for node sizes; by default, the number of events an actor is in.
    title
        Page title.
    generated
        Time stamp shown on the page; default: now, UTC, to the minute.
    camp_count, time_limit
        Most camps to split the actors into, and seconds allowed for it
        (see :func:`analyse_signed_graph`).
    min_confidence
        Leave out the events whose confidence is below it (events without one are kept); the
        page's confidence slider starts there.
    """
    domain_events = list(events)
    report_documents_all: dict[str, ReportDocument] = {}
    for row in documents:
        doc = _report_document(row)
        report_documents_all.setdefault(doc.id, doc)
    outlets = {d.id: d.source for d in report_documents_all.values() if d.source}
    names = actor_refs(domain_events, since, until)
    flattened = (event_from_domain(e) for e in domain_events)
    # An event carries its outlet when the coder knew it; else the document's outlet applies.
    report_events = filter_events(
        (e if e.source or e.doc_id not in outlets else replace(e, source=outlets[e.doc_id])
         for e in flattened), since, until, min_confidence=min_confidence)
    report_events.sort(key=lambda e: (e.date or dt.date.max, e.doc_id, e.event_id))
    edges = aggregate_edges(report_events)

    involved: Counter[str] = Counter()
    for shown in report_events:
        involved[shown.actor] += 1
        if shown.recipient is not None and shown.recipient != shown.actor:
            involved[shown.recipient] += 1
    actor_ids = sorted(involved)
    graph = signed_graph(actor_ids, edges)
    camps, balance = analyse_signed_graph(graph, camps=camp_count, time_limit=time_limit)
    camp_of = {member: camp.id for camp in camps for member in camp.members}
    positions = layout_nodes(actor_ids, edges, camps=camps)
    nodes = tuple(
        ReportNode(
            id=actor_id,
            name=names[actor_id].name if actor_id in names else actor_id,
            mentions=int(mentions.get(actor_id, involved[actor_id]) if mentions
                         else involved[actor_id]),
            country=names[actor_id].country if actor_id in names else None,
            sector=names[actor_id].sector if actor_id in names else None,
            camp=camp_of.get(actor_id),
            x=positions[actor_id][0],
            y=positions[actor_id][1],
        )
        for actor_id in actor_ids
    )
    used_docs = {e.doc_id for e in report_events}
    report_documents = tuple(d for doc_id, d in sorted(report_documents_all.items())
                             if doc_id in used_docs)
    # the rolled-up views are smaller graphs; a shorter solver budget keeps the report quick
    levels = {level: level_view(nodes, report_events, level, camp_count=camp_count,
                                time_limit=min(time_limit, 2.0), outlets=outlets.values())
              for level in ("group", "state")}
    return ReportData(
        title=title or DEFAULT_TITLE,
        nodes=nodes,
        edges=tuple(edges),
        events=tuple(report_events),
        documents=report_documents,
        camps=camps,
        balance=balance,
        timelines=compute_timelines(report_events),
        generated=generated if generated is not None
        else dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        support=camp_support_of(graph, camp_count),
        levels=levels,
        min_confidence=float(min_confidence or 0.0),
    )


#: Null graphs drawn for the report's camp-support test (p-values down to 1/51).
SUPPORT_SAMPLES = 50


def camp_support_of(graph: nx.Graph, camp_count: int = 2) -> dict[str, Any] | None:
    """Whether ``graph`` supports ``camp_count`` camps (:func:`faultlines.network.camp_support`
    with :data:`SUPPORT_SAMPLES` null graphs), as a dict; None without the network stage."""
    try:
        from faultlines.network import camp_support
    except ImportError:
        return None
    return camp_support(graph, camp_count, samples=SUPPORT_SAMPLES).to_dict()


def _unidentified(nodes: Iterable[ReportNode], outlets: Iterable[str]) -> set[str]:
    """Ids of the nodes the group and state views leave out: no country code, or named like
    one of the corpus's outlets (:func:`faultlines.network.levels.is_unidentified`)."""
    from faultlines.network.levels import is_unidentified

    def key(name: str) -> str:
        words = name.casefold().split()
        return " ".join(words[1:] if words[:1] == ["the"] else words)

    names = {key(o) for o in outlets}
    return {n.id for n in nodes
            if is_unidentified({"country": n.country, "outlet": key(n.name) in names})}


def level_view(nodes: Iterable[ReportNode], events: Iterable[ReportEvent], level: str, *,
               camp_count: int = 2, time_limit: float = 5.0,
               outlets: Iterable[str] = ()) -> LevelView:
    """The report's network rolled up to ``level`` (``group`` or ``state``; see
    :mod:`faultlines.network.levels`): merged nodes with summed mentions, their camps, balance,
    camp support and a layout of their own. Unidentified actors (no country code, or one of
    the ``outlets``) are left out, with their events (``hidden``); the actor view shows them."""
    from faultlines.network.levels import node_key

    nodes = list(nodes)
    hidden = _unidentified(nodes, outlets)
    nodes = [n for n in nodes if n.id not in hidden]
    events = [e for e in events if e.actor not in hidden and e.recipient not in hidden]
    member_of: dict[str, str] = {}
    merged: dict[str, dict[str, Any]] = {}
    for node in nodes:
        target, name = node_key(node.id, {"name": node.name, "country": node.country,
                                          "sector": node.sector}, level)
        member_of[node.id] = str(target)
        entry = merged.setdefault(str(target), {"name": name, "mentions": 0,
                                                "country": node.country, "sectors": set()})
        entry["mentions"] += node.mentions
        entry["sectors"].add(node.sector)
    mapped = [replace(e, actor=member_of.get(e.actor, e.actor),
                      recipient=None if e.recipient is None
                      else member_of.get(e.recipient, e.recipient)) for e in events]
    edges = aggregate_edges(mapped)
    ids = sorted(merged)
    graph = signed_graph(ids, edges)
    camps, balance = analyse_signed_graph(graph, camps=camp_count, time_limit=time_limit)
    camp_of = {member: camp.id for camp in camps for member in camp.members}
    positions = layout_nodes(ids, edges, camps=camps)
    level_nodes = tuple(
        ReportNode(id=node_id, name=entry["name"], mentions=entry["mentions"],
                   country=entry["country"],
                   sector=next(iter(entry["sectors"])) if len(entry["sectors"]) == 1 else None,
                   camp=camp_of.get(node_id), x=positions[node_id][0], y=positions[node_id][1])
        for node_id, entry in sorted(merged.items()))
    return LevelView(level=level, nodes=level_nodes, member_of=member_of, camps=camps,
                     balance=balance, support=camp_support_of(graph, camp_count),
                     hidden=tuple(sorted(hidden)))


def _report_document(row: Any) -> ReportDocument:
    # A types.Document has ``id``; the store's DocumentRow calls it ``doc_id``.
    doc_id = getattr(row, "doc_id", None) or row.id
    return ReportDocument(id=doc_id, title=row.title, source=row.source, date=row.date,
                          url=row.url, author=getattr(row, "author", None))


@contextlib.contextmanager
def open_store_read_only(path: str | os.PathLike[str]) -> Iterator[Any]:
    """Open a faultlines store read-only and close it afterwards.

    Raises :class:`StoreError` naming the path when the file does not exist.
    """
    db = Path(path)
    if not db.is_file():
        raise StoreError(f"no store at {db}; create one with `faultlines ingest FILES --db {db}`")
    try:
        from faultlines.store import Store
    except ImportError as exc:
        raise StoreError(f"cannot open {db}: the faultlines.store module is missing ({exc})") \
            from exc
    store = Store(db, read_only=True)
    try:
        yield store
    finally:
        close = getattr(store, "close", None)
        if callable(close):
            close()


def collect_report_data(store: Any, *, title: str | None = None,
                        since: dt.date | None = None, until: dt.date | None = None,
                        min_confidence: float | None = None) -> ReportData:
    """Read events, documents and actors from an open ``faultlines.store.Store``.

    Parameters
    ----------
    store
        An open store (read-only is enough).
    title
        Page title; default ``"faultlines report: <database file name>"``.
    since, until
        Keep only events dated in this inclusive range.
    min_confidence
        Keep only events whose confidence reaches it, and those without one.
    """
    events = list(store.events(since=since, until=until, min_confidence=min_confidence))
    documents = store.documents()
    if title is None and getattr(store, "path", None):
        title = f"{DEFAULT_TITLE}: {Path(store.path).name}"
    return build_report_data(events, documents, mentions=_mention_counts(store), title=title,
                             since=since, until=until, min_confidence=min_confidence)


def _mention_counts(store: Any) -> dict[str, int] | None:
    counts: dict[str, int] = {}
    for actor in store.actors():
        counts[actor.id] = int(actor.mention_count)
    return counts or None
