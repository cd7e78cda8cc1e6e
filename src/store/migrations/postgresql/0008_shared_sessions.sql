-- MoSAPI sessions and login lockouts that every host sees (issue 13: a
-- client logs in on one host and reads from another; guessing a password
-- through several hosts locks the account on all of them).
--
-- api_session.key is the BLAKE2b-256 digest of the cookie value: the
-- database, like the in-memory table of a single host, never holds a
-- usable cookie. `seq` orders one account's logins within one second (a
-- new login beyond the account's limit ends the oldest). The hosts keep a
-- cache of the sessions they have seen and drop an entry when NOTIFY
-- tldmon_session names its key (a logout, an eviction, a password change on
-- another host).
CREATE TABLE api_session (
  key      bytea PRIMARY KEY,
  seq      bigserial NOT NULL,
  username text NOT NULL,
  entity   text NOT NULL,    -- "ry/<tld>" or "rr/<ianaId>"
  created  bigint NOT NULL,  -- Unix seconds
  expires  bigint NOT NULL   -- first second at which the session is dead
);
CREATE INDEX api_session_by_account ON api_session (username, seq);
CREATE INDEX api_session_by_expiry ON api_session (expires);

-- The growing back-off after failed logins (auth/lockout.h), one row per
-- account that has failed since its last success.
CREATE TABLE login_lockout (
  username             text PRIMARY KEY,
  consecutive_failures integer NOT NULL,
  locked_until         bigint NOT NULL
);
