"""Migration 005_plover16: a store written before PLOVER's 16 opens, renames, flags and recodes."""

from __future__ import annotations

import logging

import duckdb
import pytest

from faultlines.errors import StoreError
from faultlines.store import Store
from faultlines.store.schema import MIGRATIONS
from faultlines.types import Document

#: What today's code (before issue 14 lands) applies to a new store.
_OLD = ("001_initial", "002_stance_cues", "006_locations")


def _old_store(path) -> None:
    """A store as the code before issue 14 wrote it: schema 001, 002 and 006, 0.7 names."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP "
                "NOT NULL)")
    for migration in MIGRATIONS:
        if migration.name in _OLD:
            for statement in migration.statements:
                con.execute(statement)
            con.execute("INSERT INTO migrations VALUES (?, now())", [migration.name])
    con.execute("INSERT INTO documents (hash, doc_id, text, sentence_count, ingested_at) "
                "VALUES ('h1', 'd1', 'Iran condemned Israel.', 1, now()), "
                "('h2', 'd2', 'Nothing happened here.', 1, now())")
    rows = [("e1", "DISAPPROVE", "verbal-conflict", -1), ("e2", "INVESTIGATE",
            "material-cooperation", 1), ("e3", "DEMAND", "verbal-conflict", -1),
            ("e4", "CRIME", "material-conflict", -1), ("e5", "ASSAULT", "material-conflict", -1)]
    for event_id, event_type, quad, polarity in rows:
        con.execute(
            "INSERT INTO events (event_id, doc_hash, doc_id, sentence_index, sentence, "
            "event_type, quad, polarity, intensity, modality, trigger, actor_id) "
            "VALUES (?, 'h1', 'd1', 0, 'Iran condemned Israel.', ?, ?, ?, 3, 'asserted', 'x', "
            "'IRN')", [event_id, event_type, quad, polarity])
    # what 006_locations added, and the tables the migration must leave alone
    con.execute("UPDATE events SET location_extracted_place = 'Tehran', "
                "location_resolved_place = 'Tehran', location_lat = 35.7, location_lon = 51.4 "
                "WHERE event_id = 'e1'")
    con.execute("INSERT INTO mentions VALUES ('h1', 'd1', 0, 0, 4, 'Iran', 'IRN', 'country')")
    con.execute("INSERT INTO actors VALUES ('IRN', 'Iran', 'IRN', NULL, NULL)")
    con.execute("INSERT INTO stance_cues VALUES ('h1', 'd1', 0, 'IRN', 'Iran', -1.0, "
                "'condemned')")
    con.close()


_TABLES = ("documents", "events", "mentions", "actors", "stance_cues")


def _counts(path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in _TABLES}
    finally:
        con.close()


def test_todays_store_migrates_after_006_and_loses_no_row(tmp_path):
    """A store made by today's code (001, 002, 006 applied; the 0.7 names in its rows) opens,
    gets 005 after the 006 it already has, and keeps every row and every location."""
    path = tmp_path / "old.duckdb"
    _old_store(path)
    before = _counts(path)
    assert before == {"documents": 2, "events": 5, "mentions": 1, "actors": 1,
                      "stance_cues": 1}
    with Store(path) as store:
        applied = store.migrations()
        events = list(store.events())
        summary = store.stats()
    assert set(applied) == {m.name for m in MIGRATIONS}
    assert applied.index("006_locations") < applied.index("005_plover16")
    assert _counts(path) == before
    assert summary["events"] == 5
    [(kind, mode, located)] = [(e.event_type, e.mode, e.location) for e in events
                               if e.location is not None]
    assert (kind, mode) == ("ACCUSE", "disapprove")  # e1, DISAPPROVE before
    assert located.resolved_place == "Tehran" and (located.lat, located.lon) == (35.7, 51.4)
    from faultlines.coding.schema import validate_event
    from faultlines.types import EVENT_TYPES

    for event in events:  # every stored event reads back in the 16, valid JSONL
        assert event.event_type in EVENT_TYPES
        validate_event(event.to_dict())


def test_old_store_read_only_says_what_the_upgrade_does(tmp_path):
    path = tmp_path / "old.duckdb"
    _old_store(path)
    with pytest.raises(StoreError, match="005_plover16.*PLOVER's 16.*faultlines ingest"):
        Store(path, read_only=True)


def test_old_store_migrates_with_a_message(tmp_path, caplog):
    path = tmp_path / "old.duckdb"
    _old_store(path)
    with caplog.at_level(logging.WARNING, logger="faultlines.store"), Store(path) as store:
        assert "005_plover16" in store.migrations()
        [note] = store.upgrade_notes
        assert "3 events renamed" in note and "1 CRIME events kept as COERCE" in note
        assert "no event was deleted" in note
        assert "1 documents need recoding" in note
        got = {r[0]: r[1:] for r in store._con.execute(
            "SELECT event_id, event_type, mode, quad, polarity, contexts FROM events").fetchall()}
        recode = [d.id for d in store.documents_to_recode()]
        assert store.stats()["documents_needing_recode"] == 1
        assert store.has_documents(["h1", "h2"]) == {"h2"}
    assert note in caplog.text
    assert got == {"e1": ("ACCUSE", "disapprove", "verbal-conflict", -1, None),
                   "e2": ("ACCUSE", "investigate", "verbal-conflict", -1, None),
                   "e3": ("REQUEST", None, "verbal-conflict", -1, None),
                   "e4": ("COERCE", None, "material-conflict", -1, ["crime"]),
                   "e5": ("ASSAULT", None, "material-conflict", -1, None)}
    assert recode == ["d1"]
    with Store(path) as again:  # the migration runs once
        assert again.upgrade_notes == []


def test_flagged_document_is_recoded_by_the_next_store(tmp_path):
    from store_builders import IRN, USA, make_event

    from faultlines.types import DocumentResult

    path = tmp_path / "old.duckdb"
    _old_store(path)
    with Store(path) as store:
        [document] = list(store.documents_to_recode())
        assert isinstance(document, Document) and document.hash == "h1"
        event = make_event(document, 0, "ACCUSE", IRN, USA)
        stats = store.add_results([DocumentResult(document, (), (event,), 1)])
        assert stats.documents_added == 1 and stats.events_added == 1
        assert list(store.documents_to_recode()) == []
        assert [e.event_type for e in store.events()] == ["ACCUSE"]
        assert store.has_documents(["h1"]) == {"h1"}


def test_network_weight_scale_signs_by_event_scale(tmp_path):
    """Two complaints and one gift of aid: counted, the pair is hostile (net -1); weighed by
    PLOVER's scale it is cooperative (10 - 2 - 2 = +6)."""
    from store_builders import IRN, USA, make_result

    from faultlines.network import graph_from_store
    from faultlines.types import DocumentResult

    base = make_result("w1", None, [("ACCUSE", USA, IRN), ("ACCUSE", USA, IRN),
                                    ("AID", IRN, USA)])
    scales = [-2.0, -2.0, 10.0]
    events = tuple(e.__class__(**{**e.__dict__, "event_scale": s})
                   for e, s in zip(base.events, scales, strict=True))
    with Store(tmp_path / "w.duckdb") as store:
        store.add_results([DocumentResult(base.document, base.mentions, events, 3)])
        by_count = graph_from_store(store).edges["IRN", "USA"]
        by_scale = graph_from_store(store, weight="scale").edges["IRN", "USA"]
    assert (by_count["sign"], by_count["weight"]) == (-1, 1)
    assert (by_scale["sign"], by_scale["weight"], by_scale["scale"]) == (1, 6.0, 6.0)


@pytest.mark.model
def test_next_ingest_recodes_flagged_documents(tmp_path):
    from faultlines import api

    path = tmp_path / "old.duckdb"
    _old_store(path)
    with Store(path):
        pass  # upgrade
    report = api.ingest([Document("d3", "Chile praised Peru.")], path, workers=1)
    assert report.documents_added == 2  # the new document and the recoded one
    with Store(path, read_only=True) as store:
        assert list(store.documents_to_recode()) == []
        events = {e.doc_id: e for e in store.events()}
    assert set(events) == {"d1", "d3"}
    assert events["d1"].event_type == "ACCUSE" and events["d1"].mode == "disapprove"
    assert events["d1"].event_scale == -2.0
