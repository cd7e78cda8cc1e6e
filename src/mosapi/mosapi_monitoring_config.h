// MonitoringConfigCache: the monitoring configuration the MoSAPI endpoints
// need to rebuild measurement objects and list probes — SlaParams, the probe
// list and the active entities — read from the Store and kept for
// `refresh_seconds` of Clock time, so a request does not reload the whole
// configuration (thousands of entities) from the database. An edit by
// `tldmon admin` is therefore seen within that time.
//
// Holds references to the Store and Clock (they must outlive it).
// Thread-safe: Get() may be called concurrently; a reload happens under the
// cache's mutex, the snapshot it returns is immutable.
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "core/clock.h"
#include "core/entity_id.h"
#include "core/monitoring_config.h"
#include "core/probe_report.h"
#include "core/status.h"
#include "core/thread_annotations.h"
#include "engine/sla_params.h"
#include "store/store.h"

namespace tldmon::mosapi {

struct MonitoringConfig {
  engine::SlaParams params;
  std::vector<ProbeNode> probes;              // every probe ever added, by ProbeIndex
  std::vector<bool> probe_enabled;            // by ProbeIndex
  std::vector<ProbeIndex> probe_order;        // documents::ProbesByName(probes)
  std::map<EntityId, EntityConfig> entities;  // the active (monitored) entities
  UnixSeconds loaded_at = 0;

  // The entity's configuration, or null when it is not monitored.
  const EntityConfig* Find(const EntityId& entity) const;
  // The configured cycle length of a service (60 s DNS/DNSSEC/EPP, 300 s RDDS/RDAP).
  int CycleSeconds(Service service) const { return params.Of(service).cycle_seconds; }
};

class MonitoringConfigCache {
 public:
  MonitoringConfigCache(const store::Store& store, const Clock& clock, UnixSeconds refresh_seconds)
      : store_(store), clock_(clock), refresh_seconds_(refresh_seconds) {}

  // The current snapshot, reloaded when older than refresh_seconds (or when
  // the clock went backwards). A Store error is returned as is; the previous
  // snapshot is kept for the next call to retry.
  Result<std::shared_ptr<const MonitoringConfig>> Get();

 private:
  const store::Store& store_;
  const Clock& clock_;
  const UnixSeconds refresh_seconds_;
  Mutex mu_;
  std::shared_ptr<const MonitoringConfig> current_ GUARDED_BY(mu_);
};

}  // namespace tldmon::mosapi
