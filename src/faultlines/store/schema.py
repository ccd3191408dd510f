"""Schema of the faultlines DuckDB store, as an ordered list of named migrations.

Each migration runs once, inside a transaction, and is recorded by name in the ``migrations``
table (the sqlite-utils pattern): opening an older store upgrades it, opening a store written by
a newer faultlines that has migrations we do not know is refused.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Migration", "MIGRATIONS", "EVENT_COLUMNS", "DOCUMENT_COLUMNS", "MENTION_COLUMNS",
           "STANCE_CUE_COLUMNS", "LOCATION_COLUMNS", "CARRIER_COLUMNS"]


class Migration(NamedTuple):
    name: str
    statements: tuple[str, ...]
    #: What the migration changes for the user, said when a read-only open finds it pending.
    note: str = ""


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
    "mode", "contexts", "aux_mode", "event_scale",
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
CARRIER_COLUMNS: tuple[str, ...] = (
    "doc_hash", "doc_id", "date", "source", "author", "origin", "recorded_at",
)
STANCE_CUE_COLUMNS: tuple[str, ...] = (
    "doc_hash", "doc_id", "sentence_index", "actor_id", "actor_name", "score", "cue",
)

def _curated_role(role: str, alias: str) -> str:
    """The REPLACE expressions that curate one actor role of the events table."""
    return (f"coalesce({alias}.new_id, e.{role}_id) AS {role}_id, "
            f"coalesce({alias}.name, e.{role}_name) AS {role}_name, "
            f"CASE WHEN {alias}.set_code THEN {alias}.country ELSE e.{role}_country END "
            f"AS {role}_country, "
            f"CASE WHEN {alias}.set_code THEN {alias}.sector ELSE e.{role}_sector END "
            f"AS {role}_sector")


_CURATED_EVENTS = f"""CREATE VIEW curated_events AS
    SELECT e.* REPLACE ({_curated_role("actor", "oa")}, {_curated_role("recipient", "orc")},
                        {_curated_role("attributed", "oat")})
    FROM events e
    LEFT JOIN curation_overlay oa ON oa.old_id = e.actor_id
    LEFT JOIN curation_overlay orc ON orc.old_id = e.recipient_id
    LEFT JOIN curation_overlay oat ON oat.old_id = e.attributed_id"""

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
    # The same text under another id or outlet is parsed once (under the first document); each
    # further (document id, outlet) that carried it is kept here, so comparisons of outlets
    # (stance --by source) count it for every outlet.
    Migration("003_document_carriers", (
        """CREATE TABLE document_carriers (
            doc_hash VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, date DATE, source VARCHAR,
            author VARCHAR, origin VARCHAR, recorded_at TIMESTAMP NOT NULL)""",
    )),
    # Curation as an overlay applied when reading: stored rows keep what the pipeline found,
    # and every query reads the curated_* views, so the result of a curation does not depend on
    # whether the articles were ingested before or after it. One row per actor id a curation
    # touches: the id it becomes, its display name (NULL: keep each row's own) and, when
    # set_code is true, the country and sector every row of it gets.
    Migration("004_curation_overlay", (
        """CREATE TABLE curation_overlay (
            old_id VARCHAR PRIMARY KEY, new_id VARCHAR NOT NULL, name VARCHAR,
            country VARCHAR, sector VARCHAR, set_code BOOLEAN NOT NULL)""",
        _CURATED_EVENTS,
        """CREATE VIEW curated_mentions AS
            SELECT m.* REPLACE (coalesce(o.new_id, m.actor_id) AS actor_id)
            FROM mentions m LEFT JOIN curation_overlay o ON o.old_id = m.actor_id""",
        """CREATE VIEW curated_stance_cues AS
            SELECT c.* REPLACE (coalesce(o.new_id, c.actor_id) AS actor_id,
                                coalesce(o.name, c.actor_name) AS actor_name)
            FROM stance_cues c LEFT JOIN curation_overlay o ON o.old_id = c.actor_id""",
        # A merged actor takes the name and codes of the actor it was merged into when that
        # one is stored (the row that maps to itself), else what the overlay says.
        """CREATE VIEW curated_actors AS
            WITH mapped AS (
                SELECT coalesce(o.new_id, a.id) AS id, coalesce(o.name, a.name) AS name,
                       CASE WHEN o.set_code THEN o.country ELSE a.country END AS country,
                       CASE WHEN o.set_code THEN o.sector ELSE a.sector END AS sector,
                       a.first_seen, coalesce(o.new_id, a.id) = a.id AS is_target
                FROM actors a LEFT JOIN curation_overlay o ON o.old_id = a.id
            )
            SELECT id, arg_max(name, is_target) AS name,
                   arg_max_null(country, is_target) AS country,
                   arg_max_null(sector, is_target) AS sector, min(first_seen) AS first_seen
            FROM mapped GROUP BY id""",
        """CREATE VIEW curated_actor_summary AS
            SELECT a.id, a.name, a.country, a.sector, a.first_seen,
                   coalesce(m.n, 0) AS mention_count,
                   coalesce(e1.n, 0) AS events_as_actor,
                   coalesce(e2.n, 0) AS events_as_recipient,
                   coalesce(e3.n, 0) AS events_attributed
            FROM curated_actors a
            LEFT JOIN (SELECT actor_id, count(*) AS n FROM curated_mentions GROUP BY actor_id) m
                   ON m.actor_id = a.id
            LEFT JOIN (SELECT actor_id, count(*) AS n FROM curated_events GROUP BY actor_id) e1
                   ON e1.actor_id = a.id
            LEFT JOIN (SELECT recipient_id, count(*) AS n FROM curated_events
                       GROUP BY recipient_id) e2 ON e2.recipient_id = a.id
            LEFT JOIN (SELECT attributed_id, count(*) AS n FROM curated_events
                       GROUP BY attributed_id) e3 ON e3.attributed_id = a.id""",
    )),
    # PLOVER's 16 categories (issue 14). Events of the 0.7 names are renamed in place so the store
    # reads in the 16 at once (DISAPPROVE and INVESTIGATE keep their sense as ACCUSE's mode);
    # CRIME, no category in the 16, becomes COERCE (its quad and polarity, material conflict)
    # with PLOVER's ``crime`` context, so no row is lost. Every document with events is flagged
    # ``needs_recode``: its events lack mode, contexts, aux_mode and scale, and their ids were
    # built on the old names, so the next ingest codes it again from its stored text.
    Migration("005_plover16", (
        "ALTER TABLE documents ADD COLUMN needs_recode BOOLEAN DEFAULT false",
        "ALTER TABLE events ADD COLUMN mode VARCHAR",
        "ALTER TABLE events ADD COLUMN contexts VARCHAR[]",
        "ALTER TABLE events ADD COLUMN aux_mode VARCHAR",
        "ALTER TABLE events ADD COLUMN event_scale DOUBLE",
        "UPDATE documents SET needs_recode = true "
        "WHERE hash IN (SELECT DISTINCT doc_hash FROM events)",
        "UPDATE events SET event_type = 'COERCE', contexts = ['crime'] WHERE event_type = 'CRIME'",
        "UPDATE events SET mode = 'disapprove' WHERE event_type = 'DISAPPROVE'",
        "UPDATE events SET mode = 'investigate' WHERE event_type = 'INVESTIGATE'",
        "UPDATE events SET event_type = 'ACCUSE', quad = 'verbal-conflict', polarity = -1 "
        "WHERE event_type IN ('DISAPPROVE', 'INVESTIGATE')",
        "UPDATE events SET event_type = 'REQUEST' WHERE event_type = 'DEMAND'",
        "UPDATE events SET event_type = 'ASSAULT' WHERE event_type = 'FIGHT'",
    ), note="renames the PLOVER 0.7 categories to PLOVER's 16 (DEMAND -> REQUEST, DISAPPROVE "
            "and INVESTIGATE -> ACCUSE, CRIME -> COERCE with context crime) and flags "
            "documents for recoding"),
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
