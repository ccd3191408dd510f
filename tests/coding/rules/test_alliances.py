"""Rule 14 (alignment and opposition): coding/rules/alliances.py."""

from __future__ import annotations

import pytest
from coding_rules_support import Expected

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, expected", [
    ("The tribes fought alongside the army against the insurgents.",
     Expected("COOPERATE", "tribes", "army", rule="alliances")),
    ("The tribes fought alongside the army against the insurgents.",
     Expected("ASSAULT", "tribes", "insurgents", rule="triggers")),
    ("The militia launched attacks against the army on behalf of the Shiites.",
     Expected("ASSAULT", "militia", "army")),
])
def test_sides(expect, text, expected):
    expect(text, expected)


def test_a_cause_is_no_target(expect):
    expect("The insurgents fought for Sunni interests against the army.",
           Expected("ASSAULT", "insurgents", ""))
