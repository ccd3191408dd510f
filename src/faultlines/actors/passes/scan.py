"""Pass 1, the phrase scan: greedy longest match of folded word sequences against the alias
table (actors, countries, demonyms, capitals, groups).

A token such as "U.S.-Iraqi" is split at hyphens so it can name two countries; punctuation,
quotes, possessives and sentence starts break phrases.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

from faultlines.actors.kb import KnowledgeBase, Target
from faultlines.actors.normalize import PARTICLES, fold_word
from faultlines.actors.passes.hits import Hit
from faultlines.actors.passes.tokens import TokenTable
from faultlines.actors.passes.words import WordList, resolver_words

__all__ = ["HYPHENS", "POSSESSIVE", "Piece", "scan_phrases", "word_pieces", "capitalised",
           "owned_by_name", "word_parts"]

#: Tokens that join two names into one token group ("Sunni-Shiite", "U.S./Iraqi").
HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "/"})
#: Possessive endings spaCy splits off ("Iran's").
POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
_SPLIT = re.compile(r"[\-\u2010-\u2015/]")
_NOT_OWNER = resolver_words()[WordList.NOT_OWNER]
_COUNTRY_KINDS = frozenset({"country", "demonym", "capital"})

#: A piece of a token: (token position, the piece as written, its folded form); None is a break.
Piece = tuple[int, str, str]


@functools.lru_cache(maxsize=4096)
def word_parts(text: str) -> tuple[tuple[str, str], ...]:
    """The pieces a token is split into at hyphens and slashes, each with its folded form
    (cached: the same words recur in every document; the bound keeps a long ingest from
    growing with its vocabulary).

    >>> word_parts("U.S.-Iraqi")
    (('U.S.', 'u.s'), ('Iraqi', 'iraqi'))
    """
    return tuple((part, fold_word(part)) for part in _SPLIT.split(text) if part)


def word_pieces(tokens: TokenTable) -> list[Piece | None]:
    """The document as pieces, with None where a phrase cannot continue (a sentence start,
    punctuation, a quote, a possessive); hyphens and spaces are skipped.

    >>> from faultlines.actors.passes.tokens import tokens_from_columns
    >>> t = tokens_from_columns(["Iran", "'s", "U.S.-Iraqi", "talks"], ["PROPN", "PART",
    ...                         "ADJ", "NOUN"], ["poss", "case", "amod", "ROOT"], [3, 0, 3, 3])
    >>> word_pieces(t)[:4]
    [None, (0, 'Iran', 'iran'), None, (2, 'U.S.', 'u.s')]
    """
    pieces: list[Piece | None] = []
    sent_start = set(tokens.sent_starts)
    punct, space, quote = tokens.punct, tokens.space, tokens.quote
    for i, text in enumerate(tokens.texts):
        if i in sent_start:
            pieces.append(None)
        if space[i] or text in HYPHENS:
            continue
        if punct[i] or text in POSSESSIVE or quote[i]:
            pieces.append(None)
            continue
        for part, folded in word_parts(text):
            pieces.append((i, part, folded))
    return pieces


def capitalised(window: Sequence[Piece]) -> bool:
    """Names are written with a capital: "Rice" the person, not "rice"; "al-Sadr" is fine.

    >>> capitalised([(0, "al", "al"), (0, "Sadr", "Sadr")]), capitalised([(0, "rice", "rice")])
    (True, False)
    """
    for _, text, folded in window:
        if folded in PARTICLES or folded == "the":
            continue
        return text[:1].isupper() or text[:1].isdigit()
    return False


def owned_by_name(suffix: str | None, targets: Sequence[Target]) -> bool:
    """Does the head a name modifies belong to it? "Iranian-backed militias" are not Iranian;
    a "U.S.-led coalition" is the U.S.'s, an "Islamist-led protest" not the Islamists'.

    >>> owned_by_name("backed", [Target("demonym", "IRN")])
    False
    >>> owned_by_name("led", [Target("country", "USA")]), owned_by_name(None, [])
    (True, True)
    """
    if suffix not in _NOT_OWNER:
        return True
    return suffix == "led" and any(t.kind in _COUNTRY_KINDS for t in targets)


def _suffix(tokens: TokenTable, tail: Piece | None, last: int) -> str | None:
    """The word fused after a phrase's last token ("Iranian-backed"), lower case, or None."""
    if tail is not None and tail[0] == last:
        return tail[2].lower()
    if last + 2 < len(tokens.texts) and tokens.spaces[last] == "" and \
            tokens.texts[last + 1] in HYPHENS:
        return tokens.lowers[last + 2]
    return None


def _match_at(kb: KnowledgeBase, pieces: list[Piece | None], folds: list[str | None],
              i: int) -> tuple[int, list[Target]] | None:
    """The longest phrase starting at piece ``i``: (its length, its targets), or None."""
    n = len(pieces)
    for length in kb.lengths_longest_first.get(folds[i], ()):  # type: ignore[arg-type]
        if i + length > n:
            continue
        # no phrase holds a break (None): a window across one finds nothing
        key = tuple(folds[i:i + length])
        targets = kb.phrases.get(key)  # type: ignore[arg-type]
        if not targets:
            continue
        if length > 1 and (key[-1].lower(),) in kb.agents:  # type: ignore[union-attr]
            # imported aliases such as THE_BUSH_ADMINISTRATION (filed under the person) are
            # agent phrases; the agent-phrase pass reads them better
            targets = [t for t in targets if t.rank == 0]
        if not targets or not capitalised(pieces[i:i + length]):  # type: ignore[arg-type]
            continue
        return length, targets
    return None


def _mark_compounds(tokens: TokenTable, hits: list[Hit]) -> list[Hit]:
    """Hits sharing their one token ("U.S.-Iraqi") or joined by a bare hyphen token
    ("Sunni-Shiite" tokenised as three tokens) are parts of a compound."""
    by_token = Counter(hit.start for hit in hits)
    compound = [by_token[h.start] > 1 and h.end - h.start == 1 for h in hits]
    texts, spaces = tokens.texts, tokens.spaces
    for k, (a, b) in enumerate(zip(hits, hits[1:], strict=False)):
        if b.start == a.end + 1 and texts[a.end] in HYPHENS and \
                spaces[a.end - 1] == "" and spaces[a.end] == "":
            compound[k] = compound[k + 1] = True
    return [h._replace(compound=True) if c else h for h, c in zip(hits, compound, strict=True)]


def scan_phrases(tokens: TokenTable, kb: KnowledgeBase) -> tuple[Hit, ...]:
    """Every alias of the knowledge base the text contains, longest first, left to right."""
    pieces = word_pieces(tokens)
    folds = [p[2] if p is not None else None for p in pieces]
    hits: list[Hit] = []
    resume = 0  # the piece after the last phrase found
    starts = kb.lengths_longest_first
    for i, folded in enumerate(folds):
        if i < resume or folded not in starts:
            continue
        found = _match_at(kb, pieces, folds, i)
        if found is None:
            continue
        length, targets = found
        window: list[Piece] = pieces[i:i + length]  # type: ignore[assignment]
        first, last = window[0], window[-1]
        tail = pieces[i + length] if i + length < len(pieces) else None
        owner = owned_by_name(_suffix(tokens, tail, last[0]), targets)
        hits.append(Hit(first[0], last[0] + 1, " ".join(p[1] for p in window), tuple(targets),
                        owner=owner))
        resume = i + length
    return tuple(_mark_compounds(tokens, hits))
