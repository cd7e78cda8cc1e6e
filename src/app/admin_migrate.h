// `tldmon admin migrate --from sqlite:DIR --to postgresql://...`: moves an
// installation from its SQLite store to a new PostgreSQL database, then
// verifies the copy (store/store_migration.h; docs/operations.md "Moving
// from SQLite to PostgreSQL"). `--verify-only` compares again without
// copying.
#pragma once

#include <CLI/CLI.hpp>

namespace tldmon::app {

void AddAdminMigrateCommand(CLI::App* admin, int* exit_code);

}  // namespace tldmon::app
