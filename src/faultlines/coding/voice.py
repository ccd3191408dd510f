"""Whose words a clause is, and whether it is negated: one module for events and stance cues.

The event coder asks *who said it* (a reporting verb above or beside the clause, *according
to X*) to set an event's modality and ``attributed_to``; the stance finder asks *is this the
author's own voice* (quotation marks, a reporting verb with a speaker other than I/we) to keep
only the author's judgements. Both ask whether a clause is negated. The answers come from
here, from the same reporting verbs (the ``speech`` cues of ``coding/data/cues.tsv``) and the
same negation words.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.attrs import ORTH
from spacy.strings import hash_string  # type: ignore[attr-defined]  # not in spaCy's stubs
from spacy.tokens import Doc, Token

from faultlines.coding.document import DocumentCoder
from faultlines.coding.lexicon import Cue, Lexicon
from faultlines.coding.rules.reference import actors_of
from faultlines.coding.rules.triggers import find_trigger
from faultlines.coding.syntax import according_to, subject_token
from faultlines.coding.words import RELATIVE
from faultlines.nlp.view import ParseView
from faultlines.types import ActorRef

if TYPE_CHECKING:
    from faultlines.coding.context import Context

__all__ = [
    "NEGATION_WORDS",
    "find_speech",
    "is_negation",
    "modality",
    "negated_predicate",
    "negating_verb",
    "quoted_tokens",
    "reported_by_other",
    "reporting_speaker",
    "speaker_of",
]

#: Words that negate the word they modify ("not", "never", "no credibility", "hardly").
NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "hardly", "scarcely", "barely"})
_AUTHOR_PRONOUNS = frozenset({"i", "we"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "parataxis", "conj"})
_OPEN_QUOTES = frozenset({"“", "«", "„"})
_CLOSE_QUOTES = frozenset({"”", "»"})
# String ids of the quotation marks: a document is scanned for them with ``Doc.to_array``,
# without building a Token per word.
_QUOTE_IDS = frozenset(hash_string(q) for q in _OPEN_QUOTES | _CLOSE_QUOTES | {'"'})
_MAX_CLIMB = 8


# --------------------------------------------------------------------------- negation

def is_negation(child: Token) -> bool:
    """negation (events): "The army did *not* withdraw", "Iran *never* recognised X".

    Whether a child of a verb negates the verb's act (the coder's reading of negation).
    """
    return child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ == "never")


def negating_verb(coder: DocumentCoder, head: Token) -> bool:
    """negating verb: "The talks *failed to* produce a deal": the complement did not happen."""
    return coder.lex.is_cue(Cue.NEGATING, head.lemma_.lower())


def negated_word(view: ParseView, tok: Token) -> bool:
    """negation (stance): "*not* inept", "*no* credibility", "*hardly* a statesman".

    Whether a word (an evaluative adjective, noun or verb) is negated by one of its children.
    """
    return any(c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in NEGATION_WORDS)
               for c in view.children(tok))


def negated_predicate(view: ParseView, verb: Token, cues: Lexicon) -> bool:
    """negated predicate: "X did *not* show resolve", "X *failed to* show resolve"."""
    if negated_word(view, verb):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.i != verb.i and (
        cues.is_cue(Cue.NEGATING, head.lemma_.lower()) and not negated_word(view, head))


# --------------------------------------------------------------------------- events

def speaker_of(coder: DocumentCoder, verb: Token) -> Token | None:
    """speaker: "A minister who met the rebels *says* ..." (the subject of a conjoined verb).

    The subject of a reporting verb; for a verb conjoined to another clause its subject, a
    relative pronoun standing for its noun.
    """
    subj = coder.cached(subject_token, verb)
    if subj is None and verb.dep_ == "conj" and verb.head.i != verb.i:
        subj = coder.cached(subject_token, verb.head)
        if subj is not None and subj.lower_ in RELATIVE and verb.head.dep_ == "relcl":
            subj = verb.head.head
    return subj


def reporting_speaker(coder: DocumentCoder, verb: Token) -> Token | None:
    """reporting verb: "Police *said* ...": the speaker when ``verb`` only reports.

    A reporting verb that is a trigger itself ("castigated the government") is an event, not
    a report, and has no speaker here.
    """
    if not coder.lex.is_cue(Cue.SPEECH, verb.lemma_.lower()) or \
            find_trigger(coder, verb) is not None:
        return None
    return speaker_of(coder, verb)


def _side_speech(coder: DocumentCoder, verb: Token) -> list[tuple[Token, Token]]:
    """(reporting verb, its subject) for each clause beside ``verb`` that reports it
    ("..., police said"), in order. Cached per token: every trigger below climbs here."""
    found = coder.side_speech_cache.get(verb.i)
    if found is None:
        found = []
        for child in coder.children(verb):
            if child.dep_ in ("conj", "parataxis", "advcl", "ccomp") and \
                    coder.lex.is_cue(Cue.SPEECH, child.lemma_.lower()) and \
                    find_trigger(coder, child) is None:
                subject = coder.cached(subject_token, child)
                if subject is not None:
                    found.append((child, subject))
        coder.side_speech_cache[verb.i] = found
    return found


def find_speech(coder: DocumentCoder, tok: Token, cur: Token, ctx: Context) -> Context:
    """side report: "The rebels shelled the town, *the agency reported*".

    Attribution only: climb from ``cur`` to the clause root looking for a reporting verb
    governing the clause, standing beside it after ``tok``, or an *according to* phrase.
    """
    for _ in range(_MAX_CLIMB):
        for child, speaker in _side_speech(coder, cur):
            if child.i > tok.i:
                return replace(ctx, speech=child, speaker=speaker)
        according = coder.cached(according_to, cur)
        if according is not None:
            return replace(ctx, according_to=according)
        head = cur.head
        if head.i == cur.i:
            return ctx
        if cur.dep_ == "ccomp":
            reporter = reporting_speaker(coder, head)
            if reporter is not None:
                return replace(ctx, speech=head, speaker=reporter)
        cur = head
    return ctx


def modality(coder: DocumentCoder, ctx: Context) -> tuple[str, ActorRef | None]:
    """modality: "Officials said the army *should* leave" is advocated, attributed.

    The event's modality (advocated > negated > hypothetical > reported > asserted) and the
    actor it is attributed to.
    """
    speaker = ctx.speaker if ctx.speaker is not None else ctx.according_to
    attributed = None
    if speaker is not None:
        refs = actors_of(coder, [speaker])
        attributed = refs[0] if refs else None
    if ctx.advocated:
        return "advocated", attributed
    if ctx.negated:
        return "negated", attributed
    if ctx.hypothetical and (not ctx.intent or ctx.uncertain):
        return "hypothetical", attributed
    if speaker is not None:
        return "reported", attributed
    return "asserted", attributed


# --------------------------------------------------------------------------- stance

def quoted_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside quotation marks.

    Curly quotes say which way they face; a straight ``"`` opens when it follows a space (or
    starts the text) and closes otherwise, so a quote nested inside another does not end it.
    """
    inside: set[int] = set()
    # Every quotation mark opens or closes, and only they change the depth: visit them alone
    # and take the words up to the next mark in one step.
    marks = [i for i, orth in enumerate(doc.to_array(ORTH).tolist()) if orth in _QUOTE_IDS]
    depth = 0
    for number, i in enumerate(marks):
        text = doc[i].text
        opening = text in _OPEN_QUOTES or (
            text == '"' and (i == 0 or doc[i - 1].whitespace_ != ""
                             or doc[i - 1].is_punct and doc[i - 1].text in "([{"))
        if opening:
            depth += 1
        else:
            depth = max(0, depth - 1)
        if depth:
            inside.update(range(i + 1, marks[number + 1] if number + 1 < len(marks) else len(doc)))
    return inside


def _other_speaker(view: ParseView, verb: Token) -> bool:
    """A speaker other than the author: a subject that is not I/we, or a passive ("it is
    said"). A speech verb without either ("no incentive to admit that ...") has no speaker."""
    subject = subject_token(verb, view.children(verb))
    if subject is None:
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in view.children(verb))
    return subject.lower_ not in _AUTHOR_PRONOUNS


def _beside_report(view: ParseView, root: Token, tok: Token, cues: Lexicon) -> bool:
    """"..., the AP reports": a reporting clause after ``tok`` beside the root."""
    for child in view.children(root):
        if child.dep_ in ("parataxis", "conj", "ccomp", "advcl") and child.i > tok.i and \
                cues.is_cue(Cue.SPEECH, child.lemma_.lower()) and \
                subject_token(child, view.children(child)) is not None and \
                _other_speaker(view, child) and \
                not any(c.dep_ in ("ccomp", "xcomp") for c in view.children(child)):
            return True
    return False


def reported_by_other(view: ParseView, tok: Token, cues: Lexicon) -> bool:
    """someone else's words (stance): "The inept minister failed, *the AP reports*".

    Whether ``tok`` sits in a clause that someone other than the author is said to say.
    Climbs the clause chain: a reporting verb (the ``speech`` cues) that governs the clause,
    or stands beside it, with a subject that is not "I"/"we", makes the clause reported; so
    does "according to".
    """
    cur = tok
    for _ in range(12):
        head = cur.head
        if head.i == cur.i:
            break
        if cur.dep_ in _CLAUSE_DEPS and cues.is_cue(Cue.SPEECH, head.lemma_.lower()) and \
                _other_speaker(view, head):
            return True
        cur = head
    root = cur
    if according_to(root, view.children(root)) is not None:
        return True
    if cues.is_cue(Cue.SPEECH, root.lemma_.lower()) and root.i != tok.i and \
            _other_speaker(view, root):
        # Whatever hangs off a speaker's verb (its object, an adverbial clause) is theirs; only
        # the words naming the speaker are the author's ("Sadr, the inept cleric, said ...").
        subject = subject_token(root, view.children(root))
        return subject is None or tok.i not in {t.i for t in subject.subtree}
    return _beside_report(view, root, tok, cues)
