"""Who rolls into a state, who is hidden as unidentified, and which ties break the camps."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest
from store_builders import make_result

from faultlines import api
from faultlines.network import (
    camp_breaks,
    factions,
    graph_from_store,
    hide_unidentified,
    mark_codes_and_outlets,
    roll_up,
)
from faultlines.network.levels import hides_by_default, is_unidentified, node_key
from faultlines.store import Store
from faultlines.types import ActorRef

# node id -> (name, country, sector)
ACTORS = {
    "IRQ_GOV": ("Iraq government", "IRQ", "GOV"),
    "PM": ("Prime minister", "IRQ", "GOV"),
    "BLOC": ("A Shia bloc", "IRQ", "PTY"),
    "CLERIC": ("A cleric", "IRQ", "REL"),
    "x:named": ("Named Iraqi", "IRQ", None),
    "MILITIA": ("A militia", "IRQ", "REB"),
    "OPPOSITION": ("The opposition", "IRQ", "OPP"),
    "AQ": ("al-Qaeda", "IMG", "REB"),
    "UN": ("United Nations", "IGO", None),
    "AID": ("An Iraqi aid group", "IRQ", "NGO"),
    "USA": ("United States", "USA", None),
    "x:men": ("men", None, None),
}


def _graph() -> nx.Graph:
    G = nx.Graph()
    for node, (name, country, sector) in ACTORS.items():
        G.add_node(node, name=name, country=country, sector=sector, mentions=1, events=0)
    for u, v, net in (("PM", "BLOC", 2), ("CLERIC", "MILITIA", 1), ("PM", "MILITIA", -2),
                      ("USA", "MILITIA", -1), ("USA", "IRQ_GOV", 3), ("AQ", "USA", -2),
                      ("OPPOSITION", "PM", -1), ("UN", "x:named", 1), ("AID", "CLERIC", 1),
                      ("x:men", "AQ", -1)):
        G.add_edge(u, v, count=abs(net), net_polarity=net, sign=(net > 0) - (net < 0),
                   weight=abs(net), event_ids=(f"{u}-{v}",))
    return G


def test_state_level_rolls_every_actor_of_a_country_in_but_armed_groups_and_opposition():
    H = roll_up(_graph(), "state")
    assert set(H.nodes["IRQ"]["members"]) == {"IRQ_GOV", "PM", "BLOC", "CLERIC", "x:named"}
    assert sorted(H) == ["AID", "AQ", "IRQ", "MILITIA", "OPPOSITION", "UN", "USA", "x:men"]
    assert H.nodes["IRQ"]["name"] == "Iraq" and H.nodes["IRQ"]["sector"] is None
    # the bloc's tie to the prime minister is now inside Iraq; the cleric's support of the
    # militia and the prime minister's fight with it sum to one hostile tie
    assert not H.has_edge("IRQ", "IRQ")
    assert H.edges["IRQ", "MILITIA"]["net_polarity"] == -1
    assert H.edges["IRQ", "MILITIA"]["sign"] == -1 and H.edges["IRQ", "MILITIA"]["count"] == 3
    assert H.edges["IRQ", "OPPOSITION"]["sign"] == -1


def test_group_level_merges_state_agents_only():
    H = roll_up(_graph(), "group")
    assert set(H.nodes["IRQ_GOV"]["members"]) == {"IRQ_GOV", "PM"}
    assert {"BLOC", "CLERIC", "x:named", "MILITIA"} <= set(H)
    assert H.edges["IRQ_GOV", "BLOC"]["net_polarity"] == 2


@pytest.mark.parametrize(("attrs", "state_node"), [
    ({"country": "IRQ", "sector": "PTY"}, "IRQ"),
    ({"country": "IRQ", "sector": "MED"}, "IRQ"),
    ({"country": "IRQ", "sector": "INS"}, "N"),
    ({"country": "IRQ", "sector": "CRM"}, "N"),
    ({"country": "IRQ", "sector": "PRM"}, "N"),
    ({"country": "NGO", "sector": None}, "N"),
    ({"country": "MNC", "sector": "BUS"}, "N"),
    ({"country": None, "sector": "GOV"}, "N"),
])
def test_state_node_by_codes(attrs, state_node):
    assert node_key("N", attrs, "state")[0] == state_node


def test_unidentified_nodes_are_the_uncoded_and_the_outlets():
    assert is_unidentified({"name": "men", "sector": "UAF"})
    assert is_unidentified({"country": "GBR", "sector": "MED", "outlet": True})
    assert not is_unidentified({"country": "IMG", "sector": "REB"})
    assert not is_unidentified({"country": "IRQ", "outlet": False})
    G = _graph()
    G.nodes["AID"]["outlet"] = True
    H = hide_unidentified(G)
    # "men" and the outlet go; nothing else loses its only tie, so no further node is dropped
    assert set(G) - set(H) == {"x:men", "AID"}


def test_unidentified_are_hidden_by_default_above_the_actor_level():
    assert [hides_by_default(level) for level in ("actor", "group", "state")] == \
        [False, True, True]


def test_camp_breaks_lists_the_frustrated_ties_most_events_first():
    G = nx.Graph()
    # camps {a, b, e} and {c, d}; a-d is allied across them, b-e hostile inside one
    for u, v, s, n in (("a", "b", 1, 4), ("c", "d", 1, 2), ("a", "c", -1, 3), ("b", "d", -1, 1),
                       ("a", "d", 1, 2), ("b", "c", -1, 1), ("a", "e", 1, 1), ("c", "e", -1, 1),
                       ("d", "e", -1, 1), ("b", "e", -1, 1)):
        G.add_edge(u, v, sign=s, count=n, net_polarity=s * n, event_ids=(f"{u}{v}",))
    result = factions(G, k=2)
    assert result.frustration.value == 2
    breaks = camp_breaks(G, result)
    assert [(t.a, t.b, t.sign, t.count, t.event_ids) for t in breaks] == [
        ("a", "d", 1, 2, ("ad",)), ("b", "e", -1, 1, ("be",))]
    assert breaks[0].camp_a != breaks[0].camp_b and breaks[1].camp_a == breaks[1].camp_b


# -- from a store: codes of the range, outlets --------------------------------------------------

LEADER_PARTY = ActorRef("Al-Amin", "x:al-amin", "Al-Amin", "IRQ", "PTY")
LEADER_PM = ActorRef("Al-Amin", "x:al-amin", "Al-Amin", "IRQ", "GOV")
USA = ActorRef("Washington", "USA", "United States", "USA", "GOV")
LEDGER = ActorRef("the Ledger", "x:ledger", "The Ledger", None, None)
MEN = ActorRef("men", "x:men", "men", None, None)


@pytest.fixture
def role_store(tmp_path):
    with Store(tmp_path / "roles.duckdb") as store:
        store.add_results([
            make_result("r1", dt.date(2005, 3, 1), [("AGREE", LEADER_PARTY, USA)],
                        source="Ledger"),
            make_result("r2", dt.date(2007, 3, 1), [
                ("AGREE", LEADER_PM, USA), ("ACCUSE", LEDGER, LEADER_PM),
                ("ASSAULT", MEN, USA), ("SUPPORT", USA, LEADER_PM)], source="Ledger"),
        ])
    return tmp_path / "roles.duckdb"


def test_nodes_take_the_code_of_their_events_in_the_range(role_store):
    with Store(role_store, read_only=True) as store:
        assert store.actors()[0].id  # the store is filled
        assert store.actor_codes(until=dt.date(2005, 12, 31))["x:al-amin"] == ("IRQ", "PTY")
        assert store.actor_codes(since=dt.date(2006, 1, 1))["x:al-amin"] == ("IRQ", "GOV")
        # over the whole range the code of most events (3 of 4) wins
        assert store.actor_codes()["x:al-amin"] == ("IRQ", "GOV")
        early = graph_from_store(store, until=dt.date(2005, 12, 31))
        late = graph_from_store(store, since=dt.date(2006, 1, 1))
    assert early.nodes["x:al-amin"]["sector"] == "PTY"
    assert late.nodes["x:al-amin"]["sector"] == "GOV"
    assert late.nodes["x:ledger"]["outlet"] and not late.nodes["USA"]["outlet"]
    assert node_key("x:al-amin", late.nodes["x:al-amin"], "group")[0] == "IRQ_GOV"


def test_api_network_hides_unidentified_at_state_level_unless_asked(role_store):
    state = api.network(role_store, level="state")
    assert sorted(state) == ["IRQ", "USA"]
    shown = api.network(role_store, level="state", hide_unidentified=False)
    assert sorted(shown) == ["IRQ", "USA", "x:ledger", "x:men"]
    actor = api.network(role_store)
    assert "x:men" in actor and "x:ledger" in actor
    assert sorted(api.network(role_store, hide_unidentified=True)) == ["USA", "x:al-amin"]


def test_mark_codes_keeps_the_table_code_of_an_actor_without_events():
    G = nx.Graph()
    G.add_node("A", name="A", country="IRQ", sector="PTY")
    mark_codes_and_outlets(G, {}, ["B"])
    assert G.nodes["A"]["sector"] == "PTY" and G.nodes["A"]["outlet"] is False
