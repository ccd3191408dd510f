"""Rule 10 (missions): coding/rules/missions.py."""

from __future__ import annotations

import pytest
from coding_rules_support import Expected

from faultlines.coding.rules.missions import home_place
from faultlines.types import ActorRef


def test_home_place():
    place = ActorRef("Basra", "x:basra", "Basra", country="IRQ")
    leader = ActorRef("premier", "x:premier", "premier", country="IRQ", sector="GOV")
    abroad = ActorRef("Moscow", "x:moscow", "Moscow", country="RUS")
    assert home_place(place, [leader]) and not home_place(abroad, [leader])
    assert not home_place(place, [])


@pytest.mark.model
def test_conflict_purpose_replaces_the_trip(types_of, expect):
    text = "Baghdad sent envoys to Tehran to demand compensation."
    assert types_of(text) == ["REQUEST"]  # the dispatch is only the vehicle
    expect(text, Expected("REQUEST", "Baghdad", "Tehran"))  # aimed at the destination


@pytest.mark.model
def test_cooperative_purpose_keeps_the_trip_and_ranks_first(types_of):
    assert types_of("The foreign minister travelled to Moscow to sign a treaty.") == \
        ["SUPPORT", "CONSULT"]


@pytest.mark.model
def test_in_order_to(expect):
    expect("The premier flew to Moscow in order to protest the sanctions.",
           Expected("ACCUSE", "premier", "Moscow"))
