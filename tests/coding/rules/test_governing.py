"""Rule 5 (governing verbs): coding/rules/governing.py."""

from __future__ import annotations

import pytest
from coding_rules_support import Expected

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, kept, governed", [
    ("The party refused to join the cabinet.", "REJECT", "COOPERATE"),
    ("The council demanded that the junta free the prisoners.", "REQUEST", "RETREAT"),
])
def test_complement_is_not_coded_alone(types_of, text, kept, governed):
    types = types_of(text)
    assert kept in types and governed not in types, types


@pytest.mark.parametrize("text", [
    "The US funded the rebels to fight the regime.",
    "Iran armed and trained the militias to fight the Americans.",
])
def test_purpose_of_aid_is_no_act(types_of, text):
    # what the receivers are to do is no fight of the giver's, and no fight that happened
    assert set(types_of(text)) == {"AID"}


def test_mission_purpose_is_still_coded(types_of):
    assert "ASSAULT" in types_of("Russia sent troops to attack the rebels.")


def test_urging_another_to_act_is_a_request(expect, types_of):
    # urging someone to withdraw asks it of them (PLOVER REQUEST); no AGREE, no RETREAT
    text = "The minister urged the United States to withdraw its troops."
    expect(text, Expected("REQUEST", "minister", "United States"))
    assert types_of(text) == ["REQUEST"]


@pytest.mark.parametrize("text, decider", [
    ("Russia rejected the EU's decision to extend the sanctions.", "EU"),
    ("Cuba rejected the council's decision to renew the embargo.", "council"),
])
def test_rejected_decision_is_the_decider_sanction(expect, types_of, text, decider):
    # the decision nested in a rejection is the decider's SANCTION, not a second REJECT
    expect(text, Expected("SANCTION", decider, None))
    assert types_of(text).count("REJECT") == 1
