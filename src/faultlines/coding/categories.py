"""The PLOVER categories the coder's rules name, and the groups of them the rules test.

This is the one place in ``coding/`` where code spells a category: rules import the names
from here, so renaming a category (in ``types.EVENT_TYPES`` and ``data/lexicon.tsv``) changes
code in this file only. Each name is checked against ``EVENT_TYPES`` at import.

>>> REQUEST in EVENT_TYPES
True
"""

from __future__ import annotations

from faultlines.coding.words import INVESTIGATING
from faultlines.types import EVENT_TYPES, polarity_of

__all__ = [
    "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONSULT", "COOPERATE", "MOBILIZE", "REJECT",
    "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
    "GIVING", "JUDGING", "MATERIAL_CONFLICT", "VERBAL_CONFLICT", "VIOLENT", "is_hostile",
]


def _category(name: str) -> str:
    if name not in EVENT_TYPES:
        raise ValueError(f"coding/categories.py: {name!r} is not in types.EVENT_TYPES; "
                         f"rename it here to the category's new name")
    return name


ACCUSE = _category("ACCUSE")
AGREE = _category("AGREE")
ASSAULT = _category("ASSAULT")
COERCE = _category("COERCE")
CONSULT = _category("CONSULT")
COOPERATE = _category("COOPERATE")
MOBILIZE = _category("MOBILIZE")
REJECT = _category("REJECT")
REQUEST = _category("REQUEST")
RETREAT = _category("RETREAT")
SANCTION = _category("SANCTION")
SUPPORT = _category("SUPPORT")
THREATEN = _category("THREATEN")
AID = _category("AID")
_PROTEST = _category("PROTEST")

#: Material conflict: a promise of one is a THREATEN (rules 6, 13).
MATERIAL_CONFLICT = frozenset({SANCTION, _PROTEST, MOBILIZE, COERCE, ASSAULT})
#: Verbal conflict: intent does not recode it (rule 6).
VERBAL_CONFLICT = frozenset({REQUEST, ACCUSE, REJECT, THREATEN})
#: Verbs that judge someone for an act ("accused X of ...", "praised X for ...", rule 8).
JUDGING = frozenset({ACCUSE, SUPPORT})
#: Acts whose direct object is the thing handed over, not the receiving actor (rule 3).
GIVING = frozenset({AID, RETREAT, AGREE, COOPERATE, MOBILIZE})
#: Attacks: a doer known only by its instrument is the unidentified attacker (rule 12).
VIOLENT = frozenset({ASSAULT, COERCE})


def is_hostile(category: str, lemma: str) -> bool:
    """A conflict act whose phrases read as aimed at someone (rules 3 and 10).

    Investigations are ACCUSE (verbal conflict) in PLOVER's 16, where they were material
    cooperation before; "at X" as their target and a mission as their vehicle do not fit them
    ("sent experts to Iran to investigate the crash").

    >>> is_hostile(ACCUSE, "condemn"), is_hostile(ACCUSE, "probe"), is_hostile(AGREE, "pledge")
    (True, False, False)
    """
    return polarity_of(category) < 0 and not (category == ACCUSE and lemma in INVESTIGATING)
