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


# --- issue 19: hostile inputs and faults ------------------------------------------------------

def _store_with_events(tmp_path: Path) -> Path:
    db = tmp_path / "s.duckdb"
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("-q", "ingest", str(tmp_path / "a.txt"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


def _piped(args: list[str], reader: list[str]) -> tuple[int, str]:
    """Run faultlines into ``reader`` (e.g. head -1); return faultlines' exit code and stderr."""
    env = {**os.environ, "FAULTLINES_WORKERS": "1"}
    writer = subprocess.Popen([*FAULTLINES, *args], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env)
    consumer = subprocess.Popen(reader, stdin=writer.stdout, stdout=subprocess.DEVNULL)
    writer.stdout.close()  # type: ignore[union-attr]  # only the reader holds the pipe now
    consumer.wait(timeout=600)
    _, err = writer.communicate(timeout=600)
    return writer.returncode, err.decode("utf-8", "replace")


@pytest.mark.model
def test_a_reader_closing_the_pipe_early_ends_quietly_with_exit_0(tmp_path: Path) -> None:
    db = _store_with_events(tmp_path)
    # Enough rows that the pipe closes while faultlines still writes.
    big = tmp_path / "big.jsonl"
    big.write_text("".join(json.dumps({"id": f"b{i}", "text": ARTICLE + f" Day {i}."}) + "\n"
                           for i in range(60)), encoding="utf-8")
    assert run("-q", "ingest", str(big), "--db", str(db)).returncode == 0
    for args, reader in ((["events", "--db", str(db)], ["head", "-1"]),
                         (["events", "--db", str(db), "-f", "jsonl"], ["head", "-c", "10"]),
                         (["-q", "extract", str(big)], ["head", "-c", "10"])):
        code, err = _piped(args, reader)
        assert (code, err) == (0, ""), (args, code, err)


@pytest.mark.model
@pytest.mark.parametrize(("signum", "code"), [(2, 130), (15, 143)])
def test_sigint_and_sigterm_say_committed_batches_are_kept(tmp_path: Path, signum: int,
                                                           code: int) -> None:
    import signal
    import time

    corpus = tmp_path / "many.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"m{i}", "text": ARTICLE + f" Day {i}."}) + "\n"
                              for i in range(4000)), encoding="utf-8")
    env = {**os.environ, "FAULTLINES_WORKERS": "1"}
    process = subprocess.Popen([*FAULTLINES, "-q", "ingest", str(corpus), "--db",
                                str(tmp_path / "s.duckdb"), "--commit-size", "32"],
                               stderr=subprocess.PIPE, text=True, env=env)
    # The handlers are installed before the command runs, so once the store exists they are in
    # place (waiting for it, not a fixed time, keeps the test true on a loaded machine).
    deadline = time.monotonic() + 240
    while not (tmp_path / "s.duckdb").exists() and time.monotonic() < deadline:
        assert process.poll() is None, "the ingest ended before it could be interrupted"
        time.sleep(0.2)
    time.sleep(1)
    assert process.poll() is None, "the ingest ended before it could be interrupted"
    process.send_signal(signal.Signals(signum))
    _, err = process.communicate(timeout=300)
    assert process.returncode == code
    assert err.strip().splitlines() == [
        "faultlines: interrupted; committed batches are kept, run the same command again to "
        "resume"]


def test_a_folder_of_only_unsupported_files_exits_1_and_creates_no_store(tmp_path: Path
                                                                         ) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(b"%PDF-1.4 not text")
    (folder / "b.csv").write_text("x,y\n1,2\n")
    db = tmp_path / "s.duckdb"
    result = run("ingest", str(folder), "--db", str(db))
    assert result.returncode == 1
    assert not db.exists() and not Path(f"{db}.wal").exists()
    lines = result.stderr.splitlines()
    assert f"faultlines: {folder}/a.pdf: skipped: unsupported file type '.pdf'" in lines
    assert f"faultlines: {folder}/b.csv: skipped: unsupported file type '.csv'" in lines
    assert any("no documents found (2 files of unsupported types skipped)" in line
               for line in lines)


def test_serve_with_an_impossible_port_is_a_usage_error(tmp_path: Path) -> None:
    result = run("serve", "--port", "99999", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "--port" in result.stderr


def test_exit_codes_are_listed_in_help_and_readme() -> None:
    from faultlines.cli import EXIT_CODES

    help_text = " ".join(run("--help").stdout.split())
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for code, meaning in EXIT_CODES.items():
        assert f"{code} {' '.join(meaning.split())}" in help_text, code
        assert f"| {code} |" in readme, code


def _hostile_folder(folder: Path) -> tuple[list[str], list[str]]:
    """A folder mixing every bad input of issue 19 with good ones; returns (the names that
    must each get one line on stderr, the ids of the documents that must be stored)."""
    import gzip
    import random

    folder.mkdir()
    good = []
    for i in range(3):
        (folder / f"good{i}.txt").write_text(ARTICLE + f" Report {i}.", encoding="utf-8")
        good.append(f"good{i}")
    # Good inputs that earlier versions refused: Latin-1 prose, HTML nested past libxml2's limit.
    (folder / "latin1.txt").write_bytes("Le ministre iranien a rencontré son homologue "
                                        "irakien à Bagdad.".encode("latin-1"))
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 300 + "<p>" + ARTICLE +
                                      "</p>" + "</div>" * 300 + "</body></html>",
                                      encoding="utf-8")
    good += ["latin1", "deep"]
    with open(os.fsencode(folder) + b"/latin1_\xe9.txt", "wb") as handle:
        handle.write(b"Iran met Iraq.")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "utf16.txt").write_bytes("Iran met Iraq.".encode("utf-16-le"))
    noise = random.Random(19)
    (folder / "noise.txt").write_bytes(bytes(noise.randrange(128, 256) for _ in range(3000)))
    (folder / "big.txt").write_text("Iran met Iraq. " * 5000, encoding="utf-8")  # > --max-bytes
    (folder / "bomb.txt.gz").write_bytes(gzip.compress(b"a " * 5_000_000))
    whole = gzip.compress(b"Iran met Iraq on Monday. " * 100)
    (folder / "cut.txt.gz").write_bytes(whole[:len(whole) // 2])
    (folder / "nobody.html").write_text("<html><head><title>x</title></head><body></body>"
                                        "</html>", encoding="utf-8")
    (folder / "bad.json").write_text("{not json", encoding="utf-8")
    (folder / "lines.jsonl").write_text('{"id": "j1", "text": "Iran met Iraq."}\nnot json\n',
                                        encoding="utf-8")
    good.append("j1")
    bad = ["latin1_\\xe9.txt", "notes.pdf", "gone.txt", "pipe.txt", "empty.txt", "binary.txt",
           "utf16.txt", "noise.txt", "big.txt", "bomb.txt.gz", "cut.txt.gz", "nobody.html",
           "bad.json", "lines.jsonl:2"]
    return bad, good


@pytest.mark.model
@pytest.mark.parametrize("engine", [
    [], ["--workers", "2"],
    pytest.param(["--engine", "dask", "--workers", "2"], marks=pytest.mark.slow),
], ids=["one-process", "workers-2", "dask"])
def test_mixed_hostile_folder_one_line_per_bad_input_good_ones_stored(tmp_path: Path,
                                                                      engine: list[str]
                                                                      ) -> None:
    from faultlines.store import Store

    folder = tmp_path / "mixed"
    bad, good = _hostile_folder(folder)
    db = tmp_path / "s.duckdb"
    result = run("-q", "ingest", str(folder), "--db", str(db), "--max-bytes", "50000", *engine)
    assert result.returncode == 1, result.stderr
    # Dask may log its own lines about its local cluster; only faultlines' lines are counted.
    lines = [line for line in result.stderr.splitlines() if line.startswith("faultlines:")]
    for name in bad:
        assert sum(f"{folder}/{name}:" in line for line in lines) == 1, (name, lines)
    assert len(lines) == len(bad), lines
    with Store(db, read_only=True) as store:
        assert sorted(d.doc_id for d in store.documents()) == sorted(good)
    exported = run("events", "--db", str(db), "-f", "jsonl")
    docs = {json.loads(line)["doc_id"] for line in exported.stdout.splitlines()}
    assert {"good0", "good1", "good2", "deep"} <= docs


def test_since_accepts_the_dates_a_document_accepts() -> None:
    import datetime as dt

    from faultlines.api import parse_date
    from faultlines.errors import ConfigError

    assert parse_date("March 2007", "--since") == dt.date(2007, 3, 1)
    assert parse_date("14 March 2007", "--since") == dt.date(2007, 3, 14)
    assert parse_date("2007-03", "--since") == dt.date(2007, 3, 1)
    with pytest.raises(ConfigError, match="not a real date: February 2008 has 29 days"):
        parse_date("2008-02-30", "--until")


@pytest.mark.model
def test_filters_that_match_nothing_say_so_on_stderr(tmp_path: Path) -> None:
    db = _store_with_events(tmp_path)
    result = run("events", "--db", str(db), "--since", "2030-01-01")
    assert result.returncode == 0
    assert "faultlines: no events match --since 2030-01-01" in result.stderr
    result = run("network", "--db", str(db), "--source", "No Such Outlet")
    assert "no signed ties match --source No Such Outlet" in result.stderr
    assert "match" not in run("events", "--db", str(db)).stderr


@pytest.mark.model
def test_the_same_text_from_two_outlets_is_parsed_once_and_counted_for_both(tmp_path: Path
                                                                            ) -> None:
    corpus = tmp_path / "wires.jsonl"
    records = [{"id": "w1", "text": ARTICLE, "source": "Wire One", "date": "2007-03-14"},
               {"id": "p9", "text": ARTICLE, "source": "Paper Two", "date": "2007-03-15"},
               {"id": "w1", "text": ARTICLE, "source": "Wire Three", "date": "2007-03-14"}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    for _ in range(2):  # the second run adds nothing, counts stay the same
        result = run("-q", "ingest", str(corpus), "--db", str(db))
        assert result.returncode == 0, result.stderr
        rows = json.loads(run("stance", "--db", str(db), "--by", "source", "--kind",
                              "relational", "-f", "json").stdout)
        by_outlet: dict[str, list] = {}
        for row in rows:
            by_outlet.setdefault(row["group"], []).append((row["actor"], row["events"],
                                                           row["documents"]))
        assert set(by_outlet) == {"Wire One", "Paper Two", "Wire Three"}
        assert by_outlet["Wire One"] == by_outlet["Paper Two"] == by_outlet["Wire Three"]
    exported = run("events", "--db", str(db), "-f", "jsonl").stdout.splitlines()
    assert {json.loads(line)["doc_id"] for line in exported} == {"w1"}  # one parse
