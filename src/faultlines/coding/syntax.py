"""Pure helpers over a spaCy dependency parse, shared by the event coder's rules.

Nothing here knows about the lexicon or the mentions; each function looks at a token and its
neighbours only, so the rules in ``coder.py`` read as sentences about the parse.

spaCy builds new Token objects on every walk over ``tok.children``; the helpers the coder calls
most take an optional ``children`` argument, the token's children as the caller keeps them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.attrs import HEAD
from spacy.tokens import Doc, Token

from faultlines.coding.lexicon import LexiconEntry
from faultlines.coding.words import QUANTITY_HEADS, SHALLOW_PREPS

__all__ = [
    "AGENT_ENTS",
    "CLAUSAL_DEPS",
    "NOT_ACTOR_ENTS",
    "OBJECT_DEPS",
    "QUANTITY_HEADS",
    "SHALLOW_PREPS",
    "SUBJECT_DEPS",
    "according_to",
    "tree_depth",
    "has_aux",
    "has_finite_complement",
    "head_indices",
    "in_order_to",
    "head_words",
    "instrument",
    "is_circumstance",
    "is_passive",
    "last_subject",
    "nominal_objects",
    "phrase_text",
    "possessive_pronoun",
    "purpose_clauses",
    "quantified",
    "subject_token",
    "verb_text",
    "with_conjuncts",
    "within_phrase",
]

SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
#: Clausal complements a governing verb takes ("refused to agree", "demanded that X go").
CLAUSAL_DEPS = frozenset({"xcomp", "ccomp"})
#: Entity labels of political agents.
AGENT_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Entity labels that never name an actor (dates, amounts).
NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT",
                            "ORDINAL"})


def is_circumstance(tok: Token) -> bool:
    """Objects of place/time/cause prepositions ("in Mosul", "over pay") are weak targets."""
    return tok.dep_ == "pobj" and tok.head.lower_ in SHALLOW_PREPS


def possessive_pronoun(tok: Token) -> Token | None:
    """The possessive pronoun of a noun ("its" in "its troops"), or None."""
    return next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)


def within_phrase(prep: Token, noun: Token) -> bool:
    """Whether a preposition hangs off ``noun`` through prepositional phrases only."""
    cur = prep
    for _ in range(5):
        if cur.head.i == noun.i:
            return True
        if cur.head.dep_ not in ("pobj", "prep") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def is_passive(tok: Token, children: Sequence[Token] | None = None) -> bool:
    """Whether a verb is passive (it has a passive subject or auxiliary)."""
    return any(c.dep_ in ("nsubjpass", "auxpass")
               for c in (tok.children if children is None else children))


def has_aux(tok: Token, words: set[str]) -> bool:
    """Whether one of ``words`` is an auxiliary of ``tok``."""
    return any(c.dep_ == "aux" and c.lower_ in words for c in tok.children)


def has_finite_complement(tok: Token) -> bool:
    """Whether ``tok`` has a that-clause (a ``ccomp`` without infinitival *to*)."""
    for child in tok.children:
        if child.dep_ == "ccomp" and not any(c.dep_ == "aux" and c.lower_ == "to"
                                             for c in child.children):
            return True
    return False


def head_indices(doc: Doc) -> list[int]:
    """The index of every token's head (a root is its own head), read from the parse arrays
    in one pass: ``tok.head`` builds a new Token object on every call."""
    # spaCy stores heads as offsets from the token, in an unsigned array: cast back to signed.
    offsets = doc.to_array(HEAD).astype("int64").tolist()
    return [i + offset for i, offset in enumerate(offsets)]


def head_words(tok: Token) -> set[str]:
    """The lemma of ``tok`` and of its compound/adjective/nominal modifiers."""
    words = {tok.lemma_.lower()}
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            words.add(child.lemma_.lower())
    return words


def verb_text(tok: Token, entry: LexiconEntry) -> str:
    """The trigger text of a verb row: the verb, its particle and its named object."""
    parts = [tok]
    if entry.prep:
        parts += [c for c in tok.children if c.lower_ == entry.prep and c.dep_ in ("prep", "prt")]
    if entry.objects:
        parts += [c for c in tok.children if c.dep_ in OBJECT_DEPS | {"nsubjpass"}
                  and head_words(c) & entry.objects]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


def nominal_objects(tok: Token, *, with_preps: bool = True,
                    children: Sequence[Token] | None = None) -> Iterator[Token]:
    """Nouns a verb acts on: objects, their conjuncts and of-phrases, in/on/into/to objects."""
    if children is None:
        children = list(tok.children)
    for child in children:
        if child.dep_ in OBJECT_DEPS or child.dep_ == "nsubjpass" and is_passive(tok, children):
            yield child
            yield from (c for c in child.conjuncts)
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    yield from (p for p in prep.children if p.dep_ == "pobj")
    for child in children if with_preps else ():
        if child.dep_ == "prep" and child.lower_ in ("in", "on", "into", "to"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield pobj


def with_conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the conjuncts after it."""
    out = [tok]
    for conj in tok.conjuncts:
        if conj.i > tok.i:
            out.append(conj)
    return out


def phrase_text(tok: Token) -> str:
    """The text of a noun phrase without determiners or possessive pronouns."""
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod", "nummod") or (
                child.dep_ == "punct" and child.text == "-"):
            left = min(left, child.left_edge.i)
    span = tok.doc[left:tok.i + 1]
    words = [t.text for t in span if t.dep_ != "det" and not (t.dep_ == "poss" and
                                                               t.pos_ == "PRON")]
    return " ".join(words).replace(" - ", "-").replace(" 's", "'s") or tok.text


def subject_token(verb: Token, children: Sequence[Token] | None = None) -> Token | None:
    """The subject of ``verb`` (the rightmost of a split name), or None."""
    if children is None:
        children = list(verb.children)
    for child in children:
        if child.dep_ in SUBJECT_DEPS and child.pos_ != "DET":
            return last_subject(verb, child, children)
    return None


def last_subject(verb: Token, first: Token,
                 children: Sequence[Token] | None = None) -> Token:
    """spaCy sometimes splits a name over several nsubj tokens: use the rightmost one."""
    subs = [c for c in (verb.children if children is None else children)
            if c.dep_ == first.dep_ and c.i < verb.i]
    return subs[-1] if subs else first


def according_to(tok: Token, children: Sequence[Token] | None = None) -> Token | None:
    """The object of an "according to" phrase on ``tok``, or None."""
    for child in tok.children if children is None else children:
        if child.dep_ == "prep" and child.lower_ == "according":
            for to in child.children:
                if to.lower_ == "to":
                    return next((p for p in to.children if p.dep_ == "pobj"), None)
        if child.lower_ == "according" and child.dep_ in ("prep", "advcl"):
            for to in child.children:
                if to.lower_ == "to":
                    return next((p for p in to.children if p.dep_ == "pobj"), None)
    return None


def purpose_clauses(verb: Token) -> list[Token]:
    """Infinitive clauses saying what ``verb`` was done for.

    "sent a delegation to Tehran *to demand* ...", "visited Damascus *to press* ...", "flew to
    Moscow *in order to protest* ...": an ``advcl``/``xcomp`` with *to*, or the clause hanging
    off *in order*.
    """
    out = [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"
           and has_aux(c, {"to"})]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for order in prep.children:
                if order.dep_ == "pobj" and order.lower_ == "order":
                    out += [c for c in order.children if c.dep_ == "acl" and c.pos_ == "VERB"]
    return out


def in_order_to(verb: Token) -> Token | None:
    """The verb an "in order to" clause serves ("flew ... in order to protest"), or None."""
    order = verb.head
    if verb.dep_ == "acl" and order.lower_ == "order" and order.dep_ == "pobj" and \
            order.head.lower_ == "in" and order.head.head.i != order.head.i:
        return order.head.head
    return None


def tree_depth(tok: Token) -> int:
    """The number of heads above ``tok`` (at most 50)."""
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def quantified(tok: Token) -> Token:
    """"Thousands of students", "a group of rebels": the people counted are the actor."""
    if tok.like_num or tok.pos_ == "NUM" or tok.lower_ in QUANTITY_HEADS:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((p for p in child.children if p.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
    return tok


def instrument(verb: Token) -> list[Token]:
    """'killed in a car bomb explosion': the attack noun stands in for an unknown attacker."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "by"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                    return [pobj]
    return []
