#include "web/dashboard_handler.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auth/password_hash.h"
#include "mosapi/openapi.h"
#include "store/sqlite/temp_sqlite_store.h"
#include "web/web_assets.h"

namespace tldmon::web {
namespace {

constexpr UnixSeconds kDashboardHandlerT0 = 1'767'225'600;
const EntityId kDashboardHandlerExample{EntityKind::kRegistry, "example"};
const EntityId kDashboardHandlerOther{EntityKind::kRegistry, "other"};

std::string Header(const http::Response& r, std::string_view name) {
  const std::string all(r.extra_headers());
  const std::string key = std::string(name) + ": ";
  const std::size_t at = all.find(key);
  if (at == std::string::npos) return "";
  return all.substr(at + key.size(), all.find("\r\n", at) - at - key.size());
}

std::string Body(const http::Response& r) {
  if (r.representation()) return std::string(r.representation()->identity());
  return std::string(r.body());
}

class DashboardHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auth::AuthLimits limits;
    limits.pwhash = auth::PwhashLimits::Min();
    authenticator_ = std::move(auth::Authenticator::Create(clock_, limits)).value();
    const auto allow = *auth::ParseAllowList({"127.0.0.0/8"});
    for (const EntityId& e : {kDashboardHandlerExample, kDashboardHandlerOther})
      ASSERT_TRUE(authenticator_->SetEntityAccess({e, allow, auth::RoleSet{}}).ok());
    ASSERT_TRUE(authenticator_->SetPassword("example_ry", kDashboardHandlerExample, "pw").ok());
    DashboardAuthOptions options;
    options.operator_allow = allow;
    auth_ = std::make_unique<DashboardAuth>(*authenticator_, clock_, options);
    auth_->SetOperators({{"ops", *auth::HashPassword("pw", auth::PwhashLimits::Min()), {}}});
    Publish(kDashboardHandlerExample, "Down", 25.0, 60);
    Publish(kDashboardHandlerOther, "Up", 0.0, 0);
    DashboardActions actions;
    actions.set_false_positive = [this](const EntityId& e, Service s, const std::string& id, bool on,
                                        const std::string& who) -> Result<std::string> {
      calls_.push_back(e.Path() + " " + std::string(PathName(s)) + " " + id + " " +
                       (on ? "on" : "off") + " " + who);
      return std::string("{\"ok\":true}");
    };
    handler_ = std::make_unique<DashboardHandler>(*auth_, store_.store(), documents_,
                                                  engine::SlaParams::Defaults(), clock_, actions);
  }

  void Publish(const EntityId& e, const std::string& dns_status, double share, int downtime) {
    documents::DocumentBatch batch;
    const nlohmann::json state = {
        {"version", 2},
        {"lastUpdateApiDatabase", kDashboardHandlerT0},
        {"tld", e.id},
        {"status", dns_status},
        {"testedServices",
         {{"DNS", {{"status", dns_status}, {"emergencyThreshold", share}, {"incidents", nlohmann::json::array()}}},
          {"EPP", {{"status", "Disabled"}}}}}};
    batch.Put(e.Path() + "/v2/monitoring/state", documents::Document::Make(state.dump(), kDashboardHandlerT0));
    batch.Put(e.Path() + "/v2/monitoring/dns/downtime",
              documents::Document::Make(nlohmann::json{{"downtime", downtime}}.dump(), kDashboardHandlerT0));
    batch.Put(e.Path() + "/v2/monitoring/dns/alarmed",
              documents::Document::Make(nlohmann::json{{"alarmed", share > 0 ? "Yes" : "No"}}.dump(), kDashboardHandlerT0));
    documents_.Publish(std::move(batch));
  }

  http::Response& Call(http::Method method, std::string_view path, std::string_view body = {},
                       std::string_view cookie = {}) {
    http::Request request;
    request.method = method;
    request.target = path;
    request.path = path.substr(0, path.find('?'));
    if (path.find('?') != std::string_view::npos) request.query = path.substr(path.find('?') + 1);
    request.body = body;
    request.peer.text = "127.0.0.1";
    if (!cookie.empty()) request.cookie = cookie;
    response_.Reset();
    handler_->Handle(request, response_);
    return response_;
  }

  std::string Login(std::string_view user) {
    const std::string body = "{\"username\":\"" + std::string(user) + "\",\"password\":\"pw\"}";
    http::Response& r = Call(http::Method::kPost, "/ui/api/login", body);
    EXPECT_EQ(r.status(), 200) << Body(r);
    const std::string set_cookie = Header(r, "Set-Cookie");
    csrf_ = nlohmann::json::parse(Body(r))["csrf"];
    return set_cookie.substr(0, set_cookie.find(';'));
  }

  FakeClock clock_{kDashboardHandlerT0};
  store::testing::TempSqliteStore store_;
  documents::DocumentStore documents_;
  std::unique_ptr<auth::Authenticator> authenticator_;
  std::unique_ptr<DashboardAuth> auth_;
  std::unique_ptr<DashboardHandler> handler_;
  http::Response response_;
  std::vector<std::string> calls_;
  std::string csrf_;
};

TEST_F(DashboardHandlerTest, ThePageAndItsAssetsAreServedWithTheirCachingAndPolicy) {
  EXPECT_EQ(Call(http::Method::kGet, "/").status(), 302);
  EXPECT_EQ(Header(response_, "Location"), "/ui/");
  http::Response& page = Call(http::Method::kGet, "/ui/");
  EXPECT_EQ(page.status(), 200);
  EXPECT_EQ(Header(page, "Cache-Control"), "no-cache");
  EXPECT_NE(Header(page, "Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(Header(page, "X-Content-Type-Options"), "nosniff");
  const WebAssets& assets = WebAssets::Embedded();
  EXPECT_NE(Body(page).find(assets.prefix() + "app.js"), std::string::npos);
  EXPECT_EQ(Body(page).find("{{ASSETS}}"), std::string::npos);
  http::Response& js = Call(http::Method::kGet, assets.prefix() + "app.js");
  EXPECT_EQ(js.status(), 200);
  EXPECT_EQ(Header(js, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(js.representation()->content_type(), "text/javascript; charset=utf-8");
  EXPECT_EQ(Call(http::Method::kGet, "/ui/assets/0000000000000000/app.js").status(), 404);
  EXPECT_EQ(Call(http::Method::kGet, assets.prefix() + "nothing.js").status(), 404);
  EXPECT_EQ(Call(http::Method::kPost, "/ui/").status(), 405);
  // A client-side route reloads the page itself.
  EXPECT_EQ(Call(http::Method::kGet, "/ui/entity/ry/example").status(), 200);
}

TEST_F(DashboardHandlerTest, TheApiNeedsASessionAndShowsWhatTheAccountSees) {
  EXPECT_EQ(Call(http::Method::kGet, "/ui/api/overview").status(), 401);
  EXPECT_EQ(Call(http::Method::kGet, "/ui/api/login").status(), 405);
  EXPECT_EQ(Call(http::Method::kPost, "/ui/api/login", "not json").status(), 400);
  EXPECT_EQ(Call(http::Method::kPost, "/ui/api/login", R"({"username":"ops","password":"no"})").status(), 401);
  const std::string ops = Login("ops");
  http::Response& all = Call(http::Method::kGet, "/ui/api/overview", {}, ops);
  ASSERT_EQ(all.status(), 200);
  const nlohmann::json rows = nlohmann::json::parse(Body(all))["rows"];
  ASSERT_EQ(rows.size(), 2u);  // DNS of each; EPP is Disabled
  EXPECT_EQ(rows[0], nlohmann::json::parse(R"(["ry/example","dns","Down","Yes",60,240,25.0,null,0,0])"));
  EXPECT_EQ(rows[1][0], "ry/other");

  const std::string entity = Login("example_ry");
  const nlohmann::json mine =
      nlohmann::json::parse(Body(Call(http::Method::kGet, "/ui/api/overview", {}, entity)))["rows"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0][0], "ry/example");
  EXPECT_EQ(Call(http::Method::kGet, "/ui/api/entity/ry/other", {}, entity).status(), 403);
  EXPECT_EQ(Call(http::Method::kGet, "/ui/api/nothing", {}, entity).status(), 404);
  EXPECT_EQ(Call(http::Method::kGet, "/ui/api/entity/ry/example?days=3", {}, entity).status(), 400);
  // A new cycle's documents reach the overview.
  Publish(kDashboardHandlerExample, "Up", 0.0, 0);
  const nlohmann::json after =
      nlohmann::json::parse(Body(Call(http::Method::kGet, "/ui/api/overview", {}, entity)))["rows"];
  EXPECT_EQ(after[0][2], "Up");
}

TEST_F(DashboardHandlerTest, ChangesNeedTheCsrfTokenAndAnOperator) {
  const std::string path = "/ui/api/entity/ry/example/dns/incidents/1767225600.1/falsePositive";
  const std::string entity = Login("example_ry");
  const std::string entity_csrf = csrf_;
  EXPECT_EQ(Call(http::Method::kPost, path,
                 R"({"csrf":")" + entity_csrf + R"(","falsePositive":true})", entity).status(),
            403);
  const std::string ops = Login("ops");
  EXPECT_EQ(Call(http::Method::kPost, path, R"({"falsePositive":true})", ops).status(), 403);
  EXPECT_EQ(Call(http::Method::kPost, path, R"({"csrf":")" + entity_csrf + R"(","falsePositive":true})", ops).status(),
            403);  // another session's token
  EXPECT_EQ(Call(http::Method::kPost, path, R"({"csrf":")" + csrf_ + R"("})", ops).status(), 400);
  EXPECT_TRUE(calls_.empty());
  EXPECT_EQ(Call(http::Method::kPost, path, R"({"csrf":")" + csrf_ + R"(","falsePositive":true})", ops).status(),
            200);
  ASSERT_EQ(calls_.size(), 1u);
  EXPECT_EQ(calls_[0], "ry/example dns 1767225600.1 on dashboard:ops");
  EXPECT_EQ(Call(http::Method::kPost, "/ui/api/logout", "{}", ops).status(), 403);
  EXPECT_EQ(Call(http::Method::kPost, "/ui/api/logout", R"({"csrf":")" + csrf_ + R"("})", ops).status(), 200);
  EXPECT_NE(Header(response_, "Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Call(http::Method::kGet, "/ui/api/session", {}, ops).status(), 401);
}

TEST_F(DashboardHandlerTest, EveryDocumentedDashboardPathIsAnswered) {
  const nlohmann::json doc = nlohmann::json::parse(mosapi::OpenApiDocument());
  std::string ops = Login("ops");
  int checked = 0;
  for (const auto& [path, item] : doc["paths"].items()) {
    if (path.rfind("/ui/", 0) != 0) continue;
    std::string concrete = path;
    for (const auto& [name, value] : {std::pair{"{entity}", "ry"}, {"{id}", "example"},
                                      {"{service}", "dns"}, {"{incidentID}", "1767225600.1"}})
      if (const auto at = concrete.find(name); at != std::string::npos)
        concrete.replace(at, std::string_view(name).size(), value);
    for (const auto& [method, op] : item.items()) {
      if (method != "get" && method != "post") continue;
      SCOPED_TRACE(method + " " + concrete);
      const std::string body = concrete == "/ui/api/login" ? R"({"username":"ops","password":"pw"})"
                                                           : R"({"csrf":")" + csrf_ + R"(","falsePositive":true})";
      http::Response& r = Call(method == "get" ? http::Method::kGet : http::Method::kPost, concrete,
                               method == "get" ? std::string() : body, ops);
      EXPECT_NE(r.status(), 405);
      EXPECT_NE(r.status(), 401);  // the session is live for every call
      EXPECT_EQ(Body(r).find("no such dashboard endpoint"), std::string::npos) << Body(r);
      ++checked;
      if (concrete == "/ui/api/logout" || concrete == "/ui/api/login") ops = Login("ops");
    }
  }
  EXPECT_GE(checked, 9);
}

}  // namespace
}  // namespace tldmon::web
