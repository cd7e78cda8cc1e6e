#include "web/reporting_view.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "rri/reporting_status.h"
#include "rri/rri_repository.h"

namespace tldmon::web {

Result<std::string> ReportingViewJson(const store::Store& store, UnixSeconds now,
                                      const std::function<bool(const EntityId&)>& sees) {
  const rri::RriRepository repo(store);
  Result<std::vector<rri::ReportEntry>> entries = repo.List("");
  if (!entries.ok()) return entries.status();
  Result<std::vector<rri::TldSettings>> settings = repo.AllSettings();
  if (!settings.ok()) return settings.status();
  std::map<std::string, std::vector<rri::ReportEntry>> by_tld;
  for (rri::ReportEntry& e : *entries) by_tld[e.tld].push_back(std::move(e));
  std::map<std::string, rri::TldSettings> settings_of;
  for (rri::TldSettings& s : *settings) settings_of[s.tld] = std::move(s);
  std::set<std::string> tlds;
  for (const auto& [tld, list] : by_tld) tlds.insert(tld);
  for (const auto& [tld, s] : settings_of) tlds.insert(tld);

  nlohmann::json out = nlohmann::json::array();
  for (const std::string& tld : tlds) {
    if (!sees(EntityId{EntityKind::kRegistry, tld})) continue;
    rri::TldSettings s;
    s.tld = tld;
    if (auto it = settings_of.find(tld); it != settings_of.end()) s = it->second;
    const std::vector<rri::ReportEntry>& mine = by_tld[tld];
    const rri::ReportingSummary summary = rri::SummarizeReporting(s, mine, now);
    nlohmann::json j = nlohmann::json::parse(rri::RenderSummaryJson(summary));
    nlohmann::json row;
    row["tld"] = tld;
    row["ok"] = summary.ok();
    row["trackedFrom"] = j["trackedFrom"];
    row["lastFullDate"] = j["lastFullDate"];
    row["depositSchedule"] = j["depositSchedule"];
    row["uploads"] = mine.size();
    row["paths"] = j["paths"];
    // The newest upload of each type.
    std::map<rri::ReportType, const rri::ReportEntry*> latest;
    for (const rri::ReportEntry& e : mine) {
      const rri::ReportEntry*& l = latest[e.type];
      if (l == nullptr || e.received > l->received) l = &e;
    }
    nlohmann::json last = nlohmann::json::array();
    for (const auto& [type, e] : latest)
      last.push_back({{"type", std::string(rri::ReportTypeName(type))}, {"period", e->period},
                      {"received", e->received}, {"uploadedBy", e->uploaded_by}});
    row["latest"] = last;
    out.push_back(row);
  }
  return nlohmann::json({{"tlds", out}, {"created", now}}).dump();
}

}  // namespace tldmon::web
