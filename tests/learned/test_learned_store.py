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


def test_a_store_written_before_007_is_upgraded_without_losing_rows(tmp_path):
    """A store as the code before 007_confidence wrote it (001, 002, 006 applied, no
    confidence columns) opens, gains the columns and keeps every row it had."""
    import duckdb

    from faultlines.store.schema import EVENT_COLUMNS, MIGRATIONS

    full = tmp_path / "full.duckdb"
    with Store(full) as store:
        store.add_results([_result()])
        before = {t: store._con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                  for t in ("documents", "events", "actors", "mentions", "stance_cues")}
    old = tmp_path / "old.duckdb"
    earlier = [m for m in MIGRATIONS if m.name != "007_confidence"]
    assert [m.name for m in earlier] == ["001_initial", "002_stance_cues", "003_document_carriers",
                                         "004_curation_overlay", "005_plover16", "006_locations"]
    added = ("confidence", "rule", "model_changed")
    con = duckdb.connect(str(old))
    con.execute("CREATE TABLE migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP "
                "NOT NULL)")
    for migration in earlier:
        for statement in migration.statements:
            con.execute(statement)
        con.execute("INSERT INTO migrations VALUES (?, now())", [migration.name])
    con.execute(f"ATTACH '{full}' AS full_store (READ_ONLY)")
    for table in ("documents", "actors", "events", "mentions", "stance_cues"):
        columns = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "AND table_catalog = current_database() ORDER BY ordinal_position",
            [table]).fetchall()]
        assert not set(added) & set(columns)
        names = ", ".join(f'"{c}"' for c in columns)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM full_store.{table}")
    con.close()

    with Store(old) as store:
        assert store.migrations() == [*(m.name for m in earlier), "007_confidence"]
        after = {t: store._con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                 for t in before}
        assert after == before and after["events"] == 3
        out = tmp_path / "old.jsonl"
        assert store.export_events(out, "jsonl") == 3
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        assert all((r["confidence"], r["rule"], r["model_changed"]) == (None, "", False)
                   for r in rows)
        by_id = {r["event_id"]: r for r in rows}
        for event in _result().events:
            expected = json.loads(json.dumps(event.to_dict()))
            kept = {k: v for k, v in by_id[event.event_id].items() if k not in added}
            assert kept == {k: v for k, v in expected.items() if k not in added}
        store.add_results([_result()])  # the same document again: nothing is added twice
        assert store.stats()["events"] == 3
        assert set(added) <= set(EVENT_COLUMNS)
