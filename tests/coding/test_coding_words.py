"""The rule word lists (coding/data/words.tsv), the cue enum and the category names."""

from __future__ import annotations

import pytest

from faultlines.coding import categories, words
from faultlines.coding.lexicon import Cue, default_lexicon
from faultlines.errors import DictionaryError
from faultlines.types import EVENT_TYPES

_ALL_LISTS = "".join(f"{name}\tword\n" for name in words._LISTS)


def test_packaged_lists_load_in_file_order():
    assert words.TARGET_PREPS[0] == "against" and words.TARGET_PREPS[-1] == "in"
    assert "will" in words.INTENT_AUX and "thousands" in words.QUANTITY_HEADS


@pytest.mark.parametrize("text, message", [
    (_ALL_LISTS + "no_such_list\tx\n", "no_such_list"),
    (_ALL_LISTS + "relative\tword\n", "listed twice"),
    (_ALL_LISTS.replace("relative\tword\n", ""), "'relative' has no rows"),
    (_ALL_LISTS + "relative\n", "expected 'list<TAB>word'"),
])
def test_malformed_word_lists_name_file_and_line(text, message):
    with pytest.raises(DictionaryError, match=message):
        words.parse_words(text, "w.tsv")


def test_cue_classes_are_an_enum_and_unknown_classes_fail_loudly():
    lexicon = default_lexicon()
    assert set(lexicon.cues) == set(Cue)
    assert lexicon.is_cue(Cue.SPEECH, "say") and not lexicon.is_cue(Cue.LIGHT, "say")
    with pytest.raises(AttributeError):
        _ = Cue.SPECH  # type: ignore[attr-defined]
    with pytest.raises(KeyError):
        lexicon.is_cue("speach", "say")


def test_category_names_are_plover_categories():
    names = [getattr(categories, n) for n in categories.__all__ if n.isupper() and
             isinstance(getattr(categories, n), str)]
    assert names and all(n in EVENT_TYPES for n in names)
    for group in (categories.MATERIAL_CONFLICT, categories.VERBAL_CONFLICT, categories.GIVING):
        assert group <= set(EVENT_TYPES)
