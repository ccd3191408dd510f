"""Rules 2 and 14, swapped roles: the grammatical subject receives rather than acts.

*won him the endorsement of X* (``receiving`` cues): X acts, the receiver is the target.
*Y is dependent on X's funds* (``dependent`` cues): X gives AID to Y.
*trained Ukrainian soldiers*: a force trained or armed by another actor receives that actor's
military aid (PLOVER's AID: "military and police assistance including arms and personnel"); only
the actor's own force is mobilized.
"""

from __future__ import annotations

from spacy.tokens import Token

from faultlines.coding.categories import MOBILIZE
from faultlines.coding.document import DocumentCoder
from faultlines.coding.frame import Frame
from faultlines.coding.lexicon import Cue, LexiconEntry
from faultlines.coding.records import evolve
from faultlines.coding.rules.actor import agent_subjects
from faultlines.coding.rules.reference import actor_ref, actors_of
from faultlines.coding.syntax import OBJECT_DEPS, possessive_pronoun, verb_text
from faultlines.types import ActorRef

__all__ = ["dependent", "others_force", "receiving"]


def receiving(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """receiving: "The reform *won the premier the backing of* the clerics" -> clerics act."""
    noun = frame.noun
    if noun is None or not coder.lex.is_cue(Cue.RECEIVING, frame.tok.lemma_.lower()):
        return frame
    givers = tuple(p for c in coder.children(noun) if c.dep_ == "prep" and c.lower_ in
                   ("of", "from", "by") for p in coder.children(c) if p.dep_ == "pobj")
    if not givers:
        return None
    candidates = tuple(c for c in coder.children(frame.tok) if c.dep_ == "dative")
    return evolve(frame, candidates=candidates + frame.subjects, subjects=givers,
                   rule="roles")


def dependent(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """dependent: "The regime *is dependent on* Russian loans" -> Russia AID the regime."""
    if not coder.lex.is_cue(Cue.DEPENDENT, frame.tok.lemma_.lower()):
        return frame
    givers = tuple(p for c in coder.children(frame.tok)
                   if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                   for p in coder.children(c) if p.dep_ == "pobj")
    if not givers:
        return None
    return evolve(frame, candidates=frame.subjects, subjects=givers, rule="roles")


def _force_owners(coder: DocumentCoder, force: Token) -> list[ActorRef]:
    """Who a force is named as belonging to: its mention, or a named possessor or modifier
    ("Hezbollah fighters", "the rebels' fighters", "Ukrainian soldiers"); none for a bare
    force ("new recruits") or one owned by a possessive pronoun ("its soldiers")."""
    owners = [c for c in coder.children(force) if c.dep_ in ("poss", "compound", "amod", "nmod")
              and c.pos_ != "PRON" and c.i in coder.by_token]
    if force.i in coder.by_token:
        owners.append(force)
    if possessive_pronoun(force) is not None:
        return []  # "its soldiers": whoever "its" is, a pronoun names no other owner
    return [ref for ref in (actor_ref(coder, t) for t in owners) if ref is not None]


def _bare_giving_row(coder: DocumentCoder, lemma: str) -> LexiconEntry | None:
    """The verb's row without an object constraint when it gives (``train`` AID)."""
    return next((e for e in coder.lex.lookup(lemma, "VERB")
                 if e.specificity == 0 and e.category != MOBILIZE), None)


def others_force(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """others' force: "Britain *trained Ukrainian soldiers*" -> AID, not MOBILIZE.

    A verb whose force row is MOBILIZE (*train fighters*) and whose bare row gives (*train*
    AID) mobilizes only the actor's own force; a force named as someone else's (its mention,
    possessor or modifier is another actor, of another country or sector) receives aid.
    "The army trained its soldiers" stays MOBILIZE.
    """
    if frame.entry.category != MOBILIZE or not frame.entry.objects:
        return frame
    bare = _bare_giving_row(coder, frame.tok.lemma_.lower())
    if bare is None:
        return frame
    trainers = actors_of(coder, agent_subjects(coder, frame.tok))
    if not trainers:
        return frame
    own = {a.id for a in trainers} | {(a.country, a.sector) for a in trainers if a.country}
    forces = [c for c in coder.children(frame.tok) if c.dep_ in OBJECT_DEPS]
    if not any(ref.id not in own and (ref.country, ref.sector) not in own
               for force in forces for ref in _force_owners(coder, force)):
        return frame
    return evolve(frame, entry=bare, category=bare.category, text=verb_text(frame.tok, bare),
                  rule="roles")
