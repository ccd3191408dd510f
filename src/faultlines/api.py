"""The Python API of faultlines. The CLI is a thin shell over these functions.

>>> import faultlines.api as fl                                    # doctest: +SKIP
>>> for event in fl.extract(["article.txt"]):                      # doctest: +SKIP
...     print(event.actor.name, event.event_type, event.recipient)
>>> report = fl.ingest(["articles/"], db="corpus.duckdb", workers=0) # doctest: +SKIP
>>> graph = fl.network(db="corpus.duckdb", since="2006-01-01")      # doctest: +SKIP

Functions that run the pipeline take a :class:`faultlines.config.RunOptions` (``options=``)
and/or its settings as keywords (``workers=2``, ``batch_size=8``; keywords win). What is not
given comes from the ``FAULTLINES_*`` environment, else the defaults; the API runs one worker
(in this process) unless told otherwise.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import json
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, cast

from faultlines.config import RunOptions, get_setting
from faultlines.errors import ConfigError
from faultlines.types import Document, DocumentResult, Event, ReadError

__all__ = [
    "EXTRACT_FORMATS",
    "EventWriter",
    "RunOptions",
    "RunReport",
    "read",
    "extract",
    "extract_results",
    "ingest",
    "open_store",
    "parse_date",
    "version_lines",
]

if TYPE_CHECKING:
    from faultlines.store import Store

ErrorHandler = Callable[[ReadError], None]
ProgressHandler = Callable[[DocumentResult], None]


@dataclass
class RunReport:
    """What an ingest or extract run did. ``ok`` is False when any input failed."""

    documents_read: int = 0
    documents_added: int = 0
    documents_already_stored: int = 0
    documents_duplicate_in_run: int = 0
    documents_not_english: int = 0
    files_skipped: int = 0
    events: int = 0
    errors: list[ReadError] = field(default_factory=list)
    #: ids of the documents skipped as not English (``--lang en``), in input order
    not_english_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents_read": self.documents_read,
            "documents_added": self.documents_added,
            "documents_already_stored": self.documents_already_stored,
            "documents_duplicate_in_run": self.documents_duplicate_in_run,
            "documents_not_english": self.documents_not_english,
            "not_english_ids": list(self.not_english_ids),
            "files_skipped": self.files_skipped,
            "events": self.events,
            "errors": [str(e) for e in self.errors],
            "seconds": round(self.seconds, 3),
        }


def parse_date(value: str | dt.date | None, option: str = "date") -> dt.date | None:
    """Parse a date given on the command line: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, or any
    date a document's ``date`` field accepts (``March 2007``, ``14 March 2007``).

    >>> parse_date("2007"), parse_date("March 2007")
    (datetime.date(2007, 1, 1), datetime.date(2007, 3, 1))
    """
    if value is None or isinstance(value, dt.date):
        return value
    text = value.strip()
    for fmt in ("%Y-%m", "%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    from faultlines.ingest import parse_date as parse_document_date

    try:
        return parse_document_date(text)
    except ValueError as exc:
        why = str(exc) if "not a real date" in str(exc) else f"{value!r} is not a date"
        raise ConfigError(f"{option} {why}; use YYYY-MM-DD, YYYY-MM or YYYY") from exc


def read(inputs: Iterable[str], *, max_bytes: int | None = None,
         on_error: ErrorHandler | None = None, report: RunReport | None = None,
         remember: int | None = None, stdin_id: str | None = None,
         on_repeat: Callable[[Document], None] | None = None) -> Iterator[Document]:
    """Read documents from files, folders or ``-`` (stdin); errors go to ``on_error``.

    Repeated texts and ids are checked against the ``remember`` most recent documents (default:
    all of them); see :func:`faultlines.ingest.read_documents`. Files a folder holds with an
    unsupported suffix go to ``on_error`` as :class:`~faultlines.ingest.reader.SkippedFile`
    (counted in ``report.files_skipped``, not an error); inputs that hold no document at all
    are an error.
    """
    from faultlines.ingest import read_documents
    from faultlines.types import SkippedFile

    limit = get_setting("max_bytes", max_bytes)
    names = list(inputs)

    def report_error(item: ReadError) -> None:
        if report is not None:
            if isinstance(item, SkippedFile):
                report.files_skipped += 1
            else:
                report.errors.append(item)
        if on_error is not None:
            on_error(item)

    def documents() -> Iterator[Document]:
        found = failed = skipped = 0
        for item in read_documents(names, max_bytes=limit, remember=remember,
                                   stdin_id=stdin_id):
            if isinstance(item, ReadError):
                failed += not isinstance(item, SkippedFile)
                skipped += isinstance(item, SkippedFile)
                report_error(item)
                continue
            found += 1
            yield item
        if not found and not failed:
            what = f" ({skipped} files of unsupported types skipped)" if skipped else ""
            from faultlines.ingest import SUPPORTED_SUFFIXES

            report_error(ReadError(
                " ".join(names) or "(no inputs)", None,
                f"no documents found{what}; faultlines reads "
                f"{', '.join(SUPPORTED_SUFFIXES)} files (optionally .gz) and folders of them"))

    yield from _unrepeated(documents(), report, remember, on_repeat)


def _unrepeated(documents: Iterable[Document], report: RunReport | None,
                remember: int | None,
                on_repeat: Callable[[Document], None] | None = None) -> Iterator[Document]:
    """Count documents read and drop texts already seen among the ``remember`` most recent
    (:func:`faultlines.ingest.reader.drop_repeats`); ``on_repeat`` hears of each repeat."""
    from faultlines.ingest.reader import drop_repeats

    def counted() -> Iterator[Document]:
        for document in documents:
            if report is not None:
                report.documents_read += 1
            yield document

    def repeated(document: Document) -> None:
        if report is not None:
            report.documents_duplicate_in_run += 1
        if on_repeat is not None:
            on_repeat(document)

    yield from drop_repeats(counted(), remember, on_repeat=repeated)


def _documents(inputs: Iterable[str] | Iterable[Document], *, max_bytes: int | None,
               on_error: ErrorHandler | None, report: RunReport | None,
               remember: int | None = None, stdin_id: str | None = None,
               on_repeat: Callable[[Document], None] | None = None) -> Iterator[Document]:
    """Documents given directly pass through; anything else is read as paths."""
    items: list[str | Document] = list(inputs)
    documents = [item for item in items if isinstance(item, Document)]
    if len(documents) == len(items):
        yield from _unrepeated(documents, report, remember, on_repeat)
    else:
        yield from read([str(item) for item in items], max_bytes=max_bytes, on_error=on_error,
                        report=report, remember=remember, stdin_id=stdin_id,
                        on_repeat=on_repeat)


# The API runs in the calling process unless told otherwise (the CLI's ingest uses all cores).
API_DEFAULTS = {"workers": 1}


def version_lines() -> list[str]:
    """What ``faultlines --version`` prints: the package and the learned model it ships.

    >>> version_lines()[0].startswith("faultlines ")
    True
    """
    from faultlines import __version__
    from faultlines.coding.learned import version_line

    return [f"faultlines {__version__}", version_line()]


def run_options(options: RunOptions | None = None, **overrides: Any) -> RunOptions:
    """The options of one run: ``options`` (default: resolved from the environment and
    :data:`API_DEFAULTS`) with the ``overrides`` given as keywords.

    >>> run_options(workers=2, batch_size=8).batch_size
    8
    >>> run_options(RunOptions(workers=3), batch_size=None).workers
    3
    """
    if options is None:
        return RunOptions.resolve(defaults=API_DEFAULTS, **overrides)
    return options.replace(**overrides)


def extract_results(
    inputs: Iterable[str] | Iterable[Document],
    options: RunOptions | None = None,
    *,
    on_error: ErrorHandler | None = None,
    report: RunReport | None = None,
    stdin_id: str | None = None,
    **overrides: Any,
) -> Iterator[DocumentResult]:
    """Parse, resolve actors and code events for each input document; nothing is stored.

    ``options`` and the keyword ``overrides`` (``model``, ``workers``, ``batch_size``,
    ``engine``, ``scheduler``, ``kb_dir``, ``max_bytes``, ``coder``, ``min_confidence``, ...)
    are combined by :func:`run_options`. With ``min_confidence`` above 0, events whose
    confidence is below it are left out (see docs/learned.md). ``stdin_id`` names the document
    read from ``-`` (default ``stdin``): it is an input of this call, not a setting.
    """
    from faultlines.coding.learned import filter_confidence
    from faultlines.pipeline import process

    options = run_options(options, **overrides)
    documents = _documents(inputs, max_bytes=options.max_bytes, on_error=on_error,
                           report=report, stdin_id=stdin_id)
    for result in process(documents, options):
        if options.min_confidence:
            result = dataclasses.replace(
                result, events=tuple(filter_confidence(result.events, options.min_confidence)))
        if report is not None:
            report.events += len(result.events)
            if result.skipped_reason:
                report.documents_not_english += 1
                report.not_english_ids.append(result.document.id)
        yield result


def extract(inputs: Iterable[str] | Iterable[Document], options: RunOptions | None = None,
            **overrides: Any) -> Iterator[Event]:
    """Events of every input document, in input order (see :func:`extract_results`)."""
    for result in extract_results(inputs, options, **overrides):
        yield from result.events


#: What :class:`EventWriter` (``extract --format``) writes: our JSON Lines, a JSON array, flat
#: CSV (``Event.to_row``), PLOVER records (JSON Lines) and POLECAT's TSV.
EXTRACT_FORMATS: tuple[str, ...] = ("jsonl", "json", "csv", "plover", "polecat")


class EventWriter:
    """Write events to an open text stream in one of :data:`EXTRACT_FORMATS`, a document's
    events at a time; :meth:`close` finishes the output (the JSON array, a header without rows).

    >>> import io
    >>> out = io.StringIO()
    >>> writer = EventWriter(out, "polecat")
    >>> writer.close()
    >>> out.getvalue().split("\\t")[:3]
    ['Event ID', 'Event Date', 'Event Type']
    """

    def __init__(self, out: IO[str], format: str = "jsonl") -> None:
        if format not in EXTRACT_FORMATS:
            raise ConfigError(f"unknown event format {format!r}; use one of "
                              f"{', '.join(EXTRACT_FORMATS)}")
        self.out, self.format = out, format
        self._rows: Any = None  # the csv writer, made with the header on first use
        self._collected: list[dict[str, Any]] = []

    def _table(self) -> Any:
        if self._rows is None:
            from faultlines.coding.formats import POLECAT_COLUMNS
            from faultlines.types import EVENT_ROW_COLUMNS

            if self.format == "polecat":
                self._rows = csv.DictWriter(self.out, fieldnames=list(POLECAT_COLUMNS),
                                            delimiter="\t", lineterminator="\n")
            else:
                self._rows = csv.DictWriter(self.out, fieldnames=list(EVENT_ROW_COLUMNS))
            self._rows.writeheader()
        return self._rows

    def write(self, events: Iterable[Event]) -> None:
        """Write the events of one document (PLOVER records group a sentence's events)."""
        from faultlines.coding.formats import plover_records, polecat_rows

        if self.format == "plover":
            for record in plover_records(events):
                self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif self.format == "polecat":
            self._table().writerows(polecat_rows(events))
        elif self.format == "csv":
            self._table().writerows(e.to_row() for e in events)
        elif self.format == "json":
            self._collected.extend(e.to_dict() for e in events)
        else:
            for event in events:
                self.out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")

    def close(self) -> None:
        """Finish the output; the stream itself is left open."""
        if self.format == "json":
            json.dump(self._collected, self.out, ensure_ascii=False, indent=1)
            self.out.write("\n")
        elif self.format in ("csv", "polecat"):
            self._table()
        self.out.flush()


def open_store(db: str | Path | None = None, *, read_only: bool = False,
               options: RunOptions | None = None) -> Store:
    """Open the DuckDB store (default: the ``db`` setting, ``./faultlines.duckdb``).

    Opened for writing, it waits for another process's lock as the ``lock_wait`` and
    ``reopen_lock_wait`` settings say (from ``options``, else the environment).
    """
    from faultlines.store import Store

    path = get_setting("db", str(db) if db is not None else None)
    if read_only and not Path(path).exists():
        raise ConfigError(
            f"database {path!r} does not exist; create it with `faultlines ingest ... --db {path}`"
        )
    if read_only:
        return Store(path, read_only=True)
    if options is not None:
        return Store(path, lock_wait=options.lock_wait,
                     reopen_lock_wait=options.reopen_lock_wait)
    return Store(path, lock_wait=get_setting("lock_wait"),
                 reopen_lock_wait=get_setting("reopen_lock_wait"))


class _CarrierList(list):
    """Documents that repeat a text, without their text (memory: one small row each)."""

    def append(self, document: Document) -> None:
        super().append(Document(document.id, "", date=document.date, source=document.source,
                                author=document.author, origin=document.origin,
                                hash=document.hash))


@contextlib.contextmanager
def _no_empty_store(path: str) -> Iterator[Callable[[Any], None]]:
    """Delete the store at ``path`` on exit if this run created it and committed nothing.

    Yields the ``on_batch`` callback that counts committed documents. A run with no readable
    input, or one that fails before its first commit (a bad ``--scheduler``), leaves no empty
    store behind to be mistaken for a result.
    """
    created = path != ":memory:" and not Path(path).exists()
    committed = [0]

    def count(batch: Any) -> None:
        committed[0] += batch.documents_added

    try:
        yield count
    finally:
        if created and committed[0] == 0:
            for name in (path, f"{path}.wal"):
                with contextlib.suppress(OSError):
                    Path(name).unlink()


# How many of the most recent documents an ingest checks repeats against while reading.
REMEMBER_DOCUMENTS = 100_000


def ingest(
    inputs: Iterable[str] | Iterable[Document],
    db: str | Path | None = None,
    options: RunOptions | None = None,
    *,
    on_error: ErrorHandler | None = None,
    on_result: ProgressHandler | None = None,
    stdin_id: str | None = None,
    **overrides: Any,
) -> RunReport:
    """Read, process and store documents. Running it twice adds nothing.

    Documents already in the store (by content hash) are skipped before parsing, so an
    interrupted ingest resumes where its last committed transaction ended. ``batch_size``
    documents go to a worker at a time; ``commit_size`` documents are stored per transaction
    (fewer, larger transactions cost the store less time). ``db`` (default: ``options.db``),
    ``options`` and the keyword ``overrides`` are combined by :func:`run_options`.
    ``stdin_id`` names the document read from ``-`` (default ``stdin``). A run that commits
    nothing leaves no new store behind.
    """
    from faultlines.pipeline import batched, process, resolve_workers, worker_pool

    report = RunReport()
    started = time.perf_counter()
    options = run_options(options, db=str(db) if db is not None else None, **overrides)
    size, commit = options.batch_size, options.commit_size
    # Repeats among the most recent documents are caught while reading; older ones are already
    # committed, so the store's checks below catch them, and memory stays bounded. The window is
    # far larger than what can be in flight (two batches per worker, two for the writer).
    remember = max(REMEMBER_DOCUMENTS, 16 * max(size, commit) * resolve_workers(options.workers))
    # Workers start before the store opens (DuckDB starts threads): see faultlines.pipeline.
    local_workers: contextlib.AbstractContextManager[Executor | None] = \
        worker_pool(options) if options.engine == "local" else contextlib.nullcontext()
    with _no_empty_store(options.db) as count_commit, local_workers as pool, \
            open_store(options.db, options=options) as store:
        from faultlines.actors import ActorRegistry
        from faultlines.pipeline import _resolver

        # No curation here: it is an overlay applied when reading (see curate), so stored rows
        # are the same whether an actor was curated before or after this ingest.
        registry = ActorRegistry(_resolver(options.kb_dir))
        # Texts parsed once but carried by further documents (ids, outlets): recorded after
        # the texts themselves are stored. Only the light fields are kept, never the text.
        carried: list[Document] = _CarrierList()
        from faultlines.coding.learned import coder_record

        store.record_coder(coder_record(options.coder))

        def new_documents() -> Iterator[Document]:
            # Documents an upgrade flagged (store migration 005_plover16) are coded again first,
            # from their stored text.
            yield from store.documents_to_recode()
            # Looked up a transaction's worth at a time: two queries per chunk, whatever its size.
            for chunk in batched(_documents(inputs, max_bytes=options.max_bytes, on_error=on_error,
                                            report=report, remember=remember, stdin_id=stdin_id,
                                            on_repeat=carried.append),
                                 max(size, commit)):
                stored = store.has_documents([d.hash for d in chunk])
                same_id = store.stored_ids([d.id for d in chunk if d.hash not in stored])
                for document in chunk:
                    if document.hash in stored:
                        report.documents_already_stored += 1
                        carried.append(document)
                    elif document.id in same_id:
                        # Same id, different text: never merged silently (event ids build on
                        # document ids, so storing both would mix their evidence).
                        error = ReadError(
                            document.origin or document.id, None,
                            f"duplicate id {document.id!r} with different text: the store "
                            f"already holds a document with this id (from "
                            f"{same_id[document.id][1] or 'an earlier ingest'}); give it "
                            f"another id")
                        report.errors.append(error)
                        if on_error is not None:
                            on_error(error)
                    else:
                        yield document

        def counted(results: Iterable[DocumentResult]) -> Iterator[DocumentResult]:
            for result in results:
                report.events += len(result.events)
                if result.skipped_reason:
                    report.documents_not_english += 1
                    report.not_english_ids.append(result.document.id)
                if on_result is not None:
                    on_result(result)
                yield result

        stats = store.add_results(
            counted(process(new_documents(), options, registry=registry, pool=pool)),
            batch_size=commit, background=True, on_batch=count_commit,
        )
        report.documents_added = stats.documents_added
        store.add_carriers(carried)
    report.seconds = time.perf_counter() - started
    return report


# -- reading what is stored ----------------------------------------------------------------------

def export_events(db: str | Path | None, format: str = "csv", out: str = "-", *,
                  since: str | dt.date | None = None, until: str | dt.date | None = None,
                  actor: str | None = None, event_type: str | None = None,
                  modality: str | None = None, country: str | None = None,
                  near: str | None = None, within: str | float | None = None,
                  min_confidence: float | None = None) -> int:
    """Write stored events as csv, jsonl, parquet or geojson to ``out`` (``-`` = stdout).

    ``country`` (ISO alpha-3) and ``near`` (a place name or ``"lat,lon"``) with ``within``
    (``"50km"``) keep the events located there. ``min_confidence`` (default: the
    ``min_confidence`` setting) keeps the events whose confidence reaches it, and those without
    one (coded by the rules alone).
    """
    from faultlines.places.filters import country_code, near_point

    point = near_point(near, within) if near else None
    threshold = get_setting("min_confidence", min_confidence)
    with open_store(db, read_only=True) as store:
        # The store checks the format and names the valid ones.
        return store.export_events(
            out, cast(Literal["csv", "jsonl", "parquet", "geojson"], format),
            since=parse_date(since, "--since"), until=parse_date(until, "--until"), actor=actor,
            event_type=event_type, modality=modality,
            country=country_code(country) if country else None, near=point,
            min_confidence=threshold)


def network(db: str | Path | None = None, *, since: str | dt.date | None = None,
            until: str | dt.date | None = None, evidence: int = 3, doc_id: str | None = None,
            source: str | None = None, level: str = "actor",
            hide_unidentified: bool | None = None, weight: str = "count",
            min_confidence: float | None = None):
    """The signed actor network (a networkx Graph) of stored events between two dates,
    optionally of one document (``doc_id``) or one outlet (``source``).

    ``level`` is ``actor`` (one node per actor), ``group`` (state agents merged into their
    state's branch: government, armed forces, ...) or ``state`` (every state branch merged into
    its country, unless its codes say it is not the state: rebels, militias, opposition, IGOs;
    see :mod:`faultlines.network.levels`); ``hide_unidentified`` drops actors with no country
    code ("men", "gunmen") and the corpus's own outlets, and by default (``None``) is on at
    ``group`` and ``state`` level and off at ``actor`` level;
    ``weight="scale"`` signs and weighs edges by PLOVER's event scale instead of counting
    events. ``min_confidence`` (default: the ``min_confidence`` setting) builds the network
    from the events whose confidence reaches it, and those without one (coded by the rules
    alone).
    """
    from faultlines.network import graph_from_store

    threshold = get_setting("min_confidence", min_confidence)
    with open_store(db, read_only=True) as store:
        graph = graph_from_store(store, since=parse_date(since, "--since"),
                                 until=parse_date(until, "--until"), evidence=evidence,
                                 doc_id=doc_id, source=source,
                                 weight=weight,  # type: ignore[arg-type]
                                 min_confidence=threshold)
    return _at_level(graph, level, hide_unidentified)


def _at_level(graph, level: str, hide_unidentified: bool | None):
    """``graph`` without its unidentified actors (when asked, or by default at ``level``),
    rolled up to ``level``."""
    from faultlines.network import hide_unidentified as hide
    from faultlines.network import roll_up
    from faultlines.network.levels import hides_by_default

    if hides_by_default(level) if hide_unidentified is None else hide_unidentified:
        graph = hide(graph)
    return roll_up(graph, level)


def write_network(graph, out: str = "-", format: str = "json") -> None:
    """Write a signed graph as JSON (node-link), GraphML or GEXF."""
    from faultlines.network import write_graph

    write_graph(graph, out, format)  # type: ignore[arg-type]


# -- analysis ------------------------------------------------------------------------------------

def balance(db: str | Path | None = None, *, since: str | dt.date | None = None,
            until: str | dt.date | None = None, time_limit: float = 10,
            doc_id: str | None = None, source: str | None = None, level: str = "actor",
            hide_unidentified: bool | None = None,
            min_confidence: float | None = None) -> dict[str, Any]:
    """Structural balance of the signed network: triad census, degree of balance, frustration
    index (exact or bounded), the unbalanced triads with their evidence event ids, and whether
    the graph is more balanced than its degree-preserving null model (``camp_support``).
    Filters (``min_confidence`` among them) as for :func:`network`."""
    from faultlines.network import (
        balance_degree,
        camp_support,
        frustration_index,
        pressure_edges,
        triad_census_signed,
        unbalanced_triads,
    )

    graph = network(db, since=since, until=until, doc_id=doc_id, source=source, level=level,
                    hide_unidentified=hide_unidentified, min_confidence=min_confidence)
    frustration = frustration_index(graph, time_limit=time_limit)
    return {
        "level": level,
        "camp_support": camp_support(graph).to_dict(),
        "pressure_edges": pressure_edges(graph, frustration, limit=20).to_dict(),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "triads": triad_census_signed(graph).to_dict(),
        "balance_degree": balance_degree(graph),
        "frustration": {k: v for k, v in frustration.to_dict().items() if k != "partition"},
        "unbalanced_triads": unbalanced_triads(graph).to_dict(),
    }


def timeline(db: str | Path | None = None, *, window: str = "quarter",
             since: str | dt.date | None = None, until: str | dt.date | None = None,
             actors: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Dyad time series: per window and actor pair, event counts, net polarity and summed
    intensity (aggregated in DuckDB). ``actors`` keeps pairs that involve any of these ids
    (two ids: only that pair)."""
    from faultlines.network import dyad_series

    wanted = list(actors)
    with open_store(db, read_only=True) as store:
        rows = dyad_series(store, window, since=parse_date(since, "--since"),
                           until=parse_date(until, "--until"))
    if len(wanted) == 2:
        rows = [d for d in rows if {d.a, d.b} == set(wanted)]
    elif wanted:
        rows = [d for d in rows if d.a in wanted or d.b in wanted]
    return [{"window": d.window.isoformat() if d.window else None, "a": d.a, "b": d.b,
             "a_name": d.a_name, "b_name": d.b_name, "events": d.count,
             "cooperative": d.cooperative, "conflictual": d.conflictual,
             "net_polarity": d.net_polarity, "intensity": round(d.intensity, 3),
             "sign": (d.net_polarity > 0) - (d.net_polarity < 0)} for d in rows]


def factions(db: str | Path | None = None, *, k: int = 2, since: str | dt.date | None = None,
             until: str | dt.date | None = None, time_limit: float = 10,
             doc_id: str | None = None, source: str | None = None, level: str = "actor",
             hide_unidentified: bool | None = None, min_confidence: float | None = None):
    """The k-camp partition of the actors that frustrates the fewest signed ties, with
    ``support`` (do the data support camps at all?), ``ties`` (what holds each camp) and
    ``breaks`` (the ties the split contradicts). Filters (``min_confidence`` among them) as
    for :func:`network`."""
    import dataclasses

    from faultlines.network import camp_breaks, camp_support, camp_ties
    from faultlines.network import factions as find_factions

    graph = network(db, since=since, until=until, doc_id=doc_id, source=source, level=level,
                    hide_unidentified=hide_unidentified, min_confidence=min_confidence)
    result = find_factions(graph, k=k, time_limit=time_limit)
    return dataclasses.replace(result, support=camp_support(graph, k),
                               ties=tuple(camp_ties(graph, result)),
                               breaks=tuple(camp_breaks(graph, result)))


def realignments(db: str | Path | None = None, *, window: str = "quarter",
                 since: str | dt.date | None = None, until: str | dt.date | None = None,
                 level: str = "actor", min_confidence: float | None = None,
                 hide_unidentified: bool | None = None):
    """Dyads whose sign flipped between time windows, with evidence on both sides; ``level``,
    ``min_confidence`` and ``hide_unidentified`` as for :func:`network` (actor codes: those
    of most of each actor's events over the whole range)."""
    from faultlines.network import graphs_by_window, mark_codes_and_outlets
    from faultlines.network import realignments as find_realignments

    threshold = get_setting("min_confidence", min_confidence)
    with open_store(db, read_only=True) as store:
        graphs = graphs_by_window(store, window, since=parse_date(since, "--since"),
                                  until=parse_date(until, "--until"),
                                  min_confidence=threshold)
        codes, outlets = store.actor_codes(), store.sources()
        graphs = {start: _at_level(mark_codes_and_outlets(G, codes, outlets), level,
                                   hide_unidentified)
                  for start, G in graphs.items()}
        return find_realignments(graphs, window, store=store)


def stance(db: str | Path | None = None, *, by: str = "source", kind: str = "evaluative",
           actor: str | None = None, since: str | dt.date | None = None,
           until: str | dt.date | None = None):
    """Each outlet's (author's, article's) stance toward the actors it discusses.

    ``kind`` is ``"evaluative"`` (the words aimed at each actor), ``"relational"`` (the events
    it takes part in) or ``"combined"``; see :func:`faultlines.network.stance`.
    """
    from faultlines.network import stance as compute_stance

    with open_store(db, read_only=True) as store:
        return compute_stance(store, by, kind=kind,  # type: ignore[arg-type]
                              actor=actor, since=parse_date(since, "--since"),
                              until=parse_date(until, "--until"))


# -- evaluation, report, demo --------------------------------------------------------------------

def evaluate(gold: str | Path, options: RunOptions | None = None, **overrides: Any):
    """Score the coder on PLOVER gold records (see :mod:`faultlines.evaluation`); ``options``
    and ``overrides`` (``model``, ``kb_dir``) as for :func:`run_options`."""
    from faultlines.evaluation import evaluate as run_evaluation
    from faultlines.pipeline import _resolver

    options = run_options(options, **overrides)
    return run_evaluation(gold, model=options.model, resolver=_resolver(options.kb_dir))


def evaluate_many(gold: Iterable[str | Path], options: RunOptions | None = None,
                  **overrides: Any):
    """One evaluation report per gold file; folders expand to their gold files."""
    from faultlines.evaluation import evaluate_many as run_many
    from faultlines.pipeline import _resolver

    options = run_options(options, **overrides)
    return run_many(gold, model=options.model, resolver=_resolver(options.kb_dir))


def report(db: str | Path | None, out: str | Path, *, since: str | dt.date | None = None,
           until: str | dt.date | None = None, title: str | None = None,
           min_confidence: float | None = None) -> Path:
    """Write the self-contained HTML report of a store and return its path.

    ``min_confidence`` (default: the ``min_confidence`` setting) leaves out the events whose
    confidence is below it (events without one are kept); the page's confidence slider starts
    there and filters further in the browser.
    """
    from faultlines.report import write_report

    threshold = get_setting("min_confidence", min_confidence)
    with open_store(db, read_only=True) as store:
        return write_report(store, out, title=title, since=parse_date(since, "--since"),
                            until=parse_date(until, "--until"), min_confidence=threshold)


def serve(db: str | Path | None = None, *, host: str = "127.0.0.1", port: int = 8000,
          on_start: Callable[[str], None] | None = None,
          min_confidence: float | None = None) -> None:
    """Run the local explorer and its read-only JSON API over a store until interrupted.

    ``on_start`` is called with the store's path once it is known to exist. ``min_confidence``
    (default: the ``min_confidence`` setting) leaves out the events whose confidence is below
    it, as in :func:`report`; the page's slider starts there.
    """
    from faultlines.web import serve as run_server

    threshold = get_setting("min_confidence", min_confidence)
    with open_store(db, read_only=True) as store:
        path = store.path
    if on_start is not None:
        on_start(path)
    run_server(path, host=host, port=port, min_confidence=threshold)


@dataclass
class DemoSummary:
    """What ``faultlines demo`` produced."""

    folder: Path
    run: RunReport
    files: dict[str, Path]
    top_edges: list[tuple[str, str, int, int]]
    realignments: list[str]

    def to_text(self) -> str:
        lines = [
            f"demo: {self.run.documents_read} briefs, {self.run.events} events "
            f"in {self.run.seconds:.1f}s",
            "strongest ties (actor, actor, sign, events):",
        ]
        lines += [f"  {a} -- {b}  {'+' if s > 0 else '-' if s < 0 else '0'}  {n}"
                  for a, b, s, n in self.top_edges]
        if self.realignments:
            lines.append("realignments:")
            lines += [f"  {r}" for r in self.realignments]
        lines.append("outputs:")
        lines += [f"  {name}: {path}" for name, path in self.files.items()]
        return "\n".join(lines)


def run_demo(out: str | Path = "faultlines-demo", options: RunOptions | None = None, *,
             on_result: ProgressHandler | None = None, **overrides: Any) -> DemoSummary:
    """Run the whole pipeline on the bundled demo corpus and write every output to ``out``.

    The store is ``out/demo.duckdb`` whatever the ``db`` setting; ``options`` and the keyword
    ``overrides`` (``workers``, ``model``, ...) are combined by :func:`run_options`.
    """
    from faultlines.demo import demo_corpus_path

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "demo.duckdb"
    run = ingest([str(demo_corpus_path())], db, run_options(options, **overrides),
                 on_result=on_result)
    files = {"database": db}
    files["events"] = folder / "events.csv"
    export_events(db, "csv", str(files["events"]))
    graph = network(db)
    for fmt, name in (("json", "network.json"), ("graphml", "network.graphml"),
                      ("gexf", "network.gexf")):
        files[f"network ({fmt})"] = folder / name
        write_network(graph, str(folder / name), fmt)
    files["report"] = report(db, folder / "report.html", title="faultlines demo")
    edges = sorted(graph.edges(data=True), key=lambda e: (-e[2].get("count", 0), str(e[0])))
    top = [(graph.nodes[u].get("name", u), graph.nodes[v].get("name", v), d.get("sign", 0),
            d.get("count", 0)) for u, v, d in edges[:8]]
    flips = [f"{r.a_name} / {r.b_name}: {'+' if r.sign_before > 0 else '-'} in "
             f"{r.before.isoformat()[:7]} -> {'+' if r.sign_after > 0 else '-'} in "
             f"{r.after.isoformat()[:7]}" for r in realignments(db, window="year")]
    return DemoSummary(folder, run, files, top, flips)


# -- actors: list, show, import, curate ----------------------------------------------------------

def actors_list(db: str | Path | None = None, *, limit: int | None = None):
    """Stored actors with mention counts, aliases seen and roles, most mentioned first."""
    with open_store(db, read_only=True) as store:
        return store.actors(limit=limit)


def actors_show(db: str | Path | None, actor_id: str):
    """One stored actor; a clear error when the store does not know the id."""
    with open_store(db, read_only=True) as store:
        found = store.actor(actor_id)
        if found is None:
            known = [a.id for a in store.actors(limit=2000)
                     if actor_id.lower() in (a.id + " " + a.name).lower()][:8]
            hint = f"; did you mean {', '.join(known)}?" if known else \
                "; `faultlines actors list` shows the ids"
            raise ConfigError(f"no actor with id {actor_id!r} in {store.path}{hint}")
        return found


#: Country codes that are no state (CAMEO; docs/actors.md): international organisations,
#: non-governmental organisations, international militarised groups, multinational companies.
NON_STATE_CODES: tuple[str, ...] = ("IGO", "NGO", "IMG", "MNC")


def check_actor_code(code: str) -> str:
    """Validate a CAMEO-style actor code: a country (ISO 3166 alpha-3, or a non-state code in
    :data:`NON_STATE_CODES`) followed by zero or more three-letter sector codes.

    >>> check_actor_code("irqgov"), check_actor_code("IGO")
    ('IRQGOV', 'IGO')
    >>> check_actor_code("ZZZZZZ")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    faultlines.errors.ConfigError: code 'ZZZZZZ': 'ZZZ' is neither an ISO 3166 alpha-3 ...
    """
    import pycountry

    from faultlines.actors.kb import SECTORS

    text = code.strip().upper()
    example = "e.g. IRQGOV, IRNMIL, IGO"
    if not text.isascii() or not text.isalpha() or len(text) % 3:
        raise ConfigError(f"code {code!r} is not letters in blocks of three (a country, then "
                          f"sectors); {example}")
    country, sectors = text[:3], [text[i:i + 3] for i in range(3, len(text), 3)]
    if country not in NON_STATE_CODES and pycountry.countries.get(alpha_3=country) is None:
        raise ConfigError(f"code {code!r}: {country!r} is neither an ISO 3166 alpha-3 country "
                          f"nor one of {', '.join(NON_STATE_CODES)}; {example}")
    unknown = [sector for sector in sectors if sector not in SECTORS]
    if unknown:
        raise ConfigError(f"code {code!r}: {unknown[0]!r} is not a sector code (known: "
                          f"{', '.join(sorted(SECTORS))})")
    return text


def _curation_overlay(log: list[tuple[str, dict[str, Any]]], kb_dir: str | None
                      ) -> list[tuple[str, str, str | None, str | None, str | None, bool]]:
    """What the curation log makes of each actor id it touches, as overlay rows.

    Each id is put through a registry that knows the whole log, with marker values for its
    name and codes: what comes back changed is what curation changes (a merge takes the
    target's name, and its codes when the knowledge base knows it; ``rename`` touches only the
    name; ``set-code`` only the codes), so the overlay means exactly what the registry does.
    """
    from faultlines.actors import ActorRegistry, CurationOp
    from faultlines.pipeline import _resolver
    from faultlines.types import ActorRef

    operations = [CurationOp.parse(op, args) for op, args in log]
    touched = dict.fromkeys(a for o in operations for a in
                            (o.args if o.op == "merge" else o.args[:1]))
    rows = []
    for actor_id in touched:
        marker = ActorRef("", actor_id, "\x00name", "\x00country", "\x00sector")
        # A fresh registry per id: canonical() remembers the unknown names it has seen.
        found = ActorRegistry(_resolver(kb_dir), curation=operations).canonical(marker)
        name = None if found.name == marker.name else found.name
        set_code = (found.country, found.sector) != (marker.country, marker.sector)
        rows.append((actor_id, found.id, name, found.country if set_code else None,
                     found.sector if set_code else None, set_code))
    return rows


def curate(db: str | Path | None, op: str, *args: str, kb_dir: str | None = None) -> int:
    """Record a curation operation (``merge``, ``rename``, ``set-code``).

    Curation is an overlay every query applies (stored rows keep what the pipeline found), so
    it counts for documents ingested before and after it alike. Returns the number of stored
    event roles, mentions and stance cues it concerns.
    """
    from faultlines.actors import CurationOp
    from faultlines.actors.registry import CURATION_OPS
    from faultlines.pipeline import _resolver

    if op == "rename" and len(args) == 2 and not args[1].strip():
        raise ConfigError(f"a blank name for {args[0]!r}; give the display name to show, e.g. "
                          f"'Nouri al-Maliki'")
    if op == "rename" and len(args) == 2:
        args = (args[0], " ".join(args[1].split()))
    if op == "set-code" and len(args) == 2:
        args = (args[0], check_actor_code(args[1]))
    operation = CurationOp(op, tuple(args)).validate()
    with open_store(db) as store:
        if store.actor(operation.args[0]) is None:
            raise ConfigError(f"no actor with id {operation.args[0]!r} in {store.path}; "
                              f"`faultlines actors list` shows the ids")
        if op == "merge" and store.actor(operation.args[1]) is None and \
                operation.args[1] not in _resolver(kb_dir).kb.entries:
            raise ConfigError(f"no actor with id {operation.args[1]!r} to merge into")
        log = [*store.curation(), (op, dict(zip(CURATION_OPS[op], operation.args,
                                                strict=True)))]
        overlay = _curation_overlay(log, kb_dir)  # validates the whole log (e.g. cycles)
        store.add_curation(op, log[-1][1])
        store.set_curation_overlay(overlay)
        # The stored rows that now read differently: the curated id's own and those of the ids
        # already merged into it.
        earlier = _curation_overlay(log[:-1], kb_dir)
        affected = {row[0] for row in earlier if row[1] == operation.args[0]}
        return store.actor_rows(affected | {operation.args[0]})


def import_dictionaries(paths: Iterable[str | Path], *, kb_dir: str | None = None):
    """Import PETRARCH/TABARI ``.actors`` and ``.agents`` dictionaries into the user KB folder.

    Returns ``(report, saved_path)``; unreadable lines are listed in ``report.problems``.
    """
    from faultlines.actors.importer import import_dictionaries as run_import
    from faultlines.actors.importer import save_user_kb

    files = [Path(p) for p in paths]
    report = run_import(files)
    # One KB file per imported set, so a later import of other files adds to this one.
    name = "-".join(sorted(p.name.split(".")[0] + "." + p.name.split(".")[1]
                           if p.name.count(".") > 1 else p.stem for p in files))[:120]
    saved = (save_user_kb(report, kb_dir, name=f"{name}.json")
             if (report.actors or report.agents) else None)
    return report, saved
