-- Migration 6 (SQLite dialect): the change generation (Store::ChangeGeneration,
-- docs/operations.md "Several processes on one data directory"). Every
-- configuration edit (SLA parameters, entities, probes, false positives, keyed
-- records) adds one to it in the edit's own transaction, so a running serve
-- that sees the number move also sees the whole edit, and an edit that fails
-- leaves the number alone. It replaces the keyed record app.changes/generation
-- that `tldmon admin` used to bump in a second transaction after the edit;
-- the count goes on from that record's value.
CREATE TABLE change_generation (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL CHECK (value >= 0)
) STRICT;
INSERT INTO change_generation (id, value)
  VALUES (1, COALESCE((SELECT CAST(CAST(bytes AS TEXT) AS INTEGER) FROM keyed_record
                       WHERE kind = 'app.changes' AND record_key = 'generation'), 0));
DELETE FROM keyed_record WHERE kind = 'app.changes';
