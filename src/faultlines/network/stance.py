"""Source stance: how each outlet, author or article casts each actor in its own voice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from faultlines.network.results import Record, ResultTable
from faultlines.store import Store

__all__ = ["Stance", "STANCE_MODALITIES", "stance", "compare_outlets"]

#: Author-voiced statements that describe what happened (asserted) or what the author wants
#: to happen (advocated). Hypothetical and negated events say nothing about either.
STANCE_MODALITIES: tuple[str, ...] = ("asserted", "advocated")


@dataclass(frozen=True)
class Stance(Record):
    """How one group (outlet, author or article) casts one actor.

    ``score`` is the mean polarity (-1 conflict .. +1 cooperation) of the author-voiced events
    in which the actor takes part; ``as_actor`` and ``as_recipient`` split it by role.
    """

    group: str
    actor: str
    actor_name: str
    events: int
    documents: int
    net_polarity: int
    cooperative: int
    conflictual: int
    as_actor_events: int
    as_actor_net: int
    as_recipient_events: int
    as_recipient_net: int

    columns: ClassVar[tuple[str, ...]] = (
        "group", "actor_name", "events", "documents", "score", "as_actor", "as_recipient",
    )

    @property
    def score(self) -> float:
        return self.net_polarity / self.events if self.events else 0.0

    @property
    def as_actor(self) -> float | None:
        return self.as_actor_net / self.as_actor_events if self.as_actor_events else None

    @property
    def as_recipient(self) -> float | None:
        if not self.as_recipient_events:
            return None
        return self.as_recipient_net / self.as_recipient_events

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d.update(score=self.score, as_actor=self.as_actor, as_recipient=self.as_recipient)
        return d


def stance(
    store: Store,
    by: Literal["source", "author", "doc"] = "source",
    *,
    actor: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    modalities: Iterable[str] | None = STANCE_MODALITIES,
    min_events: int = 1,
) -> ResultTable[Stance]:
    """Each outlet's (or author's, or article's) relational stance toward each actor.

    Only events in the author's own voice count (``attributed_to`` is empty: quoted and
    reported speech is someone else's stance), with modality asserted or advocated. For each
    actor the score is the mean polarity of those events in which it is the source or the
    target: +1 when the texts show it only in cooperation, -1 only in conflict. This is a
    portrayal measure built from coded events, not sentiment analysis: no lexicon is applied.

    Examples
    --------
    >>> with Store(":memory:") as s:
    ...     len(stance(s))
    0

    References
    ----------
    Entman, R. M. (1993). Framing: toward clarification of a fractured paradigm. *Journal of
    Communication* 43(4), 51-58.
    Schrodt, P. A., Gerner, D. J. & Yilmaz, O. (2009). Conflict and Mediation Event
    Observations (CAMEO): an event data framework (polarity of event categories).
    """
    rows = store.stance_aggregates(by, actor=actor, since=since, until=until,
                                   modalities=modalities)
    return ResultTable((Stance(**r) for r in rows if r["events"] >= min_events),
                       columns=Stance.columns)


def compare_outlets(
    store: Store,
    actor: str,
    *,
    by: Literal["source", "author"] = "source",
    since: dt.date | None = None,
    until: dt.date | None = None,
    modalities: Iterable[str] | None = STANCE_MODALITIES,
) -> ResultTable[Stance]:
    """How each outlet (or author) casts one actor, most favourable first.

    Examples
    --------
    >>> with Store(":memory:") as s:
    ...     compare_outlets(s, "USA").rows()
    []

    References
    ----------
    Entman, R. M. (1993). Framing: toward clarification of a fractured paradigm. *Journal of
    Communication* 43(4), 51-58.
    """
    rows = stance(store, by, actor=actor, since=since, until=until, modalities=modalities)
    return ResultTable(sorted(rows, key=lambda s: (-s.score, -s.events, s.group)),
                       columns=Stance.columns)
