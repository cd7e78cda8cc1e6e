#include "app/admin_migrate.h"

#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <string>

#include "app/admin_context.h"
#include "app/data_dir.h"
#include "app/file_lock.h"
#include "app/serve_config.h"
#include "store/store_migration.h"

namespace tldmon::app {
namespace {

struct MigrateArgs {
  std::string from;
  std::string to;
  bool verify_only = false;
  bool json = false;
  int wait_seconds = 60;
};

// "sqlite:DIR" or DIR: the data directory.
Result<std::string> SourceDirectory(const std::string& from) {
  std::string dir = from;
  if (dir.starts_with("sqlite:")) dir = dir.substr(7);
  if (dir.starts_with("postgres"))
    return InvalidArgument("--from must be a SQLite data directory (sqlite:DIR), not '" +
                           from.substr(0, 64) + "'");
  if (dir.empty()) return InvalidArgument("--from needs a data directory: sqlite:DIR");
  if (!FileExists(StorePath(dir)))
    return NotFound("no store at " + StorePath(dir) + " (wrong --from?)");
  return dir;
}

// Progress on stderr: at most one line a second, and one per finished
// table, so a long copy shows it is moving without flooding a terminal.
class ProgressLines {
 public:
  explicit ProgressLines(const char* verb) : verb_(verb) {}
  void operator()(std::string_view table, std::int64_t done, std::int64_t total) {
    const auto now = std::chrono::steady_clock::now();
    const bool finished = done >= total;
    if (total == 0) return;  // nothing to say about an empty table
    if (!finished && now - last_ < std::chrono::seconds(1)) return;
    if (finished && table == finished_) return;
    last_ = now;
    if (finished) finished_ = std::string(table);
    std::cerr << fmt::format("migrate: {} {:<22} {:>12} of {} rows\n", verb_, table, done, total)
              << std::flush;
  }

 private:
  const char* verb_;
  std::chrono::steady_clock::time_point last_{};
  std::string finished_;
};

int RunMigrate(const MigrateArgs& a) {
  AdminOptions options;
  options.json = a.json;
  const AdminOutput out("migrate", options);
  auto dir = SourceDirectory(a.from);
  if (!dir.ok()) return out.Fail(dir.status());
  if (a.to.empty()) return out.Fail(InvalidArgument("--to postgresql://... is required"));
  if (Status s = CheckStoreUrl(a.to); !s.ok())
    return out.Fail(InvalidArgument("--to: " + s.message()));

  // Nobody may write the source meanwhile: no serve (serve.lock), no admin
  // change or engine tick (engine.lock), for the whole run.
  auto serve_lock = FileLock::TryAcquire(ServeLockPath(*dir));
  if (!serve_lock.ok()) {
    if (serve_lock.status().code() == StatusCode::kUnavailable)
      return out.Fail(
          FailedPrecondition("a serve or demo is running on " + *dir +
                             "; stop it first: the migration must copy a store nobody writes"));
    return out.Fail(serve_lock.status());
  }
  auto engine_lock = FileLock::Acquire(EngineLockPath(*dir), std::chrono::seconds(a.wait_seconds));
  if (!engine_lock.ok()) return out.Fail(engine_lock.status());

  auto from = store::SqliteStore::Open(StorePath(*dir));
  if (!from.ok()) return out.Fail(from.status());
  auto to = store::PostgresStore::Open(a.to);
  if (!to.ok()) return out.Fail(to.status());

  const auto begin = std::chrono::steady_clock::now();
  nlohmann::json result = {{"from", StorePath(*dir)}};
  std::string text;
  if (!a.verify_only) {
    ProgressLines progress("copied");
    auto counts = store::MigrateSqliteToPostgres(StorePath(*dir), **from, **to, std::ref(progress));
    if (!counts.ok())
      return out.Fail(Status(counts.status().code(),
                             counts.status().message() + " (nothing was written to PostgreSQL)"));
    std::int64_t rows = 0, bytes = 0;
    nlohmann::json tables = nlohmann::json::object();
    for (const store::TableCount& c : *counts) {
      rows += c.rows;
      bytes += c.bytes;
      tables[c.table] = c.rows;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    result["copied"] = {{"rows", rows}, {"bytes", bytes}, {"seconds", seconds}, {"tables", tables}};
    text += fmt::format("copied {} rows ({:.1f} MB of values) in {:.1f} s\n", rows,
                        static_cast<double>(bytes) / 1e6, seconds);
  }
  ProgressLines progress("verified");
  auto report = store::VerifyMigration(StorePath(*dir), **from, **to, std::ref(progress));
  if (!report.ok()) return out.Fail(report.status());
  result["verified"] = {{"rows", report->rows_compared},
                        {"checks", report->checks},
                        {"differing", report->differing},
                        {"differences", report->differences}};
  if (report->differing > 0) {
    for (const std::string& d : report->differences) std::cerr << "migrate: differs: " << d << "\n";
    return out.Fail(Internal(fmt::format(
        "the stores differ in {} places (the first ones are listed above); do not switch to "
        "PostgreSQL{}",
        report->differing,
        a.verify_only ? ""
                      : " (to start over: drop and create the database, then migrate again)")));
  }
  text += fmt::format(
      "verified: {} rows and {} store-level reads are equal on both stores\n"
      "next: start every host with `tldmon serve --store <the same URL>` (docs/operations.md "
      "\"Several hosts\"); keep {} until you are satisfied",
      report->rows_compared, report->checks, *dir);
  return out.Done(result, text);
}

}  // namespace

void AddAdminMigrateCommand(CLI::App* admin, int* exit_code) {
  auto args = std::make_shared<MigrateArgs>();
  CLI::App* cmd = admin->add_subcommand(
      "migrate", "Copy a SQLite data directory's store into a new PostgreSQL database, and verify");
  cmd->add_option("--from", args->from, "sqlite:DIR, the data directory to copy (serve stopped)")
      ->required();
  cmd->add_option("--to", args->to,
                  "postgresql://... : an empty database (password: PGPASSFILE, never here)")
      ->required();
  cmd->add_flag("--verify-only", args->verify_only, "Compare the two stores without copying");
  cmd->add_flag("--json", args->json, "Machine-readable JSON output");
  cmd->add_option("--wait", args->wait_seconds,
                  "Seconds to wait for the data directory's engine lock")
      ->capture_default_str()
      ->check(CLI::Range(0, 3600));
  cmd->callback([args, exit_code] { *exit_code = RunMigrate(*args); });
}

}  // namespace tldmon::app
