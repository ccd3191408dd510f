"""Pass 4, names: the hits no agent phrase used up become mentions, in document order, and
the document remembers them (surnames, titles, acronyms) for later short references.

Before that, title words before a person's name are made the person's ("Vantian President
Tom Wren": the adjective describes him) and a country adjective right before a group word
becomes the group's country ("Iraqi Sunnis": one actor, not Iraq plus the Sunnis).
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from faultlines.actors.normalize import PARTICLES, fold_word, fold_words, slugify, strip_titles
from faultlines.actors.passes.context import COUNTRY_KINDS, DocumentContext, NameMemory, compose_id
from faultlines.actors.passes.hits import Hit
from faultlines.actors.passes.person_evidence import unknown_person_evidence
from faultlines.actors.passes.words import WordList, resolver_words
from faultlines.types import ActorRef, Mention

__all__ = ["CountryRole", "NamedMentions", "country_role", "fold_key", "last_word", "clean_name",
           "parenthesised_acronym", "title_before", "read_names"]

_W = resolver_words()
_TITLES = _W.titles
_ACTION_NOUNS = _W[WordList.ACTION_NOUNS]
_UNDERGONE = _W[WordList.UNDERGONE]
_MODIFIER_DEPS = ("amod", "compound", "nmod")


def fold_key(text: str) -> list[str]:
    """Folded words of a name without a leading "the" ("the Tarn Front" -> Tarn, Front)."""
    words = fold_words(text)
    return words[1:] if words[:1] == ["the"] and len(words) > 1 else words


@functools.lru_cache(maxsize=4096)
def last_word(alias: str) -> str | None:
    """Folded last word of a name, particles aside.

    >>> last_word("Nouri al-Maliki"), last_word("al")
    ('maliki', None)
    """
    words = [w.lower() for w in fold_key(alias) if w.lower() not in PARTICLES]
    return words[-1] if words else None


def clean_name(text: str) -> str:
    """Strip quotes, dashes and brackets that cling to an entity.

    >>> clean_name('--Ada Quill"')
    'Ada Quill'
    """
    return re.sub(r"^[^\w]+|[^\w.]+$", "", text) or text


def parenthesised_acronym(texts: Sequence[str], after: int) -> str | None:
    """"Tarn Valley Front (TVF)": the acronym the text defines for a name ending before
    token ``after``, folded and lower case, or None.

    >>> parenthesised_acronym(["Tarn", "Front", "(", "TF", ")"], 2)
    'tf'
    """
    if after + 2 < len(texts) and texts[after] == "(" and texts[after + 2] == ")":
        word = texts[after + 1]
        if word.isupper() and 2 <= len(word) <= 8 and word.isalpha():
            return fold_word(word).lower()
    return None


def title_before(words: Sequence[str]) -> tuple[str, ...] | None:
    """The longest title (three words at most) the words end with, or None.

    >>> title_before(["the", "prime", "minister"]), title_before(["said"])
    (('prime', 'minister'), None)
    """
    for length in (3, 2, 1):
        key = tuple(words[-length:])
        if len(key) == length and key in _TITLES:
            return key
    return None


class CountryRole(enum.Enum):
    """What a country, capital or demonym names where it stands."""

    ETHNIC_GROUP = "ethnic group"  # "ethnic Albanians" in another country
    ACTING_STATE = "acting state"  # "Iranian interference"
    PLACE = "place"  # "Iraqi territory", "in Iraq"
    PEOPLE = "people"  # "Iraqis voted"
    STATE = "state"  # "Iran demanded", "talks with Tehran"


def _acts_through(head_word: str, after: bool, demonym: bool) -> bool:
    """"Iranian interference", "U.S. pressure": the state doing it, the same node as "Iran
    demanded" and "Tehran rejected"; "the Iraq invasion" is the invasion of Iraq."""
    return after and head_word in _ACTION_NOUNS and (demonym or head_word not in _UNDERGONE)


def country_role(lowers: Sequence[str], deps: Sequence[str], pos: Sequence[str], token: int,
                 head: int, dets: set[str], *, owner: bool, people: bool, demonym: bool,
                 is_state: Callable[[int], bool]) -> CountryRole:
    """The role of a country word (``token`` its last token, ``head`` its head, ``dets`` the
    lower-case det/amod children of the token).

    >>> role = lambda words, deps, pos, token, head, **kw: country_role(words, deps, pos,
    ...     token, head, set(), owner=True, people=False, demonym=True,
    ...     is_state=lambda t: deps[t] == "nsubj", **kw)
    >>> role(["Iranian", "interference"], ["amod", "ROOT"], ["ADJ", "NOUN"], 0, 1)
    <CountryRole.ACTING_STATE: 'acting state'>
    >>> role(["Iranian", "territory"], ["amod", "ROOT"], ["ADJ", "NOUN"], 0, 1)
    <CountryRole.PLACE: 'place'>
    >>> role(["Iran", "left"], ["nsubj", "ROOT"], ["PROPN", "VERB"], 0, 1)
    <CountryRole.STATE: 'state'>
    """
    if people and "ethnic" in dets:
        return CountryRole.ETHNIC_GROUP
    if owner and deps[token] in _MODIFIER_DEPS and _acts_through(lowers[head], head > token,
                                                                 demonym):
        return CountryRole.ACTING_STATE
    if pos[token] == "ADJ" or deps[token] in _MODIFIER_DEPS or not owner:
        return CountryRole.PLACE
    if people and "the" not in dets and is_state(token):
        return CountryRole.PEOPLE
    return CountryRole.STATE if is_state(token) else CountryRole.PLACE


@dataclass(frozen=True)
class NamedMentions:
    """The mentions the name pass made and what the document remembers of its names."""

    mentions: tuple[Mention, ...]
    memory: NameMemory


class _NameReader:
    """One run of the name pass; its dicts are the memory being built, read by later hits."""

    def __init__(self, ctx: DocumentContext, hits: tuple[Hit, ...], consumed: set[int]) -> None:
        self.ctx = ctx
        self.hits = hits
        self.consumed = consumed
        self.mentions: list[Mention] = []
        self.first_seen: dict[str, int] = {}
        self.surnames: dict[str, str] = {}
        self.titles: dict[str, dict[str, int]] = {}
        self.unknown_names: dict[str, ActorRef] = {}
        self.unknown_first: dict[str, int] = {}
        self.memory = NameMemory(self.first_seen, self.surnames, self.titles,
                                 self.unknown_names, self.unknown_first)

    def add(self, hit: Hit, ref: ActorRef, kind: str) -> None:
        self.mentions.append(self.ctx.mention(hit.start, hit.end, ref, kind))

    def run(self) -> NamedMentions:
        for hit in self.hits:
            if hit.position not in self.consumed:
                self.emit(hit)
        memory = NameMemory(*(MappingProxyType(m) for m in (  # type: ignore[arg-type]
            self.first_seen, self.surnames, self.titles, self.unknown_names,
            self.unknown_first)))
        return NamedMentions(tuple(self.mentions), memory)

    def emit(self, hit: Hit) -> None:
        ctx, target = self.ctx, hit.primary
        kind = "compound" if hit.compound else "entity"
        if target is None:
            self.emit_unknown(hit)
        elif target.kind in ("actor", "short"):
            entry_id = ctx.resolve_target(hit, target, self.memory)
            if ctx.kb.entries[entry_id].kind == "country":
                self.emit_country(hit, entry_id, kind)
                return
            self.remember(hit, entry_id)
            self.add(hit, ctx.resolver.actor_ref(entry_id, hit.text, ctx.date), kind)
        elif target.kind in COUNTRY_KINDS:
            self.emit_country(hit, target.ref, kind, target.kind == "demonym")
        elif target.kind == "city":
            # a city is where something happens, never the state ("in Falluja"): a place
            # mention of its country (the coder may take the country as a target; the store
            # does not list "Falluja" as a name of Iraq; the places stage locates it)
            self.add(hit, ctx.resolver.composed_ref("", target.ref, None, None), "place")
        elif target.kind == "group":
            country = hit.country or ctx.group_country(target.ref)
            self.add(hit, ctx.resolver.composed_ref("", country, target.ref, None), kind)

    def emit_country(self, hit: Hit, iso: str, kind: str, demonym: bool = False) -> None:
        """A country, capital or demonym: the state when it acts, else the place.

        Plural demonyms name people: "ethnic Albanians" in Macedonia are a group of Macedonia,
        "Iraqis voted" are Iraqi civilians, "the Iranians" (the other side) the state."""
        ctx, tokens, token = self.ctx, self.ctx.tokens, hit.end - 1
        people = demonym and (tokens.tags[token] in ("NNS", "NNPS") or (
            hit.text.endswith("s") and tokens.pos[token] in ("NOUN", "PROPN")))
        dets = {tokens.lowers[c] for c in tokens.children[token]
                if tokens.deps[c] in ("det", "amod")}
        role = country_role(tokens.lowers, tokens.deps, tokens.pos, token, tokens.heads[token],
                            dets, owner=hit.owner, people=people, demonym=demonym,
                            is_state=ctx.is_state)
        if role is CountryRole.ETHNIC_GROUP:
            home = ctx.dominant if ctx.dominant and ctx.dominant != iso else None
            name = f"ethnic {hit.text}" + (f" in {ctx.kb.name_of(home)}" if home else "")
            ref = ActorRef("", compose_id(home, f"ETH{iso}", None), name, home or iso, "ETH")
        else:
            sector = {CountryRole.ACTING_STATE: "GOV", CountryRole.STATE: "GOV",
                      CountryRole.PEOPLE: "CVL"}.get(role)
            ref = ctx.resolver.composed_ref("", iso, None, sector)
            if role is CountryRole.PLACE and hit.kind == "capital":
                kind = "place"  # "in Baghdad": a place of Iraq, as a city is
        self.add(hit, ref, kind)

    def remember(self, hit: Hit, entry_id: str) -> None:
        """Surnames and the title before the name, for later short references."""
        self.first_seen.setdefault(entry_id, hit.start)
        for surname in (*self.ctx.resolver.surnames_of(entry_id), last_word(hit.text)):
            if surname:
                self.surnames.setdefault(surname, entry_id)
        # a title right before the name ("Prime Minister Maliki") is remembered for
        # later bare uses ("the prime minister")
        lowers = self.ctx.tokens.lowers
        before = [w.rstrip(".") for w in lowers[max(0, hit.start - 3):hit.start]]
        inside = [w.rstrip(".") for w in lowers[hit.start:hit.end]]
        for length in (3, 2, 1):
            for key in (tuple(before[-length:]), tuple(inside[:length])):
                # a title before the name, or one the alias itself starts with
                # ("President George W. Bush"), as long as a name follows it
                if len(key) == length and key in _TITLES and len(inside) > length:
                    self.titles.setdefault(" ".join(key), {}).setdefault(entry_id, hit.start)
                    return

    def emit_unknown(self, hit: Hit) -> None:
        """A name the knowledge base lacks: a surname or acronym of an actor named before, else
        an ``x:`` actor of its own."""
        name = clean_name(hit.text)
        title = inner_title(hit)
        if title:  # "Taoiseach Eamon Rourke" is Eamon Rourke
            name = " ".join(name.split()[len(title):])
        words = [w.lower() for w in fold_key(name) if w.lower() not in PARTICLES]
        if not words:
            return
        last = words[-1]
        country, sector = _unknown_attributes(self.ctx, hit)
        if hit.label in ("PERSON", "ORG") and len(words) == 1:
            known = self.surnames.get(last)
            if known and known in self.ctx.kb.entries:
                self.add(hit, self.ctx.resolver.actor_ref(known, name, self.ctx.date), "entity")
                return
            if last in self.unknown_names:
                # a surname or an acronym of an unknown actor named in full before
                full = self.unknown_names[last]
                self.add(hit, ActorRef(name, full.id, full.name, country or full.country,
                                       sector or full.sector), "entity")
                return
        entry_id = "x:" + slugify(name)
        ref = ActorRef(name, entry_id, name, country, sector)
        if len(words) > 1:
            self.unknown_names.setdefault(last, ref)
            self.unknown_first.setdefault(entry_id, hit.start)
            acronym = parenthesised_acronym(self.ctx.tokens.texts, hit.end)
            if acronym:
                self.unknown_names.setdefault(acronym, ref)
        self.add(hit, ref, "entity")


def _unknown_sector(ctx: DocumentContext, hit: Hit) -> str | None:
    """"President X" -> GOV (a title before the name), "the X Brigade" -> MIL (agent words it
    ends in)."""
    lowers = ctx.tokens.lowers
    title = title_before([w.rstrip(".") for w in lowers[max(0, hit.start - 3):hit.start]]) or \
        title_before([w.rstrip(".") for w in inner_title(hit)])
    sector = _TITLES[title] if title is not None else None
    if sector is None:
        low = lowers[hit.start:hit.end]
        sector = next((ctx.kb.agents[tuple(low[-n:])] for n in (3, 2, 1)
                       if len(low) >= n and tuple(low[-n:]) in ctx.kb.agents), None)
    return sector


def inner_title(hit: Hit) -> list[str]:
    """The title an entity starts with when a person's name (two words at least) follows it:
    "Taoiseach" of "Taoiseach Eamon Rourke" (whatever spaCy's label); [] for "Defence
    Ministry" or a name alone.

    >>> inner_title(Hit(0, 3, "Taoiseach Eamon Rourke", (), label="ORG"))
    ['taoiseach']
    """
    text = clean_name(hit.text)
    bare = strip_titles(text)
    if bare == text or not text.endswith(bare) or len(bare.split()) < 2:
        return []
    title = text[:len(text) - len(bare)].lower().split()
    return title if title_before([w.rstrip(".") for w in title]) is not None else []


def _unknown_attributes(ctx: DocumentContext, hit: Hit) -> tuple[str | None, str | None]:
    """Country and sector of an unknown actor from words inside it and titles before it."""
    country = next((c for c in (ctx.country_of(inner, states_only=False) for inner in hit.inner)
                    if c), None)
    sector = _unknown_sector(ctx, hit)
    if country is None:
        for other in title_modifiers(ctx, hit):
            country = ctx.country_of(other, states_only=False) or country
    person = hit.label == "PERSON" or bool(inner_title(hit))
    if country is None and person:
        # "Secretary of State X", "X, Britain's foreign minister"; the country the document
        # is about is not evidence for a person
        found = unknown_person_evidence(ctx, hit)
        country = found.country if found is not None else None
    if country is None and person and sector is not None and \
            not ctx.faces_dominant_state(hit.start, hit.end):
        # "President X" in a text about one country is most likely its president
        country = ctx.dominant
    return country, sector


def title_modifiers(ctx: DocumentContext, hit: Hit) -> list[Hit]:
    """Country words in the title chain before a name ("Serbian President X", "Lebanon's new
    President X"): they describe the person, they are not actors."""
    heads = ctx.tokens.heads
    root = hit.end - 1
    found = []
    for i in range(max(0, hit.start - 4), hit.start):
        if hit.start <= heads[i] < hit.end or heads[heads[i]] == root:
            for other in ctx.hits_at.get(i, ()):
                target = other.primary
                if other is not hit and target is not None and (target.kind in COUNTRY_KINDS or (
                        target.kind == "actor" and not ctx.is_person(target.ref, other))):
                    # "Arab League Secretary General X" belongs to the Arab League
                    found.append(other)
    return found


def _is_person_hit(ctx: DocumentContext, hit: Hit) -> bool:
    target = hit.primary
    if target is None:
        return hit.label == "PERSON"
    return target.kind in ("actor", "short") and ctx.is_person(target.ref, hit)


def attach_title_modifiers(ctx: DocumentContext, consumed: set[int]) -> tuple[Hit, ...]:
    """"Vantian Prime Minister Tom Wren": the country adjective is his; an unknown person keeps
    it (for his country), a known one needs it not; "Democrats Ada Quill" still names the
    party. Adds to ``consumed``; returns the hits with unknown people's inner hits added."""
    hits, changed = list(ctx.hits), False
    for hit in ctx.hits:
        if not _is_person_hit(ctx, hit):
            continue
        others = title_modifiers(ctx, hit)
        if not hit.targets:
            if others:
                hits[hit.position] = hits[hit.position]._replace(
                    inner=hits[hit.position].inner + tuple(others))
                changed = True
            consumed.update(other.position for other in others)
        else:
            consumed.update(o.position for o in others if o.kind is not None and o.kind != "actor")
    return tuple(hits) if changed else ctx.hits


def attach_group_countries(ctx: DocumentContext, consumed: set[int]) -> tuple[Hit, ...]:
    """"the U.S.-Iraqi Sunni alliance": the adjective right before a group word is the
    group's country (the Iraqi Sunnis), one actor rather than Iraq plus the Sunnis. Adds to
    ``consumed``; returns the hits with the groups' countries set."""
    hits, changed = list(ctx.hits), False
    tokens = ctx.tokens
    for hit in ctx.hits:
        if hit.position in consumed or hit.kind != "group" or hit.start == 0:
            continue
        before = [h for h in ctx.hits_at.get(hit.start - 1, ())
                  if h.end == hit.start and h.position not in consumed and h.owner]
        if not before:
            continue
        other = before[-1]  # "U.S.-Iraqi": the part next to the group word
        token = other.end - 1
        if other.kind in ("country", "demonym") and (
                tokens.pos[token] == "ADJ" or tokens.deps[token] in _MODIFIER_DEPS):
            hits[hit.position] = hits[hit.position]._replace(country=other.primary.ref,  # type: ignore[union-attr]
                                      compound=hit.compound or other.compound)
            consumed.add(other.position)
            changed = True
    return tuple(hits) if changed else ctx.hits


def read_names(ctx: DocumentContext, consumed: frozenset[int]) -> NamedMentions:
    """Mentions of every hit the agent phrases did not use up (``consumed``), in order."""
    used = set(consumed)
    ctx = _with_hits(ctx, attach_title_modifiers(ctx, used))
    ctx = _with_hits(ctx, attach_group_countries(ctx, used))
    return _NameReader(ctx, ctx.hits, used).run()


def _with_hits(ctx: DocumentContext, hits: tuple[Hit, ...]) -> DocumentContext:
    """The context with these hits (the same one when they did not change)."""
    return ctx if hits is ctx.hits else ctx.with_hits(hits)

