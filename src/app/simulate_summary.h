// The --summary-json document of `tldmon simulate` (docs/formats/simulate-summary.md):
// the final counters of a simulation — per entity and service the status,
// rolling-week downtime, emergencyThreshold, monthly downtime and every
// incident; per NS-IP the monthly Down cycles; the monthly RTT counters.
// A pure function of the engine state and the simulation's parameters, so an
// interrupted-and-resumed run writes exactly the bytes of an uninterrupted one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/time.h"
#include "engine/engine.h"

namespace tldmon::app {

struct SimulationSpec {
  int tlds = 0;
  int probes = 0;
  UnixSeconds start = 0;
  UnixSeconds end = 0;  // exclusive
  std::uint64_t seed = 0;
  bool quiet = false;                // no background noise
  std::vector<std::string> faults;   // fault specs as given
};

nlohmann::json SimulationSummaryJson(const engine::Engine& engine, const SimulationSpec& spec);

}  // namespace tldmon::app
