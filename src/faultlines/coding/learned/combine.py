"""Combine the rules' events with the learned model: keep, relabel or drop, propose, score.

The combiner works from the outside of the rule coder: it takes the parse, the document, the
actor mentions and the events the rules coded, and returns the events to emit, each with a
calibrated ``confidence``, the ``rule`` family that proposed it (``"model"`` for events the model
proposed where the rules coded nothing) and ``model_changed``.

Per sentence: the model scores how likely the sentence reports a PLOVER event and which
category. A rule event is relabelled when the model's category beats the rules' by the manifest's
``relabel_margin``; its confidence comes from a small logistic combiner over those scores,
calibrated (isotonic) on the tuned gold; events below ``drop_below``, and rule events in a
sentence the model calls a statement (event probability under ``statement_below``, or under
``speech_statement_below`` when the rule's trigger only reports speech), are dropped. A sentence
the rules left empty gets one model event when its event probability reaches ``propose_above``
and it names an actor: the subject-most mention acts, the next (another actor) receives.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from faultlines.coding.learned.model import N_FEATURES, LearnedModel, default_model
from faultlines.coding.records import evolve
from faultlines.types import EVENT_TYPES, ActorRef, Document, Event, Mention, polarity_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from faultlines.nlp.view import ParseView

__all__ = ["PLOVER16", "MODEL_CLASSES", "to_plover16", "model_class", "emitted_type",
           "Candidate", "SPEECH_WORDS", "N_FEATURES", "is_speech", "candidate_features",
           "sentence_candidates", "decide", "combine_events", "model_events", "subject_order"]

#: PLOVER's sixteen event categories.
PLOVER16: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
#: What the category model predicts: the sixteen with CONCEDE and RETREAT as PLV's YIELD.
MODEL_CLASSES: tuple[str, ...] = tuple(
    c for c in PLOVER16 if c not in ("CONCEDE", "RETREAT")) + ("YIELD",)

_OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
              "FIGHT": "ASSAULT", "CRIME": "ASSAULT"}
_BACK = {"REQUEST": "DEMAND", "ACCUSE": "DISAPPROVE"}
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})


def to_plover16(category: str) -> str:
    """The PLOVER-16 name of a category (older names mapped; the identity on the sixteen).

    >>> to_plover16("DEMAND"), to_plover16("INVESTIGATE"), to_plover16("ASSAULT")
    ('REQUEST', 'ACCUSE', 'ASSAULT')
    """
    category = category.upper()
    return _OLD_NAMES.get(category, category)


def model_class(category: str) -> str:
    """The category model's class for a category (CONCEDE and RETREAT are YIELD).

    >>> model_class("RETREAT"), model_class("DISAPPROVE")
    ('YIELD', 'ACCUSE')
    """
    category = to_plover16(category)
    return "YIELD" if category in ("CONCEDE", "RETREAT") else category


def emitted_type(model_label: str, rule_category: str | None = None) -> str:
    """The event type to emit for a model class, in the names ``faultlines.types`` knows.

    YIELD becomes the rules' CONCEDE or RETREAT when they said one of those, else RETREAT
    (PLV's YIELD sentences are coded material cooperation, PLOVER's RETREAT quad). Until the
    types know REQUEST and ACCUSE, those are emitted under their old names.

    >>> emitted_type("YIELD"), emitted_type("YIELD", "CONCEDE")
    ('RETREAT', 'CONCEDE')
    """
    label = model_label
    if label == "YIELD":
        rule16 = to_plover16(rule_category) if rule_category else None
        label = rule16 if rule16 in ("CONCEDE", "RETREAT") else "RETREAT"
    if label not in EVENT_TYPES and label in _BACK:
        return _BACK[label]
    return label


@dataclass(frozen=True)
class Candidate:
    """An event the combiner may emit: the event (category already decided) and its scores."""

    event: Event
    features: np.ndarray
    p_event: float
    proposed: bool


#: Words of a trigger that only report speech: a statement, comment or appeal, which PLOVER does
#: not code as an event by itself (its definitions, ../shared/plover), though the rules may.
SPEECH_WORDS = frozenset({
    "say", "said", "says", "saying", "tell", "told", "tells", "state", "stated", "states",
    "statement", "add", "added", "note", "noted", "announce", "announced", "announcement",
    "call", "called", "calls", "urge", "urged", "urges", "appeal", "appealed", "ask", "asked",
    "comment", "commented", "comments", "remark", "remarks", "remarked", "express",
    "expressed", "declare", "declared", "insist", "insisted", "claim", "claimed", "describe",
    "described", "hope", "hoped", "stress", "stressed", "reiterate", "reiterated",
    "speak", "spoke", "talk", "talked", "write", "wrote", "quote", "quoted", "believe",
    "believed", "think", "thought", "suggest", "suggested",
})


def is_speech(trigger: str) -> bool:
    """Whether every word of a trigger only reports speech (:data:`SPEECH_WORDS`).

    >>> is_speech("urged"), is_speech("said"), is_speech("attacked"), is_speech("")
    (True, True, False, False)
    """
    words = set(trigger.lower().split())
    return bool(words) and words <= SPEECH_WORDS


def candidate_features(p_event: float, probs: dict[str, float], label: str,
                       rule_label: str | None, *, has_recipient: bool, modality: str,
                       n_in_sentence: int) -> np.ndarray:
    """The combiner's inputs for one candidate (model classes for ``label`` and ``rule_label``).

    >>> candidate_features(0.9, {"AGREE": 0.7, "REJECT": 0.3}, "AGREE", "AGREE",
    ...                    has_recipient=True, modality="asserted", n_in_sentence=1).shape
    (10,)
    """
    top = max(probs.values())
    q = probs.get(label, 0.0)
    return np.array([
        p_event, q, top, float(probs.get(label, 0.0) >= top),
        float(rule_label is None), probs.get(rule_label, 0.0) if rule_label else 0.0,
        float(has_recipient), float(modality == "asserted"),
        float(modality in ("hypothetical", "negated", "advocated")),
        float(n_in_sentence > 1),
    ], dtype=np.float64)


def subject_order(doc: Doc, mentions: Sequence[Mention], view: ParseView | None = None
                  ) -> list[Mention]:
    """Mentions ordered subject-most first: grammatical subjects, then nearest the root.

    The head of a mention is its token closest to the sentence root. With the document's
    ``view`` the tree is read from its ``head``/``dep`` arrays (no spaCy ``Token`` objects).
    """
    if view is None:
        def key(m: Mention) -> tuple[int, int, int]:
            tokens = doc[m.start:m.end]
            head = min(tokens, key=lambda t: len(list(t.ancestors)))
            path = [head, *head.ancestors]
            is_subject = any(t.dep_ in _SUBJECT_DEPS for t in path[:3])
            return (0 if is_subject else 1, len(path), m.start)

        return sorted(mentions, key=key)
    heads, deps = view.head, view.dep
    paths: dict[int, list[int]] = {}

    def path_of(i: int) -> list[int]:
        """Token ``i`` and its ancestors up to the root (as ``[t, *t.ancestors]``)."""
        if i not in paths:
            path = [i]
            while heads[path[-1]] != path[-1]:
                path.append(heads[path[-1]])
            paths[i] = path
        return paths[i]

    def view_key(m: Mention) -> tuple[int, int, int]:
        path = min((path_of(i) for i in range(m.start, m.end)), key=len)
        is_subject = any(deps[t] in _SUBJECT_DEPS for t in path[:3])
        return (0 if is_subject else 1, len(path), m.start)

    return sorted(mentions, key=view_key)


ScoreFn = Callable[[str], tuple[float, dict[str, float]]]
BatchScoreFn = Callable[[Sequence[str]], Sequence[tuple[float, dict[str, float]]]]


@dataclass(frozen=True)
class _Sentence:
    index: int
    start: int
    end: int
    text: str
    events: list[Event]
    mentions: list[Mention]


def _sentences(doc: Doc, mentions: Sequence[Mention], rule_events: Sequence[Event],
               view: ParseView | None) -> list[_Sentence]:
    """The sentences with a rule event or an actor mention, with their text."""
    by_sentence: dict[int, list[Event]] = {}
    for event in rule_events:
        by_sentence.setdefault(event.sentence_index, []).append(event)
    mentions_by: dict[int, list[Mention]] = {}
    for m in mentions:
        mentions_by.setdefault(m.sentence_index, []).append(m)
    bounds = view.sentences if view is not None else \
        tuple((sent.start, sent.end) for sent in doc.sents)
    out: list[_Sentence] = []
    for index, (start, end) in enumerate(bounds):
        events = by_sentence.get(index, [])
        in_sentence = mentions_by.get(index, [])
        if not events and not in_sentence:
            continue
        if view is not None:  # Span.text would build every token of the sentence
            text = view.span_text(start, end).strip()
        else:
            text = doc[start:end].text.strip()
        out.append(_Sentence(index, start, end, text, events, in_sentence))
    return out


def _rule_candidate(event: Event, p_event: float, probs: dict[str, float], top: str,
                    relabel_margin: float, intensity: dict[str, float],
                    n_events: int) -> Candidate:
    """A rule event, relabelled when the model's top category beats the rules' by the margin."""
    rule_label = model_class(event.event_type)
    label, changed = rule_label, False
    if probs[top] - probs.get(rule_label, 0.0) >= relabel_margin:
        label = top
        changed = label != rule_label
    event_type = emitted_type(label, event.event_type) if changed else event.event_type
    updated = evolve(
        event, event_type=event_type, polarity=polarity_of(event_type),
        intensity=intensity.get(to_plover16(event_type), event.intensity)
        if changed else event.intensity,
        rule=event.rule or "lexicon", model_changed=changed)
    feats = candidate_features(p_event, probs, label, rule_label,
                               has_recipient=event.recipient is not None,
                               modality=event.modality, n_in_sentence=n_events)
    return Candidate(updated, feats, p_event, False)


def proposed_recipient(actor: Mention, others: Sequence[Mention]) -> Mention | None:
    """The recipient of the model's own event: the first of ``others`` (in subject order) that
    is not the actor, unless that one is the actor's own state or one of its organs and a
    mention of another country follows: then that one. "Hollande said France was ready to
    punish the Syrian regime": France is Hollande's own side, the regime the other party."""
    rest = [m for m in others if m.actor.id != actor.actor.id]
    home = actor.actor.country
    if home and rest and _own_state(rest[0].actor, home):
        foreign = next((m for m in rest if m.actor.country and m.actor.country != home), None)
        if foreign is not None:
            return foreign
    return rest[0] if rest else None


#: Sectors of a state's own organs (the country itself has none).
_STATE_ORGANS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})


def _own_state(ref: ActorRef, home: str) -> bool:
    """Whether ``ref`` is the state of country ``home`` or one of its organs."""
    return ref.country == home and (ref.sector is None or ref.sector in _STATE_ORGANS)


def _proposal(doc: Doc, document: Document, sent: _Sentence, p_event: float,
              probs: dict[str, float], top: str, intensity: dict[str, float],
              view: ParseView | None) -> Candidate | None:
    """The model's own event for a sentence the rules left empty (subject-most mention acts)."""
    ordered = subject_order(doc, sent.mentions, view)
    if not ordered:
        return None
    actor = ordered[0]
    recipient = proposed_recipient(actor, ordered[1:])
    event_type = emitted_type(top)
    root = doc[sent.start:sent.end].root
    event = Event(
        doc_id=document.id, sentence_index=sent.index, sentence=sent.text, date=document.date,
        event_type=event_type, actor=actor.actor,
        recipient=recipient.actor if recipient else None,
        polarity=polarity_of(event_type), intensity=intensity.get(to_plover16(event_type), 5.0),
        trigger=root.text, source=document.source, rule="model", model_changed=False)
    feats = candidate_features(p_event, probs, top, None, has_recipient=recipient is not None,
                               modality="asserted", n_in_sentence=1)
    return Candidate(event, feats, p_event, True)


def sentence_candidates(doc: Doc, document: Document, mentions: Sequence[Mention],
                        rule_events: Sequence[Event], scores: ScoreFn | None,
                        relabel_margin: float, intensity: dict[str, float], *,
                        use_rules: bool = True, view: ParseView | None = None,
                        batch_scores: BatchScoreFn | None = None) -> list[Candidate]:
    """Every candidate of a document, in sentence order (rule events first in each sentence).

    ``scores`` maps a sentence's text to (event probability, class probabilities);
    ``batch_scores`` (used when given), all of the document's sentence texts at once
    (:meth:`LearnedModel.document_scores`, the same numbers). ``view``, the pipeline's shared
    parse view of ``doc``, spares re-reading the parse (same candidates).
    """
    sentences = _sentences(doc, mentions, rule_events if use_rules else (), view)
    if batch_scores is not None:
        scored = list(batch_scores([s.text for s in sentences]))
    else:
        assert scores is not None, "sentence_candidates needs scores or batch_scores"
        scored = [scores(s.text) for s in sentences]
    out: list[Candidate] = []
    for sent, (p_event, probs) in zip(sentences, scored, strict=True):
        top = max(probs, key=lambda c: (probs[c], c))
        out += [_rule_candidate(event, p_event, probs, top, relabel_margin, intensity,
                                len(sent.events)) for event in sent.events]
        if not sent.events:
            proposal = _proposal(doc, document, sent, p_event, probs, top, intensity, view)
            if proposal is not None:
                out.append(proposal)
    return out


def _statement_threshold(cand: Candidate, statement_below: float,
                         speech_statement_below: float) -> float:
    if is_speech(cand.event.trigger):
        return max(statement_below, speech_statement_below)
    return statement_below


def decide(candidates: Sequence[Candidate], probability: Callable[[np.ndarray], float], *,
           drop_below: float, propose_above: float, order_by_confidence: bool = False,
           statement_below: float = 0.0, speech_statement_below: float = 0.0) -> list[Event]:
    """Keep the candidates that pass the thresholds, each with its calibrated confidence.

    A proposal needs an event probability of ``propose_above``; a rule event is dropped when its
    sentence's event probability is under ``statement_below`` (a statement or an appeal, not an
    event) or its confidence under ``drop_below``; a rule event whose trigger only reports speech
    (:func:`is_speech`: "said", "urged") is dropped under the higher of ``statement_below`` and
    ``speech_statement_below``.
    """
    kept: list[tuple[int, float, int, Event]] = []
    for n, cand in enumerate(candidates):
        if cand.proposed and cand.p_event < propose_above:
            continue
        if not cand.proposed and cand.p_event < _statement_threshold(
                cand, statement_below, speech_statement_below):
            continue
        confidence = min(1.0, max(0.0, probability(cand.features)))
        if confidence < drop_below:
            continue
        event = evolve(cand.event, confidence=round(confidence, 4))
        kept.append((event.sentence_index, -confidence if order_by_confidence else 0.0, n, event))
    return [k[3] for k in sorted(kept, key=lambda k: k[:3])]


def combine_events(doc: Doc, document: Document, mentions: Sequence[Mention],
                   rule_events: Sequence[Event], model: LearnedModel | None = None, *,
                   view: ParseView | None = None) -> list[Event]:
    """The hybrid coder's events for one document (see the module docstring).

    ``view`` is the document's shared :class:`~faultlines.nlp.view.ParseView` (the pipeline
    passes its own); without it the combiner reads ``doc`` directly, with the same result.

    Examples
    --------
    >>> from faultlines.nlp import load_pipeline  # doctest: +SKIP
    >>> events = combine_events(doc, document, mentions, code_events(doc, document, mentions))
    ... # doctest: +SKIP
    """
    model = model or default_model()
    d = model.decision
    candidates = sentence_candidates(doc, document, mentions, rule_events, None,
                                     d.get("relabel_margin", 1.1), model.manifest.get(
                                         "intensity", {}), view=view,
                                     batch_scores=model.document_scores)
    return decide(candidates, model.combiner_probability, drop_below=d.get("drop_below", 0.0),
                  propose_above=d.get("propose_above", 1.1),
                  statement_below=d.get("statement_below", 0.0),
                  speech_statement_below=d.get("speech_statement_below", 0.0),
                  order_by_confidence=bool(d.get("order_by_confidence", 0.0)))


def model_events(doc: Doc, document: Document, mentions: Sequence[Mention],
                 model: LearnedModel | None = None) -> list[Event]:
    """The model alone (a diagnostic): one event per sentence it calls an event, no rules.

    The confidence is the event probability times the category probability, uncalibrated.
    """
    model = model or default_model()
    candidates = sentence_candidates(doc, document, mentions, (), None, 1.1,
                                     model.manifest.get("intensity", {}), use_rules=False,
                                     batch_scores=model.document_scores)
    return decide(candidates, lambda f: float(f[0] * f[1]), drop_below=0.0, propose_above=0.5)
