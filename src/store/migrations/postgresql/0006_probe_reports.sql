-- Probe reports in the compact encoding (docs/formats/store-schema.md
-- "Encodings"), as SQLite migrations 1 and 7 hold them, with two
-- differences:
--  * report_batch and report_chunk are partitioned by UTC day of the cycle
--    (declarative range partitioning). The store creates a day's partition
--    when the day's first report arrives, and retention drops whole
--    partitions instead of deleting rows (no dead tuples, no vacuum debt).
--  * The blobs are zstd frames or varint bodies already: PostgreSQL's own
--    TOAST compression would spend CPU for nothing, so their columns are
--    STORAGE EXTERNAL (out of line when large, never compressed).
--    Partitions inherit the setting from their parent.

-- The string dictionary of the report bodies. Codes are dense from 1; a
-- host appends under a transaction-scoped advisory lock, so two hosts never
-- hand out the same code (PostgresStore::InternTexts).
CREATE TABLE dict (
  id   bigint PRIMARY KEY CHECK (id > 0),
  text text COLLATE "C" NOT NULL UNIQUE
);

-- One row per (test, cycle, probe) and write: that probe's reports of the
-- cycle for many entities (a "report batch").
CREATE TABLE report_batch (
  test    smallint NOT NULL,
  cycle   bigint NOT NULL,
  probe   integer NOT NULL,
  seq     integer NOT NULL,
  reports bytea NOT NULL,
  PRIMARY KEY (test, cycle, probe, seq)
) PARTITION BY RANGE (cycle);
ALTER TABLE report_batch ALTER COLUMN reports SET STORAGE EXTERNAL;

-- Compacted reports: per (test, 900 s chunk), groups of per-entity zstd
-- frames (store/chunk_group.h); entity_id is the group's first entity.
CREATE TABLE report_chunk (
  test        smallint NOT NULL,
  chunk_start bigint NOT NULL,
  entity_id   bigint NOT NULL,
  blob        bytea NOT NULL,
  PRIMARY KEY (test, chunk_start, entity_id)
) PARTITION BY RANGE (chunk_start);
ALTER TABLE report_chunk ALTER COLUMN blob SET STORAGE EXTERNAL;

-- The chunks compaction has written: a late report for one of them is
-- checked against report_chunk for idempotency.
CREATE TABLE compacted_chunk (
  test        smallint NOT NULL,
  chunk_start bigint NOT NULL,
  PRIMARY KEY (test, chunk_start)
);

-- Storage counters per UTC day (SQLite migration 7).
CREATE TABLE probe_data_day (
  day               bigint PRIMARY KEY,
  raw_reports       bigint NOT NULL DEFAULT 0,
  raw_metrics       bigint NOT NULL DEFAULT 0,
  raw_bytes         bigint NOT NULL DEFAULT 0,
  compacted_reports bigint NOT NULL DEFAULT 0,
  compacted_metrics bigint NOT NULL DEFAULT 0,
  compacted_bytes   bigint NOT NULL DEFAULT 0
);
