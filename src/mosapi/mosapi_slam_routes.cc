#include "mosapi/mosapi_slam_routes.h"

#include <charconv>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "documents/document_paths.h"
#include "documents/render_incident.h"
#include "documents/render_listing.h"
#include "mosapi/mosapi_reply.h"

namespace tldmon::mosapi {
namespace {

std::string_view StripJson(std::string_view id) {
  constexpr std::string_view kJson = ".json";
  if (id.size() > kJson.size() && id.ends_with(kJson)) id.remove_suffix(kJson.size());
  return id;
}

// A decimal without sign; false on anything else or overflow.
template <typename T>
bool ParseDecimal(std::string_view text, T& out) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && out >= 0;
}

// "<cycle>.<eventID>[.json]" (§6.5 project default).
bool ParseIncidentMeasurementId(std::string_view id, UnixSeconds& cycle, std::uint64_t& event) {
  id = StripJson(id);
  const std::size_t dot = id.find('.');
  return dot != std::string_view::npos && ParseDecimal(id.substr(0, dot), cycle) &&
         ParseDecimal(id.substr(dot + 1), event);
}

// Incident [startTime, endTime or open] overlaps [from, to] (both inclusive).
bool Overlaps(const engine::Incident& incident, UnixSeconds from, UnixSeconds to) {
  return incident.start_time <= to && (!incident.end_time || *incident.end_time >= from);
}

}  // namespace

struct SlamDataRoutes::Context {
  const RouteRequest& request;
  const Route& route;
  std::shared_ptr<const MonitoringConfig> config;
  const EntityConfig& entity;
  Service service;
  documents::ApiVersion version;
  documents::Envelope envelope;

  int cycle_seconds() const { return config->CycleSeconds(service); }
};

SlamDataRoutes::SlamDataRoutes(const store::Store& store, const documents::DocumentStore& documents,
                               const Clock& clock, MonitoringConfigCache& config,
                               MeasurementCacheLimits cache_limits)
    : store_(store),
      documents_(documents),
      clock_(clock),
      config_(config),
      calendar_(store, clock),
      measurements_(store, cache_limits) {}

bool SlamDataRoutes::Handles(RouteKind kind) {
  switch (kind) {
    case RouteKind::kMonitoringState:
    case RouteKind::kServiceAlarmed:
    case RouteKind::kServiceDowntime:
    case RouteKind::kIncidentList:
    case RouteKind::kIncidentState:
    case RouteKind::kIncidentFalsePositive:
    case RouteKind::kIncidentMeasurements:
    case RouteKind::kIncidentMeasurement:
    case RouteKind::kMeasurementYears:
    case RouteKind::kMeasurementMonths:
    case RouteKind::kMeasurementDays:
    case RouteKind::kMeasurementList:
    case RouteKind::kMeasurement:
      return true;
    default:
      return false;
  }
}

UnixSeconds SlamDataRoutes::LastUpdate(const EntityId& entity,
                                       documents::ApiVersion version) const {
  if (const auto state = documents_.Find(documents::StatePath(entity, version)))
    return state->last_modified();
  return clock_.Now();
}

void SlamDataRoutes::Serve(const RouteRequest& rr, Response& response) {
  const Route& route = rr.route;
  // State, alarmed and downtime exist only as published documents (§6.2–6.4).
  if (!Handles(route.kind) || !route.service || route.kind == RouteKind::kMonitoringState ||
      route.kind == RouteKind::kServiceAlarmed || route.kind == RouteKind::kServiceDowntime) {
    SetNotFound(response, route);
    return;
  }
  Result<std::shared_ptr<const MonitoringConfig>> config = config_.Get();
  if (!config.ok()) {
    SetStoreError(response, route, config.status());
    return;
  }
  const EntityId id = route.entity();
  const EntityConfig* entity = (*config)->Find(id);
  if (entity == nullptr) {
    SetNotFound(response, route);
    return;
  }
  const auto version = route.version == 1 ? documents::ApiVersion::kV1 : documents::ApiVersion::kV2;
  const Context c{rr,
                  route,
                  *config,
                  *entity,
                  *route.service,
                  version,
                  documents::Envelope{version, LastUpdate(id, version)}};
  switch (route.kind) {
    case RouteKind::kIncidentList:
      return ServeIncidentList(c, response);
    case RouteKind::kIncidentState:
    case RouteKind::kIncidentFalsePositive:
    case RouteKind::kIncidentMeasurements:
      return ServeIncident(c, response);
    case RouteKind::kIncidentMeasurement:
      return ServeIncidentMeasurement(c, response);
    case RouteKind::kMeasurementYears:
    case RouteKind::kMeasurementMonths:
    case RouteKind::kMeasurementDays:
      return ServeCalendar(c, response);
    case RouteKind::kMeasurementList:
      return ServeDayList(c, response);
    case RouteKind::kMeasurement:
      return ServeMeasurement(c, response);
    default:
      SetNotFound(response, route);
  }
}

void SlamDataRoutes::ServeIncidentList(const Context& c, Response& response) {
  Result<std::vector<engine::Incident>> incidents = store_.Incidents(c.entity.id, c.service);
  if (!incidents.ok()) return SetStoreError(response, c.route, incidents.status());
  if (const std::optional<DateRange>& dates = c.request.dates) {
    std::erase_if(*incidents, [&](const engine::Incident& incident) {
      return !Overlaps(incident, dates->start, dates->end);
    });
  }
  SetJsonDocument(response, documents::RenderIncidentList(c.envelope, *incidents),
                  c.envelope.last_update);
}

Result<std::optional<engine::Incident>> SlamDataRoutes::FindIncident(const Context& c) const {
  Result<std::vector<engine::Incident>> incidents = store_.Incidents(c.entity.id, c.service);
  if (!incidents.ok()) return incidents.status();
  for (engine::Incident& i : *incidents)
    if (documents::IncidentIdOf(i) == c.route.incident_id) return std::optional(std::move(i));
  return std::optional<engine::Incident>();
}

void SlamDataRoutes::ServeIncident(const Context& c, Response& response) {
  Result<std::optional<engine::Incident>> found = FindIncident(c);
  if (!found.ok()) return SetStoreError(response, c.route, found.status());
  if (!*found) return SetNotFound(response, c.route);
  const engine::Incident* incident = &**found;

  std::string body;
  if (c.route.kind == RouteKind::kIncidentState) {
    body = documents::RenderIncidentState(c.envelope, *incident);
  } else if (c.route.kind == RouteKind::kIncidentFalsePositive) {
    body = documents::RenderFalsePositive(c.envelope, *incident);
  } else {
    // Up to the closing cycle, or while active the last processed one (§6.5).
    UnixSeconds last_cycle = incident->start_time - c.cycle_seconds();
    if (incident->active()) {
      Result<std::vector<store::CycleVerdict>> verdicts =
          store_.Verdicts(c.entity.id, c.service, incident->start_time, kEndOfTime);
      if (!verdicts.ok()) return SetStoreError(response, c.route, verdicts.status());
      if (!verdicts->empty()) last_cycle = verdicts->back().cycle;
    }
    body =
        documents::RenderIncidentMeasurements(c.envelope, *incident, c.cycle_seconds(), last_cycle);
  }
  SetJsonDocument(response, std::move(body), c.envelope.last_update);
}

void SlamDataRoutes::ServeIncidentMeasurement(const Context& c, Response& response) {
  UnixSeconds cycle = 0;
  std::uint64_t event = 0;
  if (!ParseIncidentMeasurementId(c.route.measurement_id, cycle, event))
    return SetNotFound(response, c.route);
  Result<std::optional<engine::Incident>> found = FindIncident(c);
  if (!found.ok()) return SetStoreError(response, c.route, found.status());
  const std::optional<engine::Incident>& incident = *found;
  // The measurement must belong to this incident: its event and its cycles.
  if (!incident || incident->event_id != event || cycle < incident->start_time ||
      (incident->end_time && cycle > CycleStart(*incident->end_time, c.cycle_seconds())))
    return SetNotFound(response, c.route);
  ServeMeasurementOf(c, cycle, response);
}

void SlamDataRoutes::ServeCalendar(const Context& c, Response& response) {
  Result<std::vector<DayNumber>> days = calendar_.Days(c.entity.id, c.service, c.cycle_seconds());
  if (!days.ok()) return SetStoreError(response, c.route, days.status());
  std::vector<int> values;
  for (DayNumber day : *days) {
    const CivilDate date = ToCivilDate(static_cast<UnixSeconds>(day) * kSecondsPerDay);
    switch (c.route.kind) {
      case RouteKind::kMeasurementYears:
        values.push_back(date.year);
        break;
      case RouteKind::kMeasurementMonths:
        if (date.year == c.route.year) values.push_back(date.month);
        break;
      default:
        if (date.year == c.route.year && date.month == c.route.month) values.push_back(date.day);
        break;
    }
  }
  std::string body;
  if (c.route.kind == RouteKind::kMeasurementYears) {
    // No directory at all for a service never monitored (§6.9: 404).
    if (values.empty() && !c.entity.IsEnabled(c.service)) return SetNotFound(response, c.route);
    body = documents::RenderYears(c.envelope, values);
  } else if (values.empty()) {
    return SetNotFound(response, c.route);
  } else if (c.route.kind == RouteKind::kMeasurementMonths) {
    body = documents::RenderMonths(c.envelope, values);
  } else {
    body = documents::RenderDays(c.envelope, values);
  }
  SetJsonDocument(response, std::move(body), c.envelope.last_update);
}

void SlamDataRoutes::ServeDayList(const Context& c, Response& response) {
  const UnixSeconds day = FromCivilDate({c.route.year, c.route.month, c.route.day});
  Result<std::vector<store::CycleVerdict>> verdicts =
      store_.Verdicts(c.entity.id, c.service, day, day + kSecondsPerDay);
  if (!verdicts.ok()) return SetStoreError(response, c.route, verdicts.status());
  if (verdicts->empty()) return SetNotFound(response, c.route);
  std::vector<UnixSeconds> cycles;
  cycles.reserve(verdicts->size());
  for (const store::CycleVerdict& v : *verdicts) cycles.push_back(v.cycle);
  SetJsonDocument(response, documents::RenderDayMeasurements(c.envelope, cycles),
                  c.envelope.last_update);
}

void SlamDataRoutes::ServeMeasurement(const Context& c, Response& response) {
  UnixSeconds cycle = 0;
  if (!ParseDecimal(StripJson(c.route.measurement_id), cycle))
    return SetNotFound(response, c.route);
  ServeMeasurementOf(c, cycle, response);
}

void SlamDataRoutes::ServeMeasurementOf(const Context& c, UnixSeconds cycle, Response& response) {
  Result<std::shared_ptr<const Representation>> object =
      measurements_.Build(*c.config, c.entity, c.service, c.version, cycle);
  if (!object.ok()) return SetStoreError(response, c.route, object.status());
  if (!*object) return SetNotFound(response, c.route);
  SetDocument(response, std::move(object).value());
}

}  // namespace tldmon::mosapi
