"""Rule 15, statements PLOVER drops: coding/rules/statements.py."""

from __future__ import annotations

import pytest
from coding_rules_support import Expected

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text", [
    "The ministry declined to comment on the border talks.",
    "A spokesman for the rebels refused to speculate about the ceasefire.",
    "The mayor expressed deep concern about the fighting near the port.",
    "The senator offered his condolences to the families of the miners.",
    "The ruling party denied allegations that it had bribed the judges.",
    "The army rejected accusations of torture in the northern camps.",
    "The ministers said they agree with the auditors that the fund was misused.",
])
def test_statements_are_no_event(types_of, text):
    assert types_of(text) == []


@pytest.mark.parametrize("text, expected", [
    # a refusal to act, not to comment
    ("The ministry declined to meet the rebel envoys.", Expected("REJECT", "ministry", None)),
    # rejecting a plan is a REJECT; only accusations are denials of responsibility
    ("Kenya rejected the peace plan of the rebels.", Expected("REJECT", "Kenya", None)),
    # a light verb with a cooperative noun stays an act
    ("The union expressed support for the striking miners.", Expected("SUPPORT", "union", None)),
    # agreeing with someone to do something, or on something, is an agreement
    ("Chile agreed with Peru to open the border.", Expected("AGREE", "Chile", "Peru")),
    ("Chile agreed with Peru on a truce.", Expected("AGREE", "Chile", "Peru")),
])
def test_acts_next_to_statements_stay(expect, text, expected):
    expect(text, expected)


@pytest.mark.parametrize("text", [
    "The palace announced the king's death on Tuesday.",
    "State television announced the death of the opposition leader.",
])
def test_announcing_a_death_is_no_event(types_of, text):
    # an announcement is a statement, and a death alone is no act of anyone's: no CONSULT,
    # no ASSAULT (issue 16)
    assert types_of(text) == []
