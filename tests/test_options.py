"""Run options: one table resolved once (explicit, environment, command default, table default),
validated once, and the same table in the CLI's --help and the README."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from faultlines import pipeline
from faultlines.cli import app
from faultlines.config import SETTINGS, RunOptions, get_setting
from faultlines.errors import ConfigError

REPO = Path(__file__).resolve().parents[1]


# -- the table and its resolution ----------------------------------------------------------------

def test_every_field_of_run_options_is_a_row_of_the_table() -> None:
    assert [f.name for f in dataclasses.fields(RunOptions)] == list(SETTINGS)
    for setting in SETTINGS.values():
        assert setting.help.endswith("."), setting.name
        assert setting.env == f"FAULTLINES_{setting.name.upper()}"


def test_explicit_beats_environment_beats_command_default_beats_table() -> None:
    env = {"FAULTLINES_WORKERS": "3", "FAULTLINES_BATCH_SIZE": "7"}
    options = RunOptions.resolve(environ=env, defaults={"workers": 1, "commit_size": 9},
                                 workers=2)
    assert (options.workers, options.batch_size, options.commit_size) == (2, 7, 9)
    assert options.max_bytes == SETTINGS["max_bytes"].default
    assert RunOptions.resolve(environ=env, defaults={"workers": 1}).workers == 3
    assert RunOptions.resolve(environ={}, defaults={"workers": 1}).workers == 1
    assert RunOptions.resolve(environ={}).workers == 0


def test_values_keep_their_types() -> None:
    options = RunOptions.resolve(environ={"FAULTLINES_MAX_BYTES": " 1000 ",
                                          "FAULTLINES_KB_DIR": "/tmp/kb"})
    assert options.max_bytes == 1000 and isinstance(options.max_bytes, int)
    assert options.kb_dir == "/tmp/kb" and options.scheduler is None


@pytest.mark.parametrize(("environ", "explicit", "message"), [
    ({"FAULTLINES_WORKERS": "many"}, {}, "FAULTLINES_WORKERS='many' is not a whole number; "
                                         "workers must be a whole number of at least 0"),
    ({"FAULTLINES_WORKERS": "-2"}, {}, "FAULTLINES_WORKERS=-2 is not valid: workers must be "
                                       "a whole number of at least 0"),
    ({}, {"batch_size": 0}, "--batch-size 0 is not valid: batch_size must be a whole number "
                            "of at least 1"),
    ({"FAULTLINES_START_METHOD": "teleport"}, {},
     "FAULTLINES_START_METHOD='teleport' is not valid: start_method must be one of auto, fork, "
     "spawn"),
    ({}, {"engine": "spark"}, "--engine 'spark' is not valid: engine must be one of local, dask"),
    ({}, {"wokers": 2}, "unknown setting 'wokers'; known: model, db, workers"),
])
def test_a_bad_value_names_the_setting_and_the_valid_values(
        environ: dict[str, str], explicit: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        RunOptions.resolve(environ=environ, **explicit)
    assert str(caught.value).startswith(message)


def test_options_built_directly_or_replaced_are_validated_too() -> None:
    with pytest.raises(ConfigError, match="commit_size must be a whole number of at least 1"):
        RunOptions(commit_size=0)
    with pytest.raises(ConfigError, match="workers"):
        RunOptions().replace(workers=-1)
    assert RunOptions().replace(workers=None, batch_size=4) == RunOptions(batch_size=4)


def test_get_setting_is_typed_and_reads_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("FAULTLINES_COMMIT_SIZE", "12")
    assert get_setting("commit_size") == 12
    assert get_setting("commit_size", 3) == 3
    monkeypatch.setenv("FAULTLINES_COMMIT_SIZE", "twelve")
    with pytest.raises(ConfigError, match="FAULTLINES_COMMIT_SIZE='twelve'"):
        get_setting("commit_size")


def test_the_lock_wait_settings_reach_a_store_opened_for_writing(tmp_path: Path,
                                                                 monkeypatch) -> None:
    from faultlines import api

    path = tmp_path / "s.duckdb"
    monkeypatch.setenv("FAULTLINES_LOCK_WAIT", "3")
    monkeypatch.delenv("FAULTLINES_REOPEN_LOCK_WAIT", raising=False)
    with api.open_store(path) as store:
        assert (store.lock_wait, store.reopen_lock_wait) == (3, 300)
    with api.open_store(path, options=RunOptions(lock_wait=0, reopen_lock_wait=7)) as store:
        assert (store.lock_wait, store.reopen_lock_wait) == (0, 7)
    with api.open_store(path, read_only=True) as store:
        assert store.lock_wait == 0  # readers never wait: an ingest holds the lock for long
    monkeypatch.setenv("FAULTLINES_REOPEN_LOCK_WAIT", "-1")
    with pytest.raises(ConfigError, match="reopen_lock_wait must be a whole number of at least 0"):
        api.open_store(path)


# -- the CLI: FAULTLINES_* reaches the run, options beat it ---------------------------------------

@pytest.fixture
def seen(monkeypatch) -> list[RunOptions]:
    """Replace the pipeline by a recorder of the options it is given (no model needed)."""
    recorded: list[RunOptions] = []

    def process(documents: Any, options: RunOptions | None = None, **kwargs: Any
                ) -> Iterator[Any]:
        assert options is not None, "the pipeline must be given the run's options"
        recorded.append(options)
        list(documents)
        return iter(())

    @contextlib.contextmanager
    def worker_pool(options: RunOptions | None = None, **kwargs: Any) -> Iterator[None]:
        yield None

    monkeypatch.setattr(pipeline, "process", process)
    monkeypatch.setattr(pipeline, "worker_pool", worker_pool)
    for setting in SETTINGS.values():
        monkeypatch.delenv(setting.env, raising=False)
    return recorded


def _article(tmp_path: Path) -> str:
    path = tmp_path / "a.txt"
    path.write_text("The council of Ostrava praised the mayor of Brno.", encoding="utf-8")
    return str(path)


def test_faultlines_workers_reaches_extract_and_ingest_from_the_cli(
        tmp_path: Path, seen: list[RunOptions]) -> None:
    runner = CliRunner()
    article = _article(tmp_path)
    env = {"FAULTLINES_WORKERS": "3", "FAULTLINES_BATCH_SIZE": "5"}
    result = runner.invoke(app, ["extract", article], env=env)
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["ingest", article, "--db", str(tmp_path / "s.duckdb")],
                           env={**env, "FAULTLINES_COMMIT_SIZE": "6"})
    assert result.exit_code == 0, result.output
    assert [(o.workers, o.batch_size) for o in seen] == [(3, 5), (3, 5)]
    assert seen[1].commit_size == 6 and seen[1].db == str(tmp_path / "s.duckdb")


def test_cli_options_beat_the_environment_and_commands_keep_their_defaults(
        tmp_path: Path, seen: list[RunOptions]) -> None:
    runner = CliRunner()
    article = _article(tmp_path)
    db = str(tmp_path / "s.duckdb")
    env = {"FAULTLINES_WORKERS": "3", "FAULTLINES_MAX_BYTES": "999"}
    assert runner.invoke(app, ["extract", article, "-w", "2", "--max-bytes", "500"],
                         env=env).exit_code == 0
    assert runner.invoke(app, ["extract", article]).exit_code == 0
    assert runner.invoke(app, ["ingest", article, "--db", db]).exit_code == 0
    assert [(o.workers, o.max_bytes) for o in seen] == [(2, 500), (1, 20_000_000), (0, 20_000_000)]


def test_faultlines_max_bytes_refuses_a_file_from_the_cli(tmp_path: Path,
                                                           seen: list[RunOptions]) -> None:
    result = CliRunner().invoke(app, ["extract", _article(tmp_path)],
                                env={"FAULTLINES_MAX_BYTES": "10"})
    assert result.exit_code == 1
    assert "FAULTLINES_MAX_BYTES" in result.output  # the reader's message names the fix


def test_a_bad_environment_value_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    env = {**os.environ, "FAULTLINES_WORKERS": "all"}
    result = subprocess.run([sys.executable, "-m", "faultlines", "extract", _article(tmp_path)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "faultlines: error: FAULTLINES_WORKERS='all' is not a whole number; workers must be a "
        "whole number of at least 0"]


# -- the same table in --help and the README -----------------------------------------------------

def _help(*command: str) -> str:
    result = CliRunner().invoke(app, [*command, "--help"], terminal_width=400)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_every_setting_is_in_the_main_help_and_its_options_use_the_table_help() -> None:
    main = _help()
    commands = {name: _help(name) for name in ("extract", "ingest", "demo", "evaluate", "events")}
    for setting in SETTINGS.values():
        assert setting.env in main, setting.env
        if setting.cli:
            texts = [text for text in commands.values() if setting.option in text]
            assert texts, f"{setting.option} is in no command's --help"
            assert all(setting.help in text for text in texts), setting.option


def test_every_setting_is_in_the_readme_configuration_table() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Configuration", 1)[1].split("\n\n", 2)[1]
    rows = {line.split("|")[1].strip(): line for line in table.splitlines()
            if line.startswith("| `")}
    for setting in SETTINGS.values():
        key = f"`{setting.option}` / `{setting.env}`" if setting.cli else f"`{setting.env}`"
        assert key in rows, f"README configuration table has no row {key}"
        default = "" if setting.default is None else str(setting.default)
        assert default in rows[key], f"README row {key} does not show the default {default}"
    assert len(rows) == len(SETTINGS), "README lists a setting the table does not have"
