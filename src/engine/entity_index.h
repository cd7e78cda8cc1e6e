// EntityIndex: the per-configuration lookup structures of the engine, built
// once on config load (never per cycle): EntityId -> dense position in the
// entity list, and each entity's precomputed test targets. Immutable after
// Build(); copyable.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/entity_id.h"
#include "core/monitoring_config.h"
#include "engine/dns_targets.h"

namespace tldmon::engine {

struct EntityLayout {
  DnsTargets dns;
  bool has_rdds43 = false;  // RDDS43 is tested (rdds43_server configured)
  bool has_rdds80 = false;  // RDDS80 is tested (rdds80_url configured)
};

class EntityIndex {
 public:
  static constexpr std::uint32_t kNotFound = UINT32_MAX;

  static EntityIndex Build(const std::vector<EntityConfig>& entities);

  // Position of the entity in the list Build() saw, or kNotFound.
  std::uint32_t Find(const EntityId& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? kNotFound : it->second;
  }
  const EntityLayout& layout(std::uint32_t i) const { return layouts_[i]; }
  std::size_t size() const { return layouts_.size(); }

 private:
  std::unordered_map<EntityId, std::uint32_t> by_id_;
  std::vector<EntityLayout> layouts_;
};

}  // namespace tldmon::engine
