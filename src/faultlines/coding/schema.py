"""JSON Schemas of faultlines' event output: ``Event.to_dict()`` (``extract --format jsonl``) and
PLOVER records (``--format plover``, written from the PLOVER manual's field tables)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from faultlines.errors import FaultlinesError

__all__ = ["EVENT_SCHEMA", "PLOVER_SCHEMA", "validate_event", "validate_plover_record"]


def _load(name: str) -> dict[str, Any]:
    return json.loads((resources.files("faultlines.coding") / "data" / name).read_text("utf-8"))


#: The schema, loaded once from ``coding/data/event.schema.json`` (draft 2020-12).
EVENT_SCHEMA: dict[str, Any] = _load("event.schema.json")
#: The PLOVER record schema, from ``coding/data/plover.schema.json`` (draft 2020-12).
PLOVER_SCHEMA: dict[str, Any] = _load("plover.schema.json")


def _validate(schema: dict[str, Any], name: str, what: str, record: dict[str, Any]) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.FormatChecker())
    error = next(iter(sorted(validator.iter_errors(record), key=lambda e: list(e.path))), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(record)"
        raise FaultlinesError(f"{what} does not match {name}: at {where}: {error.message}")


def validate_event(record: dict[str, Any]) -> None:
    """Raise ``FaultlinesError`` naming the first violation when ``record`` breaks the schema.

    >>> validate_event({"event_id": "x"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    faultlines.errors.FaultlinesError: event record does not match event.schema.json: ...
    """
    _validate(EVENT_SCHEMA, "event.schema.json", "event record", record)


def validate_plover_record(record: dict[str, Any]) -> None:
    """Raise ``FaultlinesError`` when a PLOVER record breaks ``plover.schema.json``.

    >>> validate_plover_record({"id": "x", "date": None, "actor": [], "event": ["AGREE"]})
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    faultlines.errors.FaultlinesError: PLOVER record does not match ...: at actor: [] ...
    """
    _validate(PLOVER_SCHEMA, "plover.schema.json", "PLOVER record", record)
