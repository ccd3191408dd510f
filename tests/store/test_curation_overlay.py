"""Curation as an overlay applied when reading (issue 19: 4): the result of a curation does
not depend on when the articles were ingested, rename leaves codes alone, codes are checked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from store_builders import IRQ, USA, make_result

from faultlines import api
from faultlines.errors import ConfigError
from faultlines.store import Store
from faultlines.types import ActorRef

PM = ActorRef("the prime minister", "x:sami-haddad", "Sami Haddad", "IRQ", "GOV")
PM_AS_PARTY = dataclasses.replace(PM, text="Haddad", sector="PTY")


def _first() -> list:
    return [make_result("a1", dt.date(2006, 1, 2), [("AGREE", PM, USA), ("ASSAULT", USA, IRQ)]),
            make_result("a2", dt.date(2006, 2, 3), [("ACCUSE", PM_AS_PARTY, IRQ)])]


def _later() -> list:
    return [make_result("b1", dt.date(2007, 3, 4), [("THREATEN", PM, IRQ),
                                                     ("SUPPORT", IRQ, USA)])]


CURATION = [("rename", "x:sami-haddad", "Sami al-Haddad"), ("set-code", "IRQGOV", "IRQGOVLEG"),
            ("merge", "IRQGOV", "USA")]


def _outputs(db: Path, tmp_path: Path) -> tuple[str, str, str]:
    events = tmp_path / "events.jsonl"
    api.export_events(db, "jsonl", str(events))
    network = tmp_path / "network.json"
    api.write_network(api.network(db), str(network), "json")
    actors = json.dumps([a.to_dict() for a in api.actors_list(db)], sort_keys=True,
                        default=str)
    return events.read_text(), network.read_text(), actors


def _store(path: Path, batches: list[list]) -> None:
    with Store(path) as store:
        for batch in batches:
            store.add_results(batch)


def test_curating_before_or_after_ingesting_gives_the_same_outputs(tmp_path: Path) -> None:
    before, after = tmp_path / "before.duckdb", tmp_path / "after.duckdb"
    _store(before, [_first()])
    for op, *args in CURATION:
        api.curate(before, op, *args)
    _store(before, [_later()])

    _store(after, [_first(), _later()])
    for op, *args in CURATION:
        api.curate(after, op, *args)

    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    assert _outputs(before, tmp_path / "b") == _outputs(after, tmp_path / "a")
    events = [json.loads(line) for line in _outputs(after, tmp_path / "a")[0].splitlines()]
    assert {e["actor"]["id"] for e in events} >= {"x:sami-haddad", "USA"}
    assert "IRQGOV" not in json.dumps(events)  # merged away, at query time


def test_rename_changes_the_name_only_never_the_per_event_codes(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _store(db, [_first()])
    api.curate(db, "rename", "x:sami-haddad", "Sami al-Haddad")
    with Store(db, read_only=True) as store:
        roles = sorted((e.actor.name, e.actor.sector) for e in store.events()
                       if e.actor.id == "x:sami-haddad")
    assert roles == [("Sami al-Haddad", "GOV"), ("Sami al-Haddad", "PTY")]


def test_the_stored_rows_are_not_rewritten(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _store(db, [_first()])
    assert api.curate(db, "merge", "IRQGOV", "USA") == 4  # two event roles, two mentions
    with Store(db, read_only=True) as store:
        assert store.actor("IRQGOV") is None and store.actor("USA") is not None
        raw = store._con.execute("SELECT count(*) FROM events WHERE recipient_id = 'IRQGOV'"
                                 ).fetchall()[0][0]
    assert raw == 2


@pytest.mark.parametrize("code", ["ZZZZZZ", "X", "12345", "IRQGOVXYZ", "IRQ GOV", ""])
def test_set_code_refuses_codes_that_are_not_country_and_sectors(tmp_path: Path,
                                                                code: str) -> None:
    db = tmp_path / "s.duckdb"
    _store(db, [_first()])
    with pytest.raises(ConfigError):
        api.curate(db, "set-code", "USA", code)
    with Store(db, read_only=True) as store:
        assert store.curation() == []


@pytest.mark.parametrize(("code", "stored"), [("irqgov", "IRQGOV"), ("IGO", "IGO"),
                                              ("USAMIL", "USAMIL"), ("NGOHRI", "NGOHRI")])
def test_set_code_accepts_iso_countries_and_documented_non_state_codes(tmp_path: Path,
                                                                       code: str,
                                                                       stored: str) -> None:
    db = tmp_path / "s.duckdb"
    _store(db, [_first()])
    api.curate(db, "set-code", "USA", code)
    with Store(db, read_only=True) as store:
        assert store.curation()[-1] == ("set-code", {"id": "USA", "code": stored})
        assert (store.actor("USA").country, store.actor("USA").sector) == (  # type: ignore[union-attr]
            stored[:3], stored[3:6] or None)


@pytest.mark.parametrize("name", ["", "   ", "\t"])
def test_rename_refuses_a_blank_name(tmp_path: Path, name: str) -> None:
    db = tmp_path / "s.duckdb"
    _store(db, [_first()])
    with pytest.raises(ConfigError, match="blank name"):
        api.curate(db, "rename", "USA", name)


# Sentences written for this test: the two ingests share the Iraqi government.
FIRST_ARTICLES = {
    "a1": "The Iranian government praised the Iraqi government on Monday for its help with "
          "pilgrims.",
    "a2": "Turkish troops attacked Kurdish rebels near the border on Friday, officials in "
          "Ankara said.",
}
LATER_ARTICLES = {
    "b1": "The Iraqi government accused Turkey of violating its sovereignty after the raid.",
    "b2": "Iranian officials met the Iraqi government in Baghdad on Tuesday to discuss trade.",
}
# A rename and a set-code of actors of the first ingest, and a merge into an actor that only
# the later ingest stores (the knowledge base knows it when the merge is recorded).
PIPELINE_CURATION = [("rename", "IRQ_GOV", "Iraqi cabinet"),
                     ("set-code", "TUR_KURDS_REB", "IRQREB"),
                     ("merge", "TUR_MIL", "TUR_GOV")]


def _articles(folder: Path, articles: dict[str, str]) -> list[str]:
    folder.mkdir()
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    return [str(folder)]


@pytest.mark.model
def test_curating_before_or_after_the_pipeline_ingests_gives_the_same_outputs(
        tmp_path: Path) -> None:
    first = _articles(tmp_path / "first", FIRST_ARTICLES)
    later = _articles(tmp_path / "later", LATER_ARTICLES)
    before, after = tmp_path / "before.duckdb", tmp_path / "after.duckdb"
    assert api.ingest(first, before, workers=1).ok
    for op, *args in PIPELINE_CURATION:
        api.curate(before, op, *args)
    assert api.ingest(later, before, workers=1).ok

    assert api.ingest([*first, *later], after, workers=1).ok
    for op, *args in PIPELINE_CURATION:
        api.curate(after, op, *args)

    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    outputs = _outputs(before, tmp_path / "b")
    assert outputs == _outputs(after, tmp_path / "a")
    events = [json.loads(line) for line in outputs[0].splitlines()]
    assert {e["doc_id"] for e in events} == {"a1", "a2", "b1", "b2"}
    roles = [role for e in events for role in (e["actor"], e["recipient"]) if role]
    # Each operation shows in the documents of both ingests alike.
    assert {r["name"] for r in roles if r["id"] == "IRQ_GOV"} == {"Iraqi cabinet"}
    assert {(r["country"], r["sector"]) for r in roles if r["id"] == "TUR_KURDS_REB"} == {
        ("IRQ", "REB")}
    assert "TUR_MIL" not in {r["id"] for r in roles}
    actors = {a["id"]: a for a in json.loads(outputs[2])}
    assert actors["IRQ_GOV"]["name"] == "Iraqi cabinet" and "TUR_MIL" not in actors
