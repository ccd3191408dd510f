"""Places: an offline gazetteer, toponyms found in the parse and the location of each event."""

from faultlines.places.gazetteer import Gazetteer, Place, load_gazetteer, normalize_name
from faultlines.places.location import locate_events, location_of, valid_coordinates
from faultlines.places.toponyms import (
    Toponym,
    capital_country,
    find_toponyms,
    is_place_mention,
    resolve_name,
)

__all__ = ["Gazetteer", "Place", "Toponym", "load_gazetteer", "normalize_name", "find_toponyms",
           "resolve_name", "is_place_mention", "capital_country", "locate_events", "location_of",
           "valid_coordinates"]
