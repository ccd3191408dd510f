"""Agent phrases, step 3: decide what actor a phrase names, as an ordered table of rules.

Each rule takes the :class:`~faultlines.actors.passes.phrase_records.AgentView` and the
:class:`~faultlines.actors.passes.phrase_records.Phrase` and returns either the phrase (maybe
changed: a rule that *adjusts*) or an :class:`~faultlines.actors.passes.phrase_records.Outcome`
(a rule that *decides*: the pass stops there). :data:`AGENT_RULES` lists them in the order
they run; the last always decides. A rule's docstring starts with its name and an example.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from faultlines.actors.evidence import modifier_evidence, office_holder_of
from faultlines.actors.passes.context import STATE_SECTORS
from faultlines.actors.passes.hits import Hit
from faultlines.actors.passes.phrase_records import (
    AgentView,
    BareTitle,
    DeferredPhrase,
    Outcome,
    Phrase,
    PlannedMention,
    StatePair,
)
from faultlines.actors.passes.scan import POSSESSIVE
from faultlines.actors.passes.words import WordList, resolver_words
from faultlines.types import ActorRef

__all__ = ["AgentRule", "AGENT_RULES", "member_of", "distributed_segments", "segment_actor"]

_W = resolver_words()
_MEMBER_WORDS = _W[WordList.MEMBER_WORDS]
_FACTION_WORDS = _W[WordList.FACTION_WORDS]
_INSTITUTIONS = _W[WordList.INSTITUTIONS]
_LEADER_WORDS = _W[WordList.LEADER_WORDS]
_FORMER = _W[WordList.FORMER]
_PAIR_WORDS = _W[WordList.PAIR_WORDS]
_MEMBERSHIP_PREPS = _W[WordList.MEMBERSHIP_PREPS]
# "the media", "companies", "aid groups": often foreign or international; no default country
_NO_DEFAULT_COUNTRY = frozenset({"MED", "BUS", "NGO", "EDU", "HLH", "IGO"})
_DISTRIBUTING_KINDS = frozenset({"country", "demonym", "capital", "group"})
_ARTICLES = frozenset({"the", "a", "an"})

AgentRule = Callable[[AgentView, Phrase], "Phrase | Outcome"]


def _span(phrase: Phrase, ref: ActorRef, kind: str = "agent") -> PlannedMention:
    return PlannedMention(phrase.left, phrase.head + 1, ref, kind)


def _composed(view: AgentView, countries: tuple[str, ...], sector: str | None
              ) -> tuple[ActorRef, ...]:
    return tuple(view.ctx.resolver.composed_ref("", c, None, sector) for c in countries)


# ---------------------------------------------------------------- titles of named people

_TITLE_PREPS = frozenset({"for", "of"})


def _person_hit_at(view: AgentView, token: int) -> Hit | None:
    """The person's name covering ``token`` (a known person, or an unknown PERSON entity)."""
    for hit in view.ctx.hits_at.get(token, ()):
        target = hit.primary
        if target is None and hit.label == "PERSON":
            return hit
        if target is not None and target.kind in ("actor", "short") and \
                view.ctx.is_person(target.ref, hit):
            return hit
    return None


def title_of_named_person(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """title_of_named_person: "Tom Wren, Britain's foreign secretary," and "Minister for the
    Middle East Tom Wren" (parsed with the name inside the "for" phrase): the title describes
    the named person; it is not the office's holder nor an actor of its own."""
    if phrase.sector not in STATE_SECTORS or phrase.word in _INSTITUTIONS:
        return phrase
    tokens = view.ctx.tokens
    head = phrase.head
    if tokens.deps[head] == "appos" and _person_hit_at(view, tokens.heads[head]) is not None:
        return Outcome("title_of_named_person", consume=phrase.span_hits)
    for prep in tokens.rights(head):
        if tokens.deps[prep] != "prep" or tokens.lowers[prep] not in _TITLE_PREPS:
            continue
        for pobj in tokens.children[prep]:
            person = _person_hit_at(view, pobj) if tokens.deps[pobj] == "pobj" else None
            target = person.primary if person is not None else None
            if target is not None:
                ref = view.ctx.resolver.actor_ref(target.ref, "", view.ctx.date)
                return Outcome("title_of_named_person", (_span(phrase, ref, "title"),),
                               consume=phrase.span_hits)
            if person is not None:
                return Outcome("title_of_named_person", consume=phrase.span_hits)
    return phrase


# ---------------------------------------------------------------- organisations' people

def person_organisation(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """person_organisation: "Sadr's militia" is the Mahdi Army: a person's entry can say which
    organisation an agent noun next to them means."""
    if phrase.owner_person is None:
        return phrase
    kb = view.ctx.kb
    organisation = dict(kb.entries[phrase.owner_person].organisations).get(phrase.word)
    if organisation not in kb.entries:
        return phrase
    ref = view.ctx.resolver.actor_ref(organisation, "", view.ctx.date)
    return Outcome("person_organisation", (_span(phrase, ref),), consume=phrase.span_hits)


def member_of_named_organisation(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """member_of_named_organisation: "fighters of the Tarn Front": a member noun with an "of"
    phrase naming an organisation (not a person) belongs to it."""
    if phrase.owner_org is not None or phrase.word not in _MEMBER_WORDS:
        return phrase
    ctx, tokens = view.ctx, view.ctx.tokens
    owner_org = None
    for child in tokens.rights(phrase.head):
        if tokens.deps[child] == "prep" and tokens.lowers[child] == "of":
            for pobj in tokens.children[child]:
                h = view.first_hit.get(pobj)
                target = h.primary if h is not None else None
                if h is not None and target is not None and target.kind == "actor" and \
                        not ctx.is_person(target.ref, h):
                    owner_org = ctx.resolver.actor_ref(target.ref, "", ctx.date)
    return phrase if owner_org is None else phrase.updated(owner_org=owner_org)


def organisation_members(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """organisation_members: "Hezbollah fighters", "Dawa leaders": the organisation itself."""
    if phrase.owner_org is None or phrase.word not in _MEMBER_WORDS:
        return phrase
    return Outcome("organisation_members", (_span(phrase, phrase.owner_org),),
                   consume=phrase.span_hits)


# ---------------------------------------------------------------- coordinated modifiers

def _extend_left_over_commas(view: AgentView, phrase: Phrase
                             ) -> tuple[int, tuple[Hit, ...], tuple[tuple[int, int], ...]]:
    """"Kurdish, Sunni and American leaders" parsed with "Kurdish" outside the phrase: a comma
    list of modifiers that ends in this coordination belongs to it. The new first token, the
    hits, and the spans of the modifiers read as phrases of their own (to withdraw)."""
    tokens, hits_at = view.ctx.tokens, view.ctx.hits_at
    left, span_hits = phrase.left, phrase.span_hits
    retract: tuple[tuple[int, int], ...] = ()
    if not any(tokens.deps[t] == "cc" for t in range(left, phrase.head)):
        return left, span_hits, retract
    while left - 2 >= tokens.sent_start_of[phrase.head] and tokens.texts[left - 1] == ",":
        before = [h for h in hits_at.get(left - 2, ()) if h.end == left - 1
                  and h.kind in _DISTRIBUTING_KINDS]
        if not before:
            break
        left = before[0].start
        # it may have been read as a phrase of its own ("Kurdish" as a noun)
        retract += ((before[0].start, before[0].end),)
        span_hits = (*before, *span_hits)
    return left, span_hits, retract


def distributed_segments(view: AgentView, left: int, head: int, span_hits: tuple[Hit, ...]
                         ) -> list[list[Hit]]:
    """The modifiers of [left, head) split at "and" and commas, when at least two parts name
    something and one names a group; else [] (countries alone are already one actor each:
    "U.S. and Iraqi troops")."""
    tokens = view.ctx.tokens
    mods = [h for h in span_hits if h.owner and h.kind in _DISTRIBUTING_KINDS]
    if len(mods) < 2 or not any(h.kind == "group" for h in mods):
        return []
    seps = [t for t in range(left, head) if tokens.deps[t] == "cc" or tokens.texts[t] == ","]
    segments: dict[int, list[Hit]] = {}
    for h in mods:
        segments.setdefault(bisect.bisect_right(seps, h.start), []).append(h)
    return list(segments.values()) if len(segments) >= 2 else []


def segment_actor(view: AgentView, word: str, sector: str | None, part: list[Hit]) -> ActorRef:
    """The actor one part of a coordination names with the head ("Sunni" + "leaders")."""
    ctx = view.ctx
    countries = [h.primary.ref for h in part if h.kind != "group"]  # type: ignore[union-attr]
    groups = [h.primary.ref for h in part if h.kind == "group"]  # type: ignore[union-attr]
    group = groups[0] if groups else None
    if group and word in _LEADER_WORDS:
        sector = "ELI"
    if sector in STATE_SECTORS and word in _INSTITUTIONS:
        group = None
    country = countries[0] if countries else (
        ctx.group_country(group) if group else None) or ctx.dominant
    return ctx.resolver.composed_ref("", country, group, sector)


def distributed_modifiers(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """distributed_modifiers: "Kurdish, Sunni and Turkmen leaders": coordinated modifiers name
    one actor each (the head noun distributes over them)."""
    if phrase.owner_actor is not None or phrase.head_hit is not None:
        return phrase
    left, span_hits, retract = _extend_left_over_commas(view, phrase)
    if retract:
        phrase = phrase.updated(retract=phrase.retract + retract)
    segments = distributed_segments(view, left, phrase.head, span_hits)
    if not segments:
        return phrase
    mentions = tuple(PlannedMention(left, phrase.head + 1,
                                    segment_actor(view, phrase.word, phrase.sector, part),
                                    "compound") for part in segments)
    return Outcome("distributed_modifiers", mentions,
                   consume=tuple(h for h in span_hits if h.owner), retract=phrase.retract)


# ---------------------------------------------------------------- country, sector, groups

def recall_head_country(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """recall_head_country: "the Vantian administration ... the administration": a bare
    head takes the country the same head had before; a head with one country is remembered."""
    key = view.ctx.tokens.lemmas[phrase.head].lower()
    if phrase.countries and not phrase.groups and len(phrase.countries) == 1:
        return phrase.updated(remember=(key, phrase.countries[0]))
    if not phrase.countries and not phrase.groups and phrase.owner_actor is None and \
            key in view.head_memory:
        return phrase.updated(countries=(view.head_memory[key],))
    return phrase


def several_states(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """several_states: "Sunni Arab governments": a plural institution of a group with no
    country is the governments of several countries, not one."""
    several = bool(phrase.groups and not phrase.countries
                   and view.ctx.tokens.tags[phrase.head] == "NNS" and phrase.word in _INSTITUTIONS)
    return phrase.updated(several_states=several) if several else phrase


def office_holder(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """office_holder: "the British foreign secretary" in September 2016 is Boris Johnson: a
    title naming one office of one country is whoever held it on the document's date
    (:func:`evidence.office_holder_of`); a title that implies a country by itself ("the
    Foreign Secretary") gives that country, not the document's."""
    if phrase.sector != "GOV" or phrase.groups or phrase.owner_actor is not None \
            or phrase.owner_person is not None:
        return phrase
    ctx = view.ctx
    words = [w for w in ctx.tokens.texts[phrase.left:phrase.head + 1]
             if w.lower() not in _ARTICLES]
    found = modifier_evidence(words, ctx.kb, ctx.date)
    if found is None:
        return phrase
    holder = office_holder_of(found, ctx.kb, ctx.date)
    if holder is not None and holder in ctx.kb.entries:
        ref = ctx.resolver.actor_ref(holder, "", ctx.date)
        return Outcome("office_holder", (_span(phrase, ref, "title"),), consume=phrase.span_hits)
    if not phrase.countries and found.kind == "title" and not found.country.startswith("IGO"):
        return phrase.updated(countries=(found.country,), explicit=True)
    return phrase


def default_country(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """default_country: "Shiite militias" in a text about Iraq are Iraqi (the group's first
    home the text names); "the police" there take the document's dominant country (not the
    media, companies or aid groups, often foreign)."""
    ctx = view.ctx
    if phrase.countries:
        return phrase
    if phrase.groups:
        country = ctx.group_country(phrase.groups[0])
        return phrase.updated(countries=(country,) if country else ())
    if _one_official(view, phrase) and ctx.faces_dominant_state(phrase.left, phrase.head + 1):
        # "the foreign minister criticised Syria": a visitor or a critic, a sector only
        return phrase
    if ctx.dominant and phrase.sector not in _NO_DEFAULT_COUNTRY and (
            phrase.owner_actor is None or phrase.owner_actor.country is None):
        return phrase.updated(countries=(ctx.dominant,))
    return phrase


def _one_official(view: AgentView, phrase: Phrase) -> bool:
    """A single official ("the foreign minister", "a spokesman"), not an institution or a
    body of people ("the government", "officials", "troops")."""
    return phrase.sector in STATE_SECTORS and phrase.word not in _INSTITUTIONS and \
        view.ctx.tokens.tags[phrase.head] in ("NN", "NNP")


def group_leaders(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """group_leaders: "Druze leaders" are the group's notables (ELI), not a government."""
    if phrase.groups and phrase.word in _LEADER_WORDS:
        return phrase.updated(sector="ELI")
    return phrase


def former_officials(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """former_officials: "a former minister" no longer holds the office: a notable (ELI)."""
    lowers = view.ctx.tokens.lowers
    if phrase.sector in STATE_SECTORS and phrase.word not in _INSTITUTIONS and any(
            lowers[t] in _FORMER for t in range(phrase.left, phrase.head)):
        return phrase.updated(sector="ELI")
    return phrase


def state_institution(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """state_institution: "the Alawite-led government" is the country's government, not the
    group's; "Sunni Arab governments" are those of several countries, not the document's."""
    if phrase.sector not in STATE_SECTORS or phrase.word not in _INSTITUTIONS:
        return phrase
    if phrase.several_states:
        return phrase.updated(countries=()) if phrase.countries else phrase
    return phrase.updated(groups=()) if phrase.groups else phrase


def state_led_coalition(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """state_led_coalition: "the Saudi-led coalition" is an armed coalition the state leads
    (its MIL), not a coalition of parties; "the ruling coalition" stays a party one."""
    if phrase.word != "coalition" or not phrase.countries or phrase.groups:
        return phrase
    tokens = view.ctx.tokens
    if not any(tokens.lowers[t] == "led" for t in range(phrase.left, phrase.head)):
        return phrase
    return phrase.updated(sector="MIL")


def possessor_keeps_own_mention(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """possessor_keeps_own_mention: "Wren's cabinet": the cabinet is the state's, and Wren
    stays a mention of his own, so the network keeps the person and the institution."""
    person = phrase.person_hit
    if person is None or person.end >= phrase.head or \
            view.ctx.tokens.texts[person.end] not in POSSESSIVE:
        return phrase
    left = person.end + 1
    return phrase.updated(left=left,
                   span_hits=tuple(h for h in phrase.span_hits if h.start >= left))


def member_of(view: AgentView, noun: int) -> int | None:
    """Token of the phrase a member noun belongs to ("leaders of the insurgent groups",
    "hardliners within the administration"), when there is one."""
    tokens = view.ctx.tokens
    for child in tokens.rights(noun):
        if tokens.deps[child] == "prep" and tokens.lowers[child] in _MEMBERSHIP_PREPS:
            for pobj in tokens.children[child]:
                if tokens.deps[pobj] == "pobj" and tokens.pos[pobj] in ("NOUN", "PROPN"):
                    return pobj
    return None


def belonging_body(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """belonging_body: "members of the ruling council": a member or faction noun whose own
    words name no owner points at the body it belongs to."""
    if (phrase.word in _MEMBER_WORDS or phrase.word in _FACTION_WORDS) and not phrase.groups \
            and phrase.owner_actor is None and not phrase.explicit:
        via = member_of(view, phrase.head)
        return phrase if via is None else phrase.updated(via=via)
    return phrase


# ---------------------------------------------------------------- deciding

def pair_of_states(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """pair_of_states: "the two governments" after "Wren welcomed Osei": the two states the
    text just named (decided once all phrases are read)."""
    tokens = view.ctx.tokens
    if phrase.sector in STATE_SECTORS and tokens.tags[phrase.head] == "NNS" and \
            not phrase.explicit and not phrase.groups and phrase.owner_actor is None and any(
                tokens.lowers[c] in _PAIR_WORDS for c in tokens.children[phrase.head]):
        pair = StatePair(phrase.left, phrase.head + 1, phrase.sector,
                         _composed(view, phrase.countries, phrase.sector))
        return Outcome("pair_of_states", pair=pair)
    return phrase


def member_phrase(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """member_phrase: "leaders of the rebel groups", "hardliners within the Vantian
    administration": the actor of the phrase they belong to (read after all phrases are),
    else what the head noun alone gives (nothing for a faction word)."""
    if phrase.via is None and phrase.sector != "?":
        return phrase
    fallback = () if phrase.sector == "?" else _composed(view, phrase.countries, phrase.sector)
    if phrase.via is not None:
        return Outcome("member_phrase", deferred=DeferredPhrase(
            phrase.left, phrase.head + 1, phrase.via, fallback))
    return Outcome("member_phrase", tuple(_span(phrase, ref) for ref in fallback))


def bare_title(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """bare_title: "the prime minister": the titled person the document named before, decided
    after the names are read; else the country's government."""
    deps = view.ctx.tokens.deps
    bare = all(deps[c] == "det" or c >= phrase.phrase_start for c in phrase.lefts) and \
        not phrase.groups and phrase.owner_actor is None and \
        not [h for h in phrase.span_hits if h is not phrase.head_hit and h.owner]
    if phrase.sector != "GOV" or not bare:
        return phrase
    country = phrase.countries[0] if phrase.countries else None
    ref = view.ctx.resolver.composed_ref("", country, None, phrase.sector)
    return Outcome("bare_title", bare_title=BareTitle(phrase.left, phrase.head + 1, phrase.head,
                                                      ref))


def no_identity(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """no_identity: "the police" in a text that names no country: no actor to give it."""
    if not phrase.countries and not phrase.groups:
        return Outcome("no_identity")
    return phrase


def composed_actor(view: AgentView, phrase: Phrase) -> Phrase | Outcome:
    """composed_actor: "Vantian Druze militias" is VNT_DRUZE_REB: country, group and sector
    composed; one mention per country for "U.S. and Vantian troops"."""
    group = phrase.groups[0] if phrase.groups else None
    kind = "compound" if len(phrase.countries) > 1 else "agent"
    refs = [view.ctx.resolver.composed_ref("", country, group, phrase.sector)
            for country in phrase.countries or (None,)]
    return Outcome("composed_actor", tuple(_span(phrase, ref, kind) for ref in refs),
                   consume=tuple(h for h in phrase.span_hits if h.owner))


#: The agent-phrase rules in the order they run (after the head, extent and modifiers are
#: read); each returns the phrase (changed or not) to go on, or an Outcome to stop.
AGENT_RULES: tuple[AgentRule, ...] = (
    title_of_named_person,
    person_organisation,
    member_of_named_organisation,
    organisation_members,
    distributed_modifiers,
    recall_head_country,
    several_states,
    office_holder,
    default_country,
    group_leaders,
    former_officials,
    state_institution,
    state_led_coalition,
    possessor_keeps_own_mention,
    belonging_body,
    pair_of_states,
    member_phrase,
    bare_title,
    no_identity,
    composed_actor,
)
