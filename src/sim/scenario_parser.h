// Parser of scenario files (docs/formats/scenario.md). Any bad line fails the
// whole file with "<file>:<line>: <what is wrong>"; a file that expects
// nothing is rejected. Stateless functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "sim/scenario.h"

namespace tldmon::sim {

// Parses the text of a scenario; `file` is used in messages only.
Result<Scenario> ParseScenario(std::string_view text, std::string file);

// Reads and parses a scenario file (at most 4 MiB).
Result<Scenario> LoadScenarioFile(const std::string& path);

}  // namespace tldmon::sim
