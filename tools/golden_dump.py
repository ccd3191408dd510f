"""Dump every mention, event and stance cue faultlines produces for a fixed set of texts.

The dump is the check that a restructuring changed no output: run it before and after, and
compare the two files byte for byte (``cmp``). The texts are the bundled demo corpus, the seed
articles in ``../shared/corpus/seeds`` and the sentences of ``../shared/gold/plover_gsr_dev.json``
(the last two are read in place and skipped when absent). The dump holds third-party sentences,
so write it outside the repository::

    .venv/bin/python tools/golden_dump.py /tmp/golden-before.jsonl
    ... change the code ...
    .venv/bin/python tools/golden_dump.py /tmp/golden-after.jsonl
    cmp /tmp/golden-before.jsonl /tmp/golden-after.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from faultlines.api import extract_results
from faultlines.demo import demo_corpus_path
from faultlines.evaluation import load_gold
from faultlines.types import Document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _inputs() -> list[tuple[str, list[str] | list[Document]]]:
    sets: list[tuple[str, list[str] | list[Document]]] = [("demo", [str(demo_corpus_path())])]
    seeds = SHARED / "corpus" / "seeds"
    if seeds.is_dir():
        sets.append(("seeds", [str(seeds)]))
    gold = SHARED / "gold" / "plover_gsr_dev.json"
    if gold.is_file():
        records = load_gold(gold)
        sets.append(("gold", [Document(id=r.id, text=r.text, date=r.date) for r in records]))
    return sets


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="file to write the dump to (outside the repository)")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the setting)")
    args = parser.parse_args(argv)
    lines = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for name, inputs in _inputs():
            for result in extract_results(inputs, model=args.model, workers=1):
                doc = result.document
                head = {"set": name, "doc": doc.id, "sentences": result.sentence_count,
                        "skipped": result.skipped_reason}
                out.write(json.dumps(head, sort_keys=True, ensure_ascii=False) + "\n")
                for mention in result.mentions:
                    record = {"mention": asdict(mention)}
                    out.write(json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n")
                for event in result.events:
                    out.write(json.dumps({"event": event.to_dict()}, sort_keys=True,
                                         ensure_ascii=False, default=_plain) + "\n")
                for cue in result.stances:
                    out.write(json.dumps({"stance": asdict(cue)}, sort_keys=True,
                                         ensure_ascii=False, default=_plain) + "\n")
                lines += 1
    print(f"{lines} documents dumped to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
