-- The status inputs of each probe per minute (SQLite migration 1's
-- probe_minute): what the probe-minute sample is computed from.
CREATE TABLE probe_minute (
  minute        bigint NOT NULL,   -- Unix seconds, aligned to 60
  probe         integer NOT NULL,  -- ProbeIndex
  check_ok      boolean NOT NULL,
  manual_online boolean NOT NULL,
  reachable     boolean NOT NULL,
  PRIMARY KEY (minute, probe)
);
