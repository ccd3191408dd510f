"""Expected events for the rule-family tests (sentences written for these tests)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from faultlines.types import Event


class Expected(NamedTuple):
    """An event a sentence must give: ``recipient`` None means any, ``""`` means none."""

    event_type: str
    actor: str
    recipient: str | None
    modality: str = "asserted"
    rule: str | None = None


def show(events: Sequence[Event]) -> str:
    return "; ".join(
        f"{e.event_type} {e.actor.text}->{e.recipient.text if e.recipient else '-'}"
        f" [{e.trigger}] {e.modality} rule={e.rule}" for e in events) or "(no events)"


def matches(event: Event, expected: Expected) -> bool:
    if event.event_type != expected.event_type or \
            expected.actor.lower() not in event.actor.text.lower():
        return False
    if expected.recipient == "":
        if event.recipient is not None:
            return False
    elif expected.recipient is not None and (
            event.recipient is None
            or expected.recipient.lower() not in event.recipient.text.lower()):
        return False
    return event.modality == expected.modality and (
        expected.rule is None or event.rule == expected.rule)
