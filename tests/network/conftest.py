"""Fixtures for network tests: tiny signed graphs and a small filled store."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import networkx as nx
import pytest

# Reuse the hand-built DocumentResults of the store tests (see tests/store/store_builders.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from store_builders import sample_corpus  # noqa: E402

from faultlines.store import Store  # noqa: E402


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


@pytest.fixture
def filled_store(tmp_path) -> Store:
    with Store(tmp_path / "net.duckdb") as store:
        store.add_results(sample_corpus())
        yield store
