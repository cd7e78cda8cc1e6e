// `tldmon admin operator set|list|remove`: the dashboard's operator
// accounts (docs/dashboard.md "Accounts"), who see every entity or a set of
// them and may mark false positives there. Entity accounts need nothing
// here: their MoSAPI account logs in to the dashboard as it is.
#pragma once

#include <CLI/CLI.hpp>

namespace tldmon::app {

void AddAdminOperatorCommands(CLI::App* admin, int* exit_code);

}  // namespace tldmon::app
