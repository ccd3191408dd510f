"""A tiny store whose events carry known confidences (sentences written for these tests).

Ties, with the confidence of each event (None: coded by the rules alone, always kept):

- Amberland + Bluevale (0.9), Amberland - Cinderia (None), Bluevale - Cinderia (0.3),
  Cinderia + Dunmore (0.2): at 0.5 the last two go, and with them the one triangle and
  Dunmore's only tie;
- Eastmarch + Fenwick in January and February 2020 (None), Eastmarch - Fenwick in July 2020
  (0.2): a rupture by quarter, gone at 0.5.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from faultlines.store import Store
from faultlines.types import ActorRef, Document, DocumentResult, Event, polarity_of

AMB = ActorRef("Amberland", "AMB", "Amberland", "ABW", "GOV")
BLU = ActorRef("Bluevale", "BLU", "Bluevale", "BLZ", "GOV")
CIN = ActorRef("Cinderia", "CIN", "Cinderia", "CUB", "GOV")
DUN = ActorRef("Dunmore", "DUN", "Dunmore", "DNK", "GOV")
EAS = ActorRef("Eastmarch", "EAS", "Eastmarch", "EST", "GOV")
FEN = ActorRef("Fenwick", "FEN", "Fenwick", "FIN", "GOV")

#: (date, sentence, event type, actor, recipient, confidence)
SPECS: tuple[tuple[dt.date, str, str, ActorRef, ActorRef, float | None], ...] = (
    (dt.date(2020, 3, 1), "Amberland signed a trade pact with Bluevale.", "AGREE", AMB, BLU, 0.9),
    (dt.date(2020, 3, 2), "Amberland shelled a Cinderian border post.", "ASSAULT", AMB, CIN,
     None),
    (dt.date(2020, 3, 3), "Bluevale accused Cinderia of spying.", "ACCUSE", BLU, CIN, 0.3),
    (dt.date(2020, 3, 4), "Cinderia sent grain to Dunmore.", "AID", CIN, DUN, 0.2),
    (dt.date(2020, 1, 10), "Eastmarch agreed with Fenwick on fishing rights.", "AGREE", EAS, FEN,
     None),
    (dt.date(2020, 2, 10), "Eastmarch praised Fenwick's mediation.", "SUPPORT", EAS, FEN, None),
    (dt.date(2020, 7, 10), "Eastmarch expelled Fenwick's envoys.", "SANCTION", EAS, FEN, 0.2),
)

#: The ties of the whole store and the ties left at a threshold of 0.5, as (a, b) with a < b.
ALL_TIES = {("AMB", "BLU"), ("AMB", "CIN"), ("BLU", "CIN"), ("CIN", "DUN"), ("EAS", "FEN")}
TIES_AT_HALF = {("AMB", "BLU"), ("AMB", "CIN"), ("EAS", "FEN")}


def confidence_results() -> list[DocumentResult]:
    """One document per sentence, each with its one event."""
    results = []
    for i, (date, sentence, event_type, actor, recipient, confidence) in enumerate(SPECS):
        doc = Document(f"conf-{i}", sentence, date=date, source="Test Wire")
        event = Event(doc.id, 0, sentence, date, event_type, actor, recipient,
                      polarity_of(event_type), float(polarity_of(event_type)),
                      trigger=event_type.lower(), source="Test Wire", confidence=confidence,
                      rule="test")
        results.append(DocumentResult(doc, (), (event,), 1))
    return results


def write_confidence_store(path: Path) -> Path:
    """The store of :func:`confidence_results` at ``path``."""
    with Store(path) as store:
        store.add_results(confidence_results())
    return path
