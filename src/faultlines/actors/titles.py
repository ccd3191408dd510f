"""The title table (``actors/data/titles.tsv``): titles before a name and what they imply.

One row per title and its variants: the sector a title before a name signals ("President X" ->
GOV; read by the resolver's passes) and the country and office a title implies on its own
("Secretary of State" -> USA, foreign minister; read by :mod:`faultlines.actors.evidence`).
Every row is checked on load; a bad row stops with the file and line.

>>> rows = parse_title_table("prime minister\\tGOV\\ntaoiseach\\t\\tIRL\\tHOG\\n")
>>> [(r.variants, r.sector, r.country, r.office) for r in rows]
[(('prime minister',), 'GOV', None, None), (('taoiseach',), None, 'IRL', 'HOG')]
>>> parse_title_table("queen\\tGOV\\tGBR\\n", "t.tsv")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
faultlines.errors.DictionaryError: t.tsv:1: a country needs an office ...
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from importlib import resources

from faultlines.actors.kb import SECTORS
from faultlines.errors import DictionaryError

__all__ = ["OFFICES", "TitleRow", "parse_title_table", "title_table", "TITLES_FILE"]

TITLES_FILE = "titles.tsv"
#: Offices a title can name (head of state, of government, foreign and defence minister, other
#: executive, military, legislature, an office of an intergovernmental body).
OFFICES: frozenset[str] = frozenset({"HOS", "HOG", "FM", "DM", "GOV", "MIL", "LEG", "IGO"})
_COUNTRY = re.compile(r"^(?:[A-Z]{3}|IGO[A-Z]*)$")


@dataclass(frozen=True)
class TitleRow:
    """One row of the title table.

    ``sector`` is None for "Mr" (a title with no sector) and for role phrases that are not
    titles before a name (``before_name`` False); ``country``/``office`` are None for titles
    every country has; ``start``/``end`` bound when the title implies the country.
    """

    line: int
    variants: tuple[str, ...]
    before_name: bool
    sector: str | None
    country: str | None = None
    office: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


def _date(value: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise DictionaryError(f"{where}: date {value!r} is not YYYY-MM-DD") from exc


def _variants(cell: str, where: str) -> tuple[str, ...]:
    variants = tuple(cell.split("|"))
    for variant in variants:
        if not variant or variant != variant.strip() or "  " in variant:
            raise DictionaryError(f"{where}: an empty title or one with extra spaces; separate "
                                  f"variants with a single |")
        if variant != variant.lower():
            raise DictionaryError(f"{where}: {variant!r} is not lower case; write titles in "
                                  f"lower case")
    return variants


def _sector(cell: str, where: str) -> tuple[bool, str | None]:
    if not cell:
        return False, None
    if cell == "-":
        return True, None
    if cell not in SECTORS:
        raise DictionaryError(f"{where}: unknown sector {cell!r}; use a code of sectors.tsv, - "
                              f"for none, or leave it empty for a role phrase")
    return True, cell


def _country_office(country: str, office: str, where: str) -> tuple[str | None, str | None]:
    if bool(country) != bool(office):
        raise DictionaryError(f"{where}: a country needs an office and an office a country "
                              f"(offices: {', '.join(sorted(OFFICES))})")
    if country and not _COUNTRY.match(country):
        raise DictionaryError(f"{where}: country {country!r} is not an ISO alpha-3 or IGO code")
    if office and office not in OFFICES:
        raise DictionaryError(f"{where}: unknown office {office!r}; use one of "
                              f"{', '.join(sorted(OFFICES))}")
    return country or None, office or None


def _row(number: int, cols: list[str], source: str) -> TitleRow:
    where = f"{source}:{number}"
    cols = [c.strip() for c in cols] + [""] * (6 - len(cols))
    variants = _variants(cols[0], where)
    before_name, sector = _sector(cols[1], where)
    country, office = _country_office(cols[2], cols[3], where)
    start, end = _date(cols[4], where), _date(cols[5], where)
    if (start or end) and country is None:
        raise DictionaryError(f"{where}: dates bound the country a title implies; give the "
                              f"country and office or drop the dates")
    if start and end and end < start:
        raise DictionaryError(f"{where}: the title ends ({end}) before it starts ({start})")
    if not before_name and country is None:
        raise DictionaryError(f"{where}: the row does nothing; give a sector (a title before a "
                              f"name) or a country and office")
    return TitleRow(number, variants, before_name, sector, country, office, start, end)


def parse_title_table(text: str, source: str = TITLES_FILE) -> tuple[TitleRow, ...]:
    """Rows of ``title|variant<TAB>sector<TAB>country<TAB>office<TAB>from<TAB>to`` (trailing
    empty columns may be left out), in file order; no title may be given twice."""
    rows: list[TitleRow] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not 2 <= len(cols) <= 6:
            raise DictionaryError(f"{source}:{number}: expected 2 to 6 tab-separated columns "
                                  f"(title, sector, country, office, from, to), found {len(cols)}")
        row = _row(number, cols, source)
        for variant in row.variants:
            if variant in seen:
                raise DictionaryError(f"{source}:{number}: title {variant!r} is given twice "
                                      f"(first on line {seen[variant]})")
            seen[variant] = number
        rows.append(row)
    return tuple(rows)


@functools.cache
def title_table() -> tuple[TitleRow, ...]:
    """The packaged title table (read and checked once per process)."""
    text = resources.files("faultlines.actors").joinpath("data", TITLES_FILE).read_text("utf-8")
    return parse_title_table(text)
