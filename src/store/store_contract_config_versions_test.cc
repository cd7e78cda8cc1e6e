// Store contract, part 5: configuration versions (Store::EntityConfigAt).
// A measurement object of an old cycle is rendered with the configuration of
// its cycle (mosapi-api.md §6.10), so the store keeps each configuration with
// the time from which it was in force. Uses only the Store interface.
#include <limits>
#include <optional>
#include <vector>

#include "store/store_contract.h"

namespace tldmon::store::testing {
namespace {

std::optional<EntityConfig> At(Store& store, const EntityId& id, UnixSeconds t) {
  Result<std::optional<EntityConfig>> r = store.EntityConfigAt(id, t);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::nullopt;
}

TEST_P(StoreContractTest, EachConfigurationIsInForceFromItsChangeTime) {
  EntityConfig first = ExampleTld();
  first.config_times.clear();  // never changed: in force from the beginning
  TLDMON_ASSERT_OK(store_->PutEntities(std::vector{first}));
  EntityConfig second = first;
  second.name_servers = {{"ns3.example", {"192.0.2.3"}}};
  second.config_times.push_back(kT0 + 3600);
  TLDMON_ASSERT_OK(store_->PutEntities(std::vector{second}));
  EntityConfig third = second;
  third.rdds43_server = "whois2.nic.example";
  third.config_times.push_back(kT0 + 7200);
  TLDMON_ASSERT_OK(store_->PutEntities(std::vector{third}));
  Reopen();

  const EntityId id = first.id;
  EXPECT_EQ(At(*store_, id, std::numeric_limits<UnixSeconds>::min()), first);
  EXPECT_EQ(At(*store_, id, kT0), first);
  EXPECT_EQ(At(*store_, id, kT0 + 3599), first);
  EXPECT_EQ(At(*store_, id, kT0 + 3600), second);
  EXPECT_EQ(At(*store_, id, kT0 + 7199), second);
  EXPECT_EQ(At(*store_, id, kT0 + 7200), third);
  EXPECT_EQ(At(*store_, id, kT0 + 86400 * 365), third);
  // The current configuration is unchanged by keeping versions.
  EXPECT_EQ(*store_->LoadEntities(), std::vector{third});
}

TEST_P(StoreContractTest, APutWithoutANewChangeTimeReplacesTheVersionInForce) {
  EntityConfig e = ExampleTld();
  e.config_times = {kT0};
  TLDMON_ASSERT_OK(store_->PutEntities(std::vector{e}));
  e.test_domain = "other.example";  // edited without recording a change time
  TLDMON_ASSERT_OK(store_->PutEntities(std::vector{e}));
  EXPECT_EQ(At(*store_, e.id, kT0), e);
  // Before its first change time no version is in force.
  EXPECT_EQ(At(*store_, e.id, kT0 - 1), std::nullopt);
}

TEST_P(StoreContractTest, VersionsOfARemovedEntityStayReadable) {
  TLDMON_ASSERT_OK(store_->PutEntities(std::vector{ExampleTld(), Registrar()}));
  TLDMON_ASSERT_OK(store_->RemoveEntity(ExampleTld().id));
  EXPECT_EQ(At(*store_, ExampleTld().id, kT0), ExampleTld());
  EXPECT_EQ(At(*store_, Registrar().id, kT0), Registrar());
  EXPECT_EQ(store_->EntityConfigAt(EntityId{EntityKind::kRegistry, "nosuch"}, kT0).status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace tldmon::store::testing
