-- Migration 12 (SQLite dialect): the alert delivery log (issue 12,
-- docs/alerts.md "Delivery"). One row per outcome of one event on one
-- channel: delivered, muted (the entity's settings or a maintenance window
-- said not to send it) or failed (the receiver refused or was unreachable;
-- the event is retried). `tldmon admin alert deliveries` reads it, newest
-- first. Bounded: each write keeps the newest 100,000 rows.
CREATE TABLE alert_delivery (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  channel  TEXT NOT NULL,
  event_id INTEGER NOT NULL,
  at       INTEGER NOT NULL,   -- Unix seconds of the attempt
  outcome  TEXT NOT NULL CHECK (outcome IN ('delivered', 'muted', 'failed')),
  detail   TEXT NOT NULL       -- the receiver's answer, the mute reason or the error
) STRICT;

-- alert_source_state: the state of an alert source other than the engine's
-- tracker (alert_tracker), written with its events in one transaction as
-- RecordSourceAlerts does: "tlsa" — the TLS access entries' TLSA alerts
-- that fire (alerts/tlsa_alerts.h), so a restart neither repeats nor
-- forgets them.
CREATE TABLE alert_source_state (
  source TEXT PRIMARY KEY,
  state  BLOB NOT NULL
) STRICT;
