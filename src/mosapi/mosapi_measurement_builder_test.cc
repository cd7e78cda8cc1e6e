// MeasurementBuilder renders each measurement object with the configuration
// in force at its cycle (mosapi-api.md §6.10: ICANN writes each object at its
// cycle), not with the entity's current configuration.
#include "mosapi/mosapi_measurement_builder.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "documents/render_test_golden.h"
#include "ingest/cycle_pipeline.h"
#include "mosapi/mosapi_monitoring_config.h"
#include "sim/network.h"
#include "sim/network_feed.h"
#include "sim/network_topology.h"
#include "store/sqlite/sqlite_store.h"

namespace tldmon::mosapi {
namespace {

constexpr UnixSeconds kStart = 1767225600;         // 2026-01-01T00:00:00Z
constexpr UnixSeconds kChange = kStart + 20 * 60;  // name servers replaced here
// After the change, beyond its 20 min reconfiguration window (SlaParams::reconfig_seconds).
constexpr UnixSeconds kEnd = kChange + 40 * 60;
constexpr UnixSeconds kGrace = 120;

// Feeds the simulated network for `entities` into a pipeline over `store`
// from its resume point up to `to`.
void Feed(store::Store* store, const std::vector<EntityConfig>& entities,
          const std::vector<ProbeNode>& probes, UnixSeconds from, UnixSeconds to) {
  const sim::NetworkSimulator network(entities, probes, sim::NetworkOptions::Quiet(3));
  FakeClock clock(from);
  ingest::PipelineOptions options;
  options.start = kStart;
  options.grace_seconds = kGrace;
  options.publish_documents = false;
  auto pipeline = ingest::CyclePipeline::Open(store, nullptr, &clock, options);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  sim::NetworkFeed feed(&network, pipeline->get(), &clock);
  ASSERT_TRUE(feed.RunUntil(to, kGrace).ok());
}

std::set<std::string> NameServersOf(const nlohmann::json& object) {
  std::set<std::string> names;
  for (const nlohmann::json& ns : object["nameServerAvailability"]["nameServerStatus"])
    names.insert(ns["target"].get<std::string>());
  return names;
}

class MeasurementBuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("tldmon_builder_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto opened = store::SqliteStore::Open((dir_ / "tldmon.db").string());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::SqliteStore> store_;
};

TEST_F(MeasurementBuilderTest, OldCycleIsRenderedWithTheConfigurationOfItsCycle) {
  sim::TldShape shape;
  shape.min_ns = shape.max_ns = 2;
  shape.ipv6_share = 0;
  const EntityConfig before = sim::SyntheticTld("example", 0, 1, shape);
  const std::vector<ProbeNode> probes = sim::SyntheticProbes(3, 1);
  ASSERT_TRUE(store_->PutEntities(std::vector{before}).ok());
  for (const ProbeNode& p : probes) ASSERT_TRUE(store_->AddProbe(p).ok());
  Feed(store_.get(), {before}, probes, kStart, kChange);

  // The operator replaces both name servers (as `tldmon admin` does: the
  // change time is recorded, slam-algorithms.md §5).
  EntityConfig after = before;
  after.name_servers = {{"a.ns.example", {"192.0.2.53"}}, {"b.ns.example", {"192.0.2.54"}}};
  after.config_times.push_back(kChange);
  ASSERT_TRUE(store_->PutEntities(std::vector{after}).ok());
  Feed(store_.get(), {after}, probes, kChange, kEnd);

  FakeClock clock(kEnd);
  MonitoringConfigCache configs(*store_, clock, 60);
  auto config = configs.Get();
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const EntityConfig* current = (*config)->Find(before.id);
  ASSERT_NE(current, nullptr);
  ASSERT_EQ(current->name_servers, after.name_servers);

  MeasurementBuilder builder(*store_, MeasurementCacheLimits{});
  const UnixSeconds old_cycle = kStart + 5 * 60;
  auto old_object =
      builder.Build(**config, *current, Service::kDns, documents::ApiVersion::kV2, old_cycle);
  ASSERT_TRUE(old_object.ok()) << old_object.status().ToString();
  ASSERT_NE(*old_object, nullptr);
  const std::string old_body((*old_object)->identity());
  const nlohmann::json old_json =
      documents::testing::ExpectGoldenDocument("measurement_dns_v2_config_of_cycle", old_body);
  EXPECT_EQ(NameServersOf(old_json), (std::set<std::string>{"ns1.nic.example", "ns2.nic.example"}));

  // A cycle after the change (and after its reconfiguration window) shows
  // the new name servers.
  auto new_object =
      builder.Build(**config, *current, Service::kDns, documents::ApiVersion::kV2, kEnd - 5 * 60);
  ASSERT_TRUE(new_object.ok()) << new_object.status().ToString();
  ASSERT_NE(*new_object, nullptr);
  EXPECT_EQ(NameServersOf(nlohmann::json::parse((*new_object)->identity())),
            (std::set<std::string>{"a.ns.example", "b.ns.example"}));
}

}  // namespace
}  // namespace tldmon::mosapi
