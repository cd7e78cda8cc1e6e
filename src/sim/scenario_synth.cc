#include "sim/scenario_synth.h"

#include <string>

namespace tldmon::sim {
namespace {

// Where a test happens inside its cycle; probe results carry the scheduled
// check time (slam-algorithms.md §2: "results at cycle_start + 30 s").
constexpr UnixSeconds kTestOffset = 30;

// Documentation addresses reported as "the address actually tested".
constexpr const char* kRdds43Ip = "192.0.2.43";
constexpr const char* kRdds80Ip = "192.0.2.80";
constexpr const char* kRdapIp = "192.0.2.44";

enum class Outcome { kGood, kTimeout, kDnssecError };

bool CanTest(const ProbeNode& p, const std::string& ip) {
  return IsIpv6Literal(ip) ? p.ipv6 : p.ipv4;
}

ProbeReport NewReport(const Scenario& sc, const Step& step, ProbeIndex p, UnixSeconds cycle,
                      Transport transport) {
  ProbeReport r;
  r.probe = p;
  const EntityConfig& e = sc.Config(step.entity, step.version);
  r.entity = e.id;
  r.test = step.kind;
  r.cycle = cycle;
  r.transport = transport;
  r.tested_name = step.kind == TestKind::kDns ? e.test_prefix + "." + e.id.id + "." : e.test_domain;
  return r;
}

Metric NewMetric(std::uint16_t target, std::uint16_t ip_index, std::int32_t value,
                 UnixSeconds cycle, std::string ip) {
  Metric m;
  m.target = target;
  m.ip_index = ip_index;
  m.value = value;
  m.test_time = cycle + kTestOffset;
  m.ip = std::move(ip);
  return m;
}

std::string InterfaceIp(TestKind kind, std::uint16_t target) {
  if (kind == TestKind::kRdap) return kRdapIp;
  return target == kRdds43Target ? kRdds43Ip : kRdds80Ip;
}

ProbeReport SummaryReport(const Scenario& sc, const Step& step, ProbeIndex p, UnixSeconds cycle,
                          Outcome outcome) {
  const SummaryOutcome& o = step.summary;
  const EntityConfig& e = sc.Config(step.entity, step.version);
  ProbeReport r = NewReport(sc, step, p, cycle, o.transport);
  const bool tcp = o.transport == Transport::kTcp;
  switch (step.kind) {
    case TestKind::kDns: {
      const std::int32_t v = outcome == Outcome::kGood ? o.rtt_ms
                             : outcome == Outcome::kTimeout
                                 ? (tcp ? kDnsTcpTimeout : kDnsUdpTimeout)
                                 : (tcp ? kDnsTcpDnssecError : kDnsUdpDnssecError);
      for (std::size_t n = 0; n < e.name_servers.size(); ++n)
        for (std::size_t i = 0; i < e.name_servers[n].ips.size(); ++i)
          if (CanTest(sc.probes[p], e.name_servers[n].ips[i]))
            r.metrics.push_back(NewMetric(static_cast<std::uint16_t>(n),
                                          static_cast<std::uint16_t>(i), v, cycle, ""));
      break;
    }
    case TestKind::kRdds:
      if (!e.rdds43_server.empty())
        r.metrics.push_back(NewMetric(kRdds43Target, 0,
                                      outcome == Outcome::kGood ? o.rtt_ms : kRdds43Timeout, cycle,
                                      kRdds43Ip));
      if (!e.rdds80_url.empty())
        r.metrics.push_back(NewMetric(kRdds80Target, 0,
                                      outcome == Outcome::kGood ? o.rtt_ms : kRdds80Timeout, cycle,
                                      kRdds80Ip));
      break;
    case TestKind::kRdap:
      r.metrics.push_back(
          NewMetric(0, 0, outcome == Outcome::kGood ? o.rtt_ms : kRdapTimeout, cycle, kRdapIp));
      break;
    case TestKind::kEpp:
      break;
  }
  return r;
}

Status Summary(const Scenario& sc, const ScenarioPlan& plan, const Step& step, UnixSeconds cycle,
               std::vector<ProbeReport>& out) {
  const SummaryOutcome& o = step.summary;
  const int d = sc.params.CycleSeconds(step.kind);
  const std::vector<ProbeIndex> avail = plan.Available(sc, step.kind, cycle, d);
  const int online = o.online.value_or(static_cast<int>(avail.size()));
  const int results = o.results.value_or(online);
  const int up = o.up.value_or(results);
  const int dnssec_up = o.dnssec_up.value_or(results);
  auto fail = [&](const std::string& msg) {
    return InvalidArgument(sc.file + ":" + std::to_string(step.line) + ": in the cycle starting " +
                           FormatIso8601(cycle) + ": " + msg);
  };
  if (online > static_cast<int>(avail.size()))
    return fail("online=" + std::to_string(online) + " but only " + std::to_string(avail.size()) +
                " probes are online");
  if (results > online)
    return fail("results=" + std::to_string(results) + " but only " + std::to_string(online) +
                " probes are online");
  if (up > results || dnssec_up > results || dnssec_up < up)
    return fail("up=" + std::to_string(up) + " dnssec-up=" + std::to_string(dnssec_up) +
                " do not fit results=" + std::to_string(results));
  for (int j = 0; j < results; ++j) {
    const Outcome outcome = j < up          ? Outcome::kGood
                            : j < dnssec_up ? Outcome::kTimeout
                                            : Outcome::kDnssecError;
    out.push_back(SummaryReport(sc, step, avail[static_cast<std::size_t>(j)], cycle, outcome));
  }
  return Status::Ok();
}

void Raw(const Scenario& sc, const Step& step, UnixSeconds cycle, std::vector<ProbeReport>& out) {
  const EntityConfig& e = sc.Config(step.entity, step.version);
  for (const RawProbeLine& l : step.raw_lines) {
    if (l.targets.empty()) continue;
    for (ProbeIndex p : l.probes) {
      ProbeReport r = NewReport(sc, step, p, cycle, l.transport);
      for (const RawTarget& t : l.targets) {
        for (std::size_t i = 0; i < t.values.size(); ++i) {
          if (!t.values[i].tested) continue;
          if (step.kind == TestKind::kDns) {
            // A probe tests only addresses of the families it supports (§4.1 step 2).
            if (!CanTest(sc.probes[p], e.name_servers[t.target].ips[i])) continue;
            r.metrics.push_back(
                NewMetric(t.target, static_cast<std::uint16_t>(i), t.values[i].value, cycle, ""));
          } else {
            r.metrics.push_back(
                NewMetric(t.target, 0, t.values[i].value, cycle, InterfaceIp(step.kind, t.target)));
          }
        }
      }
      out.push_back(std::move(r));
    }
  }
}

}  // namespace

Status SynthesizeReports(const Scenario& sc, const ScenarioPlan& plan, const Step& step,
                         UnixSeconds cycle, std::vector<ProbeReport>& out) {
  if (step.raw) {
    Raw(sc, step, cycle, out);
    return Status::Ok();
  }
  return Summary(sc, plan, step, cycle, out);
}

}  // namespace tldmon::sim
