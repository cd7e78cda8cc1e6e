// `tldmon probe [--config FILE] [flags]`: a probe node (docs/operations.md
// "Running a probe node", docs/configuration.md "tldmon probe"): fetches
// its test configuration from the central server, tests every TLD's DNS,
// DNSSEC, RDDS and RDAP each cycle, and pushes the results through its
// outbox until SIGTERM or SIGINT.
// `tldmon probe status --data DIR [--json]`: what a running (or stopped)
// node last did, read from its outbox without disturbing it.
#pragma once

#include <CLI/CLI.hpp>

namespace tldmon::app {

void AddProbeCommand(CLI::App& app, int* exit_code);

}  // namespace tldmon::app
