"""Rule 6 (intent): stated intent is AGREE for cooperation and THREATEN for material conflict.

*will provide food aid* is an AGREE, *said they would boycott* a THREATEN (PLOVER codes intent
that way); a material-conflict act under *may/could/might* with an *if/unless* clause is a
THREATEN; under *if/whether* no intent is stated.
"""

from __future__ import annotations

from faultlines.coding.categories import AGREE, MATERIAL_CONFLICT, THREATEN, VERBAL_CONFLICT
from faultlines.coding.context import Context
from faultlines.coding.document import DocumentCoder
from faultlines.coding.frame import Frame
from faultlines.coding.records import evolve

__all__ = ["shift_category", "shift_intent"]


def shift_category(category: str, ctx: Context, text: str) -> tuple[str, str]:
    """intent: "The donors *will provide* food aid" -> AGREE "will provide".

    >>> shift_category("AID", Context(intent="will"), "provide")
    ('AGREE', 'will provide')
    >>> shift_category("ASSAULT", Context(intent="will"), "attack")
    ('THREATEN', 'will attack')
    >>> shift_category("ASSAULT", Context(intent="will", negated=True), "attack")
    ('ASSAULT', 'attack')
    """
    if ctx.vowed_conflict:
        return THREATEN, text
    if ctx.intent and not ctx.negated and not ctx.uncertain:
        if category in MATERIAL_CONFLICT:
            return THREATEN, f"{ctx.intent} {text}"
        if category not in VERBAL_CONFLICT:
            return AGREE, f"{ctx.intent} {text}"
    if ctx.conditional and category in MATERIAL_CONFLICT and ctx.hypothetical:
        return THREATEN, text
    return category, text


def shift_intent(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """intent: "Rebels *could attack if* the talks fail" is a THREATEN."""
    category, text = shift_category(frame.category, frame.ctx, frame.text)
    if (category, text) == (frame.category, frame.text):
        return frame
    rule = frame.rule if frame.ctx.vowed_conflict else "intent"
    return evolve(frame, category=category, text=text, rule=rule)
