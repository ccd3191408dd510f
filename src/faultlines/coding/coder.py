"""Code PLOVER events from a dependency parse: who did what to whom, how sure, on whose word.

The coder walks each sentence once. A token is a *trigger* when the lexicon
(``coding/data/lexicon.tsv``) lists its lemma (``rules/triggers.py``). Each verb trigger then
passes through :data:`VERB_RULES` in order, each rule a function of ``coding/rules/`` that
takes the frozen :class:`~faultlines.coding.frame.Frame` and returns it changed (or None: no
event); :data:`VERB_EMITTERS` turn the final frame into events. Event nouns no verb consumed
are coded last (``rules/nominal.py``). Every event's ``rule`` names the rule family that
decided it; ``docs/coding.md`` maps each family to its module and explains the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token

from faultlines.coding.context import clause_context
from faultlines.coding.document import DocumentCoder, Trigger
from faultlines.coding.emission import SentenceEvents
from faultlines.coding.frame import Frame
from faultlines.coding.lexicon import Lexicon, default_lexicon
from faultlines.coding.rules import (
    actor,
    advocated,
    alliances,
    governing,
    intent,
    missions,
    nominal,
    pairs,
    promises,
    recipient,
    refusing,
    roles,
    statements,
)
from faultlines.coding.rules.reference import UNIDENTIFIED_ID, actor_slug
from faultlines.coding.rules.triggers import find_trigger
from faultlines.nlp.view import ParseView
from faultlines.types import Document, Event, Mention

__all__ = ["code_events", "actor_slug", "UNIDENTIFIED_ID", "VERB_RULES", "VERB_EMITTERS"]

VerbRule = Callable[[DocumentCoder, Frame], "Frame | None"]
Emitter = Callable[[DocumentCoder, Frame, SentenceEvents], None]

#: The rules a verb trigger passes through, in order: (rule family, rule). A rule returning
#: None drops the trigger.
VERB_RULES: tuple[tuple[str, VerbRule], ...] = (
    ("governing", governing.skip_governed),      # rule 5: a complement is its governor's act
    ("governing", governing.skip_aid_purpose),   # "armed X to fight Y": X's purpose, no act
    ("roles", roles.others_force),               # "trained Ukrainian soldiers" is AID
    ("promises", promises.promise),              # rule 13: what a promise is a promise of
    ("intent", intent.shift_intent),             # rule 6: intent is AGREE / THREATEN
    ("refusing", refusing.refusal),              # rule 14: "will not tolerate X" is REJECT
    ("refusing", refusing.negated_cooperation),  # rule 14: "will not accept X" is REJECT
    ("statements", statements.declined_comment),    # rule 15: "declined to comment"
    ("statements", statements.comment_of_feeling),  # rule 15: "expressed concern"
    ("statements", statements.denied_accusation),   # rule 15: "denied the charges"
    ("statements", statements.expressed_accord),    # rule 15: "agree with X that ..."
    ("actor", actor.find_subjects),              # rule 2: who acts
    ("recipient", recipient.find_candidates),    # rule 3: who may be the target
    ("roles", roles.receiving),                  # "won him the backing of X": X acts
    ("roles", roles.dependent),                  # "dependent on X's funds": X gives
    ("alliances", alliances.set_aside_sides),    # rule 14: allies, causes, opponents
    ("actor", actor.resolve_actors),             # rules 2, 12: the actors; none, no event
    ("recipient", recipient.choose_recipients),  # rule 3: the target, by tier
    ("missions", missions.aim_at_destination),   # rule 10: a purpose aims at the destination
    ("missions", missions.drop_home_travel),     # rule 10: a trip at home meets no one
)

#: What turns a verb trigger's final frame into events, in order.
VERB_EMITTERS: tuple[tuple[str, Emitter], ...] = (
    ("pairs", pairs.emit_pairs),                    # rule 4 (and each actor's allies)
    ("alliances", lambda coder, frame, out: alliances.emit_opposition(
        coder, out, frame.actors + frame.recipients, frame.opponents, frame.ctx, frame.text,
        frame.tok)),                                # rule 14: the common opponent
    ("advocated", advocated.emit_speaker_demand),   # "X said Y must ...": X REQUEST Y
)


def code_events(doc: Doc, document: Document, mentions: Sequence[Mention], *,
                lexicon: Lexicon | None = None, view: ParseView | None = None,
                coder: DocumentCoder | None = None) -> list[Event]:
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
    view : ParseView, optional
        The document's parse view, when the caller built one (the pipeline shares it with the
        stance finder); built here otherwise.
    coder : DocumentCoder, optional
        The document's per-token state, when the caller shares it with the stance finder
        (the pipeline does): it must have been built from this ``document``, these
        ``mentions`` and ``view`` and lexicon, which it then replaces. Its caches only
        remember answers about tokens, so sharing it changes no event.

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
    coder = coder or DocumentCoder(view or ParseView.of(doc), document, mentions,
                                   lexicon or default_lexicon())
    events: list[Event] = []
    for index, sent in enumerate(doc.sents):
        events.extend(_code_sentence(coder, sent, index))
    return events


def _sentence_triggers(coder: DocumentCoder,
                       sent: Span) -> tuple[list[tuple[Token, Trigger]], list[Token], set[int]]:
    """The sentence's verb (and adjective) triggers, its nouns, and the nouns verbs consumed."""
    verb_triggers = []
    nouns = []
    consumed: set[int] = set()
    tokens, pos_of = coder.tokens, coder.view.pos  # the view's tags: no string look-up each
    for i in range(sent.start, sent.end):
        pos = pos_of[i]
        if pos in ("VERB", "ADJ", "ADV"):
            tok = tokens[i]
            found = find_trigger(coder, tok)
            if found is not None and (pos == "VERB" or found.noun is None):
                verb_triggers.append((tok, found))
                if found.noun is not None:
                    consumed.add(found.noun.i)
        elif pos == "NOUN":
            nouns.append(tokens[i])
    return verb_triggers, nouns, consumed


def _code_verb(coder: DocumentCoder, tok: Token, found: Trigger, out: SentenceEvents) -> None:
    frame = Frame(tok=tok, entry=found.entry, noun=found.noun, ctx=clause_context(coder, tok),
                  category=found.entry.category, text=found.text, rule=found.rule)
    for _, rule in VERB_RULES:
        changed = rule(coder, frame)
        if changed is None:
            return
        frame = changed
    for _, emitter in VERB_EMITTERS:
        emitter(coder, frame, out)


def _code_sentence(coder: DocumentCoder, sent: Span, index: int) -> list[Event]:
    out = SentenceEvents(coder, sent, index)
    verb_triggers, nouns, consumed = _sentence_triggers(coder, sent)
    # A mission whose purpose is a conflict act is only the vehicle of that act (rule 10).
    vehicles = missions.vehicles(coder, verb_triggers)
    for tok, found in verb_triggers:
        if tok.i not in vehicles:
            _code_verb(coder, tok, found, out)
    nominal.code_nominals(coder, nouns, consumed, out)
    return out.events()
