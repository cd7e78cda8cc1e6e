// Synthetic monitoring configuration for the simulated network: plausible
// TLDs (2..4 name servers, IPv4 and mostly IPv6, RDDS and RDAP), registrars
// and probe nodes, made up deterministically from an index and a seed so a
// simulation is reproducible from its command line. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/monitoring_config.h"

namespace tldmon::sim {

struct TldShape {
  int min_ns = 2;            // name servers per TLD, drawn in [min_ns, max_ns]
  int max_ns = 4;
  double ipv6_share = 0.7;   // share of name servers that also have an IPv6 address
  bool rdds = true;          // RDDS43 + RDDS80 enabled
  bool rdap = true;
};

// A pronounceable, unique TLD label for index i ("kalo", "mirusa", ...).
std::string SyntheticTldName(int index);

// TLD number `index`: services DNS, DNSSEC and (per shape) RDDS and RDAP;
// name servers "ns<k>.nic.<tld>" with addresses from 198.18.0.0/15 and
// 2001:db8::/32; minNS 2. Passes EntityConfig::Validate().
EntityConfig SyntheticTld(const std::string& tld, int index, std::uint64_t seed,
                          const TldShape& shape = {});
std::vector<EntityConfig> SyntheticTlds(int count, std::uint64_t seed, const TldShape& shape = {});

// Registrar rr/<iana_id> with RDDS (43 and 80) and RDAP.
EntityConfig SyntheticRegistrar(std::uint32_t iana_id);

// `count` probe nodes named "<City><n>" ("Frankfurt1"); about 1 in 7 is
// IPv4-only; all run RDDS and RDAP. Each passes ProbeNode::Validate().
std::vector<ProbeNode> SyntheticProbes(int count, std::uint64_t seed);

}  // namespace tldmon::sim
