"""--coder, --min-confidence and --version on the command line (sentences of our own)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

FAULTLINES = [sys.executable, "-m", "faultlines"]
ARTICLE = (
    "Northland's army shelled villages near the Southland border on Monday. "
    "The Southland foreign minister said the weather had been unusually warm. "
    "Northland and Southland signed a ceasefire agreement in Geneva on Friday. "
    "Rebels in the eastern hills kidnapped two aid workers from Westmark."
)


def run(*args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "FAULTLINES_WORKERS": "1", **env}
    if "FAULTLINES_CODER" not in env:
        environ.pop("FAULTLINES_CODER", None)
    return subprocess.run([*FAULTLINES, *args], input=stdin, capture_output=True, text=True,
                          env=environ, timeout=600)


def events(*args: str, **env: str) -> list[dict]:
    proc = run("extract", "-", "--format", "jsonl", *args, stdin=ARTICLE, **env)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def test_version_names_the_learned_model_and_its_data():
    proc = run("--version")
    assert proc.returncode == 0
    assert "learned model" in proc.stdout and "plv_train.json" in proc.stdout


@pytest.mark.model
def test_rules_coder_has_no_confidence_and_hybrid_gives_one_to_every_event():
    rules = events("--coder", "rules")
    hybrid = events()  # hybrid is the default
    assert rules and hybrid
    # the rule coder names the family of every event; only the hybrid adds a confidence
    assert all(e["confidence"] is None and e["rule"] and e["rule"] != "model" for e in rules)
    assert all(0.0 <= e["confidence"] <= 1.0 and e["rule"] for e in hybrid)
    rule_families = {e["rule"] for e in rules}
    assert {e["rule"] for e in hybrid if not e["model_changed"]} - {"model"} <= rule_families
    assert events(FAULTLINES_CODER="rules") == rules


@pytest.mark.model
def test_min_confidence_drops_the_less_confident_events():
    hybrid = events("--coder", "hybrid")
    cut = sorted(e["confidence"] for e in hybrid)[len(hybrid) // 2]
    kept = events("--coder", "hybrid", "--min-confidence", str(cut))
    assert kept == [e for e in hybrid if e["confidence"] >= cut]
    assert len(kept) < len(hybrid) or len({e["confidence"] for e in hybrid}) == 1


@pytest.mark.model
def test_ingest_records_the_coder_and_events_filters(tmp_path):
    db = str(tmp_path / "s.duckdb")
    proc = run("ingest", "-", "--db", db, "--coder", "hybrid", stdin=ARTICLE)
    assert proc.returncode == 0, proc.stderr
    from faultlines.store import Store

    with Store(db, read_only=True) as store:
        assert store.coder_info()["coder"] == "hybrid"
    out = run("events", "--db", db, "--format", "jsonl")
    stored = [json.loads(line) for line in out.stdout.splitlines()]
    high = run("events", "--db", db, "--format", "jsonl", "--min-confidence", "0.6")
    kept = [json.loads(line) for line in high.stdout.splitlines()]
    assert {e["event_id"] for e in kept} == {e["event_id"] for e in stored
                                              if e["confidence"] >= 0.6}


def test_an_unknown_coder_is_one_clear_line():
    proc = run("extract", "-", "--coder", "neural", stdin="Northland met Southland.")
    assert proc.returncode == 2
    assert "--coder 'neural' is not valid: coder must be one of hybrid, rules, model" \
        in proc.stderr
