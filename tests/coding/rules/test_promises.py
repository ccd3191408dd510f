"""Rule 13 (promises, expectations): coding/rules/promises.py, triggers.expected_act."""

from __future__ import annotations

import pytest
from coding_rules_support import Expected

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, expected", [
    ("The governor promised to veto the bill.",
     Expected("REJECT", "governor", None, rule="promises")),
    ("The militia vowed to attack the convoy.",
     Expected("THREATEN", "militia", "convoy", rule="intent")),
    ("The premier expects Syria to close its border.",
     Expected("REQUEST", "premier", "Syria", rule="triggers")),
])
def test_promise_of(expect, text, expected):
    expect(text, expected)


def test_vow_is_not_coded_beside_its_complement(types_of):
    assert types_of("The militia vowed to attack the convoy.") == ["THREATEN"]
