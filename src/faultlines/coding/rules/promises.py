"""Rule 13 (promises): what a promise or vow is a promise of.

PLOVER's AGREE is an intent to *cooperate*: a promise of a material-conflict act is a
THREATEN, of a verbal-conflict act that act; intent and transparent verbs that are triggers
themselves (*vowed*, *pledged*, *helped*) are not coded beside their complement. (The other
half of rule 13, *expect X to do Y*, is a trigger: ``triggers.expected_act``.)
"""

from __future__ import annotations

from spacy.tokens import Token

from faultlines.coding.categories import AGREE, MATERIAL_CONFLICT, VERBAL_CONFLICT
from faultlines.coding.document import DocumentCoder
from faultlines.coding.frame import Frame
from faultlines.coding.lexicon import Cue, LexiconEntry
from faultlines.coding.records import evolve
from faultlines.coding.rules.triggers import find_trigger

__all__ = ["promise", "promised_category"]


def promised_category(coder: DocumentCoder, tok: Token, entry: LexiconEntry) -> str | None:
    """promise: "The governor *promised to veto* the bill" is a REJECT.

    Returns the complement's category, ``""`` when the complement is coded on its own
    (intent verbs such as *vow*, *pledge*, and transparent ones such as *help*: coding the
    vow too would count one act twice), or None when ``tok`` promises nothing coded.
    """
    lemma = tok.lemma_.lower()
    if coder.lex.is_cue(Cue.TRANSPARENT, lemma) and any(
            c.dep_ == "xcomp" and find_trigger(coder, c) is not None
            for c in coder.children(tok)):
        return ""  # "helped to broker the deal": the brokering is the act
    intent = coder.lex.is_cue(Cue.INTENT, lemma)
    if entry.category != AGREE or not (intent or lemma == "promise"):
        return None
    for comp in coder.children(tok):
        found = find_trigger(coder, comp) if comp.dep_ == "xcomp" else None
        if found is not None:
            return "" if intent else found.entry.category
    return None


def promise(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """promises: "The militia *vowed to attack* the convoy" is one THREATEN (the attack's)."""
    promised = promised_category(coder, frame.tok, frame.entry)
    if promised == "":
        return None  # "vowed to defeat X": the complement is coded, with its intent
    if promised in MATERIAL_CONFLICT:
        frame = evolve(frame, ctx=evolve(frame.ctx, vowed_conflict=True), rule="promises")
    if promised in VERBAL_CONFLICT:
        frame = evolve(frame, category=promised, rule="promises")
    return frame
