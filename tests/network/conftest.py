"""Fixtures for network tests: tiny signed graphs and a small filled store."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# Reuse the hand-built DocumentResults of the store tests (see tests/store/store_builders.py).
# Test modules import builders from plain modules, never from "conftest": every test folder
# has a conftest and which one `import conftest` finds depends on collection order.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_builders import sample_corpus  # noqa: E402

from faultlines.store import Store  # noqa: E402


@pytest.fixture
def filled_store(tmp_path) -> Store:
    with Store(tmp_path / "net.duckdb") as store:
        store.add_results(sample_corpus())
        yield store
