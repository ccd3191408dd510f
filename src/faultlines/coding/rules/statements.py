"""Statements PLOVER drops: comments that name an act's word but are no act.

PLOVER's translation table drops CAMEO 01 (make a public statement) and 02 (appeal); four of
CAMEO's statement kinds use words the lexicon codes as acts elsewhere: declining to comment
(CAMEO 011), a comment of concern or sympathy (012 and 018: *expressed concern*, *offered
condolences*), agreeing with someone's view (019, express accord) and a denial of an
accusation (016, deny responsibility: PLOVER leaves it to the user and we drop it with the
other statements). Each rule returns None: no event.
"""

from __future__ import annotations

from faultlines.coding.categories import REJECT
from faultlines.coding.document import DocumentCoder
from faultlines.coding.frame import Frame
from faultlines.coding.words import ACCORD_VERBS, ACCUSATION_NOUNS, COMMENT_NOUNS, COMMENT_VERBS

__all__ = ["declined_comment", "comment_of_feeling", "denied_accusation", "expressed_accord"]


def declined_comment(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """declined_comment: "The ministry *declined to comment* on the talks" is no REJECT.

    A refusal whose complement is a verb of comment refuses no one anything (CAMEO 011).
    """
    if frame.category == REJECT and any(c.dep_ == "xcomp" and c.lemma_.lower() in COMMENT_VERBS
           for c in coder.children(frame.tok)):
        return None
    return frame


def comment_of_feeling(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """comment_of_feeling: "The mayor *expressed concern* over the floods" is no ACCUSE.

    A light verb whose event noun is a feeling (concern, condolences, sympathy) makes a
    comment, not an act (CAMEO 012 and 018).
    """
    if frame.noun is not None and frame.noun.lemma_.lower() in COMMENT_NOUNS:
        return None
    return frame


def denied_accusation(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """denied_accusation: "The party *denied allegations* that it bribed voters" is no REJECT.

    Rejecting an accusation, charge or allegation is a denial of responsibility (CAMEO 016),
    a statement; rejecting a plan, an offer or a demand stays a REJECT.
    """
    if frame.category != REJECT:
        return frame
    objects = [c for c in coder.children(frame.tok) if c.dep_ in ("dobj", "obj")]
    if objects and all(o.lemma_.lower() in ACCUSATION_NOUNS for o in objects):
        return None
    return frame


def expressed_accord(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """expressed_accord: "The ministers *agree with the auditors* that the fund was misused".

    Agreeing *with* someone and nothing more, no act agreed to (no *to*-clause, object or
    *on/to* phrase), expresses accord with a view (CAMEO 019), a statement: no AGREE.
    "agreed with Chile to open the border" and "agreed with Chile on a truce" stay AGREEs.
    """
    if frame.tok.lemma_.lower() not in ACCORD_VERBS:
        return frame
    children = coder.children(frame.tok)
    preps = {c.lower_ for c in children if c.dep_ == "prep"}
    if "with" in preps and not preps & {"on", "upon", "to", "over"} and not any(
            c.dep_ in ("xcomp", "dobj", "obj") for c in children):
        return None
    return frame
