"""Rule 5 (governing verbs): coding/rules/governing.py."""

from __future__ import annotations

import pytest

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
