"""Rule 4 (pairs): one event per (actor, recipient) pair of a trigger.

Conjoined subjects and objects give one event per pair; conjoined subjects of a joint act
with no other target are each other's target (*Israel and Jordan signed a treaty*), those of
another act are not (*Israel and Jordan condemned the raid*).
"""

from __future__ import annotations

from collections.abc import Sequence

from faultlines.coding.categories import AGREE, ASSAULT, CONSULT, COOPERATE, SUPPORT
from faultlines.coding.document import DocumentCoder
from faultlines.coding.emission import SentenceEvents
from faultlines.coding.frame import Frame
from faultlines.coding.rules.alliances import emit_allies
from faultlines.coding.rules.reference import actors_of
from faultlines.types import ActorRef

__all__ = ["JOINT", "emit_pairs", "partners"]

#: Acts two parties do with each other ("X and Y met", "signed a treaty", "fought"; also when
#: negated: "failed to reach agreement"), by the trigger's own category: only these make
#: conjoined subjects each other's target. "X and Y condemned the raid" is two condemnations
#: of the raid, not of each other.
JOINT = frozenset({AGREE, CONSULT, COOPERATE, SUPPORT, ASSAULT})


def partners(actor: ActorRef, actors: Sequence[ActorRef], recipients: Sequence[ActorRef],
             joint: bool = True) -> Sequence[ActorRef | None]:
    """pairs: "*Israel and Jordan* signed a treaty": each is the other's target.

    >>> israel, jordan = ActorRef("Israel", "ISR", "Israel"), ActorRef("Jordan", "JOR", "Jordan")
    >>> [p.id for p in partners(israel, [israel, jordan], [])]
    ['JOR']
    >>> partners(israel, [israel], [])
    [None]
    >>> partners(israel, [israel, jordan], [], joint=False)
    [None]
    """
    if recipients:
        return [*recipients]
    if not joint:
        return [None]
    others = [a for a in actors if a.id != actor.id][:1]
    return others if others else [None]


def emit_pairs(coder: DocumentCoder, frame: Frame, out: SentenceEvents) -> None:
    """pairs: "Hamas and Fatah *condemned* the raid and the arrests" (one event per pair).

    Each actor's allies (rule 14) follow its own events.
    """
    allies = actors_of(coder, frame.allies) if frame.allies else []
    for actor in frame.actors:
        for recipient in partners(actor, frame.actors, frame.recipients,
                                  frame.entry.category in JOINT):
            out.emit(frame.category, actor, recipient, frame.entry.intensity, frame.ctx,
                     frame.text, frame.tok, frame.rule)
        emit_allies(frame, actor, allies, out)
