"""Nominal relations named in the spine issue: alliances, allies, X-backed Y, endorsements."""

from __future__ import annotations

import pytest

from faultlines import api
from faultlines.types import Document

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "event_type", "actor", "recipient"),
    [
        ("The alliance between Syria and Iran worried Israel.", "SUPPORT", "SYR", "IRN"),
        ("Turkey's ally Azerbaijan closed its border on Monday.", "SUPPORT", "TUR", "AZE"),
        ("Syria is an ally of Iran.", "SUPPORT", "SYR", "IRN"),
        ("Russian-backed separatists attacked Ukrainian troops in Donetsk.", "SUPPORT", "RUS",
         None),
        ("Hamas won the endorsement of Qatar.", "SUPPORT", "QAT", None),
    ],
)
def test_nominal_relation(text: str, event_type: str, actor: str, recipient: str | None) -> None:
    events = list(api.extract([Document("t", text)]))
    found = [e for e in events if e.event_type == event_type and e.actor.country == actor]
    assert found, [(e.event_type, e.actor.id, e.recipient and e.recipient.id) for e in events]
    assert all(e.recipient is not None for e in found)
    if recipient is not None:
        assert any(e.recipient.country == recipient for e in found)
    # the backer is never its own client
    assert all(e.recipient.id != e.actor.id for e in found)
