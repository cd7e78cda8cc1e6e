#include "admin/metrica_report.h"

#include <gtest/gtest.h>

#include "admin/metrica_import.h"

namespace tldmon::admin {
namespace {

MetricaReport SpecReport() {
  MetricaReport r;
  r.entity = EntityId{EntityKind::kRegistry, "example"};
  r.domain_list_date = CivilDate{2025, 1, 1};
  r.unique_abuse_domains = 14;
  r.domain_list_data = {ThreatData{"spam", 2, {"a.example", "b.example"}},
                        ThreatData{"malware", -1, {}}};
  r.domain_list_generation_date = "2025-01-02T03:04:05.6Z";
  return r;
}

// Golden: the report example of mosapi-api.md §6.11, byte for byte (field
// order, integer types, no domainsInZone/totalDomains/generation date).
TEST(MetricaReportTest, RendersTheSpecExampleExactly) {
  EXPECT_EQ(
      RenderMetricaReport(SpecReport()),
      R"({"version":2,"tld":"example","domainListDate":"2025-01-01","uniqueAbuseDomains":14,)"
      R"("domainListData":[{"threatType":"spam","count":2,"domains":["a.example","b.example"]},)"
      R"({"threatType":"malware","count":-1,"domains":[]}]})");
}

TEST(MetricaReportTest, RegistrarReportCarriesNumericIanaId) {
  MetricaReport r = SpecReport();
  r.entity = EntityId{EntityKind::kRegistrar, "9999"};
  r.domain_list_data.clear();
  r.unique_abuse_domains = 0;
  EXPECT_EQ(RenderMetricaReport(r),
            R"({"version":2,"ianaId":9999,"domainListDate":"2025-01-01","uniqueAbuseDomains":0,)"
            R"("domainListData":[]})");
}

TEST(MetricaReportTest, StorageBlobAddsGenerationDateAndRoundTrips) {
  const MetricaReport original = SpecReport();
  const std::string blob = SerializeMetricaReport(original);
  EXPECT_EQ(
      blob,
      R"({"version":2,"tld":"example","domainListDate":"2025-01-01",)"
      R"("domainListGenerationDate":"2025-01-02T03:04:05.6Z","uniqueAbuseDomains":14,)"
      R"("domainListData":[{"threatType":"spam","count":2,"domains":["a.example","b.example"]},)"
      R"({"threatType":"malware","count":-1,"domains":[]}]})");
  Result<MetricaReport> back = ParseStoredMetricaReport(blob);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, original);

  MetricaReport registrar = original;
  registrar.entity = EntityId{EntityKind::kRegistrar, "4294967295"};
  registrar.domain_list_data[0].domains = {"x.com", "Y.net"};
  Result<MetricaReport> back2 = ParseStoredMetricaReport(SerializeMetricaReport(registrar));
  ASSERT_TRUE(back2.ok()) << back2.status().ToString();
  EXPECT_EQ(*back2, registrar);
}

TEST(MetricaReportTest, StoredBlobNeedsGenerationDate) {
  Result<MetricaReport> r = ParseStoredMetricaReport(RenderMetricaReport(SpecReport()));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "$.domainListGenerationDate: missing");
}

}  // namespace
}  // namespace tldmon::admin
