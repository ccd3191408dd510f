"""Report data at the group and state levels, and a layout in which camps form regions."""

from __future__ import annotations

import datetime as dt
import itertools
import math

from test_report_levels_browser import _corpus

from faultlines.report.collect import build_report_data
from faultlines.report.data import Camp, ReportEdge, layout_nodes


def test_state_level_merges_every_us_actor():
    events, docs = _corpus()
    data = build_report_data(events, docs, generated="x")
    state = data.levels["state"]
    assert state.member_of["US_MARINE_CORPS"] == state.member_of["USA_GOV"] == "USA"
    assert [n.name for n in state.nodes if n.id == "USA"] == ["United States"]
    at = data.at_level("state")
    assert {e.actor for e in at.events} <= {n.id for n in state.nodes}
    assert not {"USA_GOV", "USA_MIL", "US_MARINE_CORPS"} & {n.id for n in at.nodes}
    # the merged node's ties are the sum of its members' ties
    us_aqi = next(e for e in at.edges if {e.source, e.target} == {"USA", "AQI"})
    assert us_aqi.count == 2 and us_aqi.sign == -1
    json_view = data.to_json_dict()["levels"]["group"]
    assert json_view["map"]["US_MARINE_CORPS"] == "USA_MIL"
    assert data.to_json_dict()["support"]["reason"]


def _planted(size: int) -> tuple[list[str], list[ReportEdge], list[Camp]]:
    camps = [[f"a{i}" for i in range(size)], [f"b{i}" for i in range(size)]]
    edges = []
    for camp in camps:
        for u, v in itertools.combinations(camp, 2):
            edges.append(ReportEdge(u, v, 1, 1, 1, 0, 1.0))
    for u, v in zip(camps[0], camps[1], strict=True):
        edges.append(ReportEdge(u, v, -1, 1, 0, 1, -1.0))
    return camps[0] + camps[1], edges, [Camp(0, tuple(camps[0])), Camp(1, tuple(camps[1]))]


def test_camps_form_separate_regions():
    ids, edges, camps = _planted(8)
    pos = layout_nodes(ids, edges, camps=camps)
    inside = [math.dist(pos[u], pos[v]) for camp in camps
              for u, v in itertools.combinations(camp.members, 2)]
    between = [math.dist(pos[u], pos[v]) for u in camps[0].members for v in camps[1].members]
    assert sum(inside) / len(inside) < 0.5 * sum(between) / len(between)
    assert all(-1.0 <= c <= 1.0 for xy in pos.values() for c in xy)


def test_layout_is_deterministic():
    ids, edges, camps = _planted(5)
    assert layout_nodes(ids, edges, camps=camps) == layout_nodes(ids, edges, camps=camps)


def test_report_dates_untouched_by_levels():
    events, docs = _corpus()
    data = build_report_data(events, docs, generated="x")
    assert data.at_level("group").date_range == data.date_range == (dt.date(2005, 6, 1),
                                                                   dt.date(2007, 6, 1))
