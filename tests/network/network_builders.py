"""Builders of tiny signed graphs for network tests."""

from __future__ import annotations

import random

import networkx as nx


def signed_graph(edges: list[tuple[object, object, int]]) -> nx.Graph:
    G = nx.Graph()
    for u, v, s in edges:
        G.add_edge(u, v, sign=s, event_ids=(f"{u}-{v}",))
    return G


def random_signed_graph(n: int, m: int, seed: int, negative: float = 0.5) -> nx.Graph:
    rng = random.Random(seed)
    G = nx.gnm_random_graph(n, m, seed=seed)
    for u, v in G.edges:
        G.edges[u, v]["sign"] = -1 if rng.random() < negative else 1
        G.edges[u, v]["weight"] = rng.randint(1, 4)
    return G
