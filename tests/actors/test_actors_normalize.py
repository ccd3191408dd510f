"""Folding and transliteration keys: every spelling variant the brief names meets its twin."""

from __future__ import annotations

import pytest

from faultlines.actors.normalize import fold_name, fold_word, fold_words, skeleton, slugify


@pytest.mark.parametrize("a, b", [
    ("Shi'ite", "Shiite"), ("Shi\u2019ite", "Shiite"), ("Shi`ite", "Shiite"),
    ("MALIKI", "Maliki"), ("Ba'ath", "Baath"), ("Médecins", "Medecins"),
])
def test_fold_word_meets_variants(a: str, b: str) -> None:
    assert fold_word(a) == fold_word(b)


@pytest.mark.parametrize("word, folded", [("US", "US"), ("us", "us"), ("U.S.", "u.s"),
                                          ("UN", "UN"), ("Un", "un"), ("NATO", "nato")])
def test_short_capitals_keep_case(word: str, folded: str) -> None:
    assert fold_word(word) == folded


@pytest.mark.parametrize("a, b", [
    ("Nouri al-Maliki", "Nuri al-Maliki"), ("Nouri al-Maliki", "Nuri Maliki"),
    ("Ayad Allawi", "Iyad Allawi"), ("Moqtada al-Sadr", "Muqtada al Sadr"),
    ("Moqtada al-Sadr", "Muqtada el-Sadr"), ("Osama bin Laden", "Usama bin Laden"),
    ("Mahmoud Ahmadinejad", "Mahmud Ahmadinejad"),
])
def test_skeleton_meets_transliterations(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize("a, b", [("Ayad Allawi", "Ali al-Sistani"), ("Sadr", "Assad"),
                                  ("Maliki", "Hakim")])
def test_skeleton_keeps_different_names_apart(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


def test_fold_words_splits_hyphens_and_underscores() -> None:
    assert fold_words("Nuri_al-Maliki") == ["nuri", "al", "maliki"]
    assert fold_words("U.S.-Iraqi") == ["u.s", "iraqi"]
    assert fold_name("  the   Mahdi Army ") == "the mahdi army"


@pytest.mark.parametrize("name, slug", [("Spencer Ackerman", "spencer-ackerman"),
                                        ("Jaysh al-Mahdi’s", "jaysh-al-mahdis"),
                                        ("Müller & Söhne", "muller-sohne"), ("!!", "unnamed")])
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug
