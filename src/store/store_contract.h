// The Store contract suite's plug-in point (test-only header). A backend
// joins the suite with one line in its own *_test.cc:
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest,
//                            ::testing::Values(StoreBackend{"Sqlite", &MakeSqliteHarness}));
//
// The tests themselves are in store_contract_test.cc and use only the Store
// interface, so a PostgresStore passes the same suite unchanged.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"
#include "engine/engine.h"
#include "store/store.h"

namespace tldmon::store::testing {

// One empty database for one test. Open() may be called again after the
// previous Store was destroyed and must open the same database: that is how
// the suite checks what survives a restart.
class StoreHarness {
 public:
  virtual ~StoreHarness() = default;
  virtual Result<std::unique_ptr<Store>> Open() = 0;
};

struct StoreBackend {
  std::string name;
  std::function<std::unique_ptr<StoreHarness>()> make;  // a fresh, empty database
};

// gtest prints parameters in failure messages; a name beats a byte dump.
inline void PrintTo(const StoreBackend& b, std::ostream* os) { *os << b.name; }

inline std::string BackendName(const ::testing::TestParamInfo<StoreBackend>& info) {
  return info.param.name;
}

class StoreContractTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override;
  // Closes the store and opens the same database again.
  void Reopen();
  // Configures ExampleTld(), DnsOnlyTld(), Registrar() and ThreeProbes().
  void Seed();
  // CycleReports(test, cycle), failing the test on an error.
  std::vector<ProbeReport> Cycle(TestKind test, UnixSeconds cycle);
  // The reports of every (test, cycle) that `reports` touch.
  std::map<std::pair<TestKind, UnixSeconds>, std::vector<ProbeReport>> ReadAll(
      const std::vector<ProbeReport>& reports);
  // Commits an empty DNS cycle at the next midnight after kT0, so that the
  // day of kT0 is finished for CompactDay.
  void FinishDay();

  std::unique_ptr<StoreHarness> harness_;
  std::unique_ptr<Store> store_;
};

}  // namespace tldmon::store::testing

// ---- Shared test data and helpers of the contract suite ------------------

namespace tldmon::store::testing {

// 2026-01-01T00:00:00Z: a UTC midnight, hence a cycle start of every test.
inline constexpr UnixSeconds kT0 = 1767225600;

inline const Status& StatusOf(const Status& s) { return s; }
template <typename T>
const Status& StatusOf(const Result<T>& r) {
  return r.status();
}

#define TLDMON_ASSERT_OK(expr)                                                               \
  do {                                                                                       \
    const auto& tldmon_r_ = (expr);                                                          \
    ASSERT_TRUE(tldmon_r_.ok()) << ::tldmon::store::testing::StatusOf(tldmon_r_).ToString(); \
  } while (0)

// A gTLD with every registry service: two name servers, three IPs.
inline EntityConfig ExampleTld() {
  EntityConfig e;
  e.id = {EntityKind::kRegistry, "example"};
  for (Service s : {Service::kDns, Service::kDnssec, Service::kRdds, Service::kRdap})
    e.SetEnabled(s, true);
  e.name_servers = {{"ns1.example", {"192.0.2.1", "2001:db8::1"}},
                    {"ns2.example", {"198.51.100.2"}}};
  e.min_ns.initial = 2;
  e.min_ns.switches = {{kT0 + 86400, 1}};  // the "N;<ts>:M" form (slam-algorithms.md §4.1)
  e.rdds43_server = "whois.nic.example";
  e.rdds80_url = "https://whois.nic.example/";
  e.rdap_base_url = "https://rdap.nic.example/rdap/";
  e.test_domain = "nic.example";
  e.config_times = {kT0 - 3600, kT0 - 60};
  return e;
}

// A ccTLD with DNS only and DNSSEC not tested.
inline EntityConfig DnsOnlyTld() {
  EntityConfig e;
  e.id = {EntityKind::kRegistry, "test"};
  e.cctld = true;
  e.SetEnabled(Service::kDns, true);
  e.dnssec = false;
  e.name_servers = {{"a.nic.test", {"203.0.113.5"}}};
  e.min_ns.initial = 1;
  e.test_prefix = "probe-test";
  return e;
}

// A registrar: RDDS and RDAP only (mosapi-api.md §2.2).
inline EntityConfig Registrar() {
  EntityConfig e;
  e.id = {EntityKind::kRegistrar, "9999"};
  e.SetEnabled(Service::kRdds, true);
  e.SetEnabled(Service::kRdap, true);
  e.rdds80_url = "https://whois.registrar.test/";
  e.rdap_base_url = "https://rdap.registrar.test/";
  e.test_domain = "registrar.test";
  return e;
}

inline std::vector<ProbeNode> ThreeProbes() {
  ProbeNode a;
  a.name = "Probe1-Server1";
  a.ipv4_addresses = {"192.0.2.100"};
  a.ipv6_addresses = {"2001:db8::100"};
  ProbeNode b;
  b.name = "Probe2-Server1";
  b.ipv6 = false;
  b.ipv4_addresses = {"192.0.2.101", "192.0.2.102"};
  ProbeNode c;
  c.name = "Probe3-Server2";
  c.rdap = false;
  return {a, b, c};
}

// A DNS report touching both name servers, with an RTT, an error code
// (-200 UDP no reply, mosapi-api.md §8) and "no value".
inline ProbeReport DnsReport(ProbeIndex probe, UnixSeconds cycle,
                             const EntityId& entity = ExampleTld().id) {
  ProbeReport r;
  r.probe = probe;
  r.entity = entity;
  r.test = TestKind::kDns;
  r.cycle = cycle;
  r.transport = probe == 1 ? Transport::kTcp : Transport::kUdp;
  r.tested_name = "nonexistent-tldmon." + entity.id + ".";
  r.metrics.push_back(
      {0, 0, static_cast<std::int32_t>(20 + probe), cycle + 2, "", "6e73312d616d73"});
  if (entity == ExampleTld().id) {
    r.metrics.push_back({0, 1, -200, cycle + 2, "", ""});
    r.metrics.push_back({1, 0, kNoValue, cycle + 3, "", "6e7332"});
  }
  return r;
}

// An RDDS report: RDDS43 and RDDS80 with the addresses actually tested.
inline ProbeReport RddsReport(ProbeIndex probe, UnixSeconds cycle,
                              const EntityId& entity = ExampleTld().id) {
  ProbeReport r;
  r.probe = probe;
  r.entity = entity;
  r.test = TestKind::kRdds;
  r.cycle = cycle;
  r.tested_name = "nic.example";
  r.metrics.push_back({kRdds43Target, 0, 310, cycle + 5, "192.0.2.43", ""});
  r.metrics.push_back({kRdds80Target, 0, -255, cycle + 6, "2001:db8::80", ""});
  return r;
}

// An RDAP report that timed out (-405) before an address was known.
inline ProbeReport RdapReport(ProbeIndex probe, UnixSeconds cycle,
                              const EntityId& entity = ExampleTld().id) {
  ProbeReport r;
  r.probe = probe;
  r.entity = entity;
  r.test = TestKind::kRdap;
  r.cycle = cycle;
  r.tested_name = "nic.example";
  r.metrics.push_back({0, 0, -405, cycle + 7, "", ""});
  return r;
}

// Field-by-field comparisons for engine types that have no operator==.
MATCHER_P2(IsVerdict, cycle, want, "") {
  return arg.cycle == cycle && arg.verdict.entity == want.entity &&
         arg.verdict.service == want.service && arg.verdict.status == want.status &&
         arg.verdict.online == want.online && arg.verdict.with_results == want.with_results &&
         arg.verdict.positive == want.positive;
}
MATCHER_P2(IsNsIpVerdict, cycle, want, "") {
  return arg.cycle == cycle && arg.verdict.entity == want.entity && arg.verdict.ns == want.ns &&
         arg.verdict.ip == want.ip && arg.verdict.status == want.status &&
         arg.verdict.values == want.values && arg.verdict.down == want.down;
}
MATCHER_P(IsSample, want, "") {
  return arg.probe == want.probe && arg.check_ok == want.check_ok &&
         arg.manual_online == want.manual_online && arg.reachable == want.reachable;
}

}  // namespace tldmon::store::testing
