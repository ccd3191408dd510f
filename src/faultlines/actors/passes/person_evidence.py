"""Country evidence for an unknown person, read from the words around the name.

The decisions are :mod:`faultlines.actors.evidence`'s (pure functions on words); this module
only picks the words out of the token table: the title chain before a name ("Secretary of
State", "British Foreign Secretary", "Germany's") and an apposition after it (", Britain's
foreign minister,"). The country a document is about is never evidence for a person.
"""

from __future__ import annotations

from faultlines.actors.evidence import Evidence, person_country
from faultlines.actors.normalize import strip_titles
from faultlines.actors.passes.context import DocumentContext
from faultlines.actors.passes.hits import Hit
from faultlines.actors.passes.tokens import TokenTable

__all__ = ["modifier_words", "apposition_words", "of_place_words", "counterpart_words",
           "unknown_person_evidence"]

_CHAIN_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_CHAIN_JOINERS = frozenset({"of", "for", "'s", "\u2019s"})
_MAX_WORDS = 6


def modifier_words(tokens: TokenTable, start: int) -> list[str]:
    """The title chain right before the name at ``start`` ("U.S. Secretary of State").

    >>> from faultlines.actors.passes.tokens import tokens_from_columns
    >>> t = tokens_from_columns(["the", "British", "Foreign", "Secretary", "Tom", "Wren"],
    ...     ["DET", "ADJ", "PROPN", "PROPN", "PROPN", "PROPN"],
    ...     ["det", "amod", "compound", "compound", "compound", "ROOT"], [5, 5, 5, 5, 5, 5])
    >>> modifier_words(t, 4)
    ['British', 'Foreign', 'Secretary']
    """
    floor = tokens.sent_start_of[start]
    i = start
    while i > floor and start - i < _MAX_WORDS and (
            tokens.pos[i - 1] in _CHAIN_POS or tokens.lowers[i - 1] in _CHAIN_JOINERS):
        i -= 1
    while i < start and tokens.lowers[i] in _CHAIN_JOINERS:
        i += 1
    return list(tokens.texts[i:start])


def apposition_words(tokens: TokenTable, end: int) -> str | None:
    """", Britain's foreign minister," after the name ending at ``end``, or None."""
    if end >= len(tokens.texts) or tokens.texts[end] != ",":
        return None
    stop = end + 1
    limit = min(len(tokens.texts), end + 1 + _MAX_WORDS)
    while stop < limit and not tokens.punct[stop] and tokens.sent_start_of[stop] == \
            tokens.sent_start_of[end]:
        stop += 1
    return " ".join(tokens.texts[end + 1:stop]) or None


def of_place_words(tokens: TokenTable, end: int) -> str | None:
    """"of Ghana", "of the United States" right after the name ending at ``end``, or None."""
    if end >= len(tokens.texts) or tokens.lowers[end] != "of":
        return None
    stop = end + 1
    if stop < len(tokens.texts) and tokens.lowers[stop] == "the":
        stop += 1
    limit = min(len(tokens.texts), stop + 3)
    while stop < limit and tokens.pos[stop] == "PROPN" and tokens.sent_start_of[stop] == \
            tokens.sent_start_of[end]:
        stop += 1
    return " ".join(tokens.texts[end:stop]) if stop > end + 1 else None


def counterpart_words(tokens: TokenTable, start: int) -> str | None:
    """"his Iranian counterpart, X": the counterpart phrase before the comma before the name
    at ``start``, or None."""
    if start < 2 or tokens.texts[start - 1] != "," or \
            tokens.lowers[start - 2] not in ("counterpart", "counterparts"):
        return None
    return " ".join(tokens.texts[max(tokens.sent_start_of[start], start - 5):start - 1])


def _inner_title(hit: Hit) -> list[str]:
    """Title words the entity itself starts with ("Taoiseach Eamon Rourke")."""
    bare = strip_titles(hit.text)
    return hit.text[:len(hit.text) - len(bare)].split() if bare != hit.text else []


def unknown_person_evidence(ctx: DocumentContext, hit: Hit) -> Evidence | None:
    """The evidence of an unknown person's country (see :func:`evidence.person_country`)."""
    tokens = ctx.tokens
    return person_country(ctx.kb, ctx.date,
                          modifiers=[*modifier_words(tokens, hit.start), *_inner_title(hit)],
                          of_place=of_place_words(tokens, hit.end),
                          apposition=apposition_words(tokens, hit.end),
                          counterpart=counterpart_words(tokens, hit.start))
