"""Fixtures for store tests: tiny hand-built DocumentResults (no spaCy needed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The builders live in a plain module so network tests can import them too; conftest modules
# of different folders all share the name "conftest" and cannot be imported reliably.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_builders import sample_corpus  # noqa: E402

from faultlines.store import Store  # noqa: E402
from faultlines.types import DocumentResult  # noqa: E402


@pytest.fixture
def store(tmp_path) -> Store:
    with Store(tmp_path / "test.duckdb") as opened:
        yield opened


@pytest.fixture
def corpus() -> list[DocumentResult]:
    return sample_corpus()


@pytest.fixture
def filled(store: Store, corpus: list[DocumentResult]) -> Store:
    store.add_results(corpus)
    return store
