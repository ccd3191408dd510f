"""Rule 9 (ending an act): ending a conflict act is RETREAT, ending cooperation SANCTION."""

from __future__ import annotations

from faultlines.coding.categories import RETREAT, SANCTION
from faultlines.coding.lexicon import LexiconEntry
from faultlines.types import polarity_of

__all__ = ["ended"]


def ended(entry: LexiconEntry) -> LexiconEntry:
    """ending: "The miners *called off the strike*" is RETREAT, not PROTEST.

    Ending a conflict act de-escalates (RETREAT); ending cooperation reduces it (SANCTION).

    >>> ended(LexiconEntry("strike", "NOUN", "PROTEST", 5.5)).category
    'RETREAT'
    >>> ended(LexiconEntry("talks", "NOUN", "CONSULT", 2.5)).category
    'SANCTION'
    """
    category = SANCTION if polarity_of(entry.category) > 0 else RETREAT
    return LexiconEntry(lemma=entry.lemma, pos=entry.pos, category=category, intensity=5.0)
