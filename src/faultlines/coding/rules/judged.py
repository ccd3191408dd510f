"""Rule 8 (judged acts): in "accused X of doing Y" the act Y is X's, alleged by the judge."""

from __future__ import annotations

from spacy.tokens import Token

from faultlines.coding.categories import JUDGING
from faultlines.coding.document import DocumentCoder
from faultlines.coding.rules.triggers import find_trigger

__all__ = ["judged_object"]


def judged_object(coder: DocumentCoder, verb: Token) -> Token | None:
    """judged: "The minister *accused the rebels of* shelling the town" (the rebels shell).

    Returns the object of the judging verb ("accused", "praised ... for") when ``verb`` is the
    gerund of its of/for phrase, else None.
    """
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ not in ("of", "for") or prep.head.pos_ != "VERB":
        return None
    judge = prep.head
    found = find_trigger(coder, judge)
    if found is None or found.entry.category not in JUDGING:
        return None
    return next((c for c in coder.children(judge) if c.dep_ in ("dobj", "obj")), None)
