"""Do the data support camps? Balance tested against a degree-preserving signed null model.

A partition into camps can always be computed, even for a graph with no triangle at all or with
signs that fall as chance would have them. Before reading camps, ask whether the graph is more
balanced than a random graph in which every actor keeps as many allies and as many enemies as it
has (the signed configuration model; Gallo et al. 2024 show that balance read off raw triangle
counts is often only what the degrees imply). The null graphs come from degree-preserving
double-edge swaps made separately in the positive and the negative layer (no swap may create a
tie that exists in either layer), so each actor's positive and negative degrees are exactly
those observed.

The statistic is the degree of balance over triangles: strong balance (+++, +--) for two camps,
weak balance (+++, +--, ---; Davis 1967) for more than two. Camps are *supported* when the graph
has enough signed triangles and its balance lies above the null's with an empirical one-sided
p-value at most ``alpha``.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, ClassVar

import networkx as nx
import numpy as np

from faultlines.network.balance import Factions
from faultlines.network.graph import signed_edges
from faultlines.network.results import Record

__all__ = ["CampBreak", "CampSupport", "CampTie", "camp_breaks", "camp_support", "camp_ties"]

# Up to this many actors triangles are counted by dense matrix products (fast in numpy); above
# it, by intersecting neighbour sets edge by edge.
_DENSE_MAX_NODES = 1500


@dataclass(frozen=True)
class CampSupport(Record):
    """Whether a signed graph supports a split into camps, and why (``reason``)."""

    supported: bool
    reason: str
    signed_edges: int
    triangles: int
    balance: float | None  # observed degree of balance (strong for k=2, weak for k>2)
    null_mean: float | None
    null_sd: float | None
    z: float | None
    p_value: float | None
    samples: int
    strong: bool  # True: strong balance (k=2); False: weak balance (k>2)

    columns: ClassVar[tuple[str, ...]] = ("supported", "triangles", "balance", "null_mean",
                                          "p_value", "reason")


@dataclass(frozen=True)
class CampTie(Record):
    """An allied tie inside a camp: what holds the camp together."""

    camp: int
    a: Any
    b: Any
    a_name: str
    b_name: str
    count: int
    net_polarity: float

    columns: ClassVar[tuple[str, ...]] = ("camp", "a_name", "b_name", "count", "net_polarity")


@dataclass(frozen=True)
class CampBreak(Record):
    """A tie the split contradicts: allied across two camps, or hostile inside one. These are
    the ties to read first: a coding error, a cross-pressured actor or a real rift."""

    a: Any
    b: Any
    a_name: str
    b_name: str
    camp_a: int
    camp_b: int
    sign: int
    count: int
    net_polarity: float
    event_ids: tuple[str, ...]

    columns: ClassVar[tuple[str, ...]] = ("a_name", "b_name", "camp_a", "camp_b", "sign",
                                          "count")


class _Layers:
    """Positive and negative adjacency of the signed edges, for triangle counts and swaps."""

    def __init__(self, edges: list[tuple[Hashable, Hashable, int]]) -> None:
        nodes = sorted({n for u, v, _s in edges for n in (u, v)}, key=str)
        index = {n: i for i, n in enumerate(nodes)}
        self.size = len(nodes)
        self.pos = [(index[u], index[v]) for u, v, s in edges if s > 0]
        self.neg = [(index[u], index[v]) for u, v, s in edges if s < 0]
        self._rebuild()

    def _rebuild(self) -> None:
        self.sign: dict[tuple[int, int], int] = {}
        for layer, s in ((self.pos, 1), (self.neg, -1)):
            for u, v in layer:
                self.sign[(min(u, v), max(u, v))] = s

    def census(self) -> tuple[int, int, int]:
        """(triangles, strongly balanced, weakly balanced)."""
        if self.size <= _DENSE_MAX_NODES:
            return self._dense_census()
        adj: list[set[int]] = [set() for _ in range(self.size)]
        for u, v in self.sign:
            adj[u].add(v)
            adj[v].add(u)
        total = strong = weak = 0
        for (u, v), s_uv in self.sign.items():
            for w in adj[u] & adj[v]:
                if w <= v:
                    continue
                negatives = (s_uv < 0) + (self.sign[(u, w)] < 0) + (self.sign[(v, w)] < 0)
                total += 1
                strong += negatives % 2 == 0
                weak += negatives != 1
        return total, strong, weak

    def _dense_census(self) -> tuple[int, int, int]:
        # Triangles by sign pattern from matrix products: sum((P @ P) * P) counts each +++
        # triangle six times, sum((P @ P) * N) each ++- twice, and so on.
        pos = np.zeros((self.size, self.size))
        neg = np.zeros((self.size, self.size))
        for (u, v), s in self.sign.items():
            layer = pos if s > 0 else neg
            layer[u, v] = layer[v, u] = 1.0
        pp, nn = pos @ pos, neg @ neg
        ppp = round(float((pp * pos).sum()) / 6)
        ppn = round(float((pp * neg).sum()) / 2)
        pnn = round(float((nn * pos).sum()) / 2)
        nnn = round(float((nn * neg).sum()) / 6)
        total = ppp + ppn + pnn + nnn
        return total, ppp + pnn, ppp + pnn + nnn

    def swap(self, rng: np.random.Generator, attempts: int) -> None:
        """Degree-preserving double-edge swaps within each layer."""
        sign = self.sign
        for layer in (self.pos, self.neg):
            size = len(layer)
            if size < 2:
                continue
            picks = rng.integers(0, size, size=(attempts, 2)).tolist()
            flips = (rng.random(attempts) < 0.5).tolist()
            for (i, j), flip in zip(picks, flips, strict=True):
                a, b = layer[i]
                c, d = layer[j]
                if flip:
                    c, d = d, c
                if a == c or a == d or b == c or b == d:
                    continue
                ad = (a, d) if a < d else (d, a)
                cb = (c, b) if c < b else (b, c)
                if ad in sign or cb in sign:
                    continue
                s = sign.pop((a, b) if a < b else (b, a))
                sign.pop((c, d) if c < d else (d, c))
                sign[ad] = s
                sign[cb] = s
                layer[i], layer[j] = (a, d), (c, b)


def _share(counts: tuple[int, int, int], strong: bool) -> float | None:
    total, s, w = counts
    if total == 0:
        return None
    return (s if strong else w) / total


def camp_support(G: nx.Graph, k: int = 2, *, samples: int = 100, seed: int = 0,
                 min_triangles: int = 5, alpha: float = 0.05,
                 sign: str = "sign") -> CampSupport:
    """Test whether ``G`` is more balanced than its degree-preserving signed null model.

    Parameters
    ----------
    G
        An undirected signed graph (edge attribute ``sign``; sign 0 and self-loops ignored).
    k
        The number of camps asked for: 2 tests strong balance, more tests weak balance.
    samples
        Null graphs drawn (one Markov chain of swaps, ``10 x edges`` swaps before the first and
        ``edges`` between samples); the result is deterministic for a ``seed``.
    min_triangles
        Fewer signed triangles than this and the data cannot support camps.
    alpha
        The largest empirical p-value at which camps count as supported.

    Examples
    --------
    Two camps of four, allied inside and hostile across, are far more balanced than chance:

    >>> G = nx.Graph()
    >>> camps = [["a", "b", "c", "d"], ["e", "f", "g", "h"]]
    >>> for camp in camps:
    ...     G.add_edges_from(((u, v) for u in camp for v in camp if u < v), sign=1)
    >>> G.add_edges_from(((u, v) for u in camps[0] for v in camps[1] if (u + v) in
    ...     ("ae", "bf", "cg", "dh", "af", "bg", "ch", "de")), sign=-1)
    >>> result = camp_support(G, samples=50)
    >>> result.supported, result.triangles
    (True, 16)

    A star has no triangle, so nothing can be said about camps:

    >>> camp_support(nx.star_graph(5)).reason.startswith("no signed triangle")
    True

    References
    ----------
    Gallo, A., Garlaschelli, D., Lambiotte, R., Saracco, F. & Squartini, T. (2024). Testing
    structural balance theories in heterogeneous signed networks. *Communications Physics* 7,
    154.
    Davis, J. A. (1967). Clustering and structural balance in graphs. *Human Relations* 20(2),
    181-187.
    """
    strong = k <= 2
    edges = [(u, v, s) for u, v, s, _w in signed_edges(G, sign, None)]
    layers = _Layers(edges)
    observed_counts = layers.census()
    observed = _share(observed_counts, strong)
    triangles = observed_counts[0]
    kind = "strong" if strong else "weak"
    if triangles == 0:
        return CampSupport(False, f"no signed triangle among {len(edges)} signed ties: the "
                           "data cannot support camps", len(edges), 0, None, None, None, None,
                           None, 0, strong)
    if triangles < min_triangles:
        return CampSupport(False, f"only {triangles} signed triangle(s): too few to support "
                           f"camps (at least {min_triangles} needed)", len(edges), triangles,
                           observed, None, None, None, None, 0, strong)
    rng = np.random.default_rng(seed)
    layers.swap(rng, 10 * len(edges))
    null: list[float] = []
    for _ in range(samples):
        layers.swap(rng, len(edges))
        value = _share(layers.census(), strong)
        if value is not None:
            null.append(value)
    assert observed is not None
    if not null:
        return CampSupport(True, f"{kind} balance {observed:.2f}; random graphs with the same "
                           "degrees have no triangle at all", len(edges), triangles, observed,
                           None, None, None, 1 / (1 + samples), samples, strong)
    mean = sum(null) / len(null)
    sd = math.sqrt(sum((x - mean) ** 2 for x in null) / max(1, len(null) - 1))
    z = (observed - mean) / sd if sd > 0 else (math.inf if observed > mean else 0.0)
    p = (1 + sum(x >= observed for x in null)) / (1 + len(null))
    supported = p <= alpha and observed > mean
    verdict = ("above" if supported else "not above")
    reason = (f"{kind} balance {observed:.2f} is {verdict} random graphs with the same degrees "
              f"({mean:.2f} +/- {sd:.2f}, p = {p:.3f}): "
              + ("camps supported" if supported else "the camps may be an artefact of the "
                 "degrees; read them with care"))
    return CampSupport(supported, reason, len(edges), triangles, observed, mean, sd,
                       z if math.isfinite(z) else None, p, len(null), strong)


def camp_ties(G: nx.Graph, result: Factions, top: int = 3, sign: str = "sign") -> list[CampTie]:
    """The strongest allied ties inside each camp (most events first), ``top`` per camp.

    >>> from faultlines.network.balance import factions
    >>> G = nx.Graph([("a", "b", {"sign": 1, "count": 4, "net_polarity": 4}),
    ...               ("a", "c", {"sign": -1, "count": 1, "net_polarity": -1})])
    >>> [(t.a, t.b, t.count) for t in camp_ties(G, factions(G))]
    [('a', 'b', 4)]
    """
    camp_of = {n: camp.id for camp in result.camps for n in camp.members}
    ties: dict[int, list[CampTie]] = {}
    for u, v, e in G.edges(data=True):
        if e.get(sign, 0) <= 0 or u not in camp_of or camp_of.get(u) != camp_of.get(v):
            continue
        a, b = sorted((u, v), key=str)
        ties.setdefault(camp_of[u], []).append(CampTie(
            camp_of[u], a, b, str(G.nodes[a].get("name", a)), str(G.nodes[b].get("name", b)),
            int(e.get("count", 1)), float(e.get("net_polarity", e.get(sign, 1)))))
    out: list[CampTie] = []
    for camp in sorted(ties):
        ranked = sorted(ties[camp], key=lambda t: (-t.count, -t.net_polarity, str(t.a), str(t.b)))
        out.extend(ranked[:top])
    return out


def camp_breaks(G: nx.Graph, result: Factions, sign: str = "sign") -> list[CampBreak]:
    """The ties that ``result``'s split frustrates, most events first: positive ties between
    camps and negative ties inside a camp (each with its evidence ``event_ids``).

    >>> from faultlines.network.balance import factions
    >>> G = nx.Graph([("a", "b", {"sign": -1, "count": 3}), ("b", "c", {"sign": -1}),
    ...               ("a", "c", {"sign": -1, "count": 2})])
    >>> [(t.a, t.b, t.sign, t.count) for t in camp_breaks(G, factions(G))]
    [('a', 'c', -1, 2)]
    """
    camp_of = {n: camp.id for camp in result.camps for n in camp.members}
    out: list[CampBreak] = []
    for u, v, e in G.edges(data=True):
        s = e.get(sign, 0)
        if not s or u == v or u not in camp_of or v not in camp_of:
            continue
        if (s > 0) == (camp_of[u] == camp_of[v]):
            continue
        a, b = sorted((u, v), key=str)
        out.append(CampBreak(a, b, str(G.nodes[a].get("name", a)), str(G.nodes[b].get("name", b)),
                             camp_of[a], camp_of[b], int(s), int(e.get("count", 1)),
                             float(e.get("net_polarity", s)),
                             tuple(str(i) for i in e.get("event_ids", ()))))
    return sorted(out, key=lambda t: (-t.count, str(t.a), str(t.b)))
