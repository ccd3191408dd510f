"""EVENT_SCHEMA describes Event.to_dict() exactly."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from faultlines.coding import EVENT_SCHEMA, validate_event
from faultlines.errors import FaultlinesError
from faultlines.types import EVENT_TYPES, MODALITIES, ActorRef, Event

DATA = Path(__file__).resolve().parents[2] / "src" / "faultlines" / "coding" / "data"


def _event(**overrides) -> Event:
    fields = dict(doc_id="d", sentence_index=0, sentence="A hit B.", date=dt.date(2007, 1, 2),
                  event_type="ASSAULT", actor=ActorRef("A", "x:a", "A", "IRQ", "REB"),
                  recipient=None, polarity=-1, intensity=8.5)
    fields.update(overrides)
    return Event(**fields)


def test_schema_file_is_the_exported_schema():
    assert json.loads((DATA / "event.schema.json").read_text("utf-8")) == EVENT_SCHEMA
    jsonschema.Draft202012Validator.check_schema(EVENT_SCHEMA)


def test_schema_properties_are_exactly_the_to_dict_keys():
    keys = set(_event().to_dict())
    assert set(EVENT_SCHEMA["properties"]) == keys
    assert set(EVENT_SCHEMA["required"]) == keys
    assert set(EVENT_SCHEMA["properties"]["event_type"]["enum"]) == set(EVENT_TYPES)
    assert set(EVENT_SCHEMA["properties"]["modality"]["enum"]) == set(MODALITIES)


def test_hand_made_events_validate():
    validate_event(_event().to_dict())
    validate_event(_event(date=None, recipient=ActorRef("B", "B_ID", "B"),
                          attributed_to=ActorRef("C", "x:c", "C"), modality="reported",
                          source="outlet").to_dict())


@pytest.mark.parametrize(("key", "value", "where"), [
    ("event_type", "FIGHT", "event_type"),
    ("polarity", 0, "polarity"),
    ("intensity", 11, "intensity"),
    ("modality", "rumoured", "modality"),
    ("date", "May 2007", "date"),
])
def test_bad_values_are_reported_with_their_path(key, value, where):
    record = _event().to_dict()
    record[key] = value
    with pytest.raises(FaultlinesError, match=f"at {where}"):
        validate_event(record)


def test_extra_keys_are_refused():
    record = _event().to_dict()
    record["surprise"] = 1
    with pytest.raises(FaultlinesError, match="surprise"):
        validate_event(record)


@pytest.mark.model
def test_real_events_validate(code):
    events = code("Iran armed the militias, officials say. The army did not attack the rebels. "
                  "France and Germany criticized Washington.")
    assert len(events) >= 3
    validator = jsonschema.Draft202012Validator(EVENT_SCHEMA,
                                                format_checker=jsonschema.FormatChecker())
    for event in events:
        errors = list(validator.iter_errors(event.to_dict()))
        assert not errors, errors
