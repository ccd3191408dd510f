"""Robustness: any text codes without errors into events that satisfy the schema."""

from __future__ import annotations

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faultlines.coding import EVENT_SCHEMA, code_events
from faultlines.types import Document

pytestmark = pytest.mark.model

_WORDS = ["Iran", "Iraq", "the", "army", "rebels", "attacked", "will", "not", "said", "that",
          "should", "refused", "to", "agree", "with", "against", "his", "alliance", "of", "and",
          "by", "was", "killed", "if", "according", "officials", "demand", "talks", ",", ".",
          "\u201c", "\u201d", "-", "backed", "sanctions", "on", "Maliki", "they", "it"]


@pytest.mark.parametrize("text", ["", "   ", "...", "Attack!", "He said.", "They will."])
def test_degenerate_texts_have_no_events(nlp, find_mentions, text):
    doc = nlp(text)
    document = Document("d", text)
    assert code_events(doc, document, find_mentions(doc, document)) == []


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40))
def test_word_soup_codes_into_valid_events(nlp, find_mentions, words):
    text = " ".join(words)
    doc = nlp(text)
    document = Document("d", text)
    validator = jsonschema.Draft202012Validator(EVENT_SCHEMA)
    n_sentences = len(list(doc.sents))
    for event in code_events(doc, document, find_mentions(doc, document)):
        assert not list(validator.iter_errors(event.to_dict()))
        assert 0 <= event.sentence_index < n_sentences
        assert event.actor.id
