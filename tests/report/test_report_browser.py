"""The report file in real headless Chromium: graph drawn, clicks show evidence, nothing fetched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import report_helpers as h

from faultlines.report import ReportData, aggregate_edges, filter_events
from faultlines.report.data import edge_to_json

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("require_chromium")]


@pytest.fixture(scope="module")
def page_module() -> Iterator[Any]:
    if not h.chromium_available():
        pytest.skip("/usr/bin/chromium is not installed (run `make browser` as root)")
    pytest.importorskip("playwright.sync_api")
    with h.browser_page() as page:
        yield page


@pytest.fixture
def page(page_module: Any, report_file: Path) -> Any:
    page_module.console_errors.clear()
    page_module.requests.clear()
    page_module.goto(report_file.as_uri())
    h.wait_ready(page_module)
    return page_module


def assert_offline_and_clean(page: Any) -> None:
    assert page.console_errors == []
    assert page.requests, "the page load itself should have been recorded"
    leaving = [url for url in page.requests if not url.startswith(h.LOCAL_SCHEMES)]
    assert leaving == []


def test_graph_has_nodes_and_edges_of_both_signs(page: Any, sample_data: ReportData) -> None:
    drawn = h.plotted_network(page)
    assert sorted(drawn["nodes"]) == sorted(n.id for n in sample_data.nodes)
    assert sorted(map(tuple, drawn["edges"])) == sorted(
        (e.source, e.target, e.sign) for e in sample_data.edges)
    styles = page.evaluate("""() => document.getElementById('fl-network').data
        .filter(t => t.mode === 'lines').map(t => [t.name, t.line.dash])""")
    assert {tuple(s) for s in styles} == {("cooperation", "solid"), ("conflict", "dash")}
    # the plot's data sources really hold the drawn markers, on a canvas that was painted
    drawn_nodes = page.evaluate(
        "() => window.faultlines.plots['fl-network'].sources.node.data.key.length")
    assert drawn_nodes == len(drawn["nodes"])
    assert page.locator("#fl-network canvas").count() >= 1
    assert_offline_and_clean(page)


def test_clicking_an_edge_shows_its_evidence(page: Any) -> None:
    index = h.edge_index(page, "USA", "x:mahdi-army")
    assert index >= 0
    h.click_plot_point(page, "edge", index)
    page.wait_for_function(
        "() => document.getElementById('fl-evidence-title').textContent.includes('Mahdi Army')")
    assert page.inner_text("#fl-evidence-title") == "United States \u2014 Mahdi Army"
    evidence = page.inner_text("#fl-evidence")
    assert "The Mahdi Army rejected the American presence outright." in evidence
    assert "The US may strike the militia if the attacks go on." in evidence
    assert "modality: hypothetical (not counted in the network)" in evidence
    assert page.locator("#fl-evidence li.uncounted").count() == 1
    assert "2007-05-20" in evidence and "Daily Ledger" in evidence
    assert "\u201cTalks and threats\u201d" in evidence
    assert "1 conflict; 1 hypothetical, advocated or negated (not counted)" in page.inner_text(
        "#fl-evidence-summary")
    bars = page.evaluate("""() => {
        const t = window.faultlines.plots['fl-timeline'].sources;
        return t.cooperation.data.top.concat(t.conflict.data.top).filter(v => v !== 0).length;
    }""")
    assert bars >= 1 and page.locator("#fl-timeline canvas").count() >= 1
    assert_offline_and_clean(page)


def test_clicking_an_edge_shows_attribution(page: Any) -> None:
    h.click_plot_point(page, "edge", h.edge_index(page, "IRN", "USA"))
    page.wait_for_function(
        "() => document.getElementById('fl-evidence-title').textContent.includes('Iran')")
    evidence = page.inner_text("#fl-evidence")
    assert "criticised Tehran for arming militias" in evidence
    assert "according to United Kingdom" in evidence and "modality: reported" in evidence


def test_clicking_a_node_shows_its_events(page: Any) -> None:
    h.click_plot_point(page, "node", h.node_index(page, "GBR"))
    page.wait_for_function(
        "() => document.getElementById('fl-evidence-title').textContent === 'United Kingdom'")
    evidence = page.inner_text("#fl-evidence")
    assert "Britain sent medical aid" in evidence and "London backed the American plan" in evidence
    assert "3 mentions, camp 2; 3 events in range" in page.inner_text("#fl-evidence-summary")
    assert_offline_and_clean(page)


def test_hostile_article_renders_as_text(page: Any) -> None:
    h.click_plot_point(page, "edge", h.edge_index(page, "IRN", "x:mahdi-army"))
    page.wait_for_function(
        "() => document.getElementById('fl-evidence').textContent.includes('onerror')")
    h.assert_hostile_text_inert(page)
    table = page.inner_text("#fl-events")
    assert "<img src=x onerror=" in table and "Night <Wire> & Co" in table
    # a name that is markup stays literal in the graph's labels and tooltips, which BokehJS
    # draws as text (each wrapped in a bidirectional isolate, U+2068 ... U+2069); only the
    # best connected nodes get a drawn label, so the label texts are read where the page
    # prepares them for every node
    names = page.evaluate("""() => {
        const p = window.faultlines.plots['fl-network'];
        const clean = t => t.replace(/[\u2068\u2069]/g, '');
        return {labels: p.labelling.names.map(clean),
                hover: p.sources.node.data.hname.map(clean)};
    }""")
    assert "<b>Front</b> <i>of</i> Tags" in names["labels"]
    assert "<b>Front</b> <i>of</i> Tags" in names["hover"]
    assert page.locator("#fl-network b, #fl-network i").count() == 0
    assert_offline_and_clean(page)


def test_date_range_matches_the_python_rule(page: Any, sample_data: ReportData) -> None:
    page.fill("#fl-since", "2007-01-01")
    page.fill("#fl-until", "2007-12-31")
    page.dispatch_event("#fl-until", "change")
    page.wait_for_function(
        "() => document.getElementById('fl-range-status').textContent.includes('2007-12-31')")
    drawn = h.plotted_network(page)
    want = aggregate_edges(filter_events(sample_data.events, dt.date(2007, 1, 1),
                                         dt.date(2007, 12, 31)))
    assert sorted(map(tuple, drawn["edges"])) == sorted((e.source, e.target, e.sign) for e in want)
    # the browser's own aggregate equals Python's, field by field
    assert page.evaluate("window.faultlines.state.edges") == [edge_to_json(e) for e in want]
    rows = page.locator("#fl-events tbody tr").count()
    assert rows == len(filter_events(sample_data.events, dt.date(2007, 1, 1),
                                     dt.date(2007, 12, 31)))
    page.click("#fl-reset")
    page.wait_for_function(
        "() => document.getElementById('fl-range-status').textContent.includes('whole period')")
    assert len(h.plotted_network(page)["edges"]) == len(sample_data.edges)
    assert_offline_and_clean(page)


def test_event_table_search(page: Any) -> None:
    assert page.locator("#fl-events tbody tr").count() == 13
    page.fill("#fl-search", "evening courier")
    page.wait_for_function("() => document.querySelectorAll('#fl-events tbody tr').length === 5")
    page.fill("#fl-search", "mahdi")
    page.wait_for_function("() => document.querySelectorAll('#fl-events tbody tr').length === 3")
    page.select_option("#fl-type", "REJECT")
    page.wait_for_function("() => document.querySelectorAll('#fl-events tbody tr').length === 1")
    page.locator("#fl-events tbody tr").first.click()
    page.wait_for_function(
        "() => document.getElementById('fl-evidence-title').textContent.includes('Mahdi')")
    assert_offline_and_clean(page)


def test_summary_lists_camps_and_balance(page: Any) -> None:
    camps = page.inner_text("#fl-camps")
    assert "Camp 1: <b>Front</b> <i>of</i> Tags, Iran, Mahdi Army, Sunni insurgents" in camps
    assert "Camp 2: Iraqi government, United Kingdom, United States" in camps
    balance = page.inner_text("#fl-balance")
    assert "100.0% of triangles balanced" in balance
    assert "0 dyads to remove for two perfectly balanced camps" in balance


def test_dyad_list_selects_a_pair(page: Any) -> None:
    labels = page.locator("#fl-dyad option").all_inner_texts()
    assert len(labels) == 1 + 9 and "United Kingdom \u2014 United States (1)" in labels
    page.select_option("#fl-dyad", "IRQGOV|USA")
    page.wait_for_function(
        "() => document.getElementById('fl-evidence').textContent.includes('did not agree')")
    assert page.inner_text("#fl-evidence-title") == "Iraqi government \u2014 United States"
    assert "modality: negated" in page.inner_text("#fl-evidence")
    assert_offline_and_clean(page)


def test_hovering_a_node_shows_its_name_as_text(page: Any) -> None:
    index = h.node_index(page, "x:front")
    assert index >= 0
    x, y = h.screen_point(page, "node", index)
    page.mouse.move(x - 20, y - 20)
    page.mouse.move(x, y, steps=4)
    page.mouse.move(x + 1, y + 1, steps=2)
    tooltip = page.locator(".bk-tooltip-content")  # BokehJS puts tooltips at the end of <body>
    tooltip.first.wait_for(state="attached", timeout=5_000)
    text = " ".join(tooltip.all_inner_texts()).replace("\u2068", "").replace("\u2069", "")
    assert "<b>Front</b> <i>of</i> Tags" in text and "mentions" in text
    assert page.locator(".bk-tooltip-content b, .bk-tooltip-content i").count() == 0
    assert_offline_and_clean(page)
