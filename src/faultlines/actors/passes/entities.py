"""Pass 2, entities: the named entities spaCy found that the scan did not explain.

Each entity is trimmed ("the", titles, possessives), then the first rule of :data:`ENTITY_RULES`
that decides it says what it is: a building or an operation (dropped), a place, an agent phrase
left to the agent-phrase pass, a describing adjective, a misspelt country, a known actor spelt
another way (transliteration-blind fuzzy matching), a town after "in" that the shared gazetteer
knows (:func:`faultlines.gazetteer.place_below_country`), else an unknown actor ``x:slug``.
The pass also finds the document's dominant country (:func:`find_dominant_country`).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Sequence
from typing import NamedTuple

from faultlines.actors.kb import Target
from faultlines.actors.normalize import PARTICLES, clean_name, fold_word, is_not_actor
from faultlines.actors.passes.context import DocumentContext
from faultlines.actors.passes.hits import Hit, hits_overlapping, numbered
from faultlines.actors.passes.scan import POSSESSIVE
from faultlines.actors.passes.tokens import EntitySpan, TokenTable
from faultlines.actors.passes.words import WordList, resolver_words
from faultlines.gazetteer import place_below_country

__all__ = ["Entity", "EntityDecision", "ENTITY_RULES", "trim_entity", "names_a_thing",
           "resolve_entities", "find_dominant_country", "agent_tail"]

_W = resolver_words()
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_TITLE_WORDS = _W.title_words
_GENERIC_CAPITALISED = _W[WordList.GENERIC_CAPITALISED]
_FACILITY_WORDS = _W[WordList.FACILITY_WORDS]
_OPERATION_WORDS = _W[WordList.OPERATION_WORDS]
_NAME_JOINERS = _W[WordList.NAME_JOINERS]
_PLACE_PREPS = _W[WordList.PLACE_PREPS]
#: Towns smaller than this are not taken for a name tagged as a person or organisation.
_TOWN_POPULATION = 5000
#: How many words before an entity a title may start.
_TITLE_REACH = 4


class Entity(NamedTuple):
    """A trimmed entity and what the scan already found inside it.

    ``needed``: its tokens a name must explain (not punctuation, particles or possessives);
    ``covered``: the tokens scan hits cover.
    """

    start: int
    end: int
    label: str
    text: str
    inside: tuple[Hit, ...]
    covered: frozenset[int]
    needed: frozenset[int]


class EntityDecision(NamedTuple):
    """What a rule made of an entity: hits it replaces (``drop``) and a hit to add."""

    drop: tuple[Hit, ...] = ()
    add: Hit | None = None


def trim_entity(tokens: TokenTable, span: EntitySpan) -> tuple[int, int]:
    """The entity without a leading "the" or punctuation, a trailing possessive or
    punctuation, and (for people) the title words before the name.

    >>> from faultlines.actors.passes.tokens import tokens_from_columns
    >>> t = tokens_from_columns(["the", "President", "Tom", "Wren", "'s"],
    ...     ["DET", "PROPN", "PROPN", "PROPN", "PART"], ["det", "compound", "compound", "poss",
    ...     "case"], [3, 3, 3, 3, 3])
    >>> trim_entity(t, EntitySpan(0, 5, "PERSON"))
    (2, 4)
    """
    lowers, punct, texts = tokens.lowers, tokens.punct, tokens.texts
    start, end = span.start, span.end
    while start < end and (lowers[start] == "the" or punct[start]):
        start += 1
    while end > start and (texts[end - 1] in POSSESSIVE or punct[end - 1]):
        end -= 1
    if span.label == "PERSON":
        while start < end - 1 and fold_word(texts[start]).lower() in _TITLE_WORDS:
            start += 1
    return start, end


def names_a_thing(tokens: TokenTable, start: int, end: int) -> bool:
    """Is the name at [start, end) a building or base ("the al-Askari shrine", "Al Asad
    air base") or the name of an operation ("the operation Charge of the Knights")?

    >>> from faultlines.actors.passes.tokens import tokens_from_columns
    >>> words = ["Troops", "began", "Operation", "Red", "Kite", "."]
    >>> t = tokens_from_columns(words, ["NOUN", "VERB", "PROPN", "PROPN", "PROPN", "PUNCT"],
    ...     ["nsubj", "ROOT", "compound", "compound", "dobj", "punct"], [1, 1, 4, 4, 1, 1])
    >>> names_a_thing(t, 3, 5), names_a_thing(t, 0, 1)
    (True, False)
    """
    texts, lowers = tokens.texts, tokens.lowers
    after = list(lowers[end:end + 2])
    if lowers[end - 1] in _FACILITY_WORDS or (after and after[0] in _FACILITY_WORDS) \
            or after == ["air", "base"]:
        return True
    # the capitalised chain the name ends ("Charge of the Knights") and the word before it
    first = start
    floor = tokens.sent_start_of[start]
    while first > floor and (texts[first - 1][:1].isupper() or lowers[first - 1] in
                             _NAME_JOINERS):
        first -= 1
    while first < start and lowers[first] in _NAME_JOINERS:
        first += 1
    if lowers[first] == "operation":
        return True
    return first > floor and lowers[first - 1] in _OPERATION_WORDS


def agent_tail(ctx: DocumentContext, start: int, end: int) -> int:
    """Length (3, 2, 1 or 0) of the agent phrase the span ends in ("the Iraqi Army": 1)."""
    low = tuple(ctx.tokens.lowers[start:end])
    agents = ctx.kb.agents
    return next((n for n in (3, 2, 1) if len(low) >= n and low[-n:] in agents), 0)


def _within(hits: Sequence[Hit], start: int, end: int) -> tuple[Hit, ...]:
    return tuple(h for h in hits if h.start >= start and h.end <= end)


# ---------------------------------------------------------------- the rules, in order
# Each takes the document and an entity and returns an EntityDecision, or None to leave the
# entity to the next rule.

def thing_not_actor(ctx: DocumentContext, ent: Entity) -> EntityDecision | None:
    """thing_not_actor: "Gunmen bombed the al-Nur shrine": a building, an air base or an
    operation is neither an actor nor a place to keep; its inner hits go too."""
    if ent.label not in ("GPE", "LOC") and names_a_thing(ctx.tokens, ent.start, ent.end):
        return EntityDecision(drop=_within(ent.inside, ent.start, ent.end))
    return None


def not_actor_word(ctx: DocumentContext, ent: Entity) -> EntityDecision | None:
    """not_actor_word: "a VBIED exploded in Jan.": weapons, vehicles, months, dates and generic
    words are never actors (``data/not_actors.txt``, :func:`normalize.is_not_actor`)."""
    return EntityDecision() if is_not_actor(ent.text) else None


def place_name(ctx: DocumentContext, ent: Entity) -> EntityDecision | None:
    """place_name: "fighting in Sadr City": a larger place name is a place, not the actor
    inside it; a misspelt country stays the country, "West Darfur State" a place in Sudan."""
    if ent.label not in _PLACE_LABELS:
        return None
    known = ctx.resolver.fuzzy_lookup(ent.text) if len(ent.needed) > 1 else \
        ctx.misspelt_country(ent.text)
    places = [t.ref for h in ent.inside for t in h.targets[:1]
              if t.kind in ("city", "country", "capital")]
    drop = _within(ent.inside, ent.start, ent.end)
    if known and ctx.kb.entries[known].kind == "country":
        return EntityDecision(drop, Hit(ent.start, ent.end, ent.text, (Target("country", known),)))
    if places:
        return EntityDecision(drop, Hit(ent.start, ent.end, ent.text, (Target("city", places[0]),)))
    return EntityDecision(drop)


def place_after_preposition(ctx: DocumentContext, ent: Entity) -> EntityDecision | None:
    """place_after_preposition: "clashes in Raqqah" tagged as a person or an organisation: a
    town or province the gazetteer knows, after "in/at/within ...", is a place, not an actor
    (small towns are left alone: a village may share a surname)."""
    before = ent.start - 1
    lowers = ctx.tokens.lowers
    if before >= 0 and lowers[before] == "the":
        before -= 1
    if ent.label not in ("PERSON", "ORG") or before < 0 or lowers[before] not in _PLACE_PREPS:
        return None
    town = place_below_country(ent.text, min_population=_TOWN_POPULATION)
    if town is None:
        return None
    return EntityDecision(_within(ent.inside, ent.start, ent.end),
                          Hit(ent.start, ent.end, ent.text, (Target("city", town.country_code),)))


def agent_phrase_entity(ctx: DocumentContext, ent: Entity) -> EntityDecision | None:
    """agent_phrase_entity: "the Iraqi Army", "the Administration": an agent phrase, read by
    the agent-phrase pass; "Quarry Hill University Medical School" has a name of its own."""
    tail = agent_tail(ctx, ent.start, ent.end)
    if not tail or ent.label == "PERSON":
        return None
    texts, lowers = ctx.tokens.texts, ctx.tokens.lowers
    named = [i for i in range(ent.start, ent.end - tail) if i not in ent.covered
             and texts[i][:1].isupper() and lowers[i] not in _TITLE_WORDS
             and lowers[i] not in _GENERIC_CAPITALISED]
    return None if named else EntityDecision()


def describing_adjective(ctx: DocumentContext, ent: Entity) -> EntityDecision | None:
    """describing_adjective: "a Socialist deputy": an unknown adjective describes, it does
    not act."""
    last = ent.end - 1
    if ent.label == "NORP" and len(ent.needed) == 1 and (
            ctx.tokens.pos[last] == "ADJ" or ctx.tokens.deps[last] in ("amod", "compound")):
        return EntityDecision()
    return None


def misspelt_country(ctx: DocumentContext, ent: Entity) -> EntityDecision | None:
    """misspelt_country: "talks with Quatar": one word spelt close to a country's name."""
    found = ctx.misspelt_country(ent.text) if len(ent.needed) == 1 else None
    if found:
        return EntityDecision(ent.inside, Hit(ent.start, ent.end, ent.text,
                                              (Target("country", found),)))
    return None


def whole_name_candidate(ctx: DocumentContext, ent: Entity) -> EntityDecision | None:
    """whole_name_candidate: "Minister for the Middle East Tobias Ellwood", "Joseph L.
    Votel[3]": the name without titles, initials and citation marks is one entry of the
    knowledge base (:meth:`KnowledgeBase.candidates`); a name several entries share is left
    to the next rules unless only one of them holds an office on the document's date."""
    if ent.label not in ("PERSON", "ORG"):
        return None
    kb = ctx.kb
    found: list[str] = []
    floor = ctx.tokens.sent_start_of[ent.start]
    # the title may start before the entity ("Minister for the | Middle East Tobias Ellwood")
    for start in range(max(floor, ent.start - _TITLE_REACH), ent.start + 1):
        found = [c for c in kb.candidates(clean_name(ctx.tokens.span_text(start, ent.end)),
                                          ctx.date)
                 if kb.entries.get(c) is not None and kb.entries[c].kind != "country"]
        if found:
            break
    if not found:
        return None
    if len(found) > 1 and (ctx.date is None or not kb.active_on(found[0], ctx.date)
                           or kb.active_on(found[1], ctx.date)):
        return None
    return EntityDecision(ent.inside, Hit(ent.start, ent.end, ent.text,
                                          (Target("actor", found[0]),)))


def spelt_like_known_actor(ctx: DocumentContext, ent: Entity) -> EntityDecision | None:
    """spelt_like_known_actor: "Moqtadah el-Sadr" is Muqtada al-Sadr. One word spelt like a
    known surname ("Al Asad" the air base) counts only when the document also names that
    actor in full."""
    found = ctx.resolver.fuzzy_lookup(ent.text) if ent.label in ("PERSON", "ORG") else None
    if found and (len(ent.needed) >= 2 or found in _named(ctx)):
        return EntityDecision(ent.inside, Hit(ent.start, ent.end, ent.text,
                                              (Target("actor", found),)))
    return None


def unknown_actor(ctx: DocumentContext, ent: Entity) -> EntityDecision | None:
    """unknown_actor: "the Tarn Valley Front said": a name the knowledge base lacks, kept as
    ``x:tarn-valley-front`` with the hits inside it (for its country)."""
    return EntityDecision(ent.inside, Hit(ent.start, ent.end, ent.text, (), label=ent.label,
                                          inner=tuple(h for h in ent.inside
                                                      if h.start >= ent.start)))


def _named(ctx: DocumentContext) -> frozenset[str]:
    """Refs the scan found anywhere in the document."""
    return frozenset(t.ref for h in ctx.hits for t in h.targets)


EntityRule = Callable[[DocumentContext, Entity], EntityDecision | None]
#: The entity rules in the order they are tried; the last always decides.
ENTITY_RULES: tuple[EntityRule, ...] = (
    thing_not_actor, not_actor_word, place_name, agent_phrase_entity, describing_adjective,
    misspelt_country, whole_name_candidate, spelt_like_known_actor, place_after_preposition,
    unknown_actor)


def _entity(ctx: DocumentContext, span: EntitySpan) -> Entity | None:
    """The trimmed entity, or None when the scan's hits already explain all of it."""
    start, end = trim_entity(ctx.tokens, span)
    if start >= end:
        return None
    texts, punct = ctx.tokens.texts, ctx.tokens.punct
    inside = tuple(hits_overlapping(ctx.hits_at, start, end))
    covered = frozenset(i for h in inside for i in range(h.start, h.end))
    needed = frozenset(i for i in range(start, end)
                       if not punct[i] and fold_word(texts[i]).lower() not in PARTICLES
                       and texts[i] not in POSSESSIVE)
    if needed <= covered:
        return None
    return Entity(start, end, span.label, ctx.tokens.span_text(start, end), inside, covered,
                  needed)


def resolve_entities(ctx: DocumentContext) -> tuple[Hit, ...]:
    """The scan's hits (``ctx.hits``) with the entities' decisions applied, sorted and
    numbered."""
    dropped: set[int] = set()
    added: list[Hit] = []
    for span in ctx.tokens.entities:
        if span.label not in _ACTOR_LABELS:
            continue
        ent = _entity(ctx, span)
        if ent is None:
            continue
        for rule in ENTITY_RULES:
            decision = rule(ctx, ent)
            if decision is not None:
                dropped.update(id(h) for h in decision.drop)
                if decision.add is not None:
                    added.append(decision.add)
                break
    return numbered([h for h in ctx.hits if id(h) not in dropped] + added)


def find_dominant_country(ctx: DocumentContext) -> DocumentContext:
    """The document with its default country for actors the text gives none: the country it
    places events in most often ("in Iraq", "in Baghdad"), else the one it names most often.

    Commentary about Iraq written in the U.S. names the U.S. often, but places the
    insurgents, the government and the militias in Iraq."""
    counts: Counter[str] = Counter()
    places: Counter[str] = Counter()
    deps, heads, lowers = ctx.tokens.deps, ctx.tokens.heads, ctx.tokens.lowers
    for hit in ctx.hits:
        country = ctx.country_of(hit)
        if not country:
            continue
        counts[country] += 1
        token = hit.end - 1
        kind = hit.kind
        placed = deps[token] == "pobj" and lowers[heads[token]] in _PLACE_PREPS  # "in Iraq"
        if placed or kind == "city" or (kind == "capital" and not ctx.is_state(token)):
            places[country] += 1
    dominant = places.most_common(1)[0][0] if places else (
        counts.most_common(1)[0][0] if counts else None)
    return dataclasses.replace(ctx, dominant=dominant, country_counts=counts)
