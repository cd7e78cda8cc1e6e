#include "admin/metrica_listing.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace tldmon::admin {
namespace {

const EntityId kExample{EntityKind::kRegistry, "example"};
// 2018-12-20T10:00:00Z, computed independently.
constexpr UnixSeconds kNow = 1545300000;

DomainListEntry Entry(int y, int m, int d, std::string generated) {
  return DomainListEntry{CivilDate{y, m, d}, std::move(generated)};
}

std::vector<DomainListEntry> Entries() {
  // Deliberately not in date order.
  return {Entry(2018, 12, 12, "2018-12-13T23:20:50.52Z"),
          Entry(2018, 11, 1, "2018-11-02T01:00:00Z"), Entry(2018, 12, 19, "2018-12-20T01:00:00Z"),
          Entry(2018, 11, 19, "2018-11-20T01:00:00Z")};
}

TEST(MetricaListingTest, LatestIsTheNewestDomainListDate) {
  const auto latest = LatestDomainList(Entries());
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->domain_list_date, (CivilDate{2018, 12, 19}));
  EXPECT_FALSE(LatestDomainList({}).has_value());
}

TEST(MetricaListingTest, RendersEntriesInGivenOrderWithSpecFieldNames) {
  EXPECT_EQ(RenderDomainLists(kExample, {Entry(2018, 12, 12, "2018-12-13T23:20:50.52Z")}),
            R"({"version":2,"tld":"example","domainLists":[{"domainListDate":"2018-12-12",)"
            R"("domainListGenerationDate":"2018-12-13T23:20:50.52Z"}]})");
  EXPECT_EQ(RenderDomainLists(EntityId{EntityKind::kRegistrar, "81"}, {}),
            R"({"version":2,"ianaId":81,"domainLists":[]})");
}

TEST(MetricaListingTest, DefaultRangeIsTheLast31DaysNewestFirst) {
  // today = 2018-12-20; default start = 2018-11-19 (31 days earlier), so
  // 2018-11-01 is out and 2018-11-19 (the boundary) is in.
  Result<std::string, ExtendedError> body =
      DomainListsResponse(kExample, Entries(), std::nullopt, std::nullopt, kNow);
  ASSERT_TRUE(body.ok());
  const auto json = nlohmann::json::parse(*body);
  ASSERT_EQ(json["domainLists"].size(), 3u);
  EXPECT_EQ(json["domainLists"][0]["domainListDate"], "2018-12-19");
  EXPECT_EQ(json["domainLists"][1]["domainListDate"], "2018-12-12");
  EXPECT_EQ(json["domainLists"][1]["domainListGenerationDate"], "2018-12-13T23:20:50.52Z");
  EXPECT_EQ(json["domainLists"][2]["domainListDate"], "2018-11-19");
}

TEST(MetricaListingTest, ExplicitRangeIsInclusive) {
  Result<std::string, ExtendedError> body =
      DomainListsResponse(kExample, Entries(), "2018-11-01", "2018-11-19", kNow);
  ASSERT_TRUE(body.ok());
  const auto json = nlohmann::json::parse(*body);
  ASSERT_EQ(json["domainLists"].size(), 2u);
  EXPECT_EQ(json["domainLists"][0]["domainListDate"], "2018-11-19");
  EXPECT_EQ(json["domainLists"][1]["domainListDate"], "2018-11-01");
}

TEST(MetricaListingTest, BadRangesAnswerTheExtendedErrors) {
  EXPECT_EQ(DomainListsResponse(kExample, Entries(), "2018-11-31", std::nullopt, kNow)
                .error()
                .result_code(),
            2013);
  EXPECT_EQ(DomainListsResponse(kExample, Entries(), std::nullopt, "12/12/2018", kNow)
                .error()
                .result_code(),
            2014);
  EXPECT_EQ(DomainListsResponse(kExample, Entries(), "2018-12-12", "2018-12-11", kNow)
                .error()
                .result_code(),
            2012);
  EXPECT_EQ(DomainListsResponse(kExample, Entries(), "2018-11-01", "2018-12-12", kNow)
                .error()
                .result_code(),
            2011);
}

TEST(MetricaListingTest, EntryOfTakesDateAndGenerationDate) {
  MetricaReport r;
  r.domain_list_date = CivilDate{2025, 1, 1};
  r.domain_list_generation_date = "2025-01-02T00:00:00Z";
  EXPECT_EQ(EntryOf(r), Entry(2025, 1, 1, "2025-01-02T00:00:00Z"));
}

}  // namespace
}  // namespace tldmon::admin
