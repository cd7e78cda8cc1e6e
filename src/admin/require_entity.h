// The check every admin edit of an entity's configuration starts with
// (`tldmon admin` and the admin API): the entity must be configured.
#pragma once

#include "core/entity_id.h"
#include "core/status.h"
#include "store/store.h"

namespace tldmon::admin {

// NotFound ("no entity ry/x is configured; see `tldmon admin entity list`")
// unless `id` is an active entity of `store`; the store's error if it
// cannot be read.
Status RequireEntity(const store::Store& store, const EntityId& id);

}  // namespace tldmon::admin
