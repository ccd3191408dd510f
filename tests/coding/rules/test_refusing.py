"""Rule 14, refusals: coding/rules/refusing.py."""

from __future__ import annotations

import pytest
from coding_rules_support import Expected

pytestmark = pytest.mark.model


def test_refusal_is_an_asserted_reject_and_the_act_is_still_coded(expect):
    text = "The cabinet will not tolerate Syria arming the militias."
    event = expect(text, Expected("REJECT", "cabinet", "Syria", rule="refusing"))
    assert event.trigger.startswith("not ")
    expect(text, Expected("AID", "Syria", "militias"))


@pytest.mark.parametrize("text, expected", [
    ("Chile will not accept the new border plan.",
     Expected("REJECT", "Chile", None, rule="refusing")),
    ("Peru said it would not cooperate with the tribunal.",
     Expected("REJECT", "Peru", "tribunal", "reported", rule="refusing")),
    ("Iran will no longer cooperate with the inspectors.",
     Expected("REJECT", "Iran", "inspectors", rule="refusing")),
    ("Chile and Peru failed to reach agreement on the dam.",
     Expected("REJECT", "Chile", "Peru", rule="refusing")),
])
def test_negated_cooperation_is_a_stated_reject(expect, text, expected):
    event = expect(text, expected)
    assert event.trigger.startswith("not ")


@pytest.mark.parametrize("text, expected", [
    # a negated conflict act keeps its category
    ("The militia has not attacked the town.", Expected("ASSAULT", "militia", None, "negated")),
    # a supposed refusal is no refusal: the condition's act keeps its category
    ("Chile threatened to close the border if Peru did not agree to the talks.",
     Expected("AGREE", "Peru", None, "negated")),
    # advice to stop is advocacy, not a refusal
    ("The United States should stop arming the militia.",
     Expected("AID", "United States", "militia", "advocated")),
])
def test_negation_that_is_no_refusal(expect, text, expected):
    expect(text, expected)
