-- Alerts (SQLite migrations 11 and 12) and the kept monthly figures
-- (SQLite migration 10's monthly_figures).
--
-- alert_event ids are the channels' cursor order. A sequence hands ids out
-- at insert, not at commit, so two hosts appending at once could commit id
-- 8 after a channel had read past 9; every append therefore takes this
-- table's lock first (PostgresStore), and ids commit in order.
CREATE TABLE alert_tracker (
  id    integer PRIMARY KEY CHECK (id = 1),
  state bytea NOT NULL
);
CREATE TABLE alert_event (
  id          bigserial PRIMARY KEY,
  cycle       bigint NOT NULL,
  fingerprint text NOT NULL,
  firing      boolean NOT NULL,
  body        text NOT NULL
);
CREATE TABLE alert_cursor (
  channel   text PRIMARY KEY,
  delivered bigint NOT NULL
);
CREATE TABLE alert_delivery (
  id       bigserial PRIMARY KEY,
  channel  text NOT NULL,
  event_id bigint NOT NULL,
  at       bigint NOT NULL,
  outcome  text NOT NULL CHECK (outcome IN ('delivered', 'muted', 'failed')),
  detail   text NOT NULL
);
CREATE INDEX alert_delivery_by_channel ON alert_delivery (channel, id);
CREATE TABLE alert_source_state (
  source text PRIMARY KEY,
  state  bytea NOT NULL
);

CREATE TABLE monthly_figures (
  entity_id bigint NOT NULL REFERENCES entity (id),
  month     bigint NOT NULL,    -- month start, UTC
  test      smallint NOT NULL,  -- TestKind
  body      text NOT NULL,
  PRIMARY KEY (entity_id, month, test)
);
