"""Aggregation levels: roll actors up to their organisation or their state.

A news corpus names one state many ways: "the United States", "the U.S. government", "U.S.
forces", "the Marines", "Bush". Each is its own actor, so an alliance map drawn at the level of
actors splits the state across several nodes, which can even fall into different camps. Rolling
the graph up puts them back together, using the actor codes (country and sector):

- ``actor``: the graph as built, one node per actor.
- ``group``: state agents and people (sectors such as GOV, MIL, COP, LEG, JUD, SPY) become their
  state's branch, ``USA_MIL`` "United States armed forces" or ``IRQ_GOV`` "Iraq government" (the
  knowledge base's own ids for them); a state named bare ("Iraq") counts as its government;
  named organisations and groups keep their own node.
- ``state``: every actor with a country becomes that country's node, ``USA`` "United States":
  its government, forces, legislature, its leaders whatever office the knowledge base gives them
  at the time, its parties, clerics, communities, civilians, media. Only actors whose codes say
  they are not the state keep their own node (:data:`OWN_NODE_SECTORS`: rebels, insurgents,
  separatists and militias, unidentified armed forces, criminals, the political opposition,
  NGOs and IGO offices), as do the non-state country codes (:data:`NON_STATE_COUNTRIES`: IGO,
  NGO, IMG, MNC). So the state level is the classic one of event data (states as unitary
  actors), with the armed groups that fight them left visible.

Edges between nodes that merge are summed (count, net polarity, cooperation, conflict) and their
sign recomputed; ties inside a merged node (the army and the government of one state) become
self-ties and are dropped, since balance ignores them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, Literal

import networkx as nx

from faultlines.errors import ConfigError
from faultlines.network.graph import sign_of

__all__ = ["LEVELS", "NON_STATE_COUNTRIES", "OWN_NODE_SECTORS", "STATE_SECTORS", "Level",
           "is_unidentified", "node_key", "roll_up", "hide_unidentified", "hides_by_default"]

Level = Literal["actor", "group", "state"]
#: The aggregation levels, finest first.
LEVELS: tuple[str, ...] = ("actor", "group", "state")

#: Sectors that act for a state: they roll up into it at the ``state`` level.
STATE_SECTORS: frozenset[str] = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})
#: Sectors whose actors keep their own node at the ``state`` level, even with a country: armed
#: groups that are not the state's forces (REB rebels and militias, INS insurgents, SEP
#: separatists, PRM pro-government militias, UAF unidentified armed forces, CRM criminals), the
#: political opposition (OPP), and organisations outside the state (NGO, IGO).
OWN_NODE_SECTORS: frozenset[str] = frozenset(
    {"REB", "INS", "SEP", "PRM", "UAF", "CRM", "OPP", "NGO", "IGO"})
#: CAMEO country codes that name no state: international organisations, non-governmental
#: organisations, international militarised groups (al-Qaeda), multinational companies.
NON_STATE_COUNTRIES: frozenset[str] = frozenset({"IGO", "NGO", "IMG", "MNC"})
_BRANCH_NAMES = {"GOV": "government", "MIL": "armed forces", "COP": "police",
                 "LEG": "legislature", "JUD": "judiciary", "SPY": "intelligence services"}
_EDGE_SUMS = ("count", "net_polarity", "cooperative", "conflictual", "intensity", "scale")


@cache
def country_name(code: str) -> str:
    """A readable name for an ISO 3166 alpha-3 code (the code itself when unknown).

    >>> country_name("USA"), country_name("IRQ"), country_name("IGO")
    ('United States', 'Iraq', 'IGO')
    """
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def _state_sector(node: Any, attrs: dict[str, Any]) -> str | None:
    """The state branch an actor acts for (``group`` level), or None for any other actor."""
    country = attrs.get("country")
    if not country or country in NON_STATE_COUNTRIES:
        return None
    sector = attrs.get("sector")
    if sector in STATE_SECTORS:
        return str(sector)
    if not sector and node == country:  # the state itself, named bare
        return "GOV"
    return None


def _of_state(attrs: dict[str, Any]) -> bool:
    """Whether an actor goes into its country's node at the ``state`` level."""
    country = attrs.get("country")
    return bool(country) and country not in NON_STATE_COUNTRIES \
        and attrs.get("sector") not in OWN_NODE_SECTORS


def node_key(node: Any, attrs: dict[str, Any], level: str) -> tuple[Any, str]:
    """The node an actor rolls up to at ``level``, and that node's name.

    >>> node_key("US_MARINE_CORPS", {"name": "U.S. Marine Corps", "country": "USA",
    ...                               "sector": "MIL"}, "group")
    ('USA_MIL', 'United States armed forces')
    >>> node_key("IRQ", {"name": "Iraq", "country": "IRQ"}, "group")
    ('IRQ_GOV', 'Iraq government')
    >>> node_key("US_MARINE_CORPS", {"country": "USA", "sector": "MIL"}, "state")
    ('USA', 'United States')
    >>> node_key("SADRIST_MOVEMENT", {"name": "Sadrist movement", "country": "IRQ",
    ...                                "sector": "PTY"}, "state")
    ('IRQ', 'Iraq')
    >>> node_key("MAHDI_ARMY", {"name": "Mahdi Army", "country": "IRQ", "sector": "REB"}, "state")
    ('MAHDI_ARMY', 'Mahdi Army')
    """
    name = str(attrs.get("name") or node)
    if level == "state":
        if not _of_state(attrs):
            return node, name
        country = str(attrs["country"])
        return country, country_name(country)
    sector = _state_sector(node, attrs) if level == "group" else None
    if sector is None:
        return node, name
    country = str(attrs["country"])
    return f"{country}_{sector}", f"{country_name(country)} {_BRANCH_NAMES[sector]}"


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise ConfigError(f"level must be one of {', '.join(LEVELS)}; got {level!r}")


def _merge_edge(H: nx.Graph, a: Any, b: Any, e: dict[str, Any]) -> None:
    if H.has_edge(a, b):
        merged = H.edges[a, b]
        for key in _EDGE_SUMS:
            merged[key] = merged.get(key, 0) + e.get(key, 0)
        firsts = [d for d in (merged.get("first_date"), e.get("first_date")) if d is not None]
        lasts = [d for d in (merged.get("last_date"), e.get("last_date")) if d is not None]
        merged["first_date"] = min(firsts) if firsts else None
        merged["last_date"] = max(lasts) if lasts else None
        ids = (*merged.get("event_ids", ()), *e.get("event_ids", ()))
        merged["event_ids"] = tuple(dict.fromkeys(ids))
    else:
        H.add_edge(a, b, **{k: v for k, v in e.items() if k not in ("sign", "weight")})


def roll_up(G: nx.Graph, level: str = "state",
            key: Callable[[Any, dict[str, Any], str], tuple[Any, str]] = node_key) -> nx.Graph:
    """The signed graph with actors merged into their group or state.

    Node attributes: ``name``, ``country``, ``sector`` (None for a merged state), summed
    ``mentions`` and ``events``, and ``members`` (the actor ids merged into the node). Edge
    attributes are summed and ``sign``/``weight`` recomputed from the summed net polarity (the
    summed ``scale`` for a graph built with ``weight="scale"``), as
    :func:`~faultlines.network.graph.build_signed_graph` does.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("USMC", name="U.S. Marine Corps", country="USA", sector="MIL", mentions=2)
    >>> G.add_node("USG", name="U.S. government", country="USA", sector="GOV", mentions=3)
    >>> G.add_node("AQI", name="al-Qaeda in Iraq", country="IRQ", sector="REB", mentions=1)
    >>> G.add_edge("USMC", "AQI", count=2, net_polarity=-2, sign=-1, weight=2)
    >>> G.add_edge("USG", "AQI", count=1, net_polarity=-1, sign=-1, weight=1)
    >>> H = roll_up(G, "state")
    >>> sorted(H.nodes), H.edges["USA", "AQI"]["count"], H.nodes["USA"]["mentions"]
    (['AQI', 'USA'], 3, 5)

    References
    ----------
    Doreian, P. & Mrvar, A. (2009). Partitioning signed social networks. *Social Networks*
    31(1), 1-11 (blocks of structurally equivalent actors before a balance analysis).
    """
    _check_level(level)
    if level == "actor":
        return G.copy()
    H = nx.Graph(**G.graph)
    H.graph["level"] = level
    target: dict[Any, Any] = {}
    for node, attrs in G.nodes(data=True):
        new, name = key(node, attrs, level)
        target[node] = new
        if new not in H:
            merged = new != node
            H.add_node(new, name=name, country=attrs.get("country"),
                       sector=None if merged and level == "state" else attrs.get("sector"),
                       mentions=0, events=0, members=())
        data = H.nodes[new]
        data["mentions"] += attrs.get("mentions", 0) or 0
        data["events"] += attrs.get("events", 0) or 0
        data["members"] = (*data["members"], node)
    for u, v, e in G.edges(data=True):
        a, b = target[u], target[v]
        if a != b:
            _merge_edge(H, a, b, e)
    basis = "scale" if G.graph.get("weight") == "scale" else "net_polarity"
    for _u, _v, e in H.edges(data=True):
        e["sign"] = sign_of(e.get(basis, 0))
        e["weight"] = abs(e.get(basis, 0))
    return H


def is_unidentified(attrs: dict[str, Any]) -> bool:
    """Whether a node is no identified actor: it has no country code (a generic word the
    resolver could not place: "men", "gunmen", "tribesmen", "unidentified attackers", or a
    fragment such as "al"), or it is one of the corpus's outlets (``outlet``; see
    :func:`~faultlines.network.graph.mark_codes_and_outlets`), the paper speaking in its own
    voice rather than a party to the conflict.

    >>> is_unidentified({"name": "men"}), is_unidentified({"country": "IMG"})
    (True, False)
    >>> is_unidentified({"country": "QAT", "sector": "MED", "outlet": True})
    True
    """
    return not attrs.get("country") or bool(attrs.get("outlet"))


def hides_by_default(level: str) -> bool:
    """Whether unidentified actors are left out at ``level`` unless asked for: at ``group``
    and ``state`` level, where a node stands for an organisation or a state and a generic
    "men" would be read as one; the ``actor`` level shows everything the coder found.

    >>> [hides_by_default(level) for level in LEVELS]
    [False, True, True]
    """
    _check_level(level)
    return level != "actor"


def hide_unidentified(G: nx.Graph) -> nx.Graph:
    """The graph without unidentified actors (:func:`is_unidentified`) and without the nodes
    that leaves isolated.

    >>> G = nx.Graph([("USA", "x:someone", {"sign": -1}), ("USA", "IRN", {"sign": -1}),
    ...               ("x:someone", "x:ledger", {"sign": 1})])
    >>> nx.set_node_attributes(G, {"USA": {"country": "USA"}, "IRN": {"country": "IRN"},
    ...                            "x:ledger": {"country": "GBR", "outlet": True}})
    >>> sorted(hide_unidentified(G))
    ['IRN', 'USA']
    """
    keep = [n for n, a in G.nodes(data=True) if not is_unidentified(a)]
    H = G.subgraph(keep).copy()
    H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0])
    return H
