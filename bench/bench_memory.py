"""Peak memory of an ingest as the corpus grows: streaming means it should not grow.

Runs ``faultlines ingest`` in a fresh process per corpus size on a JSONL corpus of short
generated briefs and reads the child's peak resident set size (``ru_maxrss``). Prints the ratio
of the largest corpus's peak to the smallest's.

Usage:  .venv/bin/python bench/bench_memory.py [--sizes 1000 10000] [--workers 1]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ACTORS = ["Iraq", "Iran", "Syria", "the United States", "Turkey", "Jordan", "Saudi Arabia",
          "the United Nations", "Nouri al-Maliki", "Moqtada al-Sadr", "the Mahdi Army"]
VERBS = ["condemned", "met", "attacked", "praised", "accused", "threatened", "supported",
         "rejected", "criticized", "welcomed"]


def write_corpus(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            a = ACTORS[i % len(ACTORS)]
            b = ACTORS[(i * 7 + 3) % len(ACTORS)]
            verb = VERBS[(i * 3) % len(VERBS)]
            text = (f"{a} {verb} {b} on Monday, officials said in report number {i}. "
                    f"The talks on border security continued for a {i % 9 + 2}th day.")
            out.write(json.dumps({"id": f"m{i}", "text": text,
                                  "date": f"{2004 + i % 7}-0{1 + i % 9}-1{i % 9}"}) + "\n")


def peak_rss_mb(corpus: Path, db: Path, workers: int) -> tuple[float, float]:
    code = (
        "import resource, sys\n"
        "from faultlines import api\n"
        f"r = api.ingest([{str(corpus)!r}], {str(db)!r}, workers={workers})\n"
        "assert r.ok, r.errors[:3]\n"
        "self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "kids_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(max(self_kb, kids_kb))\n"
    )
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    peaks = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus = Path(tmp) / f"c{n}.jsonl"
            write_corpus(corpus, n)
            peak, seconds = peak_rss_mb(corpus, Path(tmp) / f"c{n}.duckdb", args.workers)
            peaks[n] = peak
            print(f"{n:>7} documents: peak RSS {peak:7.1f} MB  ({seconds:.1f}s, "
                  f"{n / seconds:.0f} docs/s)")
    smallest, largest = min(peaks), max(peaks)
    print(f"peak memory {largest} docs / {smallest} docs: {peaks[largest] / peaks[smallest]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
