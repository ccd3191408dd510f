"""The map a careful analyst draws from the three seed articles (read from ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from faultlines import api

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_events(seeds_dir: Path):
    return list(api.extract([str(seeds_dir)], workers=1))


def _ids(events, fragment: str) -> set[str]:
    fragment = fragment.lower()
    found = set()
    for e in events:
        for ref in (e.actor, e.recipient):
            if ref is not None and (fragment in ref.name.lower() or fragment in ref.text.lower()):
                found.add(ref.id)
    return found


def _edges(events, source: str, target: str, polarity: int) -> list:
    src, tgt = _ids(events, source), _ids(events, target)
    return [e for e in events
            if e.recipient is not None and e.polarity == polarity
            and e.modality != "negated"
            and ((e.actor.id in src and e.recipient.id in tgt)
                 or (e.actor.id in tgt and e.recipient.id in src))]


@pytest.mark.parametrize(
    ("source", "target", "polarity"),
    [
        ("allawi", "maliki", -1),
        ("baath", "allawi", +1),
        ("mutlaq", "allawi", +1),
        ("maliki", "iran", -1),
        ("maliki", "mahdi", -1),
        ("maliki", "sadr", -1),
        ("iran", "militia", +1),
        ("militia", "sunni", -1),
    ],
)
def test_seed_map_relations(seed_events, source: str, target: str, polarity: int) -> None:
    edges = _edges(seed_events, source, target, polarity)
    assert edges, f"no {'+' if polarity > 0 else '-'} event between {source} and {target}"


def test_one_node_per_person(seed_events) -> None:
    allawi = {e.id for ev in seed_events for e in (ev.actor, ev.recipient, ev.attributed_to)
              if e is not None and "allawi" in e.text.lower()}
    assert len(allawi) == 1, allawi
    maliki = {e.id for ev in seed_events for e in (ev.actor, ev.recipient, ev.attributed_to)
              if e is not None and "maliki" in e.text.lower()}
    assert len(maliki) == 1, maliki


@pytest.fixture(scope="module")
def seed_store(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    report = api.ingest([str(seeds_dir)], db, workers=1)
    assert report.ok and report.documents_added == 3
    return db


def _camp_of(result, fragment: str) -> set[int]:
    return {camp.id for camp in result.camps
            if any(fragment in name.lower() for name in camp.names)}


def test_2008_article_puts_maliki_and_iran_in_opposite_camps(seed_store: Path) -> None:
    result = api.factions(seed_store, doc_id="003_be2d0c90f23ee810")
    maliki, iran = _camp_of(result, "maliki"), _camp_of(result, "iran")
    assert maliki and iran
    assert not maliki & iran, [c.names for c in result.camps]


def test_2007_article_puts_us_with_sunni_forces(seed_store: Path) -> None:
    result = api.factions(seed_store, doc_id="000_597a286e1c6c6ca4")
    us = {c.id for c in result.camps if any(n.startswith("United States") for n in c.names)}
    sunni = _camp_of(result, "sunni")
    assert us and sunni
    assert us & sunni, [c.names for c in result.camps]


@pytest.fixture(scope="module")
def seed_mentions(seeds_dir: Path, nlp):
    from faultlines.actors import ActorResolver
    from faultlines.types import Document

    resolver = ActorResolver.default()
    found = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found.extend(resolver.find_mentions(nlp(text), Document(path.stem, text)))
    return found


@pytest.mark.parametrize("name", ["Basra", "Sadr City", "Baghdad", "Tehran"])
def test_seed_places_are_not_actors(seed_mentions, name: str) -> None:
    """Towns are place mentions of their country (the places stage locates them); a capital
    acts only as its state ("a delegation to Tehran" -> the Iranian government)."""
    mentions = [m for m in seed_mentions if m.text == name]
    assert mentions, f"{name} not found in the seeds"
    for m in mentions:
        assert m.actor.id != "x:" + name.lower().replace(" ", "-")
        assert m.kind == "place" or (m.actor.sector == "GOV" and name == "Tehran"), m
