"""Throughput benchmark: faultlines against bare spaCy ``nlp.pipe``, measured in the same run.

Prints ratios (never absolute claims):
- stage costs on the same parsed documents: actor resolution / parsing, event coding / parsing;
- end-to-end ingest (read -> parse -> actors -> coding -> DuckDB) throughput / bare ``nlp.pipe``
  throughput, with the same model and the same number of processes;
- ingest with 2 workers / ingest with 1 worker;
- faultlines' parsing alone / bare ``nlp.pipe``: the same model and the same annotations, with
  the attribute_ruler's matches found by look-up (faultlines.nlp.attribute_rules), so a reader
  can see how much of the end-to-end ratio that part makes up.

"Bare" spaCy is the model as ``spacy.load`` gives it, with nothing of faultlines.

Both sides load their models before the clock starts (bare spaCy its pipeline; faultlines also its
actor knowledge base and language identifier); worker processes start inside the timing on both
sides. With ``--repeat N`` each timing is the best of N runs, taken alternately.

With ``--pairs N`` the run then times N pairs of (bare ``nlp.pipe``, 1-process ingest), one after
the other in this process, the first pair bare first, the next ingest first, and so on. Each pair
gives its own ratio (bare time / ingest time), and the median of the N ratios is printed with
their minimum and maximum. The two timings of a pair are seconds apart, so a change in the
machine's load (other jobs on a shared machine) moves both sides of most pairs alike, and the
median sets aside the pairs it did not; the best-of ``--repeat`` timings above can take their
two sides from different moments.

Usage:  .venv/bin/python bench/run.py [--docs 300] [--workers 1 2] [--repeat 1] [--json out.json]
        [--coder rules|hybrid] [--pairs N]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from faultlines import api
from faultlines.actors import ActorResolver
from faultlines.coding import code_events
from faultlines.config import DEFAULT_MODEL
from faultlines.demo import demo_corpus_path
from faultlines.ingest import read_documents
from faultlines.nlp import load_pipeline
from faultlines.types import Document


def corpus(n: int) -> list[Document]:
    """``n`` distinct documents cycled from the demo briefs (and the seeds when present)."""
    base = [d for d in read_documents([str(demo_corpus_path())]) if isinstance(d, Document)]
    seeds = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
    if seeds.is_dir():
        base += [d for d in read_documents([str(seeds)]) if isinstance(d, Document)]
    docs = []
    for i in range(n):
        src = base[i % len(base)]
        # A distinct tail keeps content hashes distinct without changing the language.
        docs.append(Document(f"{src.id}-{i}", f"{src.text}\n\nBrief number {i}.",
                             src.date, src.source, src.author, src.title))
    return docs


@functools.lru_cache(maxsize=1)
def stock_pipeline():  # -> spacy.language.Language
    """The default model exactly as spaCy loads it."""
    import spacy

    return spacy.load(DEFAULT_MODEL)


def bare_spacy(docs: list[Document], n_process: int) -> float:
    nlp = stock_pipeline()
    started = time.perf_counter()
    for _ in nlp.pipe((d.text for d in docs), n_process=n_process, batch_size=32):
        pass
    return time.perf_counter() - started


def our_parse(docs: list[Document]) -> float:
    nlp = load_pipeline()
    started = time.perf_counter()
    for _ in nlp.pipe((d.text for d in docs), batch_size=32):
        pass
    return time.perf_counter() - started


def stage_costs(docs: list[Document]) -> dict[str, float]:
    nlp = load_pipeline()
    resolver = ActorResolver.default()
    started = time.perf_counter()
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=32))
    parse = time.perf_counter() - started
    started = time.perf_counter()
    mentions = [resolver.find_mentions(doc, d) for doc, d in zip(parsed, docs, strict=True)]
    resolve = time.perf_counter() - started
    started = time.perf_counter()
    rule_events = [code_events(doc, d, m) for doc, d, m in zip(parsed, docs, mentions,
                                                                 strict=True)]
    coding = time.perf_counter() - started
    from faultlines.coding.learned import combine_events, default_model

    started = time.perf_counter()
    default_model.cache_clear()
    default_model()
    load = time.perf_counter() - started
    started = time.perf_counter()
    for doc, d, m, e in zip(parsed, docs, mentions, rule_events, strict=True):
        combine_events(doc, d, m, e)
    combine = time.perf_counter() - started
    return {"parse_s": parse, "resolve_s": resolve, "coding_s": coding,
            "resolve_over_parse": resolve / parse, "coding_over_parse": coding / parse,
            "learned_model_load_s": load, "combiner_s": combine,
            "combiner_over_parse": combine / parse}


def warm_up(docs: list[Document]) -> None:
    """Load our models in this process before timing, as bare spaCy's model is loaded before its
    timing: the spaCy pipeline, the actor knowledge base and the language identifier."""
    list(api.extract(docs[:2], workers=1))
    from faultlines.ingest.language import _identifier

    _identifier()


CODER: str | None = None  # --coder: None is the default coder (FAULTLINES_CODER, else hybrid)


def ingest_time(docs: list[Document], workers: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "bench.duckdb")
        started = time.perf_counter()
        report = api.ingest(docs, db, workers=workers, coder=CODER)
        elapsed = time.perf_counter() - started
        assert report.documents_added == len(docs), report.to_dict()
        return elapsed


def paired_ratios(bare: Callable[[], float], ours: Callable[[], float], pairs: int
                  ) -> list[float]:
    """``pairs`` ratios ``bare() / ours()``, each of two timings taken one after the other.

    Even pairs time ``bare`` first, odd pairs ``ours`` first, so neither side always runs on a
    machine warmed (or loaded) by the other.

    >>> order = []
    >>> def bare() -> float:
    ...     order.append("bare")
    ...     return 2.0
    >>> def ours() -> float:
    ...     order.append("ours")
    ...     return 4.0
    >>> paired_ratios(bare, ours, 2), order
    ([0.5, 0.5], ['bare', 'ours', 'ours', 'bare'])
    """
    ratios = []
    for n in range(pairs):
        if n % 2 == 0:
            bare_s = bare()
            ours_s = ours()
        else:
            ours_s = ours()
            bare_s = bare()
        ratios.append(bare_s / ours_s)
    return ratios


def summarize_ratios(ratios: list[float]) -> dict[str, float]:
    """The median, minimum and maximum of paired ratios.

    >>> summarize_ratios([0.75, 0.9, 0.7, 1.0])
    {'median': 0.825, 'min': 0.7, 'max': 1.0, 'pairs': 4}
    """
    return {"median": statistics.median(ratios), "min": min(ratios), "max": max(ratios),
            "pairs": len(ratios)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--coder", choices=["rules", "hybrid", "model"], default=None,
                        help="the event coder for the ingest rows (default: the default coder)")
    parser.add_argument("--pairs", type=int, default=0,
                        help="then time this many (bare, 1-process ingest) pairs, alternating "
                             "which goes first, and print the median of their ratios")
    args = parser.parse_args(argv)
    global CODER
    CODER = args.coder

    docs = corpus(args.docs)
    load_pipeline()  # load outside the timings
    stock_pipeline()
    warm_up(docs)
    results: dict[str, object] = {"documents": len(docs), "cpus": os.cpu_count()}
    results["stages"] = stage_costs(docs)
    per_workers = {}
    for workers in args.workers:
        bare, ours = float("inf"), float("inf")
        for _ in range(args.repeat):
            bare = min(bare, bare_spacy(docs, workers))
            ours = min(ours, ingest_time(docs, workers))
        per_workers[workers] = {"bare_spacy_s": bare, "ingest_s": ours,
                                "ingest_over_bare_throughput": bare / ours}
    results["ingest"] = per_workers
    bare, ours = float("inf"), float("inf")
    for _ in range(args.repeat):
        bare = min(bare, bare_spacy(docs, 1))
        ours = min(ours, our_parse(docs))
    results["parse"] = {"bare_spacy_s": bare, "faultlines_parse_s": ours,
                        "parse_over_bare_throughput": bare / ours}
    if 1 in per_workers and 2 in per_workers:
        results["two_workers_over_one"] = per_workers[1]["ingest_s"] / per_workers[2]["ingest_s"]

    stages = results["stages"]
    print(f"documents: {len(docs)}   cpus: {os.cpu_count()}")
    print(f"actor resolution / parsing : {stages['resolve_over_parse']:.3f}")
    print(f"event coding / parsing     : {stages['coding_over_parse']:.3f}")
    print(f"learned combiner / parsing : {stages['combiner_over_parse']:.3f}  "
          f"(model load {stages['learned_model_load_s']:.3f}s)")
    from faultlines.config import RunOptions

    print(f"ingest coder: {RunOptions.resolve(coder=CODER).coder}")
    for workers, row in per_workers.items():
        print(f"workers={workers}: ingest throughput / bare nlp.pipe throughput = "
              f"{row['ingest_over_bare_throughput']:.3f}  "
              f"(bare {row['bare_spacy_s']:.1f}s, ingest {row['ingest_s']:.1f}s)")
    if "two_workers_over_one" in results:
        print(f"ingest 2 workers / 1 worker speed-up: {results['two_workers_over_one']:.2f}x")
    parse = results["parse"]
    print(f"parsing alone (faultlines' spaCy pipeline, 1 process) / bare nlp.pipe throughput = "
          f"{parse['parse_over_bare_throughput']:.3f}  "
          f"(bare {parse['bare_spacy_s']:.1f}s, faultlines {parse['faultlines_parse_s']:.1f}s)")
    if args.pairs > 0:
        ratios = paired_ratios(lambda: bare_spacy(docs, 1), lambda: ingest_time(docs, 1),
                               args.pairs)
        paired = summarize_ratios(ratios)
        results["paired"] = {**paired, "ratios": ratios}
        print(f"paired (workers=1, {args.pairs} pairs, alternating order): ingest throughput / "
              f"bare nlp.pipe throughput median = {paired['median']:.3f}  "
              f"(min {paired['min']:.3f}, max {paired['max']:.3f}; "
              f"{', '.join(f'{r:.3f}' for r in ratios)})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
