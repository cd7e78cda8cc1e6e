-- Migration 10 (SQLite dialect): the dashboard's per-probe RTT charts and
-- NSID changes, and the monthly report's past months (docs/dashboard.md).
-- probe_rtt: per entity and DNS cycle, each probe's RTTs over the entity's
-- name-server IPs (the transport it used, how many, median, 95th percentile
-- in ms); one row per (entity, cycle), as ns_ip_rtt.
CREATE TABLE probe_rtt (
  entity_id INTEGER NOT NULL REFERENCES entity (id),
  cycle     INTEGER NOT NULL,
  body      BLOB NOT NULL,  -- per probe with an RTT: probe, transport, n, p50, p95 (varints)
  PRIMARY KEY (entity_id, cycle)
) STRICT, WITHOUT ROWID;

-- nsid_sighting: a probe saw a name-server IP answer with an NSID other than
-- the last one it saw there (the first one, an anycast instance change, or
-- the first after a restart of the engine). Changes only, so a year of a
-- stable anycast service is one row per (pair, probe).
CREATE TABLE nsid_sighting (
  entity_id INTEGER NOT NULL REFERENCES entity (id),
  cycle     INTEGER NOT NULL,
  ns        INTEGER NOT NULL,
  ip        INTEGER NOT NULL,
  probe     INTEGER NOT NULL,
  nsid      TEXT NOT NULL,  -- hex, as reported
  PRIMARY KEY (entity_id, cycle, ns, ip, probe)
) STRICT, WITHOUT ROWID;

-- monthly_figures: an entity's monthly document (docs/formats/monthly-figures.md)
-- as of the last cycle of a UTC month of one test kind (ingest/month_archive.h):
-- the dashboard's past months. Replaced when that cycle is processed again.
CREATE TABLE monthly_figures (
  entity_id INTEGER NOT NULL REFERENCES entity (id),
  month     INTEGER NOT NULL,  -- month start, UTC
  test      INTEGER NOT NULL,  -- TestKind
  body      TEXT NOT NULL,
  PRIMARY KEY (entity_id, month, test)
) STRICT, WITHOUT ROWID;
