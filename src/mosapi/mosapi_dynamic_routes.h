// MosapiDynamicRoutes: ApiHandler's DynamicRoutes seam for MoSAPI — every
// route computed per request, dispatched to SlamDataRoutes (incidents with
// filters or without a published document, recent measurements and
// measurement objects rebuilt from the Store) and AdminDataRoutes (METRICA,
// registrars' RDAP base URLs, maintenance windows, probe nodes). Anything
// else the ApiHandler hands over is 404.
//
// Reads the Store (and writes only maintenance schedules); never touches the
// engine. Holds references to the Store, DocumentStore and Clock, which must
// outlive it. Thread-safe.
#pragma once

#include "core/clock.h"
#include "documents/document_store.h"
#include "mosapi/api_handler.h"
#include "mosapi/mosapi_admin_routes.h"
#include "mosapi/mosapi_measurement_cache.h"
#include "mosapi/mosapi_monitoring_config.h"
#include "mosapi/mosapi_slam_routes.h"
#include "store/store.h"

namespace tldmon::mosapi {

struct MosapiDynamicOptions {
  // How long the monitoring configuration read from the Store is reused.
  UnixSeconds config_refresh_seconds = 60;
  MeasurementCacheLimits measurement_cache;
};

class MosapiDynamicRoutes final : public DynamicRoutes {
 public:
  MosapiDynamicRoutes(store::Store& store, const documents::DocumentStore& documents,
                      const Clock& clock, MosapiDynamicOptions options = {});

  void Serve(const RouteRequest& route_request, Response& response) override;

  const MeasurementCache& measurement_cache() const { return slam_.measurement_cache(); }

 private:
  MonitoringConfigCache config_;
  SlamDataRoutes slam_;
  AdminDataRoutes admin_;
};

}  // namespace tldmon::mosapi
