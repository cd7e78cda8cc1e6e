// The measurement object of one service of one entity in one cycle
// (mosapi-api.md §6.10; served under §6.9 recent measurements and §5.8
// incident measurements), in the v2 and v1 forms. Pure; thread-safe (inputs
// are only read).
//
// Shape (v2, DNS):
//   {"version","lastUpdateApiDatabase","tld"|"registrarID","service",
//    "cycleCalculationDateTime","status","minNameServersUp",
//    "nameServerAvailability":{"nameServerStatus":[{"target","status"}],
//                              "probes":[{"city","testData":[{"target","status"}]}]},
//    "testedInterface":[{"interface","probes":[{"city","status","transport",
//        "testedName","testData":[{"target","status","metrics":[{"testDateTime",
//        "targetIP","rtt","result","nsid"}]}]}]}]}
// v1 drops minNameServersUp, nameServerAvailability, transport, testedName and
// nsid, writes RDDS targets as null, maps Up-inconclusive-reconfig to
// Up-inconclusive-no-data and has no RDAP service.
//
// Rules (mosapi-api.md §6.10 "Rules", SLAM's sla-api-recent.pl):
// * Every probe of the list is shown, sorted by name (`city` = probe name).
//   A probe not online for the whole cycle, or not capable of the test
//   (ProbeNode::rdds / ::rdap), is "Offline" with empty testData; an online
//   probe without a usable report is "No result" with empty testData. Neither
//   carries transport/testedName. In an Up-inconclusive-reconfig cycle SLAM
//   collects no probe results, so every online probe is "No result".
// * Probe status (interface level) is the probe's own verdict: DNS/DNSSEC per
//   slam-algorithms.md §4.1.5–6 with the limit of the probe's transport;
//   RDDS43/RDDS80/RDAP "Up" iff each value succeeds against its limit.
// * Target status (testData[].status) per metric: internal code (-1..-199)
//   -> rtt null, result = code, Up; other negative code -> Down (DNSSEC: only
//   DNSSEC codes -401..-427/-801..-827 are Down, others stay Up); RTT above
//   the limit -> Down with result "ok". DNS uses the UDP limit even for TCP
//   tests (SLAM quirk: a 3000 ms TCP answer is Up for the probe and Down in
//   the measurement); DNSSEC applies no RTT limit (SLAM only loads the DNS
//   limit history); RDDS uses rdds_rtt_high_ms, RDAP rdap_rtt_high_ms. Once a
//   target is Down it stays Down. A target with only "no value" metrics is
//   "No result"; such metrics show rtt null, result "no data".
// * DNS targets are the name servers' names (sorted), metrics one per IP
//   (sorted by address text) with targetIP from the configuration; nsid is the
//   hex NSID or "" when none. RDDS43 target = rdds43_server, RDDS80 target =
//   rdds80_url, RDAP target = rdap_base_url; targetIP = the address tested or
//   null. RDDS/RDAP transport is "tcp" (SLAM's default when unspecified);
//   RDDS80 testedName is null.
// * nameServerAvailability lists each name server reported by at least one
//   online probe: "Down" if any such probe judged it down, else "Up"; and per
//   probe with a usable report its per-NS verdicts. It is always present in
//   v2 dns/dnssec objects (possibly with empty arrays).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/cycle_status.h"
#include "core/monitoring_config.h"
#include "core/probe_report.h"
#include "core/service.h"
#include "core/status.h"
#include "core/time.h"
#include "documents/render_common.h"
#include "engine/sla_params.h"

namespace tldmon::documents {

struct MeasurementInput {
  const EntityConfig* entity = nullptr;  // required
  Service service = Service::kDns;       // dns, dnssec, rdds or rdap
  UnixSeconds cycle = 0;                 // cycle start = cycleCalculationDateTime
  CycleStatus status = CycleStatus::kUp; // the service's verdict for the cycle
  std::span<const ProbeNode> probes;     // every probe, indexed by ProbeIndex
  // Optional: ProbesByName(probes), computed once per cycle by callers that
  // render many entities; empty = computed here.
  std::span<const ProbeIndex> probe_order;
  // Indexed by ProbeIndex: online for the whole cycle (CycleOutput::probe_online).
  // Missing entries (or a null pointer) mean offline.
  const std::vector<bool>* probe_online = nullptr;
  // The entity's reports for this test and cycle, any order. Reports of other
  // entities, tests or cycles, or naming an unknown probe, are ignored; of two
  // reports from one probe the first wins.
  std::span<const ProbeReport> reports;
  const engine::SlaParams* params = nullptr;  // required: RTT limits
  int min_ns = 2;                        // minNameServersUp at this cycle
};

// Probe indices sorted by name (bytewise), the order of `probes` arrays.
std::vector<ProbeIndex> ProbesByName(std::span<const ProbeNode> probes);

// Appends the object to *out. Fails with InvalidArgument (appending nothing)
// when the object does not exist: EPP, a service the entity kind does not
// have in that version (ServiceInTree), or missing required inputs.
Status AppendMeasurement(const Envelope& env, const MeasurementInput& in, std::string* out);
Result<std::string> RenderMeasurement(const Envelope& env, const MeasurementInput& in);

}  // namespace tldmon::documents
