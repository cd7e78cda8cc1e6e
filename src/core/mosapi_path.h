// The MoSAPI URL grammar (mosapi-api.md §2.2, §2.4, §6.1–§6.13): ONE table of
// the entity-scoped resources and their path templates, read by the MoSAPI
// router (src/mosapi: its matcher is a tree built from these templates at
// compile time; route table; canonical paths), by the document paths of
// the DocumentStore (src/documents/document_paths.h: SLAM's file tree is the
// URL tree, §13) and by the OpenAPI checks (docs/openapi.json "paths").
// mosapi_path_table_test.cc (src/mosapi) checks that they agree.
//
// The unauthenticated operational endpoints (/healthz, /metrics,
// /openapi.json) are not MoSAPI resources and are not in this table.
// Pure; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/entity_id.h"
#include "core/service.h"
#include "core/time.h"

namespace tldmon {

// Rows in mosapi::RouteKind order (from kLogin on); see route.cc.
enum class MosapiResource : std::uint8_t {
  kLogin,
  kLogout,
  kMonitoringState,
  kServiceAlarmed,
  kServiceDowntime,
  kIncidentList,
  kIncidentState,
  kIncidentFalsePositive,
  kIncidentMeasurements,
  kIncidentMeasurement,
  kMeasurementYears,
  kMeasurementMonths,
  kMeasurementDays,
  kMeasurementList,
  kMeasurement,
  kMetricaLatest,
  kMetricaByDate,
  kMetricaLists,
  kRegistrarRdapBaseUrlList,
  kMaintenanceList,
  kMaintenanceWindow,
  kProbeNodes,
};
inline constexpr int kMosapiResourceCount = static_cast<int>(MosapiResource::kProbeNodes) + 1;

struct MosapiPathRow {
  MosapiResource resource;
  // OpenAPI form. Placeholders: {entity} ry|rr, {id}, {version} v1|v2,
  // {service} lower-case PathName, {incidentID}, {measurementID} (with its
  // ".json"), {yyyy} {mm} {dd} zero-padded, {date} YYYY-MM-DD, {scheduleID}.
  std::string_view path_template;
  // Only registries ("ry") have it: maintenance windows (§6.7) and the
  // registrars' RDAP base URL list (§6.13). "/rr/…" is 404 for these.
  bool registry_only = false;
};

// Paths follow mosapi-api.md §2.4 and the project defaults of §6.5–§6.8,
// §6.13; login/logout are not versioned (§2.2).
inline constexpr std::array<MosapiPathRow, kMosapiResourceCount> kMosapiPaths = {{
    {MosapiResource::kLogin, "/{entity}/{id}/login"},
    {MosapiResource::kLogout, "/{entity}/{id}/logout"},
    {MosapiResource::kMonitoringState, "/{entity}/{id}/{version}/monitoring/state"},
    {MosapiResource::kServiceAlarmed, "/{entity}/{id}/{version}/monitoring/{service}/alarmed"},
    {MosapiResource::kServiceDowntime, "/{entity}/{id}/{version}/monitoring/{service}/downtime"},
    {MosapiResource::kIncidentList, "/{entity}/{id}/{version}/monitoring/{service}/incidents"},
    {MosapiResource::kIncidentState,
     "/{entity}/{id}/{version}/monitoring/{service}/incidents/{incidentID}/state"},
    {MosapiResource::kIncidentFalsePositive,
     "/{entity}/{id}/{version}/monitoring/{service}/incidents/{incidentID}/falsePositive"},
    {MosapiResource::kIncidentMeasurements,
     "/{entity}/{id}/{version}/monitoring/{service}/incidents/{incidentID}/measurements"},
    {MosapiResource::kIncidentMeasurement,
     "/{entity}/{id}/{version}/monitoring/{service}/incidents/{incidentID}/measurements/"
     "{measurementID}"},
    {MosapiResource::kMeasurementYears,
     "/{entity}/{id}/{version}/monitoring/{service}/measurements"},
    {MosapiResource::kMeasurementMonths,
     "/{entity}/{id}/{version}/monitoring/{service}/measurements/{yyyy}"},
    {MosapiResource::kMeasurementDays,
     "/{entity}/{id}/{version}/monitoring/{service}/measurements/{yyyy}/{mm}"},
    {MosapiResource::kMeasurementList,
     "/{entity}/{id}/{version}/monitoring/{service}/measurements/{yyyy}/{mm}/{dd}"},
    {MosapiResource::kMeasurement,
     "/{entity}/{id}/{version}/monitoring/{service}/measurements/{yyyy}/{mm}/{dd}/"
     "{measurementID}"},
    {MosapiResource::kMetricaLatest, "/{entity}/{id}/{version}/metrica/domainList/latest"},
    {MosapiResource::kMetricaByDate, "/{entity}/{id}/{version}/metrica/domainList/{date}"},
    {MosapiResource::kMetricaLists, "/{entity}/{id}/{version}/metrica/domainLists"},
    {MosapiResource::kRegistrarRdapBaseUrlList,
     "/{entity}/{id}/{version}/registrarRdapBaseUrl/list", true},
    {MosapiResource::kMaintenanceList, "/{entity}/{id}/{version}/maintenance", true},
    {MosapiResource::kMaintenanceWindow, "/{entity}/{id}/{version}/maintenance/{scheduleID}",
     true},
    {MosapiResource::kProbeNodes, "/{entity}/{id}/{version}/probeNodes"},
}};

constexpr bool MosapiPathsAreIndexed() {
  for (std::size_t i = 0; i < kMosapiPaths.size(); ++i)
    if (static_cast<std::size_t>(kMosapiPaths[i].resource) != i) return false;
  return true;
}
static_assert(MosapiPathsAreIndexed(), "kMosapiPaths rows must be in MosapiResource order");

constexpr std::string_view MosapiPathTemplate(MosapiResource r) {
  return kMosapiPaths[static_cast<std::size_t>(r)].path_template;
}

// The values that fill a template's placeholders. Views must outlive the call.
struct MosapiPathValues {
  EntityKind entity_kind = EntityKind::kRegistry;
  std::string_view entity_id;
  int version = 2;  // 1 or 2
  Service service = Service::kDns;
  std::string_view incident_id;     // "<startTime>.<eventID>"
  std::string_view measurement_id;  // the file name, ".json" included
  std::string_view schedule_id;
  int year = 0, month = 0, day = 0;  // {yyyy} {mm} {dd}
  CivilDate date;                    // {date}
};

// Appends the template of `resource` with every placeholder replaced (values
// are inserted verbatim; the caller validated them).
void AppendMosapiPath(MosapiResource resource, const MosapiPathValues& values, std::string& out);

}  // namespace tldmon
