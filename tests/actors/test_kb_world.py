"""The worldwide knowledge base: people with dated offices, armed groups, IGOs, parties, the
whole-name candidate look-up and the compiled (disk-cached) loading."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from faultlines.actors import kb as kb_module
from faultlines.actors import kb_cache
from faultlines.actors.kb import Office, load_knowledge_base, split_code
from faultlines.errors import DictionaryError

D = dt.date


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return load_knowledge_base(kb_dir=tmp_path_factory.mktemp("empty-kb"))


@pytest.mark.parametrize("name, entry_id, country", [
    ("Haider al-Abadi", "HAIDER_AL_ABADI", "IRQ"),
    ("John Kerry", "JOHN_KERRY", "USA"),
    ("Ash Carter", "ASH_CARTER", "USA"),
    ("Philip Hammond", "PHILIP_HAMMOND", "GBR"),
    ("Sergei Lavrov", "SERGEI_LAVROV", "RUS"),
    ("Annalena Baerbock", "ANNALENA_BAERBOCK", "DEU"),
    ("Popular Mobilization Forces", "POPULAR_MOBILIZATION_FORCES", "IRQ"),
    ("Hashd al-Shaabi", "POPULAR_MOBILIZATION_FORCES", "IRQ"),
    ("Syrian Democratic Forces", "SDF", "SYR"),
    ("YPG", "YPG", "SYR"),
    ("Boko Haram", "BOKO_HARAM", "NGA"),
    ("Ansar Allah", "HOUTHIS", "YEM"),
    ("al-Shabaab", "AL_SHABAAB", "SOM"),
    ("Rapid Support Forces", "RSF_SUDAN", "SDN"),
    ("M23", "M23", "COD"),
    ("Wagner Group", "WAGNER_GROUP", "RUS"),
    ("FARC", "FARC", "COL"),
    ("ELN", "ELN", "COL"),
    ("Tehrik-i-Taliban Pakistan", "TTP", "PAK"),
    ("Daesh", "ISLAMIC_STATE", "IMG"),
    ("CJTF-OIR", "CJTF_OIR", "USA"),
    ("Shanghai Cooperation Organisation", "SCO", "IGO"),
    ("ECOWAS", "ECOWAS", "IGO"),
])
def test_world_entries_have_their_country(kb, name, entry_id, country) -> None:
    assert kb.candidates(name) == [entry_id]
    assert split_code(kb.entries[entry_id].code)[0] == country


def test_existing_ids_stay_and_gain_aliases(kb) -> None:
    # the seeds and the demo depend on these ids
    for entry_id in ("NURI_AL_MALIKI", "AYAD_ALLAWI", "MOQTADA_AL_SADR", "HEZBOLLAH", "TALIBAN",
                     "ISLAMIC_STATE", "BARACK_OBAMA", "UNITED_NATIONS"):
        assert entry_id in kb.entries
    assert kb.candidates("Barack Obama") == ["BARACK_OBAMA"]
    assert "Daish" in kb.entries["ISLAMIC_STATE"].aliases
    assert "ISIL" in kb.entries["ISLAMIC_STATE"].aliases


def test_pro_government_militias_have_their_own_sector(kb) -> None:
    assert split_code(kb.entries["SHABIHA"].code) == ("SYR", "PRM")
    assert split_code(kb.entries["POPULAR_MOBILIZATION_FORCES"].code) == ("IRQ", "PRM")
    assert "PRM" in kb_module.SECTORS


def test_at_least_three_hundred_armed_groups(kb) -> None:
    armed = [e for e in kb.entries.values()
             if split_code(e.code)[1] in ("REB", "PRM") and e.kind != "person"]
    assert len(armed) >= 300


def test_dated_roles_follow_the_offices(kb) -> None:
    johnson = kb.entries["BORIS_JOHNSON"]
    assert johnson.code_at(D(2017, 1, 1)) == "GBRGOV"
    putin = kb.entries["VLADIMIR_PUTIN"]
    assert putin.code_at(D(2010, 1, 1)) == "RUSGOV"
    sharaa = kb.entries["AHMED_AL_SHARAA"]
    assert sharaa.code_at(D(2020, 1, 1)) == "SYRREB"
    assert sharaa.code_at(D(2025, 6, 1)) == "SYRGOV"


@pytest.mark.parametrize("country, office, date, holder", [
    ("GBR", "FM", D(2016, 9, 1), "BORIS_JOHNSON"),
    ("GBR", "FM", D(2015, 3, 1), "PHILIP_HAMMOND"),
    ("USA", "FM", D(2016, 9, 1), "JOHN_KERRY"),
    ("USA", "FM", D(2022, 1, 1), "ANTONY_BLINKEN"),
    ("USA", "DM", D(2016, 1, 1), "ASH_CARTER"),
    ("DEU", "HOG", D(2012, 1, 1), "ANGELA_MERKEL"),
    ("DEU", "FM", D(2023, 5, 1), "ANNALENA_BAERBOCK"),
    ("IRQ", "HOG", D(2016, 1, 1), "HAIDER_AL_ABADI"),
    ("RUS", "FM", D(2016, 1, 1), "SERGEI_LAVROV"),
    ("FRA", "HOS", D(2014, 1, 1), "FRANCOIS_HOLLANDE"),
])
def test_office_holder_on_a_date(kb, country, office, date, holder) -> None:
    assert kb.office_holder(country, office, date) == holder


def test_no_office_holder_without_a_date_or_outside_the_table(kb) -> None:
    assert kb.office_holder("GBR", "FM", None) is None
    assert kb.office_holder("GBR", "FM", D(1950, 1, 1)) is None


def test_every_office_line_is_well_formed(kb) -> None:
    for (country, office), held in kb.offices.items():
        assert country in kb.country_names or country.startswith("IGO"), country
        assert office in kb_module.OFFICES
        for item in held:
            assert isinstance(item, Office)
            assert item.start is None or item.end is None or item.start <= item.end, item
            assert item.entry_id in kb.entries


def test_people_and_countries_never_share_a_short_form(kb) -> None:
    for name in ("Cameron", "Hollande", "Jordan"):
        found = kb.candidates(name)
        kinds = {kb.entries[f].kind for f in found}
        assert not ({"person"} & kinds and {"country"} & kinds), (name, found)


def test_compiled_kb_loads_from_the_disk_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FAULTLINES_CACHE_DIR", str(tmp_path / "cache"))
    kb_module._cached_kb.cache_clear()
    first = load_knowledge_base(kb_dir=tmp_path / "kb")
    files = list((tmp_path / "cache").glob("kb-*.json"))
    assert len(files) == 1
    assert not list((tmp_path / "cache").glob("*.tmp"))
    kb_module._cached_kb.cache_clear()
    second = load_knowledge_base(kb_dir=tmp_path / "kb")
    assert second is not first
    assert second == first
    kb_module._cached_kb.cache_clear()


def test_the_cache_is_json_data_never_pickle(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FAULTLINES_CACHE_DIR", str(tmp_path / "cache"))
    kb_module._cached_kb.cache_clear()
    load_knowledge_base(kb_dir=tmp_path / "kb")
    (cached,) = (tmp_path / "cache").glob("kb-*")
    data = json.loads(cached.read_text("utf-8"))
    assert data["format"] == kb_cache.FORMAT and data["entries"]
    kb_module._cached_kb.cache_clear()


def test_a_damaged_cache_file_is_rebuilt(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FAULTLINES_CACHE_DIR", str(tmp_path / "cache"))
    kb_module._cached_kb.cache_clear()
    load_knowledge_base(kb_dir=tmp_path / "kb")
    (cached,) = (tmp_path / "cache").glob("kb-*.json")
    cached.write_bytes(b"{not json")
    kb_module._cached_kb.cache_clear()
    kb = load_knowledge_base(kb_dir=tmp_path / "kb")
    assert "JOHN_KERRY" in kb.entries
    assert "JOHN_KERRY" in kb_cache.read_compiled(cached).entries
    kb_module._cached_kb.cache_clear()


def test_a_changed_user_file_gets_its_own_cache_file(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FAULTLINES_CACHE_DIR", str(tmp_path / "cache"))
    user = tmp_path / "kb"
    user.mkdir()
    entry = {"id": "TOM_WREN", "name": "Tom Wren", "code": "GBRGOV", "aliases": [], "roles": []}
    (user / "mine.json").write_text(json.dumps({"format": "faultlines-kb", "actors": [entry]}),
                                    "utf-8")
    kb_module._cached_kb.cache_clear()
    assert load_knowledge_base(kb_dir=user).entries["TOM_WREN"].code == "GBRGOV"
    (user / "mine.json").write_text(json.dumps({"format": "faultlines-kb",
                                                "actors": [{**entry, "code": "IRLGOV"}]}), "utf-8")
    kb_module._cached_kb.cache_clear()
    assert load_knowledge_base(kb_dir=user).entries["TOM_WREN"].code == "IRLGOV"
    assert len(list((tmp_path / "cache").glob("kb-*.json"))) == 2
    kb_module._cached_kb.cache_clear()


def test_a_changed_user_file_changes_the_cache_key(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FAULTLINES_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "kb"
    folder.mkdir()
    user = folder / "mine.json"
    user.write_text('{"format": "faultlines-kb", "actors": [{"id": "ZED", "name": "Zed Zulu", '
                    '"code": "GBRGOV"}]}', "utf-8")
    kb_module._cached_kb.cache_clear()
    assert "ZED" in load_knowledge_base(kb_dir=folder).entries
    user.write_text('{"format": "faultlines-kb", "actors": [{"id": "YAN", "name": "Yan Yu", '
                    '"code": "CHNGOV"}]}', "utf-8")
    import os
    os.utime(user, (1, 1))
    kb = load_knowledge_base(kb_dir=folder)
    assert "YAN" in kb.entries and "ZED" not in kb.entries
    kb_module._cached_kb.cache_clear()


def test_cache_can_be_switched_off(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FAULTLINES_CACHE_DIR", "")
    assert kb_module.cache_dir() is None


def test_bad_world_lines_name_the_file_and_line() -> None:
    kb = kb_module.KnowledgeBase()
    with pytest.raises(DictionaryError, match="people_x.tsv:2: office 'XX'"):
        kb_module._load_world_people(kb, "world/people_x.tsv",
                                     "# header\nUSA\tXX\t2001\t\tJane Roe\t")
    with pytest.raises(DictionaryError, match="people_x.tsv:1: date '2001-13'"):
        kb_module._load_world_people(kb, "world/people_x.tsv", "USA\tFM\t2001-13\t\tJane Roe\t")
    with pytest.raises(DictionaryError, match="orgs.tsv:1: expected 4"):
        kb_module._load_world_orgs(kb, "world/orgs.tsv", "X\tUSAGOV")


def test_partial_dates_cover_their_whole_period() -> None:
    assert kb_module._world_date("2016-02", "w", end=True) == D(2016, 2, 29)
    assert kb_module._world_date("2016-12", "w", end=True) == D(2016, 12, 31)
    assert kb_module._world_date("2016", "w", end=False) == D(2016, 1, 1)
    assert kb_module._world_date("", "w", end=True) is None


def test_world_files_are_packaged() -> None:
    names = kb_module._world_files()
    assert any(n.startswith("world/people_") for n in names)
    assert "world/armed_groups.tsv" in names
    root = Path(kb_module.__file__).parent / "data" / "world"
    assert all((root / n.split("/", 1)[1]).is_file() for n in names)


def test_ambiguous_short_forms_list_the_office_holder_of_the_date_first(kb) -> None:
    assert set(kb.candidates("Bush")) == {"GEORGE_W_BUSH", "GEORGE_H_W_BUSH"}
    assert kb.candidates("Bush", D(2005, 1, 1))[0] == "GEORGE_W_BUSH"
    assert kb.candidates("Bush", D(1991, 1, 1))[0] == "GEORGE_H_W_BUSH"
    assert kb.candidates("Assad", D(1995, 1, 1))[0] == "HAFEZ_AL_ASSAD"
    assert kb.candidates("Assad", D(2015, 1, 1))[0] == "BASHAR_AL_ASSAD"


def test_state_forces_share_the_composed_id(kb) -> None:
    # "Syrian Arab Army" and "Syrian troops" (composed SYR_MIL) are one actor
    assert kb.candidates("Syrian Arab Army") == ["SYR_MIL"]
    assert kb.entries["SYR_MIL"].name == "Syria armed forces"
    assert kb.candidates("ISF") == ["IRQ_MIL"]
