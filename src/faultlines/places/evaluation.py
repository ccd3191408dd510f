"""Score the geoparser on a hand-written test set (tests/places/data/toponyms.jsonl).

Each line is one document: ``text`` (and optionally ``source``), ``places`` mapping each place
name as written to the expected entry (``"Name|ISO3"`` for a town or province, ``"ISO3"`` for a
country), and ``where``, the expected event location (same notation, or null when the set does
not say). A town is right when the resolved point is within 25 km of the expected GeoNames
entry; a country is right when the resolved entry is that country.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faultlines.errors import InputError
from faultlines.places.gazetteer import (
    CITY,
    COUNTRY,
    Gazetteer,
    Place,
    haversine_km,
    load_gazetteer,
)
from faultlines.places.toponyms import Toponym, find_toponyms
from faultlines.types import Document, Location

__all__ = ["GeoparseScore", "read_test_set", "expected_place", "score_test_set"]

#: A resolved town counts as right within this distance of the expected one.
TOLERANCE_KM = 25.0


@dataclass
class GeoparseScore:
    """Counts of a geoparser run; ``errors`` lists what went wrong, one line each."""

    toponyms: int = 0
    toponyms_right: int = 0
    countries: int = 0
    countries_right: int = 0
    events: int = 0
    events_right: int = 0
    documents_without_event: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def toponym_accuracy(self) -> float:
        return self.toponyms_right / self.toponyms if self.toponyms else 0.0

    @property
    def country_accuracy(self) -> float:
        return self.countries_right / self.countries if self.countries else 0.0

    @property
    def event_accuracy(self) -> float:
        return self.events_right / self.events if self.events else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"toponyms": self.toponyms, "toponym_accuracy": round(self.toponym_accuracy, 3),
                "countries": self.countries, "country_accuracy": round(self.country_accuracy, 3),
                "events": self.events, "event_accuracy": round(self.event_accuracy, 3),
                "documents_without_event": self.documents_without_event}


def read_test_set(path: str | Path) -> list[dict[str, Any]]:
    """The test set's records (one JSON object per line)."""
    records = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"not JSON ({exc.msg}); write one object per line",
                             number) from exc
    return records


def expected_place(spec: str, gazetteer: Gazetteer | None = None) -> Place:
    """The gazetteer entry a ``"Name|ISO3"`` or ``"ISO3"`` spec names (most populous match)."""
    gaz = gazetteer or load_gazetteer()
    if "|" not in spec:
        place = gaz.country_of_code(spec)
    else:
        name, code = spec.split("|")
        hits = [p for p, _ in gaz.matches(name) if p.country_code == code and p.kind != COUNTRY]
        place = max(hits, key=lambda p: (p.kind == CITY, p.population)) if hits else None
    if place is None:
        raise InputError("test set", f"{spec!r} is not in the gazetteer; write it as GeoNames "
                         f"does (name|ISO3)")
    return place


def _right(got_kind: int | None, got_code: str | None, lat: float | None, lon: float | None,
           want: Place) -> bool:
    if want.kind == COUNTRY:
        return got_kind == COUNTRY and got_code == want.country_code
    if lat is None or lon is None or want.lat is None or want.lon is None:
        return False
    return float(haversine_km(lat, lon, want.lat, want.lon)) <= TOLERANCE_KM


def _location_kind(location: Location) -> int:
    return COUNTRY if location.resolution == 1 else -1


def _find(toponyms: Iterable[Toponym], surface: str) -> Toponym | None:
    wanted = surface.casefold().rstrip(".")
    for top in toponyms:
        if top.text.casefold().rstrip(".") == wanted:
            return top
    for top in toponyms:
        if wanted in top.text.casefold():
            return top
    return None


def score_test_set(path: str | Path, *, nlp: Any = None, with_events: bool = True,
                   model: str | None = None) -> GeoparseScore:
    """Run the parser, the geoparser and (``with_events``) the whole pipeline on the set."""
    from faultlines.nlp import load_pipeline

    gaz = load_gazetteer()
    nlp = nlp or load_pipeline(model)
    records = read_test_set(path)
    score = GeoparseScore()
    documents = [Document(r["id"], r["text"], source=r.get("source")) for r in records]
    for record, document, doc in zip(records, documents, nlp.pipe(d.text for d in documents),
                                     strict=True):
        toponyms, _ = find_toponyms(doc, document, gaz)
        for surface, spec in record["places"].items():
            want = expected_place(spec, gaz)
            top = _find(toponyms, surface)
            place = top.place if top is not None else None
            right = place is not None and _right(place.kind, place.country_code, place.lat,
                                                 place.lon, want)
            score.toponyms += 1
            score.toponyms_right += right
            if want.kind == COUNTRY:
                score.countries += 1
                score.countries_right += right
            if not right:
                got = f"{place.name} ({place.country_code})" if place else "nothing"
                score.errors.append(f"{record['id']}: {surface!r} -> {got}, expected {spec}")
    if with_events:
        _score_events(records, documents, score, model)
    return score


def _score_events(records: list[dict[str, Any]], documents: list[Document],
                  score: GeoparseScore, model: str | None) -> None:
    # The stages one by one, as faultlines.evaluation does: places comes before the pipeline.
    from faultlines.actors import ActorResolver
    from faultlines.coding import code_events
    from faultlines.nlp import load_pipeline, parse_documents
    from faultlines.places.location import locate_events

    gaz = load_gazetteer()
    resolver = ActorResolver.default()
    parsed = parse_documents(load_pipeline(model), documents)
    for record, (document, doc) in zip(records, parsed, strict=True):
        if record.get("where") is None:
            continue
        mentions = tuple(resolver.find_mentions(doc, document))
        events = locate_events(doc, document, code_events(doc, document, mentions), gaz)
        if not events:
            score.documents_without_event += 1
            continue
        want = expected_place(record["where"], gaz)
        for event in events:
            location = event.location
            right = location is not None and _right(
                _location_kind(location), location.country_code, location.lat, location.lon,
                want)
            score.events += 1
            score.events_right += right
            if not right:
                got = f"{location.resolved_place} ({location.country_code})" if location \
                    else "nothing"
                score.errors.append(f"{record['id']} event {event.event_type} "
                                    f"{event.trigger!r}: {got}, expected {record['where']}")
