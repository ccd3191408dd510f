"""PETRARCH/TABARI importer: every shared dictionary, dated roles, malformed lines, round trip."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from actors_support import dictionary_files

from faultlines.actors import ActorResolver, import_dictionaries, save_user_kb
from faultlines.actors.importer import YEAR_PIVOT, parse_date_token
from faultlines.errors import DictionaryError

# A tiny dictionary in the PETRARCH layout, written for these tests (names are invented).
FIXTURE_ACTORS = """\
# comment line
ZORBA_THE_FIRST_  [AAAGOV]
+ZORBA_I_
+KING_ZORBA+ZORBA_REX
MIRA_QUOLL_   # trailing comment
\t[BBBELI 650101-041231]
\t[BBBGOV 20050101-20081231]
\t[BBBPTY >090101]
\t[BBBELI]
PEL_ONE_
PEL_UNO_
\t[CCCMIL <991231]
BAD_DATES_
\t[DDDGOV 0501-060101]
\t[DDDGOV 060101-050101]
\t[DDDGOV]
BROKEN_[EEEGOV
NOTHING_HERE_  [---]
"""

FIXTURE_AGENTS = """\
!PEOPLE! = FOLK, FOLKS
TOWN!PEOPLE! [~CVL]
ZORBIST {ZORBISTAE} [~REB]
PEACE_TROOP {} [~MIL]
NO_CODE_HERE
BAD_BRACKET [~GOV}
"""


@pytest.fixture()
def fixture_files(tmp_path: Path) -> tuple[Path, Path]:
    actors = tmp_path / "tiny.actors.txt"
    actors.write_text(FIXTURE_ACTORS, "utf-8")
    agents = tmp_path / "tiny.agents.txt"
    agents.write_text(FIXTURE_AGENTS, "utf-8")
    return actors, agents


def test_fixture_actors_are_read(fixture_files) -> None:
    report = import_dictionaries([fixture_files[0]])
    by_id = {a.id: a for a in report.actors}
    zorba = by_id["AAA"] if "AAA" in by_id else by_id["ZORBA_THE_FIRST"]
    assert {"ZORBA I", "KING ZORBA", "ZORBA REX"} <= set(zorba.aliases)
    mira = by_id["MIRA_QUOLL"]
    assert mira.code == "BBBELI"
    assert mira.code_at(dt.date(2006, 3, 1)) == "BBBGOV"
    assert mira.code_at(dt.date(2010, 3, 1)) == "BBBPTY"
    assert mira.code_at(dt.date(1970, 3, 1)) == "BBBELI"
    # consecutive name lines without codes share the codes that follow
    assert "PEL UNO" in by_id["PEL_ONE"].aliases
    assert by_id["PEL_ONE"].roles[0].end == dt.date(1999, 12, 31)
    assert report.uncoded == 1  # NOTHING_HERE_ [---]


def test_malformed_lines_are_reported_with_file_and_line(fixture_files) -> None:
    path = fixture_files[0]
    report = import_dictionaries([path])
    lines = FIXTURE_ACTORS.splitlines()
    problems = "\n".join(report.problems)
    for marker, reason in [("0501-060101", "neither yymmdd"), ("060101-050101", "ends before"),
                           ("BROKEN_", "unbalanced")]:
        number = next(i for i, line in enumerate(lines, 1) if marker in line)
        assert f"{path}:{number}:" in problems, marker
        assert any(p.startswith(f"{path}:{number}:") and reason in p
                   for p in report.problems), marker
    # the good role of an entry with a bad one is kept
    assert any(a.id == "BAD_DATES" and a.code == "DDDGOV" for a in report.actors)


def test_fixture_agents_expand_substitutions_and_plurals(fixture_files) -> None:
    report = import_dictionaries([fixture_files[1]])
    phrases = {a.phrase: a for a in report.agents}
    assert {"townfolk", "townfolks"} <= set(phrases)
    assert phrases["zorbist"].plural == "zorbistae"
    assert phrases["peace troop"].plural == ""
    assert len(report.problems) == 2
    assert all(str(fixture_files[1]) in p for p in report.problems)


@pytest.mark.parametrize("token, date", [
    ("060520", dt.date(2006, 5, 20)), ("291231", dt.date(2029, 12, 31)),
    ("300101", dt.date(1930, 1, 1)), ("680101", dt.date(1968, 1, 1)),
    ("20140908", dt.date(2014, 9, 8)),
])
def test_two_digit_year_pivot(token: str, date: dt.date) -> None:
    assert YEAR_PIVOT == 30
    assert parse_date_token(token) == date


@pytest.mark.parametrize("token", ["9008223", "201005011", "1920030320", "061332", "abcdef"])
def test_bad_date_tokens(token: str) -> None:
    with pytest.raises(ValueError):
        parse_date_token(token)


def test_a_verb_dictionary_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text("# verbs\n--- DEMAND ---\nASK\n", "utf-8")
    with pytest.raises(DictionaryError, match="verbs.txt"):
        import_dictionaries([path])


@pytest.mark.parametrize("path", dictionary_files(), ids=lambda p: p.name)
def test_every_shared_dictionary_imports(path: Path) -> None:
    report = import_dictionaries([path])
    counts = report.per_file[str(path)]
    if ".agents" in path.name:
        assert counts["agents"] > 1000
    else:
        assert counts["actors"] > 500
        assert report.alias_count > 0
    # skipped lines are few and every one names its file and line
    assert counts["skipped"] < 0.01 * len(path.read_text("utf-8", errors="replace").splitlines())
    for problem in report.problems:
        file, line, reason = problem.split(":", 2)
        assert file == str(path) and line.isdigit() and reason.strip()


def test_maliki_holds_the_government_code_between_the_dates_in_the_file() -> None:
    files = dictionary_files("actors")
    if not files:
        pytest.skip("../shared/dictionaries is not present")
    report = import_dictionaries(files)
    maliki = next(a for a in report.actors if a.id == "NURI_AL_MALIKI")
    gov = [r for r in maliki.roles if r.code == "IRQGOV"]
    assert gov and gov[0].start == dt.date(2006, 5, 20) and gov[0].end == dt.date(2014, 9, 8)
    assert maliki.code_at(dt.date(2006, 5, 20)) == "IRQGOV"
    assert maliki.code_at(dt.date(2014, 9, 8)) == "IRQGOV"
    assert maliki.code_at(dt.date(2006, 5, 19)) != "IRQGOV"
    assert maliki.code_at(dt.date(2014, 9, 9)) != "IRQGOV"


def test_saved_kb_round_trips_into_the_resolver(fixture_files, tmp_path: Path) -> None:
    report = import_dictionaries(list(fixture_files))
    target = save_user_kb(report, tmp_path / "kb")
    data = json.loads(target.read_text("utf-8"))
    assert data["format"] == "faultlines-kb" and len(data["actors"]) == report.actor_count
    resolver = ActorResolver.default(kb_dir=tmp_path / "kb")
    ref = resolver.resolve_name("Mira Quoll", dt.date(2006, 1, 1))
    assert ref is not None and (ref.id, ref.country, ref.sector) == ("MIRA_QUOLL", "BBB", "GOV")
    assert resolver.kb.agents[("zorbistae",)] == "REB"


def test_kb_dir_from_environment(monkeypatch, fixture_files, tmp_path: Path) -> None:
    monkeypatch.setenv("FAULTLINES_KB_DIR", str(tmp_path / "envkb"))
    path = save_user_kb(import_dictionaries([fixture_files[0]]))
    assert path.parent == tmp_path / "envkb"
    assert ActorResolver.default().resolve_name("King Zorba") is not None


def test_missing_dictionary_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="not found"):
        import_dictionaries([tmp_path / "absent.actors.txt"])


def test_summary_counts(fixture_files) -> None:
    report = import_dictionaries(list(fixture_files))
    text = report.summary()
    assert f"{report.actor_count} actors" in text and f"{report.agent_count} agent words" in text
    assert f"{len(report.problems)} lines skipped" in text


def test_primary_code_agents_are_read_but_not_used_as_sectors(tmp_path: Path) -> None:
    path = tmp_path / "p.agents.txt"
    path.write_text("TRUCE_WATCHER [IGO~]\nQUIET_GUARD [~MIL]\n", "utf-8")
    report = import_dictionaries([path])
    assert {a.code for a in report.agents} == {"IGO~", "MIL"} and not report.problems
    save_user_kb(report, tmp_path / "kb")
    agents = ActorResolver.default(kb_dir=tmp_path / "kb").kb.agents
    assert agents[("quiet", "guard")] == "MIL" and ("truce", "watcher") not in agents
