"""The packaged lexicon: coverage of every PLOVER category, format checks, lookups."""

from __future__ import annotations

from pathlib import Path

import pytest

from faultlines.coding import default_lexicon, load_lexicon
from faultlines.coding.lexicon import DEFAULT_INTENSITY
from faultlines.errors import DictionaryError
from faultlines.types import EVENT_TYPES

DATA = Path(__file__).resolve().parents[2] / "src" / "faultlines" / "coding" / "data"


def test_every_category_has_verbs_and_a_default_intensity():
    lexicon = default_lexicon()
    verbs: dict[str, int] = dict.fromkeys(EVENT_TYPES, 0)
    for (_, pos), entries in lexicon.entries.items():
        for entry in entries:
            if pos == "VERB":
                verbs[entry.category] += 1
    missing = [c for c, n in verbs.items() if n < 3]
    assert not missing, f"categories with fewer than 3 verb entries: {missing}"
    assert set(DEFAULT_INTENSITY) == set(EVENT_TYPES)


@pytest.mark.parametrize(("lemma", "pos", "category"), [
    ("endorse", "VERB", "SUPPORT"), ("castigate", "VERB", "ACCUSE"),
    ("seize", "VERB", "COERCE"), ("kidnap", "VERB", "ASSAULT"), ("boycott", "VERB", "SANCTION"),
    ("rejoin", "VERB", "COOPERATE"), ("veto", "VERB", "REJECT"), ("embargo", "VERB", "SANCTION"),
    ("probe", "VERB", "ACCUSE"), ("donate", "VERB", "AID"), ("mobilize", "VERB", "MOBILIZE"),
    ("offensive", "NOUN", "ASSAULT"), ("talk", "NOUN", "CONSULT"), ("alliance", "NOUN", "SUPPORT"),
])
def test_political_vocabulary_is_covered(lemma, pos, category):
    entries = default_lexicon().lookup(lemma, pos)
    assert category in {e.category for e in entries}


def test_specific_rows_come_first():
    entries = default_lexicon().lookup("call", "VERB")
    assert entries[0].specificity >= entries[-1].specificity
    assert any(e.prep == "for" and e.category == "REQUEST" for e in entries)


def test_compound_nouns_are_indexed():
    entry = default_lexicon().compound("hunger", "strike")
    assert entry is not None and entry.category == "PROTEST"


def test_cue_classes_are_loaded():
    lexicon = default_lexicon()
    assert lexicon.is_cue("speech", "say")
    assert lexicon.is_cue("light", "launch")
    assert not lexicon.is_cue("speech", "attack")


def test_packaged_files_parse_with_load_lexicon():
    lexicon = load_lexicon(DATA / "lexicon.tsv", DATA / "cues.tsv")
    assert lexicon.lookup("kill", "VERB")[0].category == "ASSAULT"


@pytest.mark.parametrize(("row", "message"), [
    ("attack\tVERB\tASSAULT\t8\n", "expected 6 tab-separated columns"),
    ("attack\tADV\tASSAULT\t8\t-\t-\n", "part of speech 'ADV'"),
    ("attack\tVERB\tFIGHT\t8\t-\t-\n", "category 'FIGHT' is not a PLOVER category"),
    ("attack\tVERB\tASSAULT\tstrong\t-\t-\n", "intensity 'strong' is not a number"),
    ("attack\tVERB\tASSAULT\t12\t-\t-\n", "outside 0..10"),
])
def test_malformed_rows_name_file_and_line(tmp_path, row, message):
    lex = tmp_path / "lex.tsv"
    lex.write_text("# header\nkill\tVERB\tASSAULT\t10\t-\t-\n" + row, encoding="utf-8")
    cues = tmp_path / "cues.tsv"
    cues.write_text("speech\tsay\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=message) as info:
        load_lexicon(lex, cues)
    assert f"{lex}:3" in str(info.value)


def test_unknown_cue_class_is_refused(tmp_path):
    lex = tmp_path / "lex.tsv"
    lex.write_text("kill\tVERB\tASSAULT\t-\t-\t-\n", encoding="utf-8")
    cues = tmp_path / "cues.tsv"
    cues.write_text("speach\tsay\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="cues.tsv:1"):
        load_lexicon(lex, cues)


def test_missing_file_is_a_dictionary_error(tmp_path):
    with pytest.raises(DictionaryError, match="cannot read event lexicon"):
        load_lexicon(tmp_path / "nope.tsv", tmp_path / "nope2.tsv")


def test_dash_intensity_uses_the_category_default(tmp_path):
    lex = tmp_path / "lex.tsv"
    lex.write_text("kill\tVERB\tASSAULT\t-\t-\t-\n", encoding="utf-8")
    cues = tmp_path / "cues.tsv"
    cues.write_text("", encoding="utf-8")
    entry = load_lexicon(lex, cues).lookup("kill", "VERB")[0]
    assert entry.intensity == DEFAULT_INTENSITY["ASSAULT"]


def test_no_two_rows_share_a_key():
    seen: dict[tuple[str, ...], int] = {}
    for number, line in enumerate((DATA / "lexicon.tsv").read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        lemma, pos, _, _, prep, objects = line.split("\t")
        key = (lemma, pos, prep, objects)
        assert key not in seen, f"lexicon.tsv:{number} repeats line {seen[key]}: {line!r}"
        seen[key] = number
