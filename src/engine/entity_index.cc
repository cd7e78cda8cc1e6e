#include "engine/entity_index.h"

namespace tldmon::engine {

EntityIndex EntityIndex::Build(const std::vector<EntityConfig>& entities) {
  EntityIndex index;
  index.by_id_.reserve(entities.size());
  index.layouts_.reserve(entities.size());
  for (std::uint32_t i = 0; i < entities.size(); ++i) {
    const EntityConfig& e = entities[i];
    index.by_id_.emplace(e.id, i);
    EntityLayout layout;
    layout.dns = DnsTargets::Of(e);
    layout.has_rdds43 = !e.rdds43_server.empty();
    layout.has_rdds80 = !e.rdds80_url.empty();
    index.layouts_.push_back(std::move(layout));
  }
  return index;
}

}  // namespace tldmon::engine
