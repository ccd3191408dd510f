"""Balance measures on tiny graphs with exact expected values, and the exact frustration
index against brute force."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
from network_builders import random_signed_graph, signed_graph

from faultlines.errors import ConfigError
from faultlines.network import (
    balance_degree,
    factions,
    frustration_index,
    partition_cost,
    triad_census_signed,
    unbalanced_triads,
)


def brute_force_frustration(G: nx.Graph, weight: str | None = None) -> float:
    nodes = [n for n in G if any(G.edges[n, m]["sign"] for m in G[n])]
    best = float("inf")
    for bits in itertools.product((0, 1), repeat=len(nodes) - 1):
        partition = dict(zip(nodes, (0, *bits), strict=True))
        best = min(best, partition_cost(G, partition, weight=weight))
    return best


# -- triads --------------------------------------------------------------------------------------

def test_triad_census_of_each_pattern():
    G = signed_graph([
        (1, 2, 1), (2, 3, 1), (1, 3, 1),  # +++
        (3, 4, 1), (4, 5, -1), (3, 5, 1),  # ++-
        (5, 6, -1), (6, 7, -1), (5, 7, 1),  # +-- (shares no edge with the others)
        (7, 8, -1), (8, 9, -1), (7, 9, -1),  # ---
    ])
    census = triad_census_signed(G)
    assert (census.ppp, census.ppn, census.pnn, census.nnn) == (1, 1, 1, 1)
    assert census.to_dict()["balance_degree"] == 0.5
    assert census.weak_balance_degree == 0.75
    assert balance_degree(G) == 0.5


def test_zero_sign_edges_and_self_loops_are_ignored():
    G = signed_graph([(1, 2, 1), (2, 3, 1), (1, 3, 0), (1, 1, -1)])
    assert triad_census_signed(G).triangles == 0
    assert balance_degree(G) is None


def test_unbalanced_triads_carry_edge_evidence():
    G = signed_graph([("a", "b", 1), ("b", "c", 1), ("a", "c", -1), ("c", "d", -1),
                      ("b", "d", -1)])
    triads = unbalanced_triads(G)
    assert [t.nodes for t in triads] == [("a", "b", "c")]
    assert triads[0].event_ids == {"a|b": ("a-b",), "a|c": ("a-c",), "b|c": ("b-c",)}
    assert triads.rows() == [("++-", "a / b / c", "a / b / c")]
    G.add_edge("x", "y", sign=-1)
    G.add_edge("y", "z", sign=-1)
    G.add_edge("x", "z", sign=-1)
    assert len(unbalanced_triads(G)) == 2 and len(unbalanced_triads(G, weak=True)) == 1


# -- frustration ---------------------------------------------------------------------------------

def test_balanced_graph_has_zero_frustration_and_the_planted_camps():
    G = signed_graph([("a", "b", 1), ("c", "d", 1), ("a", "c", -1), ("b", "d", -1),
                      ("a", "d", -1)])
    result = frustration_index(G)
    assert result.value == 0 and result.optimal and result.frustrated_edges == ()
    assert result.partition == {"a": 0, "b": 0, "c": 1, "d": 1}
    assert result.normalized_balance == 1.0


def test_single_unbalanced_triangle():
    G = signed_graph([(0, 1, 1), (1, 2, 1), (0, 2, -1)])
    result = frustration_index(G)
    assert (result.value, result.lower_bound, result.optimal, result.gap) == (1, 1, True, 0)
    assert len(result.frustrated_edges) == 1


@pytest.mark.parametrize("seed", range(6))
def test_exact_frustration_matches_brute_force(seed):
    G = random_signed_graph(13, 34, seed)
    exact = frustration_index(G, method="exact")
    assert exact.optimal
    assert exact.value == brute_force_frustration(G)
    assert partition_cost(G, exact.partition) == exact.value
    weighted = frustration_index(G, weight="weight", method="exact")
    assert weighted.value == brute_force_frustration(G, weight="weight")
    for w in (None, "weight"):  # the heuristic's bounds must bracket the true optimum
        heuristic = frustration_index(G, weight=w, method="heuristic")
        assert heuristic.lower_bound <= brute_force_frustration(G, weight=w) <= heuristic.value


def test_short_unbalanced_cycles_are_packed_into_the_lower_bound():
    # two edge-disjoint unbalanced 5-cycles sharing node 0: no triangle, bound 2 from walks
    G = signed_graph([(0, 1, 1), (1, 2, 1), (2, 3, 1), (3, 4, 1), (4, 0, -1),
                      (0, 5, 1), (5, 6, 1), (6, 7, -1), (7, 8, -1), (8, 0, -1)])
    result = frustration_index(G, method="heuristic")
    assert (result.value, result.lower_bound, result.optimal) == (2, 2, True)


def test_long_odd_negative_cycle_needs_the_integer_program():
    # a 7-cycle with one negative edge: longer than the packed walks, so the bound is 0 and
    # only the integer program can prove that 1 is optimal
    G = signed_graph([(i, i + 1, 1) for i in range(6)] + [(6, 0, -1)])
    heuristic = frustration_index(G, method="heuristic")
    assert heuristic.value == 1 and heuristic.lower_bound == 0 and not heuristic.optimal
    exact = frustration_index(G, method="exact")
    assert exact.value == 1 and exact.optimal and exact.method == "integer program"


@pytest.mark.slow
def test_exact_frustration_random_60_nodes_300_edges():
    """n=60 is beyond brute force (2^59 partitions). What we verify: HiGHS proves optimality
    (its dual bound equals the value), the returned partition attains the value, and no
    local-search restart finds anything lower. Brute-force agreement is checked on n=13 above.
    """
    G = random_signed_graph(60, 300, seed=1)
    exact = frustration_index(G, method="exact", time_limit=120, threads=1)
    assert exact.optimal and exact.lower_bound == exact.value
    assert partition_cost(G, exact.partition) == exact.value
    assert len(exact.frustrated_edges) == exact.value
    for seed in range(3):
        assert frustration_index(G, method="heuristic", seed=seed).value >= exact.value


def test_planted_factions_with_known_optimum():
    """Two camps of 30 with every edge consistent, then 5 edges flipped, each inside its own
    triangle of otherwise consistent edges: the planted partition frustrates exactly 5 edges
    and the 5 edge-disjoint unbalanced triangles prove that no partition frustrates fewer."""
    G = nx.Graph()
    camp = {n: int(n >= 30) for n in range(60)}
    for u, v in nx.gnm_random_graph(60, 240, seed=3).edges:
        G.add_edge(u, v, sign=1 if camp[u] == camp[v] else -1)
    flipped = []
    for u in range(0, 50, 10):  # triangles (u, u+1, u+2) inside camp 0 or 1, disjoint
        for a, b in ((u, u + 1), (u + 1, u + 2), (u, u + 2)):
            G.add_edge(a, b, sign=1)
        G.edges[u, u + 2]["sign"] = -1
        flipped.append((u, u + 2))
    result = frustration_index(G)
    assert result.value == 5 and result.optimal
    assert partition_cost(G, camp) == 5
    assert sorted(tuple(sorted(e)) for e in result.frustrated_edges) == flipped


def test_negative_weights_are_refused():
    G = signed_graph([(0, 1, 1)])
    G.edges[0, 1]["weight"] = -2
    with pytest.raises(ConfigError, match="negative"):
        frustration_index(G, weight="weight")


def test_time_limit_reports_bounds_honestly():
    G = random_signed_graph(120, 900, seed=5)
    result = frustration_index(G, method="exact", time_limit=0.5)
    assert result.lower_bound <= result.value
    assert partition_cost(G, result.partition) == result.value
    if not result.optimal:
        assert result.gap > 0 and result.method == "integer program (time limit)"


# -- factions ------------------------------------------------------------------------------------

def test_two_factions_exact():
    G = signed_graph([("a", "b", 1), ("c", "d", 1), ("a", "c", -1), ("b", "d", -1),
                      ("e", "f", 0)])
    result = factions(G)
    assert [c.members for c in result.camps] == [("a", "b"), ("c", "d")]
    assert result.unassigned == ("e", "f")
    assert result.frustration.value == 0
    assert result.to_dict()["camps"][0]["members"] == ["a", "b"]


def test_three_mutually_hostile_blocs_need_three_camps():
    blocs = [["a1", "a2", "a3"], ["b1", "b2", "b3"], ["c1", "c2", "c3"]]
    edges = [(u, v, 1) for bloc in blocs for u, v in itertools.combinations(bloc, 2)]
    edges += [(u, v, -1) for x, y in itertools.combinations(blocs, 2) for u in x for v in y]
    G = signed_graph(edges)
    two = factions(G, k=2)
    three = factions(G, k=3)
    assert two.frustration.value == 9  # one pair of blocs must share a camp
    assert two.frustration.optimal
    assert three.frustration.value == 0 and three.frustration.optimal
    assert sorted(c.members for c in three.camps) == [tuple(b) for b in blocs]


def test_exact_is_refused_for_more_than_two_camps():
    with pytest.raises(ConfigError, match="k=2"):
        factions(signed_graph([(0, 1, 1)]), k=3, method="exact")


@pytest.mark.parametrize("density", [15, 25, 40])
def test_lower_bound_never_exceeds_the_optimum(density):
    for seed in range(10):
        G = random_signed_graph(10, density, seed, negative=0.3 + 0.04 * seed)
        for k_weight in (None, "weight"):
            result = frustration_index(G, weight=k_weight, method="heuristic")
            exact = brute_force_frustration(G, weight=k_weight)
            assert result.lower_bound <= exact <= result.value


def test_exact_frustration_60_nodes_300_edges_against_brute_force_by_component():
    """A random signed graph of 60 nodes and 300 edges made of five random components of 12
    nodes: the frustration of a graph is the sum over its components, so brute force over
    5 x 2^11 partitions checks the integer program exactly on a graph of this size."""
    G = nx.Graph()
    expected = 0.0
    for part in range(5):
        H = random_signed_graph(12, 60, seed=100 + part)
        H = nx.relabel_nodes(H, {n: 12 * part + n for n in H})
        expected += brute_force_frustration(H)
        G.update(H)
    assert (G.number_of_nodes(), G.number_of_edges()) == (60, 300)
    exact = frustration_index(G, method="exact")
    assert exact.optimal and exact.value == expected
    assert partition_cost(G, exact.partition) == expected


def test_three_camp_bounds_bracket_brute_force():
    for seed in range(8):
        G = random_signed_graph(8, 18, seed, negative=0.5)
        nodes = list(G)
        optimum = min(
            partition_cost(G, dict(zip(nodes, (0, *labels), strict=True)))
            for labels in itertools.product((0, 1, 2), repeat=len(nodes) - 1))
        result = factions(G, k=3, method="heuristic").frustration
        assert result.lower_bound <= optimum <= result.value
        assert result.value == optimum  # local search with restarts solves graphs this small
