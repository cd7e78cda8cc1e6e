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
#include "core/named_probe_report.h"
#include "core/probe_report.h"
#include "core/status.h"

namespace tldmon::ingest {

// The wire's types live in core (shared with the probe agent and the wire
// format); ingest matches them.
using tldmon::kRdapName;
using tldmon::kRdds43Name;
using tldmon::kRdds80Name;
using tldmon::NamedMetric;
using tldmon::NamedProbeReport;

// The by-name form of `report`, made under `config` (the configuration its
// indexes refer to). InvalidArgument if an index is outside `config`.
Result<NamedProbeReport> NameReport(const ProbeReport& report, const EntityConfig& config);

// Matches `report` to `in_force`, the entity's configuration in force for the
// report's cycle (see file comment).
Result<ProbeReport> MatchReport(const NamedProbeReport& report, const EntityConfig& in_force);

}  // namespace tldmon::ingest
