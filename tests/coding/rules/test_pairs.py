"""Rule 4 (pairs): coding/rules/pairs.py."""

from __future__ import annotations

import pytest
from coding_rules_support import Expected

from faultlines.coding.rules.pairs import partners
from faultlines.types import ActorRef

_A, _B, _C = (ActorRef(n, n, n) for n in ("A", "B", "C"))


@pytest.mark.parametrize("actor, actors, recipients, expected", [
    (_A, [_A, _B], [], ["B"]),
    (_A, [_A, _B], [_C], ["C"]),
    (_A, [_A], [], [None]),
])
def test_partners(actor, actors, recipients, expected):
    assert [p.id if p else None for p in partners(actor, actors, recipients)] == expected


@pytest.mark.model
def test_conjoined_subjects_are_each_others_target(expect):
    expect("Israel and Jordan signed a treaty.", Expected("SUPPORT", "Israel", "Jordan"))
    expect("Israel and Jordan signed a treaty.", Expected("SUPPORT", "Jordan", "Israel"))


def test_partners_of_an_act_that_is_not_joint():
    assert partners(_A, [_A, _B], [], joint=False) == [None]


@pytest.mark.model
def test_subjects_side_by_side_are_not_each_others_target(expect):
    expect("Chile and Peru condemned the raid.", Expected("ACCUSE", "Chile", ""))
    expect("Chile and Peru condemned the raid.", Expected("ACCUSE", "Peru", ""))
    # a joint act stays joint when negated
    expect("Chile and Peru failed to reach agreement on the dam.",
           Expected("REJECT", "Peru", "Chile", rule="refusing"))
