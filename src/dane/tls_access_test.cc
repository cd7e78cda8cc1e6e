#include "dane/tls_access.h"

#include <gtest/gtest.h>

#include "dane/tls_access_import.h"
#include "dane/tlsa_record.h"
#include "store/sqlite/temp_sqlite_store.h"

namespace tldmon::dane {
namespace {

const EntityId kExample{EntityKind::kRegistry, "example"};

TlsAccessEntry Entry(std::string domain, std::vector<std::string> acl = {"192.0.2.0/24", "2001:db8::/32"}) {
  TlsAccessEntry e;
  e.domain = std::move(domain);
  e.roles = {auth::Role::kTldSlamData};
  e.acl = *auth::ParseAllowList(acl);
  return e;
}

TEST(TlsAccess, OwnerNamesAreCheckedAndFolded) {
  EXPECT_EQ(*NormalizeTlsaOwnerName("RSP1.Nic.Example."), "rsp1.nic.example");
  EXPECT_EQ(*NormalizeTlsaOwnerName("_client.rsp.example"), "_client.rsp.example");
  for (const char* bad : {"", "example", "a..b", "-a.example", "a-.example", "a b.example",
                          "a/b.example", "ex\x1b.example"}) {
    EXPECT_FALSE(NormalizeTlsaOwnerName(bad).ok()) << bad;
  }
  EXPECT_FALSE(NormalizeTlsaOwnerName(std::string(64, 'a') + ".example").ok());
  EXPECT_FALSE(NormalizeTlsaOwnerName(std::string(250, 'a') + ".example").ok());
}

TEST(TlsAccess, EntriesNeedARoleAndAPrefix) {
  EXPECT_TRUE(ValidateTlsAccessEntry(Entry("rsp.example")).ok());
  TlsAccessEntry no_roles = Entry("rsp.example");
  no_roles.roles = {};
  EXPECT_FALSE(ValidateTlsAccessEntry(no_roles).ok());
  EXPECT_FALSE(ValidateTlsAccessEntry(Entry("rsp.example", {})).ok());
  EXPECT_FALSE(ValidateTlsAccessEntry(Entry("RSP.example")).ok());  // not normalized
}

TEST(TlsAccess, RecordsRoundTripAndRefuseDuplicates) {
  const std::vector<TlsAccessEntry> entries = {Entry("a.example"), Entry("b.example", {"0.0.0.0/0"})};
  auto bytes = EncodeTlsAccessRecord(kExample, entries);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto back = DecodeTlsAccessRecord(kExample, *bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, entries);
  EXPECT_FALSE(DecodeTlsAccessRecord({EntityKind::kRegistry, "other"}, *bytes).ok());
  EXPECT_FALSE(EncodeTlsAccessRecord(kExample, {Entry("a.example"), Entry("a.example")}).ok());
  EXPECT_FALSE(DecodeTlsAccessRecord(kExample, "{").ok());
}

TEST(TlsAccess, TheRepositoryStoresReplacesAndRemoves) {
  store::testing::TempSqliteStore db;
  TlsAccessRepository repo(db.store());
  ASSERT_TRUE(repo.Put(kExample, {Entry("a.example")}).ok());
  const EntityId registrar{EntityKind::kRegistrar, "9999"};
  TlsAccessTable bulk;
  bulk[registrar] = {Entry("rr.example")};
  bulk[kExample] = {Entry("a.example"), Entry("b.example")};
  ASSERT_TRUE(repo.PutAll(bulk).ok());
  db.Reopen();
  auto table = TlsAccessRepository(db.store()).Load();
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(*table, bulk);
  // An invalid entry anywhere changes nothing.
  TlsAccessTable bad = bulk;
  bad[registrar] = {Entry("rr.example", {})};
  bad[kExample] = {};
  EXPECT_FALSE(TlsAccessRepository(db.store()).PutAll(bad).ok());
  EXPECT_EQ(*TlsAccessRepository(db.store()).Load(), bulk);
  ASSERT_TRUE(TlsAccessRepository(db.store()).Put(kExample, {}).ok());
  EXPECT_EQ(TlsAccessRepository(db.store()).Load()->count(kExample), 0u);
}

TEST(TlsaRecord, WireAndTextForms) {
  auto r = ParseTlsaText("3 1 1 0A0b 0c");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->data, std::string("\x0a\x0b\x0c"));
  EXPECT_EQ(FormatTlsa(*r), "3 1 1 0a0b0c");
  auto w = ParseTlsaRdata(std::string("\x03\x01\x02\xff", 4));
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->matching_type, 2);
  EXPECT_EQ(w->data, "\xff");
  EXPECT_FALSE(ParseTlsaRdata("\x03\x01\x01").ok());
  EXPECT_FALSE(ParseTlsaRdata(std::string(3 + kMaxTlsaDataBytes + 1, '\x01')).ok());
  for (const char* bad : {"", "3 1", "3 1 1", "3 1 1 abc", "3 1 1 zz", "256 1 1 00", "3 1 x 00"})
    EXPECT_FALSE(ParseTlsaText(bad).ok()) << bad;
}

}  // namespace
}  // namespace tldmon::dane

namespace tldmon::dane {
namespace {

TEST(TlsAccessImport, ReadsTheDocumentedFormatAndNamesTheFirstProblem) {
  const std::string good = R"({"version": 1, "submittedBy": "RSP Ltd",
    "attestation": "Each registry operator authorized this upload.",
    "entities": [{"entity": "ry/example", "entries": [
                   {"domain": "RSP1.nic.example.", "roles": ["MoSAPI - TLD SLAM Data"],
                    "acl": ["192.0.2.0/24", "2001:db8::/32"]}]},
                 {"entity": "rr/9999", "entries": []}]})";
  auto parsed = ParseTlsAccessImport(good);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->submitted_by, "RSP Ltd");
  ASSERT_EQ(parsed->entities.size(), 2u);
  const auto& entries = parsed->entities.at(kExample);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].domain, "rsp1.nic.example");
  EXPECT_TRUE(parsed->entities.at({EntityKind::kRegistrar, "9999"}).empty());

  struct Bad {
    std::string text;
    std::string says;
  };
  const Bad bad[] = {
      {R"({"version": 1, "submittedBy": "x", "entities": []})", "attestation"},
      {R"({"version": 1, "submittedBy": "x", "attestation": "  ", "entities": []})", "attestation"},
      {R"({"version": 2, "submittedBy": "x", "attestation": "y", "entities": []})", "version"},
      {R"({"version": 1, "submittedBy": "x", "attestation": "y", "entities": [], "extra": 1})", "unknown key"},
      {R"({"version": 1, "submittedBy": "x", "attestation": "y", "entities": [{"entity": "ry/a", "entries": []}, {"entity": "ry/a", "entries": []}]})",
       "listed twice"},
      {R"({"version": 1, "submittedBy": "x", "attestation": "y", "entities": [{"entity": "ry/a", "entries": [{"domain": "a.example", "roles": ["Nope"], "acl": ["10.0.0.0/8"]}]}]})",
       "entities[0].entries[0].roles"},
      {R"({"version": 1, "submittedBy": "x", "attestation": "y", "entities": [{"entity": "ry/a", "entries": [{"domain": "a.example", "roles": ["MoSAPI - TLD SLAM Data"], "acl": ["10.0.0.1/8"]}]}]})",
       "entities[0].entries[0].acl"},
      {R"({"version": 1, "submittedBy": "x", "attestation": "y", "entities": [{"entity": "ry/a", "entries": [{"domain": "a.example", "roles": ["MoSAPI - TLD SLAM Data"], "acl": []}]}]})",
       "admit nobody"},
      {"[1,2", "not valid JSON"},
  };
  for (const Bad& b : bad) {
    const auto r = ParseTlsAccessImport(b.text);
    ASSERT_FALSE(r.ok()) << b.text;
    EXPECT_NE(r.status().message().find(b.says), std::string::npos) << r.status().message();
  }
}

}  // namespace
}  // namespace tldmon::dane
