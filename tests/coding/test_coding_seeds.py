"""The coder on the three seed articles (read in place from ../shared; skipped without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from faultlines.coding import code_events
from faultlines.types import Document

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_events(nlp, seeds_dir: Path, find_mentions):
    events = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        document = Document(id=path.stem, text=path.read_text(encoding="utf-8"))
        doc = nlp(document.text)
        events[path.name[:3]] = code_events(doc, document, find_mentions(doc, document))
    if len(events) < 3:
        pytest.skip("expected three seed articles in ../shared/corpus/seeds")
    return events


def _in_sentence(events, fragment: str):
    return [e for e in events if fragment in e.sentence]


def test_allawi_warning_is_reported_and_attributed(seed_events):
    events = _in_sentence(seed_events["002"], "stage one of a civil war")
    assert events, "no event in Allawi's warning"
    for event in events:
        assert event.modality == "reported"
        assert event.attributed_to is not None and "Allawi" in event.attributed_to.text


def test_should_stop_killing_is_advocated(seed_events):
    events = [e for e in _in_sentence(seed_events["002"], "should stop trying to kill")
              if e.event_type == "ASSAULT" and "United States" in e.actor.text]
    assert events and all(e.modality == "advocated" for e in events)


def test_needs_to_crush_is_advocated(seed_events):
    events = [e for e in _in_sentence(seed_events["003"], "needs to crush")
              if e.trigger == "crush"]
    assert events and all(e.modality == "advocated" for e in events)
    assert {e.event_type for e in events} == {"ASSAULT"}


def test_negated_agreement_stays_agree(seed_events):
    events = _in_sentence(seed_events["002"], "agree to the January elections")
    agree = [e for e in events if e.trigger == "agree"]
    assert agree and all(e.event_type == "AGREE" and e.modality == "negated" for e in agree)
    assert not [e for e in events if e.event_type == "REJECT"]


def test_negated_events_keep_their_own_category(seed_events, code):
    # Negation changes the modality, never the category: the same sentence without its
    # negation words codes the same trigger with the same category.
    import re

    negated = [e for evs in seed_events.values() for e in evs if e.modality == "negated"]
    assert negated
    for event in negated:
        plain = re.sub(r"\b(not|never)\s+|n[\u2019']t\b", "", event.sentence)
        plain = plain.replace("cannot", "can")
        assert plain != event.sentence
        same = [e for e in code(plain) if e.trigger == event.trigger]
        assert same, (event.sentence, event.trigger)
        assert {e.event_type for e in same} == {event.event_type}, (event.trigger, same)


def _edge(events, actor: str, recipient: str, types: set[str]):
    return [e for e in events if e.event_type in types and e.modality != "negated"
            and actor.lower() in e.actor.text.lower() and e.recipient is not None
            and recipient.lower() in e.recipient.text.lower()]


@pytest.mark.parametrize(("article", "actor", "recipient", "types"), [
    ("000", "Allawi", "Maliki", {"REQUEST", "ACCUSE"}),
    ("000", "Baath", "Allawi", {"SUPPORT"}),
    ("000", "Mutlaq", "Allawi", {"SUPPORT"}),
    ("003", "Maliki", "Iran", {"REQUEST"}),
    ("003", "Maliki", "Mahdi", {"ASSAULT"}),
    ("003", "Maliki", "Sadr", {"REJECT", "ACCUSE"}),
    ("003", "Iran", "militia", {"AID"}),
    ("002", "Shiite", "Sunni", {"ASSAULT"}),
])
def test_seed_map(seed_events, article, actor, recipient, types):
    edges = _edge(seed_events[article], actor, recipient, types)
    assert edges, f"no {types} event {actor} -> {recipient} in seed {article}"
