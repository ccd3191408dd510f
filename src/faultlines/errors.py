"""Errors raised by faultlines. The CLI turns each into one line and an exit code.

>>> error = InputError("briefs.jsonl", "'text' is missing", line=3)
>>> str(error), error.exit_code
("briefs.jsonl:3: 'text' is missing", 2)
>>> [cls.exit_code for cls in (ConfigError, ModelError, StoreError)]
[2, 3, 4]
"""

from __future__ import annotations

__all__ = [
    "FaultlinesError",
    "InputError",
    "ConfigError",
    "ModelError",
    "StoreError",
    "DictionaryError",
    "GoldError",
]


class FaultlinesError(Exception):
    """Base class: every error faultlines raises on purpose derives from it."""

    exit_code = 1


class InputError(FaultlinesError):
    """An input file or line could not be read. The message names the file (and line)."""

    exit_code = 2

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class ConfigError(FaultlinesError):
    """A setting has a value faultlines cannot use."""

    exit_code = 2


class ModelError(FaultlinesError):
    """The spaCy pipeline named in the configuration cannot be loaded."""

    exit_code = 3


class StoreError(FaultlinesError):
    """The DuckDB store cannot be opened, migrated or written."""

    exit_code = 4


class DictionaryError(FaultlinesError):
    """A PETRARCH/TABARI dictionary file cannot be read at all."""

    exit_code = 2


class GoldError(FaultlinesError):
    """A gold-standard file is not in the PLOVER gold-record format."""

    exit_code = 2
