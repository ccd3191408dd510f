"""Plain records returned by the store's queries (frozen dataclasses with ``to_dict``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields
from typing import Any, ClassVar

from faultlines.types import ActorRef

__all__ = [
    "IngestStats",
    "Dyad",
    "ActorSummary",
    "DocumentRow",
    "Evidence",
    "record_dict",
]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, ActorRef) or hasattr(value, "to_dict"):
        return value.to_dict()  # ActorRef and nested records (e.g. evidence rows)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def record_dict(record: Any) -> dict[str, Any]:
    """JSON-ready dict of a dataclass record: dates as ISO strings, tuples as lists."""
    return {f.name: _plain(getattr(record, f.name)) for f in fields(record)}


class _Record:
    """Mixin: ``to_dict()`` for JSON, ``columns``/``row()`` for tables and CSV."""

    columns: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        return record_dict(self)

    def row(self) -> tuple[Any, ...]:
        d = self.to_dict()
        return tuple(d[c] for c in self.columns)


@dataclass
class IngestStats(_Record):
    """What one ``Store.add_results`` call (or one batch of it) changed."""

    documents_added: int = 0
    documents_skipped_existing: int = 0
    documents_skipped_reason: int = 0  # stored, but the pipeline skipped them (e.g. not English)
    events_added: int = 0
    events_duplicate: int = 0  # same event_id already stored or repeated in the batch
    mentions_added: int = 0
    batches: int = 0
    stance_cues_added: int = 0

    columns: ClassVar[tuple[str, ...]] = (
        "documents_added", "documents_skipped_existing", "documents_skipped_reason",
        "events_added", "events_duplicate", "mentions_added", "batches",
    )

    def __iadd__(self, other: IngestStats) -> IngestStats:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self


@dataclass(frozen=True)
class Dyad(_Record):
    """Aggregate of the events between two actors (in one time window when ``window`` is set).

    For undirected dyads ``a < b`` (ids sorted); for directed dyads ``a`` is the event's actor
    (source) and ``b`` its recipient (target).
    """

    a: str
    b: str
    a_name: str
    b_name: str
    window: dt.date | None  # start of the time window, None when not windowed
    count: int
    net_polarity: int  # sum of polarity (+1 cooperation, -1 conflict)
    intensity: float  # summed intensity
    cooperative: int
    conflictual: int
    first_date: dt.date | None
    last_date: dt.date | None
    event_ids: tuple[str, ...] = ()  # a sample of the most recent events, for evidence
    #: summed PLOVER event_scale (-10..+10 per event; an event without one counts its polarity)
    scale: float = 0.0

    columns: ClassVar[tuple[str, ...]] = (
        "a", "b", "a_name", "b_name", "window", "count", "net_polarity", "intensity",
        "cooperative", "conflictual", "first_date", "last_date", "scale",
    )


@dataclass(frozen=True)
class ActorSummary(_Record):
    """One actor with what the store knows about it."""

    id: str
    name: str
    country: str | None
    sector: str | None
    first_seen: dt.date | None
    last_seen: dt.date | None
    mention_count: int
    aliases: tuple[str, ...]  # distinct surface texts seen in mentions and events
    roles: dict[str, int]  # events in which it is actor / recipient / attributed source

    columns: ClassVar[tuple[str, ...]] = (
        "id", "name", "country", "sector", "first_seen", "last_seen", "mention_count",
    )

    @property
    def ref(self) -> ActorRef:
        return ActorRef(text=self.name, id=self.id, name=self.name, country=self.country,
                        sector=self.sector)


@dataclass(frozen=True)
class DocumentRow(_Record):
    """A stored document's metadata (the text only when asked for)."""

    hash: str
    doc_id: str
    date: dt.date | None
    source: str | None
    author: str | None
    title: str | None
    url: str | None
    origin: str | None
    sentence_count: int
    skipped_reason: str | None
    ingested_at: dt.datetime
    event_count: int
    text: str | None = None

    columns: ClassVar[tuple[str, ...]] = (
        "doc_id", "date", "source", "author", "title", "sentence_count", "event_count",
        "skipped_reason", "hash",
    )

    def to_dict(self) -> dict[str, Any]:
        d = record_dict(self)
        d["ingested_at"] = self.ingested_at.isoformat()
        return d


@dataclass(frozen=True)
class Evidence(_Record):
    """One event as evidence for a dyad: where it was said, by whom, and how."""

    event_id: str
    doc_id: str
    date: dt.date | None
    source: str | None
    sentence_index: int
    sentence: str
    event_type: str
    polarity: int
    modality: str
    actor: ActorRef
    recipient: ActorRef | None
    attributed_to: ActorRef | None
    trigger: str

    columns: ClassVar[tuple[str, ...]] = (
        "event_id", "doc_id", "date", "source", "event_type", "polarity", "modality", "sentence",
    )

    def row(self) -> tuple[Any, ...]:
        d = asdict(self)
        return tuple(_plain(d[c]) for c in self.columns)
