"""Plain data types exchanged between the stages of faultlines.

Data flows one way: ``Document`` (ingest) -> spaCy ``Doc`` (nlp) -> ``Mention`` with an
``ActorRef`` (actors) -> ``Event`` (coding) -> rows in DuckDB (store) -> graphs (network).
Every type here is a frozen dataclass so a stage cannot mutate what another stage produced.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = [
    "EVENT_TYPES",
    "EVENT_ROW_COLUMNS",
    "LOCATION_FIELDS",
    "COOPERATIVE_TYPES",
    "MODALITIES",
    "QUADS",
    "QUAD_CODES",
    "LEGACY_EVENT_TYPES",
    "Document",
    "ReadError",
    "SkippedFile",
    "ActorRef",
    "Mention",
    "Location",
    "Event",
    "DocumentResult",
    "StanceCue",
    "content_hash",
    "polarity_of",
    "quad_of",
]

#: PLOVER's 16 event categories (PLOVER 0.8 and later, as POLECAT codes them), in the manual's
#: order: four verbal-cooperation, three material-cooperation, four verbal-conflict and five
#: material-conflict categories. Older names are mapped by :data:`LEGACY_EVENT_TYPES`.
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
#: The first seven categories are PLOVER's cooperation quads; they carry polarity +1.
COOPERATIVE_TYPES: frozenset[str] = frozenset(EVENT_TYPES[:7])

#: Category names of earlier PLOVER versions -> (category of the 16, mode it implies or None).
#: 0.5-0.7 had FIGHT, DEMAND, DISAPPROVE and INVESTIGATE; CRIME (0.7) is no category in the 16:
#: PLOVER codes crime as a ``crime`` context on the category the act fits, so it has no entry.
LEGACY_EVENT_TYPES: dict[str, tuple[str, str | None]] = {
    "FIGHT": ("ASSAULT", None),
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
}

#: PLOVER "quad" classes: verbal/material x cooperation/conflict.
QUADS: tuple[str, ...] = ("verbal-cooperation", "material-cooperation", "verbal-conflict",
                          "material-conflict")
#: PLOVER's numeric quad codes (the ``quad_code`` field): 1..4 in the order of :data:`QUADS`.
QUAD_CODES: dict[str, int] = {quad: number for number, quad in enumerate(QUADS, start=1)}
_QUAD_OF = {
    "AGREE": "verbal-cooperation", "CONSULT": "verbal-cooperation",
    "SUPPORT": "verbal-cooperation", "CONCEDE": "verbal-cooperation",
    "COOPERATE": "material-cooperation", "AID": "material-cooperation",
    "RETREAT": "material-cooperation",
    "REQUEST": "verbal-conflict", "ACCUSE": "verbal-conflict", "REJECT": "verbal-conflict",
    "THREATEN": "verbal-conflict",
    "PROTEST": "material-conflict", "SANCTION": "material-conflict",
    "MOBILIZE": "material-conflict", "COERCE": "material-conflict", "ASSAULT": "material-conflict",
}

Modality = Literal["asserted", "reported", "hypothetical", "advocated", "negated"]
MODALITIES: tuple[str, ...] = ("asserted", "reported", "hypothetical", "advocated", "negated")


def quad_of(event_type: str) -> str:
    """Return the PLOVER quad of an event type.

    >>> quad_of("ASSAULT")
    'material-conflict'
    """
    return _QUAD_OF[event_type]


def polarity_of(event_type: str) -> int:
    """+1 for cooperation categories, -1 for conflict categories.

    >>> polarity_of("AGREE"), polarity_of("REJECT")
    (1, -1)
    """
    if event_type not in _QUAD_OF:
        raise ValueError(f"unknown event type {event_type!r}; expected one of {EVENT_TYPES}")
    return 1 if event_type in COOPERATIVE_TYPES else -1


def content_hash(text: str) -> str:
    """Stable key of a document's text (sha256 of its UTF-8 bytes, hex)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Document:
    """One article as read from disk or stdin, before any language processing."""

    id: str
    text: str
    date: dt.date | None = None
    source: str | None = None  # outlet
    author: str | None = None
    title: str | None = None
    url: str | None = None
    origin: str | None = None  # file path (and line for JSONL) it was read from
    hash: str = field(default="")

    def __post_init__(self) -> None:
        if not self.hash:
            object.__setattr__(self, "hash", content_hash(self.text))


@dataclass(frozen=True)
class ReadError:
    """An input that could not be read; reported, never fatal for the batch."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class SkippedFile(ReadError):
    """A file in a folder left out on purpose (an unsupported suffix): named, not an error.

    >>> str(SkippedFile("notes/a.pdf", None, "unsupported file type '.pdf'"))
    "notes/a.pdf: unsupported file type '.pdf'"
    """


@dataclass(frozen=True)
class ActorRef:
    """An actor as it appears in one event: surface text plus the resolved identity.

    ``id`` is stable across runs: a knowledge-base id (e.g. ``"NURI_AL_MALIKI"``) for known actors,
    or ``"x:"`` + an ASCII slug of the canonical name for actors the knowledge base does not know.
    """

    text: str
    id: str
    name: str
    country: str | None = None  # ISO 3166 alpha-3, or IGO-style code
    sector: str | None = None  # GOV, MIL, REB, PTY, ETH, REL, ...

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Mention:
    """A span of a parsed document that names an actor (token offsets into the spaCy Doc)."""

    doc_id: str
    sentence_index: int
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    text: str
    actor: ActorRef
    kind: str = "entity"  # entity | agent | pronoun | title | compound | place (a town: where)


@dataclass(frozen=True)
class Location:
    """Where an event happened, as PLOVER's location object names the fields.

    ``resolution`` follows PLOVER: 5 sub-city, 4 city, 3 district, 2 province, 1 country.
    ``extracted_place`` is the text as written; the other fields come from the gazetteer and are
    None where it does not know them.
    """

    extracted_place: str
    resolved_place: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    city: str | None = None
    district: str | None = None
    province: str | None = None
    country: str | None = None
    country_code: str | None = None  # ISO 3166 alpha-3
    feature_class: str | None = None
    feature_code: str | None = None
    resolution: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Event:
    """One coded event: who did what to whom, with evidence, modality and attribution.

    The fields after ``source`` are PLOVER's supplementary information and the coder's own
    bookkeeping; they default to "not known" so a stage that does not fill them stays valid:
    ``mode`` (PLOVER mode of the category), ``contexts`` (PLOVER context codes), ``aux_mode``
    (PLOVER auxiliary mode: historical, future, hypothetical, negation), ``event_scale`` (PLOVER
    conflict/cooperation score, -10..+10), ``location``, ``confidence`` (0..1, from the learned
    second opinion), ``rule`` (the rule family that proposed the event) and ``model_changed``
    (whether the learned model changed the rules' category). None of them enters ``event_id``.
    """

    doc_id: str
    sentence_index: int
    sentence: str
    date: dt.date | None
    event_type: str
    actor: ActorRef
    recipient: ActorRef | None
    polarity: int
    intensity: float
    modality: str = "asserted"
    attributed_to: ActorRef | None = None
    trigger: str = ""  # the words that triggered the category (verb, noun or phrase)
    source: str | None = None  # outlet of the document
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    aux_mode: str | None = None
    event_scale: float | None = None
    location: Location | None = None
    confidence: float | None = None
    rule: str = ""
    model_changed: bool = False

    @property
    def quad(self) -> str:
        return quad_of(self.event_type)

    @property
    def event_id(self) -> str:
        """Deterministic id: same document, sentence, trigger and participants -> same id."""
        key = "|".join([
            self.doc_id, str(self.sentence_index), self.event_type, self.trigger,
            self.actor.id, self.recipient.id if self.recipient else "", self.modality,
        ])
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON output contract (see README, schema in coding/data/event.schema.json)."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "date": self.date.isoformat() if self.date else None,
            "event_type": self.event_type,
            "quad": self.quad,
            "polarity": self.polarity,
            "intensity": self.intensity,
            "actor": self.actor.to_dict(),
            "recipient": self.recipient.to_dict() if self.recipient else None,
            "modality": self.modality,
            "attributed_to": self.attributed_to.to_dict() if self.attributed_to else None,
            "trigger": self.trigger,
            "source": self.source,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "aux_mode": self.aux_mode,
            "event_scale": self.event_scale,
            "location": self.location.to_dict() if self.location else None,
            "confidence": self.confidence,
            "rule": self.rule,
            "model_changed": self.model_changed,
        }

    def to_row(self) -> dict[str, Any]:
        """A flat :meth:`to_dict` for CSV and Parquet (``actor_id``, ``actor_name``, ...).

        ``contexts`` becomes one ``;``-joined cell (empty when there are none).
        """
        row = self.to_dict()
        row["contexts"] = ";".join(self.contexts)
        for role in ("actor", "recipient", "attributed_to"):
            ref = row.pop(role)
            for key in ("text", "id", "name", "country", "sector"):
                row[f"{role}_{key}"] = ref[key] if ref else None
        location = row.pop("location")
        for key in LOCATION_FIELDS:
            row[f"location_{key}"] = location[key] if location else None
        return row


#: The fields of PLOVER's location object, in order (flat columns are ``location_<field>``).
LOCATION_FIELDS: tuple[str, ...] = (
    "extracted_place", "resolved_place", "geonameid", "lat", "lon", "city", "district",
    "province", "country", "country_code", "feature_class", "feature_code", "resolution",
)

EVENT_ROW_COLUMNS: tuple[str, ...] = (
    "event_id", "doc_id", "sentence_index", "sentence", "date", "event_type", "quad", "polarity",
    "intensity", "modality", "trigger", "source", "mode", "contexts", "aux_mode", "event_scale",
    *(f"{role}_{key}" for role in ("actor", "recipient", "attributed_to")
      for key in ("text", "id", "name", "country", "sector")),
    *(f"location_{key}" for key in LOCATION_FIELDS),
    "confidence", "rule", "model_changed",
)


@dataclass(frozen=True)
class StanceCue:
    """Evaluative language the author aims at an actor in one sentence, in the author's voice.

    ``score`` is in -2..+2 (lexicon score times intensifiers, sign flipped by negation): positive
    when the text casts the actor favourably ("X shows confidence"), negative when unfavourably
    ("the inept X"). ``cue`` is the evaluative wording that was matched.
    """

    doc_id: str
    sentence_index: int
    actor: ActorRef
    score: float
    cue: str


@dataclass(frozen=True)
class DocumentResult:
    """Everything the per-document stages produce for one document."""

    document: Document
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    sentence_count: int = 0
    skipped_reason: str | None = None  # e.g. "not English"; such documents have no events
    stances: tuple[StanceCue, ...] = ()  # evaluative cues (coding.assess_stance)
