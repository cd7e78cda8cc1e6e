#include "mosapi/api_handler.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "mosapi/router.h"

namespace tldmon::mosapi {
namespace {

using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

class FakeAccess : public AccessControl {
 public:
  AccessDecision Authorize(const Request&, const Route& route) override {
    ++authorize_calls;
    last_role = route.info().role;
    return decision;
  }
  void Login(const Request&, const Route& route, Response& response) override {
    ++session_calls;
    response.SetBody(200, "text/plain", "Login successful");
    response.AddHeader("Set-Cookie", "id=ABC; Path=/" + std::string(KindPrefix(route.entity_kind)) +
                                         "/" + std::string(route.entity_id) + "; Secure; HttpOnly");
  }
  void Logout(const Request&, const Route&, Response& response) override {
    ++session_calls;
    response.SetBody(200, "text/plain", "Logout successful");
  }
  bool NeedsPasswordCheck(const Request&, const Route&) override { return needs_password_check; }
  AccessDecision decision;
  bool needs_password_check = true;
  int session_calls = 0;
  int authorize_calls = 0;
  RequiredRole last_role = RequiredRole::kNone;
};

class FakeDocuments : public DocumentSource {
 public:
  std::shared_ptr<const Representation> Find(std::string_view path) const override {
    const auto it = docs.find(std::string(path));
    return it == docs.end() ? nullptr : it->second;
  }
  std::map<std::string, std::shared_ptr<const Representation>> docs;
};

class FakeDynamic : public DynamicRoutes {
 public:
  void Serve(const RouteRequest& rr, Response& response) override {
    ++calls;
    last_kind = rr.route.kind;
    last_dates = rr.dates;
    response.SetBody(200, "application/json", R"({"dynamic":true})");
  }
  int calls = 0;
  RouteKind last_kind = RouteKind::kHealthz;
  std::optional<DateRange> last_dates;
};

class ApiHandlerTest : public ::testing::Test {
 protected:
  ApiHandlerTest() : clock_(1735689600 + 10 * 86400) {}  // 2025-01-11

  Response& Get(std::string target, Method method = Method::kGet) {
    target_ = std::move(target);
    Request request;
    request.method = method;
    request.method_name = method == Method::kOther ? "BREW" : MethodName(method);
    request.target = target_;
    const TargetParts parts = SplitTarget(target_);
    request.path = parts.path;
    request.query = parts.query;
    response_.Reset();
    handler_.Handle(request, response_);
    return response_;
  }
  nlohmann::json Json() const { return nlohmann::json::parse(response_.body()); }

  FakeAccess access_;
  FakeDocuments documents_;
  FakeDynamic dynamic_;
  FakeClock clock_;
  ApiHandler handler_{access_, documents_, &dynamic_, clock_};
  std::string target_;
  Response response_;
};

TEST_F(ApiHandlerTest, NotFoundBodiesAreJson) {
  Get("/ry/Example/v2/monitoring/state");
  EXPECT_EQ(response_.status(), 404);
  EXPECT_EQ(response_.content_type(), "application/json");
  EXPECT_EQ(Json().at("description"), "Example");
  EXPECT_EQ(access_.authorize_calls, 0);  // the grammar is checked before access
  Get("/ry/example/v9/monitoring/state");
  EXPECT_EQ(response_.status(), 404);
  Get("/rr/9999/v2/monitoring/dns/alarmed");
  EXPECT_EQ(response_.status(), 404);
}

TEST_F(ApiHandlerTest, MethodNotAllowedCarriesAllow) {
  Get("/ry/example/v2/monitoring/state", Method::kPost);
  EXPECT_EQ(response_.status(), 405);
  EXPECT_EQ(response_.extra_headers(), "Allow: GET, HEAD\r\n");
  EXPECT_EQ(Json().at("message"), "Method not allowed");
  Get("/ry/example/v2/maintenance/w1", Method::kOptions);
  EXPECT_EQ(response_.status(), 204);
  EXPECT_EQ(response_.extra_headers(), "Allow: GET, HEAD, POST, PUT, DELETE\r\n");
  Get("/ry/example/v2/monitoring/state", Method::kOther);
  EXPECT_EQ(response_.status(), 501);
}

TEST_F(ApiHandlerTest, OperationalPathsAreNotMosapiRoutes) {
  // /healthz, /metrics and /openapi.json belong to the operations mount
  // (MosapiService); the MoSAPI handler itself never serves them.
  for (const char* path : {"/healthz", "/metrics", "/openapi.json"}) {
    Get(path);
    EXPECT_EQ(response_.status(), 404) << path;
  }
  EXPECT_EQ(access_.authorize_calls, 0);
}

TEST_F(ApiHandlerTest, LoginIsDelegated) {
  Get("/ry/example/login");
  EXPECT_EQ(response_.status(), 200);
  EXPECT_EQ(response_.extra_headers(), "Set-Cookie: id=ABC; Path=/ry/example; Secure; HttpOnly\r\n");
  Get("/ry/example/logout", Method::kPost);
  EXPECT_EQ(response_.body(), "Logout successful");
  EXPECT_EQ(access_.authorize_calls, 0);
}

TEST_F(ApiHandlerTest, HeadNeverLogsInOrOut) {
  // HEAD is safe (RFC 9110 §9.3.2); login and logout act, so they refuse it.
  for (const char* path : {"/ry/example/login", "/ry/example/logout"}) {
    Get(path, Method::kHead);
    EXPECT_EQ(response_.status(), 405) << path;
    EXPECT_EQ(response_.extra_headers(), "Allow: GET, POST\r\n");
  }
  EXPECT_EQ(access_.session_calls, 0);
  Get("/ry/example/login");
  EXPECT_EQ(access_.session_calls, 1);
}

TEST_F(ApiHandlerTest, OnlyPasswordChecksAreSlow) {
  const auto slow = [&](std::string_view path, std::optional<std::string_view> authorization,
                        std::optional<std::string_view> cookie) {
    Request request;
    request.path = path;
    request.authorization = authorization;
    request.cookie = cookie;
    return handler_.SlowKey(request).has_value();
  };
  constexpr std::string_view kBasic = "Basic eDp5";
  constexpr std::string_view kCookie = "id=0123";
  EXPECT_TRUE(slow("/ry/example/login", kBasic, std::nullopt));
  EXPECT_TRUE(slow("/ry/example/login", kBasic, kCookie));  // a login always hashes
  EXPECT_FALSE(slow("/ry/example/login", std::nullopt, std::nullopt));  // plain 401
  EXPECT_TRUE(slow("/ry/example/v2/monitoring/state", kBasic, std::nullopt));
  EXPECT_FALSE(slow("/ry/example/v2/monitoring/state", kBasic, kCookie));
  EXPECT_FALSE(slow("/ry/example/v2/monitoring/state", std::nullopt, kCookie));
  EXPECT_FALSE(slow("/rr/9999/logout", std::nullopt, kCookie));
  EXPECT_FALSE(slow("/nowhere/login", kBasic, std::nullopt));  // no route: a 404

  // The key is the tenant, so the slow pool is shared per entity.
  Request request;
  request.path = "/rr/9999/login";
  request.authorization = kBasic;
  EXPECT_EQ(handler_.SlowKey(request), "rr/9999");
  // Spelled with escapes, the same tenant has the same key (else a flood
  // could take one tenant's share per spelling).
  request.path = "/rr/%39999/login";
  EXPECT_EQ(handler_.SlowKey(request), "rr/9999");
  // A request the access control would refuse before hashing stays fast.
  access_.needs_password_check = false;
  EXPECT_FALSE(handler_.SlowKey(request).has_value());
}

TEST_F(ApiHandlerTest, AccessDecisions) {
  documents_.docs["ry/example/v2/monitoring/state"] = Representation::FromString("{\"x\":1}", 5);
  access_.decision.outcome = AccessDecision::Outcome::kUnauthenticated;
  Get("/ry/example/v2/monitoring/state");
  EXPECT_EQ(response_.status(), 401);
  EXPECT_FALSE(response_.representation());
  EXPECT_EQ(response_.body(), ErrorInfo(ApiErrorKind::kUnauthenticated).message);
  EXPECT_EQ(response_.content_type(), "text/plain; charset=utf-8");
  EXPECT_EQ(access_.last_role, RequiredRole::kSlamData);

  access_.decision.outcome = AccessDecision::Outcome::kForbidden;
  Get("/ry/example/v2/monitoring/state");
  EXPECT_EQ(response_.status(), 403);

  access_.decision = {AccessDecision::Outcome::kRateLimited, 30, nullptr};
  Get("/ry/example/v2/metrica/domainList/latest");
  EXPECT_EQ(response_.status(), 429);
  EXPECT_EQ(response_.extra_headers(), "Retry-After: 30\r\n");
  EXPECT_EQ(access_.last_role, RequiredRole::kDaarData);
}

TEST_F(ApiHandlerTest, DocumentsThenDynamicThen404) {
  auto doc = Representation::FromString(R"({"version":2,"alarmed":"No"})", 5);
  documents_.docs["ry/example/v2/monitoring/dns/alarmed"] = doc;
  Get("/ry/example/v2/monitoring/dns/alarmed");
  EXPECT_EQ(response_.status(), 200);
  EXPECT_EQ(response_.representation(), doc);
  EXPECT_EQ(response_.extra_headers(), "Cache-Control: private, no-cache\r\n");
  EXPECT_EQ(dynamic_.calls, 0);

  // Not precomputed (e.g. an older measurement): the dynamic side decides.
  Get("/ry/example/v2/monitoring/dns/measurements/2015/01/29/1422492930.json");
  EXPECT_EQ(dynamic_.calls, 1);
  EXPECT_EQ(dynamic_.last_kind, RouteKind::kMeasurement);
  Get("/ry/example/v2/maintenance");
  EXPECT_EQ(dynamic_.last_kind, RouteKind::kMaintenanceList);

  ApiHandler no_dynamic(access_, documents_, nullptr, clock_);
  Request request;
  request.path = "/ry/example/v2/monitoring/dns/downtime";
  response_.Reset();
  no_dynamic.Handle(request, response_);
  EXPECT_EQ(response_.status(), 404);
  EXPECT_EQ(Json().at("description"), "/ry/example/v2/monitoring/dns/downtime");
}

TEST_F(ApiHandlerTest, DomainListsValidatesDates) {
  struct Case {
    std::string query;
    int status;
    int result_code;
  };
  const Case cases[] = {
      {"", 200, 0},
      {"?startDate=2025-01-01&endDate=2025-01-31", 200, 0},
      {"?endDate=2025-01-31&startDate=2025-01-01", 200, 0},
      {"?startDate=2025-01-01&endDate=2025-02-02", 400, 2011},
      {"?startDate=2025-01-31&endDate=2025-01-01", 400, 2012},
      {"?startDate=01/01/2025", 400, 2013},
      {"?startDate=2025-01-01&endDate=tomorrow", 400, 2014},
      {"?startDate=2025-01-01&startDate=2025-01-02", 400, 2013},
      {"?startDate=%zz", 400, 2013},
      {"?=x", 400, 2001},
      {"?cachebuster=1&startDate=2025-01-05", 200, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.query);
    Get("/ry/example/v2/metrica/domainLists" + c.query);
    EXPECT_EQ(response_.status(), c.status);
    if (c.status == 400) {
      EXPECT_EQ(Json().at("resultCode"), c.result_code);
    } else {
      EXPECT_EQ(dynamic_.last_kind, RouteKind::kMetricaLists);
      ASSERT_TRUE(dynamic_.last_dates);
    }
  }
  Get("/ry/example/v2/metrica/domainLists?startDate=2025-01-01&endDate=2025-01-31");
  EXPECT_EQ(dynamic_.last_dates->start, 1735689600);
  EXPECT_EQ(dynamic_.last_dates->end, 1735689600 + 30 * 86400);
  // Other routes ignore the query, even a malformed one.
  documents_.docs["ry/example/v2/monitoring/state"] = Representation::FromString("{}", 5);
  Get("/ry/example/v2/monitoring/state?%zz&a=1&a=2");
  EXPECT_EQ(response_.status(), 200);
}

}  // namespace
}  // namespace tldmon::mosapi
