#include "store/report_validation.h"

namespace tldmon::store {
namespace {

// Bounds on stored strings: a DNS name is at most 255 octets in presentation
// with its final dot; NSID payloads are at most 127 octets, hex-encoded
// (slam-algorithms.md §4.1). Anything longer is not a measurement.
constexpr std::size_t kMaxTestedName = 255;
constexpr std::size_t kMaxNsidHex = 254;

bool HasService(const EntityConfig& e, TestKind test) {
  switch (test) {
    case TestKind::kDns:
      return e.IsEnabled(Service::kDns);
    case TestKind::kRdds:
      return e.IsEnabled(Service::kRdds);
    case TestKind::kRdap:
      return e.IsEnabled(Service::kRdap);
    case TestKind::kEpp:
      return e.IsEnabled(Service::kEpp);
  }
  return false;
}

// Runs for every metric of every report (~500,000 a minute at full scale):
// strings are built only on failure.
Status CheckMetric(const Metric& m, std::size_t i, const ProbeReport& r, const EntityConfig& e) {
  const auto where = [i] { return "metric #" + std::to_string(i) + ": "; };
  switch (r.test) {
    case TestKind::kDns:
      if (m.target >= e.name_servers.size())
        return InvalidArgument(where() + "name-server index " + std::to_string(m.target) +
                               " out of range (entity has " +
                               std::to_string(e.name_servers.size()) + ")");
      if (m.ip_index >= e.name_servers[m.target].ips.size())
        return InvalidArgument(where() + "IP index " + std::to_string(m.ip_index) +
                               " out of range for name server " + e.name_servers[m.target].name +
                               " (has " + std::to_string(e.name_servers[m.target].ips.size()) +
                               ")");
      break;
    case TestKind::kRdds:
      if (m.target != kRdds43Target && m.target != kRdds80Target)
        return InvalidArgument(where() + "RDDS target must be 0 (RDDS43) or 1 (RDDS80), got " +
                               std::to_string(m.target));
      break;
    case TestKind::kRdap:
      if (m.target != 0)
        return InvalidArgument(where() + "RDAP target must be 0, got " + std::to_string(m.target));
      break;
    case TestKind::kEpp:
      break;
  }
  if (!m.ip.empty() && !IsValidIp(m.ip))
    return InvalidArgument(where() + "'" + m.ip + "' is not an IP address");
  if (m.nsid.size() > kMaxNsidHex)
    return InvalidArgument(where() + "NSID longer than " + std::to_string(kMaxNsidHex) +
                           " hex digits");
  return Status::Ok();
}

}  // namespace

std::string DescribeReport(const ProbeReport& r) {
  std::string s = "probe " + std::to_string(r.probe) + ", " + r.entity.Path() + ", ";
  const auto test = static_cast<int>(r.test);
  s += test < kTestKindCount ? std::string(TestKindName(r.test)) : "test " + std::to_string(test);
  s += ", cycle " + std::to_string(r.cycle);
  return s;
}

Status CheckReport(const ProbeReport& r, const EntityConfig* entity, std::size_t probe_count,
                   const engine::SlaParams& params) {
  if (entity == nullptr) return InvalidArgument("unknown entity " + r.entity.Path());
  if (r.probe >= probe_count)
    return InvalidArgument("probe index " + std::to_string(r.probe) + " out of range (" +
                           std::to_string(probe_count) + " probes configured)");
  if (static_cast<int>(r.test) >= kTestKindCount) return InvalidArgument("unknown test kind");
  if (static_cast<int>(r.transport) > static_cast<int>(Transport::kTcp))
    return InvalidArgument("unknown transport");
  const int delay = params.CycleSeconds(r.test);
  if (FloorMod(r.cycle, delay) != 0)
    return InvalidArgument("cycle " + std::to_string(r.cycle) + " is not aligned to the " +
                           std::string(TestKindName(r.test)) + " cycle length of " +
                           std::to_string(delay) + " s");
  if (!HasService(*entity, r.test))
    return InvalidArgument(r.entity.Path() + " does not have the " +
                           std::string(TestKindName(r.test)) + " service enabled");
  if (r.tested_name.size() > kMaxTestedName)
    return InvalidArgument("tested name longer than " + std::to_string(kMaxTestedName) + " bytes");
  if (r.metrics.size() > 0xffff) return InvalidArgument("too many metrics");
  for (std::size_t i = 0; i < r.metrics.size(); ++i)
    TLDMON_RETURN_IF_ERROR(CheckMetric(r.metrics[i], i, r, *entity));
  return Status::Ok();
}

}  // namespace tldmon::store
