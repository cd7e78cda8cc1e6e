-- Migration 9 (SQLite dialect): per entity and DNS cycle, the RTTs of every
-- probe for each name-server IP by transport — how many, their median and
-- 95th percentile (ms) — for the dashboard's RTT charts (docs/dashboard.md).
-- One row per (entity, cycle) rather than a column set per ns_ip_verdict
-- row: a 30-day chart then reads 43,200 rows in key order instead of
-- sorting 345,600 (docs/formats/store-schema.md "NS-IP RTTs").
CREATE TABLE ns_ip_rtt (
  entity_id INTEGER NOT NULL REFERENCES entity (id),
  cycle     INTEGER NOT NULL,
  body      BLOB NOT NULL,  -- per pair with an RTT: ns, ip, udp n/p50/p95, tcp n/p50/p95 (varints)
  PRIMARY KEY (entity_id, cycle)
) STRICT, WITHOUT ROWID;
