"""Helpers for the ingest tests: write tiny inputs into tmp_path and read them back."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from faultlines.ingest import ReadStats, read_documents
from faultlines.ingest.reader import SkippedFile
from faultlines.types import Document, ReadError

Item = Document | ReadError


def split(items: Iterable[Item]) -> tuple[list[Document], list[ReadError]]:
    """Separate what read_documents yielded into documents and errors, keeping order.

    Files skipped for their suffix (:class:`SkippedFile`) are notices, not errors: left out.
    """
    documents: list[Document] = []
    errors: list[ReadError] = []
    for item in items:
        if isinstance(item, SkippedFile):
            continue
        (documents if isinstance(item, Document) else errors).append(item)  # type: ignore[arg-type]
    return documents, errors


@pytest.fixture
def read() -> Callable[..., tuple[list[Document], list[ReadError]]]:
    """``read(*paths, **options)`` -> (documents, errors); paths may be Path objects."""

    def _read(*paths: str | Path, **options: object):
        return split(read_documents([str(p) for p in paths], **options))  # type: ignore[arg-type]

    return _read


@pytest.fixture
def read_one(read):
    """Read one input that must give exactly one Document or exactly one ReadError."""

    def _read_one(path: str | Path, **options: object) -> Item:
        documents, errors = read(path, **options)
        assert len(documents) + len(errors) == 1, (documents, errors)
        return (documents or errors)[0]

    return _read_one


@pytest.fixture
def stats() -> ReadStats:
    return ReadStats()
