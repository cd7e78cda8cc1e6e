// tldmon_store_bench: measures SqliteStore at deployment scale (not a test;
// prints timings, asserts nothing about them). Default: 1500 TLDs x 40 probes,
// DNS with 4 name servers x 2 IPs each (8 metrics per report), i.e. the
// 60,000 reports a minute that DESIGN.md "Storage" plans for.
//
//   tldmon_store_bench [dir] [entities] [probes] [minutes]
//
// Build it in Release for meaningful numbers. Uses steady_clock: a tool, not
// library code, so the "no wall clock below app/" rule is not at stake.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_store.h"

namespace {

using tldmon::EntityConfig;
using tldmon::EntityId;
using tldmon::EntityKind;
using tldmon::ProbeIndex;
using tldmon::ProbeReport;
using tldmon::Service;
using tldmon::TestKind;
using tldmon::UnixSeconds;
namespace engine = tldmon::engine;
namespace store = tldmon::store;

constexpr UnixSeconds kT0 = 1767225600;  // 2026-01-01T00:00:00Z

// Wall time and this process's CPU time: on a shared, loaded machine the CPU
// time is the steadier figure (the wall time includes waiting for a core).
struct Timer {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  std::clock_t cpu = std::clock();
};
std::string MsSince(const Timer& t) {
  const double wall =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t.wall).count();
  const double cpu = 1000.0 * static_cast<double>(std::clock() - t.cpu) / CLOCKS_PER_SEC;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f ms (cpu %.1f ms)", wall, cpu);
  return buf;
}

void Die(const tldmon::Status& s, const char* what) {
  if (s.ok()) return;
  std::fprintf(stderr, "%s failed: %s\n", what, s.ToString().c_str());
  std::exit(1);
}

EntityConfig Tld(int i) {
  EntityConfig e;
  e.id = {EntityKind::kRegistry, "tld" + std::to_string(i)};
  for (Service s : {Service::kDns, Service::kDnssec, Service::kRdds, Service::kRdap})
    e.SetEnabled(s, true);
  for (int n = 0; n < 4; ++n)
    e.name_servers.push_back(
        {"ns" + std::to_string(n) + ".nic.tld" + std::to_string(i),
         {"192.0." + std::to_string(n) + "." + std::to_string(i % 250 + 1),
          "2001:db8:" + std::to_string(n) + "::" + std::to_string(i % 250 + 1)}});
  e.rdds43_server = "whois.nic.tld" + std::to_string(i);
  e.rdap_base_url = "https://rdap.nic.tld" + std::to_string(i) + "/";
  e.test_domain = "nic.tld" + std::to_string(i);
  return e;
}

ProbeReport Report(const EntityConfig& e, ProbeIndex probe, UnixSeconds cycle) {
  ProbeReport r;
  r.probe = probe;
  r.entity = e.id;
  r.test = TestKind::kDns;
  r.cycle = cycle;
  r.tested_name = "nonexistent-tldmon." + e.id.id + ".";
  for (std::uint16_t n = 0; n < 4; ++n)
    for (std::uint16_t ip = 0; ip < 2; ++ip) {
      // Varied but deterministic RTTs, some timeouts.
      const auto v = static_cast<std::int32_t>((probe * 37 + n * 11 + ip * 5 + cycle / 60) % 400);
      r.metrics.push_back({n, ip, v == 399 ? -200 : v, cycle + 1 + probe % 10, "",
                           ip == 0 ? "6e73" + std::to_string(n) : ""});
    }
  return r;
}

std::uintmax_t DbBytes(const std::string& path) {
  std::uintmax_t total = 0;
  for (const char* suffix : {"", "-wal"}) {
    std::error_code ec;
    const auto n = std::filesystem::file_size(path + suffix, ec);
    if (!ec) total += n;
  }
  return total;
}

// Bytes of the compressed chunks, read on a separate connection.
long long ChunkBytes(const std::string& path) {
  sqlite3* db = nullptr;
  long long n = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT total(length(blob)) FROM report_chunk", -1, &st, nullptr) ==
            SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : std::filesystem::temp_directory_path().string();
  const int entities = argc > 2 ? std::atoi(argv[2]) : 1500;
  const int probes = argc > 3 ? std::atoi(argv[3]) : 40;
  const int minutes = argc > 4 ? std::atoi(argv[4]) : 5;
  const std::string path = dir + "/tldmon_store_bench.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);

  auto opened = store::SqliteStore::Open(path);
  Die(opened.status(), "open");
  store::Store& s = **opened;

  std::vector<EntityConfig> configs;
  for (int i = 0; i < entities; ++i) configs.push_back(Tld(i));
  Timer t;
  Die(s.PutEntities(configs), "PutEntities");
  std::printf("PutEntities(%d): %s\n", entities, MsSince(t).c_str());
  for (int p = 0; p < probes; ++p) {
    tldmon::ProbeNode n;
    n.name = "Probe" + std::to_string(p);
    Die(s.AddProbe(n).status(), "AddProbe");
  }

  std::printf("reports per minute: %d (%d entities x %d probes, 8 metrics each)\n",
              entities * probes, entities, probes);
  // Even minutes: the whole minute in one call. Odd minutes: one call per
  // probe (1500 reports each), as the ingest sees one probe's push at a time.
  for (int m = 0; m < minutes; ++m) {
    const UnixSeconds cycle = kT0 + 60 * m;
    std::vector<std::vector<ProbeReport>> batches(m % 2 == 0 ? 1
                                                             : static_cast<std::size_t>(probes));
    for (int p = 0; p < probes; ++p)
      for (const EntityConfig& e : configs)
        batches[m % 2 == 0 ? 0 : static_cast<std::size_t>(p)].push_back(
            Report(e, static_cast<ProbeIndex>(p), cycle));
    std::size_t inserted = 0, duplicates = 0;
    t = Timer();
    for (const auto& b : batches) {
      auto out = s.PutReports(b);
      Die(out.status(), "PutReports");
      inserted += out->inserted;
    }
    const std::string put_ms = MsSince(t);
    t = Timer();
    for (const auto& b : batches) {
      auto again = s.PutReports(b);
      Die(again.status(), "PutReports (repeat)");
      duplicates += again->duplicates;
    }
    const std::string dup_ms = MsSince(t);
    t = Timer();
    auto read = s.CycleReports(TestKind::kDns, cycle);
    const std::string read_ms = MsSince(t);
    Die(read.status(), "CycleReports");
    std::printf(
        "minute %d, %zu call(s): PutReports %s, %zu new; again %s, %zu duplicates; "
        "CycleReports %s, %zu\n",
        m, batches.size(), put_ms.c_str(), inserted, dup_ms.c_str(), duplicates, read_ms.c_str(),
        read->size());
  }
  std::printf("database after %d minutes: %.1f MiB (%.0f bytes per report)\n", minutes,
              static_cast<double>(DbBytes(path)) / (1 << 20),
              static_cast<double>(DbBytes(path)) / (minutes * entities * probes));

  // Engine results: 1500 entities x (DNS + DNSSEC verdicts, 8 NS-IP verdicts).
  engine::EngineState state;
  state.probes.resize(static_cast<std::size_t>(probes));
  for (const EntityConfig& e : configs) {
    engine::EntityState& es = state.entities[e.id];
    for (int n = 0; n < 4; ++n)
      for (int ip = 0; ip < 2; ++ip)
        es.ns_ips.push_back({e.name_servers[n].name, e.name_servers[n].ips[ip], kT0, 0, {}});
  }
  for (int m = 0; m < minutes; ++m) {
    const UnixSeconds cycle = kT0 + 60 * m;
    engine::CycleOutput out;
    out.test = TestKind::kDns;
    out.cycle = cycle;
    out.probe_online.assign(static_cast<std::size_t>(probes), true);
    for (const EntityConfig& e : configs) {
      out.verdicts.push_back(
          {e.id, Service::kDns, tldmon::CycleStatus::kUp, probes, probes, probes});
      out.verdicts.push_back(
          {e.id, Service::kDnssec, tldmon::CycleStatus::kUp, probes, probes, probes});
      for (std::uint16_t n = 0; n < 4; ++n)
        for (std::uint16_t ip = 0; ip < 2; ++ip)
          out.ns_ips.push_back({e.id, n, ip, tldmon::CycleStatus::kUp, probes, 0,
                                {probes, 40 + ip, 90 + n}, {}});
      engine::EntityState& es = state.entities[e.id];
      for (Service sv : {Service::kDns, Service::kDnssec})
        es.services[static_cast<std::size_t>(sv)].last_cycle = cycle;
      es.rtt[0].performed += probes * 8;
    }
    state.last_cycle[0] = cycle;
    for (auto& p : state.probes) p.last_minute = cycle;
    t = Timer();
    Die(s.CommitCycle(out, state), "CommitCycle");
    std::printf("CommitCycle %d (%zu verdicts, %zu NS-IP verdicts, %s): %s\n", m,
                out.verdicts.size(), out.ns_ips.size(), m == 0 ? "full state" : "changed rows only",
                MsSince(t).c_str());
  }
  t = Timer();
  auto loaded = s.LoadEngineState();
  Die(loaded.status(), "LoadEngineState");
  std::printf("LoadEngineState: %s (equal: %s)\n", MsSince(t).c_str(),
              *loaded == state ? "yes" : "NO");

  // Compaction of the day (the engine has moved past it).
  engine::CycleOutput next;
  next.test = TestKind::kDns;
  next.cycle = kT0 + 86400;
  state.last_cycle[0] = next.cycle;
  Die(s.CommitCycle(next, state), "CommitCycle (next day)");
  const std::uintmax_t before = DbBytes(path);
  t = Timer();
  auto compacted = s.CompactDay(kT0);
  Die(compacted.status(), "CompactDay");
  std::printf("CompactDay: %s (%zu reports into %zu chunks)\n", MsSince(t).c_str(),
              compacted->reports, compacted->chunks);
  t = Timer();
  auto one = s.EntityCycleReports(configs[0].id, TestKind::kDns, kT0);
  Die(one.status(), "EntityCycleReports");
  std::printf("EntityCycleReports from a chunk: %s (%zu reports)\n", MsSince(t).c_str(),
              one->size());
  t = Timer();
  auto all = s.CycleReports(TestKind::kDns, kT0);
  Die(all.status(), "CycleReports");
  std::printf("CycleReports from chunks: %s (%zu reports)\n", MsSince(t).c_str(), all->size());
  const long long chunk_bytes = ChunkBytes(path);
  std::printf("compressed chunks: %.2f MiB (%.1f bytes per report); file was %.1f MiB before\n",
              static_cast<double>(chunk_bytes) / (1 << 20),
              static_cast<double>(chunk_bytes) / static_cast<double>(compacted->reports),
              static_cast<double>(before) / (1 << 20));
  return 0;
}
