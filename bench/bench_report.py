"""Benchmark the HTML report on a synthetic 5,000-event store.

Prints: time to build the store, time to collect and write the report, the report's size (the
issue asks for < 10 MB), and, when Debian's chromium is installed, time to interactive in
headless Chromium (navigation start to the page's ``data-ready`` flag) and the time a date-range
change takes to redraw. Numbers are printed, not asserted.

    .venv/bin/python bench/bench_report.py [--events 5000] [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
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


def time_in_chromium(report: Path) -> tuple[float, float, float] | None:
    """(time to interactive ms, date-range redraw ms, JS heap MB), or None without chromium."""
    if not CHROMIUM.is_file():
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(report.as_uri(), wait_until="commit")
            page.wait_for_selector("body[data-ready='true']", state="attached", timeout=120_000)
            interactive = page.evaluate("performance.now()")
            marks = page.evaluate("""() => performance.getEntriesByType('mark')
                .filter(m => m.name.startsWith('faultlines:'))
                .map(m => m.name.slice(11) + ' ' + Math.round(m.startTime))""")
            print(f"  milestones (ms since navigation): {', '.join(marks)}")
            started = time.perf_counter()
            page.fill("#fl-since", "2006-01-01")
            page.fill("#fl-until", "2006-12-31")
            page.dispatch_event("#fl-until", "change")
            page.wait_for_function(
                "() => document.getElementById('fl-range-status').textContent"
                ".includes('2006-12-31')")
            redraw = (time.perf_counter() - started) * 1000
            heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")
            if errors:
                print(f"console errors: {errors}")
            return interactive, redraw, heap / 1e6
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="browser runs (each a cold start)")
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
        for run in range(1, args.runs + 1):
            timing = time_in_chromium(out)
            if timing is None:
                print("chromium: /usr/bin/chromium not installed, browser timings skipped")
                break
            interactive, redraw, heap = timing
            print(f"chromium run {run}: time to interactive {interactive:.0f} ms, "
                  f"date-range redraw {redraw:.0f} ms, JS heap {heap:.0f} MB")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
