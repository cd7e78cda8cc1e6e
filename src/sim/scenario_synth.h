// Synthesis of the ProbeReports of one cycle of one step (docs/formats/
// scenario.md "What the probes report"): summary steps become realistic
// reports that give exactly the stated counts, raw steps are sent as written.
// Stateless; thread-safe.
#pragma once

#include <vector>

#include "core/probe_report.h"
#include "core/status.h"
#include "sim/scenario.h"
#include "sim/scenario_plan.h"

namespace tldmon::sim {

// Appends the reports the probes send for `step` in the cycle starting at
// `cycle`. Fails (with the step's file:line) when an implicit count does not
// fit, e.g. results=22 while only 20 probes are online.
Status SynthesizeReports(const Scenario& sc, const ScenarioPlan& plan, const Step& step,
                         UnixSeconds cycle, std::vector<ProbeReport>& out);

// Result codes used for failed tests in summary steps (mosapi-api.md §8;
// slam-algorithms.md §9 timeout codes): a DNS timeout fails DNS only, a DNSSEC
// error (-405, TCP -805) fails DNS and DNSSEC.
inline constexpr std::int32_t kDnsUdpTimeout = -200;
inline constexpr std::int32_t kDnsTcpTimeout = -600;
inline constexpr std::int32_t kDnsUdpDnssecError = -405;
inline constexpr std::int32_t kDnsTcpDnssecError = -805;
inline constexpr std::int32_t kRdds43Timeout = -227;
inline constexpr std::int32_t kRdds80Timeout = -255;
inline constexpr std::int32_t kRdapTimeout = -405;

}  // namespace tldmon::sim
