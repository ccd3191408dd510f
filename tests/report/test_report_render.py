"""The HTML renderer and write_report, without a browser; and collect_report_data on a store."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
import report_helpers as h
from hypothesis import given
from hypothesis import strategies as st

from faultlines.errors import FaultlinesError, StoreError
from faultlines.report import (
    ReportData,
    build_report_data,
    collect_report_data,
    json_for_script,
    render_report,
    write_report,
)
from faultlines.report.render import render_page

DATA_BLOCK = re.compile(
    r'<script type="application/json" id="faultlines-data">(.*?)</script>', re.DOTALL)


@given(st.recursive(st.text() | st.integers() | st.none(),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=10))
def test_json_for_script_round_trips_and_cannot_close_the_element(value) -> None:
    text = json_for_script(value)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


def test_report_embeds_the_data_once_and_escaped(sample_data: ReportData) -> None:
    page = render_report(sample_data)
    blocks = DATA_BLOCK.findall(page)
    assert len(blocks) == 1
    payload = json.loads(blocks[0])
    table = payload.pop("events")
    expected = sample_data.to_json_dict()
    assert [dict(zip(table["columns"], row, strict=True)) for row in table["rows"]] == expected.pop(
        "events")
    assert payload == expected
    # the hostile strings exist only in their escaped JSON form
    assert h.HOSTILE_SENTENCE not in page
    assert "window.__pwned = 'title'</script>" not in page
    assert "\\u003cscript\\u003ewindow.__pwned = 'title'\\u003c/script\\u003e" in page
    assert "<title>Sample &lt;report&gt;</title>" in page


def test_report_is_self_contained(sample_data: ReportData) -> None:
    from faultlines.report.render import RENDERER_SCRIPTS, renderer_script

    page = render_report(sample_data)
    outside = page
    for name in RENDERER_SCRIPTS:
        code = renderer_script(name).read_text(encoding="utf-8")
        assert code in page
        outside = outside.replace(code, "")
    # Four inline scripts (data, BokehJS and its plotting API, glue) and no element that loads
    # anything by URL.
    assert outside.count("<script") == 4
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=["']?(https?:|//)""",
                         outside)
    assert "connect-src 'none'" in outside  # CSP: the page may not fetch anything


def test_placeholders_are_filled_in_one_pass(sample_data: ReportData) -> None:
    first = sample_data.events[0]
    tricky = replace(first, sentence="An article quoting @@SCRIPTS@@ and @@DATA@@ literally.")
    data = replace(sample_data, events=(tricky, *sample_data.events[1:]))
    table = json.loads(DATA_BLOCK.findall(render_report(data))[0])["events"]
    assert table["rows"][0][table["columns"].index("sentence")] == tricky.sentence


def test_render_page_names_missing_placeholders() -> None:
    with pytest.raises(FaultlinesError, match="DATA"):
        render_page({"TITLE": "t", "CSP": "", "CSS": "", "SOURCE": "embedded", "SCRIPTS": ""})


def test_write_report_writes_into_new_folders(sample_data: ReportData, tmp_path: Path) -> None:
    out = write_report(sample_data, tmp_path / "a" / "b" / "report.html")
    assert out == tmp_path / "a" / "b" / "report.html"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]  # no temporary left over
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # not private like a temporary file


def test_write_report_reports_an_unwritable_path(sample_data: ReportData, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(FaultlinesError, match="cannot write the report to .*file/report.html"):
        write_report(sample_data, blocker / "report.html")


def test_write_report_names_a_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="missing.duckdb"):
        write_report(tmp_path / "missing.duckdb", tmp_path / "report.html")


def test_empty_data_renders() -> None:
    page = render_report(build_report_data([], title="empty"))
    payload = json.loads(DATA_BLOCK.findall(page)[0])
    assert payload["edges"] == [] and payload["events"] == {"columns": [], "rows": []}


# ---- against a real store -------------------------------------------------------------------

@pytest.fixture
def sample_store(tmp_path: Path) -> Path:
    pytest.importorskip("faultlines.store")
    return h.write_store(tmp_path / "sample.duckdb")


def test_collect_report_data_agrees_with_store_dyads(sample_store: Path) -> None:
    from faultlines.store import Store

    with Store(sample_store, read_only=True) as store:
        data = collect_report_data(store, title="from store")
        dyads = store.dyads()
        actors = {a.id: a for a in store.actors()}
    got = {(e.source, e.target): (e.count, e.net_polarity, e.cooperation, e.conflict,
                                  e.first_date, e.last_date) for e in data.edges}
    want = {(d.a, d.b): (d.count, float(d.net_polarity), d.cooperative, d.conflictual,
                         d.first_date, d.last_date) for d in dyads}
    assert got == want
    assert len(data.events) == 13
    assert {n.id: n.mentions for n in data.nodes} == {
        n.id: actors[n.id].mention_count for n in data.nodes}
    wire = next(d for d in data.documents if d.id == "wire-2007-11")
    assert (wire.title, wire.source) == (h.HOSTILE_TITLE, "Night <Wire> & Co")


def test_collect_report_data_date_range(sample_store: Path) -> None:
    from faultlines.store import Store

    with Store(sample_store, read_only=True) as store:
        data = collect_report_data(store, since=dt.date(2008, 1, 1))
    assert data.title == "faultlines report: sample.duckdb"
    assert {e.doc_id for e in data.events} == {"courier-2008-01"}
    assert [(e.source, e.target, e.sign) for e in data.edges] == [("USA", "x:insurgents", -1)]


def test_write_report_from_a_store_path(sample_store: Path, tmp_path: Path) -> None:
    before = sample_store.stat().st_mtime_ns
    out = write_report(sample_store, tmp_path / "r.html", title="From path")
    payload = json.loads(DATA_BLOCK.findall(out.read_text(encoding="utf-8"))[0])
    assert payload["title"] == "From path" and len(payload["events"]["rows"]) == 13
    assert sample_store.stat().st_mtime_ns == before  # opened read-only
