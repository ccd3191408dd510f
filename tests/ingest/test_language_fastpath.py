"""The function-word shortcut of detect_language agrees with the statistical model."""

from __future__ import annotations

import pytest

from faultlines.ingest import language
from faultlines.ingest.language import _clearly_english, detect_language

ENGLISH = (
    "The Iraqi government said on Monday that it was sending a delegation to the capital of "
    "its neighbour, and officials who spoke to reporters after the meeting said the talks "
    "would cover border security, the return of refugees and the trade in oil that has been "
    "disrupted by the fighting in the north of the country for most of the year."
)
SPANISH = (
    "El gobierno iraquí dijo el lunes que enviaba una delegación a la capital de su vecino, y "
    "los funcionarios que hablaron con los periodistas después de la reunión dijeron que las "
    "conversaciones abarcarían la seguridad de la frontera y el regreso de los refugiados."
)


def test_clear_english_skips_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail() -> None:
        raise AssertionError("the statistical model should not be needed")

    monkeypatch.setattr(language, "_identifier", fail)
    assert _clearly_english(ENGLISH)
    assert detect_language(ENGLISH) == "en"


def test_other_languages_still_go_to_the_model() -> None:
    assert not _clearly_english(SPANISH)
    assert detect_language(SPANISH) == "es"


def test_short_english_is_left_to_the_model() -> None:
    short = "The minister said that the talks were over."
    assert not _clearly_english(short)
    assert detect_language(short) == "en"
