"""Resolution rules for phrases a careful analyst draws as particular actors: things that are
not actors, possessors, groups in office, coordinated and compound modifiers, states acting
through action nouns, member phrases and "the two governments". Sentences written for these
tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def ids_ending(mentions, suffix: str) -> set[str]:
    """Actor ids of the mentions whose text ends with ``suffix``."""
    return {m.actor.id for m in mentions if m.text.endswith(suffix)}


# ------------------------------------------------------------ things that are not actors

@pytest.mark.parametrize("sentence, name", [
    ("The army named the operation Thunder of the Falcons and moved north.", "Falcons"),
    ("Marines launched Operation Steel Curtain near the border on Friday.", "Steel Curtain"),
    ("The minister flew to Al Taqaddum air base on Tuesday.", "Taqaddum"),
    ("Gunmen bombed the al-Kadhimiya shrine in Baghdad.", "Kadhimiya"),
    ("Protesters gathered outside the Rashid Hotel on Sunday.", "Rashid"),
])
def test_operations_and_buildings_are_not_actors(mentions_of, sentence, name) -> None:
    mentions = mentions_of(sentence)
    assert not [m for m in mentions if name in m.text], [(m.text, m.actor.id) for m in mentions]


def test_an_organisation_before_a_non_place_word_is_still_an_actor(mentions_of) -> None:
    mentions = mentions_of("The Quillmark Foundation criticized the ministry on Monday.")
    assert any(m.actor.id.startswith("x:quillmark") for m in mentions)


# ------------------------------------------------------------ possessors

@pytest.mark.parametrize("sentence, person, institution, head", [
    ("Sadr pulled his ministers out of Prime Minister Nouri al-Maliki's cabinet.",
     "NURI_AL_MALIKI", "IRQ_GOV", "cabinet"),
    ("Ayad Allawi's government ordered the raid.", "AYAD_ALLAWI", "IRQ_GOV", "government"),
])
def test_possessor_person_and_institution_are_two_mentions(mentions_of, sentence, person,
                                                           institution, head) -> None:
    mentions = mentions_of(sentence)
    people = [m for m in mentions if m.actor.id == person]
    bodies = [m for m in mentions if m.actor.id == institution and m.text.endswith(head)]
    assert people and bodies, [(m.text, m.actor.id) for m in mentions]
    # the institution's span does not swallow the person
    assert all(b.start >= p.end for b in bodies for p in people)


def test_possessive_member_noun_is_the_organisation(mentions_of) -> None:
    mentions = mentions_of("The Sadrist movement rejected the plan, and its leaders walked out.")
    assert ids_ending(mentions, "its leaders") == {"SADRIST_MOVEMENT"}


# ------------------------------------------------------------ groups, people and institutions

@pytest.mark.parametrize("sentence, text, actor_id", [
    ("Three Sunni ministers resigned from the cabinet in Baghdad.", "Three Sunni ministers",
     "IRQ_SUNNI_GOV"),
    ("The Kurdish mayor of Kirkuk denied the claim in Iraq.", "The Kurdish mayor",
     "IRQ_KURDS_GOV"),
    ("Shiite lawmakers walked out of parliament in Baghdad.", "Shiite lawmakers",
     "IRQ_SHIA_LEG"),
    ("A Sunni former minister met the insurgents in Iraq.", "A Sunni former minister",
     "IRQ_SUNNI_ELI"),
    ("The Shiite-dominated government arrested him in Baghdad.",
     "The Shiite-dominated government", "IRQ_GOV"),
    ("The Sunni government in Baghdad fell.", "The Sunni government", "IRQ_GOV"),
])
def test_group_people_in_office_keep_the_group(mentions_of, sentence, text, actor_id) -> None:
    mentions = mentions_of(sentence)
    assert ids_ending(mentions, text) == {actor_id}, [(m.text, m.actor.id) for m in mentions]


def test_plural_governments_of_a_group_are_not_the_documents_country(mentions_of) -> None:
    mentions = mentions_of("In Iraq, Allawi courted Sunni Arab governments for support.")
    ids = ids_ending(mentions, "governments")
    assert ids and "IRQ_GOV" not in ids
    assert all(m.actor.sector == "GOV" for m in mentions if m.text.endswith("governments"))


# ------------------------------------------------------------ coordination and compounds

@pytest.mark.parametrize("sentence, text, expected", [
    ("The plan failed after Kurdish, Sunni and American leaders opposed it in Iraq.",
     "leaders", {"IRQ_KURDS_ELI", "IRQ_SUNNI_ELI", "USA_GOV"}),
    ("Sunni and Shiite militias clashed in Baghdad.", "militias",
     {"IRQ_SUNNI_REB", "IRQ_SHIA_REB"}),
    ("Sunni and Kurdish parties boycotted the vote in Iraq.", "parties",
     {"IRQ_SUNNI_PTY", "IRQ_KURDS_PTY"}),
    ("U.S. and Iraqi troops raided the house.", "troops", {"USA_MIL", "IRQ_MIL"}),
])
def test_coordinated_modifiers_distribute(mentions_of, sentence, text, expected) -> None:
    mentions = mentions_of(sentence)
    assert ids_ending(mentions, text) == expected, [(m.text, m.actor.id) for m in mentions]


@pytest.mark.parametrize("sentence, expected, absent", [
    ("Critics attacked the U.S.-Iraqi Sunni partnership.", {"USA", "IRQ_SUNNI"}, "IRQ"),
    ("He courted the Iraqi Shiite vote.", {"IRQ_SHIA"}, "IRQ"),
])
def test_country_word_before_a_group_word_is_that_countrys_group(mentions_of, sentence,
                                                                 expected, absent) -> None:
    ids = {m.actor.id for m in mentions_of(sentence)}
    assert expected <= ids and absent not in ids, ids


# ------------------------------------------------------------ the state acting

@pytest.mark.parametrize("sentence, text, actor_id", [
    ("Baghdad protested against Iranian interference in the south.", "Iranian", "IRN_GOV"),
    ("Officials complained about Syrian involvement with the smugglers.", "Syrian", "SYR_GOV"),
    ("Maliki has resisted American pressure for months.", "American", "USA_GOV"),
    ("The Iranian economy grew last year.", "Iranian", "IRN"),
    ("Critics of the Iraq invasion spoke in London.", "Iraq", "IRQ"),
])
def test_country_adjective_of_an_action_noun_is_the_state(mentions_of, sentence, text,
                                                          actor_id) -> None:
    mentions = mentions_of(sentence)
    assert {m.actor.id for m in mentions if m.text == text} == {actor_id}, \
        [(m.text, m.actor.id) for m in mentions]


def test_iran_tehran_and_iranian_interference_are_one_node(mentions_of) -> None:
    text = ("Tehran rejected the demand. Iran armed the militias, and Iranian meddling "
            "continued in Basra.")
    mentions = mentions_of(text)
    ids = {m.actor.id for m in mentions if m.text in ("Tehran", "Iran", "Iranian")}
    assert ids == {"IRN_GOV"}


# ------------------------------------------------------------ agents on other nouns, members

@pytest.mark.parametrize("sentence, text, actor_id", [
    ("Marines shelled insurgent positions in Ramadi.", "insurgent positions", "IRQ_REB"),
    ("Police raided militant hideouts in Basra.", "militant hideouts", "IRQ_REB"),
    ("Leaders of several insurgent groups met in Iraq.", "insurgent groups", "IRQ_REB"),
])
def test_agent_word_on_a_carrier_noun(mentions_of, sentence, text, actor_id) -> None:
    mentions = mentions_of(sentence)
    assert ids_ending(mentions, text) == {actor_id}, [(m.text, m.actor.id) for m in mentions]


def test_government_word_on_a_carrier_noun_is_no_agent(mentions_of) -> None:
    mentions = mentions_of("Rebels overran government positions in the north of Iraq.")
    assert not ids_ending(mentions, "government positions")


@pytest.mark.parametrize("sentence, text, actor_id", [
    ("Hardliners within the Bush administration pushed for war.", "Hardliners", "USA_GOV"),
    ("The envoy met leaders of two insurgent groups in Iraq.", "leaders", "IRQ_REB"),
])
def test_members_take_the_actor_of_their_body(mentions_of, sentence, text, actor_id) -> None:
    mentions = mentions_of(sentence)
    assert {m.actor.id for m in mentions if m.text.endswith(text)} == {actor_id}, \
        [(m.text, m.actor.id) for m in mentions]


def test_faction_word_without_a_body_is_no_mention(mentions_of) -> None:
    mentions = mentions_of("Hardliners pushed for war.")
    assert not [m for m in mentions if m.text == "Hardliners"]


# ------------------------------------------------------------ "the two governments"

def test_the_two_governments_are_the_two_states_just_named(mentions_of) -> None:
    text = ("President Jalal Talabani welcomed Mahmoud Ahmadinejad, and the two governments "
            "signed a trade deal.")
    mentions = mentions_of(text, date="2008-03-02")
    assert ids_ending(mentions, "the two governments") == {"IRQ_GOV", "IRN_GOV"}


def test_the_two_governments_without_two_states_fall_back(mentions_of) -> None:
    mentions = mentions_of("In Iraq, the two governments signed a deal.")
    assert ids_ending(mentions, "the two governments") <= {"IRQ_GOV"}


def test_lobbying_firm_is_a_business(mentions_of) -> None:
    mentions = mentions_of("He hired a GOP lobbying powerhouse in Washington.")
    assert ids_ending(mentions, "lobbying powerhouse") == {"USA_BUS"}
