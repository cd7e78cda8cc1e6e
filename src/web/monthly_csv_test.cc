#include "web/monthly_csv.h"

#include <gtest/gtest.h>

namespace tldmon::web {
namespace {

TEST(MonthlyCsv, OneLinePerFigureWithItsLimit) {
  const auto csv = MonthlyCsv(
      "ry/example",
      nlohmann::json::parse(R"({"services":[{"service":"dns","month":"2026-01","downtime":3,"downtimeSLR":0,"downtimeMet":false}],)"
      R"("rtt":[{"kind":"dnsUdp","month":"2026-01","failedPercent":0.011,"failedPercentAllowed":5,"met":true}],)"
      R"("nameServerIPs":[{"ns":"ns1.nic.example","ip":"192.0.2.1","month":null,"downtime":5,"downtimeSLR":432,"downtimeMet":true}]})"));
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  EXPECT_EQ(*csv,
            "entity,figure,month,value,unit,limit,met\r\n"
            "ry/example,dns downtime,2026-01,3,min,0,no\r\n"
            "ry/example,RTT dnsUdp failed,2026-01,0.011,%,5,yes\r\n"
            "ry/example,ns1.nic.example 192.0.2.1 downtime,,5,min,432,yes\r\n");
  EXPECT_FALSE(MonthlyCsv("ry/example", nlohmann::json::parse("[1]")).ok());
}

}  // namespace
}  // namespace tldmon::web
