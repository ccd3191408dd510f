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


@pytest.mark.parametrize("text, advocated", [
    ("The envoy believes Washington should impose sanctions on Caracas.",
     Expected("SANCTION", "Washington", None, "advocated")),
    ("The colonel thinks the militias must disarm.",
     Expected("RETREAT", "militias", None, "advocated")),
])
def test_an_opinion_is_no_demand(code, expect, text, advocated):
    # what someone believes another should do is asked of no one: no REQUEST, no other
    # asserted event; the advocated act itself stays advocated
    expect(text, advocated)
    events = code(text)
    assert [e for e in events if e.rule == "advocated"] == []
    assert all(e.modality != "asserted" for e in events)
