// SlamDataRoutes: the SLAM-data endpoints (role "MoSAPI - TLD SLAM Data")
// answered per request from the Store, for both trees (v1, v2) and both
// entity kinds (mosapi-api.md §6.2–§6.5, §6.9, §6.10):
//   incidents?startDate=&endDate=   incidents overlapping [start, end] (Unix
//                                   seconds, both inclusive; validated by the
//                                   ApiHandler, 2011–2014)
//   incidents, incidents/<id>/{state,falsePositive,measurements}
//                                   the pipeline publishes these; rebuilt here
//                                   only when its document is missing
//   incidents/<id>/measurements/<cycle>.<eventID>[.json]
//                                   the measurement of a cycle of the incident
//                                   (startTime … closing cycle, or the last
//                                   processed cycle while active)
//   measurements[/yyyy[/mm[/dd[/<cycle>[.json]]]]]
//                                   years/months/days newest first, the day's
//                                   files oldest first, the measurement object
// Unknown entity (not monitored), incident, year, month, day or cycle, and an
// id whose eventID is not the incident's, answer 404. A service without any
// measurement answers its (empty) years list when it is monitored and 404
// when it is not (SLAM has no directory for it). State, alarmed and downtime
// come only from published documents: without one they are 404 (the
// downtime of a disabled service is exactly that, §6.4).
//
// lastUpdateApiDatabase of what is built here is the time of the entity's
// current state document (when its monitoring data was last published; the
// Clock's now before the first publication); measurement objects carry their
// cycle end (mosapi_measurement_builder.h).
//
// Holds references (Store, DocumentStore, Clock, MonitoringConfigCache) that
// must outlive it. Thread-safe; reads only (no engine, no writes).
#pragma once

#include <optional>

#include "core/clock.h"
#include "documents/document_store.h"
#include "documents/render_common.h"
#include "engine/engine_state.h"
#include "mosapi/api_handler.h"
#include "mosapi/mosapi_measurement_builder.h"
#include "mosapi/mosapi_measurement_calendar.h"
#include "mosapi/mosapi_monitoring_config.h"
#include "store/store.h"

namespace tldmon::mosapi {

class SlamDataRoutes {
 public:
  SlamDataRoutes(const store::Store& store, const documents::DocumentStore& documents,
                 const Clock& clock, MonitoringConfigCache& config,
                 MeasurementCacheLimits cache_limits);

  // Whether `kind` is one of the routes above.
  static bool Handles(RouteKind kind);
  // Answers a route for which Handles() is true (404 otherwise).
  void Serve(const RouteRequest& route_request, Response& response);

  const MeasurementCache& measurement_cache() const { return measurements_.cache(); }

 private:
  struct Context;  // one request's entity, service, version and config

  void ServeIncidentList(const Context& c, Response& response);
  void ServeIncident(const Context& c, Response& response);
  void ServeIncidentMeasurement(const Context& c, Response& response);
  void ServeCalendar(const Context& c, Response& response);
  void ServeDayList(const Context& c, Response& response);
  void ServeMeasurement(const Context& c, Response& response);
  // The measurement object of `cycle` (rebuilt or cached), or 404.
  void ServeMeasurementOf(const Context& c, UnixSeconds cycle, Response& response);
  // The incident the route names, or nullopt (404).
  Result<std::optional<engine::Incident>> FindIncident(const Context& c) const;
  // The envelope time of objects built here (see the file comment).
  UnixSeconds LastUpdate(const EntityId& entity, documents::ApiVersion version) const;

  const store::Store& store_;
  const documents::DocumentStore& documents_;
  const Clock& clock_;
  MonitoringConfigCache& config_;
  MeasurementCalendar calendar_;
  MeasurementBuilder measurements_;
};

}  // namespace tldmon::mosapi
