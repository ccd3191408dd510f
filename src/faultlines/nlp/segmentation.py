"""Sentence boundaries the parser cannot see: line breaks and datelines.

News text arrives with its layout: a headline on its own line, a byline, a dateline such as
"KABUL, March 3 (Wire) -", paragraphs separated by blank lines. spaCy's parser often runs a
headline into the first sentence ("Talks collapse Rebels shelled the town ..."), which turns a
headline word into an actor. This component, placed before the parser, marks the first word after
a line break, and the first word after a leading dateline, as a sentence start; the parser keeps
boundaries set before it and adds its own.

It is a pure function of the text: the same document always gets the same boundaries.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

__all__ = ["DATELINE", "LINE_BREAKS_COMPONENT", "add_layout_boundaries", "body_start",
           "mark_layout_boundaries"]

#: Name of the pipeline component (registered with spaCy on first use).
LINE_BREAKS_COMPONENT = "faultlines_layout_boundaries"

#: A leading dateline: a place in capitals, optionally a date and an agency in brackets, then a
#: dash: "BAGHDAD -", "NEW YORK, Jan. 5 (Wire) --", "Kabul, 3 March -".
DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}"
    r"(?=,))"                     # a place: in capitals, or capitalised before a comma
    r"(?:,\s*[A-Za-z0-9 .]{1,24})?"  # a date or region
    r"(?:\s*\([^()\n]{1,40}\))?"  # the agency
    r"\s*(?:--|\u2014|\u2013|-)\s+"
)


def body_start(text: str) -> int | None:
    """Character offset where the body starts after a leading dateline, or None.

    >>> body_start("KABUL, March 3 (Wire) - Rebels shelled the town.")
    24
    >>> body_start("Kabul, 3 March - Rebels shelled the town.")
    17
    >>> body_start("Rebels shelled the town - again.") is None
    True
    """
    match = DATELINE.match(text)
    return match.end() if match else None


def mark_layout_boundaries(doc: Any) -> Any:
    """Set ``is_sent_start`` on the first token after each line break and after a dateline.

    A token that holds a line break (spaCy makes whitespace runs with newlines into SPACE
    tokens) ends the sentence before it; a newline in a token's trailing whitespace does too.
    Only starts are set, never "not a start", so the parser still splits long lines itself.
    """
    text = doc.text
    if "\n" not in text and body_start(text) is None:
        return doc
    starts: set[int] = set()
    offsets = doc.to_array("IDX").tolist()  # each token's first character, read once
    start = body_start(text)
    if start is not None:
        index = _token_at(offsets, len(text), start)
        if index is not None:
            starts.add(index)
    position = text.find("\n")
    while position != -1:
        index = _token_at(offsets, len(text), position + 1)
        if index is not None:
            starts.add(index)
        position = text.find("\n", position + 1)
    for index in starts:
        # skip the whitespace tokens of a run of blank lines: the first word starts
        while index < len(doc) and doc[index].is_space:
            index += 1
        if 0 < index < len(doc):
            doc[index].is_sent_start = True
    return doc


def _token_at(offsets: Sequence[int], length: int, char: int) -> int | None:
    """Index of the first token that starts at or after character ``char``, given each
    token's first character (``offsets``) and the text's ``length``.

    >>> _token_at([0, 5, 9], 12, 6), _token_at([0, 5, 9], 12, 5), _token_at([0, 5, 9], 12, 12)
    (2, 1, None)
    """
    if char >= length:
        return None
    index = bisect.bisect_left(offsets, char)
    return index if index < len(offsets) else None


def add_layout_boundaries(nlp: Any) -> None:
    """Put :func:`mark_layout_boundaries` into ``nlp`` before its parser (once)."""
    from spacy.language import Language

    if LINE_BREAKS_COMPONENT in nlp.pipe_names or "parser" not in nlp.pipe_names:
        return
    if not Language.has_factory(LINE_BREAKS_COMPONENT):
        Language.component(LINE_BREAKS_COMPONENT, func=mark_layout_boundaries)
    nlp.add_pipe(LINE_BREAKS_COMPONENT, before="parser")
