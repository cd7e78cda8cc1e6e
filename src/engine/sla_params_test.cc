#include "engine/sla_params.h"

#include <gtest/gtest.h>

namespace tldmon::engine {
namespace {

TEST(SlaParamsTest, DefaultsAreIcanns) {
  const SlaParams p = SlaParams::Defaults();
  EXPECT_TRUE(p.Validate().ok());
  // slam-algorithms.md §1.2, §7, §8; mosapi-api.md §9.1.
  EXPECT_EQ(p.Of(Service::kDns).min_online, 20);
  EXPECT_EQ(p.Of(Service::kRdds).min_online, 10);
  EXPECT_EQ(p.Of(Service::kRdap).min_online, 10);
  EXPECT_EQ(p.Of(Service::kDns).fail_cycles, 3);
  EXPECT_EQ(p.Of(Service::kRdap).recover_cycles, 2);
  EXPECT_EQ(p.Of(Service::kDnssec).rollweek_sla_minutes, 240);
  EXPECT_EQ(p.Of(Service::kRdds).rollweek_sla_minutes, 1440);
  EXPECT_EQ(p.Of(Service::kRdap).cycle_seconds, 300);
  EXPECT_EQ(p.RttHigh(RttKind::kDnsTcp), 7500);
  EXPECT_EQ(p.RttLow(RttKind::kRdap), 5000);
  EXPECT_EQ(p.rollweek_seconds, 604800);
}

TEST(SlaParamsTest, SetByKey) {
  SlaParams p = SlaParams::Defaults();
  EXPECT_TRUE(p.Set("dns.min_online", "4").ok());
  EXPECT_EQ(p.Of(Service::kDns).min_online, 4);
  EXPECT_TRUE(p.Set("RDAP.fail_cycles", "3").ok());
  EXPECT_EQ(p.Of(Service::kRdap).fail_cycles, 3);
  EXPECT_TRUE(p.Set("unavailability_limit", "50.5").ok());
  EXPECT_DOUBLE_EQ(p.unavailability_limit, 50.5);
  const SlaParams before = p;
  EXPECT_FALSE(p.Set("dns.min_online", "four").ok());
  EXPECT_FALSE(p.Set("dns.no_such", "1").ok());
  EXPECT_FALSE(p.Set("bogus", "1").ok());
  EXPECT_EQ(p.Of(Service::kDns).min_online, before.Of(Service::kDns).min_online);
  EXPECT_EQ(SlaParams::Keys().size(), 5u * 6u + 12u + 2u);
}

TEST(SlaParamsTest, GetReadsWhatSetWrote) {
  SlaParams p = SlaParams::Defaults();
  ASSERT_TRUE(p.Set("rdds.min_online", "7").ok());
  EXPECT_EQ(p.Get("rdds.min_online"), SlaParams::Value(std::int64_t{7}));
  EXPECT_EQ(p.Get("unavailability_limit"), SlaParams::Value(49.0));
  EXPECT_FALSE(p.Get("rdds.no_such").has_value());
  EXPECT_FALSE(p.Get("nope").has_value());
  for (const std::string& key : SlaParams::Keys()) EXPECT_TRUE(p.Get(key).has_value()) << key;
}

TEST(SlaParamsTest, ValidateRejectsNonsense) {
  SlaParams p = SlaParams::Defaults();
  p.Of(Service::kDns).cycle_seconds = 90;
  EXPECT_FALSE(p.Validate().ok());
  p = SlaParams::Defaults();
  p.Of(Service::kDns).cycle_seconds = 120;  // DNSSEC shares the DNS test
  EXPECT_FALSE(p.Validate().ok());
  p = SlaParams::Defaults();
  p.unavailability_limit = 100;
  EXPECT_FALSE(p.Validate().ok());
}

}  // namespace
}  // namespace tldmon::engine
