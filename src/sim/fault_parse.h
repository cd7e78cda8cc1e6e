// The fault script syntax (docs/formats/faults.md): one fault per spec,
// "KIND key=value ...", e.g.
//   ns-down entity=ry/broken ns=ns1.nic.broken from=+1h for=2h
//   rdap-error entity=ry/rdap-flap http=503 flap=20m/40m
// Relative times ("+90m") count from `start`, the simulation's start time,
// so the same script means the same thing on every run. Pure functions.
#pragma once

#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "sim/fault.h"

namespace tldmon::sim {

// One spec. InvalidArgument names the offending token.
Result<Fault> ParseFault(std::string_view spec, UnixSeconds start);

// A fault file: one spec per line; blank lines and '#' comments ignored.
// Errors carry the 1-based line number.
Result<std::vector<Fault>> ParseFaultFile(std::string_view text, UnixSeconds start);

// "90" (seconds), "30s", "15m", "2h", "1d"; strictly positive, at most a year.
Result<UnixSeconds> ParseDuration(std::string_view text);

}  // namespace tldmon::sim
