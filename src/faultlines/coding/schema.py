"""JSON Schema of ``Event.to_dict()``: the ``extract --format jsonl`` output contract."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from faultlines.errors import FaultlinesError

__all__ = ["EVENT_SCHEMA", "validate_event"]

#: The schema, loaded once from ``coding/data/event.schema.json`` (draft 2020-12).
EVENT_SCHEMA: dict[str, Any] = json.loads(
    (resources.files("faultlines.coding") / "data" / "event.schema.json").read_text("utf-8"))


def validate_event(record: dict[str, Any]) -> None:
    """Raise ``FaultlinesError`` naming the first violation when ``record`` breaks the schema.

    >>> validate_event({"event_id": "x"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    faultlines.errors.FaultlinesError: event record does not match event.schema.json: ...
    """
    import jsonschema

    validator = jsonschema.Draft202012Validator(
        EVENT_SCHEMA, format_checker=jsonschema.FormatChecker())
    error = next(iter(sorted(validator.iter_errors(record), key=lambda e: list(e.path))), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(record)"
        raise FaultlinesError(
            f"event record does not match event.schema.json: at {where}: {error.message}")
