-- Engine results (SQLite migrations 2, 9 and 10): what the leader commits
-- each cycle, and the engine state it resumes from. Written only inside the
-- leader's fenced transaction (store/postgres/leader_lease.h), which also
-- raises publish_state.generation, so a follower that sees generation g
-- sees all of g.
--
-- The engine state is one row of globals plus one blob per entity
-- (store/entity_state_codec.h), not SQLite's normalised tables: a cycle
-- rewrites the rows of the entities whose state changed with one statement,
-- and a follower rebuilding its documents loads the state with one scan.
-- Times are Unix seconds; engine::kNever (-2^63) means "never". Unsigned
-- 64-bit counters are stored as their two's-complement bit pattern.
CREATE TABLE engine_global (
  id               integer PRIMARY KEY CHECK (id = 1),
  next_event_id    bigint NOT NULL,
  last_cycle_dns   bigint NOT NULL,
  last_cycle_rdds  bigint NOT NULL,
  last_cycle_rdap  bigint NOT NULL,
  last_cycle_epp   bigint NOT NULL,
  last_minute      bigint NOT NULL,
  recorded_minutes bigint NOT NULL,
  probes           bytea NOT NULL   -- EncodeProbeStates
);

CREATE TABLE entity_state (
  entity_id bigint PRIMARY KEY REFERENCES entity (id),
  body      bytea NOT NULL          -- EncodeEntityState
);

-- Which cycles are done, with the probes online in each (a bitmap).
CREATE TABLE processed_cycle (
  test         smallint NOT NULL,
  cycle        bigint NOT NULL,
  probe_count  integer NOT NULL,
  probe_online bytea NOT NULL,
  PRIMARY KEY (test, cycle)
);

CREATE TABLE service_verdict (
  entity_id    bigint NOT NULL REFERENCES entity (id),
  service      smallint NOT NULL,
  cycle        bigint NOT NULL,
  status       smallint NOT NULL,
  online       integer NOT NULL,
  with_results integer NOT NULL,
  positive     integer NOT NULL,
  PRIMARY KEY (entity_id, service, cycle)
);

CREATE TABLE ns_ip_verdict (
  entity_id bigint NOT NULL REFERENCES entity (id),
  ns        integer NOT NULL,
  ip        integer NOT NULL,
  cycle     bigint NOT NULL,
  status    smallint NOT NULL,
  n_values  integer NOT NULL,
  n_down    integer NOT NULL,
  PRIMARY KEY (entity_id, cycle, ns, ip)
);

-- Per (entity, DNS cycle) varint bodies (store/rtt_codec.h).
CREATE TABLE ns_ip_rtt (
  entity_id bigint NOT NULL REFERENCES entity (id),
  cycle     bigint NOT NULL,
  body      bytea NOT NULL,
  PRIMARY KEY (entity_id, cycle)
);
CREATE TABLE probe_rtt (
  entity_id bigint NOT NULL REFERENCES entity (id),
  cycle     bigint NOT NULL,
  body      bytea NOT NULL,
  PRIMARY KEY (entity_id, cycle)
);

CREATE TABLE nsid_sighting (
  entity_id bigint NOT NULL REFERENCES entity (id),
  cycle     bigint NOT NULL,
  ns        integer NOT NULL,
  ip        integer NOT NULL,
  probe     integer NOT NULL,
  nsid      text NOT NULL,
  PRIMARY KEY (entity_id, cycle, ns, ip, probe)
);

-- Who flagged which incident false positive, and when (append-only).
CREATE TABLE false_positive_change (
  seq         bigserial PRIMARY KEY,
  entity_id   bigint NOT NULL REFERENCES entity (id),
  service     smallint NOT NULL,
  incident_id text NOT NULL,
  flag        boolean NOT NULL,
  time        bigint NOT NULL,
  who         text NOT NULL
);
CREATE INDEX false_positive_change_by_service ON false_positive_change (entity_id, service, seq);
