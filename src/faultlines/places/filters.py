"""Turn the ``--country``, ``--near`` and ``--within`` options into store filters."""

from __future__ import annotations

import re

from faultlines.errors import ConfigError
from faultlines.places.gazetteer import load_gazetteer
from faultlines.places.location import valid_coordinates
from faultlines.places.toponyms import resolve_name

__all__ = ["country_code", "parse_distance", "near_point"]

_DISTANCE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(km|mi|m)?\s*$", re.I)
_POINT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


def country_code(value: str) -> str:
    """An ISO alpha-3 code from a code or a country name.

    >>> country_code("irq"), country_code("United States")
    ('IRQ', 'USA')
    """
    place = load_gazetteer().country(value)
    if place is None:
        raise ConfigError(f"--country {value!r} is not a country; give an ISO alpha-3 code "
                          f"such as IRQ or a country name")
    return place.country_code


def parse_distance(value: str | float) -> float:
    """Kilometres from ``"50km"``, ``"30mi"``, ``"800m"`` or a bare number of km.

    >>> parse_distance("50km"), parse_distance("10 mi"), parse_distance(5)
    (50.0, 16.09344, 5.0)
    """
    if isinstance(value, int | float):
        km = float(value)
    else:
        match = _DISTANCE.match(value)
        if match is None:
            raise ConfigError(f"--within {value!r} is not a distance; write e.g. 50km, 30mi")
        number, unit = float(match.group(1)), (match.group(2) or "km").lower()
        km = number * {"km": 1.0, "mi": 1.609344, "m": 0.001}[unit]
    if not km > 0:
        raise ConfigError(f"--within must be more than 0, not {value!r}")
    return round(km, 6)


def near_point(place: str, within: str | float | None) -> tuple[float, float, float]:
    """``(lat, lon, km)`` for ``--near PLACE --within DISTANCE``.

    >>> lat, lon, km = near_point("Mosul", "50km")
    >>> round(lat), round(lon), km
    (36, 43, 50.0)
    """
    km = parse_distance(within if within is not None else 25.0)
    match = _POINT.match(place)
    if match:
        lat, lon = float(match.group(1)), float(match.group(2))
        if not valid_coordinates(lat, lon):
            raise ConfigError(f"--near {place!r}: latitude must be in -90..90 and longitude "
                              f"in -180..180")
        return lat, lon, km
    found, _, _ = resolve_name(place)
    if found is None or found.lat is None or found.lon is None:
        raise ConfigError(f"--near {place!r} is not a place the gazetteer knows; give another "
                          f"spelling or LAT,LON")
    return found.lat, found.lon, km
