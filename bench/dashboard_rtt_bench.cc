// The dashboard's heaviest read (issue 11's target): a 30-day RTT series of
// one TLD's 8 NS-IPs, GET /ui/api/entity/…/rtt?days=30 as RttViewJson
// builds it, from a cold cache — a store just opened (SQLite's page cache
// empty; the OS file cache is warm, as on a running server) and no
// dashboard cache. Baseline in the same process: the store read alone
// (ForEachNsIpRtt over the same 30 days), the floor any rendering adds to.
// Prints p50/p99 of both, their ratio, and the ratio to the 100 ms target.
//
// usage: dashboard_rtt_bench [--entities=3] [--days=30] [--runs=40]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <vector>

#include <unistd.h>

#include "bench_args.h"
#include "store/sqlite/sqlite_store.h"
#include "web/rtt_view.h"

using namespace tldmon;

namespace {

constexpr UnixSeconds kT0 = 1'767'225'600;  // 2026-01-01

void Die(const Status& s, const char* what) {
  if (s.ok()) return;
  std::fprintf(stderr, "%s: %s\n", what, s.ToString().c_str());
  std::exit(1);
}

EntityConfig Tld(int i) {
  EntityConfig e;
  e.id = {EntityKind::kRegistry, "tld" + std::to_string(i)};
  e.SetEnabled(Service::kDns, true);
  for (int n = 0; n < 4; ++n)
    e.name_servers.push_back({"ns" + std::to_string(n) + ".nic.tld" + std::to_string(i),
                              {"192.0." + std::to_string(n) + "." + std::to_string(i + 1),
                               "2001:db8:" + std::to_string(n) + "::" + std::to_string(i + 1)}});
  return e;
}

double Ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

double Pct(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  const int entities = bench::IntArg(argc, argv, "entities", 3);
  const int days = bench::IntArg(argc, argv, "days", 30);
  const int runs = bench::IntArg(argc, argv, "runs", 40);
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("tldmon_dashboard_bench_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "tldmon.db").string();
  {
    auto opened = store::SqliteStore::Open(path);
    Die(opened.status(), "open");
    store::SqliteStore& s = **opened;
    std::vector<EntityConfig> configs;
    for (int i = 0; i < entities; ++i) configs.push_back(Tld(i));
    Die(s.PutEntities(configs), "PutEntities");
    engine::EngineState state;
    const auto start = std::chrono::steady_clock::now();
    const int cycles = days * 1440;
    for (int m = 0; m < cycles; ++m) {
      engine::CycleOutput out;
      out.test = TestKind::kDns;
      out.cycle = kT0 + 60 * m;
      for (const EntityConfig& e : configs)
        for (std::uint16_t n = 0; n < 4; ++n)
          for (std::uint16_t ip = 0; ip < 2; ++ip)
            out.ns_ips.push_back({e.id, n, ip, CycleStatus::kUp, 40, 0,
                                  {36, 40 + (m * 7 + n) % 60, 150 + (m * 13 + ip) % 400},
                                  {4, 90 + m % 30, 300 + m % 200}});
      state.last_cycle[0] = out.cycle;
      Die(s.CommitCycle(out, state), "CommitCycle");
      if (m % 10000 == 0)
        std::fprintf(stderr, "  seeding: %d of %d cycles\n", m, cycles);
    }
    std::printf("seeded %d days x %d TLDs x 8 NS-IPs (%d rows) in %.1f s\n", days, entities,
                cycles * entities * 8, Ms(std::chrono::steady_clock::now() - start) / 1000);
  }
  const EntityId target = Tld(entities / 2).id;
  const UnixSeconds now = kT0 + static_cast<UnixSeconds>(days) * 86400;
  std::vector<double> view, read;
  std::size_t bytes = 0;
  double first = 0;
  {
    // Once before measuring: the file into the OS cache, as on a running
    // server (the store's own page cache is still empty at every run below).
    auto s = store::SqliteStore::Open(path);
    Die(s.status(), "open");
    const auto t = std::chrono::steady_clock::now();
    Die(web::RttViewJson(**s, target, days, now).status(), "RttViewJson");
    first = Ms(std::chrono::steady_clock::now() - t);
  }
  for (int r = 0; r < runs; ++r) {
    {
      auto s = store::SqliteStore::Open(path);
      Die(s.status(), "open");
      const auto t = std::chrono::steady_clock::now();
      std::size_t rows = 0;
      const Status st = (*s)->ForEachNsIpRtt(target, now - static_cast<UnixSeconds>(days) * 86400,
                                             now + 1, [&](const store::NsIpRtt&) { ++rows; });
      read.push_back(Ms(std::chrono::steady_clock::now() - t));
      Die(st, "ForEachNsIpRtt");
    }
    {
      auto s = store::SqliteStore::Open(path);
      Die(s.status(), "open");
      const auto t = std::chrono::steady_clock::now();
      auto json = web::RttViewJson(**s, target, days, now);
      view.push_back(Ms(std::chrono::steady_clock::now() - t));
      Die(json.status(), "RttViewJson");
      bytes = json->size();
    }
  }
  std::printf("first read after seeding (file not yet in the OS cache): %.1f ms\n", first);
  std::printf("store read alone (baseline): p50 %.1f ms, p99 %.1f ms\n", Pct(read, 0.5), Pct(read, 0.99));
  std::printf("RTT series, %d days, 8 NS-IPs, cold: p50 %.1f ms, p99 %.1f ms (%zu bytes of JSON)\n",
              days, Pct(view, 0.5), Pct(view, 0.99), bytes);
  std::printf("ratio to the store read: %.2fx; p99 against the 100 ms target: %.2f\n",
              Pct(view, 0.5) / Pct(read, 0.5), Pct(view, 0.99) / 100.0);
  std::filesystem::remove_all(dir);
  return 0;
}
