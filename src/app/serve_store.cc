#include "app/serve_store.h"

#include <cstdlib>

#include "app/data_dir.h"

namespace tldmon::app {

Result<ServeStore> OpenServeStore(const std::string& data, const ServeConfig::Store& config) {
  ServeStore out;
  if (config.url.empty()) {
    auto sqlite = OpenDataStore(data);
    if (!sqlite.ok()) return sqlite.status();
    out.store = std::move(*sqlite);
    out.where = "in " + data;
    return out;
  }
  TLDMON_RETURN_IF_ERROR(CheckStoreUrl(config.url));
  if (!config.password_file.empty()) {
    auto text = ReadWholeFile(config.password_file);
    if (!text.ok())
      return InvalidArgument("[store] password_file " + config.password_file + " cannot be read");
    const std::string password = text->substr(0, text->find_first_of("\r\n"));
    if (password.empty())
      return InvalidArgument("[store] password_file " + config.password_file + " is empty");
    // libpq reads it for every connection of this process (the store, the
    // elector, the follower); /proc/<pid>/environ is readable by the
    // process's own user only.
    ::setenv("PGPASSWORD", password.c_str(), 1);
  }
  auto pg = store::PostgresStore::Open(config.url, std::chrono::seconds(config.lease_seconds));
  if (!pg.ok())
    return Status(pg.status().code(),
                  "cannot open the PostgreSQL store " + config.url + ": " + pg.status().message());
  out.postgres = pg->get();
  out.store = std::move(*pg);
  out.conninfo = config.url;
  out.where = "on " + config.url;
  return out;
}

}  // namespace tldmon::app
