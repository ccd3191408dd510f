"""The whole chain on the seed articles in ../shared: ingest, report, open in Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import report_helpers as h

pytestmark = [pytest.mark.model, pytest.mark.browser, pytest.mark.usefixtures("require_chromium")]


def test_report_of_the_seed_articles(seeds_dir: Path, nlp: Any, tmp_path: Path) -> None:
    from faultlines import api
    from faultlines.report import write_report

    run = api.ingest([str(seeds_dir)], db=tmp_path / "seeds.duckdb")
    assert run.ok and run.events > 0
    out = write_report(tmp_path / "seeds.duckdb", tmp_path / "seeds.html")
    seed_text = " ".join(" ".join(p.read_text(encoding="utf-8").split())
                         for p in sorted(seeds_dir.glob("*.txt")))
    with h.browser_page() as page:
        page.goto(out.as_uri())
        h.wait_ready(page)
        drawn = h.plotted_network(page)
        assert len(drawn["nodes"]) >= 3 and len(drawn["edges"]) >= 2
        index = h.clearest_edge(page)
        source, target, _sign = drawn["edges"][index]
        h.click_plot_point(page, "edge", index)
        page.wait_for_function(
            "([a, b]) => { const t = document.getElementById('fl-evidence-title').textContent;"
            " return t.includes(a) && t.includes(b); }",
            arg=[page.evaluate("(id) => window.faultlines.state.nodes.get(id).name", source),
                 page.evaluate("(id) => window.faultlines.state.nodes.get(id).name", target)])
        sentences = page.locator("#fl-evidence blockquote.sentence").all_inner_texts()
        assert sentences
        # every evidence sentence is quoted from the articles, as the coder read it
        for sentence in sentences:
            assert " ".join(sentence.split()) in seed_text
        assert page.console_errors == []
        assert [u for u in page.requests if not u.startswith(h.LOCAL_SCHEMES)] == []
