"""Rule 7 (nominal events): an event noun no verb consumed, coded when it has its own actor.

The actor is a *by* agent, a possessor, a named modifier, *between X and Y*, or a copula
subject (*Iraq is in a civil war*); *X's ally Y* is X SUPPORT Y; a hyphen joins the parties
of a relation noun (*the U.S.-Iraqi alliance*). The host clause lends only its attribution.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from faultlines.coding.categories import VIOLENT
from faultlines.coding.context import Context, clause_context
from faultlines.coding.document import DocumentCoder
from faultlines.coding.emission import SentenceEvents
from faultlines.coding.lexicon import LexiconEntry
from faultlines.coding.rules.alliances import emit_opposition, opponents, stray_partners
from faultlines.coding.rules.recipient import noun_candidates, pick_recipients
from faultlines.coding.rules.reference import actor_ref, actors_of
from faultlines.coding.rules.triggers import find_trigger
from faultlines.coding.syntax import OBJECT_DEPS, is_passive, subject_token, within_phrase
from faultlines.coding.words import AGENT_OF_NOUNS, ENTANGLED, RELATIONAL_NOUNS, RELATIVE
from faultlines.types import ActorRef, polarity_of

__all__ = ["code_nominals", "hyphen_partners", "nominal_participants"]

#: A noun's actor (actor refs) and its target candidates (tokens).
Participants = tuple[list[ActorRef], list[Token]]
_HOST_CLIMB = 6
_COPULA_CLIMB = 4


def hyphen_partners(coder: DocumentCoder, noun: Token) -> list[ActorRef]:
    """hyphen: "the *Sunni-Shiite* peace agreement" joins the Sunnis with the Shiites.

    The parties a hyphenated modifier joins, in text order; empty when the modifiers are not
    hyphen-joined actors. A bare country that is also the country of a following group is
    that group's nationality ("Iraqi Sunni"), not a third party.
    """
    span = noun.doc[noun.left_edge.i:noun.i]
    hyphenated = any("-" in t.text.strip("-") and len(coder.all_by_token.get(t.i, ())) > 1
                     for t in span) or any(
        t.text == "-" and not t.whitespace_ and t.i > span.start and
        t.i - 1 in coder.all_by_token and t.i + 1 in coder.all_by_token for t in span)
    if not hyphenated:
        return []
    refs: list[ActorRef] = []
    for t in span:
        for mention in sorted(coder.all_by_token.get(t.i, ()), key=lambda m: m.start):
            if mention.actor.id not in {r.id for r in refs}:
                refs.append(mention.actor)
    grouped = {r.country for r in refs if r.sector is not None and r.country}
    refs = [r for r in refs if not (r.sector is None and r.country in grouped)]
    return refs if len(refs) > 1 else []


def _named_doers(coder: DocumentCoder, noun: Token, entry: LexiconEntry) -> list[Token]:
    """doer: "violence against Sunnis *by Shiite militias*", "*his* offensives", "*Shiite*
    violence" (a place compound of an attack noun is its target: "the Iraq invasion")."""
    owners = [noun]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        owners.append(noun.head.head)  # "the beginning of violence ... by militias"
    agents = [p for owner in owners for c in coder.children(owner)
              if c.dep_ == "prep" and c.lower_ == "by"
              for p in coder.children(c) if p.dep_ == "pobj"][:1]
    if agents:
        return agents
    possessors = [c for c in coder.children(noun) if c.dep_ == "poss"]
    if possessors:
        return possessors
    for child in coder.children(noun):
        if child.dep_ in ("amod", "compound", "nmod") and child.i < noun.i and (
                child.i in coder.by_token or child.ent_type_ in ("NORP", "GPE", "ORG")):
            if entry.category in VIOLENT and child.ent_type_ in ("GPE", "LOC") \
                    and child.dep_ == "compound":
                return []
            return [child]
    return []


def _copula_subject(coder: DocumentCoder, noun: Token) -> Token | None:
    """copula: "Iraq *is in* a civil war", "fighters who are *locked in* a standoff"."""
    anchor = noun.head
    for _ in range(_COPULA_CLIMB):
        if anchor.dep_ == "prep" and anchor.lower_ == "in" and (
                anchor.head.lemma_ == "be" or (anchor.head.lemma_ in ENTANGLED
                                               and is_passive(anchor.head))):
            subj = subject_token(anchor.head) or next(
                (c for c in coder.children(anchor.head) if c.dep_ == "nsubjpass"), None)
            if subj is not None and subj.lower_ in RELATIVE and anchor.head.dep_ == "relcl":
                subj = anchor.head.head
            return subj
        anchor = anchor.head
        if anchor.head.i == anchor.i:
            break
    return None


def _agent_of_phrase(coder: DocumentCoder, noun: Token,
                     of_pobjs: list[Token]) -> tuple[list[Token], list[Token]]:
    """of-agent: "won *the backing of the clerics*" (the clerics back; the receiver is the
    target). Returns (actor tokens, target tokens)."""
    targets: list[Token] = []
    if noun.dep_ in OBJECT_DEPS:
        targets += [c for c in coder.children(noun.head) if c.dep_ == "dative"]
        if not targets:
            subj = subject_token(noun.head)
            if subj is not None:
                targets.append(subj)
    return of_pobjs[:1], targets


def _relational_targets(coder: DocumentCoder, noun: Token) -> list[Token]:
    """ally: "Iran's ally *Hezbollah*" (parsed as two subjects, meant as apposition)."""
    named = [c for c in coder.children(noun) if c.dep_ == "appos"]
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if not named and after is not None and after.i in coder.by_token and \
            after.pos_ == "PROPN" and (after.head.i == noun.head.i or
                                        noun.head.i == after.i or after.head.i == noun.i):
        named = [after]
    return named or [noun]


def _between(coder: DocumentCoder, between: list[Token]) -> Participants:
    """between: "an alliance *between Fatah and Hamas*": X acts, Y (and further conjuncts)
    is the target."""
    first = actor_ref(coder, between[0])
    if first is None:
        return [], []
    return [first], [c for c in between[0].conjuncts if c.i > between[0].i]


def _relational_predicate(coder: DocumentCoder, noun: Token,
                          of_pobjs: list[Token]) -> Participants:
    """relation: "Syria *is (remains, became) an ally of* Iran"; otherwise no actor."""
    if noun.dep_ == "attr" and noun.head.lemma_ in ("be", "remain", "become") and of_pobjs:
        subj = subject_token(noun.head)
        if subj is not None:
            return actors_of(coder, [subj]), of_pobjs[:1]
    return [], []


def nominal_participants(coder: DocumentCoder, noun: Token,
                         entry: LexiconEntry) -> Participants:
    """nominal: "*Shiite violence against Sunnis*" -> Shiites ASSAULT Sunnis.

    Actor and target candidates of a free-standing event noun.
    """
    lemma = noun.lemma_.lower()
    actor_toks = _named_doers(coder, noun, entry)
    of_pobjs = [p for c in coder.children(noun) if c.dep_ == "prep" and c.lower_ in ("of", "by")
                for p in coder.children(c) if p.dep_ == "pobj"]
    target_toks: list[Token] = []
    if not actor_toks and lemma in AGENT_OF_NOUNS and of_pobjs:
        actor_toks, target_toks = _agent_of_phrase(coder, noun, of_pobjs)
    between = [p for c in noun.subtree if c.dep_ == "prep" and c.lower_ == "between"
               and within_phrase(c, noun) for p in coder.children(c) if p.dep_ == "pobj"]
    if not actor_toks and between:
        return _between(coder, between)
    if not actor_toks and noun.dep_ == "pobj":
        subj = _copula_subject(coder, noun)
        actor_toks = [subj] if subj is not None else []
    if not actor_toks and lemma in RELATIONAL_NOUNS:
        return _relational_predicate(coder, noun, of_pobjs)
    if lemma in RELATIONAL_NOUNS:
        target_toks += _relational_targets(coder, noun)
    by_agent = bool(actor_toks) and actor_toks[0].head.lower_ == "by"
    target_toks += [t for t in noun_candidates(coder, noun)
                    if not (by_agent and t.head.i == noun.i and t.dep_ in ("amod", "compound"))]
    target_toks += between
    actors = actors_of(coder, actor_toks)
    if lemma in RELATIONAL_NOUNS and target_toks and target_toks[0].i == noun.i:
        return actors, [noun]  # "its Shiite allies": the allies themselves are the target
    return actors, [t for t in target_toks if t.i not in {a.i for a in actor_toks}]


def _host_attribution(coder: DocumentCoder, tok: Token) -> Context:
    """host clause: "the costs of *X's alliance with Y* must be spelled out": the alliance
    is asserted; only the host clause's attribution applies to the noun."""
    host = tok.head
    for _ in range(_HOST_CLIMB):
        if host.pos_ in ("VERB", "AUX") or host.head.i == host.i:
            break
        host = host.head
    host_ctx = clause_context(coder, host) if host.pos_ in ("VERB", "AUX") else Context()
    return Context(speech=host_ctx.speech, speaker=host_ctx.speaker,
                   according_to=host_ctx.according_to, quoted=host_ctx.quoted)


def _describes_act(coder: DocumentCoder, tok: Token, consumed: set[int]) -> bool:
    """Whether a noun is no event of its own: consumed by a verb, inside an actor's name
    ("the Shiite alliance"), or the object of another trigger (it describes that act)."""
    if tok.i in consumed or tok.i in coder.by_token:
        return True
    return tok.dep_ in OBJECT_DEPS and tok.head.i != tok.i and \
        find_trigger(coder, tok.head) is not None


def _joined_by_hyphen(coder: DocumentCoder, tok: Token, paired: Sequence[ActorRef]) -> bool:
    return bool(paired) and not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in (
        "by", "between", "with")) for c in coder.children(tok))


def code_nominals(coder: DocumentCoder, nouns: Sequence[Token], consumed: set[int],
                  out: SentenceEvents) -> None:
    """nominal: "*Shiite violence against Sunnis* has grown" -> Shiites ASSAULT Sunnis.

    Codes each of a sentence's nouns that no verb consumed and that is no part of another
    act.
    """
    for tok in nouns:
        if not _describes_act(coder, tok, consumed):
            _code_nominal(coder, tok, out)


def _code_nominal(coder: DocumentCoder, tok: Token, out: SentenceEvents) -> None:
    found = find_trigger(coder, tok)
    if found is None:
        return
    entry, text = found.entry, found.text
    paired = hyphen_partners(coder, tok)
    actors, recipient_toks = nominal_participants(coder, tok, entry)
    if _joined_by_hyphen(coder, tok, paired):
        # "the U.S.-Iraqi alliance": the hyphen joins the two parties of the relation
        actors, recipient_toks = paired[:1], []
    if not actors:
        return
    ctx = _host_attribution(coder, tok)
    stray = stray_partners(tok)
    recipient_toks = stray + list(recipient_toks)
    against = opponents(tok, stray) if polarity_of(entry.category) > 0 else []
    dropped = {t.i for o in against for t in o.subtree}
    recipients = pick_recipients(
        coder, [t for t in recipient_toks if t.i not in dropped], {a.id for a in actors},
        home=frozenset(a.country for a in actors if a.country))
    if paired and actors == paired[:1]:
        recipients = paired[1:]
    targets: list[ActorRef | None] = list(recipients) or [None]
    for actor in actors:
        for recipient in targets:
            out.emit(entry.category, actor, recipient, entry.intensity, ctx, text, tok,
                     "nominal")
    emit_opposition(coder, out, actors + recipients, against, ctx, text, tok)
