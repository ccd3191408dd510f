"""Event locations: the trigger's "in / at / near X", then the dateline, then the country."""

from __future__ import annotations

import math

import pytest

from faultlines.places import load_gazetteer, locate_events, location_of, valid_coordinates
from faultlines.types import ActorRef, Document, Event, Location

ACTOR = ActorRef("gunmen", "x:gunmen", "gunmen")


def _event(sentence_index: int, trigger: str, event_type: str = "ASSAULT") -> Event:
    return Event("t", sentence_index, "", None, event_type, ACTOR, None, -1, 1.0,
                 trigger=trigger)


def _locate(nlp, text: str, *events: Event, source: str | None = None) -> list[Location | None]:
    doc = nlp(text)
    located = locate_events(doc, Document("t", text, source=source), events)
    assert len(located) == len(events)  # never drops an event
    return [e.location for e in located]


@pytest.mark.model
def test_preposition_attached_to_the_trigger(nlp) -> None:
    (loc,) = _locate(nlp, "Iraq said gunmen attacked a checkpoint near Mosul.",
                     _event(0, "attacked"))
    assert loc.resolved_place == "Mosul" and loc.resolution == 4
    assert loc.country_code == "IRQ" and loc.feature_class == "P"


@pytest.mark.model
def test_most_specific_of_city_and_country(nlp) -> None:
    (loc,) = _locate(nlp, "Troops clashed with militants in the Iraqi city of Fallujah.",
                     _event(0, "clashed"))
    assert loc.resolved_place == "Al Fallūjah" and loc.extracted_place == "Fallujah"


@pytest.mark.model
def test_sub_city_quarter(nlp) -> None:
    (loc,) = _locate(nlp, "Militiamen clashed with soldiers in Sadr City.", _event(0, "clashed"))
    assert loc.resolution == 5 and loc.city == "Baghdad" and loc.resolved_place == "Sadr City"


@pytest.mark.model
def test_dateline_then_country(nlp) -> None:
    text = "BASRA, Iraq (Wire) - The governor rejected the demand. Iran agreed."
    dateline, second = _locate(nlp, text, _event(0, "rejected", "REJECT"),
                               _event(1, "agreed", "AGREE"))
    assert dateline.resolved_place == "Basrah"
    assert second.resolved_place == "Basrah"  # no place in the sentence: the dateline
    (country,) = _locate(nlp, "Iran and the rebels agreed on a truce.",
                         _event(0, "agreed", "AGREE"))
    assert country.resolution == 1 and country.country_code == "IRN"


@pytest.mark.model
def test_sanctions_on_a_country_are_not_located_there(nlp) -> None:
    (loc,) = _locate(nlp, "The U.S. imposed sanctions on Iran.",
                     _event(0, "imposed sanctions", "SANCTION"))
    assert loc.country_code == "USA"


@pytest.mark.model
def test_unresolvable_place_leaves_the_event_without_location(nlp) -> None:
    events = _locate(nlp, "The committee rejected the plan in Qwzxtown.",
                     _event(0, "rejected", "REJECT"))
    assert events == [None]


@pytest.mark.model
def test_bad_sentence_index_is_kept_unlocated(nlp) -> None:
    assert _locate(nlp, "Gunmen attacked a checkpoint near Mosul.", _event(7, "attacked")) == [
        None]


def test_location_of_a_country() -> None:
    gaz = load_gazetteer()
    loc = location_of(gaz.country("Iraq"), "Iraq")
    assert (loc.resolution, loc.feature_code, loc.country_code) == (1, "PCLI", "IRQ")
    assert loc.city is None and loc.province is None
    assert valid_coordinates(loc.lat, loc.lon)


def test_valid_coordinates() -> None:
    assert valid_coordinates(-90, 180) and not valid_coordinates(0, 180.5)
    assert not valid_coordinates(math.nan, 0) and not valid_coordinates(0, None)
