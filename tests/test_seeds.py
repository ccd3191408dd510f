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
