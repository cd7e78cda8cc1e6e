// The store `tldmon serve` runs on: SQLite in its data directory (one
// host, the default), or PostgreSQL shared by several hosts ([store] url or
// --store; docs/operations.md "Several hosts").
#pragma once

#include <memory>
#include <string>

#include "app/serve_config.h"
#include "core/status.h"
#include "store/postgres/postgres_store.h"
#include "store/store.h"

namespace tldmon::app {

struct ServeStore {
  std::unique_ptr<store::Store> store;
  store::PostgresStore* postgres = nullptr;  // set on PostgreSQL
  std::string conninfo;                      // PostgreSQL: what the store, elector and follower use
  std::string where;                         // for the console: "in DIR", "on postgresql://..."
};

// Opens the store `config` names (url empty: SQLite in `data`). The
// password of a PostgreSQL store comes from password_file (exported to
// libpq as PGPASSWORD, this process only) or from libpq's own PGPASSFILE;
// a url holding one is refused (CheckStoreUrl).
Result<ServeStore> OpenServeStore(const std::string& data, const ServeConfig::Store& config);

}  // namespace tldmon::app
