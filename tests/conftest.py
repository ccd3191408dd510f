"""Fixtures shared by the whole suite. Data from ../shared is read in place, never copied."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (a user's clone has no ../shared)")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    path = shared_dir / "corpus" / "seeds"
    if not path.is_dir():
        pytest.skip("../shared/corpus/seeds is not present")
    return path


@pytest.fixture(scope="session")
def gold_path(shared_dir: Path) -> Path:
    path = shared_dir / "gold" / "plover_gsr_dev.json"
    if not path.is_file():
        pytest.skip("../shared/gold/plover_gsr_dev.json is not present")
    return path


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline, loaded once per test session."""
    from faultlines.nlp import load_pipeline

    return load_pipeline()
