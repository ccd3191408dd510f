"""Rule 6 (intent): coding/rules/intent.py."""

from __future__ import annotations

import pytest
from coding_rules_support import Expected

from faultlines.coding.context import Context
from faultlines.coding.rules.intent import shift_category


@pytest.mark.parametrize("category, ctx, expected", [
    ("AID", Context(intent="will"), "AGREE"),
    ("PROTEST", Context(intent="will"), "THREATEN"),
    ("REQUEST", Context(intent="will"), "REQUEST"),  # verbal conflict keeps its category
    ("PROTEST", Context(intent="will", negated=True), "PROTEST"),
    ("RETREAT", Context(intent="will", uncertain=True), "RETREAT"),
    ("ASSAULT", Context(conditional=True, hypothetical=True), "THREATEN"),
])
def test_shift_category(category, ctx, expected):
    assert shift_category(category, ctx, "x")[0] == expected


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    ("The donors will provide food aid to the refugees.",
     Expected("AGREE", "donors", "refugees", rule="intent")),
    ("The opposition said it would boycott the vote.",
     Expected("THREATEN", "opposition", None, "reported", rule="intent")),
    ("The rebels could attack if the talks fail.",
     Expected("THREATEN", "rebels", None, "hypothetical", rule="intent")),
    # "whether" states no intent
    ("It is unclear whether Syria will withdraw its troops.",
     Expected("RETREAT", "Syria", None, "hypothetical", rule="triggers")),
])
def test_intent(expect, text, expected):
    expect(text, expected)
