"""Score actor and recipient countries on the worldwide probe (tests/actors/data).

    python tools/score_worldwide.py [--faultlines .venv/bin/faultlines] [--errors]

Runs ``faultlines extract`` on every document of ``tests/actors/data/worldwide_probe.jsonl``
(short documents written for faultlines, 2000-2026, every region; ``actor`` and ``recipient``
are the expected ISO 3166 alpha-3 codes of the first event, ``IGO`` for intergovernmental
bodies, ``IMG`` for transnational groups; a null recipient is not scored) and prints the share
of documents whose first event has the expected actor country and recipient country. A document
without an event counts as wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "tests" / "actors" / "data" / "worldwide_probe.jsonl"


def load_probe(path: Path = PROBE) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def first_events(faultlines: str, docs: list[dict]) -> dict[str, dict]:
    """doc id -> its first event (lowest sentence index, then output order)."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "probe.jsonl"
        with src.open("w", encoding="utf-8") as out:
            for doc in docs:
                record = {k: doc[k] for k in ("id", "date", "source", "text") if k in doc}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        run = subprocess.run([faultlines, "extract", str(src), "--format", "jsonl"],
                             capture_output=True, text=True, env=os.environ)
        if run.returncode != 0:
            sys.exit(f"score_worldwide: faultlines extract failed: {run.stderr[-500:]}")
    first: dict[str, dict] = {}
    for line in run.stdout.splitlines():
        if not line.strip():
            continue
        event = json.loads(line)
        doc_id = event["doc_id"]
        old = first.get(doc_id)
        if old is None or event.get("sentence_index", 0) < old.get("sentence_index", 0):
            first[doc_id] = event
    return first


def country(side: dict | None) -> str | None:
    return side.get("country") if side else None


def score(docs: list[dict], events: dict[str, dict]) -> dict[str, float]:
    actor_hits = recipient_hits = recipient_total = 0
    for doc in docs:
        event = events.get(doc["id"])
        actor_hits += event is not None and country(event.get("actor")) == doc["actor"]
        if doc.get("recipient") is not None:
            recipient_total += 1
            recipient_hits += event is not None and \
                country(event.get("recipient")) == doc["recipient"]
    return {"documents": len(docs), "with_event": sum(d["id"] in events for d in docs),
            "actor_country": actor_hits / len(docs),
            "recipient_country": recipient_hits / max(recipient_total, 1),
            "recipients_scored": recipient_total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faultlines", default=str(ROOT / ".venv" / "bin" / "faultlines"))
    parser.add_argument("--probe", default=str(PROBE))
    parser.add_argument("--errors", action="store_true", help="list every miss")
    args = parser.parse_args()
    docs = load_probe(Path(args.probe))
    events = first_events(args.faultlines, docs)
    result = score(docs, events)
    print(f"documents {result['documents']} (with an event {result['with_event']})")
    print(f"actor country     {result['actor_country']:.3f}")
    print(f"recipient country {result['recipient_country']:.3f}  "
          f"(of {result['recipients_scored']} with an expected recipient)")
    if args.errors:
        for doc in docs:
            event = events.get(doc["id"])
            got = (country(event.get("actor")), country(event.get("recipient"))) if event \
                else (None, None)
            want = (doc["actor"], doc.get("recipient"))
            if got[0] != want[0] or (want[1] is not None and got[1] != want[1]):
                names = (event["actor"]["text"] if event and event.get("actor") else "-",
                         event["recipient"]["text"] if event and event.get("recipient") else "-")
                print(f"{doc['id']} want {want} got {got} {names}: {doc['text'][:90]}")


if __name__ == "__main__":
    main()
