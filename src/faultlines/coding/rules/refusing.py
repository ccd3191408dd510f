"""Rule 14, refusals: *will not tolerate X doing Y* is a REJECT of X, stated now."""

from __future__ import annotations

from faultlines.coding.categories import REJECT
from faultlines.coding.document import DocumentCoder
from faultlines.coding.frame import Frame
from faultlines.coding.lexicon import Cue
from faultlines.coding.records import evolve

__all__ = ["refusal"]


def refusal(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """refusing: "The cabinet *will not tolerate* the militias' raids" -> REJECT, asserted.

    The refusal is what is stated, and it is stated now: the negation is consumed. Y is still
    coded as X's act (the clause walk does not treat a ``refusing`` head as governing).
    """
    if not (frame.ctx.negated and coder.lex.is_cue(Cue.REFUSING, frame.tok.lemma_.lower())):
        return frame
    return evolve(frame, category=REJECT, text=f"not {frame.text}",
                   ctx=evolve(frame.ctx, negated=False), rule="refusing")
