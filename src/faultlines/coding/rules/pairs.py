"""Rule 4 (pairs): one event per (actor, recipient) pair of a trigger.

Conjoined subjects and objects give one event per pair; conjoined subjects with no other
target are each other's target (*Israel and Jordan signed a treaty*).
"""

from __future__ import annotations

from collections.abc import Sequence

from faultlines.coding.document import DocumentCoder
from faultlines.coding.emission import SentenceEvents
from faultlines.coding.frame import Frame
from faultlines.coding.rules.alliances import emit_allies
from faultlines.coding.rules.reference import actors_of
from faultlines.types import ActorRef

__all__ = ["emit_pairs", "partners"]


def partners(actor: ActorRef, actors: Sequence[ActorRef],
             recipients: Sequence[ActorRef]) -> Sequence[ActorRef | None]:
    """pairs: "*Israel and Jordan* signed a treaty": each is the other's target.

    >>> israel, jordan = ActorRef("Israel", "ISR", "Israel"), ActorRef("Jordan", "JOR", "Jordan")
    >>> [p.id for p in partners(israel, [israel, jordan], [])]
    ['JOR']
    >>> partners(israel, [israel], [])
    [None]
    """
    if recipients:
        return [*recipients]
    others = [a for a in actors if a.id != actor.id][:1]
    return others if others else [None]


def emit_pairs(coder: DocumentCoder, frame: Frame, out: SentenceEvents) -> None:
    """pairs: "Hamas and Fatah *condemned* the raid and the arrests" (one event per pair).

    Each actor's allies (rule 14) follow its own events.
    """
    allies = actors_of(coder, frame.allies) if frame.allies else []
    for actor in frame.actors:
        for recipient in partners(actor, frame.actors, frame.recipients):
            out.emit(frame.category, actor, recipient, frame.entry.intensity, frame.ctx,
                     frame.text, frame.tok, frame.rule)
        emit_allies(frame, actor, allies, out)
