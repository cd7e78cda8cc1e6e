// `tldmon scenario FILE...`: runs scenario files (docs/formats/scenario.md)
// through the engine; exit status 0 iff every expectation in every file holds.
#pragma once

#include <CLI/CLI.hpp>

namespace tldmon::app {

void AddScenarioCommand(CLI::App& app, int* exit_code);

}  // namespace tldmon::app
