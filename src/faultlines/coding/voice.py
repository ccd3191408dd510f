"""Whose words a clause is, and whether it is negated: one module for events and stance cues.

The event coder asks *who said it* (a reporting verb above or beside the clause, *according
to X*) to set an event's modality and ``attributed_to``; the stance finder asks *is this the
author's own voice* (quotation marks, a reporting verb with a speaker other than I/we) to keep
only the author's judgements. Both ask whether a clause is negated. The answers come from
here, from the same reporting verbs (the ``speech`` cues of ``coding/data/cues.tsv``) and the
same negation words.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy import symbols
from spacy.attrs import DEP, LEMMA, LOWER, ORTH
from spacy.strings import hash_string  # type: ignore[attr-defined]  # not in spaCy's stubs
from spacy.tokens import Doc, Token

from faultlines.coding.document import DocumentCoder
from faultlines.coding.lexicon import Cue, Lexicon
from faultlines.coding.rules.judged import judged_object
from faultlines.coding.rules.reference import actors_of
from faultlines.coding.rules.triggers import find_trigger
from faultlines.coding.syntax import according_to, subject_token
from faultlines.coding.words import RELATIVE
from faultlines.nlp.view import ParseView
from faultlines.types import ActorRef

if TYPE_CHECKING:
    from faultlines.coding.context import Context

__all__ = [
    "NEGATION_DEPS",
    "NEGATION_WORDS",
    "Voice",
    "cancelled_advocacy",
    "clause_voice",
    "is_report",
    "modality",
    "negated_word",
    "negates",
    "negating_verb",
    "quoted_tokens",
    "speaker_of",
]

#: Words that negate the word they modify ("not", "never", "no credibility", "hardly").
NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "hardly", "scarcely", "barely"})
_AUTHOR_PRONOUNS = frozenset({"i", "we"})
# A clause under a reporting verb by one of these is what the verb reports ("said that ...",
# "claimed to have ...", "..., he said, ..."); a conjoined verb is the speaker's own act, an
# adverbial clause ("observed X strengthening ties") the circumstances of the report.
_REPORTED_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
# A reporting clause beside a clause by one of these reports it ("..., police said").
_SIDE_DEPS = frozenset({"conj", "parataxis", "advcl", "ccomp"})
_OPEN_QUOTES = frozenset({"“", "«", "„"})
_CLOSE_QUOTES = frozenset({"”", "»"})
# String ids of the quotation marks: a document is scanned for them with ``Doc.to_array``,
# without building a Token per word.
_QUOTE_IDS = frozenset(hash_string(q) for q in _OPEN_QUOTES | _CLOSE_QUOTES | {'"'})
_MAX_CLIMB = 12
_ACCORDING = hash_string("according")
_PCOMP = int(symbols.pcomp)  # dependency labels are spaCy symbols, not string hashes


# --------------------------------------------------------------------------- negation

#: The dependency labels a negating child can have (see :func:`negates`).
NEGATION_DEPS = frozenset({"neg", "advmod", "det"})


def negates(child: Token) -> bool:
    """negation: "The army did *not* withdraw", "*never* recognised", "*no* credibility",
    "will *no longer* accept".

    Whether a child negates the word it hangs on: the one test of negation for event
    triggers (and the verbs above them) and for evaluative words.
    """
    if child.dep_ == "advmod" and child.lower_ in ("longer", "more"):
        # "will *no longer* tolerate", "*not any more*": the negation sits on the adverb
        return any(g.dep_ in ("neg", "advmod", "det") and g.lower_ in ("no", "not", "n't")
                   for g in child.children)
    return child.dep_ == "neg" or (child.dep_ in ("advmod", "det")
                                   and child.lower_ in NEGATION_WORDS)


def negated_word(view: ParseView, tok: Token) -> bool:
    """Whether ``tok`` (a verb, an evaluative adjective or noun) has a negating child."""
    return any(negates(c) for c in view.children(tok))


def negating_verb(coder: DocumentCoder, head: Token) -> bool:
    """negating verb: "The talks *failed to* produce a deal": the complement did not happen."""
    return coder.lex.is_cue(Cue.NEGATING, head.lemma_.lower())


def cancelled_advocacy(tok: Token, cues: Lexicon) -> bool:
    """cancelled: "X should *stop trying to* kill Y": a negating verb above the trigger."""
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cues.is_cue(Cue.NEGATING, cur.lemma_.lower()) or cur.lemma_.lower() in ("stop", "cease"):
            return True
    return False


# --------------------------------------------------------------------------- whose words

@dataclass(frozen=True)
class Voice:
    """Whose words a clause is: the reporting (or judging) verb and its speaker, an
    *according to* source, or quotation marks. All empty: the author's own voice."""

    verb: Token | None = None
    speaker: Token | None = None  # None with a verb: a passive report ("it was said")
    according_to: Token | None = None
    quoted: bool = False

    @property
    def others(self) -> bool:
        """Whether the clause is someone else's words, not the author's."""
        return self.verb is not None or self.according_to is not None or self.quoted


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


def is_report(coder: DocumentCoder, verb: Token) -> bool:
    """reporting verb: "Police *said* ...", "it *was reported* ..." (not "I said", "we think").

    A reporting verb (``speech`` cue) that is not an event itself ("castigated the
    government"), with a speaker other than the author: a subject that is not I/we
    ("witnesses said", "a statement said" count), or none in the passive.
    """
    if not coder.lex.is_cue(Cue.SPEECH, verb.lemma_.lower()) or \
            find_trigger(coder, verb) is not None:
        return False
    subject = speaker_of(coder, verb)
    if subject is None:
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in coder.children(verb))
    return subject.lower_ not in _AUTHOR_PRONOUNS


def _side_report(coder: DocumentCoder, verb: Token, tok: Token) -> Voice | None:
    """side report: "The rebels shelled the town, *the agency reported*".

    A reporting clause beside ``verb``, after ``tok``, with a subject and no complement of
    its own (which would be what it reports). Cached per clause head.
    """
    found = coder.side_speech_cache.get(verb.i)
    if found is None:
        found = []
        for child in coder.children(verb):
            if child.dep_ in _SIDE_DEPS and is_report(coder, child) and not any(
                    c.dep_ in ("ccomp", "xcomp") for c in coder.children(child)):
                subject = coder.cached(subject_token, child)
                if subject is not None:
                    found.append((child, subject))
        coder.side_speech_cache[verb.i] = found
    for child, subject in found:
        if child.i > tok.i:
            return Voice(child, subject)
    return None


def _governing_report(coder: DocumentCoder, cur: Token, head: Token) -> Voice | None:
    """governing report: "Officials *said* the rebels shelled the town"; a judging verb's
    gerund (rule 8: "*accused* Iran of arming ...") is the judge's allegation."""
    if (cur.dep_ in _REPORTED_DEPS or (cur.dep_ == "acl" and cur.tag_ == "VBG")) and \
            is_report(coder, head):
        return Voice(head, speaker_of(coder, head))
    if cur.dep_ == "pcomp" and head.lower_ in ("of", "for") and \
            judged_object(coder, cur) is not None:
        return Voice(head.head, subject_token(head.head))
    return None


def _root_report(coder: DocumentCoder, root: Token, below: Token,
                 tok: Token) -> Voice | None:
    """speaker's sentence: "The minister *told* reporters the inept general must go".

    Whatever hangs off a speaker's verb is theirs; only the words naming the speaker are
    the author's ("Sadr, the inept cleric, said ..."), and so is a clause conjoined to the
    speaker's (``below`` is the root's child on the way up: "Critics say ..., and *we share*
    their worry").
    """
    if root.i == tok.i or below.dep_ == "conj" or not is_report(coder, root):
        return None
    subject = speaker_of(coder, root)
    if subject is not None and tok.i in {t.i for t in subject.subtree}:
        return None
    return Voice(root, subject)


def clause_voice(coder: DocumentCoder, tok: Token) -> Voice:
    """voice: "The militia shelled the town, *officials said*" is the officials' words.

    Climbs from ``tok`` (an event trigger, or the head of an actor's mention) through the
    clauses above it: a reporting clause beside one of them, an *according to* phrase, a
    reporting verb governing one of them, a judging verb, or a reporting root verb makes the
    clause someone else's words; so do quotation marks. Cached per token.
    """
    cached = coder.voice_cache.get(tok.i)
    if cached is None:
        found = _climb_for_voice(coder, tok) if _may_report(coder, tok) else _AUTHOR
        if tok.i in coder.quoted:
            found = replace(found, quoted=True)
        cached = coder.voice_cache[tok.i] = found
    return cached  # type: ignore[return-value]  # the cache holds Voices only


_AUTHOR = Voice()


def _may_report(coder: DocumentCoder, tok: Token) -> bool:
    """Whether ``tok``'s sentence has a reporting verb, an *according to* or a gerund under a
    preposition (a judged act) at all: most have none, and their clauses are the author's
    without a climb."""
    marks = coder.reporting_tokens
    if marks is None:
        # lemma and lower-case ids of every token, against the ids of the reporting verbs
        words = _reporting_ids(coder.lex.cues[Cue.SPEECH])
        ids = coder.doc.to_array([LEMMA, LOWER, DEP]).tolist()
        marks = coder.reporting_tokens = [
            i for i, (lemma, lower, dep) in enumerate(ids)
            if lemma in words or lower in words or dep == _PCOMP]
    if not marks:
        return False
    bounds = coder.view.sentences
    start, end = bounds[bisect.bisect_right(coder.sentence_starts, tok.i) - 1]
    first = bisect.bisect_left(marks, start)
    return first < len(marks) and marks[first] < end


@functools.lru_cache(maxsize=8)
def _reporting_ids(speech: frozenset[str]) -> frozenset[int]:
    """The string ids of the speech cues and of *according* (hashed once per cue set)."""
    return frozenset({hash_string(w) for w in speech} | {_ACCORDING})


def _climb_for_voice(coder: DocumentCoder, tok: Token) -> Voice:
    cur = below = tok
    for _ in range(_MAX_CLIMB):
        found = _side_report(coder, cur, tok)
        if found is not None:
            return found
        according = coder.cached(according_to, cur)
        if according is not None:
            return Voice(according_to=according)
        head = cur.head
        if head.i == cur.i:
            break
        found = _governing_report(coder, cur, head)
        if found is not None:
            return found
        below, cur = cur, head
    return _root_report(coder, cur, below, tok) or Voice()


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
    if ctx.speech is not None or ctx.according_to is not None or ctx.quoted:
        return "reported", attributed
    return "asserted", attributed


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
