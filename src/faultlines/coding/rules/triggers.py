"""Rule 1 (triggers) and rule 11 (unknown verbs): which token triggers which lexicon row.

A verb is matched with its particle/preposition and object; a light, reporting or ending verb,
or a verb the lexicon does not know, takes its category from an event noun it governs; nouns
match alone, as two-word compounds or hyphenated words. Expectations (rule 13: *expects X to
do Y*) are a trigger of their own. Every answer is cached per token in the
:class:`~faultlines.coding.document.DocumentCoder`.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from faultlines.coding.categories import CONSULT, GIVING, REQUEST
from faultlines.coding.document import DocumentCoder, Trigger
from faultlines.coding.lexicon import Cue, LexiconEntry
from faultlines.coding.rules.ending import ended
from faultlines.coding.syntax import (
    CLAUSAL_DEPS,
    NOT_ACTOR_ENTS,
    OBJECT_DEPS,
    has_finite_complement,
    head_words,
    is_passive,
    nominal_objects,
    subject_token,
    verb_text,
)

__all__ = ["EXPECTATION", "find_trigger", "is_event_noun", "noun_entry", "noun_text"]

#: An expectation that another actor act is a (soft) demand on it (PLOVER REQUEST, rule 13).
EXPECTATION = LexiconEntry(lemma="expect", pos="VERB", category=REQUEST, intensity=3.5)


def find_trigger(coder: DocumentCoder, tok: Token) -> Trigger | None:
    """triggers: the lexicon row a token triggers, or None (cached per token).

    "Hezbollah *launched an offensive*": the light verb takes ASSAULT from its object noun.
    """
    if tok.i in coder.trigger_cache:
        return coder.trigger_cache[tok.i]
    found = None
    pos = tok.pos_
    if pos == "VERB" or (pos == "ADJ" and tok.tag_ == "VBN"):
        found = _verb_trigger(coder, tok)
    if found is None and (pos == "ADJ" or (
            pos == "ADV" and tok.dep_ == "advmod" and tok.head.pos_ == "VERB")):
        # "inching closer to Russia": an adverb with its preposition reads like the
        # adjective ("too close to Iran")
        found = _adjective_trigger(coder, tok)
    if found is None and pos == "NOUN" and tok.ent_type_ not in NOT_ACTOR_ENTS:
        entry = noun_entry(coder, tok)
        if entry is not None:
            found = Trigger(entry, noun_text(coder, tok, entry), None)
    coder.trigger_cache[tok.i] = found
    return found


def _adjective_trigger(coder: DocumentCoder, tok: Token) -> Trigger | None:
    """adjective trigger: "The council grew *wary of* the generals" (row ``wary ADJ of``)."""
    for entry in coder.lex.lookup(tok.lemma_.lower(), "ADJ") or coder.lex.lookup(
            tok.text.lower(), "ADJ"):
        if entry.prep and entry.prep not in {c.lower_ for c in coder.children(tok)
                                             if c.dep_ in ("prep", "prt")}:
            continue
        return Trigger(entry, tok.text, None)
    return None


def _hyphenated_entry(coder: DocumentCoder, tok: Token, lemma: str) -> LexiconEntry | None:
    """hyphenated noun: "the students began a *sit-in*" (spaCy splits it in three)."""
    if tok.i < 2:
        return None
    hyphen = coder.tokens[tok.i - 1]
    if hyphen.text != "-" or hyphen.whitespace_:
        return None
    for entry in coder.lex.lookup(f"{coder.tokens[tok.i - 2].lower_}-{lemma}", "NOUN"):
        if not entry.objects and not entry.prep:
            return entry
    return None


def _listed_noun_entry(coder: DocumentCoder, tok: Token,
                       entries: tuple[LexiconEntry, ...]) -> LexiconEntry | None:
    """listed noun: the first row whose object/preposition constraint the noun meets."""
    children = coder.children(tok)
    mods = {c.lemma_.lower() for c in children if c.dep_ in ("compound", "amod", "nmod")}
    preps = {c.lower_ for c in children if c.dep_ == "prep"}
    for entry in entries:
        if entry.objects and not (entry.objects & mods):
            continue
        if entry.prep and entry.prep not in preps:
            continue
        return entry
    return None


def noun_entry(coder: DocumentCoder, tok: Token) -> LexiconEntry | None:
    """noun trigger: "a *hunger strike* by the prisoners" (compound row), "the *coup*".

    An event noun used as a modifier ("a *mediation* mission") triggers through its head.
    """
    lemma = tok.lemma_.lower()
    hyphenated = _hyphenated_entry(coder, tok, lemma)
    if hyphenated is not None:
        return hyphenated
    children = coder.children(tok)
    for child in children:
        if child.dep_ in ("compound", "amod") and child.i < tok.i:
            entry = coder.lex.compound(child.lemma_.lower(), lemma)
            if entry is not None:
                return entry
    entries = coder.lex.lookup(lemma, "NOUN")
    if entries:
        return _listed_noun_entry(coder, tok, entries)
    for child in children:
        if child.dep_ == "compound" and child.i < tok.i and child.pos_ == "NOUN":
            for entry in coder.lex.lookup(child.lemma_.lower(), "NOUN"):
                if not entry.objects and not entry.prep:
                    return entry
    return None


def is_event_noun(coder: DocumentCoder, tok: Token) -> bool:
    """A common noun the lexicon lists as an event ("bombing", "clashes", "coup")."""
    return tok.pos_ == "NOUN" and noun_entry(coder, tok) is not None


def noun_text(coder: DocumentCoder, tok: Token, entry: LexiconEntry) -> str:
    """The trigger text of a noun: both words of a compound row ("hunger strike")."""
    if " " in entry.lemma:
        mod = next((c for c in coder.children(tok) if c.dep_ in ("compound", "amod")
                    and c.lemma_.lower() == entry.lemma.split()[0]), None)
        if mod is not None:
            return f"{mod.text} {tok.text}"
    return tok.text


def _known_verb(coder: DocumentCoder, lemma: str) -> bool:
    lex = coder.lex
    return bool(lex.lookup(lemma, "VERB")) or lex.is_cue(Cue.LIGHT, lemma) or \
        lex.is_cue(Cue.SPEECH, lemma)


def verb_lemma(coder: DocumentCoder, tok: Token) -> str:
    """lemma repair: "The union *staged* a rally" (the lemmatiser may say "stag")."""
    lemma = tok.lemma_.lower()
    low = tok.lower_
    if _known_verb(coder, lemma) or tok.tag_ not in ("VBD", "VBN", "VBG") or \
            not low.endswith(("ed", "ing")):
        return lemma
    for guess in (low[:-1], low[:-2], low[:-3] + "e", low[:-3]):
        if len(guess) > 2 and _known_verb(coder, guess):
            return guess
    return lemma


def _verb_trigger(coder: DocumentCoder, tok: Token) -> Trigger | None:
    lemma = verb_lemma(coder, tok)
    entries = coder.lex.lookup(lemma, "VERB")  # most specific first
    if entries and entries[0].specificity > 0:
        found = _specific_verb_row(coder, tok, entries)
        if found is not None:
            return found
    found = _noun_object_trigger(coder, tok, lemma, entries)
    if found is not None:
        return found
    return _bare_verb_trigger(coder, tok, lemma, entries)


def _noun_object_trigger(coder: DocumentCoder, tok: Token, lemma: str,
                         entries: tuple[LexiconEntry, ...]) -> Trigger | None:
    """light verbs, rule 11: "The regime *slapped sanctions* on the press" (SANCTION).

    A light or speech verb takes its category from an event noun it governs; so does a verb
    the lexicon does not know, unless it expresses an attitude ("fears a war"); ending verbs
    reverse the noun's act (rule 9).
    """
    lex = coder.lex
    light_cue = lex.is_cue(Cue.LIGHT, lemma)
    speech_cue = lex.is_cue(Cue.SPEECH, lemma)
    particle = next((c.lower_ for c in coder.children(tok) if c.dep_ == "prt"), "")
    ending = lex.is_cue(Cue.ENDING, lemma) or lex.is_cue(Cue.ENDING, f"{lemma} {particle}")
    light = light_cue or speech_cue or ending
    speech = speech_cue and not light_cue
    unknown = not entries and not lex.is_cue(Cue.ATTITUDE, lemma)
    if not (light or unknown or (entries and not any(e.specificity == 0 for e in entries))):
        return None
    receiving = lex.is_cue(Cue.RECEIVING, lemma)
    for noun in nominal_objects(tok, with_preps=light and not ending and not speech,
                                children=coder.children(tok)):
        entry = noun_entry(coder, noun)
        if entry is None or _taken_elsewhere(coder, noun, ending=ending, receiving=receiving,
                                             unknown=unknown and not light):
            continue
        if not (speech and entry.category == CONSULT):
            text = f"{tok.text} {noun_text(coder, noun, entry)}"
            if ending:
                return Trigger(ended(entry), text, noun, "ending")
            return Trigger(entry, text, noun)
    return None


def _taken_elsewhere(coder: DocumentCoder, noun: Token, *, ending: bool, receiving: bool,
                     unknown: bool) -> bool:
    """Whether an event noun under a light or unknown verb is not the verb's act."""
    if not ending and others_act(coder, noun) and not receiving:
        return True  # "seek ... the interference of Iranian leaders": Iran's act
    if unknown and noun.dep_ == "pobj":
        return True  # "encourage a resolution of the war": not a war by the subject
    return unknown and group_owned(coder, noun)  # "inflamed Kurdish anger": the Kurds' stance


def _bare_verb_trigger(coder: DocumentCoder, tok: Token, lemma: str,
                       entries: tuple[LexiconEntry, ...]) -> Trigger | None:
    """bare verb: "Hamas *castigated* the Authority"; a reporting verb only with an object."""
    bare = next((e for e in entries if e.specificity == 0), None)
    if bare is None and coder.lex.is_cue(Cue.EXPECTING, lemma) and expected_act(coder, tok):
        # "Maliki expects Iran to end its subversion": a demand on Iran, not Iran's act.
        return Trigger(EXPECTATION, tok.text, None)
    if bare is None:
        return None
    if coder.lex.is_cue(Cue.SPEECH, lemma):
        if has_finite_complement(tok):
            return None  # "warned that ...": a report, not an act against anyone
        children = coder.children(tok)
        if not any(c.dep_ in ("dobj", "dative", "xcomp") for c in children) and \
                not any(c.dep_ == "prep" for c in children):
            return None
    return Trigger(bare, tok.text, None)


def _object_words(coder: DocumentCoder, objects: list[Token], preps: list[Token]) -> set[str]:
    """Head words of a verb's objects, their of-phrases ("200 tons of wheat") and its
    prepositional objects."""
    words: set[str] = set()
    for obj in objects:
        words |= head_words(obj)
        for prep in coder.children(obj):
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in coder.children(prep):
                    if pobj.dep_ == "pobj":
                        words |= head_words(pobj)
    for prep in preps:
        for pobj in coder.children(prep):
            if pobj.dep_ == "pobj":
                words |= head_words(pobj)
    return words


def _specific_verb_row(coder: DocumentCoder, tok: Token,
                       entries: tuple[LexiconEntry, ...]) -> Trigger | None:
    """specific row: "The army *imposed a curfew*" (row ``impose`` + object ``curfew``).

    The first row with a preposition or object that ``tok``'s dependents satisfy.
    """
    children = coder.children(tok)
    objects = [c for c in children if c.dep_ in OBJECT_DEPS or c.dep_ == "dative"]
    if coder.cached(is_passive, tok):
        objects += [c for c in children if c.dep_ == "nsubjpass"]
    preps = {c.lower_: c for c in children if c.dep_ in ("prep", "prt", "agent", "dative")}
    obj_words = _object_words(coder, objects, list(preps.values()))
    for entry in entries:
        if entry.specificity == 0:
            break
        if entry.prep and entry.prep not in preps:
            continue
        if entry.objects and not (entry.objects & obj_words):
            continue
        if entry.objects and entry.category not in GIVING and any(
                o.i in coder.by_token for o in objects):
            # "disarm the Mahdi Army": the object is the target, not part of the trigger
            return Trigger(entry, verb_text(tok, replace(entry, objects=frozenset())), None)
        return Trigger(entry, verb_text(tok, entry), None)
    return None


def others_act(coder: DocumentCoder, noun: Token) -> bool:
    """others' act: "The envoy sought an end to *the interference of Iranian leaders*".

    An event noun with its own named doer, which a light verb governing it does not make the
    subject's.
    """
    doers = [c for c in coder.children(noun) if c.dep_ == "poss" and c.pos_ != "PRON"]
    # "of" a place is the act's object ("the blockade of Serbia"), "of" people its doer
    doers += [p for c in coder.children(noun) if c.dep_ == "prep" and c.lower_ in ("of", "by")
              for p in coder.children(c) if p.dep_ == "pobj"
              and (c.lower_ == "by" or p.ent_type_ not in ("GPE", "LOC", "FAC"))]
    return any(d.i in coder.by_token and coder.by_token[d.i].kind != "pronoun" for d in doers)


def group_owned(coder: DocumentCoder, noun: Token) -> bool:
    """group-owned noun: "The speech inflamed *Kurdish anger* against the capital".

    An event noun whose modifier names its holder; a verb the lexicon does not know does not
    take it over.
    """
    return any(c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i and
               c.i in coder.by_token and coder.by_token[c.i].kind != "pronoun"
               for c in coder.children(noun))


def expected_act(coder: DocumentCoder, verb: Token) -> bool:
    """expectation (rule 13): "The premier *expects Syria to close* its border".

    Whether ``verb`` expects someone else to do a coded act, as opposed to its own plan
    ("expects to win").
    """
    subject = subject_token(verb)
    for comp in coder.children(verb):
        if comp.dep_ not in CLAUSAL_DEPS or find_trigger(coder, comp) is None:
            continue
        doer = subject_token(comp) or next(
            (c for c in coder.children(verb) if c.dep_ in ("dobj", "obj")), None)
        if doer is not None and doer.pos_ != "PRON" and (
                subject is None or doer.i != subject.i):
            return True
    return False
