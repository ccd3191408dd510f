"""Find actor mentions in a parsed document and resolve them against the knowledge base.

The work is done by passes (``faultlines.actors.passes``), each linear in the number of tokens
and each handing the next a frozen record:

1. *scan* (:mod:`~faultlines.actors.passes.scan`) - greedy longest match of folded word
   sequences against the alias table (actors, countries, demonyms, capitals, groups); a token
   such as "U.S.-Iraqi" is split at hyphens so it can name two countries;
2. *entities* (:mod:`~faultlines.actors.passes.entities`) spaCy found that the scan did not
   explain are resolved by transliteration-blind fuzzy matching (consonant skeleton +
   rapidfuzz) or kept as unknown actors ``x:slug``; the document's dominant country is found;
3. *agent noun phrases* (:mod:`~faultlines.actors.passes.agent_phrases`: find the head, read
   the modifiers, then the rules of :data:`~faultlines.actors.passes.agent_rules.AGENT_RULES`)
   ("Iraqi troops", "the Bush administration", "Sunni insurgents") get a sector from the head
   noun and a country from their modifiers, else the document's dominant country;
4. *names* (:mod:`~faultlines.actors.passes.names`): the remaining hits become mentions in
   document order, remembered for later short references;
5. *coreference* (:mod:`~faultlines.actors.passes.coreference`): surnames ("Maliki") and bare
   titles ("the prime minister") refer back to an earlier full mention; a sentence-initial
   "he"/"his" refers to the single person subject of the previous sentence; "we"/"our" in the
   author's voice are the issuer the document's ``source`` names (the UK Foreign Office).

The passes read the parse as plain columns (:class:`~faultlines.actors.passes.tokens.TokenTable`);
:meth:`ActorResolver.find_mentions_in` takes such a table directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from faultlines.actors.issuers import issuer_of
from faultlines.actors.kb import (
    SECTOR_LABELS,
    ActorEntry,
    KnowledgeBase,
    load_knowledge_base,
    split_code,
)
from faultlines.actors.normalize import PARTICLES, fold_name, skeleton
from faultlines.actors.passes.agent_phrases import AgentPhrases, read_agent_phrases
from faultlines.actors.passes.context import DocumentContext, NameMemory, compose_id
from faultlines.actors.passes.coreference import (
    author_first_person,
    later_surnames,
    resolve_bare_titles,
    resolve_deferred,
    resolve_pairs,
    resolve_pronouns,
)
from faultlines.actors.passes.entities import find_dominant_country, resolve_entities
from faultlines.actors.passes.names import fold_key, last_word, read_names
from faultlines.actors.passes.scan import scan_phrases
from faultlines.actors.passes.tokens import TokenTable, read_tokens
from faultlines.actors.passes.words import resolver_words
from faultlines.nlp.view import ParseView
from faultlines.types import ActorRef, Document, Mention

__all__ = ["ActorResolver", "compose_id", "TITLES", "COREFERENCE_STEPS"]

_ROLE_CACHE_MAX = 100_000  # roles looked up per (entry, date); cleared when full
#: Titles before a name, with the sector they signal (None: no sector); see data/titles.tsv.
TITLES: dict[tuple[str, ...], str | None] = dict(resolver_words().titles)

#: A coreference step: the document, what it remembers of its names, the agent-phrase pass's
#: record and the mentions so far -> the mentions it adds.
CoreferenceStep = Callable[[DocumentContext, NameMemory, AgentPhrases, list[Mention]],
                           list[Mention]]
#: The coreference steps in the order they run (each sees what the ones before added).
COREFERENCE_STEPS: tuple[tuple[str, CoreferenceStep], ...] = (
    ("bare titles", lambda ctx, memory, agents, found: resolve_bare_titles(
        ctx, memory, agents.bare_titles)),
    ("member phrases", lambda ctx, memory, agents, found: resolve_deferred(
        ctx, found, agents.deferred)),
    ("two states", lambda ctx, memory, agents, found: resolve_pairs(ctx, found, agents.pairs)),
    ("later surnames", lambda ctx, memory, agents, found: later_surnames(ctx, memory, found)),
    ("pronouns", lambda ctx, memory, agents, found: resolve_pronouns(ctx, found)),
    ("author's we", lambda ctx, memory, agents, found: author_first_person(ctx, found)),
)


class ActorResolver:
    """Finds and resolves actor mentions. Build with :meth:`default`; pure per document."""

    def __init__(self, kb: KnowledgeBase, *, kb_dir: str | Path | None = None,
                 extra_kb_paths: Iterable[str | Path] = ()) -> None:
        self.kb = kb
        self._kb_dir = kb_dir
        self._extra = tuple(str(p) for p in extra_kb_paths)
        self._fuzzy_cache: dict[str, str | None] = {}
        # entry id -> (the entry, its surnames), see surnames_of
        self._surname_cache: dict[str, tuple[ActorEntry, tuple[str, ...]]] = {}
        # (entry id, date) -> (the entry, its country and sector then), see actor_ref
        self._role_cache: dict[tuple[str, dt.date | None],
                               tuple[ActorEntry, str | None, str | None]] = {}
        # (country, group, sector) -> (size of the KB when composed, the ref)
        self._composed_cache: dict[tuple[str | None, str | None, str | None],
                                   tuple[int, ActorRef]] = {}

    @classmethod
    def default(cls, kb_dir: str | Path | None = None,
                extra_kb_paths: Iterable[str | Path] = ()) -> ActorResolver:
        """Packaged knowledge base plus the user KB folder (``kb_dir``, else
        ``$FAULTLINES_KB_DIR``, else ``~/.local/share/faultlines/kb``) and extra KB files.

        The knowledge base is cached per process, so building a resolver in each worker costs
        one load (about 0.2 s packaged, about 2 s with all Phoenix dictionaries imported).
        """
        extra = tuple(extra_kb_paths)
        return cls(load_knowledge_base(kb_dir, extra), kb_dir=kb_dir, extra_kb_paths=extra)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # workers rebuild from the same files instead of unpickling a large table
        return (_rebuild, (self._kb_dir, self._extra))

    # ------------------------------------------------------------------ public
    def find_mentions(self, doc: Any, document: Document,
                      view: ParseView | None = None) -> list[Mention]:
        """All actor mentions of one parsed document, sorted by position.

        Parameters
        ----------
        doc
            The spaCy ``Doc`` of ``document.text`` (with parser and NER).
        document
            Supplies ``id`` and ``date`` (roles are taken at that date).
        view
            The pipeline's shared parse view of ``doc``, when there is one (same result,
            without reading the parse twice).
        """
        return self.find_mentions_in(read_tokens(doc, view), document)

    def find_mentions_in(self, tokens: TokenTable, document: Document) -> list[Mention]:
        """All actor mentions of a document given as token columns, sorted by position.

        The passes run in order (see the module docstring), each on the frozen record the one
        before returned."""
        ctx = DocumentContext(tokens, self, document.id, document.date,
                              author=self.author_of(document))
        ctx = ctx.with_hits(scan_phrases(tokens, self.kb))
        ctx = find_dominant_country(ctx.with_hits(resolve_entities(ctx)))
        agents = read_agent_phrases(ctx)
        names = read_names(ctx, agents.consumed)
        found = [*agents.mentions, *names.mentions]
        for _, step in COREFERENCE_STEPS:
            found += step(ctx, names.memory, agents, found)
        unique = {(m.start, m.end, m.actor.id): m for m in found}
        return sorted(unique.values(), key=lambda m: (m.start, m.end, m.actor.id))

    def author_of(self, document: Document) -> ActorRef | None:
        """The actor the document's ``source`` stands for ("UK Foreign Office" -> the Foreign
        Office; see :mod:`faultlines.actors.issuers`), None for an outlet or no source."""
        issuer = issuer_of(document.source, self.kb)
        if issuer is None:
            return None
        if issuer.entry_id is not None:
            return self.actor_ref(issuer.entry_id, "", document.date)
        return self.composed_ref("", issuer.country, None, issuer.sector)

    def resolve_name(self, name: str, date: dt.date | None = None) -> ActorRef | None:
        """Resolve a bare name (exact alias, else fuzzy) to a known actor, or None."""
        words = tuple(fold_key(name))
        targets = self.kb.phrases.get(words, [])
        for target in sorted(targets, key=lambda t: (t.rank, t.kind != "actor")):
            if target.kind in ("actor", "short", "country"):
                return self.actor_ref(target.ref, name, date)
        found = self.fuzzy_lookup(name)
        return self.actor_ref(found, name, date) if found else None

    def fuzzy_lookup(self, name: str) -> str | None:
        """Entry id whose alias matches ``name`` up to transliteration, or None (cached)."""
        key = fold_name(name)
        if key in self._fuzzy_cache:
            return self._fuzzy_cache[key]
        best, best_score = None, 0.0
        bare = " ".join(w for w in key.split() if w not in PARTICLES)
        for alias, entry_id in self.kb.skeletons.get(skeleton(name), ()):
            alias_key = " ".join(w for w in fold_name(alias).split() if w not in PARTICLES)
            score = fuzz.ratio(bare, alias_key)
            if score > best_score:
                best, best_score = entry_id, score
        result = best if best_score >= 85 else None
        self._fuzzy_cache[key] = result
        return result

    def surnames_of(self, entry_id: str) -> tuple[str, ...]:
        """Folded last words of an entry's name, aliases and short names, in that order
        ("Nouri al-Maliki" gives "maliki"); cached while the entry stays the same."""
        entry = self.kb.entries[entry_id]
        cached = self._surname_cache.get(entry_id)
        if cached is None or cached[0] is not entry:
            words = (last_word(alias) for alias in (entry.name, *entry.aliases, *entry.short))
            cached = (entry, tuple(dict.fromkeys(w for w in words if w)))
            self._surname_cache[entry_id] = cached
        return cached[1]

    def actor_ref(self, entry_id: str, text: str, date: dt.date | None) -> ActorRef:
        """ActorRef of a knowledge-base entry with the role it holds at ``date``."""
        entry = self.kb.entries[entry_id]
        key = (entry_id, date)
        cached = self._role_cache.get(key)
        if cached is None or cached[0] is not entry:
            if len(self._role_cache) >= _ROLE_CACHE_MAX:
                self._role_cache.clear()
            cached = (entry, *split_code(entry.code_at(date)))
            self._role_cache[key] = cached
        return ActorRef(text=text, id=entry.id, name=entry.name, country=cached[1],
                        sector=cached[2])

    def composed_ref(self, text: str, country: str | None, group: str | None,
                     sector: str | None) -> ActorRef:
        """ActorRef of a country/group/sector composition ("Iraqi Shiite militias").

        Cached per composition (a few hundred at most), while the knowledge base keeps its
        size."""
        key = (country, group, sector)
        cached = self._composed_cache.get(key)
        if cached is None or cached[0] != len(self.kb.entries):
            cached = (len(self.kb.entries), self._compose("", country, group, sector))
            self._composed_cache[key] = cached
        ref = cached[1]
        return ref if text == "" else ActorRef(text, ref.id, ref.name, ref.country, ref.sector)

    def _compose(self, text: str, country: str | None, group: str | None,
                 sector: str | None) -> ActorRef:
        entry_id = compose_id(country, group, sector)
        if entry_id in self.kb.entries:
            entry = self.kb.entries[entry_id]
            return ActorRef(text, entry.id, entry.name, country, sector)
        parts = [self.kb.name_of(country) if country else None,
                 self.kb.group_names[group][0] if group in self.kb.group_names else group,
                 SECTOR_LABELS.get(sector or "", sector)]
        name = " ".join(p for p in parts if p)
        if sector is None and group in self.kb.group_names:
            sector = self.kb.group_names[group][1]
        return ActorRef(text=text, id=entry_id, name=name, country=country, sector=sector)


def _rebuild(kb_dir: str | Path | None, extra: tuple[str, ...]) -> ActorResolver:
    return ActorResolver.default(kb_dir=kb_dir, extra_kb_paths=extra)
