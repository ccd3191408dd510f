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
