#include "admin/rdap_base_urls_import.h"

#include <gtest/gtest.h>

#include <string>

namespace tldmon::admin {
namespace {

constexpr UnixSeconds kImportTime = 1767225600;  // 2026-01-01T00:00:00Z

RdapBaseUrlList Expect(std::string_view input) {
  Result<RdapBaseUrlList> r = ParseRdapBaseUrlImport(input, kImportTime);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : RdapBaseUrlList{};
}

void ExpectError(std::string_view input, std::string_view message_start,
                 const RdapBaseUrlImportLimits& limits = {}) {
  Result<RdapBaseUrlList> r = ParseRdapBaseUrlImport(input, kImportTime, limits);
  ASSERT_FALSE(r.ok()) << input;
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message().substr(0, message_start.size()), message_start)
      << r.status().message();
}

TEST(RdapBaseUrlImportTest, CsvWithHeaderCommentsBlankLinesAndCrlf) {
  const RdapBaseUrlList list = Expect(
      "ianaId,url\r\n"
      "# Gandi and Blacknight\r\n"
      "\r\n"
      "1448, https://rdap.blacknight.com \r\n"
      "81,https://rdap.gandi.net,https://rdap2.gandi.net/\n");
  EXPECT_EQ(list.publication, kImportTime);
  ASSERT_EQ(list.registrars.size(), 2u);
  // Sorted by IANA ID, URLs in the given order, blanks trimmed.
  EXPECT_EQ(list.registrars[0],
            (RegistrarRdapBaseUrls{81, {"https://rdap.gandi.net", "https://rdap2.gandi.net/"}}));
  EXPECT_EQ(list.registrars[1], (RegistrarRdapBaseUrls{1448, {"https://rdap.blacknight.com"}}));
  EXPECT_TRUE(ValidateRdapBaseUrlList(list).ok());
}

TEST(RdapBaseUrlImportTest, CsvWithoutHeaderAndWithBom) {
  const RdapBaseUrlList list = Expect(
      "\xEF\xBB\xBF"
      "81,https://rdap.gandi.net");
  ASSERT_EQ(list.registrars.size(), 1u);
  EXPECT_EQ(list.registrars[0].iana_id, 81u);
}

TEST(RdapBaseUrlImportTest, CsvErrorsNameLineAndField) {
  ExpectError("81,https://a.example/\nx81,https://b.example/\n",
              "line 2, field 1: not an IANA ID (a positive integer): \"x81\"");
  ExpectError("0,https://a.example/", "line 1, field 1: not an IANA ID");
  ExpectError("081,https://a.example/", "line 1, field 1: not an IANA ID");
  ExpectError("-5,https://a.example/", "line 1, field 1: not an IANA ID");
  ExpectError("4294967296,https://a.example/", "line 1, field 1: not an IANA ID");
  EXPECT_EQ(Expect("4294967295,https://a.example/").registrars[0].iana_id, 4294967295u);
  ExpectError("81,http://rdap.gandi.net", "line 1, field 2: not an https URL");
  ExpectError("81,https://a.example/,https://a.example/", "line 1, field 3: URL listed twice");
  ExpectError("81,https://a.example/,", "line 1, field 3: not an https URL");
  ExpectError("81", "line 1: no RDAP base URL");
  ExpectError("81,https://a.example/\n\n81,https://b.example/",
              "line 3: IANA ID 81 already listed at line 1");
  ExpectError("# only a comment\n", "no registrars in the input");
  ExpectError("", "no registrars in the input");
  ExpectError("ianaId,url\n", "no registrars in the input");
  // A header is only recognised on the first data line.
  ExpectError("81,https://a.example/\nianaId,url\n", "line 2, field 1: not an IANA ID");
}

TEST(RdapBaseUrlImportTest, JsonForm) {
  const RdapBaseUrlList list =
      Expect(R"({"publication":"2019-06-04T13:02:06Z",)"
             R"("description":"ICANN-accredited Registrar's RDAP base URL list",)"
             R"("services":[[["1448"],["https://rdap.blacknight.com"]],)"
             R"([["81", 5],["https://rdap.gandi.net"]]],"version":"1.0"})");
  // The file's publication is not kept: the list is published when imported.
  EXPECT_EQ(list.publication, kImportTime);
  ASSERT_EQ(list.registrars.size(), 3u);
  EXPECT_EQ(list.registrars[0], (RegistrarRdapBaseUrls{5, {"https://rdap.gandi.net"}}));
  EXPECT_EQ(list.registrars[1], (RegistrarRdapBaseUrls{81, {"https://rdap.gandi.net"}}));
  EXPECT_EQ(list.registrars[2], (RegistrarRdapBaseUrls{1448, {"https://rdap.blacknight.com"}}));
  // Only `services` is required.
  EXPECT_EQ(Expect(R"( {"services":[[["81"],["https://rdap.gandi.net"]]]})").registrars.size(), 1u);
}

TEST(RdapBaseUrlImportTest, JsonErrorsNameThePath) {
  ExpectError(R"({"services":[[["81"],["https://a.example/"]],[["81"],["https://b.example/"]]]})",
              "$.services[1][0][0]: IANA ID 81 already listed at $.services[0][0][0]");
  ExpectError(R"({"services":[[["81"]]]})",
              "$.services[0]: expected [[ianaId...], [url...]], got an array of 1");
  ExpectError(R"({"services":[[[],["https://a.example/"]]]})", "$.services[0][0]: no IANA ID");
  ExpectError(R"({"services":[[["81"],[]]]})", "$.services[0][1]: no RDAP base URL");
  ExpectError(R"({"services":[[["81"],["ftp://a.example/"]]]})",
              "$.services[0][1][0]: not an https URL");
  ExpectError(R"({"services":[[["81"],[7]]]})", "$.services[0][1][0]: expected a string");
  ExpectError(R"({"services":[[["eighty"],["https://a.example/"]]]})",
              "$.services[0][0][0]: not an IANA ID");
  ExpectError(R"({"services":[[[-81],["https://a.example/"]]]})",
              "$.services[0][0][0]: not an IANA ID");
  ExpectError(R"({"services":[[[81.5],["https://a.example/"]]]})",
              "$.services[0][0][0]: not an IANA ID");
  ExpectError(R"({"services":[]})", "$.services: no registrars");
  ExpectError(R"({"service":[]})", "$.service: unknown field");
  ExpectError(R"({"publication":"yesterday","services":[[["81"],["https://a.example/"]]]})",
              "$.publication: not an RFC 3339 date-time");
  ExpectError(R"({"version":"2.0","services":[[["81"],["https://a.example/"]]]})",
              "$.version: must be \"1.0\"");
  ExpectError(R"({"version":1,"services":[]})", "$.version: expected a string");
  ExpectError(R"({"services":[[["81"],["https://a.example/"]]])", "invalid JSON");
  ExpectError(R"({"services":[[[["81"]],["https://a.example/"]]]})", "JSON nesting deeper");
}

TEST(RdapBaseUrlImportTest, Limits) {
  RdapBaseUrlImportLimits small;
  small.max_bytes = 10;
  ExpectError("81,https://a.example/", "input is 21 bytes, more than the limit of 10", small);
  RdapBaseUrlImportLimits two;
  two.max_registrars = 2;
  ExpectError("1,https://a.example/\n2,https://a.example/\n3,https://a.example/\n",
              "line 3: more than 2 registrars", two);
  RdapBaseUrlImportLimits urls;
  urls.max_urls_per_registrar = 2;
  ExpectError("1,https://a.example/,https://b.example/,https://c.example/",
              "line 1: more than 2 URLs", urls);
  ExpectError(
      R"({"services":[[["1"],["https://a.example/","https://b.example/","https://c.example/"]]]})",
      "$.services[0][1]: more than 2 URLs", urls);
  // A very long line is cut off after the limit instead of being split whole.
  std::string many = "1";
  for (int i = 0; i < 100000; ++i) many += ",https://a.example/";
  ExpectError(many, "line 1: more than 16 URLs");
}

TEST(RdapBaseUrlImportTest, EchoedValuesAreShortened) {
  const std::string long_id(500, '9');
  Result<RdapBaseUrlList> r = ParseRdapBaseUrlImport(long_id + ",https://a.example/", kImportTime);
  ASSERT_FALSE(r.ok());
  EXPECT_LT(r.status().message().size(), 200u);
}

}  // namespace
}  // namespace tldmon::admin
