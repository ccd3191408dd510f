"""Fixtures for the rule-family tests: each case is a sentence written for these tests and the
event (or absence of one) its rule family must give."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from coding_rules_support import Expected, matches, show

from faultlines.types import Event


@pytest.fixture(scope="session")
def expect(code) -> Callable[[str, Expected], Event]:
    """Code a sentence and return the event that matches ``expected`` (fails when none)."""

    def _expect(text: str, expected: Expected) -> Event:
        events = code(text)
        found = [e for e in events if matches(e, expected)]
        assert found, f"{text!r}: wanted {expected}, got {show(events)}"
        return found[0]

    return _expect


@pytest.fixture(scope="session")
def types_of(code) -> Callable[[str], list[str]]:
    """The event types a sentence gives, in salience order."""
    return lambda text: [e.event_type for e in code(text)]
