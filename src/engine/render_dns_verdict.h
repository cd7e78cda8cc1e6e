// The per-probe DNS/DNSSEC verdict as a probe computes it
// (slam-algorithms.md §4.1.5–6), re-derived from a ProbeReport so that the
// measurement object (mosapi-api.md §6.10) can show each probe's status and
// each name server's status without depending on the engine's internals.
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <span>

#include "core/probe_report.h"

namespace tldmon::engine {

// One name server as seen by one probe in one cycle.
struct ProbeNsVerdict {
  bool tested = false;     // the report holds at least one metric for it
  bool up = true;          // every tested IP succeeded (§4.1.5); untested NS count as up
  bool dnssec_ok = true;   // no IP returned a DNSSEC-range code (§4.1.6)
};

struct ProbeDnsVerdict {
  bool dns_up = false;     // #NS up >= minNS
  bool dnssec_up = false;  // #NS without DNSSEC error >= minNS
};

// Judges `report` against `ns_count` configured name servers. `ns_out` must
// have ns_count elements and receives the per-NS verdicts. Metrics naming a
// name server index >= ns_count are ignored. The RTT limit is the one of the
// report's transport (udp_high_ms / tcp_high_ms): a value strictly greater
// fails; internal codes (-1..-199) and "no value" succeed (§4.1.5).
ProbeDnsVerdict JudgeProbeDns(const ProbeReport& report, std::size_t ns_count, int min_ns,
                              int udp_high_ms, int tcp_high_ms, std::span<ProbeNsVerdict> ns_out);

}  // namespace tldmon::engine
