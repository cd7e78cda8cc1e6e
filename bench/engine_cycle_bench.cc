// Engine benchmark (issue "Foundation", §6): one DNS cycle for 1500 TLDs x 40
// probes x 8 NS-IPs (480,000 metrics), including the documents of that cycle.
//
// Prints, per phase, the median time per cycle over the measured cycles,
// metrics/s, peak memory (ru_maxrss), and two ratios:
//   * real-time factor = cycle length (60 s) / time per cycle   (target > 100)
//   * cost relative to a baseline run in the same process: a deep copy of the
//     cycle's reports (one allocation per report, every metric touched) — the
//     floor of anything that looks at every metric once.
// Targets: <= 0.5 s per cycle on one core, < 1 GiB peak.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/document_store.h"
#include "engine/engine.h"
#include "engine/render_measurement.h"
#include "ingest/cycle_documents.h"
#include "sim/network.h"
#include "sim/network_topology.h"

namespace {

using Clock = std::chrono::steady_clock;
using tldmon::UnixSeconds;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

long PeakRssKiB() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

int IntArg(int argc, char** argv, const char* name, int def) {
  const std::string prefix = std::string("--") + name + "=";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind(prefix, 0) == 0) return std::atoi(a.c_str() + prefix.size());
  }
  return def;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tldmon;
  const int tlds = IntArg(argc, argv, "tlds", 1500);
  const int probes_n = IntArg(argc, argv, "probes", 40);
  const int cycles = IntArg(argc, argv, "cycles", 15);
  const int warmup = 3;

  // 4 name servers x (IPv4 + IPv6) = 8 NS-IPs per TLD; every probe dual-stack.
  sim::TldShape shape;
  shape.min_ns = shape.max_ns = 4;
  shape.ipv6_share = 1.0;
  std::vector<EntityConfig> entities = sim::SyntheticTlds(tlds, 42, shape);
  std::vector<ProbeNode> probes = sim::SyntheticProbes(probes_n, 42);
  for (ProbeNode& p : probes) p.ipv4 = p.ipv6 = true;

  sim::NetworkSimulator network(entities, probes, sim::NetworkOptions{});
  engine::Engine eng(engine::SlaParams::Defaults(), entities, probes);
  engine::DocumentStore documents;
  const std::vector<ProbeIndex> by_name = engine::ProbesByName(probes);

  const UnixSeconds t0 = 1767225600;  // 2026-01-01T00:00:00Z
  std::vector<ProbeReport> reports;
  std::vector<engine::ProbeMinuteSample> minutes;
  std::vector<double> t_engine, t_docs, t_meas, t_base;
  std::size_t metrics = 0, doc_bytes = 0, meas_bytes = 0;

  std::printf("engine benchmark: %d TLDs x %d probes, %d measured DNS cycles (+%d warm-up)\n",
              tlds, probes_n, cycles, warmup);
  for (int c = 0; c < warmup + cycles; ++c) {
    const UnixSeconds cycle = t0 + 60 * c;
    network.ProbeMinutes(cycle, &minutes);
    network.CycleReports(TestKind::kDns, cycle, &reports);
    metrics = 0;
    for (const ProbeReport& r : reports) metrics += r.metrics.size();

    // Baseline: deep-copy the cycle's input.
    auto b0 = Clock::now();
    std::vector<ProbeReport> copy = reports;
    auto b1 = Clock::now();
    if (copy.size() != reports.size()) return 2;

    auto e0 = Clock::now();
    if (!eng.RecordProbeMinute(cycle, minutes).ok()) return 3;
    auto out = eng.ProcessCycle(TestKind::kDns, cycle, reports);
    auto e1 = Clock::now();
    if (!out.ok()) {
      std::fprintf(stderr, "ProcessCycle: %s\n", out.status().ToString().c_str());
      return 4;
    }

    auto d0 = Clock::now();
    engine::DocumentBatch batch = ingest::CycleDocuments(eng, *out, cycle + 180);
    documents.Publish(std::move(batch));
    auto d1 = Clock::now();

    // The cycle's measurement objects (dns and dnssec, v2) for every TLD.
    auto m0 = Clock::now();
    std::string buf;
    meas_bytes = 0;
    std::size_t first = 0;
    const engine::Envelope env{engine::ApiVersion::kV2, cycle + 180};
    for (std::size_t e = 0; e < entities.size(); ++e) {
      std::size_t last = first;
      while (last < reports.size() && reports[last].entity == entities[e].id) ++last;
      for (Service s : {Service::kDns, Service::kDnssec}) {
        engine::MeasurementInput in;
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
        if (!engine::AppendMeasurement(env, in, &buf).ok()) return 5;
        meas_bytes += buf.size();
      }
      first = last;
    }
    auto m1 = Clock::now();

    if (c >= warmup) {
      t_base.push_back(Seconds(b1 - b0));
      t_engine.push_back(Seconds(e1 - e0));
      t_docs.push_back(Seconds(d1 - d0));
      t_meas.push_back(Seconds(m1 - m0));
    }
  }
  doc_bytes = documents.size();

  const double base = Median(t_base), eng_s = Median(t_engine), docs_s = Median(t_docs),
               meas_s = Median(t_meas);
  const double total = eng_s + docs_s + meas_s;
  std::printf("metrics per cycle:            %zu\n", metrics);
  std::printf("baseline (copy the input):    %8.4f s\n", base);
  std::printf("engine (verdicts, incidents): %8.4f s   %6.1f M metrics/s   %5.1fx baseline\n",
              eng_s, metrics / eng_s / 1e6, eng_s / base);
  std::printf("state/alarmed/downtime/incident documents: %8.4f s   (%zu documents published)\n",
              docs_s, doc_bytes);
  std::printf("measurement objects (dns+dnssec v2):       %8.4f s   (%.1f MB)\n", meas_s,
              meas_bytes / 1e6);
  std::printf("total per DNS cycle:          %8.4f s   %6.1f M metrics/s   %5.1fx baseline\n",
              total, metrics / total / 1e6, total / base);
  std::printf("real-time factor:             %8.1fx   (60 s cycle / total; target > 100x)\n",
              60.0 / total);
  std::printf("peak memory:                  %8.1f MiB (target < 1024 MiB)\n",
              PeakRssKiB() / 1024.0);
  return 0;
}
