"""Builders of tiny hand-made DocumentResults for store and network tests (no spaCy needed)."""

from __future__ import annotations

import datetime as dt

from faultlines.types import ActorRef, Document, DocumentResult, Event, Mention, polarity_of

USA = ActorRef(text="Washington", id="USA", name="United States", country="USA", sector="GOV")
IRQ = ActorRef(text="Baghdad", id="IRQGOV", name="Iraqi government", country="IRQ",
               sector="GOV")
SADR = ActorRef(text="the Sadrists", id="x:sadrists", name="Sadrists", country="IRQ",
                sector="PTY")
IRN = ActorRef(text="Tehran", id="IRN", name="Iran", country="IRN", sector="GOV")


def make_event(doc: Document, index: int, event_type: str, actor: ActorRef,
               recipient: ActorRef | None, *, modality: str = "asserted",
               attributed_to: ActorRef | None = None, date: dt.date | None = None,
               trigger: str | None = None, intensity: float = 1.0) -> Event:
    return Event(
        doc_id=doc.id, sentence_index=index,
        sentence=f"Sentence {index} of {doc.id}: {actor.name} {event_type.lower()}.",
        date=date or doc.date, event_type=event_type, actor=actor, recipient=recipient,
        polarity=polarity_of(event_type), intensity=intensity, modality=modality,
        attributed_to=attributed_to, trigger=trigger or event_type.lower(), source=doc.source)


def make_result(doc_id: str, date: dt.date | None, specs: list[tuple], *,
                source: str = "Daily Example", author: str | None = "A. Writer",
                text: str | None = None) -> DocumentResult:
    """``specs``: (event_type, actor, recipient[, modality[, attributed_to]]) per sentence."""
    doc = Document(id=doc_id, text=text or f"Text of {doc_id} ({len(specs)} events)",
                   date=date, source=source, author=author, origin=f"{doc_id}.txt")
    events, mentions = [], []
    for index, spec in enumerate(specs):
        event_type, actor, recipient = spec[:3]
        modality = spec[3] if len(spec) > 3 else "asserted"
        attributed = spec[4] if len(spec) > 4 else None
        events.append(make_event(doc, index, event_type, actor, recipient, modality=modality,
                                 attributed_to=attributed))
        for ref in (actor, recipient):
            if ref is not None:
                mentions.append(Mention(doc_id, index, 0, 1, ref.text, ref))
    return DocumentResult(document=doc, mentions=tuple(mentions), events=tuple(events),
                          sentence_count=len(specs))


def sample_corpus() -> list[DocumentResult]:
    """Three articles: USA and the Iraqi government cooperate, both fight the Sadrists."""
    return [
        make_result("a1", dt.date(2006, 1, 10), [
            ("AGREE", USA, IRQ), ("ASSAULT", USA, SADR), ("SUPPORT", IRQ, USA),
        ]),
        make_result("a2", dt.date(2006, 5, 2), [
            ("COOPERATE", IRQ, USA), ("THREATEN", SADR, IRQ),
            ("ASSAULT", USA, SADR, "hypothetical"),
            ("REJECT", IRN, USA, "reported", IRN),
        ], source="Other Times", author="B. Critic"),
        make_result("a3", dt.date(2007, 2, 1), [
            ("ACCUSE", IRQ, USA), ("AID", IRN, SADR), ("REQUEST", USA, None),
        ]),
    ]
