#include "rri/reporting_status.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tldmon::rri {
namespace {

constexpr UnixSeconds kDay = 86400;
// 2026-11-25T12:00:00Z, a Wednesday. Sundays around it: 2026-11-22, 11-15, 11-08.
const UnixSeconds kNow = FromCivilDate({2026, 11, 25}) + 12 * 3600;

ReportEntry Escrow(const std::string& date, const std::string& kind) {
  ReportEntry e;
  e.tld = "example";
  e.type = ReportType::kEscrowReport;
  e.period = date + kind;
  e.date = date;
  e.deposit_kind = kind;
  e.received = e.first_received = FromCivilDate(*ParseDate(date)) + 3600;
  return e;
}

ReportEntry Notice(const std::string& date, const std::string& status) {
  ReportEntry e;
  e.tld = "example";
  e.type = ReportType::kEscrowNotification;
  e.period = date + "/x";
  e.date = date;
  e.notification_status = status;
  e.received = e.first_received = FromCivilDate(*ParseDate(date)) + 7200;
  return e;
}

const Obligation& PathOf(const ReportingSummary& s, const std::string& name) {
  for (const Obligation& o : s.obligations)
    if (o.path == name) return o;
  static const Obligation none;
  ADD_FAILURE() << "no path " << name;
  return none;
}

TldSettings Settings() {
  TldSettings s;
  s.tld = "example";
  return s;
}

TEST(ReportingStatusTest, NothingIsTrackedBeforeTheFirstUpload) {
  const ReportingSummary s = SummarizeReporting(Settings(), {}, kNow);
  EXPECT_FALSE(s.tracked_from);
  EXPECT_TRUE(s.ok());
  ASSERT_EQ(s.obligations.size(), 6u);
  EXPECT_EQ(s.obligations.back().path, "Registry");
}

TEST(ReportingStatusTest, EveryDueDayWithoutADepositOrNotificationIsAnIssue) {
  TldSettings settings = Settings();
  settings.tracked_from = CivilDate{2026, 11, 20};  // Friday
  // Deposits and notices for every due day (11-20 .. 11-23) except:
  // Sunday 11-22 has only a DIFF, 11-21 has no deposit, 11-23's notice is DVFN.
  std::vector<ReportEntry> entries = {Escrow("2026-11-20", "FULL"), Escrow("2026-11-22", "DIFF"),
                                      Escrow("2026-11-23", "DIFF"), Notice("2026-11-20", "DVPN"),
                                      Notice("2026-11-21", "DVPN"), Notice("2026-11-22", "DVPN"),
                                      Notice("2026-11-23", "DVFN")};
  const ReportingSummary s = SummarizeReporting(settings, entries, kNow);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(PathOf(s, "Full").issues,
            (std::vector<ObligationIssue>{{{2026, 11, 22}, "Missing_Deposit_Full"}}));
  EXPECT_EQ(PathOf(s, "Diff").issues,
            (std::vector<ObligationIssue>{{{2026, 11, 21}, "Missing_Deposit_Diff"}}));
  EXPECT_EQ(PathOf(s, "Dea").issues,
            (std::vector<ObligationIssue>{{{2026, 11, 23}, "Invalid_Deposit_Diff"}}));
  // 11-24 is not due before the end of 11-25.
  EXPECT_EQ(s.last_full_date, (CivilDate{2026, 11, 20}));
  // A month's report is due at its cut-off: October's by 2026-11-20.
  EXPECT_EQ(PathOf(s, "PRTR").issues,
            (std::vector<ObligationIssue>{{{2026, 10, 1}, "No_Report_Received"}}));
}

TEST(ReportingStatusTest, CompleteReportingIsOk) {
  TldSettings settings = Settings();
  settings.tracked_from = CivilDate{2026, 11, 23};  // Monday
  ReportEntry prtr;
  prtr.tld = "example";
  prtr.type = ReportType::kRegistrarTransactions;
  prtr.date = "2026-10";
  ReportEntry rfar = prtr;
  rfar.type = ReportType::kRegistryFunctionsActivity;
  std::vector<ReportEntry> entries = {Escrow("2026-11-23", "DIFF"), Notice("2026-11-23", "DVPN"),
                                      prtr, rfar};
  const ReportingSummary s = SummarizeReporting(settings, entries, kNow);
  EXPECT_TRUE(s.ok()) << RenderSummaryJson(s);
}

TEST(ReportingStatusTest, DisabledInterfacesAndScheduleNoneHaveNoIssues) {
  TldSettings settings = Settings();
  settings.tracked_from = CivilDate{2026, 11, 1};
  settings.deposit_schedule = DepositSchedule::kNone;
  settings.disabled.set(static_cast<std::size_t>(ReportType::kRegistrarTransactions));
  settings.disabled.set(static_cast<std::size_t>(ReportType::kRegistryFunctionsActivity));
  const ReportingSummary s = SummarizeReporting(settings, {}, kNow);
  EXPECT_TRUE(s.ok()) << RenderSummaryJson(s);
  EXPECT_FALSE(PathOf(s, "PRTR").enabled);
  // Deposit reports disabled: the agent's notices about them are not expected either.
  settings.deposit_schedule = DepositSchedule::kDaily;
  settings.disabled.set(static_cast<std::size_t>(ReportType::kEscrowReport));
  const ReportingSummary d = SummarizeReporting(settings, {}, kNow);
  EXPECT_FALSE(PathOf(d, "Dea").enabled);
  EXPECT_TRUE(d.ok()) << RenderSummaryJson(d);
}

TEST(ReportingStatusTest, JsonHasProductionsShape) {
  TldSettings settings = Settings();
  settings.tracked_from = CivilDate{2026, 11, 22};
  const nlohmann::json j = nlohmann::json::parse(RenderSummaryJson(SummarizeReporting(settings, {}, kNow)));
  EXPECT_EQ(j["tld"]["name"], "example");
  EXPECT_EQ(j["created"], "2026-11-25T12:00:00Z");
  ASSERT_EQ(j["paths"].size(), 6u);
  std::vector<std::string> names;
  for (const auto& p : j["paths"]) names.push_back(p["path"]);
  EXPECT_EQ(names, (std::vector<std::string>{"Full", "Diff", "Dea", "PRTR", "RFAR", "Registry"}));
  EXPECT_EQ(j["paths"][0]["status"], "unsatisfactory");  // Sunday 11-22 without a FULL
  EXPECT_EQ(j["paths"][5]["status"], "unsatisfactory");
  EXPECT_EQ(j["paths"][0]["issues"][0]["description"], "Missing_Deposit_Full");
}

TEST(ReportingStatusTest, CutOffIsTwentyDaysAfterTheMonth) {
  EXPECT_EQ(MonthlyCutOff(FromCivilDate({2026, 10, 1})), FromCivilDate({2026, 11, 21}));
  EXPECT_EQ(MonthlyCutOff(FromCivilDate({2026, 12, 1})), FromCivilDate({2027, 1, 21}));
  (void)kDay;
}

}  // namespace
}  // namespace tldmon::rri
