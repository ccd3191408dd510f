"""Rule 14, refusals: *will not tolerate X doing Y* is a REJECT of X, stated now; so is a negated
cooperative act (*will not accept X*)."""

from __future__ import annotations

from faultlines.coding.categories import REJECT
from faultlines.coding.document import DocumentCoder
from faultlines.coding.frame import Frame
from faultlines.coding.lexicon import Cue
from faultlines.coding.records import evolve
from faultlines.types import polarity_of

__all__ = ["refusal", "negated_cooperation"]

_FAILING = frozenset({"fail"})


def refusal(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """refusing: "The cabinet *will not tolerate* the militias' raids" -> REJECT, asserted.

    The refusal is what is stated, and it is stated now: the negation is consumed. Y is still
    coded as X's act (the clause walk does not treat a ``refusing`` head as governing).
    """
    if not (frame.ctx.negated and coder.lex.is_cue(Cue.REFUSING, frame.tok.lemma_.lower())):
        return frame
    return evolve(frame, category=REJECT, text=f"not {frame.text}",
                   ctx=evolve(frame.ctx, negated=False), rule="refusing")


def negated_cooperation(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """negated cooperation: "Hungary *will not accept* the migrants" -> REJECT, asserted.

    PLOVER's REJECT covers every refusal of exchange, change, yielding or meeting (its modes
    assist, change, yield, meet): a cooperative act negated with intent (*will not accept*,
    *would not cooperate with*, *will no longer*) or failed (*failed to reach agreement*) is
    stated as a refusal now, with the negated act kept in the trigger text ("not accept").
    An act that merely did not happen (*never recognized*, *have not forgiven*) keeps its
    category and the negated modality, as a negated conflict act does; so does one negated
    only in a condition (*if the US did not agree*) or under advocacy (*should stop arming*).
    """
    ctx = frame.ctx
    if not (ctx.negated and polarity_of(frame.category) > 0) or ctx.uncertain \
            or ctx.advocated or not (ctx.intent or _failed(coder, frame)):
        return frame
    return evolve(frame, category=REJECT, text=f"not {frame.text}",
                  ctx=evolve(frame.ctx, negated=False), rule="refusing")


def _failed(coder: DocumentCoder, frame: Frame) -> bool:
    """"failed to reach agreement": the attempt is stated and it failed."""
    cur = frame.tok
    for _ in range(3):
        if cur.dep_ not in ("xcomp", "ccomp") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in _FAILING:
            return True
    return False
