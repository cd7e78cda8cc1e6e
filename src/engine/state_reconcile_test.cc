// ReconcileState is the one mapping of an engine's state to a changed
// configuration; Engine::Restore applies it, so serve (re-opening from the
// store after an admin edit) and the scenario runner (re-opening its running
// engine at a `reconfigure`) take the same path.
#include "engine/state_reconcile.h"

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/engine_test_fixture.h"

namespace tldmon::engine {
namespace {

using testing::DnsReports;
using testing::kT0;
using testing::MakeProbes;
using testing::MakeTld;
using testing::RunCycle;

// Two TLDs after four DNS cycles in which only 5 of 20 probes answer, so
// both carry an open incident, down streaks and NS-IP counters.
Engine EngineWithHistory() {
  Engine engine(SlaParams::Defaults(), {MakeTld("example"), MakeTld("other")}, MakeProbes(20));
  for (int i = 0; i < 4; ++i) {
    const UnixSeconds cycle = kT0 + 60 * i;
    std::vector<ProbeReport> reports = DnsReports(MakeTld("example"), cycle, 20, 5);
    for (ProbeReport& r : DnsReports(MakeTld("other"), cycle, 20, 5)) reports.push_back(r);
    RunCycle(engine, TestKind::kDns, cycle, reports);
  }
  return engine;
}

TEST(ReconcileStateTest, FittingStateIsUnchanged) {
  const Engine engine = EngineWithHistory();
  const std::vector<EntityConfig> entities = engine.entities();
  EXPECT_EQ(ReconcileState(engine.state(), entities, engine.probes().size()), engine.state());
}

TEST(ReconcileStateTest, RestoreFitsAStateMadeUnderAnOlderConfiguration) {
  Engine running = EngineWithHistory();
  ASSERT_FALSE(running.state().entities.at(testing::Tld("example")).ns_ips.empty());
  const EngineState saved = running.state();

  // The admin's changes: ry/other removed, ry/third added, ry/example loses
  // ns3 and gains ns4 (ns1's two IPs reordered), two probes appended.
  EntityConfig example = MakeTld("example");
  example.name_servers = {{"ns1.nic.example", {"2001:db8::1", "192.0.2.1"}},
                          {"ns2.nic.example", {"192.0.2.2"}},
                          {"ns4.nic.example", {"192.0.2.4"}}};
  example.config_times = {kT0 + 300};
  const std::vector<EntityConfig> entities = {example, MakeTld("third")};
  const std::vector<ProbeNode> probes = MakeProbes(22);

  ASSERT_NE(ReconcileState(saved, entities, probes.size()), saved)
      << "the old state must not fit, or this test proves nothing";

  Result<Engine> restored = Engine::Restore(SlaParams::Defaults(), entities, probes, saved);
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(restored->state(), ReconcileState(saved, entities, probes.size()));

  // Spot checks of the mapping itself (slam-algorithms.md §8): surviving
  // pairs keep their counters, the new pair starts at zero.
  const EntityState& es = restored->state().entities.at(testing::Tld("example"));
  ASSERT_EQ(es.ns_ips.size(), 4u);
  EXPECT_EQ(es.ns_ips[0].ip, "2001:db8::1");
  EXPECT_EQ(es.ns_ips[0], saved.entities.at(testing::Tld("example")).ns_ips[1]);
  EXPECT_EQ(es.ns_ips[3].ns, "ns4.nic.example");
  EXPECT_EQ(es.ns_ips[3].month_down_cycles, 0);
  EXPECT_EQ(restored->state().entities.count(testing::Tld("other")), 0u);
  EXPECT_EQ(restored->state().probes.size(), 22u);
}

TEST(ReconcileStateTest, MoreProbesThanConfiguredStillFailsRestore) {
  const Engine engine = EngineWithHistory();
  const std::vector<EntityConfig> entities = engine.entities();
  const std::vector<ProbeNode> fewer = MakeProbes(19);
  EngineState fitted = ReconcileState(engine.state(), entities, fewer.size());
  EXPECT_EQ(fitted.probes.size(), 20u);
  EXPECT_FALSE(Engine::Restore(SlaParams::Defaults(), entities, fewer, fitted).ok());
}

}  // namespace
}  // namespace tldmon::engine
