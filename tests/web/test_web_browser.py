"""`faultlines serve` in real headless Chromium: the page draws from the API, offline."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("require_chromium")]


def test_explorer_page(running_server: str, web_helpers: Any) -> None:
    h = web_helpers
    with h.browser_page() as page:
        page.goto(running_server)
        h.wait_ready(page)
        drawn = h.plotted_network(page)
        assert len(drawn["nodes"]) == 7 and len(drawn["edges"]) == 9
        assert {e[2] for e in drawn["edges"]} == {1, -1}

        h.click_plot_point(page, "edge", h.edge_index(page, "USA", "x:mahdi-army"))
        page.wait_for_function(
            "() => document.getElementById('fl-evidence-title').textContent"
            ".includes('Mahdi Army')")
        evidence = page.inner_text("#fl-evidence")
        assert "The Mahdi Army rejected the American presence outright." in evidence
        assert "\u201cTalks and threats\u201d" in evidence and "modality: hypothetical" in evidence

        h.click_plot_point(page, "edge", h.edge_index(page, "IRN", "x:mahdi-army"))
        page.wait_for_function(
            "() => document.getElementById('fl-evidence').textContent.includes('onerror')")
        h.assert_hostile_text_inert(page)

        page.fill("#fl-since", "2008-01-01")
        page.dispatch_event("#fl-since", "change")
        page.wait_for_function(
            "() => document.getElementById('fl-range-status').textContent.includes('2008-01-01')")
        assert [tuple(e) for e in h.plotted_network(page)["edges"]] == [
            ("USA", "x:insurgents", -1)]
        page.wait_for_function(
            "() => document.querySelectorAll('#fl-events tbody tr').length === 2")

        assert page.console_errors == []
        assert any(url.endswith("/api/network?since=2008-01-01") for url in page.requests)
        leaving = [url for url in page.requests
                   if not url.startswith((running_server, *h.LOCAL_SCHEMES))]
        assert leaving == []
