"""Cross-document merging of unknown spelling variants and curation operations."""

from __future__ import annotations

import pytest

from faultlines.actors import ActorRegistry, CurationOp
from faultlines.errors import ConfigError
from faultlines.types import ActorRef


def unknown(name: str, country: str | None = None, sector: str | None = None) -> ActorRef:
    return ActorRef(name, ActorRegistry.unknown_id(name), name, country, sector)


def test_spelling_variants_of_an_unknown_actor_merge_into_the_first_seen() -> None:
    registry = ActorRegistry()
    first = registry.canonical(unknown("Abu Qatada al-Filistini"))
    second = registry.canonical(unknown("Abu Katada al Filistini"))
    assert first.id == second.id == "x:abu-qatada-al-filistini"
    assert second.text == "Abu Katada al Filistini"  # the surface text is never rewritten


def test_different_unknown_actors_stay_apart() -> None:
    registry = ActorRegistry()
    a = registry.canonical(unknown("Spencer Ackerman"))
    b = registry.canonical(unknown("Matthew Duss"))
    assert a.id != b.id


def test_unknown_name_a_document_missed_is_found_in_the_knowledge_base(resolver) -> None:
    registry = ActorRegistry(resolver)
    ref = registry.canonical(unknown("Muqtadah al-Sadr"))
    assert (ref.id, ref.country) == ("MOQTADA_AL_SADR", "IRQ")


def test_known_ids_pass_through_unchanged(resolver) -> None:
    ref = ActorRef("Maliki", "NURI_AL_MALIKI", "Nouri al-Maliki", "IRQ", "PTY")
    assert ActorRegistry(resolver).canonical(ref) == ref


def test_curation_merge_rename_and_set_code(resolver) -> None:
    registry = ActorRegistry(resolver, curation=[
        CurationOp("merge", ("x:the-sadrists", "SADRIST_MOVEMENT")),
        ("rename", {"id": "SADRIST_MOVEMENT", "name": "Sadr Trend"}),
        ("set-code", {"id": "x:jane-roe", "code": "USAMED"}),
    ])
    merged = registry.canonical(ActorRef("the Sadrists", "x:the-sadrists", "the Sadrists"))
    assert (merged.id, merged.name, merged.country, merged.sector) == (
        "SADRIST_MOVEMENT", "Sadr Trend", "IRQ", "PTY")
    coded = registry.canonical(unknown("Jane Roe"))
    assert (coded.country, coded.sector) == ("USA", "MED")


def test_merge_chains_are_followed() -> None:
    registry = ActorRegistry(curation=[CurationOp("merge", ("x:a", "x:b")),
                                       CurationOp("merge", ("x:b", "KNOWN"))])
    assert registry.canonical(ActorRef("a", "x:a", "a")).id == "KNOWN"


def test_merge_cycle_is_refused() -> None:
    with pytest.raises(ConfigError, match="cycle"):
        ActorRegistry(curation=[CurationOp("merge", ("A", "B")), CurationOp("merge", ("B", "A"))])


@pytest.mark.parametrize("op, args, message", [
    ("explode", ("a",), "unknown curation operation"),
    ("merge", ("only-one",), "takes 2"),
    ("rename", ("id", ""), "non-empty"),
])
def test_bad_curation_ops_are_refused(op, args, message) -> None:
    with pytest.raises(ConfigError, match=message):
        CurationOp(op, args).validate()


def test_store_rows_round_trip() -> None:
    op = CurationOp("merge", ("x:sadrists", "SADRIST_MOVEMENT"))
    assert CurationOp.parse("merge", op.to_store_args()) == op
    assert CurationOp.parse("merge", '["x:sadrists", "SADRIST_MOVEMENT"]') == op
    with pytest.raises(ConfigError, match="lacks into"):
        CurationOp.parse("merge", {"from": "x:a"})


def test_single_unknown_word_is_not_matched_to_a_known_actor(resolver) -> None:
    ref = ActorRegistry(resolver).canonical(unknown("Hakimi"))
    assert ref.id == "x:hakimi"


def test_similar_but_different_names_stay_apart() -> None:
    registry = ActorRegistry()
    a = registry.canonical(unknown("Ali Hassan"))
    b = registry.canonical(unknown("Ali Hussein"))
    assert a.id != b.id
