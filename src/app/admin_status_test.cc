// `tldmon admin status --month` (docs/formats/monthly-figures.md).
#include "app/admin_status.h"

#include <gtest/gtest.h>

#include <sstream>

#include "engine/engine_test_fixture.h"

namespace tldmon::app {
namespace {

namespace et = ::tldmon::engine::testing;

TEST(AdminStatusMonthTest, ParsesYearAndMonthOnly) {
  const Result<UnixSeconds> jan = ParseMonthArg("2026-01");
  ASSERT_TRUE(jan.ok());
  EXPECT_EQ(*jan, et::kT0);
  for (const char* bad : {"2026-13", "2026-1", "2026-01-01", "26-01", "", "2026/01"})
    EXPECT_EQ(ParseMonthArg(bad).status().code(), StatusCode::kInvalidArgument) << bad;
}

TEST(AdminStatusMonthTest, OnlyTheMonthOfTheLatestCycleHasFigures) {
  const EntityConfig tld = et::MakeTld();
  engine::Engine eng(engine::SlaParams::Defaults(), {tld}, et::MakeProbes(20));
  EXPECT_EQ(MonthlyReports(eng, et::kT0).status().code(), StatusCode::kFailedPrecondition);

  et::RunCycle(eng, TestKind::kDns, et::kT0, et::DnsReports(tld, et::kT0, 20, 0));
  const auto reports = MonthlyReports(eng, et::kT0);
  ASSERT_TRUE(reports.ok()) << reports.status().ToString();
  ASSERT_EQ(reports->size(), 1u);
  EXPECT_EQ((*reports)[0].entity, tld.id);

  const auto february = MonthlyReports(eng, *ParseMonthArg("2026-02"));
  EXPECT_EQ(february.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(february.status().message().find("2026-01"), std::string::npos);

  // The JSON form is the published document, one per entity.
  const nlohmann::json j = MonthlyJson(*reports, et::kT0 + 60);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["tld"], "example");
  EXPECT_EQ(j[0]["services"][0]["month"], "2026-01");
  std::ostringstream table;
  PrintMonthlyTable(table, *reports);
  EXPECT_NE(table.str().find("ry/example"), std::string::npos);
  EXPECT_NE(table.str().find("dnsUdp"), std::string::npos);
}

}  // namespace
}  // namespace tldmon::app
