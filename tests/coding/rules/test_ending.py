"""Rule 9 (ending an act): coding/rules/ending.py."""

from __future__ import annotations

import pytest
from coding_rules_support import Expected

from faultlines.coding.lexicon import LexiconEntry
from faultlines.coding.rules.ending import ended


@pytest.mark.parametrize("category, reversed_to", [
    ("PROTEST", "RETREAT"), ("ASSAULT", "RETREAT"), ("CONSULT", "SANCTION"), ("AID", "SANCTION"),
])
def test_ended_reverses_by_polarity(category, reversed_to):
    assert ended(LexiconEntry("x", "NOUN", category, 3.0)).category == reversed_to


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    ("The strikers ended their boycott of the factory.",
     Expected("RETREAT", "strikers", None, rule="ending")),
    ("The government suspended talks with the rebels.",
     Expected("SANCTION", "government", "rebels", rule="ending")),
])
def test_ending_an_act(expect, text, expected):
    expect(text, expected)
