"""Toponyms found in the parse and resolved with the document's focus (sentences our own)."""

from __future__ import annotations

import pytest

from faultlines.places import capital_country, find_toponyms, is_place_mention, resolve_name
from faultlines.places.gazetteer import CITY, COUNTRY
from faultlines.places.toponyms import DocumentFocus, find_dateline
from faultlines.types import Document


def _resolved(nlp, text: str, source: str | None = None) -> dict[str, tuple[str, str, int]]:
    doc = nlp(text)
    toponyms, _ = find_toponyms(doc, Document("t", text, source=source))
    return {t.text: (t.place.name, t.place.country_code, t.place.kind) for t in toponyms
            if t.place is not None}


@pytest.mark.model
def test_entities_and_unlabelled_places_after_prepositions(nlp) -> None:
    found = _resolved(nlp, "Jordan hosted talks in Amman. Rebels shelled villages outside "
                           "Aleppo. Bahrain arrested two men.")
    assert found["Jordan"] == ("Jordan", "JOR", COUNTRY)
    assert found["Amman"][1] == "JOR"
    assert found["Aleppo"][1] == "SYR"
    assert found["Bahrain"] == ("Bahrain", "BHR", COUNTRY)


@pytest.mark.model
def test_focus_picks_the_namesake_in_the_document_country(nlp) -> None:
    found = _resolved(nlp, "Rival militias fought in Tripoli. The army of Lebanon deployed.")
    assert found["Tripoli"][1] == "LBN"
    found = _resolved(nlp, "Rival militias fought in Tripoli.")
    assert found["Tripoli"][1] == "LBY"  # population and capital, without a focus


@pytest.mark.model
def test_outlet_name_is_focus(nlp) -> None:
    doc = nlp("The council met on Monday.")
    _, focus = find_toponyms(doc, Document("t", doc.text, source="Tehran Times"))
    assert focus.countries[:1] == ("IRN",)


@pytest.mark.model
def test_facility_resolves_to_its_city_as_sub_city(nlp) -> None:
    doc = nlp("Police arrested a suspect at Baghdad International Airport.")
    toponyms, _ = find_toponyms(doc, None)
    airport = next(t for t in toponyms if "Airport" in t.text)
    assert airport.place.name == "Baghdad" and airport.sub_city


@pytest.mark.model
def test_months_are_not_places(nlp) -> None:
    found = _resolved(nlp, "Talks resumed in March and collapsed in May.")
    assert found == {}


def test_resolve_name_country_rule() -> None:
    for name in ("China", "USA", "U.S.", "America", "Georgia"):
        place, candidates, ambiguous = resolve_name(name)
        assert place.kind == COUNTRY and candidates == (place,) and not ambiguous


def test_resolve_name_focus_and_candidates() -> None:
    place, candidates, _ = resolve_name("Paris")
    assert place.country_code == "FRA" and len(candidates) > 1
    place, _, _ = resolve_name("Paris", DocumentFocus(countries=("USA",)))
    assert place.country_code == "FRA"  # a focus bonus does not beat a capital of millions
    place, _, _ = resolve_name("Hyderabad", DocumentFocus(countries=("PAK",)))
    assert place.country_code == "PAK"


def test_resolve_name_unknown_is_none() -> None:
    assert resolve_name("Qwzxtown") == (None, (), False)


def test_province_when_asked() -> None:
    place, _, _ = resolve_name("Texas")
    assert place.country_code == "USA" and place.resolution == 2
    place, _, _ = resolve_name("Washington")
    assert place.kind == CITY and place.capital


def test_dateline() -> None:
    city, place = find_dateline("MOSUL, Iraq (Wire) - Gunmen attacked a checkpoint.")
    assert city == "MOSUL" and place.name == "Mosul"
    city, place = find_dateline("KYIV \u2014 The minister spoke.")
    assert place.country_code == "UKR"
    assert find_dateline("Gunmen attacked a checkpoint - police said so.") is None


@pytest.mark.parametrize(("text", "label", "preposition", "expected"), [
    ("Basra", "GPE", None, True),
    ("Sadr City", "GPE", None, True),
    ("Raqqa", "GPE", None, True),
    ("Sinjar", "GPE", None, True),
    ("Husaybah", "GPE", None, True),  # an alternate name of Al Qa'im
    ("Qwzxtown", "GPE", "in", True),  # not in the gazetteer, but "in Qwzxtown"
    ("Qwzxtown", "GPE", None, False),
    ("Tahrir Square", "FAC", None, True),
    ("Iraq", "GPE", None, False),
    ("the United States", "GPE", None, False),
    ("Hezbollah", "ORG", None, False),
    ("Nouri al-Maliki", "PERSON", None, False),
])
def test_is_place_mention(text: str, label: str, preposition: str | None,
                          expected: bool) -> None:
    assert is_place_mention(text, label, preposition) is expected


def test_capital_country() -> None:
    assert capital_country("Tehran") == "IRN"
    assert capital_country("Washington") == "USA"
    assert capital_country("Mosul") is None
    assert capital_country("Iraq") is None
