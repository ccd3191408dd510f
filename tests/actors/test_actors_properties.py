"""Property tests: any text gives consistent mentions, and folding is stable."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faultlines.actors.normalize import fold_name, fold_word, skeleton
from faultlines.types import Document

WORDS = ["Iraqi", "troops", "Maliki", "Shi’ite", "militias", "U.S.-Iraqi", "the", "Tehran",
         "said", "Sadr", "(", "ABC", ")", "he", "his", "-", "al", "government", "in", "Iran", ".",
         "Baghdad", "Allawi", "'s", "Sunni", "and", "x", "Président", "Ünïcödé", "\n\n"]


@pytest.mark.model
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_mentions_are_consistent_for_any_text(nlp, resolver, words) -> None:
    text = " ".join(words)
    doc = nlp(text)
    mentions = resolver.find_mentions(doc, Document("p", text))
    sentences = list(doc.sents)
    assert mentions == sorted(mentions, key=lambda m: (m.start, m.end, m.actor.id))
    for m in mentions:
        assert 0 <= m.start < m.end <= len(doc)
        assert doc[m.start:m.end].text == m.text == m.actor.text
        assert sentences[m.sentence_index].start <= m.start < sentences[m.sentence_index].end
        assert m.actor.id and (m.actor.country is None or len(m.actor.country) == 3)
    assert resolver.find_mentions(doc, Document("p", text)) == mentions


@given(st.text(max_size=30))
def test_folding_is_idempotent(text: str) -> None:
    assert fold_name(fold_name(text)) == fold_name(text)
    assert fold_word(fold_word(text)) == fold_word(text)
    assert isinstance(skeleton(text), str)
