"""Find actor mentions in a parsed document and resolve them against the knowledge base.

One pass per stage, each linear in the number of tokens:

1. *phrase scan* - greedy longest match of folded word sequences against the alias table
   (actors, countries, demonyms, capitals, groups); a token such as "U.S.-Iraqi" is split at
   hyphens so it can name two countries;
2. *entities* spaCy found that the scan did not explain are resolved by transliteration-blind
   fuzzy matching (consonant skeleton + rapidfuzz) or kept as unknown actors ``x:slug``;
3. *agent noun phrases* ("Iraqi troops", "the Bush administration", "Sunni insurgents") get a
   sector from the head noun and a country from their modifiers, else the document's dominant
   country;
4. the remaining hits become mentions in document order, so surnames ("Maliki") and bare titles
   ("the prime minister") can refer back to an earlier full mention; a sentence-initial
   "he"/"his" refers to the single person subject of the previous sentence.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from faultlines.actors.kb import (
    SECTOR_LABELS,
    ActorEntry,
    KnowledgeBase,
    Target,
    load_knowledge_base,
    split_code,
)
from faultlines.actors.normalize import (
    PARTICLES,
    fold_name,
    fold_word,
    fold_words,
    skeleton,
    slugify,
)
from faultlines.actors.passes.words import WordList, resolver_words
from faultlines.types import ActorRef, Document, Mention

__all__ = ["ActorResolver", "compose_id"]

_ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "/"})
_SPLIT = re.compile(r"[\-\u2010-\u2015/]")
_POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
_W = resolver_words()
_NOT_OWNER = _W[WordList.NOT_OWNER]
_STATE_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "dobj", "dative", "iobj", "poss"})
_STATE_PREPS = _W[WordList.STATE_PREPS]
_PLACE_PREPS = _W[WordList.PLACE_PREPS]
_PRONOUNS = _W[WordList.SUBJECT_PRONOUNS]
_MOTION_VERBS = _W[WordList.MOTION_VERBS]
_MEMBER_WORDS = _W[WordList.MEMBER_WORDS]
_STATE_SECTORS = frozenset({"GOV", "LEG", "JUD"})
_INSTITUTIONS = _W[WordList.INSTITUTIONS]
_FORMER = _W[WordList.FORMER]
_ACTION_NOUNS = _W[WordList.ACTION_NOUNS]
_UNDERGONE = _W[WordList.UNDERGONE]
_AGENT_CARRIERS = _W[WordList.AGENT_CARRIERS]
_FACTION_WORDS = _W[WordList.FACTION_WORDS]
_FACILITY_WORDS = _W[WordList.FACILITY_WORDS]
_OPERATION_WORDS = _W[WordList.OPERATION_WORDS]
# "the media", "companies", "aid groups": often foreign or international; no default country
_NO_DEFAULT_COUNTRY = frozenset({"MED", "BUS", "NGO", "EDU", "HLH", "IGO"})
_GENERIC_CAPITALISED = _W[WordList.GENERIC_CAPITALISED]
_NP_DEPS = frozenset({"det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "cc",
                      "conj", "punct", "case", "predet", "advmod", "npadvmod", "prep"}) - {"prep"}
#: Titles before a name, with the sector they signal (None: no sector).
TITLES: dict[tuple[str, ...], str | None] = dict(_W.titles)
_TITLE_WORDS = _W.title_words
# which target a hit names first when its words name several (see ``primary``)
_KIND_ORDER = {"actor": 0, "country": 1, "city": 2, "short": 3, "capital": 4, "demonym": 5,
               "group": 6}


def compose_id(country: str | None, group: str | None, sector: str | None) -> str:
    """Id of an actor composed from country, group and sector (e.g. ``IRQ_SHIA_REB``).

    >>> compose_id("IRQ", None, "GOV"), compose_id("IRQ", "SUNNI", "REB")
    ('IRQ_GOV', 'IRQ_SUNNI_REB')
    >>> compose_id(None, "SHIA", None)
    'SHIA'
    """
    return "_".join(p for p in (country, group, sector) if p) or "x:unknown"


@dataclass
class _Hit:
    """A span the scan or the entity pass found (mutable working record, never returned)."""

    start: int  # first token
    end: int  # token after the last
    text: str
    targets: list[Target]
    compound: bool = False  # shares its token with another hit ("U.S.-Iraqi")
    label: str = ""  # spaCy entity label, for unknown entities
    inner: list[_Hit] = field(default_factory=list)  # hits an unknown entity absorbed
    owner: bool = True  # False for "Iranian" in "Iranian-backed"
    country: str | None = None  # a group's country given by the word before it ("Iraqi Sunni")
    consumed: bool = False


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

    def __reduce__(self):
        # workers rebuild from the same files instead of unpickling a large table
        return (_rebuild, (self._kb_dir, self._extra))

    # ------------------------------------------------------------------ public
    def find_mentions(self, doc, document: Document) -> list[Mention]:
        """All actor mentions of one parsed document, sorted by position.

        Parameters
        ----------
        doc
            The spaCy ``Doc`` of ``document.text`` (with parser and NER).
        document
            Supplies ``id`` and ``date`` (roles are taken at that date).
        """
        return _DocumentPass(self, doc, document).run()

    def resolve_name(self, name: str, date: dt.date | None = None) -> ActorRef | None:
        """Resolve a bare name (exact alias, else fuzzy) to a known actor, or None."""
        words = tuple(_fold_key(name))
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
            words = (_last_word(alias) for alias in (entry.name, *entry.aliases, *entry.short))
            cached = (entry, tuple(dict.fromkeys(w for w in words if w)))
            self._surname_cache[entry_id] = cached
        return cached[1]

    def actor_ref(self, entry_id: str, text: str, date: dt.date | None) -> ActorRef:
        """ActorRef of a knowledge-base entry with the role it holds at ``date``."""
        entry = self.kb.entries[entry_id]
        country, sector = split_code(entry.code_at(date))
        return ActorRef(text=text, id=entry.id, name=entry.name, country=country, sector=sector)

    def composed_ref(self, text: str, country: str | None, group: str | None,
                     sector: str | None) -> ActorRef:
        """ActorRef of a country/group/sector composition ("Iraqi Shiite militias")."""
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


def _rebuild(kb_dir, extra):
    return ActorResolver.default(kb_dir=kb_dir, extra_kb_paths=extra)


def _fold_key(text: str) -> list[str]:
    words = fold_words(text)
    return words[1:] if words[:1] == ["the"] and len(words) > 1 else words


class _DocumentPass:
    """State of one find_mentions call (kept off the resolver so the resolver stays pure)."""

    def __init__(self, resolver: ActorResolver, doc, document: Document) -> None:
        self.r = resolver
        self.kb = resolver.kb
        self.doc = doc
        self.document = document
        self.date = document.date
        # spaCy builds a new Token object for every ``doc[i]``, ``tok.head``, ``tok.children``
        # and ``tok.sent`` and on every iteration, and the stages below look at each token many
        # times: read the attributes they use once, into plain lists indexed by token position.
        # The lists hold strings, not Token objects: tokens kept alive through the whole pass
        # would survive into the garbage collector's oldest generation and make its full
        # collections frequent.
        tokens = list(doc)  # let go at the end of __init__
        self.texts = [t.text for t in tokens]
        self.spaces = [t.whitespace_ for t in tokens]  # "" or " " after each token
        self.lowers = [t.lower_ for t in tokens]
        self.pos = [t.pos_ for t in tokens]
        self.deps = [t.dep_ for t in tokens]
        self.punct = [t.is_punct for t in tokens]
        self.space = [t.is_space for t in tokens]
        self.quote = [t.is_quote for t in tokens]
        # HEAD holds each token's offset to its head, as unsigned 64-bit integers
        self.heads = [i + offset for i, offset in
                      enumerate(doc.to_array("HEAD").view("int64").tolist())]
        self._children: dict[int, list[int]] = {}  # read on demand, see children()
        self.sent_starts: list[int] = []
        self.sent_start_of: list[int] = []  # token -> first token of its sentence
        for sent in doc.sents:
            self.sent_starts.append(sent.start)
            self.sent_start_of += [sent.start] * (sent.end - sent.start)
        self.hits: list[_Hit] = []
        self.hits_at: dict[int, list[_Hit]] = {}
        self.mentions: list[Mention] = []
        self.first_seen: dict[str, int] = {}  # entry id -> token of its first full mention
        self.surnames: dict[str, str] = {}  # folded last word -> entry id (or x: id)
        self.unknown_names: dict[str, ActorRef] = {}  # folded last word or acronym -> actor
        self.unknown_first: dict[str, int] = {}  # x: id -> token of its first full mention
        self.titles: dict[str, dict[str, int]] = {}  # "prime minister" -> {actor id: token}
        self.dominant: str | None = None
        self.country_counts: Counter[str] = Counter()
        self.bare_titles: list[tuple[int, int, int, ActorRef]] = []
        self.head_memory: dict[str, str] = {}  # agent noun lemma -> country last given to it
        # member phrases waiting for the phrase they belong to: (start, end, token, fallback)
        self.deferred: list[tuple[int, int, int, list[ActorRef]]] = []
        # "the two governments", waiting for the states named before: (start, end, sector,
        # fallback)
        self.pairs: list[tuple[int, int, str, list[ActorRef]]] = []

    # ------------------------------------------------------------ stage 1
    def scan(self) -> None:
        pieces: list[tuple[int, str, str] | None] = []
        sent_start = set(self.sent_starts)
        texts = self.texts
        for i, text in enumerate(texts):
            if i in sent_start:
                pieces.append(None)
            if self.space[i] or text in _HYPHENS:
                continue
            if self.punct[i] or text in _POSSESSIVE or self.quote[i]:
                pieces.append(None)
                continue
            for part, folded in _word_parts(text):
                pieces.append((i, part, folded))
        folds = [p[2] if p is not None else None for p in pieces]
        phrases, lengths = self.kb.phrases, self.kb.lengths_longest_first
        n = len(pieces)
        resume = 0  # the piece after the last phrase found
        by_token: dict[int, int] = Counter()
        for i, folded in enumerate(folds):
            if i < resume:
                continue
            for length in lengths.get(folded, ()):
                if i + length > n:
                    continue
                # no phrase holds a break (None): a window across one finds nothing
                key = tuple(folds[i:i + length])
                targets = phrases.get(key)  # type: ignore[arg-type]
                if not targets:
                    continue
                window: list[tuple[int, str, str]] = pieces[i:i + length]  # type: ignore[assignment]
                if length > 1 and (key[-1].lower(),) in self.kb.agents:
                    # imported aliases such as THE_BUSH_ADMINISTRATION (filed under the person)
                    # are agent phrases; stage 3 reads them better
                    targets = [t for t in targets if t.rank == 0]
                if not targets or not _capitalised(window):
                    continue
                first, last = window[0], window[-1]
                tail = pieces[i + length] if i + length < n else None
                hit = _Hit(first[0], last[0] + 1, " ".join(p[1] for p in window), list(targets))
                suffix = None
                if tail is not None and tail[0] == last[0]:
                    suffix = tail[2].lower()
                elif last[0] + 2 < len(texts) and self.spaces[last[0]] == "" and \
                        texts[last[0] + 1] in _HYPHENS:
                    suffix = self.lowers[last[0] + 2]
                if suffix in _NOT_OWNER and not (suffix == "led" and any(
                        t.kind in ("country", "demonym", "capital") for t in targets)):
                    # "Iranian-backed militias" are not Iranian; a "U.S.-led coalition" is
                    hit.owner = False
                self.hits.append(hit)
                by_token[first[0]] += 1
                resume = i + length
                break
        for hit in self.hits:
            if by_token[hit.start] > 1 and hit.end - hit.start == 1:
                hit.compound = True
        for a, b in zip(self.hits, self.hits[1:], strict=False):
            # "Sunni-Shiite", "Israeli-Palestinian" tokenised as three tokens
            if b.start == a.end + 1 and texts[a.end] in _HYPHENS and \
                    self.spaces[a.end - 1] == "" and self.spaces[a.end] == "":
                a.compound = b.compound = True

    # ------------------------------------------------------------ stage 2
    def entities(self) -> None:
        texts, lowers, punct = self.texts, self.lowers, self.punct
        self.index_hits()
        dropped: set[int] = set()
        added: list[_Hit] = []
        named = {t.ref for h in self.hits for t in h.targets}
        for ent in self.doc.ents:
            label = ent.label_
            if label not in _ACTOR_LABELS:
                continue
            start, end = ent.start, ent.end
            while start < end and (lowers[start] == "the" or punct[start]):
                start += 1
            while end > start and (texts[end - 1] in _POSSESSIVE or punct[end - 1]):
                end -= 1
            if label == "PERSON":
                while start < end - 1 and fold_word(texts[start]).lower() in _TITLE_WORDS:
                    start += 1
            if start >= end:
                continue
            inside = self.hits_overlapping(start, end)
            covered = {i for h in inside for i in range(h.start, h.end)}
            needed = {i for i in range(start, end)
                      if not punct[i] and fold_word(texts[i]).lower() not in PARTICLES
                      and texts[i] not in _POSSESSIVE}
            if needed <= covered:
                continue
            if label not in ("GPE", "LOC") and self.names_a_thing(start, end):
                # a shrine, an air base, an operation: neither an actor nor a place to keep
                dropped.update(id(h) for h in inside if h.start >= start and h.end <= end)
                continue
            text = self.span_text(start, end)
            if label in _PLACE_LABELS:
                # a larger place name ("Sadr City") is a place, not the actor inside it
                known = self.r.fuzzy_lookup(text) if len(needed) > 1 else \
                    self.misspelt_country(text)
                places = [t.ref for h in inside for t in h.targets[:1]
                          if t.kind in ("city", "country", "capital")]
                for h in inside:
                    if h.start >= start and h.end <= end:
                        dropped.add(id(h))
                if known and self.kb.entries[known].kind == "country":
                    added.append(_Hit(start, end, text, [Target("country", known)]))
                elif places:
                    # "West Darfur State", "central Baghdad": a place in that country
                    added.append(_Hit(start, end, text, [Target("city", places[0])]))
                continue
            low = tuple(lowers[start:end])
            tail = next((n for n in (3, 2, 1) if len(low) >= n and low[-n:] in self.kb.agents),
                        0)
            named_words = [i for i in range(start, end - tail) if i not in covered
                           and texts[i][:1].isupper() and lowers[i] not in _TITLE_WORDS
                           and lowers[i] not in _GENERIC_CAPITALISED]
            if tail and label != "PERSON" and not named_words:
                # "the Iraqi Army", "the Administration": an agent phrase, read in stage 3;
                # "Baghdad University Medical School" has a name of its own and stays
                continue
            if label == "NORP" and len(needed) == 1 and (
                    self.pos[end - 1] == "ADJ" or self.deps[end - 1] in ("amod", "compound")):
                # an unknown adjective ("Socialist", "Islamic") describes, it does not act
                continue
            misspelt = self.misspelt_country(text) if len(needed) == 1 else None
            if misspelt:
                dropped.update(id(h) for h in inside)
                added.append(_Hit(start, end, text, [Target("country", misspelt)]))
                continue
            found = self.r.fuzzy_lookup(text) if label in ("PERSON", "ORG") else None
            if found and len(needed) < 2 and found not in named:
                # one word spelled like a known surname ("Al Asad" the air base) counts only
                # when the document also names that actor in full
                found = None
            dropped.update(id(h) for h in inside)
            if found:
                added.append(_Hit(start, end, text, [Target("actor", found)]))
            else:
                added.append(_Hit(start, end, text, [], label=label,
                                  inner=[h for h in inside if h.start >= start]))
        self.hits = sorted([h for h in self.hits if id(h) not in dropped] + added,
                           key=lambda h: (h.start, h.end))
        self.index_hits()

    def names_a_thing(self, start: int, end: int) -> bool:
        """Is the name at [start, end) a building or base ("the al-Askari shrine", "Al Asad
        air base") or the name of an operation ("the operation Charge of the Knights")?"""
        texts, lowers = self.texts, self.lowers
        after = lowers[end:end + 2]
        if lowers[end - 1] in _FACILITY_WORDS or (after and after[0] in _FACILITY_WORDS) \
                or after == ["air", "base"]:
            return True
        # the capitalised chain the name ends ("Charge of the Knights") and the word before it
        first = start
        floor = self.sent_start_of[start]
        while first > floor and (texts[first - 1][:1].isupper() or lowers[first - 1] in (
                "of", "the", "and")):
            first -= 1
        while first < start and lowers[first] in ("of", "the", "and"):
            first += 1
        if lowers[first] == "operation":
            return True
        return first > floor and lowers[first - 1] in _OPERATION_WORDS

    def children(self, i: int) -> list[int]:
        """Positions of the children of token ``i``, in document order (read once)."""
        found = self._children.get(i)
        if found is None:
            found = self._children[i] = [c.i for c in self.doc[i].children]
        return found

    def lefts(self, i: int) -> list[int]:
        """Children of token ``i`` before it (``Token.lefts`` as positions)."""
        return [c for c in self.children(i) if c < i]

    def rights(self, i: int) -> list[int]:
        """Children of token ``i`` after it (``Token.rights`` as positions)."""
        return [c for c in self.children(i) if c > i]

    def backer_modifier(self, i: int) -> bool:
        """A participle with a name fused before it by a hyphen: "Iran-backed", "U.S.-trained"."""
        return self.doc[i].tag_ == "VBN" and any(
            self.deps[c] in ("npadvmod", "compound", "nmod") for c in self.lefts(i))

    def index_hits(self) -> None:
        self.hits_at: dict[int, list[_Hit]] = {}
        for hit in self.hits:
            for i in range(hit.start, hit.end):
                self.hits_at.setdefault(i, []).append(hit)

    def hits_overlapping(self, start: int, end: int) -> list[_Hit]:
        """Hits that share a token with [start, end), in order, each once (via the index)."""
        seen: dict[int, _Hit] = {}
        for i in range(start, end):
            for hit in self.hits_at.get(i, ()):
                seen.setdefault(id(hit), hit)
        return sorted(seen.values(), key=lambda h: (h.start, h.end))

    def hits_within(self, start: int, end: int) -> list[_Hit]:
        """Hits inside [start, end), in order (``hits`` must be sorted and indexed)."""
        return [hit for i in range(start, end) for hit in self.hits_at.get(i, ())
                if hit.start == i and hit.end <= end]

    # ------------------------------------------------------------ helpers
    def primary(self, hit: _Hit) -> Target | None:
        """The target a hit most likely names, without document memory."""
        if len(hit.targets) < 2:
            return hit.targets[0] if hit.targets else None
        # packaged knowledge first: an imported dictionary adds actors, it does not override ours
        return min(hit.targets, key=lambda t: (t.rank, _KIND_ORDER.get(t.kind, 9)))

    def country_of(self, hit: _Hit, states_only: bool = True) -> str | None:
        """Country code a hit names or belongs to; with ``states_only=False`` also IGO, NGO,
        IMG ("United Nations Emergency Relief Coordinator" belongs to IGO)."""
        target = self.primary(hit)
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

    def compute_dominant(self) -> None:
        """Default country for actors the text gives none: the country the document places
        events in most often ("in Iraq", "in Baghdad"), else the one it names most often.

        Commentary about Iraq written in the U.S. names the U.S. often, but places the
        insurgents, the government and the militias in Iraq."""
        counts: Counter[str] = Counter()
        places: Counter[str] = Counter()
        for hit in self.hits:
            country = self.country_of(hit)
            if country:
                counts[country] += 1
                token = hit.end - 1
                target = self.primary(hit)
                placed = self.deps[token] == "pobj" and \
                    self.lowers[self.heads[token]] in _PLACE_PREPS  # "in Iraq"
                if placed or (target is not None and target.kind == "city") or (
                        target is not None and target.kind == "capital"
                        and not self.is_state(token)):
                    places[country] += 1
        self.country_counts = counts
        if places:
            self.dominant = places.most_common(1)[0][0]
        elif counts:
            self.dominant = counts.most_common(1)[0][0]

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

    def sentence_of(self, token_i: int) -> int:
        return bisect.bisect_right(self.sent_starts, token_i) - 1

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without building the span (start < end)."""
        texts, spaces = self.texts, self.spaces
        return "".join([texts[i] + spaces[i] for i in range(start, end - 1)]) + texts[end - 1]

    def add(self, start: int, end: int, ref: ActorRef, kind: str) -> None:
        text = self.span_text(start, end)
        ref = ActorRef(text, ref.id, ref.name, ref.country, ref.sector)
        self.mentions.append(Mention(self.document.id, self.sentence_of(start), start, end, text,
                                     ref, kind))

    # ------------------------------------------------------------ stage 3
    def agent_phrases(self) -> None:
        agents, agent_last_words = self.kb.agents, self.kb.agent_last_words
        texts, lowers, pos, deps = self.texts, self.lowers, self.pos, self.deps
        hit_at: dict[int, _Hit] = {}
        for hit in self.hits:
            for i in range(hit.start, hit.end):
                hit_at.setdefault(i, hit)
        for i, word in enumerate(lowers):
            if pos[i] not in ("NOUN", "PROPN") or deps[i] == "compound":
                continue
            sent_start = self.sent_start_of[i]
            sector = None
            group = None
            phrase_start = i
            head_hit = hit_at.get(i)
            if head_hit is not None:
                target = self.primary(head_hit)
                if target is None or target.kind != "group" or head_hit.consumed:
                    continue
                group = target.ref
            else:
                if word in agent_last_words:
                    low = lowers[max(sent_start, i - 2):i + 1]
                    for length in (3, 2, 1):
                        if len(low) >= length and tuple(low[-length:]) in agents:
                            sector = agents[tuple(low[-length:])]
                            phrase_start = i - length + 1
                            break
                if word in _AGENT_CARRIERS:
                    # "insurgent positions", "militia commanders": the agent word before the
                    # noun says who (a government word does not: "government positions")
                    for child in self.lefts(i):
                        mod = agents.get((lowers[child],))
                        if deps[child] in ("amod", "compound") and mod and mod != "GOV" and \
                                child not in hit_at and child < phrase_start:
                            sector, phrase_start = mod, child
                if sector is None and word in _FACTION_WORDS:
                    # "hardliners within the administration": whoever the institution is
                    sector = "?"
                if sector is None:
                    continue
            # "Iranian-backed militias": the backer is an actor of its own, not part of the
            # phrase (nor its country); the event coder makes it the SUPPORT's source.
            lefts = [c for c in self.lefts(i) if deps[c] in _NP_DEPS
                     and not self.backer_modifier(c)]
            left = min((self.doc[c].left_edge.i for c in lefts), default=i)
            if left < sent_start or any(
                    (pos[t] in ("VERB", "AUX") and texts[t - 1] not in _HYPHENS)
                    or lowers[t] == "that" for t in range(left, i)):
                # a mis-parse that reaches across a clause: keep the noun and its own words
                left = i
                while left > sent_start and deps[left - 1] in _NP_DEPS and \
                        self.heads[left - 1] >= left and pos[left - 1] != "VERB":
                    left -= 1
            span_hits = self.hits_within(left, i + 1)
            countries: list[str] = []
            groups: list[str] = [group] if group else []
            owner_actor: ActorRef | None = None
            owner_org: ActorRef | None = None
            owner_person: str | None = None
            person_hit: _Hit | None = None
            for h in span_hits:
                if h is head_hit or not h.owner:
                    continue
                target = self.primary(h)
                if target is None:
                    continue
                if target.kind in ("country", "demonym", "capital"):
                    countries.append(target.ref)
                elif target.kind == "group":
                    groups.append(target.ref)
                elif target.kind in ("actor", "short"):
                    owner_actor = self.r.actor_ref(self.resolve_target(h, target), h.text,
                                                   self.date)
                    if self.is_person(owner_actor.id, h):
                        owner_person = owner_actor.id
                        person_hit = h
                    else:
                        owner_org = owner_actor
                    if owner_actor.country:
                        countries.append(owner_actor.country)
            if not countries:
                for t in range(left, phrase_start):
                    if pos[t] == "PROPN" and t not in hit_at and texts[t][:1].isupper():
                        country = self.misspelt_country(texts[t])
                        if country:
                            countries.append(country)
            explicit = bool(countries)
            if not countries:
                for child in self.rights(i):
                    if deps[child] == "prep" and lowers[child] in ("of", "in", "from"):
                        for pobj in self.children(child):
                            h = hit_at.get(pobj)
                            if h is not None and h.owner:
                                country = self.country_of(h)
                                if country:
                                    countries.append(country)
            if owner_actor is None and not countries and not groups:
                possessor = self.possessor(i, lefts)
                if possessor is not None:
                    owner_actor = self.r.actor_ref(possessor, "", self.date)
                    if self.kb.entries[possessor].kind == "person":
                        owner_person = possessor
                    elif self.kb.entries[possessor].kind != "country":
                        # "the Sadrist movement ... its leaders": the movement's own people
                        owner_org = owner_actor
                    if owner_actor.country:
                        countries.append(owner_actor.country)
            countries = list(dict.fromkeys(countries))
            if owner_person is not None:
                organisation = dict(self.kb.entries[owner_person].organisations).get(word)
                if organisation in self.kb.entries:
                    owner_org = self.r.actor_ref(organisation, "", self.date)
                    self.add(left, i + 1, owner_org, "agent")
                    for h in span_hits:
                        h.consumed = True
                    continue
            if owner_org is None and word in _MEMBER_WORDS:
                for child in self.rights(i):
                    if deps[child] == "prep" and lowers[child] == "of":
                        for pobj in self.children(child):
                            h = hit_at.get(pobj)
                            target = self.primary(h) if h is not None else None
                            if target is not None and target.kind == "actor" and \
                                    not self.is_person(target.ref, h):
                                owner_org = self.r.actor_ref(target.ref, "", self.date)
            if owner_org is not None and word in _MEMBER_WORDS:
                # "Hezbollah fighters", "Dawa leaders": the organisation itself
                self.add(left, i + 1, owner_org, "agent")
                for h in span_hits:
                    h.consumed = True
                continue
            if owner_actor is None and head_hit is None and self.distribute(
                    i, left, sector, span_hits):
                continue
            head = self.doc[i]
            head_key = head.lemma_.lower()
            if countries and not groups and len(countries) == 1:
                self.head_memory[head_key] = countries[0]
            elif not countries and not groups and owner_actor is None and \
                    head_key in self.head_memory:
                # "the administration" after "the Bush administration" is the same one
                countries = [self.head_memory[head_key]]
            several_states = bool(groups and not countries and head.tag_ == "NNS"
                                  and word in _INSTITUTIONS)
            if not countries and groups:
                country = self.group_country(groups[0])
                countries = [country] if country else []
            elif not countries and self.dominant and sector not in _NO_DEFAULT_COUNTRY and (
                    owner_actor is None or owner_actor.country is None):
                countries = [self.dominant]
            if groups and word in ("leader", "leaders", "leadership"):
                # "Sunni leaders" are the group's notables, not a government
                sector = "ELI"
            if sector in _STATE_SECTORS and word not in _INSTITUTIONS and any(
                    lowers[t] in _FORMER for t in range(left, i)):
                # "a former minister" is a notable now
                sector = "ELI"
            if sector in _STATE_SECTORS and word in _INSTITUTIONS:
                # "the Shiite-led government" is the government of the country, not a group's
                if several_states:
                    # "Sunni Arab governments": the governments of several countries where the
                    # group lives, not of the document's country
                    countries = []
                else:
                    groups = []
            if person_hit is not None and person_hit.end < i and \
                    texts[person_hit.end] in _POSSESSIVE:
                # "Maliki's cabinet": the cabinet is the state's (IRQ_GOV), and Maliki stays a
                # mention of his own, so the network keeps the person and the institution
                left = person_hit.end + 1
                span_hits = [h for h in span_hits if h.start >= left]
            via = self.member_of(i) if (
                word in _MEMBER_WORDS or word in _FACTION_WORDS) and not groups \
                and owner_actor is None and not explicit else None
            if sector in _STATE_SECTORS and head.tag_ == "NNS" and not explicit and not groups \
                    and owner_actor is None and any(lowers[c] in ("two", "both")
                                                    for c in self.children(i)):
                # "the two governments": the two states the text just named
                self.pairs.append((left, i + 1, sector, [
                    self.r.composed_ref("", c, None, sector) for c in countries]))
                continue
            if via is not None or sector == "?":
                # "leaders of major insurgent groups", "hardliners within the Bush
                # administration": the actor of the phrase they belong to (read after all
                # phrases are), else what the head noun alone gives
                fallback = [] if sector == "?" else [
                    self.r.composed_ref("", c, None, sector) for c in countries]
                if via is not None:
                    self.deferred.append((left, i + 1, via, fallback))
                elif fallback:
                    for ref in fallback:
                        self.add(left, i + 1, ref, "agent")
                continue
            bare = all(deps[c] == "det" or c >= phrase_start for c in lefts) and not groups \
                and owner_actor is None \
                and not [h for h in span_hits if h is not head_hit and h.owner]
            if sector == "GOV" and bare:
                # "the prime minister": decided after the names are read (see bare_titles)
                ref = self.r.composed_ref("", countries[0] if countries else None, None, sector)
                self.bare_titles.append((left, i + 1, i, ref))
                continue
            group_id = groups[0] if groups else None
            if not countries and group_id is None:
                # "the police" in a text that names no country: no identity to give it
                continue
            kind = "compound" if len(countries) > 1 else "agent"
            for country in countries or [None]:
                self.add(left, i + 1, self.r.composed_ref("", country, group_id, sector),
                         kind)
            for h in span_hits:
                if h.owner:
                    h.consumed = True

    def member_of(self, noun: int) -> int | None:
        """Token of the phrase a member noun belongs to ("leaders of the insurgent groups",
        "hardliners within the administration"), when that phrase names no place."""
        for child in self.rights(noun):
            if self.deps[child] == "prep" and self.lowers[child] in (
                    "of", "within", "inside", "among", "in"):
                for pobj in self.children(child):
                    if self.deps[pobj] == "pobj" and self.pos[pobj] in ("NOUN", "PROPN"):
                        return pobj
        return None

    def resolve_deferred(self) -> None:
        """Member phrases take the actor of the phrase they belong to (see agent_phrases)."""
        for left, end, via, fallback in reversed(self.deferred):
            found = [m.actor for m in self.mentions if m.end - 1 == via]
            places = [a for a in found if a.sector is None and a.id in self.kb.country_names]
            found = [a for a in found if a not in places]
            for ref in dict.fromkeys(found or fallback):
                self.add(left, end, ref, "agent")

    def resolve_pairs(self) -> None:
        """"the two governments" after "Maliki welcomed Ahmadinejad": the states of the two
        nearest state actors before it in this or the previous sentence."""
        for left, end, sector, fallback in self.pairs:
            sentence = self.sentence_of(left)
            states: list[str] = []
            for m in sorted(self.mentions, key=lambda m: m.start, reverse=True):
                if m.start >= left or m.sentence_index < sentence - 1:
                    continue
                country = m.actor.country
                if country in self.kb.country_names and m.actor.sector in _STATE_SECTORS and \
                        country not in states:
                    states.append(country)
                if len(states) == 2:
                    break
            refs = [self.r.composed_ref("", c, None, sector) for c in states] \
                if len(states) == 2 else fallback
            for ref in refs:
                self.add(left, end, ref, "compound" if len(refs) > 1 else "agent")

    def distribute(self, noun: int, left: int, sector: str | None,
                   span_hits: list[_Hit]) -> bool:
        """"Kurdish, Sunni and American leaders": coordinated modifiers name one actor each
        (the head noun distributes over them). True when it emitted the mentions."""
        texts, deps = self.texts, self.deps
        word = self.lowers[noun]
        kinds = ("country", "demonym", "capital", "group")
        if any(deps[t] == "cc" for t in range(left, noun)):
            # "Kurdish, Sunni and American leaders" parsed with "Kurdish" outside the phrase:
            # a comma list of modifiers that ends in this coordination belongs to it
            while left - 2 >= self.sent_start_of[noun] and texts[left - 1] == ",":
                before = [h for h in self.hits_at.get(left - 2, ()) if h.end == left - 1
                          and self.primary(h) is not None and self.primary(h).kind in kinds]
                if not before:
                    break
                left = before[0].start
                # it may have been read as a phrase of its own ("Kurdish" as a noun)
                self.mentions = [m for m in self.mentions if not (
                    m.start == before[0].start and m.end == before[0].end and m.kind == "agent")]
                span_hits = [*before, *span_hits]
        mods = [h for h in span_hits if h.owner and self.primary(h) is not None
                and self.primary(h).kind in kinds]
        if len(mods) < 2 or not any(self.primary(h).kind == "group" for h in mods):
            return False  # countries alone are already one actor each ("U.S. and Iraqi")
        seps = [t for t in range(left, noun) if deps[t] == "cc" or texts[t] == ","]
        segments: dict[int, list[_Hit]] = {}
        for h in mods:
            segments.setdefault(bisect.bisect_right(seps, h.start), []).append(h)
        if len(segments) < 2:
            return False
        for part in segments.values():
            countries = [self.primary(h).ref for h in part if self.primary(h).kind != "group"]
            groups = [self.primary(h).ref for h in part if self.primary(h).kind == "group"]
            group = groups[0] if groups else None
            part_sector = sector
            if group and word in ("leader", "leaders", "leadership"):
                part_sector = "ELI"
            if part_sector in _STATE_SECTORS and word in _INSTITUTIONS:
                group = None
            country = countries[0] if countries else (
                self.group_country(group) if group else None) or self.dominant
            self.add(left, noun + 1, self.r.composed_ref("", country, group, part_sector),
                     "compound")
        for h in span_hits:
            if h.owner:
                h.consumed = True
        return True

    def misspelt_country(self, word: str) -> str | None:
        """A country name with a typo ("Quatar", "Phillippines"); one word, close spelling."""
        known = self.r.fuzzy_lookup(word)
        if known is None or self.kb.entries[known].kind != "country":
            return None
        entry = self.kb.entries[known]
        best = max(fuzz.ratio(fold_name(word), fold_name(a)) for a in (entry.name, *entry.aliases))
        return known if best >= 85 else None

    def possessor(self, noun: int, lefts: list[int]) -> str | None:
        """"his fighters" / "its troops": the actor a possessive pronoun most plausibly means.

        Conservative: "his"/"her" is the nearest preceding person named in this or the previous
        sentence; "its"/"their" the nearest preceding country or organisation in this
        sentence."""
        pronoun = next((self.lowers[c] for c in lefts if self.deps[c] == "poss"
                        and self.lowers[c] in ("his", "her", "its", "their")), None)
        if pronoun is None:
            return None
        sentence = self.sentence_of(noun)
        floor = self.sent_starts[max(0, sentence - 1)] if pronoun in ("his", "her") else \
            self.sent_starts[sentence]
        for i in range(noun - 1, floor - 1, -1):
            for hit in self.hits_at.get(i, ()):
                target = self.primary(hit)
                if target is None or hit.end - 1 != i:
                    continue
                if target.kind in ("actor", "short"):
                    entry_id = self.resolve_target(hit, target)
                    person = self.is_person(entry_id, hit)
                    if person == (pronoun in ("his", "her")):
                        return entry_id
                elif target.kind == "country" and pronoun in ("its", "their"):
                    return target.ref
        return None

    def is_person(self, entry_id: str, hit: _Hit) -> bool:
        """Packaged entries say so; imported ones are people when spaCy tagged the name so."""
        entry = self.kb.entries.get(entry_id)
        if entry is None:
            return False
        if entry.kind == "person" or entry.short:
            return True
        return entry.source != "packaged" and self.doc[hit.start].ent_type_ == "PERSON"

    def title_reference(self, noun: int) -> ActorRef | None:
        """'the prime minister' -> the one actor the document introduced with that title."""
        words = self.lowers[max(self.sent_start_of[noun], noun - 2):noun + 1]
        for length in (3, 2, 1):
            key = " ".join(words[-length:])
            if tuple(words[-length:]) in TITLES and key in self.titles:
                ids = {i for i, first in self.titles[key].items() if first < noun}
                if len(ids) == 1:
                    return self.r.actor_ref(next(iter(ids)), "", self.date)
                return None
        return None

    def resolve_bare_titles(self) -> None:
        for start, end, noun, ref in self.bare_titles:
            title_ref = self.title_reference(noun)
            self.add(start, end, title_ref or ref, "title" if title_ref else "agent")

    # ------------------------------------------------------------ stage 4
    def resolve_target(self, hit: _Hit, target: Target) -> str:
        """Entry id for an actor/short target, preferring actors the document named before."""
        candidates = [t for t in hit.targets if t.kind in ("actor", "short")]
        last = fold_word(hit.text.split()[-1]).lower() if hit.text.split() else ""
        if target.kind == "short" or all(t.kind == "short" for t in candidates):
            earlier = self.surnames.get(last)
            if earlier and earlier in self.kb.entries:
                return earlier
        seen = [t for t in candidates if t.ref in self.first_seen]
        if seen:
            return min(seen, key=lambda t: self.first_seen[t.ref]).ref
        full = [t for t in candidates if t.kind == "actor"]
        pool = full or candidates
        order = {t: i for i, t in enumerate(pool)}
        return min(pool, key=lambda t: (t.rank, -self.role_score(t.ref), order[t])).ref

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

    def is_state(self, token: int) -> bool:
        """Does a country/capital name (its last token) act as the state here (subject,
        object, partner)?"""
        deps, heads, lowers = self.deps, self.heads, self.lowers
        while deps[token] in ("conj", "appos") and heads[token] != token:
            token = heads[token]
        if deps[token] in _STATE_DEPS:
            return True
        if deps[token] != "pobj" or lowers[heads[token]] not in _STATE_PREPS:
            return False
        prep = heads[token]
        verb = heads[prep]
        verb_lemma = self.doc[verb].lemma_
        if lowers[prep] in ("to", "from", "toward", "towards") and verb_lemma in _MOTION_VERBS:
            # "returned to Iraq", "fled from Syria": a destination or origin, not the state
            return False
        if lowers[prep] == "to" and verb_lemma in ("send", "dispatch", "deploy"):
            # "sent troops to Iraq" is a place; "sent a delegation to Tehran" the government
            for child in self.children(verb):
                if deps[child] == "dobj" and self.kb.agents.get((lowers[child],)) in (
                        "MIL", "REF", "CVL", "REB"):
                    return False
        return True

    def emit_hits(self) -> None:
        self.attach_title_modifiers()
        self.attach_group_countries()
        for hit in self.hits:
            if hit.consumed:
                continue
            target = self.primary(hit)
            last_tok = hit.end - 1
            kind = "compound" if hit.compound else "entity"
            if target is None:
                self.emit_unknown(hit)
                continue
            if target.kind in ("actor", "short"):
                entry_id = self.resolve_target(hit, target)
                entry = self.kb.entries[entry_id]
                if entry.kind == "country":
                    self.emit_country(hit, entry.id, last_tok, kind)
                    continue
                ref = self.r.actor_ref(entry_id, hit.text, self.date)
                self.remember(hit, entry_id)
                self.add(hit.start, hit.end, ref, kind)
            elif target.kind in ("country", "capital", "demonym"):
                people = target.kind == "demonym" and self.doc[last_tok].tag_ in (
                    "NNS", "NNPS") or (target.kind == "demonym" and hit.text.endswith("s")
                                       and self.pos[last_tok] in ("NOUN", "PROPN"))
                self.emit_country(hit, target.ref, last_tok, kind, people,
                                  target.kind == "demonym")
            elif target.kind == "city":
                # a city is where something happens, never the state ("in Falluja")
                self.add(hit.start, hit.end, self.r.composed_ref("", target.ref, None, None),
                         kind)
            elif target.kind == "group":
                self.add(hit.start, hit.end, self.r.composed_ref(
                    "", hit.country or self.group_country(target.ref), target.ref, None), kind)

    def attach_group_countries(self) -> None:
        """"the U.S.-Iraqi Sunni alliance": the adjective right before a group word is the
        group's country (the Iraqi Sunnis), one actor rather than Iraq plus the Sunnis."""
        for hit in self.hits:
            target = self.primary(hit)
            if hit.consumed or target is None or target.kind != "group" or hit.start == 0:
                continue
            before = [h for h in self.hits_at.get(hit.start - 1, ())
                      if h.end == hit.start and not h.consumed and h.owner]
            if not before:
                continue
            other = before[-1]  # "U.S.-Iraqi": the part next to the group word
            other_target = self.primary(other)
            token = other.end - 1
            if other_target is not None and other_target.kind in ("country", "demonym") and (
                    self.pos[token] == "ADJ" or self.deps[token] in ("amod", "compound", "nmod")):
                hit.country = other_target.ref
                hit.compound = hit.compound or other.compound
                other.consumed = True

    def emit_country(self, hit: _Hit, iso: str, token: int, kind: str,
                     people: bool = False, demonym: bool = False) -> None:
        """A country, capital or demonym (``token`` its last token): the state when it acts,
        else the place.

        Plural demonyms name people: "ethnic Albanians" in Macedonia are a group of Macedonia,
        "Iraqis voted" are Iraqi civilians, "the Iranians" (the other side) the state."""
        lowers, deps = self.lowers, self.deps
        head = self.heads[token]
        dets = {lowers[c] for c in self.children(token) if deps[c] in ("det", "amod")}
        if people and "ethnic" in dets:
            home = self.dominant if self.dominant and self.dominant != iso else None
            name = f"ethnic {hit.text}" + (f" in {self.kb.name_of(home)}" if home else "")
            ref = ActorRef("", compose_id(home, f"ETH{iso}", None), name, home or iso, "ETH")
        elif hit.owner and deps[token] in ("amod", "compound", "nmod") and \
                lowers[head] in _ACTION_NOUNS and head > token and not (
                    not demonym and lowers[head] in _UNDERGONE):
            # "Iranian interference", "U.S. pressure": the state doing it, the same node as
            # "Iran demanded" and "Tehran rejected"
            ref = self.r.composed_ref("", iso, None, "GOV")
        elif self.pos[token] in ("ADJ",) or deps[token] in ("amod", "compound", "nmod") or \
                not hit.owner:
            ref = self.r.composed_ref("", iso, None, None)
        elif people and "the" not in dets and self.is_state(token):
            ref = self.r.composed_ref("", iso, None, "CVL")
        elif self.is_state(token):
            ref = self.r.composed_ref("", iso, None, "GOV")
        else:
            ref = self.r.composed_ref("", iso, None, None)
        self.add(hit.start, hit.end, ref, kind)

    def remember(self, hit: _Hit, entry_id: str) -> None:
        self.first_seen.setdefault(entry_id, hit.start)
        for surname in (*self.r.surnames_of(entry_id), _last_word(hit.text)):
            if surname:
                self.surnames.setdefault(surname, entry_id)
        # a title right before the name ("Prime Minister Maliki") is remembered for
        # later bare uses ("the prime minister")
        before = [w.rstrip(".") for w in self.lowers[max(0, hit.start - 3):hit.start]]
        inside = [w.rstrip(".") for w in self.lowers[hit.start:hit.end]]
        for length in (3, 2, 1):
            for key in (tuple(before[-length:]), tuple(inside[:length])):
                # a title before the name, or one the alias itself starts with
                # ("President George W. Bush"), as long as a name follows it
                if len(key) == length and key in TITLES and len(inside) > length:
                    self.titles.setdefault(" ".join(key), {}).setdefault(entry_id, hit.start)
                    return

    def emit_unknown(self, hit: _Hit) -> None:
        name = _clean_name(hit.text)
        words = [w.lower() for w in _fold_key(name) if w.lower() not in PARTICLES]
        if not words:
            return
        last = words[-1]
        country, sector = self.unknown_attributes(hit)
        if hit.label in ("PERSON", "ORG") and len(words) == 1:
            known = self.surnames.get(last)
            if known and known in self.kb.entries:
                self.add(hit.start, hit.end, self.r.actor_ref(known, name, self.date), "entity")
                return
            if last in self.unknown_names:
                # a surname or an acronym of an unknown actor named in full before
                full = self.unknown_names[last]
                self.add(hit.start, hit.end, ActorRef(name, full.id, full.name,
                                                      country or full.country,
                                                      sector or full.sector), "entity")
                return
        entry_id = "x:" + slugify(name)
        ref = ActorRef(name, entry_id, name, country, sector)
        if len(words) > 1:
            self.unknown_names.setdefault(last, ref)
            self.unknown_first.setdefault(entry_id, hit.start)
            acronym = self.parenthesised_acronym(hit.end)
            if acronym:
                self.unknown_names.setdefault(acronym, ref)
                self.unknown_first.setdefault(entry_id, hit.start)
        self.add(hit.start, hit.end, ref, "entity")

    def parenthesised_acronym(self, after: int) -> str | None:
        """"Islamic Salvation Front (FIS)": the acronym the text defines for a name."""
        texts = self.texts
        if after + 2 < len(texts) and texts[after] == "(" and texts[after + 2] == ")":
            word = texts[after + 1]
            if word.isupper() and 2 <= len(word) <= 8 and word.isalpha():
                return fold_word(word).lower()
        return None

    def unknown_attributes(self, hit: _Hit) -> tuple[str | None, str | None]:
        """Country and sector of an unknown actor from words inside it and titles before it."""
        country = None
        for inner in hit.inner:
            country = self.country_of(inner, states_only=False)
            if country:
                break
        sector = None
        words = [w.rstrip(".") for w in self.lowers[max(0, hit.start - 3):hit.start]]
        for length in (3, 2, 1):
            key = tuple(words[-length:])
            if len(key) == length and key in TITLES:
                sector = TITLES[key]
                break
        if sector is None:
            low = self.lowers[hit.start:hit.end]
            for length in (3, 2, 1):
                if len(low) >= length and tuple(low[-length:]) in self.kb.agents:
                    sector = self.kb.agents[tuple(low[-length:])]
                    break
        if country is None:
            for other in self.title_modifiers(hit):
                country = self.country_of(other, states_only=False) or country
        if country is None and hit.label == "PERSON" and sector is not None:
            # "President X" in a text about one country is most likely its president
            country = self.dominant
        return country, sector

    def title_modifiers(self, hit: _Hit) -> list[_Hit]:
        """Country words in the title chain before a name ("Serbian President X",
        "Lebanon's new President X"): they describe the person, they are not actors."""
        heads = self.heads
        root = hit.end - 1
        found = []
        for i in range(max(0, hit.start - 4), hit.start):
            if hit.start <= heads[i] < hit.end or heads[heads[i]] == root:
                for other in self.hits_at.get(i, ()):
                    target = self.primary(other)
                    if other is not hit and target is not None and (target.kind in (
                            "country", "demonym", "capital") or (
                            target.kind == "actor" and not self.is_person(target.ref, other))):
                        # "Arab League Secretary General X" belongs to the Arab League
                        found.append(other)
        return found

    def attach_title_modifiers(self) -> None:
        for hit in self.hits:
            target = self.primary(hit)
            person = (target is None and hit.label == "PERSON") or (
                target is not None and target.kind in ("actor", "short")
                and self.is_person(target.ref, hit))
            if person:
                for other in self.title_modifiers(hit):
                    target = self.primary(other)
                    if not hit.targets:
                        hit.inner.append(other)
                        other.consumed = True
                    elif target is not None and target.kind != "actor":
                        # "Iraqi Prime Minister Nouri al-Maliki": the adjective is his, but
                        # "Democrats Hillary Clinton" still names the party
                        other.consumed = True

    # ------------------------------------------------------------ stage 5
    def pronouns(self) -> None:
        by_sentence: dict[int, list[Mention]] = {}
        for m in self.mentions:
            by_sentence.setdefault(m.sentence_index, []).append(m)
        ends = [*self.sent_starts[1:], len(self.texts)]
        for index in range(1, len(self.sent_starts)):
            first = next((i for i in range(self.sent_starts[index], ends[index])
                          if not (self.punct[i] or self.space[i] or self.quote[i])), None)
            if first is None or self.lowers[first] not in _PRONOUNS or \
                    self.deps[first] not in ("nsubj", "nsubjpass", "poss"):
                continue
            # the people who are subjects of the previous sentence (with their conjuncts:
            # "Sadr and Allawi met" has two); only a single one is safe to refer to
            subjects = {m.actor.id: m for m in by_sentence.get(index - 1, [])
                        if m.kind != "pronoun" and self.is_subject(m.end - 1)
                        and self.mentions_person(m)}
            if len(subjects) != 1:
                continue
            (mention,) = subjects.values()
            self.add(first, first + 1, mention.actor, "pronoun")

    def is_subject(self, token: int) -> bool:
        while self.deps[token] == "conj" and self.heads[token] != token:
            token = self.heads[token]
        return self.deps[token] in ("nsubj", "nsubjpass")

    def mentions_person(self, mention: Mention) -> bool:
        entry = self.kb.entries.get(mention.actor.id)
        if entry is not None and entry.kind == "person":
            return True
        return self.doc[mention.end - 1].ent_type_ == "PERSON" and (
            entry is None or entry.source != "packaged")

    def later_surnames(self) -> None:
        """Surnames the tagger missed ("Quillfeather said") after a full mention of the name."""
        if not self.unknown_names:
            return
        covered = {i for m in self.mentions for i in range(m.start, m.end)}
        texts = self.texts
        for i, pos in enumerate(self.pos):
            if i in covered or pos != "PROPN" or not texts[i][:1].isupper():
                continue
            word = fold_word(texts[i]).lower()
            if word in self.unknown_names:
                full = self.unknown_names[word]
                if self.unknown_first.get(full.id, len(texts)) < i:
                    self.add(i, i + 1, full, "entity")

    def run(self) -> list[Mention]:
        self.scan()
        self.entities()
        self.compute_dominant()
        self.agent_phrases()
        self.emit_hits()
        self.resolve_bare_titles()
        self.resolve_deferred()
        self.resolve_pairs()
        self.later_surnames()
        self.pronouns()
        unique = {(m.start, m.end, m.actor.id): m for m in self.mentions}
        return sorted(unique.values(), key=lambda m: (m.start, m.end, m.actor.id))


@functools.lru_cache(maxsize=4096)
def _word_parts(text: str) -> tuple[tuple[str, str], ...]:
    """The pieces a token is split into at hyphens and slashes ("U.S.-Iraqi"), each with its
    folded form (cached: the same words recur in every document; the bound keeps a long
    ingest from growing with its vocabulary)."""
    return tuple((part, fold_word(part)) for part in _SPLIT.split(text) if part)


@functools.lru_cache(maxsize=4096)
def _last_word(alias: str) -> str | None:
    """Folded last word of a name, particles aside ("Nouri al-Maliki" -> "maliki")."""
    words = [w.lower() for w in _fold_key(alias) if w.lower() not in PARTICLES]
    return words[-1] if words else None


def _clean_name(text: str) -> str:
    """Strip quotes, dashes and brackets that cling to an entity ("--Matthew Duss")."""
    return re.sub(r"^[^\w]+|[^\w.]+$", "", text) or text


def _capitalised(window: list[tuple[int, str, str]]) -> bool:
    """Names are written with a capital: "Rice" the person, not "rice"; "al-Sadr" is fine."""
    for _, text, folded in window:
        if folded in PARTICLES or folded == "the":
            continue
        return text[:1].isupper() or text[:1].isdigit()
    return False
