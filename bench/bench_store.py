"""Store cost when the store is already large: what a long ingest pays per transaction.

Fills a store with N synthetic documents (and 3 events, 6 mentions each) in SQL, then stores
real parsed batches of ``--commit-size`` documents into it the way ``ingest`` does, and prints
ratios (never absolute claims):
- the first transaction after a reopen / a later one, and what a reopen (the checkpoint on
  closing, opening, and that slower first transaction) costs against parsing the documents stored
  between two reopens (``Store._reopen`` runs about every 2,048 documents; DuckDB loads indexes
  back lazily);
- the look-ups ``ingest`` runs per transaction (stored hashes, stored ids) / one transaction;
- storing a transaction / parsing its documents with bare spaCy ``nlp.pipe``.

Usage:  .venv/bin/python bench/bench_store.py [--stored 1000000] [--commit-size 256]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from faultlines import api
from faultlines.nlp import load_pipeline
from faultlines.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import corpus, stock_pipeline  # noqa: E402


def fill(path: str, stored: int) -> None:
    """N documents with 3 events and 6 mentions each, written in bulk by SQL."""
    with Store(path) as store:
        con = store._con  # a benchmark may reach in; the library never does this outside store/
        con.execute(f"""
            INSERT INTO documents (hash, doc_id, date, source, text, sentence_count, ingested_at)
            SELECT md5('doc' || i), 'synthetic-' || i, DATE '2005-01-01' + (i % 1500)::INTEGER,
                   'source-' || (i % 40), repeat('Synthetic text of a stored brief. ', 20),
                   12, now()
            FROM range({stored}) t(i)""")
        con.execute(f"""
            INSERT INTO events (event_id, doc_hash, doc_id, sentence_index, sentence, date,
                                event_type, quad, polarity, intensity, modality, trigger,
                                actor_id, actor_name, recipient_id, recipient_name)
            SELECT md5('ev' || i || '-' || k), md5('doc' || i), 'synthetic-' || i, k,
                   'Iraq accused Iran of arming militias.', DATE '2005-01-01',
                   'ACCUSE', 'VERBAL_CONFLICT', -1, 2.0, 'asserted', 'accuse',
                   'IRQ', 'Iraq', 'IRN', 'Iran'
            FROM range({stored}) t(i), range(3) s(k)""")
        con.execute(f"""
            INSERT INTO mentions
            SELECT md5('doc' || i), 'synthetic-' || i, k, 0, 4, 'Iraq', 'IRQ', 'country'
            FROM range({stored}) t(i), range(6) s(k)""")
        con.execute("CHECKPOINT")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=1_000_000)
    parser.add_argument("--commit-size", type=int, default=256)
    parser.add_argument("--batches", type=int, default=6)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    size = args.commit_size
    if args.batches < 3:
        parser.error("--batches must be at least 3 (one to warm up, one after a reopen, one more)")

    docs = corpus(size * args.batches)
    load_pipeline()
    nlp = stock_pipeline()
    started = time.perf_counter()
    for _ in nlp.pipe((d.text for d in docs[:size]), batch_size=32):
        pass
    parse = time.perf_counter() - started
    results = list(api.extract_results(docs, workers=1))
    batches = [results[i:i + size] for i in range(0, len(results), size)]

    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "large.duckdb")
        started = time.perf_counter()
        fill(path, args.stored)
        filled = time.perf_counter() - started
        store = Store(path)
        timings = []
        lookups = []
        reopening = 0.0
        for number, batch in enumerate(batches):
            if number == 1:  # as add_results does every REOPEN_EVERY_DOCUMENTS documents
                started = time.perf_counter()
                store._reopen()  # closing checkpoints what the first transaction wrote
                reopening = time.perf_counter() - started
            started = time.perf_counter()
            store.has_documents([r.document.hash for r in batch])
            store.stored_ids([r.document.id for r in batch])
            lookups.append(time.perf_counter() - started)
            started = time.perf_counter()
            store.add_results(batch, batch_size=size)
            timings.append(time.perf_counter() - started)
        store.close()

    # timings[0]: the first transaction after opening; timings[1]: the first after a reopen.
    steady = statistics.median(timings[2:])
    from faultlines.store.store import REOPEN_EVERY_DOCUMENTS

    reopen = reopening + timings[1] - steady
    between = max(1, REOPEN_EVERY_DOCUMENTS // size)
    out = {
        "stored_documents": args.stored, "commit_size": size, "fill_s": filled,
        "transactions_s": timings, "lookups_s": lookups, "reopen_s": reopening,
        "parse_one_transaction_s": parse,
        "first_after_reopen_over_later": timings[1] / steady,
        "lookups_over_transaction": statistics.median(lookups[2:]) / steady,
        "store_over_parse": steady / parse,
        "reopen_over_parse_between_reopens": reopen / (between * parse),
    }
    print(f"stored documents: {args.stored:,}   transaction: {size} documents")
    print(f"first transaction after a reopen / a later one: "
          f"{out['first_after_reopen_over_later']:.2f}")
    print(f"look-ups per transaction / one transaction: {out['lookups_over_transaction']:.3f}")
    print(f"storing a transaction / parsing its documents: {out['store_over_parse']:.3f}")
    print(f"a reopen (checkpoint, close, open, slower first transaction) / parsing the "
          f"{between * size} documents "
          f"between two reopens: {out['reopen_over_parse_between_reopens']:.3f}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
