"""Locations in the store, the exports (jsonl, csv, geojson) and the --country/--near filters."""

from __future__ import annotations

import csv
import datetime as dt
import json

import jsonschema
import pytest
from typer.testing import CliRunner

from faultlines.cli import app
from faultlines.errors import ConfigError
from faultlines.places import load_gazetteer, location_of
from faultlines.places.filters import near_point, parse_distance
from faultlines.store import Store
from faultlines.types import ActorRef, Document, DocumentResult, Event

A = ActorRef("gunmen", "x:gunmen", "gunmen")
B = ActorRef("police", "x:police", "police", "IRQ", "COP")

# A minimal schema of RFC 7946 for what we write: a FeatureCollection of Points.
GEOJSON_SCHEMA = {
    "type": "object", "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {"type": "array", "items": {
            "type": "object", "required": ["type", "geometry", "properties"],
            "properties": {
                "type": {"const": "Feature"},
                "geometry": {"type": "object", "required": ["type", "coordinates"],
                             "properties": {
                                 "type": {"const": "Point"},
                                 "coordinates": {"type": "array", "minItems": 2, "maxItems": 2,
                                                 "prefixItems": [
                                                     {"type": "number", "minimum": -180,
                                                      "maximum": 180},
                                                     {"type": "number", "minimum": -90,
                                                      "maximum": 90}]}}},
                "properties": {"type": "object"}}}}},
}


def _results() -> list[DocumentResult]:
    gaz = load_gazetteer()
    places = [("d1", "Mosul", gaz.lookup("Mosul")[0]), ("d2", "Tal Afar", None),
              ("d3", "Basra", gaz.lookup("Basrah")[0]), ("d4", "Iraq", gaz.country("Iraq")),
              ("d5", "Tehran", gaz.capital_of("IRN"))]
    results = []
    for day, (doc_id, text, place) in enumerate(places, 1):
        sentence = f"Gunmen attacked police near {text}."
        document = Document(doc_id, sentence, date=dt.date(2007, 1, day), source="Wire")
        location = location_of(place, text) if place is not None else None
        event = Event(doc_id, 0, sentence, document.date, "ASSAULT", A, B, -1, 1.0,
                      trigger="attacked", location=location)
        results.append(DocumentResult(document, (), (event,), 1))
    return results


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "places.duckdb"
    with Store(path) as store:
        store.add_results(_results())
    return path


def test_locations_round_trip(db) -> None:
    with Store(db, read_only=True) as store:
        events = {e.doc_id: e for e in store.events()}
    assert events["d1"].location == _results()[0].events[0].location
    assert events["d2"].location is None  # never dropped for want of a place
    assert events["d4"].location.resolution == 1


def test_jsonl_has_the_location_object_and_validates(db, tmp_path) -> None:
    from importlib import resources

    schema = json.loads(resources.files("faultlines.coding").joinpath(
        "data/event.schema.json").read_text("utf-8"))
    out = tmp_path / "e.jsonl"
    with Store(db, read_only=True) as store:
        store.export_events(out, "jsonl")
        expected = [e.to_dict() for e in store.events()]
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows == expected
    for row in rows:
        jsonschema.validate(row, schema)
    assert rows[0]["location"]["resolved_place"] == "Mosul"


def test_csv_has_flat_location_columns(db, tmp_path) -> None:
    out = tmp_path / "e.csv"
    with Store(db, read_only=True) as store:
        store.export_events(out, "csv")
    rows = list(csv.DictReader(out.open()))
    assert rows[0]["location_resolved_place"] == "Mosul"
    assert float(rows[0]["location_lat"]) == pytest.approx(36.3, abs=0.2)
    assert rows[1]["location_lat"] == ""


def test_geojson_is_a_feature_collection_of_located_events(db, tmp_path) -> None:
    out = tmp_path / "e.geojson"
    with Store(db, read_only=True) as store:
        assert store.export_events(out, "geojson") == 4
    data = json.loads(out.read_text())
    jsonschema.validate(data, GEOJSON_SCHEMA)
    ids = [f["properties"]["doc_id"] for f in data["features"]]
    assert ids == ["d1", "d3", "d4", "d5"]
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert lat == pytest.approx(36.34, abs=0.05) and lon == pytest.approx(43.13, abs=0.05)


def test_country_and_near_filters(db) -> None:
    with Store(db, read_only=True) as store:
        iraq = [e.doc_id for e in store.events(country="IRQ")]
        near_mosul = [e.doc_id for e in store.events(near=near_point("Mosul", "50km"))]
        near_basra = [e.doc_id for e in store.events(country="IRQ",
                                                     near=near_point("30.5,47.8", "30km"))]
    assert iraq == ["d1", "d3", "d4"]
    assert near_mosul == ["d1"]
    assert near_basra == ["d3"]


def test_cli_events_filters_and_geojson(db) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["events", "--db", str(db), "--country", "IRQ", "--near",
                                 "Mosul", "--within", "50km", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [r["doc_id"] for r in rows] == ["d1"]
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "geojson"])
    assert result.exit_code == 0, result.output
    jsonschema.validate(json.loads(result.stdout), GEOJSON_SCHEMA)
    result = runner.invoke(app, ["events", "--db", str(db), "--near", "Qwzxtown"])
    assert isinstance(result.exception, ConfigError) and "Qwzxtown" in str(result.exception)


def test_parse_distance_errors() -> None:
    assert parse_distance("1.5km") == 1.5
    for bad in ("far", "-3km", "0"):
        with pytest.raises(ConfigError):
            parse_distance(bad)
    with pytest.raises(ConfigError):
        near_point("95,10", "5km")
