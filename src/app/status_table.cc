#include "app/status_table.h"

#include <fmt/format.h>

#include "core/cycle_status.h"

namespace tldmon::app {

std::vector<ServiceRow> CollectServiceRows(const engine::Engine& engine) {
  std::vector<ServiceRow> rows;
  const auto& states = engine.state().entities;
  for (const EntityConfig& e : engine.entities()) {
    const auto st = states.find(e.id);
    for (Service s : kAllServices) {
      if (!e.IsEnabled(s)) continue;
      const engine::ServiceSummary sum = engine.Summarize(e.id, s);
      ServiceRow row;
      row.entity = e.id;
      row.service = s;
      row.alarmed = sum.alarmed;
      row.downtime_minutes = sum.downtime_minutes;
      row.emergency_threshold = sum.emergency_threshold;
      row.month_downtime_minutes = engine.Monthly(e.id, s).downtime_minutes;
      row.status = "-";
      if (st != states.end()) {
        const engine::ServiceState& ss = st->second.services[static_cast<std::size_t>(Index(s))];
        if (ss.last_cycle != engine::kNever) row.status = std::string(Label(sum.status));
        row.incidents = static_cast<int>(ss.incidents.size());
        for (const engine::Incident& inc : ss.incidents)
          if (inc.active()) row.open_incident = inc.Id();
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

void PrintServiceTable(std::ostream& out, const std::vector<ServiceRow>& rows) {
  constexpr const char* kFormat = "{:<20} {:<7} {:<26} {:<7} {:>9} {:>10} {:>9} {:>10}  {}\n";
  out << fmt::format(kFormat, "ENTITY", "SERVICE", "STATUS", "ALARMED", "DOWNTIME", "THRESHOLD",
                     "INCIDENTS", "MONTH-DT", "OPEN INCIDENT");
  for (const ServiceRow& r : rows) {
    out << fmt::format(kFormat, r.entity.Path(), JsonKey(r.service), r.status, r.alarmed,
                       fmt::format("{}m", r.downtime_minutes),
                       fmt::format("{:.3f}%", r.emergency_threshold), r.incidents,
                       fmt::format("{}m", r.month_downtime_minutes),
                       r.open_incident.empty() ? "-" : r.open_incident);
  }
}

nlohmann::json ServiceRowsJson(const std::vector<ServiceRow>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const ServiceRow& r : rows) {
    out.push_back({{"entity", r.entity.Path()},
                   {"service", std::string(JsonKey(r.service))},
                   {"status", r.status},
                   {"alarmed", r.alarmed},
                   {"downtime", r.downtime_minutes},
                   {"emergencyThreshold", r.emergency_threshold},
                   {"openIncident", r.open_incident.empty() ? nlohmann::json(nullptr)
                                                            : nlohmann::json(r.open_incident)},
                   {"incidents", r.incidents},
                   {"monthlyDowntime", r.month_downtime_minutes}});
  }
  return out;
}

}  // namespace tldmon::app
