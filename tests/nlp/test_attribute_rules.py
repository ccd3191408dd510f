"""AttributeRuleMatcher must give exactly what spaCy's AttributeRuler.match gives."""

from __future__ import annotations

import json

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from faultlines.nlp.attribute_rules import AttributeRuleMatcher, speed_up_attribute_rulers

# Rules in the shapes a trained pipeline's attribute_ruler uses (tag map, word exceptions,
# IN and NOT_IN sets, regular expressions, two-token rules, negative indices), plus one with an
# operator that only spaCy's Matcher can run.
RULES: list[tuple[list, dict, int]] = [
    ([[{"TAG": "NN"}]], {"POS": "NOUN", "MORPH": "Number=Sing"}, 0),
    ([[{"TAG": "_SP"}]], {"POS": "SPACE"}, 0),
    ([[{"LOWER": "it", "TAG": "PRP"}]], {"MORPH": "Case=Nom"}, 0),
    ([[{"TAG": "RB", "LOWER": {"IN": ["not", "n't"]}}]], {"POS": "PART", "LEMMA": "not"}, 0),
    ([[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "WDT"]}}]], {"POS": "PRON"}, 0),
    ([[{"lower": {"REGEX": "^n[ou]thin'?$"}}]], {"LEMMA": "nothing"}, 0),
    ([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"}, 0),
    ([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, 1),
    ([[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], {"LEMMA": "you"}, 0),
    ([[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "'s"]}}]], {"POS": "VERB"}, -1),
    ([[{"IS_SPACE": True}]], {"POS": "SPACE", "MORPH": "_"}, 0),
    ([[{"TEXT": "Dog"}]], {"LEMMA": "dog"}, 0),
    ([[{"POS": "VERB", "LOWER": {"IN": ["is", "'s"]}}]], {"LEMMA": "be"}, 0),
    ([[{"POS": {"IN": ["NOUN", "PROPN"]}, "IS_SPACE": False}]], {"MORPH": "Number=Sing"}, 0),
    ([[{}, {"LOWER": "all"}]], {"POS": "DET"}, 1),  # any token, then "all"
    ([[{"TAG": "VBZ"}], [{"LOWER": "is"}]], {"POS": "AUX"}, 0),  # two patterns, one rule
    ([[{"LOWER": "the"}, {"TAG": "NN", "OP": "+"}]], {"LEMMA": "the"}, 0),  # Matcher only
]

WORDS = ["I", "it", "It", "is", "'s", "gon", "na", "y'", "y", "all", "not", "n't", "nothin'",
         "nuthin", " ", "\n", "but", "the", "Dog", "dog", "there", "which"]
TAGS = ["NN", "VBZ", "RB", "IN", "_SP", "DT", "WDT", "PRP", "EX"]
POS = ["NOUN", "PROPN", "VERB", "AUX", "SPACE", "PRON"]
DEPS = ["nsubj", "dobj", "aux", "advmod", "det", "expl", "dep"]


@pytest.fixture(scope="module")
def ruler() -> AttributeRuler:
    nlp = spacy.blank("en")
    component = nlp.add_pipe("attribute_ruler")
    for patterns, attrs, index in RULES:
        component.add(patterns, attrs, index=index)
    return component


def make_doc(vocab, words: list[str], tags: list[str], deps: list[str],
             pos: list[str] | None = None) -> Doc:
    # Every token hangs from the first, which is the root: enough for DEP to be set.
    return Doc(vocab, words=words, spaces=[False] * len(words), tags=tags, pos=pos,
               heads=[0] * len(words), deps=(["ROOT"] + deps[1:]) if words else [])


def stock(ruler: AttributeRuler, doc: Doc) -> list:
    return AttributeRuler.match(ruler, doc)


def test_every_rule_but_the_operator_is_looked_up(ruler: AttributeRuler) -> None:
    fast = AttributeRuleMatcher(ruler)
    assert fast.looked_up == sum(len(p) for p, _, _ in RULES) - 1
    assert fast.matched == 1


@pytest.mark.parametrize("words,tags,deps", [
    (["there", "'s", "nothin'", "y'", "all", "gon", "na", "do"],
     ["EX", "VBZ", "NN", "PRP", "DT", "VBZ", "RB", "NN"],
     ["ROOT", "expl", "dobj", "nsubj", "det", "aux", "advmod", "dobj"]),
    (["it", "is", "not", "the", "Dog", "dog", " ", "which"],
     ["PRP", "VBZ", "RB", "DT", "NN", "NN", "_SP", "WDT"],
     ["ROOT", "aux", "advmod", "det", "dobj", "dobj", "dep", "nsubj"]),
    (["na", "gon"], ["NN", "NN"], ["ROOT", "dep"]),  # a two-token rule cut by the end
    ([], [], []),
])
def test_same_matches_as_spacy(ruler: AttributeRuler, words, tags, deps) -> None:
    doc = make_doc(ruler.vocab, words, tags, deps)
    assert AttributeRuleMatcher(ruler)(doc) == stock(ruler, doc)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(TAGS), st.sampled_from(DEPS),
                          st.sampled_from(POS)), max_size=12))
def test_same_matches_on_any_sequence(ruler: AttributeRuler, tokens) -> None:
    doc = make_doc(ruler.vocab, [w for w, _, _, _ in tokens], [t for _, t, _, _ in tokens],
                   [d for _, _, d, _ in tokens], [p for _, _, _, p in tokens])
    assert AttributeRuleMatcher(ruler)(doc) == stock(ruler, doc)


def test_same_annotations_and_later_rules_picked_up() -> None:
    nlp = spacy.blank("en")
    component = nlp.add_pipe("attribute_ruler")
    for patterns, attrs, index in RULES:
        component.add(patterns, attrs, index=index)
    words = ["there", "'s", "nothin'", "the", "dog", "dog", "gon", "na"]
    tags = ["EX", "VBZ", "NN", "DT", "NN", "NN", "VBZ", "RB"]
    deps = ["ROOT", "expl", "dobj", "det", "dobj", "dobj", "aux", "advmod"]
    columns = ["POS", "MORPH", "LEMMA", "TAG"]
    expected = component(make_doc(nlp.vocab, words, tags, deps)).to_array(columns).tolist()
    assert speed_up_attribute_rulers(nlp) == 1
    assert isinstance(component.match, AttributeRuleMatcher)
    got = component(make_doc(nlp.vocab, words, tags, deps)).to_array(columns).tolist()
    assert got == expected
    component.add([[{"LOWER": "there"}]], {"LEMMA": "here"})
    doc = component(make_doc(nlp.vocab, words, tags, deps))
    assert doc[0].lemma_ == "here"


def test_no_ruler_no_change() -> None:
    assert speed_up_attribute_rulers(spacy.blank("en")) == 0


@pytest.mark.model
def test_trained_pipeline_annotations_unchanged(seeds_dir, gold_path) -> None:
    """The default model's annotations with the faster matcher equal stock spaCy's, token by
    token, on the seeds and the dev gold sentences."""
    from faultlines.config import DEFAULT_MODEL
    from faultlines.nlp import load_pipeline

    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.iterdir()) if p.is_file()]
    texts += [r["text"] for r in json.loads(gold_path.read_text(encoding="utf-8"))]
    ours = load_pipeline()
    ruler = ours.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, AttributeRuleMatcher)
    assert ruler.match.matched == 0  # en_core_web_sm's rules are all looked up
    plain = spacy.load(DEFAULT_MODEL)
    assert not isinstance(plain.get_pipe("attribute_ruler").match, AttributeRuleMatcher)
    # both with faultlines' layout boundaries, so the matcher is the only difference
    from faultlines.nlp.segmentation import add_layout_boundaries

    add_layout_boundaries(plain)
    columns = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_TYPE", "ENT_IOB"]
    compared = 0
    for a, b in zip(ours.pipe(texts), plain.pipe(texts), strict=True):
        assert [t.text for t in a] == [t.text for t in b]
        assert a.to_array(columns).tolist() == b.to_array(columns).tolist(), a.text[:80]
        compared += len(a)
    assert compared > 5000
