"""Rule 12 (unknown actors): coding/rules/reference.py."""

from __future__ import annotations

import pytest
from coding_rules_support import Expected

from faultlines.coding.rules.reference import actor_slug


@pytest.mark.parametrize("text, slug", [
    ("Shi'ite militias", "x:shiite-militias"),
    ("  ", "x:unknown"),
    ("Ba'ath Party", "x:baath-party"),
])
def test_actor_slug(text, slug):
    assert actor_slug(text) == slug


@pytest.mark.model
def test_place_target_and_agent_noun(expect):
    expect("Rebels seized the airport in Kandahar.", Expected("COERCE", "Rebels", "Kandahar"))


@pytest.mark.model
def test_things_give_no_actor(expect):
    expect("The army seized the police stations.", Expected("COERCE", "army", ""))
