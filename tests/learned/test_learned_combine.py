"""The combiner on hand-made rule events, with a hand-weighted model (no trained weights)."""

from __future__ import annotations

import pytest

from faultlines.coding.learned import DEFAULT_CODER, filter_confidence, to_plover16
from faultlines.coding.learned.combine import (
    combine_events,
    emitted_type,
    model_class,
    model_events,
)
from faultlines.config import RunOptions
from faultlines.errors import ConfigError
from faultlines.types import ActorRef, Document, Event, Mention

TEXT = ("Artillery units shelled the village. The mayor said nothing. "
        "Northland envoys met Southland envoys.")
NORTH = ActorRef("Northland envoys", "NTH", "Northland", "NTH")
SOUTH = ActorRef("Southland envoys", "STH", "Southland", "STH")
ARMY = ActorRef("Artillery units", "x:artillery", "Artillery units")
TOWN = ActorRef("the village", "x:village", "village")
MAYOR = ActorRef("The mayor", "x:mayor", "mayor")


@pytest.fixture
def parsed(blank_nlp):
    doc = blank_nlp(TEXT)
    sents = list(doc.sents)
    assert len(sents) == 3

    def mention(index, start, end, ref):
        return Mention("d1", index, start, end, doc[start:end].text, ref)

    mentions = (
        mention(0, 0, 2, ARMY), mention(0, 3, 5, TOWN), mention(1, 6, 8, MAYOR),
        mention(2, 11, 13, NORTH), mention(2, 14, 16, SOUTH),
    )
    return doc, Document("d1", TEXT), mentions


def rule_event(index, event_type, actor, recipient=None, *, modality="asserted"):
    from faultlines.types import polarity_of

    return Event("d1", index, "s", None, event_type, actor, recipient,
                 polarity_of(event_type), 3.0, modality=modality, trigger="t")


def test_a_rule_event_the_model_disagrees_with_is_relabelled(parsed, toy_model):
    doc, document, mentions = parsed
    out = combine_events(doc, document, mentions, [rule_event(0, "CONSULT", ARMY, TOWN)],
                         toy_model)
    first = out[0]
    assert first.event_type == "ASSAULT" and first.model_changed
    assert first.rule == "lexicon" and first.polarity == -1
    assert first.intensity == 9.0  # the category's typical intensity, not the old one
    assert first.actor == ARMY and first.recipient == TOWN


def test_a_rule_event_the_model_agrees_with_keeps_its_category_and_rule(parsed, toy_model):
    doc, document, mentions = parsed
    kept = rule_event(0, "ASSAULT", ARMY, TOWN)
    kept = Event(**{**kept.__dict__, "rule": "verb_object"})
    out = combine_events(doc, document, mentions, [kept], toy_model)
    assert out[0].event_type == "ASSAULT" and not out[0].model_changed
    assert out[0].rule == "verb_object"
    assert 0.9 < out[0].confidence <= 1.0


def test_a_rule_event_in_a_statement_is_dropped(parsed, toy_model):
    doc, document, mentions = parsed
    out = combine_events(doc, document, mentions, [rule_event(1, "REJECT", MAYOR)], toy_model)
    assert 1 not in [e.sentence_index for e in out]  # the other two sentences are model events
    assert {e.rule for e in out} == {"model"}


def test_the_model_proposes_where_the_rules_code_nothing(parsed, toy_model):
    doc, document, mentions = parsed
    out = combine_events(doc, document, mentions, [], toy_model)
    proposed = [e for e in out if e.sentence_index == 2]
    assert len(proposed) == 1
    event = proposed[0]
    assert event.rule == "model" and event.event_type == "CONSULT"
    assert event.actor == NORTH and event.recipient == SOUTH
    assert event.sentence.startswith("Northland")
    # "shelled" is an event too, but it has two mentions as well: proposed as well
    assert any(e.sentence_index == 0 and e.event_type == "ASSAULT" for e in out)


def test_no_proposal_where_the_rules_coded_something(parsed, toy_model):
    doc, document, mentions = parsed
    out = combine_events(doc, document, mentions, [rule_event(2, "CONSULT", NORTH, SOUTH)],
                         toy_model)
    in_last = [e for e in out if e.sentence_index == 2]
    assert len(in_last) == 1 and in_last[0].rule == "lexicon"


def test_every_confidence_is_a_probability(parsed, toy_model):
    doc, document, mentions = parsed
    events = [rule_event(0, "CONSULT", ARMY, TOWN), rule_event(1, "REJECT", MAYOR),
              rule_event(2, "AGREE", NORTH, SOUTH, modality="hypothetical")]
    for event in combine_events(doc, document, mentions, events, toy_model) + \
            model_events(doc, document, mentions, toy_model):
        assert event.confidence is not None and 0.0 <= event.confidence <= 1.0


def test_model_alone_ignores_the_rules_and_skips_statements(parsed, toy_model):
    doc, document, mentions = parsed
    out = model_events(doc, document, mentions, toy_model)
    assert [(e.sentence_index, e.event_type, e.rule) for e in out] == [
        (0, "ASSAULT", "model"), (2, "CONSULT", "model")]


def test_min_confidence_filters_and_keeps_events_without_one():
    a = ActorRef("A", "A", "A")
    low = Event("d", 0, "s", None, "AGREE", a, None, 1, 1.0, confidence=0.2)
    high = Event("d", 0, "s", None, "AGREE", a, None, 1, 1.0, confidence=0.8, trigger="x")
    none = Event("d", 0, "s", None, "AGREE", a, None, 1, 1.0, trigger="y")
    assert filter_confidence([low, high, none], 0.5) == [high, none]
    assert filter_confidence([low, high], 0.0) == [low, high]


@pytest.mark.parametrize("old,new", [("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"),
                                     ("INVESTIGATE", "ACCUSE"), ("FIGHT", "ASSAULT"),
                                     ("retreat", "RETREAT"), ("COERCE", "COERCE")])
def test_category_names_map_to_plover16(old, new):
    assert to_plover16(old) == new


def test_yield_is_resolved_by_the_rules_or_to_retreat():
    assert model_class("CONCEDE") == model_class("RETREAT") == "YIELD"
    assert emitted_type("YIELD", "CONCEDE") == "CONCEDE"
    assert emitted_type("YIELD", "AGREE") == "RETREAT"
    assert to_plover16(emitted_type("REQUEST")) == "REQUEST"


def test_coder_and_min_confidence_are_run_settings():
    options = RunOptions.resolve(environ={"FAULTLINES_CODER": "rules",
                                          "FAULTLINES_MIN_CONFIDENCE": "0.25"})
    assert (options.coder, options.min_confidence) == ("rules", 0.25)
    assert RunOptions.resolve(environ={}).coder == DEFAULT_CODER == "hybrid"
    assert RunOptions.resolve(environ={"FAULTLINES_CODER": "rules"}, coder="hybrid").coder \
        == "hybrid"
    with pytest.raises(ConfigError, match="coder 'neural' is not valid: coder must be one of"):
        RunOptions.resolve(environ={}, coder="neural")
    with pytest.raises(ConfigError, match="FAULTLINES_MIN_CONFIDENCE='high' is not a number"):
        RunOptions.resolve(environ={"FAULTLINES_MIN_CONFIDENCE": "high"})
    with pytest.raises(ConfigError, match="min_confidence must be a number from 0 to 1"):
        RunOptions(min_confidence=1.5)
    assert RunOptions(min_confidence=1).min_confidence == 1.0


def test_the_shared_parse_view_gives_the_same_events(parsed, toy_model):
    from faultlines.nlp.view import ParseView

    doc, document, mentions = parsed
    events = [rule_event(0, "CONSULT", ARMY, TOWN), rule_event(1, "REJECT", MAYOR)]
    without = combine_events(doc, document, mentions, events, toy_model)
    with_view = combine_events(doc, document, mentions, events, toy_model,
                               view=ParseView.of(doc))
    assert with_view == without
    assert [e.sentence for e in with_view] == [e.sentence for e in without]
    assert any(e.rule == "model" for e in with_view)  # the proposal path ran too


def test_subject_order_from_the_view_matches_the_token_walk(blank_nlp):
    from spacy.tokens import Doc

    from faultlines.coding.learned.combine import subject_order
    from faultlines.nlp.view import ParseView

    words = ["The", "envoy", "of", "Northland", "met", "the", "Southland", "mayor", "."]
    doc = Doc(blank_nlp.vocab, words=words, heads=[1, 4, 1, 2, 4, 7, 7, 4, 4],
              deps=["det", "nsubj", "prep", "pobj", "ROOT", "det", "compound", "dobj", "punct"],
              sent_starts=[True] + [False] * 8)
    mentions = [Mention("d", 0, 5, 8, "the Southland mayor", SOUTH),
                Mention("d", 0, 3, 4, "Northland", NORTH),
                Mention("d", 0, 0, 2, "The envoy", ARMY)]
    walked = subject_order(doc, mentions)
    assert [m.text for m in walked] == ["The envoy", "Northland", "the Southland mayor"]
    assert subject_order(doc, mentions, ParseView.of(doc)) == walked


@pytest.mark.parametrize("trigger,speech", [
    ("said", True), ("urged", True), ("Said", True), ("called", True), ("shelled", False),
    ("said shelled", False), ("", False),
])
def test_a_trigger_is_speech_only_when_every_word_reports_speech(trigger, speech):
    from faultlines.coding.learned.combine import is_speech

    assert is_speech(trigger) is speech


def test_a_speech_trigger_meets_the_higher_statement_threshold():
    import dataclasses

    import numpy as np

    from faultlines.coding.learned.combine import Candidate, decide

    def candidate(trigger, p_event):
        event = dataclasses.replace(rule_event(0, "ACCUSE", NORTH, SOUTH), trigger=trigger)
        return Candidate(event, np.zeros(10), p_event, False)

    cands = [candidate("said", 0.6), candidate("accused", 0.6), candidate("urged", 0.9),
             candidate("accused", 0.4)]

    def kept(**thresholds):
        return [e.trigger for e in decide(cands, lambda f: 0.8, drop_below=0.0,
                                          propose_above=1.1, **thresholds)]

    assert kept(statement_below=0.5) == ["said", "accused", "urged"]
    assert kept(statement_below=0.5, speech_statement_below=0.8) == ["accused", "urged"]
    # the speech threshold never lowers the general one
    assert kept(statement_below=0.7, speech_statement_below=0.2) == ["urged"]


def _said(ref: ActorRef, i: int) -> Mention:
    return Mention("d1", 0, i, i + 1, ref.name, ref)


LEADER = ActorRef("President Vane", "x:vane", "Vane", "NTH", "GOV")
NORTH_GOV = ActorRef("Northland", "NTH_GOV", "Northland government", "NTH", "GOV")
NORTH_ARMY = ActorRef("Northland troops", "NTH_MIL", "Northland armed forces", "NTH", "MIL")
NORTH_UNION = ActorRef("the dockers", "x:dockers", "dockers", "NTH", "LAB")
SOUTH_GOV = ActorRef("the Southland regime", "STH_GOV", "Southland government", "STH", "GOV")


@pytest.mark.parametrize("others, expected", [
    # "Vane said Northland was ready to punish the Southland regime": the regime, not his own state
    ([NORTH_GOV, SOUTH_GOV], "STH_GOV"),
    ([NORTH_ARMY, SOUTH_GOV], "STH_GOV"),
    # with no other country, the actor's own state stays the recipient
    ([NORTH_GOV], "NTH_GOV"),
    # a group of the actor's country that is no state organ is a party of its own
    ([NORTH_UNION, SOUTH_GOV], "x:dockers"),
    # the actor's own other mentions are skipped
    ([LEADER, SOUTH_GOV], "STH_GOV"),
    ([], None),
])
def test_the_model_events_recipient_is_not_the_actors_own_state(others, expected):
    from faultlines.coding.learned.combine import proposed_recipient

    chosen = proposed_recipient(_said(LEADER, 0), [_said(r, i + 1) for i, r in enumerate(others)])
    assert (chosen.actor.id if chosen else None) == expected
