// Engine benchmark (issue "Foundation", §6; issue 8 A5): one DNS cycle for
// 1500 TLDs x 40 probes x 8 NS-IPs (480,000 metrics), including the documents
// the pipeline publishes for that cycle (state, alarmed, downtime, incidents).
//
// Measurement objects are not rendered by the pipeline: the API builds them on
// demand from the store and caches them (DESIGN.md "Documents, not queries,
// on the hot path"). Two lines show what that choice costs and saves:
//   * "eager measurement objects": what rendering every TLD's dns+dnssec v2
//     object every cycle would cost (not part of the cycle total);
//   * "cold measurement object": p50/p99 of building distinct objects from a
//     store seeded through the real pipeline (simulated network), each a
//     cache miss, as mosapi::MeasurementBuilder does for a request.
//
// Prints, per phase, the median time per cycle over the measured cycles,
// metrics/s, peak memory (ru_maxrss), and two ratios:
//   * real-time factor = cycle length (60 s) / time per cycle   (target > 100)
//   * cost relative to a baseline run in the same process: a deep copy of the
//     cycle's reports (one allocation per report, every metric touched) — the
//     floor of anything that looks at every metric once.
// Targets: <= 0.1 s per cycle on one core, < 1 GiB peak; a cold measurement
// object p99 <= 5 ms. Figures only: nothing here fails on time.
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "bench_args.h"
#include "core/clock.h"
#include "documents/document_store.h"
#include "documents/render_measurement.h"
#include "engine/alert_tracker.h"
#include "engine/engine.h"
#include "ingest/cycle_documents.h"
#include "ingest/cycle_pipeline.h"
#include "mosapi/mosapi_measurement_builder.h"
#include "mosapi/mosapi_monitoring_config.h"
#include "sim/network.h"
#include "sim/network_feed.h"
#include "sim/network_topology.h"
#include "store/sqlite/sqlite_store.h"

namespace {

using SteadyClock = std::chrono::steady_clock;
using tldmon::UnixSeconds;

double Seconds(SteadyClock::duration d) { return std::chrono::duration<double>(d).count(); }

// CPU time of this thread: on a shared machine the wall-clock figures include
// time the scheduler gave to other processes; this one does not.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// The q-quantile (0..1) by nearest rank.
double Quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t i = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

long PeakRssKiB() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

using tldmon::bench::IntArg;

// Cold measurement objects: a SQLite store seeded through the real pipeline
// from the simulated network (`tlds` TLDs x `probes` probes, `hours` of DNS,
// RDDS and RDAP cycles), then `samples` distinct (TLD, service, cycle) objects
// built by MeasurementBuilder, each a cache miss. Baseline: the store reads the
// builder does for the same objects (reports of the TLD's cycle), so the ratio
// is the price of the verdict lookup plus rendering over reading. Returns false
// on a setup error.
bool ColdMeasurementBench(int tlds, int probes_n, int hours, int samples) {
  using namespace tldmon;
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("tldmon_bench_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  struct Cleanup {
    std::filesystem::path dir;
    ~Cleanup() {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
    }
  } cleanup{dir};

  auto opened = store::SqliteStore::Open((dir / "tldmon.db").string());
  if (!opened.ok()) {
    std::fprintf(stderr, "store: %s\n", opened.status().ToString().c_str());
    return false;
  }
  std::unique_ptr<store::SqliteStore> db = std::move(opened).value();
  sim::TldShape shape;
  shape.min_ns = shape.max_ns = 4;
  shape.ipv6_share = 1.0;
  const std::vector<EntityConfig> entities = sim::SyntheticTlds(tlds, 7, shape);
  std::vector<ProbeNode> probes = sim::SyntheticProbes(probes_n, 7);
  for (ProbeNode& p : probes) p.ipv4 = p.ipv6 = true;
  if (!db->PutEntities(entities).ok()) return false;
  for (const ProbeNode& p : probes)
    if (!db->AddProbe(p).ok()) return false;

  const UnixSeconds start = 1767225600;  // 2026-01-01T00:00:00Z
  const UnixSeconds end = start + 3600 * hours;
  const sim::NetworkSimulator network(entities, probes, sim::NetworkOptions{});
  FakeClock clock(start);
  ingest::PipelineOptions options;
  options.start = start;
  options.publish_documents = false;
  auto pipeline = ingest::CyclePipeline::Open(db.get(), nullptr, &clock, options);
  if (!pipeline.ok()) return false;
  sim::NetworkFeed feed(&network, pipeline->get(), &clock);
  const auto s0 = SteadyClock::now();
  if (!feed.RunUntil(end, options.grace_seconds).ok()) return false;
  const double seed_s = Seconds(SteadyClock::now() - s0);

  mosapi::MonitoringConfigCache configs(*db, clock, 3600);
  auto config = configs.Get();
  if (!config.ok()) return false;

  // Distinct objects in a random order, so neither SQLite's page cache nor
  // the builder sees them in storage order.
  std::vector<std::tuple<std::size_t, Service, UnixSeconds>> keys;
  for (std::size_t e = 0; e < entities.size(); ++e)
    for (Service s : {Service::kDns, Service::kDnssec})
      for (UnixSeconds c = start; c + 60 <= end - 120; c += 60) keys.emplace_back(e, s, c);
  std::mt19937_64 rng(42);
  std::shuffle(keys.begin(), keys.end(), rng);
  if (keys.size() > static_cast<std::size_t>(samples))
    keys.resize(static_cast<std::size_t>(samples));

  mosapi::MeasurementBuilder builder(*db, mosapi::MeasurementCacheLimits{});
  std::vector<double> t_build, t_build_cpu, t_read;
  std::size_t bytes = 0, missing = 0;
  for (const auto& [e, s, c] : keys) {
    const auto r0 = SteadyClock::now();
    auto reports = db->EntityCycleReports(entities[e].id, TestKind::kDns, c);
    const auto r1 = SteadyClock::now();
    if (!reports.ok()) return false;
    t_read.push_back(Seconds(r1 - r0));
  }
  for (const auto& [e, s, c] : keys) {
    const double cpu0 = ThreadCpuSeconds();
    const auto b0 = SteadyClock::now();
    auto object = builder.Build(**config, entities[e], s, documents::ApiVersion::kV2, c);
    const auto b1 = SteadyClock::now();
    const double cpu1 = ThreadCpuSeconds();
    if (!object.ok()) return false;
    if (*object == nullptr) {
      ++missing;
      continue;
    }
    bytes += (*object)->identity().size();
    t_build.push_back(Seconds(b1 - b0));
    t_build_cpu.push_back(cpu1 - cpu0);
  }
  const double p50 = Quantile(t_build, 0.5), p99 = Quantile(t_build, 0.99);
  const double read50 = Quantile(t_read, 0.5);
  std::printf("cold measurement object (store: %d TLDs x %d probes, %d h seeded in %.1f s):\n",
              tlds, probes_n, hours, seed_s);
  std::printf("  %zu distinct objects built (%zu absent), %.1f KB average\n", t_build.size(),
              missing, t_build.empty() ? 0.0 : bytes / 1e3 / static_cast<double>(t_build.size()));
  std::printf("  p50 %8.3f ms   p99 %8.3f ms (target p99 <= 5 ms)   p50 %5.1fx baseline\n",
              p50 * 1e3, p99 * 1e3, read50 > 0 ? p50 / read50 : 0.0);
  std::printf("  CPU time of this thread: p50 %8.3f ms   p99 %8.3f ms\n",
              Quantile(t_build_cpu, 0.5) * 1e3, Quantile(t_build_cpu, 0.99) * 1e3);
  std::printf("  baseline (read the TLD's reports of the cycle): p50 %8.3f ms   p99 %8.3f ms\n",
              read50 * 1e3, Quantile(t_read, 0.99) * 1e3);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tldmon;
  const int tlds = IntArg(argc, argv, "tlds", 1500);
  const int probes_n = IntArg(argc, argv, "probes", 40);
  const int cycles = IntArg(argc, argv, "cycles", 15);
  const int warmup = 3;
  // --eager=0 skips the eager measurement objects (they churn the allocator
  // between the cycles' other phases).
  const bool eager = IntArg(argc, argv, "eager", 1) != 0;
  const int cold_tlds = IntArg(argc, argv, "cold-tlds", 100);
  const int cold_hours = IntArg(argc, argv, "cold-hours", 2);
  const int cold_samples = IntArg(argc, argv, "cold-samples", 2000);

  // 4 name servers x (IPv4 + IPv6) = 8 NS-IPs per TLD; every probe dual-stack.
  sim::TldShape shape;
  shape.min_ns = shape.max_ns = 4;
  shape.ipv6_share = 1.0;
  std::vector<EntityConfig> entities = sim::SyntheticTlds(tlds, 42, shape);
  std::vector<ProbeNode> probes = sim::SyntheticProbes(probes_n, 42);
  for (ProbeNode& p : probes) p.ipv4 = p.ipv6 = true;

  sim::NetworkSimulator network(entities, probes, sim::NetworkOptions{});
  engine::Engine eng(engine::SlaParams::Defaults(), entities, probes);
  documents::DocumentStore documents;
  const std::vector<ProbeIndex> by_name = documents::ProbesByName(probes);

  const UnixSeconds t0 = 1767225600;  // 2026-01-01T00:00:00Z
  std::vector<ProbeReport> reports;
  std::vector<engine::ProbeMinuteSample> minutes;
  std::vector<double> t_engine, t_docs, t_publish, t_meas, t_base, t_cpu, t_alerts;
  std::size_t metrics = 0, doc_bytes = 0, meas_bytes = 0, alert_events = 0;
  engine::AlertTracker alerts{engine::AlertRules{}};

  std::printf("engine benchmark: %d TLDs x %d probes, %d measured DNS cycles (+%d warm-up)\n",
              tlds, probes_n, cycles, warmup);
  for (int c = 0; c < warmup + cycles; ++c) {
    const UnixSeconds cycle = t0 + 60 * c;
    network.ProbeMinutes(cycle, &minutes);
    network.CycleReports(TestKind::kDns, cycle, &reports);
    metrics = 0;
    for (const ProbeReport& r : reports) metrics += r.metrics.size();

    // Baseline: deep-copy the cycle's input.
    auto b0 = SteadyClock::now();
    std::vector<ProbeReport> copy = reports;
    auto b1 = SteadyClock::now();
    if (copy.size() != reports.size()) return 2;

    const double c0 = ThreadCpuSeconds();
    auto e0 = SteadyClock::now();
    if (!eng.RecordProbeMinute(cycle, minutes).ok()) return 3;
    auto out = eng.ProcessCycle(TestKind::kDns, cycle, reports);
    auto e1 = SteadyClock::now();
    if (!out.ok()) {
      std::fprintf(stderr, "ProcessCycle: %s\n", out.status().ToString().c_str());
      return 4;
    }

    auto d0 = SteadyClock::now();
    documents::DocumentBatch batch = ingest::CycleDocuments(eng, *out, cycle + 180);
    auto dp = SteadyClock::now();
    documents.Publish(std::move(batch));
    auto d1 = SteadyClock::now();
    // The pipeline's alert conditions (engine/alert_tracker.h) for every TLD.
    const std::size_t fired = alerts.Observe(eng, *out).size();
    auto a1 = SteadyClock::now();
    const double c1 = ThreadCpuSeconds();
    alert_events += fired;

    // The cycle's measurement objects (dns and dnssec, v2) for every TLD.
    auto m0 = SteadyClock::now();
    std::string buf;
    meas_bytes = 0;
    std::size_t first = 0;
    const documents::Envelope env{documents::ApiVersion::kV2, cycle + 180};
    for (std::size_t e = 0; eager && e < entities.size(); ++e) {
      std::size_t last = first;
      while (last < reports.size() && reports[last].entity == entities[e].id) ++last;
      for (Service s : {Service::kDns, Service::kDnssec}) {
        documents::MeasurementInput in;
        in.entity = &entities[e];
        in.service = s;
        in.cycle = cycle;
        in.probes = probes;
        in.probe_order = by_name;
        in.probe_online = &out->probe_online;
        in.reports = std::span<const ProbeReport>(reports).subspan(first, last - first);
        in.params = &eng.params();
        in.min_ns = entities[e].min_ns.At(cycle);
        buf.clear();
        if (!documents::AppendMeasurement(env, in, &buf).ok()) return 5;
        meas_bytes += buf.size();
      }
      first = last;
    }
    auto m1 = SteadyClock::now();

    if (c >= warmup) {
      t_base.push_back(Seconds(b1 - b0));
      t_engine.push_back(Seconds(e1 - e0));
      t_docs.push_back(Seconds(d1 - d0));
      t_alerts.push_back(Seconds(a1 - d1));
      t_publish.push_back(Seconds(d1 - dp));
      t_cpu.push_back(c1 - c0);
      t_meas.push_back(Seconds(m1 - m0));
    }
  }
  doc_bytes = documents.size();

  const double base = Median(t_base), eng_s = Median(t_engine), docs_s = Median(t_docs),
               meas_s = Median(t_meas), alerts_s = Median(t_alerts);
  // The pipeline's cost per cycle: measurement objects are built on demand.
  const double total = eng_s + docs_s + alerts_s;
  std::printf("metrics per cycle:            %zu\n", metrics);
  std::printf("baseline (copy the input):    %8.4f s\n", base);
  std::printf("engine (verdicts, incidents): %8.4f s   %6.1f M metrics/s   %5.1fx baseline\n",
              eng_s, metrics / eng_s / 1e6, eng_s / base);
  std::printf("state/alarmed/downtime/incident/monthly documents: %8.4f s   (%zu documents"
              " published; of which Publish %.4f s)\n",
              docs_s, doc_bytes, Median(t_publish));
  std::printf("alert conditions (AlertTracker::Observe): %8.4f s   (%zu events in all cycles)\n",
              alerts_s, alert_events);
  std::printf(
      "total per DNS cycle:          %8.4f s   %6.1f M metrics/s   %5.1fx baseline"
      "   (target <= 0.1 s)\n",
      total, metrics / total / 1e6, total / base);
  std::printf("total per DNS cycle, CPU time: %8.4f s   (engine + documents + alerts, this thread only)\n",
              Median(t_cpu));
  std::printf(
      "eager measurement objects (not in the pipeline; dns+dnssec v2 of every TLD):\n"
      "                              %8.4f s   (%.1f MB)   %5.1fx the cycle total\n",
      meas_s, meas_bytes / 1e6, meas_s / total);
  std::printf("real-time factor:             %8.1fx   (60 s cycle / total; target > 100x)\n",
              60.0 / total);
  std::printf("peak memory:                  %8.1f MiB (target < 1024 MiB)\n",
              PeakRssKiB() / 1024.0);
  if (cold_samples > 0 && !ColdMeasurementBench(cold_tlds, probes_n, cold_hours, cold_samples))
    return 6;
  return 0;
}
