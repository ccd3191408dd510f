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


def test_group_and_state_views_leave_out_unidentified_actors_and_the_outlet():
    from faultlines.types import ActorRef, Document, Event, polarity_of

    usa = ActorRef("Washington", "USA", "United States", "USA", "GOV")
    aqi = ActorRef("the group", "AQI", "al-Qaeda in Iraq", "IRQ", "REB")
    men = ActorRef("men", "x:men", "men", None, None)
    paper = ActorRef("the Wire", "x:wire", "The Wire", "GBR", "MED")  # an outlet, coded
    when = dt.date(2007, 1, 1)
    events = [Event("d", i, "s", when, kind, a, b, polarity_of(kind), 1.0, trigger="t")
              for i, (kind, a, b) in enumerate([("ASSAULT", usa, aqi), ("ASSAULT", men, aqi),
                                                ("ACCUSE", paper, usa)])]
    data = build_report_data(events, [Document("d", "x", when, source="Wire")], generated="x")
    assert {n.id for n in data.nodes} == {"USA", "AQI", "x:men", "x:wire"}  # actor view: all
    for level in ("group", "state"):
        view = data.levels[level]
        assert view.hidden == ("x:men", "x:wire")
        at = data.at_level(level)
        assert {n.id for n in at.nodes} == {"USA" if level == "state" else "USA_GOV", "AQI"}
        assert len(at.events) == 1 and data.to_json_dict()["levels"][level]["hidden"] == [
            "x:men", "x:wire"]


def test_report_nodes_take_the_code_of_most_of_their_events_in_range():
    from faultlines.report.collect import actor_refs
    from faultlines.types import ActorRef, Event, polarity_of

    party = ActorRef("Al-Amin", "x:amin", "Al-Amin", "IRQ", "PTY")
    premier = ActorRef("Al-Amin", "x:amin", "Al-Amin", "IRQ", "GOV")
    usa = ActorRef("Washington", "USA", "United States", "USA", "GOV")
    events = [Event("d", i, "s", date, "AGREE", who, usa, polarity_of("AGREE"), 1.0, trigger="t")
              for i, (date, who) in enumerate([(dt.date(2005, 1, 1), party),
                                               (dt.date(2007, 1, 1), premier),
                                               (dt.date(2007, 6, 1), premier)])]
    assert actor_refs(events)["x:amin"].sector == "GOV"
    assert actor_refs(events, until=dt.date(2005, 12, 31))["x:amin"].sector == "PTY"
    data = build_report_data(events, [], generated="x")
    assert data.levels["group"].member_of["x:amin"] == "IRQ_GOV"
