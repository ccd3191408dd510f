"""One DocumentCoder shared by the event coder and the stance finder changes nothing they find.

The pipeline builds one per document and hands it to both (its caches only remember answers
about tokens); these sentences are our own.
"""

from __future__ import annotations

import pytest

from faultlines.coding import assess_stance, code_events
from faultlines.coding.document import DocumentCoder
from faultlines.coding.lexicon import default_lexicon
from faultlines.nlp.view import ParseView
from faultlines.types import Document

pytestmark = pytest.mark.model

TEXT = ("The inept minister condemned the rebels, officials said. The rebels, who were "
        "isolated, shelled the northern town. The army did not attack the village. "
        "\"We will crush the militia,\" the general told reporters.")


def test_a_shared_coder_gives_the_same_events_and_stances(nlp, find_mentions):
    doc = nlp(TEXT)
    document = Document("shared", TEXT)
    mentions = find_mentions(doc, document)
    alone_events = code_events(doc, document, mentions)
    alone_stances = assess_stance(doc, document, mentions, alone_events)

    view = ParseView.of(doc)
    state = DocumentCoder(view, document, mentions, default_lexicon())
    events = code_events(doc, document, mentions, view=view, coder=state)
    assert state.context_cache  # the coder filled the shared caches ...
    stances = assess_stance(doc, document, mentions, events, view=view, coder=state)
    assert events == alone_events and len(events) >= 3
    assert stances == alone_stances and stances  # ... and the stance finder read them


def test_the_stance_finder_first_gives_the_same_events(nlp, find_mentions):
    doc = nlp(TEXT)
    document = Document("shared", TEXT)
    mentions = find_mentions(doc, document)
    expected = code_events(doc, document, mentions)
    view = ParseView.of(doc)
    state = DocumentCoder(view, document, mentions, default_lexicon())
    assess_stance(doc, document, mentions, (), view=view, coder=state)  # fills caches first
    assert code_events(doc, document, mentions, view=view, coder=state) == expected
