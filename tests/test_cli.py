"""The command line as a user runs it: output contracts, errors, idempotent ingest."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from faultlines.cli import app

REPO = Path(__file__).resolve().parents[1]
FAULTLINES = [sys.executable, "-m", "faultlines"]

ARTICLE = (
    "Iraqi troops attacked the Mahdi Army in Basra on Tuesday. "
    "The United Nations will provide food aid to refugees in Jordan. "
    "Iran denied that it armed Shiite militias."
)


def run(*args: str, stdin: str | None = None, cwd: Path | None = None
        ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FAULTLINES_WORKERS": "1"}
    return subprocess.run([*FAULTLINES, *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=600)


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    names = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            names += [f"{name} {sub}" for sub in subcommands]
        else:
            names.append(name)
    return names


def test_every_command_has_help() -> None:
    for name in command_names():
        result = run(*name.split(), "--help")
        assert result.returncode == 0, (name, result.stderr)
        assert "Usage:" in result.stdout


def test_every_command_is_documented_in_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    docs = readme + "".join(p.read_text(encoding="utf-8") for p in (REPO / "docs").glob("*.md"))
    missing = [name for name in command_names() if f"faultlines {name}" not in docs]
    assert not missing, f"commands not shown in README or docs/: {missing}"


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("faultlines ")


def test_unknown_option_is_a_usage_error() -> None:
    result = run("extract", "--no-such-option", "x.txt")
    assert result.returncode == 2
    assert "no-such-option" in result.stderr


@pytest.mark.model
def test_extract_jsonl_matches_schema(tmp_path: Path) -> None:
    import jsonschema

    from faultlines.coding import EVENT_SCHEMA

    article = tmp_path / "basra.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run("extract", str(article), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events, "expected at least one event"
    for event in events:
        jsonschema.validate(event, EVENT_SCHEMA)
        assert event["doc_id"] == "basra"
    assert {e["event_type"] for e in events} & {"ASSAULT", "AGREE", "AID"}
    assert not list(tmp_path.glob("*.duckdb")), "extract must not write files"


@pytest.mark.model
def test_extract_csv_and_stdin(tmp_path: Path) -> None:
    result = run("extract", "-", "--format", "csv", stdin=ARTICLE)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and rows[0]["doc_id"] == "stdin"
    assert "actor_name" in rows[0] and "recipient_country" in rows[0]


@pytest.mark.model
def test_bad_inputs_are_reported_and_others_processed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 50)
    lines = [json.dumps({"id": "a", "text": "Iran condemned Israel."}), "{not json",
             json.dumps({"id": "b", "text": "Syria rejected the proposal."})]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    db = tmp_path / "store.duckdb"
    inputs = [str(good), str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"),
              str(tmp_path / "batch.jsonl"), str(missing)]

    result = run("ingest", *inputs, "--db", str(db))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert any("empty.txt" in line for line in errors)
    assert any("binary.txt" in line for line in errors)
    assert any("batch.jsonl:2" in line for line in errors)
    assert any("missing.txt" in line for line in errors)
    assert all(len(line) < 400 for line in errors)

    from faultlines.store import Store

    with Store(db, read_only=True) as store:
        ids = sorted(d.doc_id for d in store.documents())
    assert ids == ["a", "b", "good"]

    again = run("ingest", *inputs, "--db", str(db))
    assert again.returncode == 1
    with Store(db, read_only=True) as store:
        assert sorted(d.doc_id for d in store.documents()) == ids


@pytest.mark.model
def test_ingest_twice_adds_nothing_and_exports(tmp_path: Path) -> None:
    article = tmp_path / "basra.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "c.duckdb"
    first = run("ingest", str(article), "--db", str(db))
    assert first.returncode == 0, first.stderr
    exported = run("events", "--db", str(db), "--format", "jsonl")
    assert exported.returncode == 0, exported.stderr
    events = [json.loads(line) for line in exported.stdout.splitlines()]
    assert events
    second = run("ingest", str(article), "--db", str(db))
    assert second.returncode == 0
    assert "1 already stored" in second.stderr
    again = run("events", "--db", str(db), "--format", "jsonl")
    assert again.stdout == exported.stdout

    parquet = tmp_path / "events.parquet"
    assert run("events", "--db", str(db), "--format", "parquet", "-o", str(parquet)).returncode == 0
    import pyarrow.parquet as pq

    assert pq.read_table(parquet).num_rows == len(events)

    series = run("timeline", "--db", str(db), "--window", "month", "-f", "json")
    assert series.returncode == 0, series.stderr
    for row in json.loads(series.stdout):
        assert row["events"] == row["cooperative"] + row["conflictual"]
        assert row["sign"] in (-1, 0, 1)

    for fmt in ("json", "graphml", "gexf"):
        out = run("network", "--db", str(db), "--format", fmt)
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip()


def test_events_on_missing_database_says_how_to_create_it(tmp_path: Path) -> None:
    result = run("events", "--db", str(tmp_path / "nope.duckdb"))
    assert result.returncode != 0
    assert "nope.duckdb" in result.stderr and "faultlines ingest" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.model
def test_same_id_with_different_text_is_reported_not_merged(tmp_path: Path) -> None:
    db = tmp_path / "ids.duckdb"
    first = tmp_path / "one" / "report.txt"
    second = tmp_path / "two" / "report.txt"
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_text("Iran condemned Israel on Monday.", encoding="utf-8")
    second.write_text("Syria rejected the peace proposal on Tuesday.", encoding="utf-8")
    assert run("ingest", str(first), "--db", str(db)).returncode == 0
    result = run("ingest", str(second), "--db", str(db))
    assert result.returncode == 1
    assert "duplicate id 'report'" in result.stderr and "two/report.txt" in result.stderr
    from faultlines.store import Store

    with Store(db, read_only=True) as store:
        docs = store.documents(include_text=True)
    assert [d.text for d in docs] == ["Iran condemned Israel on Monday."]


@pytest.mark.model
def test_curation_is_stored_and_reapplied_on_later_ingests(tmp_path: Path) -> None:
    db = tmp_path / "cur.duckdb"
    first = tmp_path / "first.txt"
    first.write_text("Abu Hamza al-Zubaidi condemned the Iraqi government on Monday.",
                     encoding="utf-8")
    assert run("ingest", str(first), "--db", str(db)).returncode == 0
    listed = json.loads(run("actors", "list", "--db", str(db), "-f", "json").stdout)
    unknown = [a["id"] for a in listed if "zubaidi" in a["id"]]
    assert unknown, listed
    merged = run("actors", "merge", unknown[0], "IRQ_GOV", "--db", str(db))
    assert merged.returncode == 0, merged.stderr
    renamed = run("actors", "rename", "IRQ_GOV", "Government of Iraq", "--db", str(db))
    assert renamed.returncode == 0, renamed.stderr

    later = tmp_path / "later.txt"
    later.write_text("Abu Hamza al-Zubaidi criticized the United Nations on Friday.",
                     encoding="utf-8")
    assert run("ingest", str(later), "--db", str(db)).returncode == 0
    events = [json.loads(line) for line in
              run("events", "--db", str(db), "-f", "jsonl").stdout.splitlines()]
    later_events = [e for e in events if e["doc_id"] == "later"]
    assert later_events
    assert all(e["actor"]["id"] == "IRQ_GOV" for e in later_events)
    assert all(e["actor"]["name"] == "Government of Iraq" for e in later_events)
    assert not any(unknown[0] in json.dumps(e) for e in events)

    bad = run("actors", "merge", "no-such-actor", "IRQ_GOV", "--db", str(db))
    assert bad.returncode == 2 and "no-such-actor" in bad.stderr
