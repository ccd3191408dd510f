"""Hand-made articles and browser helpers shared by tests/report and tests/web.

The sentences are written for these tests. One article is hostile: its headline and sentence
carry ``<script>`` and ``<img onerror=...>`` that set ``window.__pwned`` if they ever run.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from faultlines.types import ActorRef, Document, DocumentResult, Event, Mention, polarity_of

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
LOCAL_SCHEMES = ("file://", "data:", "blob:", "about:")

USA = ActorRef("Washington", "USA", "United States", "USA", "GOV")
IRQ = ActorRef("Baghdad", "IRQGOV", "Iraqi government", "IRQ", "GOV")
GBR = ActorRef("London", "GBR", "United Kingdom", "GBR", "GOV")
IRN = ActorRef("Tehran", "IRN", "Iran", "IRN", "GOV")
MAHDI = ActorRef("the Mahdi Army", "x:mahdi-army", "Mahdi Army", "IRQ", "REB")
INSURGENTS = ActorRef("insurgents", "x:insurgents", "Sunni insurgents", "IRQ", "REB")
# An actor whose name is markup: plot labels must show it as typed, not as bold text.
MARKUP = ActorRef("<b>Front</b>", "x:front", "<b>Front</b> <i>of</i> Tags", "IRQ", "PTY")

HOSTILE_TITLE = "<script>window.__pwned = 'title'</script> Militia news"
HOSTILE_SENTENCE = ("Tehran <img src=x onerror=\"window.__pwned = 'img'\"> armed the Mahdi Army "
                    "<script>window.__pwned = 'script'</script> last month.")


def _result(doc_id: str, date: dt.date | None, source: str, title: str,
            specs: list[tuple[Any, ...]]) -> DocumentResult:
    """``specs``: (sentence, event_type, actor, recipient[, modality[, attributed_to]])."""
    text = " ".join(spec[0] for spec in specs)
    doc = Document(id=doc_id, text=text, date=date, source=source, title=title,
                   origin=f"{doc_id}.txt")
    events, mentions = [], []
    for index, spec in enumerate(specs):
        sentence, event_type, actor, recipient = spec[:4]
        modality = spec[4] if len(spec) > 4 else "asserted"
        attributed = spec[5] if len(spec) > 5 else None
        events.append(Event(
            doc_id=doc_id, sentence_index=index, sentence=sentence, date=date,
            event_type=event_type, actor=actor, recipient=recipient,
            polarity=polarity_of(event_type), intensity=float(polarity_of(event_type)),
            modality=modality, attributed_to=attributed, trigger=event_type.lower(),
            source=source))
        for ref in (actor, recipient):
            if ref is not None:
                mentions.append(Mention(doc_id, index, 0, 1, ref.text, ref))
    return DocumentResult(document=doc, mentions=tuple(mentions), events=tuple(events),
                          sentence_count=len(specs))


def sample_results() -> list[DocumentResult]:
    """Six articles, 2006-2008: the US, Baghdad and London cooperate; Tehran backs the militia.

    Expected signed dyads (asserted/reported events only):
    USA+IRQGOV, GBR+USA, GBR+IRQGOV, IRN+x:mahdi-army, x:front+x:insurgents positive;
    IRQGOV-x:insurgents, IRN-USA, USA-x:mahdi-army, USA-x:insurgents negative.
    """
    return [
        _result("ledger-2006-03", dt.date(2006, 3, 10), "Daily Ledger", "A plan for Baghdad", [
            ("Washington agreed with Baghdad on a new security plan.", "AGREE", USA, IRQ),
            ("London backed the American plan within hours.", "SUPPORT", GBR, USA),
        ]),
        _result("courier-2006-09", dt.date(2006, 9, 2), "Evening Courier", "Convoy hit", [
            ("Insurgents attacked a government convoy north of the capital.", "ASSAULT",
             INSURGENTS, IRQ),
            ("American officials criticised Tehran for arming militias, a diplomat said.",
             "ACCUSE", USA, IRN, "reported", GBR),
            ("The front pledged its support to the insurgents.", "SUPPORT", MARKUP, INSURGENTS),
        ]),
        _result("ledger-2007-05", dt.date(2007, 5, 20), "Daily Ledger", "Talks and threats", [
            ("The Iraqi cabinet met British envoys to discuss training.", "CONSULT", IRQ, GBR),
            ("The Mahdi Army rejected the American presence outright.", "REJECT", MAHDI, USA),
            ("The US may strike the militia if the attacks go on.", "THREATEN", USA, MAHDI,
             "hypothetical"),
            ("Baghdad mobilised its police reserves.", "MOBILIZE", IRQ, None),
        ]),
        _result("wire-2007-11", dt.date(2007, 11, 1), "Night <Wire> & Co", HOSTILE_TITLE, [
            (HOSTILE_SENTENCE, "SUPPORT", IRN, MAHDI),
        ]),
        _result("courier-2008-01", dt.date(2008, 1, 15), "Evening Courier", "Detentions", [
            ("US troops detained several insurgent leaders.", "COERCE", USA, INSURGENTS),
            ("Baghdad did not agree to the proposed timetable.", "AGREE", IRQ, USA, "negated"),
        ]),
        _result("notes-undated", None, "Field Notes", "Aid shipment", [
            ("Britain sent medical aid to the Iraqi ministries.", "AID", GBR, IRQ),
        ]),
    ]


def sample_events() -> list[Event]:
    return [event for result in sample_results() for event in result.events]


def sample_documents() -> list[Document]:
    return [result.document for result in sample_results()]


def write_store(path: Path) -> Path:
    """A faultlines store at ``path`` holding :func:`sample_results`."""
    from faultlines.store import Store

    with Store(path) as store:
        store.add_results(sample_results())
    return path


# ---- browser ---------------------------------------------------------------------------------

def chromium_available() -> bool:
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


@contextmanager
def browser_page() -> Iterator[Any]:
    """A fresh page in headless Debian chromium, with ``page.console_errors`` and
    ``page.requests`` recording every console error, page error and request URL."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            requests: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
            page.on("request", lambda r: requests.append(r.url))
            page.console_errors = errors
            page.requests = requests
            yield page
        finally:
            browser.close()


def require_browser() -> None:
    """Skip the calling test or fixture when headless chromium or playwright is missing."""
    import pytest

    if not chromium_available():
        pytest.skip("/usr/bin/chromium is not installed (run `make browser` as root)")
    pytest.importorskip("playwright.sync_api")


@contextmanager
def report_page(data: Any, path: Path, viewport: dict[str, int] | None = None) -> Iterator[Any]:
    """The report of ``data`` written to ``path``, open and drawn in a fresh browser page."""
    from faultlines.report import write_report

    require_browser()
    written = write_report(data, path)
    with browser_page() as page:
        if viewport is not None:
            page.set_viewport_size(viewport)
        page.goto(written.as_uri())
        wait_ready(page)
        yield page


def wait_ready(page: Any, timeout_ms: int = 30_000) -> None:
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=timeout_ms)


def plotted_network(page: Any) -> dict[str, Any]:
    """Node ids and edge (source, target) pairs as drawn in the network plot."""
    return page.evaluate("""() => {
        const gd = document.getElementById('fl-network');
        const nodes = gd.data.find(t => t.meta === 'node');
        const mids = gd.data.find(t => t.meta === 'edge');
        const edges = mids.customdata.map(i => window.faultlines.state.edges[i]);
        return {nodes: nodes.customdata, edges: edges.map(e => [e.source, e.target, e.sign])};
    }""")


def screen_point(page: Any, meta: str, index: int) -> tuple[float, float]:
    """Page coordinates of point ``index`` of the layer whose ``meta`` is node or edge."""
    point = page.evaluate("""([meta, index]) => {
        const gd = document.getElementById('fl-network');
        const trace = gd.data.find(t => t.meta === meta);
        return window.faultlines.screenPoint('fl-network', trace.x[index], trace.y[index]);
    }""", [meta, index])
    return float(point[0]), float(point[1])


def click_plot_point(page: Any, meta: str, index: int) -> None:
    """Move the real mouse onto a plotted point (so the plot's hover picks it) and click it."""
    x, y = screen_point(page, meta, index)
    page.mouse.move(x - 20, y - 20)
    page.mouse.move(x, y, steps=4)
    page.wait_for_timeout(150)  # let the hover settle, as a reader's mouse would
    page.mouse.click(x, y)


def edge_index(page: Any, a: str, b: str) -> int:
    """Position of dyad (a, b) in the clickable edge-midpoint trace."""
    return page.evaluate("""([a, b]) => {
        const gd = document.getElementById('fl-network');
        const mids = gd.data.find(t => t.meta === 'edge');
        const edges = window.faultlines.state.edges;
        return mids.customdata.findIndex(i =>
            (edges[i].source === a && edges[i].target === b) ||
            (edges[i].source === b && edges[i].target === a));
    }""", [a, b])


def clearest_edge(page: Any) -> int:
    """The edge handle farthest from every node and other handle, so a click cannot miss it."""
    return page.evaluate("""() => {
        const gd = document.getElementById('fl-network');
        const px = (t, i) => window.faultlines.screenPoint('fl-network', t.x[i], t.y[i]);
        const mids = gd.data.find(t => t.meta === 'edge');
        const nodes = gd.data.find(t => t.meta === 'node');
        const others = [];
        nodes.x.forEach((_, i) => others.push(px(nodes, i)));
        let best = 0, bestGap = -1;
        mids.x.forEach((_, i) => {
            const [x, y] = px(mids, i);
            let gap = Infinity;
            others.forEach(([u, v]) => { gap = Math.min(gap, Math.hypot(x - u, y - v)); });
            mids.x.forEach((_, j) => {
                if (j === i) { return; }
                const [u, v] = px(mids, j);
                gap = Math.min(gap, Math.hypot(x - u, y - v));
            });
            if (gap > bestGap) { bestGap = gap; best = i; }
        });
        return best;
    }""")


def node_index(page: Any, actor_id: str) -> int:
    return page.evaluate("""(id) => {
        const gd = document.getElementById('fl-network');
        return gd.data.find(t => t.meta === 'node').customdata.indexOf(id);
    }""", actor_id)


def assert_hostile_text_inert(page: Any) -> None:
    """The hostile headline and sentence are on the page as text and nothing of them ran."""
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#fl-evidence img, #fl-events img, #fl-evidence script").count() == 0
    evidence = page.inner_text("#fl-evidence")
    assert "<img src=x onerror=" in evidence
    assert "<script>window.__pwned = 'script'</script>" in evidence
    assert "<script>window.__pwned = 'title'</script>" in evidence


def toolbar_titles(page: Any, plot_id: str) -> list[str]:
    """Titles of the buttons in a plot's toolbar (BokehJS keeps them in shadow roots)."""
    return page.evaluate("""(id) => {
        const out = [];
        const walk = (root) => root.querySelectorAll('*').forEach(e => {
            if (e.classList && [...e.classList].some(c => c.endsWith('Button')) && e.title) {
                out.push(e.title);
            }
            if (e.shadowRoot) { walk(e.shadowRoot); }
        });
        walk(document.getElementById(id));
        return out;
    }""", plot_id)


def links_in(page: Any, plot_id: str) -> int:
    """Number of links (``a[href]``) inside a plot, its shadow roots included."""
    return page.locator(f"#{plot_id} a[href]").count()
