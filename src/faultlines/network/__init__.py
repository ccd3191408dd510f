"""Signed actor networks and what balance theory reads in them (``faultlines.network``).

Plain functions over networkx graphs whose edges carry ``sign`` (+1 allied, -1 hostile, 0
ambivalent): build them from store dyads, write them for Gephi, measure structural balance,
find factions and realignments, and compare how outlets cast actors.
"""

from faultlines.network.balance import (
    Camp,
    Factions,
    Frustration,
    TriadCensus,
    UnbalancedTriad,
    balance_degree,
    factions,
    frustration_index,
    partition_cost,
    triad_census_signed,
    unbalanced_triads,
)
from faultlines.network.graph import (
    build_signed_graph,
    graph_from_store,
    mark_codes_and_outlets,
    sign_of,
    signed_edges,
    write_graph,
)
from faultlines.network.levels import LEVELS, hide_unidentified, roll_up
from faultlines.network.realignment import (
    PressureEdge,
    Realignment,
    pressure_edges,
    realignments,
)
from faultlines.network.results import Record, ResultTable
from faultlines.network.stance import (
    STANCE_KINDS,
    STANCE_MODALITIES,
    Stance,
    compare_outlets,
    stance,
)
from faultlines.network.support import (
    CampBreak,
    CampSupport,
    CampTie,
    camp_breaks,
    camp_support,
    camp_ties,
)
from faultlines.network.temporal import dyad_series, graphs_by_window

__all__ = [
    "build_signed_graph", "graph_from_store", "mark_codes_and_outlets", "write_graph", "sign_of",
    "signed_edges",
    "dyad_series", "graphs_by_window",
    "triad_census_signed", "balance_degree", "unbalanced_triads", "frustration_index",
    "factions", "partition_cost",
    "realignments", "pressure_edges",
    "LEVELS", "roll_up", "hide_unidentified", "camp_support", "camp_ties", "camp_breaks",
    "CampSupport", "CampTie", "CampBreak",
    "stance", "compare_outlets", "STANCE_KINDS", "STANCE_MODALITIES",
    "TriadCensus", "UnbalancedTriad", "Frustration", "Camp", "Factions", "Realignment",
    "PressureEdge", "Stance", "Record", "ResultTable",
]
