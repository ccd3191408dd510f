"""Per-document state the coder's rules share: the parse view, the lexicon, the mention index.

:class:`DocumentCoder` holds what every rule asks of a document (a token's children, the
mention covering a token, a parse helper's answer for a token) and the per-token caches that
keep one pass over a sentence cheap. It decides nothing; the rules in ``coding/rules/`` do.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import NamedTuple, TypeVar

from spacy.tokens import Doc, Token

from faultlines.coding.lexicon import Lexicon, LexiconEntry
from faultlines.nlp.view import ParseView
from faultlines.types import Document, Mention

__all__ = ["DocumentCoder", "Trigger"]

_T = TypeVar("_T")


class Trigger(NamedTuple):
    """A token's lexicon row, the trigger text, the event noun a verb took it from, and the
    rule family that found it (``triggers``, or ``ending`` for a reversed act)."""

    entry: LexiconEntry
    text: str
    noun: Token | None
    rule: str = "triggers"


class DocumentCoder:
    """Per-document state: the mention index (O(1) per token) and per-token caches."""

    def __init__(self, view: ParseView, document: Document, mentions: Sequence[Mention],
                 lexicon: Lexicon) -> None:
        self.view = view
        self.doc: Doc = view.doc
        self.document = document
        self.lex = lexicon
        self.tokens = view.tokens
        self._children_of = view.children_of
        self.by_token: dict[int, Mention] = {}
        self.all_by_token: dict[int, list[Mention]] = {}
        for mention in mentions:
            for i in range(mention.start, mention.end):
                self.all_by_token.setdefault(i, []).append(mention)
        for mention in sorted(mentions, key=lambda m: (m.end - m.start), reverse=True):
            for i in range(mention.start, mention.end):
                self.by_token.setdefault(i, mention)
        self.persons = sorted(
            (m for m in mentions if _looks_person(self.tokens, m)), key=lambda m: m.start)
        self.trigger_cache: dict[int, Trigger | None] = {}
        self.helper_cache: dict[tuple[Callable[..., object], int], object] = {}
        self.side_speech_cache: dict[int, list[tuple[Token, Token]]] = {}
        self.voice_cache: dict[int, object] = {}  # token -> voice.Voice
        self.context_cache: dict[int, object] = {}  # token -> context.Context
        self._quoted: set[int] | None = None
        # tokens that may make a clause someone else's words (voice.py, on first use)
        self.reporting_tokens: list[int] | None = None

    @functools.cached_property
    def sentence_starts(self) -> list[int]:
        """The first token of each sentence, in order (for bisecting)."""
        return [start for start, _ in self.view.sentences]

    @property
    def quoted(self) -> set[int]:
        """Indices of the tokens inside quotation marks (found on first use)."""
        if self._quoted is None:
            from faultlines.coding.voice import quoted_tokens

            self._quoted = quoted_tokens(self.doc)
        return self._quoted

    def children(self, tok: Token) -> Sequence[Token]:
        """``tok.children`` in text order (read-only)."""
        return self._children_of.get(tok.i, ())

    def cached(self, helper: Callable[[Token, Sequence[Token]], _T], tok: Token) -> _T:
        """``helper(tok)`` for a parse helper of ``syntax`` that takes the token's children
        (``is_passive``, ``subject_token``, ``according_to``), computed once per token."""
        key = (helper, tok.i)
        if key not in self.helper_cache:
            self.helper_cache[key] = helper(tok, self.children(tok))
        return self.helper_cache[key]  # type: ignore[return-value]  # keyed by helper

    def mention_kind(self, tok: Token) -> str | None:
        """The kind of the mention covering ``tok`` ("entity", "pronoun", ...), or None."""
        mention = self.by_token.get(tok.i)
        return None if mention is None else mention.kind


def _looks_person(tokens: Sequence[Token], mention: Mention) -> bool:
    """A mention that can be the antecedent of he/him/his: a PERSON entity or a title."""
    if mention.kind in ("pronoun", "agent"):
        return False
    if mention.kind == "title":
        return True
    return 0 <= mention.start < len(tokens) and tokens[mention.start].ent_type_ == "PERSON"
