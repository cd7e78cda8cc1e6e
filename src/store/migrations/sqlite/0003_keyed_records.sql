-- Migration 3 (SQLite dialect): keyed records (store/keyed_record.h), the
-- opaque configuration blobs of modules the store does not know: access
-- control (auth.entity, auth.account) and admin data (metrica, metrica.index,
-- rdap_base_urls, maintenance). Documented in docs/formats/store-schema.md.

-- A rowid table rather than WITHOUT ROWID: a record may be up to 64 MiB, and
-- this way the (kind, record_key) index holds only keys, so finding a record
-- or a key range never pages through other records' bytes.
-- record_key compares bytewise (BINARY collation): keys are visible ASCII.
CREATE TABLE keyed_record (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  record_key TEXT NOT NULL,
  bytes      BLOB NOT NULL,
  UNIQUE (kind, record_key)
) STRICT;
