"""Pass 3, agent noun phrases: "Iraqi troops", "the Bush administration", "Sunni insurgents"
get a sector from the head noun and a country from their modifiers, else the document's
dominant country.

For each noun: find the head (:mod:`~faultlines.actors.passes.agent_heads`), read the
modifiers (:mod:`~faultlines.actors.passes.agent_modifiers`), then run the rules of
:data:`~faultlines.actors.passes.agent_rules.AGENT_RULES` until one decides. The pass returns
an :class:`AgentPhrases` record: the mentions found, the hits the phrases used up, and the
phrases whose actor is decided later (bare titles, member phrases, "the two governments").
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from faultlines.actors.passes.agent_heads import HEAD_WORDS, find_head, phrase_extent
from faultlines.actors.passes.agent_modifiers import read_modifiers
from faultlines.actors.passes.agent_rules import AGENT_RULES
from faultlines.actors.passes.context import DocumentContext
from faultlines.actors.passes.hits import Hit
from faultlines.actors.passes.phrase_records import (
    AgentView,
    BareTitle,
    DeferredPhrase,
    Outcome,
    Phrase,
    StatePair,
)
from faultlines.types import Mention

__all__ = ["AgentPhrases", "decide_phrase", "first_hits", "read_agent_phrases"]

_NOUNS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True)
class AgentPhrases:
    """What the agent-phrase pass found (see the module docstring); ``consumed`` holds the
    positions of the hits the phrases used up."""

    mentions: tuple[Mention, ...]
    consumed: frozenset[int]
    bare_titles: tuple[BareTitle, ...]
    deferred: tuple[DeferredPhrase, ...]
    pairs: tuple[StatePair, ...]


def decide_phrase(view: AgentView, phrase: Phrase) -> tuple[Phrase, Outcome]:
    """Run the rules on a phrase whose modifiers are read: the phrase as the deciding rule saw
    it, and its outcome."""
    for rule in AGENT_RULES:
        result = rule(view, phrase)
        if isinstance(result, Outcome):
            return phrase, result
        phrase = result
    raise AssertionError("the last agent rule always decides")  # pragma: no cover


def first_hits(hits: tuple[Hit, ...]) -> dict[int, Hit]:
    first: dict[int, Hit] = {}
    for hit in hits:
        for i in range(hit.start, hit.end):
            first.setdefault(i, hit)
    return first


def _candidate_heads(view: AgentView) -> list[int]:
    """Tokens that may head an agent phrase: nouns (not inside a compound) with a hit on them
    or a word that ends agent phrases, carries an agent word or names a faction (a fast
    filter; :func:`~faultlines.actors.passes.agent_heads.find_head` decides)."""
    tokens, kb = view.ctx.tokens, view.ctx.kb
    deps, first_hit, pos = tokens.deps, view.first_hit, tokens.pos
    words = kb.agent_last_words
    return [i for i, word in enumerate(tokens.lowers)
            if pos[i] in _NOUNS and deps[i] != "compound" and (
                i in first_hit or word in words or word in HEAD_WORDS)]


def read_agent_phrases(ctx: DocumentContext) -> AgentPhrases:
    """Every agent phrase of the document, in token order (a phrase can use up a group word
    a later phrase would otherwise head)."""
    head_memory: dict[str, str] = {}
    # the rules read the memory through a read-only proxy; only this loop writes it
    view = AgentView(ctx, first_hits(ctx.hits), MappingProxyType(head_memory))
    consumed: set[int] = set()
    mentions: list[Mention] = []
    bare_titles: list[BareTitle] = []
    deferred: list[DeferredPhrase] = []
    pairs: list[StatePair] = []
    for i in _candidate_heads(view):
        phrase = find_head(view, i, consumed)
        if phrase is None:
            continue
        lefts, left = phrase_extent(view, phrase)
        phrase = read_modifiers(view, phrase, lefts, left)
        phrase, outcome = decide_phrase(view, phrase)
        retract = phrase.retract + outcome.retract
        if retract:
            mentions = [m for m in mentions if not (
                m.kind == "agent" and (m.start, m.end) in retract)]
        if phrase.remember is not None:
            head_memory[phrase.remember[0]] = phrase.remember[1]
        mentions += [ctx.mention(p.start, p.end, p.ref, p.kind) for p in outcome.mentions]
        consumed.update(h.position for h in outcome.consume)
        if outcome.bare_title is not None:
            bare_titles.append(outcome.bare_title)
        if outcome.deferred is not None:
            deferred.append(outcome.deferred)
        if outcome.pair is not None:
            pairs.append(outcome.pair)
    return AgentPhrases(tuple(mentions), frozenset(consumed), tuple(bare_titles),
                        tuple(deferred), tuple(pairs))
