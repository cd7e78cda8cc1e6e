#include "sim/scenario_check.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/cycle_status.h"
#include "sim/scenario_expect_keys.h"

namespace tldmon::sim {
namespace {

using Type = CheckValue::Type;

// An actual value, or why there is none.
struct Actual {
  std::optional<CheckValue> value;
  std::string missing;
};

Actual Int(std::int64_t v) {
  CheckValue c;
  c.type = Type::kInt;
  c.i = v;
  return {c, ""};
}
Actual Dbl(Type t, double v) {
  CheckValue c;
  c.type = t;
  c.d = v;
  return {c, ""};
}
Actual Bool(bool v) {
  CheckValue c;
  c.type = Type::kBool;
  c.b = v;
  return {c, ""};
}
Actual Text(std::string v) {
  CheckValue c;
  c.type = Type::kText;
  c.text = std::move(v);
  return {c, ""};
}
Actual Time(std::optional<UnixSeconds> t) {
  CheckValue c;
  c.type = Type::kTime;
  c.null = !t.has_value();
  c.i = t.value_or(0);
  return {c, ""};
}
Actual Ids(std::vector<std::string> ids) {
  CheckValue c;
  c.type = Type::kIdList;
  c.ids = std::move(ids);
  return {c, ""};
}
Actual Missing(std::string why) { return {std::nullopt, std::move(why)}; }

const engine::ServiceVerdict* FindVerdict(const engine::CycleOutput& out, const EntityId& id,
                                          Service s) {
  for (const engine::ServiceVerdict& v : out.verdicts)
    if (v.entity == id && v.service == s) return &v;
  return nullptr;
}

const std::vector<engine::Incident>* AllIncidents(const engine::Engine& engine, const EntityId& id,
                                                  Service s) {
  const auto it = engine.state().entities.find(id);
  if (it == engine.state().entities.end()) return nullptr;
  return &it->second.services[static_cast<std::size_t>(Index(s))].incidents;
}

std::string Subject(const Scenario& sc, const Expectation& x) {
  const std::string e = x.target == ExpectTarget::kProbes || x.target == ExpectTarget::kProbe
                            ? ""
                            : sc.entities[x.entity].id.Path() + " ";
  switch (x.target) {
    case ExpectTarget::kService:
      return e + std::string(PathName(x.service));
    case ExpectTarget::kIncident:
      return e + std::string(PathName(x.service)) + " incident " + x.incident_id;
    case ExpectTarget::kMonthly:
      return e + std::string(PathName(x.service)) + " monthly";
    case ExpectTarget::kRtt: {
      static const char* kNames[] = {"udp", "tcp", "rdds43", "rdds80", "rdap", "epp"};
      return e + "rtt " + (x.rdds_pooled ? "rdds" : kNames[static_cast<int>(x.rtt)]);
    }
    case ExpectTarget::kNsIp: {
      const NameServer& ns = sc.Config(x.entity, x.version).name_servers[x.ns];
      return e + "nsip " + ns.name + " " + ns.ips[x.ip];
    }
    case ExpectTarget::kProbes:
      return "probes";
    case ExpectTarget::kProbe:
      return "probe " + sc.probes[x.probe].name;
  }
  return e;
}

Actual ServiceActual(const Scenario& sc, const engine::Engine& engine,
                     const engine::CycleOutput& out, const Expectation& x, const std::string& key) {
  const EntityId& id = sc.entities[x.entity].id;
  const engine::ServiceSummary sum = engine.Summarize(id, x.service);
  const engine::ServiceVerdict* v = FindVerdict(out, id, x.service);
  if (key == "status") {
    if (!sum.enabled) return Text("Disabled");
    std::string text(Label(sum.status));
    if (v != nullptr && v->status != sum.status)
      text = std::string(Label(v->status)) + " (cycle verdict; Summarize says " + text + ")";
    return Text(text);
  }
  if (key == "downtime") return Int(sum.downtime_minutes);
  if (key == "threshold") return Dbl(Type::kExact3, sum.emergency_threshold);
  if (key == "alarmed") return Text(sum.alarmed);
  if (key == "incidents") {
    std::vector<std::string> ids;
    for (const engine::Incident* i : sum.week_incidents) ids.push_back(i->Id());
    return Ids(ids);
  }
  if (key == "all-incidents") {
    std::vector<std::string> ids;
    if (const auto* all = AllIncidents(engine, id, x.service))
      for (const engine::Incident& i : *all) ids.push_back(i.Id());
    return Ids(ids);
  }
  if (v == nullptr)
    return Missing("no " + std::string(JsonKey(x.service)) + " verdict for " + id.Path() +
                   " in the cycle starting " + std::to_string(out.cycle));
  if (key == "online") return Int(v->online);
  if (key == "results") return Int(v->with_results);
  return Int(v->positive);  // "positive"
}

Actual IncidentActual(const Scenario& sc, const engine::Engine& engine, const Expectation& x,
                      const std::string& key) {
  const EntityId& id = sc.entities[x.entity].id;
  const auto* all = AllIncidents(engine, id, x.service);
  const engine::Incident* found = nullptr;
  int matches = 0;
  std::string listed;
  if (all != nullptr)
    for (const engine::Incident& i : *all) {
      listed += (listed.empty() ? "" : ",") + i.Id();
      if (IncidentIdMatches(x.incident_id, i.Id())) {
        found = &i;
        ++matches;
      }
    }
  if (matches != 1)
    return Missing(std::string(matches == 0 ? "no" : "more than one") + " incident " +
                   x.incident_id + " (incidents: " + (listed.empty() ? "none" : listed) + ")");
  if (key == "state") return Text(found->active() ? "Active" : "Resolved");
  if (key == "start") return Time(found->start_time);
  if (key == "end") return Time(found->end_time);
  if (key == "fp") return Bool(found->false_positive);
  return Time(found->fp_update_time);  // "fp-time"
}

Actual MonthlyActual(const Scenario& sc, const engine::Engine& engine, const Expectation& x,
                     const std::string& key) {
  const engine::MonthlyFigures m = engine.Monthly(sc.entities[x.entity].id, x.service);
  if (key == "downtime") return Int(m.downtime_minutes);
  if (key == "slr") return Int(m.downtime_slr_minutes);
  if (key == "met") return Bool(m.downtime_met);
  return Time(m.month);  // "month"
}

Actual RttActual(const Scenario& sc, const engine::Engine& engine, const Expectation& x,
                 const std::string& key) {
  const EntityId& id = sc.entities[x.entity].id;
  const engine::RttRatio r =
      x.rdds_pooled ? engine.MonthlyRddsRtt(id) : engine.MonthlyRtt(id, x.rtt);
  if (key == "performed") return Int(r.performed);
  if (key == "failed") return Int(r.failed);
  if (key == "expected") return Int(r.expected);
  if (key == "cycles-left") return Int(r.cycles_left);
  if (key == "pfailed") return Dbl(Type::kRound3, r.pfailed);
  return Bool(r.met);  // "met"
}

Actual NsIpActual(const Scenario& sc, const engine::Engine& engine, const engine::CycleOutput& out,
                  const Expectation& x, const std::string& key) {
  // By (name, ip), not by index: the expectation names a pair of the
  // configuration version it was written under, the verdicts index the
  // configuration in force (a `reconfigure` may have reordered the list).
  const EntityConfig& e = sc.Config(x.entity, x.version);
  const NameServer& ns = e.name_servers[x.ns];
  const EntityConfig* in_force = engine.FindEntity(e.id);
  if (key == "month-downtime" || key == "met") {
    for (const engine::NsIpMonthly& m : engine.MonthlyNsIp(e.id))
      if (m.ns == ns.name && m.ip == ns.ips[x.ip])
        return key == "met" ? Bool(m.downtime_met) : Int(m.downtime_minutes);
    return Missing("no monthly figures for " + ns.name + " " + ns.ips[x.ip]);
  }
  for (const engine::NsIpVerdict& v : out.ns_ips) {
    if (v.entity != e.id || in_force == nullptr || v.ns >= in_force->name_servers.size()) continue;
    const NameServer& vns = in_force->name_servers[v.ns];
    if (vns.name != ns.name || v.ip >= vns.ips.size() || vns.ips[v.ip] != ns.ips[x.ip]) continue;
    if (key == "status") return Text(std::string(Label(v.status)));
    if (key == "values") return Int(v.values);
    return Int(v.down);  // "down"
  }
  return Missing("no NS-IP verdict for " + ns.name + " " + ns.ips[x.ip] +
                 " in the cycle starting " + std::to_string(out.cycle));
}

Actual ActualFor(const Scenario& sc, const engine::Engine& engine, const engine::CycleOutput& out,
                 const Expectation& x, const std::string& key) {
  switch (x.target) {
    case ExpectTarget::kService:
      return ServiceActual(sc, engine, out, x, key);
    case ExpectTarget::kIncident:
      return IncidentActual(sc, engine, x, key);
    case ExpectTarget::kMonthly:
      return MonthlyActual(sc, engine, x, key);
    case ExpectTarget::kRtt:
      return RttActual(sc, engine, x, key);
    case ExpectTarget::kNsIp:
      return NsIpActual(sc, engine, out, x, key);
    case ExpectTarget::kProbes:
      return Int(std::count(out.probe_online.begin(), out.probe_online.end(), true));
    case ExpectTarget::kProbe:
      if (x.probe >= out.probe_online.size()) return Missing("no online flag for this probe");
      return Bool(out.probe_online[x.probe]);
  }
  return Missing("unknown target");
}

}  // namespace

bool ValueMatches(const CheckValue& e, const CheckValue& a) {
  if (e.type != a.type) return false;
  switch (e.type) {
    case Type::kInt:
      return e.i == a.i;
    case Type::kExact3:
      return std::fabs(e.d - a.d) < 1e-6;
    case Type::kRound3:
      return std::llround(e.d * 1000) == std::llround(a.d * 1000);
    case Type::kBool:
      return e.b == a.b;
    case Type::kText:
      return e.text == a.text;
    case Type::kTime:
      return e.null == a.null && (e.null || e.i == a.i);
    case Type::kIdList:
      if (e.ids.size() != a.ids.size()) return false;
      for (std::size_t k = 0; k < e.ids.size(); ++k)
        if (!IncidentIdMatches(e.ids[k], a.ids[k])) return false;
      return true;
  }
  return false;
}

void EvaluateExpectation(const Scenario& sc, const engine::Engine& engine,
                         const engine::CycleOutput& out, const Action& a,
                         std::vector<CheckOutcome>& outcomes) {
  const Expectation& x = a.expect;
  const std::string where = sc.file + ":" + std::to_string(a.line) + ": " + Subject(sc, x) + " ";
  for (const Check& c : x.checks) {
    const Actual actual = ActualFor(sc, engine, out, x, c.key);
    CheckOutcome o;
    o.ok = actual.value && ValueMatches(c.expected, *actual.value);
    if (o.ok) {
      o.message = where + c.key + "=" + c.expected.ToString();
    } else {
      o.message = where + c.key + ": expected " + c.expected.ToString() + ", actual " +
                  (actual.value ? actual.value->ToString() : actual.missing);
    }
    outcomes.push_back(std::move(o));
  }
}

}  // namespace tldmon::sim
