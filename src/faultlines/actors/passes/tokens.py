"""The parse of one document as plain columns indexed by token position: what every resolver
pass reads instead of spaCy objects.

spaCy builds a new ``Token`` object for every ``doc[i]``, ``tok.head`` and ``tok.children`` and
on every iteration, and the passes look at each token many times: the attributes they use are
read once, into lists. The lists hold strings and ints, not Token objects: tokens kept alive
through a whole document would survive into the garbage collector's oldest generation and make
its full collections frequent. Attributes only a few tokens are asked for (lemma, tag, entity
type, left edge) are read on demand through :class:`_DocColumn`, which looks like a list.

Any source of the same columns will do: :func:`tokens_from_columns` builds a table from plain
lists (the tests write their parses by hand), :func:`read_tokens` from a spaCy ``Doc``.

>>> t = tokens_from_columns(["Iraqi", "troops", "left", "."], ["ADJ", "NOUN", "VERB", "PUNCT"],
...                         ["amod", "nsubj", "ROOT", "punct"], [1, 2, 2, 2])
>>> t.children[2], t.left_edges[2], t.lowers[0], t.punct[3]
((1, 3), 0, 'iraqi', True)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple, overload

if TYPE_CHECKING:
    from faultlines.nlp.view import ParseView

__all__ = ["EntitySpan", "TokenTable", "read_tokens", "tokens_from_columns"]

_TAG, _LEMMA, _ENT_TYPE = attrgetter("tag_"), attrgetter("lemma_"), attrgetter("ent_type_")
_LEFT_EDGE = attrgetter("left_edge.i")
_QUOTES = frozenset({'"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "``", "''"})


class EntitySpan(NamedTuple):
    """A named entity the tagger found: tokens [start, end) and its label ("PERSON", "GPE")."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class TokenTable:
    """Columns of one parsed document, each indexed by token position.

    ``heads[i]`` is the position of token i's head (its own for a root); ``children[i]`` the
    positions of its children in document order; ``sent_starts`` the first token of each
    sentence and ``sent_start_of[i]`` that of token i's sentence.
    """

    texts: Sequence[str]
    spaces: Sequence[str]  # "" or " " after each token
    lowers: Sequence[str]
    pos: Sequence[str]
    deps: Sequence[str]
    heads: Sequence[int]
    punct: Sequence[bool]
    space: Sequence[bool]
    quote: Sequence[bool]
    tags: Sequence[str]
    lemmas: Sequence[str]
    ent_types: Sequence[str]
    left_edges: Sequence[int]
    children: Sequence[tuple[int, ...]]
    sent_starts: Sequence[int]
    sent_start_of: Sequence[int]
    entities: tuple[EntitySpan, ...] = ()

    def __len__(self) -> int:
        return len(self.texts)

    def lefts(self, i: int) -> list[int]:
        """Children of token ``i`` before it (``Token.lefts`` as positions)."""
        return [c for c in self.children[i] if c < i]

    def rights(self, i: int) -> list[int]:
        """Children of token ``i`` after it (``Token.rights`` as positions)."""
        return [c for c in self.children[i] if c > i]

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens [start, end) as the document writes it (start < end)."""
        texts, spaces = self.texts, self.spaces
        return "".join([texts[i] + spaces[i] for i in range(start, end - 1)]) + texts[end - 1]


class _DocColumn(Sequence[Any]):
    """One token attribute of a spaCy ``Doc``, read when asked for (a lazy list)."""

    def __init__(self, doc: Any, read: Any) -> None:
        self._doc = doc
        self._read = read

    @overload
    def __getitem__(self, i: int) -> Any: ...
    @overload
    def __getitem__(self, i: slice) -> list[Any]: ...
    def __getitem__(self, i: int | slice) -> Any:
        if type(i) is int:
            return self._read(self._doc[i])
        return [self._read(self._doc[j]) for j in range(*i.indices(len(self)))]  # type: ignore[union-attr]

    def __len__(self) -> int:
        return len(self._doc)

    def __iter__(self) -> Iterator[Any]:
        return (self._read(t) for t in self._doc)


def _children_of(heads: Sequence[int]) -> list[tuple[int, ...]]:
    children: list[list[int]] = [[] for _ in heads]
    for i, head in enumerate(heads):
        if head != i:
            children[head].append(i)
    return [tuple(c) for c in children]


def _sentence_columns(sent_starts: Sequence[int], n: int) -> list[int]:
    ends = [*sent_starts[1:], n]
    out: list[int] = []
    for start, end in zip(sent_starts, ends, strict=False):
        out += [start] * (end - start)
    return out


def read_tokens(doc: Any, view: ParseView | None = None) -> TokenTable:
    """The columns of a parsed spaCy ``Doc`` (with parser and NER).

    Given the pipeline's per-document :class:`~faultlines.nlp.view.ParseView` of ``doc``, the
    columns it has already read (tokens, heads, sentences, lower case, POS, dependencies) are
    taken from it instead of being read again, and the coder then finds them cached.
    """
    if view is None:
        tokens = list(doc)  # let go at the end of this function
        heads = [i + offset for i, offset in
                 enumerate(doc.to_array("HEAD").view("int64").tolist())]
        sent_starts = [sent.start for sent in doc.sents]
        lowers: Sequence[str] = [t.lower_ for t in tokens]
        pos: Sequence[str] = [t.pos_ for t in tokens]
        deps: Sequence[str] = [t.dep_ for t in tokens]
        texts: Sequence[str] = [t.text for t in tokens]
        spaces: Sequence[str] = [t.whitespace_ for t in tokens]
        punct: Sequence[bool] = [t.is_punct for t in tokens]
        space: Sequence[bool] = [t.is_space for t in tokens]
        quote: Sequence[bool] = [t.is_quote for t in tokens]
    else:
        heads = list(view.head)
        sent_starts = [start for start, _ in view.sentences]
        lowers, pos, deps = view.lower, view.pos, view.dep
        # the same values as the Token attributes, read as whole columns
        texts, spaces, punct = view.text, view.whitespace, view.is_punct
        space, quote = view.is_space, view.is_quote
    return TokenTable(
        texts=texts, spaces=spaces, lowers=lowers, pos=pos, deps=deps, heads=heads,
        punct=punct, space=space, quote=quote,
        tags=_DocColumn(doc, _TAG), lemmas=_DocColumn(doc, _LEMMA),
        ent_types=_DocColumn(doc, _ENT_TYPE), left_edges=_DocColumn(doc, _LEFT_EDGE),
        children=_children_of(heads), sent_starts=sent_starts,
        sent_start_of=_sentence_columns(sent_starts, len(heads)),
        entities=tuple(EntitySpan(e.start, e.end, e.label_) for e in doc.ents))


def _left_edges(heads: Sequence[int], children: Sequence[tuple[int, ...]]) -> list[int]:
    edges = list(range(len(heads)))

    def edge(i: int) -> int:
        kids = [c for c in children[i] if c < i]
        if kids:
            edges[i] = min(edge(kids[0]), edges[i])
        return edges[i]

    return [edge(i) for i in range(len(heads))]


def tokens_from_columns(words: Sequence[str], pos: Sequence[str], deps: Sequence[str],
                        heads: Sequence[int], *, tags: Sequence[str] | None = None,
                        lemmas: Sequence[str] | None = None,
                        ent_types: Sequence[str] | None = None,
                        sent_starts: Sequence[int] = (0,),
                        entities: Sequence[EntitySpan] = ()) -> TokenTable:
    """A table from hand-written columns (``heads`` as absolute positions), the rest derived:
    lower case, punctuation from ``pos == "PUNCT"``, a space after every token but one before
    punctuation, children and left edges from the heads, lemmas as the lower case by default.
    """
    n = len(words)
    children = _children_of(heads)
    spaces = ["" if i + 1 < n and pos[i + 1] == "PUNCT" or i + 1 == n else " "
              for i in range(n)]
    return TokenTable(
        texts=list(words), spaces=spaces, lowers=[w.lower() for w in words], pos=list(pos),
        deps=list(deps), heads=list(heads), punct=[p == "PUNCT" for p in pos],
        space=[not w.strip() for w in words], quote=[w in _QUOTES for w in words],
        tags=list(tags or [""] * n), lemmas=list(lemmas or [w.lower() for w in words]),
        ent_types=list(ent_types or [""] * n), left_edges=_left_edges(heads, children),
        children=children, sent_starts=list(sent_starts),
        sent_start_of=_sentence_columns(sent_starts, n), entities=tuple(entities))
