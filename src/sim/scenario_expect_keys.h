// The keys an `expect` line may check, per target, with the type of their
// values (docs/formats/scenario.md "Expectations"). Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"
#include "sim/scenario.h"

namespace tldmon::sim {

// Parses `key=value` of an expect line for `target`. Relative times ("+60")
// count from `start`. The error message names the accepted keys or values
// (without file:line; the parser adds it).
Result<Check> ParseCheck(ExpectTarget target, std::string_view key, std::string_view value,
                         UnixSeconds start);

// "status, downtime, threshold, ..." for messages.
std::string ExpectKeys(ExpectTarget target);

// An incident id as written in a scenario: "<startTime>.<eventId>" or
// "<startTime>.*" when `allow_wildcard`.
bool IsIncidentIdPattern(std::string_view id, bool allow_wildcard);
// Whether an actual incident id matches a written one (wildcard event id).
bool IncidentIdMatches(std::string_view pattern, std::string_view actual);

}  // namespace tldmon::sim
