"""One view of a document's parse, built once and shared by every stage that walks it.

spaCy builds a new ``Token`` object on every ``doc[i]``, every ``tok.head`` and every walk over
``tok.children``; the actors, coding and stance stages ask the same questions of the same
tokens many times. :class:`ParseView` reads the parse once per document: the ``Token`` objects
and each token's children in text order (for rules that read a token's attributes), and plain
arrays (``text``, ``lower``, ``lemma``, ``pos``, ``tag``, ``dep``, ``head``, ``ent_iob``,
``ent_type``, ``is_punct``, ``idx``, sentence bounds) for passes that scan every token. The
arrays are built on first use, so a stage that needs only the children pays only for them.

The pipeline builds one view per document (``ParseView.of(doc)``) and hands it to the coder and
the stance finder; the actors stage can take the same object (its string arrays are the same
``lower``/``lemma``/``tag``/``ent_type`` lists it builds today).

>>> import spacy
>>> from spacy.tokens import Doc
>>> doc = Doc(spacy.blank("en").vocab, words=["Iran", "condemned", "Israel"],
...           heads=[1, 1, 1], deps=["nsubj", "ROOT", "dobj"], sent_starts=[True, False, False])
>>> view = ParseView.of(doc)
>>> [t.text for t in view.children(view.tokens[1])]
['Iran', 'Israel']
>>> view.head, view.dep
((1, 1, 1), ('nsubj', 'ROOT', 'dobj'))
>>> view.sentences
((0, 3),)
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_PUNCT,
    IS_QUOTE,
    IS_SPACE,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SPACY,
    TAG,
)
from spacy.tokens import Doc, Token

__all__ = ["ParseView"]

_NO_CHILDREN: list[Token] = []
# spaCy's ENT_IOB codes: 0 none, 1 inside, 2 outside, 3 begin.
_IOB = ("", "I", "O", "B")
#: String ids already looked up, and their strings: a string's id is its hash, the same in
#: every document (and every vocabulary), and a dictionary probe costs a fraction of
#: ``StringStore.__getitem__``, which decodes a new ``str`` each time.
_STRINGS: dict[int, str] = {0: ""}
#: The cache is emptied past this many strings (a bound on memory for huge corpora).
MAX_CACHED_STRINGS = 500_000


@dataclass(frozen=True, eq=False)
class ParseView:
    """Tokens, children and token arrays of one parsed document (read-only).

    Build with :meth:`of`; the string arrays are computed on first access.
    """

    doc: Doc
    tokens: tuple[Token, ...]
    head: tuple[int, ...]
    children_of: dict[int, list[Token]]  # read-only: shared by every stage

    @classmethod
    def of(cls, doc: Doc) -> ParseView:
        """Read ``doc``'s tokens and dependency tree once."""
        tokens = tuple(doc)
        # spaCy stores heads as offsets from the token, in an unsigned array: cast back.
        offsets = doc.to_array(HEAD).astype("int64").tolist()
        heads = tuple([i + offset for i, offset in enumerate(offsets)])
        children: dict[int, list[Token]] = {}
        for i, head in enumerate(heads):
            if head != i:
                children.setdefault(head, []).append(tokens[i])
        return cls(doc, tokens, heads, children)

    def __len__(self) -> int:
        return len(self.tokens)

    def children(self, tok: Token) -> Sequence[Token]:
        """``tok.children`` in text order, without building new Token objects."""
        return self.children_of.get(tok.i, _NO_CHILDREN)

    def _strings(self, attr: int) -> tuple[str, ...]:
        """The strings of an attribute's ids (0, unset, is ``""``), through :data:`_STRINGS`."""
        ids = self.doc.to_array(attr).tolist()
        known = _STRINGS
        get = known.get
        out = [get(h) for h in ids]
        if None in out:
            if len(known) > MAX_CACHED_STRINGS:
                known.clear()
                known[0] = ""
            strings = self.doc.vocab.strings
            for i, text in enumerate(out):
                if text is None:
                    text = out[i] = known[ids[i]] = strings[ids[i]]
        return tuple(out)  # type: ignore[arg-type]  # every None was filled

    @functools.cached_property
    def text(self) -> tuple[str, ...]:
        """Each token's verbatim text."""
        return self._strings(ORTH)

    @functools.cached_property
    def lower(self) -> tuple[str, ...]:
        """Each token's lower-cased text."""
        return self._strings(LOWER)

    @functools.cached_property
    def lemma(self) -> tuple[str, ...]:
        """Each token's lemma (as spaCy gives it, not lower-cased)."""
        return self._strings(LEMMA)

    @functools.cached_property
    def pos(self) -> tuple[str, ...]:
        """Each token's coarse part of speech."""
        return self._strings(POS)

    @functools.cached_property
    def tag(self) -> tuple[str, ...]:
        """Each token's fine-grained tag."""
        return self._strings(TAG)

    @functools.cached_property
    def dep(self) -> tuple[str, ...]:
        """Each token's dependency label."""
        return self._strings(DEP)

    @functools.cached_property
    def ent_type(self) -> tuple[str, ...]:
        """Each token's entity label (``""`` outside entities)."""
        return self._strings(ENT_TYPE)

    @functools.cached_property
    def ent_iob(self) -> tuple[str, ...]:
        """Each token's entity position: ``"B"``, ``"I"``, ``"O"`` or ``""`` (unset)."""
        return tuple(_IOB[code] for code in self.doc.to_array(ENT_IOB).tolist())

    @functools.cached_property
    def is_punct(self) -> tuple[bool, ...]:
        """Whether each token is punctuation (spaCy's ``is_punct``)."""
        return tuple(bool(flag) for flag in self.doc.to_array(IS_PUNCT).tolist())

    @functools.cached_property
    def is_space(self) -> tuple[bool, ...]:
        """Whether each token is whitespace (spaCy's ``is_space``)."""
        return tuple(bool(flag) for flag in self.doc.to_array(IS_SPACE).tolist())

    @functools.cached_property
    def is_quote(self) -> tuple[bool, ...]:
        """Whether each token is a quotation mark (spaCy's ``is_quote``)."""
        return tuple(bool(flag) for flag in self.doc.to_array(IS_QUOTE).tolist())

    @functools.cached_property
    def whitespace(self) -> tuple[str, ...]:
        """The whitespace after each token: ``" "`` or ``""`` (spaCy's ``whitespace_``)."""
        return tuple(" " if flag else "" for flag in self.doc.to_array(SPACY).tolist())

    @functools.cached_property
    def doc_text(self) -> str:
        """The document's text (spaCy joins it from the tokens on every ``doc.text``).

        Joined here from the token and whitespace columns, as ``doc.text`` joins each token's
        ``text_with_ws``, without building a Token per word.
        """
        return "".join([text + space for text, space in zip(self.text, self.whitespace,
                                                             strict=True)])

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens ``start..end`` (as ``doc[start:end].text``, without a Span).

        >>> import spacy
        >>> view = ParseView.of(spacy.blank("en")("Iran  condemned Israel ."))
        >>> view.span_text(0, 3), view.span_text(2, 2)
        ('Iran  condemned', '')
        """
        if end <= start:
            return ""
        idx = self.idx
        return self.doc_text[idx[start]:idx[end - 1] + len(self.text[end - 1])]

    @functools.cached_property
    def idx(self) -> tuple[int, ...]:
        """Each token's character offset in the document's text."""
        return tuple(self.doc.to_array(IDX).tolist())

    @functools.cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """(start, end) token offsets of each sentence, in text order."""
        doc = self.doc
        if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
            return tuple((sent.start, sent.end) for sent in doc.sents)
        # As doc.sents reads them, without building a Span per sentence.
        starts = [0] + [i for i, flag in enumerate(doc.to_array(SENT_START).tolist())
                        if i and flag == 1]
        ends = starts[1:] + [len(doc)]
        return tuple((a, b) for a, b in zip(starts, ends, strict=True) if a < b)
