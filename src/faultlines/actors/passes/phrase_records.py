"""The records the agent-phrase pass passes between its steps: a :class:`Phrase` (a head noun
with what its modifiers say), the :class:`AgentView` of the document every rule reads, and
the :class:`Outcome` a deciding rule returns. All immutable: a rule that learns something
returns a changed phrase (:meth:`Phrase.updated`; a NamedTuple, because a document has
hundreds of phrases and each goes through every rule), never edits one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from faultlines.actors.passes.context import DocumentContext, NameMemory
from faultlines.actors.passes.hits import Hit
from faultlines.types import ActorRef

__all__ = ["AgentView", "Phrase", "PlannedMention", "BareTitle", "DeferredPhrase", "StatePair",
           "Outcome"]


@dataclass(frozen=True)
class AgentView:
    """The document as the agent-phrase rules see it.

    ``first_hit``: token -> the first hit covering it; ``head_memory``: head lemma -> the
    country an earlier phrase with that head had ("the Bush administration", then "the
    administration"); ``memory``: names remembered so far (empty in this pass: names are read
    after agent phrases).
    """

    ctx: DocumentContext
    first_hit: Mapping[int, Hit] = field(default_factory=dict)
    head_memory: Mapping[str, str] = field(default_factory=dict)
    memory: NameMemory = field(default_factory=NameMemory)


class Phrase(NamedTuple):
    """An agent noun phrase: its head noun, its extent and what its words say.

    ``sector`` is the head's sector ("MIL" for "troops"; "?" for a faction word such as
    "hardliners" that takes the sector of the body it belongs to); ``group`` the group a group
    word heading the phrase names ("the Sunnis"); ``phrase_start`` the first word of the agent
    words themselves ("security forces"), ``left`` the first word of the whole phrase.
    """

    head: int
    word: str
    sector: str | None = None
    group: str | None = None
    phrase_start: int = 0
    head_hit: Hit | None = None
    left: int = 0
    lefts: tuple[int, ...] = ()  # the head's left children inside the phrase
    span_hits: tuple[Hit, ...] = ()
    countries: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    explicit: bool = False  # the phrase's own words name its country
    owner_actor: ActorRef | None = None
    owner_org: ActorRef | None = None
    owner_person: str | None = None
    person_hit: Hit | None = None
    several_states: bool = False
    via: int | None = None  # token of the phrase a member noun belongs to
    # side effects the pass applies once the phrase is decided
    retract: tuple[tuple[int, int], ...] = ()  # spans of earlier agent mentions to withdraw
    remember: tuple[str, str] | None = None  # (head lemma, country) for later phrases

    def updated(self, **changes: Any) -> Phrase:
        """A copy with some fields changed (``_replace``, faster: a phrase goes through every
        rule and most change one or two fields).

        >>> Phrase(3, "troops").updated(countries=("IRQ",)).countries
        ('IRQ',)
        """
        values = list(self)
        for name, value in changes.items():
            values[_FIELD_INDEX[name]] = value
        return tuple.__new__(Phrase, values)


_FIELD_INDEX = {name: i for i, name in enumerate(Phrase._fields)}


class PlannedMention(NamedTuple):
    """A mention a rule asks for: tokens [start, end) name ``ref`` (kind as in Mention)."""

    start: int
    end: int
    ref: ActorRef
    kind: str


class BareTitle(NamedTuple):
    """"the prime minister": decided once names are read; ``ref`` when no name fits."""

    start: int
    end: int
    noun: int
    ref: ActorRef


class DeferredPhrase(NamedTuple):
    """"leaders of the insurgent groups": takes the actor of the phrase at token ``via``."""

    start: int
    end: int
    via: int
    fallback: tuple[ActorRef, ...]


class StatePair(NamedTuple):
    """"the two governments": the two states the text just named, else ``fallback``."""

    start: int
    end: int
    sector: str
    fallback: tuple[ActorRef, ...]


class Outcome(NamedTuple):
    """What the deciding rule (named ``rule``) makes of a phrase; empty when it names no
    actor ("the police" in a text that names no country)."""

    rule: str
    mentions: tuple[PlannedMention, ...] = ()
    consume: tuple[Hit, ...] = ()  # hits the phrase used up (not mentions of their own)
    bare_title: BareTitle | None = None
    deferred: DeferredPhrase | None = None
    pair: StatePair | None = None
    retract: tuple[tuple[int, int], ...] = ()  # spans of earlier agent mentions to withdraw
