// MeasurementBuilder: the measurement object of one (entity, service, API
// version, cycle) (mosapi-api.md §6.10), rebuilt on demand from what the
// Store keeps — the entity's reports of the cycle (EntityCycleReports), which
// probes were online (CycleProbeOnline) and the service's verdict for the
// cycle (Verdicts) — and rendered by documents::AppendMeasurement. Results are
// kept in a MeasurementCache: a committed cycle's object never changes.
//
// The object exists iff the cycle is aligned to the service's cycle length
// and has a stored verdict (a cycle not yet processed, before monitoring
// began, or while the service was disabled has none), and the service is in
// that version's tree (documents::ServiceInTree; EPP is never monitored).
//
// `lastUpdateApiDatabase` and Last-Modified of a rebuilt object are the end
// of its cycle (cycle start + cycle length): the earliest moment its data
// was complete. SLAM stamps the file with the time its writer ran, which
// tldmon does not store; the cycle end keeps the bytes — and so the ETag —
// identical every time the object is rebuilt.
//
// Each object is rendered with the entity's configuration in force at its
// cycle (Store::EntityConfigAt), as ICANN writes each measurement at its
// cycle: the stored reports refer to name servers by their index in that
// configuration, and the targets, minNameServersUp and test names are those
// tested then. Only for an entity with no stored version (a database from
// before migration 5, not edited since) is the current configuration used.
//
// Holds a reference to the Store (it must outlive the builder).
// Thread-safe: concurrent Builds of one object may both render it; the
// results are equal.
#pragma once

#include <memory>

#include "core/monitoring_config.h"
#include "core/service.h"
#include "core/status.h"
#include "core/time.h"
#include "documents/render_common.h"
#include "http/representation.h"
#include "mosapi/http_types.h"
#include "mosapi/mosapi_measurement_cache.h"
#include "mosapi/mosapi_monitoring_config.h"
#include "store/store.h"

namespace tldmon::mosapi {

class MeasurementBuilder {
 public:
  MeasurementBuilder(const store::Store& store, MeasurementCacheLimits limits)
      : store_(store), cache_(limits) {}

  // The object, or null when it does not exist (404). Store errors as is.
  Result<std::shared_ptr<const Representation>> Build(const MonitoringConfig& config,
                                                      const EntityConfig& entity, Service service,
                                                      documents::ApiVersion version,
                                                      UnixSeconds cycle);

  const MeasurementCache& cache() const { return cache_; }

 private:
  const store::Store& store_;
  MeasurementCache cache_;
};

}  // namespace tldmon::mosapi
