"""Rule 5 (governing verbs): a trigger's complement is part of that trigger's act.

*refused to agree* is one REJECT, never an AGREE too; *demanded that X withdraw* is a REQUEST,
not a RETREAT. The clause walk (:func:`faultlines.coding.context.clause_context`) marks a
complement of another trigger as ``governed``; the complement still supplies the target.
The purpose of aid is the receiver's, not the giver's act: *armed the militias to fight X* is
AID to the militias and no fight of the giver's.
"""

from __future__ import annotations

from faultlines.coding.categories import AID
from faultlines.coding.document import DocumentCoder
from faultlines.coding.frame import Frame
from faultlines.coding.lexicon import Cue
from faultlines.coding.rules.reference import can_act
from faultlines.coding.syntax import has_aux

__all__ = ["skip_aid_purpose", "skip_governed"]


def skip_governed(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """governing: "The party *refused to join* the cabinet": *join* codes nothing itself."""
    return None if frame.ctx.governed else frame


def skip_aid_purpose(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """aid purpose: "The US *funded the rebels to fight* the regime": no fight coded.

    A *to*-clause after a verb that gives aid (a lexicon row AID: *arm, train, fund, equip*)
    to someone is what the receiver is to do, not an act the giver did; the aid is coded
    alone (its receiver, not the fight's target, is the recipient). Missions (*sent troops
    to attack*) keep their own rules (rule 10).
    """
    tok = frame.tok
    head = tok.head
    if tok.dep_ not in ("advcl", "xcomp") or head.i == tok.i or not has_aux(tok, {"to"}):
        return frame
    lemma = head.lemma_.lower()
    if coder.lex.is_cue(Cue.MISSION, lemma) or coder.lex.is_cue(Cue.MOTION, lemma) or not any(
            e.category == AID for e in coder.lex.lookup(lemma, "VERB")):
        return frame  # "sent troops to attack X" is a mission (rule 10); no aid, no purpose
    receivers = [c for c in coder.children(head) if c.dep_ in ("dobj", "obj", "dative")]
    if any(c.i in coder.by_token or can_act(coder, c) for c in receivers):
        return None
    return frame
