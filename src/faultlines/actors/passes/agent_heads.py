"""Agent phrases, step 1: find the head noun and the extent of the phrase.

A noun heads an agent phrase when it is a group word ("the Sunnis"), ends agent words
("security forces"), carries an agent adjective ("insurgent positions") or names a faction
("hardliners"). Each test is a small function of plain columns, so it can be tried on a parse
written by hand.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence

from faultlines.actors.passes.hits import Hit
from faultlines.actors.passes.phrase_records import AgentView, Phrase
from faultlines.actors.passes.scan import HYPHENS
from faultlines.actors.passes.tokens import TokenTable
from faultlines.actors.passes.words import WordList, resolver_words

__all__ = ["HEAD_WORDS", "NP_DEPS", "agent_words_before", "carried_agent", "find_head",
           "phrase_extent",
           "noun_phrase_left", "crosses_clause"]

_W = resolver_words()
_AGENT_CARRIERS = _W[WordList.AGENT_CARRIERS]
_FACTION_WORDS = _W[WordList.FACTION_WORDS]
#: Words that head an agent phrase without ending agent words (carriers and factions).
HEAD_WORDS = _AGENT_CARRIERS | _FACTION_WORDS
#: Dependencies that keep a word inside the noun phrase of its head.
NP_DEPS = frozenset({"det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "cc",
                     "conj", "punct", "case", "predet", "advmod", "npadvmod"})


def agent_words_before(lowers: Sequence[str], head: int, floor: int,
                       agents: Mapping[tuple[str, ...], str]) -> tuple[str, int] | None:
    """The longest agent phrase (3 words at most, not before ``floor``) ending at ``head``:
    (its sector, its first token), or None.

    >>> agents = {("troops",): "MIL", ("security", "forces"): "MIL"}
    >>> agent_words_before(["new", "security", "forces"], 2, 0, agents)
    ('MIL', 1)
    >>> agent_words_before(["security", "forces"], 1, 1, agents) is None  # floor after "security"
    True
    """
    low = lowers[max(floor, head - 2):head + 1]
    for length in (3, 2, 1):
        key = tuple(low[-length:])
        if len(low) >= length and key in agents:
            return agents[key], head - length + 1
    return None


def carried_agent(lowers: Sequence[str], deps: Sequence[str], lefts: Sequence[int],
                  agents: Mapping[tuple[str, ...], str], named: Container[int],
                  before: int) -> tuple[str, int] | None:
    """"insurgent positions", "militia commanders": the agent adjective before a carrier noun
    says who (a government word does not: "government positions"). Its sector and token,
    the first such word before ``before`` that no name covers, or None.

    >>> carried_agent(["insurgent", "positions"], ["amod", "ROOT"], [0], {("insurgent",):
    ...               "REB"}, set(), 1)
    ('REB', 0)
    """
    for child in lefts:
        mod = agents.get((lowers[child],))
        if deps[child] in ("amod", "compound") and mod and mod != "GOV" and \
                child not in named and child < before:
            return mod, child
    return None


def _group_head(hit: Hit, consumed: Container[int]) -> str | None:
    """The group a hit on the head noun names ("the Sunnis"), unless used up already."""
    target = hit.primary
    if target is None or target.kind != "group" or hit.position in consumed:
        return None
    return target.ref


def find_head(view: AgentView, i: int, consumed: Container[int]) -> Phrase | None:
    """The phrase token ``i`` heads, with its sector or group, or None when it heads none."""
    tokens, kb = view.ctx.tokens, view.ctx.kb
    word = tokens.lowers[i]
    if tokens.pos[i] not in ("NOUN", "PROPN") or tokens.deps[i] == "compound":
        return None
    head_hit = view.first_hit.get(i)
    if head_hit is not None:
        group = _group_head(head_hit, consumed)
        if group is None:
            return None
        return Phrase(i, word, group=group, phrase_start=i, head_hit=head_hit)
    sector, phrase_start = None, i
    if word in kb.agent_last_words:
        found = agent_words_before(tokens.lowers, i, tokens.sent_start_of[i], kb.agents)
        if found is not None:
            sector, phrase_start = found
    if word in _AGENT_CARRIERS:
        carried = carried_agent(tokens.lowers, tokens.deps, tokens.lefts(i), kb.agents,
                                view.first_hit, phrase_start)
        if carried is not None:
            sector, phrase_start = carried
    if sector is None and word in _FACTION_WORDS:
        # "hardliners within the administration": whoever the institution is
        sector = "?"
    if sector is None:
        return None
    return Phrase(i, word, sector=sector, phrase_start=phrase_start)


def crosses_clause(tokens: TokenTable, left: int, head: int) -> bool:
    """Does [left, head) reach across a clause (a verb not fused by a hyphen, "that")? Then
    the parse is wrong about the phrase.

    >>> from faultlines.actors.passes.tokens import tokens_from_columns
    >>> t = tokens_from_columns(["police", "that", "fled", "troops"], ["NOUN", "PRON", "VERB",
    ...     "NOUN"], ["nsubj", "nsubj", "relcl", "ROOT"], [3, 2, 0, 3])
    >>> crosses_clause(t, 0, 3), crosses_clause(t, 3, 3)
    (True, False)
    """
    pos, texts, lowers = tokens.pos, tokens.texts, tokens.lowers
    return any((pos[t] in ("VERB", "AUX") and texts[t - 1] not in HYPHENS)
               or lowers[t] == "that" for t in range(left, head))


def noun_phrase_left(tokens: TokenTable, head: int, floor: int) -> int:
    """The first word of the head's phrase read from the words themselves, not the tree:
    the run of phrase words right before it that point forward (for a mis-parse)."""
    deps, heads, pos = tokens.deps, tokens.heads, tokens.pos
    left = head
    while left > floor and deps[left - 1] in NP_DEPS and heads[left - 1] >= left and \
            pos[left - 1] != "VERB":
        left -= 1
    return left


def phrase_extent(view: AgentView, phrase: Phrase) -> tuple[tuple[int, ...], int]:
    """The head's left children inside the phrase and the phrase's first token.

    "Iranian-backed militias": the backer is an actor of its own, not part of the phrase
    (nor its country); the event coder makes it the SUPPORT's source."""
    tokens, i = view.ctx.tokens, phrase.head
    floor = tokens.sent_start_of[i]
    lefts = tuple(c for c in tokens.lefts(i) if tokens.deps[c] in NP_DEPS
                  and not view.ctx.backer_modifier(c))
    # a child without children of its own is its own left edge (no need to ask the parse)
    children, edges = tokens.children, tokens.left_edges
    left = min((edges[c] if children[c] else c for c in lefts), default=i)
    if left < floor or crosses_clause(tokens, left, i):
        # a mis-parse that reaches across a clause: keep the noun and its own words
        left = noun_phrase_left(tokens, i, floor)
    return lefts, left
