"""The phrase scan and the token table, on parses written by hand (no spaCy model)."""

from __future__ import annotations

import pytest
from passes_support import table

from faultlines.actors.kb import Target
from faultlines.actors.passes.scan import capitalised, owned_by_name, scan_phrases, word_parts
from faultlines.actors.passes.tokens import tokens_from_columns


def test_token_table_derives_children_edges_and_text() -> None:
    tokens = table([("The", "DET", "det", 2), ("Vantian", "ADJ", "amod", 2),
                    ("envoy", "NOUN", "nsubj", 3), ("resigned", "VERB", "ROOT", 3),
                    (".", "PUNCT", "punct", 3)])
    assert tokens.children[2] == (0, 1)
    assert tokens.lefts(3) == [2] and tokens.rights(3) == [4]
    assert tokens.left_edges[2] == 0 and tokens.left_edges[3] == 0
    assert tokens.span_text(0, 5) == "The Vantian envoy resigned."


def test_sentence_columns_follow_the_sentence_starts() -> None:
    tokens = tokens_from_columns(["Rain", ".", "Sun", "."], ["NOUN", "PUNCT", "NOUN", "PUNCT"],
                                 ["ROOT", "punct", "ROOT", "punct"], [0, 0, 2, 2],
                                 sent_starts=(0, 2))
    assert list(tokens.sent_start_of) == [0, 0, 2, 2]


@pytest.mark.parametrize("text, parts", [
    ("U.S.-Iraqi", ["U.S.", "Iraqi"]), ("Sunni/Shiite", ["Sunni", "Shiite"]),
    ("Kabul", ["Kabul"]), ("-", []),
])
def test_word_parts_split_at_hyphens_and_slashes(text: str, parts: list[str]) -> None:
    assert [p for p, _ in word_parts(text)] == parts


@pytest.mark.parametrize("window, expected", [
    ([(0, "al", "al"), (1, "Harith", "harith")], True),
    ([(0, "the", "the"), (1, "rice", "rice")], False),
    ([(0, "9th", "9th")], True),
])
def test_names_are_capitalised(window, expected: bool) -> None:
    assert capitalised(window) is expected


@pytest.mark.parametrize("suffix, targets, owner", [
    ("trained", [Target("country", "USA")], False),
    ("led", [Target("country", "USA")], True),
    ("led", [Target("group", "SUNNI")], False),
    ("officials", [Target("country", "IRN")], True),
])
def test_a_fused_participle_decides_ownership(suffix, targets, owner: bool) -> None:
    assert owned_by_name(suffix, targets) is owner


def test_scan_finds_both_countries_of_a_hyphenated_token(resolver) -> None:
    tokens = table([("U.S.-Iraqi", "ADJ", "amod", 1), ("patrols", "NOUN", "nsubj", 2),
                    ("ended", "VERB", "ROOT", 2)])
    hits = scan_phrases(tokens, resolver.kb)
    assert [(h.start, h.end, h.primary.ref, h.compound) for h in hits] == [
        (0, 1, "USA", True), (0, 1, "IRQ", True)]


def test_scan_marks_a_backing_country_as_not_the_owner(resolver) -> None:
    tokens = table([("Iranian", "ADJ", "npadvmod", 2), ("-", "PUNCT", "punct", 2),
                    ("backed", "VERB", "amod", 3), ("gunmen", "NOUN", "nsubj", 4),
                    ("fled", "VERB", "ROOT", 4)])
    (hit,) = scan_phrases(tokens, resolver.kb)
    assert hit.primary.ref == "IRN" and not hit.owner


def test_scan_stops_at_a_possessive_and_skips_lower_case_names(resolver) -> None:
    tokens = table([("Iran", "PROPN", "poss", 2), ("'s", "PART", "case", 0),
                    ("rice", "NOUN", "nsubj", 3), ("grew", "VERB", "ROOT", 3)])
    assert [h.text for h in scan_phrases(tokens, resolver.kb)] == ["Iran"]
