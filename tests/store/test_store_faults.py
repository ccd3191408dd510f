"""The store under faults (issue 19): readers polling during an ingest, damaged files, and
DuckDB errors that must reach the user as one StoreError line with the right fix."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest
from store_builders import IRQ, USA, make_result

import faultlines.store.store as store_module
from faultlines.errors import StoreError
from faultlines.store import Store
from faultlines.types import DocumentResult

READER = textwrap.dedent("""
    import sys, pathlib
    from faultlines.errors import StoreError
    from faultlines.store import Store
    path, stop = sys.argv[1], pathlib.Path(sys.argv[2])
    ok = 0
    while not stop.exists():
        try:
            with Store(path, read_only=True) as store:
                store.stats()
            ok += 1
        except StoreError:
            pass  # the writer holds the lock right now: a reader's problem, not the ingest's
    print(ok)
""")


def _results(n: int) -> list[DocumentResult]:
    return [make_result(f"r{i}", dt.date(2006, 1, 1 + i % 28), [("AGREE", USA, IRQ)],
                        text=f"Report {i}: the United States and Iraq agreed.")
            for i in range(n)]


def _poll_while(path: Path, tmp_path: Path, work) -> tuple[object, int]:
    """Run ``work()`` while another process opens ``path`` read-only in a tight loop."""
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(path), str(stop)],
                              stdout=subprocess.PIPE, text=True)
    try:
        time.sleep(1.0)  # the reader is polling before the writer starts
        outcome = work()
    finally:
        stop.touch()
        out, _ = reader.communicate(timeout=120)
    return outcome, int(out.strip() or 0)


def test_a_reader_polling_the_store_never_makes_the_ingest_fail(tmp_path: Path,
                                                                monkeypatch) -> None:
    path = tmp_path / "polled.duckdb"
    with Store(path):
        pass  # the reader needs a store to open
    # Reopen after every batch of 16: dozens of reopenings, each a chance to meet the reader.
    monkeypatch.setattr(store_module, "REOPEN_EVERY_DOCUMENTS", 16)
    results = _results(800)

    def ingest():
        with Store(path) as store:
            return store.add_results(iter(results), batch_size=16, background=True)

    stats, reads = _poll_while(path, tmp_path, ingest)
    assert stats.documents_added == 800  # type: ignore[attr-defined]
    assert reads > 0  # the reader did get in between
    with Store(path, read_only=True) as store:
        assert store.stats()["documents"] == 800


@pytest.mark.slow
@pytest.mark.model
def test_a_reader_polling_for_a_whole_5000_document_ingest(tmp_path: Path) -> None:
    import json
    import os

    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(
        json.dumps({"id": f"d{i}", "text": f"Iraq and Iran signed agreement number {i}."}) + "\n"
        for i in range(5000)), encoding="utf-8")
    path = tmp_path / "polled.duckdb"
    with Store(path):
        pass
    env = {**os.environ, "FAULTLINES_WORKERS": "1"}

    def ingest():
        return subprocess.run([sys.executable, "-m", "faultlines", "-q", "ingest", str(corpus),
                               "--db", str(path)], capture_output=True, text=True, env=env,
                              timeout=3600)

    done, reads = _poll_while(path, tmp_path, ingest)
    assert done.returncode == 0, done.stderr  # type: ignore[attr-defined]
    assert reads > 0
    with Store(path, read_only=True) as store:
        assert store.stats()["documents"] == 5000


def test_a_lock_held_longer_than_the_wait_is_a_store_error_naming_the_other_process(
        tmp_path: Path) -> None:
    path = tmp_path / "held.duckdb"
    with Store(path):
        pass
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time, duckdb
        con = duckdb.connect({str(path)!r})
        print("ready", flush=True)
        time.sleep(30)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"  # type: ignore[union-attr]
        started = time.monotonic()
        with pytest.raises(StoreError, match="another process"):
            Store(path, lock_wait=0.5)
        assert 0.4 < time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait()


def test_a_truncated_store_is_a_store_error_that_says_so(tmp_path: Path) -> None:
    path = tmp_path / "cut.duckdb"
    with Store(path) as store:
        store.add_results(_results(3000))
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(size // 2)
    with pytest.raises(StoreError, match="truncated") as caught:
        with Store(path, read_only=True) as store:
            store.stats()
            list(store.events())
    assert caught.value.exit_code == 4


@pytest.mark.parametrize(("message", "fix"), [
    ("Corrupt database file: computed checksum 1 does not match stored checksum 2 in block at "
     "location 274432", "damaged"),
    ('IO Error: Could not set lock on file "x.duckdb": Conflicting lock is held in python '
     '(PID 7)', "another process"),
    ('IO Error: Cannot open file "/data/x.duckdb.wal": Permission denied', "not writable"),
    ('IO Error: Could not read enough bytes from file "x.duckdb"', "truncated"),
])
def test_duckdb_messages_get_the_right_fix(message: str, fix: str) -> None:
    # "block" holds "lock": a checksum failure was once told another process had the file.
    assert fix in store_module._fix(duckdb.Error(message))


def test_a_write_refused_by_the_file_system_is_a_store_error(store: Store) -> None:
    class Refusing:
        def execute(self, *args, **kwargs):
            raise duckdb.IOException('IO Error: Cannot open file "/ro/test.duckdb.wal": '
                                     'Permission denied')

        def cursor(self) -> Refusing:
            return self

        def close(self) -> None:
            pass

    real = store._con
    store._con = Refusing()  # type: ignore[assignment]
    try:
        with pytest.raises(StoreError, match="not writable"):
            store.add_curation("rename", {"id": "USA", "name": "US"})
        with pytest.raises(StoreError, match="not writable"):
            list(store.events())
    finally:
        store._con = real


def test_store_methods_keep_their_names_and_docs() -> None:
    assert Store.events.__name__ == "events" and "Stored events" in (Store.events.__doc__ or "")
    assert dataclasses.is_dataclass(store_module.IngestStats)
