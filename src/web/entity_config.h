// The configuration of one entity as the dashboard shows it: the version in
// force now (Store::EntityConfigAt), or, for an entity stored before
// configurations had versions, the current one.
#pragma once

#include "core/entity_id.h"
#include "core/monitoring_config.h"
#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace tldmon::web {

// NotFound for an entity the store does not know.
Result<EntityConfig> CurrentEntityConfig(const store::Store& store, const EntityId& entity,
                                         UnixSeconds now);

}  // namespace tldmon::web
