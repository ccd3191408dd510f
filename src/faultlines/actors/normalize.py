"""Folding of names for matching: ASCII, case, apostrophes, Arabic particles, transliteration.

Every alias in the knowledge base and every word of a document goes through the same functions,
so "Shi’ite", "Shi'ite" and "Shiite" meet in one key, and "Nouri"/"Nuri" or "Ayad"/"Iyad" meet
in one *skeleton* (consonants only), which is what fuzzy matching is blocked on.
"""

from __future__ import annotations

import functools
import re

from anyascii import anyascii

__all__ = ["fold_word", "fold_words", "fold_name", "skeleton", "slugify", "PARTICLES"]

#: Arabic/Persian name particles dropped when comparing names ("al-Maliki" ~ "Maliki").
PARTICLES: frozenset[str] = frozenset({"al", "el", "ul", "ad", "ar", "as", "an", "at", "az",
                                       "ash", "bin", "ibn", "abu"})

_APOSTROPHES = re.compile(r"['`\u2018\u2019\u02bc\u02bb\u00b4]")
_SPLIT = re.compile(r"[\s_\-\u2010-\u2015/]+")
_VOWELS = re.compile(r"[aeiouyhw]")
_DOUBLE = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=1 << 17)
def fold_word(word: str) -> str:
    """Matching key of one word: ASCII, no apostrophes, no trailing dot, lower case.

    Short all-capital words keep their case so the abbreviations "US" and "UN" never meet the
    pronoun "us" or the prefix "un".

    >>> fold_word("Shi’ite"), fold_word("U.S."), fold_word("US"), fold_word("us")
    ('shiite', 'u.s', 'US', 'us')
    """
    text = _APOSTROPHES.sub("", anyascii(word)).strip()
    text = text.rstrip(".") if len(text) > 1 else text
    if 1 < len(text) <= 3 and text.isalpha() and text.isupper():
        return text
    return text.lower()


def fold_words(text: str) -> list[str]:
    """Split a name on spaces, underscores, hyphens and slashes and fold every piece.

    >>> fold_words("Nouri al-Maliki")
    ['nouri', 'al', 'maliki']
    >>> fold_words("U.S.-Iraqi")
    ['u.s', 'iraqi']
    """
    return list(_fold_words(text))


@functools.lru_cache(maxsize=1 << 16)
def _fold_words(text: str) -> tuple[str, ...]:
    out = []
    for piece in _SPLIT.split(anyascii(text)):
        folded = fold_word(piece)
        if folded and (folded.isalnum() or any(ch.isalnum() for ch in folded)):
            out.append(folded)
    return tuple(out)


def fold_name(text: str) -> str:
    """One-string key of a name (folded words joined by spaces)."""
    return " ".join(fold_words(text))


def skeleton(text: str) -> str:
    """Transliteration-blind key: particles and vowels dropped, doubled letters collapsed.

    Arabic names reach English in many spellings; the consonants survive best.

    >>> skeleton("Nouri al-Maliki") == skeleton("Nuri Maliki")
    True
    >>> skeleton("Ayad Allawi") == skeleton("Iyad Allawi")
    True
    >>> skeleton("Moqtada al-Sadr") == skeleton("Muqtada al Sadr")
    True
    """
    words = [w.lower() for w in fold_words(text)]
    words = [w for w in words if w not in PARTICLES] or words
    return " ".join(_skeleton_word(w) for w in words)


@functools.lru_cache(maxsize=1 << 17)
def _skeleton_word(word: str) -> str:
    word = word.replace(".", "").replace("q", "k").replace("ph", "f").replace("dh", "d")
    word = word.replace("kh", "k").replace("gh", "g").replace("th", "t").replace("sh", "s")
    head, rest = word[:1], word[1:]
    key = _DOUBLE.sub(r"\1", head + _VOWELS.sub("", rest))
    if head in "aeiouyhw" and len(word) > 1:
        # a leading vowel is as unstable as an inner one (Ayad/Iyad, Usama/Osama)
        key = _DOUBLE.sub(r"\1", _VOWELS.sub("", rest)) or key
    return key


def slugify(text: str) -> str:
    """ASCII slug for ids of unknown actors.

    >>> slugify("Spencer Ackerman")
    'spencer-ackerman'
    >>> slugify("Jaysh al-Mahdi’s")
    'jaysh-al-mahdis'
    """
    text = _APOSTROPHES.sub("", anyascii(text)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "unnamed"
