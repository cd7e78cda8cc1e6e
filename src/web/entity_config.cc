#include "web/entity_config.h"

namespace tldmon::web {

Result<EntityConfig> CurrentEntityConfig(const store::Store& store, const EntityId& entity,
                                         UnixSeconds now) {
  auto config = store.EntityConfigAt(entity, now);
  if (!config.ok()) return config.status();
  if (*config) return std::move(**config);
  auto all = store.LoadEntities();
  if (!all.ok()) return all.status();
  for (EntityConfig& e : *all)
    if (e.id == entity) return std::move(e);
  return NotFound("no entity " + entity.Path());
}

}  // namespace tldmon::web
