"""The ``faultlines`` command: a thin shell over :mod:`faultlines.api`.

Data goes to stdout (or ``-o FILE``); progress, warnings and errors go to stderr, one line each,
so commands compose with Unix tools. Exit codes are in :data:`EXIT_CODES` (and ``--help``).
A reader that closes the pipe early (``faultlines events | head -1``) ends the command quietly
with exit code 0. ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import csv
import json
import signal
import sys
import traceback
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from faultlines.config import SETTINGS, RunOptions, SettingValue
from faultlines.errors import FaultlinesError
from faultlines.types import ReadError, SkippedFile


def _settings_epilog() -> str:
    """Every setting's environment variable and default, for ``faultlines --help``.

    >>> "FAULTLINES_WORKERS (default 0)" in _settings_epilog()
    True
    """
    return "Settings from the environment (an option given on the command line wins): " + \
        "; ".join(f"{s.env} (default {'none' if s.default is None else s.default})"
                  for s in SETTINGS.values()) + ". See README.md, Configuration."


#: Exit codes of the ``faultlines`` command (listed in ``--help`` and the README).
EXIT_CODES: dict[int, str] = {
    0: "success (also when a reader such as `head` closes the output pipe early)",
    1: "some inputs failed (each named on stderr), or the inputs held no document",
    2: "bad usage, setting or input",
    3: "the spaCy pipeline cannot be loaded",
    4: "the store cannot be opened, read or written",
    70: "internal error (a bug: run with --debug and report the traceback)",
    130: "interrupted by Ctrl-C (SIGINT); committed batches are kept",
    143: "terminated (SIGTERM); committed batches are kept",
}
#: The line printed when SIGINT or SIGTERM stops a command.
INTERRUPTED = "interrupted; committed batches are kept, run the same command again to resume"

app = typer.Typer(
    name="faultlines",
    help="Actors, PLOVER-coded events and signed alignment networks from political text.",
    epilog="Exit codes: " + "; ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items())
    + ". " + _settings_epilog(),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
actors_app = typer.Typer(help="List, inspect, import and curate actors.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")

_state = {"debug": False, "quiet": False}


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    plover = "plover"
    polecat = "polecat"


class Level(StrEnum):
    actor = "actor"
    group = "group"
    state = "state"


LevelOption = Annotated[Level, typer.Option(
    "--level", help="actor (one node per actor), group (state agents merged into their state's "
    "government, armed forces, ...) or state (each state one node, with every actor of that "
    "country except rebels, militias, the opposition and IGOs).")]
HideOption = Annotated[bool | None, typer.Option(
    "--hide-unidentified/--show-unidentified",
    help="Leave out (or keep) actors with no country code (\"men\", \"gunmen\") and the "
    "corpus's own outlets. Default: left out at group and state level, kept at actor level.",
    show_default=False)]


class EventsFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"
    geojson = "geojson"
    plover = "plover"
    polecat = "polecat"


class NetworkWeight(StrEnum):
    count = "count"  # type: ignore[assignment]  # the member shadows str.count, as it must be named
    scale = "scale"


class NetworkFormat(StrEnum):
    json = "json"
    graphml = "graphml"
    gexf = "gexf"


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _setting_option(name: str, *flags: str,
                    defaults: dict[str, SettingValue] | None = None) -> Any:
    """A command-line option for a run setting: flag, help and default from the settings table
    (or from a command's own ``defaults``).

    Unset options are None, so the setting comes from the environment or the default; the
    value is checked once, by :class:`faultlines.config.RunOptions`.
    """
    setting = SETTINGS[name]
    return typer.Option(setting.option, *flags, show_default=False,
                        help=setting.describe((defaults or {}).get(name)))


# extract and demo run in this process unless told otherwise; ingest uses all cores.
ONE_WORKER: dict[str, SettingValue] = {"workers": 1}


# Run settings shared by several commands (help text from faultlines.config.SETTINGS).
DbOption = Annotated[str | None, _setting_option("db")]
ModelOption = Annotated[str | None, _setting_option("model")]
WorkersOption = Annotated[int | None, _setting_option("workers", "-w")]
OneWorkerOption = Annotated[int | None, _setting_option("workers", "-w", defaults=ONE_WORKER)]
BatchSizeOption = Annotated[int | None, _setting_option("batch_size")]
CommitSizeOption = Annotated[int | None, _setting_option("commit_size")]
EngineOption = Annotated[str | None, _setting_option("engine")]
SchedulerOption = Annotated[str | None, _setting_option("scheduler")]
MaxBytesOption = Annotated[int | None, _setting_option("max_bytes")]
KbOption = Annotated[str | None, _setting_option("kb_dir")]
LangOption = Annotated[str | None, _setting_option("lang")]
CoderOption = Annotated[str | None, _setting_option("coder")]
MinConfidenceOption = Annotated[float | None, _setting_option("min_confidence")]
SinceOption = Annotated[str | None, typer.Option(
    "--since", help="Only events on or after this date (YYYY[-MM[-DD]]).")]
UntilOption = Annotated[str | None, typer.Option(
    "--until", help="Only events on or before this date (YYYY[-MM[-DD]]).")]
DocOption = Annotated[str | None, typer.Option(
    "--doc", help="Only the events of this document id (one article's map).")]
SourceOption = Annotated[str | None, typer.Option(
    "--source", help="Only the events of this outlet.")]
OutOption = Annotated[Path | None, typer.Option(
    "--output", "-o", help="Write to this file instead of stdout.")]
IdOption = Annotated[str | None, typer.Option(
    "--id", help="Document id of text read from - (stdin); default 'stdin'.")]


def _err(message: str) -> None:
    typer.echo(f"faultlines: {message}", err=True)


def _report_error(error: ReadError) -> None:
    _err(str(error) if isinstance(error, SkippedFile) else f"error: {error}")


def _say_if_nothing_matched(count: int, what: str = "events", **filters: str | None) -> None:
    """One stderr line when filters were given and nothing matched them (exit code stays 0)."""
    given = [f"--{name} {value}" for name, value in filters.items() if value is not None]
    if count == 0 and given:
        _err(f"no {what} match {' '.join(given)}; without these filters the store is listed "
             f"whole (dates: YYYY[-MM[-DD]]; ids: `faultlines actors list`)")


def _version(value: bool) -> None:
    if value:
        from faultlines import api

        for line in api.version_lines():
            typer.echo(line)
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    _state["debug"] = debug
    _state["quiet"] = quiet


def _open_out(output: Path | None, binary: bool = False):
    if output is None or str(output) == "-":
        return sys.stdout.buffer if binary else sys.stdout
    return open(output, "wb" if binary else "w", encoding=None if binary else "utf-8",
                newline=None if binary else "")


def _progress(label: str, total: int | None = None):
    """A rich progress bar on stderr, or a no-op when quiet or not a terminal."""
    from faultlines.progress import progress_bar

    return progress_bar(label, total=total, disable=_state["quiet"])


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(
        help="Files (.txt .jsonl .html, optionally .gz), folders, or - for stdin.")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.jsonl,
    output: OutOption = None,
    model: ModelOption = None,
    workers: OneWorkerOption = None,
    engine: EngineOption = None,
    scheduler: SchedulerOption = None,
    kb_dir: KbOption = None,
    max_bytes: MaxBytesOption = None,
    lang: LangOption = None,
    doc_id: IdOption = None,
    coder: CoderOption = None,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Code events in articles and print them (one JSON object per line by default).

    --format plover writes PLOVER records (JSON Lines, the manual's field names); --format
    polecat a TSV with POLECAT's column names. Nothing is written to disk unless -o is given.
    """
    from faultlines import api

    options = RunOptions.resolve(defaults=ONE_WORKER, model=model, workers=workers,
                                 engine=engine, scheduler=scheduler, kb_dir=kb_dir,
                                 max_bytes=max_bytes, lang=lang, coder=coder,
                                 min_confidence=min_confidence)
    report = api.RunReport()
    out = _open_out(output)
    writer = api.EventWriter(out, format.value)
    with _progress("extracting") as bar:
        for result in api.extract_results(inputs, options, on_error=_report_error,
                                          report=report, stdin_id=doc_id):
            bar.advance(result)
            writer.write(result.events)
    writer.close()
    out.flush()
    if out is not sys.stdout:
        out.close()
    _summary("extract", report)
    if not report.ok:
        raise typer.Exit(1)


def _summary(command: str, report: Any) -> None:
    if _state["quiet"]:
        return
    parts = [f"{report.documents_read} documents read"]
    if command == "ingest":
        parts.append(f"{report.documents_added} added")
        parts.append(f"{report.documents_already_stored} already stored")
    if report.documents_duplicate_in_run:
        parts.append(f"{report.documents_duplicate_in_run} duplicates skipped")
    if report.documents_not_english:
        parts.append(f"{report.documents_not_english} not English (skipped)")
    if report.files_skipped:
        parts.append(f"{report.files_skipped} files of unsupported types skipped")
    parts.append(f"{report.events} events")
    if report.errors:
        parts.append(f"{len(report.errors)} inputs failed")
    _err(f"{command}: " + ", ".join(parts))
    if report.not_english_ids:
        shown = report.not_english_ids[:20]
        more = len(report.not_english_ids) - len(shown)
        _err(f"{command}: skipped as not English: {', '.join(shown)}"
             + (f" and {more} more" if more else "")
             + " (run with --lang any to code them)")


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(
        help="Files (.txt .jsonl .html, optionally .gz), folders, or - for stdin.")],
    db: DbOption = None,
    model: ModelOption = None,
    workers: WorkersOption = None,
    batch_size: BatchSizeOption = None,
    commit_size: CommitSizeOption = None,
    engine: EngineOption = None,
    scheduler: SchedulerOption = None,
    kb_dir: KbOption = None,
    max_bytes: MaxBytesOption = None,
    lang: LangOption = None,
    doc_id: IdOption = None,
    coder: CoderOption = None,
) -> None:
    """Process articles and store documents, actors and events in a DuckDB file.

    Documents are keyed by content hash: running it twice adds nothing, and an interrupted run
    resumes where its last committed transaction ended.
    """
    from faultlines import api

    options = RunOptions.resolve(db=db, model=model, workers=workers, batch_size=batch_size,
                                 commit_size=commit_size, engine=engine, scheduler=scheduler,
                                 kb_dir=kb_dir, max_bytes=max_bytes, lang=lang, coder=coder)
    with _progress("ingesting") as bar:
        report = api.ingest(inputs, None, options, on_error=_report_error,
                            on_result=bar.advance, stdin_id=doc_id)
    _summary("ingest", report)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def events(
    db: DbOption = None,
    format: Annotated[EventsFormat, typer.Option("--format", "-f")] = EventsFormat.csv,
    output: OutOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    actor: Annotated[str | None, typer.Option(
        "--actor", help="Only events with this actor id as source or target.")] = None,
    event_type: Annotated[str | None, typer.Option(
        "--type", help="Only this PLOVER category, e.g. ASSAULT.")] = None,
    modality: Annotated[str | None, typer.Option(
        "--modality", help="Only this modality: asserted, reported, hypothetical, advocated, "
                           "negated.")] = None,
    country: Annotated[str | None, typer.Option(
        "--country", help="Only events located in this country (ISO alpha-3, e.g. IRQ).")] = None,
    near: Annotated[str | None, typer.Option(
        "--near", help="Only events located near this place (a name, e.g. Mosul, or "
                       "LAT,LON); see --within.")] = None,
    within: Annotated[str, typer.Option(
        "--within", help="Distance for --near, e.g. 50km (default 25km).")] = "25km",
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Export stored events as CSV, JSON Lines, Parquet, GeoJSON (located events only),
    PLOVER records or a POLECAT TSV."""
    from faultlines import api

    if format is EventsFormat.parquet and output is None:
        raise FaultlinesError("parquet is binary: give an output file with -o events.parquet")
    count = api.export_events(db, format.value, str(output) if output else "-", since=since,
                              until=until, actor=actor, event_type=event_type,
                              modality=modality, country=country, near=near,
                              within=within if near else None,
                              min_confidence=min_confidence)
    _say_if_nothing_matched(count, since=since, until=until, actor=actor, type=event_type,
                            modality=modality, country=country, near=near)


@app.command()
def network(
    db: DbOption = None,
    format: Annotated[NetworkFormat, typer.Option("--format", "-f")] = NetworkFormat.json,
    output: OutOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    doc: DocOption = None,
    source: SourceOption = None,
    level: LevelOption = Level.actor,
    hide_unidentified: HideOption = None,
    weight: Annotated[NetworkWeight, typer.Option(
        "--weight", help="count: each event counts one (net polarity); scale: events weigh "
                         "their PLOVER event_scale (-10..+10).")] = NetworkWeight.count,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Export the signed actor network (nodes: actors; edges: signed, weighted dyads)."""
    from faultlines import api

    graph = api.network(db, since=since, until=until, doc_id=doc, source=source,
                        level=level.value, hide_unidentified=hide_unidentified,
                        weight=weight.value, min_confidence=min_confidence)
    api.write_network(graph, str(output) if output else "-", format.value)
    _say_if_nothing_matched(graph.number_of_edges(), "signed ties", since=since, until=until,
                            doc=doc, source=source)


@app.command()
def evaluate(
    gold: Annotated[list[Path], typer.Argument(
        help="Gold files (PLOVER gold records of any version, PLV pairs, CAMEO quads/spans) "
             "or folders of them, e.g. ../shared/gold.")],
    errors: Annotated[bool, typer.Option("--errors", help="List every miss with its sentence.")]
    = False,
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    model: ModelOption = None,
    kb_dir: KbOption = None,
) -> None:
    """Score the coder against gold in PLOVER's 16 categories: one table per gold file.

    No event counts as wrong. Malformed gold records are read anyway and named on stderr.
    """
    from faultlines import api

    options = RunOptions.resolve(defaults=ONE_WORKER, model=model, kb_dir=kb_dir)
    reports = api.evaluate_many(gold, options)
    for report in reports:
        for warning in report.warnings:
            _err(f"evaluate: warning: {warning}")
    if format is TableFormat.json:
        data = [r.to_dict(errors=errors) for r in reports]
        typer.echo(json.dumps(data[0] if len(data) == 1 else data, indent=1))
    else:
        typer.echo("\n\n".join(r.to_text(errors=errors) for r in reports))


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the demo's outputs.")]
    = Path("faultlines-demo"),
    workers: OneWorkerOption = None,
    model: ModelOption = None,
) -> None:
    """Run the whole pipeline on the bundled demo corpus and write its outputs to a folder."""
    from faultlines import api

    options = RunOptions.resolve(defaults=ONE_WORKER, workers=workers, model=model)
    with _progress("demo") as bar:
        summary = api.run_demo(out, options, on_result=bar.advance)
    typer.echo(summary.to_text())


def _emit_table(rows: Any, format: TableFormat, output: Path | None,
                title: str | None = None) -> None:
    out = _open_out(output)
    if format is TableFormat.json:
        json.dump(rows, out, ensure_ascii=False, indent=1, default=str)
        out.write("\n")
    elif format is TableFormat.csv:
        fields = list(rows[0].keys()) if rows else []
        writer = csv.DictWriter(out, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (json.dumps(v) if isinstance(v, (list, dict)) else v)
                             for k, v in row.items()})
    else:
        from faultlines.progress import render_table

        out.write(render_table(rows, title=title))
    out.flush()


def _rows(result: Any) -> list[dict[str, Any]]:
    """Table rows of a network result (ResultTable or record with ``columns``/``rows()``)."""
    columns = list(getattr(result, "columns", ()))
    return [dict(zip(columns, row, strict=False)) for row in result.rows()]


WindowOption = Annotated[str, typer.Option(
    "--window", help="Time window: month, quarter, year or Nd (e.g. 90d).")]
TableFormatOption = Annotated[TableFormat, typer.Option(
    "--format", "-f", help="table (readable), json or csv.")]


@app.command()
def balance(
    db: DbOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    format: TableFormatOption = TableFormat.table,
    output: OutOption = None,
    time_limit: Annotated[float, typer.Option(
        "--time-limit", help="Seconds for the exact frustration solver.")] = 10,
    doc: DocOption = None,
    source: SourceOption = None,
    level: LevelOption = Level.actor,
    hide_unidentified: HideOption = None,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Structural balance: signed triad census, degree of balance, frustration index, and
    whether the ties are more balanced than chance (a degree-preserving null model)."""
    from faultlines import api

    result = api.balance(db, since=since, until=until, time_limit=time_limit, doc_id=doc,
                         source=source, level=level.value, hide_unidentified=hide_unidentified,
                         min_confidence=min_confidence)
    if format is TableFormat.json:
        _emit_table(result, format, output)
        return
    if format is TableFormat.csv:
        _emit_table(result["unbalanced_triads"], format, output)
        return
    f = result["frustration"]
    summary = [
        {"measure": "actors (nodes)", "value": result["nodes"]},
        {"measure": "signed ties (edges)", "value": result["edges"]},
        *({"measure": {"triangles": "triangles (all)", "balanced": "balanced triangles"}.get(
            k, f"triangles {k}"), "value": v}
          for k, v in result["triads"].items() if not k.endswith("degree")),
        {"measure": "degree of balance", "value": result["balance_degree"]},
        {"measure": "frustration index", "value": f.get("value")},
        {"measure": "lower bound", "value": f.get("lower_bound")},
        {"measure": "exact", "value": f.get("optimal")},
        {"measure": "balance above chance", "value": result["camp_support"]["supported"]},
    ]
    from faultlines.progress import render_table

    out = _open_out(output)
    out.write(render_table(summary, title=f"structural balance ({result['level']} level)"))
    out.write(result["camp_support"]["reason"] + "\n\n")
    triads = [{"actors": " / ".join(t["names"]), "signs": t["pattern"]}
              for t in result["unbalanced_triads"]]
    out.write(render_table(triads, title="unbalanced triads (evidence: --format json)"))
    pressure = [{"tie": f"{e['u_name']} / {e['v_name']}", "sign": e["sign"],
                 "frustration drop if flipped": e["reduction"]}
                for e in result["pressure_edges"][:10]]
    out.write(render_table(pressure, title="pressure: ties whose flip would most reduce "
                                           "frustration (a forecast to check)"))
    out.flush()


@app.command()
def factions(
    db: DbOption = None,
    k: Annotated[int, typer.Option("--k", "-k", help="Number of camps.", min=2)] = 2,
    since: SinceOption = None,
    until: UntilOption = None,
    format: TableFormatOption = TableFormat.table,
    output: OutOption = None,
    time_limit: Annotated[float, typer.Option(
        "--time-limit", help="Seconds for the exact solver.")] = 10,
    doc: DocOption = None,
    source: SourceOption = None,
    level: LevelOption = Level.actor,
    hide_unidentified: HideOption = None,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Camps: the k-way split of actors that frustrates the fewest signed ties, with whether
    the data support camps at all and the allied ties that hold each camp together."""
    from faultlines import api

    result = api.factions(db, k=k, since=since, until=until, time_limit=time_limit,
                          doc_id=doc, source=source, level=level.value,
                          hide_unidentified=hide_unidentified, min_confidence=min_confidence)
    if format is TableFormat.json:
        _emit_table(result.to_dict(), format, output)
        return
    if format is TableFormat.csv:
        _emit_table(_rows(result), format, output)
        return
    from faultlines.progress import render_table

    support = result.support
    title = f"{k} camps ({level.value} level)"
    out = _open_out(output)  # opened once: a second open of --output would truncate it
    if not support.supported:
        # Said before the table, so nobody reads the split as a finding first.
        out.write(f"The data cannot support camps here: {support.reason}.\n"
                  "The split below is only the one that frustrates the fewest of these ties; "
                  "it is not evidence of camps.\n")
        title += ", NOT supported by the data"
    out.write(render_table(_rows(result), title=title))
    if support.supported:
        out.write("camps supported: " + support.reason + "\n")
    ties = [{"camp": t.camp, "tie": f"{t.a_name} / {t.b_name}", "events": t.count}
            for t in result.ties]
    if ties:
        out.write(render_table(ties, title="what holds each camp together"))
    _write_breaks(out, result.breaks)
    if result.unassigned:
        out.write(f"{len(result.unassigned)} actor(s) with no signed tie left out\n")
    out.flush()


def _write_breaks(out: IO[str], breaks: Any, limit: int = 10) -> None:
    """The ties the camps contradict, for the reader to check first."""
    from faultlines.progress import render_table

    rows = [{"tie": f"{t.a_name} / {t.b_name}",
             "contradicts": ("allied across camps " if t.sign > 0 else "hostile inside camp ")
             + (f"{t.camp_a} and {t.camp_b}" if t.camp_a != t.camp_b else str(t.camp_a)),
             "events": t.count, "evidence": " ".join(t.event_ids[:3])}
            for t in breaks[:limit]]
    if rows:
        more = f", {len(breaks) - limit} more with --format json" if len(breaks) > limit else ""
        out.write(render_table(rows, title=f"ties that contradict the split (coding errors, "
                                           f"cross-pressured actors or real rifts){more}"))


@app.command()
def timeline(
    db: DbOption = None,
    window: WindowOption = "quarter",
    actor: Annotated[list[str] | None, typer.Option(
        "--actor", help="Only pairs with this actor id; give two to follow one pair.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    format: TableFormatOption = TableFormat.table,
    output: OutOption = None,
) -> None:
    """Dyad time series: events, net polarity and intensity per actor pair and window."""
    from faultlines import api

    rows = api.timeline(db, window=window, since=since, until=until, actors=actor or ())
    _say_if_nothing_matched(len(rows), "dyads", since=since, until=until,
                            actor=" ".join(actor or ()) or None)
    if format is TableFormat.table:
        rows = [{k: v for k, v in r.items() if k not in ("a", "b")} for r in rows]
    _emit_table(rows, format, output, title=f"dyads by {window}")


@app.command()
def realignments(
    db: DbOption = None,
    window: WindowOption = "quarter",
    since: SinceOption = None,
    until: UntilOption = None,
    format: TableFormatOption = TableFormat.table,
    output: OutOption = None,
    level: LevelOption = Level.actor,
    min_confidence: MinConfidenceOption = None,
    hide_unidentified: HideOption = None,
) -> None:
    """Pairs of actors whose tie changed sign between windows, with evidence on both sides."""
    from faultlines import api

    result = api.realignments(db, window=window, since=since, until=until, level=level.value,
                              min_confidence=min_confidence, hide_unidentified=hide_unidentified)
    if format is TableFormat.json:
        _emit_table(result.to_dict(), format, output)
    else:
        _emit_table(_rows(result), format, output, title="realignments")


class StanceBy(StrEnum):
    source = "source"
    author = "author"
    doc = "doc"


class StanceKind(StrEnum):
    evaluative = "evaluative"
    relational = "relational"
    combined = "combined"


@app.command()
def stance(
    db: DbOption = None,
    by: Annotated[StanceBy, typer.Option("--by", help="Aggregate per outlet, author or "
                                                      "article.")] = StanceBy.source,
    kind: Annotated[StanceKind, typer.Option(
        "--kind", help="evaluative: the words aimed at each actor; relational: the events it "
                       "takes part in; combined: both.")] = StanceKind.evaluative,
    actor: Annotated[str | None, typer.Option(
        "--actor", help="Only this actor id (compare outlets on one actor).")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    format: TableFormatOption = TableFormat.table,
    output: OutOption = None,
) -> None:
    """How each outlet, author or article leans toward the actors it discusses."""
    from faultlines import api

    result = api.stance(db, by=by.value, kind=kind.value, actor=actor, since=since,
                        until=until)
    if format is TableFormat.json:
        _emit_table(result.to_dict(), format, output)
    else:
        _emit_table(_rows(result), format, output, title=f"stance by {by.value}")


@app.command()
def report(
    db: DbOption = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")]
    = Path("report.html"),
    since: SinceOption = None,
    until: UntilOption = None,
    title: Annotated[str | None, typer.Option("--title")] = None,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Write a self-contained HTML report (opens offline; click edges for evidence; a slider
    filters the events by confidence)."""
    from faultlines import api

    path = api.report(db, output, since=since, until=until, title=title,
                      min_confidence=min_confidence)
    typer.echo(str(path))


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on (1-65535).", min=1,
                                      max=65535)] = 8000,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Run the local explorer and read-only JSON API (OpenAPI at /docs and /openapi.json)."""
    from faultlines import api

    api.serve(db, host=host, port=port, min_confidence=min_confidence,
              on_start=lambda path: _err(f"serving {path} on http://{host}:{port}/ "
                                         f"(Ctrl-C to stop)"))


@actors_app.command("list")
def actors_list(
    db: DbOption = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many.")] = None,
    format: TableFormatOption = TableFormat.table,
    output: OutOption = None,
) -> None:
    """Stored actors, most mentioned first, with ids, codes and mention counts."""
    from faultlines import api

    actors = api.actors_list(db, limit=limit)
    if format is TableFormat.table:
        _emit_table([dict(zip(a.columns, a.row(), strict=True)) for a in actors], format,
                    output, title="actors")
    else:
        _emit_table([a.to_dict() for a in actors], format, output)


@actors_app.command("show")
def actors_show(
    actor_id: Annotated[str, typer.Argument(help="Actor id, e.g. NURI_AL_MALIKI or x:slug.")],
    db: DbOption = None,
) -> None:
    """One actor: name, codes, aliases seen, event roles (JSON)."""
    from faultlines import api

    typer.echo(json.dumps(api.actors_show(db, actor_id).to_dict(), indent=1, default=str,
                          ensure_ascii=False))


def _curate(db: str | None, kb_dir: str | None, done: str, op: str, *args: str) -> None:
    """Record and apply one curation operation, then say what changed."""
    from faultlines import api

    changed = api.curate(db, op, *args, kb_dir=kb_dir)
    _err(f"{done}: {changed} rows updated")


@actors_app.command("merge")
def actors_merge(
    source_id: Annotated[str, typer.Argument(help="Actor id that disappears.")],
    target_id: Annotated[str, typer.Argument(help="Actor id it becomes.")],
    db: DbOption = None,
    kb_dir: KbOption = None,
) -> None:
    """Merge one actor into another; stored, and applied to every query (earlier and later
    ingests alike)."""
    _curate(db, kb_dir, f"merged {source_id} into {target_id}", "merge", source_id, target_id)


@actors_app.command("rename")
def actors_rename(
    actor_id: Annotated[str, typer.Argument(help="Actor id.")],
    name: Annotated[str, typer.Argument(help="New display name.")],
    db: DbOption = None,
    kb_dir: KbOption = None,
) -> None:
    """Give an actor a new display name (the id stays); stored and re-applied."""
    _curate(db, kb_dir, f"renamed {actor_id} to {name!r}", "rename", actor_id, name)


@actors_app.command("set-code")
def actors_set_code(
    actor_id: Annotated[str, typer.Argument(help="Actor id.")],
    code: Annotated[str, typer.Argument(help="CAMEO-style code: an ISO 3166 alpha-3 country "
                                             "(or IGO, NGO, IMG, MNC) and sector codes, e.g. "
                                             "IRQGOV, IRNMIL, IGO.")],
    db: DbOption = None,
    kb_dir: KbOption = None,
) -> None:
    """Set an actor's country and sector code; stored and re-applied."""
    _curate(db, kb_dir, f"set {actor_id} to {code}", "set-code", actor_id, code)


@actors_app.command("import")
def actors_import(
    files: Annotated[list[Path], typer.Argument(
        help="PETRARCH/TABARI .actors-style and .agents-style dictionary files.")],
    kb_dir: KbOption = None,
) -> None:
    """Import CAMEO actor and agent dictionaries into the user knowledge base.

    Lines that cannot be read are listed as FILE:LINE: reason and skipped.
    """
    from faultlines import api

    report, saved = api.import_dictionaries(files, kb_dir=kb_dir)
    for problem in report.problems:
        _err(f"skipped {problem}")
    typer.echo(report.summary())
    if saved is not None:
        typer.echo(f"saved to {saved}")


class _Interrupted(BaseException):
    """Raised in the main thread by SIGINT or SIGTERM.

    Not a KeyboardInterrupt, which typer turns into a bare exit code 130 before ``main`` can
    say what happened; a BaseException, so no ``except Exception`` on the way swallows it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: object) -> None:
    raise _Interrupted(signum)


def _output_pipe_closed() -> bool:
    """True once typer has seen EPIPE on stdout (it then wraps stdout to silence the flush).

    Typer ships its own copy of click, so the wrapper is recognised by its class name.
    """
    return type(sys.stdout).__name__ == "PacifyFlushWrapper"


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    import os

    if sys.__stdout__ is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def main() -> None:
    """Console-script entry point: one clean line per error, tracebacks with --debug."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _on_signal)
    try:
        code = app(standalone_mode=False)
    except _Interrupted as exc:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the exit below is not to be interrupted
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if _state["debug"]:
            traceback.print_exc()
        _err(INTERRUPTED)
        raise SystemExit(128 + exc.signum) from None
    except FaultlinesError as exc:
        if _state["debug"]:
            traceback.print_exc()
        _err(f"error: {exc}")
        raise SystemExit(exc.exit_code) from None
    except typer.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except typer.Abort:
        _err("aborted")
        raise SystemExit(130) from None
    except KeyboardInterrupt:
        _err(INTERRUPTED)
        raise SystemExit(130) from None
    except BrokenPipeError:
        _quiet_stdout()
        raise SystemExit(0) from None
    except SystemExit:
        if _output_pipe_closed():  # typer's answer to EPIPE is exit code 1
            _quiet_stdout()
            raise SystemExit(0) from None
        raise
    except Exception as exc:  # click usage errors and the unexpected
        show, exit_code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(exit_code, int):
            show()  # a usage error: click's own message, exit code 2
            raise SystemExit(exit_code) from None
        if _state["debug"]:
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")
        raise SystemExit(70) from None
    raise SystemExit(code if isinstance(code, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
