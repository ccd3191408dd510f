"""ReportData and its helpers on tiny hand-made inputs with exact expected values."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace

import networkx as nx
import pytest
import report_helpers as h

from faultlines.report import (
    ReportData,
    ReportEvent,
    aggregate_edges,
    build_report_data,
    filter_events,
    find_camps,
)
from faultlines.report.collect import analyse_signed_graph
from faultlines.report.data import (
    EDGE_MODALITIES,
    compute_timelines,
    layout_nodes,
    summarize_balance,
)

D1, D2, D3 = dt.date(2006, 1, 5), dt.date(2006, 2, 7), dt.date(2007, 3, 9)


def ev(i: int, actor: str, recipient: str | None, polarity: int, *, date: dt.date | None = D1,
       modality: str = "asserted") -> ReportEvent:
    event_type = "AGREE" if polarity > 0 else "REJECT"
    return ReportEvent(f"e{i}", "doc", f"sentence {i}", date, event_type, polarity, actor,
                       recipient, modality=modality)


@pytest.mark.parametrize(("events", "expected"), [
    # (source, target, sign, count, cooperation, conflict, evidence ids)
    ([ev(1, "A", "B", 1)], [("A", "B", 1, 1, 1, 0, ("e1",))]),
    ([ev(1, "B", "A", 1), ev(2, "A", "B", -1), ev(3, "A", "B", -1)],
     [("A", "B", -1, 3, 1, 2, ("e1", "e2", "e3"))]),
    ([ev(1, "A", "B", 1), ev(2, "B", "A", -1)], [("A", "B", 0, 2, 1, 1, ("e1", "e2"))]),
    # negated and hypothetical events are evidence but do not count
    ([ev(1, "A", "B", 1), ev(2, "A", "B", -1, modality="negated"),
      ev(3, "A", "B", -1, modality="hypothetical"), ev(4, "A", "B", -1, modality="reported")],
     [("A", "B", 0, 2, 1, 1, ("e1", "e2", "e3", "e4"))]),
    # a pair with nothing counted is no edge; self-events and events without recipient neither
    ([ev(1, "A", "B", -1, modality="advocated"), ev(2, "A", "A", 1), ev(3, "A", None, 1)], []),
    ([ev(1, "C", "A", 1), ev(2, "B", "A", -1)],
     [("A", "B", -1, 1, 0, 1, ("e2",)), ("A", "C", 1, 1, 1, 0, ("e1",))]),
])
def test_aggregate_edges(events: list[ReportEvent], expected: list[tuple]) -> None:
    got = [(e.source, e.target, e.sign, e.count, e.cooperation, e.conflict, e.event_ids)
           for e in aggregate_edges(events)]
    assert got == expected


def test_aggregate_edges_dates_come_from_counted_events() -> None:
    edge, = aggregate_edges([ev(1, "A", "B", 1, date=D2), ev(2, "A", "B", 1, date=D3),
                             ev(3, "A", "B", 1, date=D1, modality="negated")])
    assert (edge.first_date, edge.last_date) == (D2, D3)


def test_filter_events_bounds_are_inclusive_and_drop_undated_only_when_bounded() -> None:
    events = [ev(1, "A", "B", 1, date=D1), ev(2, "A", "B", 1, date=D2),
              ev(3, "A", "B", 1, date=D3), ev(4, "A", "B", 1, date=None)]
    assert [e.event_id for e in filter_events(events)] == ["e1", "e2", "e3", "e4"]
    assert [e.event_id for e in filter_events(events, since=D2)] == ["e2", "e3"]
    assert [e.event_id for e in filter_events(events, until=D2)] == ["e1", "e2"]
    assert [e.event_id for e in filter_events(events, D2, D2)] == ["e2"]


def test_compute_timelines_counts_months_per_dyad() -> None:
    timelines = compute_timelines([
        ev(1, "B", "A", 1, date=D1), ev(2, "A", "B", -1, date=dt.date(2006, 1, 30)),
        ev(3, "A", "B", -1, date=D2), ev(4, "A", "B", -1, date=D2, modality="negated"),
        ev(5, "A", "B", 1, date=None), ev(6, "A", "C", 1, date=D3),
    ])
    assert sorted(timelines) == ["A|B", "A|C"]
    assert [(p.period, p.cooperation, p.conflict, p.net) for p in timelines["A|B"]] == [
        ("2006-01", 1, 1, 0.0), ("2006-02", 0, 1, -1.0)]


@pytest.mark.parametrize(("signs", "balanced"), [
    ((1, 1, 1), 1), ((1, -1, -1), 1), ((1, 1, -1), 0), ((-1, -1, -1), 0),
])
def test_summarize_balance_triangle(signs: tuple[int, int, int], balanced: int) -> None:
    graph = nx.Graph()
    for (a, b), sign in zip([("a", "b"), ("b", "c"), ("a", "c")], signs, strict=True):
        graph.add_edge(a, b, sign=sign)
    graph.add_edge("c", "d", sign=-1)  # no triangle: counted as an edge only
    summary = summarize_balance(graph)
    assert (summary.nodes, summary.edges, summary.triangles) == (4, 4, 1)
    assert summary.balanced_triangles == balanced
    assert summary.balance_degree == float(balanced)
    assert summary.positive_edges == signs.count(1)
    assert summary.negative_edges == signs.count(-1) + 1


def test_summarize_balance_without_triangles_has_no_degree() -> None:
    summary = summarize_balance(nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": 0})]))
    assert summary.triangles == 0 and summary.balance_degree is None


def test_find_camps_groups_allies_largest_first() -> None:
    graph = nx.Graph()
    graph.add_edges_from([("a", "b", {"sign": 1}), ("b", "c", {"sign": 1}),
                          ("d", "e", {"sign": 1}), ("c", "d", {"sign": -1}),
                          ("e", "f", {"sign": -1}), ("g", "h", {"sign": 0})])
    assert find_camps(graph) == [("a", "b", "c"), ("d", "e")]


def test_layout_is_deterministic_and_bounded() -> None:
    edges = aggregate_edges([ev(1, "A", "B", 1), ev(2, "B", "C", -1), ev(3, "C", "D", 1)])
    first = layout_nodes(["A", "B", "C", "D", "E"], edges)
    assert first == layout_nodes(["E", "D", "C", "B", "A"], edges)
    assert set(first) == {"A", "B", "C", "D", "E"}
    assert all(-1.0 <= v <= 1.0 for xy in first.values() for v in xy)


def test_edge_rule_matches_the_store() -> None:
    store = pytest.importorskip("faultlines.store")
    assert set(store.DYAD_MODALITIES) == EDGE_MODALITIES


def test_build_report_data_from_sample(sample_data: ReportData) -> None:
    edges = {(e.source, e.target): e.sign for e in sample_data.edges}
    assert edges == {
        ("IRQGOV", "USA"): 1, ("GBR", "USA"): 1, ("GBR", "IRQGOV"): 1,
        ("IRN", "x:mahdi-army"): 1, ("x:front", "x:insurgents"): 1,
        ("IRQGOV", "x:insurgents"): -1, ("IRN", "USA"): -1, ("USA", "x:mahdi-army"): -1,
        ("USA", "x:insurgents"): -1,
    }
    # the negated AGREE stays evidence of USA-IRQGOV but does not count
    usa_irq = next(e for e in sample_data.edges if (e.source, e.target) == ("IRQGOV", "USA"))
    assert (usa_irq.count, len(usa_irq.event_ids)) == (1, 2)
    # two camps, with no frustrated dyad: the largest first
    camps = [set(c.members) for c in sample_data.camps]
    assert camps == [{"IRN", "x:mahdi-army", "x:front", "x:insurgents"},
                     {"GBR", "IRQGOV", "USA"}]
    node = {n.id: n for n in sample_data.nodes}
    assert node["USA"].camp == node["GBR"].camp != node["IRN"].camp
    assert node["USA"].name == "United States" and node["USA"].mentions == 7
    balance = sample_data.balance
    assert (balance.positive_edges, balance.negative_edges) == (5, 4)
    # USA-IRQGOV-GBR (+++), USA-IRQGOV-insurgents (+--), USA-IRN-Mahdi (-+-): all balanced
    assert (balance.triangles, balance.balanced_triangles, balance.balance_degree) == (3, 3, 1.0)
    assert (balance.frustration_index, balance.frustration_optimal) == (0, True)
    assert len(sample_data.events) == 13
    assert sample_data.events[-1].date is None  # undated events sort last
    assert sample_data.date_range == (dt.date(2006, 3, 10), dt.date(2008, 1, 15))
    assert {d.id for d in sample_data.documents} == {r.document.id for r in h.sample_results()}


def test_build_report_data_date_range_and_outlet_fallback() -> None:
    # Events without an outlet take their document's.
    events = [replace(e, source=None) for e in h.sample_events()]
    data = build_report_data(events, h.sample_documents(), since=dt.date(2007, 1, 1),
                             until=dt.date(2007, 12, 31))
    assert {e.doc_id for e in data.events} == {"ledger-2007-05", "wire-2007-11"}
    assert {e.source for e in data.events} == {"Daily Ledger", "Night <Wire> & Co"}
    assert {(e.source, e.target) for e in data.edges} == {
        ("GBR", "IRQGOV"), ("USA", "x:mahdi-army"), ("IRN", "x:mahdi-army")}


def test_to_json_dict_round_trips_the_shape(sample_data: ReportData) -> None:
    payload = sample_data.to_json_dict()
    assert payload["date_min"] == "2006-03-10" and payload["date_max"] == "2008-01-15"
    assert payload["edge_modalities"] == sorted(EDGE_MODALITIES)
    assert len(payload["nodes"]) == len(sample_data.nodes) == 7
    assert len(payload["events"]) == 13
    assert payload["documents"]["wire-2007-11"]["title"] == h.HOSTILE_TITLE
    assert set(payload["timelines"]) == {e.key for e in sample_data.edges}


def frustrated_graph() -> nx.Graph:
    # a ++- triangle (one dyad must go) and a balanced +-- one; e-f has no sign
    return nx.Graph([("a", "b", {"sign": 1}), ("b", "c", {"sign": 1}), ("a", "c", {"sign": -1}),
                     ("c", "d", {"sign": -1}), ("a", "d", {"sign": 1}), ("e", "f", {"sign": 0})])


def test_analyse_signed_graph_uses_the_network_stage() -> None:
    pytest.importorskip("faultlines.network")
    camps, balance = analyse_signed_graph(frustrated_graph())
    assert (balance.triangles, balance.balanced_triangles) == (2, 1)
    assert balance.balance_degree == 0.5
    assert (balance.frustration_index, balance.frustration_optimal) == (1, True)
    # the cheapest split cuts one dyad: b-c (c alone) or a-b (b with c); e, f are in no camp
    assert [set(c.members) for c in camps] in ([{"a", "b", "d"}, {"c"}],
                                               [{"a", "d"}, {"b", "c"}])


def test_analyse_signed_graph_without_the_network_stage(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "faultlines.network", None)  # import now fails
    camps, balance = analyse_signed_graph(frustrated_graph())
    assert [c.members for c in camps] == [("a", "b", "c", "d")]
    assert balance.frustration_index is None and balance.balance_degree == 0.5
