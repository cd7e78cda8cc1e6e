// storage_bench: bytes per stored probe metric in steady state, with the
// storage upkeep that `tldmon serve` runs (store/storage_schedule.h:
// compaction of finished days, 90-day retention) against the baseline of
// the same simulation without it (what serve stored before the upkeep was
// scheduled) — both measured in this run, on the same simulated data.
//
// Each mode runs the real pipeline (simulated probe network -> ingest ->
// engine -> SqliteStore, documents off) through D simulated days; the upkeep
// runs once per simulated hour. Steady state is the growth over the last
// day: after it the store holds one more day of probe data, so bytes added /
// metrics added is the cost of keeping a day (during the retention period
// every day but the current one is in that form). Bytes are the SQLite pages
// of the probe-data tables and their indexes (dbstat, after a checkpoint),
// i.e. B-tree and page overhead included; the whole file is printed too.
//
//   storage_bench [--tlds=N] [--probes=N] [--days=D] [--seed=S]
//
// Not a test: it asserts nothing. Uses temporary directories, removed after.
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_args.h"
#include "core/clock.h"
#include "documents/document_store.h"
#include "ingest/cycle_pipeline.h"
#include "sim/network.h"
#include "sim/network_feed.h"
#include "sim/network_topology.h"
#include "store/sqlite/sqlite_store.h"
#include "store/storage_schedule.h"

namespace {

using tldmon::UnixSeconds;
namespace fs = std::filesystem;

constexpr UnixSeconds kStart = 1767225600;  // 2026-01-01T00:00:00Z
constexpr UnixSeconds kDay = 86400;
constexpr UnixSeconds kGrace = 120;

using tldmon::bench::IntArg;

void Die(const tldmon::Status& s, const char* what) {
  if (s.ok()) return;
  std::fprintf(stderr, "storage_bench: %s: %s\n", what, s.ToString().c_str());
  std::exit(1);
}

struct Sizes {
  long long probe_data = 0;  // pages of report_batch, report_chunk, compacted_chunk, probe_data_day
  long long file = 0;        // the whole database file
  long long metrics = 0;     // metrics held (store counters)
};

// Checkpoints the WAL into the file and sums pages per table on a separate
// connection (the store's own stays open).
Sizes Measure(const std::string& path, tldmon::store::Store& store) {
  Sizes out;
  auto days = store.StorageByDay();
  Die(days.status(), "StorageByDay");
  for (const auto& d : *days) out.metrics += d.raw_metrics + d.compacted_metrics;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "storage_bench: cannot open %s\n", path.c_str());
    std::exit(1);
  }
  sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  const char* sql =
      "SELECT total(d.pgsize) FROM dbstat AS d JOIN sqlite_schema AS s ON d.name = s.name"
      " WHERE s.tbl_name IN ('report_batch', 'report_chunk', 'compacted_chunk',"
      " 'probe_data_day')";
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    out.probe_data = static_cast<long long>(sqlite3_column_double(st, 0));
  sqlite3_finalize(st);
  if (sqlite3_prepare_v2(db,
                         "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size",
                         -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    out.file = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

struct Result {
  double steady = 0;       // probe-data bytes per metric over the last day
  double average = 0;      // probe-data bytes per metric, whole store at the end
  double file_steady = 0;  // file bytes per metric over the last day
  long long metrics_per_day = 0;
  double seconds = 0;
};

Result RunMode(bool upkeep, int tlds, int probes, int days, std::uint64_t seed) {
  const fs::path dir =
      fs::temp_directory_path() /
      ("tldmon_storage_bench_" + std::to_string(::getpid()) + (upkeep ? "_u" : "_b"));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "tldmon.db").string();
  const auto t0 = std::chrono::steady_clock::now();
  Result r;
  {
    auto opened = tldmon::store::SqliteStore::Open(path);
    Die(opened.status(), "open");
    tldmon::store::Store& store = **opened;
    const auto entities = tldmon::sim::SyntheticTlds(tlds, seed);
    const auto nodes = tldmon::sim::SyntheticProbes(probes, seed);
    Die(store.PutEntities(entities), "PutEntities");
    for (const auto& p : nodes) Die(store.AddProbe(p).status(), "AddProbe");

    tldmon::FakeClock clock(kStart);
    tldmon::documents::DocumentStore documents;
    tldmon::ingest::PipelineOptions options;
    options.grace_seconds = static_cast<int>(kGrace);
    options.start = kStart;
    options.publish_documents = false;
    auto pipeline = tldmon::ingest::CyclePipeline::Open(&store, &documents, &clock, options);
    Die(pipeline.status(), "pipeline");
    tldmon::sim::NetworkOptions net;
    net.seed = seed;
    const tldmon::sim::NetworkSimulator network((*pipeline)->engine().entities(),
                                                (*pipeline)->engine().probes(), net);
    tldmon::sim::NetworkFeed feed(&network, pipeline->get(), &clock);
    tldmon::store::StorageSchedule schedule(&store, {.retention_days = 90});
    tldmon::Status upkeep_status;
    auto hourly = [&](UnixSeconds t) {
      if (upkeep && (t + 60) % 3600 == 0) {
        auto work = schedule.RunDue(clock.Now());
        if (!work.ok()) upkeep_status = work.status();
      }
      return upkeep_status.ok();
    };
    const UnixSeconds end = kStart + static_cast<UnixSeconds>(days) * kDay;
    Die(feed.RunUntil(end - kDay, kGrace, hourly), "simulate");
    Die(upkeep_status, "upkeep");
    const Sizes before = Measure(path, store);
    Die(feed.RunUntil(end, kGrace, hourly), "simulate");
    Die(upkeep_status, "upkeep");
    const Sizes after = Measure(path, store);
    const double added = static_cast<double>(after.metrics - before.metrics);
    r.metrics_per_day = after.metrics - before.metrics;
    r.steady = static_cast<double>(after.probe_data - before.probe_data) / added;
    r.file_steady = static_cast<double>(after.file - before.file) / added;
    r.average = static_cast<double>(after.probe_data) / static_cast<double>(after.metrics);
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fs::remove_all(dir);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const int tlds = IntArg(argc, argv, "tlds", 12);
  const int probes = IntArg(argc, argv, "probes", 25);
  const int days = IntArg(argc, argv, "days", 10);
  const auto seed = static_cast<std::uint64_t>(IntArg(argc, argv, "seed", 1));
  if (tlds < 1 || probes < 1 || days < 2) {
    std::fprintf(stderr, "storage_bench: needs --tlds>=1 --probes>=1 --days>=2\n");
    return 2;
  }
  std::printf("storage: %d TLDs x %d probes, %d simulated days (default noise, seed %llu)\n", tlds,
              probes, days, static_cast<unsigned long long>(seed));
  std::fflush(stdout);
  const Result base = RunMode(false, tlds, probes, days, seed);
  std::printf(
      "  baseline (no upkeep)       %7.2f B/metric steady, %6.2f average, file %6.2f"
      " (%lld metrics/day, %.0f s)\n",
      base.steady, base.average, base.file_steady, base.metrics_per_day, base.seconds);
  std::fflush(stdout);
  const Result kept = RunMode(true, tlds, probes, days, seed);
  std::printf(
      "  upkeep (compact+retention) %7.2f B/metric steady, %6.2f average, file %6.2f"
      " (%lld metrics/day, %.0f s)\n",
      kept.steady, kept.average, kept.file_steady, kept.metrics_per_day, kept.seconds);
  std::printf(
      "bytes per stored metric in steady state after %d days: %.2f (target <= 2);"
      " %.3fx the uncompacted baseline (%.2f)\n",
      days, kept.steady, kept.steady / base.steady, base.steady);
  return 0;
}
