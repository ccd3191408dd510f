"""The map panel of the report and the explorer in headless Chromium: points, dates, offline."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from faultlines.places import load_gazetteer, location_of
from faultlines.places.gazetteer import CITY
from faultlines.report import ReportData, aggregate_places, build_report_data, write_report
from faultlines.report.data import event_from_domain
from faultlines.types import ActorRef, Document, Event

pytestmark = pytest.mark.browser


def _helpers():
    if "report_helpers" not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "report" / "report_helpers.py"
        spec = importlib.util.spec_from_file_location("report_helpers", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["report_helpers"] = module
        spec.loader.exec_module(module)
    return sys.modules["report_helpers"]


h = _helpers()
A = ActorRef("the army", "IRQMIL", "Iraqi army", "IRQ", "MIL")
B = ActorRef("the militia", "x:militia", "militia")

# (date, place name, event type): two conflict points in 2007, a cooperation point in 2008
PLAN = [
    (dt.date(2007, 3, 1), "Mosul", "ASSAULT"), (dt.date(2007, 3, 2), "Mosul", "ASSAULT"),
    (dt.date(2007, 3, 3), "Mosul", "ASSAULT"), (dt.date(2007, 6, 1), "Basrah", "PROTEST"),
    (dt.date(2008, 2, 1), "Erbil", "AGREE"), (dt.date(2008, 2, 2), None, "AGREE"),
]


def _events() -> tuple[list[Event], list[Document]]:
    gaz = load_gazetteer()
    events, docs = [], []
    for i, (date, name, kind) in enumerate(PLAN):
        doc = Document(f"m{i}", f"Sentence {i} of our own.", date=date, source="Test Wire")
        polarity = 1 if kind == "AGREE" else -1
        event = Event(doc.id, 0, doc.text, date, kind, A, B, polarity, 1.0, trigger="x")
        if name is not None:
            place = next(p for p in gaz.lookup(name) if p.country_code == "IRQ" and p.kind == CITY)
            event = dataclasses.replace(event, location=location_of(place, name))
        events.append(event)
        docs.append(doc)
    return events, docs


@pytest.fixture(scope="module")
def map_data() -> ReportData:
    events, docs = _events()
    return build_report_data(events, docs, title="Map test", generated="2026-01-01 00:00 UTC")


def test_aggregate_places_counts_by_point_and_quad(map_data: ReportData) -> None:
    points = aggregate_places(map_data.events)
    assert [(p["place"], p["quad"], p["count"]) for p in points] == [
        ("Mosul", "material-conflict", 3), ("Basrah", "material-conflict", 1),
        ("Erbil", "verbal-cooperation", 1)]
    assert event_from_domain(_events()[0][-1]).lat is None  # unlocated: not on the map


def _map_points(page: Any) -> list[tuple[str, int]]:
    return page.evaluate("""() => {
        const gd = document.getElementById('fl-map');
        const out = [];
        gd.data.filter(t => t.meta === 'place').forEach(t =>
            t.customdata.forEach(c => out.push([t.name, c])));
        return out.sort();
    }""")


def _check_map(page: Any, local_prefixes: tuple[str, ...]) -> None:
    assert _map_points(page) == [["material-conflict", 1], ["material-conflict", 3],
                                 ["verbal-cooperation", 1]]
    drawn = page.evaluate("""() => Object.values(window.faultlines.plots['fl-map'].sources)
        .reduce((n, source) => n + source.data.x.length, 0)""")
    assert drawn == 3 and page.locator("#fl-map canvas").count() >= 1
    sizes = page.evaluate("""() => document.getElementById('fl-map').data
        .find(t => t.name === 'material-conflict').marker.size""")
    assert sizes[0] > sizes[1]  # sized by count (Mosul: 3 events)
    page.fill("#fl-since", "2008-01-01")
    page.dispatch_event("#fl-since", "change")
    page.wait_for_function("() => document.getElementById('fl-map-status').textContent"
                           ".includes('1 located events')")
    assert _map_points(page) == [["verbal-cooperation", 1]]
    assert page.console_errors == []
    leaving = [url for url in page.requests if not url.startswith(local_prefixes)]
    assert leaving == []


@pytest.mark.usefixtures("require_browser")
def test_report_map(map_data: ReportData, tmp_path: Path) -> None:
    path = write_report(map_data, tmp_path / "map.html")
    with h.browser_page() as page:
        page.goto(path.as_uri())
        h.wait_ready(page)
        _check_map(page, h.LOCAL_SCHEMES)


@pytest.fixture
def require_browser() -> None:
    if not h.chromium_available():
        pytest.skip("/usr/bin/chromium is not installed (run `make browser` as root)")
    pytest.importorskip("playwright.sync_api")


@pytest.fixture
def explorer(map_data: ReportData) -> Iterator[str]:
    import socket

    import uvicorn

    from faultlines.web import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(map_data), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"the explorer did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.mark.usefixtures("require_browser")
def test_explorer_map(explorer: str) -> None:
    with h.browser_page() as page:
        page.goto(explorer)
        h.wait_ready(page)
        _check_map(page, (explorer, *h.LOCAL_SCHEMES))
        assert any("/api/places?since=2008-01-01" in url for url in page.requests)
