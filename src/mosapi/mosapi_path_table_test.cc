// A3: one URL grammar. The table of core/mosapi_path.h is read by the router
// (route table, canonical paths), by the DocumentStore paths
// (documents/document_paths.h) and by docs/openapi.json's checks; this test
// proves they agree: every table entry routes back to itself, renders the
// store path the documents are published at, and is an OpenAPI path — and
// every OpenAPI path of a MoSAPI resource is in the table.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "core/mosapi_path.h"
#include "documents/document_paths.h"
#include "mosapi/route.h"
#include "mosapi/router.h"

namespace tldmon::mosapi {
namespace {

const EntityId kRy{EntityKind::kRegistry, "example"};
constexpr std::string_view kIncident = "1767225780.4242";
constexpr std::string_view kIncidentMeasurement = "1767225780.4242.json";
constexpr UnixSeconds kCycle = 1767225600;  // 2026-01-01T00:00:00Z

MosapiPathValues Sample() {
  MosapiPathValues v;
  v.entity_kind = kRy.kind;
  v.entity_id = kRy.id;
  v.version = 2;
  v.service = Service::kDnssec;
  v.incident_id = kIncident;
  v.year = 2026;
  v.month = 1;
  v.day = 1;
  v.date = {2025, 12, 31};
  v.schedule_id = "window-1";
  return v;
}

// The documents module's path for a resource it publishes; "" otherwise.
std::string DocumentsPath(MosapiResource r) {
  using documents::ApiVersion;
  const ApiVersion v = ApiVersion::kV2;
  const Service s = Service::kDnssec;
  switch (r) {
    case MosapiResource::kMonitoringState:
      return documents::StatePath(kRy, v);
    case MosapiResource::kServiceAlarmed:
      return documents::AlarmedPath(kRy, v, s);
    case MosapiResource::kServiceDowntime:
      return documents::DowntimePath(kRy, v, s);
    case MosapiResource::kIncidentList:
      return documents::IncidentListPath(kRy, v, s);
    case MosapiResource::kIncidentState:
      return documents::IncidentStatePath(kRy, v, s, kIncident);
    case MosapiResource::kIncidentFalsePositive:
      return documents::FalsePositivePath(kRy, v, s, kIncident);
    case MosapiResource::kIncidentMeasurements:
      return documents::IncidentMeasurementsPath(kRy, v, s, kIncident);
    case MosapiResource::kIncidentMeasurement:
      return documents::IncidentMeasurementPath(kRy, v, s, kIncident, kIncidentMeasurement);
    case MosapiResource::kMeasurementYears:
      return documents::MeasurementsPath(kRy, v, s);
    case MosapiResource::kMeasurementMonths:
      return documents::MeasurementYearPath(kRy, v, s, 2026);
    case MosapiResource::kMeasurementDays:
      return documents::MeasurementMonthPath(kRy, v, s, 2026, 1);
    case MosapiResource::kMeasurementList:
      return documents::MeasurementDayPath(kRy, v, s, CivilDate{2026, 1, 1});
    case MosapiResource::kMeasurement:
      return documents::MeasurementPath(kRy, v, s, kCycle);
    default:
      return "";
  }
}

std::set<std::string> OpenApiPaths() {
  std::ifstream in(TLDMON_OPENAPI_JSON);
  std::stringstream ss;
  ss << in.rdbuf();
  const nlohmann::json doc = nlohmann::json::parse(ss.str(), nullptr, false);
  std::set<std::string> out;
  if (doc.is_object() && doc.contains("paths"))
    for (const auto& [path, item] : doc["paths"].items()) out.insert(path);
  return out;
}

TEST(MosapiPathTableTest, EveryEntryRoutesRendersItsStorePathAndIsInOpenApi) {
  const std::set<std::string> openapi = OpenApiPaths();
  ASSERT_FALSE(openapi.empty()) << TLDMON_OPENAPI_JSON;
  int documents_checked = 0;
  for (const MosapiPathRow& row : kMosapiPaths) {
    SCOPED_TRACE(std::string(row.path_template));
    MosapiPathValues v = Sample();
    if (row.resource == MosapiResource::kIncidentMeasurement)
      v.measurement_id = kIncidentMeasurement;
    if (row.resource == MosapiResource::kMeasurement) v.measurement_id = "1767225600.json";
    std::string url;
    AppendMosapiPath(row.resource, v, url);

    std::string scratch;
    const RouteMatch m = MatchRoute(url, scratch);
    ASSERT_TRUE(m.ok()) << url << ": " << m.detail;
    EXPECT_EQ(m.route.info().path_template, row.path_template) << url;
    std::string canonical;
    AppendCanonicalPath(m.route, canonical);
    EXPECT_EQ(canonical, url);

    std::string store_path;
    if (AppendStorePath(m.route, store_path)) {
      EXPECT_EQ(store_path, url.substr(1));
      const std::string from_documents = DocumentsPath(row.resource);
      if (!from_documents.empty()) {
        EXPECT_EQ(from_documents, store_path);
        ++documents_checked;
      }
    } else {
      EXPECT_TRUE(DocumentsPath(row.resource).empty()) << "published but not document-backed";
    }
    EXPECT_TRUE(openapi.contains(std::string(row.path_template))) << "missing in docs/openapi.json";
  }
  EXPECT_EQ(documents_checked, 13);  // every SLAM object the documents module publishes
}

TEST(MosapiPathTableTest, EveryOpenApiPathOfAResourceIsInTheTable) {
  std::set<std::string> table;
  for (const MosapiPathRow& row : kMosapiPaths) table.insert(std::string(row.path_template));
  // The operational endpoints are not MoSAPI resources (core/mosapi_path.h).
  const std::set<std::string> operational = {"/healthz", "/metrics", "/openapi.json"};
  for (const std::string& path : OpenApiPaths()) {
    if (operational.contains(path)) continue;
    if (path.rfind("/ui/", 0) == 0) continue;  // the dashboard's (docs/dashboard.md)
    EXPECT_TRUE(table.contains(path)) << path << " is documented but not in core/mosapi_path.h";
  }
}

// Every route of the router's table that is a MoSAPI resource takes its
// template from the one table.
TEST(MosapiPathTableTest, RouteTableReadsTheOneTable) {
  for (const RouteInfo& info : AllRouteInfos()) {
    if (info.kind < RouteKind::kLogin) continue;
    const auto r = static_cast<MosapiResource>(static_cast<int>(info.kind) -
                                               static_cast<int>(RouteKind::kLogin));
    // Equal text (not the same address: identical string literals in two
    // translation units need not be merged, and are not in debug builds).
    EXPECT_EQ(info.path_template, MosapiPathTemplate(r)) << info.name;
  }
}

}  // namespace
}  // namespace tldmon::mosapi
