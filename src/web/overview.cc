#include "web/overview.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "documents/document_paths.h"
#include "web/published_document.h"

namespace tldmon::web {
namespace {

constexpr std::string_view kStateSuffix = "/v2/monitoring/state";

}  // namespace

Overview CollectOverview(const documents::DocumentMap& docs, const engine::SlaParams& params) {
  Overview out;
  std::vector<EntityId> entities;
  for (const auto& [path, doc] : docs) {
    if (path.size() <= kStateSuffix.size() ||
        path.compare(path.size() - kStateSuffix.size(), kStateSuffix.size(), kStateSuffix) != 0)
      continue;
    auto id = EntityId::Parse(std::string_view(path).substr(0, path.size() - kStateSuffix.size()));
    if (id.ok()) entities.push_back(*id);
  }
  std::sort(entities.begin(), entities.end());
  for (const EntityId& e : entities) {
    const nlohmann::json state = ParseDocument(docs, documents::StatePath(e, documents::ApiVersion::kV2));
    if (!state.is_object() || !state.contains("testedServices")) continue;
    out.updated = std::max<UnixSeconds>(out.updated, state.value("lastUpdateApiDatabase", 0));
    for (const Service s : kAllServices) {
      const auto svc = state["testedServices"].find(std::string(JsonKey(s)));
      if (svc == state["testedServices"].end() || !svc->is_object()) continue;
      const std::string status = svc->value("status", "");
      if (status.empty() || status == "Disabled") continue;
      OverviewRow row;
      row.entity = e;
      row.service = s;
      row.status = status;
      row.emergency = svc->value("emergencyThreshold", 0.0);
      row.threshold = params.Of(s).rollweek_sla_minutes;
      if (const auto incidents = svc->find("incidents"); incidents != svc->end() && incidents->is_array()) {
        for (const nlohmann::json& inc : *incidents) {
          ++row.incidents;
          if (inc.value("falsePositive", false)) ++row.false_positives;
          if (inc.value("state", "") == "Active" && row.active_incident.empty())
            row.active_incident = inc.value("incidentID", "");
        }
      }
      const nlohmann::json downtime =
          ParseDocument(docs, documents::DowntimePath(e, documents::ApiVersion::kV2, s));
      if (downtime.is_object()) row.downtime = downtime.value("downtime", 0);
      const nlohmann::json alarmed =
          ParseDocument(docs, documents::AlarmedPath(e, documents::ApiVersion::kV2, s));
      row.alarmed = alarmed.is_object() ? alarmed.value("alarmed", "") : "";
      out.rows.push_back(std::move(row));
    }
  }
  return out;
}

std::string OverviewRowsJson(const Overview& overview, const std::vector<bool>& visible) {
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < overview.rows.size(); ++i) {
    if (!visible[i]) continue;
    const OverviewRow& r = overview.rows[i];
    rows.push_back({r.entity.Path(), PathName(r.service), r.status, r.alarmed, r.downtime,
                    r.threshold, r.emergency,
                    r.active_incident.empty() ? nlohmann::json(nullptr)
                                              : nlohmann::json(r.active_incident),
                    r.incidents, r.false_positives});
  }
  return nlohmann::json{{"updated", overview.updated},
                        {"columns",
                         {"entity", "service", "status", "alarmed", "downtime", "threshold",
                          "emergencyThreshold", "activeIncident", "incidents", "falsePositives"}},
                        {"rows", std::move(rows)}}
      .dump();
}

}  // namespace tldmon::web
