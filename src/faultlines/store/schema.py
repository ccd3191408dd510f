"""Schema of the faultlines DuckDB store, as an ordered list of named migrations.

Each migration runs once, inside a transaction, and is recorded by name in the ``migrations``
table (the sqlite-utils pattern): opening an older store upgrades it, opening a store written by
a newer faultlines that has migrations we do not know is refused.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Migration", "MIGRATIONS", "EVENT_COLUMNS", "DOCUMENT_COLUMNS", "MENTION_COLUMNS",
           "STANCE_CUE_COLUMNS", "LOCATION_COLUMNS"]


class Migration(NamedTuple):
    name: str
    statements: tuple[str, ...]


_ACTOR_COLUMNS = "{role}_id VARCHAR, {role}_text VARCHAR, {role}_name VARCHAR, " \
    "{role}_country VARCHAR, {role}_sector VARCHAR"

DOCUMENT_COLUMNS: tuple[str, ...] = (
    "hash", "doc_id", "date", "source", "author", "title", "url", "origin", "text",
    "sentence_count", "skipped_reason", "ingested_at",
)
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "doc_hash", "doc_id", "sentence_index", "sentence", "date", "event_type", "quad",
    "polarity", "intensity", "modality", "trigger", "source",
    *(f"{role}_{part}" for role in ("actor", "recipient", "attributed")
      for part in ("id", "text", "name", "country", "sector")),
)
#: Where the event happened: PLOVER's location object, flat (migration 006_locations).
LOCATION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("location_extracted_place", "VARCHAR"), ("location_resolved_place", "VARCHAR"),
    ("location_geonameid", "BIGINT"), ("location_lat", "DOUBLE"), ("location_lon", "DOUBLE"),
    ("location_city", "VARCHAR"), ("location_district", "VARCHAR"),
    ("location_province", "VARCHAR"), ("location_country", "VARCHAR"),
    ("location_country_code", "VARCHAR"), ("location_feature_class", "VARCHAR"),
    ("location_feature_code", "VARCHAR"), ("location_resolution", "INTEGER"),
)
EVENT_COLUMNS += tuple(name for name, _ in LOCATION_COLUMNS)
#: The learned second opinion (migration 007_confidence), after the locations as in the table.
EVENT_COLUMNS += ("confidence", "rule", "model_changed")
MENTION_COLUMNS: tuple[str, ...] = (
    "doc_hash", "doc_id", "sentence_index", "start", "end", "text", "actor_id", "kind",
)
STANCE_CUE_COLUMNS: tuple[str, ...] = (
    "doc_hash", "doc_id", "sentence_index", "actor_id", "actor_name", "score", "cue",
)

# Secondary indexes are left out on purpose: DuckDB's zone maps serve the range filters we run,
# and every extra ART index slows the bulk inserts that ingest depends on.
# Migrations are kept in name order and applied by name (each one that a store lacks, in this
# order): 003-005 belong to branches not merged yet and may land after 006 and 007; each only
# adds, so a store that has 006/007 and gets 003-005 later ends with the same tables.
MIGRATIONS: tuple[Migration, ...] = (
    Migration("001_initial", (
        """CREATE TABLE documents (
            hash VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, date DATE, source VARCHAR,
            author VARCHAR, title VARCHAR, url VARCHAR, origin VARCHAR, text VARCHAR NOT NULL,
            sentence_count INTEGER NOT NULL DEFAULT 0, skipped_reason VARCHAR,
            ingested_at TIMESTAMP NOT NULL)""",
        f"""CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY, doc_hash VARCHAR NOT NULL REFERENCES documents (hash),
            doc_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL, sentence VARCHAR NOT NULL,
            date DATE, event_type VARCHAR NOT NULL, quad VARCHAR NOT NULL,
            polarity INTEGER NOT NULL, intensity DOUBLE NOT NULL, modality VARCHAR NOT NULL,
            trigger VARCHAR NOT NULL, source VARCHAR,
            {_ACTOR_COLUMNS.format(role="actor")}, {_ACTOR_COLUMNS.format(role="recipient")},
            {_ACTOR_COLUMNS.format(role="attributed")})""",
        """CREATE TABLE mentions (
            doc_hash VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR NOT NULL,
            actor_id VARCHAR NOT NULL, kind VARCHAR NOT NULL)""",
        """CREATE TABLE actors (
            id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, country VARCHAR, sector VARCHAR,
            first_seen DATE)""",
        "CREATE SEQUENCE curation_seq START 1",
        """CREATE TABLE curation (
            seq INTEGER PRIMARY KEY DEFAULT nextval('curation_seq'), op VARCHAR NOT NULL,
            args JSON NOT NULL, created_at TIMESTAMP NOT NULL)""",
        # Mention counts are computed, not maintained, so curation merges can never leave a
        # stale counter behind.
        """CREATE VIEW actor_summary AS
            SELECT a.id, a.name, a.country, a.sector, a.first_seen,
                   coalesce(m.n, 0) AS mention_count,
                   coalesce(e1.n, 0) AS events_as_actor,
                   coalesce(e2.n, 0) AS events_as_recipient,
                   coalesce(e3.n, 0) AS events_attributed
            FROM actors a
            LEFT JOIN (SELECT actor_id, count(*) AS n FROM mentions GROUP BY actor_id) m
                   ON m.actor_id = a.id
            LEFT JOIN (SELECT actor_id, count(*) AS n FROM events GROUP BY actor_id) e1
                   ON e1.actor_id = a.id
            LEFT JOIN (SELECT recipient_id, count(*) AS n FROM events GROUP BY recipient_id) e2
                   ON e2.recipient_id = a.id
            LEFT JOIN (SELECT attributed_id, count(*) AS n FROM events GROUP BY attributed_id) e3
                   ON e3.attributed_id = a.id""",
    )),
    # Evaluative stance (coding/stance.py): what the author's own words say of each actor.
    # Stores written before it simply have no cues until their documents are re-ingested.
    Migration("002_stance_cues", (
        """CREATE TABLE stance_cues (
            doc_hash VARCHAR NOT NULL REFERENCES documents (hash), doc_id VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL, actor_id VARCHAR NOT NULL, actor_name VARCHAR,
            score DOUBLE NOT NULL, cue VARCHAR NOT NULL)""",
    )),
    # Event locations (faultlines.places): NULL for events stored before, or placed nowhere.
    Migration("006_locations", tuple(
        f"ALTER TABLE events ADD COLUMN {name} {kind}" for name, kind in LOCATION_COLUMNS)),
    # The learned second opinion (coding/learned): each event's calibrated confidence, the rule
    # family that proposed it ("model" when the model did) and whether the model changed its
    # category; coder_info records which coder and model version wrote the store.
    Migration("007_confidence", (
        "ALTER TABLE events ADD COLUMN confidence DOUBLE",
        "ALTER TABLE events ADD COLUMN rule VARCHAR",
        "ALTER TABLE events ADD COLUMN model_changed BOOLEAN",
        """CREATE TABLE coder_info (
            name VARCHAR PRIMARY KEY, value VARCHAR NOT NULL, recorded_at TIMESTAMP NOT NULL)""",
    )),
)
