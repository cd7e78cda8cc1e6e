// What every `tldmon admin` subcommand shares (docs/operations.md "tldmon
// admin"): the options --data, --json and --wait; opening the store;
// taking <data>/engine.lock for a change and reporting the change generation
// the change raised (Store::ChangeGeneration: the store raises it in the
// edit's own transaction, so a running `serve` re-reads the store); and
// one output convention:
//   success   text on stdout, or with --json one object {"ok": true, ...}
//   failure   "admin <command>: <message>" on stderr, exit status 1, and
//             with --json also {"ok": false, "error": "<message>"} on stdout.
// Every command validates all its input before it writes, and writes in one
// store transaction, so a failure changes nothing.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "admin/require_entity.h"
#include "app/file_lock.h"
#include "core/status.h"
#include "store/sqlite/sqlite_store.h"

namespace tldmon::app {

struct AdminOptions {
  std::string data = "./demo-data";
  // --store: a PostgreSQL store (postgresql://..., several hosts) instead of
  // the SQLite one in --data; password from PGPASSFILE or PGPASSWORD.
  std::string store;
  bool json = false;
  int wait_seconds = 60;  // for engine.lock: a demo fast-forward can hold it longer
};

// Adds --data, --json and --wait to `cmd`.
void AddAdminOptions(CLI::App* cmd, AdminOptions* options);

class AdminOutput {
 public:
  AdminOutput(std::string command, const AdminOptions& options)
      : command_(std::move(command)), json_(options.json) {}

  // Prints the failure (see file comment); returns the exit status 1.
  int Fail(const Status& status) const;
  // Prints `text` (a line is added if missing), or `result` with "ok": true
  // first under --json — and "generation": N when the command committed a
  // change (a running serve logs "generation N" once it has re-read the
  // store); returns 0.
  int Done(nlohmann::json result, const std::string& text) const;

 private:
  friend class AdminChange;
  std::string command_;
  bool json_;
  mutable std::optional<std::uint64_t> generation_;  // set by AdminChange::Commit
};

// The store of the data directory, or the PostgreSQL one of --store.
// Without `create`, a directory without a store is an error (a mistyped
// --data must not leave an empty store behind).
Result<std::unique_ptr<store::Store>> OpenAdminStore(const AdminOptions& options, bool create);

// Holds <data>/engine.lock from Begin until destruction.
class AdminChange {
 public:
  // Unavailable with a clear message if the lock is not free within --wait.
  static Result<AdminChange> Begin(const AdminOptions& options);
  // Reads the change generation the committed change raised; it is
  // reported in `out`'s JSON.
  Status Commit(store::Store& store, const AdminOutput& out);

 private:
  explicit AdminChange(std::optional<FileLock> lock) : lock_(std::move(lock)) {}
  // Empty with --store: a PostgreSQL store serializes edits from every host
  // in its own transactions; a local lock file would order nothing.
  std::optional<FileLock> lock_;
};

// "<data>/engine.lock", "<data>/serve.lock".
std::string EngineLockPath(const std::string& data);
std::string ServeLockPath(const std::string& data);

// Parses an entity argument ("ry/example", "rr/9999") with the id rules of
// EntityId::Parse.
Result<EntityId> ParseEntityArgument(const std::string& text);
// The same for an optional filter: nullopt for an empty argument.
Result<std::optional<EntityId>> ParseOptionalEntityArgument(const std::string& text);

// admin::RequireEntity, which the admin API shares.
using admin::RequireEntity;

}  // namespace tldmon::app
