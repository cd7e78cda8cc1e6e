#include "documents/document_paths.h"

#include <gtest/gtest.h>

namespace tldmon::documents {
namespace {

const EntityId kRy{EntityKind::kRegistry, "example"};
const EntityId kRr{EntityKind::kRegistrar, "9999"};
constexpr ApiVersion kV1 = ApiVersion::kV1;
constexpr ApiVersion kV2 = ApiVersion::kV2;

// mosapi-api.md §2.4 (project default paths) and §13 (SLAM file tree).
TEST(DocumentPathsTest, PerEntityAndPerServiceObjects) {
  EXPECT_EQ(StatePath(kRy, kV2), "ry/example/v2/monitoring/state");
  EXPECT_EQ(StatePath(kRy, kV1), "ry/example/v1/monitoring/state");
  EXPECT_EQ(AlarmedPath(kRy, kV2, Service::kDns), "ry/example/v2/monitoring/dns/alarmed");
  EXPECT_EQ(DowntimePath(kRr, kV2, Service::kRdap), "rr/9999/v2/monitoring/rdap/downtime");
  EXPECT_EQ(IncidentListPath(kRy, kV2, Service::kDnssec), "ry/example/v2/monitoring/dnssec/incidents");
}

TEST(DocumentPathsTest, IncidentObjects) {
  const std::string id = "1767225780.4242";
  EXPECT_EQ(IncidentStatePath(kRy, kV2, Service::kDns, id),
            "ry/example/v2/monitoring/dns/incidents/1767225780.4242/state");
  EXPECT_EQ(FalsePositivePath(kRy, kV2, Service::kDns, id),
            "ry/example/v2/monitoring/dns/incidents/1767225780.4242/falsePositive");
  EXPECT_EQ(IncidentMeasurementsPath(kRy, kV1, Service::kRdds, id),
            "ry/example/v1/monitoring/rdds/incidents/1767225780.4242/measurements");
  EXPECT_EQ(IncidentMeasurementPath(kRy, kV2, Service::kDns, id, "1767225780.4242.json"),
            "ry/example/v2/monitoring/dns/incidents/1767225780.4242/measurements/1767225780.4242.json");
}

TEST(DocumentPathsTest, RecentMeasurementsUseTheUtcDateOfTheCycle) {
  EXPECT_EQ(MeasurementsPath(kRy, kV2, Service::kDns), "ry/example/v2/monitoring/dns/measurements");
  EXPECT_EQ(MeasurementYearPath(kRy, kV2, Service::kDns, 2026),
            "ry/example/v2/monitoring/dns/measurements/2026");
  EXPECT_EQ(MeasurementMonthPath(kRy, kV2, Service::kDns, 2026, 1),
            "ry/example/v2/monitoring/dns/measurements/2026/01");
  EXPECT_EQ(MeasurementDayPath(kRy, kV2, Service::kDns, CivilDate{2026, 1, 1}),
            "ry/example/v2/monitoring/dns/measurements/2026/01/01");
  // t0 = 2026-01-01T00:00:00Z
  EXPECT_EQ(MeasurementPath(kRy, kV2, Service::kDns, 1767225600),
            "ry/example/v2/monitoring/dns/measurements/2026/01/01/1767225600.json");
  // 2025-12-31T23:59:00Z belongs to the previous day.
  EXPECT_EQ(MeasurementPath(kRr, kV2, Service::kRdds, 1767225540),
            "rr/9999/v2/monitoring/rdds/measurements/2025/12/31/1767225540.json");
}

}  // namespace
}  // namespace tldmon::documents
