"""Mode, context and country agreement with PLOVER gold, tuned and set-aside parts side by side.

The parts are those of ``../shared/tools/dev_scores.py``: a record is set aside when
``int(sha1(text), 16) % 3 == 0``. Only counts and shares are printed, never a sentence, so the
set-aside part stays unread::

    .venv/bin/python tools/plover_agreement.py ../shared/gold/plover_gsr_dev.json
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from faultlines.evaluation import EvaluationReport, evaluate, load_gold


def set_aside(text: str) -> bool:
    """The shared rule for the set-aside third of a gold file."""
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % 3 == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    args = parser.parse_args()
    report = evaluate(load_gold(args.gold))
    parts = {"all": report.predictions,
             "tuned": [p for p in report.predictions if not set_aside(p.record.text)],
             "set-aside": [p for p in report.predictions if set_aside(p.record.text)]}
    print(f"{'part':10s} {'n':>4s} {'type':>6s} {'mode':>6s} {'of':>4s} {'mode|type':>9s} "
          f"{'of':>4s} {'context':>7s} {'of':>4s} {'ctx P':>6s} {'ctx R':>6s} {'source':>6s} "
          f"{'target':>6s}")
    for name, predictions in parts.items():
        part = EvaluationReport(predictions, source=str(args.gold))
        mode, context = part.mode_agreement(), part.context_agreement()
        print(f"{name:10s} {part.n:4d} {part.event_type_accuracy:6.3f} "
              f"{mode['mode_agreement']:6.3f} {mode['mode_scored']:4d} "
              f"{mode['mode_agreement_right_category']:9.3f} "
              f"{mode['mode_scored_right_category']:4d} "
              f"{context['context_agreement']:7.3f} {context['context_scored']:4d} "
              f"{context['context_precision']:6.3f} {context['context_recall']:6.3f} "
              f"{part.source_agreement:6.3f} {part.target_agreement:6.3f}")


if __name__ == "__main__":
    main()
