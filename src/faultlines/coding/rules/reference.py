"""Rule 12 (unknown actors): which actor a token names, when it names one at all.

A token covered by a mention names the mention's actor; a pronoun is resolved through the
clause (the main subject, a possessive's subject, the nearest person); an argument no mention
covers becomes an ``x:`` actor only when it can act as a political agent. The doer of an attack
known only by its instrument is the one unidentified attacker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from anyascii import anyascii
from spacy.tokens import Token

from faultlines.coding.document import DocumentCoder
from faultlines.coding.lexicon import Cue
from faultlines.coding.syntax import (
    AGENT_ENTS,
    NOT_ACTOR_ENTS,
    phrase_text,
    quantified,
    subject_token,
    with_conjuncts,
)
from faultlines.coding.words import PERSON_PRONOUNS, RELATIVE
from faultlines.types import ActorRef

__all__ = ["UNIDENTIFIED_ID", "actor_ref", "actor_slug", "actors_of", "can_act", "unidentified",
           "unknown_name"]

#: Actor id of attackers the text does not name (CAMEO's "unidentified armed force").
UNIDENTIFIED_ID = "x:unidentified-attackers"
# How far back (in tokens) a he/him/his looks for a person, and a subject person.
_ANTECEDENT_REACH = 400
_SUBJECT_REACH = 80


def actor_slug(text: str) -> str:
    """Stable id for an actor the knowledge base does not know: ``x:`` + ASCII slug.

    >>> actor_slug("Shi'ite militias")
    'x:shiite-militias'
    """
    ascii_text = anyascii(text).lower().replace("'", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return "x:" + (slug or "unknown")


def unidentified(tok: Token) -> ActorRef:
    """unidentified attacker: "Two guards were *killed in a car bombing*" (no named doer)."""
    return ActorRef(text=phrase_text(tok), id=UNIDENTIFIED_ID, name="unidentified attackers",
                    sector="UAF")


def actor_ref(coder: DocumentCoder, tok: Token, *, own_mention: bool = True) -> ActorRef | None:
    """actor reference: "The *Kurdish villages* were shelled" -> the Kurds.

    The actor a token names: its mention, a modifier's mention, or an ``x:`` phrase.
    ``own_mention=False`` resolves a pronoun by itself even when a mention spans it ("his"
    in the mention "his fighters").
    """
    mention = coder.by_token.get(tok.i) if own_mention or tok.pos_ != "PRON" else None
    if mention is not None:
        return mention.actor
    if tok.pos_ == "PRON":
        return _pronoun_ref(coder, tok)
    if tok.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM") or tok.like_num:
        return None
    return _noun_ref(coder, tok)


def _pronoun_ref(coder: DocumentCoder, tok: Token) -> ActorRef | None:
    """pronoun: "Uganda said *it* had paid" -> Uganda."""
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
        return actor_ref(coder, tok.head.head)
    clause_subject = governing_subject(tok)
    if clause_subject is not None:
        return actor_ref(coder, clause_subject)
    owner = possessor_subject(coder, tok)
    if owner is not None and (owner.i in coder.by_token or owner.pos_ == "PROPN") and \
            _is_person(coder, owner) == (tok.lower_ in ("his", "her")):
        return actor_ref(coder, owner)
    if tok.lower_ in PERSON_PRONOUNS:
        return _antecedent(coder, tok)
    return None


def _noun_ref(coder: DocumentCoder, tok: Token) -> ActorRef | None:
    """noun: "*Mahdi Army positions*" are the Mahdi Army's; "the shrine" is no actor."""
    children = coder.children(tok)
    for child in children:
        if child.dep_ == "appos" and child.i in coder.by_token:
            return coder.by_token[child.i].actor  # "Egypt's ally Saudi Arabia"
    for child in children:
        if child.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod") and \
                child.i in coder.by_token:
            ref = coder.by_token[child.i].actor
            if not ref.id.startswith("x:") or can_act(coder, tok):
                return ref
    if tok.pos_ == "ADJ" and tok.ent_type_ not in ("NORP", "GPE") and not (
            names_group(tok) and tok.dep_ in ("amod", "compound")):
        return None
    if not can_act(coder, tok):
        # "Sunni neighborhoods", "Kurdish villages": a thing named after a group stands for
        # the group; "police stations" and "the election" stand for no one.
        group = next((c for c in children if c.dep_ in ("amod", "compound")
                      and c.i < tok.i and names_group(c) and not unknown_name(coder, c)),
                     None)
        return actor_ref(coder, group) if group is not None else None
    text = phrase_text(tok)
    return ActorRef(text=text, id=actor_slug(text), name=text)


def unknown_name(coder: DocumentCoder, tok: Token) -> bool:
    """unknown name: "*the al-Askari* shrine" is the shrine's own name, not an actor.

    A name the knowledge base does not know on a thing is usually the thing's own name;
    peoples ("Kurdish") are the exception.
    """
    mention = coder.by_token.get(tok.i)
    return mention is not None and mention.actor.id.startswith("x:") and \
        tok.ent_type_ != "NORP"


def can_act(coder: DocumentCoder, tok: Token) -> bool:
    """agent: "The *tribesmen* rose up"; "*the election*" cannot act.

    Named entities and proper nouns can; a common noun only when its head names people,
    groups or institutions (``person`` cues, the actors stage's sector nouns, *-man/-men*,
    *-ist*, *-ian*). Things, places, events and abstractions cannot, nor the actor's own
    people ("one of their own members").
    """
    if any(c.dep_ == "amod" and c.lower_ == "own" for c in coder.children(tok)):
        return False
    if tok.ent_type_ in ("FAC", "LOC"):
        return False  # "Firdos Square", "the Green Zone": places the actors stage left
    if tok.ent_type_ in AGENT_ENTS or tok.pos_ == "PROPN":
        return True
    if tok.pos_ == "ADJ":
        return tok.ent_type_ in ("NORP", "GPE")
    lemma, low = tok.lemma_.lower(), tok.lower_
    if coder.lex.is_cue(Cue.PERSON, lemma) or coder.lex.is_cue(Cue.PERSON, low):
        return True
    return (len(low) > 4 and low.endswith(("man", "men"))) or (
        len(lemma) >= 7 and lemma.endswith(("ist", "ian")))


def names_group(tok: Token) -> bool:
    """group modifier: "*Sunni* neighborhoods", "*Kurdish* villages", "*Hamas* offices".

    A modifier that names a people, organisation or country; not a person or a place's own
    name, nor a date ("the January elections").
    """
    if tok.ent_type_ in NOT_ACTOR_ENTS:
        return False
    return tok.ent_type_ in ("NORP", "ORG", "GPE") or (
        not tok.ent_type_ and tok.pos_ == "ADJ" and tok.text[:1].isupper()
        and tok.i > tok.sent.start)


def _is_person(coder: DocumentCoder, tok: Token) -> bool:
    """Whether a token is part of a person mention (a PERSON entity or a title)."""
    mention = coder.by_token.get(tok.i)
    if mention is None:
        return tok.ent_type_ == "PERSON"
    return any(m is mention for m in coder.persons)


def _antecedent(coder: DocumentCoder, tok: Token) -> ActorRef | None:
    """antecedent: "Maliki spoke. *He* said ..." -> Maliki (nearest person, two sentences).

    A person named as a subject nearby is likelier than one in a side phrase ("With Sadr on
    the run, he needs to").
    """
    best = None
    subject = None
    sentence_start = tok.sent.start
    for mention in coder.persons:
        if mention.start >= tok.i:
            break
        if sentence_start - mention.start < _ANTECEDENT_REACH:
            best = mention
            if coder.tokens[mention.end - 1].dep_ in ("nsubj", "nsubjpass") and \
                    sentence_start - mention.start < _SUBJECT_REACH:
                subject = mention
    if subject is not None and best is not None and \
            coder.tokens[best.end - 1].dep_ not in ("nsubj", "nsubjpass"):
        best = subject
    return best.actor if best is not None else None


def actors_of(coder: DocumentCoder, tokens: Iterable[Token]) -> list[ActorRef]:
    """actors: "*Israel and Jordan* signed a treaty" -> both (conjuncts, no abstract nouns)."""
    refs: list[ActorRef] = []
    seen: set[str] = set()
    for tok in tokens:
        for t in with_conjuncts(tok):
            if t.i not in coder.by_token and t.pos_ == "NOUN" and (
                    coder.lex.is_cue(Cue.ABSTRACT, t.lemma_.lower())
                    and not any(c.i in coder.by_token for c in coder.children(t))):
                continue  # "an attempt to ...", "the plan": not an actor
            ref = actor_ref(coder, t)
            if ref is not None and ref.id not in seen:
                seen.add(ref.id)
                refs.append(ref)
    return refs


def possessor_subject(coder: DocumentCoder, pron: Token) -> Token | None:
    """possessive: "Sadr called on *his* followers": a possessive in the object is Sadr's.

    Returns the subject of the nearest verb above a possessive *his/her/its/their* when the
    pronoun is not inside that subject, else None.
    """
    if pron.dep_ != "poss" or pron.lower_ not in ("his", "her", "its", "their"):
        return None
    verb = pron.head
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subjects = [s for s in clause_subjects(coder, verb) if s.pos_ != "PRON"]
    if not subjects or subjects[0].left_edge.i <= pron.i <= subjects[0].right_edge.i:
        return None
    return quantified(subjects[0])


def clause_subjects(coder: DocumentCoder, verb: Token) -> list[Token]:
    """The subject of ``verb``, or of the verb it is conjoined to ("X condemned ... and called
    on his followers")."""
    for _ in range(3):
        subj = coder.cached(subject_token, verb)
        if subj is not None:
            return [subj]
        if verb.dep_ not in ("conj", "xcomp") or verb.head.i == verb.i:
            return []
        verb = verb.head
    return []


def governing_subject(pron: Token) -> Token | None:
    """main subject: "Uganda said *it* had paid": a complement's subject pronoun."""
    if pron.dep_ not in ("nsubj", "nsubjpass") or pron.lower_ in RELATIVE:
        return None
    clause = pron.head
    for _ in range(4):
        if clause.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or clause.head.i == clause.i:
            return None
        clause = clause.head
        subj = subject_token(clause)
        if subj is not None and subj.lower_ in RELATIVE and clause.dep_ == "relcl":
            subj = clause.head  # "leaders who think they are helpful": the leaders
        # In a quote, "we" and "I" are the speaker wherever the speech verb stands.
        first_person = pron.lower_ in ("i", "we") and clause.i > pron.i
        if subj is not None and subj.pos_ != "PRON" and (subj.i < pron.i or first_person):
            if pron.lower_ == "they" and subj.tag_ in ("NN", "NNP") and not subj.conjuncts \
                    and subj.ent_type_ not in ("ORG", "GPE", "NORP"):
                # "the minister says they are willing": a singular speaker is not "they"
                return plural_antecedent(pron, subj)
            return quantified(subj)
    return None


def plural_antecedent(pron: Token, speaker: Token) -> Token | None:
    """The nearest plural noun before ``pron`` outside the speaker's own head ("a minister who
    met leaders of insurgent groups says they ..." -> groups), or None."""
    for tok in reversed(pron.doc[pron.sent.start:pron.i]):
        if tok.tag_ in ("NNS", "NNPS") and tok.i != speaker.i:
            return tok
    return None
