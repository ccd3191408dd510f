"""Confidence, rule and model_changed through the store (007_confidence) and the JSON contract."""

from __future__ import annotations

import json

from faultlines.coding import validate_event
from faultlines.coding.learned import coder_record
from faultlines.store import Store
from faultlines.types import ActorRef, Document, DocumentResult, Event

NORTH = ActorRef("Northland", "NTH", "Northland", "NTH")
SOUTH = ActorRef("Southland", "STH", "Southland", "STH")


def _result() -> DocumentResult:
    doc = Document("d1", "Northland shelled Southland. Northland met Southland.")
    events = (
        Event("d1", 0, "Northland shelled Southland.", None, "ASSAULT", NORTH, SOUTH, -1, 9.0,
              trigger="shelled", confidence=0.91, rule="lexicon"),
        Event("d1", 1, "Northland met Southland.", None, "CONSULT", NORTH, SOUTH, 1, 2.0,
              trigger="met", confidence=0.3, rule="model", model_changed=True),
        Event("d1", 1, "Northland met Southland.", None, "AGREE", NORTH, SOUTH, 1, 2.0,
              trigger="met again"),
    )
    return DocumentResult(doc, (), events, 2)


def test_to_dict_carries_the_new_keys_and_validates():
    d = _result().events[1].to_dict()
    assert (d["confidence"], d["rule"], d["model_changed"]) == (0.3, "model", True)
    validate_event(d)
    row = _result().events[0].to_row()
    assert row["confidence"] == 0.91 and row["rule"] == "lexicon"


def test_store_round_trip_and_min_confidence_export(tmp_path, capsys):
    with Store(tmp_path / "s.duckdb") as store:
        assert "007_confidence" in store.migrations()
        store.add_results([_result()])
        store.record_coder(coder_record("hybrid"))
        out = tmp_path / "all.jsonl"
        assert store.export_events(out, "jsonl") == 3
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        by_id = {r["event_id"]: r for r in rows}
        for event in _result().events:
            assert by_id[event.event_id] == json.loads(json.dumps(event.to_dict()))
        kept = tmp_path / "kept.csv"
        assert store.export_events(kept, "csv", min_confidence=0.5) == 2  # 0.91 and no confidence
        info = store.coder_info()
        assert info["coder"] == "hybrid" and len(info["model_sha256"]) == 64
        assert "plv_train.json" in json.loads(info["training_data_sha256"])
