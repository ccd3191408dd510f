"""One voice for events and stance cues (coding/voice.py): sentences written for these tests.

The property: for a clause whose verb is both an event trigger and an evaluative word
("isolated", "routed"), the event and the stance cue from that clause agree on whether the
clause is someone else's words and on whether it is negated.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faultlines.coding import assess_stance, code_events
from faultlines.nlp.view import ParseView
from faultlines.types import Document

pytestmark = pytest.mark.model

_SUBJECTS = ["The army", "The rebels", "Hamas", "The militia", "The government"]
_OBJECTS = ["the opposition", "the insurgents", "Hezbollah", "the protesters"]
# (past form, base form) of verbs that are events (COERCE/ASSAULT) and judge their object
_VERBS = [("isolated", "isolate"), ("sidelined", "sideline"), ("routed", "rout"),
          ("marginalized", "marginalize")]
_NEGATIONS = ["", "did not", "never"]
# How the clause is framed: whose words it is ("author" or someone else's)
_FRAMES = [
    ("author", "{clause}."),
    ("author", "We said that {clause}."),
    ("other", "Officials said that {clause}."),
    ("other", "{clause}, officials said."),
    ("other", "According to the police, {clause}."),
    ("other", "\u201c{clause},\u201d the minister said."),
]


def _clause(subject: str, negation: str, verb: tuple[str, str], obj: str) -> tuple[str, str]:
    past, base = verb
    form = past if negation in ("", "never") else base
    words = " ".join(w for w in (subject, negation, form, obj) if w)
    return words, form


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(_SUBJECTS), st.sampled_from(_NEGATIONS), st.sampled_from(_VERBS),
       st.sampled_from(_OBJECTS), st.sampled_from(_FRAMES))
def test_event_and_stance_cue_agree_on_voice_and_negation(nlp, find_mentions, subject,
                                                           negation, verb, obj, frame):
    voice, template = frame
    clause, form = _clause(subject, negation, verb, obj)
    text = template.format(clause=clause)
    doc = nlp(text)
    document = Document("t", text, date=dt.date(2007, 5, 1))
    mentions = find_mentions(doc, document)
    view = ParseView.of(doc)
    events = [e for e in code_events(doc, document, mentions, view=view)
              if form in e.trigger.split()]
    cues = [c for c in assess_stance(doc, document, mentions, events, view=view)
            if form in c.cue.split()]
    assert events, f"{text!r}: no event for {form!r}"
    event = events[0]
    others = event.attributed_to is not None or event.modality == "reported"
    assert others == (voice == "other"), (text, event)
    # someone else's words: no author stance; the author's: one cue from the same clause
    assert bool(cues) == (not others), (text, event, cues)
    if cues:
        negated = event.modality == "negated"
        assert negated == bool(negation), (text, event)
        assert (cues[0].score > 0) == negated, (text, cues)  # the verbs judge negatively


@pytest.mark.parametrize("text, form, reported", [
    ("The army isolated the opposition, the radio reported.", "isolated", True),
    ("It was reported that the army isolated the opposition.", "isolated", True),
    ("We think the army isolated the opposition.", "isolated", False),
    # a clause conjoined to a speaker's is the author's again
    ("The minister spoke, and the army isolated the opposition.", "isolated", False),
])
def test_passive_and_first_person_reports(code, text, form, reported):
    event = next(e for e in code(text) if form in e.trigger)
    assert (event.modality == "reported") == reported, event


def test_double_negation_cancels(code):
    event = next(e for e in code("The army did not fail to isolate the opposition.")
                 if "isolate" in e.trigger)
    assert event.modality == "asserted", event


@pytest.mark.parametrize("text, word", [
    ("The army did not isolate the opposition.", "not"),
    ("The army never isolated the opposition.", "never"),
])
def test_negating_children(nlp, text, word):
    from faultlines.coding.voice import negates

    doc = nlp(text)
    assert [t.lower_ for t in doc if negates(t)] == [word]
