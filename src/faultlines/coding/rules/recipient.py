"""Rule 3 (recipient): who an act is aimed at.

:func:`recipient_candidates` lists the tokens that may name the target, best first;
:func:`pick_recipients` takes the first candidate that meets the best :class:`Tier`. A
candidate is never the actor's own people, a date or amount, or a thing's own name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import TYPE_CHECKING

from spacy.tokens import Token

from faultlines.coding.categories import (
    AGREE,
    CONSULT,
    COOPERATE,
    GIVING,
    MOBILIZE,
    SUPPORT,
    is_hostile,
)
from faultlines.coding.document import DocumentCoder
from faultlines.coding.lexicon import Cue
from faultlines.coding.records import evolve
from faultlines.coding.rules.reference import actor_ref, actors_of, can_act, unknown_name
from faultlines.coding.rules.triggers import find_trigger, noun_entry
from faultlines.coding.syntax import (
    CLAUSAL_DEPS,
    NOT_ACTOR_ENTS,
    OBJECT_DEPS,
    head_words,
    is_circumstance,
    is_passive,
    possessive_pronoun,
    subject_token,
)
from faultlines.coding.words import (
    CONDITIONAL,
    GROUND_NOUNS,
    GROUND_VERBS,
    NOUN_TARGET_PREPS,
    SHALLOW_PREPS,
    TARGET_PREPS,
)
from faultlines.types import ActorRef, polarity_of

if TYPE_CHECKING:  # the frame imports the clause walk, which imports the missions rules
    from faultlines.coding.frame import Frame

__all__ = ["Tier", "TIER_ORDER", "choose_recipients", "complement_places", "find_candidates",
           "nested_places", "noun_candidates", "object_places", "pick_recipients",
           "recipient_candidates", "shared_objects", "taken_from", "trigger_prep_participants"]

# How deep the search follows complements and event nouns.
_MAX_CLAUSE_DEPTH = 2
_MAX_NOUN_DEPTH = 2


class Tier(Enum):
    """What a target candidate must be to be chosen at that tier (best first: TIER_ORDER)."""

    MENTIONED = "a mention, a resolvable pronoun, or a noun with a mentioned modifier"
    PROPER = "a proper noun"
    AGENT = "a common noun that can act (people, groups, institutions)"
    OTHER = "any other common noun that is not an event, an abstraction or the thing given"


#: (candidates, tier) in the order tried: direct candidates before places ("in Mosul"), and
#: people before things ("detained tribesmen in Ramadi").
TIER_ORDER: tuple[tuple[str, Tier], ...] = (
    ("direct", Tier.MENTIONED), ("direct", Tier.PROPER), ("direct", Tier.AGENT),
    ("circumstantial", Tier.MENTIONED), ("circumstantial", Tier.PROPER),
    ("direct", Tier.OTHER),
)


def _mentioned(coder: DocumentCoder, tok: Token, themes: frozenset[int]) -> bool:
    return tok.i in coder.by_token or tok.pos_ == "PRON" or any(
        c.i in coder.by_token for c in coder.children(tok)
        if c.dep_ in ("compound", "amod", "poss"))


def _proper(coder: DocumentCoder, tok: Token, themes: frozenset[int]) -> bool:
    return tok.pos_ == "PROPN"


def _agent(coder: DocumentCoder, tok: Token, themes: frozenset[int]) -> bool:
    return tok.pos_ == "NOUN" and can_act(coder, tok)


def _other(coder: DocumentCoder, tok: Token, themes: frozenset[int]) -> bool:
    lemma = tok.lemma_.lower()
    return not (tok.pos_ != "NOUN" or noun_entry(coder, tok) is not None
                or coder.lex.is_cue(Cue.ABSTRACT, lemma)
                or (tok.i in themes and not coder.lex.is_cue(Cue.AGENT, lemma)))


_MEETS: dict[Tier, Callable[[DocumentCoder, Token, frozenset[int]], bool]] = {
    Tier.MENTIONED: _mentioned, Tier.PROPER: _proper, Tier.AGENT: _agent, Tier.OTHER: _other,
}
# TIER_ORDER with each tier's test, looked up once (an Enum hashes in Python).
_TIER_TESTS = tuple((group, _MEETS[tier]) for group, tier in TIER_ORDER)


def pick_recipients(coder: DocumentCoder, candidates: Sequence[Token], actor_ids: set[str], *,
                    themes: frozenset[int] = frozenset(),
                    home: frozenset[str] = frozenset(),
                    aimed: frozenset[int] = frozenset()) -> list[ActorRef]:
    """recipient: "Rebels seized the airport *in Kandahar*" -> Kandahar (a place tier).

    The first candidate of the best tier (:data:`TIER_ORDER`); ``aimed`` tokens count as
    direct even under a place preposition ("fired rockets at U.S. forces"). A country
    adjective naming one of the ``home`` countries (the actors' own) is never the target:
    "Bush promised American help" says nothing about a relation between Bush and America.
    """
    groups: dict[str, list[Token]] = {"direct": [], "circumstantial": []}
    for tok in candidates:
        place = is_circumstance(tok) and tok.i not in aimed
        groups["circumstantial" if place else "direct"].append(tok)
    # A candidate meets up to six tiers; what does not depend on the tier is worked out once.
    excluded: dict[int, bool] = {}
    found: dict[int, list[ActorRef]] = {}
    for group, meets in _TIER_TESTS:
        for tok in groups[group]:
            if tok.i not in excluded:
                excluded[tok.i] = _excluded_target(coder, tok, actor_ids)
            if excluded[tok.i] or not meets(coder, tok, themes):
                continue
            if tok.i not in found:
                found[tok.i] = _targets(coder, tok, actor_ids, themes, home)
            if found[tok.i]:
                return found[tok.i]
    return []


def _targets(coder: DocumentCoder, tok: Token, actor_ids: set[str], themes: frozenset[int],
             home: frozenset[str]) -> list[ActorRef]:
    own_kind = (tok.dep_ in ("amod", "compound") and tok.head.pos_ == "NOUN") or tok.i in themes
    return [r for r in actors_of(coder, [tok]) if r.id not in actor_ids
            and not (own_kind and r.sector is None and r.country in home)]


def _owned(coder: DocumentCoder, tok: Token, actor_ids: set[str]) -> bool:
    """own people: "The party expelled *its* members"; "rejoin *his* government" is a target
    when "his" is someone else."""
    if tok.dep_ not in ("dobj", "obj", "pobj"):
        return False
    poss = possessive_pronoun(tok)
    if poss is None:
        return False
    ref = actor_ref(coder, poss, own_mention=False) or actor_ref(coder, poss)
    if tok.dep_ == "pobj":  # "called on his followers": only when "his" is the actor
        return ref is not None and ref.id in actor_ids
    return ref is None or ref.id in actor_ids


def _excluded_target(coder: DocumentCoder, tok: Token, actor_ids: set[str]) -> bool:
    """Whether a candidate can never be the target, whatever the tier."""
    if tok.ent_type_ in NOT_ACTOR_ENTS or _owned(coder, tok, actor_ids) or (
            tok.dep_ in ("poss", "compound", "amod") and _owned(coder, tok.head, actor_ids)):
        return True  # "its troops", "his Mahdi Army": the actor's own
    # "the al-Askari shrine": the shrine's name, not an actor
    return tok.dep_ in ("amod", "compound") and unknown_name(coder, tok) and \
        not can_act(coder, tok.head)


def _direct_objects(coder: DocumentCoder, verb: Token, noun: Token | None) -> list[Token]:
    """objects: "The court *handed the activists* a sentence" (passive subject, objects)."""
    out: list[Token] = []
    children = coder.children(verb)
    if verb.dep_ == "amod" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        out.append(verb.head)
    if coder.cached(is_passive, verb):
        out += [c for c in children if c.dep_ == "nsubjpass"]
    elif verb.dep_ == "conj" and any(c.dep_ == "agent" for c in children):
        out += _conjoined_passive_subject(coder, verb)
    for child in children:
        if child.dep_ in ("dobj", "dative", "obj") and (noun is None or child.i != noun.i):
            if child.dep_ == "dative" and child.pos_ == "ADP":
                out += [p for p in coder.children(child) if p.dep_ == "pobj"]
            else:
                out.append(child)
    return out


def _conjoined_passive_subject(coder: DocumentCoder, verb: Token) -> list[Token]:
    """shared passive subject: "*The rebels* were armed and trained by Iran" -> the rebels.

    A participle with a *by* agent conjoined to another one (or to a predicate adjective)
    shares that one's subject, the ones acted on.
    """
    head = verb
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    for holder in (head, head.head) if head.dep_ == "acomp" else (head,):
        subj = next((c for c in coder.children(holder) if c.dep_ == "nsubjpass"), None) or \
            coder.cached(subject_token, holder)
        if subj is not None:
            return [subj]
    return []


def _object_agents(coder: DocumentCoder, verb: Token) -> list[Token]:
    """agent of the act judged: "Lula condemned *the riots by* Bolsonaro supporters".

    An active verb has no *by* agent of its own: a *by* phrase beside an event-noun object is
    that act's doer (the parser often hangs it on the verb), and a judgment or answer of the
    act is aimed at its doer before anyone the act touched ("the invasion of X by Y": Y).
    """
    children = coder.children(verb)
    if coder.cached(is_passive, verb):
        return []
    acts = [c for c in children if c.dep_ in ("dobj", "obj") and noun_entry(coder, c) is not None]
    if not acts:
        return []
    return [p for head in [verb, *acts] for c in coder.children(head)
            if c.dep_ == "prep" and c.lower_ == "by"
            for p in coder.children(c) if p.dep_ == "pobj"]


def _prepositional_objects(coder: DocumentCoder, verb: Token) -> list[Token]:
    """phrases: "fired rockets *at U.S. forces* on the outskirts of the city".

    Objects of the target prepositions in :data:`TARGET_PREPS` order, then the names nested
    inside them (a phrase's own object comes before the names nested in another phrase); a
    place or time phrase (:data:`SHALLOW_PREPS`) is searched only when it names an event.
    """
    children = coder.children(verb)
    out: list[Token] = []
    if verb.pos_ == "ADJ":
        # "suspicious of the premier", "wary of Iran": the of-object is the one judged
        out += [p for c in children if c.dep_ == "prep" and c.lower_ == "of"
                for p in coder.children(c) if p.dep_ == "pobj"]
    preps_by_word: dict[str, list[Token]] = {}
    for child in children:
        if child.dep_ == "prep":
            preps_by_word.setdefault(child.lower_, []).append(child)
    nested: list[Token] = []
    for prep_word in TARGET_PREPS:
        for child in preps_by_word.get(prep_word, ()):
            for pobj in coder.children(child):
                if pobj.dep_ == "pobj":
                    out.append(pobj)
                    # "agreed, in a meeting with Chile's president, to ...": an event noun
                    # under a shallow preposition has participants of its own
                    if prep_word not in SHALLOW_PREPS or noun_entry(coder, pobj) is not None:
                        nested += noun_candidates(coder, pobj, 1)
    return out + nested


def _pressed_subjects(coder: DocumentCoder, verb: Token) -> list[Token]:
    """pressed: "... *out of* the cabinet", "*unless Israel* rescinds": the one pressed."""
    children = coder.children(verb)
    out: list[Token] = []
    for child in children:
        if child.dep_ in ("prep", "prt", "advmod") and child.lower_ == "out":
            # "ordered his ministers out of Maliki's cabinet", "drove them out of Ramadi"
            out += [p for of in coder.children(child) if of.dep_ == "prep" and of.lower_ == "of"
                    for p in coder.children(of) if p.dep_ == "pobj"]
    for child in children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL
                                         for m in coder.children(child)):
            subj = coder.cached(subject_token, child)
            if subj is not None:
                out.append(subj)
    return out


def recipient_candidates(coder: DocumentCoder, verb: Token, noun: Token | None = None,
                         depth: int = 0) -> list[Token]:
    """candidates: "The envoy *demanded that the junta* free the prisoners" -> the junta.

    Tokens that may name the target, best first: passive subject and objects, participants
    of an event-noun object, prepositional objects, the one pressed, the subject of a
    demanded or refused clause.
    """
    out = _direct_objects(coder, verb, noun)
    out += _object_agents(coder, verb)
    if noun is not None:
        out += noun_candidates(coder, noun)
    out += _prepositional_objects(coder, verb)
    children = coder.children(verb)
    for child in children:
        if child.dep_ in ("dobj", "obj") and (noun is None or child.i != noun.i):
            out += noun_candidates(coder, child)
    out += _pressed_subjects(coder, verb)
    if depth < _MAX_CLAUSE_DEPTH:
        for child in children:
            if child.dep_ in CLAUSAL_DEPS or (child.dep_ == "advcl" and child.tag_ == "VB"):
                subj = coder.cached(subject_token, child)
                if subj is not None:
                    out.append(subj)
                out += recipient_candidates(coder, child, depth=depth + 1)
    return out


#: Prepositions that join what a verb acts on to the thing it is about ("the bombing *of* an
#: academy", "attacks *on* its clinics").
_ABOUT_PREPS = frozenset({"of", "on", "upon", "against", "into"})


#: Prepositions that place one thing by another ("a mosque *inside* a police compound").
_BESIDE_PREPS = frozenset({"inside", "near", "outside", "within", "beside", "behind", "next"})


def object_places(verb: Token) -> list[Token]:
    """place of the object: "Militants bombed *a market in Kirkuk*" -> Kirkuk.

    Objects of "in/at" phrases hanging off what a verb acts on, conjuncts included, then
    those of the thing an event-noun object is about (:func:`nested_places`).
    """
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    objects += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in (
        "on", "upon", "at", "against", "into") or c.lower_ in _BESIDE_PREPS
        for p in c.children if p.dep_ == "pobj"]
    nouns = [noun for obj in objects for noun in [obj, *obj.conjuncts]]
    return [p for noun in nouns for p in _places_of(noun)] + nested_places(nouns)


def complement_places(verb: Token, depth: int = 0) -> list[Token]:
    """complement place: "The council agreed *to open an office in Nairobi*" -> Nairobi.

    The places of what a complement clause acts on (:func:`object_places` of each ``xcomp``
    or ``ccomp`` verb, followed as deep as the candidates are): an agreement or a threat to
    do something to a thing in a place is aimed at whoever holds the place. They are
    circumstantial candidates, so any direct one is chosen first.
    """
    if depth >= _MAX_CLAUSE_DEPTH:
        return []
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ in CLAUSAL_DEPS and child.pos_ in ("VERB", "AUX"):
            out += object_places(child) + complement_places(child, depth + 1)
    return out


def _places_of(noun: Token, depth: int = 0) -> list[Token]:
    """where a thing stands: "a market *in Kirkuk*"; "a mosque inside a compound *in
    Peshawar*" (a thing placed by another thing stands where that one does)."""
    out = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
           for p in c.children if p.dep_ == "pobj"]
    if depth == 0:
        out += [p for c in noun.children if c.dep_ == "prep" and c.lower_ in _BESIDE_PREPS
                for inner in c.children if inner.dep_ == "pobj"
                for p in _places_of(inner, 1)]
    return out


def nested_places(nouns: Sequence[Token]) -> list[Token]:
    """nested place: "The bloc condemned *the bombing of an academy in Nairobi*" -> Nairobi.

    The place of what an object is about, one level down: a judgment of an attack on a
    building is a judgment aimed at whoever holds the place the building stands in.
    """
    return [p for noun in nouns for c in noun.children
            if c.dep_ == "prep" and c.lower_ in _ABOUT_PREPS
            for inner in c.children if inner.dep_ == "pobj" for p in _places_of(inner)]


#: Prepositions of a participle after an event noun that name the other party ("the deal
#: signed *with* Kyiv", "the sanctions imposed *on* Minsk", "the aid sent *to* the rebels").
_PARTICIPLE_PREPS = frozenset({"with", "on", "upon", "against", "to", "toward", "towards",
                               "between"})


def noun_candidates(coder: DocumentCoder, noun: Token, depth: int = 0) -> list[Token]:
    """noun participants: "demanded *the withdrawal of Serbian forces*" -> the forces.

    Participants hanging off an event noun: possessor, NORP modifier, prepositional objects,
    the agent or object of a participle ("crimes committed by Croat forces").
    """
    out: list[Token] = []
    children = coder.children(noun)
    for child in children:
        if child.dep_ == "poss":
            out.append(child)
        elif child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG"):
            out.append(child)
    for child in children:
        if child.dep_ == "prep" and child.lower_ in NOUN_TARGET_PREPS:
            for pobj in coder.children(child):
                if pobj.lower_ == "behalf" or pobj.lemma_.lower() == "side":
                    continue  # "an occupation on behalf of the Shiites": a beneficiary
                if pobj.dep_ == "pobj":
                    out.append(pobj)
                    if depth < _MAX_NOUN_DEPTH:
                        out += noun_candidates(coder, pobj, depth + 1)
        elif child.dep_ == "acl" and depth < _MAX_NOUN_DEPTH:
            out += [p for c in coder.children(child) if c.dep_ == "agent"
                    for p in coder.children(c) if p.dep_ == "pobj"]
            out += [c for c in coder.children(child) if c.dep_ in ("dobj", "dative")]
            # "the agreement reached with Iran", "sanctions imposed on Minsk"
            out += [p for c in coder.children(child)
                    if c.dep_ == "prep" and c.lower_ in _PARTICIPLE_PREPS
                    for p in coder.children(c) if p.dep_ == "pobj"]
    return out


def find_candidates(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """candidates: "The senator urged *the overthrow of the junta*" (the junta, via the noun)."""
    candidates = recipient_candidates(coder, frame.tok, frame.noun)
    candidates += trigger_prep_participants(coder, frame)
    candidates += shared_objects(coder, frame)
    return evolve(frame, candidates=tuple(candidates))


def shared_objects(coder: DocumentCoder, frame: Frame) -> list[Token]:
    """shared object: "Iran *armed and trained the militias*" -> the militias for *armed* too.

    A verb with no object of its own shares the objects of a conjoined verb that has no subject
    of its own and can code an act of the same polarity (a lexicon row of that polarity:
    *train* can be AID even where *trained fighters* reads MOBILIZE); "withdrew and bombed the
    town" gives the withdrawal no target.
    """
    children = coder.children(frame.tok)
    if any(c.dep_ in OBJECT_DEPS for c in children):
        return []
    out: list[Token] = []
    for conj in children:
        if conj.dep_ != "conj" or conj.pos_ != "VERB" or \
                coder.cached(subject_token, conj) is not None:
            continue
        polarity = polarity_of(frame.entry.category)
        if find_trigger(coder, conj) is not None and any(
                polarity_of(e.category) == polarity
                for e in coder.lex.lookup(conj.lemma_.lower(), "VERB")):
            out += [c for c in coder.children(conj) if c.dep_ in ("dobj", "obj")]
    return out


def trigger_prep_participants(coder: DocumentCoder, frame: Frame) -> list[Token]:
    """trigger's preposition: "The bloc *called for sanctions against Minsk*" -> Minsk.

    The object of the preposition the lexicon row names (*call for*, *push for*) is what the
    verb acts on, even when the preposition is otherwise a shallow one: the participants of
    that object are candidates, as those of a direct object are.
    """
    prep = frame.entry.prep
    if not prep or prep not in SHALLOW_PREPS:
        return []  # deep prepositions are searched by _prepositional_objects already
    return [p for c in coder.children(frame.tok) if c.dep_ == "prep" and c.lower_ == prep
            for pobj in coder.children(c) if pobj.dep_ == "pobj"
            for p in noun_candidates(coder, pobj)]


def _not_trigger_object(coder: DocumentCoder, frame: Frame, c: Token) -> bool:
    """"opened fire", "imposed a curfew": an object named by the lexicon row is part of the
    trigger, not a target, unless it names an actor ("received the minister")."""
    return not (c.head.i == frame.tok.i and c.dep_ in OBJECT_DEPS
                and bool(head_words(c) & frame.entry.objects)
                and c.i not in coder.by_token
                and not coder.lex.is_cue(Cue.AGENT, c.lemma_.lower()))


def _moved_forces(coder: DocumentCoder, verb: Token, depth: int = 0) -> set[int]:
    """moved force: "Mexico agreed *to send troops* to the border": what a deployment in a
    complement clause moves is the actor's own force, never the target (as for MOBILIZE
    itself); the place or party it goes to still is."""
    if depth >= _MAX_CLAUSE_DEPTH:
        return set()
    out: set[int] = set()
    for child in coder.children(verb):
        if child.dep_ not in CLAUSAL_DEPS or child.pos_ != "VERB":
            continue
        found = find_trigger(coder, child)
        if found is not None and found.entry.category == MOBILIZE:
            out |= {c.i for c in coder.children(child) if c.dep_ in OBJECT_DEPS}
        out |= _moved_forces(coder, child, depth + 1)
    return out


#: Entity types of places: ground an act is done on, never the one who held it.
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def _is_ground(tok: Token) -> bool:
    """ground: "Ramadi", "the airport", "control" (of a town)."""
    return tok.ent_type_ in _PLACE_ENTS or tok.lemma_.lower() in GROUND_NOUNS


def _can_hold(coder: DocumentCoder, tok: Token) -> bool:
    """holder: someone ground can be taken from ("from the militants"), not a place or a time
    ("from the hills", "from Monday night")."""
    return not _is_ground(tok) and tok.ent_type_ not in NOT_ACTOR_ENTS and (
        tok.i in coder.by_token or tok.pos_ == "PROPN" or can_act(coder, tok))


def _ground_objects(coder: DocumentCoder, verb: Token) -> list[Token]:
    """What a verb takes as ground: its place objects, or any object of a verb of retaking
    ("retook Hamdan": the small model may tag an unknown town as a person)."""
    objects = [c for c in coder.children(verb) if c.dep_ in ("dobj", "obj")]
    if verb.lemma_.lower() in GROUND_VERBS:
        return objects
    return [c for c in objects if _is_ground(c)]


def taken_from(coder: DocumentCoder, frame: Frame, candidates: list[Token]) -> list[Token]:
    """taken from: "Troops *retook Ramadi from the militants*" -> the militants.

    A hostile act on ground (a place, a town, control of an area) with a *from* phrase is
    aimed at whoever held the ground: the *from* object (not itself a place) comes first, and
    the ground, with every place inside it, is no target. Other acts keep their candidates.
    """
    tok = frame.tok
    if not is_hostile(frame.entry.category, frame.entry.lemma):
        return candidates
    ground = _ground_objects(coder, tok)
    held = [p for head in [tok, *ground] for c in coder.children(head)
            if c.dep_ == "prep" and c.lower_ == "from"
            for p in coder.children(c) if p.dep_ == "pobj" and _can_hold(coder, p)]
    if not ground or not held:
        return candidates
    dropped = {t.i for g in ground for t in g.subtree} | {h.i for h in held}
    return held + [c for c in candidates if c.i not in dropped]


#: Cooperative acts two parties do with each other: for conjoined actors, a place is no target.
_WITH_EACH_OTHER = frozenset({AGREE, CONSULT, COOPERATE, SUPPORT})


def choose_recipients(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """recipient: "Turkish jets struck Kurdish positions *in northern Iraq*".

    Filters the candidates by the act (the thing given, the trigger's own object, the
    actor's own force), adds the places an attack aims at, and picks by tier.
    """
    tok, entry = frame.tok, frame.entry
    candidates = list(frame.candidates)
    themes = frozenset(c.i for c in coder.children(tok) if c.dep_ in ("dobj", "obj")) \
        if entry.category in GIVING else frozenset()
    if entry.objects:
        candidates = [c for c in candidates if _not_trigger_object(coder, frame, c)]
    if entry.category == MOBILIZE or coder.lex.is_cue(Cue.MOTION, tok.lemma_.lower()):
        # "sent troops", "deployed two battalions": the object is the actor's own force.
        candidates = [c for c in candidates if c.i not in themes and c.dep_ not in OBJECT_DEPS]
    # "seized police stations in Najaf", "bombed a market in Kirkuk": an attack on a
    # place or thing is an attack on whoever holds the place it stands in.
    candidates += object_places(tok) + complement_places(tok)
    candidates = taken_from(coder, frame, candidates)
    moved = _moved_forces(coder, tok)
    if moved:
        candidates = [c for c in candidates if c.i not in moved]
    home = frozenset(a.country for a in frame.actors if a.country)
    # "fired rockets at U.S. forces": "at" names the target of a hostile act, not a place
    aimed = frozenset(p.i for c in coder.children(tok) if c.dep_ == "prep" and c.lower_ == "at"
                      for p in coder.children(c) if p.dep_ == "pobj") \
        if is_hostile(entry.category, entry.lemma) else frozenset()
    actor_ids = {a.id for a in frame.actors}
    if entry.category in _WITH_EACH_OTHER and len(actor_ids) > 1:
        # "Ethiopia and the rebels signed a deal in Pretoria": the parties deal with each
        # other (rule 4, pairs); the place they met in is no party
        candidates = [c for c in candidates if not is_circumstance(c) or c.i in aimed]
    recipients = pick_recipients(coder, candidates, actor_ids, themes=themes, home=home,
                                 aimed=aimed)
    return evolve(frame, recipients=tuple(recipients))
