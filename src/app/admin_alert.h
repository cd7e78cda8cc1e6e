// `tldmon admin alert list`: the alerts firing now and the recorded alert
// events (docs/alerts.md), newest last — what the channels deliver.
#pragma once

#include <CLI/CLI.hpp>

namespace tldmon::app {

void AddAdminAlertCommands(CLI::App* admin, int* exit_code);

}  // namespace tldmon::app
