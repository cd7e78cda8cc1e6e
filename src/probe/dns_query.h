// Builds the queries of the probe's DNS tests (slam-algorithms.md §4.1 step
// 2, probe-agent.md §1.2), with ldns: one question, class IN, a random ID,
// EDNS with a 4096-byte UDP payload and an empty NSID option (code 3); DO
// when DNSSEC is tested; CD never; RD only for the local resolver.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tldmon::probe {

struct QuerySpec {
  std::string name;        // absolute ("nonexistent-tldmon.example.")
  std::uint16_t type = 1;  // A
  bool recursion_desired = false;
  bool dnssec_ok = false;
  bool nsid = true;
  std::uint16_t id = 0;
};

Result<std::vector<std::uint8_t>> BuildQuery(const QuerySpec& spec);

// A fresh random message ID (not predictable by an off-path spoofer).
std::uint16_t RandomQueryId();

}  // namespace tldmon::probe
