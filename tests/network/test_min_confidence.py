"""--min-confidence on the network commands: low-confidence events leave the graph, events
without a confidence (rules alone) always stay."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from confidence_builders import ALL_TIES, TIES_AT_HALF, write_confidence_store

from faultlines import api


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return write_confidence_store(tmp_path / "conf.duckdb")


def _ties(graph) -> set[tuple[str, str]]:
    return {tuple(sorted((str(a), str(b)))) for a, b in graph.edges()}


def test_network_drops_low_confidence_ties(db: Path) -> None:
    assert _ties(api.network(db)) == ALL_TIES
    assert _ties(api.network(db, min_confidence=0.5)) == TIES_AT_HALF


def test_setting_from_the_environment(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAULTLINES_MIN_CONFIDENCE", "0.5")
    assert _ties(api.network(db)) == TIES_AT_HALF


def test_realignments_lose_the_low_confidence_rupture(db: Path) -> None:
    assert len(list(api.realignments(db))) >= 1
    assert list(api.realignments(db, min_confidence=0.5)) == []


def test_cli_network_json(db: Path) -> None:
    env = {**os.environ, "FAULTLINES_WORKERS": "1"}
    base = [sys.executable, "-m", "faultlines", "network", "--db", str(db), "-f", "json"]
    every = subprocess.run(base, capture_output=True, text=True, env=env, timeout=300)
    high = subprocess.run([*base, "--min-confidence", "0.5"], capture_output=True, text=True,
                          env=env, timeout=300)
    assert every.returncode == 0 and high.returncode == 0, every.stderr + high.stderr
    def ties(out: str) -> set[tuple[str, str]]:
        data = json.loads(out)
        edges = data.get("edges", data.get("links", []))
        return {tuple(sorted((str(e["source"]), str(e["target"])))) for e in edges}

    assert ties(every.stdout) == ALL_TIES
    assert ties(high.stdout) == TIES_AT_HALF
