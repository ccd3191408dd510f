"""Agent phrases, step 2: read the modifiers: which countries, groups and named owners the
words of a phrase give it ("Iraqi Shiite militias", "Sadr's militia", "troops from Chad",
"his fighters").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from faultlines.actors.passes.context import COUNTRY_KINDS
from faultlines.actors.passes.hits import Hit, hits_within
from faultlines.actors.passes.phrase_records import AgentView, Phrase
from faultlines.actors.passes.words import WordList, resolver_words
from faultlines.types import ActorRef

__all__ = ["read_modifiers", "possessive_pronoun", "possessor"]

_W = resolver_words()
_ORIGIN_PREPS = _W[WordList.ORIGIN_PREPS]
_PERSONAL = frozenset({"his", "her"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})


class _Named(NamedTuple):
    """What the phrase's own hits name."""

    countries: list[str]
    groups: list[str]
    owner_actor: ActorRef | None
    owner_org: ActorRef | None
    owner_person: str | None
    person_hit: Hit | None


def _named_modifiers(view: AgentView, head_hit: Hit | None, group: str | None,
                     span_hits: tuple[Hit, ...]) -> _Named:
    """Countries, groups and named actors among the phrase's own hits ("Iraqi", "Shiite",
    "Sadr's")."""
    ctx = view.ctx
    countries: list[str] = []
    groups = [group] if group else []
    owner_actor = owner_org = None
    owner_person = person_hit = None
    for h in span_hits:
        target = h.primary
        if h is head_hit or not h.owner or target is None:
            continue
        if target.kind in COUNTRY_KINDS:
            countries.append(target.ref)
        elif target.kind == "group":
            groups.append(target.ref)
        elif target.kind in ("actor", "short"):
            owner_actor = ctx.resolver.actor_ref(ctx.resolve_target(h, target, view.memory),
                                                 h.text, ctx.date)
            if ctx.is_person(owner_actor.id, h):
                owner_person, person_hit = owner_actor.id, h
            else:
                owner_org = owner_actor
            if owner_actor.country:
                countries.append(owner_actor.country)
    return _Named(countries, groups, owner_actor, owner_org, owner_person, person_hit)


def _misspelt_countries(view: AgentView, left: int, phrase_start: int) -> list[str]:
    """Capitalised words before the agent words that no hit covers, spelt like a country
    ("Phillipine troops")."""
    tokens, found = view.ctx.tokens, []
    for t in range(left, phrase_start):
        if tokens.pos[t] == "PROPN" and t not in view.first_hit and tokens.texts[t][:1].isupper():
            country = view.ctx.misspelt_country(tokens.texts[t])
            if country:
                found.append(country)
    return found


def _countries_after(view: AgentView, head: int) -> list[str]:
    """"troops from Chad", "officials of Iran": countries in an of/in/from phrase on the head."""
    tokens, found = view.ctx.tokens, []
    for child in tokens.rights(head):
        if tokens.deps[child] == "prep" and tokens.lowers[child] in _ORIGIN_PREPS:
            for pobj in tokens.children[child]:
                h = view.first_hit.get(pobj)
                if h is not None and h.owner:
                    country = view.ctx.country_of(h)
                    if country:
                        found.append(country)
    return found


def possessive_pronoun(lowers: Sequence[str], deps: Sequence[str],
                       lefts: Sequence[int]) -> str | None:
    """The possessive pronoun among a head's left children ("his fighters": "his"), or None.

    >>> possessive_pronoun(["its", "troops"], ["poss", "ROOT"], (0,))
    'its'
    """
    return next((lowers[c] for c in lefts if deps[c] == "poss"
                 and lowers[c] in _POSSESSIVE_PRONOUNS), None)


def possessor(view: AgentView, noun: int, lefts: tuple[int, ...]) -> str | None:
    """"his fighters" / "its troops": the actor a possessive pronoun most plausibly means.

    Conservative: "his"/"her" is the nearest preceding person named in this or the previous
    sentence; "its"/"their" the nearest preceding country or organisation in this
    sentence."""
    ctx, tokens = view.ctx, view.ctx.tokens
    pronoun = possessive_pronoun(tokens.lowers, tokens.deps, lefts)
    if pronoun is None:
        return None
    sentence = ctx.sentence_of(noun)
    floor = tokens.sent_starts[max(0, sentence - 1)] if pronoun in _PERSONAL else \
        tokens.sent_starts[sentence]
    for i in range(noun - 1, floor - 1, -1):
        for hit in ctx.hits_at.get(i, ()):
            target = hit.primary
            if target is None or hit.end - 1 != i:
                continue
            if target.kind in ("actor", "short"):
                entry_id = ctx.resolve_target(hit, target, view.memory)
                if ctx.is_person(entry_id, hit) == (pronoun in _PERSONAL):
                    return entry_id
            elif target.kind == "country" and pronoun not in _PERSONAL:
                return target.ref
    return None


def read_modifiers(view: AgentView, phrase: Phrase, lefts: tuple[int, ...], left: int
                   ) -> Phrase:
    """The phrase with its extent (``lefts``, ``left``) and the hits, countries, groups and
    owners read from its words."""
    head = phrase.head
    span_hits = tuple(hits_within(view.ctx.hits_at, left, head + 1))
    named = _named_modifiers(view, phrase.head_hit, phrase.group, span_hits)
    countries, groups = named.countries, named.groups
    owner_actor, owner_org, owner_person = named.owner_actor, named.owner_org, named.owner_person
    if not countries:
        countries = _misspelt_countries(view, left, phrase.phrase_start)
    explicit = bool(countries)
    if not countries:
        countries = _countries_after(view, head)
    if owner_actor is None and not countries and not groups:
        # "its leaders" after "the Sadrist movement": the movement's own people; "his
        # troops" the person's
        entry_id = possessor(view, head, lefts)
        if entry_id is not None:
            ctx = view.ctx
            owner_actor = ctx.resolver.actor_ref(entry_id, "", ctx.date)
            kind = ctx.kb.entries[entry_id].kind
            if kind == "person":
                owner_person = entry_id
            elif kind != "country":
                owner_org = owner_actor
            if owner_actor.country:
                countries = [*countries, owner_actor.country]
    return Phrase(head, phrase.word, phrase.sector, phrase.group, phrase.phrase_start,
                  phrase.head_hit, left, lefts, span_hits, tuple(dict.fromkeys(countries)),
                  tuple(groups), explicit, owner_actor, owner_org, owner_person,
                  named.person_hit)
