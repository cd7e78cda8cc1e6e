#include "ingest/named_report.h"

#include <set>
#include <utility>

namespace tldmon::ingest {
namespace {

Status Refuse(const NamedProbeReport& r, const std::string& why) {
  return InvalidArgument("report of probe " + std::to_string(r.probe) + " for " + r.entity.Path() +
                         " " + std::string(TestKindName(r.test)) + " cycle " +
                         std::to_string(r.cycle) + " refused: " + why);
}

Metric Indexed(const NamedMetric& m, std::uint16_t target, std::uint16_t ip_index) {
  Metric out;
  out.target = target;
  out.ip_index = ip_index;
  out.value = m.value;
  out.test_time = m.test_time;
  // A DNS metric keeps the address its indexes name, so the store and the
  // pipeline can check it still sits there when the cycle is processed
  // (CyclePipeline::ProcessDue); RDDS/RDAP keep the address actually tested.
  out.ip = m.ip;
  out.nsid = m.nsid;
  return out;
}

// A service of `test` that must be enabled for its report to count.
Service ServiceOf(TestKind test) { return NamesakeService(test); }

}  // namespace

Result<NamedProbeReport> NameReport(const ProbeReport& report, const EntityConfig& config) {
  NamedProbeReport out{report.probe,     report.entity,      report.test, report.cycle,
                       report.transport, report.tested_name, {}};
  for (const Metric& m : report.metrics) {
    NamedMetric n;
    n.value = m.value;
    n.test_time = m.test_time;
    n.nsid = m.nsid;
    switch (report.test) {
      case TestKind::kDns:
        if (m.target >= config.name_servers.size() ||
            m.ip_index >= config.name_servers[m.target].ips.size())
          return InvalidArgument("metric target " + std::to_string(m.target) + "/" +
                                 std::to_string(m.ip_index) + " is outside the configuration of " +
                                 config.id.Path());
        n.target = config.name_servers[m.target].name;
        n.ip = config.name_servers[m.target].ips[m.ip_index];
        break;
      case TestKind::kRdds:
        if (m.target != kRdds43Target && m.target != kRdds80Target)
          return InvalidArgument("RDDS metric target " + std::to_string(m.target) + " unknown");
        n.target = std::string(m.target == kRdds43Target ? kRdds43Name : kRdds80Name);
        n.ip = m.ip;
        break;
      case TestKind::kRdap:
      case TestKind::kEpp:
        n.target = std::string(kRdapName);
        n.ip = m.ip;
        break;
    }
    out.metrics.push_back(std::move(n));
  }
  return out;
}

Result<ProbeReport> MatchReport(const NamedProbeReport& report, const EntityConfig& in_force) {
  if (report.entity != in_force.id)
    return Refuse(report, "the configuration given is that of " + in_force.id.Path());
  if (report.test == TestKind::kEpp) return Refuse(report, "EPP is not tested");
  if (!in_force.IsEnabled(ServiceOf(report.test)))
    return Refuse(report, std::string(TestKindName(report.test)) +
                              " is not monitored for the entity in this cycle");
  ProbeReport out{report.probe,     report.entity,      report.test, report.cycle,
                  report.transport, report.tested_name, {}};
  std::set<std::pair<std::string, std::string>> seen;
  for (const NamedMetric& m : report.metrics) {
    if (!seen.emplace(m.target, report.test == TestKind::kDns ? m.ip : "").second)
      return Refuse(report, "two metrics for " + m.target + " " + m.ip);
    switch (report.test) {
      case TestKind::kDns: {
        // By (name, address): the position in the list may have changed
        // since the probe measured, the pair itself may not.
        std::size_t n = 0;
        while (n < in_force.name_servers.size() && in_force.name_servers[n].name != m.target) ++n;
        if (n == in_force.name_servers.size())
          return Refuse(report, "name server " + m.target +
                                    " is not in the configuration in force for this cycle");
        const std::vector<std::string>& ips = in_force.name_servers[n].ips;
        std::size_t i = 0;
        while (i < ips.size() && ips[i] != m.ip) ++i;
        if (i == ips.size())
          return Refuse(report, "name server " + m.target + " has no address " + m.ip +
                                    " in the configuration in force for this cycle");
        out.metrics.push_back(
            Indexed(m, static_cast<std::uint16_t>(n), static_cast<std::uint16_t>(i)));
        break;
      }
      case TestKind::kRdds: {
        const bool is43 = m.target == kRdds43Name;
        if (!is43 && m.target != kRdds80Name)
          return Refuse(report, "unknown RDDS interface '" + m.target + "' (rdds43, rdds80)");
        if ((is43 ? in_force.rdds43_server : in_force.rdds80_url).empty())
          return Refuse(report, m.target + " is not configured for the entity in this cycle");
        out.metrics.push_back(Indexed(m, is43 ? kRdds43Target : kRdds80Target, 0));
        break;
      }
      case TestKind::kRdap:
        if (m.target != kRdapName)
          return Refuse(report, "unknown RDAP target '" + m.target + "' (rdap)");
        out.metrics.push_back(Indexed(m, 0, 0));
        break;
      case TestKind::kEpp:
        break;
    }
  }
  return out;
}

}  // namespace tldmon::ingest
