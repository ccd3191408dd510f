"""The token table the passes read: from spaCy (model-marked) it holds what spaCy says; built
by hand, the whole resolver runs on it without the model."""

from __future__ import annotations

import pytest
from passes_support import table

from faultlines.actors.passes.tokens import EntitySpan, read_tokens
from faultlines.types import Document


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The Vantian foreign minister, who arrived on Monday, met rebel commanders in Tarnow.",
    "Kurdish, Sunni and Turkmen leaders rejected the plan; the army did not.",
    "",
])
def test_columns_match_the_spacy_doc(nlp, text: str) -> None:
    doc = nlp(text)
    tokens = read_tokens(doc)
    assert list(tokens.texts) == [t.text for t in doc]
    assert list(tokens.heads) == [t.head.i for t in doc]
    assert [tokens.children[t.i] for t in doc] == [tuple(c.i for c in t.children) for t in doc]
    assert [tokens.left_edges[t.i] for t in doc] == [t.left_edge.i for t in doc]
    assert list(tokens.sent_starts) == [s.start for s in doc.sents]
    assert tokens.entities == tuple(EntitySpan(e.start, e.end, e.label_) for e in doc.ents)
    assert list(tokens.tags) == [t.tag_ for t in doc]


@pytest.mark.model
def test_columns_from_the_shared_parse_view_are_the_same(nlp, resolver) -> None:
    from faultlines.nlp.view import ParseView

    doc = nlp("Vantian troops shelled Tarnow on Monday. The ministry said it would respond.\n"
              "Rebels, who hold the north, denied it.")
    view = ParseView.of(doc)
    own, shared = read_tokens(doc), read_tokens(doc, view)
    for column in ("texts", "lowers", "pos", "deps", "heads", "punct", "children",
                   "sent_starts", "sent_start_of", "entities"):
        assert list(getattr(shared, column)) == list(getattr(own, column)), column
    document = Document("d", doc.text, None)
    assert resolver.find_mentions(doc, document, view=view) == \
        resolver.find_mentions(doc, document)


def test_the_resolver_runs_on_a_hand_written_parse(resolver) -> None:
    # "Iraqi troops entered Basra . He left ."  (two sentences)
    rows = [("Iraqi", "ADJ", "amod", 1), ("troops", "NOUN", "nsubj", 2),
            ("entered", "VERB", "ROOT", 2), ("Basra", "PROPN", "dobj", 2),
            (".", "PUNCT", "punct", 2), ("He", "PRON", "nsubj", 6), ("left", "VERB", "ROOT", 6),
            (".", "PUNCT", "punct", 6)]
    tokens = table(rows, sent_starts=(0, 5))
    mentions = resolver.find_mentions_in(tokens, Document("d", "", None))
    assert [(m.text, m.actor.id, m.kind, m.sentence_index) for m in mentions] == [
        ("Iraqi troops", "IRQ_MIL", "agent", 0), ("Basra", "IRQ", "place", 0)]
