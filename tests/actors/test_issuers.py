"""Who "we" is: document sources mapped to issuing actors."""

from __future__ import annotations

import pytest

from faultlines.actors.issuers import in_author_voice, issuer_of
from faultlines.actors.kb import load_knowledge_base
from faultlines.errors import DictionaryError


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return load_knowledge_base(kb_dir=tmp_path_factory.mktemp("empty-kb"))


@pytest.mark.parametrize("source, entry_id, country", [
    ("UK Foreign Office", "UK_FCDO", "GBR"),
    ("Foreign, Commonwealth & Development Office", "UK_FCDO", "GBR"),
    ("U.S. Department of State", "STATE_DEPARTMENT", "USA"),
    ("https://www.state.gov/briefings/department-press-briefing", "STATE_DEPARTMENT", "USA"),
    ("CENTCOM", "CENTCOM", "USA"),
    ("NATO", "NATO", "IGO"),
    ("nato.int", "NATO", "IGO"),
    ("UN Security Council", "UN_SECURITY_COUNCIL", "IGO"),
    ("press.un.org", "UN_SECURITY_COUNCIL", "IGO"),
    ("mid.ru", "RUSSIA_MFA", "RUS"),
    ("The White House", None, "USA"),
])
def test_known_issuers(kb, source, entry_id, country) -> None:
    found = issuer_of(source, kb)
    assert (found.entry_id, found.country) == (entry_id, country)


@pytest.mark.parametrize("source", ["Reuters", "BBC News", "example.com", "", None, "Le Monde"])
def test_outlets_and_unknown_sources_are_no_issuer(kb, source) -> None:
    assert issuer_of(source, kb) is None


def test_user_mapping_file_adds_and_overrides(kb, tmp_path) -> None:
    mapping = tmp_path / "issuers.tsv"
    mapping.write_text("# mine\nNorwegian MFA|regjeringen.no\tNORGOV\nCENTCOM\tPENTAGON\n",
                       "utf-8")
    found = issuer_of("regjeringen.no", kb, user_file=mapping)
    assert (found.entry_id, found.country, found.sector) == (None, "NOR", "GOV")
    assert issuer_of("CENTCOM", kb, user_file=mapping).entry_id == "PENTAGON"
    assert issuer_of("CENTCOM", kb).entry_id == "CENTCOM"


def test_user_mapping_from_the_environment(kb, tmp_path, monkeypatch) -> None:
    mapping = tmp_path / "env.tsv"
    mapping.write_text("Ministry of Foreign Affairs of Finland\tFINGOV\n", "utf-8")
    monkeypatch.setenv("FAULTLINES_ISSUERS", str(mapping))
    assert issuer_of("Ministry of Foreign Affairs of Finland", kb).country == "FIN"


def test_bad_mapping_rows_name_the_file_and_line(kb, tmp_path) -> None:
    mapping = tmp_path / "bad.tsv"
    mapping.write_text("only one column\n", "utf-8")
    with pytest.raises(DictionaryError, match="bad.tsv:1: expected 2"):
        issuer_of("x", kb, user_file=mapping)
    with pytest.raises(DictionaryError, match="cannot read"):
        issuer_of("x", kb, user_file=tmp_path / "missing.tsv")


@pytest.mark.parametrize("text, word, voice", [
    ("We condemn the strike on the hospital.", "We", True),
    ('The minister said: "We will not accept this."', "We", False),
    ("\u201cOur patience is over,\u201d he said. Our government agrees.", "Our government", True),
    ("\u201cOur patience is over,\u201d he said.", "Our", False),
])
def test_author_voice(text, word, voice) -> None:
    assert in_author_voice(text, text.index(word)) is voice


def test_every_packaged_issuer_resolves(kb) -> None:
    from faultlines.actors.issuers import issuer_table
    for key, actor in issuer_table().items():
        source = key[0][1:] if key[0].startswith("@") else " ".join(key)
        found = issuer_of(source, kb)
        assert found is not None and found.country, (key, actor)


def test_a_mapping_to_nothing_known_is_an_error(kb, tmp_path) -> None:
    mapping = tmp_path / "typo.tsv"
    mapping.write_text("Some Ministry\tNOT_AN_ID\n", "utf-8")
    with pytest.raises(DictionaryError, match="neither a knowledge-base id"):
        issuer_of("Some Ministry", kb, user_file=mapping)


@pytest.mark.parametrize("source, country, sector", [
    ("Ministry of Foreign Affairs of Japan", "JPN", "GOV"),
    ("Kenyan Ministry of Defence", "KEN", "GOV"),
    ("Government of the United Kingdom", "GBR", "GOV"),
    ("Ghana Armed Forces", "GHA", "MIL"),
])
def test_a_state_body_no_table_lists_is_that_state(kb, source, country, sector) -> None:
    found = issuer_of(source, kb)
    assert (found.entry_id, found.country, found.sector) == (None, country, sector)


@pytest.mark.parametrize("source", ["Ministry of Foreign Affairs", "EU-Japan mission",
                                    "Japan Times", "University of Ghana"])
def test_a_source_naming_no_single_state_body_is_no_issuer(kb, source) -> None:
    assert issuer_of(source, kb) is None
