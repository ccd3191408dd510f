"""Evaluative stance: the favourable or unfavourable words an author aims at each actor.

``assess_stance(doc, document, mentions, events)`` reads a parsed document and returns one
:class:`~faultlines.types.StanceCue` per piece of evaluative language that targets an actor
mention *in the author's own voice*. Text inside quotation marks and clauses governed by a
reporting verb whose speaker is someone else ("the AP reports", "officials say") are skipped:
that is someone else's stance. The words come from ``coding/data/evaluative.tsv`` (format in
its header); the reporting verbs are the coder's ``speech`` cues (``coding/data/cues.tsv``).

Patterns, each a sentence about the dependency parse of the actor's mention ``X``:

- modifiers: "the inept X", "X, a thug", "X on the run" (ADJ, appositive NOUN, PP rows);
- predicates of which X is the subject: copular ("X is weak", "X turned into a
  disappointment"), light verbs with an evaluative object ("X shows confidence", "X lost
  credibility"), evaluative verbs ("X blundered");
- X as the object or passive subject of an evaluative verb ("isolating X", "X was discredited");
- X as the recipient of an evaluative object ("gave X credibility", "cost X its legitimacy");
- evaluative nouns possessed by X or with X as "of"-complement ("X's blunder", "the failure of
  X"; deeds such as "repression of X" count only for the possessor, the doer);
- author-voiced advocated conflict from the coder ("X needs to crush Y"): -1 for Y.

Negation ("not", "never", "no credibility", "failed to show") flips the sign; intensifiers and
downtoners ("very", "major", "slightly") scale it; scores are clipped to -2..+2.

The lexicon is compiled once per process; a document costs a few dict probes per mention.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from spacy.attrs import LOWER
from spacy.strings import hash_string  # type: ignore[attr-defined]  # not in spaCy's stubs
from spacy.tokens import Doc, Token

from faultlines.coding.context import clause_context
from faultlines.coding.document import DocumentCoder
from faultlines.coding.lexicon import Cue, Lexicon, default_lexicon
from faultlines.coding.voice import cancelled_advocacy, clause_voice, negated_word, quoted_tokens
from faultlines.errors import DictionaryError
from faultlines.nlp.view import ParseView
from faultlines.types import ActorRef, Document, Event, Mention, StanceCue

__all__ = [
    "EVALUATIVE_CLASSES",
    "EvaluativeLexicon",
    "assess_stance",
    "default_evaluative_lexicon",
    "load_evaluative_lexicon",
    "quoted_tokens",
]

#: Word classes of ``evaluative.tsv`` (see the file's header).
EVALUATIVE_CLASSES: frozenset[str] = frozenset(
    {"ADJ", "NOUN", "VERB", "OBJ", "PP", "LIGHT", "GIVE", "INTENS"})

#: Weight of the stance implied by the author advocating conflict against an actor.
ADVOCATED_CONFLICT_SCORE = -1.0

_MAX = 2.0
_COPULAS = frozenset({"be", "become", "seem", "appear", "look", "remain", "prove", "turn", "grow",
                      "stay", "sound", "get", "emerge", "end"})
# "turned into a disappointment", "grew into a statesman", "ended up as a puppet".
_BECOMING_PREPS = frozenset({"into", "as", "like"})
_RESORTING = frozenset({"resort", "turn", "descend", "sink", "stoop", "lapse", "revert"})
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "herself"})
_NAME_ENTS = frozenset({"NORP", "ORG", "GPE", "PERSON", "FAC", "LOC", "EVENT", "LAW",
                        "WORK_OF_ART"})
_THING_PRONOUNS = frozenset({"it", "its", "itself"})
_GROUP_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
_SUBJECT = frozenset({"nsubj", "csubj"})
_ANY_SUBJECT = _SUBJECT | {"nsubjpass"}
_SHARED_ROLES = _ANY_SUBJECT | {"dobj", "pobj"}  # "X and Y are inept", "isolating X and Y"
# Pronoun antecedents further back than this many sentences are too uncertain to judge.
_PRONOUN_REACH = 2
# String ids (spaCy's LOWER values) of the pronouns resolved here: a document is scanned for
# them with ``Doc.to_array``, without building a Token per word.
_PRONOUN_IDS = frozenset(hash_string(p)
                         for p in _PERSON_PRONOUNS | _THING_PRONOUNS | _GROUP_PRONOUNS)


@dataclass(frozen=True)
class EvaluativeLexicon:
    """Precompiled ``(lemma, class) -> score`` lookups plus per-adjective descriptive heads."""

    scores: dict[tuple[str, str], float]
    descriptive: dict[str, frozenset[str]]
    acts: frozenset[str]

    def score(self, lemma: str, cls: str) -> float | None:
        """The score of ``lemma`` in word class ``cls``, or None when it is not evaluative."""
        return self.scores.get((lemma, cls))

    def __len__(self) -> int:
        return len(self.scores)


def _parse(text: str, name: str) -> EvaluativeLexicon:
    scores: dict[tuple[str, str], float] = {}
    descriptive: dict[str, frozenset[str]] = {}
    acts: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in raw.split("\t")]
        if len(cols) != 4:
            raise DictionaryError(
                f"{name}:{number}: expected 4 tab-separated columns (lemma, class, score, "
                f"descriptive_heads), found {len(cols)}: {cols!r}")
        lemma, cls, value, extra = cols
        if cls not in EVALUATIVE_CLASSES:
            raise DictionaryError(f"{name}:{number}: class {cls!r} is not one of "
                                  f"{sorted(EVALUATIVE_CLASSES)}; fix the row")
        try:
            score = float(value)
        except ValueError as exc:
            raise DictionaryError(f"{name}:{number}: score {value!r} is not a number") from exc
        valid = 0 < score <= _MAX if cls == "INTENS" else -_MAX <= score <= _MAX and score != 0
        if not valid:
            raise DictionaryError(
                f"{name}:{number}: score {score} of {lemma!r} is outside "
                f"{'0 < s <= 2' if cls == 'INTENS' else '-2..+2 (and not 0)'}")
        key = (lemma.lower(), cls)
        if key in scores:
            raise DictionaryError(f"{name}:{number}: {lemma!r} ({cls}) is listed twice")
        scores[key] = score
        if extra == "act" and cls == "NOUN":
            acts.add(key[0])
        elif extra != "-" and cls == "ADJ":
            descriptive[key[0]] = frozenset(h.lower() for h in extra.split("|"))
        elif extra != "-":
            raise DictionaryError(
                f"{name}:{number}: column 4 must be '-', 'act' (NOUN rows) or head nouns (ADJ "
                f"rows), found {extra!r}")
    return EvaluativeLexicon(scores, descriptive, frozenset(acts))


def load_evaluative_lexicon(path: str | Path) -> EvaluativeLexicon:
    """Read and compile an evaluative lexicon TSV.

    Raises
    ------
    DictionaryError
        When the file cannot be read or a row is malformed (the message names file and line).
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DictionaryError(f"cannot read evaluative lexicon {path}: {exc}") from exc
    return _parse(text, str(path))


@functools.lru_cache(maxsize=1)
def default_evaluative_lexicon() -> EvaluativeLexicon:
    """The packaged ``coding/data/evaluative.tsv``, compiled once per process."""
    resource = resources.files("faultlines.coding") / "data" / "evaluative.tsv"
    return _parse(resource.read_text(encoding="utf-8"), str(resource))


# --------------------------------------------------------------------------- scoring helpers

def _clip(value: float) -> float:
    return max(-_MAX, min(_MAX, round(value, 3)))


def _scale(view: ParseView, tok: Token, lex: EvaluativeLexicon, deps: frozenset[str]) -> float:
    factor = 1.0
    for child in view.children(tok):
        if child.dep_ in deps:
            value = lex.score(child.lower_, "INTENS") or lex.score(child.lemma_.lower(), "INTENS")
            if value:
                factor *= value
    return factor


_ADJ_MODS = frozenset({"advmod", "npadvmod"})
_NOUN_MODS = frozenset({"amod", "advmod", "nummod"})


def _adjective_value(view: ParseView, tok: Token, lex: EvaluativeLexicon,
                     head_lemma: str = "") -> float | None:
    if tok.text[:1].isupper() and (tok.i != tok.sent.start or tok.ent_type_ in _NAME_ENTS):
        return None  # part of a name: "the Democratic Party", "Free Iraqi Forces"
    score = lex.score(tok.lower_, "ADJ")
    if score is None:
        score = lex.score(tok.lemma_.lower(), "ADJ")
    if score is None:
        return None
    key = tok.lower_ if lex.score(tok.lower_, "ADJ") is not None else tok.lemma_.lower()
    if head_lemma and head_lemma in lex.descriptive.get(key, frozenset()):
        return None
    value = score * _scale(view, tok, lex, _ADJ_MODS)
    return -value if negated_word(view, tok) else value


def _noun_value(view: ParseView, tok: Token, lex: EvaluativeLexicon) -> tuple[float, str] | None:
    """Value of a noun phrase: its head noun's score, or its evaluative adjectives'."""
    base = lex.score(tok.lemma_.lower(), "NOUN")
    adjectives: list[tuple[float, str]] = []
    for child in view.children(tok):
        if child.dep_ == "amod":
            value = _adjective_value(view, child, lex, tok.lemma_.lower())
            if value is not None:
                adjectives.append((value, child.text))
    if base is None and not adjectives:
        return None
    if base is None:
        value = sum(v for v, _ in adjectives)
        words = " ".join(w for _, w in adjectives) + f" {tok.text}"
    elif base > 0 and any(v < 0 for v, _ in adjectives):
        # "weak leadership": the adjective judges the quality the noun names.
        value, word = min(adjectives)
        words = f"{word} {tok.text}"
    else:
        value = base * _scale(view, tok, lex, _NOUN_MODS)
        words = tok.text
    if any(c.dep_ == "det" and c.lower_ == "no" for c in view.children(tok)):
        value, words = -value, f"no {words}"
    return value, words


# --------------------------------------------------------------------------- the patterns

@dataclass(frozen=True)
class _Finder:
    coder: DocumentCoder  # the coder's view of the document: parse view, cues, voice
    lex: EvaluativeLexicon

    @property
    def view(self) -> ParseView:
        return self.coder.view

    @property
    def cues(self) -> Lexicon:
        return self.coder.lex

    def negated(self, verb: Token) -> bool:
        """Whether the clause of ``verb`` is negated, as the coder decides it for events."""
        return clause_context(self.coder, verb).negated

    def modifiers(self, head: Token) -> Iterable[tuple[float, str]]:
        """"the inept X", "X, a thug,", "X on the run"."""
        for child in self.view.children(head):
            if child.dep_ in ("amod", "acl") and child.i != head.i:
                value = _adjective_value(self.view, child, self.lex, head.lemma_.lower())
                if value is None and child.tag_ == "VBN":
                    obj = self.lex.score(child.lemma_.lower(), "OBJ")
                    value = obj * _scale(self.view, child, self.lex, _ADJ_MODS) if obj else None
                if value is not None:
                    yield value, child.text
            elif child.dep_ == "appos":
                found = _noun_value(self.view, child, self.lex)
                if found is not None:
                    yield found
            elif child.dep_ == "prep":
                yield from self.phrases(child)
            elif child.dep_ == "relcl" and any(
                    c.dep_ in _ANY_SUBJECT and c.lower_ in ("who", "which", "that")
                    for c in self.view.children(child)):
                passive = any(c.dep_ == "nsubjpass" for c in self.view.children(child))
                yield from (self.passive(child) if passive else self.predicate(child))

    def phrases(self, prep: Token) -> Iterable[tuple[float, str]]:
        for pobj in self.view.children(prep):
            if pobj.dep_ == "pobj":
                key = f"{prep.lower_} {pobj.lemma_.lower()}"
                value = self.lex.score(key, "PP")
                if value is not None:
                    yield value, f"{prep.text} {pobj.text}"

    def predicate(self, verb: Token, depth: int = 0) -> Iterable[tuple[float, str]]:
        """What the clause headed by ``verb`` says about its subject."""
        found: list[tuple[float, str]] = []
        nested: list[tuple[float, str]] = []  # from complements: their own negation applies
        lemma = verb.lemma_.lower()
        own = self.lex.score(lemma, "VERB")
        if own is not None and verb.pos_ in ("VERB", "AUX"):
            found.append((own * _scale(self.view, verb, self.lex, _ADJ_MODS), verb.text))
        copular = lemma in _COPULAS
        light = self.lex.score(lemma, "LIGHT")
        for child in self.view.children(verb):
            dep = child.dep_
            if copular and dep in ("acomp", "oprd") and child.pos_ in ("ADJ", "VERB"):
                value = _adjective_value(self.view, child, self.lex)
                if value is not None:
                    found.append((value, child.text))
            elif copular and dep in ("attr", "oprd", "acomp") and child.pos_ in ("NOUN", "PROPN"):
                noun = _noun_value(self.view, child, self.lex)
                if noun is not None:
                    found.append(noun)
            elif copular and dep == "prep" and child.lower_ in _BECOMING_PREPS:
                for pobj in self.view.children(child):
                    if pobj.dep_ == "pobj":
                        noun = _noun_value(self.view, pobj, self.lex)
                        if noun is not None:
                            found.append((noun[0], f"{verb.text} {child.text} {noun[1]}"))
            elif dep == "prep" and lemma in _RESORTING and child.lower_ in ("to", "into"):
                # "X resorted to repression", "X descended into brutality".
                for pobj in self.view.children(child):
                    noun = _noun_value(self.view, pobj, self.lex) if pobj.dep_ == "pobj" else None
                    if noun is not None:
                        found.append((noun[0], f"{verb.text} {child.text} {noun[1]}"))
            elif dep == "prep":
                found.extend(self.phrases(child) if copular or verb.pos_ == "AUX" else ())
            elif light is not None and dep in ("dobj", "obj"):
                noun = _noun_value(self.view, child, self.lex)
                if noun is not None:
                    found.append((noun[0] * light, f"{verb.text} {noun[1]}"))
            elif dep == "xcomp" and depth < 2 and (
                    copular or self.cues.is_cue(Cue.TRANSPARENT, lemma)):
                # "X appears to be weak", "X has begun torturing", "X continued to fail".
                for verb_or_conj in [child] + [c for c in child.conjuncts if c.i > child.i]:
                    if any(c.dep_ == "auxpass" for c in self.view.children(verb_or_conj)):
                        nested.extend(self.passive(verb_or_conj))  # "seems to be isolated"
                    else:
                        nested.extend(self.predicate(verb_or_conj, depth + 1))
        if found and self.negated(verb):
            found = [(-v, f"not {w}") for v, w in found]
        return found + nested

    def passive(self, verb: Token) -> Iterable[tuple[float, str]]:
        """"X was discredited", "X was isolated"."""
        value = self.lex.score(verb.lemma_.lower(), "OBJ")
        if value is None:
            adjective = _adjective_value(self.view, verb, self.lex)
            if adjective is None:
                return []
            return [(adjective, verb.text)]
        value *= _scale(self.view, verb, self.lex, _ADJ_MODS)
        return [(-value if self.negated(verb) else value, verb.text)]

    def as_object(self, verb: Token) -> Iterable[tuple[float, str]]:
        """"isolating X", "discrediting X"."""
        value = self.lex.score(verb.lemma_.lower(), "OBJ")
        if value is None or verb.pos_ not in ("VERB", "AUX"):
            return []
        value *= _scale(self.view, verb, self.lex, _ADJ_MODS)
        return [(-value if self.negated(verb) else value, verb.text)]

    def as_recipient(self, verb: Token) -> Iterable[tuple[float, str]]:
        """"gave X credibility", "cost X its legitimacy"."""
        sign = self.lex.score(verb.lemma_.lower(), "GIVE")
        if sign is None:
            return []
        found = []
        for child in self.view.children(verb):
            if child.dep_ in ("dobj", "obj"):
                noun = _noun_value(self.view, child, self.lex)
                if noun is not None:
                    found.append((noun[0] * sign, f"{verb.text} {noun[1]}"))
        if found and self.negated(verb):
            found = [(-v, f"not {w}") for v, w in found]
        return found

    def as_complement(self, noun: Token, possessor: bool) -> Iterable[tuple[float, str]]:
        """"X's blunder", "the failure of X" (deeds only for their doer, the possessor)."""
        if noun.pos_ != "NOUN":
            return []
        if not possessor and noun.lemma_.lower() in self.lex.acts:
            return []
        found = _noun_value(self.view, noun, self.lex)
        if found is None:
            return []
        if noun.dep_ in ("dobj", "obj") and noun.head.i != noun.i:
            verb = noun.head.lemma_.lower()
            if self.lex.score(verb, "LIGHT") is not None or \
                    self.lex.score(verb, "GIVE") is not None:
                return []  # "X lost his credibility": the verb pattern judges it, once
            if found[0] > 0:
                return []  # "undermined his legitimacy": the verb decides what it means
        return [found]

    def around(self, head: Token) -> list[tuple[float, str]]:
        """Every cue aimed at the mention whose syntactic head is ``head``."""
        found = list(self.modifiers(head))
        dep, parent = head.dep_, head.head
        if parent.i == head.i:
            return found
        if dep == "conj" and parent.dep_ in _SHARED_ROLES:
            dep, parent = parent.dep_, parent.head  # "X and Y are inept"
        if dep in _SUBJECT:
            verbs = [parent] + [c for c in self.view.children(parent) if c.dep_ == "conj"
                                and not any(g.dep_ in _ANY_SUBJECT
                                            for g in self.view.children(c))]
            for verb in verbs:
                found.extend(self.predicate(verb))
        elif dep == "nsubjpass":
            found.extend(self.passive(parent))
        elif dep in ("dobj", "obj"):
            found.extend(self.as_object(parent))
        elif dep == "dative":
            found.extend(self.as_recipient(parent))
        elif dep == "pobj" and parent.dep_ in ("prep", "dative") and parent.lower_ in ("to", "for"):
            found.extend(self.as_recipient(parent.head))
        elif dep == "poss":
            found.extend(self.as_complement(parent, possessor=True))
        if dep in ("poss", "compound") and parent.pos_ == "NOUN" and parent.dep_ == "pobj" and \
                parent.head.lower_ == "of" and parent.head.head.i != parent.head.i and \
                self.lex.score(parent.lemma_.lower(), "NOUN") is None:
            # "the blunder of the U.S. alliance", "the failure of X's policy": X's doing.
            found.extend(self.as_complement(parent.head.head, possessor=True))
        elif dep == "pobj" and parent.lower_ == "of" and parent.head.i != parent.i:
            found.extend(self.as_complement(parent.head, possessor=False))
        elif dep == "pobj" and parent.lower_ in ("with", "without"):
            # Absolute clauses: "with X on the run", "with X weakened".
            for sibling in self.view.children(parent):
                if sibling.i > head.i and sibling.dep_ in ("pcomp", "prep"):
                    found.extend(self.phrases(sibling))
                elif sibling.i > head.i and sibling.dep_ in ("acomp", "amod", "advcl"):
                    value = _adjective_value(self.view, sibling, self.lex)
                    if value is None and sibling.tag_ == "VBN":
                        found.extend(self.passive(sibling))
                    elif value is not None:
                        found.append((value, sibling.text))
        return found


# --------------------------------------------------------------------------- entry point

class _Target(NamedTuple):  # a NamedTuple: one is built per mention, cheaply
    head: int  # syntactic head token of the mention
    refs: tuple[ActorRef, ...]
    sentence: int
    person: bool
    subject: bool


_Head = tuple[int, list[ActorRef], int]


def _mention_heads(view: ParseView, mentions: Sequence[Mention]) -> list[_Head]:
    """(syntactic head token, actors, sentence index) per distinct mention span, and per
    resolvable pronoun."""
    spans: dict[tuple[int, int], tuple[list[ActorRef], Mention]] = {}
    for m in mentions:
        if not 0 <= m.start < m.end <= len(view):
            continue
        refs, _ = spans.setdefault((m.start, m.end), ([], m))
        if all(r.id != m.actor.id for r in refs):
            refs.append(m.actor)
    covered = {i for start, end in spans for i in range(start, end)}
    heads = view.head
    targets = []
    for (start, end), (refs, m) in spans.items():
        inside = [i for i in range(start, end) if not start <= heads[i] < end or heads[i] == i]
        head = view.tokens[inside[-1] if inside else end - 1]
        person = m.kind == "title" or (m.kind == "entity" and
                                       view.tokens[start].ent_type_ == "PERSON")
        targets.append(_Target(head.i, tuple(refs), m.sentence_index, person,
                               head.dep_ in ("nsubj", "nsubjpass")))
    targets.sort(key=lambda t: t.head)
    found: list[_Head] = [(t.head, list(t.refs), t.sentence) for t in targets]
    found.extend(_pronoun_heads(view, targets, covered))
    return sorted(found, key=lambda h: h[0])


def _pronoun_heads(view: ParseView, targets: list[_Target], covered: set[int]) -> list[_Head]:
    """Resolve pronouns to a recent mention.

    he/him/his: the person last named as a subject within two sentences (else the person
    last named). it/its and they/their/them: the last non-person mention that was a subject in
    the same or the previous sentence, agreeing in number. Salience by subject role is the
    whole heuristic: "With Sadr on the run, he needs ..." after "Maliki appeared ...": he is
    Maliki.
    """
    if not targets:
        return []
    sentence_starts: list[int] = []  # listed at the first pronoun
    target_heads = [t.head for t in targets]  # sorted, as the targets are
    out: list[_Head] = []
    for i, lower in enumerate(view.doc.to_array(LOWER).tolist()):
        if lower not in _PRONOUN_IDS or i in covered:
            continue
        tok = view.tokens[i]
        if tok.pos_ != "PRON" or tok.dep_ == "expl":
            continue
        low = tok.lower_
        if low in ("it", "they") and _extraposed(view, tok):
            continue
        sentence_starts = sentence_starts or [start for start, _ in view.sentences]
        here = bisect.bisect_right(sentence_starts, i) - 1
        before = targets[:bisect.bisect_left(target_heads, i)]
        if low in _PERSON_PRONOUNS:
            reachable = [t for t in before if t.person and here - t.sentence <= _PRONOUN_REACH]
            subjects = [t for t in reachable if t.subject]
            chosen = (subjects or reachable)[-1:]
        else:
            plural = low in _GROUP_PRONOUNS
            chosen = [t for t in before if not t.person and t.subject and here - t.sentence <= 1
                      and (view.tokens[t.head].tag_ in ("NNS", "NNPS")) == plural][-1:]
        if chosen:
            out.append((tok.i, list(chosen[0].refs), here))
    return out


def _extraposed(view: ParseView, pron: Token) -> bool:
    """"It is wrong to ...", "it seems that ...": a dummy subject, not a reference."""
    children = view.children(pron.head)
    return pron.dep_ == "nsubj" and any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > pron.i
                                        for c in children) and any(
        c.dep_ in ("acomp", "attr") for c in children)


def assess_stance(doc: Doc, document: Document, mentions: Sequence[Mention],
                  events: Sequence[Event] = (), *,
                  lexicon: EvaluativeLexicon | None = None,
                  cues: Lexicon | None = None, view: ParseView | None = None,
                  coder: DocumentCoder | None = None) -> list[StanceCue]:
    """Evaluative cues the author aims at the actors of a parsed document.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The parse of ``document.text``.
    document : Document
        Supplies the ``doc_id`` of every cue.
    mentions : Sequence[Mention]
        Actor mentions (token offsets into ``doc``); he/him/his are resolved to the person
        named last within two sentences.
    events : Sequence[Event]
        Coded events; author-voiced advocated conflict ("X needs to crush Y") adds
        ``ADVOCATED_CONFLICT_SCORE`` for its target.
    lexicon, cues : optional
        Evaluative lexicon and the coder's cue lexicon (packaged ones by default).
    view : ParseView, optional
        The document's parse view, shared with the coder by the pipeline; built here
        otherwise.
    coder : DocumentCoder, optional
        The event coder's per-token state of this document (``code_events(coder=...)``), built
        from these ``mentions`` and ``view`` and the ``cues`` lexicon: its clause contexts and
        voices are then not worked out twice. Built here otherwise.

    Returns
    -------
    list[StanceCue]
        In token order; scores in -2..+2. Pure and deterministic.

    Examples
    --------
    >>> from faultlines.nlp import load_pipeline  # doctest: +SKIP
    >>> doc = load_pipeline()("The inept minister resigned.")  # doctest: +SKIP
    """
    lex = lexicon or default_evaluative_lexicon()
    cue_lexicon = cues or default_lexicon()
    if coder is not None:
        view, cue_lexicon = coder.view, coder.lex
    view = view or ParseView.of(doc)
    coder = coder or DocumentCoder(view, document, mentions, cue_lexicon)
    finder = _Finder(coder, lex)
    quoted = coder.quoted
    voiced: dict[int, bool] = {}
    out: list[StanceCue] = []
    seen: set[tuple[int, str, str]] = set()
    for head_index, refs, sentence in _mention_heads(view, mentions):
        if head_index in quoted:
            continue
        head = view.tokens[head_index]
        found = finder.around(head)
        if not found:
            continue
        if head_index not in voiced:
            voiced[head_index] = not clause_voice(coder, head).others
        if not voiced[head_index]:
            continue
        for value, words in found:
            for ref in refs:
                key = (sentence, ref.id, words)
                if key in seen or not value:
                    continue
                seen.add(key)
                out.append(StanceCue(document.id, sentence, ref, _clip(value), words.strip()))
    out.extend(_advocated_conflict(view, document, events, quoted, seen, cue_lexicon))
    return out


def _advocated_conflict(view: ParseView, document: Document, events: Sequence[Event],
                        quoted: set[int], seen: set[tuple[int, str, str]],
                        cues: Lexicon) -> list[StanceCue]:
    """advocated conflict: "The government needs to crush the militia" (author's voice)."""
    sentences = view.sentences
    out = []
    for event in events:
        if event.modality != "advocated" or event.attributed_to is not None or \
                event.polarity >= 0 or event.recipient is None:
            continue
        if 0 <= event.sentence_index < len(sentences):
            first = event.trigger.split()[0] if event.trigger else ""
            start, end = sentences[event.sentence_index]
            triggers = [t for t in view.tokens[start:end] if t.text == first]
            if any(t.i in quoted or cancelled_advocacy(t, cues) for t in triggers):
                continue
        key = (event.sentence_index, event.recipient.id, f"advocated {event.trigger}")
        if key in seen:
            continue
        seen.add(key)
        out.append(StanceCue(document.id, event.sentence_index, event.recipient,
                             ADVOCATED_CONFLICT_SCORE, f"advocated {event.trigger}".strip()))
    return out
