-- Migration 8 (SQLite dialect): every configuration an entity had, with the
-- time from which it was in force, so a measurement object of an old cycle is
-- rendered with the configuration of its cycle (mosapi-api.md §6.10) and its
-- reports' name-server indexes are read against the list they referred to.
-- Layout and body encoding: docs/formats/store-schema.md "Configuration versions".
-- Entities stored before this migration get their first version at their next
-- PutEntities; until then EntityConfigAt finds none.
CREATE TABLE entity_config_version (
  entity_id INTEGER NOT NULL REFERENCES entity (id) ON DELETE CASCADE,
  effective INTEGER NOT NULL,  -- Unix seconds; the latest config_times entry, or INT64_MIN
  body      BLOB NOT NULL,     -- EncodeEntityConfig (store/entity_config_codec.h)
  PRIMARY KEY (entity_id, effective)
) STRICT, WITHOUT ROWID;
