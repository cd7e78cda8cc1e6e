#include "app/simulate_summary.h"

#include <array>
#include <utility>

#include "core/cycle_status.h"

namespace tldmon::app {
namespace {

using nlohmann::json;

json IncidentJson(const engine::Incident& inc) {
  std::int64_t down = 0;
  for (const engine::CycleRun& run : inc.down_cycles) down += run.count;
  return {{"id", inc.Id()},
          {"start", inc.start_time},
          {"end", inc.end_time ? json(*inc.end_time) : json(nullptr)},
          {"falsePositive", inc.false_positive},
          {"downCycles", down}};
}

json RttJson(const engine::RttRatio& r) {
  return {{"performed", r.performed}, {"failed", r.failed},   {"expected", r.expected},
          {"cyclesLeft", r.cycles_left}, {"pfailed", r.pfailed}, {"met", r.met}};
}

// The RTT items an entity has (slam-algorithms.md §9).
std::vector<std::pair<RttKind, const char*>> RttKindsOf(const EntityConfig& e) {
  std::vector<std::pair<RttKind, const char*>> out;
  if (e.IsEnabled(Service::kDns)) {
    out.emplace_back(RttKind::kDnsUdp, "dnsUdp");
    out.emplace_back(RttKind::kDnsTcp, "dnsTcp");
  }
  if (e.IsEnabled(Service::kRdds)) {
    if (!e.rdds43_server.empty()) out.emplace_back(RttKind::kRdds43, "rdds43");
    if (!e.rdds80_url.empty()) out.emplace_back(RttKind::kRdds80, "rdds80");
  }
  if (e.IsEnabled(Service::kRdap)) out.emplace_back(RttKind::kRdap, "rdap");
  return out;
}

}  // namespace

json SimulationSummaryJson(const engine::Engine& engine, const SimulationSpec& spec) {
  json root;
  root["simulation"] = {{"tlds", spec.tlds},   {"probes", spec.probes}, {"start", spec.start},
                        {"end", spec.end},     {"seed", spec.seed},     {"quiet", spec.quiet},
                        {"faults", spec.faults}};
  const engine::EngineState& st = engine.state();
  json last = json::object();
  for (TestKind k : {TestKind::kDns, TestKind::kRdds, TestKind::kRdap, TestKind::kEpp}) {
    const UnixSeconds c = st.last_cycle[static_cast<std::size_t>(k)];
    last[std::string(TestKindName(k))] = c == engine::kNever ? json(nullptr) : json(c);
  }
  root["lastCycles"] = last;
  root["nextEventId"] = st.next_event_id;

  json entities = json::object();
  for (const EntityConfig& e : engine.entities()) {
    json ej;
    const auto es = st.entities.find(e.id);
    json services = json::object();
    for (Service s : kAllServices) {
      if (!e.IsEnabled(s)) continue;
      const engine::ServiceSummary sum = engine.Summarize(e.id, s);
      const engine::MonthlyFigures month = engine.Monthly(e.id, s);
      json incidents = json::array();
      if (es != st.entities.end())
        for (const engine::Incident& inc : es->second.services[static_cast<std::size_t>(Index(s))].incidents)
          incidents.push_back(IncidentJson(inc));
      services[std::string(JsonKey(s))] = {
          {"status", std::string(Label(sum.status))},
          {"alarmed", sum.alarmed},
          {"downtime", sum.downtime_minutes},
          {"emergencyThreshold", sum.emergency_threshold},
          {"monthly",
           {{"month", month.month},
            {"downtime", month.downtime_minutes},
            {"downtimeSlr", month.downtime_slr_minutes},
            {"met", month.downtime_met}}},
          {"incidents", std::move(incidents)}};
    }
    ej["services"] = std::move(services);
    json nsips = json::array();
    if (es != st.entities.end())
      for (const engine::NsIpState& n : es->second.ns_ips)
        nsips.push_back({{"ns", n.ns},
                         {"ip", n.ip},
                         {"month", n.month},
                         {"monthDownCycles", n.month_down_cycles},
                         {"lastStatus", std::string(Label(n.last_status))}});
    ej["nsIps"] = std::move(nsips);
    json rtt = json::object();
    for (const auto& [kind, name] : RttKindsOf(e)) rtt[name] = RttJson(engine.MonthlyRtt(e.id, kind));
    ej["rtt"] = std::move(rtt);
    entities[e.id.Path()] = std::move(ej);
  }
  root["entities"] = std::move(entities);
  return root;
}

}  // namespace tldmon::app
