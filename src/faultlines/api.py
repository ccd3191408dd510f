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
import dataclasses
import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from faultlines.config import RunOptions, get_setting
from faultlines.errors import ConfigError
from faultlines.types import Document, DocumentResult, Event, ReadError

__all__ = [
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
            "events": self.events,
            "errors": [str(e) for e in self.errors],
            "seconds": round(self.seconds, 3),
        }


def parse_date(value: str | dt.date | None, option: str = "date") -> dt.date | None:
    """Parse an ISO date given on the command line (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)."""
    if value is None or isinstance(value, dt.date):
        return value
    text = value.strip()
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ConfigError(f"{option} {value!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY")


def read(inputs: Iterable[str], *, max_bytes: int | None = None,
         on_error: ErrorHandler | None = None, report: RunReport | None = None,
         remember: int | None = None) -> Iterator[Document]:
    """Read documents from files, folders or ``-`` (stdin); errors go to ``on_error``.

    Repeated texts and ids are checked against the ``remember`` most recent documents (default:
    all of them); see :func:`faultlines.ingest.read_documents`.
    """
    from faultlines.ingest import read_documents

    limit = get_setting("max_bytes", max_bytes)

    def documents() -> Iterator[Document]:
        for item in read_documents(list(inputs), max_bytes=limit, remember=remember):
            if isinstance(item, ReadError):
                if report is not None:
                    report.errors.append(item)
                if on_error is not None:
                    on_error(item)
                continue
            yield item

    yield from _unrepeated(documents(), report, remember)


def _unrepeated(documents: Iterable[Document], report: RunReport | None,
                remember: int | None) -> Iterator[Document]:
    """Count documents read and drop texts already seen among the ``remember`` most recent."""
    from faultlines.ingest.reader import recent_keys, remember_key

    seen = recent_keys(remember)
    for document in documents:
        if report is not None:
            report.documents_read += 1
        if document.hash in seen:
            if report is not None:
                report.documents_duplicate_in_run += 1
            continue
        remember_key(seen, document.hash, None, remember)
        yield document


def _documents(inputs: Iterable[str] | Iterable[Document], *, max_bytes: int | None,
               on_error: ErrorHandler | None, report: RunReport | None,
               remember: int | None = None) -> Iterator[Document]:
    """Documents given directly pass through; anything else is read as paths."""
    items: list[str | Document] = list(inputs)
    documents = [item for item in items if isinstance(item, Document)]
    if len(documents) == len(items):
        yield from _unrepeated(documents, report, remember)
    else:
        yield from read([str(item) for item in items], max_bytes=max_bytes, on_error=on_error,
                        report=report, remember=remember)


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
    **overrides: Any,
) -> Iterator[DocumentResult]:
    """Parse, resolve actors and code events for each input document; nothing is stored.

    ``options`` and the keyword ``overrides`` (``model``, ``workers``, ``batch_size``,
    ``engine``, ``scheduler``, ``kb_dir``, ``max_bytes``, ``coder``, ``min_confidence``, ...)
    are combined by :func:`run_options`. With ``min_confidence`` above 0, events whose
    confidence is below it are left out (see docs/learned.md).
    """
    from faultlines.coding.learned import filter_confidence
    from faultlines.pipeline import process

    options = run_options(options, **overrides)
    documents = _documents(inputs, max_bytes=options.max_bytes, on_error=on_error,
                           report=report)
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


def open_store(db: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open the DuckDB store (default: the ``db`` setting, ``./faultlines.duckdb``)."""
    from faultlines.store import Store

    path = get_setting("db", str(db) if db is not None else None)
    if read_only and not Path(path).exists():
        raise ConfigError(
            f"database {path!r} does not exist; create it with `faultlines ingest ... --db {path}`"
        )
    return Store(path, read_only=read_only)


# How many of the most recent documents an ingest checks repeats against while reading.
REMEMBER_DOCUMENTS = 100_000


def ingest(
    inputs: Iterable[str] | Iterable[Document],
    db: str | Path | None = None,
    options: RunOptions | None = None,
    *,
    on_error: ErrorHandler | None = None,
    on_result: ProgressHandler | None = None,
    **overrides: Any,
) -> RunReport:
    """Read, process and store documents. Running it twice adds nothing.

    Documents already in the store (by content hash) are skipped before parsing, so an
    interrupted ingest resumes where its last committed transaction ended. ``batch_size``
    documents go to a worker at a time; ``commit_size`` documents are stored per transaction
    (fewer, larger transactions cost the store less time). ``db`` (default: ``options.db``),
    ``options`` and the keyword ``overrides`` are combined by :func:`run_options`.
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
    with local_workers as pool, open_store(options.db) as store:
        from faultlines.actors import ActorRegistry
        from faultlines.pipeline import _resolver

        registry = ActorRegistry(_resolver(options.kb_dir), curation=store.curation())
        from faultlines.coding.learned import coder_record

        store.record_coder(coder_record(options.coder))

        def new_documents() -> Iterator[Document]:
            # Looked up a transaction's worth at a time: two queries per chunk, whatever its size.
            for chunk in batched(_documents(inputs, max_bytes=options.max_bytes, on_error=on_error,
                                            report=report, remember=remember), max(size, commit)):
                stored = store.has_documents([d.hash for d in chunk])
                same_id = store.stored_ids([d.id for d in chunk if d.hash not in stored])
                for document in chunk:
                    if document.hash in stored:
                        report.documents_already_stored += 1
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
            batch_size=commit, background=True,
        )
        report.documents_added = stats.documents_added
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
            source: str | None = None, level: str = "actor", hide_unidentified: bool = False):
    """The signed actor network (a networkx Graph) of stored events between two dates,
    optionally of one document (``doc_id``) or one outlet (``source``).

    ``level`` is ``actor`` (one node per actor), ``group`` (state agents merged into their
    state's branch: government, armed forces, ...) or ``state`` (every state branch merged into
    its country); ``hide_unidentified`` drops actors with neither a country nor a sector.
    """
    from faultlines.network import graph_from_store, roll_up
    from faultlines.network import hide_unidentified as hide

    with open_store(db, read_only=True) as store:
        graph = graph_from_store(store, since=parse_date(since, "--since"),
                                 until=parse_date(until, "--until"), evidence=evidence,
                                 doc_id=doc_id, source=source)
    graph = roll_up(graph, level)
    return hide(graph) if hide_unidentified else graph


def write_network(graph, out: str = "-", format: str = "json") -> None:
    """Write a signed graph as JSON (node-link), GraphML or GEXF."""
    from faultlines.network import write_graph

    write_graph(graph, out, format)  # type: ignore[arg-type]


# -- analysis ------------------------------------------------------------------------------------

def balance(db: str | Path | None = None, *, since: str | dt.date | None = None,
            until: str | dt.date | None = None, time_limit: float = 10,
            doc_id: str | None = None, source: str | None = None, level: str = "actor",
            hide_unidentified: bool = False) -> dict[str, Any]:
    """Structural balance of the signed network: triad census, degree of balance, frustration
    index (exact or bounded), the unbalanced triads with their evidence event ids, and whether
    the graph is more balanced than its degree-preserving null model (``camp_support``)."""
    from faultlines.network import (
        balance_degree,
        camp_support,
        frustration_index,
        pressure_edges,
        triad_census_signed,
        unbalanced_triads,
    )

    graph = network(db, since=since, until=until, doc_id=doc_id, source=source, level=level,
                    hide_unidentified=hide_unidentified)
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
             hide_unidentified: bool = False):
    """The k-camp partition of the actors that frustrates the fewest signed ties, with
    ``support`` (do the data support camps at all?) and ``ties`` (what holds each camp)."""
    import dataclasses

    from faultlines.network import camp_support, camp_ties
    from faultlines.network import factions as find_factions

    graph = network(db, since=since, until=until, doc_id=doc_id, source=source, level=level,
                    hide_unidentified=hide_unidentified)
    result = find_factions(graph, k=k, time_limit=time_limit)
    return dataclasses.replace(result, support=camp_support(graph, k),
                               ties=tuple(camp_ties(graph, result)))


def realignments(db: str | Path | None = None, *, window: str = "quarter",
                 since: str | dt.date | None = None, until: str | dt.date | None = None,
                 level: str = "actor"):
    """Dyads whose sign flipped between time windows, with evidence on both sides; ``level``
    as for :func:`network`."""
    from faultlines.network import graphs_by_window, roll_up
    from faultlines.network import realignments as find_realignments

    with open_store(db, read_only=True) as store:
        graphs = graphs_by_window(store, window, since=parse_date(since, "--since"),
                                  until=parse_date(until, "--until"))
        graphs = {start: roll_up(G, level) for start, G in graphs.items()}
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

def evaluate(gold: str | Path, *, model: str | None = None, kb_dir: str | None = None):
    """Score the coder on PLOVER gold records (see :mod:`faultlines.evaluation`)."""
    from faultlines.evaluation import evaluate as run_evaluation
    from faultlines.pipeline import _resolver

    return run_evaluation(gold, model=model, resolver=_resolver(kb_dir))


def report(db: str | Path | None, out: str | Path, *, since: str | dt.date | None = None,
           until: str | dt.date | None = None, title: str | None = None) -> Path:
    """Write the self-contained HTML report of a store and return its path."""
    from faultlines.report import write_report

    with open_store(db, read_only=True) as store:
        return write_report(store, out, title=title, since=parse_date(since, "--since"),
                            until=parse_date(until, "--until"))


def serve(db: str | Path | None = None, *, host: str = "127.0.0.1", port: int = 8000,
          on_start: Callable[[str], None] | None = None) -> None:
    """Run the local explorer and its read-only JSON API over a store until interrupted.

    ``on_start`` is called with the store's path once it is known to exist.
    """
    from faultlines.web import serve as run_server

    with open_store(db, read_only=True) as store:
        path = store.path
    if on_start is not None:
        on_start(path)
    run_server(path, host=host, port=port)


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


def curate(db: str | Path | None, op: str, *args: str, kb_dir: str | None = None) -> int:
    """Record a curation operation (``merge``, ``rename``, ``set-code``) and apply it.

    The operation is stored in the database, so later ingests apply it to new documents too.
    Returns the number of stored event and mention rows that changed.
    """
    from faultlines.actors import ActorRegistry, CurationOp
    from faultlines.actors.registry import CURATION_OPS
    from faultlines.pipeline import _resolver

    operation = CurationOp(op, tuple(args)).validate()
    with open_store(db) as store:
        if store.actor(operation.args[0]) is None:
            raise ConfigError(f"no actor with id {operation.args[0]!r} in {store.path}; "
                              f"`faultlines actors list` shows the ids")
        if op == "merge" and store.actor(operation.args[1]) is None and \
                operation.args[1] not in _resolver(kb_dir).kb.entries:
            raise ConfigError(f"no actor with id {operation.args[1]!r} to merge into")
        registry = ActorRegistry(_resolver(kb_dir), curation=[*store.curation(), operation])
        store.add_curation(op, dict(zip(CURATION_OPS[op], operation.args, strict=True)))
        mapping = {}
        for actor in store.actors():
            canonical = registry.canonical(actor.ref)
            if (canonical.id, canonical.name, canonical.country, canonical.sector) != \
                    (actor.id, actor.name, actor.country, actor.sector):
                mapping[actor.id] = canonical
        return store.apply_actor_mapping(mapping)


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
