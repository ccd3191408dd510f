"""What every resolver pass reads about one document: its tokens, its hits, the knowledge base,
and the questions asked of them all the time (which country a hit names, whether a place acts
as the state, whether an entry is a person).

:class:`DocumentContext` is frozen; the driver makes a new one when a pass changes the hits
(:meth:`~DocumentContext.with_hits`) or finds the dominant country.
:class:`NameMemory` is what the name pass remembers for later references (surnames, titles).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from rapidfuzz import fuzz

from faultlines.actors.kb import KnowledgeBase, Target, split_code
from faultlines.actors.normalize import fold_name, fold_word
from faultlines.actors.passes.hits import Hit, HitIndex, index_hits
from faultlines.actors.passes.tokens import TokenTable
from faultlines.actors.passes.words import WordList, resolver_words
from faultlines.types import ActorRef, Mention

__all__ = ["compose_id", "Resolving", "NameMemory", "DocumentContext", "STATE_SECTORS",
           "COUNTRY_KINDS"]

_W = resolver_words()
_STATE_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "dobj", "dative", "iobj", "poss"})
_STATE_PREPS = _W[WordList.STATE_PREPS]
_MOTION_VERBS = _W[WordList.MOTION_VERBS]
_DIRECTION_PREPS = _W[WordList.DIRECTION_PREPS]
_DISPATCH_VERBS = _W[WordList.DISPATCH_VERBS]
_SENT_AGENTS = frozenset({"MIL", "REF", "CVL", "REB"})
#: Sectors of a state's own organs: "Vantian forces", "Vantian officials" are the state's.
_ORGANS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})
#: Sectors of the state: a country word acting in one of them is the state.
STATE_SECTORS = frozenset({"GOV", "LEG", "JUD"})
#: Target kinds that name a country.
COUNTRY_KINDS = frozenset({"country", "demonym", "capital"})


def compose_id(country: str | None, group: str | None, sector: str | None) -> str:
    """Id of an actor composed from country, group and sector (e.g. ``IRQ_SHIA_REB``).

    >>> compose_id("IRQ", None, "GOV"), compose_id("IRQ", "SUNNI", "REB")
    ('IRQ_GOV', 'IRQ_SUNNI_REB')
    >>> compose_id(None, "SHIA", None)
    'SHIA'
    """
    return "_".join(p for p in (country, group, sector) if p) or "x:unknown"


class Resolving(Protocol):
    """What the passes ask of the resolver (``ActorResolver`` provides it)."""

    kb: KnowledgeBase

    def actor_ref(self, entry_id: str, text: str, date: dt.date | None) -> ActorRef: ...
    def composed_ref(self, text: str, country: str | None, group: str | None,
                     sector: str | None) -> ActorRef: ...
    def fuzzy_lookup(self, name: str) -> str | None: ...
    def surnames_of(self, entry_id: str) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class NameMemory:
    """What the document named so far, for later short references.

    ``first_seen``: entry id -> token of its first full mention; ``surnames``: folded last word
    -> entry id; ``titles``: "prime minister" -> {entry id: token}; ``unknown_names``: folded
    last word or acronym -> unknown actor; ``unknown_first``: ``x:`` id -> token of its first
    full mention.
    """

    first_seen: Mapping[str, int] = field(default_factory=dict)
    surnames: Mapping[str, str] = field(default_factory=dict)
    titles: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    unknown_names: Mapping[str, ActorRef] = field(default_factory=dict)
    unknown_first: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class DocumentContext:
    """One document as the passes see it (see the module docstring)."""

    tokens: TokenTable
    resolver: Resolving
    document_id: str
    date: dt.date | None
    hits: tuple[Hit, ...] = ()
    hits_at: HitIndex = field(default_factory=dict)
    dominant: str | None = None
    country_counts: Mapping[str, int] = field(default_factory=dict)
    #: who "we" is in the author's voice: the actor the document's ``source`` stands for
    #: (:func:`faultlines.actors.issuers.issuer_of`), None for an outlet or no source
    author: ActorRef | None = None
    kb: KnowledgeBase = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # read on every question the passes ask: a field, not a property
        object.__setattr__(self, "kb", self.resolver.kb)

    def with_hits(self, hits: tuple[Hit, ...]) -> DocumentContext:
        """The same document with other hits (and their index)."""
        return dataclasses.replace(self, hits=hits, hits_at=index_hits(hits))

    # -------------------------------------------------------------- mentions and sentences
    def sentence_of(self, token: int) -> int:
        return bisect.bisect_right(self.tokens.sent_starts, token) - 1

    def mention(self, start: int, end: int, ref: ActorRef, kind: str) -> Mention:
        """A mention of ``ref`` over tokens [start, end), its text taken from the document."""
        text = self.tokens.span_text(start, end)
        ref = ActorRef(text, ref.id, ref.name, ref.country, ref.sector)
        return Mention(self.document_id, self.sentence_of(start), start, end, text, ref, kind)

    # -------------------------------------------------------------- what hits name
    def country_of(self, hit: Hit, states_only: bool = True) -> str | None:
        """Country code a hit names or belongs to; with ``states_only=False`` also IGO, NGO,
        IMG ("United Nations Emergency Relief Coordinator" belongs to IGO)."""
        target = hit.primary
        if target is None:
            for inner in hit.inner:
                country = self.country_of(inner, states_only)
                if country:
                    return country
            return None
        if target.kind in ("country", "demonym", "capital", "city"):
            return target.ref
        if target.kind in ("actor", "short"):
            country, _ = split_code(self.kb.entries[target.ref].code_at(self.date))
            return country if (country in self.kb.country_names or not states_only) else None
        return None

    def is_person(self, entry_id: str, hit: Hit) -> bool:
        """Packaged entries say so; imported ones are people when spaCy tagged the name so."""
        entry = self.kb.entries.get(entry_id)
        if entry is None:
            return False
        if entry.kind == "person" or entry.short:
            return True
        return entry.source != "packaged" and self.tokens.ent_types[hit.start] == "PERSON"

    def group_country(self, group: str) -> str | None:
        """Country of a group the text gives no country for: the first of the group's home
        countries the document names (Shiites in an article about the U.S. and Iraq are
        Iraqi), else the dominant country when the group has no homes listed."""
        homes = self.kb.group_homes.get(group, ())
        if not homes:
            return self.dominant
        # homes are listed most likely first: Shiite militias in a text about Iran and Iraq
        # are Iraqi ones, Karen guerrillas in a text about Thailand and Burma Burmese ones
        return next((h for h in homes if self.country_counts.get(h)), None)

    def misspelt_country(self, word: str) -> str | None:
        """A country name with a typo ("Quatar", "Phillippines"); one word, close spelling."""
        known = self.resolver.fuzzy_lookup(word)
        if known is None or self.kb.entries[known].kind != "country":
            return None
        entry = self.kb.entries[known]
        best = max(fuzz.ratio(fold_name(word), fold_name(a)) for a in (entry.name, *entry.aliases))
        return known if best >= 85 else None

    def backer_modifier(self, i: int) -> bool:
        """A participle with a name fused before it by a hyphen: "Iran-backed", "U.S.-trained";
        not a state that leads ("Saudi-led warplanes" are the Saudis': its country)."""
        tokens = self.tokens
        # most modifiers have no children: skip reading their tag then
        if not tokens.children[i] or tokens.tags[i] != "VBN":
            return False
        fused = [c for c in tokens.lefts(i) if tokens.deps[c] in ("npadvmod", "compound", "nmod")]
        if not fused:
            return False
        return not (tokens.lowers[i] == "led" and any(
            h.primary is not None and h.primary.kind in COUNTRY_KINDS
            for c in fused for h in self.hits_at.get(c, ())))

    # -------------------------------------------------------------- the state or the place
    def is_state(self, token: int) -> bool:
        """Does a country/capital name (its last token) act as the state here (subject,
        object, partner)?"""
        deps, heads, lowers = self.tokens.deps, self.tokens.heads, self.tokens.lowers
        while deps[token] in ("conj", "appos") and heads[token] != token:
            token = heads[token]
        if deps[token] in _STATE_DEPS:
            return True
        if deps[token] != "pobj" or lowers[heads[token]] not in _STATE_PREPS:
            return False
        prep = heads[token]
        verb = heads[prep]
        verb_lemma = self.tokens.lemmas[verb]
        if lowers[prep] in _DIRECTION_PREPS and verb_lemma in _MOTION_VERBS:
            # "returned to Iraq", "fled from Syria": a destination or origin, not the state
            return False
        if lowers[prep] == "to" and verb_lemma in _DISPATCH_VERBS:
            # "sent troops to Iraq" is a place; "sent a delegation to Tehran" the government
            return not any(deps[c] == "dobj" and self.kb.agents.get((lowers[c],)) in _SENT_AGENTS
                           for c in self.tokens.children[verb])
        return True

    def faces_dominant_state(self, start: int, end: int) -> bool:
        """"Archbishop X called for sanctions against Vantia": the document's dominant state
        acts or is acted upon in the sentence of tokens [start, end), so a person there stands
        apart from it (a visitor, a critic, a counterpart) and is not guessed to be its
        citizen."""
        if self.dominant is None:
            return False
        sentence = self.sentence_of(start)
        return any(
            other.primary is not None and other.primary.kind in COUNTRY_KINDS
            and other.primary.ref == self.dominant and other.owner
            and not start <= other.start < end and self.sentence_of(other.start) == sentence
            and self._names_state_party(other.end - 1)
            for other in self.hits)

    def _names_state_party(self, token: int) -> bool:
        """Whether a country name (its last token) is a party to the sentence's act: the state
        itself ("against Vantia"), or an adjective on one of its organs that is ("shelling by
        Vantian forces"); never a possessive, an adjective on a thing ("Vantian oil") or on its
        people ("a commitment to the Vantian people")."""
        tokens = self.tokens
        if tokens.deps[token] == "poss":
            return False
        if tokens.pos[token] == "ADJ":
            head = tokens.heads[token]
            return head != token and self.kb.agents.get((tokens.lowers[head],)) in _ORGANS \
                and self.is_state(head)
        return self.is_state(token)

    # -------------------------------------------------------------- which entry a name means
    def resolve_target(self, hit: Hit, target: Target, memory: NameMemory) -> str:
        """Entry id for an actor/short target, preferring actors the document named before."""
        candidates = [t for t in hit.targets if t.kind in ("actor", "short")]
        if target.kind == "short" or all(t.kind == "short" for t in candidates):
            earlier = self._earlier_surname(hit, memory)
            if earlier is not None:
                return earlier
        seen = [t for t in candidates if t.ref in memory.first_seen]
        if seen:
            return min(seen, key=lambda t: memory.first_seen[t.ref]).ref
        full = [t for t in candidates if t.kind == "actor"]
        pool = full or candidates
        order = {t: i for i, t in enumerate(pool)}
        return min(pool, key=lambda t: (t.rank, -self.role_score(t.ref), order[t])).ref

    def _earlier_surname(self, hit: Hit, memory: NameMemory) -> str | None:
        """The known entry the hit's last word was a surname of earlier in the document."""
        words = hit.text.split()
        earlier = memory.surnames.get(fold_word(words[-1]).lower() if words else "")
        return earlier if earlier and earlier in self.kb.entries else None

    def role_score(self, entry_id: str) -> int:
        """How plainly an actor holds a position on the document's date: 2 for a dated role
        other than ELI ("Clinton" in 1995 is Bill, in 2007 Hillary), 1 for ELI, 0 for none."""
        if self.date is None:
            return 0
        best = 0
        for role in self.kb.entries[entry_id].roles:
            if role.covers(self.date):
                best = max(best, 1 if role.code[3:6] == "ELI" else 2)
        return best
