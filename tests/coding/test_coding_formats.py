"""PLOVER records and the POLECAT TSV (coding/formats.py), on events built by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faultlines.coding.formats import POLECAT_COLUMNS, plover_records, polecat_rows, write_polecat
from faultlines.coding.schema import PLOVER_SCHEMA, validate_plover_record
from faultlines.errors import FaultlinesError
from faultlines.types import ActorRef, Event, polarity_of

USA = ActorRef("Washington", "USA", "United States", "USA", "GOV")
JPN = ActorRef("Tokyo", "JPN", "Japan", "JPN", "GOV")
FRA = ActorRef("Paris", "FRA", "France", "FRA", "GOV")
RUS = ActorRef("Moscow", "RUS", "Russia", "RUS", "GOV")
DAY = dt.date(2021, 3, 4)


def _event(event_type, actor, recipient, *, index=0, trigger="x", sentence="A sentence.",
           **fields):
    return Event("doc-1", index, sentence, DAY, event_type, actor, recipient,
                 polarity_of(event_type), 3.0, trigger=trigger, source="The Paper", **fields)


def test_manual_field_names_and_values():
    event = _event("ASSAULT", USA, RUS, trigger="bombed", mode="aerial",
                   contexts=("military",), aux_mode="historical", event_scale=-9.5)
    [record] = plover_records([event])
    validate_plover_record(record)
    assert record["id"] == event.event_id and record["date"] == "2021-03-04"
    assert record["actor"] == [{"code": "USA", "sector": "GOV", "entity_text": "Washington",
                                "identifier_id": "USA", "identifier_text": "United States"}]
    assert [r["code"] for r in record["recipient"]] == ["RUS"]
    assert record["event"] == ["ASSAULT"] and record["mode"] == ["aerial"]
    assert record["quad_code"] == 4 and record["event_scale"] == -9.5
    # the manual puts auxiliary modes into the context list
    assert record["context"] == ["military", "historical"]
    assert record["text"] == "A sentence." and record["text_info"] == {"sequence": 0}
    assert record["cite_info"]["citation"] == "doc-1"
    assert record["cite_info"]["publication"] == "The Paper"
    assert set(PLOVER_SCHEMA["required"]) <= set(record)


def test_reciprocal_meeting_puts_every_party_in_actor():
    met = [_event("CONSULT", USA, JPN, trigger="met"), _event("CONSULT", JPN, USA, trigger="met")]
    [record] = plover_records(met)
    validate_plover_record(record)
    assert [a["code"] for a in record["actor"]] == ["USA", "JPN"]
    assert record["recipient"] == []
    assert record["event_ids"] == [e.event_id for e in met]


def test_compound_actor_is_one_record_and_other_acts_stay_apart():
    events = [_event("ACCUSE", USA, RUS, trigger="accused"),
              _event("ACCUSE", FRA, RUS, trigger="accused"),
              _event("REJECT", RUS, None, trigger="rejected"),
              _event("ACCUSE", USA, RUS, index=1, trigger="accused")]
    records = list(plover_records(events))
    assert [(r["event"][0], [a["code"] for a in r["actor"]],
             [x["code"] for x in r["recipient"]]) for r in records] == [
        ("ACCUSE", ["USA", "FRA"], ["RUS"]), ("REJECT", ["RUS"], []), ("ACCUSE", ["USA"], ["RUS"])]
    for record in records:
        validate_plover_record(record)
    assert len({r["id"] for r in records}) == 3


def test_schema_refuses_records_the_manual_does_not_allow():
    [record] = plover_records([_event("AGREE", USA, None)])
    with pytest.raises(FaultlinesError, match="event"):
        validate_plover_record({**record, "event": ["DEMAND"]})
    with pytest.raises(FaultlinesError, match="quad_code"):
        validate_plover_record({**record, "quad_code": 5})
    with pytest.raises(FaultlinesError, match="actor"):
        validate_plover_record({**record, "actor": [{"country": "USA"}]})
    missing = dict(record)
    del missing["id"]
    with pytest.raises(FaultlinesError, match="'id' is a required property"):
        validate_plover_record(missing)


def test_polecat_tsv_loads_in_pandas():
    pandas = pytest.importorskip("pandas")
    events = [_event("PROTEST", USA, None, trigger="rallied", mode="demo",
                     contexts=("election", "rights_freedoms"), event_scale=-5.0),
              _event("AID", JPN, FRA, index=1, event_scale=10.0,
                     sentence='Tokyo sent "aid"\tto\nParis.')]
    out = io.StringIO()
    assert write_polecat(events, out) == 2
    frame = pandas.read_csv(io.StringIO(out.getvalue()), sep="\t", dtype=str,
                            keep_default_na=False)
    assert list(frame.columns) == list(POLECAT_COLUMNS)
    assert list(frame["Event Type"]) == ["PROTEST", "AID"]
    assert list(frame["Event Mode"]) == ["demo", ""]
    assert list(frame["Intensity"]) == ["-5.0", "10.0"]
    assert list(frame["Quad Code"]) == ["4", "2"]
    assert frame["Contexts"][0] == "election;rights_freedoms"
    assert list(frame["Actor Country"]) == ["USA", "JPN"]
    assert list(frame["Recipient Name"]) == ["", "France"]


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed")
def test_polecat_tsv_loads_in_r_read_delim(tmp_path):
    events = [_event("PROTEST", USA, None, trigger="rallied", mode="demo",
                     contexts=("election",), event_scale=-5.0),
              _event("AID", ActorRef('the "Tokyo" office', "JPN", "Japan", "JPN", "GOV"), FRA,
                     index=1, event_scale=10.0)]
    path = tmp_path / "events.tsv"
    with path.open("w", encoding="utf-8", newline="") as out:
        write_polecat(events, out)
    script = ("d <- read.delim(commandArgs(TRUE)[1], check.names = FALSE, "
              "colClasses = 'character', na.strings = character(0), encoding = 'UTF-8'); "
              # a sep with a line break also ends cat's output with one
              "cat(ncol(d), nrow(d), sep = '\\n'); cat(names(d), sep = '\\n'); "
              "cat(d[['Event Type']], d[['Intensity']], d[['Actor Name Raw']], sep = '\\n')")
    run = subprocess.run(["Rscript", "-e", script, str(path)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.split("\n")
    n = len(POLECAT_COLUMNS)
    assert lines[:2] == [str(n), "2"]
    assert lines[2:2 + n] == list(POLECAT_COLUMNS)
    assert lines[2 + n:2 + n + 6] == ["PROTEST", "AID", "-5.0", "10.0", "Washington",
                                      'the "Tokyo" office']


def test_every_polecat_column_is_documented():
    """docs/coding.md's POLECAT table names every column the TSV has, once, and no other."""
    docs = (Path(__file__).resolve().parents[2] / "docs" / "coding.md").read_text("utf-8")
    table = docs[docs.index("| `Event ID` |"):]
    table = table[:table.index("\n\n")]
    named = [cell.strip("` ") for row in table.splitlines()
             for cell in row.split("|")[1].split(",")]
    assert sorted(named) == sorted(POLECAT_COLUMNS)


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(name=_TEXT, raw=_TEXT, source=_TEXT, trigger=_TEXT)
def test_polecat_cells_never_hold_tabs_or_line_breaks(name, raw, source, trigger):
    """The read.delim contract: one header line, then one line per event, tab-separated."""
    actor = ActorRef(raw, "x:a", name or "a", None, None)
    event = Event("d", 0, "s", None, "AGREE", actor, None, 1, 1.0, trigger=trigger,
                  source=source)
    [row] = polecat_rows([event])
    for cell in row.values():
        assert not any(ch in cell for ch in "\t\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029")
    out = io.StringIO()
    write_polecat([event], out)
    lines = out.getvalue().split("\n")
    assert lines[-1] == "" and len(lines) == 3
    parsed = list(csv.reader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert [len(r) for r in parsed] == [len(POLECAT_COLUMNS)] * 2


def test_records_are_json_serialisable():
    [record] = plover_records([_event("SANCTION", USA, RUS, mode="discontinue")])
    assert json.loads(json.dumps(record)) == record
