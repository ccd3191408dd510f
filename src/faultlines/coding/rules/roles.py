"""Rules 2 and 14, swapped roles: the grammatical subject receives rather than acts.

*won him the endorsement of X* (``receiving`` cues): X acts, the receiver is the target.
*Y is dependent on X's funds* (``dependent`` cues): X gives AID to Y.
"""

from __future__ import annotations

from faultlines.coding.document import DocumentCoder
from faultlines.coding.frame import Frame
from faultlines.coding.lexicon import Cue
from faultlines.coding.records import evolve

__all__ = ["dependent", "receiving"]


def receiving(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """receiving: "The reform *won the premier the backing of* the clerics" -> clerics act."""
    noun = frame.noun
    if noun is None or not coder.lex.is_cue(Cue.RECEIVING, frame.tok.lemma_.lower()):
        return frame
    givers = tuple(p for c in coder.children(noun) if c.dep_ == "prep" and c.lower_ in
                   ("of", "from", "by") for p in coder.children(c) if p.dep_ == "pobj")
    if not givers:
        return None
    candidates = tuple(c for c in coder.children(frame.tok) if c.dep_ == "dative")
    return evolve(frame, candidates=candidates + frame.subjects, subjects=givers,
                   rule="roles")


def dependent(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """dependent: "The regime *is dependent on* Russian loans" -> Russia AID the regime."""
    if not coder.lex.is_cue(Cue.DEPENDENT, frame.tok.lemma_.lower()):
        return frame
    givers = tuple(p for c in coder.children(frame.tok)
                   if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                   for p in coder.children(c) if p.dep_ == "pobj")
    if not givers:
        return None
    return evolve(frame, candidates=frame.subjects, subjects=givers, rule="roles")
