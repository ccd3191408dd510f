"""Benchmark the HTML report on a synthetic 5,000-event store.

Prints: time to build the store, time to collect and write the report, the report's size (the
issue asks for < 10 MB), and, when Debian's chromium is installed, for each cold start: time to
interactive in headless Chromium (navigation start to the page's ``data-ready`` flag), the time
a date-range change takes to redraw, and the CPU time of the page's main thread for both (from a
Chromium trace; it depends far less on how loaded the machine is); then the medians and the load
average. Numbers are printed, not asserted.

    .venv/bin/python bench/bench_report.py [--events 5000] [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from faultlines.report import collect_report_data, write_report
from faultlines.store import Store
from faultlines.types import (
    EVENT_TYPES,
    ActorRef,
    Document,
    DocumentResult,
    Event,
    Mention,
    polarity_of,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
COOPERATIVE = [t for t in EVENT_TYPES if polarity_of(t) > 0]
CONFLICT = [t for t in EVENT_TYPES if polarity_of(t) < 0]
OUTLETS = ["Daily Ledger", "Evening Courier", "Night Wire", "Weekly Review", "Field Notes"]
MODALITIES = ["asserted"] * 6 + ["reported"] * 3 + ["hypothetical", "advocated", "negated"]


def synthetic_results(n_events: int, *, n_actors: int = 80, per_doc: int = 5,
                      seed: int = 1) -> list[DocumentResult]:
    """Three blocs of actors that mostly cooperate inside and fight across, 2005-2008."""
    rng = random.Random(seed)
    actors = [ActorRef(f"Actor {i}", f"x:actor-{i}", f"Actor {i} of bloc {i % 3}", "IRQ",
                       rng.choice(["GOV", "MIL", "PTY", "REB", "REL"]))
              for i in range(n_actors)]
    start = dt.date(2005, 1, 1)
    results = []
    for d in range(0, n_events, per_doc):
        doc_id = f"doc-{d // per_doc:05d}"
        date = start + dt.timedelta(days=rng.randrange(4 * 365))
        outlet = rng.choice(OUTLETS)
        events, mentions, sentences = [], [], []
        for i in range(min(per_doc, n_events - d)):
            a, b = rng.sample(actors, 2)
            same_bloc = int(a.id.rsplit("-", 1)[1]) % 3 == int(b.id.rsplit("-", 1)[1]) % 3
            friendly = rng.random() < (0.85 if same_bloc else 0.15)
            event_type = rng.choice(COOPERATIVE if friendly else CONFLICT)
            sentence = (f"In a statement on {date:%d %B %Y}, {a.name} was said to "
                        f"{event_type.lower()} {b.name} over the security arrangements in the "
                        f"province, according to officials who spoke on condition of anonymity.")
            sentences.append(sentence)
            polarity = polarity_of(event_type)
            events.append(Event(doc_id, i, sentence, date, event_type, a, b, polarity,
                                polarity * rng.uniform(1, 10), modality=rng.choice(MODALITIES),
                                trigger=event_type.lower(), source=outlet))
            mentions += [Mention(doc_id, i, 0, 1, a.text, a), Mention(doc_id, i, 2, 3, b.text, b)]
        document = Document(doc_id, " ".join(sentences), date, outlet, title=f"Report {doc_id}")
        results.append(DocumentResult(document, tuple(mentions), tuple(events), len(events)))
    return results


REDRAW_RANGE = ("2006-01-01", "2006-12-31")


def _main_thread_cpu_ms(trace: Path) -> float:
    """CPU time of the page's main thread in a Chromium trace (thread time, not wall time).

    On a shared machine the wall-clock numbers grow with the load; the thread time of the
    renderer's main thread says how much work the page itself did.
    """
    events = json.loads(trace.read_text(encoding="utf-8"))
    events = events["traceEvents"] if isinstance(events, dict) else events
    main = {(e["pid"], e["tid"]) for e in events
            if e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"}
    return sum(e.get("tdur", 0) for e in events
               if e.get("name") == "ThreadControllerImpl::RunTask" and e.get("ph") == "X"
               and (e["pid"], e["tid"]) in main) / 1000


def time_in_chromium(report: Path) -> dict[str, float] | None:
    """Timings of one cold start, or None without chromium.

    ``interactive``: navigation start to the page's ``data-ready`` flag (network, lists, map
    when in view and the evidence of the strongest dyad drawn); ``redraw``: a new date range (set
    in both fields, one change event) until the range's dyads are drawn and the status says so;
    ``*_cpu``: the main thread's CPU time over the same spans.
    """
    if not CHROMIUM.is_file():
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            load_trace, redraw_trace = Path(tmp, "load.json"), Path(tmp, "redraw.json")
            browser.start_tracing(page=page, path=str(load_trace),
                                  categories=["toplevel", "__metadata"])
            page.goto(report.as_uri(), wait_until="commit")
            page.wait_for_selector("body[data-ready='true']", state="attached", timeout=120_000)
            interactive = page.evaluate("performance.now()")
            browser.stop_tracing()
            marks = page.evaluate("""() => performance.getEntriesByType('mark')
                .filter(m => m.name.startsWith('faultlines:'))
                .map(m => m.name.slice(11) + ' ' + Math.round(m.startTime))""")
            print(f"  milestones (ms since navigation): {', '.join(marks)}")
            page.wait_for_timeout(500)
            browser.start_tracing(page=page, path=str(redraw_trace),
                                  categories=["toplevel", "__metadata"])
            started = time.perf_counter()
            page.evaluate("""([since, until]) => {
                document.getElementById('fl-since').value = since;
                document.getElementById('fl-until').value = until;
                document.getElementById('fl-until').dispatchEvent(new Event('change'));
            }""", list(REDRAW_RANGE))
            page.wait_for_function(
                "until => document.getElementById('fl-range-status').textContent.includes(until)",
                arg=REDRAW_RANGE[1])
            redraw = (time.perf_counter() - started) * 1000
            browser.stop_tracing()
            heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")
            if errors:
                print(f"console errors: {errors}")
            return {"interactive": interactive, "redraw": redraw, "heap_mb": heap / 1e6,
                    "interactive_cpu": _main_thread_cpu_ms(load_trace),
                    "redraw_cpu": _main_thread_cpu_ms(redraw_trace)}
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5, help="browser runs (each a cold start)")
    parser.add_argument("--keep", type=Path, help="keep the store and report in this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-report-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        db, out = work / "bench.duckdb", work / "report.html"
        db.unlink(missing_ok=True)
        started = time.perf_counter()
        with Store(db) as store:
            store.add_results(synthetic_results(args.events))
            stats = store.stats()
        print(f"store: {stats.get('events')} events, {stats.get('documents')} documents, "
              f"built in {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        with Store(db, read_only=True) as store:
            data = collect_report_data(store, title=f"Benchmark: {args.events} events")
        collected = time.perf_counter() - started
        write_report(data, out)
        print(f"report: data collected in {collected:.2f} s (camps and frustration index: "
              f"{data.balance.method if data.balance else 'none'}), "
              f"written in {time.perf_counter() - started - collected:.2f} s; "
              f"{len(data.nodes)} actors, {len(data.edges)} dyads")
        size = out.stat().st_size
        print(f"report size: {size / 1e6:.2f} MB ({'under' if size < 10e6 else 'OVER'} 10 MB)")
        runs = []
        for run in range(1, args.runs + 1):
            timing = time_in_chromium(out)
            if timing is None:
                print("chromium: /usr/bin/chromium not installed, browser timings skipped")
                break
            runs.append(timing)
            print(f"chromium run {run}: time to interactive {timing['interactive']:.0f} ms "
                  f"(main thread CPU {timing['interactive_cpu']:.0f} ms), date-range redraw "
                  f"{timing['redraw']:.0f} ms (CPU {timing['redraw_cpu']:.0f} ms), "
                  f"JS heap {timing['heap_mb']:.0f} MB")
        if runs:
            def median(key: str) -> float:
                return statistics.median(r[key] for r in runs)

            print(f"median of {len(runs)}: time to interactive {median('interactive'):.0f} ms "
                  f"(CPU {median('interactive_cpu'):.0f} ms), redraw {median('redraw'):.0f} ms "
                  f"(CPU {median('redraw_cpu'):.0f} ms); load average "
                  f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
