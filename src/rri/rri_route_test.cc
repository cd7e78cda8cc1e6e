#include "rri/rri_route.h"

#include <gtest/gtest.h>

namespace tldmon::rri {
namespace {

using http::Method;

TEST(RriRouteTest, UploadsAtIcannsPaths) {
  RouteMatch m = MatchRriRoute(Method::kPut, "/report/registrar-transactions/Example/2026-10");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->endpoint, RriEndpoint::kUpload);
  EXPECT_EQ(m.route->type, ReportType::kRegistrarTransactions);
  EXPECT_EQ(m.route->tld, "example") << "the TLD is lower-cased";
  EXPECT_EQ(m.route->period, "2026-10");
  m = MatchRriRoute(Method::kPut, "/report/registry-escrow-report/xn--p1ai/20261017001");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->type, ReportType::kEscrowReport);
  EXPECT_EQ(m.route->tld, "xn--p1ai");
  EXPECT_EQ(m.route->period, "20261017001");
  for (Method method : {Method::kPut, Method::kPost}) {
    m = MatchRriRoute(method, "/report/escrow-agent-notification/example");
    ASSERT_TRUE(m.route);
    EXPECT_EQ(m.route->type, ReportType::kEscrowNotification);
    EXPECT_TRUE(m.route->period.empty());
  }
}

TEST(RriRouteTest, AMalformedMonthStillRoutesSoTheClientGets2111) {
  // Namingo sends YYYYMM; the intake answers 2111 to the authenticated client.
  RouteMatch m = MatchRriRoute(Method::kPut, "/report/registry-functions-activity/example/202610");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->period, "202610");
}

TEST(RriRouteTest, ReadBacksAndStatus) {
  RouteMatch m = MatchRriRoute(Method::kHead, "/info/report/registry-escrow-report/example/2026-10-17");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->endpoint, RriEndpoint::kReadBack);
  m = MatchRriRoute(Method::kGet, "/info/status/registry/example");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->endpoint, RriEndpoint::kStatus);
  m = MatchRriRoute(Method::kGet, "/info/status/escrow-agent-notification/example");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->type, ReportType::kEscrowNotification);
}

TEST(RriRouteTest, WrongMethodIs405WithAllow) {
  RouteMatch m = MatchRriRoute(Method::kGet, "/report/registrar-transactions/example/2026-10");
  EXPECT_FALSE(m.route);
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.allow, "PUT");
  m = MatchRriRoute(Method::kPut, "/info/report/registrar-transactions/example/2026-10");
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.allow, "GET, HEAD");
  m = MatchRriRoute(Method::kDelete, "/report/escrow-agent-notification/example");
  EXPECT_EQ(m.status, 405);
}

TEST(RriRouteTest, EverythingElseIs404) {
  for (const char* path :
       {"/report/", "/report/registry-escrow-report", "/report/registry-escrow-report/example",
        // Namingo's default escrow URL: the bare /report/ prefix (rri.md §5).
        "/report", "/report/unknown-report/example/2026-10",
        "/report/registrar-transactions/exa.mple/2026-10",
        "/report/registrar-transactions/-example/2026-10",
        "/report/registrar-transactions/example/2026-10/extra",
        "/report/registrar-transactions/example/", "/info/report/registrar-transactions/example",
        "/info/status/unknown/example", "/info/status/conformance-version"}) {
    RouteMatch m = MatchRriRoute(Method::kPut, path);
    EXPECT_FALSE(m.route) << path;
    EXPECT_EQ(m.status, 404) << path;
  }
}

}  // namespace
}  // namespace tldmon::rri
