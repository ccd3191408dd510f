"""Advocated reports: coding/rules/advocated.py."""

from __future__ import annotations

import pytest
from coding_rules_support import Expected

pytestmark = pytest.mark.model


def test_speaker_demands_what_they_say_must_happen(expect):
    text = "The envoy said the militias must disarm."
    expect(text, Expected("REQUEST", "envoy", "militias", rule="advocated"))
    event = expect(text, Expected("RETREAT", "militias", None, "advocated"))
    assert event.attributed_to is not None and event.attributed_to.text == "envoy"
