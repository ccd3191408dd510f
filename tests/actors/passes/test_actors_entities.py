"""The entity pass and the dominant country, on parses written by hand (no spaCy model)."""

from __future__ import annotations

import pytest
from passes_support import context, table

from faultlines.actors.passes import entities
from faultlines.actors.passes.context import DocumentContext
from faultlines.actors.passes.entities import names_a_thing, trim_entity
from faultlines.actors.passes.tokens import EntitySpan

# "Gunmen hit the Zarqa Bridge in Basra ."
BRIDGE = [("Gunmen", "NOUN", "nsubj", 1), ("hit", "VERB", "ROOT", 1), ("the", "DET", "det", 4),
          ("Zarqa", "PROPN", "compound", 4), ("Bridge", "PROPN", "dobj", 1),
          ("in", "ADP", "prep", 1), ("Basra", "PROPN", "pobj", 5), (".", "PUNCT", "punct", 1)]


def test_trim_drops_the_article_titles_and_possessive() -> None:
    tokens = table([("the", "DET", "det", 3), ("General", "PROPN", "compound", 3),
                    ("Ida", "PROPN", "compound", 3), ("Marsh", "PROPN", "poss", 5),
                    ("'s", "PART", "case", 3), ("unit", "NOUN", "ROOT", 5)])
    assert trim_entity(tokens, EntitySpan(0, 5, "PERSON")) == (2, 4)
    # titles stay in names that are not people ("General Motors")
    assert trim_entity(tokens, EntitySpan(0, 5, "ORG")) == (1, 4)


def test_buildings_and_operations_are_things() -> None:
    tokens = table(BRIDGE)
    assert names_a_thing(tokens, 3, 4)  # "Zarqa" before "Bridge"
    assert not names_a_thing(tokens, 6, 7)  # "Basra"


def test_an_unknown_organisation_becomes_an_unknown_hit(resolver) -> None:
    rows = [("The", "DET", "det", 3), ("Tarn", "PROPN", "compound", 3),
            ("Valley", "PROPN", "compound", 3), ("Front", "PROPN", "nsubj", 4),
            ("struck", "VERB", "ROOT", 4)]
    ctx = context(resolver, table(rows, entities=(EntitySpan(0, 4, "ORG"),)))
    (hit,) = ctx.hits
    assert (hit.start, hit.end, hit.targets, hit.label) == (1, 4, (), "ORG")


def test_a_named_building_is_dropped_and_the_city_kept(resolver) -> None:
    ctx = context(resolver, table(BRIDGE, entities=(EntitySpan(2, 5, "FAC"),
                                                    EntitySpan(6, 7, "GPE"))))
    assert [(h.text, h.kind) for h in ctx.hits] == [("Basra", "city")]
    assert ctx.dominant == "IRQ"  # "in Basra" places the document in Iraq


def test_rules_run_in_order_and_the_last_always_decides() -> None:
    assert entities.ENTITY_RULES[0] is entities.thing_not_actor
    assert entities.ENTITY_RULES[-1] is entities.unknown_actor
    for rule in entities.ENTITY_RULES:
        assert (rule.__doc__ or "").startswith(f"{rule.__name__}: \""), rule.__name__


@pytest.mark.parametrize("rows, dominant", [
    # "Syria and Iraq met in Amman." places the events in Jordan
    ([("Syria", "PROPN", "nsubj", 3), ("and", "CCONJ", "cc", 0), ("Iraq", "PROPN", "conj", 0),
      ("met", "VERB", "ROOT", 3), ("in", "ADP", "prep", 3), ("Amman", "PROPN", "pobj", 4)],
     "JOR"),
    # no place: the country named most often
    ([("Syria", "PROPN", "nsubj", 1), ("warned", "VERB", "ROOT", 1),
      ("Syria", "PROPN", "dobj", 1)], "SYR"),
])
def test_dominant_country(resolver, rows, dominant: str) -> None:
    ctx: DocumentContext = context(resolver, table(rows))
    assert ctx.dominant == dominant


# "Fighters clashed in Raqqah ." with "Raqqah" tagged as a person
RAQQAH = [("Fighters", "NOUN", "nsubj", 1), ("clashed", "VERB", "ROOT", 1),
          ("in", "ADP", "prep", 1), ("Raqqah", "PROPN", "pobj", 2), (".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("label", ["PERSON", "ORG"])
def test_a_town_after_in_is_a_place_whatever_its_tag(resolver, label: str) -> None:
    ctx = context(resolver, table(RAQQAH, entities=(EntitySpan(3, 4, label),)))
    assert [(h.text, h.kind, h.primary.ref) for h in ctx.hits] == [("Raqqah", "city", "SYR")]


def test_a_name_after_with_stays_an_actor(resolver) -> None:
    rows = [("Envoys", "NOUN", "nsubj", 1), ("met", "VERB", "ROOT", 1),
            ("with", "ADP", "prep", 1), ("Hammond", "PROPN", "pobj", 2)]
    ctx = context(resolver, table(rows, entities=(EntitySpan(3, 4, "PERSON"),)))
    assert [h.kind for h in ctx.hits] != ["city"]


@pytest.mark.parametrize("word", ["VBIED", "Jan", "Humvee"])
def test_weapons_vehicles_and_months_are_not_actors(resolver, word: str) -> None:
    rows = [("A", "DET", "det", 1), (word, "PROPN", "nsubj", 2), ("exploded", "VERB", "ROOT", 2)]
    ctx = context(resolver, table(rows, entities=(EntitySpan(1, 2, "ORG"),)))
    assert ctx.hits == ()


def test_a_name_after_a_long_title_is_its_knowledge_base_entry(resolver) -> None:
    rows = [("Minister", "PROPN", "compound", 6), ("for", "ADP", "prep", 0),
            ("the", "DET", "det", 4), ("Middle", "PROPN", "compound", 4),
            ("East", "PROPN", "pobj", 1), ("Tobias", "PROPN", "compound", 6),
            ("Ellwood", "PROPN", "nsubj", 7), ("spoke", "VERB", "ROOT", 7)]
    ctx = context(resolver, table(rows, entities=(EntitySpan(3, 7, "PERSON"),)))
    (hit,) = [h for h in ctx.hits if h.end == 7]
    assert hit.primary is not None and hit.primary.ref == "TOBIAS_ELLWOOD"
