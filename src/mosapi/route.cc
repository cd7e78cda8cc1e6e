#include "mosapi/route.h"

#include <array>

#include "core/mosapi_path.h"

namespace tldmon::mosapi {
namespace {

using M = Method;
constexpr MethodSet kRead = {M::kGet, M::kHead};

// The path templates of MoSAPI resources come from the one URL table
// (core/mosapi_path.h); RouteKind follows MosapiResource from kLogin on.
constexpr std::string_view T(MosapiResource r) { return MosapiPathTemplate(r); }
static_assert(kRouteKindCount == static_cast<int>(RouteKind::kLogin) + kMosapiResourceCount,
              "every MosapiResource is a RouteKind and vice versa (from kLogin on)");
static_assert(RouteKindOf(MosapiResource::kProbeNodes) == RouteKind::kProbeNodes &&
              RouteKindOf(MosapiResource::kMeasurement) == RouteKind::kMeasurement &&
              RouteKindOf(MosapiResource::kIncidentMeasurement) == RouteKind::kIncidentMeasurement);

// Paths: core/mosapi_path.h (mosapi-api.md §2.4). Login accepts GET and POST (§4.2 project
// default); logout too, for symmetry. Maintenance windows: PUT/POST create-or-update, DELETE
// (§6.7).
constexpr std::array<RouteInfo, kRouteKindCount> kRoutes = {{
    {RouteKind::kHealthz, "healthz", "/healthz", kRead, RequiredRole::kNone, false, false},
    {RouteKind::kMetrics, "metrics", "/metrics", kRead, RequiredRole::kNone, false, false},
    {RouteKind::kOpenApi, "openapi", "/openapi.json", kRead, RequiredRole::kNone, false, false},
    // No HEAD on login and logout: both act (create or end a session), and
    // HEAD is a safe method (RFC 9110 §9.3.2), so it answers 405.
    {RouteKind::kLogin,
     "login",
     T(MosapiResource::kLogin),
     {M::kGet, M::kPost},
     RequiredRole::kSession,
     false,
     false},
    {RouteKind::kLogout,
     "logout",
     T(MosapiResource::kLogout),
     {M::kGet, M::kPost},
     RequiredRole::kSession,
     false,
     false},
    {RouteKind::kMonitoringState, "monitoring.state", T(MosapiResource::kMonitoringState), kRead,
     RequiredRole::kSlamData, true, false},
    {RouteKind::kServiceAlarmed, "monitoring.alarmed", T(MosapiResource::kServiceAlarmed), kRead,
     RequiredRole::kSlamData, true, false},
    {RouteKind::kServiceDowntime, "monitoring.downtime", T(MosapiResource::kServiceDowntime), kRead,
     RequiredRole::kSlamData, true, false},
    // The list takes optional startDate/endDate filters (Unix seconds);
    // unfiltered it is the precomputed document.
    {RouteKind::kIncidentList, "incidents.list", T(MosapiResource::kIncidentList), kRead,
     RequiredRole::kSlamData, true, true},
    {RouteKind::kIncidentState, "incidents.state", T(MosapiResource::kIncidentState), kRead,
     RequiredRole::kSlamData, true, false},
    {RouteKind::kIncidentFalsePositive, "incidents.falsePositive",
     T(MosapiResource::kIncidentFalsePositive), kRead, RequiredRole::kSlamData, true, false},
    {RouteKind::kIncidentMeasurements, "incidents.measurements",
     T(MosapiResource::kIncidentMeasurements), kRead, RequiredRole::kSlamData, true, false},
    {RouteKind::kIncidentMeasurement, "incidents.measurement",
     T(MosapiResource::kIncidentMeasurement), kRead, RequiredRole::kSlamData, true, false},
    {RouteKind::kMeasurementYears, "measurements.years", T(MosapiResource::kMeasurementYears),
     kRead, RequiredRole::kSlamData, true, false},
    {RouteKind::kMeasurementMonths, "measurements.months", T(MosapiResource::kMeasurementMonths),
     kRead, RequiredRole::kSlamData, true, false},
    {RouteKind::kMeasurementDays, "measurements.days", T(MosapiResource::kMeasurementDays), kRead,
     RequiredRole::kSlamData, true, false},
    {RouteKind::kMeasurementList, "measurements.list", T(MosapiResource::kMeasurementList), kRead,
     RequiredRole::kSlamData, true, false},
    {RouteKind::kMeasurement, "measurements.measurement", T(MosapiResource::kMeasurement), kRead,
     RequiredRole::kSlamData, true, false},
    {RouteKind::kMetricaLatest, "metrica.latest", T(MosapiResource::kMetricaLatest), kRead,
     RequiredRole::kDaarData, true, false},
    {RouteKind::kMetricaByDate, "metrica.date", T(MosapiResource::kMetricaByDate), kRead,
     RequiredRole::kDaarData, true, false},
    {RouteKind::kMetricaLists, "metrica.lists", T(MosapiResource::kMetricaLists), kRead,
     RequiredRole::kDaarData, false, true},
    {RouteKind::kRegistrarRdapBaseUrlList, "registrarRdapBaseUrl.list",
     T(MosapiResource::kRegistrarRdapBaseUrlList), kRead, RequiredRole::kRdapBaseUrlList, true,
     false},
    {RouteKind::kMaintenanceList, "maintenance.list", T(MosapiResource::kMaintenanceList), kRead,
     RequiredRole::kMaintenanceWindow, false, false},
    {RouteKind::kMaintenanceWindow,
     "maintenance.window",
     T(MosapiResource::kMaintenanceWindow),
     {M::kGet, M::kHead, M::kPut, M::kPost, M::kDelete},
     RequiredRole::kMaintenanceWindow,
     false,
     false},
    {RouteKind::kProbeNodes, "probeNodes", T(MosapiResource::kProbeNodes), kRead,
     RequiredRole::kProbeNodeList, false, false},
}};

constexpr bool RoutesAreIndexed() {
  for (std::size_t i = 0; i < kRoutes.size(); ++i)
    if (static_cast<std::size_t>(kRoutes[i].kind) != i) return false;
  return true;
}
static_assert(RoutesAreIndexed(), "kRoutes rows must be in RouteKind order");

}  // namespace

const RouteInfo& Info(RouteKind kind) { return kRoutes[static_cast<std::size_t>(kind)]; }

std::span<const RouteInfo> AllRouteInfos() { return kRoutes; }

}  // namespace tldmon::mosapi
