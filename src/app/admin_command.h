// `tldmon admin ...`: the operator's view of a data directory. For now
// `admin status [--data DIR] [--json]`: a table of every entity and service
// (status, alarmed, rolling-week downtime, emergencyThreshold, open
// incident) as of the last committed cycle, read from the store.
#pragma once

#include <CLI/CLI.hpp>

namespace tldmon::app {

void AddAdminCommand(CLI::App& app, int* exit_code);

}  // namespace tldmon::app
