"""Rule 10 (missions): a trip, dispatch or meeting that serves a purpose clause.

*sent a delegation to Tehran to demand ...* is one REQUEST by the sender (the mission is only
its vehicle); with a cooperative purpose the visit is kept and ranks after the purpose; a
purpose without a target of its own is aimed at the destination; travel inside one's own
country meets no one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Token

from faultlines.coding.categories import CONSULT, is_hostile
from faultlines.coding.document import DocumentCoder, Trigger
from faultlines.coding.lexicon import Cue
from faultlines.coding.records import evolve
from faultlines.coding.rules.recipient import pick_recipients, recipient_candidates
from faultlines.coding.rules.triggers import find_trigger
from faultlines.coding.syntax import OBJECT_DEPS, has_aux, in_order_to, purpose_clauses
from faultlines.types import ActorRef

if TYPE_CHECKING:  # the frame record imports the clause walk, which asks is_mission
    from faultlines.coding.frame import Frame

__all__ = ["aim_at_destination", "drop_home_travel", "home_place", "is_mission", "mission_of",
           "purpose_rank", "vehicles"]

#: How much nearer the sentence root the purpose of a mission ranks than its depth says.
PURPOSE_RANK_BONUS = 1.5


def is_mission(coder: DocumentCoder, tok: Token) -> bool:
    """mission: "Baghdad *dispatched* a delegation to Ankara" (a dispatch trigger)."""
    return tok.pos_ == "VERB" and coder.lex.is_cue(Cue.MISSION, tok.lemma_.lower()) and \
        find_trigger(coder, tok) is not None


def mission_of(coder: DocumentCoder, verb: Token) -> Token | None:
    """purpose: "The envoy flew to Cairo *to press* the junta" -> flew (the mission served)."""
    head = in_order_to(verb)
    if head is None and verb.dep_ in ("advcl", "xcomp") and has_aux(verb, {"to"}):
        head = verb.head
    return head if head is not None and is_mission(coder, head) else None


def vehicles(coder: DocumentCoder,
             verb_triggers: Sequence[tuple[Token, Trigger]]) -> frozenset[int]:
    """vehicle: "They *sent* envoys to Tehran to demand redress" is a REQUEST, no CONSULT.

    The missions whose purpose is a conflict act aimed at someone: they are only the vehicle of
    that act (a mission sent to investigate is coded beside the investigation).
    """
    out = set()
    for tok, _ in verb_triggers:
        if is_mission(coder, tok) and any(
                (found := find_trigger(coder, p)) is not None
                and is_hostile(found.entry.category, found.entry.lemma)
                for p in purpose_clauses(tok)):
            out.add(tok.i)
    return frozenset(out)


def home_place(place: ActorRef, actors: Sequence[ActorRef]) -> bool:
    """home trip: "The premier *flew to* a province of his own country" is no consultation.

    A bare country or place (no sector) in the country of every actor.

    >>> iraq = ActorRef("Iraq", "IRQ", "Iraq", country="IRQ")
    >>> home_place(iraq, [ActorRef("Maliki", "M", "Maliki", country="IRQ", sector="GOV")])
    True
    """
    return place.sector is None and place.country is not None and bool(actors) and all(
        a.country == place.country for a in actors)


def purpose_rank(coder: DocumentCoder, trigger_tok: Token) -> float:
    """rank: "flew to Minsk *to sign* a pact": the purpose outranks the travel itself."""
    if trigger_tok.dep_ == "advcl" and coder.lex.is_cue(
            Cue.MOTION, trigger_tok.head.lemma_.lower()) and has_aux(trigger_tok, {"to"}):
        return PURPOSE_RANK_BONUS
    return 0.0


def aim_at_destination(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """destination: "They sent envoys *to Tehran to demand* compensation" -> of Iran.

    A purpose without a target of its own is aimed at the mission's destination (never at
    the envoy or force sent).
    """
    mission = mission_of(coder, frame.tok)
    if frame.recipients or mission is None:
        return frame
    moving = coder.lex.is_cue(Cue.MOTION, mission.lemma_.lower())
    candidates = [c for c in recipient_candidates(coder, mission)
                  if c.dep_ not in OBJECT_DEPS or not moving]
    actor_ids = {a.id for a in frame.actors}
    home = frozenset(a.country for a in frame.actors if a.country)
    return evolve(frame, recipients=tuple(pick_recipients(coder, candidates, actor_ids,
                                                           home=home)))


def drop_home_travel(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """home travel: "The premier *flew to* a city of his own country" meets no one."""
    tok = frame.tok
    if not (coder.lex.is_cue(Cue.MISSION, tok.lemma_.lower()) and frame.entry.category == CONSULT):
        return frame
    recipients = tuple(r for r in frame.recipients if not home_place(r, frame.actors))
    if not recipients and not any(c.dep_ in OBJECT_DEPS for c in coder.children(tok)):
        return None
    return evolve(frame, recipients=recipients)
