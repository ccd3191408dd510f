"""Changing the coder's frozen records: :func:`evolve`, ``dataclasses.replace`` made cheap.

The rules return the frame or context they were given, changed; a sentence's rules change
records thousands of times per document. ``dataclasses.replace`` re-runs ``__init__`` over
every field; the fields of an existing record are already valid, so :func:`evolve` copies
the record's fields and sets the changed ones, with the same result.

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Point:
...     x: int
...     y: int = 0
>>> p = Point(1)
>>> evolve(p, y=2), p
(Point(x=1, y=2), Point(x=1, y=0))
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

__all__ = ["evolve"]

_R = TypeVar("_R")
_FIELDS: dict[type, frozenset[str]] = {}
_new = object.__new__


def evolve(record: _R, **changes: Any) -> _R:
    """A copy of the frozen dataclass ``record`` with ``changes`` (field names only).

    >>> from faultlines.coding.context import Context
    >>> evolve(Context(), negated=True).negated
    True
    >>> evolve(Context(), negative=True)
    Traceback (most recent call last):
    ...
    TypeError: Context has no field 'negative'
    """
    cls = type(record)
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = frozenset(f.name for f in fields(cls))  # type: ignore[arg-type]
    if not names.issuperset(changes):
        wrong = sorted(set(changes) - names)[0]
        raise TypeError(f"{cls.__name__} has no field {wrong!r}")
    new = _new(cls)
    state = new.__dict__
    state.update(record.__dict__)
    state.update(changes)
    return new
