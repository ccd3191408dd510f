"""Evaluative stance on the seed articles (read from ../shared in place): the 2008 article
praises Maliki and writes Sadr off."""

from __future__ import annotations

from pathlib import Path

import pytest

from faultlines import api

pytestmark = pytest.mark.model

ARTICLE_2008 = "003_be2d0c90f23ee810"


@pytest.fixture(scope="module")
def seed_store(seeds_dir: Path, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("stance") / "seeds.duckdb"
    api.ingest([str(seeds_dir)], db, workers=1)
    return db


def _by_doc(db: Path, kind: str = "evaluative") -> dict[tuple[str, str], object]:
    return {(s.group, s.actor): s for s in api.stance(db, by="doc", kind=kind)}


def test_2008_article_is_positive_on_maliki_and_negative_on_sadr(seed_store):
    rows = _by_doc(seed_store)
    maliki = rows[(ARTICLE_2008, "NURI_AL_MALIKI")]
    sadr = rows[(ARTICLE_2008, "MOQTADA_AL_SADR")]
    assert maliki.score > 0 and maliki.positive > maliki.negative
    assert sadr.score < 0 and sadr.negative > sadr.positive


def test_combined_stance_keeps_the_2008_signs(seed_store):
    rows = _by_doc(seed_store, "combined")
    assert rows[(ARTICLE_2008, "NURI_AL_MALIKI")].score > 0
    assert rows[(ARTICLE_2008, "MOQTADA_AL_SADR")].score < 0


def test_quoted_and_reported_passages_give_no_cues(seed_store):
    # The 2008 article's block quotes of officials are reported speech: the Iraqi government
    # officials they name must not pick up cues from them.
    rows = _by_doc(seed_store)
    officials = rows.get((ARTICLE_2008, "IRQ_GOV"))
    assert officials is None or officials.cues <= 1
