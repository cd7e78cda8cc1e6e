// NamedProbeReport: a probe report as it crosses the wire (DESIGN.md "Probe
// protocol"): name servers by name and address, never by position in a
// configuration, because the probe may have measured under an older
// configuration than the one in force when the report is processed. Inside
// the central process a report carries configuration indexes
// (core/probe_report.h); ingest::MatchReport is the only way from one form to
// the other. Probe-facing vocabulary shared by the probe agent (src/probe),
// the wire format (src/probewire) and ingest; plain data.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/probe_report.h"

namespace tldmon {

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
  // Set by the central side from the authenticated probe; the wire carries
  // the probe by name, never by index.
  ProbeIndex probe = 0;
  EntityId entity;
  TestKind test = TestKind::kDns;
  UnixSeconds cycle = 0;
  Transport transport = Transport::kUdp;
  std::string tested_name;
  std::vector<NamedMetric> metrics;
  friend bool operator==(const NamedProbeReport&, const NamedProbeReport&) = default;
};

}  // namespace tldmon
