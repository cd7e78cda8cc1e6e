#include "mosapi/mosapi_admin_routes.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "admin/date_text.h"
#include "admin/maintenance_schedule.h"
#include "admin/maintenance_window.h"
#include "admin/metrica_listing.h"
#include "admin/metrica_report.h"
#include "admin/probe_node_list.h"
#include "admin/rdap_base_urls.h"
#include "mosapi/mosapi_extended_error.h"
#include "mosapi/mosapi_reply.h"

namespace tldmon::mosapi {
namespace {

// domainListGenerationDate as Unix seconds, for Last-Modified (§5, §6.11);
// `fallback` if it does not parse.
UnixSeconds GenerationTime(const std::string& generation_date, UnixSeconds fallback) {
  return admin::ParseRfc3339(generation_date).value_or(fallback);
}

}  // namespace

bool AdminDataRoutes::Handles(RouteKind kind) {
  switch (kind) {
    case RouteKind::kMetricaLatest:
    case RouteKind::kMetricaByDate:
    case RouteKind::kMetricaLists:
    case RouteKind::kRegistrarRdapBaseUrlList:
    case RouteKind::kMaintenanceList:
    case RouteKind::kMaintenanceWindow:
    case RouteKind::kProbeNodes:
      return true;
    default:
      return false;
  }
}

void AdminDataRoutes::Serve(const RouteRequest& rr, Response& response) {
  switch (rr.route.kind) {
    case RouteKind::kMetricaLatest:
    case RouteKind::kMetricaByDate:
    case RouteKind::kMetricaLists:
      return ServeMetrica(rr, response);
    case RouteKind::kRegistrarRdapBaseUrlList:
      return ServeRdapBaseUrls(rr.route, response);
    case RouteKind::kMaintenanceList:
      return ServeMaintenanceList(rr.route, response);
    case RouteKind::kMaintenanceWindow:
      return ServeMaintenanceWindow(rr, response);
    case RouteKind::kProbeNodes:
      return ServeProbeNodes(rr.route, response);
    default:
      SetNotFound(response, rr.route);
  }
}

void AdminDataRoutes::ServeMetrica(const RouteRequest& rr, Response& response) {
  const Route& route = rr.route;
  const EntityId entity = route.entity();
  if (route.kind != RouteKind::kMetricaLists) {
    Result<std::optional<admin::MetricaReport>> report =
        route.kind == RouteKind::kMetricaLatest ? repository_.LatestMetricaReport(entity)
                                                : repository_.MetricaReportOn(entity, route.date);
    if (!report.ok()) return SetStoreError(response, route, report.status());
    if (!*report) return SetNotFound(response, route);
    const UnixSeconds modified =
        GenerationTime((*report)->domain_list_generation_date, clock_.Now());
    return SetJsonDocument(response, admin::RenderMetricaReport(**report), modified);
  }
  Result<std::vector<admin::DomainListEntry>> entries = repository_.MetricaDomainLists(entity);
  if (!entries.ok()) return SetStoreError(response, route, entries.status());
  // METRICA not enabled for the entity: 404 on all three endpoints (§6.11).
  if (entries->empty()) return SetNotFound(response, route);
  std::optional<DateRange> dates = rr.dates;
  if (!dates) {
    // The ApiHandler always validates the range; this keeps the route usable
    // on its own with the same defaults.
    Result<DateRange, admin::ExtendedError> range =
        ValidateDateQuery(rr.query, admin::DateForm::kCalendarDate, clock_.Now());
    if (!range.ok()) return SetExtendedError(response, range.error());
    dates = *range;
  }
  UnixSeconds modified = 0;
  for (const admin::DomainListEntry& e : *entries)
    modified = std::max(modified, GenerationTime(e.domain_list_generation_date, 0));
  if (modified == 0) modified = clock_.Now();
  const std::vector<admin::DomainListEntry> selected =
      admin::SelectDomainLists(std::move(entries).value(), {dates->start, dates->end});
  SetJsonDocument(response, admin::RenderDomainLists(entity, selected), modified);
}

void AdminDataRoutes::ServeRdapBaseUrls(const Route& route, Response& response) {
  Result<std::optional<admin::RdapBaseUrlList>> list = repository_.RdapBaseUrls();
  if (!list.ok()) return SetStoreError(response, route, list.status());
  if (!*list) return SetNotFound(response, route);
  SetJsonDocument(response, admin::RenderRdapBaseUrlList(**list), (*list)->publication);
}

void AdminDataRoutes::ServeMaintenanceList(const Route& route, Response& response) {
  Result<admin::MaintenanceSchedule> schedule = repository_.LoadMaintenance(route.entity());
  if (!schedule.ok()) return SetStoreError(response, route, schedule.status());
  const UnixSeconds now = clock_.Now();
  SetJsonDocument(response, admin::RenderMaintenanceWindowList(schedule->NotEnded(now)), now);
}

void AdminDataRoutes::ServeMaintenanceWindow(const RouteRequest& rr, Response& response) {
  const Route& route = rr.route;
  const EntityId entity = route.entity();
  const Method method = rr.request.method;
  if (method == Method::kGet || method == Method::kHead) {
    Result<admin::MaintenanceSchedule> schedule = repository_.LoadMaintenance(entity);
    if (!schedule.ok()) return SetStoreError(response, route, schedule.status());
    const admin::MaintenanceWindow* window = schedule->Find(route.schedule_id);
    if (window == nullptr) return SetNotFound(response, route);
    return SetJsonDocument(response, admin::RenderMaintenanceWindow(*window), clock_.Now());
  }

  std::optional<admin::MaintenanceWindow> answer;
  if (method == Method::kPut || method == Method::kPost) {
    // Parsed outside the lock: a bad body costs nobody else anything.
    Result<admin::MaintenanceWindow, admin::ExtendedError> window =
        admin::ParseMaintenanceWindowRequest(rr.request.body, route.schedule_id);
    if (!window.ok()) return SetExtendedError(response, window.error());
    MutexLock lock(maintenance_mu_);
    Result<admin::MaintenanceSchedule> schedule = repository_.LoadMaintenance(entity);
    if (!schedule.ok()) return SetStoreError(response, route, schedule.status());
    Result<admin::PutOutcome, admin::ExtendedError> put = schedule->Put(*window);
    if (!put.ok()) return SetExtendedError(response, put.error());
    const Status saved = repository_.SaveMaintenance(entity, *schedule);
    if (!saved.ok()) return SetStoreError(response, route, saved);
    answer = *schedule->Find(route.schedule_id);
  } else if (method == Method::kDelete) {
    MutexLock lock(maintenance_mu_);
    Result<admin::MaintenanceSchedule> schedule = repository_.LoadMaintenance(entity);
    if (!schedule.ok()) return SetStoreError(response, route, schedule.status());
    answer = schedule->Remove(route.schedule_id);
    if (!answer) return SetNotFound(response, route);
    const Status saved = repository_.SaveMaintenance(entity, *schedule);
    if (!saved.ok()) return SetStoreError(response, route, saved);
  } else {
    return SetNotFound(response, route);  // the route table admits no other method
  }
  // The answer to a write is not a cacheable representation: no validators.
  response.SetBody(200, kJsonContentType, admin::RenderMaintenanceWindow(*answer));
  response.AddHeader("Cache-Control", "no-store");
}

void AdminDataRoutes::ServeProbeNodes(const Route& route, Response& response) {
  Result<std::shared_ptr<const MonitoringConfig>> config = config_.Get();
  if (!config.ok()) return SetStoreError(response, route, config.status());
  std::vector<ProbeNode> nodes;
  for (std::size_t i = 0; i < (*config)->probes.size(); ++i)
    if ((*config)->probe_enabled[i]) nodes.push_back((*config)->probes[i]);
  const UnixSeconds loaded = (*config)->loaded_at;
  SetJsonDocument(response, admin::RenderProbeNodeList(nodes, loaded), loaded);
}

}  // namespace tldmon::mosapi
