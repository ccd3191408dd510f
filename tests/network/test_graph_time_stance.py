"""Signed graph construction and writers, windows, realignments, pressure edges and stance."""

from __future__ import annotations

import datetime as dt
import doctest
import importlib
import io
import json

import networkx as nx
import pytest
from network_builders import signed_graph

from faultlines.errors import ConfigError
from faultlines.network import (
    build_signed_graph,
    compare_outlets,
    dyad_series,
    frustration_index,
    graph_from_store,
    graphs_by_window,
    pressure_edges,
    realignments,
    stance,
    write_graph,
)
from faultlines.store import Dyad

Q1, Q2, Q1_07 = dt.date(2006, 1, 1), dt.date(2006, 4, 1), dt.date(2007, 1, 1)


def dyad(a, b, net, count=1, window=None, ids=()):
    return Dyad(a, b, a.upper(), b.upper(), window, count, net, float(count),
                (count + net) // 2, (count - net) // 2, dt.date(2006, 1, 5), dt.date(2006, 2, 1),
                tuple(ids))


# -- graph ---------------------------------------------------------------------------------------

def test_signs_weights_and_ambivalent_edges():
    G = build_signed_graph([dyad("a", "b", 3, 5), dyad("b", "c", -2, 2), dyad("a", "c", 0, 2)])
    assert {(u, v): G.edges[u, v]["sign"] for u, v in G.edges} == \
        {("a", "b"): 1, ("a", "c"): 0, ("b", "c"): -1}
    assert G.edges["a", "b"]["weight"] == 3 and G.edges["a", "b"]["count"] == 5
    assert G.nodes["b"]["events"] == 7 and G.nodes["b"]["name"] == "B"
    dropped = build_signed_graph([dyad("a", "b", 3), dyad("a", "c", 0, 2)], zero="drop")
    assert list(dropped.edges) == [("a", "b")] and "c" not in dropped


def test_dyads_of_the_same_pair_are_summed():
    G = build_signed_graph([dyad("a", "b", 2, 2, Q1, ["e1"]), dyad("a", "b", -3, 3, Q2, ["e2"])])
    e = G.edges["a", "b"]
    assert (e["count"], e["net_polarity"], e["sign"], e["event_ids"]) == (5, -1, -1, ("e1", "e2"))
    assert G.graph["window"] is None


def test_graph_from_store_has_actor_attributes(filled_store):
    G = graph_from_store(filled_store)
    assert G.nodes["USA"]["name"] == "United States" and G.nodes["USA"]["mentions"] == 8
    assert G.nodes["x:sadrists"]["sector"] == "PTY"
    assert G.edges["IRQGOV", "USA"]["sign"] == 1 and G.edges["USA", "x:sadrists"]["sign"] == -1
    table = build_signed_graph(filled_store.dyads_table(evidence=2))
    assert nx.utils.edges_equal(table.edges, G.edges)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_round_trip_with_scalar_attributes(filled_store, tmp_path, fmt):
    G = graph_from_store(filled_store)
    path = tmp_path / f"g.{fmt}"
    write_graph(G, path, fmt)
    H = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert set(H.nodes) == set(G.nodes) and H.number_of_edges() == G.number_of_edges()
    edge = H.edges["IRQGOV", "USA"]
    assert int(edge["sign"]) == 1 and edge["first_date"] == "2006-01-10"
    assert len(edge["event_ids"].split()) == 3
    if fmt == "gexf":
        assert H.nodes["USA"]["label"] == "United States"


def test_json_writer_to_stream_and_stdout(filled_store, capsys):
    G = graph_from_store(filled_store)
    buffer = io.StringIO()
    write_graph(G, buffer, "json")
    data = json.loads(buffer.getvalue())
    assert {n["id"] for n in data["nodes"]} == set(G.nodes)
    assert all(isinstance(e["event_ids"], list) for e in data["edges"])
    write_graph(G, "-", "json")
    assert json.loads(capsys.readouterr().out) == data
    with pytest.raises(ConfigError, match="dot"):
        write_graph(G, buffer, "dot")  # type: ignore[arg-type]


# -- windows and realignments --------------------------------------------------------------------

def test_graphs_by_window_from_store(filled_store):
    graphs = graphs_by_window(filled_store, "quarter")
    assert list(graphs) == [Q1, Q2, Q1_07]
    assert [G.edges["IRQGOV", "USA"]["sign"] for G in graphs.values()] == [1, 1, -1]
    assert graphs[Q2].graph["window"] == Q2 and graphs[Q2].graph["window_size"] == "quarter"
    # 2006: four pairs; 2007: Iraq-USA again and Iran-Sadrists
    assert len(dyad_series(filled_store, "year")) == 6


def test_unwindowed_dyads_are_refused_for_series():
    with pytest.raises(ConfigError, match="window"):
        dyad_series([dyad("a", "b", 1)])


def test_realignments_from_store_with_evidence(filled_store):
    found = realignments(filled_store, "quarter")
    assert [(r.a, r.b, r.before, r.after, r.kind) for r in found] == \
        [("IRQGOV", "USA", Q2, Q1_07, "rupture")]
    r = found[0]
    assert (r.sign_before, r.sign_after, r.net_before, r.net_after) == (1, -1, 1, -1)
    assert [e.event_type for e in r.evidence_after] == ["ACCUSE"]
    assert [e.event_type for e in r.evidence_before] == ["COOPERATE"]
    assert found.rows()[0][:4] == ("Iraqi government", "United States", "2006-04-01",
                                   "2007-01-01")
    as_json = found.to_dict()[0]
    assert as_json["kind"] == "rupture"
    assert as_json["evidence_after"][0]["sentence"] == r.evidence_after[0].sentence
    assert as_json["evidence_after"][0]["actor"]["id"] == "IRQGOV"
    json.dumps(found.to_dict())


def test_realignment_compares_with_last_seen_sign_and_skips_ambivalence():
    graphs = {}
    for month, net in ((1, 2), (4, 0), (10, -1), (12, 1)):
        start = dt.date(2006, month, 1)
        graphs[start] = build_signed_graph([dyad("a", "b", net, 2, start, [f"e{month}"])])
    found = realignments(graphs)
    assert [(r.before.month, r.after.month, r.kind) for r in found] == \
        [(1, 10, "rupture"), (10, 12, "rapprochement")]
    assert found[0].event_ids_before == ("e1",) and found[0].event_ids_after == ("e10",)
    with_zero = realignments(graphs, include_ambivalent=True)
    assert [(r.before.month, r.after.month) for r in with_zero] == [(1, 4), (4, 10), (10, 12)]


# -- pressure edges ------------------------------------------------------------------------------

def test_pressure_edges_are_exact_reductions():
    G = signed_graph([("a", "b", 1), ("b", "c", 1), ("a", "c", -1), ("c", "d", 1),
                      ("b", "d", 1), ("a", "d", 1)])
    before = frustration_index(G)
    [top] = pressure_edges(G, before)
    assert (top.u, top.v, top.reduction) == ("a", "c", 1.0)
    assert (top.unbalanced_triangles, top.balanced_triangles) == (2, 0)
    assert top.event_ids == ("a-c",)
    G.edges[top.u, top.v]["sign"] *= -1
    assert frustration_index(G).value == before.value - top.reduction


# -- stance --------------------------------------------------------------------------------------

def test_stance_by_source_counts_only_author_voiced_events(filled_store):
    rows = {(s.group, s.actor): s for s in stance(filled_store, by="source", kind="relational")}
    daily = rows[("Daily Example", "USA")]
    # a1: AGREE USA->IRQ (+), ASSAULT USA->Sadrists (-), SUPPORT IRQ->USA (+);
    # a3: ACCUSE IRQ->USA (-), REQUEST by USA without target (-)
    assert (daily.events, daily.net_polarity, daily.documents) == (5, -1, 2)
    assert (daily.as_actor_events, daily.as_actor_net) == (3, -1)
    assert (daily.as_recipient_events, daily.as_recipient_net) == (2, 0)
    assert daily.score == pytest.approx(-0.2)
    other = rows[("Other Times", "USA")]  # the reported Iranian rejection and the
    assert (other.events, other.net_polarity) == (1, 1)  # hypothetical assault are left out
    assert ("Other Times", "IRN") not in rows


def test_stance_by_author_and_doc_and_compare_outlets(filled_store):
    by_author = {(s.group, s.actor) for s in stance(filled_store, by="author", kind="relational")}
    assert ("B. Critic", "x:sadrists") in by_author
    by_doc = {s.group for s in stance(filled_store, by="doc", kind="relational")}
    assert by_doc == {"a1", "a2", "a3"}
    outlets = compare_outlets(filled_store, "USA", kind="relational")
    assert [(s.group, s.score) for s in outlets] == [("Other Times", 1.0),
                                                     ("Daily Example", -0.2)]
    assert outlets.columns[0] == "group" and len(outlets.rows()[0]) == len(outlets.columns)
    with pytest.raises(ConfigError, match="outlet"):
        stance(filled_store, by="outlet")  # type: ignore[arg-type]


# -- docstring examples --------------------------------------------------------------------------

@pytest.mark.parametrize("module", [
    "faultlines.network.graph", "faultlines.network.balance", "faultlines.network.temporal",
    "faultlines.network.realignment", "faultlines.network.stance", "faultlines.network.results",
    "faultlines.store.store",
])
def test_docstring_examples_run(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
