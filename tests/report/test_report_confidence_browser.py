"""The report's confidence slider, in headless Chromium: moving it redraws the network from the
events whose confidence reaches it, and events without a confidence stay."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import report_helpers as h

from faultlines.report.collect import build_report_data
from faultlines.types import ActorRef, Document, Event, polarity_of

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("require_chromium")]

AMB = ActorRef("Amberland", "AMB", "Amberland", "ABW", "GOV")
BLU = ActorRef("Bluevale", "BLU", "Bluevale", "BLZ", "GOV")
CIN = ActorRef("Cinderia", "CIN", "Cinderia", "CUB", "GOV")
DUN = ActorRef("Dunmore", "DUN", "Dunmore", "DNK", "GOV")

#: (event type, actor, recipient, confidence); None: coded by the rules alone
SPECS = [("AGREE", AMB, BLU, 0.9), ("ASSAULT", AMB, CIN, None), ("ACCUSE", BLU, CIN, 0.3),
         ("AID", CIN, DUN, 0.2)]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    h.require_browser()
    day = dt.date(2020, 3, 1)
    events = [Event("d1", i, f"Sentence {i} of our own.", day, kind, a, b, polarity_of(kind),
                    1.0, trigger=kind.lower(), confidence=confidence)
              for i, (kind, a, b, confidence) in enumerate(SPECS)]
    data = build_report_data(events, [Document("d1", "x", day, source="Wire")],
                             title="confidence", generated="2026-01-01 00:00 UTC")
    with h.report_page(data, tmp_path_factory.mktemp("conf") / "conf.html") as browser_page:
        yield browser_page


DRAWN_NODES = """() => {
    const t = (document.getElementById('fl-network').data || []).find(t => t.meta === 'node');
    return t ? Array.from(t.customdata).sort() : [];
}"""


def _move_slider(page: Any, value: str) -> None:
    page.evaluate("""v => { const s = document.getElementById('fl-confidence');
                           s.value = v; s.dispatchEvent(new Event('change')); }""", value)


def test_the_slider_drops_unsure_ties_and_keeps_rule_events(page: Any) -> None:
    assert page.evaluate(DRAWN_NODES) == ["AMB", "BLU", "CIN", "DUN"]
    assert page.evaluate("document.getElementById('fl-confidence').disabled") is False
    _move_slider(page, "0.5")
    # Dunmore's only tie (0.2) goes; Cinderia stays through the rules' ASSAULT (no confidence)
    page.wait_for_function(f"() => JSON.stringify(({DRAWN_NODES})()) === "
                           "JSON.stringify(['AMB', 'BLU', 'CIN'])")
    assert page.text_content("#fl-confidence-value") == "0.50"
    _move_slider(page, "0")
    page.wait_for_function(f"() => ({DRAWN_NODES})().includes('DUN')")
