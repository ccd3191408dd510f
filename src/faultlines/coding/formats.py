"""Event records in PLOVER's exchange format and as a POLECAT-style TSV.

* :func:`plover_records` turns events into records named as the PLOVER manual's "Data Fields"
  chapter names them (``id``, ``date``, ``actor``/``recipient`` as lists of entity objects,
  ``event``, ``mode``, ``context``, ``quad_code``, ``event_scale``, ``text``, ``text_info``,
  ``cite_info``, ...); the JSON Schema is ``coding/data/plover.schema.json``. Events of one
  sentence with the same trigger become one record: several actors of the same act form one
  compound actor, and an act the parties do to each other ("X and Y met") is a reciprocal
  record with every party as actor and no recipient, as PLOVER asks.
* :func:`polecat_rows` gives one row per event with POLECAT's column names
  (:data:`POLECAT_COLUMNS`), and :func:`write_polecat` writes them tab-separated with a header,
  no tab or line break inside a cell, so pandas and R's ``read.delim`` read it as is.

faultlines' own JSONL (``Event.to_dict()``) stays the richer contract: it keeps evidence,
modality and attribution, which neither format has a field for (PLOVER records carry them as
extra named fields, which the manual allows).
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable, Iterator
from importlib import metadata
from typing import IO, Any

from faultlines.types import QUAD_CODES, ActorRef, Event

__all__ = ["CODEBOOK", "POLECAT_COLUMNS", "plover_records", "polecat_rows", "write_polecat"]

#: The codebook named in ``cite_info``: PLOVER's base ontology as of the 16 categories.
CODEBOOK = "plover-base-0.8"

#: POLECAT's column names, in POLECAT's order. Columns faultlines has nothing for stay empty.
POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
)

_CELL_BREAKS = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def _version() -> str:
    try:
        return metadata.version("faultlines")
    except metadata.PackageNotFoundError:  # running from a source tree
        return "0"


def _entity(ref: ActorRef) -> dict[str, Any]:
    """PLOVER's entity object (manual table "Information object for entities")."""
    entity: dict[str, Any] = {"code": ref.country, "sector": ref.sector, "entity_text": ref.text,
                              "identifier_id": ref.id, "identifier_text": ref.name}
    return {k: v for k, v in entity.items() if v is not None}


def _unique(refs: Iterable[ActorRef]) -> list[ActorRef]:
    return list({ref.id: ref for ref in refs}.values())


def _groups(events: Iterable[Event]) -> Iterator[list[Event]]:
    """Events of the same sentence, trigger, category and modality, in input order."""
    groups: dict[tuple[Any, ...], list[Event]] = {}
    current: tuple[str, int] | None = None
    for event in events:
        where = (event.doc_id, event.sentence_index)
        if current is not None and where != current:
            yield from groups.values()
            groups = {}
        current = where
        key = (event.event_type, event.trigger, event.modality)
        groups.setdefault(key, []).append(event)
    yield from groups.values()


def _merge(group: list[Event]) -> Iterator[tuple[list[Event], list[ActorRef], list[ActorRef]]]:
    """(events, actors, recipients) of each record a group of events makes."""
    pairs = {(e.actor.id, e.recipient.id) for e in group if e.recipient is not None}
    mutual = [e for e in group if e.recipient is not None
              and (e.recipient.id, e.actor.id) in pairs]
    rest = [e for e in group if e not in mutual]
    if mutual:
        parties = _unique([r for e in mutual for r in (e.actor, e.recipient) if r is not None])
        yield mutual, parties, []
    by_recipient: dict[str | None, list[Event]] = {}
    for event in rest:
        by_recipient.setdefault(event.recipient.id if event.recipient else None, []).append(event)
    for members in by_recipient.values():
        recipients = [members[0].recipient] if members[0].recipient is not None else []
        yield members, _unique(e.actor for e in members), recipients


def _record_id(events: list[Event]) -> str:
    if len(events) == 1:
        return events[0].event_id
    joined = "+".join(sorted(e.event_id for e in events))
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def plover_records(events: Iterable[Event], *, corpus: str | None = None
                   ) -> Iterator[dict[str, Any]]:
    """PLOVER records (one JSON object each) for ``events`` given in document order.

    Parameters
    ----------
    events
        Events as ``extract`` or the store yields them: a sentence's events next to each other.
    corpus
        Optional ``cite_info.corpus`` (e.g. the store's path).

    Examples
    --------
    >>> from faultlines.types import ActorRef, Event
    >>> us, jp = ActorRef("Obama", "USA", "United States", "USA", "GOV"), \\
    ...     ActorRef("Abe", "JPN", "Japan", "JPN", "GOV")
    >>> met = [Event("d", 0, "Obama and Abe met.", None, "CONSULT", a, b, 1, 2.5, trigger="met")
    ...        for a, b in ((us, jp), (jp, us))]
    >>> [record] = plover_records(met)
    >>> [a["code"] for a in record["actor"]], record["recipient"], record["event"]
    (['USA', 'JPN'], [], ['CONSULT'])
    """
    version = _version()
    for group in _groups(events):
        for members, actors, recipients in _merge(group):
            first = members[0]
            context = list(first.contexts)
            # The manual puts auxiliary modes into the context (PLOVER "Auxiliary modes").
            if first.aux_mode and first.aux_mode not in context:
                context.append(first.aux_mode)
            cite = {"corpus": corpus, "citation": first.doc_id, "publication": first.source,
                    "coder": f"faultlines {version}", "codebook": CODEBOOK}
            record: dict[str, Any] = {
                "id": _record_id(members),
                "date": first.date.isoformat() if first.date else None,
                "actor": [_entity(a) for a in actors],
                "recipient": [_entity(r) for r in recipients],
                "event": [first.event_type],
                "event_text": [first.trigger] if first.trigger else [],
                "quad_code": QUAD_CODES[first.quad],
                "event_scale": first.event_scale,
                "mode": [first.mode] if first.mode else [],
                "context": context,
                "text": first.sentence,
                "text_info": {"sequence": first.sentence_index},
                "cite_info": {k: v for k, v in cite.items() if v is not None},
                "coder": f"faultlines {version}",
                # faultlines' own fields (the manual invites providers to add named fields)
                "modality": first.modality,
                "attributed_to": [_entity(first.attributed_to)] if first.attributed_to else [],
                "event_ids": [e.event_id for e in members],
            }
            if first.location is not None:
                record["event_loc"] = {k: v for k, v in first.location.to_dict().items()
                                       if v is not None}
            yield record


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return _CELL_BREAKS.sub(" ", str(value)).strip()


def polecat_rows(events: Iterable[Event]) -> Iterator[dict[str, str]]:
    """One POLECAT-named row per event; every cell is a single-line string without tabs.

    ``Intensity`` is PLOVER's ``event_scale``, ``Quad Code`` PLOVER's 1..4, ``Contexts`` the
    contexts joined by ``;``, ``Version`` the faultlines version that coded the event.
    """
    version = _version()
    for e in events:
        loc = e.location
        row = {
            "Event ID": e.event_id, "Event Date": e.date.isoformat() if e.date else None,
            "Event Type": e.event_type, "Event Mode": e.mode, "Intensity": e.event_scale,
            "Quad Code": QUAD_CODES[e.quad], "Contexts": ";".join(e.contexts),
            "Actor Name": e.actor.name, "Actor Country": e.actor.country,
            "Primary Actor Sector": e.actor.sector, "Actor Sectors": e.actor.sector,
            "Actor Name Raw": e.actor.text,
            "Recipient Name": e.recipient.name if e.recipient else None,
            "Recipient Country": e.recipient.country if e.recipient else None,
            "Primary Recipient Sector": e.recipient.sector if e.recipient else None,
            "Recipient Sectors": e.recipient.sector if e.recipient else None,
            "Recipient Name Raw": e.recipient.text if e.recipient else None,
            "Placename": loc.resolved_place if loc else None,
            "City": loc.city if loc else None, "District": loc.district if loc else None,
            "Province": loc.province if loc else None, "Country": loc.country if loc else None,
            "Latitude": loc.lat if loc else None, "Longitude": loc.lon if loc else None,
            "GeoNames ID": loc.geonameid if loc else None,
            "Raw Placename": loc.extracted_place if loc else None,
            "Feature Type": loc.feature_code if loc else None,
            "Source": e.source, "Publication Date": e.date.isoformat() if e.date else None,
            "Language": "en", "Version": f"faultlines {version}",
        }
        yield {column: _cell(row.get(column)) for column in POLECAT_COLUMNS}


def write_polecat(events: Iterable[Event], out: IO[str]) -> int:
    """Write the POLECAT TSV (header first, even without events); returns the row count."""
    writer = csv.DictWriter(out, fieldnames=list(POLECAT_COLUMNS), delimiter="\t",
                            lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    count = 0
    for row in polecat_rows(events):
        writer.writerow(row)
        count += 1
    return count
