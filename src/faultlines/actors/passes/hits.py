"""Hits: the spans the scan and the entity pass found, before they become mentions.

A :class:`Hit` is immutable (a NamedTuple: documents have many and they are copied often); a
pass that learns more about one (its country, that it is part of a compound) returns a new hit
with ``hit._replace(...)``. Hits keep their ``position`` (their
position in the document's sorted hits) through such changes, so a pass can say which hits it
used up as a set of indices.

>>> from faultlines.actors.kb import Target
>>> hit = Hit(0, 1, "Iraqi", (Target("demonym", "IRQ"), Target("actor", "X")))
>>> hit.primary
Target(kind='actor', ref='X', rank=0)
>>> index = index_hits((hit,))
>>> [h.text for h in hits_within(index, 0, 2)]
['Iraqi']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from faultlines.actors.kb import Target

__all__ = ["Hit", "HitIndex", "KIND_ORDER", "index_hits", "hits_overlapping", "hits_within",
           "numbered"]

#: Which target a hit names first when its words name several (see :attr:`Hit.primary`).
KIND_ORDER: Mapping[str, int] = {"actor": 0, "country": 1, "city": 2, "short": 3, "capital": 4,
                                 "demonym": 5, "group": 6}

#: Token position -> the hits covering it, in order.
HitIndex = Mapping[int, Sequence["Hit"]]


class Hit(NamedTuple):
    """A span [start, end) the scan or the entity pass found, with what its words can name."""

    start: int  # first token
    end: int  # token after the last
    text: str
    targets: tuple[Target, ...]
    compound: bool = False  # shares its token with another hit ("U.S.-Iraqi")
    label: str = ""  # spaCy entity label, for unknown entities
    inner: tuple[Hit, ...] = ()  # hits an unknown entity absorbed
    owner: bool = True  # False for "Iranian" in "Iranian-backed"
    country: str | None = None  # a group's country given by the word before it ("Iraqi Sunni")
    position: int = -1  # place among the document's hits (set by the entity pass)

    @property
    def primary(self) -> Target | None:
        """The target the hit most likely names, without document memory: packaged knowledge
        first (an imported dictionary adds actors, it does not override ours), then by kind."""
        if len(self.targets) < 2:
            return self.targets[0] if self.targets else None
        return min(self.targets, key=lambda t: (t.rank, KIND_ORDER.get(t.kind, 9)))

    @property
    def kind(self) -> str | None:
        """The kind of the primary target ("country", "group", ...), None for an unknown name."""
        target = self.primary
        return target.kind if target is not None else None


def numbered(hits: Iterable[Hit]) -> tuple[Hit, ...]:
    """The hits sorted by position, each with its ``position`` set to its place."""
    ordered = sorted(hits, key=lambda h: (h.start, h.end))
    return tuple(h if h.position == i else Hit(*h[:-1], i) for i, h in enumerate(ordered))


def index_hits(hits: Iterable[Hit]) -> dict[int, list[Hit]]:
    """Token position -> the hits covering it (in the order given)."""
    found: dict[int, list[Hit]] = {}
    for hit in hits:
        for i in range(hit.start, hit.end):
            found.setdefault(i, []).append(hit)
    return found


def hits_overlapping(index: HitIndex, start: int, end: int) -> list[Hit]:
    """Hits that share a token with [start, end), in order, each once."""
    seen: dict[int, Hit] = {}
    for i in range(start, end):
        for hit in index.get(i, ()):
            seen.setdefault(id(hit), hit)
    return sorted(seen.values(), key=lambda h: (h.start, h.end))


def hits_within(index: HitIndex, start: int, end: int) -> list[Hit]:
    """Hits inside [start, end), in order (the index must be built from sorted hits)."""
    return [hit for i in range(start, end) for hit in index.get(i, ())
            if hit.start == i and hit.end <= end]
