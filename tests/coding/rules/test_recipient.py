"""Rule 3 (recipient): coding/rules/recipient.py."""

from __future__ import annotations

import pytest
from coding_rules_support import Expected

from faultlines.coding.rules.recipient import TIER_ORDER, Tier


def test_tier_order_puts_mentions_first_and_other_nouns_last():
    assert TIER_ORDER[0] == ("direct", Tier.MENTIONED)
    assert TIER_ORDER[-1] == ("direct", Tier.OTHER)
    assert {tier for _, tier in TIER_ORDER} == set(Tier)


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    # people before places
    ("The police detained tribesmen in Ramadi.", Expected("COERCE", "police", "tribesmen")),
    # an attack on a thing is aimed at the place it stands in
    ("Militants bombed a market in Kirkuk.", Expected("ASSAULT", "Militants", "Kirkuk")),
    ("Rebels seized the airport in Kandahar.", Expected("COERCE", "Rebels", "Kandahar")),
    # so is a judgment of an act in a place, or of an attack on a thing there
    ("The league denounced the mass arrests in Belarus.",
     Expected("ACCUSE", "league", "Belarus")),
    ("The bloc condemned the bombing of a police academy in Nairobi.",
     Expected("ACCUSE", "bloc", "Nairobi")),
    # a thing placed by another thing stands where that one does
    ("Gunmen attacked a fuel depot near the airport in Quetta.",
     Expected("ASSAULT", "Gunmen", "Quetta")),
    ("Militants bombed a shop inside a market in Kirkuk.",
     Expected("ASSAULT", "Militants", "Kirkuk")),
    # a complement clause acting on a thing in a place is aimed at the place
    ("The Nordic Council agreed to open a trade office in Nairobi.",
     Expected("AGREE", "Council", "Nairobi")),
    ("Rebel commanders threatened to impose a blockade in Kandahar.",
     Expected("THREATEN", "Rebel", "Kandahar")),
    # ... but a direct target of the complement comes first
    ("The rebels threatened to attack the army in Kandahar.",
     Expected("THREATEN", "rebels", "army")),
    # parties to a cooperative act deal with each other, not with the place they met in
    ("Chile and Bolivia signed a border treaty in Lima.",
     Expected("SUPPORT", "Chile", "Bolivia")),
    ("Chile and Bolivia signed a border treaty in Lima.",
     Expected("SUPPORT", "Bolivia", "Chile")),
    # "at" names the target of a hostile act
    ("The army fired rockets at the rebels on the outskirts of the city.",
     Expected("ASSAULT", "army", "rebels")),
    # the thing given is no target; the receiver is
    ("The donors supplied weapons to the rebels.", Expected("AID", "donors", "rebels")),
    # the object of the trigger's own preposition is searched like a direct object
    ("The senators called for sanctions against the junta.",
     Expected("REQUEST", "senators", "junta")),
    # an event noun under a place preposition has participants of its own
    ("Chile backed the water plan in a meeting with Peru's president.",
     Expected("SUPPORT", "Chile", "president")),
    ("Chile signed the accord at a summit with Bolivia.", Expected("SUPPORT", "Chile", "Bolivia")),
    # the subject of a demanded clause
    ("The council demanded that the junta free the prisoners.",
     Expected("REQUEST", "council", "junta")),
])
def test_target(expect, text, expected):
    expect(text, expected)


@pytest.mark.model
def test_own_people_are_no_target(expect):
    expect("The party expelled its members.", Expected("SANCTION", "party", ""))


@pytest.mark.model
@pytest.mark.parametrize("text, trigger", [
    ("Iran armed and trained the militias.", "armed"),
    ("The donors fed and sheltered the refugees.", "fed"),
])
def test_conjoined_verb_shares_the_object(code, text, trigger):
    events = [e for e in code(text) if e.trigger == trigger]
    assert events and all(e.recipient is not None for e in events), events


@pytest.mark.model
def test_no_object_shared_across_polarity(code):
    # the withdrawal is not aimed at the rebels the troops attacked
    events = [e for e in code("The troops withdrew and attacked the rebels.") if
              e.trigger.startswith("withdrew")]
    assert all(e.recipient is None for e in events)


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    # ground taken by force is taken from whoever held it
    ("Government troops retook Hamdan from the militia.", Expected("ASSAULT", "troops", "militia")),
    ("The rebels recaptured the airport from the army.", Expected("ASSAULT", "rebels", "army")),
    ("Tribal fighters wrested Zorba from the jihadists.",
     Expected("ASSAULT", "fighters", "jihadists")),
    ("The militia seized control of the port from government forces.",
     Expected("ASSAULT", "militia", "forces")),
    ("Kurdish units regained control of the district from the insurgents.",
     Expected("ASSAULT", "Kurdish", "insurgents")),
    # the "from" phrase of a taking of things names the one they were taken from
    ("Police seized rifles from the gang.", Expected("COERCE", "Police", "gang")),
])
def test_ground_is_taken_from_its_holder(expect, text, expected):
    expect(text, expected)


@pytest.mark.model
def test_an_act_that_takes_no_ground_keeps_its_place_target(expect):
    """'from' without ground taken: the direct object stays first."""
    expect("The militants shelled Hamdan from the hills.",
           Expected("ASSAULT", "militants", "Hamdan"))


@pytest.mark.model
def test_a_place_one_is_expelled_from_is_no_holder(expect):
    expect("The army expelled the rebels from the town.", Expected("SANCTION", "army", "rebels"))


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    # an active verb has no "by" agent of its own: beside an act, "by" names the act's doer,
    # and a judgment of the act is aimed at the doer
    ("Accra condemned the killings by the militia.", Expected("ACCUSE", "Accra", "militia")),
    ("The bishops condemned the expulsions by the junta in Zorba.",
     Expected("ACCUSE", "bishops", "junta")),
    ("The league condemned the bombardment of Kassala by the air force.",
     Expected("ACCUSE", "league", "air force")),
    # a participle after an event noun names the other party with its preposition
    ("The council welcomed the truce signed with the rebels.",
     Expected("SUPPORT", "council", "rebels")),
    ("The union criticised the sanctions imposed on Chile.",
     Expected("ACCUSE", "union", "Chile")),
])
def test_the_doer_or_party_of_an_act_judged(expect, text, expected):
    expect(text, expected)


@pytest.mark.model
def test_a_passive_verb_keeps_its_own_agent(expect):
    """'by' after a passive verb is that verb's agent (the actor), never its target."""
    expect("The militia was condemned by the league.", Expected("ACCUSE", "league", "militia"))


@pytest.mark.model
def test_a_time_is_no_holder(expect):
    """'from Monday night' says when, not from whom: the ground stays the target."""
    expect("Farmers vowed to blockade Lyon from Monday night.",
           Expected("THREATEN", "Farmers", "Lyon"))


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    # what a deployment in a complement moves is the actor's own force, not the target
    ("Ghana agreed to send troops to Liberia.", Expected("AGREE", "Ghana", "Liberia")),
    ("The junta agreed to deploy soldiers to Chad.", Expected("AGREE", "junta", "Chad")),
])
def test_forces_sent_in_a_complement_are_no_target(expect, text, expected):
    expect(text, expected)
