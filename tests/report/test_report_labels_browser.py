"""Node labels in headless Chromium: only the most connected nodes, no two labels overlapping."""

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

LABEL_LIMIT = 15
# long names, so that labels of near nodes would collide if all were drawn
ACTORS = [ActorRef(f"Group {i}", f"x:g{i:02d}", f"Provincial Council of District {i}", "IRQ",
                   "GOV") for i in range(40)]


def _corpus() -> tuple[list[Event], list[Document]]:
    rng = random.Random(7)
    events, docs = [], []
    for n, (a, b) in enumerate(p for p in combinations(ACTORS, 2) if rng.random() < 0.2):
        date = dt.date(2006, 1, 1) + dt.timedelta(days=n % 300)
        kind = "AGREE" if (int(a.id[3:]) + int(b.id[3:])) % 3 else "ASSAULT"
        # the low-numbered actors take part in more events: they are the important ones
        repeats = 1 + (int(a.id[3:]) < 5) * 3
        for i in range(repeats):
            events.append(Event(f"d{n}", i, f"{a.name} and {b.name}.", date, kind, a, b,
                                polarity_of(kind), 1.0, trigger=kind.lower()))
        docs.append(Document(f"d{n}", "text", date, source="Wire"))
    return events, docs


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    h.require_browser()
    events, docs = _corpus()
    data = build_report_data(events, docs, title="labels", generated="2026-01-01 00:00 UTC",
                             time_limit=1.0)
    with h.report_page(data, tmp_path_factory.mktemp("labels") / "labels.html",
                       viewport={"width": 1280, "height": 800}) as browser_page:
        yield browser_page


# Each drawn label's box on screen, measured here: its node's screen point (Bokeh's own
# scales), the label's offset from the plot's data, and the text's width in the label font.
LABEL_BOXES = """() => {
    const plot = window.faultlines.plots['fl-network'], d = plot.sources.node.data;
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = '11px helvetica';
    const out = [];
    d.key.forEach((key, i) => {
        if (!d.label[i]) { return; }
        const [x, y] = window.faultlines.screenPoint('fl-network', d.x[i], d.y[i]);
        const cx = x + d.dx[i], cy = y + d.dy[i], w = ctx.measureText(d.label[i]).width;
        out.push({key, left: cx - w / 2, right: cx + w / 2, top: cy - 6.5, bottom: cy + 6.5,
                  x, y, r: d.size[i] / 2});
    });
    return {boxes: out, nodes: d.key.length, hover: d.hname.filter(n => n).length,
            keys: d.key, markers: d.key.map((k, i) => [k, ...window.faultlines.screenPoint(
                'fl-network', d.x[i], d.y[i]), d.size[i] / 2])};
}"""


def _overlapping(boxes: list[dict[str, float]]) -> list[tuple[str, str]]:
    return [(a["key"], b["key"]) for i, a in enumerate(boxes) for b in boxes[:i]
            if a["left"] < b["right"] and b["left"] < a["right"]
            and a["top"] < b["bottom"] and b["top"] < a["bottom"]]


def _on_markers(drawn: dict[str, Any]) -> list[tuple[str, str]]:
    """Labels whose box covers another node's marker."""
    return [(b["key"], k) for b in drawn["boxes"] for k, x, y, r in drawn["markers"]
            if k != b["key"] and b["left"] < x + r and x - r < b["right"]
            and b["top"] < y + r and y - r < b["bottom"]]


def test_only_a_bounded_number_of_nodes_is_labelled_and_all_are_named_on_hover(page: Any):
    drawn = page.evaluate(LABEL_BOXES)
    assert drawn["nodes"] == 40
    assert 3 <= len(drawn["boxes"]) <= LABEL_LIMIT
    assert drawn["hover"] == 40


def _top(page: Any, n: int) -> set[str]:
    """The ``n`` best connected nodes, ranked as the page ranks them (events, then mentions)."""
    rank = page.evaluate("""() => {
        const p = window.faultlines.plots['fl-network'];
        return p.labelling.rank.map(i => p.sources.node.data.key[i]);
    }""")
    return set(rank[:n])


def test_labels_do_not_overlap_each_other_or_other_nodes(page: Any):
    drawn = page.evaluate(LABEL_BOXES)
    assert _overlapping(drawn["boxes"]) == []
    # only the five best connected may sit over a neighbour's marker, when nowhere else fits
    assert {label for label, _node in _on_markers(drawn)} <= _top(page, 5)
    # the page's own record of where it put them agrees with what the plot data says
    placed = page.evaluate("window.faultlines.plots['fl-network'].labelBoxes.map(b => b.key)")
    assert sorted(placed) == sorted(b["key"] for b in drawn["boxes"])


def test_the_most_connected_node_is_labelled(page: Any):
    weights = page.evaluate("""() => {
        const w = {};
        window.faultlines.state.edges.forEach(e => {
            w[e.source] = (w[e.source] || 0) + e.count; w[e.target] = (w[e.target] || 0) + e.count;
        });
        return w;
    }""")
    top = max(weights, key=lambda k: (weights[k], k))
    labelled = {b["key"] for b in page.evaluate(LABEL_BOXES)["boxes"]}
    assert top in labelled
    # the labelled nodes are, on average, far better connected than the rest
    rest = [w for k, w in weights.items() if k not in labelled]
    assert sum(weights[k] for k in labelled) / len(labelled) > sum(rest) / len(rest)


def test_labels_are_placed_again_after_zooming_out(page: Any):
    page.evaluate("window.scrollTo(0, 0)")
    before = page.evaluate(LABEL_BOXES)
    # zoom out about the centre with the plot's own wheel-zoom tool: the nodes crowd together
    page.evaluate("""() => {
        const view = window.faultlines.plots['fl-network'].view, box = view.frame.bbox;
        const wheel = [...view.tool_views.values()].find(t => typeof t.zoom === 'function');
        const x = box.x + box.width / 2, y = box.y + box.height / 2;
        for (let i = 0; i < 4; i++) { wheel.zoom(x, y, -200); }
    }""")
    page.wait_for_timeout(500)
    after = page.evaluate(LABEL_BOXES)
    spread = [max(m[i] for m in d["markers"]) - min(m[i] for m in d["markers"])
              for d in (before, after) for i in (1, 2)]
    assert spread[2] < spread[0] / 2 and spread[3] < spread[1] / 2  # the view really zoomed out
    assert _overlapping(after["boxes"]) == []
    assert {label for label, _node in _on_markers(after)} <= _top(page, 5)
    assert len(after["boxes"]) < len(before["boxes"])  # fewer fit: some labels were taken down
