// Checks a ProbeReport against the stored configuration before any write
// (the PutReports contract in store/store.h). Shared by every Store.
#pragma once

#include <cstddef>
#include <string>

#include "core/monitoring_config.h"
#include "core/probe_report.h"
#include "core/status.h"
#include "engine/sla_params.h"

namespace tldmon::store {

// "probe 7, ry/example, dns, cycle 1767225600": how messages name a report.
std::string DescribeReport(const ProbeReport& report);

// OK iff the report fits the configuration: `entity` is its (active) entity
// or nullptr if unknown; `probe_count` probes exist; the cycle is aligned to
// the test's configured cycle length; the entity has the test's service
// enabled; metric targets (and DNS IP indexes) exist in the entity's
// configuration; strings are within bounds. The message does not repeat the
// report's description.
Status CheckReport(const ProbeReport& report, const EntityConfig* entity, std::size_t probe_count,
                   const engine::SlaParams& params);

}  // namespace tldmon::store
