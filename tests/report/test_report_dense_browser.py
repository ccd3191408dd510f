"""A dense report in headless Chromium: what the page does to stay fast with many dyads.

Over ``HANDLE_LIMIT`` (400) dyads the graph gives click handles to the most evidenced only, the
dyad list is built when it is opened, and line segments are chained into few SVG paths; the map
is drawn after the graph; the camp test runs in slices and says what a whole test says.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from itertools import combinations
from typing import Any

import pytest
import report_helpers as h

from faultlines.report.collect import build_report_data
from faultlines.types import ActorRef, Document, Event, polarity_of

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("require_chromium")]

ACTORS = [ActorRef(f"Actor {i}", f"x:a{i:02d}", f"Actor {i}", "IRQ", "GOV") for i in range(36)]
HANDLE_LIMIT = 400


def _corpus() -> tuple[list[Event], list[Document]]:
    rng = random.Random(4)
    pairs = [p for p in combinations(ACTORS, 2) if rng.random() < 0.85]  # about 535 dyads
    events, docs = [], []
    for n, (a, b) in enumerate(pairs):
        date = dt.date(2006, 1, 1) + dt.timedelta(days=n % 700)
        doc = f"d{n:04d}"
        kind = "AGREE" if int(a.id[3:]) % 2 == int(b.id[3:]) % 2 else "ASSAULT"
        for i in range(1 + n % 4):  # 1-4 events per dyad, so some dyads are better evidenced
            events.append(Event(doc, i, f"{a.name} and {b.name}, event {i}.", date, kind, a, b,
                                polarity_of(kind), 1.0, trigger=kind.lower()))
        docs.append(Document(doc, "text", date, source="Wire"))
    return events, docs


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    h.require_browser()
    events, docs = _corpus()
    data = build_report_data(events, docs, title="dense", generated="2026-01-01 00:00 UTC",
                             time_limit=1.0)
    assert len(data.edges) > HANDLE_LIMIT
    with h.report_page(data, tmp_path_factory.mktemp("dense") / "dense.html",
                       viewport={"width": 1280, "height": 700}) as browser_page:
        yield browser_page


def test_handles_go_to_the_most_evidenced_dyads(page: Any) -> None:
    drawn = page.evaluate("""() => {
        const mids = document.getElementById('fl-network').data.find(t => t.meta === 'edge');
        const edges = window.faultlines.state.edges;
        const handled = new Set(mids.customdata);
        const least = Math.min(...mids.customdata.map(i => edges[i].count));
        const most_left_out = Math.max(0, ...edges.filter((e, i) => !handled.has(i))
                                                   .map(e => e.count));
        return {handles: mids.customdata.length, edges: edges.length, least, most_left_out};
    }""")
    assert drawn["handles"] == HANDLE_LIMIT < drawn["edges"]
    assert drawn["least"] >= drawn["most_left_out"]


def test_lines_are_chained_into_few_paths_that_draw_every_dyad(page: Any) -> None:
    paths = page.evaluate("""() => ['1', '-1', '0'].reduce((n, sign) =>
        n + window.faultlines.plots['fl-network'].sources['lines' + sign].data.xs.length, 0)""")
    edges = page.evaluate("window.faultlines.state.edges.length")
    assert 0 < paths < edges / 4
    # every dyad is one segment of exactly one trail, and no trail invents a segment
    covered = page.evaluate("""() => {
        const edges = window.faultlines.state.edges;
        const trails = window.faultlines.chainSegments(edges.map(e => [e.source, e.target]));
        const seen = new Map();
        trails.forEach(t => { for (let i = 1; i < t.length; i++) {
            const k = [t[i - 1], t[i]].sort().join('|');
            seen.set(k, (seen.get(k) || 0) + 1);
        } });
        const want = new Set(edges.map(e => [e.source, e.target].sort().join('|')));
        return {segments: [...seen.values()].reduce((a, b) => a + b, 0), distinct: seen.size,
                all: [...want].every(k => seen.get(k) === 1), want: want.size};
    }""")
    assert covered["all"] and covered["segments"] == covered["distinct"] == covered["want"]


def test_dyad_list_is_built_when_opened(page: Any) -> None:
    before = page.locator("#fl-dyad option").count()
    assert before <= 2  # the placeholder and the selected dyad
    page.focus("#fl-dyad")
    edges = page.evaluate("window.faultlines.state.edges.length")
    assert page.locator("#fl-dyad option").count() == 1 + edges
    chosen = page.eval_on_selector("#fl-dyad", "s => s.value")
    assert chosen  # the selected dyad stays selected in the full list


def test_map_is_drawn_by_the_time_the_page_is_ready(page: Any) -> None:
    assert len(page.evaluate("document.getElementById('fl-map').data")) == 4
    assert "located events" in page.inner_text("#fl-map-status")


def test_sliced_camp_test_says_what_the_whole_test_says(page: Any) -> None:
    page.evaluate("""() => {
        document.getElementById('fl-since').value = '2006-03-01';
        document.getElementById('fl-until').value = '2006-12-31';
        document.getElementById('fl-until').dispatchEvent(new Event('change'));
    }""")
    page.wait_for_function(
        "() => document.getElementById('fl-range-status').textContent.includes('2006-12-31')")
    page.wait_for_function(
        "() => !document.getElementById('fl-support').textContent.startsWith('testing')")
    whole = page.evaluate("""() => window.faultlines.campSupport(
        window.faultlines.state.edges)""")
    assert whole["reason"] in page.inner_text("#fl-support")
    note = page.inner_text("#fl-camp-note")
    if whole["supported"]:
        assert note.startswith("Node colours: camps the ties support")
    else:
        assert note.startswith("The data cannot support camps for this range")
        assert whole["reason"] in note
