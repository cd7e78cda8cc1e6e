#include "web/past_monthly.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "documents/render_monthly.h"

namespace tldmon::web {

using nlohmann::json;

namespace {

using Rows = std::vector<store::MonthlyFiguresRow>;

std::vector<std::string> MonthsOf(const Rows& rows) {
  std::vector<std::string> months;
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
    std::string label = documents::MonthLabel(it->month);
    if (months.empty() || months.back() != label) months.push_back(std::move(label));
  }
  return months;
}

// The merged document of `month`, or null when nothing was kept for it.
json MergeMonth(const Rows& rows, std::string_view month) {
  json out;
  bool any = false;
  for (const store::MonthlyFiguresRow& r : rows) {
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
  return out;  // null when !any
}

}  // namespace

Result<std::vector<std::string>> PastMonths(const store::Store& store, const EntityId& entity) {
  auto rows = store.KeptMonthlyFigures(entity);
  if (!rows.ok()) return rows.status();
  return MonthsOf(*rows);
}

Result<std::optional<std::string>> PastMonthly(const store::Store& store, const EntityId& entity,
                                               std::string_view month) {
  auto rows = store.KeptMonthlyFigures(entity);
  if (!rows.ok()) return rows.status();
  const json merged = MergeMonth(*rows, month);
  if (merged.is_null()) return std::optional<std::string>();
  return std::optional<std::string>(merged.dump());
}

Result<nlohmann::json> MonthlyReport(const store::Store& store, const EntityId& entity,
                                     std::string_view current_document, std::string_view month) {
  auto rows = store.KeptMonthlyFigures(entity);  // read once for the list and the month
  if (!rows.ok()) return rows.status();
  json current = json::parse(current_document, nullptr, false);
  std::string current_month;
  if (current.is_object())
    for (const json& s : current.value("services", json::array()))
      if (s.value("month", json()).is_string()) current_month = std::max(current_month, s["month"].get<std::string>());
  std::vector<std::string> months = MonthsOf(*rows);
  if (!current_month.empty() && std::find(months.begin(), months.end(), current_month) == months.end())
    months.insert(months.begin(), current_month);
  const std::string wanted = month.empty() ? current_month : std::string(month);
  const bool is_current = wanted == current_month;  // both empty: no cycle yet
  json report = is_current ? std::move(current) : MergeMonth(*rows, wanted);
  if (report.is_null()) return NotFound("no monthly figures of " + entity.Path() + " for " + wanted);
  return json{{"months", months}, {"month", wanted}, {"current", is_current}, {"report", std::move(report)}};
}

}  // namespace tldmon::web
