"""The worldwide probe (tests/actors/data/worldwide_probe.jsonl) and its scorer."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pycountry
import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = ROOT / "tests" / "actors" / "data" / "worldwide_probe.jsonl"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_worldwide",
                                                  ROOT / "tools" / "score_worldwide.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return [json.loads(line) for line in PROBE.read_text("utf-8").splitlines() if line.strip()]


_CODES = {c.alpha_3 for c in pycountry.countries} | {"IGO", "IMG", "XKX", "PSE"}
_REGIONS = {
    "middle east": {"IRQ", "SYR", "IRN", "ISR", "PSE", "LBN", "JOR", "SAU", "YEM", "QAT", "TUR",
                    "EGY", "LBY"},
    "africa": {"NGA", "SOM", "SDN", "SSD", "ETH", "COD", "RWA", "MLI", "NER", "BFA", "KEN",
               "ZAF", "ZWE", "MOZ", "SEN", "TCD", "CMR", "ERI"},
    "europe": {"GBR", "FRA", "DEU", "RUS", "UKR", "BLR", "ESP", "NOR", "HUN", "GEO", "ARM",
               "AZE"},
    "asia": {"AFG", "PAK", "IND", "CHN", "PRK", "KOR", "JPN", "TWN", "MMR", "PHL", "IDN", "LKA",
             "BGD", "KAZ", "HKG"},
    "americas": {"USA", "COL", "VEN", "CUB", "SLV", "HTI", "MEX", "BRA", "CAN"},
    "oceania": {"AUS", "NZL"},
}


def test_probe_is_large_dated_and_well_formed(docs) -> None:
    assert len(docs) >= 150
    assert len({d["id"] for d in docs}) == len(docs)
    years = [int(d["date"][:4]) for d in docs]
    assert min(years) >= 2000 and max(years) <= 2026
    assert len({y // 5 for y in years}) >= 5  # spread over the period
    for doc in docs:
        assert doc["actor"] in _CODES, doc
        assert doc["recipient"] is None or doc["recipient"] in _CODES, doc
        assert doc["text"].strip()


def test_probe_covers_every_region(docs) -> None:
    seen = Counter()
    for doc in docs:
        for region, codes in _REGIONS.items():
            if doc["actor"] in codes or doc["recipient"] in codes:
                seen[region] += 1
    assert all(seen[r] >= 2 for r in _REGIONS), seen


def test_probe_has_first_person_statements_with_a_source(docs) -> None:
    first_person = [d for d in docs if d.get("source") and d["text"].split()[0] in ("We", "Our")]
    assert len(first_person) >= 10


def test_probe_has_officials_abroad(docs) -> None:
    # a foreign official in a story about another country (the actor is not the recipient)
    abroad = [d for d in docs if d["recipient"] and d["recipient"] != d["actor"]]
    assert len(abroad) >= 80


def test_scorer_counts_hits_and_misses() -> None:
    scorer = _scorer()
    docs = [{"id": "a", "actor": "GBR", "recipient": "IRQ"},
            {"id": "b", "actor": "USA", "recipient": None},
            {"id": "c", "actor": "RUS", "recipient": "UKR"}]
    events = {"a": {"actor": {"country": "GBR"}, "recipient": {"country": "SYR"}},
              "b": {"actor": {"country": "USA"}, "recipient": None}}
    result = scorer.score(docs, events)
    assert result["actor_country"] == pytest.approx(2 / 3)
    assert result["recipient_country"] == 0.0
    assert result["recipients_scored"] == 2
    assert result["with_event"] == 2
