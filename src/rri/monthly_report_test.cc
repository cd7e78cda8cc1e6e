// ValidateMonthlyReport beyond the golden pairs (tests/conformance/rri):
// the project defaults of monthly_report.h.
#include "rri/monthly_report.h"

#include <gtest/gtest.h>

namespace tldmon::rri {
namespace {

std::string Join(std::span<const std::string_view> cols, std::string_view first = {}) {
  std::string out(first);
  for (std::string_view c : cols) {
    if (!out.empty()) out += ',';
    out += c;
  }
  return out;
}

// One activity line: "12,CZDS,0,0,...".
std::string ActivityLine(std::string_view first = {}) {
  std::string out(first);
  if (!out.empty()) out += ',';
  out += "12,CZDS";
  for (std::size_t i = 2; i < RequiredColumns(MonthlyReportKind::kRegistryFunctionsActivity).size(); ++i)
    out += ",0";
  return out;
}

MonthlyReportContext Ctx() {
  MonthlyReportContext c;
  c.tld = "example";
  c.month = {2026, 10};
  c.now = MonthEnd({2026, 11});
  return c;
}

TEST(MonthlyReportTest, MonthSyntaxIsExactlyYyyyDashMm) {
  EXPECT_EQ(ParseReportMonth("2026-10"), (ReportMonth{2026, 10}));
  for (const char* bad : {"202610", "2026-1", "2026-13", "2026-00", "26-10", "2026-10-01", "2026/10"})
    EXPECT_FALSE(ParseReportMonth(bad)) << bad;
  EXPECT_EQ(FormatReportMonth({2026, 3}), "2026-03");
  EXPECT_EQ(MonthEnd({2026, 12}), FromCivilDate({2027, 1, 1}));
}

TEST(MonthlyReportTest, AnOptionalTldColumnMustNameTheUrlsTld) {
  const auto cols = RequiredColumns(MonthlyReportKind::kRegistryFunctionsActivity);
  const std::string ok = Join(cols, "tld") + "\n" + ActivityLine("EXAMPLE") + "\n";
  EXPECT_TRUE(ValidateMonthlyReport(MonthlyReportKind::kRegistryFunctionsActivity, ok, Ctx()).accepted());
  const std::string other = Join(cols, "tld") + "\n" + ActivityLine("other") + "\n";
  const Verdict v = ValidateMonthlyReport(MonthlyReportKind::kRegistryFunctionsActivity, other, Ctx());
  EXPECT_EQ(v.code, ResultCode::kSchemaInvalid);
  EXPECT_NE(v.description.find("column tld"), std::string::npos) << v.description;
}

TEST(MonthlyReportTest, RdapColumnsAreAcceptedNotRequiredAndColumnOrderIsFree) {
  const auto cols = RequiredColumns(MonthlyReportKind::kRegistryFunctionsActivity);
  const std::string with_rdap = Join(cols) + ",rdap-queries\n" + ActivityLine() + ",77\n";
  EXPECT_TRUE(ValidateMonthlyReport(MonthlyReportKind::kRegistryFunctionsActivity, with_rdap, Ctx()).accepted());
  // The same report with its first two columns swapped.
  std::vector<std::string_view> swapped(cols.begin(), cols.end());
  std::swap(swapped[0], swapped[1]);
  std::string line = ActivityLine();
  line = "CZDS,12" + line.substr(std::string("12,CZDS").size());
  EXPECT_TRUE(ValidateMonthlyReport(MonthlyReportKind::kRegistryFunctionsActivity,
                                    Join(swapped) + "\n" + line + "\n", Ctx())
                  .accepted());
  // rdap-queries is not a transactions column.
  const auto tx = RequiredColumns(MonthlyReportKind::kRegistrarTransactions);
  const Verdict v = ValidateMonthlyReport(MonthlyReportKind::kRegistrarTransactions,
                                          Join(tx) + ",rdap-queries\n", Ctx());
  EXPECT_EQ(v.code, ResultCode::kSchemaInvalid);
}

TEST(MonthlyReportTest, ATransactionsReportOfNoRegistrarIsItsTotalsLine) {
  const auto tx = RequiredColumns(MonthlyReportKind::kRegistrarTransactions);
  std::string totals = "Totals,";
  for (std::size_t i = 2; i < tx.size(); ++i) totals += ",0";
  EXPECT_TRUE(ValidateMonthlyReport(MonthlyReportKind::kRegistrarTransactions,
                                    Join(tx) + "\r\n" + totals + "\r\n", Ctx())
                  .accepted());
  std::string nonzero = "Totals,";
  for (std::size_t i = 2; i < tx.size(); ++i) nonzero += i == 2 ? ",1" : ",0";
  EXPECT_EQ(ValidateMonthlyReport(MonthlyReportKind::kRegistrarTransactions,
                                  Join(tx) + "\r\n" + nonzero + "\r\n", Ctx())
                .code,
            ResultCode::kTotalsMismatch);
}

TEST(MonthlyReportTest, CountsBeyondInt64AreSchemaErrors) {
  const auto cols = RequiredColumns(MonthlyReportKind::kRegistryFunctionsActivity);
  std::string line = ActivityLine();
  line.replace(0, 2, "99999999999999999999");
  EXPECT_EQ(ValidateMonthlyReport(MonthlyReportKind::kRegistryFunctionsActivity,
                                  Join(cols) + "\n" + line + "\n", Ctx())
                .code,
            ResultCode::kSchemaInvalid);
}

}  // namespace
}  // namespace tldmon::rri
