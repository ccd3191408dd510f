"""Peak memory of an ingest as the corpus grows, and of one document as it grows.

Corpus mode (default): runs ``faultlines ingest`` in a fresh process per corpus size on a JSONL
corpus of short generated briefs and reads the child's peak resident set size (``ru_maxrss``);
streaming means it should not grow. Prints the ratio of the largest corpus's peak to the
smallest's.

Document mode (``--document-kb``): runs ``extract`` on one generated plain-text document per size
(10 KB, 100 KB, 1 MB, 5 MB by default), each in a fresh process; parse windows mean memory should
not grow with the document (issue 19: 5 MB at most 1.5 GB, 100 KB within 10% of 10 KB).

Usage:  .venv/bin/python bench/bench_memory.py [--sizes 1000 10000] [--workers 1]
        .venv/bin/python bench/bench_memory.py --document-kb 10 100 1000 5000
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


def write_document(path: Path, kilobytes: int) -> None:
    """One long article of our own generated sentences, in paragraphs of five sentences."""
    target = kilobytes * 1000
    parts: list[str] = []
    size = i = 0
    while size < target:
        a = ACTORS[i % len(ACTORS)]
        b = ACTORS[(i * 7 + 3) % len(ACTORS)]
        verb = VERBS[(i * 3) % len(VERBS)]
        sentence = (f"{a} {verb} {b} on Monday, officials said in dispatch {i}." +
                    ("\n\n" if i % 5 == 4 else " "))
        parts.append(sentence)
        size += len(sentence)
        i += 1
    path.write_text("".join(parts)[:target].strip() + "\n", encoding="utf-8")


def document_peak_rss_mb(document: Path) -> tuple[float, float, int]:
    """Peak RSS (MB), seconds and events of ``extract`` on one document, in a fresh process."""
    code = (
        "import resource\n"
        "from faultlines import api\n"
        "report = api.RunReport()\n"
        f"for _ in api.extract_results([{str(document)!r}], workers=1, report=report): pass\n"
        "assert report.ok, report.errors[:3]\n"
        "print(report.events, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True)
    events, kb = out.stdout.strip().splitlines()[-1].split()
    return int(kb) / 1024, time.perf_counter() - started, int(events)


def main_documents(sizes: list[int]) -> int:
    peaks: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for kilobytes in sizes:
            document = Path(tmp) / f"d{kilobytes}.txt"
            write_document(document, kilobytes)
            peak, seconds, events = document_peak_rss_mb(document)
            peaks[kilobytes] = peak
            print(f"{kilobytes:>6} KB document: peak RSS {peak:7.1f} MB  ({seconds:.1f}s, "
                  f"{events} events)", flush=True)
    smallest = min(peaks)
    for kilobytes, peak in sorted(peaks.items()):
        print(f"peak {kilobytes} KB / {smallest} KB: {peak / peaks[smallest]:.3f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--document-kb", type=int, nargs="+", default=None,
                        help="document mode: sizes in KB, e.g. 10 100 1000 5000")
    args = parser.parse_args(argv)
    if args.document_kb:
        return main_documents(args.document_kb)
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
