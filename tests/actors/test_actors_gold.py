"""How far the actors stage lets the coder go on the PLOVER gold dev file, and its speed.

For each gold sentence we ask whether any mention carries the country of a gold source (or
target) actor: the ceiling of source/target country agreement a coder can reach with these
mentions. Gold codes are CAMEO; the two that differ from ISO in this file are mapped.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from faultlines.types import Document

pytestmark = pytest.mark.model

CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA"}


def gold_records(path: Path) -> list[dict]:
    return json.loads(path.read_text("utf-8"))


def ceiling(records, docs, resolver) -> dict[str, float]:
    hits = {"source": [0, 0], "target": [0, 0]}
    for record, doc in zip(records, docs, strict=True):
        date = dt.date.fromisoformat(record["date"]) if record.get("date") else None
        mentions = resolver.find_mentions(doc, Document(record["id"], record["text"], date))
        countries = {m.actor.country for m in mentions}
        for side in hits:
            actors = record.get(side) if isinstance(record.get(side), list) else []
            if not actors:
                continue
            wanted = {CAMEO_TO_ISO.get(a["code"][:3], a["code"][:3]) for a in actors}
            hits[side][0] += bool(wanted & countries)
            hits[side][1] += 1
    return {side: found / total for side, (found, total) in hits.items()}


@pytest.fixture(scope="module")
def gold(gold_path, nlp):
    records = gold_records(gold_path)
    return records, list(nlp.pipe(r["text"] for r in records))


def test_gold_country_ceiling_with_the_packaged_knowledge_base(gold, resolver) -> None:
    scores = ceiling(*gold, resolver)
    print(f"packaged KB: source {scores['source']:.3f} target {scores['target']:.3f}")
    assert scores["source"] >= 0.80
    assert scores["target"] >= 0.70


@pytest.mark.slow
def test_phoenix_dictionaries_do_not_lower_the_ceiling(gold, resolver, phoenix_resolver) -> None:
    base = ceiling(*gold, resolver)
    more = ceiling(*gold, phoenix_resolver)
    print(f"with Phoenix: source {more['source']:.3f} target {more['target']:.3f}")
    assert more["source"] >= base["source"] - 0.01
    assert more["target"] >= base["target"] - 0.01
    assert len(phoenix_resolver.kb.entries) > 10 * len(resolver.kb.entries)
