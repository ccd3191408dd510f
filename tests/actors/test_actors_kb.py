"""The packaged knowledge base: countries, IGOs, groups, sectors, starter actors, dated roles."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pycountry
import pytest

from faultlines.actors import load_knowledge_base, split_code
from faultlines.actors.kb import SECTORS, ActorEntry, Role
from faultlines.errors import DictionaryError

DATA = Path(__file__).resolve().parents[2] / "src" / "faultlines" / "actors" / "data"


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory):
    return load_knowledge_base(tmp_path_factory.mktemp("no-user-kb"))


def test_every_iso_country_is_known(kb) -> None:
    missing = [c.alpha_3 for c in pycountry.countries if c.alpha_3 not in kb.entries]
    assert not missing
    assert kb.entries["IRQ"].kind == "country"


@pytest.mark.parametrize("words, kind, ref", [
    (["iraqi"], "demonym", "IRQ"), (["iranian"], "demonym", "IRN"),
    (["american"], "demonym", "USA"), (["israeli"], "demonym", "ISR"),
    (["palestinian"], "demonym", "PSE"), (["syrian"], "demonym", "SYR"),
    (["saudi"], "demonym", "SAU"), (["tehran"], "capital", "IRN"),
    (["washington"], "capital", "USA"), (["baghdad"], "capital", "IRQ"),
    (["moscow"], "capital", "RUS"), (["beijing"], "capital", "CHN"),
    (["damascus"], "capital", "SYR"), (["riyadh"], "capital", "SAU"),
    (["kurdish"], "group", "KURDS"), (["shiite"], "group", "SHIA"), (["shia"], "group", "SHIA"),
    (["sunni"], "group", "SUNNI"), (["nato"], "actor", "NATO"), (["un"], "actor", None),
    (["UN"], "actor", "UNITED_NATIONS"), (["arab", "league"], "actor", "ARAB_LEAGUE"),
    (["opec"], "actor", "OPEC"), (["iaea"], "actor", "IAEA"), (["IAEA"], "actor", None),
    (["wfp"], "actor", None), (["unhcr"], "actor", "UNHCR"),
    (["african", "union"], "actor", "AFRICAN_UNION"), (["mahdis"], "actor", "MAHDI_ARMY"),
    (["maliki"], "short", "NURI_AL_MALIKI"), (["iyad", "allawi"], "actor", "AYAD_ALLAWI"),
])
def test_phrase_table(kb, words, kind, ref) -> None:
    found = {(t.kind, t.ref) for t in kb.lookup(words)}
    if ref is None:
        assert not any(k == kind for k, _ in found)
    else:
        assert (kind, ref) in found


def test_kurdish_is_a_group_not_a_country(kb) -> None:
    assert all(t.kind == "group" for t in kb.lookup(["kurdish"]))


@pytest.mark.parametrize("phrase, sector", [
    (("government",), "GOV"), (("administration",), "GOV"), (("prime", "minister"), "GOV"),
    (("premier",), "GOV"), (("troops",), "MIL"), (("soldiers",), "MIL"),
    (("militia",), "REB"), (("insurgents",), "REB"), (("guerrillas",), "REB"),
    (("party",), "PTY"), (("bloc",), "PTY"), (("parliament",), "LEG"),
    (("lawmakers",), "LEG"), (("court",), "JUD"), (("police",), "COP"),
    (("ayatollah",), "REL"), (("cleric",), "REL"), (("protesters",), "CVL"),
    (("villagers",), "CVL"), (("refugees",), "REF"), (("journalists",), "MED"),
    (("company",), "BUS"),
])
def test_agent_words(kb, phrase, sector) -> None:
    assert kb.agents[phrase] == sector


def test_starter_actor_set_is_large_and_well_formed() -> None:
    rows = [json.loads(line) for line in (DATA / "actors.jsonl").read_text("utf-8").splitlines()
            if line.strip()]
    assert len(rows) >= 100
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        country, _ = split_code(row["code"])
        assert country and len(country) == 3, row["id"]
        for code, start, end in row.get("roles", ()):
            assert split_code(code)[0], row["id"]
            if start and end:
                assert start <= end, row["id"]


@pytest.mark.parametrize("actor, date, code", [
    ("NURI_AL_MALIKI", "2005-06-01", "IRQPTY"), ("NURI_AL_MALIKI", "2006-05-20", "IRQGOV"),
    ("NURI_AL_MALIKI", "2014-09-08", "IRQGOV"), ("NURI_AL_MALIKI", "2014-09-09", "IRQPTY"),
    ("AYAD_ALLAWI", "2004-06-28", "IRQGOV"), ("AYAD_ALLAWI", "2005-04-07", "IRQGOV"),
    ("AYAD_ALLAWI", "2007-01-01", "IRQPTY"), ("GEORGE_W_BUSH", "2009-06-01", "USAELI"),
    ("BARACK_OBAMA", "2007-03-01", "USALEG"), ("BARACK_OBAMA", "2010-03-01", "USAGOV"),
    ("DONALD_RUMSFELD", "2006-12-19", "USAELI"),
])
def test_dated_roles(kb, actor, date, code) -> None:
    assert kb.entries[actor].code_at(dt.date.fromisoformat(date)) == code


def test_code_without_date_is_the_default(kb) -> None:
    assert kb.entries["NURI_AL_MALIKI"].code_at(None) == "IRQGOV"


def test_latest_started_role_wins_when_roles_overlap() -> None:
    entry = ActorEntry("X", "X", "AAAELI", roles=(Role("AAAELI", dt.date(1990, 1, 1)),
                                                 Role("AAAGOV", dt.date(2000, 1, 1),
                                                      dt.date(2001, 1, 1))))
    assert entry.code_at(dt.date(2000, 6, 1)) == "AAAGOV"
    assert entry.code_at(dt.date(2002, 1, 1)) == "AAAELI"


@pytest.mark.parametrize("code, parts", [("IRQGOV", ("IRQ", "GOV")), ("IGOUNO", ("IGO", None)),
                                         ("IGOUNOMIL", ("IGO", "MIL")), ("", (None, None)),
                                         ("irqmil", ("IRQ", "MIL"))])
def test_split_code(code, parts) -> None:
    assert split_code(code) == parts


def test_sector_vocabulary_covers_the_brief() -> None:
    for code in ("GOV", "MIL", "REB", "OPP", "PTY", "ETH", "REL", "LEG", "JUD", "MED", "BUS",
                 "CVL", "IGO", "NGO", "REF", "COP", "SPY", "INS", "ELI", "LAB", "EDU", "HLH"):
        assert code in SECTORS


def test_user_kb_file_that_is_not_ours_is_refused(tmp_path: Path) -> None:
    (tmp_path / "other.json").write_text('{"hello": 1}', "utf-8")
    with pytest.raises(DictionaryError, match="other.json"):
        load_knowledge_base(tmp_path)


def test_user_kb_file_extends_and_keeps_packaged_data(tmp_path: Path) -> None:
    payload = {"format": "faultlines-kb", "version": 1, "actors": [
        {"id": "SPENCER_ACKERMAN", "name": "Spencer Ackerman", "code": "USAMED",
         "aliases": ["Ackerman"], "roles": []},
        {"id": "NURI_AL_MALIKI", "name": "Other Name", "code": "IRQELI",
         "aliases": ["Abu Esraa"], "roles": []}], "agents": []}
    (tmp_path / "mine.json").write_text(json.dumps(payload), "utf-8")
    kb = load_knowledge_base(tmp_path)
    assert kb.entries["SPENCER_ACKERMAN"].code == "USAMED"
    maliki = kb.entries["NURI_AL_MALIKI"]
    assert maliki.name == "Nouri al-Maliki" and maliki.code == "IRQGOV"
    assert "Abu Esraa" in maliki.aliases


def test_missing_extra_kb_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="nope.json"):
        load_knowledge_base(tmp_path, [tmp_path / "nope.json"])
