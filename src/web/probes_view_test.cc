#include "web/probes_view.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/sqlite/temp_sqlite_store.h"

namespace tldmon::web {
namespace {

constexpr UnixSeconds kProbesViewT0 = 1'767'225'600;

TEST(ProbesView, OnlineHistoryPerCommittedCycleAndThePushesOfRealProbes) {
  store::testing::TempSqliteStore store;
  for (const char* name : {"Amsterdam1", "Tokyo1"}) {
    ProbeNode p;
    p.name = name;
    ASSERT_TRUE(store.store().AddProbe(p).ok());
  }
  // Two committed DNS cycles: Tokyo1 offline in the second.
  engine::EngineState state;
  state.probes.resize(2);
  for (const auto& [cycle, tokyo] : {std::pair{kProbesViewT0 + 60, true}, std::pair{kProbesViewT0 + 120, false}}) {
    engine::CycleOutput out;
    out.test = TestKind::kDns;
    out.cycle = cycle;
    out.probe_online = {true, tokyo};
    state.last_cycle[0] = cycle;
    ASSERT_TRUE(store.store().CommitCycle(out, state).ok());
  }
  const std::map<std::string, ProbeDelivery> deliveries = {{"Tokyo1", {kProbesViewT0 + 170, kProbesViewT0 + 120, 42}}};
  auto body = ProbesViewJson(store.store(), 1, kProbesViewT0 + 180, deliveries);
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  const nlohmann::json j = nlohmann::json::parse(*body);
  EXPECT_EQ(j["lastCycle"], kProbesViewT0 + 120);
  ASSERT_EQ(j["probes"].size(), 2u);
  const nlohmann::json& ams = j["probes"][0];
  const nlohmann::json& tokyo = j["probes"][1];
  EXPECT_EQ(ams["online"], true);
  EXPECT_EQ(tokyo["online"], false);
  EXPECT_EQ(tokyo["onlinePercent"], 50.0);
  // The last hour, one column a minute: only the two committed cycles are known.
  ASSERT_EQ(tokyo["history"].size(), 60u);
  EXPECT_EQ(tokyo["history"][58], 1);  // kProbesViewT0 + 60 = from + 58 minutes
  EXPECT_EQ(tokyo["history"][59], 0);
  EXPECT_EQ(tokyo["history"][0], -1);
  EXPECT_FALSE(ams.contains("delivery"));
  EXPECT_EQ(tokyo["delivery"], nlohmann::json::parse(R"({"lastPush":1767225770,"lagSeconds":50,"outboxDepth":42})"));
}

}  // namespace
}  // namespace tldmon::web
