"""Fixtures for the coding tests: a tiny mention finder so these tests do not need the actors
stage, and a ``code`` helper that parses a sentence and codes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from faultlines.coding import actor_slug, code_events
from faultlines.types import ActorRef, Document, Event, Mention

# Agent nouns our tests use; the real actors stage has a far larger list with sectors.
_AGENT_NOUNS = frozenset({
    "government", "troops", "troop", "police", "militia", "militias", "rebels", "rebel", "army",
    "forces", "force", "insurgents", "insurgent", "protesters", "workers", "students",
    "refugees", "officials", "official", "soldiers", "president", "minister", "ministry",
    "parliament", "opposition", "party", "cabinet", "regime", "authorities", "fighters",
})
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def find_test_mentions(doc, document: Document) -> list[Mention]:
    """Mentions from named entities and agent-noun heads (no countries, no coreference)."""
    sentence_of = {}
    for index, sent in enumerate(doc.sents):
        for tok in sent:
            sentence_of[tok.i] = index
    mentions = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in _ENTITY_LABELS:
            ref = ActorRef(text=ent.text, id=actor_slug(ent.text), name=ent.text)
            mentions.append(Mention(document.id, sentence_of[ent.start], ent.start, ent.end,
                                    ent.text, ref))
            covered.update(range(ent.start, ent.end))
    for tok in doc:
        if tok.i not in covered and tok.pos_ == "NOUN" and tok.lower_ in _AGENT_NOUNS:
            start = min([tok.i] + [c.i for c in tok.lefts
                                   if c.dep_ in ("amod", "compound") and c.i not in covered])
            text = doc[start:tok.i + 1].text
            ref = ActorRef(text=text, id=actor_slug(text), name=text)
            mentions.append(Mention(document.id, sentence_of[tok.i], start, tok.i + 1, text,
                                    ref, kind="agent"))
    return mentions


@pytest.fixture(scope="session")
def find_mentions() -> Callable[..., list[Mention]]:
    """The stand-in mention finder, for tests that call ``code_events`` themselves."""
    return find_test_mentions


@pytest.fixture(scope="session")
def code(nlp) -> Callable[[str], list[Event]]:
    """Parse and code one text with the test mention finder."""

    def _code(text: str, *, date: dt.date | None = dt.date(2007, 5, 1)) -> list[Event]:
        doc = nlp(text)
        document = Document(id="t", text=text, date=date, source="test")
        return code_events(doc, document, find_test_mentions(doc, document))

    return _code
