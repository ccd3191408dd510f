"""Structural balance of signed graphs: signed triad census, degree of balance, the frustration
index (exact by integer programming with HiGHS, or bounded by a heuristic), and factions.

All functions read the edge attribute ``sign`` (+1/-1); edges with sign 0 (ambivalent dyads)
and self-loops are ignored, since they can neither balance nor frustrate a cycle.
"""

from __future__ import annotations

import random
import time
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import networkx as nx
import numpy as np

from faultlines.errors import ConfigError
from faultlines.network.graph import signed_edges
from faultlines.network.results import Record, ResultTable

__all__ = [
    "TriadCensus",
    "UnbalancedTriad",
    "Frustration",
    "Camp",
    "Factions",
    "triad_census_signed",
    "balance_degree",
    "unbalanced_triads",
    "frustration_index",
    "factions",
    "partition_cost",
]

_TRIAD_TYPES = ("+++", "++-", "+--", "---")
# Above this many signed edges "auto" skips the integer program: HiGHS would only spend the
# time limit to confirm the heuristic's bound.
EXACT_MAX_EDGES = 5000
_MAX_TRIANGLE_ROWS = 200_000


# -- triangles -----------------------------------------------------------------------------------

class _Signed:
    """Index-based view of the signed edges of a graph (what every algorithm here needs)."""

    def __init__(self, G: nx.Graph, sign: str = "sign", weight: str | None = None) -> None:
        if G.is_directed():
            raise ConfigError("balance measures need an undirected signed graph; build it with "
                              "build_signed_graph (undirected dyads)")
        edges = signed_edges(G, sign, weight)
        nodes = sorted({n for u, v, _s, _w in edges for n in (u, v)}, key=_sort_key)
        self.nodes: list[Hashable] = nodes
        self.index = {n: i for i, n in enumerate(nodes)}
        self.edges = [(self.index[u], self.index[v], s, w) for u, v, s, w in edges]
        self.adj: list[dict[int, int]] = [{} for _ in nodes]  # neighbour -> edge number
        for e, (i, j, _s, _w) in enumerate(self.edges):
            self.adj[i][j] = e
            self.adj[j][i] = e
        self.graph = G

    def triangles(self) -> Iterator[tuple[int, int, int]]:
        """Each triangle once, as three edge numbers (ordered by node index)."""
        adj = self.adj
        for i in range(len(adj)):
            higher = [j for j in adj[i] if j > i]
            for j in higher:
                for k in adj[j]:
                    if k > j and k in adj[i]:
                        yield adj[i][j], adj[i][k], adj[j][k]

    def negatives(self, tri: tuple[int, int, int]) -> int:
        return sum(self.edges[e][2] < 0 for e in tri)

    def components(self) -> list[list[int]]:
        seen = [False] * len(self.nodes)
        out = []
        for start in range(len(self.nodes)):
            if seen[start]:
                continue
            seen[start] = True
            stack, comp = [start], []
            while stack:
                i = stack.pop()
                comp.append(i)
                for j in self.adj[i]:
                    if not seen[j]:
                        seen[j] = True
                        stack.append(j)
            out.append(comp)
        return out


def _sort_key(node: Any) -> tuple[str, str]:
    return (type(node).__name__, str(node))


@dataclass(frozen=True)
class TriadCensus(Record):
    """Counts of signed triangles by their number of negative edges."""

    ppp: int  # +++ balanced
    ppn: int  # ++- unbalanced (the friend of my friend is my enemy)
    pnn: int  # +-- balanced (the enemy of my enemy is my friend)
    nnn: int  # --- unbalanced in the strict sense, balanced in Davis's weak sense

    columns: ClassVar[tuple[str, ...]] = ("+++", "++-", "+--", "---", "triangles",
                                          "balanced", "balance_degree")

    @property
    def triangles(self) -> int:
        return self.ppp + self.ppn + self.pnn + self.nnn

    @property
    def balanced(self) -> int:
        return self.ppp + self.pnn

    @property
    def balance_degree(self) -> float | None:
        return self.balanced / self.triangles if self.triangles else None

    @property
    def weak_balance_degree(self) -> float | None:
        return (self.balanced + self.nnn) / self.triangles if self.triangles else None

    def to_dict(self) -> dict[str, Any]:
        return {"+++": self.ppp, "++-": self.ppn, "+--": self.pnn, "---": self.nnn,
                "triangles": self.triangles, "balanced": self.balanced,
                "balance_degree": self.balance_degree,
                "weak_balance_degree": self.weak_balance_degree}


def triad_census_signed(G: nx.Graph, sign: str = "sign") -> TriadCensus:
    """Count the triangles of a signed graph by sign pattern (+++, ++-, +--, ---).

    Triangles with +++ or +-- are balanced (Heider 1946; Cartwright & Harary 1956); ++- is
    unbalanced; --- is unbalanced in the strict sense but allowed by Davis's (1967) weak
    balance, where the enemies of an actor may also be enemies of each other.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", sign=1); G.add_edge("b", "c", sign=-1); G.add_edge("a", "c", sign=-1)
    >>> G.add_edge("c", "d", sign=1); G.add_edge("b", "d", sign=1)
    >>> triad_census_signed(G).to_dict()["+--"], triad_census_signed(G).to_dict()["++-"]
    (1, 1)

    References
    ----------
    Heider, F. (1946). Attitudes and cognitive organization. *Journal of Psychology* 21, 107-112.
    Cartwright, D. & Harary, F. (1956). Structural balance: a generalization of Heider's theory.
    *Psychological Review* 63(5), 277-293.
    Davis, J. A. (1967). Clustering and structural balance in graphs. *Human Relations* 20(2),
    181-187.
    """
    view = _Signed(G, sign)
    counts = [0, 0, 0, 0]
    for tri in view.triangles():
        counts[view.negatives(tri)] += 1
    return TriadCensus(*counts)


def balance_degree(G: nx.Graph, sign: str = "sign") -> float | None:
    """Share of triangles that are balanced (an even number of negative edges), or ``None``
    when the graph has no signed triangle.

    Examples
    --------
    >>> G = nx.Graph([(0, 1, {"sign": 1}), (1, 2, {"sign": 1}), (0, 2, {"sign": -1})])
    >>> balance_degree(G)
    0.0
    >>> G.edges[0, 2]["sign"] = 1
    >>> balance_degree(G)
    1.0

    References
    ----------
    Cartwright, D. & Harary, F. (1956). Structural balance: a generalization of Heider's theory.
    *Psychological Review* 63(5), 277-293 (the "degree of balance" over cycles of length 3).
    """
    return triad_census_signed(G, sign).balance_degree


@dataclass(frozen=True)
class UnbalancedTriad(Record):
    """An unbalanced triangle with the evidence behind each of its edges."""

    nodes: tuple[Any, Any, Any]
    names: tuple[str, str, str]
    pattern: str  # "++-" or "---"
    signs: dict[str, int]  # "a|b" -> sign
    event_ids: dict[str, tuple[str, ...]]  # "a|b" -> evidence event ids

    columns: ClassVar[tuple[str, ...]] = ("pattern", "nodes", "names")

    def row(self) -> tuple[Any, ...]:
        return (self.pattern, " / ".join(map(str, self.nodes)), " / ".join(self.names))


def unbalanced_triads(G: nx.Graph, sign: str = "sign", *,
                      weak: bool = False) -> ResultTable[UnbalancedTriad]:
    """The unbalanced triangles (``++-``, and ``---`` unless ``weak``), with edge evidence ids.

    Examples
    --------
    >>> G = nx.Graph([("a", "b", {"sign": 1, "event_ids": ("e1",)}),
    ...               ("b", "c", {"sign": 1, "event_ids": ("e2",)}),
    ...               ("a", "c", {"sign": -1, "event_ids": ("e3",)})])
    >>> t = unbalanced_triads(G)[0]
    >>> t.pattern, t.nodes, t.event_ids["a|c"]
    ('++-', ('a', 'b', 'c'), ('e3',))

    References
    ----------
    Cartwright, D. & Harary, F. (1956). Structural balance: a generalization of Heider's theory.
    *Psychological Review* 63(5), 277-293.
    """
    view = _Signed(G, sign)
    out: ResultTable[UnbalancedTriad] = ResultTable(columns=UnbalancedTriad.columns)
    for tri in view.triangles():
        negatives = view.negatives(tri)
        if negatives == 1 or (negatives == 3 and not weak):
            idx = sorted({n for e in tri for n in view.edges[e][:2]})
            nodes = tuple(view.nodes[i] for i in idx)
            signs, evidence = {}, {}
            for e in tri:
                u, v = view.nodes[view.edges[e][0]], view.nodes[view.edges[e][1]]
                key = f"{u}|{v}"
                signs[key] = view.edges[e][2]
                evidence[key] = tuple(G.edges[u, v].get("event_ids", ()))
            names = tuple(str(G.nodes[n].get("name", n)) for n in nodes)
            out.append(UnbalancedTriad(nodes, names, "++-" if negatives == 1 else "---",  # type: ignore[arg-type]
                                       signs, evidence))
    return out


# -- frustration ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Frustration(Record):
    """The frustration index of a signed graph and the partition that attains it.

    ``value`` is the (weighted) number of frustrated edges under ``partition``: exact when
    ``optimal`` is true, otherwise an upper bound, with ``lower_bound`` proving how far from
    optimal it can be at most (``gap = (value - lower_bound) / value``).
    """

    value: float
    lower_bound: float
    optimal: bool
    method: str  # "integer program", "integer program (time limit)", "local search"
    partition: dict[Any, int] = field(repr=False)
    frustrated_edges: tuple[tuple[Any, Any], ...] = field(repr=False)
    nodes: int = 0
    edges: int = 0
    total_weight: float = 0.0
    seconds: float = 0.0

    columns: ClassVar[tuple[str, ...]] = ("value", "lower_bound", "optimal", "gap",
                                          "normalized_balance", "nodes", "edges", "method")

    @property
    def gap(self) -> float:
        if self.value <= 0:
            return 0.0
        return max(0.0, (self.value - self.lower_bound) / self.value)

    @property
    def normalized_balance(self) -> float | None:
        """Aref & Wilson's normalised index ``1 - L / (m / 2)`` (1 = balanced)."""
        if not self.total_weight:
            return None
        return 1.0 - self.value / (self.total_weight / 2.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value, "lower_bound": self.lower_bound, "optimal": self.optimal,
            "gap": self.gap, "normalized_balance": self.normalized_balance,
            "method": self.method, "nodes": self.nodes, "edges": self.edges,
            "seconds": round(self.seconds, 3),
            "partition": {str(k): v for k, v in self.partition.items()},
            "frustrated_edges": [list(e) for e in self.frustrated_edges],
        }


def partition_cost(G: nx.Graph, partition: dict[Any, int], sign: str = "sign",
                   weight: str | None = None) -> float:
    """Weight of the edges a partition frustrates: positive edges between camps and negative
    edges inside a camp (works for any number of camps).

    >>> G = nx.Graph([(0, 1, {"sign": 1}), (1, 2, {"sign": -1}), (0, 2, {"sign": 1})])
    >>> partition_cost(G, {0: 0, 1: 0, 2: 1}), partition_cost(G, {0: 0, 1: 0, 2: 0})
    (1.0, 1.0)
    """
    cost = 0.0
    for u, v, s, w in signed_edges(G, sign, weight):
        same = partition[u] == partition[v]
        if (s > 0 and not same) or (s < 0 and same):
            cost += w
    return cost


def _cost(view: _Signed, labels: list[int]) -> float:
    cost = 0.0
    for i, j, s, w in view.edges:
        same = labels[i] == labels[j]
        if (s > 0) != same:
            cost += w
    return cost


def _local_search(view: _Signed, labels: list[int], k: int, rng: random.Random) -> list[int]:
    """Move single nodes to the camp that frustrates the fewest of their edges until no move
    helps (a first-improvement descent; every accepted move strictly lowers the cost)."""
    nbrs = [[(j, view.edges[e][2], view.edges[e][3]) for j, e in view.adj[i].items()]
            for i in range(len(view.nodes))]
    order = list(range(len(labels)))
    improved = True
    while improved:
        improved = False
        rng.shuffle(order)
        for i in order:
            # cost of node i in camp c = (positive weight) + sum over neighbours j in camp c
            # of (+w if the edge is negative, -w if positive)
            delta = [0.0] * k
            for j, s, w in nbrs[i]:
                delta[labels[j]] += w if s < 0 else -w
            current = labels[i]
            best = min(range(k), key=lambda c: (delta[c], c != current))
            if delta[best] < delta[current] - 1e-12:
                labels[i] = best
                improved = True
    return labels


def _spectral_labels(view: _Signed, iterations: int = 300) -> list[int]:
    """Two camps from the sign of the leading eigenvector of the signed adjacency matrix
    (power iteration; Kunegis et al. 2010), a good start for local search."""
    n = len(view.nodes)
    if n == 0:
        return []
    rows = np.array([i for i, j, _s, _w in view.edges] + [j for i, j, _s, _w in view.edges])
    cols = np.array([j for i, j, _s, _w in view.edges] + [i for i, j, _s, _w in view.edges])
    vals = np.array([s * w for _i, _j, s, w in view.edges] * 2, dtype=float)
    shift = float(np.bincount(rows, weights=np.abs(vals), minlength=n).max()) if len(rows) else 0
    x = np.random.default_rng(0).standard_normal(n)
    for _ in range(iterations):
        y = np.bincount(rows, weights=vals * x[cols], minlength=n) + shift * x
        norm = np.linalg.norm(y)
        if norm == 0:
            break
        x = y / norm
    return [int(v < 0) for v in x]


def _heuristic(view: _Signed, k: int, restarts: int, seed: int,
               budget: float) -> tuple[list[int], float]:
    rng = random.Random(seed)
    started = time.perf_counter()
    start = _spectral_labels(view)
    best = _local_search(view, start, k, rng)
    best_cost = _cost(view, best)
    for _ in range(restarts):
        if best_cost == 0 or time.perf_counter() - started > budget:
            break
        labels = [rng.randrange(k) for _ in view.nodes]
        labels = _local_search(view, labels, k, rng)
        cost = _cost(view, labels)
        if cost < best_cost:
            best, best_cost = labels, cost
    return best, best_cost


def _packing_bound(view: _Signed, k: int, labels: list[int] | None = None,
                   budget: float = 0.0, walks: list[set[int]] | None = None) -> float:
    """A lower bound from a greedy fractional packing of bad cycles.

    Every bad triangle (an odd number of negative edges for two camps; exactly one negative
    edge for three or more) must contain a frustrated edge, so any packing of such triangles
    that puts no more than an edge's weight on it bounds the optimum from below. The packing
    goes on, within ``budget`` seconds, with such closed walks of up to five edges through the
    edges ``labels`` frustrates (every bad cycle contains one of them).
    """
    residual = [w for _i, _j, _s, w in view.edges]
    bound = 0.0
    for tri in view.triangles():
        negatives = view.negatives(tri)
        bad = negatives % 2 == 1 if k == 2 else negatives == 1
        if not bad:
            continue
        y = min(residual[e] for e in tri)
        if y > 0:
            bound += y
            for e in tri:
                residual[e] -= y
    if labels is not None and budget > 0:
        bound += _pack_walks(view, residual, labels, budget, walks, k=k)
    return bound


def _pack_walks(view: _Signed, residual: list[float], labels: list[int],
                budget: float, walks: list[set[int]] | None = None, depth: int = 2,
                k: int = 2) -> float:
    # Meet in the middle: paths of up to `depth` edges from each end of a frustrated edge,
    # joined into a closed walk that no partition can satisfy. For two camps that is a walk
    # with an odd number of negative edges (it has an odd number of frustrated edges under
    # every partition); for more camps, a walk with exactly one negative edge (its positive
    # edges tie the negative edge's ends into one camp). Either may be packed like a cycle,
    # each distinct edge once. Every such walk holds an edge `labels` frustrates, so starting
    # from those edges misses none.
    started = time.perf_counter()
    neg = [int(s < 0) for _i, _j, s, _w in view.edges]

    def step(count: int, e: int) -> int:
        return count ^ neg[e] if k == 2 else count + neg[e]

    def reach(root: int, skip: int) -> dict[tuple[int, int], tuple[int, ...]]:
        found: dict[tuple[int, int], tuple[int, ...]] = {(root, 0): ()}
        frontier: list[tuple[int, int, tuple[int, ...]]] = [(root, 0, ())]
        for _ in range(depth):
            nxt: list[tuple[int, int, tuple[int, ...]]] = []
            for node, parity, path in frontier:
                for other, e in view.adj[node].items():
                    if e == skip or residual[e] <= 0:
                        continue
                    state = (other, step(parity, e))
                    if state[1] > 1:
                        continue  # more than one negative edge: fine with three camps
                    if state not in found:
                        found[state] = (*path, e)
                        nxt.append((other, state[1], found[state]))
            frontier = nxt
        return found

    bound = 0.0
    frustrated = [e for e, (i, j, s, _w) in enumerate(view.edges)
                  if (s > 0) != (labels[i] == labels[j])]
    for e0 in frustrated:
        while residual[e0] > 0:
            if time.perf_counter() - started > budget:
                return bound
            i, j = view.edges[e0][:2]
            forward, backward = reach(i, e0), reach(j, e0)
            want = 1 - neg[e0]  # negatives (k > 2) or parity (k = 2) the path i..j needs
            best: tuple[int, ...] | None = None
            for (node, parity), path in forward.items():
                needed = parity ^ want if k == 2 else want - parity
                other = backward.get((node, needed)) if needed >= 0 else None
                if other is not None and (best is None or len(path) + len(other) < len(best)):
                    best = path + other
            if best is None:
                break
            walk = {e0, *best}
            if walks is not None:
                walks.append(walk)
            y = min(residual[e] for e in walk)
            bound += y
            for e in walk:
                residual[e] -= y
    return bound


def _solve_ip(view: _Signed, start: list[int], time_limit: float, threads: int | None,
              walks: Sequence[set[int]] = ()) -> tuple[list[int] | None, float, bool]:
    """Exact 2-camp frustration by the binary programme of Aref, Mason & Wilson (2018):
    x_i in {0,1} per node, f_e >= |x_i - x_j| for positive and f_e >= |x_i + x_j - 1| for
    negative edges, minimise sum w_e f_e; strengthened by the triangle (odd-cycle) inequalities
    of every triangle and with one node per component fixed to break the symmetry."""
    import highspy

    n, m = len(view.nodes), len(view.edges)
    inf = highspy.kHighsInf
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1e-9)
    if threads is not None:
        h.setOptionValue("threads", int(threads))
    lower = np.zeros(n + m)
    upper = np.ones(n + m)
    for comp in view.components():
        upper[min(comp)] = 0.0  # each component's first node sits in camp 0
    costs = np.concatenate([np.zeros(n), np.array([w for *_x, w in view.edges])])
    h.addVars(n + m, lower, upper)
    h.changeColsCost(n + m, np.arange(n + m, dtype=np.int32), costs)
    h.changeColsIntegrality(n, np.arange(n, dtype=np.int32),
                            np.array([highspy.HighsVarType.kInteger] * n))
    starts: list[int] = []
    index: list[int] = []
    value: list[float] = []
    row_lo: list[float] = []
    row_hi: list[float] = []

    def row(cols: list[int], coefs: list[float], lo: float, hi: float) -> None:
        starts.append(len(index))
        index.extend(cols)
        value.extend(coefs)
        row_lo.append(lo)
        row_hi.append(hi)

    for e, (i, j, s, _w) in enumerate(view.edges):
        f = n + e
        if s > 0:
            row([f, i, j], [1, -1, 1], 0, inf)
            row([f, i, j], [1, 1, -1], 0, inf)
        else:
            row([f, i, j], [1, -1, -1], -1, inf)
            row([f, i, j], [1, 1, 1], 1, inf)
    triangle_rows = 0
    for tri in view.triangles():
        if triangle_rows >= _MAX_TRIANGLE_ROWS:
            break
        fs = [n + e for e in tri]
        if view.negatives(tri) % 2:  # unbalanced: an odd number of frustrated edges
            row(fs, [1, 1, 1], 1, inf)
            for k in range(3):
                row(fs, [1 if t != k else -1 for t in range(3)], -inf, 1)
        else:  # balanced: an even number, so no edge is frustrated alone
            for k in range(3):
                row(fs, [1 if t != k else -1 for t in range(3)], 0, inf)
        triangle_rows += 4
    for walk in walks:  # each packed unbalanced walk holds at least one frustrated edge
        row([n + e for e in sorted(walk)], [1.0] * len(walk), 1, inf)
    h.addRows(len(row_lo), np.array(row_lo), np.array(row_hi), len(index),
              np.array(starts, dtype=np.int32), np.array(index, dtype=np.int32),
              np.array(value, dtype=float))
    if start:
        solution = highspy.HighsSolution()
        fvals = [float((s > 0) != (start[i] == start[j])) for i, j, s, _w in view.edges]
        solution.col_value = [float(x) for x in start] + fvals
        solution.value_valid = True
        h.setSolution(solution)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    optimal = status == highspy.HighsModelStatus.kOptimal
    bound = float(info.mip_dual_bound) if np.isfinite(info.mip_dual_bound) else 0.0
    if info.primal_solution_status == 0:  # no feasible point found within the time limit
        return None, bound, False
    cols = h.getSolution().col_value
    labels = [int(round(v)) for v in cols[:n]]
    return labels, bound, optimal


def _labels_to_partition(view: _Signed, labels: list[int]) -> dict[Any, int]:
    # Number camps by size (largest first), ties by their first node, so output is stable.
    camps: dict[int, list[int]] = {}
    for i, c in enumerate(labels):
        camps.setdefault(c, []).append(i)
    order = sorted(camps, key=lambda c: (-len(camps[c]), min(camps[c])))
    rename = {c: new for new, c in enumerate(order)}
    return {view.nodes[i]: rename[c] for i, c in enumerate(labels)}


def _solve(G: nx.Graph, k: int, weight: str | None, time_limit: float, sign: str,
           method: str, seed: int, threads: int | None) -> tuple[_Signed, Frustration]:
    if method not in ("auto", "exact", "heuristic"):
        raise ConfigError(f"unknown method {method!r}; use auto, exact or heuristic")
    if k < 2:
        raise ConfigError(f"k must be at least 2 camps, got {k}")
    if k > 2 and method == "exact":
        raise ConfigError("an exact solution is only implemented for k=2 camps; use "
                          "method='heuristic' (or 'auto') for k > 2")
    started = time.perf_counter()
    view = _Signed(G, sign, weight)
    total = sum(w for *_x, w in view.edges)
    labels, value = _heuristic(view, k, restarts=20, seed=seed,
                               budget=max(0.5, min(5.0, time_limit / 2)))
    walks: list[set[int]] = []
    lower = _packing_bound(view, k, labels, budget=max(0.5, min(5.0, time_limit / 2)),
                           walks=walks)
    optimal = value <= lower + 1e-9
    label = "local search"
    use_ip = (k == 2 and not optimal and view.edges and (
        method == "exact" or (method == "auto" and len(view.edges) <= EXACT_MAX_EDGES)))
    if use_ip:
        ip_labels, ip_bound, ip_optimal = _solve_ip(view, labels, time_limit, threads, walks)
        lower = max(lower, ip_bound)
        if ip_labels is not None:
            ip_value = _cost(view, ip_labels)
            if ip_value <= value:
                labels, value = ip_labels, ip_value
        optimal = ip_optimal or value <= lower + 1e-9
        label = "integer program" if ip_optimal else "integer program (time limit)"
    if optimal:
        lower = value
    partition = _labels_to_partition(view, labels)
    frustrated = tuple(
        (view.nodes[i], view.nodes[j]) for i, j, s, _w in view.edges
        if (s > 0) != (labels[i] == labels[j]))
    result = Frustration(value=value, lower_bound=lower, optimal=optimal, method=label,
                         partition=partition, frustrated_edges=frustrated,
                         nodes=len(view.nodes), edges=len(view.edges), total_weight=total,
                         seconds=time.perf_counter() - started)
    return view, result


def frustration_index(
    G: nx.Graph,
    weight: str | None = None,
    time_limit: float = 10,
    *,
    sign: str = "sign",
    method: str = "auto",
    seed: int = 0,
    threads: int | None = None,
) -> Frustration:
    """The frustration index: the fewest edges (or least weight) whose removal makes the
    signed graph balanced, i.e. splittable into two camps with only positive edges inside and
    only negative edges between them.

    A spectral start improved by local search gives an upper bound and a partition; a greedy
    packing of unbalanced triangles gives a lower bound. If they differ, the integer programme
    of Aref, Mason & Wilson (2018) is solved with HiGHS (``method="exact"``, or ``"auto"`` for
    graphs of at most 5,000 signed edges), warm-started from the heuristic, within
    ``time_limit`` seconds; when the limit is hit the best partition, HiGHS's dual bound and the
    gap are reported and ``optimal`` is false.

    Parameters
    ----------
    G
        Undirected graph with a ``sign`` edge attribute (+1/-1; 0 is ignored).
    weight
        Edge attribute with non-negative weights, or ``None`` to count edges.
    time_limit
        Seconds for the integer programme.
    method
        ``"auto"``, ``"exact"`` (always run the integer programme) or ``"heuristic"``.
    seed
        Seed of the local search restarts.
    threads
        HiGHS threads (default: HiGHS's choice).

    Examples
    --------
    >>> G = nx.Graph([(0, 1, {"sign": 1}), (1, 2, {"sign": 1}), (0, 2, {"sign": -1}),
    ...               (2, 3, {"sign": -1})])
    >>> result = frustration_index(G)
    >>> result.value, result.optimal
    (1.0, True)

    References
    ----------
    Harary, F. (1959). On the measurement of structural balance. *Behavioral Science* 4(4),
    316-323 (the line index of balance).
    Aref, S., Mason, A. J. & Wilson, M. C. (2018). Computing the line index of balance using
    integer programming optimisation. In *Optimization Problems in Graph Theory*, 65-84.
    Aref, S. & Wilson, M. C. (2018). Measuring partial balance in signed networks. *Journal of
    Complex Networks* 6(4), 566-595.
    Aref, S. & Wilson, M. C. (2019). Balance and frustration in signed networks. *Journal of
    Complex Networks* 7(2), 163-189.
    """
    return _solve(G, 2, weight, time_limit, sign, method, seed, threads)[1]


@dataclass(frozen=True)
class Camp(Record):
    """One faction: its members (ids) and their names."""

    id: int
    members: tuple[Any, ...]
    names: tuple[str, ...]

    columns: ClassVar[tuple[str, ...]] = ("id", "size", "names")

    def row(self) -> tuple[Any, ...]:
        return (self.id, len(self.members), ", ".join(self.names))


@dataclass(frozen=True)
class Factions(Record):
    """A partition of the actors into at most ``k`` camps that frustrates as little as possible:
    positive (allied) edges between camps and negative edges inside a camp count against it."""

    k: int
    camps: ResultTable[Camp]
    frustration: Frustration
    unassigned: tuple[Any, ...]  # actors with no signed edge
    #: Whether the data support camps at all (``network.support.CampSupport``), when tested.
    support: Any = None
    #: The allied ties that hold each camp together (``network.support.CampTie``).
    ties: tuple[Any, ...] = ()
    #: The ties the split frustrates (``network.support.CampBreak``), when listed.
    breaks: tuple[Any, ...] = ()

    columns: ClassVar[tuple[str, ...]] = Camp.columns

    def rows(self) -> list[tuple[Any, ...]]:
        return self.camps.rows()

    def to_dict(self) -> dict[str, Any]:
        return {"k": self.k, "camps": self.camps.to_dict(),
                "frustration": {k: v for k, v in self.frustration.to_dict().items()
                                if k != "partition"},
                "unassigned": [str(n) for n in self.unassigned],
                "support": self.support.to_dict() if self.support is not None else None,
                "ties": [t.to_dict() for t in self.ties],
                "breaks": [t.to_dict() for t in self.breaks]}


def factions(
    G: nx.Graph,
    k: int = 2,
    *,
    weight: str | None = None,
    time_limit: float = 10,
    sign: str = "sign",
    method: str = "auto",
    seed: int = 0,
    threads: int | None = None,
) -> Factions:
    """Split the actors into at most ``k`` camps, minimising frustrated edges.

    For ``k=2`` this is the partition of :func:`frustration_index` (exact by integer
    programming when it finishes within ``time_limit``). For ``k > 2`` it is Davis's (1967)
    clusterability problem (Doreian & Mrvar 1996 call it blockmodelling of signed networks),
    solved by local search from a spectral start with random restarts; its lower bound packs
    triangles, then short closed walks, with exactly one negative edge: no number of camps
    resolves those.

    Examples
    --------
    >>> G = nx.Graph([("a", "b", {"sign": 1}), ("c", "d", {"sign": 1}),
    ...               ("a", "c", {"sign": -1}), ("b", "d", {"sign": -1})])
    >>> [camp.members for camp in factions(G).camps]
    [('a', 'b'), ('c', 'd')]

    References
    ----------
    Davis, J. A. (1967). Clustering and structural balance in graphs. *Human Relations* 20(2),
    181-187.
    Doreian, P. & Mrvar, A. (1996). A partitioning approach to structural balance. *Social
    Networks* 18(2), 149-168.
    Aref, S. & Wilson, M. C. (2019). Balance and frustration in signed networks. *Journal of
    Complex Networks* 7(2), 163-189.
    """
    _view, result = _solve(G, k, weight, time_limit, sign, method, seed, threads)
    members: dict[int, list[Any]] = {}
    for node, camp in result.partition.items():
        members.setdefault(camp, []).append(node)
    camps: ResultTable[Camp] = ResultTable(columns=Camp.columns)
    for camp in sorted(members):
        nodes = tuple(sorted(members[camp], key=_sort_key))
        camps.append(Camp(camp, nodes, tuple(str(G.nodes[n].get("name", n)) for n in nodes)))
    unassigned = tuple(sorted((n for n in G if n not in result.partition), key=_sort_key))
    return Factions(k=k, camps=camps, frustration=result, unassigned=unassigned)
