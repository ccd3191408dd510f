"""The seed articles (read from ../shared): their places are found and resolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from faultlines.places import find_toponyms
from faultlines.types import Document

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_toponyms(seeds_dir: Path, nlp):
    found = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        toponyms, _ = find_toponyms(nlp(text), Document(path.stem, text))
        found.extend(toponyms)
    return found


@pytest.mark.parametrize(("name", "resolved", "country"), [
    ("Basra", "Basrah", "IRQ"),
    ("Sadr City", "Sadr City", "IRQ"),
    ("Baghdad", "Baghdad", "IRQ"),
    ("Tehran", "Tehran", "IRN"),
])
def test_seed_places_located(seed_toponyms, name: str, resolved: str, country: str) -> None:
    hits = [t for t in seed_toponyms if t.text == name]
    assert hits, f"{name} not found in the seeds"
    for top in hits:
        assert top.place is not None and top.place.name == resolved
        assert top.place.country_code == country
        assert top.place.lat is not None
