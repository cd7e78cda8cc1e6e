#include "web/reporting_view.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "rri/rri_repository.h"
#include "store/sqlite/sqlite_store.h"

namespace tldmon::web {
namespace {

namespace fs = std::filesystem;

class ReportingViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tldmon_reporting_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto s = store::SqliteStore::Open((dir_ / "tldmon.db").string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  fs::path dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(ReportingViewTest, ShowsTheTldsASessionSeesWithTheirObligations) {
  const UnixSeconds now = FromCivilDate({2026, 11, 25}) + 12 * 3600;  // a Wednesday
  rri::RriRepository repo(*store_);
  rri::ReportEntry e;
  e.tld = "example";
  e.type = rri::ReportType::kEscrowReport;
  e.period = "20261123001";
  e.date = "2026-11-23";
  e.deposit_kind = "DIFF";
  e.received = e.first_received = FromCivilDate({2026, 11, 23}) + 3600;
  e.uploaded_by = "example_ry";
  ASSERT_TRUE(repo.Put(e, "<report/>").ok());
  rri::TldSettings quiet;
  quiet.tld = "quiet";  // settings only, nothing uploaded: not tracked yet
  ASSERT_TRUE(repo.PutSettings(quiet).ok());
  rri::TldSettings hidden;
  hidden.tld = "hidden";
  ASSERT_TRUE(repo.PutSettings(hidden).ok());

  auto body = ReportingViewJson(*store_, now, [](const EntityId& id) { return id.id != "hidden"; });
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  const nlohmann::json j = nlohmann::json::parse(*body);
  ASSERT_EQ(j["tlds"].size(), 2u) << *body;
  const nlohmann::json& ex = j["tlds"][0];
  EXPECT_EQ(ex["tld"], "example");
  EXPECT_EQ(ex["uploads"], 1);
  EXPECT_EQ(ex["trackedFrom"], "2026-11-23");
  // The 23rd's deposit came; its agent notification did not (due by the end of the 24th).
  EXPECT_FALSE(ex["ok"].get<bool>()) << *body;
  EXPECT_EQ(ex["paths"][2]["path"], "Dea");
  EXPECT_EQ(ex["paths"][2]["issues"][0]["description"], "No_Report_Received");
  EXPECT_EQ(ex["paths"][1]["status"], "ok");
  ASSERT_EQ(ex["latest"].size(), 1u);
  EXPECT_EQ(ex["latest"][0]["uploadedBy"], "example_ry");
  EXPECT_EQ(j["tlds"][1]["tld"], "quiet");
  EXPECT_TRUE(j["tlds"][1]["trackedFrom"].is_null());
  EXPECT_TRUE(j["tlds"][1]["ok"].get<bool>());
}

}  // namespace
}  // namespace tldmon::web
