// ProbeReport: what one probe measured for one entity in one cycle of one
// test kind (DESIGN.md "Probe protocol"). The key (probe, entity, test, cycle)
// is unique: a report stored twice is stored once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/entity_id.h"
#include "core/result_codes.h"
#include "core/service.h"
#include "core/time.h"

namespace tldmon {

using ProbeIndex = std::uint32_t;  // position of the probe in the probe list

enum class Transport : std::uint8_t { kUdp = 0, kTcp = 1 };

// Interfaces of the RDDS test (slam-algorithms.md §4.2) as Metric::target.
inline constexpr std::uint16_t kRdds43Target = 0;
inline constexpr std::uint16_t kRdds80Target = 1;

// One test of one target address.
struct Metric {
  // DNS: index of the name server in EntityConfig::name_servers.
  // RDDS: kRdds43Target or kRdds80Target. RDAP: 0.
  std::uint16_t target = 0;
  // DNS: index into that name server's `ips`. Unused otherwise.
  std::uint16_t ip_index = 0;
  // >= 0: RTT in ms; < 0: result code (mosapi-api.md §8); kNoValue: none.
  std::int32_t value = kNoValue;
  UnixSeconds test_time = 0;
  // RDDS/RDAP: the address actually tested ("" = failure before resolution).
  std::string ip;
  // DNS: NSID option payload, hex-encoded ("" = none).
  std::string nsid;
  friend bool operator==(const Metric&, const Metric&) = default;
};

struct ProbeReport {
  ProbeIndex probe = 0;
  EntityId entity;
  TestKind test = TestKind::kDns;
  UnixSeconds cycle = 0;  // cycle start
  Transport transport = Transport::kUdp;  // DNS only
  std::string tested_name;  // "nonexistent-tldmon.example." / test domain
  std::vector<Metric> metrics;
  friend bool operator==(const ProbeReport&, const ProbeReport&) = default;
};

}  // namespace tldmon
