"""Rule 2 (actor): coding/rules/actor.py."""

from __future__ import annotations

import pytest
from coding_rules_support import Expected, matches, show

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, expected", [
    # the passive agent acts
    ("Talks were held by the rival factions.", Expected("CONSULT", "factions", "")),
    # object control: the one urged is the one the demand is aimed at; the one pushed acts
    ("The council urged the militias to disarm.", Expected("REQUEST", "council", "militias")),
    ("The militias were emboldened to seize the mosque.", Expected("COERCE", "militias", None)),
    # a reported clause keeps its own subject
    ("Officials said the rebels shelled the village.",
     Expected("ASSAULT", "rebels", None, "reported")),
    # an attack with no named doer has the unidentified attacker
    ("Two guards were killed in a car bombing.", Expected("ASSAULT", "bombing", "guards")),
])
def test_who_acts(expect, text, expected):
    expect(text, expected)


def test_unnamed_attacker_is_the_one_unidentified_actor(expect):
    from faultlines.coding.coder import UNIDENTIFIED_ID

    event = expect("Two guards were killed in a car bombing.",
                   Expected("ASSAULT", "bombing", "guards"))
    assert event.actor.id == UNIDENTIFIED_ID and event.actor.sector == "UAF"


@pytest.mark.parametrize("text, expected", [
    # the agent of conjoined participles acts in both; their shared subject is acted on
    ("The militias were trained and funded by Tehran.",
     [Expected("AID", "Tehran", "militias"), Expected("AID", "Tehran", "militias")]),
    ("The protesters were beaten and arrested by the police.",
     [Expected("ASSAULT", "police", "protesters"), Expected("COERCE", "police", "protesters")]),
])
def test_conjoined_passive_participles_share_agent(code, text, expected):
    events = code(text)
    assert len(events) == len(expected)
    assert all(matches(e, x) for e, x in zip(events, expected, strict=True)), show(events)
