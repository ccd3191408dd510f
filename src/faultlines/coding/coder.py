"""Code PLOVER events from a dependency parse: who did what to whom, how sure, on whose word.

The coder walks each sentence once. A token is a *trigger* when the lexicon
(``coding/data/lexicon.tsv``) lists its lemma; verbs are matched with their particle/preposition
and object ("call for", "impose sanctions"), nouns alone or as two-word compounds ("hunger
strike"). Participants come from the parse (subject, passive agent, object, "against/with/to/on"
phrases, conjuncts), preferring the actor stage's mentions. Modality and attribution come from
the clause chain above the trigger (auxiliaries, negation, "if", speech verbs, "according to").
See ``docs/coding.md`` for the rules and their reasons.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from anyascii import anyascii

from faultlines.coding.lexicon import Lexicon, LexiconEntry, default_lexicon
from faultlines.coding.syntax import (
    OBJECT_DEPS,
    SHALLOW_PREPS,
    according_to,
    has_aux,
    has_finite_complement,
    head_indices,
    head_words,
    in_order_to,
    instrument,
    is_circumstance,
    is_passive,
    nominal_objects,
    phrase_text,
    possessive_pronoun,
    purpose_clauses,
    quantified,
    subject_token,
    tree_depth,
    verb_text,
    with_conjuncts,
    within_phrase,
)
from faultlines.types import ActorRef, Document, Event, Mention, polarity_of

__all__ = ["code_events", "actor_slug", "UNIDENTIFIED_ID"]

_TARGET_PREPS = ("against", "with", "to", "on", "upon", "into", "toward", "towards", "at",
                 "between", "from", "over", "for", "in")
_NOUN_TARGET_PREPS = frozenset({"against", "with", "to", "on", "upon", "into", "toward",
                                "towards", "at", "between", "of", "from", "by", "for", "over"})
_INTENT_AUX = frozenset({"will", "shall", "'ll", "wo"})
_HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "can", "ca"})
_ADVOCATE_AUX = frozenset({"should", "must", "ought", "need"})
_CONDITIONAL = frozenset({"if", "unless"})
_NEG = frozenset({"not", "n't", "never", "no"})
_MATERIAL_CONFLICT = frozenset({"SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT"})
_VERBAL_CONFLICT = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN"})
# Verbs that pass an object-controlled complement ("urged X to ...") rather than a subject one.
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_PRONOUNS_PERSON = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
_CLAUSAL = frozenset({"xcomp", "ccomp"})
_SUPPORT_NOUNS_OF_AGENT = frozenset({"endorsement", "support", "backing", "praise", "approval",
                                     "criticism", "condemnation", "demand", "call", "appeal",
                                     "request", "threat", "attack", "offer", "ultimatum"})
_RELATIONAL_NOUNS = frozenset({"ally", "partner"})
# Nouns whose clause states a possibility, not an act ("an incentive for X to ...").
_POTENTIAL_NOUNS = frozenset({"incentive", "reason", "opportunity", "chance", "temptation",
                              "motive", "pretext", "excuse", "option", "possibility"})
# Passive verbs that place their subject inside a conflict ("locked in a standoff with X").
_ENTANGLED = frozenset({"lock", "engage", "embroil", "involve", "mire", "bog", "entangle",
                        "caught", "catch"})
# Verbs that judge someone for an act ("accused X of ...", "praised X for ..."): the act is
# the object's, and it is only alleged by the judge.
_JUDGING = frozenset({"ACCUSE", "SUPPORT"})
# Acts whose direct object is the thing handed over, not the receiving actor.
_GIVING = frozenset({"AID", "RETREAT", "AGREE", "COOPERATE", "MOBILIZE"})
# Investigations are ACCUSE (verbal conflict) in PLOVER's 16, where they were material
# cooperation before; the parse rules that read a hostile act's phrases ("at X" as its target, a
# mission as its vehicle) do not fit them ("sent experts to Iran to investigate the crash").
_INVESTIGATING = frozenset({"investigate", "probe", "inquire", "examine", "inspect", "audit",
                            "investigation", "inquiry", "hearing", "inspection", "review", "look",
                            "question", "interrogate", "monitor", "scrutinize"})


def _hostile(entry: LexiconEntry) -> bool:
    """A conflict act whose phrases read as aimed at someone (investigations are not)."""
    return polarity_of(entry.category) < 0 and not (
        entry.category == "ACCUSE" and entry.lemma in _INVESTIGATING)


#: Actor id of attackers the text does not name (CAMEO's "unidentified armed force").
UNIDENTIFIED_ID = "x:unidentified-attackers"
_VIOLENT = frozenset({"ASSAULT", "COERCE"})
_AGENT_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT",
                             "ORDINAL"})


@dataclass
class _Context:
    """What the clause chain above a trigger says about it."""

    governed: bool = False
    intent: str = ""  # the intent word ("will", "plans to"), empty when none
    negated: bool = False
    advocated: bool = False
    hypothetical: bool = False
    conditional: bool = False
    speech: object | None = None  # the speech-verb token, if reported
    speaker: object | None = None  # its subject token
    according_to: object | None = None
    advocate_word: str = ""
    uncertain: bool = False  # "if/whether X will ...": no intent is stated
    vowed_conflict: bool = False  # "vowed to attack": a promise of violence is a threat


def actor_slug(text: str) -> str:
    """Stable id for an actor the knowledge base does not know: ``x:`` + ASCII slug.

    >>> actor_slug("Shi'ite militias")
    'x:shiite-militias'
    """
    ascii_text = anyascii(text).lower().replace("'", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return "x:" + (slug or "unknown")


class _DocumentCoder:
    """Per-document state: the mention index (O(1) per token) and per-token caches."""

    def __init__(self, doc, document: Document, mentions: Sequence[Mention],
                 lexicon: Lexicon) -> None:
        self.doc = doc
        self.document = document
        self.lex = lexicon
        # spaCy builds new Token objects on every ``doc[i]`` and every walk over a token's
        # children, and the rules look at the same tokens and ask the same questions of the
        # same clause heads many times: tokens and children are built once, answers kept per
        # token.
        self.tokens = list(doc)
        self.children_of: dict[int, list] = {}
        for i, head in enumerate(head_indices(doc)):
            if head != i:
                self.children_of.setdefault(head, []).append(self.tokens[i])
        self.by_token: dict[int, Mention] = {}
        self.all_by_token: dict[int, list[Mention]] = {}
        for mention in mentions:
            for i in range(mention.start, mention.end):
                self.all_by_token.setdefault(i, []).append(mention)
        for mention in sorted(mentions, key=lambda m: (m.end - m.start), reverse=True):
            for i in range(mention.start, mention.end):
                self.by_token.setdefault(i, mention)
        self.persons = sorted(
            (m for m in mentions if _looks_person(self.tokens, m)), key=lambda m: m.start)
        self.trigger_cache: dict[int, tuple[LexiconEntry, str, object | None] | None] = {}
        self.helper_cache: dict[tuple[Callable, int], object] = {}
        self.side_speech_cache: dict[int, list[tuple[object, object]]] = {}

    # ----------------------------------------------------------------- parse access
    def children(self, tok) -> Sequence:
        """``tok.children`` in text order (read-only)."""
        return self.children_of.get(tok.i, ())

    def cached(self, helper: Callable, tok):
        """``helper(tok)`` for a parse helper of ``syntax`` that takes the token's children
        (``is_passive``, ``subject_token``, ``according_to``), computed once per token."""
        key = (helper, tok.i)
        if key not in self.helper_cache:
            self.helper_cache[key] = helper(tok, self.children(tok))
        return self.helper_cache[key]

    # ----------------------------------------------------------------- triggers
    def trigger(self, tok) -> tuple[LexiconEntry, str, object | None] | None:
        """(entry, trigger text, consumed noun token) for a token, or None. Cached per token."""
        if tok.i in self.trigger_cache:
            return self.trigger_cache[tok.i]
        found = None
        pos = tok.pos_
        if pos == "VERB" or (pos == "ADJ" and tok.tag_ == "VBN"):
            found = self._verb_trigger(tok)
        if found is None and (pos == "ADJ" or (
                pos == "ADV" and tok.dep_ == "advmod" and tok.head.pos_ == "VERB")):
            # "inching closer to Russia": an adverb with its preposition reads like the
            # adjective ("too close to Iran")
            found = self._adj_trigger(tok)
        if found is None and pos == "NOUN" and tok.ent_type_ not in _NOT_ACTOR_ENTS:
            entry = self._noun_entry(tok)
            if entry is not None:
                found = (entry, self._noun_text(tok, entry), None)
        self.trigger_cache[tok.i] = found
        return found

    def _adj_trigger(self, tok):
        for entry in self.lex.lookup(tok.lemma_.lower(), "ADJ") or self.lex.lookup(
                tok.text.lower(), "ADJ"):
            if entry.prep and entry.prep not in {c.lower_ for c in self.children(tok)
                                                 if c.dep_ in ("prep", "prt")}:
                continue
            return entry, tok.text, None
        return None

    def _noun_entry(self, tok) -> LexiconEntry | None:
        lemma = tok.lemma_.lower()
        if tok.i >= 2:
            hyphen = self.tokens[tok.i - 1]
            if hyphen.text == "-" and not hyphen.whitespace_:
                # spaCy splits "sit-in", "build-up": look the hyphenated word up as one.
                for entry in self.lex.lookup(f"{self.tokens[tok.i - 2].lower_}-{lemma}", "NOUN"):
                    if not entry.objects and not entry.prep:
                        return entry
        children = self.children(tok)
        for child in children:
            if child.dep_ in ("compound", "amod") and child.i < tok.i:
                entry = self.lex.compound(child.lemma_.lower(), lemma)
                if entry is not None:
                    return entry
        entries = self.lex.lookup(lemma, "NOUN")
        if entries:
            mods = {c.lemma_.lower() for c in children if c.dep_ in ("compound", "amod", "nmod")}
            preps = {c.lower_ for c in children if c.dep_ == "prep"}
            for entry in entries:
                if entry.objects and not (entry.objects & mods):
                    continue
                if entry.prep and entry.prep not in preps:
                    continue
                return entry
            return None
        # "a mediation mission", "a peace effort": an event noun used as a modifier.
        for child in children:
            if child.dep_ == "compound" and child.i < tok.i and child.pos_ == "NOUN":
                for entry in self.lex.lookup(child.lemma_.lower(), "NOUN"):
                    if not entry.objects and not entry.prep:
                        return entry
        return None

    def _noun_text(self, tok, entry: LexiconEntry) -> str:
        if " " in entry.lemma:
            mod = next((c for c in self.children(tok) if c.dep_ in ("compound", "amod")
                        and c.lemma_.lower() == entry.lemma.split()[0]), None)
            if mod is not None:
                return f"{mod.text} {tok.text}"
        return tok.text

    def _verb_lemma(self, tok) -> str:
        """The token's lemma, repaired when the lemmatiser misses ("staged" -> "stag")."""
        lemma = tok.lemma_.lower()
        low = tok.lower_
        if self.lex.lookup(lemma, "VERB") or self.lex.is_cue("light", lemma) or \
                self.lex.is_cue("speech", lemma) or tok.tag_ not in ("VBD", "VBN", "VBG") or \
                not low.endswith(("ed", "ing")):
            return lemma
        for guess in (low[:-1], low[:-2], low[:-3] + "e", low[:-3]):
            if len(guess) > 2 and (self.lex.lookup(guess, "VERB") or self.lex.is_cue(
                    "light", guess) or self.lex.is_cue("speech", guess)):
                return guess
        return lemma

    def _verb_trigger(self, tok):
        lemma = self._verb_lemma(tok)
        entries = self.lex.lookup(lemma, "VERB")  # most specific first
        if entries and entries[0].specificity > 0:
            found = self._specific_verb_row(tok, entries)
            if found is not None:
                return found
        light_cue = self.lex.is_cue("light", lemma)
        speech_cue = self.lex.is_cue("speech", lemma)
        light = light_cue or speech_cue
        # A light or speech verb takes its category from an event noun it governs.
        particle = next((c.lower_ for c in self.children(tok) if c.dep_ == "prt"), "")
        ending = self.lex.is_cue("ending", lemma) or self.lex.is_cue(
            "ending", f"{lemma} {particle}")
        if ending:
            light = True
        speech = speech_cue and not light_cue
        # Unknown verbs with an event-noun object ("slapped sanctions on", "unleashed an
        # attack") are treated like light verbs, unless they express an attitude to it.
        unknown = not entries and not self.lex.is_cue("attitude", lemma)
        if light or unknown or (entries and not any(e.specificity == 0 for e in entries)):
            for noun in nominal_objects(tok, with_preps=light and not ending and not speech,
                                        children=self.children(tok)):
                entry = self._noun_entry(noun)
                if entry is not None and not ending and self._others_act(noun) and \
                        not self.lex.is_cue("receiving", lemma):
                    continue  # "seek ... the interference of Iranian leaders": Iran's act
                if entry is not None and unknown and not light and noun.dep_ == "pobj":
                    continue  # "encourage a resolution of the war": not a war by the subject
                if entry is not None and unknown and not light and self._group_owned(noun):
                    continue  # "inflamed Kurdish anger against X": the Kurds' stance
                if entry is not None and not (speech and entry.category == "CONSULT"):
                    text = f"{tok.text} {self._noun_text(noun, entry)}"
                    if ending:
                        entry = _ended(entry)
                    return entry, text, noun
        bare = next((e for e in entries if e.specificity == 0), None)
        if bare is None and self.lex.is_cue("expecting", lemma) and self._expected_act(tok):
            # "Maliki expects Iran to end its subversion": a demand on Iran, not Iran's act.
            return _EXPECTATION, tok.text, None
        if bare is None:
            return None
        if speech_cue and has_finite_complement(tok):
            return None  # "warned that ...": a report, not an act against anyone
        if speech_cue and not any(
                c.dep_ in ("dobj", "dative", "xcomp") for c in self.children(tok)) and \
                not any(c.dep_ == "prep" for c in self.children(tok)):
            return None
        return bare, tok.text, None

    def _specific_verb_row(self, tok, entries: tuple[LexiconEntry, ...]):
        """The first row with a preposition or object that ``tok``'s dependents satisfy."""
        children = self.children(tok)
        objects = [c for c in children if c.dep_ in OBJECT_DEPS or c.dep_ == "dative"]
        if self.cached(is_passive, tok):
            objects += [c for c in children if c.dep_ == "nsubjpass"]
        preps = {c.lower_: c for c in children if c.dep_ in ("prep", "prt", "agent", "dative")}
        obj_words: set[str] = set()
        for obj in objects:
            obj_words |= head_words(obj)
            for prep in self.children(obj):  # "200 tons of wheat", "a mission of observers"
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in self.children(prep):
                        if pobj.dep_ == "pobj":
                            obj_words |= head_words(pobj)
        for prep in preps.values():
            for pobj in self.children(prep):
                if pobj.dep_ == "pobj":
                    obj_words |= head_words(pobj)
        for entry in entries:
            if entry.specificity == 0:
                break
            if entry.prep and entry.prep not in preps:
                continue
            if entry.objects and not (entry.objects & obj_words):
                continue
            if entry.objects and entry.category not in _GIVING and any(
                    o.i in self.by_token for o in objects):
                # "disarm the Mahdi Army": the object is the target, not part of the trigger
                return entry, verb_text(tok, replace(entry, objects=frozenset())), None
            return entry, verb_text(tok, entry), None
        return None

    def _others_act(self, noun) -> bool:
        """An event noun with its own named doer ("Iran's interference", "the interference of
        Iranian leaders"), which a light verb governing it does not make the subject's."""
        doers = [c for c in self.children(noun) if c.dep_ == "poss" and c.pos_ != "PRON"]
        # "of" a place is the act's object ("the blockade of Serbia"), "of" people its doer
        doers += [p for c in self.children(noun) if c.dep_ == "prep" and c.lower_ in ("of", "by")
                  for p in self.children(c) if p.dep_ == "pobj"
                  and (c.lower_ == "by" or p.ent_type_ not in ("GPE", "LOC", "FAC"))]
        return any(d.i in self.by_token and self.by_token[d.i].kind != "pronoun"
                   for d in doers)

    def _group_owned(self, noun) -> bool:
        """An event noun whose modifier names its holder ("Kurdish anger", "Sunni support");
        a verb the lexicon does not know ("inflamed", "solidified") does not take it over."""
        return any(c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i and
                   c.i in self.by_token and self.by_token[c.i].kind != "pronoun"
                   for c in self.children(noun))

    def _expected_act(self, verb) -> bool:
        """Whether ``verb`` expects someone else to do a coded act ("expects Iran to end ...",
        "wants the US to leave"), as opposed to its own plan ("expects to win")."""
        subject = subject_token(verb)
        for comp in self.children(verb):
            if comp.dep_ not in _CLAUSAL or self.trigger(comp) is None:
                continue
            doer = subject_token(comp) or next(
                (c for c in self.children(verb) if c.dep_ in ("dobj", "obj")), None)
            if doer is not None and doer.pos_ != "PRON" and (
                    subject is None or doer.i != subject.i):
                return True
        return False

    # ----------------------------------------------------------------- context
    def context(self, tok) -> _Context:
        """Walk the clause chain above ``tok`` and collect modality markers."""
        ctx = _Context()
        cur = tok
        self._collect_markers(cur, ctx, own=True)
        for _ in range(8):
            dep, head = cur.dep_, cur.head
            if head.i == cur.i:
                break
            head_lemma = head.lemma_.lower()
            if dep in ("acl", "advcl", "relcl") and head.pos_ == "NOUN" and \
                    head_lemma in _POTENTIAL_NOUNS:
                # "creates an incentive for X to inch closer to Y": a possibility, not an act
                ctx.hypothetical = True
                break
            if dep in _CLAUSAL or (dep == "acl" and cur.tag_ == "VBG"):
                if self.lex.is_cue("speech", head_lemma) and self.trigger(head) is None and \
                        (speaker := _speaker_of(self, head)) is not None:
                    ctx.speech = head
                    ctx.speaker = speaker
                    if has_aux(cur, {"would", "'d"}) and not ctx.intent:
                        ctx.intent = "would"
                        ctx.hypothetical = False
                    cur = head
                    self._collect_markers(cur, ctx, own=False)
                    break
                trig = self.trigger(head)
                if dep == "xcomp" and self.is_mission(head) and has_aux(cur, {"to"}):
                    break  # "visited Damascus to demand ...": a purpose, coded on its own
                if dep in _CLAUSAL and trig is not None and not (
                        self.lex.is_cue("intent", head_lemma)
                        or self.lex.is_cue("transparent", head_lemma)
                        or self.lex.is_cue("refusing", head_lemma)):  # the act refused
                    ctx.governed = True
                    return ctx
                if self.lex.is_cue("intent", head_lemma) or (
                        head.pos_ == "ADJ" and self.lex.is_cue("intent", head.lower_)):
                    ctx.intent = ctx.intent or f"{head.text} to"
                elif self.lex.is_cue("negating", head_lemma):
                    ctx.negated = True
                elif self.lex.is_cue("advocating", head_lemma) and dep == "xcomp":
                    ctx.advocated = True
                    ctx.advocate_word = ctx.advocate_word or f"{head.text} to"
                elif dep == "ccomp" or (dep == "acl" and not self.lex.is_cue("speech", head_lemma)):
                    # A that-clause under a non-speech verb ("will not tolerate Iran arming X"):
                    # the matrix verb's negation and modals are not the clause's.
                    cur = head
                    break
                elif dep == "acl":
                    cur = head
                    continue
                cur = head
                self._collect_markers(cur, ctx, own=False)
                continue
            if dep == "pcomp" and head.lower_ in ("of", "for") and \
                    _judged_object(self, cur) is not None:
                judge = head.head
                ctx.speech, ctx.speaker = judge, subject_token(judge)
                break
            if dep in ("advmod", "oprd") and cur.i == tok.i and cur.pos_ in ("ADV", "ADJ"):
                # "inching closer to", "appeared too close to": the verb carries the markers
                cur = head
                self._collect_markers(cur, ctx, own=False)
                continue
            if dep == "acomp":
                # "is prepared to", "would be ready to": the copula carries aux and speech.
                if self.lex.is_cue("intent", cur.lower_) or self.lex.is_cue("intent", cur.lemma_):
                    ctx.intent = ctx.intent or f"{cur.text} to"
                cur = head
                self._collect_markers(cur, ctx, own=False)
                continue
            if dep == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass")
                                         for c in self.children(cur)):
                cur = head
                self._collect_markers(cur, ctx, own=False, aux_only=True)
                continue
            break
        if ctx.speech is None:
            self._find_speech(tok, cur, ctx)
        if ctx.according_to is None:
            ctx.according_to = self.cached(according_to, cur) or self.cached(according_to, tok)
        return ctx

    def _find_speech(self, tok, cur, ctx: _Context) -> None:
        """Attribution only: climb to the clause root looking for a reporting verb.

        Covers "X said that ... [advcl]" and "..., police said" / "the AP reports" attached
        beside the clause (conj, parataxis, ccomp of the speech verb).
        """
        for _ in range(8):
            for child, speaker in self._side_speech(cur):
                if child.i > tok.i:
                    ctx.speech, ctx.speaker = child, speaker
                    return
            according = self.cached(according_to, cur)
            if according is not None:
                ctx.according_to = according
                return
            head = cur.head
            if head.i == cur.i:
                return
            if cur.dep_ == "ccomp" and self.lex.is_cue("speech", head.lemma_.lower()) and \
                    self.trigger(head) is None and (speaker := _speaker_of(self, head)) is not None:
                ctx.speech, ctx.speaker = head, speaker
                return
            cur = head

    def _side_speech(self, verb) -> list[tuple[object, object]]:
        """(reporting verb, its subject) for each clause beside ``verb`` that reports it
        ("..., police said"), in order. Cached per token: every trigger below climbs here."""
        found = self.side_speech_cache.get(verb.i)
        if found is None:
            found = self.side_speech_cache[verb.i] = [
                (child, self.cached(subject_token, child)) for child in self.children(verb)
                if child.dep_ in ("conj", "parataxis", "advcl", "ccomp")
                and self.lex.is_cue("speech", child.lemma_.lower())
                and self.trigger(child) is None
                and self.cached(subject_token, child) is not None]
        return found

    def _collect_markers(self, verb, ctx: _Context, *, own: bool, aux_only: bool = False) -> None:
        for child in self.children(verb):
            low = child.lower_
            dep = child.dep_
            if dep in ("aux", "auxpass"):
                if low in _INTENT_AUX or (low == "going" and own):
                    ctx.intent = ctx.intent or child.text
                elif low in _HYPOTHETICAL_AUX or low in ("would", "'d"):
                    ctx.hypothetical = True
                elif low in _ADVOCATE_AUX:
                    ctx.advocated = True
                    ctx.advocate_word = ctx.advocate_word or child.text
            elif aux_only:
                continue
            elif dep == "neg" or (dep == "advmod" and low == "never"):
                ctx.negated = True
            elif dep == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in _CONDITIONAL for m in self.children(child)):
                ctx.conditional = True
            elif dep == "mark" and (low in _CONDITIONAL or low == "whether"):
                ctx.hypothetical = True
                ctx.uncertain = True

    # ----------------------------------------------------------------- actors
    def actor_ref(self, tok, *, own_mention: bool = True) -> ActorRef | None:
        """The actor a token names: its mention, a modifier's mention, or an ``x:`` phrase.

        ``own_mention=False`` resolves a pronoun by itself even when a mention spans it ("his"
        in the mention "his fighters").
        """
        mention = self.by_token.get(tok.i) if own_mention or tok.pos_ != "PRON" else None
        if mention is not None:
            return mention.actor
        if tok.pos_ == "PRON":
            if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
                return self.actor_ref(tok.head.head)
            clause_subject = _governing_subject(tok)
            if clause_subject is not None:
                return self.actor_ref(clause_subject)
            owner = _possessor_subject(self, tok)
            if owner is not None and (owner.i in self.by_token or owner.pos_ == "PROPN") and \
                    self._is_person(owner) == (tok.lower_ in ("his", "her")):
                return self.actor_ref(owner)
            if tok.lower_ in _PRONOUNS_PERSON:
                return self._antecedent(tok)
            return None
        if tok.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM") or tok.like_num:
            return None
        for child in self.children(tok):
            if child.dep_ == "appos" and child.i in self.by_token:
                return self.by_token[child.i].actor  # "Egypt's ally Saudi Arabia"
        for child in self.children(tok):
            if child.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod") and \
                    child.i in self.by_token:
                ref = self.by_token[child.i].actor
                # "Mahdi Army positions" are the Mahdi Army's; "the al-Askari shrine" is no actor
                if not ref.id.startswith("x:") or self.can_act(tok):
                    return ref
        if tok.pos_ == "ADJ" and tok.ent_type_ not in ("NORP", "GPE") and not (
                _names_group(tok) and tok.dep_ in ("amod", "compound")):
            return None
        if not self.can_act(tok):
            # "Sunni neighborhoods", "Kurdish villages": a thing named after a group stands for
            # the group; "police stations" and "the election" stand for no one.
            group = next((c for c in self.children(tok) if c.dep_ in ("amod", "compound")
                          and c.i < tok.i and _names_group(c) and not self._unknown_name(c)),
                         None)
            return self.actor_ref(group) if group is not None else None
        text = phrase_text(tok)
        return ActorRef(text=text, id=actor_slug(text), name=text)

    def is_mission(self, tok) -> bool:
        """A travel, dispatch, visit or meeting trigger ("sent a delegation", "flew to")."""
        return tok.pos_ == "VERB" and self.lex.is_cue("mission", tok.lemma_.lower()) and \
            self.trigger(tok) is not None

    def mission_of(self, verb):
        """The mission a purpose clause serves ("sent ... to demand" -> sent), or None."""
        head = in_order_to(verb)
        if head is None and verb.dep_ in ("advcl", "xcomp") and has_aux(verb, {"to"}):
            head = verb.head
        return head if head is not None and self.is_mission(head) else None

    def _unknown_name(self, tok) -> bool:
        """A name the knowledge base does not know on a thing is usually the thing's own name
        ("the al-Askari shrine", "Al Asad air base"); peoples ("Kurdish") are the exception."""
        mention = self.by_token.get(tok.i)
        return mention is not None and mention.actor.id.startswith("x:") and \
            tok.ent_type_ != "NORP"

    def is_event_noun(self, tok) -> bool:
        """A common noun the lexicon lists as an event ("bombing", "clashes", "coup")."""
        return tok.pos_ == "NOUN" and self._noun_entry(tok) is not None

    def can_act(self, tok) -> bool:
        """Whether a phrase no mention covers can still be a political agent.

        Named entities and proper nouns can; a common noun only when its head names people,
        groups or institutions (``person`` cues, the actors stage's sector nouns, *-man/-men*,
        *-ist*, *-ian*). Things, places, events and abstractions cannot ("seized police
        stations", "boycotted the election", "denied the charges"), nor the actor's own people
        ("one of their own members").
        """
        if any(c.dep_ == "amod" and c.lower_ == "own" for c in self.children(tok)):
            return False
        if tok.ent_type_ in ("FAC", "LOC"):
            return False  # "Firdos Square", "the Green Zone": places the actors stage left
        if tok.ent_type_ in _AGENT_ENTS or tok.pos_ == "PROPN":
            return True
        if tok.pos_ == "ADJ":
            return tok.ent_type_ in ("NORP", "GPE")
        lemma, low = tok.lemma_.lower(), tok.lower_
        if self.lex.is_cue("person", lemma) or self.lex.is_cue("person", low):
            return True
        return (len(low) > 4 and low.endswith(("man", "men"))) or (
            len(lemma) >= 7 and lemma.endswith(("ist", "ian")))

    def _is_person(self, tok) -> bool:
        """Whether a token is part of a person mention (a PERSON entity or a title)."""
        mention = self.by_token.get(tok.i)
        if mention is None:
            return tok.ent_type_ == "PERSON"
        return any(m is mention for m in self.persons)

    def _antecedent(self, tok) -> ActorRef | None:
        """Nearest preceding person mention within two sentences (fallback coreference)."""
        best = None
        subject = None
        sentence_start = tok.sent.start
        for mention in self.persons:
            if mention.start >= tok.i:
                break
            if sentence_start - mention.start < 400:
                best = mention
                if self.tokens[mention.end - 1].dep_ in ("nsubj", "nsubjpass") and \
                        sentence_start - mention.start < 80:
                    subject = mention
        # "Maliki appeared too close to Iran ... With Sadr on the run, he needs to": a person
        # named as a subject nearby is the likelier antecedent than one in a side phrase.
        if subject is not None and best is not None and \
                self.tokens[best.end - 1].dep_ not in ("nsubj", "nsubjpass"):
            best = subject
        return best.actor if best is not None else None

    def actors_of(self, tokens) -> list[ActorRef]:
        refs: list[ActorRef] = []
        seen: set[str] = set()
        for tok in tokens:
            for t in with_conjuncts(tok):
                if t.i not in self.by_token and t.pos_ == "NOUN" and (
                        self.lex.is_cue("abstract", t.lemma_.lower())
                        and not any(c.i in self.by_token for c in self.children(t))):
                    continue  # "an attempt to ...", "the plan": not an actor
                ref = self.actor_ref(t)
                if ref is not None and ref.id not in seen:
                    seen.add(ref.id)
                    refs.append(ref)
        return refs

    def _owned(self, tok, actor_ids: set[str]) -> bool:
        """"its troops", "their forces": an object the actor possesses is not its target
        ("rejoin his government" is, when "his" is someone else)."""
        if tok.dep_ not in ("dobj", "obj", "pobj"):
            return False
        poss = possessive_pronoun(tok)
        if poss is None:
            return False
        ref = self.actor_ref(poss, own_mention=False) or self.actor_ref(poss)
        if tok.dep_ == "pobj":  # "called on his followers": only when "his" is the actor
            return ref is not None and ref.id in actor_ids
        return ref is None or ref.id in actor_ids

    def pick_recipients(self, candidates: list, actor_ids: set[str], *,
                        themes: frozenset[int] = frozenset(),
                        home: frozenset[str] = frozenset(),
                        aimed: frozenset[int] = frozenset()) -> list[ActorRef]:
        """The target: first candidate covered by a mention (or a resolvable pronoun), else the
        first proper noun, else the first common noun that is not an event word or a theme
        (the thing given in "supplying weapons"); ``aimed`` tokens count as direct even under
        a place preposition ("fired rockets at U.S. forces"). A country adjective naming one of
        the ``home`` countries (the actors' own) is never the target: "Bush promised American
        help" says nothing about a relation between Bush and America."""
        direct: list = []
        circumstantial: list = []
        for tok in candidates:
            if is_circumstance(tok) and tok.i not in aimed:
                circumstantial.append(tok)
            else:
                direct.append(tok)
        # A candidate meets up to six rules; what does not depend on the rule is worked out
        # once per token.
        excluded: dict[int, bool] = {}
        found: dict[int, list[ActorRef]] = {}
        for tier, rule in ((direct, 0), (direct, 1), (direct, 3), (circumstantial, 0),
                           (circumstantial, 1), (direct, 2)):
            for tok in tier:
                if tok.i not in excluded:
                    excluded[tok.i] = self._excluded_target(tok, actor_ids)
                if excluded[tok.i]:
                    continue
                if rule == 0 and tok.i not in self.by_token and tok.pos_ != "PRON" and not any(
                        c.i in self.by_token for c in self.children(tok)
                        if c.dep_ in ("compound", "amod", "poss")):
                    continue
                if rule == 1 and tok.pos_ != "PROPN":
                    continue
                if rule == 3 and not (tok.pos_ == "NOUN" and self.can_act(tok)):
                    continue  # people and groups ("detained tribesmen in Ramadi")
                if rule == 2 and (tok.pos_ != "NOUN" or self._noun_entry(tok) is not None
                                  or self.lex.is_cue("abstract", tok.lemma_.lower())
                                  or (tok.i in themes
                                      and not self.lex.is_cue("agent", tok.lemma_.lower()))):
                    continue
                if tok.i not in found:
                    own_kind = (tok.dep_ in ("amod", "compound") and tok.head.pos_ == "NOUN") \
                        or tok.i in themes
                    found[tok.i] = [r for r in self.actors_of([tok]) if r.id not in actor_ids
                                    and not (own_kind and r.sector is None and r.country in home)]
                if found[tok.i]:
                    return found[tok.i]
        return []

    def _excluded_target(self, tok, actor_ids: set[str]) -> bool:
        """Whether a candidate can never be the target, whatever the rule."""
        if tok.ent_type_ in _NOT_ACTOR_ENTS or self._owned(tok, actor_ids) or (
                tok.dep_ in ("poss", "compound", "amod") and self._owned(tok.head, actor_ids)):
            return True  # "its troops", "his Mahdi Army": the actor's own
        # "the al-Askari shrine": the shrine's name, not an actor
        return tok.dep_ in ("amod", "compound") and self._unknown_name(tok) and \
            not self.can_act(tok.head)


# --------------------------------------------------------------------- parse helpers
def _looks_person(tokens: Sequence, mention: Mention) -> bool:
    """A mention that can be the antecedent of he/him/his: a PERSON entity or a title."""
    if mention.kind in ("pronoun", "agent"):
        return False
    if mention.kind == "title":
        return True
    return 0 <= mention.start < len(tokens) and tokens[mention.start].ent_type_ == "PERSON"


def _possessor_subject(coder: _DocumentCoder, pron):
    """"Sadr called on his followers": a possessive in a clause's object is its subject's.

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
    subjects = [s for s in _clause_subjects(coder, verb) if s.pos_ != "PRON"]
    if not subjects or subjects[0].left_edge.i <= pron.i <= subjects[0].right_edge.i:
        return None
    return quantified(subjects[0])


def _speaker_of(coder: _DocumentCoder, verb):
    """The subject of a reporting verb; for a verb conjoined to another clause its subject
    ("a minister who has had talks ... says"), a relative pronoun standing for its noun."""
    subj = coder.cached(subject_token, verb)
    if subj is None and verb.dep_ == "conj" and verb.head.i != verb.i:
        subj = coder.cached(subject_token, verb.head)
        if subj is not None and subj.lower_ in _RELATIVE and verb.head.dep_ == "relcl":
            subj = verb.head.head
    return subj


def _clause_subjects(coder: _DocumentCoder, verb) -> list:
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


def _governing_subject(pron):
    """'Uganda said it had paid': a subject pronoun of a complement refers to the main subject."""
    if pron.dep_ not in ("nsubj", "nsubjpass") or pron.lower_ in _RELATIVE:
        return None
    clause = pron.head
    for _ in range(4):
        if clause.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or clause.head.i == clause.i:
            return None
        clause = clause.head
        subj = subject_token(clause)
        if subj is not None and subj.lower_ in _RELATIVE and clause.dep_ == "relcl":
            subj = clause.head  # "leaders who think they are helpful": the leaders
        # In a quote, "we" and "I" are the speaker wherever the speech verb stands.
        first_person = pron.lower_ in ("i", "we") and clause.i > pron.i
        if subj is not None and subj.pos_ != "PRON" and (subj.i < pron.i or first_person):
            if pron.lower_ == "they" and subj.tag_ in ("NN", "NNP") and not subj.conjuncts \
                    and subj.ent_type_ not in ("ORG", "GPE", "NORP"):
                # "the minister says they are willing": a singular speaker is not "they"
                return _plural_antecedent(pron, subj)
            return quantified(subj)
    return None


def _plural_antecedent(pron, speaker):
    """The nearest plural noun before ``pron`` outside the speaker's own head ("a minister who
    met leaders of insurgent groups says they ..." -> groups), or None."""
    for tok in reversed(pron.doc[pron.sent.start:pron.i]):
        if tok.tag_ in ("NNS", "NNPS") and tok.i != speaker.i:
            return tok
    return None


#: An expectation that another actor act is a (soft) demand on it (PLOVER REQUEST).
_EXPECTATION = LexiconEntry(lemma="expect", pos="VERB", category="REQUEST", intensity=3.5)


def _promised_category(coder: _DocumentCoder, tok, entry: LexiconEntry) -> str | None:
    """What a promise or vow is a promise of.

    PLOVER's AGREE is an intent to *cooperate*: a promise to pursue militias is a THREATEN and a
    vow to veto a bill is a REJECT. Returns the complement's category, ``""`` when the
    complement is coded on its own (intent verbs such as *vow*, *pledge*, and transparent ones
    such as *help*: coding the vow too would count one act twice), or None when ``tok``
    promises nothing coded.
    """
    lemma = tok.lemma_.lower()
    if coder.lex.is_cue("transparent", lemma) and any(
            c.dep_ == "xcomp" and coder.trigger(c) is not None for c in coder.children(tok)):
        return ""  # "helped to broker the deal": the brokering is the act
    intent = coder.lex.is_cue("intent", lemma)
    if entry.category != "AGREE" or not (intent or lemma == "promise"):
        return None
    for comp in coder.children(tok):
        if comp.dep_ == "xcomp" and coder.trigger(comp) is not None:
            return "" if intent else coder.trigger(comp)[0].category
    return None


def _names_group(tok) -> bool:
    """A modifier that names a people, organisation or country ("Sunni", "Kurdish", "Hamas");
    not a person or a place's own name ("the al-Askari shrine", "Al Asad air base")."""
    if tok.ent_type_ in _NOT_ACTOR_ENTS:
        return False  # "the January elections"
    return tok.ent_type_ in ("NORP", "ORG", "GPE") or (
        not tok.ent_type_ and tok.pos_ == "ADJ" and tok.text[:1].isupper()
        and tok.i > tok.sent.start)


def _home_place(place: ActorRef, actors: list[ActorRef]) -> bool:
    """A bare country or place (no sector) in the country of every actor."""
    return place.sector is None and place.country is not None and bool(actors) and all(
        a.country == place.country for a in actors)


def _unidentified(tok) -> ActorRef:
    """The unnamed doer of an attack known only by its instrument ("a car bomb explosion")."""
    return ActorRef(text=phrase_text(tok), id=UNIDENTIFIED_ID, name="unidentified attackers",
                    sector="UAF")


def _ended(entry: LexiconEntry) -> LexiconEntry:
    """Ending a conflict act de-escalates (RETREAT); ending cooperation reduces it (SANCTION)."""
    category = "SANCTION" if polarity_of(entry.category) > 0 else "RETREAT"
    return LexiconEntry(lemma=entry.lemma, pos=entry.pos, category=category, intensity=5.0)


# --------------------------------------------------------------------- participants
def _agent_subjects(coder: _DocumentCoder, verb, seen: int = 0) -> list:
    """Subject tokens of a verb: nsubj, passive agent, or inherited from a controlling verb."""
    if seen > 6:
        return []
    if coder.cached(is_passive, verb):
        for child in coder.children(verb):
            if child.dep_ == "agent":
                return [p for p in coder.children(child) if p.dep_ == "pobj"]
        if coder.lex.is_cue("stative", verb.lemma_.lower()):
            return [c for c in coder.children(verb) if c.dep_ == "nsubjpass"]
        return instrument(verb)
    subj = coder.cached(subject_token, verb)
    if subj is not None:
        if subj.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return [verb.head]
        return [quantified(subj)]
    if verb.dep_ == "relcl":
        return [verb.head]
    if verb.dep_ == "pcomp" and verb.head.pos_ == "ADP":
        # "In his op-ed urging ...": a possessed sibling noun names the doer; otherwise the
        # verb the preposition hangs on ("X did Y by arming Z").
        prep = verb.head
        siblings = [p for p in coder.children(prep) if p.dep_ == "pobj"]
        poss = [c for sib in siblings for c in coder.children(sib) if c.dep_ == "poss"]
        if poss:
            return poss
        judged = _judged_object(coder, verb)
        if judged is not None:
            return [judged]
        if prep.lower_ == "from" and prep.head.pos_ == "VERB":
            # "kept the army from destroying X", "prevented them from voting"
            obj = next((c for c in coder.children(prep.head) if c.dep_ in ("dobj", "obj")), None)
            if obj is not None:
                return [obj]
        if prep.head.i != prep.i:
            return _agent_subjects(coder, prep.head, seen + 1)
        return []
    for child in coder.children(verb):
        # spaCy often parses a sentence-initial name as npadvmod ("Turkey massed troops").
        if child.dep_ == "npadvmod" and child.i < verb.i and child.i == verb.sent.start and (
                child.i in coder.by_token or child.pos_ == "PROPN"):
            return [child]
    if verb.dep_ in ("xcomp", "advcl", "conj", "acomp", "pcomp", "advmod", "oprd") and \
            verb.head.i != verb.i:
        head = verb.head
        if verb.tag_ == "VBG" and coder.lex.is_cue("perception", head.lemma_.lower()):
            # "observed Allawi strengthening his ties": the one observed acts
            obj = next((c for c in coder.children(head) if c.dep_ in ("dobj", "obj")), None)
            if obj is not None:
                return [obj]
        before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
        if verb.dep_ == "advcl" and verb.tag_ in ("VBN", "VBD") and before is not None and \
                before.pos_ in ("NOUN", "PROPN") and before.i in coder.by_token and \
                coder.lex.is_cue("stative", verb.lemma_.lower()):
            # "coalitions between Sunnis and Shi'ites opposed to Sadr": a reduced relative the
            # parser hung on the main verb belongs to the noun right before it
            return [before]
        if verb.dep_ in ("xcomp", "advcl") and has_aux(verb, {"to"}) and \
                coder.cached(is_passive, head) and \
                not any(c.dep_ == "agent" for c in coder.children(head)):
            # "the Shiites were emboldened to seize a mosque": the one pushed acts
            pushed = [c for c in coder.children(head) if c.dep_ == "nsubjpass"]
            if pushed:
                return [quantified(pushed[0])]
        if verb.dep_ == "xcomp":
            # Object control ("ordered X to ..."): the head's object is the doer; also under
            # verbs that only enable the act ("encourages X to", "allowed X to"), but not
            # under wishes ("wants X to": no act of X is stated).
            obj = next((c for c in coder.children(head) if c.dep_ in ("dobj", "dative")), None)
            if obj is not None and coder.trigger(head) is None and has_aux(verb, {"to"}) and \
                    not coder.lex.is_cue("attitude", head.lemma_.lower()) and \
                    not coder.lex.is_cue("expecting", head.lemma_.lower()) and \
                    not coder.lex.is_cue("speech", head.lemma_.lower()):
                return [obj]
            if obj is not None and coder.trigger(head) is not None and \
                    not coder.lex.is_cue("transparent", head.lemma_.lower()) and \
                    not coder.is_mission(head) and \
                    head.lemma_.lower() not in ("promise", "offer", "agree", "pledge", "vow"):
                return [obj]
        return _agent_subjects(coder, head, seen + 1)
    served = in_order_to(verb)
    if served is not None:  # "flew to Moscow in order to protest": the traveller protests
        return _agent_subjects(coder, served, seen + 1)
    if verb.dep_ == "acl":
        head = verb.head
        if verb.tag_ == "VBN":
            # "Shi'ites opposed to Sadr" (stance) vs "the curfew imposed in Sudan" (passive).
            active = any(c.dep_ in ("dobj", "obj") for v in [verb, *verb.conjuncts]
                         for c in coder.children(v))  # a misparsed finite verb keeps its object
            return [head] if active or coder.lex.is_cue("stative", verb.lemma_.lower()) else []
        # "his op-ed urging ...": the possessor of the head noun is the doer.
        poss = [c for c in coder.children(head) if c.dep_ == "poss"]
        if poss:
            return poss
        if head.i in coder.by_token or head.pos_ == "PROPN" or head.dep_ not in OBJECT_DEPS:
            return [head]
        return _agent_subjects(coder, head.head, seen + 1)
    if verb.dep_ == "amod" and verb.tag_ == "VBN":
        return [c for c in coder.children(verb)
                if c.dep_ in ("npadvmod", "compound", "nmod", "amod") and c.i < verb.i][:1]
    return []


def _event_noun_subjects(coder: _DocumentCoder, subjects: list, category: str) -> list:
    """Replace event nouns in subject position ("US Predator attacks have killed ...").

    For attacks the noun's named modifier is the doer (or the noun stands in as an instrument);
    for other acts an event noun is no actor at all ("the fight ... has given him credibility").
    """
    out = []
    for subj in subjects:
        if subj.i in coder.by_token or subj.pos_ not in ("NOUN",) or \
                coder._noun_entry(subj) is None or subj.lemma_.lower() in _RELATIONAL_NOUNS \
                or coder.lex.is_cue("agent", subj.lemma_.lower()):
            out.append(subj)
            continue
        if category not in ("ASSAULT", "COERCE"):
            continue
        mods = [t for t in subj.doc[subj.left_edge.i:subj.i]
                if t.i in coder.by_token or t.pos_ == "PROPN"]
        out.append(mods[0] if mods else subj)
    return out


def _judged_object(coder: _DocumentCoder, verb):
    """"accused Iran of supplying militias", "praised X for joining": the object did it.

    Returns the object of the judging verb when ``verb`` is the gerund of its of/for phrase.
    """
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ not in ("of", "for") or prep.head.pos_ != "VERB":
        return None
    judge = prep.head
    found = coder.trigger(judge)
    if found is None or found[0].category not in _JUDGING:
        return None
    return next((c for c in coder.children(judge) if c.dep_ in ("dobj", "obj")), None)


def _recipient_candidates(coder: _DocumentCoder, verb, noun=None, depth: int = 0) -> list:
    """Tokens that may name the target, best first."""
    out: list = []
    children = coder.children(verb)
    if verb.dep_ == "amod" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        out.append(verb.head)
    if coder.cached(is_passive, verb):
        out += [c for c in children if c.dep_ == "nsubjpass"]
    for child in children:
        if child.dep_ in ("dobj", "dative", "obj") and (noun is None or child.i != noun.i):
            if child.dep_ == "dative" and child.pos_ == "ADP":
                out += [p for p in coder.children(child) if p.dep_ == "pobj"]
            else:
                out.append(child)
    if noun is not None:
        out += _noun_candidates(coder, noun)
    nested: list = []
    if verb.pos_ == "ADJ":
        # "suspicious of the premier", "wary of Iran": the of-object is the one judged
        out += [p for c in children if c.dep_ == "prep" and c.lower_ == "of"
                for p in coder.children(c) if p.dep_ == "pobj"]
    preps_by_word: dict[str, list] = {}
    for child in children:
        if child.dep_ == "prep":
            preps_by_word.setdefault(child.lower_, []).append(child)
    for prep_word in _TARGET_PREPS:
        for child in preps_by_word.get(prep_word, ()):
            for pobj in coder.children(child):
                if pobj.dep_ == "pobj":
                    out.append(pobj)
                    if prep_word not in SHALLOW_PREPS:
                        nested += _noun_candidates(coder, pobj, 1)
    # "fired rockets at U.S. forces on the outskirts of Falluja": a phrase's own object comes
    # before the names nested inside another phrase.
    out += nested
    for child in children:
        if child.dep_ in ("dobj", "obj") and (noun is None or child.i != noun.i):
            out += _noun_candidates(coder, child)
    for child in children:
        if child.dep_ in ("prep", "prt", "advmod") and child.lower_ == "out":
            # "ordered his ministers out of Maliki's cabinet", "drove them out of Ramadi"
            out += [p for of in coder.children(child) if of.dep_ == "prep" and of.lower_ == "of"
                    for p in coder.children(of) if p.dep_ == "pobj"]
    for child in children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONAL
                                         for m in coder.children(child)):
            # "... unless Israel rescinds": the one pressed
            subj = coder.cached(subject_token, child)
            if subj is not None:
                out.append(subj)
    if depth < 2:
        for child in children:
            if child.dep_ in _CLAUSAL or (child.dep_ == "advcl" and child.tag_ == "VB"):
                subj = coder.cached(subject_token, child)
                if subj is not None:
                    out.append(subj)
                out += _recipient_candidates(coder, child, depth=depth + 1)
    return out


def _object_places(verb) -> list:
    """Objects of "in/at" phrases hanging off what a verb acts on ("a market in Kirkuk",
    "fire on a bus in Karachi"), conjuncts included."""
    out: list = []
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    objects += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in (
        "on", "upon", "at", "against", "into") for p in c.children if p.dep_ == "pobj"]
    for obj in objects:
        for noun in [obj, *obj.conjuncts]:
            out += [p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
                    for p in c.children if p.dep_ == "pobj"]
    return out


def _noun_candidates(coder: _DocumentCoder, noun, depth: int = 0) -> list:
    """Participants hanging off an event noun: possessor, NORP modifier, prepositional objects."""
    out: list = []
    for child in coder.children(noun):
        if child.dep_ == "poss":
            out.append(child)
        elif child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG"):
            out.append(child)
    for child in coder.children(noun):
        if child.dep_ == "prep" and child.lower_ in _NOUN_TARGET_PREPS:
            for pobj in coder.children(child):
                if pobj.lower_ == "behalf" or pobj.lemma_.lower() == "side":
                    continue  # "an occupation on behalf of the Shiites": a beneficiary
                if pobj.dep_ == "pobj":
                    out.append(pobj)
                    if depth < 2:
                        out += _noun_candidates(coder, pobj, depth + 1)
        elif child.dep_ == "acl" and depth < 2:
            # "crimes committed by Croat forces", "property seized by the army"
            out += [p for c in coder.children(child) if c.dep_ == "agent"
                    for p in coder.children(c) if p.dep_ == "pobj"]
            out += [c for c in coder.children(child) if c.dep_ in ("dobj", "dative")]
    return out


# --------------------------------------------------------------------- the coder
def code_events(doc, document: Document, mentions: Sequence[Mention], *,
                lexicon: Lexicon | None = None) -> list[Event]:
    """Code PLOVER events from a parsed document.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The parse of ``document.text`` (sentences, dependencies, entities).
    document : Document
        Supplies ``id``, ``date`` and ``source`` for every event.
    mentions : Sequence[Mention]
        Actor mentions from the actors stage (token offsets into ``doc``). Arguments not covered
        by a mention become ``x:``-slug actors.
    lexicon : Lexicon, optional
        Defaults to the packaged lexicon.

    Returns
    -------
    list[Event]
        In sentence and token order; one event per (actor, recipient) pair of each trigger.
        Pure and deterministic.

    Examples
    --------
    >>> from faultlines.nlp import load_pipeline  # doctest: +SKIP
    >>> doc = load_pipeline()("Iran condemned Israel.")  # doctest: +SKIP
    >>> [e.event_type for e in code_events(doc, Document("d", doc.text), [])]  # doctest: +SKIP
    ['ACCUSE']
    """
    coder = _DocumentCoder(doc, document, mentions, lexicon or default_lexicon())
    events: list[Event] = []
    for index, sent in enumerate(doc.sents):
        events.extend(_code_sentence(coder, sent, index))
    return events


def _code_sentence(coder: _DocumentCoder, sent, index: int) -> list[Event]:
    ranked: list[tuple[float, float, int, Event]] = []
    seen: set[tuple] = set()
    consumed: set[int] = set()
    sentence_text = ""  # joined from the tokens by the first event; most sentences have none
    verb_triggers = []
    nouns = []  # coded once the verbs are done
    for tok in coder.tokens[sent.start:sent.end]:
        pos = tok.pos_
        if pos in ("VERB", "ADJ", "ADV"):
            found = coder.trigger(tok)
            if found is not None and (pos == "VERB" or found[2] is None):
                verb_triggers.append((tok, found))
                if found[2] is not None:
                    consumed.add(found[2].i)
        elif pos == "NOUN":
            nouns.append(tok)

    def emit(category, actor, recipient, intensity, ctx, trig_text, trigger_tok):
        nonlocal sentence_text
        key = (trigger_tok.i, category, actor.id, recipient.id if recipient else None)
        if key in seen:
            return
        seen.add(key)
        modality, attributed = _modality(coder, ctx)
        sentence_text = sentence_text or "".join(
            t.text_with_ws for t in coder.tokens[sent.start:sent.end]).strip()
        event = Event(
            doc_id=coder.document.id, sentence_index=index, sentence=sentence_text,
            date=coder.document.date, event_type=category, actor=actor, recipient=recipient,
            polarity=polarity_of(category), intensity=float(intensity), modality=modality,
            attributed_to=attributed, trigger=trig_text, source=coder.document.source,
        )
        depth = float(tree_depth(trigger_tok))
        if trigger_tok.dep_ == "advcl" and coder.lex.is_cue(
                "motion", trigger_tok.head.lemma_.lower()) and has_aux(trigger_tok, {"to"}):
            depth -= 1.5  # the purpose of a mission outranks the travel itself
        ranked.append((depth, -float(intensity), len(ranked), event))

    # A mission whose purpose is a conflict act is only the vehicle of that act: "sent a
    # delegation to Tehran to demand ..." is a REQUEST, not also a CONSULT.
    vehicles = {tok.i for tok, _ in verb_triggers if coder.is_mission(tok) and any(
        coder.trigger(p) is not None and _hostile(coder.trigger(p)[0])
        for p in purpose_clauses(tok))}
    for tok, (entry, text, noun) in verb_triggers:
        if tok.i in vehicles:
            continue
        ctx = coder.context(tok)
        if ctx.governed:
            continue
        promised = _promised_category(coder, tok, entry)
        if promised == "":
            continue  # "vowed to defeat X": the complement is coded, with its intent
        if promised in _MATERIAL_CONFLICT:
            ctx.vowed_conflict = True
        category, trig_text = _shift_category(
            promised if promised in _VERBAL_CONFLICT else entry.category, ctx, text)
        if ctx.negated and coder.lex.is_cue("refusing", tok.lemma_.lower()):
            # "will not tolerate X": the refusal is what is stated, and it is stated now
            category, trig_text, ctx.negated = "REJECT", f"not {trig_text}", False
        subjects = _event_noun_subjects(coder, _agent_subjects(coder, tok), entry.category)
        candidates = _recipient_candidates(coder, tok, noun)
        if noun is not None and coder.lex.is_cue("receiving", tok.lemma_.lower()):
            # "won him the endorsement of X": X acts, the receiver is the target.
            givers = [p for c in coder.children(noun) if c.dep_ == "prep" and c.lower_ in
                      ("of", "from", "by") for p in coder.children(c) if p.dep_ == "pobj"]
            if not givers:
                continue
            candidates = [c for c in coder.children(tok) if c.dep_ == "dative"] + subjects
            subjects = givers
        if coder.lex.is_cue("dependent", tok.lemma_.lower()):
            # "the government is dependent on U.S. funds": the U.S. gives, the subject receives
            givers = [p for c in coder.children(tok)
                      if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                      for p in coder.children(c) if p.dep_ == "pobj"]
            if not givers:
                continue
            candidates, subjects = subjects, givers
        # "fought on the side of X", "alongside X": X is an ally; "on behalf of X" a
        # beneficiary; "an alliance with X against Z": Z is the common opponent. None of them
        # is the target of the act itself.
        allies, dropped = _side_phrases(coder, tok)
        opponents = _opponents(tok) if polarity_of(category) > 0 else []
        dropped |= {t.i for o in opponents for t in o.subtree}
        if polarity_of(category) < 0 and entry.prep != "for":
            # "insurgents fighting for Sunni interests": "for" names a cause or a side
            dropped |= {t.i for c in coder.children(tok) if c.dep_ == "prep" and c.lower_ == "for"
                        for t in c.subtree}
        candidates = [c for c in candidates if c.i not in dropped]
        actors = coder.actors_of(subjects)
        if not actors and entry.category in _VIOLENT:
            # "killed in a car bombing", "a roadside bomb killed ...": the attack happened, its
            # doer is not named. One shared unknown actor keeps the event without making
            # "bombing" or "clashes" a node of the network.
            actors = [_unidentified(s) for s in subjects[:1] if coder.is_event_noun(s)]
        if not actors:
            continue
        actor_ids = {a.id for a in actors}
        themes = frozenset(c.i for c in coder.children(tok) if c.dep_ in ("dobj", "obj")) \
            if entry.category in _GIVING else frozenset()
        if entry.objects:
            # "opened fire", "imposed a curfew": an object named by the lexicon row is part of
            # the trigger, not a target, unless it names an actor ("received the minister").
            candidates = [c for c in candidates if not (
                c.head.i == tok.i and c.dep_ in OBJECT_DEPS and head_words(c) & entry.objects
                and c.i not in coder.by_token
                and not coder.lex.is_cue("agent", c.lemma_.lower()))]
        if entry.category == "MOBILIZE" or coder.lex.is_cue("motion", tok.lemma_.lower()):
            # "sent troops", "deployed two battalions": the object is the actor's own force.
            candidates = [c for c in candidates if c.i not in themes and c.dep_ not in OBJECT_DEPS]
        if entry.category in _VIOLENT or entry.category == "MOBILIZE":
            # "seized police stations in Najaf", "bombed a market in Kirkuk": an attack on a
            # place or thing is an attack on whoever holds the place it stands in.
            candidates += _object_places(tok)
        home = frozenset(a.country for a in actors if a.country)
        # "fired rockets at U.S. forces": "at" names the target of a hostile act, not a place
        aimed = frozenset(p.i for c in coder.children(tok) if c.dep_ == "prep" and c.lower_ == "at"
                          for p in coder.children(c) if p.dep_ == "pobj") \
            if _hostile(entry) else frozenset()
        recipients = coder.pick_recipients(candidates, actor_ids, themes=themes, home=home,
                                           aimed=aimed)
        mission = coder.mission_of(tok)
        if not recipients and mission is not None:
            # "sent envoys to Tehran to demand compensation": demanded of Tehran.
            recipients = coder.pick_recipients(
                [c for c in _recipient_candidates(coder, mission) if c.dep_ not in OBJECT_DEPS
                 or not coder.lex.is_cue("motion", mission.lemma_.lower())], actor_ids,
                home=home)
        if coder.lex.is_cue("mission", tok.lemma_.lower()) and entry.category == "CONSULT":
            # "Maliki flew to Karbala": travel inside one's own country meets no one.
            recipients = [r for r in recipients if not _home_place(r, actors)]
            if not recipients and not any(c.dep_ in OBJECT_DEPS for c in coder.children(tok)):
                continue
        for actor in actors:
            # "Israel and Jordan signed a treaty": with no other target, each partner is the
            # other's target.
            partners = recipients or [a for a in actors if a.id != actor.id][:1] or [None]
            for recipient in partners:
                emit(category, actor, recipient, entry.intensity, ctx, trig_text, tok)
            for ally in coder.actors_of(allies):
                if ally.id != actor.id:
                    emit("COOPERATE", actor, ally, 5.0, ctx, f"{trig_text} on the side of", tok)
        _emit_opposition(coder, emit, actors + recipients, opponents, ctx, trig_text, tok)
        if ctx.advocated and ctx.speech is not None and ctx.speaker is not None:
            # "X said Y must ...": the speaker demands it of Y (PLOVER REQUEST).
            speakers = coder.actors_of([ctx.speaker])
            for speaker in speakers:
                for target in actors:
                    if target.id != speaker.id:
                        demand_ctx = _Context(according_to=ctx.according_to)
                        emit("REQUEST", speaker, target, 4.0, demand_ctx,
                             f"{ctx.speech.text} {ctx.advocate_word}".strip(), ctx.speech)

    for tok in nouns:
        if tok.i in consumed or tok.i in coder.by_token:
            continue  # a noun inside an actor's name ("the Shiite alliance") is no event
        if tok.dep_ in OBJECT_DEPS and tok.head.i != tok.i and coder.trigger(tok.head) is not None:
            continue  # an event noun that is the object of another trigger only describes that act
        found = coder.trigger(tok)
        if found is None:
            continue
        entry, text, _ = found
        paired = _hyphen_partners(coder, tok)
        actors, recipients_tokens = _nominal_participants(coder, tok, entry)
        if paired and not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in (
                "by", "between", "with")) for c in coder.children(tok)):
            # "the U.S.-Iraqi alliance", "a Sunni-Shiite peace agreement": the hyphen joins
            # the two parties of the relation
            actors, recipients_tokens = paired[:1], []
        if not actors:
            continue
        host = tok.head
        for _ in range(6):
            if host.pos_ in ("VERB", "AUX") or host.head.i == host.i:
                break
            host = host.head
        host_ctx = coder.context(host) if host.pos_ in ("VERB", "AUX") else _Context()
        # A free-standing event noun names something that happened; the host clause's modals
        # and negation are about the host ("the alliance must be spelled out"), but its
        # attribution still applies.
        ctx = _Context(speech=host_ctx.speech, speaker=host_ctx.speaker,
                       according_to=host_ctx.according_to)
        actor_ids = {a.id for a in actors}
        stray = _stray_partners(tok)
        recipients_tokens = stray + list(recipients_tokens)
        opponents = _opponents(tok, stray) if polarity_of(entry.category) > 0 else []
        dropped = {t.i for o in opponents for t in o.subtree}
        recipients = coder.pick_recipients(
            [t for t in recipients_tokens if t.i not in dropped], actor_ids,
            home=frozenset(a.country for a in actors if a.country))
        if paired and actors == paired[:1]:
            recipients = paired[1:]
        for actor in actors:
            for recipient in recipients or [None]:
                emit(entry.category, actor, recipient, entry.intensity, ctx, text, tok)
        _emit_opposition(coder, emit, actors + recipients, opponents, ctx, text, tok)
    # Salience order: triggers nearest the sentence root first, then the more intense.
    return [event for *_, event in sorted(ranked, key=lambda r: r[:3])]


def _side_phrases(coder: _DocumentCoder, verb) -> tuple[list, set[int]]:
    """Allies and the tokens of side/beneficiary phrases hanging off ``verb``.

    "fought on the side of X", "on X's side", "alongside X" name X as an ally; "on behalf of X"
    names a beneficiary. Returns (ally tokens, indices of every token in such phrases).
    """
    allies: list = []
    dropped: set[int] = set()
    for prep in coder.children(verb):
        if prep.dep_ != "prep":
            continue
        low = prep.lower_
        pobjs = [p for p in coder.children(prep) if p.dep_ == "pobj"]
        if low == "alongside":
            allies += pobjs
        elif low in ("on", "by", "at") and pobjs and (
                coder.lex.is_cue("side", pobjs[0].lemma_.lower())
                or pobjs[0].lower_ == "behalf"):
            head = pobjs[0]
            owners = [c for c in coder.children(head) if c.dep_ == "poss"] + [
                p for c in coder.children(head) if c.dep_ == "prep" and c.lower_ == "of"
                for p in coder.children(c) if p.dep_ == "pobj"]
            if head.lower_ != "behalf":
                allies += owners
        else:
            continue
        dropped |= {t.i for t in prep.subtree}
    return allies, dropped


def _stray_partners(noun) -> list:
    """"the costs of X's alliance with Y": the parser often hangs "with Y" on "costs"; a
    with-phrase right after an of-phrase's event noun belongs to that noun."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of" or any(
            c.dep_ == "prep" and c.lower_ == "with" for c in noun.children):
        return []
    owner = noun.head.head
    return [p for c in owner.children if c.dep_ == "prep" and c.lower_ == "with"
            and c.i == noun.right_edge.i + 1 for p in c.children if p.dep_ == "pobj"]


def _opponents(trigger, partners: list | tuple = ()) -> list:
    """Objects of "against" on a cooperative trigger or on its partner ("an alliance with the
    Shiites against the Sunnis", "cooperation against terrorists"): the common opponent."""
    holders = [trigger, *partners] + [p for c in trigger.children if c.dep_ == "prep"
                                      and c.lower_ in ("with", "between") for p in c.children
                                      if p.dep_ == "pobj"]
    holders += [c for h in holders[1:] for c in h.conjuncts]
    return [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "against"
            for p in c.children if p.dep_ == "pobj"]


def _emit_opposition(coder: _DocumentCoder, emit, sides: list[ActorRef], opponents: list,
                     ctx: _Context, text: str, tok) -> None:
    """Each party of a cooperation aimed "against" someone opposes that someone (ACCUSE:
    PLOVER's expressed opposition; the cooperation says nothing more material about them)."""
    if not opponents:
        return
    side_ids = {s.id for s in sides}
    for opponent in coder.actors_of(opponents):
        if opponent.id in side_ids:
            continue
        for side in sides:
            emit("ACCUSE", side, opponent, 3.0, ctx, f"{text} against", tok)


def _hyphen_partners(coder: _DocumentCoder, noun) -> list[ActorRef]:
    """The parties a hyphenated modifier joins ("U.S.-Iraqi Sunni alliance" -> United States,
    Iraqi Sunnis), in text order; empty when the modifiers are not hyphen-joined actors.

    A bare country that is also the country of a following group is that group's nationality
    ("Iraqi Sunni"), not a third party.
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


def _nominal_participants(coder: _DocumentCoder, noun, entry: LexiconEntry):
    """Actor and target candidates of a free-standing event noun ("Shiite violence against X")."""
    actor_toks: list = []
    target_toks: list = []
    lemma = noun.lemma_.lower()
    # "violence against Sunnis by Shiite militias": an explicit agent beats any modifier.
    owners = [noun]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        owners.append(noun.head.head)  # "the beginning of violence ... by militias"
    actor_toks += [p for owner in owners for c in coder.children(owner)
                   if c.dep_ == "prep" and c.lower_ == "by"
                   for p in coder.children(c) if p.dep_ == "pobj"][:1]
    for child in coder.children(noun) if not actor_toks else ():
        if child.dep_ == "poss":
            actor_toks.append(child)
    if not actor_toks:
        for child in coder.children(noun):
            if child.dep_ in ("amod", "compound", "nmod") and child.i < noun.i and (
                    child.i in coder.by_token or child.ent_type_ in ("NORP", "GPE", "ORG")):
                if entry.category in ("ASSAULT", "COERCE") and child.ent_type_ in ("GPE", "LOC") \
                        and child.dep_ == "compound":
                    break  # "the Iraq invasion", "a Gaza offensive": the place is the target
                actor_toks.append(child)
                break
    of_pobjs = [p for c in coder.children(noun) if c.dep_ == "prep" and c.lower_ in ("of", "by")
                for p in coder.children(c) if p.dep_ == "pobj"]
    if not actor_toks and lemma in _SUPPORT_NOUNS_OF_AGENT and of_pobjs:
        actor_toks = of_pobjs[:1]
        of_pobjs = []
        if noun.dep_ in OBJECT_DEPS:
            target_toks += [c for c in coder.children(noun.head) if c.dep_ == "dative"]
            if not target_toks:
                subj = subject_token(noun.head)
                if subj is not None:
                    target_toks.append(subj)
    between = [p for c in noun.subtree if c.dep_ == "prep" and c.lower_ == "between"
               and within_phrase(c, noun) for p in coder.children(c) if p.dep_ == "pobj"]
    if not actor_toks and between:
        # "an alliance between X and Y": X is the actor, Y (and further conjuncts) the target.
        first = coder.actor_ref(between[0])
        targets = [c for c in between[0].conjuncts if c.i > between[0].i]
        if first is None:
            return [], []
        return [first], targets
    if not actor_toks and noun.dep_ == "pobj":
        # "Iraq is in (stage one of) a civil war": the subject of the copula is the actor.
        anchor = noun.head
        for _ in range(4):
            if anchor.dep_ == "prep" and anchor.lower_ == "in" and (
                    anchor.head.lemma_ == "be" or (anchor.head.lemma_ in _ENTANGLED
                                                   and is_passive(anchor.head))):
                # "fighters who are locked in a standoff with U.S. troops"
                subj = subject_token(anchor.head) or next(
                    (c for c in coder.children(anchor.head) if c.dep_ == "nsubjpass"), None)
                if subj is not None and subj.lower_ in _RELATIVE and \
                        anchor.head.dep_ == "relcl":
                    subj = anchor.head.head
                if subj is not None:
                    actor_toks.append(subj)
                break
            anchor = anchor.head
            if anchor.head.i == anchor.i:
                break
    if not actor_toks and lemma in _RELATIONAL_NOUNS and noun.dep_ == "attr" and \
            noun.head.lemma_ in ("be", "remain", "become") and of_pobjs:
        # "Syria is (remains, became) an ally of Iran"
        subj = subject_token(noun.head)
        if subj is not None:
            return coder.actors_of([subj]), of_pobjs[:1]
    if not actor_toks and lemma in _RELATIONAL_NOUNS:
        return [], []
    if lemma in _RELATIONAL_NOUNS:
        named = [c for c in coder.children(noun) if c.dep_ == "appos"]
        after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        if not named and after is not None and after.i in coder.by_token and \
                after.pos_ == "PROPN" and (after.head.i == noun.head.i or
                                            noun.head.i == after.i or after.head.i == noun.i):
            # "Iran's ally Hezbollah fired ...": parsed as two subjects, meant as apposition
            named = [after]
        target_toks += named or [noun]
    by_agent = bool(actor_toks) and actor_toks[0].head.lower_ == "by"
    target_toks += [t for t in _noun_candidates(coder, noun)
                    if not (by_agent and t.head.i == noun.i and t.dep_ in ("amod", "compound"))]
    target_toks += between
    actors = coder.actors_of(actor_toks)
    if lemma in _RELATIONAL_NOUNS and target_toks and target_toks[0].i == noun.i:
        return actors, [noun]  # "its Shiite allies": the allies themselves are the target
    return actors, [t for t in target_toks if t.i not in {a.i for a in actor_toks}]


def _shift_category(category: str, ctx: _Context, text: str) -> tuple[str, str]:
    """PLOVER codes stated intent as AGREE (cooperation) or THREATEN (material conflict)."""
    if ctx.vowed_conflict:
        return "THREATEN", text
    if ctx.intent and not ctx.negated and not ctx.uncertain:
        if category in _MATERIAL_CONFLICT:
            return "THREATEN", f"{ctx.intent} {text}"
        if category not in _VERBAL_CONFLICT:
            return "AGREE", f"{ctx.intent} {text}"
    if ctx.conditional and category in _MATERIAL_CONFLICT and ctx.hypothetical:
        return "THREATEN", text
    return category, text


def _modality(coder: _DocumentCoder, ctx: _Context) -> tuple[str, ActorRef | None]:
    speaker = ctx.speaker if ctx.speaker is not None else ctx.according_to
    attributed = None
    if speaker is not None:
        refs = coder.actors_of([speaker])
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
