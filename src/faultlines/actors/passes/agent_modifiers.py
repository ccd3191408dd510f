"""Agent phrases, step 2: read the modifiers: which countries, groups and named owners the
words of a phrase give it ("Iraqi Shiite militias", "Sadr's militia", "troops from Chad",
"his fighters").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from faultlines.actors.passes.context import COUNTRY_KINDS
from faultlines.actors.passes.hits import hits_within
from faultlines.actors.passes.phrase_records import AgentView, Phrase
from faultlines.actors.passes.words import WordList, resolver_words
from faultlines.types import ActorRef

__all__ = ["read_modifiers", "possessive_pronoun", "possessor"]

_W = resolver_words()
_ORIGIN_PREPS = _W[WordList.ORIGIN_PREPS]
_PERSONAL = frozenset({"his", "her"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})


def _named_modifiers(view: AgentView, phrase: Phrase) -> dict[str, Any]:
    """Countries, groups and named actors among the phrase's own hits ("Iraqi", "Shiite",
    "Sadr's"), as the phrase fields they set."""
    ctx = view.ctx
    countries: list[str] = []
    groups = [phrase.group] if phrase.group else []
    owner_actor = owner_org = None
    owner_person = person_hit = None
    for h in phrase.span_hits:
        target = h.primary
        if h is phrase.head_hit or not h.owner or target is None:
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
    return {"countries": tuple(countries), "groups": tuple(groups), "owner_actor": owner_actor,
            "owner_org": owner_org, "owner_person": owner_person, "person_hit": person_hit}


def _misspelt_countries(view: AgentView, phrase: Phrase) -> tuple[str, ...]:
    """Capitalised words before the agent words that no hit covers, spelt like a country
    ("Phillipine troops")."""
    tokens, found = view.ctx.tokens, []
    for t in range(phrase.left, phrase.phrase_start):
        if tokens.pos[t] == "PROPN" and t not in view.first_hit and tokens.texts[t][:1].isupper():
            country = view.ctx.misspelt_country(tokens.texts[t])
            if country:
                found.append(country)
    return tuple(found)


def _countries_after(view: AgentView, head: int) -> tuple[str, ...]:
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
    return tuple(found)


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


def _possessed(view: AgentView, phrase: Phrase, fields: dict[str, Any]) -> None:
    """"its leaders" after "the Sadrist movement": the movement's own people; "his troops"
    the person's (updates ``fields``)."""
    entry_id = possessor(view, phrase.head, phrase.lefts)
    if entry_id is None:
        return
    ctx = view.ctx
    owner: ActorRef = ctx.resolver.actor_ref(entry_id, "", ctx.date)
    kind = ctx.kb.entries[entry_id].kind
    fields["owner_actor"] = owner
    if kind == "person":
        fields["owner_person"] = entry_id
    elif kind != "country":
        fields["owner_org"] = owner
    if owner.country:
        fields["countries"] += (owner.country,)


def read_modifiers(view: AgentView, phrase: Phrase, lefts: tuple[int, ...], left: int
                   ) -> Phrase:
    """The phrase with its extent (``lefts``, ``left``) and the hits, countries, groups and
    owners read from its words."""
    span_hits = tuple(hits_within(view.ctx.hits_at, left, phrase.head + 1))
    phrase = Phrase(phrase.head, phrase.word, phrase.sector, phrase.group, phrase.phrase_start,
                    phrase.head_hit, left, lefts, span_hits)
    fields = _named_modifiers(view, phrase)
    if not fields["countries"]:
        fields["countries"] = _misspelt_countries(view, phrase)
    fields["explicit"] = bool(fields["countries"])
    if not fields["countries"]:
        fields["countries"] = _countries_after(view, phrase.head)
    if fields["owner_actor"] is None and not fields["countries"] and not fields["groups"]:
        _possessed(view, phrase, fields)
    fields["countries"] = tuple(dict.fromkeys(fields["countries"]))
    return phrase.updated(**fields)
