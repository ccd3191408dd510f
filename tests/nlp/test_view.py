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


def test_token_flags_and_text_agree_with_spacy(nlp):
    doc = nlp('  The envoy said: "We will meet them."\n\nTalks \u201cresumed\u201d  on Monday. ')
    view = ParseView.of(doc)
    assert list(view.is_space) == [t.is_space for t in doc] and any(view.is_space)
    assert list(view.is_quote) == [t.is_quote for t in doc] and any(view.is_quote)
    assert list(view.whitespace) == [t.whitespace_ for t in doc]
    assert list(view.is_punct) == [t.is_punct for t in doc]
    assert view.doc_text == doc.text
    assert view.span_text(1, 4) == doc[1:4].text


def test_strings_are_the_same_from_the_cache(nlp, monkeypatch):
    import faultlines.nlp.view as view_module

    doc = nlp("Rebels shelled the northern garrison overnight.")
    expected = tuple(t.lemma_ for t in doc)
    assert ParseView.of(doc).lemma == expected  # looked up, then remembered
    assert ParseView.of(doc).lemma == expected  # from the cache
    cache = {0: "", 12345: "not a lemma"}
    monkeypatch.setattr(view_module, "_STRINGS", cache)
    monkeypatch.setattr(view_module, "MAX_CACHED_STRINGS", 1)
    assert ParseView.of(doc).lemma == expected  # a miss past the bound empties the cache
    assert 12345 not in cache and set(expected) <= set(cache.values())
