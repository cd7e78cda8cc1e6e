// DnsTargets: an entity's configured (name server, IP) pairs flattened into
// one dense index, with each IP's address family, built once per
// configuration so the per-metric work of a DNS cycle is array indexing only
// (slam-algorithms.md §4.1: only IPs of families a probe supports are tested).
// Plain data; immutable after Of().
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/monitoring_config.h"

namespace tldmon::engine {

struct DnsTargets {
  // Pairs of name server i are [ns_offset[i], ns_offset[i + 1]); size ns + 1.
  std::vector<std::uint32_t> ns_offset{0};
  std::vector<std::uint8_t> is_v6;  // per pair: 1 = IPv6, 0 = IPv4
  int v4_pairs = 0;
  int v6_pairs = 0;

  static DnsTargets Of(const EntityConfig& entity);

  std::size_t ns_count() const { return ns_offset.size() - 1; }
  std::size_t pair_count() const { return is_v6.size(); }
  // Whether (Metric::target, Metric::ip_index) names a configured pair.
  bool Contains(std::uint16_t ns, std::uint16_t ip) const {
    return ns < ns_count() && ns_offset[ns] + ip < ns_offset[ns + std::size_t{1}];
  }
  // Dense index of a pair; requires Contains(ns, ip).
  std::uint32_t Flat(std::uint16_t ns, std::uint16_t ip) const { return ns_offset[ns] + ip; }
  // Pairs a probe with these families tests each cycle (§9 "expected").
  int PairsTestable(bool probe_v4, bool probe_v6) const {
    return (probe_v4 ? v4_pairs : 0) + (probe_v6 ? v6_pairs : 0);
  }
};

// Whether a probe with these families tests an IP of the given family.
constexpr bool ProbeTestsFamily(bool probe_v4, bool probe_v6, bool ip_is_v6) {
  return ip_is_v6 ? probe_v6 : probe_v4;
}

}  // namespace tldmon::engine
