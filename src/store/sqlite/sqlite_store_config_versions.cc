// Configuration versions of entities (Store::EntityConfigAt; migration 5).
#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>

#include "store/entity_config_codec.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace tldmon::store {
namespace {

// In force from the last change (slam-algorithms.md §5 reconfiguration
// time), or from the beginning when the configuration never changed.
std::int64_t EffectiveTime(const EntityConfig& e) {
  if (e.config_times.empty()) return std::numeric_limits<std::int64_t>::min();
  return *std::max_element(e.config_times.begin(), e.config_times.end());
}

}  // namespace

Status SqliteStoreImpl::WriteConfigVersion(const EntityConfig& e, std::int64_t row_id) {
  TLDMON_SQLITE_STMT(st, *db_,
                     "INSERT OR REPLACE INTO entity_config_version (entity_id, effective, body)"
                     " VALUES (?1, ?2, ?3)");
  // Bound without a copy: the bytes must live until Run().
  const std::string body = EncodeEntityConfig(e);
  st.Bind(1, row_id).Bind(2, EffectiveTime(e)).BindBlob(3, body);
  return st.Run();
}

Result<std::optional<EntityConfig>> SqliteStoreImpl::EntityConfigAt(const EntityId& id,
                                                                    UnixSeconds t) {
  TLDMON_RETURN_IF_ERROR(Refresh());
  const EntityRow* e = FindEntity(id);
  if (e == nullptr) return NotFound("unknown entity " + id.Path());
  TLDMON_SQLITE_STMT(st, *db_,
                     "SELECT body FROM entity_config_version WHERE entity_id = ?1 AND"
                     " effective <= ?2 ORDER BY effective DESC LIMIT 1");
  st.Bind(1, e->row_id).Bind(2, static_cast<std::int64_t>(t));
  Result<bool> row = st.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<EntityConfig>();
  EntityConfig config;
  if (!DecodeEntityConfig(st.Blob(0), config))
    return Internal("malformed configuration version of " + id.Path());
  return std::optional<EntityConfig>(std::move(config));
}

}  // namespace tldmon::store
