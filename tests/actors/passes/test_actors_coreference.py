"""Coreference steps on parses written by hand (no spaCy model): who "we" is."""

from __future__ import annotations

import dataclasses

from passes_support import context, table

from faultlines.actors.passes.coreference import author_first_person, quoted_tokens
from faultlines.types import Document

# 'We condemn the attack . " We will respond , " a commander said .'
STATEMENT = [("We", "PRON", "nsubj", 1), ("condemn", "VERB", "ROOT", 1), ("the", "DET", "det", 3),
             ("attack", "NOUN", "dobj", 1), (".", "PUNCT", "punct", 1),
             ('"', "PUNCT", "punct", 8), ("We", "PRON", "nsubj", 8),
             ("will", "AUX", "aux", 8), ("respond", "VERB", "ccomp", 13),
             (",", "PUNCT", "punct", 8), ('"', "PUNCT", "punct", 8), ("a", "DET", "det", 12),
             ("commander", "NOUN", "nsubj", 13), ("said", "VERB", "ROOT", 13),
             (".", "PUNCT", "punct", 13)]


def test_we_in_the_author_voice_is_the_issuer(resolver) -> None:
    author = resolver.author_of(Document("d", "x", source="UK Foreign Office"))
    assert author is not None and author.country == "GBR"
    ctx = dataclasses.replace(context(resolver, table(STATEMENT, sent_starts=(0, 5))),
                              author=author)
    found = author_first_person(ctx, [])
    assert [(m.start, m.actor.id) for m in found] == [(0, author.id)]  # not the quoted "We"


def test_without_a_known_issuer_we_stays_unresolved(resolver) -> None:
    assert resolver.author_of(Document("d", "x", source="Reuters")) is None
    ctx = context(resolver, table(STATEMENT, sent_starts=(0, 5)))
    assert author_first_person(ctx, []) == []


def test_quotes_close_at_the_end_of_their_sentence() -> None:
    rows = [('"', "PUNCT", "punct", 1), ("We", "PRON", "nsubj", 2), ("go", "VERB", "ROOT", 2),
            ("We", "PRON", "nsubj", 4), ("stay", "VERB", "ROOT", 4)]
    assert quoted_tokens(table(rows, sent_starts=(0, 3))) == {1, 2}


def test_we_of_a_state_body_no_table_lists_is_that_state(resolver) -> None:
    author = resolver.author_of(Document("d", "x", source="Ministry of Foreign Affairs of Japan"))
    assert author is not None and (author.id, author.country) == ("JPN_GOV", "JPN")
    ctx = dataclasses.replace(context(resolver, table(STATEMENT, sent_starts=(0, 5))),
                              author=author)
    assert [m.actor.id for m in author_first_person(ctx, [])] == ["JPN_GOV"]
