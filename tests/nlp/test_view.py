"""The per-document parse view (nlp/view.py): the same answers as spaCy's own accessors."""

from __future__ import annotations

import pytest

from faultlines.nlp.view import ParseView

pytestmark = pytest.mark.model


def test_view_agrees_with_spacy(nlp):
    doc = nlp("The envoy met the rebels in Geneva. Talks resumed on Monday, officials said.")
    view = ParseView.of(doc)
    assert len(view) == len(doc)
    for tok in doc:
        assert [c.i for c in view.children(tok)] == [c.i for c in tok.children]
        assert view.head[tok.i] == tok.head.i
        assert (view.text[tok.i], view.lower[tok.i], view.lemma[tok.i]) == \
            (tok.text, tok.lower_, tok.lemma_)
        assert (view.pos[tok.i], view.tag[tok.i], view.dep[tok.i]) == \
            (tok.pos_, tok.tag_, tok.dep_)
        assert (view.ent_iob[tok.i], view.ent_type[tok.i]) == (tok.ent_iob_, tok.ent_type_)
    assert view.sentences == tuple((s.start, s.end) for s in doc.sents)


def test_children_are_shared_not_rebuilt(nlp):
    view = ParseView.of(nlp("Hamas castigated the Authority."))
    verb = view.tokens[1]
    assert view.children(verb) is view.children(verb)
