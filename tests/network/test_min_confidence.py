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


def _cli_json(db: Path, *args: str) -> dict:
    env = {**os.environ, "FAULTLINES_WORKERS": "1"}
    done = subprocess.run([sys.executable, "-m", "faultlines", *args, "--db", str(db),
                           "-f", "json"], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_cli_balance_loses_the_one_triangle_at_half(db: Path) -> None:
    assert _cli_json(db, "balance")["triads"]["triangles"] == 1
    high = _cli_json(db, "balance", "--min-confidence", "0.5")
    assert high["triads"]["triangles"] == 0
    assert high["edges"] == len(TIES_AT_HALF)


def test_cli_factions_leave_out_the_actor_whose_only_tie_is_unsure(db: Path) -> None:
    def members(data: dict) -> set[str]:
        return {m for camp in data["camps"] for m in camp["members"]}

    assert "DUN" in members(_cli_json(db, "factions"))
    assert members(_cli_json(db, "factions", "--min-confidence", "0.5")) == \
        {"AMB", "BLU", "CIN", "EAS", "FEN"}


def test_explorer_of_a_store_starts_at_the_threshold(db: Path) -> None:
    from fastapi.testclient import TestClient

    from faultlines.web.app import create_app

    client = TestClient(create_app(db, min_confidence=0.5), base_url="http://127.0.0.1")
    meta = client.get("/api/meta").json()
    assert meta["min_confidence"] == 0.5
    edges = client.get("/api/network").json()["edges"]
    assert {tuple(sorted((e["source"], e["target"]))) for e in edges} == TIES_AT_HALF
    every = TestClient(create_app(db), base_url="http://127.0.0.1").get("/api/network").json()
    assert {tuple(sorted((e["source"], e["target"]))) for e in every["edges"]} == ALL_TIES
