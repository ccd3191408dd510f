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
