"""Text features of the learned second opinion: word and character n-grams, TF-IDF weighted.

The same code builds the vocabulary at training time (``tools/train.py``) and turns a sentence
into a sparse vector at run time, so the shipped arrays and the features cannot drift apart. No
scikit-learn here: a vector is two plain lists (column indices, values), L2-normalised.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

__all__ = ["FEATURE_VERSION", "terms", "document_frequencies", "build_vocabulary",
           "inverse_document_frequencies", "vectorize", "Vectorizer"]

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


class Vectorizer:
    """:func:`vectorize` for a fixed vocabulary, with the per-word lookups remembered.

    The result is the same as ``vectorize(text, index, idf)`` (same columns, same values, same
    order of operations), but each distinct word is cut into character n-grams and looked up in
    the vocabulary once: the columns of a word's ``c:`` terms and of its ``w:`` unigram are
    cached, so a sentence costs one dictionary probe per word and per bigram.

    >>> v = Vectorizer({"w:iran": 0, "c: ir": 1}, [1.0, 2.0])
    >>> v("Iran Iran") == vectorize("Iran Iran", {"w:iran": 0, "c: ir": 1}, [1.0, 2.0])
    True
    """

    #: The caches are cleared past this many words (a bound on memory for huge corpora).
    MAX_CACHED = 200_000

    def __init__(self, index: Mapping[str, int], idf: Sequence[float]) -> None:
        self.index = index
        self.idf = idf
        self._idf = np.asarray(idf, dtype=np.float64)
        # 1 + ln(tf) for small term frequencies, computed as vectorize computes it
        self._tf = np.array([0.0] + [1.0 + math.log(k) for k in range(1, 257)])
        self._words: dict[str, int | None] = {}
        self._chars: dict[str, tuple[int, ...]] = {}

    def _char_columns(self, word: str) -> tuple[int, ...]:
        get = self.index.get
        cols = tuple(i for i in map(get, _char_terms(word)) if i is not None)
        if len(self._chars) >= self.MAX_CACHED:
            self._chars.clear()
        self._chars[word] = cols
        return cols

    def _word_column(self, word: str) -> int | None:
        col = self.index.get(f"w:{word}")
        if len(self._words) >= self.MAX_CACHED:
            self._words.clear()
        self._words[word] = col
        return col

    def columns(self, text: str) -> list[int]:
        """The vocabulary columns of ``text``'s known terms, one per occurrence."""
        text = _DIGITS.sub("0", text.lower())
        words = _WORD.findall(text)
        known = self._words
        out: list[int] = []
        for w in words:
            col = known[w] if w in known else self._word_column(w)
            if col is not None:
                out.append(col)
        get = self.index.get
        for a, b in zip(words, words[1:], strict=False):
            col = get(f"w:{a} {b}")
            if col is not None:
                out.append(col)
        chars = self._chars
        for word in text.split():
            out += chars[word] if word in chars else self._char_columns(word)
        return out

    def __call__(self, text: str) -> tuple[list[int], list[float]]:
        """Sparse TF-IDF vector of ``text``, as :func:`vectorize`."""
        counts = Counter(self.columns(text))
        cols = sorted(counts)
        idf = self.idf
        vals = [idf[c] if counts[c] == 1 else (1.0 + math.log(counts[c])) * idf[c]
                for c in cols]
        norm = math.sqrt(sum(v * v for v in vals)) or 1.0
        return cols, [v / norm for v in vals]

    def many_arrays(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`arrays` of every text, laid end to end: columns, values and each text's size.

        The same numbers as ``arrays`` text by text (the same operations on the same values),
        with the sorting and counting done once for all the texts: each column is offset by
        its text's number times the vocabulary size, so one sort orders the texts and, inside
        each, the columns.

        >>> v = Vectorizer({"w:peace": 0, "w:talks": 1}, [1.0, 2.0])
        >>> cols, vals, sizes = v.many_arrays(["peace talks talks", "", "talks"])
        >>> cols.tolist(), sizes.tolist(), bool(vals[2] == v.arrays("talks")[1][0])
        ([0, 1, 1], [2, 0, 1], True)
        """
        found = [self.columns(text) for text in texts]
        lengths = [len(f) for f in found]
        total = sum(lengths)
        width = len(self.idf)
        flat = np.fromiter(itertools.chain.from_iterable(found), dtype=np.intp, count=total)
        flat += np.repeat(np.arange(len(texts), dtype=np.intp) * width, lengths)
        flat.sort()
        first = np.empty(total, dtype=bool)
        if total:
            first[0] = True
            np.not_equal(flat[1:], flat[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        keys = flat[starts]
        counts = np.diff(np.append(starts, total))
        owner = keys // width
        cols = keys - owner * width
        sizes = np.bincount(owner, minlength=len(texts))
        if counts.size and counts.max() >= len(self._tf):
            # a term 256 times in one text: arrays() takes the logarithm of that whole text
            pieces = [self.arrays(text) for text in texts]
            return (np.concatenate([c for c, _ in pieces]),
                    np.concatenate([v for _, v in pieces]), sizes)
        vals = self._tf[counts] * self._idf[cols]
        ends = np.cumsum(sizes).tolist()
        norms = []
        begin = 0
        for end in ends:
            piece = vals[begin:end]
            norms.append(math.sqrt(float(piece @ piece)) or 1.0)
            begin = end
        vals /= np.repeat(np.array(norms), sizes)
        return cols, vals, sizes

    def arrays(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`__call__` as numpy arrays (equal up to float rounding in the last bit).

        >>> v = Vectorizer({"w:peace": 0, "w:talks": 1}, [1.0, 2.0])
        >>> cols, vals = v.arrays("peace talks talks")
        >>> cols.tolist(), [round(float(x), 6) for x in vals], v("peace talks talks")[0]
        ([0, 1], [0.283217, 0.959056], [0, 1])
        """
        found = np.array(self.columns(text), dtype=np.intp)
        found.sort()
        n = found.size
        first = np.empty(n, dtype=bool)  # np.unique(return_counts=True), without its overhead
        if n:
            first[0] = True
            np.not_equal(found[1:], found[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        cols = found[starts]
        counts = np.diff(np.append(starts, n))
        if counts.size and counts.max() >= len(self._tf):
            tf = 1.0 + np.log(counts.astype(np.float64))
        else:
            tf = self._tf[counts]
        vals = tf * self._idf[cols]
        norm = math.sqrt(float(vals @ vals)) or 1.0
        return cols, vals / norm
