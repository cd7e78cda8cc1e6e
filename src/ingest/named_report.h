// NamedProbeReport: a probe report as it crosses the wire (DESIGN.md "Probe
// protocol"): name servers by name and address, never by position in a
// configuration, because the probe may have measured under an older
// configuration than the one in force when the report is processed. Inside
// the process a report carries configuration indexes (core/probe_report.h);
// MatchReport is the only way from one form to the other.
//
//   matched   every (name server, address) of the report is in the
//             configuration in force for the report's cycle: the metrics get
//             that configuration's indexes, wherever the pair now sits in the
//             list (a reordered list attributes correctly);
//   refused   InvalidArgument naming the first metric that has no place in
//             it (a removed name server or address, an RDDS interface not
//             configured, a service not enabled), never mapped to another
//             server.
//
// Pure functions of plain data; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/monitoring_config.h"
#include "core/probe_report.h"
#include "core/status.h"

namespace tldmon::ingest {

// The RDDS interfaces by name (slam-algorithms.md §4.2), and RDAP's one target.
inline constexpr std::string_view kRdds43Name = "rdds43";
inline constexpr std::string_view kRdds80Name = "rdds80";
inline constexpr std::string_view kRdapName = "rdap";

struct NamedMetric {
  // DNS: the name server's name ("ns1.nic.example"). RDDS: kRdds43Name or
  // kRdds80Name. RDAP: kRdapName.
  std::string target;
  // DNS: the name-server address tested (one of its provisioned IPs).
  // RDDS/RDAP: the address actually tested ("" = failure before resolution).
  std::string ip;
  std::int32_t value = kNoValue;  // as Metric::value
  UnixSeconds test_time = 0;
  std::string nsid;  // DNS: NSID payload, hex ("" = none)
  friend bool operator==(const NamedMetric&, const NamedMetric&) = default;
};

struct NamedProbeReport {
  ProbeIndex probe = 0;
  EntityId entity;
  TestKind test = TestKind::kDns;
  UnixSeconds cycle = 0;
  Transport transport = Transport::kUdp;
  std::string tested_name;
  std::vector<NamedMetric> metrics;
  friend bool operator==(const NamedProbeReport&, const NamedProbeReport&) = default;
};

// The by-name form of `report`, made under `config` (the configuration its
// indexes refer to). InvalidArgument if an index is outside `config`.
Result<NamedProbeReport> NameReport(const ProbeReport& report, const EntityConfig& config);

// Matches `report` to `in_force`, the entity's configuration in force for the
// report's cycle (see file comment).
Result<ProbeReport> MatchReport(const NamedProbeReport& report, const EntityConfig& in_force);

}  // namespace tldmon::ingest
