#include "app/admin_context.h"

#include <iostream>

#include "app/data_dir.h"
#include "app/serve_config.h"
#include "app/terminal_text.h"
#include "store/postgres/postgres_store.h"

namespace tldmon::app {

void AddAdminOptions(CLI::App* cmd, AdminOptions* options) {
  cmd->add_option("--data", options->data, "Data directory")->capture_default_str();
  cmd->add_option("--store", options->store,
                  "postgresql://... : a PostgreSQL store shared by several serve hosts, instead of"
                  " the SQLite one in --data (password: PGPASSFILE)");
  cmd->add_flag("--json", options->json, "Machine-readable JSON output");
  cmd->add_option("--wait", options->wait_seconds,
                  "Seconds to wait for a running serve/demo to release the store")
      ->capture_default_str()
      ->check(CLI::Range(0, 3600));
}

int AdminOutput::Fail(const Status& status) const {
  // Messages quote user input; escaped in the JSON too, where raw bytes that
  // are not UTF-8 would make the JSON invalid.
  const std::string message = EscapeControlBytes(status.message());
  std::cerr << "admin " << command_ << ": " << message << "\n";
  if (json_) std::cout << nlohmann::ordered_json{{"ok", false}, {"error", message}}.dump() << "\n";
  return 1;
}

int AdminOutput::Done(nlohmann::json result, const std::string& text) const {
  if (json_) {
    // "ok" first, so a reader of the output sees the outcome at once.
    nlohmann::ordered_json out = {{"ok", true}};
    for (auto& [k, v] : result.items()) out[k] = std::move(v);
    if (generation_) out["generation"] = *generation_;
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::cout << text;
  if (!text.empty() && text.back() != '\n') std::cout << "\n";
  return 0;
}

Result<std::unique_ptr<store::Store>> OpenAdminStore(const AdminOptions& options, bool create) {
  if (!options.store.empty()) {
    TLDMON_RETURN_IF_ERROR(CheckStoreUrl(options.store));
    auto pg = store::PostgresStore::Open(options.store);
    if (!pg.ok()) return pg.status();
    return std::unique_ptr<store::Store>(std::move(*pg));
  }
  if (!create && !FileExists(StorePath(options.data)))
    return NotFound("no store at " + StorePath(options.data) + " (wrong --data?)");
  auto sqlite = OpenDataStore(options.data);
  if (!sqlite.ok()) return sqlite.status();
  return std::unique_ptr<store::Store>(std::move(*sqlite));
}

std::string EngineLockPath(const std::string& data) { return data + "/engine.lock"; }
std::string ServeLockPath(const std::string& data) { return data + "/serve.lock"; }

Result<AdminChange> AdminChange::Begin(const AdminOptions& options) {
  if (!options.store.empty()) return AdminChange(std::nullopt);
  auto lock =
      FileLock::Acquire(EngineLockPath(options.data), std::chrono::seconds(options.wait_seconds));
  if (!lock.ok()) {
    if (lock.status().code() == StatusCode::kUnavailable)
      return Unavailable(
          "the data directory is busy (a serve or demo is writing to it); "
          "nothing was changed; try again or raise --wait");
    return lock.status();
  }
  return AdminChange(std::move(*lock));
}

Status AdminChange::Commit(store::Store& store, const AdminOutput& out) {
  // The edit raised the generation in its own transaction (store.h); the
  // engine lock held since Begin means no other change came in between.
  auto g = store.ChangeGeneration();
  if (!g.ok()) return g.status();
  out.generation_ = *g;
  return Status::Ok();
}

Result<EntityId> ParseEntityArgument(const std::string& text) {
  auto id = EntityId::Parse(text);
  if (!id.ok())
    return InvalidArgument("bad entity '" + text.substr(0, 80) + "': " + id.status().message() +
                           " (write ry/<tld> or rr/<ianaId>)");
  return id;
}

Result<std::optional<EntityId>> ParseOptionalEntityArgument(const std::string& text) {
  if (text.empty()) return std::optional<EntityId>();
  auto id = ParseEntityArgument(text);
  if (!id.ok()) return id.status();
  return std::optional<EntityId>(*id);
}

}  // namespace tldmon::app
