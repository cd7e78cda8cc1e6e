// probe_ingest_bench: metrics per second from POST /probe/v1/results into
// SQLite (issue 9 "Performance": target >= 1M metrics/s), the whole path of
// ProbeIngestHandler::Handle - token, gunzip, parse, validation, matching to
// the configuration in force, PutReportsFirstWins, the ack - against, in the
// same run on a fresh store, the baseline Store::PutReports of the same
// reports already matched (the raw storage cost), and the parse alone.
//
//   probe_ingest_bench [--tlds=N] [--probes=N] [--cycles=N]
//
// Each probe sends one batch per cycle with its DNS reports for every TLD
// (8 metrics each). Not a test: it asserts nothing but that every item was
// stored (else it stops with a message). Temporary files, removed after.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench_args.h"
#include "core/clock.h"
#include "http/gzip.h"
#include "http/request.h"
#include "http/response.h"
#include "ingest/cycle_pipeline.h"
#include "ingest/named_report.h"
#include "probeapi/ingest_sink.h"
#include "probeapi/probe_ingest_handler.h"
#include "probeapi/probe_tokens.h"
#include "probewire/probe_results_wire.h"
#include "store/sqlite/sqlite_store.h"

namespace {

using namespace tldmon;  // NOLINT
namespace fs = std::filesystem;
constexpr UnixSeconds kT0 = 1767225600;

void Die(const Status& s, const char* what) {
  if (s.ok()) return;
  std::fprintf(stderr, "probe_ingest_bench: %s: %s\n", what, s.ToString().c_str());
  std::exit(1);
}

double Cpu() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

class Sink final : public probeapi::IngestSink {
 public:
  explicit Sink(std::unique_ptr<ingest::CyclePipeline> p) : p_(std::move(p)) {}
  Status WithPipeline(const std::function<Status(ingest::CyclePipeline&)>& fn) override { return fn(*p_); }
  std::unique_ptr<ingest::CyclePipeline> p_;
};

struct World {
  std::string dir;
  std::unique_ptr<store::SqliteStore> store;
  std::vector<EntityConfig> entities;
  std::vector<std::string> tokens;
};

World MakeWorld(const std::string& dir, int tlds, int probes) {
  World w;
  w.dir = dir;
  fs::create_directories(dir);
  auto s = store::SqliteStore::Open(dir + "/tldmon.db");
  Die(s.status(), "open");
  w.store = std::move(*s);
  for (int i = 0; i < tlds; ++i) {
    EntityConfig e;
    e.id = EntityId{EntityKind::kRegistry, "bench" + std::to_string(i)};
    e.SetEnabled(Service::kDns, true);
    e.SetEnabled(Service::kDnssec, true);
    for (int n = 0; n < 4; ++n) {
      e.name_servers.push_back({"ns" + std::to_string(n + 1) + ".nic.bench" + std::to_string(i),
                                {"192.0.2." + std::to_string(n + 1), "2001:db8::" + std::to_string(n + 1)}});
    }
    w.entities.push_back(std::move(e));
  }
  Die(w.store->PutEntities(w.entities), "PutEntities");
  for (int p = 0; p < probes; ++p) {
    ProbeNode node;
    node.name = "P" + std::to_string(p);
    Die(w.store->AddProbe(node).status(), "AddProbe");
    auto t = probeapi::IssueProbeToken(*w.store, node.name);
    Die(t.status(), "token");
    w.tokens.push_back(*t);
  }
  return w;
}

probewire::ResultsBatch Batch(const World& w, int probe, UnixSeconds cycle) {
  probewire::ResultsBatch b;
  b.probe = "P" + std::to_string(probe);
  for (const EntityConfig& e : w.entities) {
    NamedProbeReport r;
    r.entity = e.id;
    r.test = TestKind::kDns;
    r.cycle = cycle;
    r.tested_name = "nonexistent-tldmon." + e.id.id + ".";
    int k = 0;
    for (const NameServer& ns : e.name_servers) {
      for (const std::string& ip : ns.ips) {
        const std::int32_t v = (k++ + probe + static_cast<int>(cycle / 60)) % 97 == 0 ? -200 : 20 + k * 3 + probe;
        r.metrics.push_back({ns.name, ip, v, cycle + 1, "6e7331"});
      }
    }
    b.reports.push_back(std::move(r));
  }
  b.online.push_back({cycle, true});
  return b;
}

}  // namespace

int main(int argc, char** argv) {
  const int tlds = bench::IntArg(argc, argv, "tlds", 1500);
  const int probes = bench::IntArg(argc, argv, "probes", 10);
  const int cycles = bench::IntArg(argc, argv, "cycles", 5);
  char tmpl[] = "/tmp/tldmon_ingest_bench_XXXXXX";
  if (mkdtemp(tmpl) == nullptr) return 1;
  const std::string root = tmpl;

  World w = MakeWorld(root + "/full", tlds, probes);
  FakeClock clock(kT0 + cycles * 60 + 30);
  ingest::PipelineOptions o;
  o.start = kT0;
  o.publish_documents = false;
  auto pipeline = ingest::CyclePipeline::Open(w.store.get(), nullptr, &clock, o);
  Die(pipeline.status(), "pipeline");
  Sink sink(std::move(*pipeline));
  probeapi::ProbeIngestHandler handler(w.store.get(), &sink, &clock);

  std::printf("rendering %d batches (%d TLDs x 8 metrics each) ...\n", probes * cycles, tlds);
  std::vector<std::string> bodies, auth;
  std::vector<probewire::ResultsBatch> batches;
  for (int c = 0; c < cycles; ++c) {
    for (int p = 0; p < probes; ++p) {
      batches.push_back(Batch(w, p, kT0 + c * 60));
      std::string gz;
      http::GzipCompress(probewire::RenderResultsBatch(batches.back()), gz);
      bodies.push_back(std::move(gz));
      auth.push_back("Bearer " + w.tokens[static_cast<std::size_t>(p)]);
    }
  }
  const long long metrics = static_cast<long long>(bodies.size()) * tlds * 8;
  auto post_all = [&](const char* expect) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = Cpu();
    for (std::size_t i = 0; i < bodies.size(); ++i) {
      http::Request r;
      r.method = http::Method::kPost;
      r.path = "/probe/v1/results";
      r.target = r.path;
      r.authorization = auth[i];
      r.body = bodies[i];
      r.content_encoding = "gzip";
      r.peer.is_v4 = true;
      r.peer.text = "127.0.0.1";
      r.peer.bytes = {127, 0, 0, 1};
      http::Response response;
      response.Reset();
      handler.Handle(r, response);
      if (response.status() != 200 || response.body().find(expect) == std::string::npos ||
          response.body().find("refused") != std::string::npos) {
        const std::string body(response.body().substr(0, 300));
        std::fprintf(stderr, "probe_ingest_bench: batch %zu: %d %s\n", i, response.status(), body.c_str());
        std::exit(1);
      }
    }
    return std::pair{std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                     Cpu() - c0};
  };
  const auto [full_s, full_cpu] = post_all("\"stored\"");
  const auto [dup_s, dup_cpu] = post_all("\"duplicate\"");

  // Parse alone.
  const auto p0 = std::chrono::steady_clock::now();
  for (const std::string& gz : bodies) {
    std::string json;
    http::GzipDecompress(gz, json, 64u << 20);
    auto parsed = probewire::ParseResultsBatch(json);
    Die(parsed.status(), "parse");
  }
  const double parse_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - p0).count();

  // Baseline: the same reports, matched beforehand, straight into a fresh store.
  World base = MakeWorld(root + "/base", tlds, probes);
  std::vector<std::vector<ProbeReport>> matched;
  for (std::size_t i = 0; i < batches.size(); ++i) {
    std::vector<ProbeReport> v;
    for (std::size_t k = 0; k < batches[i].reports.size(); ++k) {
      NamedProbeReport r = batches[i].reports[k];
      r.probe = static_cast<ProbeIndex>(i % static_cast<std::size_t>(probes));
      auto m = ingest::MatchReport(r, base.entities[k]);
      Die(m.status(), "match");
      v.push_back(std::move(*m));
    }
    matched.push_back(std::move(v));
  }
  const auto b0 = std::chrono::steady_clock::now();
  for (const auto& v : matched) Die(base.store->PutReports(v).status(), "PutReports");
  const double base_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - b0).count();

  auto rate = [&](double s) { return static_cast<double>(metrics) / s; };
  std::printf("\n%lld metrics in %zu batches (%d probes x %d cycles x %d TLDs x 8)\n", metrics,
              bodies.size(), probes, cycles, tlds);
  std::printf("%-46s %9s %14s\n", "", "wall s", "metrics/s");
  std::printf("%-46s %9.3f %14.0f   (cpu %.3f s)\n", "POST /probe/v1/results, all new (full path)", full_s,
              rate(full_s), full_cpu);
  std::printf("%-46s %9.3f %14.0f   (cpu %.3f s)\n", "the same again, all duplicates", dup_s, rate(dup_s), dup_cpu);
  std::printf("%-46s %9.3f %14.0f\n", "gunzip + ParseResultsBatch only", parse_s, rate(parse_s));
  std::printf("%-46s %9.3f %14.0f\n", "baseline: Store::PutReports, pre-matched", base_s, rate(base_s));
  std::printf("\nfull path / baseline time: %.2fx\n", full_s / base_s);
  std::printf("target >= 1,000,000 metrics/s on the full path: %s\n", rate(full_s) >= 1e6 ? "met" : "NOT met");
  base.store.reset();
  w.store.reset();
  std::error_code ec;
  fs::remove_all(root, ec);
  return 0;
}
