"""The learned second opinion: a text model trained on the shared gold, combined with the rules.

``combine_events(doc, document, mentions, rule_events)`` is the hybrid coder (see
``combine.py``); ``default_model()`` loads the shipped arrays once per process; ``model_info()``
gives the model's version and training-data hashes. Training lives in ``tools/train.py``
(``make train``); the files are described in docs/learned.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from faultlines.coding.learned.combine import (
    MODEL_CLASSES,
    PLOVER16,
    combine_events,
    model_events,
    to_plover16,
)
from faultlines.coding.learned.model import (
    LearnedModel,
    default_model,
    load_model,
    model_info,
)
from faultlines.config import SETTINGS
from faultlines.types import Event

__all__ = ["CODERS", "PLOVER16", "MODEL_CLASSES", "LearnedModel", "combine_events",
           "model_events", "default_model", "load_model", "model_info", "to_plover16",
           "filter_confidence", "coder_record", "version_line",
           "DEFAULT_CODER"]

#: ``rules``: the hand-written coder alone; ``hybrid``: rules combined with the model;
#: ``model``: the model alone (a diagnostic, for measurements). The run setting ``coder``
#: (``--coder``, ``FAULTLINES_CODER``) chooses one.
CODERS: tuple[str, ...] = SETTINGS["coder"].choices
#: The default coder (hybrid: see docs/learned.md for the measurements).
DEFAULT_CODER = str(SETTINGS["coder"].default)


def filter_confidence(events: Iterable[Event], min_confidence: float | None) -> list[Event]:
    """Events whose confidence reaches ``min_confidence``; an event without one is kept.

    >>> from faultlines.types import ActorRef, Event
    >>> a = ActorRef("A", "A", "A")
    >>> e = Event("d", 0, "s", None, "AGREE", a, None, 1, 1.0, confidence=0.4)
    >>> len(filter_confidence([e], 0.5)), len(filter_confidence([e], None))
    (0, 1)
    """
    if not min_confidence:
        return list(events)
    return [e for e in events if e.confidence is None or e.confidence >= min_confidence]


def coder_record(coder: str = DEFAULT_CODER) -> dict[str, str]:
    """What a store records about the coder that wrote its events (name, model, data hashes).

    >>> coder_record("rules")["coder"]
    'rules'
    """
    import json

    record = {"coder": coder}
    if coder != "rules":
        info = model_info()
        record["model_version"] = str(info["version"])
        record["model_sha256"] = str(info["model_sha256"])
        record["training_data_sha256"] = json.dumps(info["data"], sort_keys=True)
    return record


def version_line() -> str:
    """One line for ``faultlines --version``: the learned model's version and data hashes."""
    info = model_info()
    data = ", ".join(f"{name} {digest[:12]}" for name, digest in sorted(info["data"].items()))
    return f"learned model {info['version']} (trained on {data or 'unknown data'})"
