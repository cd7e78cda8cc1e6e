-- Migration 11 (SQLite dialect): alerts (issue 12, docs/alerts.md).
-- alert_tracker: the engine's AlertTracker state (store/alert_state_codec.h),
-- one row, written with the events it produced, so a restart neither
-- repeats an alert nor forgets one that is firing.
CREATE TABLE alert_tracker (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  state BLOB NOT NULL
) STRICT;

-- alert_event: every alert event, in the order the cycles produced them;
-- channels deliver from here in id order (the durable queue).
CREATE TABLE alert_event (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  cycle       INTEGER NOT NULL,  -- the cycle that produced it
  fingerprint TEXT NOT NULL,     -- engine::AlertKey::Fingerprint()
  firing      INTEGER NOT NULL,  -- 1 firing, 0 resolved
  body        TEXT NOT NULL      -- the event as JSON (docs/alerts.md)
) STRICT;

-- alert_cursor: per channel, the last event id it delivered (or gave up on):
-- a channel delivers the events after it, in order, and resumes there
-- after a restart.
CREATE TABLE alert_cursor (
  channel   TEXT PRIMARY KEY,
  delivered INTEGER NOT NULL
) STRICT;
