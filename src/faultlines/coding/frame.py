"""The frozen record a verb trigger's rules pass along: what is known so far about one act.

Each rule of ``coder.VERB_RULES`` takes a :class:`Frame` and returns it changed with
``dataclasses.replace`` (or None: the trigger codes no event).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from faultlines.coding.context import Context
from faultlines.coding.lexicon import LexiconEntry
from faultlines.types import ActorRef

__all__ = ["Frame"]


@dataclass(frozen=True)
class Frame:
    """One verb trigger on its way to events.

    ``entry``/``noun`` come from the trigger rule; ``category``/``text`` are what the event
    will say (changed by intent, promises, refusals); ``rule`` is the family that decided the
    category; ``subjects``/``candidates`` are tokens, ``actors``/``recipients`` the actors.
    """

    tok: Token
    entry: LexiconEntry
    noun: Token | None
    ctx: Context
    category: str
    text: str
    rule: str
    subjects: tuple[Token, ...] = ()
    candidates: tuple[Token, ...] = ()
    allies: tuple[Token, ...] = ()
    opponents: tuple[Token, ...] = ()
    actors: tuple[ActorRef, ...] = ()
    recipients: tuple[ActorRef, ...] = ()
