"""Result containers shared by the network functions: records with ``to_dict()`` and tables
with ``columns`` and ``rows()`` so the CLI can print them as JSON, CSV or a text table."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Generic, TypeVar

from faultlines.store.records import record_dict

__all__ = ["Record", "ResultTable"]


class Record:
    """Mixin for frozen dataclass results: ``to_dict()`` for JSON, ``row()`` for tables."""

    columns: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        return record_dict(self)

    def row(self) -> tuple[Any, ...]:
        d = self.to_dict()
        return tuple(d[c] for c in self.columns)


R = TypeVar("R", bound=Record)


class ResultTable(list[R], Generic[R]):
    """A list of records that knows its table columns.

    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Pair(Record):
    ...     a: str
    ...     n: int
    ...     columns = ("a", "n")
    >>> table = ResultTable([Pair("x", 1)], columns=Pair.columns)
    >>> table.rows(), table.to_dict()
    ([('x', 1)], [{'a': 'x', 'n': 1}])
    """

    def __init__(self, records: Iterable[R] = (), *, columns: tuple[str, ...] = ()) -> None:
        super().__init__(records)
        self.columns = columns

    def rows(self) -> list[tuple[Any, ...]]:
        return [r.row() for r in self]

    def to_dict(self) -> list[dict[str, Any]]:
        return [r.to_dict() for r in self]
