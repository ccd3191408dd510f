"""Swapped roles (receiving, dependent): coding/rules/roles.py."""

from __future__ import annotations

import pytest
from coding_rules_support import Expected

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, expected", [
    ("The reform won the premier the backing of the clerics.",
     Expected("SUPPORT", "clerics", "premier", rule="roles")),
    ("The regime is dependent on Russian loans.",
     Expected("AID", "Russian", "regime", rule="roles")),
])
def test_giver_acts(expect, text, expected):
    expect(text, expected)


@pytest.mark.parametrize("text, expected", [
    # someone else's force, named by a modifier: military aid (PLOVER AID), not mobilization
    ("Britain trained Ukrainian soldiers in Salisbury.",
     Expected("AID", "Britain", "soldiers", rule="roles")),
    ("Tehran trained Hezbollah fighters near the border.",
     Expected("AID", "Tehran", "fighters", rule="roles")),
])
def test_training_another_force_is_aid(expect, text, expected):
    expect(text, expected)


@pytest.mark.parametrize("text", [
    "The army trained its soldiers in desert warfare.",
    "The army trained new recruits at the base.",
])
def test_training_one_own_force_is_mobilization(types_of, text):
    assert types_of(text) == ["MOBILIZE"]
