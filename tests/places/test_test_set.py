"""The geoparser on our own test set (tests/places/data/toponyms.jsonl, every region)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from faultlines.places.evaluation import read_test_set, score_test_set

DATA = Path(__file__).parent / "data" / "toponyms.jsonl"


def test_test_set_shape() -> None:
    records = read_test_set(DATA)
    assert len(records) >= 150
    regions = Counter(r["region"] for r in records)
    assert set(regions) >= {"middle-east", "north-africa", "africa", "europe", "central-asia",
                            "south-asia", "east-asia", "southeast-asia", "oceania",
                            "north-america", "south-america"}
    assert all(r["places"] or r.get("source") for r in records)


@pytest.mark.model
@pytest.mark.slow
def test_accuracy_on_the_test_set(nlp) -> None:
    score = score_test_set(DATA, nlp=nlp)
    report = "\n".join(score.errors)
    assert score.toponym_accuracy >= 0.85, report
    assert score.country_accuracy == 1.0, report
    assert score.event_accuracy >= 0.75, report
    assert score.events >= 100
