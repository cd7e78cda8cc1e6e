// Where each MoSAPI document lives in the DocumentStore. A path is the URL
// path after the host without the leading '/' (mosapi-api.md §2.2, §2.4,
// §13: SLAM's file tree is the URL tree), built from the one URL table
// (core/mosapi_path.h) that the MoSAPI router reads too:
//
//   <entity>/<id>/<v>/monitoring/state                                   §6.2
//   <entity>/<id>/<v>/monitoring/<svc>/alarmed                           §6.3
//   <entity>/<id>/<v>/monitoring/<svc>/downtime      (absent if disabled)  §6.4
//   <entity>/<id>/<v>/monitoring/<svc>/incidents                         §6.5 list
//   <entity>/<id>/<v>/monitoring/<svc>/incidents/<incidentID>/state
//   <entity>/<id>/<v>/monitoring/<svc>/incidents/<incidentID>/falsePositive
//   <entity>/<id>/<v>/monitoring/<svc>/incidents/<incidentID>/measurements
//   <entity>/<id>/<v>/monitoring/<svc>/incidents/<incidentID>/measurements/<cycle>.<eventID>.json
//   <entity>/<id>/<v>/monitoring/<svc>/measurements                      §6.9 years
//   <entity>/<id>/<v>/monitoring/<svc>/measurements/<yyyy>                months
//   <entity>/<id>/<v>/monitoring/<svc>/measurements/<yyyy>/<mm>           days
//   <entity>/<id>/<v>/monitoring/<svc>/measurements/<yyyy>/<mm>/<dd>      files
//   <entity>/<id>/<v>/monitoring/<svc>/measurements/<yyyy>/<mm>/<dd>/<cycle>.json
//
// <entity>/<id> is EntityId::Path() ("ry/example", "rr/9999"), <v> "v1"|"v2",
// <svc> the lower-case PathName(). Dates are UTC (§6.9 project default).
// Examples: "ry/example/v2/monitoring/dns/alarmed",
// "rr/9999/v2/monitoring/rdap/downtime",
// "ry/example/v2/monitoring/dns/measurements/2026/01/01/1767225600.json".
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/entity_id.h"
#include "core/service.h"
#include "core/time.h"
#include "documents/render_common.h"

namespace tldmon::documents {

// "<entity>/<id>/<v>/monitoring"
std::string MonitoringPath(const EntityId& e, ApiVersion v);
std::string StatePath(const EntityId& e, ApiVersion v);
// "<...>/monitoring/<svc>"
std::string ServicePath(const EntityId& e, ApiVersion v, Service s);
std::string AlarmedPath(const EntityId& e, ApiVersion v, Service s);
std::string DowntimePath(const EntityId& e, ApiVersion v, Service s);
std::string IncidentListPath(const EntityId& e, ApiVersion v, Service s);
// "<...>/incidents/<incident_id>"
std::string IncidentPath(const EntityId& e, ApiVersion v, Service s, std::string_view incident_id);
std::string IncidentStatePath(const EntityId& e, ApiVersion v, Service s,
                              std::string_view incident_id);
std::string FalsePositivePath(const EntityId& e, ApiVersion v, Service s,
                              std::string_view incident_id);
std::string IncidentMeasurementsPath(const EntityId& e, ApiVersion v, Service s,
                                     std::string_view incident_id);
// "<...>/incidents/<incident_id>/measurements/<measurement_name>" where the
// name is IncidentMeasurementName() ("<cycle>.<eventID>.json").
std::string IncidentMeasurementPath(const EntityId& e, ApiVersion v, Service s,
                                    std::string_view incident_id,
                                    std::string_view measurement_name);
std::string MeasurementsPath(const EntityId& e, ApiVersion v, Service s);
std::string MeasurementYearPath(const EntityId& e, ApiVersion v, Service s, int year);
std::string MeasurementMonthPath(const EntityId& e, ApiVersion v, Service s, int year, int month);
std::string MeasurementDayPath(const EntityId& e, ApiVersion v, Service s, const CivilDate& day);
// The day directory is the UTC date of the cycle start.
std::string MeasurementPath(const EntityId& e, ApiVersion v, Service s, UnixSeconds cycle);

}  // namespace tldmon::documents
