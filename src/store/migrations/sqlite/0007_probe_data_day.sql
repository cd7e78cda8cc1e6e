-- How much probe data the store holds per UTC day, kept up to date by
-- PutReports, CompactDay and DropProbeDataBefore in the transactions that
-- change the data, so `tldmon admin status` lists storage per day without
-- reading the reports (docs/formats/store-schema.md).
CREATE TABLE probe_data_day (
  day               INTEGER PRIMARY KEY,         -- UTC midnight of the cycles
  raw_reports       INTEGER NOT NULL DEFAULT 0,  -- reports in report_batch
  raw_metrics       INTEGER NOT NULL DEFAULT 0,
  raw_bytes         INTEGER NOT NULL DEFAULT 0,  -- length of their report_batch blobs
  compacted_reports INTEGER NOT NULL DEFAULT 0,  -- reports in report_chunk
  compacted_metrics INTEGER NOT NULL DEFAULT 0,
  compacted_bytes   INTEGER NOT NULL DEFAULT 0   -- length of the zstd frames
) STRICT;

-- Counting metrics needs the report encoding, which SQL cannot read: this
-- row asks the store to fill probe_data_day from the data already there at
-- its next writable open, in one transaction that also deletes the row.
CREATE TABLE probe_data_day_rebuild (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1)
) STRICT;
INSERT INTO probe_data_day_rebuild (singleton) VALUES (1);
