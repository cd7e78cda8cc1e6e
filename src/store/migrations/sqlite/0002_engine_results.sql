-- Migration 2 (SQLite dialect): engine results and the persisted EngineState.
-- Times are Unix seconds; NULL stands for engine::kNever / an absent optional.

-- EngineState globals: exactly one row once a cycle has been committed.
CREATE TABLE engine_global (
  singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
  next_event_id   INTEGER NOT NULL,  -- uint64 stored as its int64 bit pattern
  last_cycle_dns  INTEGER,
  last_cycle_rdds INTEGER,
  last_cycle_rdap INTEGER,
  last_cycle_epp  INTEGER
) STRICT;

-- EngineState::probes, indexed by ProbeIndex.
CREATE TABLE probe_state (
  probe             INTEGER PRIMARY KEY CHECK (probe >= 0),
  auto_online       INTEGER NOT NULL CHECK (auto_online IN (0, 1)),
  success_run_start INTEGER,
  minute_bits       INTEGER NOT NULL,  -- uint64 bit pattern
  last_minute       INTEGER
) STRICT;

-- One row per entity present in EngineState::entities; children cascade.
CREATE TABLE entity_state (
  entity_id INTEGER PRIMARY KEY REFERENCES entity (id)
) STRICT;

CREATE TABLE service_state (
  entity_id      INTEGER NOT NULL REFERENCES entity_state (entity_id) ON DELETE CASCADE,
  service        INTEGER NOT NULL CHECK (service BETWEEN 0 AND 4),
  last_cycle     INTEGER,
  last_status    INTEGER NOT NULL CHECK (last_status BETWEEN 0 AND 4),
  down_streak    INTEGER NOT NULL,
  recover_streak INTEGER NOT NULL,
  PRIMARY KEY (entity_id, service)
) STRICT, WITHOUT ROWID;

-- ServiceState::incidents in vector order (`pos`); down_cycles is the varint
-- encoding of the CycleRun list (docs/formats/store-schema.md).
CREATE TABLE incident (
  entity_id      INTEGER NOT NULL REFERENCES entity_state (entity_id) ON DELETE CASCADE,
  service        INTEGER NOT NULL CHECK (service BETWEEN 0 AND 4),
  pos            INTEGER NOT NULL,
  event_id       INTEGER NOT NULL,  -- uint64 bit pattern
  start_time     INTEGER NOT NULL,
  end_time       INTEGER,
  false_positive INTEGER NOT NULL CHECK (false_positive IN (0, 1)),
  fp_update_time INTEGER,
  down_cycles    BLOB NOT NULL,
  PRIMARY KEY (entity_id, service, pos)
) STRICT, WITHOUT ROWID;

CREATE TABLE ns_ip_state (
  entity_id         INTEGER NOT NULL REFERENCES entity_state (entity_id) ON DELETE CASCADE,
  pos               INTEGER NOT NULL,
  ns                TEXT NOT NULL,
  ip                TEXT NOT NULL,
  month             INTEGER,
  month_down_cycles INTEGER NOT NULL,
  last_status       INTEGER NOT NULL CHECK (last_status BETWEEN 0 AND 4),
  PRIMARY KEY (entity_id, pos)
) STRICT, WITHOUT ROWID;

CREATE TABLE rtt_month (
  entity_id INTEGER NOT NULL REFERENCES entity_state (entity_id) ON DELETE CASCADE,
  kind      INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 5),  -- RttKind
  month     INTEGER,
  performed INTEGER NOT NULL,
  failed    INTEGER NOT NULL,
  expected  INTEGER NOT NULL,
  PRIMARY KEY (entity_id, kind)
) STRICT, WITHOUT ROWID;

-- Every committed cycle; probe_online is CycleOutput::probe_online as a bitmap
-- (bit i of byte i/8 = probe i online for the whole cycle).
CREATE TABLE processed_cycle (
  test         INTEGER NOT NULL CHECK (test BETWEEN 0 AND 3),
  cycle        INTEGER NOT NULL,
  probe_count  INTEGER NOT NULL,
  probe_online BLOB NOT NULL,
  PRIMARY KEY (test, cycle)
) STRICT, WITHOUT ROWID;

CREATE TABLE service_verdict (
  entity_id    INTEGER NOT NULL REFERENCES entity (id),
  service      INTEGER NOT NULL CHECK (service BETWEEN 0 AND 4),
  cycle        INTEGER NOT NULL,
  status       INTEGER NOT NULL CHECK (status BETWEEN 0 AND 4),
  online       INTEGER NOT NULL,
  with_results INTEGER NOT NULL,
  positive     INTEGER NOT NULL,
  PRIMARY KEY (entity_id, service, cycle)
) STRICT, WITHOUT ROWID;

CREATE TABLE ns_ip_verdict (
  entity_id INTEGER NOT NULL REFERENCES entity (id),
  ns        INTEGER NOT NULL,
  ip        INTEGER NOT NULL,
  cycle     INTEGER NOT NULL,
  status    INTEGER NOT NULL CHECK (status BETWEEN 0 AND 4),
  n_values  INTEGER NOT NULL,
  n_down    INTEGER NOT NULL,
  PRIMARY KEY (entity_id, ns, ip, cycle)
) STRICT, WITHOUT ROWID;

-- Who flagged which incident false positive, and when (append-only audit trail).
CREATE TABLE false_positive_change (
  seq         INTEGER PRIMARY KEY,
  entity_id   INTEGER NOT NULL REFERENCES entity (id),
  service     INTEGER NOT NULL CHECK (service BETWEEN 0 AND 4),
  incident_id TEXT NOT NULL,  -- "<startTime>.<eventId>"
  flag        INTEGER NOT NULL CHECK (flag IN (0, 1)),
  time        INTEGER NOT NULL,
  who         TEXT NOT NULL
) STRICT;
CREATE INDEX false_positive_change_by_service
  ON false_positive_change (entity_id, service, seq);
