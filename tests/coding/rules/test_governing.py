"""Rule 5 (governing verbs): coding/rules/governing.py."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, kept, governed", [
    ("The party refused to join the cabinet.", "REJECT", "COOPERATE"),
    ("The council demanded that the junta free the prisoners.", "REQUEST", "RETREAT"),
])
def test_complement_is_not_coded_alone(types_of, text, kept, governed):
    types = types_of(text)
    assert kept in types and governed not in types, types
