"""The geoparser on our own test set (tests/places/data/toponyms.jsonl, every region)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from faultlines.places.evaluation import read_test_set, score_test_set

DATA = Path(__file__).parent / "data" / "toponyms.jsonl"
#: Written after the rules were tuned on DATA and scored once; not to be tuned on.
HELD_OUT = Path(__file__).parent / "data" / "toponyms_heldout.jsonl"


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
@pytest.mark.parametrize(("path", "min_events"), [(DATA, 100), (HELD_OUT, 40)])
def test_accuracy_on_the_test_set(nlp, path: Path, min_events: int) -> None:
    score = score_test_set(path, nlp=nlp)
    report = "\n".join(score.errors)
    assert score.toponym_accuracy >= 0.85, report
    assert score.country_accuracy == 1.0, report
    assert score.event_accuracy >= 0.75, report
    assert score.events >= min_events
