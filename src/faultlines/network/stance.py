"""Source stance: how each outlet, author or article casts each actor in its own voice:
evaluative (the words aimed at it), relational (the events it takes part in) or both."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from faultlines.errors import ConfigError
from faultlines.network.results import Record, ResultTable
from faultlines.store import Store

__all__ = ["Stance", "STANCE_KINDS", "STANCE_MODALITIES", "stance", "compare_outlets"]

#: Author-voiced statements that describe what happened (asserted) or what the author wants
#: to happen (advocated). Hypothetical and negated events say nothing about either.
STANCE_MODALITIES: tuple[str, ...] = ("asserted", "advocated")


#: What a stance score measures (see :func:`stance`).
STANCE_KINDS: tuple[str, ...] = ("evaluative", "relational", "combined")

_COLUMNS = {
    "evaluative": ("group", "actor_name", "cues", "documents", "score", "positive", "negative"),
    "relational": ("group", "actor_name", "events", "documents", "score", "as_actor",
                   "as_recipient"),
    "combined": ("group", "actor_name", "cues", "events", "documents", "score", "evaluative",
                 "relational"),
}
# Cue scores run -2..+2; halving them puts evaluative stance on the -1..+1 scale of polarity.
_CUE_SCALE = 2.0


@dataclass(frozen=True)
class Stance(Record):
    """How one group (outlet, author or article) casts one actor.

    ``evaluative`` is the mean evaluative cue score aimed at the actor, scaled to -1..+1 (cues
    run -2..+2); ``relational`` is the mean polarity (-1 conflict .. +1 cooperation) of the
    author-voiced events in which the actor takes part, and ``as_actor`` / ``as_recipient``
    split it by role. ``score`` is the one that ``kind`` names; for ``"combined"`` it is the
    mean of the two (what the author says of the actor and how the author shows it acting
    weigh the same, however many events there are), or the one that exists.
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
    cues: int = 0
    evaluative_net: float = 0.0
    positive: int = 0
    negative: int = 0
    kind: str = "relational"

    @property
    def columns(self) -> tuple[str, ...]:  # type: ignore[override]
        return _COLUMNS[self.kind]

    @property
    def evaluative(self) -> float | None:
        return self.evaluative_net / (_CUE_SCALE * self.cues) if self.cues else None

    @property
    def relational(self) -> float | None:
        return self.net_polarity / self.events if self.events else None

    @property
    def score(self) -> float:
        if self.kind == "evaluative":
            return self.evaluative or 0.0
        if self.kind == "relational":
            return self.relational or 0.0
        parts = [v for v in (self.evaluative, self.relational) if v is not None]
        return sum(parts) / len(parts) if parts else 0.0

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
        d.update(score=self.score, as_actor=self.as_actor, as_recipient=self.as_recipient,
                 evaluative=self.evaluative, relational=self.relational)
        return d


def _check_kind(kind: str) -> None:
    if kind not in STANCE_KINDS:
        raise ConfigError(f"unknown stance kind {kind!r}; use one of {', '.join(STANCE_KINDS)}")


def stance(
    store: Store,
    by: Literal["source", "author", "doc"] = "source",
    *,
    kind: Literal["evaluative", "relational", "combined"] = "evaluative",
    actor: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    modalities: Iterable[str] | None = STANCE_MODALITIES,
    min_events: int = 1,
) -> ResultTable[Stance]:
    """Each outlet's (or author's, or article's) stance toward each actor.

    ``kind="evaluative"`` (the default) scores the evaluative language the authors aim at the
    actor in their own voice ("the inept X", "X shows confidence", "isolating X"; see
    :func:`faultlines.coding.stance.assess_stance`): the mean cue score, scaled to -1..+1.
    ``kind="relational"`` scores how the author-voiced events (``attributed_to`` empty,
    modality asserted or advocated) cast the actor: the mean polarity of those events in
    which it is the source or the target, +1 when the texts show it only in cooperation, -1
    only in conflict. ``kind="combined"`` is the mean of the two scores (or the one that
    exists), so that a leader shown fighting many enemies is not cast as disliked by an author
    who praises him. ``min_events`` is the least number of cues and events (of the chosen
    kind) a row needs.

    Examples
    --------
    >>> with Store(":memory:") as s:
    ...     len(stance(s))
    0

    References
    ----------
    Entman, R. M. (1993). Framing: toward clarification of a fractured paradigm. *Journal of
    Communication* 43(4), 51-58.
    Martin, J. R. & White, P. R. R. (2005). *The Language of Evaluation: Appraisal in English*.
    Palgrave Macmillan (judgement of people's capacity, propriety and tenacity).
    Schrodt, P. A., Gerner, D. J. & Yilmaz, O. (2009). Conflict and Mediation Event
    Observations (CAMEO): an event data framework (polarity of event categories).
    """
    _check_kind(kind)
    rows = store.stance_aggregates(by, kind=kind, actor=actor, since=since, until=until,
                                   modalities=modalities)
    records = (Stance(**r, kind=kind) for r in rows)
    return ResultTable((s for s in records if _weight(s) >= min_events), columns=_COLUMNS[kind])


def _weight(s: Stance) -> int:
    if s.kind == "evaluative":
        return s.cues
    if s.kind == "relational":
        return s.events
    return s.cues + s.events


def compare_outlets(
    store: Store,
    actor: str,
    *,
    by: Literal["source", "author"] = "source",
    kind: Literal["evaluative", "relational", "combined"] = "evaluative",
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
    rows = stance(store, by, kind=kind, actor=actor, since=since, until=until,
                  modalities=modalities)
    return ResultTable(sorted(rows, key=lambda s: (-s.score, -_weight(s), s.group)),
                       columns=_COLUMNS[kind])
