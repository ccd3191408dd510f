"""PLOVER mode, contexts, aux_mode and scale (coding/plover.py), on sentences written for these
tests."""

from __future__ import annotations

import datetime as dt

import pytest

from faultlines.coding.plover import (
    CONTEXTS,
    MODES,
    apply_plover,
    assign_plover,
    event_scale_of,
    load_tables,
)
from faultlines.types import EVENT_TYPES, ActorRef, Document, Event, polarity_of

A = ActorRef("the rebels", "x:rebels", "rebels", None, "REB")
B = ActorRef("the garrison", "x:garrison", "garrison", None, None)


def _event(sentence: str, event_type: str, trigger: str, *, modality: str = "asserted",
           actor: ActorRef = A) -> Event:
    return Event("d1", 0, sentence, None, event_type, actor, B, polarity_of(event_type), 5.0,
                 modality=modality, trigger=trigger)


def test_tables_cover_the_manual():
    tables = load_tables()
    assert len(CONTEXTS) == 37 and "crime" in CONTEXTS and "human_rights" in CONTEXTS
    # every category has its own score; every mode is scored except PROTEST vandalize, which
    # the manual's score table leaves out (it takes PROTEST's score)
    assert all((c, None) in tables.scale for c in EVENT_TYPES)
    unscored = {(c, m) for c, modes in MODES.items() for m in modes} - set(tables.scale)
    assert unscored == {("PROTEST", "vandalize")}
    assert event_scale_of("PROTEST", "vandalize") == tables.scale[("PROTEST", None)]
    assert set(MODES["ACCUSE"]) == {"investigate", "allege", "disapprove"}
    assert all(-10 <= v <= 10 for v in tables.scale.values())


@pytest.mark.parametrize("sentence, event_type, trigger, mode", [
    ("The rebels shelled the garrison with artillery overnight.", "ASSAULT", "shelled",
     "heavy-weapons"),
    ("A drone struck the garrison at dawn.", "ASSAULT", "struck", "drone"),
    ("A suicide bomber attacked the garrison gate.", "ASSAULT", "attacked", "suicide-attack"),
    ("Riot police used tear gas and water cannon on the crowd.", "ASSAULT", "used",
     "crowd-control"),
    ("The rebels kidnapped two engineers near the garrison.", "ASSAULT", "kidnapped", "abduct"),
    ("Dockworkers began a hunger strike outside the port.", "PROTEST", "began hunger strike",
     "hunger"),
    ("Dockworkers went on strike at the port.", "PROTEST", "went on strike", "strike"),
    ("The junta imposed a curfew on the capital.", "COERCE", "imposed curfew", "curfew"),
    ("Soldiers arrested three organisers.", "COERCE", "arrested", "arrest"),
    ("The rebels released forty prisoners on Sunday.", "RETREAT", "released", "release"),
    ("The envoy held a phone call with the garrison commander.", "CONSULT", "held", "phone"),
    ("The rebels demanded the release of their commander.", "REQUEST", "demanded", "yield"),
    ("The rebels rejected the offer of talks.", "REJECT", "rejected", "meet"),
    ("The rebels threatened to invade the valley.", "THREATEN", "threatened", "territory"),
    ("Prosecutors opened an investigation into the garrison.", "ACCUSE", "opened investigation",
     "investigate"),
    ("The rebels accused the garrison of looting.", "ACCUSE", "accused", "allege"),
    ("The rebels condemned the garrison.", "ACCUSE", "condemned", "disapprove"),
])
def test_mode_from_trigger_and_arguments(nlp, sentence, event_type, trigger, mode):
    doc = nlp(sentence)
    [event] = apply_plover([_event(sentence, event_type, trigger)], doc, Document("d1", sentence))
    assert event.mode == mode
    assert event.event_scale == load_tables().scale[(event_type, mode)]


def test_no_mode_where_none_fits(nlp):
    sentence = "The rebels agreed with the garrison."
    [event] = apply_plover([_event(sentence, "AGREE", "agreed")], nlp(sentence), None)
    assert event.mode is None and event.event_scale == 2.5


@pytest.mark.parametrize("sentence, modality, trigger, aux", [
    ("The rebels did not attack the garrison.", "negated", "attack", "negation"),
    ("The rebels might attack the garrison.", "hypothetical", "attack", "hypothetical"),
    ("The rebels will meet the garrison commander next week.", "asserted", "meet", "future"),
    ("The rebels attacked the garrison in 1994.", "asserted", "attacked", "historical"),
    ("The rebels attacked the garrison on Tuesday.", "asserted", "attacked", None),
])
def test_aux_mode_from_modality_and_tense(nlp, sentence, modality, trigger, aux):
    document = Document("d1", sentence, date=dt.date(2021, 5, 1))
    event = _event(sentence, "ASSAULT", trigger, modality=modality)
    assert assign_plover(event, nlp(sentence), document).aux_mode == aux


def test_contexts_from_sentence_document_sector_and_mode(nlp):
    text = ("Hackers attacked the central bank's servers. The cartel laundered the money. "
            "Police said the cartel ran the ransomware.")
    doc = nlp(text)
    police = ActorRef("Police", "x:police", "police", None, "COP")
    army = ActorRef("the army", "x:army", "army", None, "MIL")
    hack = Event("d1", 0, "Hackers attacked the central bank's servers.", None, "COERCE",
                 police, None, -1, 6.0, trigger="attacked")
    raid = Event("d1", 1, "The cartel laundered the money.", None, "ASSAULT", army, None, -1,
                 8.0, trigger="laundered")
    first, second = apply_plover([hack, raid], doc, Document("d1", text))
    assert first.mode is None or first.mode == "cyber"
    assert "economic" in first.contexts  # "bank" in the sentence
    assert "cyber" in first.contexts  # "ransomware" and "hackers": in two sentences
    assert "crime" in second.contexts and "military" in second.contexts
    assert list(second.contexts) == [c for c in CONTEXTS if c in second.contexts]


def test_specific_crime_context_replaces_crime(nlp):
    sentence = "The governor was accused of bribery and theft."
    event = _event(sentence, "ACCUSE", "accused")
    out = assign_plover(event, nlp(sentence), None)
    assert "corruption" in out.contexts and "crime" not in out.contexts


def test_scale_falls_back_to_category():
    assert event_scale_of("ASSAULT", "aerial") == -9.5
    assert event_scale_of("ASSAULT", "nonexistent") == -9.0
    assert event_scale_of("ACCUSE", None) < 0  # verbal conflict; see plover_scale.tsv note


@pytest.mark.parametrize("sentence, trigger, aux", [
    ("The rebels are going to attack the garrison.", "attack", "future"),
    ("The rebels plan to attack the garrison.", "attack", "future"),
    ("The rebels attacked the garrison, which plans to leave.", "attacked", None),
])
def test_future_comes_from_the_trigger_clause(nlp, sentence, trigger, aux):
    event = _event(sentence, "ASSAULT", trigger)
    assert assign_plover(event, nlp(sentence), None).aux_mode == aux


def test_investigations_are_accuse_but_not_read_as_hostile(code):
    """PLOVER's 16 make an investigation ACCUSE; a mission sent to investigate stays coded
    beside it (a mission sent to demand is only the demand's vehicle). Sentences written for
    this test."""
    events = code("Chile will send experts to Peru to investigate the explosion.")
    kinds = {(e.event_type, e.actor.text, e.recipient.text if e.recipient else None)
             for e in events}
    assert ("ACCUSE", "Chile", "Peru") in kinds, kinds
    assert ("AGREE", "Chile", "Peru") in kinds, kinds
    accuse = next(e for e in events if e.event_type == "ACCUSE")
    assert accuse.polarity == -1 and accuse.quad == "verbal-conflict"
    demand = code("Chile will send envoys to Peru to demand the release of the sailors.")
    assert [e.event_type for e in demand] == ["REQUEST"], demand


def test_both_schemas_allow_every_mode_and_context_the_tables_give():
    """A mode the coder can write (ACCUSE's fallback ``disapprove`` included) that a schema
    refuses would make valid output fail validation."""
    from faultlines.coding.schema import EVENT_SCHEMA, PLOVER_SCHEMA

    modes = {m for names in MODES.values() for m in names}
    assert "disapprove" in modes
    assert set(EVENT_SCHEMA["properties"]["mode"]["oneOf"][0]["enum"]) == modes
    assert set(PLOVER_SCHEMA["properties"]["mode"]["items"]["enum"]) == modes
    assert EVENT_SCHEMA["properties"]["contexts"]["items"]["enum"] == list(CONTEXTS)
