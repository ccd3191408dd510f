"""The resolver's word lists and titles, read from ``actors/data/resolver_words.tsv`` and
``actors/data/titles.tsv`` and checked on load.

Each list is a named row of ``resolver_words.tsv``; the names are the members of
:class:`WordList`, so a list the code reads but the file lacks (or a list the file has but no
code reads) stops the resolver at start-up with the file and line, not at the first document.

>>> words = resolver_words()
>>> "backed" in words[WordList.NOT_OWNER], words.titles[("prime", "minister")]
(True, 'GOV')
>>> parse_word_lists("not_owner\\tbacked|Led\\n", "lists.tsv")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
faultlines.errors.DictionaryError: lists.tsv:1: 'Led' is not lower case; ...
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from faultlines.actors.titles import TITLES_FILE, parse_title_table, title_table
from faultlines.errors import DictionaryError

__all__ = ["WordList", "ResolverWords", "parse_word_lists", "parse_titles", "resolver_words"]

_LISTS_FILE = "resolver_words.tsv"


class WordList(enum.Enum):
    """The named word lists of ``resolver_words.tsv`` (a misspelt name fails at import)."""

    NOT_OWNER = "not_owner"
    STATE_PREPS = "state_preps"
    PLACE_PREPS = "place_preps"
    SUBJECT_PRONOUNS = "subject_pronouns"
    MOTION_VERBS = "motion_verbs"
    DIRECTION_PREPS = "direction_preps"
    DISPATCH_VERBS = "dispatch_verbs"
    MEMBER_WORDS = "member_words"
    INSTITUTIONS = "institutions"
    LEADER_WORDS = "leader_words"
    FORMER = "former"
    ACTION_NOUNS = "action_nouns"
    UNDERGONE = "undergone"
    AGENT_CARRIERS = "agent_carriers"
    FACTION_WORDS = "faction_words"
    MEMBERSHIP_PREPS = "membership_preps"
    ORIGIN_PREPS = "origin_preps"
    PAIR_WORDS = "pair_words"
    FACILITY_WORDS = "facility_words"
    OPERATION_WORDS = "operation_words"
    NAME_JOINERS = "name_joiners"
    GENERIC_CAPITALISED = "generic_capitalised"


@dataclass(frozen=True)
class ResolverWords:
    """Every word list (by :class:`WordList`) and the title table.

    ``titles`` maps a title's words to the sector it signals (None: no sector, "Mr").
    """

    lists: Mapping[WordList, frozenset[str]]
    titles: Mapping[tuple[str, ...], str | None]

    def __getitem__(self, name: WordList) -> frozenset[str]:
        return self.lists[name]

    @property
    def title_words(self) -> frozenset[str]:
        """Every word any title is made of ("prime", "minister", "gen", ...)."""
        return frozenset(w for key in self.titles for w in key)


def _rows(text: str, source: str, columns: int) -> list[tuple[int, list[str]]]:
    """Numbered rows of a TSV text, comments and blank lines skipped, column count checked."""
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != columns:
            raise DictionaryError(f"{source}:{number}: expected {columns} tab-separated columns, "
                                  f"found {len(cols)}")
        rows.append((number, cols))
    return rows


def _check_word(word: str, source: str, number: int) -> None:
    if not word or word != word.strip():
        raise DictionaryError(f"{source}:{number}: an empty word or one with spaces around it; "
                              f"separate words with a single |")
    if word != word.lower():
        raise DictionaryError(f"{source}:{number}: {word!r} is not lower case; write the words "
                              f"of a list in lower case")


def parse_word_lists(text: str, source: str = _LISTS_FILE) -> dict[WordList, frozenset[str]]:
    """Word lists from ``list<TAB>word|word|...`` rows; each name known and given once.

    Missing lists are not an error here (see :func:`resolver_words`), so a test can parse one row.

    >>> parse_word_lists("former\\tformer|ex\\n")[WordList.FORMER] == {"former", "ex"}
    True
    """
    lists: dict[WordList, frozenset[str]] = {}
    for number, (name, words) in _rows(text, source, 2):
        try:
            key = WordList(name)
        except ValueError:
            raise DictionaryError(f"{source}:{number}: unknown list {name!r}; the lists are "
                                  f"{', '.join(w.value for w in WordList)}") from None
        if key in lists:
            raise DictionaryError(f"{source}:{number}: list {name!r} is given twice; merge the "
                                  f"rows")
        parts = words.split("|")
        for word in parts:
            _check_word(word, source, number)
        if len(set(parts)) != len(parts):
            raise DictionaryError(f"{source}:{number}: list {name!r} repeats a word")
        lists[key] = frozenset(parts)
    return lists


def parse_titles(text: str, source: str = TITLES_FILE) -> dict[tuple[str, ...], str | None]:
    """Titles before a name and their sectors (``None``: no sector) from the title table's rows
    that have a sector column (see :mod:`faultlines.actors.titles`), in file order.

    >>> parse_titles("prime minister\\tGOV\\nmr\\t-\\npentagon chief\\t\\tUSA\\tDM\\n")
    {('prime', 'minister'): 'GOV', ('mr',): None}
    """
    return {tuple(variant.split(" ")): row.sector
            for row in parse_title_table(text, source) if row.before_name
            for variant in row.variants}


def _read(name: str) -> str:
    return resources.files("faultlines.actors").joinpath("data", name).read_text("utf-8")


@functools.cache
def resolver_words() -> ResolverWords:
    """The packaged word lists and titles (read and checked once per process)."""
    lists = parse_word_lists(_read(_LISTS_FILE))
    missing = [w.value for w in WordList if w not in lists]
    if missing:
        raise DictionaryError(f"{_LISTS_FILE}: lists missing: {', '.join(missing)}; add a row "
                              f"for each")
    titles = {tuple(variant.split(" ")): row.sector
              for row in title_table() if row.before_name for variant in row.variants}
    return ResolverWords(MappingProxyType(lists), MappingProxyType(titles))
