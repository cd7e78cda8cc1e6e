// `tldmon admin alert …` (docs/alerts.md): list (the alerts firing now and
// the recorded events, what the channels deliver), deliveries (the delivery
// log), set/show (per-entity settings) and test (a test event through the
// entity's channels; admin_alert_entity.cc).
#pragma once

#include <CLI/CLI.hpp>

namespace tldmon::app {

void AddAdminAlertCommands(CLI::App* admin, int* exit_code);
// set, show, test under `group` (admin_alert_entity.cc).
void AddAdminAlertEntityCommands(CLI::App* group, int* exit_code);

}  // namespace tldmon::app
