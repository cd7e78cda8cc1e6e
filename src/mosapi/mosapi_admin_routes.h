// AdminDataRoutes: the admin-fed MoSAPI endpoints, answered per request from
// the Store (admin::AdminRepository, the probe list):
//   metrica/domainList/latest, metrica/domainList/<date>   report (§6.11);
//       404 when the entity has no report (METRICA not enabled) or none for
//       that date; Last-Modified = the report's domainListGenerationDate
//   metrica/domainLists       reports whose date is in the ApiHandler's
//       validated range (2011–2014), newest first; 404 when the entity has
//       no report at all; Last-Modified = the newest generation date
//   registrarRdapBaseUrl/list (§6.13) the imported list; 404 if never
//       imported; Last-Modified = its publication time
//   maintenance               (§6.7) GET the windows not yet ended (now from
//       the Clock), ascending startTime
//   maintenance/<scheduleID>  GET the window (404 unknown); PUT or POST
//       create-or-update: 200 + the stored object, 400 2001 (invalid input)
//       or 2007 (endTime <= startTime); DELETE: 200 + the deleted object, 404
//       unknown. Persisted through AdminRepository.
//   probeNodes                (§6.8) the enabled probes' source addresses;
//       lastUpdateApiDatabase = when the probe list was read from the Store
//
// Holds references (Store, Clock, MonitoringConfigCache) that must outlive
// it. Thread-safe: maintenance writes (load, change, save) are serialized by
// a mutex, because AdminRepository's read-modify-write is not atomic; this
// assumes one serving process writes a given entity's schedule.
#pragma once

#include "admin/admin_repository.h"
#include "mosapi/api_handler.h"
#include "mosapi/mosapi_monitoring_config.h"
#include "core/clock.h"
#include "core/thread_annotations.h"
#include "store/store.h"

namespace tldmon::mosapi {

class AdminDataRoutes {
 public:
  AdminDataRoutes(store::Store& store, const Clock& clock, MonitoringConfigCache& config)
      : repository_(store), clock_(clock), config_(config) {}

  // Whether `kind` is one of the routes above.
  static bool Handles(RouteKind kind);
  // Answers a route for which Handles() is true (404 otherwise).
  void Serve(const RouteRequest& route_request, Response& response);

 private:
  void ServeMetrica(const RouteRequest& rr, Response& response);
  void ServeRdapBaseUrls(const Route& route, Response& response);
  void ServeMaintenanceList(const Route& route, Response& response);
  void ServeMaintenanceWindow(const RouteRequest& rr, Response& response);
  void ServeProbeNodes(const Route& route, Response& response);

  admin::AdminRepository repository_;
  const Clock& clock_;
  MonitoringConfigCache& config_;
  Mutex maintenance_mu_;  // serializes the load-change-save of schedules
};

}  // namespace tldmon::mosapi
