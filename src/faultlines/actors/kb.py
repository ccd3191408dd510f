"""The actor knowledge base: packaged data files plus imported (user) dictionaries.

Layout of ``faultlines/actors/data`` (see docs/actors.md):

- ``actors.jsonl`` one actor per line: ``id``, ``name``, default ``code``, ``aliases``, ``short``
  (surnames and other short forms, used only when the document does not point elsewhere),
  ``roles`` as ``[code, start, end]`` with ISO dates or ``null``.
- ``countries.tsv`` common names, demonyms and capitals per ISO 3166 alpha-3 code; the official
  names come from ``pycountry`` at load time.
- ``groups.tsv`` ethnic and religious groups; ``sectors.tsv`` sector codes and agent nouns.
- ``world/people_*.tsv`` dated offices of heads of state and government, foreign and defence
  ministers and other officials worldwide, one office a line (``code office start end names
  short``); lines of one person merge into one entry, and an entry of ``actors.jsonl`` with the
  same name keeps its id.
- ``world/armed_groups.tsv`` and ``world/organisations.tsv`` armed non-state groups, IGOs, state
  agencies and parties (``id code names note``).

The built tables are cached on disk as JSON (``$FAULTLINES_CACHE_DIR``, else
``$XDG_CACHE_HOME/faultlines``; see :mod:`faultlines.actors.kb_cache`) keyed by a hash of every
data file, every user file and the code that builds them, so a worker reads them instead of
rebuilding them.

Codes follow CAMEO: three letters of country (or ``IGO``, ``NGO``, ``IMG`` ...) then three-letter
sector codes, e.g. ``IRQGOV``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from faultlines.actors.normalize import PARTICLES, fold_words, skeleton
from faultlines.errors import DictionaryError

__all__ = [
    "Role",
    "ActorEntry",
    "AgentEntry",
    "Target",
    "KnowledgeBase",
    "SECTORS",
    "split_code",
    "default_kb_dir",
    "load_knowledge_base",
    "Office",
    "OFFICES",
]

_EXTRA_SECTORS = {"UAF", "HRI", "DEV", "ENV", "MUS", "CHR", "JEW", "HIN", "BUD", "RAD", "MOD",
                  "SEP", "PPL", "UNR", "OCC", "AUT", "SET"}


def _read_data(name: str) -> str:
    return resources.files("faultlines.actors").joinpath("data").joinpath(name).read_text("utf-8")


def _world_files() -> list[str]:
    """Names (``world/...``) of the packaged world tables, sorted."""
    folder = resources.files("faultlines.actors").joinpath("data").joinpath("world")
    try:
        names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".tsv"))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [f"world/{n}" for n in names]


#: Office codes of ``world/people_*.tsv`` and the sector each implies.
OFFICES: dict[str, str] = {"HOS": "GOV", "HOG": "GOV", "FM": "GOV", "DM": "GOV", "GOV": "GOV",
                           "MIL": "MIL", "SPY": "SPY", "LEG": "LEG", "PTY": "PTY", "OPP": "OPP",
                           "REB": "REB", "PRM": "PRM", "IGO": "", "ELI": "ELI", "JUD": "JUD",
                           "REL": "REL"}


def _sector_rows() -> list[tuple[int, str, str, str]]:
    rows = []
    for number, line in enumerate(_read_data("sectors.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        code, meaning, words = (line.split("\t") + ["", ""])[:3]
        if len(code) != 3:
            raise DictionaryError(f"sectors.tsv:{number}: {code!r} is not a 3-letter sector code")
        rows.append((number, code, meaning, words))
    return rows


_SECTOR_ROWS = _sector_rows()
#: Sector code -> short English label used in names of composed actors ("Iraq government").
SECTOR_LABELS: dict[str, str] = {code: meaning.split(",")[0].strip()
                                 for _, code, meaning, _ in _SECTOR_ROWS}
#: Every sector code the knowledge base knows (sectors.tsv plus further CAMEO codes).
SECTORS: frozenset[str] = frozenset(SECTOR_LABELS) | _EXTRA_SECTORS


@dataclass(frozen=True)
class Role:
    """A code an actor holds between two dates (either may be open)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, date: dt.date) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True)
class Office:
    """One office an actor held: ``office`` is an :data:`OFFICES` key (HOS head of state, HOG
    head of government, FM foreign minister, DM defence minister, ...) of ``country`` (an ISO
    code, or the full IGO code such as ``IGOUNO``) between two dates (either may be open)."""

    country: str
    office: str
    entry_id: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, date: dt.date) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True)
class ActorEntry:
    """One known actor. ``code`` is used when the document has no date or no role covers it."""

    id: str
    name: str
    code: str
    aliases: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    kind: str = "actor"  # actor | country
    source: str = "packaged"
    #: agent noun -> entry id of the organisation it means next to this actor
    #: ("Sadr's militia" -> MAHDI_ARMY)
    organisations: tuple[tuple[str, str], ...] = ()

    def code_at(self, date: dt.date | None) -> str:
        """The actor's code on ``date``: the most recently started role covering it.

        >>> e = ActorEntry("X", "X", "IRQPTY", roles=(Role("IRQGOV", dt.date(2006, 5, 20)),))
        >>> e.code_at(dt.date(2007, 1, 1)), e.code_at(dt.date(2005, 1, 1)), e.code_at(None)
        ('IRQGOV', 'IRQPTY', 'IRQPTY')
        """
        if date is None:
            return self.code
        best: Role | None = None
        for role in self.roles:
            if role.covers(date) and (best is None or (role.start or dt.date.min) >= (
                    best.start or dt.date.min)):
                best = role
        return best.code if best else self.code

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "name": self.name, "code": self.code, "aliases": list(self.aliases),
            "short": list(self.short),
            "roles": [[r.code, r.start.isoformat() if r.start else None,
                       r.end.isoformat() if r.end else None] for r in self.roles],
        }
        if self.organisations:
            out["organisations"] = dict(self.organisations)
        return out


@dataclass(frozen=True)
class AgentEntry:
    """An agent noun ("troops") and the code it signals ("~MIL" in PETRARCH, stored as "MIL")."""

    phrase: str
    code: str
    plural: str | None = None


class Target(NamedTuple):
    """What a folded word sequence can name. ``kind``: actor, short, country, demonym, capital,
    city or group; ``ref`` is an entry id, an ISO code or a group id. A NamedTuple because the
    tables hold hundreds of thousands of them and they must build fast in every worker."""

    kind: str
    ref: str
    rank: int = 0  # source priority: 0 packaged, 1.. user files in load order


def split_code(code: str | None) -> tuple[str | None, str | None]:
    """Split a CAMEO-style code into (country, sector).

    The sector is the first three-letter block after the country that is a known sector.

    >>> split_code("IRQGOV"), split_code("IGOUNOMIL"), split_code("IGOUNO"), split_code("USA")
    (('IRQ', 'GOV'), ('IGO', 'MIL'), ('IGO', None), ('USA', None))
    """
    if not code:
        return None, None
    code = code.upper()
    country = code[:3]
    for i in range(3, len(code) - 2, 3):
        block = code[i:i + 3]
        if block in SECTORS:
            return country, block
    return country, None


def _parse_date(value: str | None, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise DictionaryError(f"{where}: date {value!r} is not YYYY-MM-DD") from exc


def entry_from_json(row: dict, source: str, where: str) -> ActorEntry:
    """Build an entry from one JSON object of actors.jsonl or a user KB file."""
    try:
        roles = tuple(Role(r[0], _parse_date(r[1], where), _parse_date(r[2], where))
                      for r in row.get("roles", ()))
        return ActorEntry(
            id=row["id"], name=row["name"], code=row.get("code") or (
                roles[-1].code if roles else ""),
            aliases=tuple(row.get("aliases", ())), short=tuple(row.get("short", ())),
            roles=roles, kind=row.get("kind", "actor"), source=source,
            organisations=tuple(sorted(row.get("organisations", {}).items())))
    except (KeyError, IndexError, TypeError) as exc:
        raise DictionaryError(
            f"{where}: actor record {str(row)[:80]!r} lacks a field ({exc}); each record needs "
            f"'id', 'name' and 'code' or 'roles'") from exc


def _plurals(word: str) -> list[str]:
    """Regular English plural forms of the last word of a phrase (for agent nouns and groups)."""
    if word.endswith("s") or not word[-1:].isalpha():
        return []
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return [word[:-1] + "ies"]
    if word.endswith(("ch", "sh", "x")):
        return [word + "es"]
    if word.endswith("man"):
        return [word[:-3] + "men"]
    return [word + "s"]


def _keys(alias: str) -> list[tuple[str, ...]]:
    """Folded word tuples an alias is found under: as written, without a leading "the", and
    without Arabic particles ("Nouri al-Maliki" -> also "Nouri Maliki")."""
    words = fold_words(alias)
    if words[:1] in (["the"], ["THE"]) and len(words) > 1:
        words = words[1:]
    if not words:
        return []
    out = [tuple(words)]
    short = [i for i, w in enumerate(words) if w.isupper()]
    if len(words) > 1 and short and len(short) <= 2:
        # PETRARCH writes every alias in capitals: in "NURI_AL_MALIKI" the "AL" is a particle,
        # in "UN_SECRETARY_GENERAL" the "UN" is an acronym; keep both readings
        for i in short:
            out += [tuple(w.lower() if j == i else w for j, w in enumerate(key)) for key in out]
        words = [w.lower() for w in words]
    bare = [w for w in words if w not in PARTICLES]
    if 1 <= len(bare) < len(words) and len(bare) >= (2 if len(words) > 2 else 1):
        out.append(tuple(bare))
    return out


@dataclass
class KnowledgeBase:
    """All actors, countries, groups and agent nouns, with folded lookup tables."""

    entries: dict[str, ActorEntry] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    group_names: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (name, sector)
    group_homes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # id -> ISO codes
    phrases: dict[tuple[str, ...], list[Target]] = field(default_factory=dict)
    agents: dict[tuple[str, ...], str] = field(default_factory=dict)
    # the words agent phrases end in: a noun outside this set heads no agent phrase
    agent_last_words: set[str] = field(default_factory=set)
    first_lengths: dict[str, set[int]] = field(default_factory=dict)
    # the same lengths sorted longest first, for the resolver's greedy scan (kept here so the
    # scan does not sort them again at every word)
    lengths_longest_first: dict[str, tuple[int, ...]] = field(default_factory=dict)
    skeletons: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    #: (country, office) -> the offices held, in start order (see :meth:`office_holder`)
    offices: dict[tuple[str, str], list[Office]] = field(default_factory=dict)
    #: entry id -> every office it held
    offices_of: dict[str, list[Office]] = field(default_factory=dict)

    # -- building -------------------------------------------------------------------------
    def _add_phrase(self, alias: str, target: Target) -> None:
        for key in _keys(alias):
            targets = self.phrases.setdefault(key, [])
            if target not in targets:
                targets.append(target)
            lengths = self.first_lengths.setdefault(key[0], set())
            if len(key) not in lengths:
                lengths.add(len(key))
                self.lengths_longest_first[key[0]] = tuple(sorted(lengths, reverse=True))

    def add_entry(self, entry: ActorEntry, rank: int) -> None:
        """Add an actor; an id already present keeps its name, code and roles, gains aliases."""
        old = self.entries.get(entry.id)
        if old is not None:
            merged = ActorEntry(
                old.id, old.name, old.code,
                tuple(dict.fromkeys(old.aliases + entry.aliases)),
                tuple(dict.fromkeys(old.short + entry.short)),
                old.roles or entry.roles, old.kind, old.source,
                old.organisations or entry.organisations)
            self.entries[entry.id] = merged
        else:
            self.entries[entry.id] = entry
        # imported entries filed under a bare country code are the country itself
        kind = "country" if entry.kind == "country" or entry.id in self.country_names else "actor"
        for alias in (entry.name, *entry.aliases):
            self._add_phrase(alias, Target(kind, entry.id, rank))
            self._add_skeleton(alias, entry.id)
        for alias in entry.short:
            self._add_phrase(alias, Target("short", entry.id, rank))
            self._add_skeleton(alias, entry.id)

    def _add_skeleton(self, alias: str, entry_id: str) -> None:
        key = skeleton(alias)
        if key:
            bucket = self.skeletons.setdefault(key, [])
            if len(bucket) < 8 and (alias, entry_id) not in bucket:
                bucket.append((alias, entry_id))

    def add_agent(self, phrase: str, code: str, plural: str | None = None) -> None:
        if code.endswith("~"):
            # PETRARCH's "[IGO~]" agents carry a primary code, not a sector; a sector table
            # cannot hold them ("Bangladeshi peacekeeping troops" are not "BGD IGO")
            return
        sector = code[:3].upper()
        if not phrase.strip():
            return
        words = fold_words(phrase)
        if not words:
            return
        forms = [tuple(w.lower() for w in words)]
        plural_words = fold_words(plural) if plural else []
        if plural_words:
            forms.append(tuple(w.lower() for w in plural_words))
        elif plural is None:
            forms += [tuple(w.lower() for w in words[:-1]) + (p,) for p in _plurals(words[-1])]
        for form in forms:
            self.agents.setdefault(form, sector)
            self.agent_last_words.add(form[-1])

    def add_office(self, office: Office) -> None:
        bucket = self.offices.setdefault((office.country, office.office), [])
        bucket.append(office)
        bucket.sort(key=lambda o: o.start or dt.date.min)
        self.offices_of.setdefault(office.entry_id, []).append(office)

    # -- lookups --------------------------------------------------------------------------
    def lookup(self, words: Sequence[str]) -> list[Target]:
        return self.phrases.get(tuple(words), [])

    def office_holder(self, country: str, office: str, date: dt.date | None) -> str | None:
        """Entry id of who held ``office`` of ``country`` on ``date`` (None when unknown or
        when no date is given: an office alone does not name a person)."""
        if date is None:
            return None
        holders = [o.entry_id for o in self.offices.get((country, office), ()) if o.covers(date)]
        return holders[-1] if len(set(holders)) == 1 else None

    def candidates(self, name: str, date: dt.date | None = None) -> list[str]:
        """Every entry id a whole name can mean (names, aliases and short forms; countries too),
        those holding an office or role on ``date`` first. More than one id means the name is
        ambiguous: the caller should decide from context or keep the name apart.

        Matching is whole-name only: no fuzzy step, so "Hollande" never means the Netherlands.

        >>> kb = load_knowledge_base(kb_dir="/nonexistent")
        >>> kb.candidates("Cameron")
        ['DAVID_CAMERON']
        >>> kb.candidates("Syrian Democratic Forces")
        ['SDF']
        """
        from faultlines.actors.normalize import strip_titles

        found: list[str] = []
        for text in dict.fromkeys((name, strip_titles(name))):
            words = tuple(fold_words(text))
            if words[:1] in (("the",), ("THE",)) and len(words) > 1:
                words = words[1:]
            for target in self.phrases.get(words, ()):
                if target.kind in ("actor", "short", "country") and target.ref not in found:
                    found.append(target.ref)
            if found:
                break
        if date is not None and len(found) > 1:
            found.sort(key=lambda ref: not self.active_on(ref, date))
        return found

    def active_on(self, entry_id: str, date: dt.date) -> bool:
        """Whether the entry holds a dated office or role on ``date``."""
        if any(o.covers(date) for o in self.offices_of.get(entry_id, ())):
            return True
        entry = self.entries.get(entry_id)
        return bool(entry and any(r.start is not None and r.covers(date) for r in entry.roles))

    def name_of(self, ref: str) -> str:
        if ref in self.entries:
            return self.entries[ref].name
        if ref in self.country_names:
            return self.country_names[ref]
        if ref in self.group_names:
            return self.group_names[ref][0]
        return ref


def default_kb_dir() -> Path:
    """Folder of user knowledge-base files: ``$FAULTLINES_KB_DIR``, else
    ``$XDG_DATA_HOME/faultlines/kb`` (``~/.local/share/faultlines/kb``)."""
    env = os.environ.get("FAULTLINES_KB_DIR")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "faultlines" / "kb"


def _load_countries(kb: KnowledgeBase) -> None:
    import pycountry

    extra: dict[str, tuple[list[str], list[str], list[str]]] = {}
    for number, line in enumerate(_read_data("countries.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + ["", "", "", ""])[:5]
        iso, name_cell, demonym_cell, capital_cell, cities = cols
        if len(iso) != 3:
            raise DictionaryError(f"countries.tsv:{number}: {iso!r} is not an alpha-3 code")
        extra[iso] = ([n for n in name_cell.split("|") if n],
                      [d for d in demonym_cell.split("|") if d],
                      [c for c in capital_cell.split("|") if c])
        for city in cities.split("|"):
            if city:
                kb._add_phrase(city, Target("city", iso))
    names_by_iso: dict[str, list[str]] = {}
    for country in pycountry.countries:
        official = [getattr(country, "common_name", None), country.name,
                    getattr(country, "official_name", None)]
        names_by_iso[country.alpha_3] = [n for n in official if n]
    for iso, (names, _, _) in extra.items():
        names_by_iso.setdefault(iso, [])
        names_by_iso[iso] = names[:1] + names_by_iso[iso] + names[1:]
    for iso, names in names_by_iso.items():
        display = names[0]
        kb.country_names[iso] = display
        kb.add_entry(ActorEntry(iso, display, iso, tuple(names[1:]), kind="country"), 0)
    for iso, (_, demonyms, capitals) in extra.items():
        for demonym in demonyms:
            kb._add_phrase(demonym, Target("demonym", iso))
        for capital in capitals:
            kb._add_phrase(capital, Target("capital", iso))


def _load_groups_and_sectors(kb: KnowledgeBase) -> None:
    for _, code, _, words in _SECTOR_ROWS:
        for word in words.split("|"):
            if word:
                # the table lists plurals itself; generated ones would add noise ("presses")
                kb.add_agent(word, code, plural="")
    for number, line in enumerate(_read_data("groups.tsv").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 5:
            raise DictionaryError(f"groups.tsv:{number}: expected 5 tab-separated columns")
        gid, name, sector, words, homes = cols
        kb.group_names[gid] = (name, sector)
        kb.group_homes[gid] = tuple(h for h in homes.split("|") if h)
        for word in words.split("|"):
            if word:
                kb._add_phrase(word, Target("group", gid))


def _load_actor_lines(kb: KnowledgeBase, text: str, source: str, rank: int) -> None:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{'actors.jsonl' if source == 'packaged' else source}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DictionaryError(f"{where}: not a JSON object ({exc.msg})") from exc
        kb.add_entry(entry_from_json(row, source, where), rank)


def _world_date(value: str, where: str, end: bool) -> dt.date | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; a partial end date is the last day it covers."""
    value = value.strip()
    if not value:
        return None
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            if not end:
                return dt.date(year, month, 1)
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        if len(parts) == 1:
            return dt.date(int(parts[0]), 12, 31) if end else dt.date(int(parts[0]), 1, 1)
    except ValueError:
        pass
    raise DictionaryError(f"{where}: date {value!r} is not YYYY-MM-DD, YYYY-MM or YYYY")


def _entry_id_of(name: str) -> str:
    from faultlines.actors.normalize import slugify

    return slugify(name).upper().replace("-", "_")


def _default_short(name: str) -> tuple[str, ...]:
    words = name.split()
    if len(words) < 2:
        return ()
    last = words[-1]
    if last.rstrip(".").lower() in ("jr", "sr", "ii", "iii"):
        return ()
    return (last,)


def _load_world_people(kb: KnowledgeBase, name: str, text: str) -> None:
    """Office lines of ``world/people_*.tsv`` (one file, or several joined with
    :func:`_join_files`): lines of one person merge into one entry."""
    by_name: dict[str, dict] = {}
    existing: dict[str, str] = {}
    for entry in kb.entries.values():
        if entry.kind == "person":
            for alias in (entry.name, *entry.aliases):
                existing.setdefault(" ".join(fold_words(alias)).lower(), entry.id)
    for where, cols in _world_rows(name, text, ("code", "office", "start", "end", "names",
                                                 "short")):
        code, office, start, end, names, short = cols
        if office not in OFFICES:
            raise DictionaryError(f"{where}: office {office!r} is not one of "
                                  f"{', '.join(OFFICES)}")
        aliases = [n.strip() for n in names.split("|") if n.strip()]
        if not aliases:
            raise DictionaryError(f"{where}: no name")
        role_code = code if len(code) > 3 else code + OFFICES[office]
        person = by_name.setdefault(aliases[0], {"aliases": [], "short": [], "roles": [],
                                                 "offices": []})
        person["aliases"] += [a for a in aliases[1:] if a not in person["aliases"]]
        shorts = [] if short.strip() == "-" else (
            [s.strip() for s in short.split("|") if s.strip()] or list(_default_short(aliases[0])))
        person["short"] += [s for s in shorts if s not in person["short"]]
        role = Role(role_code, _world_date(start, where, False), _world_date(end, where, True))
        person["roles"].append(role)
        person["offices"].append((code, office, role.start, role.end))
    for display, person in by_name.items():
        entry_id = next((existing[k] for k in (" ".join(fold_words(a)).lower()
                                               for a in (display, *person["aliases"]))
                         if k in existing), None) or _entry_id_of(display)
        roles = tuple(sorted(person["roles"], key=lambda r: r.start or dt.date.min))
        kb.add_entry(ActorEntry(entry_id, display, roles[-1].code, tuple(person["aliases"]),
                                tuple(person["short"]), roles, kind="person", source="packaged"),
                     0)
        for code, office, start, end in person["offices"]:
            kb.add_office(Office(code, office, entry_id, start, end))


def _world_rows(name: str, text: str, columns: tuple[str, ...]
                ) -> Iterator[tuple[str, list[str]]]:
    """``(FILE:LINE, cells)`` of each data line of a ``world/*.tsv`` text (comments and blank
    lines skipped; a ``#file NAME`` line starts a joined file's own numbering); a line without
    exactly ``columns`` cells is a DictionaryError naming its file and line.

    >>> list(_world_rows("a.tsv", "# c\\nX\\tY\\n", ("id", "code")))
    [('a.tsv:2', ['X', 'Y'])]
    """
    number_base = 0
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#file "):
            name, number_base = line[6:], number
            continue
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{name}:{number - number_base}"
        cols = line.split("\t")
        if len(cols) != len(columns):
            raise DictionaryError(f"{where}: expected {len(columns)} tab-separated columns "
                                  f"({', '.join(columns)}), got {len(cols)}")
        yield where, cols


def _load_world_orgs(kb: KnowledgeBase, name: str, text: str) -> None:
    for where, cols in _world_rows(name, text, ("id", "code", "names", "note")):
        entry_id, code, names, _ = cols
        aliases = [n.strip() for n in names.split("|") if n.strip()]
        if not entry_id or not aliases:
            raise DictionaryError(f"{where}: an organisation needs an id and a name")
        kb.add_entry(ActorEntry(entry_id, aliases[0], code, tuple(aliases[1:]),
                                ), 0)


def _load_world(kb: KnowledgeBase) -> None:
    people = []
    for name in _world_files():
        text = _read_data(name)
        if name.startswith("world/people"):
            people.append(f"#file {name}\n{text}")
        else:
            _load_world_orgs(kb, name, text)
    # one pass over every people file, so that one person's offices in two files merge
    _load_world_people(kb, "world/people", "\n".join(people))


def _load_user_file(kb: KnowledgeBase, path: Path, rank: int) -> None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DictionaryError(
            f"{path}: cannot read this knowledge-base file ({exc}); re-create it with "
            f"`faultlines actors import` or remove it") from exc
    if not isinstance(data, dict) or data.get("format") != "faultlines-kb":
        raise DictionaryError(f"{path}: not a faultlines knowledge-base file (no "
                              f"'format': 'faultlines-kb'); remove it from the KB folder")
    for i, row in enumerate(data.get("actors", ())):
        kb.add_entry(entry_from_json(row, str(path), f"{path}: actor {i}"), rank)
    for row in data.get("agents", ()):
        kb.add_agent(row["phrase"], row["code"], row.get("plural"))


def _kb_files(kb_dir: Path | None, extra: Iterable[str | Path]) -> tuple[Path, ...]:
    files: list[Path] = []
    folder = kb_dir if kb_dir is not None else default_kb_dir()
    if folder.is_dir():
        files += sorted(folder.glob("*.json"))
    files += [Path(p) for p in extra]
    return tuple(files)


def _build_kb(files: tuple[Path, ...]) -> KnowledgeBase:
    kb = KnowledgeBase()
    _load_groups_and_sectors(kb)
    _load_countries(kb)
    _load_actor_lines(kb, _read_data("actors.jsonl"), "packaged", 0)
    _load_world(kb)
    for rank, path in enumerate(files, 1):
        _load_user_file(kb, path, rank)
    kb.sources = ("packaged", *(str(p) for p in files))
    return kb


def cache_dir() -> Path | None:
    """Folder of compiled knowledge bases: ``$FAULTLINES_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/faultlines`` (``~/.cache/faultlines``); None when ``FAULTLINES_CACHE_DIR``
    is set to an empty string (no disk cache)."""
    env = os.environ.get("FAULTLINES_CACHE_DIR")
    if env is not None:
        return Path(env).expanduser() if env else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "faultlines"


def _cache_key(files: tuple[Path, ...]) -> str:
    """Hash of everything the compiled tables depend on: the packaged data files, the user KB
    files' content, the code that builds the tables and the cache format."""
    import pycountry

    from faultlines.actors import kb_cache, normalize

    digest = hashlib.sha256(f"{kb_cache.FORMAT}|{pycountry.__file__}".encode())
    for module in (__file__, normalize.__file__, kb_cache.__file__):
        digest.update(Path(module).read_bytes())
    for name in ("actors.jsonl", "countries.tsv", "groups.tsv", "sectors.tsv", *_world_files()):
        digest.update(name.encode())
        digest.update(_read_data(name).encode("utf-8"))
    for path in files:
        digest.update(str(path.resolve()).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:24]


@functools.lru_cache(maxsize=4)
def _cached_kb(files: tuple[Path, ...], stamps: tuple[float, ...]) -> KnowledgeBase:
    """The knowledge base of ``files``, from the disk cache when it is there (``stamps`` only
    key this per-process cache: a user file that changes is read again)."""
    from faultlines.actors.kb_cache import read_compiled, write_compiled

    folder = cache_dir()
    target = folder / f"kb-{_cache_key(files)}.json" if folder is not None else None
    if target is not None:
        kb = read_compiled(target)
        if kb is not None:
            return kb
    kb = _build_kb(files)
    if target is not None:
        try:
            write_compiled(kb, target)
            _prune_cache(target.parent)
        except OSError:
            pass  # a read-only home only costs the rebuild next time
    return kb


def _prune_cache(folder: Path, keep: int = 6) -> None:
    """Drop all but the ``keep`` most recently written compiled knowledge bases, and the pickle
    files of earlier versions (never read: a pickle can run code)."""
    files = sorted(folder.glob("kb-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [*files[keep:], *folder.glob("kb-*.pickle")]:
        try:
            old.unlink()
        except OSError:
            pass


def load_knowledge_base(kb_dir: str | Path | None = None,
                        extra_kb_paths: Iterable[str | Path] = ()) -> KnowledgeBase:
    """Packaged knowledge base plus every ``*.json`` file in the user KB folder and any extra
    files. Cached per process (keyed by file modification times)."""
    files = _kb_files(Path(kb_dir).expanduser() if kb_dir is not None else None, extra_kb_paths)
    for path in files:
        if not path.is_file():
            raise DictionaryError(f"{path}: knowledge-base file not found; check the path "
                                  f"or run `faultlines actors import` first")
    stamps = tuple(p.stat().st_mtime for p in files)
    return _cached_kb(files, stamps)
