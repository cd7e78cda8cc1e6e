// Store contract, part 5: the change generation (store.h "Change
// generation"). Every configuration edit raises it by one in its own
// transaction; a failed edit, probe data and committed cycles leave it alone.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/store_contract.h"

namespace tldmon::store::testing {
namespace {

std::uint64_t Generation(const Store& store) {
  Result<std::uint64_t> g = store.ChangeGeneration();
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return g.ok() ? *g : ~std::uint64_t{0};
}

TEST_P(StoreContractTest, ChangeGenerationStartsAtZero) { EXPECT_EQ(Generation(*store_), 0u); }

TEST_P(StoreContractTest, EveryConfigurationEditRaisesTheGenerationByOne) {
  engine::SlaParams params = engine::SlaParams::Defaults();
  params.reconfig_seconds = 600;
  EntityConfig changed = ExampleTld();
  changed.name_servers.push_back({"ns3.example", {"203.0.113.3"}});
  ProbeNode renamed = ThreeProbes()[0];
  renamed.name = "Probe9-Server9";
  const std::vector<std::pair<std::string, std::function<Status()>>> edits = {
      {"PutSlaParams", [&] { return store_->PutSlaParams(params); }},
      {"PutEntities",
       [&] {
         return store_->PutEntities(std::vector{ExampleTld(), Registrar()});
       }},
      {"PutEntities (change)", [&] { return store_->PutEntities(std::vector{changed}); }},
      {"RemoveEntity", [&] { return store_->RemoveEntity(Registrar().id); }},
      {"AddProbe", [&] { return store_->AddProbe(ThreeProbes()[0]).status(); }},
      {"UpdateProbe", [&] { return store_->UpdateProbe(0, renamed); }},
      {"SetProbeEnabled", [&] { return store_->SetProbeEnabled(0, false); }},
      {"WriteRecords", [&] { return store_->PutRecord("auth.account", "example_ry", "x"); }},
      {"PutEntitiesWithRecords",
       [&] {
         const RecordChange put = RecordChange::Put("auth.entity", "rr/9999", "y");
         return store_->PutEntitiesWithRecords(std::vector{Registrar()}, std::span(&put, 1));
       }},
  };
  std::uint64_t want = Generation(*store_);
  for (const auto& [name, edit] : edits) {
    SCOPED_TRACE(name);
    TLDMON_ASSERT_OK(edit());
    EXPECT_EQ(Generation(*store_), ++want);
  }
  Reopen();
  EXPECT_EQ(Generation(*store_), want) << "the generation is stored, not counted in memory";
}

TEST_P(StoreContractTest, AFailedEditLeavesTheGenerationAlone) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const std::uint64_t before = Generation(*store_);
  EntityConfig bad = ExampleTld();
  bad.name_servers.clear();  // DNS enabled without name servers: Validate() fails
  EXPECT_FALSE(store_->PutEntities(std::vector{DnsOnlyTld(), bad}).ok());
  EXPECT_FALSE(store_->RemoveEntity({EntityKind::kRegistry, "unknown"}).ok());
  EXPECT_FALSE(store_->AddProbe(ThreeProbes()[0]).ok());  // the name exists
  EXPECT_FALSE(store_->UpdateProbe(99, ThreeProbes()[0]).ok());
  EXPECT_FALSE(store_->SetProbeEnabled(99, false).ok());
  engine::SlaParams invalid = engine::SlaParams::Defaults();
  invalid.reconfig_seconds = -1;
  EXPECT_FALSE(store_->PutSlaParams(invalid).ok());
  EXPECT_EQ(Generation(*store_), before);
}

TEST_P(StoreContractTest, DataRecordsAreWrittenWithoutRaisingTheGeneration) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const std::uint64_t before = Generation(*store_);
  const std::vector<RecordChange> upload = {RecordChange::Put("rri.report", "example/a", "body"),
                                            RecordChange::Put("rri.index", "example/a", "meta")};
  Result<RecordWriteOutcome> out = store_->WriteDataRecords(upload);
  TLDMON_ASSERT_OK(out.status());
  EXPECT_EQ(out->put, 2u);
  EXPECT_EQ(Generation(*store_), before);
  EXPECT_EQ(*store_->GetRecord("rri.index", "example/a"), std::optional<std::string>("meta"));
  // The same checks as WriteRecords: an invalid kind writes nothing.
  const std::vector<RecordChange> bad = {RecordChange::Put("rri.report", "example/b", "x"),
                                         RecordChange::Put("Bad Kind", "k", "x")};
  EXPECT_FALSE(store_->WriteDataRecords(bad).ok());
  EXPECT_EQ(*store_->GetRecord("rri.report", "example/b"), std::nullopt);
  // A configuration write after it still counts.
  TLDMON_ASSERT_OK(store_->PutRecord("auth.account", "example_ry", "x"));
  EXPECT_EQ(Generation(*store_), before + 1);
}

TEST_P(StoreContractTest, PutEntitiesWithRecordsStoresBothOrNeither) {
  const std::uint64_t before = Generation(*store_);
  // A record change that fails validation: the entity is not stored either.
  const RecordChange bad = RecordChange::Put("", "k", "v");
  EXPECT_EQ(store_->PutEntitiesWithRecords(std::vector{Registrar()}, std::span(&bad, 1)).code(),
            StatusCode::kInvalidArgument);
  // An entity that fails validation: the record is not stored either.
  EntityConfig invalid = ExampleTld();
  invalid.name_servers.clear();
  const RecordChange good = RecordChange::Put("auth.entity", "ry/example", "bytes");
  EXPECT_FALSE(store_->PutEntitiesWithRecords(std::vector{invalid}, std::span(&good, 1)).ok());
  EXPECT_EQ(Generation(*store_), before);
  Result<std::optional<std::string>> none = store_->GetRecord("auth.entity", "ry/example");
  TLDMON_ASSERT_OK(none.status());
  EXPECT_FALSE(none->has_value());
  Result<std::vector<EntityConfig>> entities = store_->LoadEntities();
  TLDMON_ASSERT_OK(entities.status());
  for (const EntityConfig& e : *entities) EXPECT_NE(e.id, Registrar().id);

  TLDMON_ASSERT_OK(store_->PutEntitiesWithRecords(std::vector{Registrar()}, std::span(&good, 1)));
  EXPECT_EQ(Generation(*store_), before + 1);
  Reopen();
  Result<std::optional<std::string>> stored = store_->GetRecord("auth.entity", "ry/example");
  TLDMON_ASSERT_OK(stored.status());
  EXPECT_EQ(stored->value_or(""), "bytes");
  entities = store_->LoadEntities();
  TLDMON_ASSERT_OK(entities.status());
  bool found = false;
  for (const EntityConfig& e : *entities) found = found || e.id == Registrar().id;
  EXPECT_TRUE(found);
}

TEST_P(StoreContractTest, ProbeDataDoesNotRaiseTheGeneration) {
  ASSERT_NO_FATAL_FAILURE(Seed());
  const std::uint64_t before = Generation(*store_);
  TLDMON_ASSERT_OK(store_->PutReports(std::vector{DnsReport(0, kT0)}));
  const std::vector<ProbeMinuteSample> minute = {{0, true, true, true}};
  TLDMON_ASSERT_OK(store_->PutProbeMinutes(kT0, minute));
  EXPECT_EQ(Generation(*store_), before);
}

}  // namespace
}  // namespace tldmon::store::testing
