"""Aggregation levels (network/levels.py) and the camp-support test (network/support.py)."""

from __future__ import annotations

import json
import random

import networkx as nx
import numpy as np
import pytest
from network_builders import random_signed_graph, signed_graph

from faultlines.errors import ConfigError
from faultlines.network import camp_support, camp_ties, factions, hide_unidentified, roll_up
from faultlines.network.levels import node_key
from faultlines.network.support import _Layers


def _us_iraq_graph() -> nx.Graph:
    G = nx.Graph()
    people = {
        "USA": ("United States", "USA", None),
        "USA_GOV": ("United States government", "USA", "GOV"),
        "USA_MIL": ("United States armed forces", "USA", "MIL"),
        "US_MARINE_CORPS": ("U.S. Marine Corps", "USA", "MIL"),
        "BUSH": ("George W. Bush", "USA", "GOV"),
        "AQI": ("al-Qaeda in Iraq", "IRQ", "REB"),
        "IRQ_GOV": ("Iraq government", "IRQ", "GOV"),
        "x:gunmen": ("gunmen", None, None),
    }
    for node, (name, country, sector) in people.items():
        G.add_node(node, name=name, country=country, sector=sector, mentions=1, events=0)
    for u, v, net in (("US_MARINE_CORPS", "AQI", -3), ("USA_MIL", "AQI", -2),
                      ("BUSH", "IRQ_GOV", 2), ("USA", "IRQ_GOV", 1), ("USA_GOV", "USA_MIL", 1),
                      ("x:gunmen", "IRQ_GOV", -1)):
        G.add_edge(u, v, count=abs(net), net_polarity=net, cooperative=max(net, 0),
                   conflictual=max(-net, 0), intensity=1.0, first_date=None, last_date=None,
                   event_ids=(f"{u}-{v}",), sign=(net > 0) - (net < 0), weight=abs(net))
    return G


def test_state_level_puts_the_united_states_in_one_node():
    H = roll_up(_us_iraq_graph(), "state")
    us = [n for n, a in H.nodes(data=True) if a.get("country") == "USA"]
    assert us == ["USA"]
    assert H.nodes["USA"]["name"] == "United States"
    assert set(H.nodes["USA"]["members"]) == {"USA", "USA_GOV", "USA_MIL", "US_MARINE_CORPS",
                                              "BUSH"}
    # the two attacks on AQI are summed; the tie inside the United States is gone
    assert H.edges["USA", "AQI"]["count"] == 5 and H.edges["USA", "AQI"]["sign"] == -1
    assert not H.has_edge("USA", "USA")
    assert H.edges["USA", "IRQ"]["net_polarity"] == 3


def test_group_level_keeps_branches_apart():
    H = roll_up(_us_iraq_graph(), "group")
    assert {"USA_GOV", "USA_MIL", "AQI", "IRQ_GOV"} <= set(H)
    assert "US_MARINE_CORPS" not in H and "BUSH" not in H and "USA" not in H
    assert H.edges["USA_MIL", "AQI"]["count"] == 5
    assert H.edges["USA_GOV", "IRQ_GOV"]["count"] == 3


def test_actor_level_is_the_graph_unchanged():
    G = _us_iraq_graph()
    H = roll_up(G, "actor")
    assert sorted(H.nodes) == sorted(G.nodes) and H.number_of_edges() == G.number_of_edges()


def test_unknown_level_is_refused():
    with pytest.raises(ConfigError, match="level must be one of"):
        roll_up(_us_iraq_graph(), "province")


def test_igo_and_non_state_actors_keep_their_node():
    assert node_key("NATO", {"name": "NATO", "country": "IGO", "sector": "MIL"}, "state") == \
        ("NATO", "NATO")
    assert node_key("HEZBOLLAH", {"name": "Hezbollah", "country": "LBN", "sector": "REB"},
                    "state") == ("HEZBOLLAH", "Hezbollah")


def test_hide_unidentified_drops_generic_actors():
    H = hide_unidentified(_us_iraq_graph())
    assert "x:gunmen" not in H and "IRQ_GOV" in H


def test_rolled_up_signs_follow_the_summed_polarity():
    G = _us_iraq_graph()
    G.add_edge("BUSH", "AQI", count=9, net_polarity=9, cooperative=9, conflictual=0,
               intensity=1.0, event_ids=(), sign=1, weight=9)
    H = roll_up(G, "state")
    assert H.edges["USA", "AQI"]["net_polarity"] == 4 and H.edges["USA", "AQI"]["sign"] == 1


# -- camp support ------------------------------------------------------------------------------

def _two_camps(size: int, cross: float, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    G = nx.Graph()
    camps = [[f"a{i}" for i in range(size)], [f"b{i}" for i in range(size)]]
    for camp in camps:
        for i, u in enumerate(camp):
            for v in camp[i + 1:]:
                if rng.random() < 0.6:
                    G.add_edge(u, v, sign=1, count=1)
    for u in camps[0]:
        for v in camps[1]:
            if rng.random() < cross:
                G.add_edge(u, v, sign=-1, count=1)
    return G


def test_planted_camps_are_supported():
    result = camp_support(_two_camps(8, 0.4, seed=1), samples=60)
    assert result.supported, result.reason
    assert result.balance == 1.0 and result.p_value is not None and result.p_value <= 0.05


def test_random_signs_are_not_supported():
    G = random_signed_graph(30, 120, seed=4, negative=0.5)
    result = camp_support(G, samples=60)
    assert not result.supported, result.reason
    assert "not above" in result.reason


def test_a_graph_without_triangles_says_so():
    G = signed_graph([("a", "b", -1), ("b", "c", -1), ("c", "d", 1)])
    result = camp_support(G)
    assert not result.supported and result.triangles == 0
    assert result.reason.startswith("no signed triangle")


def test_too_few_triangles_says_so():
    G = signed_graph([("a", "b", 1), ("b", "c", 1), ("a", "c", 1), ("c", "d", -1)])
    result = camp_support(G, min_triangles=5)
    assert not result.supported and result.triangles == 1 and "too few" in result.reason


def test_support_is_deterministic_for_a_seed():
    G = random_signed_graph(25, 90, seed=2)
    assert camp_support(G, seed=7, samples=30) == camp_support(G, seed=7, samples=30)


def test_null_swaps_preserve_signed_degrees():
    G = random_signed_graph(20, 70, seed=3)
    layers = _Layers([(u, v, s) for u, v, s in G.edges(data="sign")])

    def degrees() -> tuple[list[int], list[int], int]:
        pos, neg = [0] * layers.size, [0] * layers.size
        for (u, v), s in layers.sign.items():
            for n in (u, v):
                (pos if s > 0 else neg)[n] += 1
        return pos, neg, len(layers.sign)

    before = degrees()
    original = dict(layers.sign)
    layers.swap(np.random.default_rng(0), 500)
    assert degrees() == before
    assert layers.sign != original  # something moved


def test_camp_ties_are_allied_ties_inside_camps():
    G = _two_camps(5, 0.5, seed=3)
    result = factions(G)
    ties = camp_ties(G, result, top=2)
    camp_of = {n: c.id for c in result.camps for n in c.members}
    assert ties and all(camp_of[t.a] == camp_of[t.b] == t.camp for t in ties)
    assert all(G.edges[t.a, t.b]["sign"] == 1 for t in ties)
    assert max(sum(t.camp == c.id for t in ties) for c in result.camps) <= 2


def test_factions_cli_reports_support(filled_store, tmp_path):
    from typer.testing import CliRunner

    from faultlines.cli import app

    path = filled_store.path
    filled_store.close()
    runner = CliRunner()
    result = runner.invoke(app, ["factions", "--db", str(path), "--format", "json",
                                 "--level", "state"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data["support"]) >= {"supported", "reason", "triangles"}
    text = runner.invoke(app, ["factions", "--db", str(path), "--level", "group"])
    assert text.exit_code == 0 and "camps" in text.output and "supported" in text.output
    balance = runner.invoke(app, ["balance", "--db", str(path), "--format", "json"])
    assert json.loads(balance.output)["camp_support"]["reason"]


def test_dense_and_sparse_triangle_counts_agree(monkeypatch):
    import faultlines.network.support as support

    G = random_signed_graph(40, 200, seed=9)
    layers = _Layers([(u, v, s) for u, v, s in G.edges(data="sign")])
    dense = layers.census()
    monkeypatch.setattr(support, "_DENSE_MAX_NODES", 0)
    assert layers.census() == dense and dense[0] > 0


def test_roll_up_of_a_scale_graph_signs_by_the_summed_scale():
    """Counted, USA and IRQ are hostile (net -1); weighed by PLOVER's scale the two
    cooperative acts outweigh the complaint (+10 + 3.5 - 2 = +11.5), and a merged state keeps
    that basis."""
    G = nx.Graph(weight="scale")
    for node, country, sector in (("USA_GOV", "USA", "GOV"), ("USA_MIL", "USA", "MIL"),
                                  ("IRQ_GOV", "IRQ", "GOV")):
        G.add_node(node, name=node, country=country, sector=sector, mentions=1, events=0)
    G.add_edge("USA_GOV", "IRQ_GOV", count=2, net_polarity=-2, scale=-2.0 + 3.5)
    G.add_edge("USA_MIL", "IRQ_GOV", count=1, net_polarity=1, scale=10.0)
    H = roll_up(G, "state")
    edge = H.edges["USA", "IRQ"]
    assert (edge["net_polarity"], edge["scale"]) == (-1, 11.5)
    assert (edge["sign"], edge["weight"]) == (1, 11.5)
    G.graph["weight"] = "count"
    counted = roll_up(G, "state").edges["USA", "IRQ"]
    assert (counted["sign"], counted["weight"]) == (-1, 1)
