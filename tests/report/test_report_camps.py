"""Camps said plainly: `factions` and the report on stores with no triangle and with two blocs.

The stores are made here: a star of conflicts (no triangle, so nothing can be said about camps)
and two blocs of four that cooperate inside and fight across, each state with two of the other
bloc (camps well above chance).
"""

from __future__ import annotations

import datetime as dt
from itertools import combinations
from pathlib import Path

import pytest
from report_helpers import _result
from typer.testing import CliRunner

from faultlines.cli import app
from faultlines.report import collect_report_data
from faultlines.store import Store
from faultlines.types import ActorRef


def _actor(code: str, name: str) -> ActorRef:
    return ActorRef(name, code, name, code[:3], "GOV")


HUB = _actor("HUBGOV", "Hub state")
SPOKES = [_actor(f"SP{i}GOV", f"Spoke state {i}") for i in range(4)]
NORTH = [_actor(f"NO{i}GOV", f"North state {i}") for i in range(4)]
SOUTH = [_actor(f"SO{i}GOV", f"South state {i}") for i in range(4)]


def _store(path: Path, pairs: list[tuple[ActorRef, ActorRef, str]]) -> Path:
    results = [
        _result(f"doc-{i:03d}", dt.date(2007, 1, 1) + dt.timedelta(days=i), "Test Wire",
                f"Report {i}", [(f"{a.name} and {b.name} met ({event_type}).", event_type, a, b)])
        for i, (a, b, event_type) in enumerate(pairs)]
    with Store(path) as store:
        store.add_results(results)
    return path


@pytest.fixture()
def star_store(tmp_path: Path) -> Path:
    return _store(tmp_path / "star.duckdb", [(HUB, s, "ASSAULT") for s in SPOKES])


@pytest.fixture()
def blocs_store(tmp_path: Path) -> Path:
    pairs = [(a, b, "AGREE") for bloc in (NORTH, SOUTH) for a, b in combinations(bloc, 2)]
    # each North state fights two South states (a full bipartite graph could not be rewired
    # by the null model, which would then match it exactly)
    pairs += [(NORTH[i], SOUTH[(i + shift) % 4], "ASSAULT") for i in range(4) for shift in (0, 1)]
    return _store(tmp_path / "blocs.duckdb", pairs)


def _factions(db: Path, *extra: str) -> str:
    result = CliRunner().invoke(app, ["factions", "--db", str(db), *extra])
    assert result.exit_code == 0, result.output
    return result.output


def _flat(text: str) -> str:
    """The text with every run of white space (a wrapped title, say) made one space."""
    return " ".join(text.split())


def test_factions_says_first_that_no_triangle_supports_no_camps(star_store: Path) -> None:
    text = _factions(star_store)
    first = text.splitlines()[0]
    assert first.startswith("The data cannot support camps here: no signed triangle among 4")
    assert "it is not evidence of camps" in text
    assert "NOT supported by the data" in _flat(text)
    assert text.index("cannot support camps") < text.index("Spoke state")


def test_factions_reports_supported_camps_after_the_table(blocs_store: Path) -> None:
    text = _factions(blocs_store)
    assert "cannot support" not in text and "NOT supported" not in text
    assert "camps supported: strong balance 1.00 is above random graphs" in _flat(text)
    assert text.index("North state 0") < text.index("camps supported")


def test_factions_output_file_keeps_the_whole_text(star_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "camps.txt"
    _factions(star_store, "-o", str(out))
    written = out.read_text(encoding="utf-8")
    assert written.startswith("The data cannot support camps here")
    assert "Spoke state 0" in written  # the table was not cut off by a second open


def test_report_data_carries_the_verdict(star_store: Path, blocs_store: Path) -> None:
    with Store(star_store, read_only=True) as store:
        star = collect_report_data(store)
    with Store(blocs_store, read_only=True) as store:
        blocs = collect_report_data(store)
    assert star.support is not None and star.support["supported"] is False
    assert star.support["reason"].startswith("no signed triangle")
    assert blocs.support is not None and blocs.support["supported"] is True
    state = blocs.to_json_dict()["levels"]["state"]["support"]
    assert state["supported"] is True
