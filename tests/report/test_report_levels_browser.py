"""Levels and date-ranged camps in the report, in headless Chromium."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import report_helpers as h

from faultlines.report.collect import build_report_data
from faultlines.types import ActorRef, Document, Event, polarity_of

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("require_chromium")]

US_GOV = ActorRef("Washington", "USA_GOV", "United States government", "USA", "GOV")
US_MIL = ActorRef("U.S. forces", "USA_MIL", "United States armed forces", "USA", "MIL")
MARINES = ActorRef("the Marines", "US_MARINE_CORPS", "U.S. Marine Corps", "USA", "MIL")
TRIBES = ActorRef("the sheikhs", "x:tribes", "Anbar tribes", "IRQ", "ELI")
QAEDA = ActorRef("the group", "AQI", "al-Qaeda in Iraq", "IRQ", "REB")
SADR = ActorRef("the cleric", "SADR", "Moqtada al-Sadr", "IRQ", "REL")


def _event(doc: str, i: int, date: dt.date, kind: str, a: ActorRef, b: ActorRef) -> Event:
    return Event(doc, i, f"Sentence {doc} {i}.", date, kind, a, b, polarity_of(kind), 1.0,
                 trigger=kind.lower())


def _corpus() -> tuple[list[Event], list[Document]]:
    early, late = dt.date(2005, 6, 1), dt.date(2007, 6, 1)
    events = []
    # 2005: the tribes stand with al-Qaeda against the Americans
    for i, (kind, a, b) in enumerate([
            ("ASSAULT", MARINES, TRIBES), ("ASSAULT", US_MIL, QAEDA), ("AGREE", TRIBES, QAEDA),
            ("ASSAULT", TRIBES, US_GOV), ("COOPERATE", SADR, US_GOV)]):
        events.append(_event("d2005", i, early, kind, a, b))
    # 2007: the tribes turn on al-Qaeda and join the Americans
    for i, (kind, a, b) in enumerate([
            ("COOPERATE", US_MIL, TRIBES), ("ASSAULT", TRIBES, QAEDA), ("AGREE", MARINES, TRIBES),
            ("ASSAULT", US_GOV, QAEDA), ("ASSAULT", SADR, US_MIL)]):
        events.append(_event("d2007", i, late, kind, a, b))
    docs = [Document("d2005", "x", early, source="Wire"), Document("d2007", "y", late,
                                                                     source="Wire")]
    return events, docs


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    h.require_browser()
    events, docs = _corpus()
    data = build_report_data(events, docs, title="levels", generated="2026-01-01 00:00 UTC")
    with h.report_page(data, tmp_path_factory.mktemp("levels") / "levels.html") as browser_page:
        yield browser_page


# the network as drawn has a node with this id
DRAWN = """id => {
    const t = (document.getElementById('fl-network').data || []).find(t => t.meta === 'node');
    return t && t.customdata.includes(id);
}"""


def _camp_of(page: Any, actor: str) -> int | None:
    return page.evaluate("id => window.faultlines.state.campOf.has(id) ? "
                         "window.faultlines.state.campOf.get(id) : null", actor)


def _set_range(page: Any, since: str, until: str) -> None:
    page.fill("#fl-since", since)
    page.dispatch_event("#fl-since", "change")
    page.fill("#fl-until", until)
    page.dispatch_event("#fl-until", "change")
    page.wait_for_function(
        "u => document.getElementById('fl-range-status').textContent.includes(u)", arg=until)


def test_camps_change_with_the_date_range(page: Any) -> None:
    page.select_option("#fl-level", "actor")
    page.wait_for_function("() => window.faultlines.state.level === 'actor'")
    _set_range(page, "2005-01-01", "2005-12-31")
    assert _camp_of(page, "x:tribes") == _camp_of(page, "AQI")
    assert _camp_of(page, "x:tribes") != _camp_of(page, "USA_MIL")
    _set_range(page, "2007-01-01", "2007-12-31")
    assert _camp_of(page, "x:tribes") == _camp_of(page, "USA_MIL")
    assert _camp_of(page, "x:tribes") != _camp_of(page, "AQI")
    # every range says whether its ties can support camps at all
    assert page.inner_text("#fl-support").strip()
    page.click("#fl-reset")
    assert page.console_errors == []


def test_the_state_level_puts_the_united_states_in_one_node(page: Any) -> None:
    page.click("#fl-reset")
    page.select_option("#fl-level", "state")
    page.wait_for_function("() => window.faultlines.state.level === 'state' && "
                           "document.body.getAttribute('data-ready') === 'true'")
    page.wait_for_function(DRAWN, arg="USA")
    drawn = h.plotted_network(page)
    assert "USA" in drawn["nodes"]
    assert not {"USA_GOV", "USA_MIL", "US_MARINE_CORPS"} & set(drawn["nodes"])
    # the tribes and the cleric are Iraqis without arms of their own: they are Iraq at this
    # level; al-Qaeda in Iraq, an armed group (REB), keeps its node
    assert set(drawn["nodes"]) == {"USA", "AQI", "IRQ"}
    page.select_option("#fl-level", "group")
    page.wait_for_function(DRAWN, arg="USA_MIL")
    drawn = h.plotted_network(page)
    assert {"USA_GOV", "USA_MIL"} <= set(drawn["nodes"]) and "US_MARINE_CORPS" not in drawn["nodes"]
    leaving = [u for u in page.requests if not u.startswith(h.LOCAL_SCHEMES)]
    assert leaving == [] and page.console_errors == []


def test_page_and_python_count_the_same_triangles(page: Any) -> None:
    import networkx as nx

    from faultlines.network import camp_support

    rng_graph = nx.gnm_random_graph(30, 140, seed=5)
    edges = [{"source": f"n{u}", "target": f"n{v}", "sign": 1 if (u * v) % 3 else -1}
             for u, v in rng_graph.edges]
    G = nx.Graph()
    G.add_edges_from((e["source"], e["target"], {"sign": e["sign"]}) for e in edges)
    python = camp_support(G, samples=10)
    page_result = page.evaluate("edges => window.faultlines.campSupport(edges, 10)", edges)
    assert page_result["triangles"] == python.triangles > 0
    assert abs(page_result["balance"] - python.balance) < 1e-9


def test_the_graph_says_when_camps_are_not_supported(page: Any) -> None:
    """Ten events have too few triangles for camps: the note above the graph says so."""
    page.click("#fl-reset")
    page.wait_for_function(
        "() => document.getElementById('fl-range-status').textContent.includes('whole period')")
    note = page.inner_text("#fl-camp-note")
    support = page.evaluate("window.faultlines.state.source.data.support")
    assert support["supported"] is False
    assert note.startswith("The data cannot support camps for this range: ")
    assert support["reason"] in note


def test_the_level_dropdown_follows_a_level_set_by_a_call(page: Any) -> None:
    page.click("#fl-reset")
    page.evaluate("() => window.faultlines.setLevel('state')")
    page.wait_for_function(DRAWN, arg="USA")
    assert page.eval_on_selector("#fl-level", "s => s.value") == "state"
    page.evaluate("() => window.faultlines.setLevel('group')")
    page.wait_for_function(DRAWN, arg="USA_MIL")
    assert page.eval_on_selector("#fl-level", "s => s.value") == "group"
    # a level the page does not know is refused and changes nothing
    error = page.evaluate(
        "() => window.faultlines.setLevel('planet').then(() => null, e => e.message)")
    assert error == "unknown level: planet"
    assert page.evaluate("() => window.faultlines.state.level") == "group"
    assert page.eval_on_selector("#fl-level", "s => s.value") == "group"
    page.select_option("#fl-level", "actor")
    page.wait_for_function("() => window.faultlines.state.level === 'actor'")
