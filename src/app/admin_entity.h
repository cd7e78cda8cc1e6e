// `tldmon admin entity add|update|remove|list` and `tldmon admin probe
// add|list|enable|disable`: what is monitored (docs/operations.md).
#pragma once

#include <CLI/CLI.hpp>

namespace tldmon::app {

void AddAdminEntityCommands(CLI::App* admin, int* exit_code);
void AddAdminProbeCommands(CLI::App* admin, int* exit_code);

}  // namespace tldmon::app
