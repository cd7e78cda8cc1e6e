#include "web/past_monthly.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "documents/render_monthly.h"

namespace tldmon::web {

using nlohmann::json;

Result<std::vector<std::string>> PastMonths(const store::Store& store, const EntityId& entity) {
  auto rows = store.KeptMonthlyFigures(entity);
  if (!rows.ok()) return rows.status();
  std::vector<std::string> months;
  for (auto it = rows->rbegin(); it != rows->rend(); ++it) {
    std::string label = documents::MonthLabel(it->month);
    if (months.empty() || months.back() != label) months.push_back(std::move(label));
  }
  return months;
}

Result<std::optional<std::string>> PastMonthly(const store::Store& store, const EntityId& entity,
                                               std::string_view month) {
  auto rows = store.KeptMonthlyFigures(entity);
  if (!rows.ok()) return rows.status();
  json out;
  bool any = false;
  for (const store::MonthlyFiguresRow& r : *rows) {
    if (documents::MonthLabel(r.month) != month) continue;
    json doc = json::parse(r.body, nullptr, false);
    if (!doc.is_object()) continue;  // a damaged row hides its part, not the month
    // A test kind's entries are those named after it: dns, dnssec, dnsUdp
    // and dnsTcp for DNS; rdds, rdds43, rdds80 for RDDS; rdap for RDAP.
    const std::string test(TestKindName(r.test));
    const auto mine = [&](const json& entry, const char* name_field) {
      return entry.value(name_field, "").starts_with(test) && entry.value("month", "") == month;
    };
    if (!any) {
      out = {{"formatVersion", doc.value("formatVersion", 1)}, {"lastUpdate", 0},
             {"services", json::array()}, {"rtt", json::array()}, {"nameServerIPs", json::array()}};
      for (const char* f : {"tld", "registrarID"})
        if (doc.contains(f)) out[f] = doc[f];
      any = true;
    }
    out["lastUpdate"] = std::max(out["lastUpdate"].get<std::int64_t>(), doc.value("lastUpdate", std::int64_t{0}));
    for (const json& s : doc.value("services", json::array()))
      if (mine(s, "service")) out["services"].push_back(s);
    for (const json& k : doc.value("rtt", json::array()))
      if (mine(k, "kind")) out["rtt"].push_back(k);
    if (r.test == TestKind::kDns)
      for (const json& n : doc.value("nameServerIPs", json::array()))
        if (n.value("month", "") == month) out["nameServerIPs"].push_back(n);
  }
  if (!any) return std::optional<std::string>();
  return std::optional<std::string>(out.dump());
}

Result<std::string> MonthlyReportJson(const store::Store& store, const EntityId& entity,
                                      std::string_view current_document, std::string_view month) {
  auto past = PastMonths(store, entity);
  if (!past.ok()) return past.status();
  const json current = json::parse(current_document, nullptr, false);
  std::string current_month;
  if (current.is_object())
    for (const json& s : current.value("services", json::array()))
      if (s.value("month", json()).is_string()) current_month = std::max(current_month, s["month"].get<std::string>());
  std::vector<std::string> months = *past;
  if (!current_month.empty() && std::find(months.begin(), months.end(), current_month) == months.end())
    months.insert(months.begin(), current_month);
  const std::string wanted = month.empty() ? current_month : std::string(month);
  json report;
  const bool is_current = wanted == current_month;  // both empty: no cycle yet
  if (is_current) {
    report = current;
  } else {
    auto doc = PastMonthly(store, entity, wanted);
    if (!doc.ok()) return doc.status();
    if (!doc->has_value()) return NotFound("no monthly figures of " + entity.Path() + " for " + wanted);
    report = json::parse(**doc);
  }
  return json{{"months", months}, {"month", wanted}, {"current", is_current}, {"report", report}}.dump();
}

}  // namespace tldmon::web
