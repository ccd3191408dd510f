"""Rule 7 (nominal events): coding/rules/nominal.py."""

from __future__ import annotations

import pytest
from coding_rules_support import Expected

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, expected", [
    ("Shiite violence against Sunnis has grown.",
     Expected("ASSAULT", "Shiite", "Sunnis", rule="nominal")),
    ("An alliance between Fatah and Hamas collapsed.",
     Expected("SUPPORT", "Fatah", "Hamas", rule="nominal")),
    ("Syria is an ally of Iran.", Expected("SUPPORT", "Syria", "Iran", rule="nominal")),
])
def test_nominal_event(expect, text, expected):
    expect(text, expected)


def test_object_of_another_trigger_is_not_coded_twice(code):
    events = code("The commander launched an offensive against the rebels.")
    assert [e.rule for e in events] == ["triggers"]
