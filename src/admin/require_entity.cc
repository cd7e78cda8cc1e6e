#include "admin/require_entity.h"

namespace tldmon::admin {

Status RequireEntity(const store::Store& store, const EntityId& id) {
  auto entities = store.LoadEntities();
  if (!entities.ok()) return entities.status();
  for (const EntityConfig& e : *entities)
    if (e.id == id) return Status::Ok();
  return NotFound("no entity " + id.Path() + " is configured; see `tldmon admin entity list`");
}

}  // namespace tldmon::admin
