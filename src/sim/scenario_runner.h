// Runs scenario files through the engine (docs/formats/scenario.md "How a
// scenario runs"): probe minutes, cycles, reconfigurations and false-positive
// flags in time order; expectations right after their anchor cycle. Each run
// owns its own Engine; concurrent runs are independent.
#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <vector>

#include "sim/scenario.h"

namespace tldmon::sim {

struct ScenarioOutcome {
  bool ok = false;  // every check held and nothing failed to parse or run
  int checks = 0;   // checks evaluated
  int failed = 0;   // checks that did not hold
  // "<file>:<line>: ..." per failed check, or the error that stopped the run.
  std::vector<std::string> failures;
  std::vector<std::string> passed;  // only when run verbosely
};

// Runs a parsed scenario.
ScenarioOutcome RunScenario(const Scenario& sc, bool verbose = false);
// Loads, parses and runs one file; a parse error fails the file.
ScenarioOutcome RunScenarioFile(const std::string& path, bool verbose = false);

// Runs every file and prints one line per file ("PASS <file> (N checks)" or
// "FAIL <file> (...)" followed by one indented line per failure; verbose adds
// one line per check that held), then "N passed, M failed". Returns 0 iff
// every expectation in every file holds, 1 otherwise.
int RunScenarioFiles(std::span<const std::string> paths, std::ostream& out, bool verbose = false);

}  // namespace tldmon::sim
