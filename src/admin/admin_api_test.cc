#include "admin/admin_api.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "dane/tls_access.h"
#include "store/sqlite/temp_sqlite_store.h"

namespace tldmon::admin {
namespace {

const std::string kToken(64, 'a');
const EntityId kExample{EntityKind::kRegistry, "example"};
const std::string kRole = "MoSAPI - TLD SLAM Data";

class AdminApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EntityConfig e;
    e.id = kExample;
    e.SetEnabled(Service::kDns, true);
    e.name_servers = {{"ns1.example", {"192.0.2.1"}}};
    ASSERT_TRUE(db_.store().PutEntities(std::vector{e}).ok());
    AdminApiOptions options;
    options.token = kToken;
    options.lock_for_change = [this]() -> Result<std::shared_ptr<void>> {
      ++locks_;
      if (busy_) return Unavailable("busy");
      return std::static_pointer_cast<void>(std::make_shared<int>(0));
    };
    options.tlsa_states = [] {
      dane::TlsaNameStatus s;
      s.name = "rsp1.nic.example";
      s.state = dane::TlsaState::kSecure;
      s.records = 2;
      return std::map<std::string, dane::TlsaNameStatus>{{s.name, s}};
    };
    api_ = std::make_unique<AdminApiHandler>(db_.store(), std::move(options));
  }

  // Sends one request; the body of the answer parsed (null if not JSON).
  nlohmann::json Call(http::Method method, std::string_view path, std::string_view query = "",
                      std::string_view body = "", std::optional<std::string> auth = std::nullopt) {
    const std::string bearer = "Bearer " + kToken;
    http::Request r;
    r.method = method;
    r.path = path;
    r.query = query;
    r.body = body;
    r.authorization = auth ? std::string_view(*auth) : std::string_view(bearer);
    response_.Reset();
    api_->Handle(r, response_);
    return nlohmann::json::parse(response_.body(), nullptr, false);
  }
  nlohmann::json Add(std::string_view body) { return Call(http::Method::kPost, "/admin/v1/tls", "", body); }

  store::testing::TempSqliteStore db_;
  std::unique_ptr<AdminApiHandler> api_;
  http::Response response_;
  int locks_ = 0;
  bool busy_ = false;
};

TEST_F(AdminApiTest, OnlyTheOperatorTokenOpensIt) {
  for (const std::string& auth : {std::string(""), "Bearer " + std::string(64, 'b'), "Bearer " + kToken.substr(1),
                                  "Basic " + kToken, "bearer " + kToken}) {
    const auto j = Call(http::Method::kGet, "/admin/v1/tls", "", "", auth);
    EXPECT_EQ(response_.status(), 401) << auth;
    EXPECT_TRUE(j.contains("error"));
    EXPECT_NE(response_.extra_headers().find("WWW-Authenticate: Bearer"), std::string_view::npos);
  }
  Call(http::Method::kGet, "/admin/v1/tls");
  EXPECT_EQ(response_.status(), 200);
}

TEST_F(AdminApiTest, AddExtendsNeverNarrowsAndListsWithTheDnsState) {
  const std::string body = R"({"entity": "ry/example", "domain": "RSP1.nic.example.", "roles": [")" + kRole +
                           R"("], "allow": ["192.0.2.0/24"]})";
  auto j = Add(body);
  EXPECT_EQ(response_.status(), 201) << j;
  EXPECT_EQ(j["entry"]["domain"], "rsp1.nic.example");
  EXPECT_EQ(j["changed"], true);
  j = Add(body);
  EXPECT_EQ(response_.status(), 200);
  EXPECT_EQ(j["changed"], false);
  j = Add(R"({"entity": "ry/example", "domain": "rsp1.nic.example", "roles": ["MoSAPI/RRI - SLAM Probe Node List"], "allow": ["2001:db8::/32"]})");
  EXPECT_EQ(response_.status(), 200);
  EXPECT_EQ(j["entry"]["roles"].size(), 2u) << j;
  EXPECT_EQ(j["entry"]["acl"], nlohmann::json({"192.0.2.0/24", "2001:db8::/32"}));
  EXPECT_EQ(locks_, 3) << "every edit holds the change lock";

  j = Call(http::Method::kGet, "/admin/v1/tls", "entity=ry%2Fexample");
  EXPECT_EQ(response_.status(), 200);
  ASSERT_EQ(j["entries"].size(), 1u);
  EXPECT_EQ(j["entries"][0]["entity"], "ry/example");
  EXPECT_EQ(j["entries"][0]["dns"]["state"], "secure");
  EXPECT_EQ(j["entries"][0]["dns"]["records"], 2);
  j = Call(http::Method::kGet, "/admin/v1/tls", "entity=ry/other");
  EXPECT_EQ(j["entries"].size(), 0u);
  // The store holds what the API said.
  auto table = dane::TlsAccessRepository(db_.store()).Load();
  ASSERT_TRUE(table.ok());
  EXPECT_EQ((*table)[kExample].at(0).acl.size(), 2u);
}

TEST_F(AdminApiTest, BadInputIsRefusedWithAReasonAndChangesNothing) {
  const auto gen = db_.store().ChangeGeneration();
  struct Case {
    std::string body;
    int status;
    std::string says;
  };
  const Case cases[] = {
      {"not json", 400, "JSON object"},
      {R"(["array"])", 400, "JSON object"},
      {R"({"entity": "ry/example", "domain": "bad_name!", "roles": [")" + kRole + R"("], "allow": ["192.0.2.1"]})", 400, "only letters"},
      {R"({"entity": "ry/example", "domain": "a.example", "roles": ["No Such Role"], "allow": ["192.0.2.1"]})", 400, "role"},
      {R"({"entity": "ry/example", "domain": "a.example", "roles": [")" + kRole + R"("], "allow": ["300.1.1.1"]})", 400, "300.1.1.1"},
      {R"({"entity": "ry/example", "domain": "a.example", "roles": [], "allow": ["192.0.2.1"]})", 400, "at least one role"},
      {R"({"entity": "ry/example", "domain": "a.example", "roles": [")" + kRole + R"("], "allow": []})", 400, "at least one source prefix"},
      {R"({"entity": "ry/example", "domain": "a.example", "roles": [")" + kRole + R"("], "allow": ["192.0.2.1"], "extra": 1})", 400, "extra"},
      {R"({"entity": "ry/example", "domain": 5, "roles": [")" + kRole + R"("], "allow": ["192.0.2.1"]})", 400, "domain"},
      {R"({"entity": "ry/nope", "domain": "a.example", "roles": [")" + kRole + R"("], "allow": ["192.0.2.1"]})", 404, "no entity ry/nope"},
      {R"({"entity": "xx", "domain": "a.example", "roles": [")" + kRole + R"("], "allow": ["192.0.2.1"]})", 400, "entity"},
  };
  for (const Case& c : cases) {
    const auto j = Add(c.body);
    EXPECT_EQ(response_.status(), c.status) << c.body;
    EXPECT_NE(j.value("error", "").find(c.says), std::string::npos) << c.body << " -> " << j;
  }
  EXPECT_EQ(db_.store().ChangeGeneration().value(), gen.value());
}

TEST_F(AdminApiTest, RemoveAndImport) {
  Call(http::Method::kDelete, "/admin/v1/tls", "entity=ry/example");
  EXPECT_EQ(response_.status(), 400);
  auto j = Call(http::Method::kDelete, "/admin/v1/tls", "entity=ry/example&domain=a.example");
  EXPECT_EQ(response_.status(), 404) << j;

  const std::string file = R"({"version": 1, "submittedBy": "RSP", "attestation": "authorized",
    "entities": [{"entity": "ry/example", "entries": [{"domain": "a.example", "roles": [")" +
                           kRole + R"("], "acl": ["192.0.2.0/24"]}]}]})";
  j = Call(http::Method::kPost, "/admin/v1/tls/import", "dryRun=true", file);
  EXPECT_EQ(response_.status(), 200) << j;
  EXPECT_EQ(j["changes"], 1);
  EXPECT_EQ(j["dryRun"], true);
  EXPECT_TRUE(dane::TlsAccessRepository(db_.store()).Load()->empty());
  j = Call(http::Method::kPost, "/admin/v1/tls/import", "", file);
  EXPECT_EQ(j["entities"][0]["added"], nlohmann::json({"a.example"}));
  EXPECT_EQ(dane::TlsAccessRepository(db_.store()).Load()->size(), 1u);
  j = Call(http::Method::kPost, "/admin/v1/tls/import", "dryRun=maybe", file);
  EXPECT_EQ(response_.status(), 400);
  j = Call(http::Method::kPost, "/admin/v1/tls/import", "", R"({"version": 1})");
  EXPECT_EQ(response_.status(), 400);
  EXPECT_TRUE(j.contains("error"));

  j = Call(http::Method::kDelete, "/admin/v1/tls", "entity=ry/example&domain=A.example");
  EXPECT_EQ(response_.status(), 200) << j;
  EXPECT_EQ(j["removed"], "a.example");
  EXPECT_TRUE(dane::TlsAccessRepository(db_.store()).Load()->empty());
}

TEST_F(AdminApiTest, ABusyLockIs503AndReadsNeverWaitForIt) {
  busy_ = true;
  const auto j = Add(R"({"entity": "ry/example", "domain": "a.example", "roles": [")" + kRole +
                     R"("], "allow": ["192.0.2.1"]})");
  EXPECT_EQ(response_.status(), 503) << j;
  EXPECT_NE(response_.extra_headers().find("Retry-After"), std::string_view::npos);
  Call(http::Method::kGet, "/admin/v1/tls");
  EXPECT_EQ(response_.status(), 200);

  http::Request get, post, stranger;
  const std::string bearer = "Bearer " + kToken;
  get.authorization = post.authorization = bearer;
  post.method = stranger.method = http::Method::kPost;
  EXPECT_FALSE(api_->SlowKey(get).has_value());
  EXPECT_TRUE(api_->SlowKey(post).has_value());
  EXPECT_FALSE(api_->SlowKey(stranger).has_value()) << "no slow-pool slot before authentication";
  EXPECT_GT(api_->MaxBodyBytes("/admin/v1/tls/import"), api_->MaxBodyBytes("/admin/v1/tls"));
}

TEST_F(AdminApiTest, UnknownPathsAndMethods) {
  Call(http::Method::kPut, "/admin/v1/tls");
  EXPECT_EQ(response_.status(), 405);
  EXPECT_NE(response_.extra_headers().find("Allow: GET, HEAD, POST, DELETE"), std::string_view::npos);
  Call(http::Method::kGet, "/admin/v1/tls/import");
  EXPECT_EQ(response_.status(), 405);
  const auto j = Call(http::Method::kGet, "/admin/v1/other");
  EXPECT_EQ(response_.status(), 404);
  EXPECT_TRUE(j.contains("error"));
}

}  // namespace
}  // namespace tldmon::admin
