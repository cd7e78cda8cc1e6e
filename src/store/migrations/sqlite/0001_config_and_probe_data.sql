-- Migration 1 (SQLite dialect): configuration and probe data.
-- The layout and every encoding are documented in docs/formats/store-schema.md.

-- SlaParams as name/value pairs ("dns.cycle_seconds", "unavailability_limit", ...):
-- a parameter added later needs no migration; a missing name takes ICANN's default.
CREATE TABLE sla_param (
  name  TEXT PRIMARY KEY,
  value ANY NOT NULL
) STRICT, WITHOUT ROWID;

-- One row per entity ever configured. `id` is the dictionary code used by every
-- other table; a removed entity keeps its row (active = 0) so history stays readable.
CREATE TABLE entity (
  id             INTEGER PRIMARY KEY,
  kind           INTEGER NOT NULL CHECK (kind IN (0, 1)),  -- 0 ry, 1 rr
  name           TEXT NOT NULL,                            -- TLD A-label or IANA ID
  active         INTEGER NOT NULL CHECK (active IN (0, 1)),
  cctld          INTEGER NOT NULL CHECK (cctld IN (0, 1)),
  enabled        INTEGER NOT NULL CHECK (enabled BETWEEN 0 AND 31),  -- bit Index(Service)
  dnssec         INTEGER NOT NULL CHECK (dnssec IN (0, 1)),
  test_prefix    TEXT NOT NULL,
  rdds43_server  TEXT NOT NULL,
  rdds80_url     TEXT NOT NULL,
  rdap_base_url  TEXT NOT NULL,
  test_domain    TEXT NOT NULL,
  min_ns_initial INTEGER NOT NULL,
  UNIQUE (kind, name)
) STRICT;

CREATE TABLE entity_name_server (
  entity_id INTEGER NOT NULL REFERENCES entity (id) ON DELETE CASCADE,
  ns_pos    INTEGER NOT NULL,  -- index in EntityConfig::name_servers
  name      TEXT NOT NULL,
  PRIMARY KEY (entity_id, ns_pos)
) STRICT, WITHOUT ROWID;

CREATE TABLE entity_ns_ip (
  entity_id INTEGER NOT NULL,
  ns_pos    INTEGER NOT NULL,
  ip_pos    INTEGER NOT NULL,  -- index in NameServer::ips
  ip        TEXT NOT NULL,
  PRIMARY KEY (entity_id, ns_pos, ip_pos),
  FOREIGN KEY (entity_id, ns_pos) REFERENCES entity_name_server (entity_id, ns_pos)
    ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- MinNsSchedule::switches: from `at` on, `min_ns` name servers must be up.
CREATE TABLE entity_min_ns_switch (
  entity_id INTEGER NOT NULL REFERENCES entity (id) ON DELETE CASCADE,
  pos       INTEGER NOT NULL,
  at        INTEGER NOT NULL,
  min_ns    INTEGER NOT NULL,
  PRIMARY KEY (entity_id, pos)
) STRICT, WITHOUT ROWID;

CREATE TABLE entity_config_time (
  entity_id INTEGER NOT NULL REFERENCES entity (id) ON DELETE CASCADE,
  pos       INTEGER NOT NULL,
  at        INTEGER NOT NULL,
  PRIMARY KEY (entity_id, pos)
) STRICT, WITHOUT ROWID;

-- Probes in their permanent order: `idx` is the ProbeIndex. Rows are never
-- deleted or renumbered; a retired probe is disabled.
CREATE TABLE probe (
  idx     INTEGER PRIMARY KEY CHECK (idx >= 0),
  name    TEXT NOT NULL UNIQUE,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  ipv4    INTEGER NOT NULL CHECK (ipv4 IN (0, 1)),
  ipv6    INTEGER NOT NULL CHECK (ipv6 IN (0, 1)),
  rdds    INTEGER NOT NULL CHECK (rdds IN (0, 1)),
  rdap    INTEGER NOT NULL CHECK (rdap IN (0, 1))
) STRICT;

CREATE TABLE probe_address (
  probe_idx INTEGER NOT NULL REFERENCES probe (idx),
  family    INTEGER NOT NULL CHECK (family IN (4, 6)),
  pos       INTEGER NOT NULL,
  address   TEXT NOT NULL,
  PRIMARY KEY (probe_idx, family, pos)
) STRICT, WITHOUT ROWID;

-- String dictionary for report bodies (tested names, IPs, NSIDs). Append-only:
-- codes inside report bodies and compacted chunks stay valid forever. Code 0 is "".
CREATE TABLE dict (
  id   INTEGER PRIMARY KEY CHECK (id > 0),
  text TEXT NOT NULL UNIQUE
) STRICT;

-- Recent probe reports, grouped as they arrive: one row per (test, cycle,
-- probe) and write, holding that probe's reports of the cycle for many
-- entities (a "report batch": an entity index, then the varint bodies;
-- docs/formats/store-schema.md). A probe pushes one cycle for all its TLDs
-- at once, so a minute of a full deployment (1500 TLDs x 40 probes) is ~40
-- rows rather than 60,000, and "all reports of a cycle" is one range scan.
-- `seq` numbers the writes of the same (test, cycle, probe): a later push may
-- add reports for other entities; each report key is stored only once.
CREATE TABLE report_batch (
  test    INTEGER NOT NULL,
  cycle   INTEGER NOT NULL,
  probe   INTEGER NOT NULL,
  seq     INTEGER NOT NULL,
  reports BLOB NOT NULL,
  PRIMARY KEY (test, cycle, probe, seq)
) STRICT;

-- Compacted reports: one zstd frame per (test, 900 s chunk, entity).
CREATE TABLE report_chunk (
  id          INTEGER PRIMARY KEY,
  test        INTEGER NOT NULL,
  chunk_start INTEGER NOT NULL,
  entity_id   INTEGER NOT NULL REFERENCES entity (id),
  blob        BLOB NOT NULL,
  UNIQUE (test, chunk_start, entity_id)
) STRICT;

-- Chunks CompactDay has packed: only reports of these need a look into
-- report_chunk for idempotency.
CREATE TABLE compacted_chunk (
  test        INTEGER NOT NULL,
  chunk_start INTEGER NOT NULL,
  PRIMARY KEY (test, chunk_start)
) STRICT, WITHOUT ROWID;

-- Probe status inputs per minute (ProbeMinuteSample).
CREATE TABLE probe_minute (
  minute        INTEGER NOT NULL,
  probe         INTEGER NOT NULL,
  check_ok      INTEGER NOT NULL CHECK (check_ok IN (0, 1)),
  manual_online INTEGER NOT NULL CHECK (manual_online IN (0, 1)),
  reachable     INTEGER NOT NULL CHECK (reachable IN (0, 1)),
  PRIMARY KEY (minute, probe)
) STRICT, WITHOUT ROWID;
