"""tools/train.py reads only the tuned part of the gold (sentences of our own, no scikit-learn)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SENTENCES = [
    "Northland troops crossed the river at dawn.",
    "The Southland cabinet approved a grain deal with Eastmark.",
    "Westmark officials said the vote would be held in May.",
    "Rebels in the hills ambushed a police patrol.",
    "The two presidents met in a lakeside town.",
    "Farmers blocked the motorway to protest fuel prices.",
    "Eastmark recalled its ambassador from Northland.",
    "Northland's premier urged calm after the floods.",
    "Police in the capital arrested twelve demonstrators.",
    "Southland offered medical aid to the flooded villages.",
    "A court in Westmark sentenced the former minister.",
    "Envoys from both sides agreed to talk again next week.",
]


def _train():
    spec = importlib.util.spec_from_file_location("faultlines_train", REPO / "tools" / "train.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _aside(text: str) -> bool:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % 3 == 0


def test_load_tuned_gold_drops_every_set_aside_record(tmp_path: Path):
    assert any(_aside(t) for t in SENTENCES) and not all(_aside(t) for t in SENTENCES)
    (tmp_path / "plover_gsr_dev.json").write_text(json.dumps(
        [{"text": t, "event": "ASSAULT", "source": [], "target": []} for t in SENTENCES]))
    (tmp_path / "plv_train.json").write_text(json.dumps(
        [{"text": t, "source": "Northland", "target": "Southland", "root": "AGREE", "penta": 1}
         for t in SENTENCES]))
    (tmp_path / "cameo_train.json").write_text(json.dumps({
        "quads": [{"text": t, "label": 4} for t in SENTENCES],
        "spans": [{"text": t, "source": [], "target": [], "reciprocal": []}
                  for t in SENTENCES]}))
    train = _train()
    everything = train.load_gold(tmp_path)
    tuned = train.load_tuned_gold(tmp_path)
    expected = [t for t in SENTENCES if not _aside(t)]
    for part in ("gsr", "plv", "quads", "spans"):
        assert len(everything[part]) == len(SENTENCES)
        assert [r["text"] for r in tuned[part]] == expected
    event, cats = train.training_examples(tuned, lambda text: True)
    assert sorted(event) == sorted(expected)
    assert not any(_aside(t) for t, _ in cats)


def test_main_trains_from_the_tuned_loader_only():
    source = (REPO / "tools" / "train.py").read_text(encoding="utf-8")
    main = source.split("def main(", 1)[1]
    assert "load_tuned_gold(a.gold)" in main and "load_gold(" not in main.replace(
        "load_tuned_gold(", "")
