"""The resolver's word lists and titles: the packaged files load, and a bad row is refused
with its file and line."""

from __future__ import annotations

import pytest

from faultlines.actors.passes.words import (
    WordList,
    parse_titles,
    parse_word_lists,
    resolver_words,
)
from faultlines.errors import DictionaryError


def test_every_list_is_packaged_and_not_empty() -> None:
    words = resolver_words()
    assert set(words.lists) == set(WordList)
    assert all(words[name] for name in WordList)


def test_titles_keep_their_sectors_and_words() -> None:
    words = resolver_words()
    assert words.titles[("mr",)] is None
    assert words.titles[("grand", "ayatollah")] == "REL"
    assert {"prime", "minister", "gen"} <= words.title_words


@pytest.mark.parametrize("text, message", [
    ("not_owner\tbacked\nnot_owner\tled\n", "lists.tsv:2: list 'not_owner' is given twice"),
    ("# a comment\nnot_a_list\tword\n", "lists.tsv:2: unknown list 'not_a_list'"),
    ("former\tformer|former\n", "lists.tsv:1: list 'former' repeats a word"),
    ("former\tformer||ex\n", "lists.tsv:1: an empty word"),
    ("former\n", "lists.tsv:1: expected 2 tab-separated columns, found 1"),
])
def test_bad_word_list_rows_name_the_file_and_line(text: str, message: str) -> None:
    with pytest.raises(DictionaryError, match=message):
        parse_word_lists(text, "lists.tsv")


@pytest.mark.parametrize("text, message", [
    ("colonel\tARMY\n", "titles.tsv:1: unknown sector 'ARMY'"),
    ("mr\t-\nmr\tGOV\n", "titles.tsv:2: title 'mr' is given twice"),
    ("Queen\tGOV\n", "titles.tsv:1: 'Queen' is not lower case"),
])
def test_bad_title_rows_name_the_file_and_line(text: str, message: str) -> None:
    with pytest.raises(DictionaryError, match=message):
        parse_titles(text, "titles.tsv")
