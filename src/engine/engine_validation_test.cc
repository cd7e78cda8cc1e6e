// Engine input validation (errors leave the state unchanged), determinism,
// configuration updates and Restore().
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "engine/engine.h"
#include "engine/engine_test_fixture.h"

namespace tldmon::engine {
namespace {

using namespace testing;  // NOLINT: test fixture builders

class EngineValidationTest : public ::testing::Test {
 protected:
  EngineValidationTest() : engine_(SlaParams::Defaults(), {MakeTld()}, MakeProbes(20)) {
    // Two DNS cycles processed, minutes recorded up to kT0 + 120.
    RunCycle(engine_, TestKind::kDns, kT0, DnsReports(e(), kT0, 20, 20));
    RunCycle(engine_, TestKind::kDns, kT0 + 60, DnsReports(e(), kT0 + 60, 20, 0));
    RecordMinutes(engine_, kT0 + 120, kT0 + 180);
    before_ = engine_.state();
  }
  const EntityConfig& e() const { return engine_.entities()[0]; }
  StatusCode Process(TestKind test, UnixSeconds cycle, const std::vector<ProbeReport>& r) {
    return engine_.ProcessCycle(test, cycle, r).status().code();
  }

  Engine engine_;
  EngineState before_;
};

TEST_F(EngineValidationTest, CycleSequence) {
  const UnixSeconds next = kT0 + 120;
  EXPECT_EQ(Process(TestKind::kDns, kT0 + 60, {}), StatusCode::kFailedPrecondition);   // repeat
  EXPECT_EQ(Process(TestKind::kDns, kT0 + 180, {}), StatusCode::kFailedPrecondition);  // gap
  EXPECT_EQ(Process(TestKind::kDns, next + 1, {}), StatusCode::kInvalidArgument);      // misaligned
  EXPECT_EQ(Process(TestKind::kRdap, kT0 + 60, {}),
            StatusCode::kInvalidArgument);  // not 300-aligned
  EXPECT_EQ(Process(TestKind::kEpp, next, {}), StatusCode::kInvalidArgument);
  // The first RDAP cycle [kT0, kT0 + 299] lacks minutes 180 and 240.
  EXPECT_EQ(Process(TestKind::kRdap, kT0, {}), StatusCode::kFailedPrecondition);
  EXPECT_EQ(engine_.state(), before_);
  EXPECT_EQ(Process(TestKind::kDns, next, {}), StatusCode::kOk);
}

TEST_F(EngineValidationTest, UnrecordedMinute) {
  // Skip minute kT0 + 180: its DNS cycle cannot be processed, the next can't
  // either (it would be a gap).
  ASSERT_TRUE(engine_.RecordProbeMinute(kT0 + 240, Samples(20)).ok());
  ASSERT_EQ(Process(TestKind::kDns, kT0 + 120, {}), StatusCode::kOk);
  const EngineState snapshot = engine_.state();
  EXPECT_EQ(Process(TestKind::kDns, kT0 + 180, {}), StatusCode::kFailedPrecondition);
  EXPECT_EQ(engine_.state(), snapshot);
}

TEST_F(EngineValidationTest, BadReports) {
  const UnixSeconds c = kT0 + 120;
  auto with = [&](auto mutate) {
    std::vector<ProbeReport> r = DnsReports(e(), c, 20, 10);
    mutate(r);
    return Process(TestKind::kDns, c, r);
  };
  EXPECT_EQ(with([](auto& r) { r[3].cycle -= 60; }), StatusCode::kInvalidArgument);
  EXPECT_EQ(with([](auto& r) { r[3].test = TestKind::kRdap; }), StatusCode::kInvalidArgument);
  EXPECT_EQ(with([](auto& r) { r[3].entity = Tld("unknown"); }), StatusCode::kInvalidArgument);
  EXPECT_EQ(with([](auto& r) { r[3].probe = 20; }), StatusCode::kInvalidArgument);
  EXPECT_EQ(with([](auto& r) { r[3].metrics[0].target = 3; }), StatusCode::kInvalidArgument);
  EXPECT_EQ(with([](auto& r) { r[3].metrics[2].ip_index = 1; }), StatusCode::kInvalidArgument);
  EXPECT_EQ(with([](auto& r) { r[19].probe = 2; }), StatusCode::kInvalidArgument);  // duplicate
  EXPECT_EQ(engine_.state(), before_);

  RecordMinutes(engine_, kT0 + 180, kT0 + 300);
  std::vector<ProbeReport> rdds = {ServiceReport(0, e(), TestKind::kRdds, kT0, {Value(2, 100)})};
  EXPECT_EQ(Process(TestKind::kRdds, kT0, rdds), StatusCode::kInvalidArgument);
  std::vector<ProbeReport> rdap = {ServiceReport(0, e(), TestKind::kRdap, kT0, {Value(1, 100)})};
  EXPECT_EQ(Process(TestKind::kRdap, kT0, rdap), StatusCode::kInvalidArgument);
}

TEST_F(EngineValidationTest, RecordProbeMinuteErrors) {
  const UnixSeconds next = kT0 + 180;
  EXPECT_EQ(engine_.RecordProbeMinute(next + 30, Samples(20)).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_.RecordProbeMinute(kT0 + 120, Samples(20)).code(),
            StatusCode::kFailedPrecondition);
  std::vector<ProbeMinuteSample> bad = Samples(20);
  bad[5].probe = 20;
  EXPECT_EQ(engine_.RecordProbeMinute(next, bad).code(), StatusCode::kInvalidArgument);
  bad = Samples(20);
  bad[5].probe = 4;
  EXPECT_EQ(engine_.RecordProbeMinute(next, bad).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_.state(), before_);
}

TEST(EngineDeterminismTest, SameInputsGiveIdenticalState) {
  std::vector<EntityConfig> entities = {MakeTld("alpha"), MakeTld("beta"), MakeTld("gamma")};
  entities[2].min_ns = MinNsSchedule::Parse("3").value();
  auto run = [&](bool shuffle) {
    Engine engine(SlaParams::Defaults(), entities, MakeProbes(24));
    std::mt19937 rng(7);  // fixed seed: the shuffle itself is deterministic
    std::vector<std::vector<CycleStatus>> statuses;
    for (int i = 0; i < 40; ++i) {
      const UnixSeconds c = kT0 + 60 * i;
      std::vector<ProbeReport> reports;
      for (const EntityConfig& e : entities) {
        // Alternating blocks of healthy and failing cycles, varying by entity.
        const int len = static_cast<int>(e.id.id.size());
        const int positive = ((i + len) / 4) % 2 == 0 ? 24 : (i * 7 + len) % 12;
        for (ProbeReport& r : DnsReports(e, c, 24, positive)) reports.push_back(std::move(r));
      }
      if (shuffle) std::shuffle(reports.begin(), reports.end(), rng);
      const std::set<ProbeIndex> offline =
          i % 5 == 0 ? std::set<ProbeIndex>{1, 2} : std::set<ProbeIndex>{};
      const CycleOutput out = RunCycle(engine, TestKind::kDns, c, reports, offline);
      std::vector<CycleStatus> s;
      for (const ServiceVerdict& v : out.verdicts) s.push_back(v.status);
      for (const NsIpVerdict& v : out.ns_ips) s.push_back(v.status);
      statuses.push_back(s);
    }
    return std::make_pair(engine.state(), statuses);
  };
  const auto a = run(false);
  const auto b = run(false);
  const auto c = run(true);
  EXPECT_EQ(a.first, b.first);
  EXPECT_EQ(a.first, c.first);  // report order does not matter
  EXPECT_EQ(a.second, c.second);
  // The pattern produced incidents, so the comparison is not vacuous.
  std::size_t incidents = 0;
  for (const auto& [id, es] : a.first.entities) incidents += es.services[0].incidents.size();
  EXPECT_GT(incidents, 0U);
}

// A configuration change reaches a running engine the way it reaches a
// restarted one: Engine::Restore from the engine's own state (engine.h).
TEST(EngineConfigTest, RestoreOnAChangedConfigurationKeepsWhatStillExists) {
  std::vector<EntityConfig> entities = {MakeTld("alpha"), MakeTld("beta")};
  std::vector<ProbeNode> probes = MakeProbes(20);
  Engine engine(SlaParams::Defaults(), entities, probes);
  // Every NS-IP of alpha Down for two cycles.
  for (int i = 0; i < 2; ++i) {
    const UnixSeconds c = kT0 + 60 * i;
    RunCycle(engine, TestKind::kDns, c, DnsReports(entities[0], c, 20, 0));
  }
  ASSERT_EQ(engine.state().entities.at(Tld("alpha")).ns_ips[0].month_down_cycles, 2);
  const ProbeState probe0 = engine.state().probes[0];

  // alpha: ns1 keeps only 192.0.2.1, ns2/ns3 replaced by ns5; beta removed;
  // gamma added; one probe appended (probes are append-only, store.h).
  EntityConfig alpha = entities[0];
  alpha.name_servers = {{"ns1.nic.alpha", {"192.0.2.1"}}, {"ns5.nic.alpha", {"192.0.2.5"}}};
  alpha.config_times = {kT0 + 100};
  const std::vector<ProbeNode> new_probes = MakeProbes(21);
  {
    Result<Engine> r = Engine::Restore(SlaParams::Defaults(), {alpha, MakeTld("gamma")}, new_probes,
                                       engine.state());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    engine = std::move(*r);
  }

  const EngineState& s = engine.state();
  EXPECT_EQ(s.entities.count(Tld("beta")), 0U);
  ASSERT_EQ(s.entities.count(Tld("gamma")), 1U);
  EXPECT_EQ(s.entities.at(Tld("gamma")).ns_ips.size(), 4U);
  const std::vector<NsIpState>& ns = s.entities.at(Tld("alpha")).ns_ips;
  ASSERT_EQ(ns.size(), 2U);
  EXPECT_EQ(ns[0].ip, "192.0.2.1");
  EXPECT_EQ(ns[0].month_down_cycles, 2);
  EXPECT_EQ(ns[1].ns, "ns5.nic.alpha");
  EXPECT_EQ(ns[1].month_down_cycles, 0);
  ASSERT_EQ(s.probes.size(), 21U);
  EXPECT_EQ(s.probes[0], probe0);  // the probe keeps its history
  EXPECT_EQ(s.probes[20], ProbeState{});

  // Reports for the removed entity are now rejected; the new layout is used.
  const UnixSeconds c = kT0 + 120;
  EXPECT_EQ(
      engine.ProcessCycle(TestKind::kDns, c, DnsReports(MakeTld("beta"), c, 1, 1)).status().code(),
      StatusCode::kFailedPrecondition);  // minute not recorded yet
  RecordMinutes(engine, c, c + 60);
  EXPECT_EQ(
      engine.ProcessCycle(TestKind::kDns, c, DnsReports(MakeTld("beta"), c, 1, 1)).status().code(),
      StatusCode::kInvalidArgument);
  Result<CycleOutput> out = engine.ProcessCycle(TestKind::kDns, c, DnsReports(alpha, c, 21, 21));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->verdicts[0].status, CycleStatus::kUpInconclusiveReconfig);
  EXPECT_EQ(out->ns_ips.size(), 2U + 4U);

  // Invalid configurations are rejected.
  EXPECT_EQ(Engine::Restore(SlaParams::Defaults(), {alpha, alpha}, new_probes, engine.state())
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

TEST(EngineConfigTest, RestoreChecksFitAndResumesExactly) {
  std::vector<EntityConfig> entities = {MakeTld("alpha"), MakeTld("beta")};
  Engine engine(SlaParams::Defaults(), entities, MakeProbes(20));
  for (int i = 0; i < 5; ++i) {
    const UnixSeconds c = kT0 + 60 * i;
    RunCycle(engine, TestKind::kDns, c, DnsReports(entities[0], c, 20, 0));
  }
  const EngineState saved = engine.state();

  // Probes are never removed (store.h): fewer configured than in the state
  // is damage, not a configuration change.
  EXPECT_EQ(Engine::Restore(SlaParams::Defaults(), entities, MakeProbes(19), saved).status().code(),
            StatusCode::kInvalidArgument);
  EngineState bad_ids = saved;
  bad_ids.next_event_id = 1;
  EXPECT_EQ(
      Engine::Restore(SlaParams::Defaults(), entities, MakeProbes(20), bad_ids).status().code(),
      StatusCode::kInvalidArgument);

  // Unchanged configuration: the restored engine resumes exactly.
  Result<Engine> restored = Engine::Restore(SlaParams::Defaults(), entities, MakeProbes(20), saved);
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(restored->state(), engine.state());
  for (int i = 5; i < 9; ++i) {
    const UnixSeconds c = kT0 + 60 * i;
    const auto reports = DnsReports(entities[0], c, 20, i % 2 ? 20 : 0);
    const CycleOutput a = RunCycle(engine, TestKind::kDns, c, reports);
    const CycleOutput b = RunCycle(*restored, TestKind::kDns, c, reports);
    EXPECT_EQ(a.incidents.size(), b.incidents.size());
  }
  EXPECT_EQ(restored->state(), engine.state());
  EXPECT_EQ(restored->Summarize(Tld("alpha"), Service::kDns).downtime_minutes,
            engine.Summarize(Tld("alpha"), Service::kDns).downtime_minutes);
}

}  // namespace
}  // namespace tldmon::engine
