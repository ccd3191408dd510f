"""An unknown person's country comes from words of the text, not from the document's country."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def country_of(mentions, name: str) -> str | None:
    """The country of the mention whose text contains ``name`` (one must)."""
    hits = [m for m in mentions if name in m.text]
    assert hits, [m.text for m in mentions]
    return hits[0].actor.country


@pytest.mark.parametrize("sentence, name, country", [
    ("King Hassan Tarouni of Morocco said he would host the talks.", "Tarouni", "MAR"),
    ("President Kofi Boateng of Ghana condemned the attack on the border post in Togo.",
     "Boateng", "GHA"),
    ("In Damascus, the minister met his Iranian counterpart, Dariush Vazeri.", "Vazeri", "IRN"),
])
def test_words_around_the_name_give_the_country(mentions_of, sentence, name, country) -> None:
    assert country_of(mentions_of(sentence, "2016-09-02"), name) == country


def actor_of(mentions, text: str):
    hits = [m for m in mentions if m.text == text]
    assert hits, [m.text for m in mentions]
    return hits[0].actor


def test_a_person_facing_the_documents_state_is_not_guessed_its_citizen(mentions_of) -> None:
    mentions = mentions_of("Archbishop Tom Wrenley called for sanctions against Nigeria after "
                           "the executions.", "1995-11-12")
    assert country_of(mentions, "Wrenley") is None


def test_a_titled_person_where_the_state_is_only_a_place_keeps_the_guess(mentions_of) -> None:
    mentions = mentions_of("President Tom Wrenley announced a curfew in Damascus after the "
                           "riots in Syria.", "2011-05-02")
    assert country_of(mentions, "Wrenley") == "SYR"


def test_a_countryless_minister_facing_the_state_is_a_sector_only(mentions_of) -> None:
    mentions = mentions_of("The foreign minister criticised Syria over the shelling of Aleppo.",
                           "2016-09-02")
    actor = actor_of(mentions, "The foreign minister")
    assert (actor.country, actor.sector) == (None, "GOV")


@pytest.mark.parametrize("sentence", [
    "The foreign minister condemned the shelling of Odesa by Russian forces.",
    "The defence minister denounced the raids by Syrian troops on the border villages.",
])
def test_a_minister_facing_the_states_forces_is_a_sector_only(mentions_of, sentence) -> None:
    """"Russian forces" as a party to the act stand for the state as much as "Russia" does."""
    actor = actor_of(mentions_of(sentence, "2022-05-02"), sentence.split(" condemned")[0]
                     .split(" denounced")[0])
    assert (actor.country, actor.sector) == (None, "GOV")


@pytest.mark.parametrize("sentence, name, country", [
    # a state's people or things named by its adjective are not the state facing him
    ("President Danjuma broke his promise to the Nigerian people.", "Danjuma", "NGA"),
    ("President Danjuma praised Nigerian oil exports.", "Danjuma", "NGA"),
])
def test_the_states_people_or_things_keep_the_guess(mentions_of, sentence, name, country) -> None:
    assert country_of(mentions_of(sentence, "2004-03-01"), name) == country


@pytest.mark.parametrize("sentence, text, country", [
    ("The police fired tear gas at protesters in Damascus, Syria.", "The police", "SYR"),
    ("Government troops shelled the suburbs of Aleppo in Syria.", "Government troops", "SYR"),
])
def test_collective_state_agents_keep_the_documents_country(mentions_of, sentence, text,
                                                             country) -> None:
    assert actor_of(mentions_of(sentence, "2013-04-02"), text).country == country


def test_a_title_inside_the_entity_is_the_persons(mentions_of) -> None:
    mentions = mentions_of("Taoiseach Eamon Rourke condemned the attack on the embassy.",
                           "2018-05-01")
    actor = actor_of(mentions, "Taoiseach Eamon Rourke")
    assert (actor.id, actor.country, actor.sector) == ("x:eamon-rourke", "IRL", "GOV")


def test_an_apposition_title_is_the_named_person_not_the_office_holder(mentions_of) -> None:
    mentions = mentions_of("Tom Wrenley, Britain's foreign secretary, criticised Syria over "
                           "the shelling.", "2016-09-02")
    assert "BORIS_JOHNSON" not in {m.actor.id for m in mentions}
    assert country_of(mentions, "Wrenley") == "GBR"


def test_a_title_parsed_around_the_name_is_the_persons(mentions_of) -> None:
    mentions = mentions_of("Minister for the Middle East Tobias Ellwood visited the refugee "
                           "camps in Jordan.", "2016-03-02")
    assert {m.actor.id for m in mentions if "Minister" in m.text or "Ellwood" in m.text} == \
        {"TOBIAS_ELLWOOD"}, [(m.text, m.actor.id) for m in mentions]


@pytest.mark.parametrize("sentence, actor_id", [
    ("King Abdullah of Jordan received the envoys in Amman.", "KING_ABDULLAH_II"),
    ("Jordanian King Abdullah welcomed the ceasefire.", "KING_ABDULLAH_II"),
    ("Saudi King Abdullah opened the summit.", "KING_ABDULLAH_SAU"),
])
def test_two_kings_abdullah_told_apart_by_their_country(mentions_of, sentence, actor_id) -> None:
    hits = [m for m in mentions_of(sentence, "2012-05-01") if "Abdullah" in m.text]
    assert hits and hits[0].actor.id == actor_id
