"""The same text under several ids or outlets (issue 19: 11): parsed and stored once, every
(document id, outlet) that carried it recorded, and outlets compared on all of them."""

from __future__ import annotations

import datetime as dt

from store_builders import IRQ, USA, make_result

from faultlines.ingest.reader import drop_repeats
from faultlines.store import Store
from faultlines.types import Document

TEXT = "Washington and Baghdad signed a security agreement, officials said."


def _stance(store: Store, by: str = "source") -> dict[tuple[str, str], tuple[int, int]]:
    rows = store.stance_aggregates(by, kind="relational")  # type: ignore[arg-type]
    return {(r["group"], r["actor"]): (r["documents"], r["events"]) for r in rows}


def test_each_outlet_that_carried_a_text_counts_in_stance_by_source(store: Store) -> None:
    first = make_result("wire-1", dt.date(2006, 3, 1), [("AGREE", USA, IRQ)],
                        source="Wire One", text=TEXT)
    store.add_results([first])
    again = Document("paper-7", TEXT, date=dt.date(2006, 3, 2), source="Paper Two")
    assert store.add_carriers([again]) == 1
    by_source = _stance(store)
    assert by_source[("Wire One", "USA")] == by_source[("Paper Two", "USA")] == (1, 1)
    assert store.stats()["documents"] == 1 and store.stats()["events"] == 1  # parsed once
    assert store.carriers() == [(first.document.hash, "wire-1", "Wire One"),
                                (first.document.hash, "paper-7", "Paper Two")]


def test_carriers_are_recorded_once_and_only_for_stored_texts(store: Store) -> None:
    store.add_results([make_result("wire-1", None, [("AGREE", USA, IRQ)], source="Wire One",
                                   text=TEXT)])
    again = Document("paper-7", TEXT, source="Paper Two")
    same_as_stored = Document("wire-1", TEXT, source="Wire One")
    unknown = Document("other", "A text that was never stored.", source="Paper Two")
    assert store.add_carriers([again, again, same_as_stored, unknown]) == 1
    assert store.add_carriers([again]) == 0  # a re-run adds nothing
    assert len(store.carriers()) == 2


def test_the_same_outlet_carrying_a_text_twice_counts_it_once(store: Store) -> None:
    store.add_results([make_result("web-1", None, [("AGREE", USA, IRQ)], source="Wire One",
                                   text=TEXT)])
    store.add_carriers([Document("print-1", TEXT, source="Wire One")])
    assert _stance(store)[("Wire One", "USA")] == (1, 1)
    by_doc = _stance(store, "doc")
    assert by_doc[("web-1", "USA")] == by_doc[("print-1", "USA")] == (1, 1)


def test_drop_repeats_keeps_the_first_and_reports_the_rest() -> None:
    documents = [Document("a", TEXT, source="One"), Document("b", "Other text."),
                 Document("c", TEXT, source="Two")]
    repeats: list[Document] = []
    kept = [d.id for d in drop_repeats(documents, on_repeat=repeats.append)]
    assert kept == ["a", "b"] and [d.id for d in repeats] == ["c"]


def test_an_older_store_gains_the_carriers_table(tmp_path) -> None:
    import duckdb

    path = tmp_path / "old.duckdb"
    with Store(path):
        pass
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE document_carriers")
    con.execute("DELETE FROM migrations WHERE name = '003_document_carriers'")
    con.close()
    with Store(path) as store:
        assert "003_document_carriers" in store.migrations()
        assert store.carriers() == []
