"""Events of one sentence: built from the rules' decisions, deduplicated, in salience order."""

from __future__ import annotations

from spacy.tokens import Span, Token

from faultlines.coding import voice
from faultlines.coding.context import Context
from faultlines.coding.document import DocumentCoder
from faultlines.coding.rules.missions import purpose_rank
from faultlines.coding.syntax import tree_depth
from faultlines.types import ActorRef, Event, polarity_of

__all__ = ["SentenceEvents"]


class SentenceEvents:
    """The events of one sentence so far; :meth:`emit` adds one unless it is a repeat."""

    def __init__(self, coder: DocumentCoder, sent: Span, index: int) -> None:
        self.coder = coder
        self.sent = sent
        self.index = index
        self.ranked: list[tuple[float, float, int, Event]] = []
        self.seen: set[tuple[int, str, str, str | None]] = set()
        self.text = ""  # joined from the tokens by the first event; most sentences have none

    def emit(self, category: str, actor: ActorRef, recipient: ActorRef | None,
             intensity: float, ctx: Context, trigger_text: str, trigger_tok: Token,
             rule: str) -> None:
        """Add the event (once per trigger, category, actor and recipient)."""
        key = (trigger_tok.i, category, actor.id, recipient.id if recipient else None)
        if key in self.seen:
            return
        self.seen.add(key)
        coder = self.coder
        modality, attributed = voice.modality(coder, ctx)
        # the tokens' text with their whitespace, as "".join(t.text_with_ws ...), stripped
        self.text = self.text or coder.view.span_text(self.sent.start, self.sent.end).strip()
        event = Event(
            doc_id=coder.document.id, sentence_index=self.index, sentence=self.text,
            date=coder.document.date, event_type=category, actor=actor, recipient=recipient,
            polarity=polarity_of(category), intensity=float(intensity), modality=modality,
            attributed_to=attributed, trigger=trigger_text, source=coder.document.source,
            rule=rule,
        )
        depth = float(tree_depth(trigger_tok)) - purpose_rank(coder, trigger_tok)
        self.ranked.append((depth, -float(intensity), len(self.ranked), event))

    def events(self) -> list[Event]:
        """Salience order: triggers nearest the sentence root first, then the more intense."""
        return [event for *_, event in sorted(self.ranked, key=lambda r: r[:3])]
