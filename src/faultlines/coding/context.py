"""What the clause chain above a trigger says about it: intent, modals, negation, governing.

:func:`clause_context` climbs from a trigger through the clauses that govern it and returns a
frozen :class:`Context`; each step returns the record changed with ``dataclasses.replace``.
Who is speaking (a reporting verb, *according to*) is decided by :mod:`faultlines.coding.voice`,
which this walk calls where the chain meets a reporting verb; so is the event's modality.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Token

from faultlines.coding import voice
from faultlines.coding.document import DocumentCoder
from faultlines.coding.lexicon import Cue
from faultlines.coding.records import evolve
from faultlines.coding.rules.judged import judged_object
from faultlines.coding.rules.missions import is_mission
from faultlines.coding.rules.triggers import find_trigger
from faultlines.coding.syntax import CLAUSAL_DEPS, according_to, has_aux
from faultlines.coding.words import (
    ADVOCATE_AUX,
    CONDITIONAL,
    HYPOTHETICAL_AUX,
    INTENT_AUX,
    POTENTIAL_NOUNS,
)

__all__ = ["Context", "clause_context", "collect_markers"]

# How far up the clause chain the walk looks.
_MAX_CLIMB = 8


@dataclass(frozen=True)
class Context:
    """What the clause chain above a trigger says about it.

    >>> Context().negated, evolve(Context(), negated=True).negated
    (False, True)
    """

    governed: bool = False  # a complement of another trigger: coded as part of that one
    intent: str = ""  # the intent word ("will", "plans to"), empty when none
    negated: bool = False
    advocated: bool = False
    hypothetical: bool = False
    conditional: bool = False
    speech: Token | None = None  # the speech-verb token, if reported
    speaker: Token | None = None  # its subject token
    according_to: Token | None = None
    advocate_word: str = ""
    uncertain: bool = False  # "if/whether X will ...": no intent is stated
    quoted: bool = False  # inside quotation marks: someone's words, speaker maybe unknown
    vowed_conflict: bool = False  # "vowed to attack": a promise of violence is a threat


def _aux_marker(ctx: Context, child: Token, own: bool) -> Context:
    low = child.lower_
    if low in INTENT_AUX or (low == "going" and own):
        return ctx if ctx.intent else evolve(ctx, intent=child.text)
    if low in HYPOTHETICAL_AUX or low in ("would", "'d"):
        return evolve(ctx, hypothetical=True)
    if low in ADVOCATE_AUX:
        return evolve(ctx, advocated=True, advocate_word=ctx.advocate_word or child.text)
    return ctx


def collect_markers(coder: DocumentCoder, verb: Token, ctx: Context, *, own: bool,
                    aux_only: bool = False, negation: bool = True) -> Context:
    """markers: "The rebels *will not* attack *if* the talks go on" (intent, negation, if).

    The auxiliaries, negation and condition markers among ``verb``'s children, added to
    ``ctx``; ``own`` says ``verb`` is the trigger itself ("going to" counts only there).
    """
    for child in coder.children(verb):
        low = child.lower_
        dep = child.dep_
        if dep in ("aux", "auxpass"):
            ctx = _aux_marker(ctx, child, own)
        elif aux_only:
            continue
        elif dep in voice.NEGATION_DEPS and voice.negates(child):
            if negation:
                ctx = evolve(ctx, negated=True)
        elif dep == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in CONDITIONAL for m in coder.children(child)):
            ctx = evolve(ctx, conditional=True)
        elif dep == "mark" and (low in CONDITIONAL or low == "whether"):
            ctx = evolve(ctx, hypothetical=True, uncertain=True)
    return ctx


class _Step(NamedTuple):
    """One step up the clause chain: the context so far, where the walk stands, and
    whether it stops there (``stop``) or returns at once (``final``, a governed complement)."""

    ctx: Context
    cur: Token
    stop: bool = False
    final: bool = False


def _up(coder: DocumentCoder, ctx: Context, head: Token, **markers: bool) -> _Step:
    """Climb to ``head`` and add its markers."""
    return _Step(collect_markers(coder, head, ctx, own=False, **markers), head)


def _speech_step(coder: DocumentCoder, ctx: Context, cur: Token, head: Token) -> _Step | None:
    """reported: "Officials said the army *would* withdraw": *would* states intent.

    The walk stops at the reporting verb; who is speaking is :func:`voice.clause_voice`'s.
    """
    if not voice.is_report(coder, head):
        return None
    if has_aux(cur, {"would", "'d"}) and not ctx.intent:
        ctx = evolve(ctx, intent="would", hypothetical=False)
    return _Step(collect_markers(coder, head, ctx, own=False), head, stop=True)


def _clause_step(coder: DocumentCoder, ctx: Context, cur: Token, head: Token) -> _Step:
    """governing verbs (rule 5) and intent (rule 6): "The party *refused to join*".

    ``cur`` is a complement (or a gerund ``acl``) of ``head``.
    """
    dep, lex = cur.dep_, coder.lex
    head_lemma = head.lemma_.lower()
    speech = _speech_step(coder, ctx, cur, head)
    if speech is not None:
        return speech
    if dep == "xcomp" and is_mission(coder, head) and has_aux(cur, {"to"}):
        return _Step(ctx, cur, stop=True)  # "visited Damascus to demand ...": a purpose
    if dep in CLAUSAL_DEPS and find_trigger(coder, head) is not None and not (
            lex.is_cue(Cue.INTENT, head_lemma) or lex.is_cue(Cue.TRANSPARENT, head_lemma)
            or lex.is_cue(Cue.REFUSING, head_lemma)):  # the act refused
        return _Step(evolve(ctx, governed=True), cur, final=True)
    if lex.is_cue(Cue.INTENT, head_lemma) or (
            head.pos_ == "ADJ" and lex.is_cue(Cue.INTENT, head.lower_)):
        ctx = ctx if ctx.intent else evolve(ctx, intent=f"{head.text} to")
    elif voice.negating_verb(coder, head):
        if voice.negated_word(coder.view, head):
            # "did not fail to attack": the negations cancel; the attack is asserted
            return _up(coder, ctx, head, negation=False)
        ctx = evolve(ctx, negated=True)
    elif lex.is_cue(Cue.ADVOCATING, head_lemma) and dep == "xcomp":
        ctx = evolve(ctx, advocated=True,
                      advocate_word=ctx.advocate_word or f"{head.text} to")
    elif dep == "ccomp" or (dep == "acl" and not lex.is_cue(Cue.SPEECH, head_lemma)):
        # A that-clause under a non-speech verb ("will not tolerate Iran arming X"): the
        # matrix verb's negation and modals are not the clause's.
        return _Step(ctx, head, stop=True)
    elif dep == "acl":
        return _Step(ctx, head)
    return _up(coder, ctx, head)


def _step(coder: DocumentCoder, tok: Token, ctx: Context, cur: Token) -> _Step:
    """One step from ``cur`` to its head, or a stop."""
    dep, head = cur.dep_, cur.head
    if head.i == cur.i:
        return _Step(ctx, cur, stop=True)
    if dep in ("acl", "advcl", "relcl") and head.pos_ == "NOUN" and \
            head.lemma_.lower() in POTENTIAL_NOUNS:
        # "creates an incentive for X to inch closer to Y": a possibility, not an act
        return _Step(evolve(ctx, hypothetical=True), cur, stop=True)
    if dep in CLAUSAL_DEPS or (dep == "acl" and cur.tag_ == "VBG"):
        return _clause_step(coder, ctx, cur, head)
    if dep == "pcomp" and head.lower_ in ("of", "for") and judged_object(coder, cur) is not None:
        return _Step(ctx, cur, stop=True)  # "accused Iran of arming ...": the judge's words
    if dep in ("advmod", "oprd") and cur.i == tok.i and cur.pos_ in ("ADV", "ADJ"):
        return _up(coder, ctx, head)  # "inching closer to": the verb carries the markers
    if dep == "acomp":
        # "is prepared to", "would be ready to": the copula carries aux and speech.
        if coder.lex.is_cue(Cue.INTENT, cur.lower_) or coder.lex.is_cue(Cue.INTENT, cur.lemma_):
            ctx = ctx if ctx.intent else evolve(ctx, intent=f"{cur.text} to")
        return _up(coder, ctx, head)
    if dep == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in coder.children(cur)):
        return _up(coder, ctx, head, aux_only=True)
    return _Step(ctx, cur, stop=True)


def clause_context(coder: DocumentCoder, tok: Token) -> Context:
    """context: "Officials said the rebels *would not* attack" (reported, would, negated).

    Walk the clause chain above ``tok`` and collect modality markers; whose words the clause
    is comes from :func:`faultlines.coding.voice.clause_voice`. Cached per token: the stance
    finder asks the same question of the same predicates.
    """
    cached = coder.context_cache.get(tok.i)
    if cached is None:
        cached = coder.context_cache[tok.i] = _walk(coder, tok)
    return cached  # type: ignore[return-value]  # the cache holds Contexts only


def _walk(coder: DocumentCoder, tok: Token) -> Context:
    step = _Step(collect_markers(coder, tok, Context(), own=True), tok)
    for _ in range(_MAX_CLIMB):
        step = _step(coder, tok, step.ctx, step.cur)
        if step.final:
            return step.ctx
        if step.stop:
            break
    ctx, cur = step.ctx, step.cur
    said = voice.clause_voice(coder, tok)
    according = said.according_to or coder.cached(according_to, cur) or \
        coder.cached(according_to, tok)
    return evolve(ctx, speech=said.verb, speaker=said.speaker, according_to=according,
                   quoted=said.quoted)
