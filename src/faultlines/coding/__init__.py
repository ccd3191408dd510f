"""Coding stage: PLOVER events with polarity, intensity, modality and attribution.

``code_events(doc, document, mentions)`` is the stage's entry point; ``EVENT_SCHEMA`` is the JSON
Schema of ``Event.to_dict()`` (shipped as ``coding/data/event.schema.json``).
"""

from __future__ import annotations

from faultlines.coding.coder import actor_slug, code_events
from faultlines.coding.lexicon import Lexicon, LexiconEntry, default_lexicon, load_lexicon
from faultlines.coding.schema import EVENT_SCHEMA, validate_event
from faultlines.coding.stance import assess_stance

__all__ = [
    "code_events",
    "assess_stance",
    "actor_slug",
    "EVENT_SCHEMA",
    "validate_event",
    "Lexicon",
    "LexiconEntry",
    "load_lexicon",
    "default_lexicon",
]
