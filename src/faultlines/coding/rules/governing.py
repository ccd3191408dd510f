"""Rule 5 (governing verbs): a trigger's complement is part of that trigger's act.

*refused to agree* is one REJECT, never an AGREE too; *demanded that X withdraw* is a REQUEST,
not a RETREAT. The clause walk (:func:`faultlines.coding.context.clause_context`) marks a
complement of another trigger as ``governed``; the complement still supplies the target.
"""

from __future__ import annotations

from faultlines.coding.document import DocumentCoder
from faultlines.coding.frame import Frame

__all__ = ["skip_governed"]


def skip_governed(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """governing: "The party *refused to join* the cabinet": *join* codes nothing itself."""
    return None if frame.ctx.governed else frame
