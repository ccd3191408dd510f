"""Rule 8 (judged acts): coding/rules/judged.py."""

from __future__ import annotations

import pytest
from coding_rules_support import Expected

pytestmark = pytest.mark.model


def test_judged_act_belongs_to_the_object_and_is_the_judges_word(expect):
    expect("The premier praised Egypt for hosting the talks.",
           Expected("SUPPORT", "premier", "Egypt"))
    event = expect("The premier praised Egypt for hosting the talks.",
                   Expected("CONSULT", "Egypt", None, "reported"))
    assert event.attributed_to is not None and "premier" in event.attributed_to.text
