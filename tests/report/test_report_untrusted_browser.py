"""The report in headless Chromium with hostile metadata: no way to send data out, no reversed
text, no page wider than the viewport, safe links, rows reachable by keyboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import report_helpers as h

from faultlines.report.collect import build_report_data
from faultlines.types import ActorRef, Document, Event

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("require_chromium")]

RLO = "\u202e"
LONG = "Q" * 100_000
USA = ActorRef("Washington", "USA", "United States", "USA", "GOV")
SPOOF = ActorRef("x", "x:spoof", f"{RLO}gnp reveal", "IRQ", "PTY")
WIDE = ActorRef("y", "x:wide", "W" * 5_000, "IRQ", "PTY")


def _events() -> tuple[list[Event], list[Document]]:
    docs = [
        Document("d-rlo", "One. Two.", dt.date(2007, 1, 5), source=f"{RLO}Wire Desk",
                 title=f"{RLO}Talks collapse", author="Ann Writer",
                 url="https://example.org/talks"),
        Document("d-long", "Three.", dt.date(2007, 2, 5), source="Long Desk", title=LONG,
                 url="javascript:alert(1)"),
    ]
    events = [
        Event("d-rlo", 0, "The party denounced the embassy.", dt.date(2007, 1, 5), "REJECT",
              SPOOF, USA, -1, -2.0, trigger="denounced", source=f"{RLO}Wire Desk"),
        Event("d-long", 0, "The group praised Washington " + "Z" * 3000, dt.date(2007, 2, 5),
              "SUPPORT", WIDE, USA, 1, 1.0, trigger="praised", source="Long Desk"),
    ]
    return events, docs


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    h.require_browser()
    events, docs = _events()
    data = build_report_data(events, docs, title=f"{RLO}Hostile {LONG}",
                             generated="2026-01-01 00:00 UTC")
    with h.report_page(data, tmp_path_factory.mktemp("hostile") / "hostile.html") as browser_page:
        yield browser_page


def test_the_toolbar_offers_no_way_to_send_data_out(page: Any) -> None:
    page.hover("#fl-network")
    titles = h.toolbar_titles(page, "fl-network")
    assert "Pan" in titles and "Save" in titles, titles  # the toolbar is there
    lowered = " ".join(titles).lower()
    for word in ("share", "cloud", "chart studio", "edit", "plotly", "bokeh", "help"):
        assert word not in lowered, titles
    assert h.links_in(page, "fl-network") == 0  # no logo link either
    leaving = [u for u in page.requests if not u.startswith(h.LOCAL_SCHEMES)]
    assert leaving == []
    assert page.console_errors == []


def test_an_override_in_a_title_or_outlet_does_not_reverse_other_text(page: Any) -> None:
    page.click("#fl-events tbody tr")
    page.wait_for_function(
        "() => document.getElementById('fl-evidence').textContent.includes('denounced')")
    meta = page.inner_text("#fl-evidence li .meta")
    assert "modality: asserted" in meta
    assert RLO not in page.inner_text("body")
    # every field of the evidence line is its own isolate
    assert page.locator("#fl-evidence li .meta bdi").count() >= 5
    camps = page.inner_text("#fl-camps")
    assert RLO not in camps


def test_long_values_leave_the_page_no_wider_than_the_viewport(page: Any) -> None:
    widths = page.evaluate("""() => [document.documentElement.scrollWidth,
                                     document.documentElement.clientWidth]""")
    assert widths[0] <= widths[1], widths
    # the long title is cut, with the whole text kept as a tooltip
    heading = page.locator("#fl-title bdi")
    assert len(heading.inner_text()) <= 200
    assert len(heading.get_attribute("title")) > 100_000
    option_widths = page.evaluate("""() => Array.from(document.querySelectorAll(
        '#fl-dyad option')).map(o => o.textContent.length)""")
    assert max(option_widths) < 200


def test_links_only_for_http_urls_and_authors_shown(page: Any) -> None:
    page.click("#fl-events tbody tr")
    page.wait_for_function(
        "() => document.getElementById('fl-evidence').textContent.includes('denounced')")
    link = page.locator("#fl-evidence .meta a")
    assert link.count() == 1
    assert link.get_attribute("href") == "https://example.org/talks"
    assert set(link.get_attribute("rel").split()) == {"noopener", "noreferrer"}
    assert "Ann Writer" in page.inner_text("#fl-evidence")
    assert page.locator("a[href^='javascript:']").count() == 0


def test_table_rows_open_by_keyboard(page: Any) -> None:
    page.fill("#fl-search", "praised")
    page.wait_for_function(
        "() => document.querySelectorAll('#fl-events tbody tr').length === 1")
    page.focus("#fl-events tbody tr")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.getElementById('fl-evidence').textContent.includes('praised')")
    page.fill("#fl-search", "")
