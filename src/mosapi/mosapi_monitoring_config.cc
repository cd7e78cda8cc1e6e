#include "mosapi/mosapi_monitoring_config.h"

#include "documents/render_measurement.h"

namespace tldmon::mosapi {

const EntityConfig* MonitoringConfig::Find(const EntityId& entity) const {
  const auto it = entities.find(entity);
  return it == entities.end() ? nullptr : &it->second;
}

Result<std::shared_ptr<const MonitoringConfig>> MonitoringConfigCache::Get() {
  const UnixSeconds now = clock_.Now();
  MutexLock lock(mu_);
  if (current_ && now >= current_->loaded_at && now - current_->loaded_at < refresh_seconds_)
    return current_;
  auto config = std::make_shared<MonitoringConfig>();
  Result<engine::SlaParams> params = store_.LoadSlaParams();
  if (!params.ok()) return params.status();
  config->params = std::move(params).value();
  Result<std::vector<store::ProbeRecord>> probes = store_.LoadProbes();
  if (!probes.ok()) return probes.status();
  for (store::ProbeRecord& p : *probes) {
    config->probes.push_back(std::move(p.node));
    config->probe_enabled.push_back(p.enabled);
  }
  config->probe_order = documents::ProbesByName(config->probes);
  Result<std::vector<EntityConfig>> entities = store_.LoadEntities();
  if (!entities.ok()) return entities.status();
  for (EntityConfig& e : *entities) {
    EntityId id = e.id;
    config->entities.emplace(std::move(id), std::move(e));
  }
  config->loaded_at = now;
  current_ = std::move(config);
  return current_;
}

}  // namespace tldmon::mosapi
