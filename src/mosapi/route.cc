#include "mosapi/route.h"

#include <array>

namespace tldmon::mosapi {
namespace {

using M = Method;
constexpr MethodSet kRead = {M::kGet, M::kHead};

// Paths follow mosapi-api.md §2.4 and the project defaults of §6.5–§6.8,
// §6.13. Login accepts GET and POST (§4.2 project default); logout too, for
// symmetry. Maintenance windows: PUT/POST create-or-update, DELETE (§6.7).
constexpr std::array<RouteInfo, kRouteKindCount> kRoutes = {{
    {RouteKind::kHealthz, "healthz", "/healthz", kRead, RequiredRole::kNone, false, false},
    {RouteKind::kMetrics, "metrics", "/metrics", kRead, RequiredRole::kNone, false, false},
    {RouteKind::kOpenApi, "openapi", "/openapi.json", kRead, RequiredRole::kNone, false, false},
    // No HEAD: both act (create or end a session), and HEAD is a safe
    // method (RFC 9110 §9.3.2), so it answers 405 instead of acting.
    {RouteKind::kLogin, "login", "/{entity}/{id}/login", {M::kGet, M::kPost},
     RequiredRole::kSession, false, false},
    {RouteKind::kLogout, "logout", "/{entity}/{id}/logout", {M::kGet, M::kPost},
     RequiredRole::kSession, false, false},
    {RouteKind::kMonitoringState, "monitoring.state", "/{entity}/{id}/{version}/monitoring/state",
     kRead, RequiredRole::kSlamData, true, false},
    {RouteKind::kServiceAlarmed, "monitoring.alarmed",
     "/{entity}/{id}/{version}/monitoring/{service}/alarmed", kRead, RequiredRole::kSlamData, true,
     false},
    {RouteKind::kServiceDowntime, "monitoring.downtime",
     "/{entity}/{id}/{version}/monitoring/{service}/downtime", kRead, RequiredRole::kSlamData, true,
     false},
    // The list takes optional startDate/endDate filters (Unix seconds);
    // unfiltered it is the precomputed document.
    {RouteKind::kIncidentList, "incidents.list",
     "/{entity}/{id}/{version}/monitoring/{service}/incidents", kRead, RequiredRole::kSlamData,
     true, true},
    {RouteKind::kIncidentState, "incidents.state",
     "/{entity}/{id}/{version}/monitoring/{service}/incidents/{incidentID}/state", kRead,
     RequiredRole::kSlamData, true, false},
    {RouteKind::kIncidentFalsePositive, "incidents.falsePositive",
     "/{entity}/{id}/{version}/monitoring/{service}/incidents/{incidentID}/falsePositive", kRead,
     RequiredRole::kSlamData, true, false},
    {RouteKind::kIncidentMeasurements, "incidents.measurements",
     "/{entity}/{id}/{version}/monitoring/{service}/incidents/{incidentID}/measurements", kRead,
     RequiredRole::kSlamData, true, false},
    {RouteKind::kIncidentMeasurement, "incidents.measurement",
     "/{entity}/{id}/{version}/monitoring/{service}/incidents/{incidentID}/measurements/"
     "{measurementID}",
     kRead, RequiredRole::kSlamData, true, false},
    {RouteKind::kMeasurementYears, "measurements.years",
     "/{entity}/{id}/{version}/monitoring/{service}/measurements", kRead, RequiredRole::kSlamData,
     true, false},
    {RouteKind::kMeasurementMonths, "measurements.months",
     "/{entity}/{id}/{version}/monitoring/{service}/measurements/{yyyy}", kRead,
     RequiredRole::kSlamData, true, false},
    {RouteKind::kMeasurementDays, "measurements.days",
     "/{entity}/{id}/{version}/monitoring/{service}/measurements/{yyyy}/{mm}", kRead,
     RequiredRole::kSlamData, true, false},
    {RouteKind::kMeasurementList, "measurements.list",
     "/{entity}/{id}/{version}/monitoring/{service}/measurements/{yyyy}/{mm}/{dd}", kRead,
     RequiredRole::kSlamData, true, false},
    {RouteKind::kMeasurement, "measurements.measurement",
     "/{entity}/{id}/{version}/monitoring/{service}/measurements/{yyyy}/{mm}/{dd}/"
     "{measurementID}",
     kRead, RequiredRole::kSlamData, true, false},
    {RouteKind::kMetricaLatest, "metrica.latest",
     "/{entity}/{id}/{version}/metrica/domainList/latest", kRead, RequiredRole::kDaarData, true,
     false},
    {RouteKind::kMetricaByDate, "metrica.date", "/{entity}/{id}/{version}/metrica/domainList/{date}",
     kRead, RequiredRole::kDaarData, true, false},
    {RouteKind::kMetricaLists, "metrica.lists", "/{entity}/{id}/{version}/metrica/domainLists",
     kRead, RequiredRole::kDaarData, false, true},
    {RouteKind::kRegistrarRdapBaseUrlList, "registrarRdapBaseUrl.list",
     "/{entity}/{id}/{version}/registrarRdapBaseUrl/list", kRead, RequiredRole::kRdapBaseUrlList,
     true, false},
    {RouteKind::kMaintenanceList, "maintenance.list", "/{entity}/{id}/{version}/maintenance", kRead,
     RequiredRole::kMaintenanceWindow, false, false},
    {RouteKind::kMaintenanceWindow, "maintenance.window",
     "/{entity}/{id}/{version}/maintenance/{scheduleID}",
     {M::kGet, M::kHead, M::kPut, M::kPost, M::kDelete}, RequiredRole::kMaintenanceWindow, false,
     false},
    {RouteKind::kProbeNodes, "probeNodes", "/{entity}/{id}/{version}/probeNodes", kRead,
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
