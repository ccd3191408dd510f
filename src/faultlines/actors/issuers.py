"""Who "we" is: a document's ``source`` mapped to the actor that wrote it.

A statement of the UK Foreign Office saying "We condemn the attack" has the Foreign Office as
its actor. :func:`issuer_of` looks the document's ``source`` (an outlet or issuer name, or a web
address) up in the packaged issuer table ``data/issuers.tsv`` and in an optional user mapping
file; :func:`in_author_voice` tells whether a "we"/"our" at a character offset is the author's
(outside quotation marks) rather than a quoted speaker's.

User mapping file: tab-separated ``source names (|)`` and ``actor`` (a knowledge-base id or a
country+sector code such as ``NORGOV``), ``#`` comments; pass its path, or set
``$FAULTLINES_ISSUERS``. User rows win over packaged ones.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from faultlines.actors.evidence import country_of_word
from faultlines.actors.kb import KnowledgeBase, split_code
from faultlines.actors.normalize import fold_words
from faultlines.errors import DictionaryError

__all__ = ["Issuer", "issuer_table", "issuer_of", "state_body_issuer", "in_author_voice",
           "FIRST_PERSON"]

#: First-person plural words that speak for the author.
FIRST_PERSON: frozenset[str] = frozenset({"we", "us", "our", "ours", "ourselves"})


@dataclass(frozen=True)
class Issuer:
    """The actor a source stands for: ``entry_id`` (a KB id, or None for a bare code) and its
    ``country`` and ``sector``; ``name`` for display."""

    entry_id: str | None
    name: str
    country: str | None
    sector: str | None


def _source_keys(text: str) -> list[tuple[str, ...]]:
    """Keys a source is found under: its words, and for a web address its host and path."""
    text = text.strip()
    keys: list[tuple[str, ...]] = []
    address = re.sub(r"^[a-z]+://", "", text.lower()).removeprefix("www.").rstrip("/")
    if "." in address and " " not in address:
        keys.append(("@" + address,))
        host = address.split("/")[0]
        keys.append(("@" + host,))
        parts = host.split(".")
        for i in range(1, len(parts) - 1):
            keys.append(("@" + ".".join(parts[i:]),))
    words = tuple(w.lower() for w in fold_words(text))
    if words:
        keys.append(words)
        if words[0] == "the" and len(words) > 1:
            keys.append(words[1:])
    return keys


def _read_rows(text: str, where: str) -> dict[tuple[str, ...], str]:
    table: dict[tuple[str, ...], str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) != 2 or not cols[1].strip():
            raise DictionaryError(f"{where}:{number}: expected 2 tab-separated columns "
                                  f"(source names, actor id or code)")
        for name in cols[0].split("|"):
            if not name.strip():
                continue
            for key in _source_keys(name)[:1] if "." in name and " " not in name \
                    else _source_keys(name):
                table.setdefault(key, cols[1].strip())
    return table


@functools.lru_cache(maxsize=8)
def _cached_table(user: str | None, stamp: float | None) -> dict[tuple[str, ...], str]:
    text = resources.files("faultlines.actors").joinpath("data").joinpath(
        "issuers.tsv").read_text("utf-8")
    table = _read_rows(text, "issuers.tsv")
    if user:
        try:
            user_text = Path(user).read_text("utf-8")
        except OSError as exc:
            raise DictionaryError(f"{user}: cannot read the issuer mapping file "
                                  f"({exc.strerror}); check --issuers or FAULTLINES_ISSUERS"
                                  ) from exc
        table = {**table, **_read_rows(user_text, user)}
    return table


def issuer_table(user_file: str | Path | None = None) -> dict[tuple[str, ...], str]:
    """Source key -> actor (KB id or code): the packaged table plus the user mapping file
    (``user_file``, else ``$FAULTLINES_ISSUERS``)."""
    path = str(user_file) if user_file else os.environ.get("FAULTLINES_ISSUERS") or None
    stamp = Path(path).stat().st_mtime if path and Path(path).exists() else None
    return _cached_table(path, stamp)


def issuer_of(source: str | None, kb: KnowledgeBase,
              user_file: str | Path | None = None) -> Issuer | None:
    """The actor a document's ``source`` stands for, or None for an outlet or an unknown source.

    >>> from faultlines.actors.kb import load_knowledge_base
    >>> kb = load_knowledge_base(kb_dir="/nonexistent-faultlines-kb")
    >>> issuer_of("UK Foreign Office", kb).entry_id
    'UK_FCDO'
    >>> issuer_of("https://www.state.gov/briefings/", kb).country
    'USA'
    >>> issuer_of("Kremlin", kb)
    Issuer(entry_id=None, name='Russia government', country='RUS', sector='GOV')
    >>> issuer_of("Reuters", kb) is None
    True
    """
    if not source or not source.strip():
        return None
    table = issuer_table(user_file)
    for key in _source_keys(source):
        actor = table.get(key)
        if actor is None:
            continue
        if actor in kb.entries:
            entry = kb.entries[actor]
            country, sector = split_code(entry.code)
            return Issuer(entry.id, entry.name, country, sector)
        country, sector = split_code(actor)
        if country is None or (country not in kb.country_names
                               and country not in ("IGO", "NGO", "IMG")):
            raise DictionaryError(f"issuer table: {actor!r} (for {source!r}) is neither a "
                                  f"knowledge-base id nor a country+sector code such as NORGOV")
        label = kb.country_names.get(country, country)
        noun = _SECTOR_NOUNS.get(sector or "", (sector or "").lower())
        return Issuer(None, f"{label} {noun}".strip(), country, sector)
    return state_body_issuer(source, kb)


#: Words that make a source a body of a state, and the sector it speaks for.
_STATE_BODIES: dict[str, str] = {
    "ministry": "GOV", "government": "GOV", "embassy": "GOV", "presidency": "GOV",
    "cabinet": "GOV", "chancellery": "GOV",
    "army": "MIL", "military": "MIL", "navy": "MIL", "forces": "MIL", "parliament": "LEG",
}


def state_body_issuer(source: str, kb: KnowledgeBase) -> Issuer | None:
    """A source no table lists that names a body of one state ("Ministry of Foreign Affairs of
    Japan", "Kenyan Ministry of Defence", "Government of Ghana"): that state's sector.

    >>> from faultlines.actors.kb import load_knowledge_base
    >>> kb = load_knowledge_base(kb_dir="/nonexistent-faultlines-kb")
    >>> state_body_issuer("Ministry of Foreign Affairs of Japan", kb)
    Issuer(entry_id=None, name='Japan government', country='JPN', sector='GOV')
    >>> state_body_issuer("Ministry of Foreign Affairs", kb) is None
    True
    """
    words = re.findall(r"[\w.'\u2019-]+", source)
    sector = next((_STATE_BODIES[w.lower()] for w in words if w.lower() in _STATE_BODIES), None)
    if sector is None:
        return None
    found = {c for c in (country_of_word(" ".join(words[i:i + n]), kb)
                         for n in (3, 2, 1) for i in range(len(words) - n + 1)
                         if words[i][:1].isupper()) if c}
    countries = {code for code, _ in found}
    if len(countries) != 1:
        return None  # no state named, or several ("EU-Japan mission")
    country = countries.pop()
    label = kb.country_names.get(country, country)
    return Issuer(None, f"{label} {_SECTOR_NOUNS.get(sector, sector.lower())}", country, sector)


_SECTOR_NOUNS = {"GOV": "government", "MIL": "military", "LEG": "legislature",
                 "SPY": "intelligence"}
_QUOTES = re.compile(r"[\"\u201c\u201d\u00ab\u00bb]")


def in_author_voice(text: str, offset: int) -> bool:
    """Whether the word at ``offset`` of ``text`` is outside quotation marks (the author's
    voice) rather than inside a quoted speaker's words.

    >>> s = 'We condemn the attack. "We will respond," the commander said.'
    >>> in_author_voice(s, 0), in_author_voice(s, s.index("We will"))
    (True, False)
    """
    opened = False
    for match in _QUOTES.finditer(text, 0, offset):
        char = match.group(0)
        if char in "\u201c\u00ab":
            opened = True
        elif char in "\u201d\u00bb":
            opened = False
        else:
            opened = not opened
    return not opened
