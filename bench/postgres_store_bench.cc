// PostgreSQL store benchmark (issue 13, "Performance"): the store's share of
// the engine bench's cycle — one DNS cycle of 1500 TLDs x 40 probes x 8
// NS-IPs (480,000 metrics) — on PostgresStore against SqliteStore, in one
// run on the same data:
//   * ingest: the cycle's reports stored as probes post them (one PutReports
//     per probe: 1500 reports), plus the minute's probe statuses;
//   * store time of a cycle: what CyclePipeline asks of the store around the
//     engine — the minute's statuses, the cycle's reports, CommitCycle with
//     the verdicts and the engine state. The engine's own work is the same
//     on both stores and is not timed here (engine_cycle_bench);
//   * a follower's rebuild: what a follower host does each time the leader
//     publishes a cycle (app/engine_loop.cc, Reopen) — open the pipeline
//     from the store (configuration, engine state) and render and publish
//     every entity's documents — on each store, and as a share of the
//     60-second cycle it must keep up with;
//   * measurement reads side by side: one TLD's reports of a cycle (what a
//     MoSAPI measurement object asks of the store) from 4 threads, on a
//     store with 1 read connection against one with 4 (the default), same
//     database: what the read pool (postgres/pg_pool.h) buys;
//   * bytes per stored metric after compaction (the encoded zstd frames;
//     on PostgreSQL also the partitions' size on disk, pages and index
//     included).
// PostgreSQL is a throwaway cluster of this run (lab/pg_lab.h), default
// settings, Unix socket. Ratios PostgreSQL / SQLite; targets: store time
// <= 2x, ingest >= 1M metrics/s. Figures only: nothing here fails on time.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench_args.h"
#include "core/clock.h"
#include "documents/document_store.h"
#include "engine/engine.h"
#include "ingest/cycle_pipeline.h"
#include "lab/pg_lab.h"
#include "sim/network.h"
#include "sim/network_topology.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace {

using namespace tldmon;
using SteadyClock = std::chrono::steady_clock;

double Seconds(SteadyClock::duration d) { return std::chrono::duration<double>(d).count(); }

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

struct Backend {
  const char* name;
  store::Store* store;
  std::vector<double> ingest_s, cycle_s;
  std::vector<double> read_s, commit_s;  // the two parts of cycle_s: reads, CommitCycle
};

bool Check(const Status& s, const char* what) {
  if (!s.ok()) std::fprintf(stderr, "%s: %s\n", what, s.ToString().c_str());
  return s.ok();
}

}  // namespace

int main(int argc, char** argv) {
  const int tlds = bench::IntArg(argc, argv, "tlds", 1500);
  const int probes_n = bench::IntArg(argc, argv, "probes", 40);
  const int cycles = bench::IntArg(argc, argv, "cycles", 5);

  auto lab = lab::PgLab::Start();
  if (!lab.ok()) return Check(lab.status(), "PostgreSQL") ? 0 : 1;
  auto db = (*lab)->CreateDatabase();
  if (!db.ok()) return 1;
  auto pg = store::PostgresStore::Open((*lab)->ConnInfo(*db));
  if (!pg.ok()) return Check(pg.status(), "PostgresStore") ? 0 : 1;
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("tldmon_pgbench_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto lite = store::SqliteStore::Open((dir / "tldmon.db").string());
  if (!lite.ok()) return 1;

  sim::TldShape shape;
  shape.min_ns = shape.max_ns = 4;
  shape.ipv6_share = 1.0;
  const std::vector<EntityConfig> entities = sim::SyntheticTlds(tlds, 7, shape);
  std::vector<ProbeNode> probes = sim::SyntheticProbes(probes_n, 7);
  for (ProbeNode& p : probes) p.ipv4 = p.ipv6 = true;
  std::vector<Backend> backends = {{"SQLite", lite->get(), {}, {}, {}, {}},
                                   {"PostgreSQL", pg->get(), {}, {}, {}, {}}};
  for (Backend& b : backends) {
    if (!Check(b.store->PutEntities(entities), "entities")) return 1;
    for (const ProbeNode& p : probes)
      if (auto r = b.store->AddProbe(p); !r.ok()) return 1;
  }

  const UnixSeconds start = 1767225600;  // a UTC midnight
  const sim::NetworkSimulator network(entities, probes, sim::NetworkOptions{});
  engine::Engine eng(engine::SlaParams::Defaults(), entities, probes);
  std::vector<engine::ProbeMinuteSample> samples;
  std::vector<ProbeReport> reports;
  std::size_t metrics = 0;
  for (int i = 0; i < cycles; ++i) {
    const UnixSeconds c = start + 60 * i;
    network.ProbeMinutes(c, &samples);
    network.CycleReports(TestKind::kDns, c, &reports);
    metrics = 0;
    std::vector<std::vector<ProbeReport>> by_probe(probes.size());
    for (const ProbeReport& r : reports) {
      metrics += r.metrics.size();
      by_probe[r.probe].push_back(r);
    }
    if (!Check(eng.RecordProbeMinute(c, samples), "engine minute")) return 1;
    auto out = eng.ProcessCycle(TestKind::kDns, c, reports);
    if (!out.ok()) return 1;
    for (Backend& b : backends) {
      const auto t0 = SteadyClock::now();
      if (auto r = b.store->PutProbeMinutes(c, samples); !r.ok()) return 1;
      for (const auto& batch : by_probe)
        if (auto r = b.store->PutReports(batch); !Check(r.status(), "PutReports")) return 1;
      const auto t1 = SteadyClock::now();
      if (auto r = b.store->ProbeMinutes(c); !r.ok()) return 1;
      auto read = b.store->CycleReports(TestKind::kDns, c);
      if (!read.ok() || read->size() != reports.size()) return 1;
      const auto t1b = SteadyClock::now();
      if (!Check(b.store->CommitCycle(*out, eng.state()), "CommitCycle")) return 1;
      const auto t2 = SteadyClock::now();
      b.ingest_s.push_back(Seconds(t1 - t0));
      b.cycle_s.push_back(Seconds(t2 - t1));
      b.read_s.push_back(Seconds(t1b - t1));
      b.commit_s.push_back(Seconds(t2 - t1b));
    }
  }

  std::printf(
      "PostgreSQL store vs SQLite: %d TLDs x %d probes, DNS cycles of %zu reports, %zu metrics"
      " (median of %d cycles)\n",
      tlds, probes_n, reports.size(), metrics, cycles);
  std::printf("  %-11s %14s %16s %14s %10s %10s\n", "", "ingest s", "metrics/s", "store s/cycle",
              "read s", "commit s");
  for (const Backend& b : backends)
    std::printf("  %-11s %14.3f %16.0f %14.3f %10.3f %10.3f\n", b.name, Median(b.ingest_s),
                static_cast<double>(metrics) / Median(b.ingest_s), Median(b.cycle_s),
                Median(b.read_s), Median(b.commit_s));
  std::printf(
      "  ratio PostgreSQL/SQLite: store time per cycle %.2fx (target <= 2x), ingest time %.2fx;"
      " PostgreSQL ingest %.2fM metrics/s (target >= 1M)\n",
      Median(backends[1].cycle_s) / Median(backends[0].cycle_s),
      Median(backends[1].ingest_s) / Median(backends[0].ingest_s),
      static_cast<double>(metrics) / Median(backends[1].ingest_s) / 1e6);

  // A follower's rebuild after a publish, on each store (median of 3).
  std::vector<double> rebuild_s;
  std::size_t rebuilt_documents = 0;
  for (Backend& b : backends) {
    std::vector<double> runs;
    for (int i = 0; i < 3; ++i) {
      FakeClock clock(start + 60 * cycles + 180);
      documents::DocumentStore documents;
      ingest::PipelineOptions options;
      options.start = start;
      const auto t0 = SteadyClock::now();
      auto pipeline = ingest::CyclePipeline::Open(b.store, &documents, &clock, options);
      if (!Check(pipeline.status(), "follower rebuild")) return 1;
      runs.push_back(Seconds(SteadyClock::now() - t0));
      rebuilt_documents = documents.size();
      if (documents.size() < static_cast<std::size_t>(tlds)) {
        std::fprintf(stderr, "the rebuild published %zu documents for %d TLDs\n",
                     documents.size(), tlds);
        return 1;
      }
    }
    rebuild_s.push_back(Median(runs));
  }
  std::printf(
      "  follower rebuild after a publish (pipeline re-opened, %zu documents rendered):"
      " SQLite %.3f s, PostgreSQL %.3f s = %.2fx; PostgreSQL's is %.1f%% of the 60 s cycle\n",
      rebuilt_documents, rebuild_s[0], rebuild_s[1], rebuild_s[1] / rebuild_s[0], 100.0 * rebuild_s[1] / 60.0);

  // Measurement reads from 4 threads for 2 s, 1 read connection against 4.
  const auto reads_per_second = [&](std::size_t connections) -> double {
    auto s = store::PostgresStore::Open((*lab)->ConnInfo(*db), std::chrono::milliseconds(15000),
                                        connections);
    if (!Check(s.status(), "PostgresStore for reads")) return -1;
    std::atomic<long> done{0};
    std::atomic<bool> failed{false};
    const auto until = SteadyClock::now() + std::chrono::seconds(2);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (std::size_t i = static_cast<std::size_t>(t); SteadyClock::now() < until; i += 4) {
          const EntityId& id = entities[(i * 7919) % entities.size()].id;
          const UnixSeconds c = start + 60 * static_cast<UnixSeconds>(i % cycles);
          auto r = (*s)->EntityCycleReports(id, TestKind::kDns, c);
          if (!r.ok() || r->empty()) {
            if (!r.ok()) Check(r.status(), "EntityCycleReports");
            failed = true;
            return;
          }
          ++done;
        }
      });
    for (std::thread& t : threads) t.join();
    return failed ? -1 : static_cast<double>(done.load()) / 2.0;
  };
  const double one = reads_per_second(1), four = reads_per_second(4);
  if (one <= 0 || four <= 0) return 1;
  std::printf(
      "  measurement reads (one TLD's reports of a cycle), 4 threads: 1 read connection %.0f/s,"
      " 4 read connections %.0f/s = %.2fx\n",
      one, four, four / one);

  // Bytes per metric after compaction: the day is finished by a cycle of
  // the next day.
  engine::EngineState finished = eng.state();
  finished.last_cycle[static_cast<std::size_t>(TestKind::kDns)] = start + 86400;
  engine::CycleOutput next;
  next.test = TestKind::kDns;
  next.cycle = start + 86400;
  for (Backend& b : backends) {
    if (!Check(b.store->CommitCycle(next, finished), "finishing cycle")) return 1;
    if (auto r = b.store->CompactDay(start); !Check(r.status(), "CompactDay")) return 1;
    auto days = b.store->StorageByDay();
    if (!days.ok() || days->empty()) return 1;
    const store::DayStorage& d = days->front();
    std::printf(
        "  %-11s compacted: %lld metrics in %lld bytes of zstd frames = %.2f bytes/metric\n",
        b.name, static_cast<long long>(d.compacted_metrics),
        static_cast<long long>(d.compacted_bytes),
        static_cast<double>(d.compacted_bytes) / static_cast<double>(d.compacted_metrics));
    if (b.store == pg->get()) {
      auto conn = store::postgres::PgConn::Connect((*lab)->ConnInfo(*db));
      if (!conn.ok()) return 1;
      auto size = (*conn)->Exec(
          "SELECT coalesce(sum(pg_total_relation_size(i.inhrelid)), 0)::bigint FROM pg_inherits i"
          " WHERE i.inhparent = 'report_chunk'::regclass");
      if (!size.ok()) return 1;
      std::printf(
          "  %-11s on disk (report_chunk partitions, pages, TOAST and index): %.2f bytes/metric"
          " (one row per metric: about 60)\n",
          b.name, static_cast<double>(size->Int(0, 0)) / static_cast<double>(d.compacted_metrics));
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return 0;
}
