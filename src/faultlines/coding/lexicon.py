"""The event lexicon: which words trigger which PLOVER category, and the coder's cue words.

The lexicon is a TSV file written for faultlines (``coding/data/lexicon.tsv``); its format is
described in the file's header and in ``docs/coding.md``. Lookups are precompiled into dicts once
per process so coding a sentence costs one dict probe per token.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path

from faultlines.errors import DictionaryError
from faultlines.types import EVENT_TYPES

__all__ = [
    "DEFAULT_INTENSITY",
    "Cue",
    "LexiconEntry",
    "Lexicon",
    "load_lexicon",
    "default_lexicon",
]

#: Magnitude (0..10, Goldstein-like) used when a lexicon row leaves intensity as ``-``.
DEFAULT_INTENSITY: dict[str, float] = {
    "AGREE": 3.0, "CONSULT": 2.5, "SUPPORT": 3.5, "CONCEDE": 5.0, "COOPERATE": 5.0, "AID": 6.0,
    "RETREAT": 6.0, "REQUEST": 4.0, "ACCUSE": 3.0, "REJECT": 4.0,
    "THREATEN": 5.0, "SANCTION": 5.5, "PROTEST": 5.0, "MOBILIZE": 6.0,
    "COERCE": 6.5, "ASSAULT": 8.5,
}

_POS = frozenset({"VERB", "NOUN", "ADJ"})


class Cue(StrEnum):
    """The cue classes of ``coding/data/cues.tsv`` (documented in the file's header).

    Rules name a class as a member (``Cue.SPEECH``), so a misspelt class is an
    ``AttributeError`` where it is written, never a silent "not a cue".

    >>> Cue("speech") is Cue.SPEECH
    True
    """

    SPEECH = "speech"
    LIGHT = "light"
    INTENT = "intent"
    TRANSPARENT = "transparent"
    NEGATING = "negating"
    ADVOCATING = "advocating"
    STATIVE = "stative"
    RECEIVING = "receiving"
    AGENT = "agent"
    ABSTRACT = "abstract"
    MOTION = "motion"
    ENDING = "ending"
    ATTITUDE = "attitude"
    PERSON = "person"
    MISSION = "mission"
    EXPECTING = "expecting"
    DEPENDENT = "dependent"
    PERCEPTION = "perception"
    SIDE = "side"
    REFUSING = "refusing"
    OPINION = "opinion"


_CUE_CLASSES = frozenset(c.value for c in Cue)
# Agent words of the actors stage's sector table are read (not imported: coding must not depend
# on the actors code) so that a noun the actors stage would call an agent can be one here too.
_SECTOR_TABLE = ("actors", "data", "sectors.tsv")
# Sector words that are usually not agents when they head a phrase ("shared intelligence",
# "a sectarian division").
_NOT_PERSON = frozenset({"intelligence", "division", "press", "displaced", "industry"})


@dataclass(frozen=True)
class LexiconEntry:
    """One lexicon row: a word (or compound noun) that triggers an event category."""

    lemma: str
    pos: str
    category: str
    intensity: float
    prep: str | None = None
    objects: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        """Rows with an object constraint beat rows with a preposition, which beat bare rows."""
        return 2 * bool(self.objects) + bool(self.prep)


@dataclass(frozen=True)
class Lexicon:
    """Precompiled lookups: ``(lemma, pos) -> entries`` (most specific first) and cue sets."""

    entries: dict[tuple[str, str], tuple[LexiconEntry, ...]]
    compounds: dict[tuple[str, str], LexiconEntry]  # (modifier, head) for multi-word nouns
    cues: dict[Cue, frozenset[str]]

    def lookup(self, lemma: str, pos: str) -> tuple[LexiconEntry, ...]:
        """Entries for a lemma and coarse part of speech (``VERB``, ``NOUN`` or ``ADJ``)."""
        return self.entries.get((lemma, pos), ())

    def compound(self, modifier: str, head: str) -> LexiconEntry | None:
        """The entry of a two-word noun such as ``hunger strike``, if any."""
        return self.compounds.get((modifier, head))

    def is_cue(self, cls: Cue | str, lemma: str) -> bool:
        """Whether ``lemma`` belongs to cue class ``cls`` (see ``coding/data/cues.tsv``).

        An unknown class raises ``KeyError``: there is no such list to be absent from.

        >>> default_lexicon().is_cue(Cue.SPEECH, "say")
        True
        """
        return lemma in self.cues[cls]  # type: ignore[index]  # a str equal to a member works


def _rows(text: str, name: str) -> Iterable[tuple[int, list[str]]]:
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield number, line.split("\t")


def _parse_lexicon(text: str, name: str) -> list[LexiconEntry]:
    entries: list[LexiconEntry] = []
    for number, cols in _rows(text, name):
        if len(cols) != 6:
            raise DictionaryError(
                f"{name}:{number}: expected 6 tab-separated columns (lemma, pos, category, "
                f"intensity, prep, object), found {len(cols)}: {cols!r}")
        lemma, pos, category, intensity, prep, objects = (c.strip() for c in cols)
        if pos not in _POS:
            raise DictionaryError(
                f"{name}:{number}: part of speech {pos!r} is not one of {sorted(_POS)}")
        if category not in EVENT_TYPES:
            raise DictionaryError(
                f"{name}:{number}: category {category!r} is not a PLOVER category; use one of "
                f"{', '.join(EVENT_TYPES)}")
        try:
            value = DEFAULT_INTENSITY[category] if intensity == "-" else float(intensity)
        except ValueError as exc:
            raise DictionaryError(
                f"{name}:{number}: intensity {intensity!r} is not a number (or '-')") from exc
        if not 0.0 <= value <= 10.0:
            raise DictionaryError(f"{name}:{number}: intensity {value} is outside 0..10")
        entries.append(LexiconEntry(
            lemma=lemma.lower(), pos=pos, category=category, intensity=value,
            prep=None if prep == "-" else prep.lower(),
            objects=frozenset() if objects == "-" else frozenset(objects.lower().split("|")),
        ))
    return entries


def _parse_cues(text: str, name: str) -> dict[Cue, frozenset[str]]:
    cues: dict[Cue, set[str]] = {c: set() for c in Cue}
    for number, cols in _rows(text, name):
        if len(cols) != 2 or cols[0] not in _CUE_CLASSES:
            raise DictionaryError(
                f"{name}:{number}: expected 'class<TAB>lemma' with class one of "
                f"{sorted(_CUE_CLASSES)}, found {cols!r}")
        cues[Cue(cols[0])].add(cols[1].strip().lower())
    return {c: frozenset(v) for c, v in cues.items()}


def _sector_nouns() -> frozenset[str]:
    """Head nouns of the actors stage's agent words (``actors/data/sectors.tsv``, column 3)."""
    path = resources.files("faultlines").joinpath(*_SECTOR_TABLE)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:  # coding still works without the actors stage's table
        return frozenset()
    words: set[str] = set()
    for _, cols in _rows(text, "sectors.tsv"):
        if len(cols) >= 3:
            words.update(w.split()[-1].lower() for w in cols[2].split("|") if w.strip())
    return frozenset(words - _NOT_PERSON)


def _with_person_nouns(cues: dict[Cue, frozenset[str]]) -> dict[Cue, frozenset[str]]:
    """``person`` cues: own list, the agent cues and the actors stage's agent words."""
    return {**cues, Cue.PERSON: cues[Cue.PERSON] | cues[Cue.AGENT] | _sector_nouns()}


def load_lexicon(lexicon_path: str | Path, cues_path: str | Path) -> Lexicon:
    """Read and precompile a lexicon TSV and a cue TSV.

    Raises
    ------
    DictionaryError
        When a row is malformed; the message names file, line and the bad value.
    """
    lexicon_path, cues_path = Path(lexicon_path), Path(cues_path)
    try:
        lex_text = lexicon_path.read_text(encoding="utf-8")
        cue_text = cues_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DictionaryError(f"cannot read event lexicon: {exc}") from exc
    return _compile(_parse_lexicon(lex_text, str(lexicon_path)),
                    _with_person_nouns(_parse_cues(cue_text, str(cues_path))))


def _compile(rows: list[LexiconEntry], cues: dict[Cue, frozenset[str]]) -> Lexicon:
    single: dict[tuple[str, str], list[LexiconEntry]] = {}
    compounds: dict[tuple[str, str], LexiconEntry] = {}
    for row in rows:
        words = row.lemma.split()
        if len(words) == 2 and row.pos == "NOUN":
            compounds[(words[0], words[1])] = row
        elif len(words) == 1:
            single.setdefault((row.lemma, row.pos), []).append(row)
        else:
            raise DictionaryError(
                f"lexicon lemma {row.lemma!r}: only single words and two-word nouns are supported")
    entries = {k: tuple(sorted(v, key=lambda e: -e.specificity)) for k, v in single.items()}
    return Lexicon(entries=entries, compounds=compounds, cues=cues)


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The packaged lexicon (``coding/data/lexicon.tsv`` and ``cues.tsv``), built once."""
    data = resources.files("faultlines.coding") / "data"
    lex = data / "lexicon.tsv"
    cue = data / "cues.tsv"
    return _compile(_parse_lexicon(lex.read_text(encoding="utf-8"), str(lex)),
                    _with_person_nouns(_parse_cues(cue.read_text(encoding="utf-8"), str(cue))))
