"""Reading the shared test data in place (skipped when ../shared is absent)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from faultlines.ingest import ReadStats, detect_language, read_documents
from faultlines.types import Document


def test_seed_articles_read_as_english_documents(seeds_dir: Path) -> None:
    stats = ReadStats()
    items = list(read_documents([str(seeds_dir)], stats=stats))
    assert all(isinstance(item, Document) for item in items), items
    expected = sorted(p.stem for p in seeds_dir.glob("*.txt") if not p.name.startswith("."))
    assert [d.id for d in items] == expected and len(expected) >= 3
    assert all(len(d.text) > 500 and detect_language(d.text) == "en" for d in items)
    assert stats.errors == 0


def test_gold_file_reads_as_a_json_list(gold_path: Path) -> None:
    items = list(read_documents([str(gold_path)]))
    documents = [item for item in items if isinstance(item, Document)]
    assert len(documents) == len(items) >= 100
    assert len({d.id for d in documents}) == len(documents)
    assert all(isinstance(d.date, dt.date) for d in documents)
    # Gold records' "source" is a list of actors, not an outlet, so it is not taken as one.
    assert all(d.source is None for d in documents)
    assert all(d.origin and d.origin.startswith(f"{gold_path}:") for d in documents)
