#include "core/mosapi_path.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace tldmon {
namespace {

TEST(MosapiPathTest, ExpandsEveryPlaceholder) {
  MosapiPathValues v;
  v.entity_kind = EntityKind::kRegistrar;
  v.entity_id = "9999";
  v.version = 1;
  v.service = Service::kRdds;
  v.incident_id = "1767225600.7";
  v.measurement_id = "1767225600.7.json";
  std::string out;
  AppendMosapiPath(MosapiResource::kIncidentMeasurement, v, out);
  EXPECT_EQ(out,
            "/rr/9999/v1/monitoring/rdds/incidents/1767225600.7/measurements/1767225600.7.json");

  v = MosapiPathValues{};
  v.entity_id = "example";
  v.year = 2026;
  v.month = 1;
  v.day = 2;
  v.measurement_id = "1767312000.json";
  out.clear();
  AppendMosapiPath(MosapiResource::kMeasurement, v, out);
  EXPECT_EQ(out, "/ry/example/v2/monitoring/dns/measurements/2026/01/02/1767312000.json");

  v.date = {2025, 3, 4};
  out.clear();
  AppendMosapiPath(MosapiResource::kMetricaByDate, v, out);
  EXPECT_EQ(out, "/ry/example/v2/metrica/domainList/2025-03-04");
  v.schedule_id = "w-1";
  out.clear();
  AppendMosapiPath(MosapiResource::kMaintenanceWindow, v, out);
  EXPECT_EQ(out, "/ry/example/v2/maintenance/w-1");
}

TEST(MosapiPathTest, TemplatesAreDistinctAndWellFormed) {
  std::set<std::string_view> seen;
  for (const MosapiPathRow& row : kMosapiPaths) {
    EXPECT_TRUE(seen.insert(row.path_template).second) << row.path_template;
    ASSERT_FALSE(row.path_template.empty());
    EXPECT_EQ(row.path_template.front(), '/');
    EXPECT_EQ(row.path_template.rfind("/{entity}/{id}/", 0), 0u) << row.path_template;
    // Every '{' closes before the next one opens.
    int depth = 0;
    for (char c : row.path_template) {
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      EXPECT_GE(depth, 0);
      EXPECT_LE(depth, 1);
    }
    EXPECT_EQ(depth, 0) << row.path_template;
  }
}

}  // namespace
}  // namespace tldmon
