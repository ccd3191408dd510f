"""The DuckDB store: documents, events, mentions, actors and curation, plus the queries the
network stage and the CLI need. Only this package talks to DuckDB."""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import json
import logging
import queue
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, cast

import duckdb
import pyarrow as pa

from faultlines.config import SETTINGS
from faultlines.errors import ConfigError, StoreError
from faultlines.store.records import ActorSummary, DocumentRow, Dyad, Evidence, IngestStats
from faultlines.store.schema import (
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    LOCATION_COLUMNS,
    MENTION_COLUMNS,
    MIGRATIONS,
    STANCE_CUE_COLUMNS,
)
from faultlines.types import (
    LOCATION_FIELDS,
    MODALITIES,
    ActorRef,
    Document,
    DocumentResult,
    Event,
    Location,
)

__all__ = ["Store", "DYAD_MODALITIES", "WINDOWS", "window_start_sql"]

log = logging.getLogger("faultlines.store")

#: Modalities that count as something that happened (or was reported to happen). Hypothetical,
#: advocated and negated events describe what did *not* (yet) happen, so by default they do not
#: make two actors allies or enemies.
DYAD_MODALITIES: tuple[str, ...] = ("asserted", "reported")

#: Named time windows; ``"<N>d"`` (e.g. ``"90d"``) is also accepted.
WINDOWS: tuple[str, ...] = ("week", "month", "quarter", "year", "90d")

_ND = re.compile(r"^(\d{1,4})d$")
# Fixed origin for N-day buckets so windows do not depend on the data.
_BUCKET_ORIGIN = "2000-01-01"

_STRING = pa.string()
_DOC_SCHEMA = pa.schema([
    ("hash", _STRING), ("doc_id", _STRING), ("date", pa.date32()), ("source", _STRING),
    ("author", _STRING), ("title", _STRING), ("url", _STRING), ("origin", _STRING),
    ("text", _STRING), ("sentence_count", pa.int32()), ("skipped_reason", _STRING),
    ("ingested_at", pa.timestamp("us")),
])
_EVENT_TYPES_ARROW = {
    "sentence_index": pa.int32(), "date": pa.date32(), "polarity": pa.int32(),
    "intensity": pa.float64(), "contexts": pa.list_(pa.string()), "event_scale": pa.float64(),
    "location_geonameid": pa.int64(), "location_lat": pa.float64(), "location_lon": pa.float64(),
    "location_resolution": pa.int32(),
    "confidence": pa.float64(), "model_changed": pa.bool_(),
}
_EVENT_SCHEMA = pa.schema([(c, _EVENT_TYPES_ARROW.get(c, _STRING)) for c in EVENT_COLUMNS])
_MENTION_SCHEMA = pa.schema([
    ("doc_hash", _STRING), ("doc_id", _STRING), ("sentence_index", pa.int32()),
    ("start", pa.int32()), ("end", pa.int32()), ("text", _STRING), ("actor_id", _STRING),
    ("kind", _STRING),
])
_STANCE_CUE_SCHEMA = pa.schema([
    ("doc_hash", _STRING), ("doc_id", _STRING), ("sentence_index", pa.int32()),
    ("actor_id", _STRING), ("actor_name", _STRING), ("score", pa.float64()), ("cue", _STRING),
])
_CARRIER_SCHEMA = pa.schema([
    ("doc_hash", _STRING), ("doc_id", _STRING), ("date", pa.date32()), ("source", _STRING),
    ("author", _STRING), ("origin", _STRING), ("recorded_at", pa.timestamp("us")),
])
_ACTOR_SCHEMA = pa.schema([
    ("id", _STRING), ("name", _STRING), ("country", _STRING), ("sector", _STRING),
])
# New actors of a batch, with the earliest date they occur on in that batch.
_UPSERT_ACTORS_SQL = """
    INSERT INTO actors (id, name, country, sector, first_seen)
    SELECT a.id, a.name, a.country, a.sector, f.first_seen
    FROM _batch_actors a LEFT JOIN (
        SELECT id, min(d) AS first_seen FROM (
            SELECT actor_id AS id, date AS d FROM _batch_events
            UNION ALL SELECT recipient_id, date FROM _batch_events
            UNION ALL SELECT attributed_id, date FROM _batch_events
            UNION ALL SELECT m.actor_id, doc.date FROM _batch_mentions m
                      JOIN _batch_documents doc ON doc.hash = m.doc_hash
            UNION ALL SELECT c.actor_id, doc.date FROM _batch_stance_cues c
                      JOIN _batch_documents doc ON doc.hash = c.doc_hash
        ) WHERE id IS NOT NULL GROUP BY id
    ) f ON f.id = a.id
    ON CONFLICT (id) DO UPDATE SET
        first_seen = least(actors.first_seen, excluded.first_seen),
        country = coalesce(actors.country, excluded.country),
        sector = coalesce(actors.sector, excluded.sector)"""


def window_start_sql(window: str, column: str = "date") -> str:
    """SQL expression for the first day of the ``window`` that contains ``column``.

    >>> window_start_sql("quarter")
    "CAST(date_trunc('quarter', date) AS DATE)"
    >>> window_start_sql("90d")
    "CAST(time_bucket(INTERVAL 90 DAY, date, DATE '2000-01-01') AS DATE)"
    """
    if window in ("week", "month", "quarter", "year"):
        return f"CAST(date_trunc('{window}', {column}) AS DATE)"
    match = _ND.match(window or "")
    if match and int(match.group(1)) > 0:
        days = int(match.group(1))
        return (f"CAST(time_bucket(INTERVAL {days} DAY, {column}, DATE '{_BUCKET_ORIGIN}') "
                f"AS DATE)")
    raise ConfigError(
        f"unknown time window {window!r}; use one of {', '.join(WINDOWS)} or a number of days "
        f"such as '30d'")


def _check_modalities(modalities: Iterable[str] | None) -> list[str] | None:
    if modalities is None:
        return None
    if isinstance(modalities, str):
        modalities = [modalities]
    chosen = list(modalities)
    unknown = [m for m in chosen if m not in MODALITIES]
    if unknown:
        raise ConfigError(
            f"unknown modality {unknown[0]!r}; expected some of {', '.join(MODALITIES)}")
    return chosen


def _as_list(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return list(value)


def _ref(prefix: str, row: dict[str, Any]) -> ActorRef | None:
    if row[f"{prefix}_id"] is None:
        return None
    return ActorRef(text=row[f"{prefix}_text"] or "", id=row[f"{prefix}_id"],
                    name=row[f"{prefix}_name"] or row[f"{prefix}_id"],
                    country=row[f"{prefix}_country"], sector=row[f"{prefix}_sector"])


def _actor_of(row: dict[str, Any]) -> ActorRef:
    """An event row's actor, which every stored event has (``Event.actor`` is required)."""
    ref = _ref("actor", row)
    if ref is None:
        raise StoreError(f"stored event {row.get('event_id')!r} has no actor: the store was "
                         f"written by something other than faultlines; ingest into a new file")
    return ref


def _actor_cells(ref: ActorRef | None) -> tuple[Any, ...]:
    if ref is None:
        return (None, None, None, None, None)
    return (ref.id, ref.text, ref.name, ref.country, ref.sector)


def _struct_sql(prefix: str) -> str:
    # Field order and names follow ActorRef.to_dict() so JSONL exports equal Event.to_dict().
    body = (f"{{'text': {prefix}_text, 'id': {prefix}_id, 'name': {prefix}_name, "
            f"'country': {prefix}_country, 'sector': {prefix}_sector}}")
    return f"CASE WHEN {prefix}_id IS NULL THEN NULL ELSE {body} END"


def _location_struct_sql() -> str:
    # Field order follows Location.to_dict() so JSONL exports equal Event.to_dict().
    body = ", ".join(f"'{key}': location_{key}" for key in LOCATION_FIELDS)
    return f"CASE WHEN location_extracted_place IS NULL THEN NULL ELSE {{{body}}} END"


def _location_cells(location: Location | None) -> tuple[Any, ...]:
    if location is None:
        return (None,) * len(LOCATION_COLUMNS)
    return tuple(getattr(location, key) for key in LOCATION_FIELDS)


def _location(row: dict[str, Any]) -> Location | None:
    if row.get("location_extracted_place") is None:
        return None
    return Location(**{key: row[f"location_{key}"] for key in LOCATION_FIELDS})


#: Great-circle distance in km from a point given as bound parameters (lat, lat, lon).
_DISTANCE_SQL = (
    "2 * 6371.0088 * asin(sqrt(pow(sin(radians(location_lat - ?) / 2), 2) + cos(radians(?)) "
    "* cos(radians(location_lat)) * pow(sin(radians(location_lon - ?) / 2), 2)))")

_JSON_SELECT = (
    "event_id, doc_id, sentence_index, sentence, date, event_type, quad, polarity, intensity, "
    f"{_struct_sql('actor')} AS actor, {_struct_sql('recipient')} AS recipient, modality, "
    f"{_struct_sql('attributed')} AS attributed_to, trigger, source, mode, "
    "coalesce(contexts, CAST([] AS VARCHAR[])) AS contexts, aux_mode, event_scale, "
    f"{_location_struct_sql()} AS location, "
    "confidence, coalesce(rule, '') AS rule, coalesce(model_changed, false) AS model_changed"
)
# Flat exports write the context list as one ";"-joined cell, as Event.to_row() does.
_FLAT_SELECT = ", ".join(
    "array_to_string(contexts, ';') AS contexts" if c == "contexts" else f'"{c}"'
    for c in EVENT_COLUMNS)
_ORDER = "ORDER BY date NULLS LAST, doc_id, sentence_index, event_id"
# Every (text, document id, outlet) that carried a stored text: the stored document and the
# further carriers of the same text (migration 003).
_CARRIED = """(SELECT hash, doc_id, source, author, date FROM documents
    UNION SELECT doc_hash, doc_id, source, author, date FROM document_carriers)"""


class Store:
    """A faultlines DuckDB database.

    Parameters
    ----------
    path
        The database file (created when missing unless ``read_only``), or ``":memory:"``.
    read_only
        Open without taking the write lock, so several readers can share the file.

    Examples
    --------
    >>> with Store(":memory:") as store:
    ...     store.stats()["events"]
    0
    """

    def __init__(self, path: str | Path = "faultlines.duckdb", *, read_only: bool = False,
                 lock_wait: float | None = None, reopen_lock_wait: float | None = None
                 ) -> None:
        self.path = str(path)
        self.read_only = read_only
        # Readers fail at once (an ingest holds the lock for long); writers wait a little
        # (the lock_wait and reopen_lock_wait settings, in seconds).
        self.lock_wait = (0.0 if read_only else _setting_default("lock_wait")) \
            if lock_wait is None else lock_wait
        self.reopen_lock_wait = _setting_default("reopen_lock_wait") \
            if reopen_lock_wait is None else reopen_lock_wait
        #: What opening this store upgraded, in words (also logged as warnings).
        self.upgrade_notes: list[str] = []
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(
                f"no faultlines store at {self.path}; run `faultlines ingest` first or pass the "
                f"right --db path")
        self._con = self._connect(self.lock_wait)
        try:
            self._migrate()
        except duckdb.Error as exc:  # e.g. a damaged file that DuckDB opened but cannot read
            self._con.close()
            raise StoreError(self._open_hint(exc)) from exc
        except BaseException:
            self._con.close()
            raise

    def _connect(self, lock_wait: float = 0.0) -> duckdb.DuckDBPyConnection:
        """Connect, retrying with back-off for ``lock_wait`` seconds while another process
        holds the file's lock (a reader polling the store, the explorer loading it)."""
        deadline = time.monotonic() + lock_wait
        delay = 0.005
        while True:
            try:
                con = duckdb.connect(self.path, read_only=self.read_only)
                break
            except duckdb.Error as exc:
                if not _is_lock_conflict(exc) or time.monotonic() >= deadline:
                    raise StoreError(self._open_hint(exc)) from exc
            # Random back-off: a reader opening in a tight loop leaves gaps at random times.
            time.sleep(min(delay * (0.5 + random.random()),
                           max(0.0, deadline - time.monotonic())))
            delay = min(delay * 2, 0.25)
        try:
            # DuckDB draws a progress bar on long queries; it would corrupt CLI output.
            con.execute("SET enable_progress_bar = false")
            if not self.read_only:
                # Un-checkpointed rows stay in memory until a checkpoint; closing checkpoints too,
                # and a long ingest reopens the store every REOPEN_EVERY_DOCUMENTS, so memory
                # stays bounded with DuckDB's default threshold. A smaller one (2MB until
                # 2026-11-23) checkpointed after almost every transaction, and each checkpoint
                # costs more as the store grows (bench/bench_store.py).
                con.execute("SET checkpoint_threshold = '16MB'")
        except BaseException:
            con.close()
            raise
        return con

    def _reopen(self) -> None:
        """Close and reopen the database between batches of a long ingest.

        DuckDB keeps memory that grows with every committed append for as long as the
        database stays open (duckdb/duckdb#15176, #18031); closing it gives that memory back,
        so an ingest's peak memory no longer grows with the corpus. Only called when no other
        thread is using the connection.
        """
        if self.path == ":memory:":
            return  # closing would drop the data
        self._con.close()
        # A reader may hold the file at this moment; an ingest waits for it rather than fail.
        self._con = self._connect(max(self.lock_wait, self.reopen_lock_wait))

    def _open_hint(self, exc: Exception) -> str:
        return f"cannot open store {self.path}: {_reason(exc)} ({_fix(exc)})"

    # -- lifecycle -------------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._con.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r}, read_only={self.read_only})"

    def _migrate(self) -> None:
        con = self._con
        has_table = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'migrations'"
        ).fetchall()[0][0]
        applied: set[str] = set()
        if has_table:
            applied = {r[0] for r in con.execute("SELECT name FROM migrations").fetchall()}
        known = {m.name for m in MIGRATIONS}
        newer = sorted(applied - known)
        if newer:
            raise StoreError(
                f"store {self.path} was written by a newer faultlines (migration {newer[0]!r} "
                f"is unknown here); upgrade faultlines to open it")
        pending = [m for m in MIGRATIONS if m.name not in applied]
        if not pending:
            return
        if self.read_only:
            notes = "".join(f"; {m.name} {m.note}" for m in pending if m.note and has_table)
            raise StoreError(
                f"store {self.path} is not a faultlines store or needs upgrading (pending "
                f"migrations: {', '.join(m.name for m in pending)}{notes}); open it once for "
                f"writing (e.g. `faultlines ingest`) to create or upgrade it")
        try:
            con.execute("CREATE TABLE IF NOT EXISTS migrations ("
                        "name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)")
            for migration in pending:
                before = _plover16_counts(con) if migration.name == "005_plover16" and \
                    has_table else None
                con.begin()
                for statement in migration.statements:
                    con.execute(statement)
                con.execute("INSERT INTO migrations VALUES (?, ?)", [migration.name, _now()])
                con.commit()
                if before is not None and before[0]:
                    self.upgrade_notes.append(_plover16_message(self.path, *before))
                    log.warning(self.upgrade_notes[-1])
        except duckdb.Error as exc:
            _rollback(con)
            raise StoreError(f"cannot create or upgrade the schema of store {self.path}: "
                             f"{exc}") from exc

    def record_coder(self, info: dict[str, str]) -> None:
        """Record which coder (and learned model version) wrote events here (007_confidence)."""
        now = _now()
        for name, value in sorted(info.items()):
            self._con.execute("INSERT OR REPLACE INTO coder_info VALUES (?, ?, ?)",
                              [name, str(value), now])

    def coder_info(self) -> dict[str, str]:
        """What :meth:`record_coder` last recorded, by name."""
        return dict(self._con.execute("SELECT name, value FROM coder_info ORDER BY name"
                                      ).fetchall())

    def migrations(self) -> list[str]:
        """Names of the applied schema migrations, oldest first."""
        return [r[0] for r in self._con.execute(
            "SELECT name FROM migrations ORDER BY applied_at, name").fetchall()]

    # -- ingest ----------------------------------------------------------------------------------

    def has_documents(self, hashes: Iterable[str]) -> set[str]:
        """The subset of ``hashes`` (document content hashes) already stored.

        Documents flagged ``needs_recode`` (see migration ``005_plover16``) are left out: an
        ingest codes them again.
        """
        return _stored_hashes(self._con, hashes) - _recode_hashes(self._con, hashes)

    def documents_to_recode(self) -> Iterator[Document]:
        """Stored documents flagged ``needs_recode``, rebuilt from their stored text."""
        rows = self._con.execute(
            "SELECT doc_id, text, date, source, author, title, url, origin, hash FROM documents "
            "WHERE needs_recode ORDER BY ingested_at, doc_id").fetchall()
        for doc_id, text, date, source, author, title, url, origin, hash_ in rows:
            yield Document(id=doc_id, text=text, date=date, source=source, author=author,
                           title=title, url=url, origin=origin, hash=hash_)

    def stored_ids(self, doc_ids: Iterable[str]) -> dict[str, tuple[str, str | None]]:
        """For those ``doc_ids`` already stored: ``{doc_id: (content hash, origin)}``."""
        wanted = list(dict.fromkeys(doc_ids))
        if not wanted:
            return {}
        rows = self._con.execute(
            "SELECT doc_id, hash, origin FROM documents "
            "WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [wanted]).fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}

    def add_carriers(self, documents: Iterable[Document]) -> int:
        """Record further documents that carried an already stored text (same content hash).

        A row is kept per (content hash, document id, outlet) not already known, whether as the
        stored document itself or as an earlier carrier; documents whose text is not stored
        are left out. Returns the number of rows added.
        """
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only; cannot add carriers")
        rows = list({(d.hash, d.id, d.source): (d.hash, d.id, d.date, d.source, d.author,
                                                d.origin) for d in documents}.values())
        if not rows:
            return 0
        table = _arrow(_CARRIER_SCHEMA, [(*row, _now()) for row in rows])
        con = self._con
        try:
            con.begin()
            con.register("_batch_carriers", table)
            added = con.execute("""
                INSERT INTO document_carriers
                SELECT b.* FROM _batch_carriers b JOIN documents d ON d.hash = b.doc_hash
                WHERE NOT (d.doc_id = b.doc_id AND d.source IS NOT DISTINCT FROM b.source)
                  AND NOT EXISTS (SELECT 1 FROM document_carriers c
                                  WHERE c.doc_hash = b.doc_hash AND c.doc_id = b.doc_id
                                    AND c.source IS NOT DISTINCT FROM b.source)""").fetchall()
            con.unregister("_batch_carriers")
            con.commit()
        except duckdb.Error as exc:
            _rollback(con)
            raise StoreError(f"cannot record the documents that repeat stored texts in "
                             f"{self.path}: {_reason(exc)} ({_fix(exc)})") from exc
        return int(added[0][0]) if added else 0

    def carriers(self, doc_hash: str | None = None) -> list[tuple[str, str, str | None]]:
        """Every ``(content hash, document id, outlet)`` that carried a stored text, the stored
        document first, then the carriers in the order they were recorded."""
        where, params = ("WHERE hash = ?", [doc_hash]) if doc_hash is not None else ("", [])
        rows = self._con.execute(f"""
            SELECT hash, doc_id, source FROM (
                SELECT hash, doc_id, source, 0 AS k, ingested_at AS t FROM documents
                UNION ALL
                SELECT doc_hash, doc_id, source, 1, recorded_at FROM document_carriers
            ) {where} ORDER BY hash, k, t, doc_id""", params).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    def add_results(
        self,
        results: Iterable[DocumentResult],
        *,
        batch_size: int = 256,
        on_batch: Callable[[IngestStats], None] | None = None,
        background: bool = False,
    ) -> IngestStats:
        """Store documents with their events and mentions, one transaction per batch.

        A document whose content hash is already stored is skipped (re-ingesting is a no-op);
        a document lands together with all of its events and mentions or not at all. An event
        whose ``event_id`` is already stored (the same document id, sentence, trigger,
        participants and modality) is counted in ``events_duplicate`` and not stored twice.

        Parameters
        ----------
        results
            Pipeline output, consumed lazily.
        batch_size
            Documents per transaction: an interrupted ingest keeps every committed batch.
        on_batch
            Called after each commit with that batch's stats (for progress bars).
        background
            Write batches in a second thread (on its own connection) while this thread goes on
            producing ``results``: DuckDB works without holding Python's global lock, so storing
            overlaps with parsing. If producing fails or is interrupted, the complete batches
            already handed over are committed before the error is raised; a partial batch never
            is.
        """
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only; cannot add documents")
        if batch_size < 1:
            raise ConfigError(f"batch_size must be at least 1, got {batch_size}")
        if background:
            return self._add_in_background(results, batch_size, on_batch)
        total = IngestStats()
        reopen_every = _reopen_every(batch_size)
        for number, batch in enumerate(_chunks(results, batch_size), start=1):
            total += self._add_batch(self._con, batch, on_batch)
            if number % reopen_every == 0:
                self._reopen()
        return total

    def _add_in_background(self, results: Iterable[DocumentResult], batch_size: int,
                           on_batch: Callable[[IngestStats], None] | None) -> IngestStats:
        # At most two batches wait for the writer, so memory stays bounded when it lags.
        handover: queue.Queue[list[DocumentResult] | None] = queue.Queue(maxsize=2)
        total = IngestStats()
        failure: list[BaseException] = []

        def cursor() -> duckdb.DuckDBPyConnection:
            con = self._con.cursor()  # a DuckDB connection must not be shared between threads
            con.execute("SET enable_progress_bar = false")
            return con

        # The writer reads writing[0] only after a handover.get(), so a cursor swapped in
        # while it waits (see the reopen below) is the one it uses next.
        writing = [cursor()]

        def write() -> None:
            nonlocal total
            while (batch := handover.get()) is not None:
                try:
                    if not failure:  # else drain: the producer is told at its next put
                        total += self._add_batch(writing[0], batch, on_batch)
                except BaseException as exc:  # handed to the producing thread below
                    failure.append(exc)
                finally:
                    handover.task_done()
            handover.task_done()

        writer = threading.Thread(target=write, name="faultlines-store-writer", daemon=True)
        writer.start()
        reopen_every = _reopen_every(batch_size)
        try:
            for number, batch in enumerate(_chunks(results, batch_size), start=1):
                if failure:
                    break
                handover.put(batch)
                if number % reopen_every == 0:
                    handover.join()  # the writer has stored every batch and waits for more
                    if failure:
                        break
                    writing[0].close()
                    self._reopen()
                    writing[0] = cursor()
        finally:
            handover.put(None)
            writer.join()
            writing[0].close()
        if failure:
            raise failure[0]
        return total

    def _add_batch(self, con: duckdb.DuckDBPyConnection, batch: list[DocumentResult],
                   on_batch: Callable[[IngestStats], None] | None) -> IngestStats:
        stats = IngestStats(batches=1)
        hashes = [r.document.hash for r in batch]
        stale = _recode_hashes(con, hashes)
        existing = _stored_hashes(con, hashes) - stale
        docs: list[tuple[Any, ...]] = []
        events: list[tuple[Any, ...]] = []
        mentions: list[tuple[Any, ...]] = []
        cues: list[tuple[Any, ...]] = []
        # First-seen dates are computed in SQL from the batch tables; Python only keeps names.
        actors: dict[str, tuple[Any, ...]] = {}
        now = _now()

        self._rows(batch, existing, stats, now, docs, events, mentions, actors, cues)

        registered: list[str] = []
        try:
            con.begin()
            if stale:
                _drop_coded(con, stale)
            for table, schema, rows in (("documents", _DOC_SCHEMA, docs),
                                        ("events", _EVENT_SCHEMA, events),
                                        ("mentions", _MENTION_SCHEMA, mentions),
                                        ("stance_cues", _STANCE_CUE_SCHEMA, cues),
                                        ("actors", _ACTOR_SCHEMA, list(actors.values()))):
                con.register(f"_batch_{table}", _arrow(schema, rows))
                registered.append(f"_batch_{table}")
            if docs and stale:
                _recoded_documents(con, stale)
            elif docs:
                _insert(con, "documents", DOCUMENT_COLUMNS)
            if events:
                inserted = _insert(con, "events", EVENT_COLUMNS, or_ignore=True)
                stats.events_added += inserted
                stats.events_duplicate += len(events) - inserted
            if mentions:
                stats.mentions_added += _insert(con, "mentions", MENTION_COLUMNS)
            if cues:
                stats.stance_cues_added += _insert(con, "stance_cues", STANCE_CUE_COLUMNS)
            if actors:
                con.execute(_UPSERT_ACTORS_SQL)
            con.commit()
        except duckdb.Error as exc:
            _rollback(con)
            names = ", ".join(f"{r.document.id} ({r.document.origin or 'no origin'})"
                              for r in batch[:5])
            more = f" and {len(batch) - 5} more" if len(batch) > 5 else ""
            raise StoreError(
                f"cannot store the batch of documents {names}{more} in {self.path}: {exc}; "
                f"nothing of this batch was stored, earlier batches were") from exc
        finally:
            for name in registered:
                con.unregister(name)
        if on_batch is not None:
            on_batch(stats)
        return stats

    @staticmethod
    def _rows(batch: list[DocumentResult], existing: set[str], stats: IngestStats,
              now: dt.datetime, docs: list[tuple[Any, ...]], events: list[tuple[Any, ...]],
              mentions: list[tuple[Any, ...]], actors: dict[str, tuple[Any, ...]],
              cues: list[tuple[Any, ...]] | None = None) -> None:
        """Flatten a batch into row tuples, skipping stored documents and repeated events."""
        # Stance cues are only collected when asked for (``cues`` given).
        stance_rows: list[tuple[Any, ...]] = cues if cues is not None else []
        seen_docs: set[str] = set()
        seen_events: set[str] = set()
        for result in batch:
            doc = result.document
            if doc.hash in existing or doc.hash in seen_docs:
                stats.documents_skipped_existing += 1
                continue
            seen_docs.add(doc.hash)
            stats.documents_added += 1
            if result.skipped_reason:
                stats.documents_skipped_reason += 1
            docs.append((doc.hash, doc.id, doc.date, doc.source, doc.author, doc.title, doc.url,
                         doc.origin, doc.text, result.sentence_count, result.skipped_reason, now))
            for m in result.mentions:
                mentions.append((doc.hash, m.doc_id, m.sentence_index, m.start, m.end, m.text,
                                 m.actor.id, m.kind))
                ref = m.actor
                if ref.id not in actors:
                    actors[ref.id] = (ref.id, ref.name, ref.country, ref.sector)
            for ev in result.events:
                event_id = ev.event_id
                if event_id in seen_events:
                    stats.events_duplicate += 1
                    continue
                seen_events.add(event_id)
                date = ev.date or doc.date
                events.append((
                    event_id, doc.hash, ev.doc_id, ev.sentence_index, ev.sentence, date,
                    ev.event_type, ev.quad, ev.polarity, float(ev.intensity), ev.modality,
                    ev.trigger, ev.source if ev.source is not None else doc.source,
                    *_actor_cells(ev.actor), *_actor_cells(ev.recipient),
                    *_actor_cells(ev.attributed_to),
                    ev.mode, list(ev.contexts), ev.aux_mode, ev.event_scale,
                    *_location_cells(ev.location),
                    ev.confidence, ev.rule or None, bool(ev.model_changed),
                ))
                for role in (ev.actor, ev.recipient, ev.attributed_to):
                    if role is not None and role.id not in actors:
                        actors[role.id] = (role.id, role.name, role.country, role.sector)
            for cue in result.stances if cues is not None else ():
                stance_rows.append((doc.hash, cue.doc_id, cue.sentence_index, cue.actor.id,
                                    cue.actor.name, float(cue.score), cue.cue))
                if cue.actor.id not in actors:
                    ref = cue.actor
                    actors[ref.id] = (ref.id, ref.name, ref.country, ref.sector)

    # -- queries: events -------------------------------------------------------------------------

    @staticmethod
    def _filters(
        since: dt.date | None = None,
        until: dt.date | None = None,
        actor: str | None = None,
        event_type: str | Iterable[str] | None = None,
        modality: str | Iterable[str] | None = None,
        source: str | None = None,
        doc_id: str | None = None,
        country: str | None = None,
        near: tuple[float, float, float] | None = None,
        min_confidence: float | None = None,
    ) -> tuple[str, list[Any]]:
        clauses, params = Store._filter_clauses(since, until, actor, event_type, modality,
                                                source, doc_id, country, near, min_confidence)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return where, params

    @staticmethod
    def _filter_clauses(
        since: dt.date | None = None,
        until: dt.date | None = None,
        actor: str | None = None,
        event_type: str | Iterable[str] | None = None,
        modality: str | Iterable[str] | None = None,
        source: str | None = None,
        doc_id: str | None = None,
        country: str | None = None,
        near: tuple[float, float, float] | None = None,
        min_confidence: float | None = None,
    ) -> tuple[list[str], list[Any]]:
        """SQL conditions on the events table (bound parameters) shared by every query.

        ``country`` is the ISO alpha-3 code of the event's location; ``near`` is
        ``(lat, lon, km)``: events located within ``km`` of the point. ``min_confidence``
        (above 0) keeps the events whose confidence reaches it and those without one (coded by
        the rules alone), the rule of every command's ``--min-confidence``.
        """
        clauses: list[str] = []
        params: list[Any] = []
        if since is not None:
            clauses.append("date >= ?")
            params.append(since)
        if until is not None:
            clauses.append("date <= ?")
            params.append(until)
        if actor is not None:
            clauses.append("(actor_id = ? OR recipient_id = ?)")
            params += [actor, actor]
        types = _as_list(event_type)
        if types is not None:
            clauses.append("event_type IN (SELECT unnest(?::VARCHAR[]))")
            params.append(types)
        mods = _check_modalities(modality)
        if mods is not None:
            clauses.append("modality IN (SELECT unnest(?::VARCHAR[]))")
            params.append(mods)
        if source is not None:
            clauses.append("source = ?")
            params.append(source)
        if doc_id is not None:
            clauses.append("doc_id = ?")
            params.append(doc_id)
        if country is not None:
            clauses.append("location_country_code = ?")
            params.append(country.upper())
        if near is not None:
            lat, lon, km = near
            clauses.append(f"location_lat IS NOT NULL AND {_DISTANCE_SQL} <= ?")
            params += [lat, lat, lon, km]
        if min_confidence:
            clauses.append("(confidence IS NULL OR confidence >= ?)")
            params.append(float(min_confidence))
        return clauses, params

    def events(
        self,
        since: dt.date | None = None,
        until: dt.date | None = None,
        actor: str | None = None,
        event_type: str | Iterable[str] | None = None,
        modality: str | Iterable[str] | None = None,
        limit: int | None = None,
        *,
        source: str | None = None,
        doc_id: str | None = None,
        country: str | None = None,
        near: tuple[float, float, float] | None = None,
        min_confidence: float | None = None,
    ) -> Iterator[Event]:
        """Stored events as ``faultlines.types.Event`` objects, by date then document.

        ``actor`` matches an actor id on either side of the event; ``since``/``until`` are
        inclusive; ``event_type`` and ``modality`` take one value or several; ``country`` and
        ``near`` (``(lat, lon, km)``) filter on the event's location; ``min_confidence`` keeps
        events whose confidence reaches it, and those without one.
        """
        where, params = self._filters(since, until, actor, event_type, modality, source, doc_id,
                                      country, near, min_confidence)
        sql = f"SELECT * FROM curated_events {where} {_ORDER}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        for row in _stream(self._con.cursor(), sql, params):
            yield _event_from_row(row)

    def events_by_id(self, event_ids: Iterable[str]) -> list[Event]:
        """The stored events with these ids, in date order (unknown ids are left out)."""
        ids = list(dict.fromkeys(event_ids))
        if not ids:
            return []
        cur = self._con.cursor()
        return [_event_from_row(r) for r in _stream(
            cur, f"SELECT * FROM curated_events "
                 f"WHERE event_id IN (SELECT unnest(?::VARCHAR[])) {_ORDER}", [ids])]

    def event_totals(self) -> tuple[int, int]:
        """``(number of events, sum of polarity)`` by one plain scan of the events table."""
        count, net = self._con.execute(
            "SELECT count(*), coalesce(sum(polarity), 0) FROM events").fetchall()[0]
        return int(count), int(net)

    def export_events(
        self,
        out: str | Path,
        format: Literal["csv", "jsonl", "parquet", "geojson", "plover", "polecat"] = "jsonl",
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        actor: str | None = None,
        event_type: str | Iterable[str] | None = None,
        modality: str | Iterable[str] | None = None,
        source: str | None = None,
        limit: int | None = None,
        country: str | None = None,
        near: tuple[float, float, float] | None = None,
        min_confidence: float | None = None,
    ) -> int:
        """Write events to ``out`` (a path, or ``"-"`` for stdout) with DuckDB ``COPY``.

        ``jsonl`` rows have exactly the fields and nesting of ``Event.to_dict()``; ``csv`` and
        ``parquet`` are flat (``actor_id``, ``actor_name``, ... ``attributed_sector``,
        ``location_lat`` ...); ``geojson`` is a FeatureCollection of the located events (a
        Point per event, the flat columns as properties); ``plover`` and ``polecat`` are
        written by ``faultlines.coding.formats`` (PLOVER records as JSON Lines, POLECAT's TSV).
        ``min_confidence`` keeps events whose confidence reaches it, and those without one.
        Returns the number of events written.
        """
        if format not in ("csv", "jsonl", "parquet", "geojson", "plover", "polecat"):
            raise ConfigError(f"unknown export format {format!r}; use csv, jsonl, parquet, "
                              f"geojson, plover or polecat")
        if format in ("plover", "polecat"):
            return self._export_formatted(out, format, since=since, until=until, actor=actor,
                                          event_type=event_type, modality=modality,
                                          source=source, limit=limit, country=country,
                                          near=near, min_confidence=min_confidence)
        if format == "parquet" and str(out) == "-":
            raise ConfigError("parquet cannot be written to stdout; pass a file path")
        where, params = self._filters(since, until, actor, event_type, modality, source,
                                      country=country, near=near, min_confidence=min_confidence)
        if format == "geojson":
            return self._export_geojson(out, where, params, limit)
        select = _JSON_SELECT if format == "jsonl" else _FLAT_SELECT
        sql = f"SELECT {select} FROM curated_events {where} {_ORDER}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        options = {"csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json",
                   "parquet": "FORMAT parquet"}[format]
        if str(out) == "-":
            with tempfile.TemporaryDirectory() as tmp:
                target = Path(tmp) / f"events.{format}"
                count = self._copy(sql, params, target, options)
                with target.open("r", encoding="utf-8") as handle:
                    shutil.copyfileobj(handle, sys.stdout)
                sys.stdout.flush()
            return count
        return self._copy(sql, params, Path(out), options)

    def _export_geojson(self, out: str | Path, where: str, params: list[Any],
                        limit: int | None) -> int:
        """A GeoJSON FeatureCollection (RFC 7946) of the events that have coordinates."""
        located = "location_lat IS NOT NULL AND location_lon IS NOT NULL"
        where = f"{where} AND {located}" if where else f"WHERE {located}"
        columns = [c for c in EVENT_COLUMNS if c != "doc_hash"]
        select = ", ".join(f'"{c}"' for c in columns)
        sql = f"SELECT {select} FROM curated_events {where} {_ORDER}"
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, int(limit)]
        features = []
        for row in _stream(self._con.cursor(), sql, params):
            properties = {k: (v.isoformat() if isinstance(v, dt.date) else v)
                          for k, v in row.items()}
            features.append({
                "type": "Feature", "id": row["event_id"],
                "geometry": {"type": "Point",
                             "coordinates": [row["location_lon"], row["location_lat"]]},
                "properties": properties})
        text = json.dumps({"type": "FeatureCollection", "features": features},
                          ensure_ascii=False)
        if str(out) == "-":
            sys.stdout.write(text + "\n")
            sys.stdout.flush()
        else:
            try:
                Path(out).write_text(text + "\n", encoding="utf-8")
            except OSError as exc:
                raise StoreError(f"cannot write events to {out}: {exc}") from exc
        return len(features)

    def _export_formatted(self, out: str | Path, format: str, **filters: Any) -> int:
        from faultlines.coding.formats import plover_records, write_polecat

        events = self.events(filters.pop("since"), filters.pop("until"), filters.pop("actor"),
                             filters.pop("event_type"), filters.pop("modality"),
                             filters.pop("limit"), source=filters.pop("source"),
                             country=filters.pop("country"), near=filters.pop("near"),
                             min_confidence=filters.pop("min_confidence"))
        handle = sys.stdout if str(out) == "-" else open(out, "w", encoding="utf-8", newline="")
        try:
            if format == "polecat":
                count = write_polecat(events, handle)
            else:
                counted = _Counted(events)
                for record in plover_records(counted, corpus=self.path):
                    handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
                count = counted.count
        finally:
            if handle is sys.stdout:
                handle.flush()
            else:
                handle.close()
        return count

    def _copy(self, sql: str, params: list[Any], target: Path, options: str) -> int:
        # COPY's target must be a literal; quote it rather than interpolating raw text.
        literal = "'" + str(target).replace("'", "''") + "'"
        try:
            rows = self._con.execute(f"COPY ({sql}) TO {literal} ({options})", params).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"cannot export events from {self.path} to {target}: "
                             f"{_reason(exc)} ({_fix(exc)})") from exc
        return int(rows[0][0]) if rows else 0

    # -- queries: dyads and evidence -------------------------------------------------------------

    def _dyad_sql(self, since: dt.date | None, until: dt.date | None, window: str | None,
                  modalities: Iterable[str] | None, directed: bool,
                  evidence: int, doc_id: str | None = None,
                  source: str | None = None,
                  min_confidence: float | None = None) -> tuple[str, list[Any]]:
        clauses, params = self._filter_clauses(since, until, modality=modalities,
                                               source=source, doc_id=doc_id,
                                               min_confidence=min_confidence)
        clauses = ["recipient_id IS NOT NULL", "recipient_id <> actor_id", *clauses]
        if window is not None:
            clauses.append("date IS NOT NULL")
            window_expr = window_start_sql(window)
        else:
            window_expr = "CAST(NULL AS DATE)"
        if directed:
            pair = "actor_id AS a, recipient_id AS b"
        else:
            pair = "least(actor_id, recipient_id) AS a, greatest(actor_id, recipient_id) AS b"
        n = int(evidence)
        # top-n by (date, event_id) without sorting each group's whole event list
        sample = (f"max_by(event_id, {{'d': coalesce(date, DATE '0001-01-01'), "
                  f"'e': event_id}}, {n})" if n > 0 else "CAST([] AS VARCHAR[])")
        sql = f"""
            WITH e AS (
                SELECT {pair}, {window_expr} AS bucket, event_id, date, polarity, intensity,
                       coalesce(event_scale, polarity) AS scale
                FROM curated_events WHERE {' AND '.join(clauses)}
            ), d AS (
                SELECT a, b, bucket, count(*) AS count,
                       CAST(sum(polarity) AS BIGINT) AS net_polarity,
                       sum(intensity) AS intensity,
                       count(*) FILTER (WHERE polarity > 0) AS cooperative,
                       count(*) FILTER (WHERE polarity < 0) AS conflictual,
                       min(date) AS first_date, max(date) AS last_date,
                       {sample} AS event_ids, sum(scale) AS scale
                FROM e GROUP BY a, b, bucket
            )
            SELECT d.a, d.b, coalesce(x.name, d.a) AS a_name, coalesce(y.name, d.b) AS b_name,
                   d.bucket AS "window", d.count, d.net_polarity, d.intensity, d.cooperative,
                   d.conflictual, d.first_date, d.last_date, d.event_ids, d.scale
            FROM d LEFT JOIN curated_actors x ON x.id = d.a LEFT JOIN curated_actors y ON y.id = d.b
            ORDER BY d.bucket NULLS FIRST, d.a, d.b"""
        return sql, params

    def dyads(
        self,
        since: dt.date | None = None,
        until: dt.date | None = None,
        window: str | None = None,
        modalities: Iterable[str] | None = DYAD_MODALITIES,
        *,
        directed: bool = False,
        evidence: int = 3,
        doc_id: str | None = None,
        source: str | None = None,
        min_confidence: float | None = None,
    ) -> list[Dyad]:
        """Aggregate events into actor pairs, in DuckDB SQL (no Python loop over events).

        Parameters
        ----------
        since, until
            Inclusive date range.
        window
            ``None`` for one aggregate per pair, else ``week|month|quarter|year|90d|<N>d``:
            one row per pair and window (events without a date are then left out).
        modalities
            Modalities that count; default asserted and reported. ``None`` counts all.
        directed
            ``False``: unordered pairs (``a < b``), the input of the signed network.
            ``True``: ordered (actor -> recipient) pairs.
        evidence
            How many of the most recent event ids to keep per row (``event_ids``).
        doc_id, source
            Only the events of one document, or of one outlet.
        min_confidence
            Only events whose confidence reaches it, and those without one (``None`` or 0:
            every event).

        Events without a recipient, and events of an actor with itself (after curation
        merges), are not dyads.
        """
        # Columnar fetch through Arrow: several times faster than fetchall() on big results.
        cols = self.dyads_table(since, until, window, modalities, directed=directed,
                                evidence=evidence, doc_id=doc_id, source=source,
                                min_confidence=min_confidence).to_pydict()
        return [Dyad(a, b, an, bn, w, c, n, float(i or 0.0), co, cf, fd, ld, tuple(ids or ()),
                     float(sc or 0.0))
                for a, b, an, bn, w, c, n, i, co, cf, fd, ld, ids, sc in zip(
                    cols["a"], cols["b"], cols["a_name"], cols["b_name"], cols["window"],
                    cols["count"], cols["net_polarity"], cols["intensity"], cols["cooperative"],
                    cols["conflictual"], cols["first_date"], cols["last_date"],
                    cols["event_ids"], cols["scale"], strict=True)]

    def dyads_table(
        self,
        since: dt.date | None = None,
        until: dt.date | None = None,
        window: str | None = None,
        modalities: Iterable[str] | None = DYAD_MODALITIES,
        *,
        directed: bool = False,
        evidence: int = 0,
        doc_id: str | None = None,
        source: str | None = None,
        min_confidence: float | None = None,
    ) -> pa.Table:
        """Same aggregate as :meth:`dyads` as a pyarrow Table (for large stores)."""
        sql, params = self._dyad_sql(since, until, window, modalities, directed, evidence,
                                     doc_id, source, min_confidence)
        relation = self._con.sql(sql, params=params)
        # duckdb 2 calls it to_arrow_table; duckdb 1.x relations have arrow() returning a Table.
        fetch = getattr(relation, "to_arrow_table", None) or relation.arrow
        return fetch()

    def evidence(
        self,
        actor_a: str,
        actor_b: str,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = 20,
        *,
        modalities: Iterable[str] | None = None,
        directed: bool = False,
    ) -> list[Evidence]:
        """The events between two actors (either direction unless ``directed``), newest first.

        All modalities are returned by default (each row says which), so a reader sees the
        hypothetical and negated statements that the dyad counts leave out.
        """
        clauses = ["actor_id = ? AND recipient_id = ?"]
        params: list[Any] = [actor_a, actor_b]
        if not directed:
            clauses = ["((actor_id = ? AND recipient_id = ?) OR (actor_id = ? AND "
                       "recipient_id = ?))"]
            params += [actor_b, actor_a]
        more, more_params = self._filter_clauses(since, until, modality=modalities)
        clauses += more
        params += more_params
        sql = (f"SELECT * FROM curated_events WHERE {' AND '.join(clauses)} "
               "ORDER BY date DESC NULLS LAST, doc_id, sentence_index, event_id")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [_evidence_from_row(r) for r in _stream(self._con.cursor(), sql, params)]

    def evidence_by_ids(self, event_ids: Iterable[str]) -> list[Evidence]:
        """Evidence rows for these event ids, oldest first."""
        ids = list(dict.fromkeys(event_ids))
        if not ids:
            return []
        sql = (f"SELECT * FROM curated_events "
               f"WHERE event_id IN (SELECT unnest(?::VARCHAR[])) {_ORDER}")
        return [_evidence_from_row(r) for r in _stream(self._con.cursor(), sql, [ids])]

    def stance_aggregates(
        self,
        by: Literal["source", "author", "doc"] = "source",
        *,
        kind: Literal["relational", "evaluative", "combined"] = "relational",
        actor: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        modalities: Iterable[str] | None = ("asserted", "advocated"),
    ) -> list[dict[str, Any]]:
        """Per group (outlet, author or document) and actor: how the articles cast the actor.

        ``kind="relational"`` counts the author-voiced events (no ``attributed_to``, modality in
        ``modalities``) in which the actor is source or target; ``"evaluative"`` sums the
        evaluative stance cues (``stance_cues``, scores -2..+2) aimed at it; ``"combined"``
        gives both. Rows have ``group, actor, actor_name, documents`` and the relational
        columns ``events, net_polarity, cooperative, conflictual, as_actor_events,
        as_actor_net, as_recipient_events, as_recipient_net`` and the evaluative columns
        ``cues, evaluative_net, positive, negative`` (zero for the kind not asked for).
        """
        groups = {"source": "coalesce(d.source, '(unknown)')",
                  "author": "coalesce(d.author, '(unknown)')", "doc": "d.doc_id"}
        if by not in groups:
            raise ConfigError(f"unknown stance grouping {by!r}; use source, author or doc")
        if kind not in ("relational", "evaluative", "combined"):
            raise ConfigError(f"unknown stance kind {kind!r}; use evaluative, relational or "
                              f"combined")
        clauses = ["e.attributed_id IS NULL"]
        if kind == "evaluative":
            clauses.append("false")
        params: list[Any] = []
        mods = _check_modalities(modalities)
        if mods is not None:
            clauses.append("e.modality IN (SELECT unnest(?::VARCHAR[]))")
            params.append(mods)
        cue_clauses = ["true" if kind != "relational" else "false"]
        for column, clauses_of in (("e.date", clauses), ("d.date", cue_clauses)):
            if since is not None:
                clauses_of.append(f"{column} >= ?")
            if until is not None:
                clauses_of.append(f"{column} <= ?")
        params += [v for v in (since, until) if v is not None]
        cue_params = [v for v in (since, until) if v is not None]
        actor_clause = ""
        if actor is not None:
            actor_clause = "WHERE k.id = ?"
        # One row per text and group: a text counts once for each outlet (author, document
        # id) that carried it, however often that one carried it.
        sql = f"""
            WITH g AS (
                SELECT DISTINCT d.hash, {groups[by]} AS grp FROM {_CARRIED} d
            ), e AS (
                SELECT g.grp, e.doc_hash, e.actor_id, e.recipient_id, e.polarity
                FROM curated_events e JOIN g ON g.hash = e.doc_hash
                WHERE {' AND '.join(clauses)}
            ), r AS (
                SELECT grp, doc_hash, actor_id AS id, 'actor' AS role, polarity FROM e
                UNION ALL
                SELECT grp, doc_hash, recipient_id, 'recipient', polarity FROM e
                WHERE recipient_id IS NOT NULL
            ), c AS (
                SELECT g.grp, c.doc_hash, c.actor_id AS id, c.actor_name, c.score
                FROM curated_stance_cues c JOIN documents d ON d.hash = c.doc_hash
                JOIN g ON g.hash = c.doc_hash
                WHERE {' AND '.join(cue_clauses)}
            ), rel AS (
                SELECT grp, id, count(*) AS events,
                       CAST(sum(polarity) AS BIGINT) AS net_polarity,
                       count(*) FILTER (WHERE polarity > 0) AS cooperative,
                       count(*) FILTER (WHERE polarity < 0) AS conflictual,
                       count(*) FILTER (WHERE role = 'actor') AS as_actor_events,
                       CAST(coalesce(sum(polarity) FILTER (WHERE role = 'actor'), 0) AS BIGINT)
                           AS as_actor_net,
                       count(*) FILTER (WHERE role = 'recipient') AS as_recipient_events,
                       CAST(coalesce(sum(polarity) FILTER (WHERE role = 'recipient'), 0)
                           AS BIGINT) AS as_recipient_net
                FROM r GROUP BY grp, id
            ), ev AS (
                SELECT grp, id, any_value(actor_name) AS cue_name, count(*) AS cues,
                       sum(score) AS evaluative_net,
                       count(*) FILTER (WHERE score > 0) AS positive,
                       count(*) FILTER (WHERE score < 0) AS negative
                FROM c GROUP BY grp, id
            ), k AS (
                SELECT grp, id, count(DISTINCT doc_hash) AS documents FROM (
                    SELECT grp, id, doc_hash FROM r UNION ALL SELECT grp, id, doc_hash FROM c
                ) GROUP BY grp, id
            )
            SELECT k.grp AS "group", k.id AS actor,
                   coalesce(a.name, ev.cue_name, k.id) AS actor_name, k.documents,
                   coalesce(rel.events, 0) AS events,
                   coalesce(rel.net_polarity, 0) AS net_polarity,
                   coalesce(rel.cooperative, 0) AS cooperative,
                   coalesce(rel.conflictual, 0) AS conflictual,
                   coalesce(rel.as_actor_events, 0) AS as_actor_events,
                   coalesce(rel.as_actor_net, 0) AS as_actor_net,
                   coalesce(rel.as_recipient_events, 0) AS as_recipient_events,
                   coalesce(rel.as_recipient_net, 0) AS as_recipient_net,
                   coalesce(ev.cues, 0) AS cues,
                   coalesce(ev.evaluative_net, 0.0) AS evaluative_net,
                   coalesce(ev.positive, 0) AS positive,
                   coalesce(ev.negative, 0) AS negative
            FROM k LEFT JOIN rel ON rel.grp = k.grp AND rel.id = k.id
                   LEFT JOIN ev ON ev.grp = k.grp AND ev.id = k.id
                   LEFT JOIN curated_actors a ON a.id = k.id
            {actor_clause}
            ORDER BY k.grp, coalesce(rel.events, 0) + coalesce(ev.cues, 0) DESC, k.id"""
        params += cue_params
        if actor is not None:
            params.append(actor)
        cur = self._con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    # -- queries: documents and actors -----------------------------------------------------------

    def documents(self, *, include_text: bool = False, source: str | None = None,
                  limit: int | None = None) -> list[DocumentRow]:
        """Stored documents (metadata, event count; the text only with ``include_text``)."""
        params: list[Any] = []
        where = ""
        if source is not None:
            where = "WHERE d.source = ?"
            params.append(source)
        text = "d.text" if include_text else "NULL"
        sql = f"""SELECT d.hash, d.doc_id, d.date, d.source, d.author, d.title, d.url, d.origin,
                         d.sentence_count, d.skipped_reason, d.ingested_at,
                         coalesce(e.n, 0), {text}
                  FROM documents d
                  LEFT JOIN (SELECT doc_hash, count(*) AS n FROM events GROUP BY doc_hash) e
                         ON e.doc_hash = d.hash
                  {where} ORDER BY d.date NULLS LAST, d.doc_id, d.hash"""
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [DocumentRow(*r) for r in self._con.execute(sql, params).fetchall()]

    def sources(self) -> set[str]:
        """The outlets (``source``) of the stored documents."""
        rows = self._con.execute(
            "SELECT DISTINCT source FROM documents WHERE source IS NOT NULL").fetchall()
        return {r[0] for r in rows}

    def actor_codes(self, since: dt.date | None = None, until: dt.date | None = None, *,
                    doc_id: str | None = None,
                    source: str | None = None) -> dict[str, tuple[str | None, str | None]]:
        """``{actor id: (country, sector)}``: the code each actor held in the events of a range.

        The actor table keeps the code an actor was first seen with; a person's role changes
        (a party leader becomes prime minister), and each event records the code of its date.
        Per actor, the code of most of its events (as actor or recipient) in the range wins;
        ties go to the later code.
        """
        clauses, params = self._filter_clauses(since, until, source=source, doc_id=doc_id)
        where = " AND ".join(clauses) or "TRUE"
        sql = f"""
            WITH roles AS (
                SELECT actor_id AS id, actor_country AS country, actor_sector AS sector, date
                FROM curated_events WHERE {where}
                UNION ALL
                SELECT recipient_id, recipient_country, recipient_sector, date
                FROM curated_events WHERE recipient_id IS NOT NULL AND {where}
            ), counted AS (
                SELECT id, country, sector, count(*) AS n, max(date) AS last FROM roles
                GROUP BY id, country, sector
            )
            SELECT id, arg_max({{'c': country, 's': sector}},
                               (n, coalesce(last, DATE '0001-01-01'), country, sector))
            FROM counted GROUP BY id"""
        rows = self._con.execute(sql, [*params, *params]).fetchall()
        return {r[0]: (r[1]["c"], r[1]["s"]) for r in rows}

    _ACTORS_SQL = """
        WITH surface AS (
            SELECT actor_id AS id, text FROM curated_mentions WHERE kind IS DISTINCT FROM 'place'
            UNION SELECT actor_id, actor_text FROM curated_events
            UNION SELECT recipient_id, recipient_text FROM curated_events
                  WHERE recipient_id IS NOT NULL
            UNION SELECT attributed_id, attributed_text FROM curated_events
                  WHERE attributed_id IS NOT NULL
        ), aliases AS (
            SELECT id, list(DISTINCT text ORDER BY text) AS aliases FROM surface
            WHERE text IS NOT NULL AND text <> '' GROUP BY id
        ), seen AS (
            SELECT id, max(date) AS last_seen FROM (
                SELECT actor_id AS id, date FROM curated_events
                UNION ALL SELECT recipient_id, date FROM curated_events
                          WHERE recipient_id IS NOT NULL
                UNION ALL SELECT attributed_id, date FROM curated_events
                          WHERE attributed_id IS NOT NULL
                UNION ALL SELECT m.actor_id, d.date FROM curated_mentions m
                          JOIN documents d ON d.hash = m.doc_hash
            ) GROUP BY id
        )
        SELECT s.id, s.name, s.country, s.sector, s.first_seen, seen.last_seen,
               s.mention_count, coalesce(al.aliases, []), s.events_as_actor,
               s.events_as_recipient, s.events_attributed
        FROM curated_actor_summary s
        LEFT JOIN aliases al ON al.id = s.id
        LEFT JOIN seen ON seen.id = s.id
        {where}
        ORDER BY s.mention_count DESC, s.id"""

    def actors(self, *, limit: int | None = None) -> list[ActorSummary]:
        """All actors with mention counts, aliases seen and event roles, most mentioned first.

        ``roles`` counts the events in which the actor is the ``actor`` (source), the
        ``recipient`` (target) and the ``attributed`` speaker.
        """
        sql = self._ACTORS_SQL.format(where="")
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [_actor_summary(r) for r in self._con.execute(sql, params).fetchall()]

    def actor(self, actor_id: str) -> ActorSummary | None:
        """One actor by id, or ``None`` when the store does not know it."""
        rows = self._con.execute(self._ACTORS_SQL.format(where="WHERE s.id = ?"),
                                 [actor_id]).fetchall()
        return _actor_summary(rows[0]) if rows else None

    # -- curation --------------------------------------------------------------------------------

    def add_curation(self, op: str, args: dict[str, Any]) -> int:
        """Record a curation operation (e.g. ``merge``, ``rename``); returns its sequence number.

        The store only keeps the log; the actor registry interprets it, and
        :meth:`apply_actor_mapping` rewrites stored rows accordingly.
        """
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only; cannot add curation")
        try:
            payload = json.dumps(args, sort_keys=True)
        except TypeError as exc:
            raise ConfigError(f"curation arguments of {op!r} are not JSON-serialisable: "
                              f"{exc}") from exc
        row = self._con.execute(
            "INSERT INTO curation (op, args, created_at) VALUES (?, ?, ?) RETURNING seq",
            [op, payload, _now()]).fetchall()[0]
        return int(row[0])

    def curation(self) -> list[tuple[str, dict[str, Any]]]:
        """The curation log as ``(op, args)`` pairs, oldest first."""
        rows = self._con.execute("SELECT op, args FROM curation ORDER BY seq").fetchall()
        return [(op, json.loads(args)) for op, args in rows]

    def set_curation_overlay(self, rows: Iterable[tuple[str, str, str | None, str | None,
                                                     str | None, bool]]) -> None:
        """Replace the curation overlay that every query applies.

        ``rows`` are ``(old id, new id, name or None, country, sector, set_code)``: rows of
        ``old id`` read as ``new id``, with ``name`` (None: each row keeps its own) and, when
        ``set_code``, ``country`` and ``sector``. Stored events, mentions and actors are not
        changed, so curating before or after an ingest gives the same answers.
        """
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only; cannot change curation")
        table = pa.table({
            "old_id": pa.array([], pa.string()), "new_id": pa.array([], pa.string()),
            "name": pa.array([], pa.string()), "country": pa.array([], pa.string()),
            "sector": pa.array([], pa.string()), "set_code": pa.array([], pa.bool_()),
        })
        rows = list(rows)
        if rows:
            columns = list(zip(*rows, strict=True))
            table = pa.table({name: pa.array(list(col), field.type) for name, col, field in
                              zip(table.column_names, columns, table.schema, strict=True)})
        con = self._con
        try:
            con.begin()
            con.execute("DELETE FROM curation_overlay")
            con.register("_overlay", table)
            con.execute("INSERT INTO curation_overlay SELECT * FROM _overlay")
            con.unregister("_overlay")
            con.commit()
        except duckdb.Error as exc:
            _rollback(con)
            raise StoreError(f"cannot store the curation overlay in {self.path}: "
                             f"{_reason(exc)} ({_fix(exc)}); nothing was changed") from exc

    def actor_rows(self, actor_ids: Iterable[str]) -> int:
        """How many stored event roles, mentions and stance cues name these (stored) ids."""
        ids = list(dict.fromkeys(actor_ids))
        if not ids:
            return 0
        row = self._con.execute("""
            WITH w AS (SELECT unnest(?::VARCHAR[]) AS id)
            SELECT (SELECT count(*) FROM events WHERE actor_id IN (SELECT id FROM w))
                 + (SELECT count(*) FROM events WHERE recipient_id IN (SELECT id FROM w))
                 + (SELECT count(*) FROM events WHERE attributed_id IN (SELECT id FROM w))
                 + (SELECT count(*) FROM mentions WHERE actor_id IN (SELECT id FROM w))
                 + (SELECT count(*) FROM stance_cues WHERE actor_id IN (SELECT id FROM w))""",
                                [ids]).fetchall()[0]
        return int(row[0])

    def apply_actor_mapping(self, mapping: dict[str, ActorRef]) -> int:
        """Re-point stored events, mentions, stance cues and actors from old ids to new ones.

        ``mapping`` maps an old id to the canonical ``ActorRef`` (its ``text`` is ignored: the
        surface text of each stored event stays what the article said). Chains (a -> b, b -> c)
        are followed. Event ids are not recomputed, so evidence links stay valid.
        Returns the number of event, mention and stance-cue rows changed.
        """
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only; cannot apply curation")
        resolved = _resolve_chains(mapping)
        if not resolved:
            return 0
        table = pa.table({
            "old_id": [old for old in resolved],
            "new_id": [ref.id for ref in resolved.values()],
            "name": [ref.name for ref in resolved.values()],
            "country": pa.array([ref.country for ref in resolved.values()], pa.string()),
            "sector": pa.array([ref.sector for ref in resolved.values()], pa.string()),
        })
        con = self._con
        changed = 0
        try:
            con.begin()
            con.register("_mapping", table)
            for role in ("actor", "recipient", "attributed"):
                changed += int(con.execute(
                    f"""UPDATE events SET {role}_id = m.new_id, {role}_name = m.name,
                            {role}_country = m.country, {role}_sector = m.sector
                        FROM _mapping m WHERE events.{role}_id = m.old_id""").fetchall()[0][0])
            changed += int(con.execute(
                """UPDATE mentions SET actor_id = m.new_id FROM _mapping m
                   WHERE mentions.actor_id = m.old_id""").fetchall()[0][0])
            changed += int(con.execute(
                """UPDATE stance_cues SET actor_id = m.new_id, actor_name = m.name
                   FROM _mapping m WHERE stance_cues.actor_id = m.old_id""").fetchall()[0][0])
            con.execute(
                """INSERT INTO actors BY NAME
                   SELECT m.new_id AS id, any_value(m.name) AS name,
                          any_value(m.country) AS country, any_value(m.sector) AS sector,
                          min(a.first_seen) AS first_seen
                   FROM _mapping m LEFT JOIN actors a ON a.id = m.old_id OR a.id = m.new_id
                   GROUP BY m.new_id
                   ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                      country = excluded.country, sector = excluded.sector,
                      first_seen = least(actors.first_seen, excluded.first_seen)""")
            con.execute("""DELETE FROM actors WHERE id IN
                           (SELECT old_id FROM _mapping WHERE old_id <> new_id)""")
            con.unregister("_mapping")
            con.commit()
        except duckdb.Error as exc:
            _rollback(con)
            raise StoreError(f"cannot apply the actor mapping to store {self.path}: {exc}; "
                             f"nothing was changed") from exc
        return changed

    # -- summary ---------------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """Counts and date range of what is stored (JSON-ready)."""
        con = self._con
        docs, skipped = con.execute(
            "SELECT count(*), count(skipped_reason) FROM documents").fetchall()[0]
        events, first, last = con.execute(
            "SELECT count(*), min(date), max(date) FROM events").fetchall()[0]
        by_type = dict(con.execute(
            "SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1").fetchall())
        by_modality = dict(con.execute(
            "SELECT modality, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1").fetchall())
        dyads = con.execute(
            """SELECT count(*) FROM (SELECT DISTINCT least(actor_id, recipient_id),
                      greatest(actor_id, recipient_id) FROM curated_events
               WHERE recipient_id IS NOT NULL AND recipient_id <> actor_id)""").fetchall()[0][0]
        return {
            "path": self.path,
            "documents": int(docs),
            "documents_skipped": int(skipped),
            "documents_needing_recode": int(con.execute(
                "SELECT count(*) FILTER (WHERE needs_recode) FROM documents").fetchall()[0][0]),
            "events": int(events),
            "mentions": int(con.execute("SELECT count(*) FROM mentions").fetchall()[0][0]),
            "actors": int(con.execute("SELECT count(*) FROM curated_actors").fetchall()[0][0]),
            "dyads": int(dyads),
            "curation_ops": int(con.execute("SELECT count(*) FROM curation").fetchall()[0][0]),
            "first_date": first.isoformat() if first else None,
            "last_date": last.isoformat() if last else None,
            "events_by_type": by_type,
            "events_by_modality": by_modality,
            "migrations": self.migrations(),
        }


# -- helpers -------------------------------------------------------------------------------------

def _setting_default(name: str) -> float:
    """The table default of a lock-wait setting, for a Store opened without one."""
    return float(cast(int, SETTINGS[name].default))


def _is_lock_conflict(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "could not set lock" in text or "conflicting lock" in text


def _reason(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def _fix(exc: BaseException) -> str:
    """What to do about a DuckDB error, judged from its message."""
    text = str(exc).lower()
    if _is_lock_conflict(exc):
        return ("another process (an ingest, or the explorer) has it open for writing; wait "
                "for it to finish, or open it read-only")
    if "checksum" in text or "corrupt" in text:
        return ("the file is damaged; restore it from a backup, or ingest the articles again "
                "into a new --db")
    if "could not read enough bytes" in text or "truncat" in text:
        return ("the file is truncated (an interrupted copy or a full disk?); restore it from "
                "a backup, or ingest the articles again into a new --db")
    if "permission denied" in text or "read-only file system" in text:
        return ("the file or its folder is not writable; check permissions, or copy the store "
                "to a writable folder")
    if "no space left" in text:
        return "the disk is full; free space and run the same command again"
    if "not a valid duckdb" in text or "database file" in text:
        return "it is not a DuckDB database; pass the path of a faultlines store with --db"
    return "check the path and its permissions"


def _guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a DuckDB error inside a Store method into one StoreError line with a fix."""
    def explain(self: Store, exc: duckdb.Error) -> StoreError:
        return StoreError(f"cannot use store {self.path}: {_reason(exc)} ({_fix(exc)})")

    if inspect.isgeneratorfunction(method):
        @functools.wraps(method)
        def generator(self: Store, *args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                yield from method(self, *args, **kwargs)
            except duckdb.Error as exc:
                raise explain(self, exc) from exc
        return generator

    @functools.wraps(method)
    def call(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except duckdb.Error as exc:
            raise explain(self, exc) from exc
    return call


for _name, _method in list(vars(Store).items()):
    if not _name.startswith("_") and inspect.isfunction(_method):
        setattr(Store, _name, _guarded(_method))

def _plover16_counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    """(documents with events, events renamed, CRIME events recast) before ``005_plover16``."""
    docs, renamed, crime = con.execute(
        "SELECT count(DISTINCT doc_hash), "
        "count(*) FILTER (WHERE event_type IN ('DEMAND', 'DISAPPROVE', 'INVESTIGATE', 'FIGHT')), "
        "count(*) FILTER (WHERE event_type = 'CRIME') FROM events").fetchall()[0]
    return int(docs), int(renamed), int(crime)


def _plover16_message(path: str, docs: int, renamed: int, crime: int) -> str:
    return (f"store {path} upgraded to PLOVER's 16 categories (migration 005_plover16): "
            f"{renamed} events renamed (DEMAND -> REQUEST, DISAPPROVE/INVESTIGATE -> ACCUSE), "
            f"{crime} CRIME events kept as COERCE with context crime (PLOVER's 16 have no "
            f"CRIME); no event was deleted; {docs} documents need recoding and are coded again "
            f"by the next `faultlines ingest` (any input; their stored text is used)")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.rollback()
    except duckdb.Error:
        # No transaction was open (the failure happened before BEGIN); nothing to undo.
        pass


# Documents stored between two reopenings of the database during one ingest (Store._reopen).
REOPEN_EVERY_DOCUMENTS = 2048


def _reopen_every(batch_size: int) -> int:
    """Batches between reopenings: about REOPEN_EVERY_DOCUMENTS documents, at least one batch."""
    return max(1, REOPEN_EVERY_DOCUMENTS // batch_size)


def _chunks(items: Iterable[DocumentResult], size: int) -> Iterator[list[DocumentResult]]:
    batch: list[DocumentResult] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _stored_hashes(con: duckdb.DuckDBPyConnection, hashes: Iterable[str]) -> set[str]:
    wanted = list(dict.fromkeys(hashes))
    if not wanted:
        return set()
    rows = con.execute(
        "SELECT hash FROM documents WHERE hash IN (SELECT unnest(?::VARCHAR[]))", [wanted]
    ).fetchall()
    return {r[0] for r in rows}


class _Counted:
    """An iterable that counts what passes through it."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items, self.count = items, 0

    def __iter__(self) -> Iterator[Any]:
        for item in self.items:
            self.count += 1
            yield item


def _recode_hashes(con: duckdb.DuckDBPyConnection, hashes: Iterable[str]) -> set[str]:
    """Those of ``hashes`` stored with ``needs_recode`` set."""
    wanted = list(dict.fromkeys(hashes))
    if not wanted:
        return set()
    rows = con.execute(
        "SELECT hash FROM documents WHERE needs_recode "
        "AND hash IN (SELECT unnest(?::VARCHAR[]))", [wanted]).fetchall()
    return {r[0] for r in rows}


def _drop_coded(con: duckdb.DuckDBPyConnection, hashes: set[str]) -> None:
    """Delete what was coded from these documents, so they can be coded again."""
    for table in ("stance_cues", "mentions", "events"):
        con.execute(f"DELETE FROM {table} WHERE doc_hash IN (SELECT unnest(?::VARCHAR[]))",
                    [sorted(hashes)])


def _recoded_documents(con: duckdb.DuckDBPyConnection, stale: set[str]) -> None:
    """Store a batch in which some documents are recoded: their rows are updated in place.

    DuckDB refuses to delete a row that other rows referenced earlier in the same transaction
    (its foreign-key limitation), so a recoded document keeps its row and loses its flag.
    """
    cols = ", ".join(f'"{c}"' for c in DOCUMENT_COLUMNS)
    con.execute(f"INSERT INTO documents ({cols}) SELECT {cols} FROM _batch_documents "
                f"WHERE hash NOT IN (SELECT unnest(?::VARCHAR[]))", [sorted(stale)])
    con.execute(
        "UPDATE documents SET needs_recode = false, sentence_count = b.sentence_count, "
        "skipped_reason = b.skipped_reason, ingested_at = b.ingested_at "
        "FROM _batch_documents b WHERE documents.hash = b.hash AND documents.needs_recode")


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], *,
            or_ignore: bool = False) -> int:
    cols = ", ".join(f'"{c}"' for c in columns)
    verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
    count = con.execute(
        f"{verb} INTO {table} ({cols}) SELECT {cols} FROM _batch_{table}").fetchall()[0][0]
    return int(count)


def _arrow(schema: pa.Schema, rows: list[tuple[Any, ...]]) -> pa.Table:
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(schema)
    return pa.Table.from_arrays(
        [pa.array(col, type=field.type) for col, field in zip(columns, schema, strict=True)],
        schema=schema)


# Results are always fetched to the end (fetchall, or fetchmany until empty): duckdb 2 refuses
# new work on a connection whose last result was left half-read (e.g. after fetchone()).
def _stream(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any],
            size: int = 2048) -> Iterator[dict[str, Any]]:
    try:
        cur.execute(sql, params)
        names = [d[0] for d in cur.description]
        while True:
            chunk = cur.fetchmany(size)
            if not chunk:
                break
            for row in chunk:
                yield dict(zip(names, row, strict=True))
    finally:
        cur.close()


def _event_from_row(row: dict[str, Any]) -> Event:
    return Event(
        doc_id=row["doc_id"], sentence_index=row["sentence_index"], sentence=row["sentence"],
        date=row["date"], event_type=row["event_type"], actor=_actor_of(row),
        recipient=_ref("recipient", row), polarity=row["polarity"],
        intensity=row["intensity"], modality=row["modality"],
        attributed_to=_ref("attributed", row), trigger=row["trigger"], source=row["source"],
        location=_location(row),
        mode=row.get("mode"), contexts=tuple(row.get("contexts") or ()),
        aux_mode=row.get("aux_mode"), event_scale=row.get("event_scale"),
    )


def _evidence_from_row(row: dict[str, Any]) -> Evidence:
    return Evidence(
        event_id=row["event_id"], doc_id=row["doc_id"], date=row["date"], source=row["source"],
        sentence_index=row["sentence_index"], sentence=row["sentence"],
        event_type=row["event_type"], polarity=row["polarity"], modality=row["modality"],
        actor=_actor_of(row), recipient=_ref("recipient", row),
        attributed_to=_ref("attributed", row), trigger=row["trigger"],
    )


def _actor_summary(r: tuple[Any, ...]) -> ActorSummary:
    return ActorSummary(
        id=r[0], name=r[1], country=r[2], sector=r[3], first_seen=r[4], last_seen=r[5],
        mention_count=int(r[6]), aliases=tuple(r[7]),
        roles={"actor": int(r[8]), "recipient": int(r[9]), "attributed": int(r[10])})


def _resolve_chains(mapping: dict[str, ActorRef]) -> dict[str, ActorRef]:
    resolved: dict[str, ActorRef] = {}
    for old, first in mapping.items():
        ref, seen = first, {old}
        while ref.id in mapping and mapping[ref.id].id != ref.id:
            if ref.id in seen:
                raise ConfigError(f"actor mapping has a cycle through {old!r}; map each id to "
                                  f"a final canonical actor")
            seen.add(ref.id)
            ref = mapping[ref.id]
        resolved[old] = ref
    return resolved
