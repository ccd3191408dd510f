#!/usr/bin/env python3
"""Calibration of the hybrid coder's confidence on the gold, tuned and set-aside parts apart.

usage: calibration.py [--faultlines PATH] [--gold DIR] [--workers N] [--json OUT]

Runs ``faultlines extract`` (as ../shared/tools/dev_scores.py does; set FAULTLINES_CODER to
choose the coder) over every gold text and scores each emitted event right or wrong by its
text's gold (tools/train.py ``correctness``: a PLV event is right when its pair and root match a
gold row, a CAMEO quad-text event when its quad matches a non-statement label, a PLOVER gold
event when its category matches). Prints, per part: the expected calibration error over ten
equal-width bins with the reliability table, and the precision of events on PLV texts, all and
at confidence >= 0.5.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import numpy as np

HERE = Path(__file__).resolve().parent


def _train_module():
    spec = importlib.util.spec_from_file_location("faultlines_train", HERE / "train.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ref(d):
    return SimpleNamespace(text=d.get("text"), name=d.get("name")) if d else None


def extract(faultlines: str, texts: list[str], workers: int) -> dict[str, list]:
    ids: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.jsonl")
        with open(src, "w", encoding="utf-8") as out:
            for t in texts:
                if t not in ids:
                    ids[t] = f"cal-{len(ids):05d}"
                    out.write(json.dumps({"id": ids[t], "text": t}) + "\n")
        run = subprocess.run([faultlines, "extract", src, "--format", "jsonl", "--workers",
                              str(workers)], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"calibration: faultlines extract failed: {run.stderr.strip()[-500:]}")
    by: dict[str, list] = {}
    for line in run.stdout.splitlines():
        if line.strip():
            e = json.loads(line)
            by.setdefault(e["doc_id"], []).append(SimpleNamespace(
                event_type=e["event_type"], actor=_ref(e["actor"]), recipient=_ref(e["recipient"]),
                confidence=e.get("confidence")))
    return {t: by.get(i, []) for t, i in ids.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--faultlines", default=".venv/bin/faultlines")
    ap.add_argument("--gold", type=Path, default=HERE.parent.parent / "shared" / "gold")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    train = _train_module()
    g = train.load_gold(a.gold)
    texts = sorted({r["text"] for part in g.values() for r in part})
    events = extract(a.faultlines, texts, a.workers)
    right_of = train.correctness(g)
    plv_texts = {r["text"] for r in g["plv"]}
    report = {}
    for part, keep in (("tuned", lambda t: not train.is_aside(t)), ("set-aside", train.is_aside)):
        scored = [(e.confidence, right_of[t](e), t in plv_texts) for t in texts
                  if keep(t) and t in right_of for e in events[t]]
        with_conf = [(c, ok) for c, ok, _ in scored if c is not None]
        row: dict = {"events": len(scored), "with_confidence": len(with_conf)}
        if with_conf:
            value, table = train.ece(np.array([c for c, _ in with_conf]),
                                     np.array([ok for _, ok in with_conf], dtype=float))
            row.update(ece=round(value, 4), reliability=table)
        plv = [(c, ok) for c, ok, is_plv in scored if is_plv]
        high = [ok for c, ok in plv if c is not None and c >= 0.5]
        row["plv_precision"] = round(float(np.mean([ok for _, ok in plv])), 4) if plv else None
        row["plv_precision_at_0.5"] = round(float(np.mean(high)), 4) if high else None
        row["plv_events"], row["plv_events_at_0.5"] = len(plv), len(high)
        report[part] = row
        print(f"{part}: {len(scored)} events, ECE {row.get('ece')}, PLV precision "
              f"{row['plv_precision']} ({len(plv)} events) -> {row['plv_precision_at_0.5']} at "
              f"confidence >= 0.5 ({len(high)} events)")
        for b in row.get("reliability", []):
            print(f"  {b['bin']}  n={b['n']:4d}  confidence {b['confidence']:.3f}  "
                  f"right {b['accuracy']:.3f}")
    if a.json:
        a.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
