// `tldmon admin password set`, `account list|remove`, `allow add|remove|list`
// and `role grant|revoke|list`: who may use MoSAPI for an entity
// (docs/auth.md, docs/operations.md).
#pragma once

#include <CLI/CLI.hpp>

namespace tldmon::app {

void AddAdminAccessCommands(CLI::App* admin, int* exit_code);

}  // namespace tldmon::app
