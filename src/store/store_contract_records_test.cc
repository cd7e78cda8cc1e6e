// Store contract, part 4: keyed records (store/keyed_record.h). Every test
// uses only the Store interface, so each backend runs them unchanged.
#include <string>
#include <vector>

#include "store/store_contract.h"

namespace tldmon::store::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Bytes a text-only backend would mangle: NUL, 0xff, an invalid UTF-8 lead.
const std::string kBinary("\0\xff\xc3(tail\n", 9);

std::optional<std::string> Get(Store& store, std::string_view kind, std::string_view key) {
  Result<std::optional<std::string>> r = store.GetRecord(kind, key);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::nullopt;
}

std::vector<KeyedRecord> List(Store& store, std::string_view kind, std::string_view prefix = {}) {
  Result<std::vector<KeyedRecord>> r = store.ListRecords(kind, prefix);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::vector<KeyedRecord>{};
}

std::vector<std::string> Keys(const std::vector<KeyedRecord>& records) {
  std::vector<std::string> keys;
  for (const KeyedRecord& r : records) keys.push_back(r.key);
  return keys;
}

TEST_P(StoreContractTest, NoRecordsUntilStored) {
  EXPECT_EQ(Get(*store_, "auth.account", "example_ry"), std::nullopt);
  EXPECT_THAT(List(*store_, "auth.account"), IsEmpty());
}

TEST_P(StoreContractTest, RecordsRoundTripBytesExactlyAcrossReopen) {
  TLDMON_ASSERT_OK(store_->PutRecord("auth.account", "example_ry", kBinary));
  // A default string_view has no data pointer at all.
  TLDMON_ASSERT_OK(store_->PutRecord("auth.account", "empty", std::string_view()));
  TLDMON_ASSERT_OK(store_->PutRecord("metrica", "ry/example/2026-01-01", "{\"version\":2}"));
  Reopen();
  EXPECT_EQ(Get(*store_, "auth.account", "example_ry"), kBinary);
  // An empty record exists and is distinct from no record.
  EXPECT_EQ(Get(*store_, "auth.account", "empty"), std::string());
  EXPECT_EQ(Get(*store_, "metrica", "ry/example/2026-01-01"), "{\"version\":2}");
  EXPECT_THAT(List(*store_, "auth.account"),
              ElementsAre(KeyedRecord{"empty", ""}, KeyedRecord{"example_ry", kBinary}));
}

TEST_P(StoreContractTest, KindsAreSeparateNamespaces) {
  TLDMON_ASSERT_OK(store_->PutRecord("auth.entity", "ry/example", "entity"));
  TLDMON_ASSERT_OK(store_->PutRecord("maintenance", "ry/example", "windows"));
  EXPECT_EQ(Get(*store_, "auth.entity", "ry/example"), "entity");
  EXPECT_EQ(Get(*store_, "maintenance", "ry/example"), "windows");
  TLDMON_ASSERT_OK(store_->DeleteRecord("auth.entity", "ry/example"));
  EXPECT_EQ(Get(*store_, "auth.entity", "ry/example"), std::nullopt);
  EXPECT_EQ(Get(*store_, "maintenance", "ry/example"), "windows");
}

TEST_P(StoreContractTest, PutReplacesAndDeleteOfAMissingRecordIsNotFound) {
  TLDMON_ASSERT_OK(store_->PutRecord("rdap_base_urls", "current", "first, and longer"));
  TLDMON_ASSERT_OK(store_->PutRecord("rdap_base_urls", "current", "second"));
  EXPECT_EQ(Get(*store_, "rdap_base_urls", "current"), "second");
  EXPECT_THAT(List(*store_, "rdap_base_urls"), ElementsAre(KeyedRecord{"current", "second"}));
  TLDMON_ASSERT_OK(store_->DeleteRecord("rdap_base_urls", "current"));
  const Status again = store_->DeleteRecord("rdap_base_urls", "current");
  EXPECT_EQ(again.code(), StatusCode::kNotFound);
  EXPECT_THAT(again.message(), HasSubstr("current"));
}

TEST_P(StoreContractTest, ListingIsBytewiseByKeyAndSelectsAPrefix) {
  // Put out of order; "ry/ex" must not select "ry/example/..." by accident
  // when the caller ends the prefix with '/'.
  for (const char* key : {"ry/example/2026-01-02", "rr/9999/2026-01-01", "ry/ex/2026-01-01",
                          "ry/example/2026-01-01", "ry/example2/2026-01-01", "Ry/upper"}) {
    TLDMON_ASSERT_OK(store_->PutRecord("metrica", key, key));
  }
  // Bytewise: 'R' (0x52) < 'r' (0x72), '/' (0x2f) < '2' (0x32).
  EXPECT_THAT(
      Keys(List(*store_, "metrica")),
      ElementsAre("Ry/upper", "rr/9999/2026-01-01", "ry/ex/2026-01-01", "ry/example/2026-01-01",
                  "ry/example/2026-01-02", "ry/example2/2026-01-01"));
  EXPECT_THAT(Keys(List(*store_, "metrica", "ry/example/")),
              ElementsAre("ry/example/2026-01-01", "ry/example/2026-01-02"));
  EXPECT_THAT(
      Keys(List(*store_, "metrica", "ry/example")),
      ElementsAre("ry/example/2026-01-01", "ry/example/2026-01-02", "ry/example2/2026-01-01"));
  EXPECT_THAT(List(*store_, "metrica", "ry/example/2025"), IsEmpty());
  // A whole key is a prefix of itself.
  EXPECT_THAT(Keys(List(*store_, "metrica", "rr/9999/2026-01-01")),
              ElementsAre("rr/9999/2026-01-01"));
  EXPECT_THAT(List(*store_, "other"), IsEmpty());
}

TEST_P(StoreContractTest, PrefixEndingInTheLastKeyCharacterStillSelectsExactly) {
  // '~' (0x7e) is the largest key character: the range end must not wrap.
  for (const char* key : {"a}", "a~", "a~~", "a~!", "b", "a"}) {
    TLDMON_ASSERT_OK(store_->PutRecord("k", key, ""));
  }
  EXPECT_THAT(Keys(List(*store_, "k", "a~")), ElementsAre("a~", "a~!", "a~~"));
  EXPECT_THAT(Keys(List(*store_, "k", "~")), IsEmpty());
  EXPECT_THAT(Keys(List(*store_, "k", "a")), ElementsAre("a", "a}", "a~", "a~!", "a~~"));
}

TEST_P(StoreContractTest, ReplaceRecordsReplacesOneKindAtomically) {
  TLDMON_ASSERT_OK(store_->PutRecord("auth.account", "old_ry", "old"));
  TLDMON_ASSERT_OK(store_->PutRecord("auth.account", "kept_ry", "before"));
  TLDMON_ASSERT_OK(store_->PutRecord("auth.entity", "ry/example", "untouched"));
  const std::vector<KeyedRecord> next = {{"new_ry", "new"}, {"kept_ry", "after"}};
  TLDMON_ASSERT_OK(store_->ReplaceRecords("auth.account", next));
  EXPECT_THAT(List(*store_, "auth.account"),
              ElementsAre(KeyedRecord{"kept_ry", "after"}, KeyedRecord{"new_ry", "new"}));
  EXPECT_EQ(Get(*store_, "auth.entity", "ry/example"), "untouched");

  // A key twice is rejected and the kind keeps its content.
  const std::vector<KeyedRecord> twice = {{"a", "1"}, {"a", "2"}};
  const Status s = store_->ReplaceRecords("auth.account", twice);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("twice"));
  EXPECT_EQ(List(*store_, "auth.account").size(), 2u);

  // Replacing with nothing empties the kind.
  TLDMON_ASSERT_OK(store_->ReplaceRecords("auth.account", {}));
  EXPECT_THAT(List(*store_, "auth.account"), IsEmpty());
  EXPECT_EQ(Get(*store_, "auth.entity", "ry/example"), "untouched");
}

TEST_P(StoreContractTest, WriteRecordsAppliesInOrderAcrossKindsAndCounts) {
  TLDMON_ASSERT_OK(store_->PutRecord("metrica", "ry/a/2026-01-01", "a1"));
  TLDMON_ASSERT_OK(store_->PutRecord("metrica", "ry/a/2026-01-02", "a2"));
  TLDMON_ASSERT_OK(store_->PutRecord("metrica", "ry/b/2026-01-01", "b1"));
  const std::vector<RecordChange> changes = {
      RecordChange::DeletePrefix("metrica", "ry/a/"),          // 2 deleted
      RecordChange::Put("metrica", "ry/a/2026-01-02", "a2'"),  // re-added after the delete
      RecordChange::Put("metrica.index", "ry/a/2026-01-02", "g"),
      RecordChange::Delete("metrica", "ry/zz/2026-01-01"),  // absent: not an error
      RecordChange::Delete("metrica", "ry/b/2026-01-01"),   // 1 deleted
  };
  Result<RecordWriteOutcome> done = store_->WriteRecords(changes);
  TLDMON_ASSERT_OK(done);
  EXPECT_EQ(*done, (RecordWriteOutcome{.put = 2, .deleted = 3}));
  EXPECT_THAT(List(*store_, "metrica"), ElementsAre(KeyedRecord{"ry/a/2026-01-02", "a2'"}));
  EXPECT_THAT(List(*store_, "metrica.index"), ElementsAre(KeyedRecord{"ry/a/2026-01-02", "g"}));
  // An empty batch is a no-op.
  Result<RecordWriteOutcome> none = store_->WriteRecords({});
  TLDMON_ASSERT_OK(none);
  EXPECT_EQ(*none, RecordWriteOutcome{});
}

TEST_P(StoreContractTest, AnInvalidChangeFailsTheWholeBatchNamingIt) {
  TLDMON_ASSERT_OK(store_->PutRecord("maintenance", "ry/example", "before"));
  const std::string long_key(kMaxRecordKeyBytes + 1, 'k');
  const std::vector<RecordChange> changes = {
      RecordChange::Put("maintenance", "ry/example", "after"),
      RecordChange::Put("metrica", "ry/example/2026-01-01", "report"),
      RecordChange::Put("metrica", long_key, "x"),
  };
  Result<RecordWriteOutcome> done = store_->WriteRecords(changes);
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(done.status().message(), HasSubstr("#2"));
  EXPECT_THAT(done.status().message(), HasSubstr("513 bytes"));
  Reopen();
  EXPECT_EQ(Get(*store_, "maintenance", "ry/example"), "before");
  EXPECT_THAT(List(*store_, "metrica"), IsEmpty());
}

TEST_P(StoreContractTest, KeysAndKindsAreBounded) {
  const std::string max_key(kMaxRecordKeyBytes, '~');
  TLDMON_ASSERT_OK(store_->PutRecord("k", max_key, "at the limit"));
  EXPECT_EQ(Get(*store_, "k", max_key), "at the limit");
  const std::string max_kind(kMaxRecordKindBytes, 'z');
  TLDMON_ASSERT_OK(store_->PutRecord(max_kind, "key", "ok"));
  EXPECT_EQ(Get(*store_, max_kind, "key"), "ok");

  auto rejected = [&](std::string_view kind, std::string_view key, const char* why) {
    SCOPED_TRACE(why);
    const Status put = store_->PutRecord(kind, key, "x");
    EXPECT_EQ(put.code(), StatusCode::kInvalidArgument) << put.ToString();
    EXPECT_EQ(store_->GetRecord(kind, key).status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(store_->DeleteRecord(kind, key).code(), StatusCode::kInvalidArgument);
  };
  rejected("k", std::string(kMaxRecordKeyBytes + 1, 'a'), "key too long");
  rejected("k", "", "empty key");
  rejected("k", "with space", "blank");
  rejected("k", "tab\there", "control character");
  rejected("k", std::string("nul\0", 4), "NUL");
  rejected("k", "caf\xc3\xa9", "non-ASCII");
  rejected("k", "del\x7f", "DEL");
  rejected("", "key", "empty kind");
  rejected(std::string(kMaxRecordKindBytes + 1, 'z'), "key", "kind too long");
  rejected("Auth", "key", "upper-case kind");
  rejected("auth/entity", "key", "slash in kind");
  EXPECT_THAT(List(*store_, "k"), ElementsAre(KeyedRecord{max_key, "at the limit"}));

  EXPECT_EQ(store_->ListRecords("k", "a b").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->ListRecords("K").status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreContractTest, ARecordOverSixtyFourMebibytesIsRejected) {
  // One byte over the limit; nothing is stored, and the message says why.
  const std::string big(kMaxRecordBytes + 1, 'x');
  const Status s = store_->PutRecord("metrica", "ry/example/2026-01-01", big);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("64 MiB"));
  EXPECT_THAT(s.message(), HasSubstr("ry/example/2026-01-01"));
  EXPECT_EQ(Get(*store_, "metrica", "ry/example/2026-01-01"), std::nullopt);
  const std::vector<KeyedRecord> replace = {{"ry/example/2026-01-01", big}};
  EXPECT_EQ(store_->ReplaceRecords("metrica", replace).code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreContractTest, ARecordOfExactlySixtyFourMebibytesRoundTrips) {
  std::string max(kMaxRecordBytes, '\0');
  for (std::size_t i = 0; i < max.size(); i += 4093) max[i] = static_cast<char>(i % 251);
  TLDMON_ASSERT_OK(store_->PutRecord("metrica", "big", max));
  std::optional<std::string> back = Get(*store_, "metrica", "big");
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->size(), kMaxRecordBytes);
  EXPECT_TRUE(*back == max);  // not EXPECT_EQ: a failure would print 64 MiB
}

TEST_P(StoreContractTest, ReadRecordsAnswersEveryQuery) {
  TLDMON_ASSERT_OK(store_->PutRecord("auth.entity", "ry/example", "e"));
  TLDMON_ASSERT_OK(store_->PutRecord("auth.account", "example_ry", "a"));
  TLDMON_ASSERT_OK(store_->PutRecord("auth.account", "other_ry", "o"));
  const std::vector<RecordQuery> queries = {
      {"auth.entity", ""}, {"auth.account", "ex"}, {"auth.account", ""}, {"nothing", ""}};
  Result<std::vector<std::vector<KeyedRecord>>> r = store_->ReadRecords(queries);
  TLDMON_ASSERT_OK(r);
  ASSERT_EQ(r->size(), 4u);
  EXPECT_THAT((*r)[0], ElementsAre(KeyedRecord{"ry/example", "e"}));
  EXPECT_THAT((*r)[1], ElementsAre(KeyedRecord{"example_ry", "a"}));
  EXPECT_THAT(Keys((*r)[2]), ElementsAre("example_ry", "other_ry"));
  EXPECT_THAT((*r)[3], IsEmpty());
  const std::vector<RecordQuery> bad = {{"auth.entity", ""}, {"Bad Kind", ""}};
  Result<std::vector<std::vector<KeyedRecord>>> failed = store_->ReadRecords(bad);
  EXPECT_EQ(failed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(failed.status().message(), HasSubstr("#1"));
}

TEST_P(StoreContractTest, RecordsAreIndependentOfConfiguration) {
  Seed();
  TLDMON_ASSERT_OK(store_->PutRecord("maintenance", "ry/example", "w"));
  TLDMON_ASSERT_OK(store_->RemoveEntity(ExampleTld().id));
  EXPECT_EQ(Get(*store_, "maintenance", "ry/example"), "w");
  // ... and configuration is untouched by record writes.
  TLDMON_ASSERT_OK(store_->ReplaceRecords("maintenance", {}));
  EXPECT_EQ(store_->LoadEntities()->size(), 2u);
  EXPECT_EQ(store_->LoadProbes()->size(), 3u);
}

}  // namespace
}  // namespace tldmon::store::testing
