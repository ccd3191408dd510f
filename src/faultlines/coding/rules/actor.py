"""Rule 2 (actor): who does the act a trigger names.

The subject; in the passive the *by* agent; a controlled clause's controller; the object of a
perception, pushing or ordering verb; the noun a participle hangs on. An attack noun in
subject position gives way to the named actor in it; other event nouns are no actor.
"""

from __future__ import annotations

from spacy.tokens import Token

from faultlines.coding.categories import VIOLENT
from faultlines.coding.document import DocumentCoder
from faultlines.coding.frame import Frame
from faultlines.coding.lexicon import Cue
from faultlines.coding.records import evolve
from faultlines.coding.rules.judged import judged_object
from faultlines.coding.rules.missions import is_mission
from faultlines.coding.rules.reference import actors_of, unidentified
from faultlines.coding.rules.triggers import find_trigger, is_event_noun, noun_entry
from faultlines.coding.syntax import (
    OBJECT_DEPS,
    has_aux,
    in_order_to,
    instrument,
    is_passive,
    quantified,
    subject_token,
)
from faultlines.coding.words import PROMISING, RELATIONAL_NOUNS, RELATIVE

__all__ = ["agent_subjects", "event_noun_subjects", "find_subjects", "resolve_actors"]

# How many controlling clauses the search climbs through.
_MAX_CONTROL = 6
_CONTROLLED_DEPS = frozenset({"xcomp", "advcl", "conj", "acomp", "pcomp", "advmod", "oprd"})


def agent_subjects(coder: DocumentCoder, verb: Token, seen: int = 0) -> list[Token]:
    """actor: "Talks were *held by the rival factions*" -> the factions (passive agent).

    Subject tokens of a verb: nsubj, passive agent, or inherited from a controlling verb.
    """
    if seen > _MAX_CONTROL:
        return []
    if coder.cached(is_passive, verb) or (verb.dep_ == "conj" and any(
            c.dep_ == "agent" for c in coder.children(verb))):
        # "The rebels were armed and trained by Iran": a conjoined participle is passive too
        return _passive_doer(coder, verb)
    subj = coder.cached(subject_token, verb)
    if subj is not None:
        if subj.lower_ in RELATIVE and verb.dep_ == "relcl":
            return [verb.head]
        return [quantified(subj)]
    if verb.dep_ == "relcl":
        return [verb.head]
    if verb.dep_ == "pcomp" and verb.head.pos_ == "ADP":
        return _prepositional_doer(coder, verb, seen)
    for child in coder.children(verb):
        # spaCy often parses a sentence-initial name as npadvmod ("Turkey massed troops").
        if child.dep_ == "npadvmod" and child.i < verb.i and child.i == verb.sent.start and (
                child.i in coder.by_token or child.pos_ == "PROPN"):
            return [child]
    if verb.dep_ in _CONTROLLED_DEPS and verb.head.i != verb.i:
        return _controller(coder, verb, seen)
    served = in_order_to(verb)
    if served is not None:  # "flew to Moscow in order to protest": the traveller protests
        return agent_subjects(coder, served, seen + 1)
    if verb.dep_ == "acl":
        return _participle_doer(coder, verb, seen)
    if verb.dep_ == "amod" and verb.tag_ == "VBN":
        return [c for c in coder.children(verb)
                if c.dep_ in ("npadvmod", "compound", "nmod", "amod") and c.i < verb.i][:1]
    return []


def _passive_doer(coder: DocumentCoder, verb: Token) -> list[Token]:
    """passive: "The town *was shelled by rebels*"; stative "X *is opposed to* Y": X acts."""
    for child in coder.children(verb):
        if child.dep_ == "agent":
            return [p for p in coder.children(child) if p.dep_ == "pobj"]
    for conj in coder.children(verb):
        # "were beaten and arrested by the police": the agent of both participles
        if conj.dep_ == "conj" and conj.tag_ == "VBN":
            for child in coder.children(conj):
                if child.dep_ == "agent":
                    return [p for p in coder.children(child) if p.dep_ == "pobj"]
    if coder.lex.is_cue(Cue.STATIVE, verb.lemma_.lower()):
        return [c for c in coder.children(verb) if c.dep_ == "nsubjpass"]
    return instrument(verb)


def _prepositional_doer(coder: DocumentCoder, verb: Token, seen: int) -> list[Token]:
    """gerund: "In *his op-ed urging* a boycott", "X did Y *by arming* Z".

    A possessed sibling noun names the doer; a judged object (rule 8) or the object kept
    "from" acting does; otherwise the verb the preposition hangs on.
    """
    prep = verb.head
    siblings = [p for p in coder.children(prep) if p.dep_ == "pobj"]
    poss = [c for sib in siblings for c in coder.children(sib) if c.dep_ == "poss"]
    if poss:
        return poss
    judged = judged_object(coder, verb)
    if judged is not None:
        return [judged]
    if prep.lower_ == "from" and prep.head.pos_ == "VERB":
        # "kept the army from destroying X", "prevented them from voting"
        obj = next((c for c in coder.children(prep.head) if c.dep_ in ("dobj", "obj")), None)
        if obj is not None:
            return [obj]
    if prep.head.i != prep.i:
        return agent_subjects(coder, prep.head, seen + 1)
    return []


def _object_controller(coder: DocumentCoder, verb: Token, head: Token) -> Token | None:
    """object control: "The council *urged the militias to* disarm" -> the militias act.

    Also under verbs that only enable the act ("encourages X to", "allowed X to"), but not
    under wishes ("wants X to": no act of X is stated) nor promises ("promised X to").
    """
    obj = next((c for c in coder.children(head) if c.dep_ in ("dobj", "dative")), None)
    if obj is None:
        return None
    lex, head_lemma = coder.lex, head.lemma_.lower()
    if find_trigger(coder, head) is None:
        if has_aux(verb, {"to"}) and not lex.is_cue(Cue.ATTITUDE, head_lemma) and \
                not lex.is_cue(Cue.EXPECTING, head_lemma) and \
                not lex.is_cue(Cue.SPEECH, head_lemma):
            return obj
        return None
    if not lex.is_cue(Cue.TRANSPARENT, head_lemma) and not is_mission(coder, head) and \
            head_lemma not in PROMISING:
        return obj
    return None


def _pushed(coder: DocumentCoder, verb: Token, head: Token) -> Token | None:
    """pushed: "The militias *were emboldened to* seize the mosque" -> the militias act."""
    if verb.dep_ in ("xcomp", "advcl") and has_aux(verb, {"to"}) and \
            coder.cached(is_passive, head) and \
            not any(c.dep_ == "agent" for c in coder.children(head)):
        pushed = [c for c in coder.children(head) if c.dep_ == "nsubjpass"]
        if pushed:
            return quantified(pushed[0])
    return None


def _reduced_relative(coder: DocumentCoder, verb: Token) -> Token | None:
    """reduced relative: "coalitions of Kurds *opposed to* the cleric" (hung on the main verb).

    A stance participle the parser attached to the main verb belongs to the noun right
    before it.
    """
    before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if verb.dep_ == "advcl" and verb.tag_ in ("VBN", "VBD") and before is not None and \
            before.pos_ in ("NOUN", "PROPN") and before.i in coder.by_token and \
            coder.lex.is_cue(Cue.STATIVE, verb.lemma_.lower()):
        return before
    return None


def _controller(coder: DocumentCoder, verb: Token, seen: int) -> list[Token]:
    """control: "The rebels *agreed to* lay down arms" -> the rebels lay them down."""
    head = verb.head
    if verb.tag_ == "VBG" and coder.lex.is_cue(Cue.PERCEPTION, head.lemma_.lower()):
        # "observed Allawi strengthening his ties": the one observed acts
        obj = next((c for c in coder.children(head) if c.dep_ in ("dobj", "obj")), None)
        if obj is not None:
            return [obj]
    for doer in (_reduced_relative(coder, verb), _pushed(coder, verb, head)):
        if doer is not None:
            return [doer]
    if verb.dep_ == "xcomp":
        obj = _object_controller(coder, verb, head)
        if obj is not None:
            return [obj]
    return agent_subjects(coder, head, seen + 1)


def _participle_doer(coder: DocumentCoder, verb: Token, seen: int) -> list[Token]:
    """participle: "Shi'ites *opposed to* Sadr" (stance) vs "the curfew *imposed* in Sudan".

    A gerund modifier's doer is the possessor of its noun ("his op-ed urging ...").
    """
    head = verb.head
    if verb.tag_ == "VBN":
        active = any(c.dep_ in ("dobj", "obj") for v in [verb, *verb.conjuncts]
                     for c in coder.children(v))  # a misparsed finite verb keeps its object
        return [head] if active or coder.lex.is_cue(Cue.STATIVE, verb.lemma_.lower()) else []
    poss = [c for c in coder.children(head) if c.dep_ == "poss"]
    if poss:
        return poss
    if head.i in coder.by_token or head.pos_ == "PROPN" or head.dep_ not in OBJECT_DEPS:
        return [head]
    return agent_subjects(coder, head.head, seen + 1)


def event_noun_subjects(coder: DocumentCoder, subjects: list[Token],
                        category: str) -> list[Token]:
    """attack noun: "*US drone strikes* killed ten fighters" -> the US.

    For attacks the noun's named modifier is the doer (or the noun stands in as an
    instrument); for other acts an event noun is no actor at all ("the fight ... has given
    him credibility").
    """
    out = []
    for subj in subjects:
        if subj.i in coder.by_token or subj.pos_ not in ("NOUN",) or \
                noun_entry(coder, subj) is None or subj.lemma_.lower() in RELATIONAL_NOUNS \
                or coder.lex.is_cue(Cue.AGENT, subj.lemma_.lower()):
            out.append(subj)
            continue
        if category not in VIOLENT:
            continue
        mods = [t for t in subj.doc[subj.left_edge.i:subj.i]
                if t.i in coder.by_token or t.pos_ == "PROPN"]
        out.append(mods[0] if mods else subj)
    return out


def find_subjects(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """actor: "*Syrian troops* fought the rebels" (the subject tokens of the trigger)."""
    subjects = event_noun_subjects(coder, agent_subjects(coder, frame.tok),
                                   frame.entry.category)
    return evolve(frame, subjects=tuple(subjects))


def resolve_actors(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """actors: "A roadside bomb killed two guards" -> the unidentified attackers.

    The actors the subject tokens name; an attack with no named doer has the one unknown
    attacker (one shared actor keeps the event without making "bombing" a network node);
    no actor, no event.
    """
    actors = actors_of(coder, frame.subjects)
    if not actors and frame.entry.category in VIOLENT:
        actors = [unidentified(s) for s in frame.subjects[:1] if is_event_noun(coder, s)]
    if not actors:
        return None
    return evolve(frame, actors=tuple(actors))
