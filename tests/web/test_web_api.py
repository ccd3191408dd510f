"""The explorer's JSON API, through Starlette's test client (no server, no browser)."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

from faultlines.errors import StoreError
from faultlines.report import ReportData
from faultlines.web import create_app

with warnings.catch_warnings():
    # Starlette's test client warns on import that it will move from httpx to httpx2.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

LOCAL = "http://127.0.0.1"


@pytest.fixture
def client(sample_data: ReportData) -> TestClient:
    return TestClient(create_app(sample_data), base_url=LOCAL)


def test_openapi_describes_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {"/api/meta", "/api/actors", "/api/events", "/api/network",
                                  "/api/balance", "/api/evidence", "/api/timeline",
                                  "/api/places"}
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert params == {"since", "until", "actor", "type", "q", "limit", "offset", "level",
                      "min_confidence"}
    assert "EventOut" in spec["components"]["schemas"]
    # the CDN-backed Swagger and ReDoc pages are off; /docs is a plain page with no scripts
    assert client.get("/redoc").status_code == 404
    docs = client.get("/docs").text
    assert "<script" not in docs and "://" not in docs
    assert "<code>GET /api/evidence</code>" in docs and "<code>since</code>" in docs


def test_actors(client: TestClient) -> None:
    actors = {a["id"]: a for a in client.get("/api/actors").json()}
    assert len(actors) == 7
    assert actors["USA"]["name"] == "United States" and actors["USA"]["mentions"] == 7
    assert actors["USA"]["camp"] == actors["GBR"]["camp"] != actors["IRN"]["camp"]


def test_events_filters(client: TestClient) -> None:
    everything = client.get("/api/events").json()
    assert everything["total"] == 13 and len(everything["events"]) == 13
    dated = client.get("/api/events", params={"since": "2007-01-01", "until": "2007-12-31"}).json()
    assert {e["doc_id"] for e in dated["events"]} == {"ledger-2007-05", "wire-2007-11"}
    by_actor = client.get("/api/events", params={"actor": "GBR"}).json()
    assert by_actor["total"] == 3
    typed = client.get("/api/events", params={"type": "SUPPORT", "limit": 1}).json()
    assert typed["total"] == 3 and len(typed["events"]) == 1
    page2 = client.get("/api/events", params={"type": "SUPPORT", "limit": 1, "offset": 1}).json()
    assert page2["events"][0]["event_id"] != typed["events"][0]["event_id"]
    searched = client.get("/api/events", params={"q": "NIGHT <WIRE>"}).json()
    assert searched["total"] == 1
    event = searched["events"][0]
    assert event["document"]["title"].startswith("<script>")  # JSON carries the raw text
    assert event["quad"] == "verbal-cooperation" and event["recipient"] == "x:mahdi-army"


@pytest.mark.parametrize(("path", "params"), [
    ("/api/events", {"since": "last tuesday"}),
    ("/api/events", {"limit": 0}),
    ("/api/events", {"limit": 5001}),
    ("/api/network", {"until": "2007-13-01"}),
    ("/api/evidence", {"a": "USA"}),
])
def test_bad_parameters_are_refused(client: TestClient, path: str, params: dict) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] in {"since", "limit", "until", "b"}


def test_network_whole_period_and_range(client: TestClient, sample_data: ReportData) -> None:
    whole = client.get("/api/network").json()
    assert len(whole["nodes"]) == 7
    assert {(e["source"], e["target"], e["sign"]) for e in whole["edges"]} == {
        (e.source, e.target, e.sign) for e in sample_data.edges}
    ranged = client.get("/api/network", params={"since": "2008-01-01"}).json()
    assert [(e["source"], e["target"], e["sign"], e["count"]) for e in ranged["edges"]] == [
        ("USA", "x:insurgents", -1, 1)]
    assert len(ranged["nodes"]) == 7  # positions stay put while the range changes


def test_balance(client: TestClient) -> None:
    whole = client.get("/api/balance").json()
    assert whole["balance"]["triangles"] == 3 and whole["balance"]["balance_degree"] == 1.0
    assert [c["members"] for c in whole["camps"]] == [
        ["IRN", "x:front", "x:insurgents", "x:mahdi-army"], ["GBR", "IRQGOV", "USA"]]
    assert whole["balance"]["frustration_index"] == 0
    early = client.get("/api/balance", params={"until": "2006-12-31"}).json()
    assert early["balance"]["edges"] == 5 and early["balance"]["triangles"] == 0
    assert [c["members"] for c in early["camps"]] == [
        ["GBR", "IRQGOV", "USA"], ["IRN", "x:front", "x:insurgents"]]


def test_evidence_and_timeline(client: TestClient) -> None:
    evidence = client.get("/api/evidence", params={"a": "USA", "b": "IRQGOV"}).json()
    assert evidence["total"] == 2
    assert {e["modality"] for e in evidence["events"]} == {"asserted", "negated"}
    assert evidence["events"][0]["document"]["source"] == "Daily Ledger"
    same = client.get("/api/evidence", params={"a": "IRQGOV", "b": "USA"}).json()
    assert same == evidence
    assert client.get("/api/evidence", params={"a": "USA", "b": "nobody"}).json() == {
        "total": 0, "events": []}
    points = client.get("/api/timeline", params={"a": "x:mahdi-army", "b": "USA"}).json()
    assert points["points"] == [
        {"period": "2007-05", "cooperation": 0, "conflict": 1, "net": -1.0}]


def test_page_and_static_files_are_served_locally(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "Sample &lt;explorer&gt;" in page.text
    assert '<script src="static/bokeh.min.js">' in page.text
    assert '<script src="static/bokeh-api.min.js">' in page.text
    assert "connect-src 'self'" in page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    bokeh = client.get("/static/bokeh.min.js")
    assert bokeh.status_code == 200 and len(bokeh.content) > 1_000_000
    assert len(client.get("/static/bokeh-api.min.js").content) > 50_000
    assert "aggregateEdges" in client.get("/static/explorer.js").text


def test_foreign_host_names_are_refused(sample_data: ReportData) -> None:
    # A page on another site that rebinds its DNS name to 127.0.0.1 must not read the API.
    client = TestClient(create_app(sample_data), base_url="http://attacker.example")
    assert client.get("/api/actors").status_code == 400


# ---- against a real store: read-only, reloads on change -------------------------------------

def test_store_is_opened_read_only_and_reloaded(store_path: Path, web_helpers) -> None:
    from faultlines.store import Store

    before = store_path.stat().st_mtime_ns
    client = TestClient(create_app(store_path), base_url=LOCAL)
    assert client.get("/api/events").json()["total"] == 13
    assert client.get("/api/meta").json()["title"] == "faultlines explorer: sample.duckdb"
    assert store_path.stat().st_mtime_ns == before
    # The explorer holds no connection between requests, so an ingest can write meanwhile.
    extra = web_helpers._result("late-2008-06", None, "Late Post", "Late", [
        ("Tehran and London agreed to talk again.", "AGREE", web_helpers.IRN, web_helpers.GBR)])
    with Store(store_path) as store:
        store.add_results([extra])
    os.utime(store_path, ns=(before + 10**9, before + 10**9))  # a coarse clock must still see it
    assert client.get("/api/events").json()["total"] == 14
    edges = client.get("/api/network").json()["edges"]
    assert ("GBR", "IRN", 1) in {(e["source"], e["target"], e["sign"]) for e in edges}


def test_missing_store_fails_at_start(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="nothing.duckdb"):
        create_app(tmp_path / "nothing.duckdb")


def test_reload_failure_keeps_the_loaded_data(tmp_path: Path, sample_data: ReportData) -> None:
    from faultlines.web import DataSource

    db = tmp_path / "fake.duckdb"
    db.write_text("v1")
    calls: list[int] = []

    def load(path: Path) -> ReportData:
        calls.append(1)
        if len(calls) == 2:
            raise StoreError(f"cannot open store {path}: locked")
        return sample_data

    source = DataSource(db, load=load)
    first = source.current()
    db.write_text("version 2")
    assert source.current() is first and len(calls) == 2  # failed reload: old data kept
    assert source.current() is not first and len(calls) == 3  # retried and loaded
    assert source.current().data is sample_data and len(calls) == 3  # unchanged: no reload
