"""Find the matches of a spaCy ``attribute_ruler`` faster, with exactly the same result.

spaCy's ``AttributeRuler`` runs all of its patterns through a ``Matcher`` at every token. In
``en_core_web_sm`` that is 179 patterns and about an eighth of the whole pipeline's time, nearly
as much as the dependency parser; the Matcher calls a Python predicate per token for every ``IN``
set and regular expression. Most patterns are the tag map: one token whose ``TAG`` (sometimes
also ``LOWER`` or ``DEP``) has an exact value. :class:`AttributeRuleMatcher` files each pattern
under one value of its first token and finds candidates by dictionary look-up on one
:meth:`~spacy.tokens.Doc.to_array` per document, then checks the pattern's other conditions
(exact values, ``IN`` and ``NOT_IN`` sets, ``REGEX``, several tokens without operators). Patterns
with anything else (operators, ``MORPH`` sets, extension attributes, fuzzy matching) stay with a
``Matcher`` that holds only them. The result is the list ``AttributeRuler.match`` returns, in the
same order, so ``set_annotations`` (unchanged) writes the same attributes; the tests compare both
on generated token sequences and on real text.

Values are converted as the ``Matcher`` converts them (``StringStore.add`` for exact strings,
``get_string_id`` for sets, ``int`` for booleans), and attributes are read with ``to_array``,
which reads the same token fields the ``Matcher`` does for the attributes handled here.

>>> from faultlines.nlp import load_pipeline  # doctest: +SKIP
>>> nlp = load_pipeline()  # doctest: +SKIP
>>> isinstance(nlp.get_pipe("attribute_ruler").match, AttributeRuleMatcher)  # doctest: +SKIP
True
"""

from __future__ import annotations

from typing import Any

__all__ = ["AttributeRuleMatcher", "speed_up_attribute_rulers"]

Match = tuple[int, int, int, int]  # (rule number, match id, start, end), as AttributeRuler.match
# One condition on one token: (column in the to_array rows, kind, operand); kinds are "in" and
# "not_in" (a set of values; an exact value is a set of one) and "regex" (a compiled pattern).
Test = tuple[int, str, Any]

# Token attributes handled here. ``to_array`` reads them as the Matcher does (SENT_START, for one,
# it does not, so it is left out); MORPH sets and extension attributes stay with the Matcher.
_STRING_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA"})
_FLAG_ATTRS = frozenset({"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT"})
# Regular-expression results are remembered per (pattern, value) up to this many.
_REGEX_CACHE_SIZE = 16_384
# The attribute of a pattern's first token that files it for look-up: the most selective first.
_LOOKUP_ORDER = ("LOWER", "ORTH", "NORM", "LEMMA", "TAG", "DEP", "POS",
                 "IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT")


def _token_tests(spec: Any, strings: Any) -> list[tuple[str, str, Any]] | None:
    """``[(attribute, kind, operand)]`` for one token of a pattern, or None when the Matcher must
    handle it. Operands are built as the Matcher builds them (``StringStore.add`` for exact
    strings, ``get_string_id`` for IN and NOT_IN sets, ``int`` for booleans)."""
    import re

    from spacy.strings import get_string_id

    if not isinstance(spec, dict):
        return None
    tests: list[tuple[str, str, Any]] = []
    for key, value in spec.items():
        if not isinstance(key, str):
            return None
        name = key.upper()
        name = "ORTH" if name == "TEXT" else name
        if name in _FLAG_ATTRS and isinstance(value, bool):
            tests.append((name, "in", frozenset({int(value)})))
            continue
        if name not in _STRING_ATTRS:  # OP, MORPH, "_", other attributes
            return None
        if isinstance(value, str):
            tests.append((name, "in", frozenset({strings.add(value)})))
        elif isinstance(value, dict) and value:
            for predicate, operand in value.items():
                kind = predicate.upper() if isinstance(predicate, str) else None
                if kind in ("IN", "NOT_IN") and isinstance(operand, list) \
                        and all(isinstance(v, str) for v in operand):
                    tests.append((name, kind.lower(), frozenset(get_string_id(v)
                                                                for v in operand)))
                elif kind == "REGEX" and isinstance(operand, str):
                    tests.append((name, "regex", re.compile(operand)))
                else:  # other predicates, nested REGEX or FUZZY sets
                    return None
        else:
            return None
    return tests


class AttributeRuleMatcher:
    """A drop-in for ``AttributeRuler.match``: the same matches, found faster.

    Parameters
    ----------
    ruler : spacy.pipeline.AttributeRuler
        The ruler whose patterns to match. Patterns added to it later are picked up at the next
        document.
    """

    def __init__(self, ruler: Any) -> None:
        self._ruler = ruler
        self._build()

    def _build(self) -> None:
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        ruler = self._ruler
        strings = ruler.vocab.strings
        self._strings = strings
        self._size = len(ruler.attrs)
        self._rest = Matcher(ruler.vocab)
        self._rest_count = 0
        kept: list[tuple[int, int, list[list[tuple[str, str, Any]]]]] = []
        for number in range(self._size):
            match_id = strings.add(str(number))
            others = []
            for pattern in ruler.matcher.get(match_id)[1]:
                found = [_token_tests(spec, strings) for spec in pattern] \
                    if isinstance(pattern, list) and pattern else [None]
                tokens = [tests for tests in found if tests is not None]
                if len(tokens) < len(found):
                    others.append(pattern)
                else:
                    kept.append((number, match_id, tokens))
            if others:
                self._rest.add(match_id, others)
                self._rest_count += len(others)
        columns = list(dict.fromkeys(name for _, _, tokens in kept
                                     for tests in tokens for name, _, _ in tests))
        position = {name: i for i, name in enumerate(columns)}
        # Each kept pattern is filed under one exact or IN value of its first token, or, when
        # that token has neither, under ``always`` (checked at every token).
        tables: dict[str, dict[int, list[tuple[int, int, tuple[tuple[Test, ...], ...]]]]] = {}
        always: list[tuple[int, int, tuple[tuple[Test, ...], ...]]] = []
        for number, match_id, tokens in kept:
            first = {name for name, kind, _ in tokens[0] if kind == "in"}
            lookup = next((name for name in _LOOKUP_ORDER if name in first), None)
            checks = tuple(
                tuple((position[name], kind, operand) for name, kind, operand in tests
                      if not (k == 0 and name == lookup and kind == "in"))
                for k, tests in enumerate(tokens))
            entry = (number, match_id, checks)
            if lookup is None:
                always.append(entry)
                continue
            # A first token with two IN tests on the lookup attribute needs both; the look-up
            # uses one and the check keeps the others.
            operands = [operand for name, kind, operand in tokens[0]
                        if name == lookup and kind == "in"]
            values = frozenset.intersection(*operands)
            for value in values:
                tables.setdefault(lookup, {}).setdefault(value, []).append(entry)
        self._columns = [IDS[name] for name in columns]
        self._tables = [(position[name], table) for name, table in tables.items()]
        self._always = always
        self._kept = len(kept)
        self._regex_cache: dict[tuple[Any, int], bool] = {}

    @property
    def looked_up(self) -> int:
        """How many patterns are found here rather than by spaCy's Matcher."""
        return self._kept

    @property
    def matched(self) -> int:
        """How many patterns are left to spaCy's Matcher."""
        return self._rest_count

    def _passes(self, rows: list[list[int]], start: int,
                checks: tuple[tuple[Test, ...], ...]) -> bool:
        if start + len(checks) > len(rows):
            return False
        for offset, tests in enumerate(checks):
            row = rows[start + offset]
            for column, kind, operand in tests:
                value = row[column]
                if kind == "in":
                    if value not in operand:
                        return False
                elif kind == "not_in":
                    if value in operand:
                        return False
                else:  # regex, on the attribute's string, as the Matcher's REGEX predicate
                    key = (operand, value)
                    hit = self._regex_cache.get(key)
                    if hit is None:
                        if len(self._regex_cache) >= _REGEX_CACHE_SIZE:
                            self._regex_cache.clear()  # bounded: a corpus's vocabulary is not
                        hit = self._regex_cache[key] = bool(operand.search(self._strings[value]))
                    if not hit:
                        return False
        return True

    def __call__(self, doc: Any) -> list[Match]:
        if len(self._ruler.attrs) != self._size:
            self._build()
        found: set[Match] = set()
        if self._kept and len(doc):
            rows = doc.to_array(self._columns).tolist() if self._columns else [[]] * len(doc)
            for i, row in enumerate(rows):
                for column, table in self._tables:
                    entries = table.get(row[column])
                    if entries is not None:
                        for number, match_id, checks in entries:
                            if self._passes(rows, i, checks):
                                found.add((number, match_id, i, i + len(checks)))
                for number, match_id, checks in self._always:
                    if self._passes(rows, i, checks):
                        found.add((number, match_id, i, i + len(checks)))
        if self._rest_count:
            for match_id, start, end in self._rest(doc, allow_missing=True, as_spans=False):
                found.add((int(self._strings[match_id]), match_id, start, end))
        return sorted(found)


def speed_up_attribute_rulers(nlp: Any) -> int:
    """Give every ``AttributeRuler`` in ``nlp`` an :class:`AttributeRuleMatcher`; return how many.

    Output is unchanged; only the time spent finding matches is.
    """
    from spacy.pipeline import AttributeRuler

    count = 0
    for _, component in nlp.pipeline:
        if isinstance(component, AttributeRuler):
            # Replaces the bound method on this one component (spaCy calls ``self.match(doc)``).
            component.match = AttributeRuleMatcher(component)  # type: ignore[method-assign]
            count += 1
    return count
