"""Fixtures for the actors tests: resolvers (packaged, and with the Phoenix dictionaries
imported from ../shared into a temporary KB folder) and a helper that parses one text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from actors_support import dictionary_files

from faultlines.actors import ActorResolver, import_dictionaries, save_user_kb
from faultlines.types import Document, Mention


@pytest.fixture(scope="session")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> ActorResolver:
    """The packaged knowledge base only (an empty user KB folder)."""
    return ActorResolver.default(kb_dir=tmp_path_factory.mktemp("empty-kb"))


@pytest.fixture(scope="session")
def phoenix_kb_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = dictionary_files()
    if not files:
        pytest.skip("../shared/dictionaries is not present")
    folder = tmp_path_factory.mktemp("phoenix-kb")
    save_user_kb(import_dictionaries(files), folder)
    return folder


@pytest.fixture(scope="session")
def phoenix_resolver(phoenix_kb_dir: Path) -> ActorResolver:
    return ActorResolver.default(kb_dir=phoenix_kb_dir)


@pytest.fixture(scope="session")
def mentions_of(nlp, resolver) -> Callable[..., list[Mention]]:
    """Parse ``text`` and return its mentions (``date`` as ISO text or None)."""
    def run(text: str, date: str | None = None, doc_id: str = "t",
            using: ActorResolver | None = None) -> list[Mention]:
        document = Document(doc_id, text, dt.date.fromisoformat(date) if date else None)
        return (using or resolver).find_mentions(nlp(text), document)

    return run
