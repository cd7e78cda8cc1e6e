#include "admin/rdap_base_urls.h"

#include <gtest/gtest.h>

#include "admin/rdap_base_urls_import.h"

namespace tldmon::admin {
namespace {

// 2019-06-04T13:02:06Z, computed independently (Python calendar.timegm).
constexpr UnixSeconds kPublication = 1559653326;

// Golden: the production reply captured in mosapi-api.md §6.13, newlines removed.
TEST(RdapBaseUrlListTest, RendersTheSpecExampleExactly) {
  const RdapBaseUrlList list{
      kPublication, {{81, {"https://rdap.gandi.net"}}, {1448, {"https://rdap.blacknight.com"}}}};
  ASSERT_TRUE(ValidateRdapBaseUrlList(list).ok());
  EXPECT_EQ(
      RenderRdapBaseUrlList(list),
      R"({"publication":"2019-06-04T13:02:06Z",)"
      R"("description":"ICANN-accredited Registrar's RDAP base URL list",)"
      R"("services":[[["81"],["https://rdap.gandi.net"]],[["1448"],["https://rdap.blacknight.com"]]],)"
      R"("version":"1.0"})");
}

TEST(RdapBaseUrlListTest, IdenticalUrlListsShareAGroupOrderedBySmallestId) {
  const RdapBaseUrlList list{kPublication,
                             {{5, {"https://rdap.shared.example/"}},
                              {7, {"https://rdap.seven.example/"}},
                              {9, {"https://rdap.shared.example/"}},
                              {11, {"https://a.example/", "https://b.example/"}},
                              {12, {"https://b.example/", "https://a.example/"}},
                              {13, {"https://a.example/", "https://b.example/"}}}};
  ASSERT_TRUE(ValidateRdapBaseUrlList(list).ok());
  const std::string body = RenderRdapBaseUrlList(list);
  EXPECT_NE(body.find(R"("services":[)"
                      R"([["5","9"],["https://rdap.shared.example/"]],)"
                      R"([["7"],["https://rdap.seven.example/"]],)"
                      R"([["11","13"],["https://a.example/","https://b.example/"]],)"
                      R"([["12"],["https://b.example/","https://a.example/"]]])"),
            std::string::npos)
      << body;
}

TEST(RdapBaseUrlListTest, EmptyListRendersEmptyServices) {
  EXPECT_EQ(RenderRdapBaseUrlList(RdapBaseUrlList{0, {}}),
            R"({"publication":"1970-01-01T00:00:00Z",)"
            R"("description":"ICANN-accredited Registrar's RDAP base URL list",)"
            R"("services":[],"version":"1.0"})");
}

TEST(RdapBaseUrlListTest, ValidateCatchesBrokenInvariants) {
  EXPECT_FALSE(ValidateRdapBaseUrlList({0, {{0, {"https://a.example/"}}}}).ok());
  EXPECT_FALSE(
      ValidateRdapBaseUrlList({0, {{9, {"https://a.example/"}}, {5, {"https://a.example/"}}}})
          .ok());
  EXPECT_FALSE(
      ValidateRdapBaseUrlList({0, {{5, {"https://a.example/"}}, {5, {"https://a.example/"}}}})
          .ok());
  EXPECT_FALSE(ValidateRdapBaseUrlList({0, {{5, {}}}}).ok());
  EXPECT_FALSE(ValidateRdapBaseUrlList({0, {{5, {"http://a.example/"}}}}).ok());
  EXPECT_FALSE(
      ValidateRdapBaseUrlList({0, {{5, {"https://a.example/", "https://a.example/"}}}}).ok());
}

TEST(RdapBaseUrlListTest, StorageRoundTripIsLossless) {
  const RdapBaseUrlList list{kPublication,
                             {{5, {"https://rdap.shared.example/"}},
                              {7, {"https://b.example/", "https://a.example:8443/rdap/"}},
                              {9, {"https://rdap.shared.example/"}},
                              {4294967295u, {"https://[2001:db8::1]/"}}}};
  Result<RdapBaseUrlList> back = ParseStoredRdapBaseUrlList(RenderRdapBaseUrlList(list));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, list);
  Result<RdapBaseUrlList> empty =
      ParseStoredRdapBaseUrlList(RenderRdapBaseUrlList(RdapBaseUrlList{kPublication, {}}));
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_EQ(*empty, (RdapBaseUrlList{kPublication, {}}));
}

TEST(RdapBaseUrlListTest, StoredListNeedsPublication) {
  Result<RdapBaseUrlList> r =
      ParseStoredRdapBaseUrlList(R"({"services":[[["81"],["https://rdap.gandi.net"]]]})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "$.publication: missing");
}

}  // namespace
}  // namespace tldmon::admin
