#include "admin/metrica_import.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace tldmon::admin {
namespace {

const EntityId kMetricaImportExample{EntityKind::kRegistry, "example"};
const EntityId kMetricaImportRegistrar{EntityKind::kRegistrar, "9999"};
constexpr UnixSeconds kImportTime = 1767225600;  // 2026-01-01T00:00:00Z

// The report example of mosapi-api.md §6.11, verbatim.
constexpr std::string_view kSpecExample =
    R"({"version":2,"tld":"example","domainListDate":"2025-01-01","uniqueAbuseDomains":14,)"
    R"("domainListData":[{"threatType":"spam","count":2,"domains":["a.example","b.example"]},)"
    R"({"threatType":"malware","count":-1,"domains":[]}]})";

nlohmann::json Example() { return nlohmann::json::parse(kSpecExample); }

Result<std::vector<MetricaReport>> Import(const nlohmann::json& doc,
                                          const EntityId& target = kMetricaImportExample) {
  return ParseMetricaImport(doc.dump(), target, kImportTime);
}

// Expects rejection with a message starting with `path` and containing `part`.
void ExpectRejected(const nlohmann::json& doc, std::string_view path, std::string_view part,
                    const EntityId& target = kMetricaImportExample) {
  Result<std::vector<MetricaReport>> r = Import(doc, target);
  ASSERT_FALSE(r.ok()) << doc.dump();
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  const std::string& m = r.status().message();
  EXPECT_EQ(m.substr(0, path.size()), path) << m;
  EXPECT_NE(m.find(part), std::string::npos) << m;
}

TEST(MetricaImportTest, SpecExampleImports) {
  Result<std::vector<MetricaReport>> r = ParseMetricaImport(kSpecExample, kMetricaImportExample, kImportTime);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  const MetricaReport& report = r->front();
  EXPECT_EQ(report.entity, kMetricaImportExample);
  EXPECT_EQ(report.domain_list_date, (CivilDate{2025, 1, 1}));
  EXPECT_EQ(report.unique_abuse_domains, 14);
  ASSERT_EQ(report.domain_list_data.size(), 2u);
  EXPECT_EQ(report.domain_list_data[0], (ThreatData{"spam", 2, {"a.example", "b.example"}}));
  EXPECT_EQ(report.domain_list_data[1], (ThreatData{"malware", -1, {}}));
  // No domainListGenerationDate in the file: the import time.
  EXPECT_EQ(report.domain_list_generation_date, "2026-01-01T00:00:00Z");
}

TEST(MetricaImportTest, GenerationDateIsKeptAsGiven) {
  nlohmann::json doc = Example();
  doc["domainListGenerationDate"] = "2018-12-13T23:20:50.52Z";
  Result<std::vector<MetricaReport>> r = Import(doc);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->front().domain_list_generation_date, "2018-12-13T23:20:50.52Z");
  doc["domainListGenerationDate"] = "2018-12-13 23:20:50";
  ExpectRejected(doc, "$.domainListGenerationDate", "RFC 3339");
  doc["domainListGenerationDate"] = 1544743250;
  ExpectRejected(doc, "$.domainListGenerationDate", "expected a string");
}

TEST(MetricaImportTest, ArrayOfReportsInFileOrder) {
  nlohmann::json second = Example();
  second["domainListDate"] = "2024-12-31";
  const nlohmann::json doc = nlohmann::json::array({Example(), second});
  Result<std::vector<MetricaReport>> r = Import(doc);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].domain_list_date, (CivilDate{2025, 1, 1}));
  EXPECT_EQ((*r)[1].domain_list_date, (CivilDate{2024, 12, 31}));
}

TEST(MetricaImportTest, RegistrarReportUsesIanaId) {
  nlohmann::json doc = Example();
  doc.erase("tld");
  doc["ianaId"] = 9999;
  doc["domainListData"][0]["domains"] = {"a.example", "b.test"};  // any TLD for a registrar
  Result<std::vector<MetricaReport>> r = Import(doc, kMetricaImportRegistrar);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->front().entity, kMetricaImportRegistrar);
  // ianaId is a JSON number (§5), not a string.
  doc["ianaId"] = "9999";
  ExpectRejected(doc, "$.ianaId", "expected an integer", kMetricaImportRegistrar);
  doc["ianaId"] = 0;
  ExpectRejected(doc, "$.ianaId", "not a valid IANA ID", kMetricaImportRegistrar);
  doc["ianaId"] = 1448;
  ExpectRejected(doc, "$.ianaId", "rr/1448, not the target rr/9999", kMetricaImportRegistrar);
}

TEST(MetricaImportTest, EntityMustMatchTheTarget) {
  nlohmann::json doc = Example();
  doc["tld"] = "other";
  ExpectRejected(doc, "$.tld", "ry/other, not the target ry/example");
  doc["tld"] = "EXAMPLE";  // TLDs compare case-insensitively
  EXPECT_TRUE(Import(doc).ok());
  doc["tld"] = "exa mple";
  ExpectRejected(doc, "$.tld", "not a valid TLD label");
  // A registry file imported for a registrar, and the other way round.
  ExpectRejected(Example(), "$.tld", "report is for ry/example, not the target rr/9999",
                 kMetricaImportRegistrar);
  nlohmann::json both = Example();
  both["ianaId"] = 9999;
  ExpectRejected(both, "$", "both \"tld\" and \"ianaId\"");
  nlohmann::json neither = Example();
  neither.erase("tld");
  ExpectRejected(neither, "$.tld", "missing");
  nlohmann::json in_array = nlohmann::json::array({Example(), Example()});
  in_array[1]["tld"] = "other";
  ExpectRejected(in_array, "$[1].tld", "not the target");
}

TEST(MetricaImportTest, VersionMustBeTheInteger2) {
  nlohmann::json doc = Example();
  doc["version"] = 1;
  ExpectRejected(doc, "$.version", "must be 2");
  doc["version"] = 2.0;
  ExpectRejected(doc, "$.version", "expected an integer, got number");
  doc["version"] = "2";
  ExpectRejected(doc, "$.version", "expected an integer, got string");
  doc.erase("version");
  ExpectRejected(doc, "$.version", "missing");
}

TEST(MetricaImportTest, DomainListDateMustBeARealDate) {
  for (const char* bad :
       {"2025-02-29", "2025-13-01", "2025-1-1", "01/01/2025", "2025-01-01T00:00:00Z", ""}) {
    nlohmann::json doc = Example();
    doc["domainListDate"] = bad;
    ExpectRejected(doc, "$.domainListDate", "real calendar date");
  }
  nlohmann::json leap = Example();
  leap["domainListDate"] = "2024-02-29";
  EXPECT_TRUE(Import(leap).ok());
  leap["domainListDate"] = 20240229;
  ExpectRejected(leap, "$.domainListDate", "expected a string");
}

TEST(MetricaImportTest, CountRules) {
  nlohmann::json doc = Example();
  doc["domainListData"][0]["count"] = -2;
  ExpectRejected(doc, "$.domainListData[0].count", "must be >= -1");
  doc["domainListData"][0]["count"] = 1;  // two domains listed
  ExpectRejected(doc, "$.domainListData[0].domains", "more than count 1");
  doc["domainListData"][0]["count"] = 5;  // fewer listed than counted is allowed (§6.11)
  EXPECT_TRUE(Import(doc).ok());
  doc["domainListData"][0]["count"] = "5";
  ExpectRejected(doc, "$.domainListData[0].count", "expected an integer");
  doc["domainListData"][0]["count"] = 2.5;
  ExpectRejected(doc, "$.domainListData[0].count", "expected an integer");

  nlohmann::json disabled = Example();
  disabled["domainListData"][1]["domains"] = {"c.example"};
  ExpectRejected(disabled, "$.domainListData[1].domains", "must be empty when count is -1");

  nlohmann::json zero = Example();
  zero["domainListData"][1]["count"] = 0;
  EXPECT_TRUE(Import(zero).ok());
}

TEST(MetricaImportTest, DomainsMustBeValidNamesUnderTheTld) {
  const auto with_domain = [](nlohmann::json value) {
    nlohmann::json doc = Example();
    doc["domainListData"][0]["domains"][1] = std::move(value);
    return doc;
  };
  ExpectRejected(with_domain("bad_name.example"), "$.domainListData[0].domains[1]",
                 "not a valid domain name");
  ExpectRejected(with_domain("b.example."), "$.domainListData[0].domains[1]",
                 "not a valid domain name");
  ExpectRejected(with_domain("example"), "$.domainListData[0].domains[1]",
                 "not a valid domain name");
  ExpectRejected(with_domain("b.other"), "$.domainListData[0].domains[1]", "is not under .example");
  ExpectRejected(with_domain(7), "$.domainListData[0].domains[1]", "expected a string");
  ExpectRejected(with_domain("A.EXAMPLE"), "$.domainListData[0].domains[1]",
                 "duplicate domain \"A.EXAMPLE\" (also at $.domainListData[0].domains[0])");
  EXPECT_TRUE(Import(with_domain("xn--bcher-kva.example")).ok());
  EXPECT_TRUE(Import(with_domain("deep.sub.Example")).ok());
}

TEST(MetricaImportTest, EchoedValuesAreShortened) {
  nlohmann::json doc = Example();
  doc["domainListData"][0]["domains"][1] = std::string(100000, 'x') + ".example";
  Result<std::vector<MetricaReport>> r = Import(doc);
  ASSERT_FALSE(r.ok());
  EXPECT_LT(r.status().message().size(), 200u);
  EXPECT_NE(r.status().message().find("xxx...\""), std::string::npos) << r.status().message();
}

TEST(MetricaImportTest, ThreatTypes) {
  nlohmann::json doc = Example();
  doc["domainListData"][1]["threatType"] = "spam";
  ExpectRejected(doc, "$.domainListData[1].threatType",
                 "duplicate threat type \"spam\" (also at $.domainListData[0])");
  doc["domainListData"][1]["threatType"] = "";
  ExpectRejected(doc, "$.domainListData[1].threatType", "not a threat type name");
  doc["domainListData"][1]["threatType"] = "bad type";
  ExpectRejected(doc, "$.domainListData[1].threatType", "not a threat type name");
  doc["domainListData"][1]["threatType"] = "botnetCc";
  EXPECT_TRUE(Import(doc).ok());
  doc["domainListData"][1]["threatType"] = "newType_2";  // unknown types are fine
  EXPECT_TRUE(Import(doc).ok());
  doc["domainListData"][1].erase("threatType");
  ExpectRejected(doc, "$.domainListData[1].threatType", "missing");
  nlohmann::json empty = Example();
  empty["domainListData"] = nlohmann::json::array();
  EXPECT_TRUE(Import(empty).ok());
}

TEST(MetricaImportTest, UniqueAbuseDomains) {
  nlohmann::json doc = Example();
  doc["uniqueAbuseDomains"] = -1;
  ExpectRejected(doc, "$.uniqueAbuseDomains", "must be >= 0");
  // Two distinct domains are listed: fewer unique ones is impossible.
  doc["uniqueAbuseDomains"] = 1;
  ExpectRejected(doc, "$.uniqueAbuseDomains", "less than the 2 distinct domains listed");
  doc["uniqueAbuseDomains"] = 2;
  EXPECT_TRUE(Import(doc).ok());
  // The same domain under two threat types counts once.
  doc["domainListData"][1] = {{"threatType", "phishing"}, {"count", 1}, {"domains", {"a.example"}}};
  EXPECT_TRUE(Import(doc).ok());
}

TEST(MetricaImportTest, UnknownFieldsAndShapes) {
  nlohmann::json doc = Example();
  doc["ianald"] = 9999;  // the Nomulus test typo (§5)
  ExpectRejected(doc, "$.ianald", "unknown field");
  nlohmann::json inner = Example();
  inner["domainListData"][0]["extra"] = true;
  ExpectRejected(inner, "$.domainListData[0].extra", "unknown field");
  nlohmann::json client_fields = Example();
  client_fields["domainsInZone"] = 1000;
  client_fields["totalDomains"] = 1000;
  EXPECT_TRUE(Import(client_fields).ok());
  client_fields["domainsInZone"] = -5;
  ExpectRejected(client_fields, "$.domainsInZone", "must be >= 0");
  ExpectRejected(nlohmann::json::array(), "$", "no reports");
  ExpectRejected(nlohmann::json("text"), "$", "expected a report object or an array");
  ExpectRejected(nlohmann::json::array({1}), "$[0]", "expected an object");
  nlohmann::json data_not_array = Example();
  data_not_array["domainListData"] = nlohmann::json::object();
  ExpectRejected(data_not_array, "$.domainListData", "expected an array");
}

TEST(MetricaImportTest, DuplicateDatesInOneFile) {
  nlohmann::json doc = nlohmann::json::array({Example(), Example()});
  doc[1]["domainListData"] = nlohmann::json::array();
  ExpectRejected(doc, "$[1].domainListDate", "duplicate date 2025-01-01 (also at $[0])");
}

TEST(MetricaImportTest, RejectsMalformedJsonWhole) {
  Result<std::vector<MetricaReport>> r =
      ParseMetricaImport(std::string(kSpecExample).substr(0, 60), kMetricaImportExample, kImportTime);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("invalid JSON"), std::string::npos);
  // A duplicate key would otherwise silently keep the last value.
  const std::string dup =
      R"({"version":2,"version":2,"tld":"example","domainListDate":"2025-01-01",)"
      R"("uniqueAbuseDomains":0,"domainListData":[]})";
  r = ParseMetricaImport(dup, kMetricaImportExample, kImportTime);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("duplicate key \"version\""), std::string::npos);
}

TEST(MetricaImportTest, SizeLimits) {
  MetricaImportLimits limits;
  limits.max_bytes = 100;
  Result<std::vector<MetricaReport>> r =
      ParseMetricaImport(kSpecExample, kMetricaImportExample, kImportTime, limits);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("more than the limit of 100"), std::string::npos);

  // Three domains in the file against a limit of two, across reports.
  MetricaImportLimits domains;
  domains.max_domains = 2;
  nlohmann::json second = Example();
  second["domainListDate"] = "2025-01-02";
  second["domainListData"][0]["domains"] = {"c.example"};
  r = ParseMetricaImport(nlohmann::json::array({Example(), second}).dump(), kMetricaImportExample, kImportTime,
                         domains);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "$[1].domainListData[0].domains: more than 2 domains in the input");

  MetricaImportLimits reports;
  reports.max_reports = 1;
  r = ParseMetricaImport(nlohmann::json::array({Example(), second}).dump(), kMetricaImportExample, kImportTime,
                         reports);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "$: 2 reports, more than the limit of 1");

  MetricaImportLimits threats;
  threats.max_threat_types = 1;
  r = ParseMetricaImport(kSpecExample, kMetricaImportExample, kImportTime, threats);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "$.domainListData: more than 1 threat types");

  // Nesting beyond the format's shape is refused by the parser.
  r = ParseMetricaImport("[[[[[[[[1]]]]]]]]", kMetricaImportExample, kImportTime);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("nesting"), std::string::npos);
}

TEST(MetricaImportTest, ManyDomainsWithinDefaultLimits) {
  nlohmann::json doc = Example();
  nlohmann::json domains = nlohmann::json::array();
  for (int i = 0; i < 20000; ++i) domains.push_back("d" + std::to_string(i) + ".example");
  doc["domainListData"][0]["count"] = 20000;
  doc["domainListData"][0]["domains"] = domains;
  doc["uniqueAbuseDomains"] = 20000;
  Result<std::vector<MetricaReport>> r = Import(doc);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->front().domain_list_data[0].domains.size(), 20000u);
  EXPECT_EQ(r->front().domain_list_data[0].domains[19999], "d19999.example");
}

}  // namespace
}  // namespace tldmon::admin
