"""Pass 5, coreference: phrases and words that refer back to actors named before.

In order: bare titles ("the prime minister" after "Prime Minister Tom Wren"), member phrases
("leaders of the rebel groups" take the groups' actor), "the two governments" (the two states
just named), surnames the tagger missed, and a sentence-initial "he"/"his" (the single person
subject of the previous sentence), and "we"/"our" in the author's voice when the document's
source is a known issuer. Each step reads the mentions found so far and returns the ones it
adds.
"""

from __future__ import annotations

from collections.abc import Sequence

from faultlines.actors.evidence import modifier_evidence, office_holder_of
from faultlines.actors.issuers import FIRST_PERSON
from faultlines.actors.normalize import fold_word
from faultlines.actors.passes.context import STATE_SECTORS, DocumentContext, NameMemory
from faultlines.actors.passes.phrase_records import BareTitle, DeferredPhrase, StatePair
from faultlines.actors.passes.tokens import TokenTable
from faultlines.actors.passes.words import WordList, resolver_words
from faultlines.types import ActorRef, Mention

__all__ = ["resolve_bare_titles", "resolve_deferred", "resolve_pairs", "later_surnames",
           "pronoun_subject", "resolve_pronouns", "is_subject", "first_word", "quoted_tokens",
           "author_first_person", "office_reference"]

_PRONOUNS = resolver_words()[WordList.SUBJECT_PRONOUNS]
_TITLES = resolver_words().titles
_ARTICLES = frozenset({"the", "a", "an"})


def _title_reference(ctx: DocumentContext, memory: NameMemory, noun: int) -> ActorRef | None:
    """'the prime minister' -> the one actor the document introduced with that title."""
    words = ctx.tokens.lowers[max(ctx.tokens.sent_start_of[noun], noun - 2):noun + 1]
    for length in (3, 2, 1):
        key = tuple(words[-length:])
        title = " ".join(key)
        if key in _TITLES and title in memory.titles:
            ids = {i for i, first in memory.titles[title].items() if first < noun}
            if len(ids) == 1:
                return ctx.resolver.actor_ref(next(iter(ids)), "", ctx.date)
            return None
    return None


def office_reference(ctx: DocumentContext, bare: BareTitle) -> ActorRef | None:
    """"the British foreign secretary" in September 2016: the one person who held the office
    the words name on the document's date (:func:`evidence.office_holder_of`), or None."""
    words = [w for w in ctx.tokens.texts[bare.start:bare.end] if w.lower() not in _ARTICLES]
    holder = office_holder_of(modifier_evidence(words, ctx.kb, ctx.date), ctx.kb, ctx.date)
    if holder is None or holder not in ctx.kb.entries:
        return None
    return ctx.resolver.actor_ref(holder, "", ctx.date)


def resolve_bare_titles(ctx: DocumentContext, memory: NameMemory,
                        titles: Sequence[BareTitle]) -> list[Mention]:
    """"the prime minister": the person introduced with that title, else the holder of the
    office on the document's date, else the government."""
    out = []
    for bare in titles:
        ref = _title_reference(ctx, memory, bare.noun) or office_reference(ctx, bare)
        out.append(ctx.mention(bare.start, bare.end, ref or bare.ref, "title" if ref else "agent"))
    return out


def resolve_deferred(ctx: DocumentContext, mentions: Sequence[Mention],
                     deferred: Sequence[DeferredPhrase]) -> list[Mention]:
    """Member phrases take the actor of the phrase they belong to, last first (so "leaders
    of members of X" reads X's actor through its members)."""
    out: list[Mention] = []
    for phrase in reversed(deferred):
        found = [m.actor for m in (*mentions, *out) if m.end - 1 == phrase.via]
        places = [a for a in found if a.sector is None and a.id in ctx.kb.country_names]
        found = [a for a in found if a not in places]
        for ref in dict.fromkeys(found or phrase.fallback):
            out.append(ctx.mention(phrase.start, phrase.end, ref, "agent"))
    return out


def _two_states_before(ctx: DocumentContext, mentions: Sequence[Mention], left: int
                       ) -> list[str]:
    """The countries of the (at most two) nearest state actors before ``left`` in this or
    the previous sentence."""
    sentence = ctx.sentence_of(left)
    states: list[str] = []
    for m in sorted(mentions, key=lambda m: m.start, reverse=True):
        if m.start >= left or m.sentence_index < sentence - 1:
            continue
        country = m.actor.country
        if country in ctx.kb.country_names and m.actor.sector in STATE_SECTORS and \
                country not in states:
            states.append(country)
        if len(states) == 2:
            break
    return states


def resolve_pairs(ctx: DocumentContext, mentions: Sequence[Mention],
                  pairs: Sequence[StatePair]) -> list[Mention]:
    """"the two governments" after "Wren welcomed Osei": the states of the two nearest state
    actors before it in this or the previous sentence, else the phrase's own reading."""
    out: list[Mention] = []
    for pair in pairs:
        states = _two_states_before(ctx, (*mentions, *out), pair.start)
        refs = [ctx.resolver.composed_ref("", c, None, pair.sector) for c in states] \
            if len(states) == 2 else list(pair.fallback)
        for ref in refs:
            out.append(ctx.mention(pair.start, pair.end, ref,
                                   "compound" if len(refs) > 1 else "agent"))
    return out


def later_surnames(ctx: DocumentContext, memory: NameMemory,
                   mentions: Sequence[Mention]) -> list[Mention]:
    """Surnames the tagger missed ("Quillfeather said") after a full mention of the name."""
    if not memory.unknown_names:
        return []
    covered = {i for m in mentions for i in range(m.start, m.end)}
    texts, out = ctx.tokens.texts, []
    for i, pos in enumerate(ctx.tokens.pos):
        if i in covered or pos != "PROPN" or not texts[i][:1].isupper():
            continue
        word = fold_word(texts[i]).lower()
        if word in memory.unknown_names:
            full = memory.unknown_names[word]
            if memory.unknown_first.get(full.id, len(texts)) < i:
                out.append(ctx.mention(i, i + 1, full, "entity"))
    return out


def is_subject(deps: Sequence[str], heads: Sequence[int], token: int) -> bool:
    """Is the token (or the first of the conjuncts it belongs to) a subject?

    >>> is_subject(["nsubj", "cc", "conj", "ROOT"], [3, 0, 0, 3], 2)
    True
    """
    while deps[token] == "conj" and heads[token] != token:
        token = heads[token]
    return deps[token] in ("nsubj", "nsubjpass")


def first_word(tokens: TokenTable, start: int, end: int) -> int | None:
    """The first token of [start, end) that is not punctuation, a space or a quote."""
    return next((i for i in range(start, end)
                 if not (tokens.punct[i] or tokens.space[i] or tokens.quote[i])), None)


def pronoun_subject(tokens: TokenTable, start: int, end: int) -> int | None:
    """The token of a sentence-initial "he", "she", "his" or "her" that is a subject or a
    possessor, or None.

    >>> from faultlines.actors.passes.tokens import tokens_from_columns
    >>> t = tokens_from_columns(["He", "left", "."], ["PRON", "VERB", "PUNCT"],
    ...                         ["nsubj", "ROOT", "punct"], [1, 1, 1])
    >>> pronoun_subject(t, 0, 3)
    0
    """
    first = first_word(tokens, start, end)
    if first is None or tokens.lowers[first] not in _PRONOUNS or \
            tokens.deps[first] not in ("nsubj", "nsubjpass", "poss"):
        return None
    return first


def _mentions_person(ctx: DocumentContext, mention: Mention) -> bool:
    entry = ctx.kb.entries.get(mention.actor.id)
    if entry is not None and entry.kind == "person":
        return True
    return ctx.tokens.ent_types[mention.end - 1] == "PERSON" and (
        entry is None or entry.source != "packaged")


def resolve_pronouns(ctx: DocumentContext, mentions: Sequence[Mention]) -> list[Mention]:
    """A sentence-initial "he"/"his" refers to the single person subject of the previous
    sentence (with conjuncts: "Wren and Osei met" has two, and then nobody is meant)."""
    tokens = ctx.tokens
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence_index, []).append(m)
    ends = [*tokens.sent_starts[1:], len(tokens)]
    out = []
    for index in range(1, len(tokens.sent_starts)):
        first = pronoun_subject(tokens, tokens.sent_starts[index], ends[index])
        if first is None:
            continue
        subjects = {m.actor.id: m for m in by_sentence.get(index - 1, [])
                    if m.kind != "pronoun" and is_subject(tokens.deps, tokens.heads, m.end - 1)
                    and _mentions_person(ctx, m)}
        if len(subjects) == 1:
            (mention,) = subjects.values()
            out.append(ctx.mention(first, first + 1, mention.actor, "pronoun"))
    return out


_QUOTE_TOKENS = frozenset({'"', "\u201c", "\u201d", "``", "''", "\u00ab", "\u00bb"})


def quoted_tokens(tokens: TokenTable) -> frozenset[int]:
    """Positions inside quotation marks (a quoted speaker's words, not the author's); a quote
    left open closes at the end of its sentence.

    >>> from faultlines.actors.passes.tokens import tokens_from_columns
    >>> t = tokens_from_columns(["We", "said", '"', "we", "go", '"'], ["PRON", "VERB", "PUNCT",
    ...     "PRON", "VERB", "PUNCT"], ["nsubj", "ROOT", "punct", "nsubj", "ccomp", "punct"],
    ...     [1, 1, 1, 4, 1, 1])
    >>> sorted(quoted_tokens(t))
    [3, 4]
    """
    inside, opened, sentence = set(), False, -1
    for i, text in enumerate(tokens.texts):
        if tokens.sent_start_of[i] != sentence:
            sentence, opened = tokens.sent_start_of[i], False
        if text in _QUOTE_TOKENS:
            opened = text not in ("\u201d", "''", "\u00bb") and not opened
            continue
        if opened:
            inside.add(i)
    return frozenset(inside)


def author_first_person(ctx: DocumentContext, mentions: Sequence[Mention]) -> list[Mention]:
    """"We condemn the attack" in a statement whose source is a known issuer (the UK Foreign
    Office, the State Department): "we", "us", "our" in the author's voice are the issuer
    (:func:`faultlines.actors.issuers.issuer_of`); inside quotation marks they are a quoted
    speaker's, and nothing is resolved."""
    if ctx.author is None:
        return []
    taken = {i for m in mentions for i in range(m.start, m.end)}
    quoted = quoted_tokens(ctx.tokens)
    return [ctx.mention(i, i + 1, ctx.author, "pronoun")
            for i, lower in enumerate(ctx.tokens.lowers)
            if lower in FIRST_PERSON and i not in quoted and i not in taken]
