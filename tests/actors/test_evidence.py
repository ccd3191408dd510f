"""Country evidence for people (pure functions, no spaCy)."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest

from faultlines.actors import evidence as ev
from faultlines.actors.kb import load_knowledge_base

D = dt.date


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return load_knowledge_base(kb_dir=tmp_path_factory.mktemp("empty-kb"))


@pytest.mark.parametrize("modifiers, country, kind", [
    (["British", "Foreign", "Secretary"], "GBR", "adjective"),
    (["Germany's"], "DEU", "possessive"),
    (["Russian", "Foreign", "Minister"], "RUS", "adjective"),
    (["Iraqi", "Defence", "Minister"], "IRQ", "adjective"),
    (["Secretary", "of", "State"], "USA", "title"),
    (["Foreign", "Secretary"], "GBR", "title"),
    (["Defense", "Secretary"], "USA", "title"),
    (["Defence", "Secretary"], "GBR", "title"),
    (["Taoiseach"], "IRL", "title"),
    (["Chancellor"], "DEU", "title"),
    (["Supreme", "Leader"], "IRN", "title"),
    (["South", "Korea's"], "KOR", "possessive"),
    (["UN", "Secretary-General"], "IGOUNO", "title"),
    (["Nigerian", "President"], "NGA", "adjective"),
])
def test_modifiers_give_a_country(kb, modifiers, country, kind) -> None:
    found = ev.modifier_evidence(modifiers, kb, D(2016, 5, 1))
    assert (found.country, found.kind) == (country, kind)


@pytest.mark.parametrize("modifiers", [["Prime", "Minister"], ["President"], ["Mr"],
                                       ["Gen."], ["the", "spokesman"]])
def test_titles_without_a_country_give_none(kb, modifiers) -> None:
    assert ev.modifier_evidence(modifiers, kb, D(2016, 5, 1)) is None


def test_chancellor_before_the_federal_republic_is_no_evidence() -> None:
    assert ev.title_evidence("Chancellor", D(1930, 1, 1)) is None
    assert ev.title_evidence("Chancellor of the Exchequer").country == "GBR"


@pytest.mark.parametrize("phrase, country, office", [
    (", Britain's foreign minister,", "GBR", "FM"),
    (", the Iraqi prime minister,", "IRQ", "HOG"),
    (", foreign minister of Turkey", "TUR", "FM"),
    (", Pakistan's army chief,", "PAK", "MIL"),
    (", the Foreign Secretary,", "GBR", "FM"),
    (", Kenya's president", "KEN", "HOS"),
])
def test_appositions_give_a_country_and_office(kb, phrase, country, office) -> None:
    found = ev.role_phrase_evidence(phrase, kb, D(2016, 1, 1))
    assert (found.country, found.office) == (country, office)


@pytest.mark.parametrize("phrase", [", a British company,", ", who spoke on Monday", ""])
def test_phrases_that_name_no_role_give_none(kb, phrase) -> None:
    assert ev.role_phrase_evidence(phrase, kb) is None


def test_counterparts(kb) -> None:
    assert ev.counterpart_evidence("his Pakistani counterpart", kb).country == "PAK"
    assert ev.counterpart_evidence("their Japanese counterparts", kb).country == "JPN"
    assert ev.counterpart_evidence("his Pakistani host", kb) is None


def test_the_knowledge_base_role_wins_over_words_around_the_name(kb) -> None:
    # "Russian Foreign Minister Sergei Lavrov met Secretary of State John Kerry": Kerry stays
    # American whatever stands next to him
    found = ev.person_country(kb, D(2015, 6, 1), entry_id="JOHN_KERRY", modifiers=["Russian"])
    assert (found.country, found.kind, found.office) == ("USA", "kb", "FM")


def test_a_person_with_no_evidence_has_no_country(kb) -> None:
    assert ev.person_country(kb, D(2016, 1, 1)) is None
    assert ev.person_country(kb, D(2016, 1, 1), modifiers=["Mr"]) is None


def test_the_documents_country_is_not_an_argument() -> None:
    parameters = inspect.signature(ev.person_country).parameters
    assert not any("document" in p or "dominant" in p or "about" in p for p in parameters)


@pytest.mark.parametrize("modifiers, date, holder", [
    (["British", "Foreign", "Secretary"], D(2016, 9, 1), "BORIS_JOHNSON"),
    (["British", "Foreign", "Secretary"], D(2015, 9, 1), "PHILIP_HAMMOND"),
    (["Secretary", "of", "State"], D(2014, 3, 1), "JOHN_KERRY"),
    (["German", "Chancellor"], D(2019, 3, 1), "ANGELA_MERKEL"),
    (["Iraqi", "Prime", "Minister"], D(2016, 3, 1), "HAIDER_AL_ABADI"),
    (["Russian", "Foreign", "Minister"], D(2019, 3, 1), "SERGEI_LAVROV"),
    (["Turkish", "President"], D(2019, 3, 1), "RECEP_TAYYIP_ERDOGAN"),
])
def test_dated_role_names_the_office_holder(kb, modifiers, date, holder) -> None:
    found = ev.modifier_evidence(modifiers, kb, date)
    assert ev.office_holder_of(found, kb, date) == holder


def test_no_holder_for_offices_many_hold_or_without_a_date(kb) -> None:
    found = ev.modifier_evidence(["British", "minister"], kb, D(2016, 1, 1))
    assert found.country == "GBR"
    assert ev.office_holder_of(found, kb, D(2016, 1, 1)) is None
    found = ev.modifier_evidence(["Secretary", "of", "State"], kb)
    assert ev.office_holder_of(found, kb, None) is None


def test_title_table_rows_are_valid() -> None:
    rules = ev.title_rules()
    assert len(rules) > 40
    for rule in rules:
        assert rule.office in ("HOS", "HOG", "FM", "DM", "GOV", "MIL", "LEG", "IGO")
        assert len(rule.country) == 3 or rule.country.startswith("IGO")
