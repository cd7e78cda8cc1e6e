#include "admin/admin_repository.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/sqlite/temp_sqlite_store.h"

namespace tldmon::admin {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const EntityId kAdminRepositoryExample{EntityKind::kRegistry, "example"};
const EntityId kExample2{EntityKind::kRegistry, "example2"};
const EntityId kRegistrar{EntityKind::kRegistrar, "9999"};
constexpr UnixSeconds kT0 = 1'767'225'600;  // 2026-01-01T00:00:00Z

// A report shaped like the example of mosapi-api.md §6.11.
MetricaReport Report(const EntityId& entity, CivilDate date, std::string generation) {
  MetricaReport r;
  r.entity = entity;
  r.domain_list_date = date;
  r.unique_abuse_domains = 14;
  // A registry's domains are under its TLD (the import checks that).
  const std::string zone = entity.is_registrar() ? "registrar.test" : entity.id;
  r.domain_list_data = {ThreatData{"spam", 2, {"a." + zone, "b." + zone}},
                        ThreatData{"malware", kThreatTypeDisabled, {}}};
  r.domain_list_generation_date = std::move(generation);
  return r;
}

MaintenanceWindow Window(std::string id, UnixSeconds start, UnixSeconds end) {
  return MaintenanceWindow{std::move(id), "RDDS upgrade", "Planned.\nSecond line", start, end};
}

class AdminRepositoryTest : public ::testing::Test {
 protected:
  AdminRepository Repo() { return AdminRepository(db_.store()); }
  store::Store& Store() { return db_.store(); }

  store::testing::TempSqliteStore db_;
};

// ---- METRICA ----------------------------------------------------------------

TEST_F(AdminRepositoryTest, MetricaReportsSurviveAReopen) {
  const std::vector<MetricaReport> reports = {
      Report(kAdminRepositoryExample, {2025, 1, 2}, "2025-01-03T01:00:00Z"),
      Report(kAdminRepositoryExample, {2024, 12, 31}, "2025-01-01T02:03:04.52Z"),
      Report(kAdminRepositoryExample, {2025, 1, 1}, "2025-01-02T00:00:00+02:00"),
  };
  ASSERT_TRUE(Repo().PutMetricaReports(kAdminRepositoryExample, reports).ok());
  db_.Reopen();
  Result<std::vector<DomainListEntry>> lists = Repo().MetricaDomainLists(kAdminRepositoryExample);
  ASSERT_TRUE(lists.ok()) << lists.status().ToString();
  // Ascending by date, each with its own generation date.
  EXPECT_THAT(*lists, ElementsAre(DomainListEntry{{2024, 12, 31}, "2025-01-01T02:03:04.52Z"},
                                  DomainListEntry{{2025, 1, 1}, "2025-01-02T00:00:00+02:00"},
                                  DomainListEntry{{2025, 1, 2}, "2025-01-03T01:00:00Z"}));
  for (const MetricaReport& r : reports) {
    Result<std::optional<MetricaReport>> got = Repo().MetricaReportOn(kAdminRepositoryExample, r.domain_list_date);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(*got, r);
  }
  Result<std::optional<MetricaReport>> latest = Repo().LatestMetricaReport(kAdminRepositoryExample);
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  EXPECT_EQ(*latest, reports[0]);  // 2025-01-02, the newest date (not the last put)
}

TEST_F(AdminRepositoryTest, NoMetricaIsEmptyNotAnError) {
  EXPECT_THAT(*Repo().MetricaDomainLists(kAdminRepositoryExample), IsEmpty());
  EXPECT_EQ(*Repo().MetricaReportOn(kAdminRepositoryExample, {2025, 1, 1}), std::nullopt);
  EXPECT_EQ(*Repo().LatestMetricaReport(kAdminRepositoryExample), std::nullopt);
}

TEST_F(AdminRepositoryTest, APutReplacesTheReportOfTheSameDateOnly) {
  ASSERT_TRUE(Repo()
                  .PutMetricaReports(
                      kAdminRepositoryExample, std::vector{Report(kAdminRepositoryExample, {2025, 1, 1}, "2025-01-02T00:00:00Z"),
                                            Report(kAdminRepositoryExample, {2025, 1, 2}, "2025-01-03T00:00:00Z")})
                  .ok());
  MetricaReport again = Report(kAdminRepositoryExample, {2025, 1, 1}, "2025-01-05T12:00:00Z");
  again.unique_abuse_domains = 1;
  again.domain_list_data = {ThreatData{"phishing", 1, {"p.example"}}};
  ASSERT_TRUE(Repo().PutMetricaReports(kAdminRepositoryExample, std::vector{again}).ok());
  EXPECT_THAT(*Repo().MetricaDomainLists(kAdminRepositoryExample),
              ElementsAre(DomainListEntry{{2025, 1, 1}, "2025-01-05T12:00:00Z"},
                          DomainListEntry{{2025, 1, 2}, "2025-01-03T00:00:00Z"}));
  EXPECT_EQ(*Repo().MetricaReportOn(kAdminRepositoryExample, {2025, 1, 1}), again);
}

TEST_F(AdminRepositoryTest, EntitiesDoNotSeeEachOthersReports) {
  // "ry/example" must not pick up "ry/example2", nor a registrar's reports.
  ASSERT_TRUE(Repo()
                  .PutMetricaReports(kExample2, std::vector{Report(kExample2, {2025, 3, 1},
                                                                   "2025-03-02T00:00:00Z")})
                  .ok());
  MetricaReport rr = Report(kRegistrar, {2025, 2, 1}, "2025-02-02T00:00:00Z");
  ASSERT_TRUE(Repo().PutMetricaReports(kRegistrar, std::vector{rr}).ok());
  EXPECT_THAT(*Repo().MetricaDomainLists(kAdminRepositoryExample), IsEmpty());
  EXPECT_EQ(*Repo().LatestMetricaReport(kAdminRepositoryExample), std::nullopt);
  EXPECT_EQ(*Repo().LatestMetricaReport(kRegistrar), rr);
}

TEST_F(AdminRepositoryTest, UnstorableReportsAreRejectedAndNothingIsWritten) {
  const MetricaReport good = Report(kAdminRepositoryExample, {2025, 1, 1}, "2025-01-02T00:00:00Z");
  auto rejected = [&](std::vector<MetricaReport> reports, const char* expect) {
    SCOPED_TRACE(expect);
    const Status s = Repo().PutMetricaReports(kAdminRepositoryExample, reports);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(s.message(), HasSubstr(expect));
  };
  rejected({good, Report(kExample2, {2025, 1, 2}, "2025-01-03T00:00:00Z")}, "ry/example2");
  rejected({good, Report(kAdminRepositoryExample, {2025, 1, 1}, "2025-01-04T00:00:00Z")}, "two");
  rejected({good, Report(kAdminRepositoryExample, {2025, 1, 3}, "")}, "domainListGenerationDate");
  MetricaReport stray = Report(kAdminRepositoryExample, {2025, 1, 4}, "2025-01-05T00:00:00Z");
  stray.domain_list_data[0].domains = {"x.other"};  // ParseStoredMetricaReport refuses it
  rejected({good, stray}, "2025-01-04");
  EXPECT_THAT(*Repo().MetricaDomainLists(kAdminRepositoryExample), IsEmpty());
  EXPECT_FALSE(Repo().PutMetricaReports({EntityKind::kRegistry, "Bad"}, {}).ok());
}

TEST_F(AdminRepositoryTest, DamagedMetricaRecordsAreClearErrors) {
  ASSERT_TRUE(Repo()
                  .PutMetricaReports(
                      kAdminRepositoryExample, std::vector{Report(kAdminRepositoryExample, {2025, 1, 1}, "2025-01-02T00:00:00Z")})
                  .ok());
  // A truncated report body.
  ASSERT_TRUE(Store().PutRecord(kMetricaKind, "ry/example/2025-01-01", "{\"version\":2,").ok());
  Result<std::optional<MetricaReport>> on = Repo().MetricaReportOn(kAdminRepositoryExample, {2025, 1, 1});
  ASSERT_FALSE(on.ok());
  EXPECT_EQ(on.status().code(), StatusCode::kInternal);
  EXPECT_THAT(on.status().message(), HasSubstr("metrica record 'ry/example/2025-01-01'"));
  EXPECT_EQ(Repo().LatestMetricaReport(kAdminRepositoryExample).status().code(), StatusCode::kInternal);

  // A valid report of another date, stored under this date's key.
  const MetricaReport other = Report(kAdminRepositoryExample, {2025, 1, 9}, "2025-01-10T00:00:00Z");
  ASSERT_TRUE(
      Store().PutRecord(kMetricaKind, "ry/example/2025-01-01", SerializeMetricaReport(other)).ok());
  on = Repo().MetricaReportOn(kAdminRepositoryExample, {2025, 1, 1});
  EXPECT_EQ(on.status().code(), StatusCode::kInternal);
  EXPECT_THAT(on.status().message(), HasSubstr("2025-01-09"));

  // Index entries: a key without a date, a generation date that is not one.
  ASSERT_TRUE(
      Store().PutRecord(kMetricaIndexKind, "ry/example/latest", "2025-01-02T00:00:00Z").ok());
  EXPECT_EQ(Repo().MetricaDomainLists(kAdminRepositoryExample).status().code(), StatusCode::kInternal);
  ASSERT_TRUE(Store().DeleteRecord(kMetricaIndexKind, "ry/example/latest").ok());
  ASSERT_TRUE(Store().PutRecord(kMetricaIndexKind, "ry/example/2025-01-01", "yesterday").ok());
  EXPECT_EQ(Repo().MetricaDomainLists(kAdminRepositoryExample).status().code(), StatusCode::kInternal);
}

TEST_F(AdminRepositoryTest, AnIndexEntryWithoutItsReportIsDamage) {
  ASSERT_TRUE(
      Store().PutRecord(kMetricaIndexKind, "ry/example/2025-01-01", "2025-01-02T00:00:00Z").ok());
  Result<std::optional<MetricaReport>> latest = Repo().LatestMetricaReport(kAdminRepositoryExample);
  EXPECT_EQ(latest.status().code(), StatusCode::kInternal);
  EXPECT_THAT(latest.status().message(), HasSubstr("not stored"));
}

// ---- RDAP base URL list ---------------------------------------------------

TEST_F(AdminRepositoryTest, RdapBaseUrlListRoundTripsAndIsReplaced) {
  EXPECT_EQ(*Repo().RdapBaseUrls(), std::nullopt);
  const RdapBaseUrlList first{
      kT0,
      {{81, {"https://rdap.gandi.net/"}},
       {292, {"https://rdap.markmonitor.com/rdap/", "https://rdap2.markmonitor.com/rdap/"}}}};
  ASSERT_TRUE(Repo().PutRdapBaseUrlList(first).ok());
  db_.Reopen();
  EXPECT_EQ(*Repo().RdapBaseUrls(), first);
  const RdapBaseUrlList second{kT0 + 86400, {{9999, {"https://rdap.registrar.test/"}}}};
  ASSERT_TRUE(Repo().PutRdapBaseUrlList(second).ok());
  EXPECT_EQ(*Repo().RdapBaseUrls(), second);
}

TEST_F(AdminRepositoryTest, AnInvalidRdapListIsRejectedAndTheStoredOneKept) {
  const RdapBaseUrlList good{kT0, {{81, {"https://rdap.gandi.net/"}}}};
  ASSERT_TRUE(Repo().PutRdapBaseUrlList(good).ok());
  EXPECT_EQ(Repo().PutRdapBaseUrlList({kT0, {{5, {"http://plain.example/"}}}}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(
      Repo()
          .PutRdapBaseUrlList({kT0, {{9, {"https://a.example/"}}, {5, {"https://b.example/"}}}})
          .code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(*Repo().RdapBaseUrls(), good);
}

TEST_F(AdminRepositoryTest, ADamagedRdapListIsAClearError) {
  ASSERT_TRUE(Store().PutRecord(kRdapBaseUrlsKind, kRdapBaseUrlsKey, "\xff\xfe garbage").ok());
  Result<std::optional<RdapBaseUrlList>> got = Repo().RdapBaseUrls();
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kInternal);
  EXPECT_THAT(got.status().message(), HasSubstr("rdap_base_urls record 'current'"));
}

// ---- Maintenance windows --------------------------------------------------

TEST_F(AdminRepositoryTest, MaintenanceSchedulesRoundTripPerEntity) {
  MaintenanceSchedule example;
  ASSERT_TRUE(example.Put(Window("q1-rdds-upgrade", kT0, kT0 + 7200)).ok());
  ASSERT_TRUE(example.Put(Window("q2", kT0 + 86400, kT0 + 90000)).ok());
  MaintenanceSchedule registrar;
  ASSERT_TRUE(registrar.Put(Window("rr-window", kT0 - 3600, kT0)).ok());
  ASSERT_TRUE(Repo().SaveMaintenance(kAdminRepositoryExample, example).ok());
  ASSERT_TRUE(Repo().SaveMaintenance(kRegistrar, registrar).ok());
  db_.Reopen();
  EXPECT_EQ(*Repo().LoadMaintenance(kAdminRepositoryExample), example);
  EXPECT_EQ(*Repo().LoadMaintenance(kRegistrar), registrar);
  EXPECT_EQ(Repo().LoadMaintenance(kExample2)->size(), 0u);  // none saved
  Result<std::map<EntityId, MaintenanceSchedule>> all = Repo().LoadAllMaintenance();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(*all, (std::map<EntityId, MaintenanceSchedule>{{kAdminRepositoryExample, example},
                                                           {kRegistrar, registrar}}));
  // The loaded schedule still does its job (mosapi-api.md §9.3).
  EXPECT_TRUE(Repo().LoadMaintenance(kAdminRepositoryExample)->SuppressesEmergencyAlert(Service::kRdds, kT0));
}

TEST_F(AdminRepositoryTest, SavingAnEmptyScheduleRemovesTheEntity) {
  MaintenanceSchedule s;
  ASSERT_TRUE(s.Put(Window("w", kT0, kT0 + 60)).ok());
  ASSERT_TRUE(Repo().SaveMaintenance(kAdminRepositoryExample, s).ok());
  ASSERT_TRUE(s.Remove("w").has_value());
  ASSERT_TRUE(Repo().SaveMaintenance(kAdminRepositoryExample, s).ok());
  EXPECT_EQ(Repo().LoadMaintenance(kAdminRepositoryExample)->size(), 0u);
  EXPECT_TRUE(Repo().LoadAllMaintenance()->empty());
  EXPECT_EQ(*Store().GetRecord(kMaintenanceKind, "ry/example"), std::nullopt);
  // Saving "nothing" when nothing is stored is fine too.
  EXPECT_TRUE(Repo().SaveMaintenance(kExample2, MaintenanceSchedule()).ok());
}

TEST_F(AdminRepositoryTest, DamagedMaintenanceRecordsAreClearErrors) {
  ASSERT_TRUE(Store().PutRecord(kMaintenanceKind, "ry/example", "{\"version\":3}").ok());
  Result<MaintenanceSchedule> one = Repo().LoadMaintenance(kAdminRepositoryExample);
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.status().code(), StatusCode::kInternal);
  EXPECT_THAT(one.status().message(), HasSubstr("maintenance record 'ry/example'"));
  EXPECT_EQ(Repo().LoadAllMaintenance().status().code(), StatusCode::kInternal);

  ASSERT_TRUE(Store().DeleteRecord(kMaintenanceKind, "ry/example").ok());
  ASSERT_TRUE(
      Store().PutRecord(kMaintenanceKind, "not-an-entity", MaintenanceSchedule().Serialize()).ok());
  Result<std::map<EntityId, MaintenanceSchedule>> all = Repo().LoadAllMaintenance();
  EXPECT_EQ(all.status().code(), StatusCode::kInternal);
  EXPECT_THAT(all.status().message(), HasSubstr("not-an-entity"));
}

}  // namespace
}  // namespace tldmon::admin
