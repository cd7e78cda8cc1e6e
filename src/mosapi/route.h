// Typed routes of the MoSAPI URL grammar (mosapi-api.md §2.2, §2.4, §6) and
// the static table describing each: methods, required role, whether it is
// served from a precomputed document. A Route holds views into the request
// path (or the router's scratch buffer): it lives no longer than they do.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/entity_id.h"
#include "core/mosapi_path.h"
#include "core/service.h"
#include "core/time.h"
#include "http/method.h"
#include "mosapi/http_types.h"

namespace tldmon::mosapi {

enum class RouteKind : std::uint8_t {
  // Unauthenticated operational endpoints.
  kHealthz,
  kMetrics,
  kOpenApi,
  // Session (§6.1), unversioned.
  kLogin,
  kLogout,
  // SLAM data (§6.2–§6.5, §6.9).
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
  // Domain METRICA (§6.11).
  kMetricaLatest,
  kMetricaByDate,
  kMetricaLists,
  // Registrars' RDAP base URLs (§6.13), maintenance windows (§6.7), probe nodes (§6.8).
  kRegistrarRdapBaseUrlList,
  kMaintenanceList,
  kMaintenanceWindow,
  kProbeNodes,
};
inline constexpr int kRouteKindCount = static_cast<int>(RouteKind::kProbeNodes) + 1;

// RouteKind follows MosapiResource (core/mosapi_path.h) from kLogin on
// (static_assert in route.cc).
constexpr RouteKind RouteKindOf(MosapiResource r) {
  return static_cast<RouteKind>(static_cast<int>(RouteKind::kLogin) + static_cast<int>(r));
}

// The role an endpoint needs (mosapi-api.md §4.5, "Unlocks" column); the auth
// module maps these to its configured roles.
enum class RequiredRole : std::uint8_t {
  kNone,               // public (healthz, metrics, openapi.json)
  kSession,            // login/logout: the session machinery itself
  kSlamData,           // "MoSAPI - TLD SLAM Data"
  kDaarData,           // "MoSAPI - TLD DAAR Data" (Domain METRICA)
  kRdapBaseUrlList,    // "MoSAPI - Registrars Base RDAP URL List"
  kMaintenanceWindow,  // "MoSAPI/RRI - TLD Maintenance Window"
  kProbeNodeList,      // "MoSAPI/RRI - SLAM Probe Node List"
};

struct RouteInfo {
  RouteKind kind;
  std::string_view name;           // stable identifier for logs and metrics
  std::string_view path_template;  // OpenAPI form, e.g. "/{entity}/{id}/{version}/probeNodes"
  MethodSet methods;               // allowed methods (405 + Allow otherwise)
  RequiredRole role;
  bool document_backed;  // served from a precomputed document (StorePath)
  bool takes_query;      // reads query parameters; others ignore the query
};

const RouteInfo& Info(RouteKind kind);
std::span<const RouteInfo> AllRouteInfos();

struct Route {
  RouteKind kind = RouteKind::kHealthz;
  // Entity-scoped routes only.
  EntityKind entity_kind = EntityKind::kRegistry;
  std::string_view entity_id;  // validated per EntityId::ValidateId
  int version = 0;             // 1 or 2; 0 for unversioned routes
  std::optional<Service> service;
  std::string_view incident_id;      // "<startTime>.<eventID>"
  std::string_view measurement_id;   // as in the URL (".json" optional for incident ones)
  std::string_view schedule_id;      // maintenance window
  int year = 0, month = 0, day = 0;  // recent measurements (0 = absent)
  CivilDate date;                    // kMetricaByDate

  bool entity_scoped() const { return kind >= RouteKind::kLogin; }
  EntityId entity() const { return EntityId{entity_kind, std::string(entity_id)}; }
  const RouteInfo& info() const { return Info(kind); }

  friend bool operator==(const Route&, const Route&) = default;
};

}  // namespace tldmon::mosapi
