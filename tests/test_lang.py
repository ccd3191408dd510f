"""--lang: documents that are not English are never dropped silently."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from faultlines.cli import app

pytestmark = pytest.mark.model

GERMAN = ("Die Regierung hat am Montag in Berlin beschlossen, dass die Verhandlungen mit den "
          "Nachbarstaaten fortgesetzt werden, obwohl die Opposition dagegen ist und viele "
          "Bürger der Stadt gegen die Pläne der Minister protestiert haben.")
ENGLISH = "The army shelled rebel positions near the border on Monday."


def _files(tmp_path):
    (tmp_path / "de_note.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "en_note.txt").write_text(ENGLISH, encoding="utf-8")
    return str(tmp_path)


def test_skipped_ids_are_listed(tmp_path) -> None:
    result = CliRunner().invoke(app, ["extract", _files(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "skipped as not English: de_note" in result.output
    assert "--lang any" in result.output


def test_lang_any_codes_every_document(tmp_path, monkeypatch) -> None:
    import faultlines.pipeline as pipeline

    seen = []
    real = pipeline._is_english
    monkeypatch.setattr(pipeline, "_is_english", lambda text: seen.append(text) or real(text))
    result = CliRunner().invoke(app, ["extract", "--lang", "any", _files(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "skipped as not English" not in result.output and seen == []


def test_lang_from_the_environment(tmp_path) -> None:
    result = CliRunner().invoke(app, ["extract", _files(tmp_path)],
                                env={"FAULTLINES_LANG": "any"})
    assert result.exit_code == 0 and "skipped as not English" not in result.output
    bad = CliRunner().invoke(app, ["extract", _files(tmp_path)], env={"FAULTLINES_LANG": "fr"})
    # the CLI's main() turns this error into one line and exit code 2 (tests/test_options.py)
    assert bad.exit_code != 0 and "lang must be one of en, any" in str(bad.exception)
