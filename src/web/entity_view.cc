#include "web/entity_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "documents/document_paths.h"
#include "documents/render_monthly.h"
#include "web/entity_config.h"
#include "web/published_document.h"

namespace tldmon::web {
namespace {

using nlohmann::json;

double Round3(double v) { return std::round(v * 1000) / 1000; }

// Columns of `step` seconds from `from`: down share per column, -1 if empty.
class Strip {
 public:
  Strip(UnixSeconds from, UnixSeconds to, int cycle) : from_(from) {
    const UnixSeconds cycles = std::max<UnixSeconds>(1, (to - from) / cycle);
    const UnixSeconds per = (cycles + kMaxColumns - 1) / kMaxColumns;
    step_ = per * cycle;
    const std::size_t n = static_cast<std::size_t>((to - from + step_ - 1) / step_);
    total_.assign(n, 0);
    down_.assign(n, 0);
  }
  void Add(UnixSeconds cycle, bool down) {
    if (cycle < from_) return;
    const auto i = static_cast<std::size_t>((cycle - from_) / step_);
    if (i >= total_.size()) return;
    ++total_[i];
    if (down) ++down_[i];
  }
  json Json() const {
    json values = json::array();
    for (std::size_t i = 0; i < total_.size(); ++i)
      values.push_back(total_[i] == 0 ? -1.0 : Round3(double(down_[i]) / total_[i]));
    return {{"from", from_}, {"step", step_}, {"values", std::move(values)}};
  }

 private:
  UnixSeconds from_;
  UnixSeconds step_ = 60;
  std::vector<int> total_, down_;
};

json IncidentJson(const engine::Incident& inc) {
  std::uint32_t down = 0;
  for (const engine::CycleRun& r : inc.down_cycles) down += r.count;
  return {{"incidentID", inc.Id()},
          {"startTime", inc.start_time},
          {"endTime", inc.end_time ? json(*inc.end_time) : json(nullptr)},
          {"falsePositive", inc.false_positive},
          {"downCycles", down}};
}

std::vector<std::string> ReproduceLines(const EntityConfig& c) {
  std::vector<std::string> out;
  const std::string qname = c.test_prefix + "." + c.id.id + ".";
  for (const NameServer& ns : c.name_servers)
    for (const std::string& ip : ns.ips)
      out.push_back(fmt::format("kdig @{} {} A +norecurse +bufsize=4096 +nsid{} +timeout=3 +tries=1",
                                ip, qname, c.dnssec ? " +dnssec" : ""));
  if (c.IsEnabled(Service::kRdds) && !c.rdds43_server.empty())
    out.push_back(fmt::format("whois -h {} {}", c.rdds43_server, c.test_domain));
  if (c.IsEnabled(Service::kRdds) && !c.rdds80_url.empty())
    out.push_back(fmt::format("curl -sS -o /dev/null -w '%{{http_code}} %{{time_total}}s\\n' '{}'",
                              c.rdds80_url));
  if (c.IsEnabled(Service::kRdap) && !c.rdap_base_url.empty()) {
    std::string base = c.rdap_base_url;
    if (!base.empty() && base.back() != '/') base += '/';
    out.push_back(fmt::format("curl -sS '{}domain/{}'", base, c.test_domain));
  }
  return out;
}

}  // namespace

bool IsOfferedRange(int days) { return days == 1 || days == 7 || days == 30 || days == 90; }

Result<std::string> EntityViewJson(const store::Store& store, const documents::DocumentMap& docs,
                                   const engine::SlaParams& params, const EntityId& entity,
                                   int days, UnixSeconds now) {
  auto config = CurrentEntityConfig(store, entity, now);
  if (!config.ok()) return config.status();
  const EntityConfig& c = *config;
  const json state = ParseDocument(docs, documents::StatePath(entity, documents::ApiVersion::kV2));
  const UnixSeconds updated = state.is_object() ? state.value("lastUpdateApiDatabase", now) : now;
  // Ranges end now (the documents' lastUpdateApiDatabase can lag a cycle).
  const UnixSeconds to = now - now % 60;  // whole minutes: stable columns
  const UnixSeconds from = to - static_cast<UnixSeconds>(days) * 86400;
  const UnixSeconds history_from = std::min<UnixSeconds>(from, to - 30 * 86400);

  json services = json::array();
  for (const Service s : kAllServices) {
    if (!c.IsEnabled(s) || s == Service::kEpp) continue;
    const int cycle = params.CycleSeconds(TestKindOf(s));
    const int threshold = params.Of(s).rollweek_sla_minutes;
    json svc = {{"service", PathName(s)}, {"cycleSeconds", cycle}, {"threshold", threshold}};
    if (state.is_object() && state.contains("testedServices")) {
      const json& t = state["testedServices"].value(std::string(JsonKey(s)), json::object());
      svc["status"] = t.value("status", "");
      svc["emergencyThreshold"] = t.value("emergencyThreshold", 0.0);
    }
    const json downtime = ParseDocument(docs, documents::DowntimePath(entity, documents::ApiVersion::kV2, s));
    const int down_minutes = downtime.is_object() ? downtime.value("downtime", 0) : 0;
    svc["downtime"] = down_minutes;
    const json alarmed = ParseDocument(docs, documents::AlarmedPath(entity, documents::ApiVersion::kV2, s));
    svc["alarmed"] = alarmed.is_object() ? alarmed.value("alarmed", "") : "";

    auto verdicts = store.Verdicts(entity, s, history_from, to + 1);
    if (!verdicts.ok()) return verdicts.status();
    Strip strip(from, to + 1, cycle);
    struct Period {
      const char* name;
      UnixSeconds seconds;
      int cycles = 0, down = 0;
    };
    Period periods[] = {{"24h", 86400}, {"7d", 7 * 86400}, {"30d", 30 * 86400}};
    double down_last_hour = 0, down_last_day = 0;
    for (const store::CycleVerdict& v : *verdicts) {
      const bool down = IsDown(v.verdict.status);
      strip.Add(v.cycle, down);
      for (Period& p : periods) {
        if (v.cycle < to - p.seconds) continue;
        ++p.cycles;
        if (down) ++p.down;
      }
      if (down && v.cycle >= to - 3600) down_last_hour += cycle / 60.0;
      if (down && v.cycle >= to - 86400) down_last_day += cycle / 60.0;
    }
    svc["strip"] = strip.Json();
    json availability = json::array();
    for (const Period& p : periods)
      availability.push_back(
          {{"period", p.name},
           {"cycles", p.cycles},
           {"down", p.down},
           {"percent", p.cycles == 0 ? json(nullptr)
                                     : json(Round3(100.0 * (p.cycles - p.down) / p.cycles))}});
    svc["availability"] = std::move(availability);
    // The budget: minutes left of the emergency threshold, and when they
    // would run out if the last 24 hours' burn went on (downtime leaving
    // the rolling week is not credited: the estimate errs early).
    const int left = std::max(0, threshold - down_minutes);
    json runs_out = nullptr;
    if (left == 0) {
      runs_out = to;
    } else if (down_last_day > 0) {
      runs_out = to + static_cast<UnixSeconds>(left / (down_last_day / 86400.0));
    }
    svc["burn"] = {{"lastHourMinutes", Round3(down_last_hour)},
                   {"lastDayMinutes", Round3(down_last_day)},
                   {"minutesLeft", left},
                   {"runsOutAt", runs_out}};

    auto incidents = store.Incidents(entity, s);
    if (!incidents.ok()) return incidents.status();
    json list = json::array();
    for (const engine::Incident& inc : *incidents) {
      if (inc.end_time && *inc.end_time < from) continue;
      list.push_back(IncidentJson(inc));
    }
    svc["incidents"] = std::move(list);
    services.push_back(std::move(svc));
  }

  json ns_rows = json::array();
  json ns_strip_meta = nullptr;
  if (c.IsEnabled(Service::kDns) && !c.name_servers.empty()) {
    auto ns = store.NsIpVerdicts(entity, from, to + 1);
    if (!ns.ok()) return ns.status();
    const int cycle = params.CycleSeconds(TestKind::kDns);
    std::vector<std::vector<Strip>> strips;
    for (const NameServer& n : c.name_servers)
      strips.emplace_back(n.ips.size(), Strip(from, to + 1, cycle));
    for (const store::NsIpCycleVerdict& v : *ns) {
      if (v.verdict.ns >= strips.size() || v.verdict.ip >= strips[v.verdict.ns].size()) continue;
      strips[v.verdict.ns][v.verdict.ip].Add(v.cycle, IsDown(v.verdict.status));
    }
    for (std::size_t i = 0; i < c.name_servers.size(); ++i)
      for (std::size_t j = 0; j < c.name_servers[i].ips.size(); ++j) {
        json s = strips[i][j].Json();
        ns_strip_meta = {{"from", s["from"]}, {"step", s["step"]}};
        ns_rows.push_back({{"ns", c.name_servers[i].name},
                           {"ip", c.name_servers[i].ips[j]},
                           {"values", std::move(s["values"])}});
      }
  }

  json name_servers = json::array();
  for (const NameServer& n : c.name_servers) name_servers.push_back({{"name", n.name}, {"ips", n.ips}});
  const json monthly = ParseDocument(docs, documents::MonthlyPath(entity));
  const json out = {
      {"entity", entity.Path()},
      {"updated", updated},
      {"days", days},
      {"from", from},
      {"to", to},
      {"status", state.is_object() ? state.value("status", "") : ""},
      {"cctld", c.cctld},
      {"config",
       {{"nameServers", std::move(name_servers)},
        {"testPrefix", c.test_prefix},
        {"dnssec", c.dnssec},
        {"rdds43Server", c.rdds43_server},
        {"rdds80Url", c.rdds80_url},
        {"rdapBaseUrl", c.rdap_base_url},
        {"testDomain", c.test_domain}}},
      {"services", std::move(services)},
      {"nsIps", {{"strip", ns_strip_meta}, {"rows", std::move(ns_rows)}}},
      {"monthly", monthly},
      {"reproduce", ReproduceLines(c)}};
  return out.dump();
}

}  // namespace tldmon::web
