"""Benchmark of the network stage and of dyad aggregation in the store.

1. A synthetic signed graph (default 2,000 actors, 20,000 edges: two planted camps, 10% of the
   edges with the "wrong" sign): time to build the graph from dyads (the baseline) versus the
   triad census, the frustration index and factions, printed as ratios, with the lower bound
   and its gap where the result is not proven optimal.
2. A store holding 1,000,000 synthetic events: time to aggregate dyads in DuckDB SQL (overall
   and per quarter) as a ratio to a plain scan ``SELECT count(*), sum(polarity) FROM events``;
   ingest time is printed too.

Run: ``.venv/bin/python bench/bench_network.py [--events N] [--nodes N --edges M] [--ip]``.
Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from faultlines.network import (
    build_signed_graph,
    factions,
    frustration_index,
    partition_cost,
    triad_census_signed,
)
from faultlines.store import Dyad, Store
from faultlines.types import (
    EVENT_TYPES,
    ActorRef,
    Document,
    DocumentResult,
    Event,
    Mention,
    polarity_of,
)


def best_of(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    best, value = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - started)
    return best, value


def synthetic_dyads(nodes: int, edges: int, noise: float, seed: int
                    ) -> tuple[list[Dyad], dict[str, int]]:
    rng = random.Random(seed)
    camp = [rng.random() < 0.5 for _ in range(nodes)]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < edges:
        u, v = rng.randrange(nodes), rng.randrange(nodes)
        if u != v:
            pairs.add((min(u, v), max(u, v)))
    dyads = []
    for u, v in sorted(pairs):
        sign = 1 if camp[u] == camp[v] else -1
        if rng.random() < noise:
            sign = -sign
        count = rng.randint(1, 5)
        net = sign * rng.randint(1, count)
        dyads.append(Dyad(f"a{u}", f"a{v}", f"Actor {u}", f"Actor {v}", None, count, net,
                          float(count), (count + net) // 2, (count - net) // 2, None, None))
    return dyads, {f"a{i}": int(c) for i, c in enumerate(camp)}


def bench_graph(nodes: int, edges: int, noise: float, ip: bool) -> None:
    dyads, planted = synthetic_dyads(nodes, edges, noise, seed=1)
    base, G = best_of(lambda: build_signed_graph(dyads))
    planted_cost = partition_cost(G, {n: planted[n] for n in G})
    print(f"\n== signed graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges, "
          f"{noise:.0%} of signs flipped; the planted camps frustrate {planted_cost:,.0f} ==")
    print(f"build_signed_graph (baseline)     {base * 1000:9.1f} ms   1.0x")
    t, census = best_of(lambda: triad_census_signed(G))
    print(f"triad census + balance degree     {t * 1000:9.1f} ms  {t / base:5.1f}x   "
          f"triangles={census.triangles:,} balance_degree={census.balance_degree:.3f}")
    runs: list[tuple[str, Callable[[], Any]]] = [
        ("frustration_index (auto)", lambda: frustration_index(G)),
        ("factions k=2 (auto)", lambda: factions(G, k=2).frustration),
        ("factions k=3 (heuristic)", lambda: factions(G, k=3).frustration),
    ]
    if ip:
        runs.append(("frustration_index exact, 10 s", lambda: frustration_index(
            G, method="exact", time_limit=10)))
    for label, fn in runs:
        t, result = best_of(fn, repeat=1)
        status = "optimal" if result.optimal else f"gap {result.gap:.1%}"
        print(f"{label:<33} {t * 1000:9.1f} ms  {t / base:5.1f}x   value={result.value:,.0f} "
              f"lower_bound={result.lower_bound:,.0f} ({status}; {result.method})")


def synthetic_results(events: int, per_doc: int, actors: int, seed: int
                      ) -> Iterator[DocumentResult]:
    rng = random.Random(seed)
    refs = [ActorRef(f"Actor {i}", f"x:actor-{i}", f"Actor {i}", "IRQ", "GOV")
            for i in range(actors)]
    # news coverage is skewed: a few actors appear in most events (Zipf-like weights)
    cumulative = list(itertools.accumulate(1 / (i + 1) for i in range(actors)))
    start = dt.date(2004, 1, 1)
    for d in range(events // per_doc):
        date = start + dt.timedelta(days=d % 2500)
        doc = Document(id=f"doc{d}", text=f"synthetic document {d}", date=date,
                       source=f"outlet{d % 12}")
        evs = []
        for k in range(per_doc):
            i, j = rng.choices(range(actors), cum_weights=cumulative, k=2)
            a, b = refs[i], refs[(j + 1) % actors if j == i else j]
            kind = rng.choice(EVENT_TYPES)
            evs.append(Event(doc.id, k, f"sentence {k}", date, kind, a, b, polarity_of(kind),
                             1.0, trigger=f"t{k}", source=doc.source))
        mentions = tuple(Mention(doc.id, k, 0, 1, e.actor.text, e.actor)
                         for k, e in enumerate(evs))
        yield DocumentResult(doc, mentions, tuple(evs), per_doc)


def bench_store(events: int) -> None:
    started = time.perf_counter()
    for _ in synthetic_results(events, 50, 2000, seed=2):
        pass
    generate = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "bench.duckdb") as store:
            started = time.perf_counter()
            stats = store.add_results(synthetic_results(events, 50, 2000, seed=2),
                                      batch_size=1000)
            ingest = time.perf_counter() - started
            print(f"\n== store: {stats.events_added:,} events, {stats.documents_added:,} "
                  f"documents ==")
            print(f"ingest: {ingest:.2f} s in all, of which {generate:.2f} s build the synthetic "
                  f"Event objects; add_results alone about {ingest - generate:.2f} s "
                  f"({stats.events_added / (ingest - generate):,.0f} events/s)")
            base, _ = best_of(store.event_totals)
            print(f"plain scan count/sum (baseline)   {base * 1000:9.1f} ms   1.0x")
            for label, fn in [
                ("dyads() -> list[Dyad]", lambda: store.dyads(evidence=0)),
                ("dyads(evidence=3)", lambda: store.dyads(evidence=3)),
                ("dyads_table() -> pyarrow", lambda: store.dyads_table()),
                ("dyads_table(window='quarter')", lambda: store.dyads_table(window="quarter")),
            ]:
                t, out = best_of(fn)
                rows = out.num_rows if hasattr(out, "num_rows") else len(out)
                print(f"{label:<33} {t * 1000:9.1f} ms  {t / base:6.1f}x   rows={rows:,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=20000)
    parser.add_argument("--noise", type=float, default=0.10)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--ip", action="store_true",
                        help="also run the integer programme for 10 s on the large graph")
    args = parser.parse_args()
    bench_graph(args.nodes, args.edges, args.noise, args.ip)
    bench_graph(args.nodes, args.edges, 0.5, False)  # random signs: no structure to find
    bench_store(args.events)


if __name__ == "__main__":
    main()
