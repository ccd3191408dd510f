"""Cross-document actor identity: spelling variants of unknown actors and user curation.

Runs in the main process after the workers: each worker resolves a document alone, so the same
unknown person can come back as ``x:ayad-alawi`` from one article and ``x:iyad-allawi`` from
another. :class:`ActorRegistry` folds such variants into the first-seen id (transliteration
skeleton + rapidfuzz) and then applies the curation operations a user recorded in the store.

Matching is by whole names: titles, initials and citation marks are dropped first
(:func:`~faultlines.actors.normalize.name_key`), a name that fits several knowledge-base
entries is kept apart and listed in :attr:`ActorRegistry.ambiguous`, and the fuzzy step never
turns a name into a country. A one-word name ("Kerry") joins the one full name seen in the
corpus that ends in it ("John Kerry"), and stays apart when there are several.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from faultlines.actors.kb import split_code
from faultlines.actors.normalize import (
    PARTICLES,
    clean_name,
    fold_name,
    is_not_actor,
    name_key,
    skeleton,
    slugify,
)
from faultlines.errors import ConfigError
from faultlines.types import ActorRef

if TYPE_CHECKING:
    from faultlines.actors.resolver import ActorResolver

__all__ = ["CurationOp", "ActorRegistry", "CURATION_OPS"]

#: Curation operations and the names of their arguments, in order. The store keeps the
#: arguments as a JSON object with these keys (``{"from": ..., "into": ...}``).
CURATION_OPS: dict[str, tuple[str, ...]] = {
    "merge": ("from", "into"),  # every mention of actor "from" becomes actor "into"
    "rename": ("id", "name"),  # display name only; the id stays
    "set-code": ("id", "code"),  # CAMEO-style code, e.g. IRQGOV or IGO
}
_ALIASES = {"source": "from", "source_id": "from", "target": "into", "target_id": "into",
            "to": "into", "actor_id": "id", "new_name": "name", "actor": "id"}


@dataclass(frozen=True)
class CurationOp:
    """One user correction, stored by the store as ``(op, json.dumps(args))``.

    >>> CurationOp("merge", ("x:iyad-alawi", "AYAD_ALLAWI")).validate()
    CurationOp(op='merge', args=('x:iyad-alawi', 'AYAD_ALLAWI'))
    """

    op: str
    args: tuple[str, ...]

    def validate(self) -> CurationOp:
        if self.op not in CURATION_OPS:
            raise ConfigError(f"unknown curation operation {self.op!r}; valid: "
                              f"{', '.join(CURATION_OPS)}")
        expected = CURATION_OPS[self.op]
        if len(self.args) != len(expected) or not all(isinstance(a, str) and a
                                                      for a in self.args):
            raise ConfigError(f"curation {self.op!r} takes {len(expected)} non-empty arguments "
                              f"({', '.join(expected)}), got {list(self.args)!r}")
        return self

    def to_store_args(self) -> dict[str, str]:
        """The arguments as the store keeps them (``Store.add_curation(op, args)``).

        >>> CurationOp("merge", ("x:sadrists", "SADRIST_MOVEMENT")).to_store_args()
        {'from': 'x:sadrists', 'into': 'SADRIST_MOVEMENT'}
        """
        return dict(zip(CURATION_OPS[self.op], self.args, strict=True))

    @classmethod
    def parse(cls, op: str, args: object) -> CurationOp:
        """From a store row: ``args`` as a dict (``{"from", "into"}``), a list, or JSON text.

        >>> CurationOp.parse("rename", {"id": "USA", "name": "US"})
        CurationOp(op='rename', args=('USA', 'US'))
        """
        if isinstance(args, str):
            text = args
            try:
                args = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ConfigError(f"curation {op!r} has arguments that are not JSON: "
                                  f"{text[:60]!r}") from exc
        if op not in CURATION_OPS:
            raise ConfigError(f"unknown curation operation {op!r}; valid: "
                              f"{', '.join(CURATION_OPS)}")
        if isinstance(args, dict):
            named = {_ALIASES.get(k, k): v for k, v in args.items()}
            missing = [k for k in CURATION_OPS[op] if k not in named]
            if missing:
                raise ConfigError(f"curation {op!r} lacks {', '.join(missing)}; it takes "
                                  f"{', '.join(CURATION_OPS[op])}, got {sorted(args)}")
            values = tuple(str(named[k]) for k in CURATION_OPS[op])
        elif isinstance(args, list | tuple):
            values = tuple(str(a) for a in args)
        else:
            raise ConfigError(f"curation {op!r}: arguments must be an object or a list, "
                              f"got {type(args).__name__}")
        return cls(op, values).validate()


class ActorRegistry:
    """Canonical actors across documents.

    Parameters
    ----------
    resolver
        The :class:`~faultlines.actors.ActorResolver` whose knowledge base unknown names are
        checked against once more (a name a single document could not resolve may still be a
        known actor); may be None.
    curation
        Operations applied in order after the automatic merging: :class:`CurationOp` or
        ``(op, args)`` pairs as ``Store.curation()`` returns them.
    """

    def __init__(self, resolver: ActorResolver | None = None,
                 curation: Sequence[CurationOp | tuple[str, object]] = ()) -> None:
        self.resolver = resolver
        self._merges: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self._codes: dict[str, tuple[str | None, str | None]] = {}
        self._by_skeleton: dict[str, list[tuple[str, str, str]]] = {}  # skel -> (key, id, name)
        self._seen: dict[str, ActorRef] = {}  # x: id -> canonical ref
        self._by_key: dict[str, ActorRef] = {}  # name_key -> canonical ref (multi-word names)
        self._by_last: dict[str, set[str]] = {}  # last word -> ids of multi-word names
        self._refs: dict[str, ActorRef] = {}  # canonical id -> a ref of it
        #: unknown id -> the knowledge-base ids its name fits equally well (kept apart)
        self.ambiguous: dict[str, tuple[str, ...]] = {}
        for op in curation:
            self.add_curation(op)

    def add_curation(self, op: CurationOp | tuple[str, object]) -> None:
        if not isinstance(op, CurationOp):
            op = CurationOp.parse(op[0], op[1])
        op.validate()
        if op.op == "merge":
            source, target = op.args
            if self._follow(target) == source:
                raise ConfigError(f"merging {source!r} into {target!r} would make a cycle; "
                                  f"remove the earlier merge of {target!r} first")
            self._merges[source] = target
        elif op.op == "rename":
            self._names[op.args[0]] = op.args[1]
        else:
            country, sector = split_code(op.args[1])
            self._codes[op.args[0]] = (country, sector)

    def _follow(self, actor_id: str) -> str:
        seen = {actor_id}
        while actor_id in self._merges:
            actor_id = self._merges[actor_id]
            if actor_id in seen:
                break
            seen.add(actor_id)
        return actor_id

    def _known(self, ref: ActorRef, entry_id: str) -> ActorRef:
        assert self.resolver is not None  # only called with a knowledge base to look in
        entry = self.resolver.kb.entries[entry_id]
        country, sector = split_code(entry.code)
        return ActorRef(ref.text, entry.id, entry.name, country, sector)

    def _remember(self, ref: ActorRef, canon: ActorRef) -> ActorRef:
        self._seen[ref.id] = canon
        return canon

    def _index(self, canon: ActorRef, name: str) -> None:
        """Record a multi-word name so that later variants and its last word find it."""
        key = name_key(name)
        words = key.split()
        if len(words) < 2:
            return
        self._by_key.setdefault(key, canon)
        self._by_last.setdefault(words[-1], set()).add(canon.id)
        self._refs.setdefault(canon.id, canon)

    def _unknown(self, ref: ActorRef) -> ActorRef:
        """Fold an unknown actor into a known one or into an earlier spelling variant."""
        if ref.id in self._seen:
            found = self._seen[ref.id]
            return ActorRef(ref.text, found.id, found.name, ref.country or found.country,
                            ref.sector or found.sector)
        if is_not_actor(ref.name):
            return self._remember(ref, ref)  # a weapon or a month never joins an actor
        cleaned = clean_name(ref.name)
        key = name_key(cleaned)
        words = key.split()
        if self.resolver is not None and len(words) >= 2:
            candidates = self.resolver.kb.candidates(cleaned)
            if len(candidates) == 1:
                canon = self._known(ref, candidates[0])
                self._index(canon, cleaned)
                return self._remember(ref, canon)
            if len(candidates) > 1:
                self.ambiguous[ref.id] = tuple(candidates)
                self._index(ref, cleaned)
                return self._remember(ref, ref)
        if key in self._by_key:
            found_ref = self._by_key[key]
            return self._remember(ref, ActorRef(ref.text, found_ref.id, found_ref.name,
                                                ref.country or found_ref.country,
                                                ref.sector or found_ref.sector))
        bare = " ".join(w for w in fold_name(ref.name).split() if w not in PARTICLES)
        if self.resolver is not None and len(bare.split()) >= 2:
            # one word is too little to call a stranger a known actor ("Hakimi" is not Hakim),
            # and a spelling close to a country's is not that country ("Hollande")
            known = self.resolver.fuzzy_lookup(ref.name)
            if known and self.resolver.kb.entries[known].kind != "country":
                canon = self._known(ref, known)
                self._index(canon, cleaned)
                return self._remember(ref, canon)
        skel = skeleton(ref.name)
        for other_key, other_id, other_name in self._by_skeleton.get(skel, ()):
            if fuzz.ratio(bare, other_key) >= 85:
                return self._remember(ref, ActorRef(ref.text, other_id, other_name, ref.country,
                                                    ref.sector))
        if len(words) == 1:
            owners = self._by_last.get(words[0], set())
            if len(owners) == 1:
                # "Kerry" after "John Kerry": the one full name in the corpus that ends so
                found_ref = self._refs[next(iter(owners))]
                return self._remember(ref, ActorRef(ref.text, found_ref.id, found_ref.name,
                                                    ref.country or found_ref.country,
                                                    ref.sector or found_ref.sector))
        self._by_skeleton.setdefault(skel, []).append((bare, ref.id, ref.name))
        self._index(ref, cleaned)
        return self._remember(ref, ref)

    def candidates(self, actor_id: str) -> tuple[str, ...]:
        """Knowledge-base ids an unknown actor's name also fits (empty when unambiguous)."""
        return self.ambiguous.get(actor_id, ())

    def canonical(self, ref: ActorRef) -> ActorRef:
        """The canonical form of an actor reference (same text, merged id, curated name/code).

        >>> reg = ActorRegistry()
        >>> a = reg.canonical(ActorRef("Iyad Alawi", "x:iyad-alawi", "Iyad Alawi"))
        >>> reg.canonical(ActorRef("Ayad Allawi", "x:ayad-allawi", "Ayad Allawi")).id
        'x:iyad-alawi'
        """
        if ref.id.startswith("x:"):
            ref = self._unknown(ref)
        elif self.resolver is not None and ref.id not in self._refs and \
                ref.id in self.resolver.kb.entries:
            entry = self.resolver.kb.entries[ref.id]
            if entry.kind == "person":
                # a known person's surname seen later as an unknown one-word name joins them
                for alias in (entry.name, *entry.aliases):
                    self._index(ActorRef(ref.text, entry.id, entry.name, ref.country,
                                         ref.sector), alias)
        actor_id = self._follow(ref.id)
        name, country, sector = ref.name, ref.country, ref.sector
        if actor_id != ref.id:
            name = self._name_of(actor_id) or name
            if self.resolver is not None and actor_id in self.resolver.kb.entries:
                country, sector = split_code(self.resolver.kb.entries[actor_id].code)
        name = self._names.get(actor_id, name)
        if actor_id in self._codes:
            country, sector = self._codes[actor_id]
        return ActorRef(ref.text, actor_id, name, country, sector)

    def _name_of(self, actor_id: str) -> str | None:
        if self.resolver is not None and actor_id in self.resolver.kb.entries:
            return self.resolver.kb.entries[actor_id].name
        for ref in self._seen.values():
            if ref.id == actor_id:
                return ref.name
        return None

    def canonical_all(self, refs: Iterable[ActorRef]) -> list[ActorRef]:
        return [self.canonical(r) for r in refs]

    @staticmethod
    def unknown_id(name: str) -> str:
        """The id an unknown actor called ``name`` gets (``x:`` + ASCII slug)."""
        return "x:" + slugify(name)
