// The engine loop of serve picks up an edit committed to the store (the
// store's change generation moved, in the edit's own transaction) at its
// next tick, without a restart, and the edit is in force from there
// (docs/operations.md "Several processes on one data directory").
#include "app/engine_loop.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <span>
#include <string>

#include "store/sqlite/sqlite_store.h"

namespace tldmon::app {
namespace {

constexpr UnixSeconds kT0 = 1767225600;  // 2026-01-01T00:00:00Z

EntityConfig Tld(const std::string& name) {
  EntityConfig e;
  e.id = {EntityKind::kRegistry, name};
  e.SetEnabled(Service::kDns, true);
  e.dnssec = false;
  e.name_servers = {{"ns1.nic." + name, {"192.0.2.1"}}, {"ns2.nic." + name, {"192.0.2.2"}}};
  return e;
}

class EngineLoopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tldmon_loop_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto s = store::SqliteStore::Open(dir_ + "/tldmon.db");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    const EntityConfig e = Tld("example");
    ASSERT_TRUE(store_->PutEntities(std::span<const EntityConfig>(&e, 1)).ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string dir_;
  std::unique_ptr<store::SqliteStore> store_;
};

TEST_F(EngineLoopTest, AnEditCommittedToTheStoreIsInForceAtTheNextTick) {
  FakeClock clock(kT0);
  DueCyclesDriver driver;
  EngineLoopOptions options;
  options.lock_path = dir_ + "/engine.lock";
  options.pipeline.start = kT0;
  EngineLoop loop(store_.get(), nullptr, &clock, &clock, &driver, options);
  ASSERT_TRUE(loop.Open().ok());
  ASSERT_TRUE(loop.Tick().ok());
  ASSERT_NE(loop.pipeline(), nullptr);
  EXPECT_EQ(loop.pipeline()->engine().entities().size(), 1u);

  // What `tldmon admin entity add|update` commits while serve runs.
  EntityConfig edited = Tld("example");
  edited.name_servers = {{"ns3.nic.example", {"192.0.2.3"}}};
  edited.config_times = {kT0 + 30};
  const std::vector<EntityConfig> edit = {edited, Tld("second")};
  ASSERT_TRUE(store_->PutEntities(edit).ok());

  int changes = 0;
  loop.SetHooks({[&] { ++changes; }, nullptr, nullptr});
  clock.Advance(60);
  ASSERT_TRUE(loop.Tick().ok());
  EXPECT_EQ(changes, 1);
  ASSERT_NE(loop.pipeline(), nullptr);
  const engine::Engine& engine = loop.pipeline()->engine();
  ASSERT_EQ(engine.entities().size(), 2u);
  const EntityConfig* now = engine.FindEntity(edited.id);
  ASSERT_NE(now, nullptr);
  EXPECT_EQ(*now, edited);
  EXPECT_EQ(engine.state().entities.at(edited.id).ns_ips.size(), 1u);

  // Nothing changed since: the next tick does not re-open.
  clock.Advance(60);
  ASSERT_TRUE(loop.Tick().ok());
  EXPECT_EQ(changes, 1);
}

}  // namespace
}  // namespace tldmon::app
