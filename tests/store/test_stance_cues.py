"""Stance cues in the store: written with their document, re-pointed by curation, aggregated in
SQL, upgraded from a store written before the ``002_stance_cues`` migration."""

from __future__ import annotations

import dataclasses
import datetime as dt

import duckdb
import pytest
from store_builders import IRQ, SADR, USA, make_result

from faultlines.errors import ConfigError, StoreError
from faultlines.network import compare_outlets, stance
from faultlines.store import Store
from faultlines.store.schema import MIGRATIONS
from faultlines.types import ActorRef, DocumentResult, StanceCue


def _with_cues(result: DocumentResult, cues: list[tuple[ActorRef, float, str]]
               ) -> DocumentResult:
    stances = tuple(StanceCue(result.document.id, i, ref, score, cue)
                    for i, (ref, score, cue) in enumerate(cues))
    return dataclasses.replace(result, stances=stances)


def _corpus() -> list[DocumentResult]:
    return [
        _with_cues(make_result("c1", dt.date(2008, 4, 1), [("AGREE", USA, IRQ)]),
                   [(IRQ, 1.5, "shows confidence"), (SADR, -2.0, "a disappointment"),
                    (SADR, -1.0, "isolating")]),
        _with_cues(make_result("c2", dt.date(2008, 5, 1), [("ASSAULT", IRQ, SADR)],
                               source="Other Times", author="B. Critic"),
                   [(SADR, 1.0, "resilient")]),
        make_result("c3", dt.date(2008, 6, 1), [("AGREE", IRQ, USA)], source="Other Times"),
    ]


def test_cues_round_trip_and_aggregate_per_group(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        stats = store.add_results(_corpus())
        assert stats.stance_cues_added == 4
        assert store.add_results(_corpus()).stance_cues_added == 0  # re-adding is a no-op
        by_doc = {(s.group, s.actor): s for s in stance(store, by="doc")}
        sadr = by_doc[("c1", "x:sadrists")]
        assert (sadr.cues, sadr.positive, sadr.negative) == (2, 0, 2)
        assert sadr.evaluative_net == pytest.approx(-3.0)
        assert sadr.score == pytest.approx(-0.75)  # mean cue score -1.5, on the -1..+1 scale
        assert by_doc[("c1", "IRQGOV")].score == pytest.approx(0.75)
        assert ("c3", "IRQGOV") not in by_doc  # no cues: no evaluative row
        by_source = {(s.group, s.actor): s for s in stance(store, by="source")}
        assert by_source[("Other Times", "x:sadrists")].score == pytest.approx(0.5)
        assert by_source[("Daily Example", "x:sadrists")].actor_name == "Sadrists"


def test_kinds_and_outlet_comparison(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.add_results(_corpus())
        relational = {(s.group, s.actor): s for s in stance(store, by="doc", kind="relational")}
        assert relational[("c2", "x:sadrists")].score == -1.0
        assert relational[("c2", "x:sadrists")].cues == 0
        combined = {(s.group, s.actor): s for s in stance(store, by="doc", kind="combined")}
        row = combined[("c2", "x:sadrists")]
        # the mean of the evaluative (+1.0 -> +0.5) and relational (-1) scores
        assert (row.cues, row.events, row.score) == (1, 1, pytest.approx(-0.25))
        only_cues = combined[("c1", "x:sadrists")]  # no events of c1 involve the Sadrists
        assert only_cues.score == pytest.approx(only_cues.evaluative) == pytest.approx(-0.75)
        assert row.to_dict()["evaluative"] == pytest.approx(0.5)
        assert len(row.row()) == len(row.columns)
        outlets = compare_outlets(store, "x:sadrists")
        assert [s.group for s in outlets] == ["Other Times", "Daily Example"]
        assert outlets.columns[:2] == ("group", "actor_name")
        with pytest.raises(ConfigError, match="stance kind"):
            stance(store, kind="sentiment")  # type: ignore[arg-type]


def test_date_filter_applies_to_cues(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.add_results(_corpus())
        rows = stance(store, by="doc", since=dt.date(2008, 4, 15))
        assert {s.group for s in rows} == {"c2"}


def test_actor_mapping_repoints_cues(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.add_results(_corpus())
        moqtada = ActorRef("Sadr", "MOQTADA", "Moqtada al-Sadr", "IRQ", "PTY")
        changed = store.apply_actor_mapping({"x:sadrists": moqtada})
        assert changed >= 3
        rows = {(s.group, s.actor): s for s in stance(store, by="doc")}
        assert ("c1", "x:sadrists") not in rows
        assert rows[("c1", "MOQTADA")].actor_name == "Moqtada al-Sadr"
        assert rows[("c1", "MOQTADA")].cues == 2


@pytest.mark.parametrize("background", [False, True])
def test_failed_batch_stores_no_cues(tmp_path, monkeypatch, background):
    from faultlines.store import store as store_module

    with Store(tmp_path / "s.duckdb") as store:
        original = store_module._insert

        def failing(con, table, columns, **kw):
            if table == "stance_cues":
                raise duckdb.Error("disk full")
            return original(con, table, columns, **kw)

        monkeypatch.setattr(store_module, "_insert", failing)
        with pytest.raises(StoreError, match="nothing of this batch"):
            store.add_results(_corpus(), background=background)
        monkeypatch.undo()
        assert store.stats()["documents"] == 0
        assert store._con.execute("SELECT count(*) FROM stance_cues").fetchall()[0][0] == 0


def test_v1_store_is_upgraded(tmp_path):
    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP "
                "NOT NULL)")
    [initial] = [m for m in MIGRATIONS if m.name == "001_initial"]
    for statement in initial.statements:
        con.execute(statement)
    con.execute("INSERT INTO migrations VALUES ('001_initial', now())")
    con.close()
    with pytest.raises(StoreError, match="002_stance_cues"):
        Store(path, read_only=True)
    with Store(path) as store:
        assert store.migrations() == ["001_initial", "002_stance_cues", "006_locations",
                                      "007_confidence"]
        store.add_results(_corpus())
        assert len(stance(store, by="doc")) == 3
