"""Rule 1 (triggers) and rule 11 (unknown verbs): coding/rules/triggers.py."""

from __future__ import annotations

import pytest
from coding_rules_support import Expected

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, expected, trigger", [
    ("The president condemned the parliament.",
     Expected("ACCUSE", "president", "parliament", rule="triggers"), "condemned"),
    # a row with an object: the object is part of the trigger, not the target
    ("The junta imposed a curfew on the capital.",
     Expected("COERCE", "junta", "", rule="triggers"), "imposed curfew"),
    # light verbs take the category of their event noun
    ("The commander launched an offensive against the rebels.",
     Expected("ASSAULT", "commander", "rebels", rule="triggers"), "launched offensive"),
    ("The union staged a rally against the government.",
     Expected("PROTEST", "union", "government", rule="triggers"), "staged rally"),
    ("The workers held a hunger strike.",
     Expected("PROTEST", "workers", "", rule="triggers"), "held hunger strike"),
    # rule 11: a verb the lexicon does not know acts like a light verb
    ("The regime slapped sanctions on the newspapers.",
     Expected("SANCTION", "regime", "newspapers", rule="triggers"), "slapped sanctions"),
    ("The navy unleashed an attack on the port.",
     Expected("ASSAULT", "navy", None, rule="triggers"), "unleashed attack"),
])
def test_trigger_and_its_text(expect, text, expected, trigger):
    assert expect(text, expected).trigger == trigger


@pytest.mark.parametrize("text", [
    "The army fears a civil war.",  # an attitude verb: no event
    "The opposition encouraged a resolution of the war.",  # the war is no one's act here
])
def test_attitude_and_unowned_nouns_give_no_event(types_of, text):
    assert types_of(text) == []


def test_reporting_verb_alone_is_no_event(types_of):
    assert "ACCUSE" not in types_of("The spokesman warned that the talks were over.")
