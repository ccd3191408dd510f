"""The name pass and coreference: country roles, titles, unknown names, pronouns (parses
written by hand, no spaCy model)."""

from __future__ import annotations

import pytest
from passes_support import context, table

from faultlines.actors.passes.agent_phrases import read_agent_phrases
from faultlines.actors.passes.coreference import (
    first_word,
    is_subject,
    pronoun_subject,
    resolve_deferred,
)
from faultlines.actors.passes.names import (
    CountryRole,
    clean_name,
    country_role,
    last_word,
    parenthesised_acronym,
    read_names,
    title_before,
)
from faultlines.actors.passes.phrase_records import DeferredPhrase
from faultlines.actors.passes.tokens import EntitySpan
from faultlines.types import ActorRef, Mention


def role(words, deps, pos, token, head, dets=(), *, owner=True, people=False, demonym=False,
         state=False) -> CountryRole:
    return country_role(words, deps, pos, token, head, set(dets), owner=owner, people=people,
                        demonym=demonym, is_state=lambda t: state)


@pytest.mark.parametrize("kwargs, expected", [
    ({"words": ["Syrian", "meddling"], "deps": ["amod", "ROOT"], "pos": ["ADJ", "NOUN"],
      "token": 0, "head": 1, "demonym": True}, CountryRole.ACTING_STATE),
    # the country's name undergoes an invasion, its adjective does it
    ({"words": ["Kuwait", "invasion"], "deps": ["compound", "ROOT"], "pos": ["PROPN", "NOUN"],
      "token": 0, "head": 1}, CountryRole.PLACE),
    ({"words": ["Libyan", "invasion"], "deps": ["amod", "ROOT"], "pos": ["ADJ", "NOUN"],
      "token": 0, "head": 1, "demonym": True}, CountryRole.ACTING_STATE),
    ({"words": ["Iraqis", "voted"], "deps": ["nsubj", "ROOT"], "pos": ["PROPN", "VERB"],
      "token": 0, "head": 1, "people": True, "demonym": True, "state": True},
     CountryRole.PEOPLE),
    ({"words": ["ethnic", "Serbs"], "deps": ["amod", "ROOT"], "pos": ["ADJ", "PROPN"],
      "token": 1, "head": 1, "dets": ["ethnic"], "people": True, "demonym": True},
     CountryRole.ETHNIC_GROUP),
    ({"words": ["Cairo", "agreed"], "deps": ["nsubj", "ROOT"], "pos": ["PROPN", "VERB"],
      "token": 0, "head": 1, "state": True}, CountryRole.STATE),
    ({"words": ["Cairo", "agreed"], "deps": ["nsubj", "ROOT"], "pos": ["PROPN", "VERB"],
      "token": 0, "head": 1, "state": True, "owner": False}, CountryRole.PLACE),
])
def test_country_roles(kwargs, expected: CountryRole) -> None:
    assert role(**kwargs) is expected


def test_small_name_helpers() -> None:
    assert title_before(["said", "foreign", "minister"]) == ("foreign", "minister")
    assert title_before(["said"]) is None
    assert parenthesised_acronym(["Front", "(", "NDF", ")"], 1) == "ndf"
    assert parenthesised_acronym(["Front", "(", "the", ")"], 1) is None
    assert clean_name("'Ida Marsh--") == "Ida Marsh"
    assert last_word("Omar al-Bashir") == "bashir"


def test_an_acronym_refers_to_the_unknown_name_it_stands_for(resolver) -> None:
    rows = [("Tarn", "PROPN", "compound", 1), ("Front", "PROPN", "nsubj", 5),
            ("(", "PUNCT", "punct", 3), ("TF", "PROPN", "appos", 1), (")", "PUNCT", "punct", 3),
            ("struck", "VERB", "ROOT", 5)]
    ctx = context(resolver, table(rows, entities=(EntitySpan(0, 2, "ORG"),)))
    names = read_names(ctx, read_agent_phrases(ctx).consumed)
    assert [(m.text, m.actor.id) for m in names.mentions] == [("Tarn Front", "x:tarn-front")]
    assert names.memory.unknown_names["tf"].id == "x:tarn-front"


def test_subjects_pronouns_and_first_words() -> None:
    tokens = table([('"', "PUNCT", "punct", 2), ("She", "PRON", "nsubj", 2),
                    ("left", "VERB", "ROOT", 2)])
    assert first_word(tokens, 0, 3) == 1
    assert pronoun_subject(tokens, 0, 3) == 1
    assert is_subject(["nsubj", "cc", "conj", "ROOT"], [3, 0, 0, 3], 2)
    assert not is_subject(["dobj", "ROOT"], [1, 1], 0)


def test_member_phrases_take_the_actor_of_their_body(resolver) -> None:
    ctx = context(resolver, table([("x", "NOUN", "ROOT", 0)]))
    body = ActorRef("", "IRQ_SHIA_REB", "Iraq Shia rebels", "IRQ", "REB")
    place = ActorRef("", "IRQ", "Iraq", "IRQ", None)
    mentions = [Mention("t", 0, 3, 5, "", body, "agent"),
                Mention("t", 0, 4, 5, "", place, "entity")]
    fallback = (ActorRef("", "IRQ_ELI", "Iraq elites", "IRQ", "ELI"),)
    out = resolve_deferred(ctx, mentions, [DeferredPhrase(0, 1, 4, fallback)])
    assert [m.actor.id for m in out] == ["IRQ_SHIA_REB"]  # the place is not the body
    out = resolve_deferred(ctx, [], [DeferredPhrase(0, 1, 4, fallback)])
    assert [m.actor.id for m in out] == ["IRQ_ELI"]


@pytest.mark.parametrize("rows, span, country", [
    # "Foreign Secretary Tom Wren arrived in Baghdad": the title says British, not the place
    ([("Foreign", "PROPN", "compound", 1), ("Secretary", "PROPN", "compound", 3),
      ("Tom", "PROPN", "compound", 3), ("Wren", "PROPN", "nsubj", 4),
      ("arrived", "VERB", "ROOT", 4), ("in", "ADP", "prep", 4), ("Baghdad", "PROPN", "pobj", 5)],
     (2, 4), "GBR"),
    # "Tom Wren, Turkey's foreign minister, arrived in Baghdad": the apposition says Turkish
    ([("Tom", "PROPN", "compound", 1), ("Wren", "PROPN", "nsubj", 7),
      (",", "PUNCT", "punct", 1), ("Turkey", "PROPN", "poss", 6), ("'s", "PART", "case", 3),
      ("foreign", "ADJ", "amod", 6), ("minister", "NOUN", "appos", 1),
      ("arrived", "VERB", "ROOT", 7), ("in", "ADP", "prep", 7), ("Baghdad", "PROPN", "pobj", 8)],
     (0, 2), "TUR"),
])
def test_an_unknown_person_takes_the_country_of_the_evidence(resolver, rows, span,
                                                             country: str) -> None:
    ctx = context(resolver, table(rows, entities=(EntitySpan(*span, "PERSON"),)))
    names = read_names(ctx, read_agent_phrases(ctx).consumed)
    (wren,) = [m for m in names.mentions if m.text == "Tom Wren"]
    assert ctx.dominant == "IRQ" and wren.actor.country == country
