-- Configuration (the Store's "Configuration" section), the change
-- generation and keyed records, as SQLite's migrations 1, 3, 6 and 8 hold
-- them, in PostgreSQL's terms. An entity's configuration is one encoded
-- body (store/entity_config_codec.h), as in SQLite's entity_config_version:
-- nothing queries its parts.
CREATE TABLE change_generation (
  id    integer PRIMARY KEY CHECK (id = 1),
  value bigint NOT NULL CHECK (value >= 0)
);
INSERT INTO change_generation (id, value) VALUES (1, 0);

CREATE TABLE sla_param (
  name       text PRIMARY KEY,
  int_value  bigint,
  real_value double precision,
  CHECK ((int_value IS NULL) <> (real_value IS NULL))
);

CREATE TABLE entity (
  id     bigserial PRIMARY KEY,
  kind   smallint NOT NULL CHECK (kind IN (0, 1)),  -- 0 ry, 1 rr
  name   text NOT NULL,                             -- TLD A-label or IANA ID
  active boolean NOT NULL,
  body   bytea NOT NULL,                            -- the configuration now
  UNIQUE (kind, name)
);

CREATE TABLE entity_config_version (
  entity_id bigint NOT NULL REFERENCES entity (id),
  effective bigint NOT NULL,  -- Unix seconds; the latest config_times entry, or INT64_MIN
  body      bytea NOT NULL,
  PRIMARY KEY (entity_id, effective)
);

CREATE TABLE probe (
  idx            integer PRIMARY KEY CHECK (idx >= 0),
  name           text NOT NULL UNIQUE,
  enabled        boolean NOT NULL,
  ipv4           boolean NOT NULL,
  ipv6           boolean NOT NULL,
  rdds           boolean NOT NULL,
  rdap           boolean NOT NULL,
  ipv4_addresses text NOT NULL,  -- one per line
  ipv6_addresses text NOT NULL
);

-- Keys compare bytewise (COLLATE "C"), as SQLite's BINARY collation does:
-- listings are ordered and prefixes selected by bytes, whatever the
-- database's default collation.
CREATE TABLE keyed_record (
  kind       text COLLATE "C" NOT NULL,
  record_key text COLLATE "C" NOT NULL,
  bytes      bytea NOT NULL,
  PRIMARY KEY (kind, record_key)
);
