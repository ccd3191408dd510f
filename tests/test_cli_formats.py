"""`extract` and `events` in PLOVER's record format and POLECAT's TSV, as a user runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from faultlines.coding.formats import POLECAT_COLUMNS
from faultlines.coding.schema import validate_plover_record
from test_cli import run

ARTICLE = ("Rebel gunmen attacked a police station in Kandahar on Monday. "
           "The Red Cross sent medical aid to the displaced families. "
           "Pakistan and Afghanistan held talks in Islamabad.")


@pytest.mark.model
def test_extract_plover_validates_against_the_schema(tmp_path: Path) -> None:
    article = tmp_path / "kandahar.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run("extract", str(article), "--format", "plover")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    for record in records:
        validate_plover_record(record)
        assert record["cite_info"]["citation"] == "kandahar"
    assert {r["event"][0] for r in records} & {"ASSAULT", "AID", "CONSULT"}


@pytest.mark.model
def test_ingested_events_export_as_plover_and_polecat(tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    article = tmp_path / "kandahar.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    assert run("ingest", str(article), "--db", db).returncode == 0
    plover = run("events", "--db", db, "--format", "plover")
    assert plover.returncode == 0, plover.stderr
    for line in plover.stdout.splitlines():
        validate_plover_record(json.loads(line))
    polecat = run("events", "--db", db, "--format", "polecat")
    assert polecat.returncode == 0, polecat.stderr
    frame = pandas.read_csv(io.StringIO(polecat.stdout), sep="\t", dtype=str,
                            keep_default_na=False)
    assert list(frame.columns) == list(POLECAT_COLUMNS) and len(frame) >= 1
    jsonl = [json.loads(x) for x in run("events", "--db", db, "--format", "jsonl")
             .stdout.splitlines()]
    assert sorted(frame["Event ID"]) == sorted(e["event_id"] for e in jsonl)
    assert list(csv.reader(io.StringIO(polecat.stdout), delimiter="\t"))[0] == \
        list(POLECAT_COLUMNS)
