"""Terminal output for the CLI: progress bars and tables on top of rich."""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich import box
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

__all__ = ["ProgressBar", "progress_bar", "render_table"]


_REDRAW_SECONDS = 0.1


class ProgressBar:
    """Counts documents and events; shows rate and, when the total is known, ETA."""

    def __init__(self, progress: Progress | None, task: Any) -> None:
        self._progress = progress
        self._task = task
        self.documents = 0
        self.events = 0
        self._started = time.perf_counter()
        self._drawn = 0.0

    def advance(self, result: Any = None) -> None:
        self.documents += 1
        self.events += len(getattr(result, "events", ()) or ())
        if self._progress is not None:
            elapsed = max(time.perf_counter() - self._started, 1e-9)
            self._progress.update(
                self._task, advance=1,
                stats=f"{self.events} events, {self.documents / elapsed:.1f} docs/s")
            now = time.perf_counter()
            if now - self._drawn >= _REDRAW_SECONDS:
                self._progress.refresh()
                self._drawn = now


@contextmanager
def progress_bar(label: str, total: int | None = None, disable: bool = False
                 ) -> Iterator[ProgressBar]:
    """A progress bar on stderr; silent when ``disable`` or when stderr is not a terminal."""
    if disable or not sys.stderr.isatty():
        yield ProgressBar(None, None)
        return
    columns = [SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
               MofNCompleteColumn() if total else TextColumn("{task.completed} docs"),
               TextColumn("{task.fields[stats]}"), TimeElapsedColumn()]
    if total:
        columns.append(TimeRemainingColumn())
    # Redrawn from advance(), not by rich's refresh thread: with no extra thread running, worker
    # processes can be forked safely (see faultlines.pipeline).
    with Progress(*columns, console=Console(stderr=True), transient=False,
                  auto_refresh=False) as progress:
        task = progress.add_task(label, total=total, stats="")
        yield ProgressBar(progress, task)


def render_table(rows: list[dict[str, Any]], title: str | None = None) -> str:
    """Render rows as a plain-text table (no colour codes, so it pipes cleanly).

    >>> print(render_table([{"actor": "Brno", "events": 2}, {"actor": "Ostrava", "events": 10}]))
    ... # doctest: +NORMALIZE_WHITESPACE
    actor     events
    ──────────────────
    Brno      2
    Ostrava   10
    """
    table = Table(title=title, show_lines=False, box=box.SIMPLE_HEAD)
    columns = list(rows[0].keys()) if rows else ["(no rows)"]
    for column in columns:
        table.add_column(str(column), overflow="fold")
    for row in rows:
        table.add_row(*[_cell(row.get(c)) for c in columns])
    buffer = io.StringIO()
    Console(file=buffer, width=160, color_system=None, force_terminal=False).print(table)
    return buffer.getvalue()


def _cell(value: Any) -> str:
    """One table cell: empty for None, floats to three significant digits, lists joined.

    >>> [_cell(None), _cell(0.12345), _cell(["a", "b"]), _cell(3)]
    ['', '0.123', 'a, b', '3']
    """
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)
