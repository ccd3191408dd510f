"""Text features of the learned second opinion: word and character n-grams, TF-IDF weighted.

The same code builds the vocabulary at training time (``tools/train.py``) and turns a sentence
into a sparse vector at run time, so the shipped arrays and the features cannot drift apart. No
scikit-learn here: a vector is two plain lists (column indices, values), L2-normalised.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

__all__ = ["FEATURE_VERSION", "terms", "document_frequencies", "build_vocabulary",
           "inverse_document_frequencies", "vectorize"]

#: Bumped whenever :func:`terms` changes; the manifest records it and loading checks it.
FEATURE_VERSION = 1

_WORD = re.compile(r"(?u)\b\w\w+\b")
_DIGITS = re.compile(r"\d")
_CHAR_SIZES = (3, 4, 5)


def terms(text: str) -> list[str]:
    """The n-gram terms of one text: ``w:`` word uni/bigrams and ``c:`` character 3-5-grams.

    Digits are folded to ``0`` so numbers do not each become a feature; character n-grams are
    taken inside each word padded with spaces (as scikit-learn's ``char_wb``).

    >>> terms("Iran warned Iraq")[:4]
    ['w:iran', 'w:warned', 'w:iraq', 'w:iran warned']
    >>> 'c: ir' in terms("Iran")
    True
    """
    text = _DIGITS.sub("0", text.lower())
    words = _WORD.findall(text)
    out = [f"w:{w}" for w in words]
    out += [f"w:{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    for word in text.split():
        out += _char_terms(word)
    return out


@functools.lru_cache(maxsize=65536)
def _char_terms(word: str) -> tuple[str, ...]:
    """The ``c:`` terms of one word (words recur, so each is cut into n-grams once)."""
    padded = f" {word} "
    out: list[str] = []
    for n in _CHAR_SIZES:
        if len(padded) < n:
            break
        out += [f"c:{padded[i:i + n]}" for i in range(len(padded) - n + 1)]
    return tuple(out)


def document_frequencies(texts: Iterable[str]) -> tuple[Counter[str], int]:
    """How many texts contain each term, and the number of texts."""
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        df.update(set(terms(text)))
        n += 1
    return df, n


def build_vocabulary(df: Mapping[str, int], *, min_df: int = 2,
                     max_features: int = 30000) -> list[str]:
    """The kept terms: in at least ``min_df`` texts, the ``max_features`` most frequent.

    Ties are broken by the term itself, so the vocabulary is the same on every run.

    >>> build_vocabulary({"w:a": 3, "w:b": 1, "w:c": 3}, min_df=2)
    ['w:a', 'w:c']
    """
    kept = sorted((t for t, n in df.items() if n >= min_df), key=lambda t: (-df[t], t))
    return sorted(kept[:max_features])


def inverse_document_frequencies(vocabulary: Sequence[str], df: Mapping[str, int],
                                 n_texts: int) -> list[float]:
    """Smoothed IDF, ``ln((1 + n) / (1 + df)) + 1``, in vocabulary order."""
    return [math.log((1 + n_texts) / (1 + df.get(t, 0))) + 1.0 for t in vocabulary]


def vectorize(text: str, index: Mapping[str, int],
              idf: Sequence[float]) -> tuple[list[int], list[float]]:
    """Sparse TF-IDF vector of ``text``: sorted column indices and L2-normalised values.

    Term frequency is sublinear (``1 + ln tf``); unknown terms are ignored.

    >>> cols, vals = vectorize("Iran Iran", {"w:iran": 0}, [1.0])
    >>> cols, [round(v, 3) for v in vals]
    ([0], [1.0])
    """
    counts = Counter(i for i in map(index.get, terms(text)) if i is not None)
    cols = sorted(counts)
    vals = [idf[c] if counts[c] == 1 else (1.0 + math.log(counts[c])) * idf[c] for c in cols]
    norm = math.sqrt(sum(v * v for v in vals)) or 1.0
    return cols, [v / norm for v in vals]
