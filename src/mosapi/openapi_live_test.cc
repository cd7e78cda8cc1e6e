// docs/openapi.json against the live server: every exchange with a real
// MosapiService on loopback (mosapi_test_fixture.h) must be documented — the
// status among the operation's responses, the Content-Type among the
// response's media types, the body valid against the documented schema, and
// the documented headers present with valid values. The crawl covers every
// route (ry and rr, v1 and v2, GET and HEAD), the session endpoints, writes,
// and the error answers clients branch on (mosapi-api.md §4.3, §5, §7, §10.5).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "testutil/json_schema_check.h"
#include "testutil/mosapi_test_fixture.h"
#include "mosapi/openapi.h"
#include "mosapi/router.h"

namespace tldmon::mosapi::testing {
namespace {

using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

using nlohmann::json;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

class OpenApiLiveTest : public MosapiHttpTest {
 protected:
  const json& Deref(const json& node) const {
    const json* n = &node;
    for (int i = 0; i < 8 && n->is_object() && n->contains("$ref"); ++i) {
      const json* target = check_.Resolve((*n)["$ref"].get<std::string>());
      if (target == nullptr) break;
      n = target;
    }
    return *n;
  }

  // A value of a header against its documented schema (headers are text;
  // an integer schema reads the text as a number).
  void ExpectHeaderValue(const std::string& name, const json& schema, const std::string& value,
                         const std::string& where) {
    json instance = value;
    if (Deref(schema).value("type", "") == "integer") {
      instance = json::parse(value, nullptr, false);
      if (instance.is_discarded()) instance = value;
    }
    const auto errors = check_.Check(schema, instance);
    EXPECT_TRUE(errors.empty()) << where << ": header " << name << ": " << value << "\n"
                                << (errors.empty() ? "" : errors[0]);
  }

  // The exchange `method target` → `r` must be what the document says.
  void ExpectDocumented(std::string_view method, const std::string& target, const Reply& r) {
    ++exchanges_;
    const std::string where =
        std::string(method) + " " + target + " -> " + std::to_string(r.status);
    SCOPED_TRACE(where);
    std::string scratch;
    const RouteMatch match = MatchRoute(SplitTarget(target).path, scratch);
    const json* responses = nullptr;
    if (match.ok()) {
      const json& item = doc_["paths"][std::string(match.route.info().path_template)];
      ASSERT_TRUE(item.contains(Lower(method))) << "undocumented method";
      responses = &item[Lower(method)]["responses"];
    }
    const std::string status = std::to_string(r.status);
    const json* response = nullptr;
    if (responses == nullptr) {
      ASSERT_EQ(r.status, 404) << "no route, yet not 404";
      response = &doc_["components"]["responses"]["NotFound"];
    } else if (responses->contains(status)) {
      response = &(*responses)[status];
    } else {
      ASSERT_TRUE(responses->contains("default")) << "undocumented status";
      ASSERT_GE(r.status, 405) << "a status the operation should document";
      response = &(*responses)["default"];
    }
    const json& documented = Deref(*response);
    statuses_.insert(status);

    // Documented headers: present (on success answers) and valid.
    const json headers = documented.value("headers", json::object());
    for (const auto& [name, header] : headers.items()) {
      const json& h = Deref(header);
      const std::string value = r.Header(name);
      if (value.empty()) {
        EXPECT_GE(r.status, 400) << where << ": documented header " << name << " missing";
        continue;
      }
      ExpectHeaderValue(name, h["schema"], value, where);
    }

    if (!documented.contains("content") || method == "HEAD") {
      EXPECT_TRUE(r.body.empty()) << "documented without a body";
      return;
    }
    std::string media = r.Header("Content-Type");
    media = media.substr(0, media.find(';'));
    ASSERT_TRUE(documented["content"].contains(media)) << "undocumented Content-Type " << media;
    const json& schema = documented["content"][media]["schema"];
    const json instance =
        media == "application/json" ? json::parse(r.body, nullptr, false) : json(r.body);
    ASSERT_FALSE(instance.is_discarded()) << "not JSON: " << r.body.substr(0, 200);
    const auto errors = check_.Check(schema, instance);
    EXPECT_TRUE(errors.empty()) << r.body.substr(0, 400) << "\n"
                                << (errors.empty() ? "" : errors[0]);
  }

  Reply Do(std::string_view method, const std::string& target, const HeaderList& headers = {},
           std::string_view body = "") {
    Reply r = Call(port_, method, target, headers, body);
    ExpectDocumented(method, target, r);
    return r;
  }

  // GET and HEAD with the session cookie; the GET answer's JSON.
  json Read(const std::string& cookie, const std::string& target) {
    const HeaderList headers = {{"Cookie", "id=" + cookie}};
    const Reply get = Do("GET", target, headers);
    EXPECT_EQ(get.status, 200) << target << " " << get.body;
    Do("HEAD", target, headers);
    return json::parse(get.body, nullptr, false);
  }

  void CrawlService(const std::string& cookie, const std::string& b, const std::string& service) {
    const std::string s = b + "/monitoring/" + service;
    Read(cookie, s + "/alarmed");
    Read(cookie, s + "/downtime");
    const json incidents = Read(cookie, s + "/incidents");
    Read(cookie, s + "/incidents?startDate=" + std::to_string(kSeedStart) +
                     "&endDate=" + std::to_string(kSeedEnd));
    for (const json& incident : incidents.value("incidents", json::array())) {
      const std::string i = s + "/incidents/" + incident.at("incidentID").get<std::string>();
      Read(cookie, i + "/state");
      Read(cookie, i + "/falsePositive");
      const json names = Read(cookie, i + "/measurements");
      ASSERT_FALSE(names.value("measurements", json::array()).empty()) << i;
      Read(cookie, i + "/measurements/" + names["measurements"][0].get<std::string>());
    }
    std::string path = s + "/measurements";
    for (const char* level : {"years", "months", "days", "measurements"}) {
      const json listing = Read(cookie, path);
      ASSERT_FALSE(listing.value(level, json::array()).empty()) << path;
      path += "/" + listing[level][0].get<std::string>();
    }
    Read(cookie, path);
  }

  const json doc_ = json::parse(OpenApiDocument());
  const testutil::JsonSchemaCheck check_{doc_};
  int exchanges_ = 0;
  std::set<std::string> statuses_;
};

TEST_F(OpenApiLiveTest, EveryDataAnswerOfBothEntityKindsAndTrees) {
  const std::string ry = LoginExample();
  const std::string rr = LoginRegistrar();
  ASSERT_FALSE(ry.empty());
  ASSERT_FALSE(rr.empty());
  for (int tree : {1, 2}) {
    SCOPED_TRACE(tree);
    const std::string b = "/ry/example/v" + std::to_string(tree);
    Read(ry, b + "/monitoring/state");
    for (const char* service : {"dns", "dnssec", "rdds"}) CrawlService(ry, b, service);
    if (tree == 2) CrawlService(ry, b, "rdap");
    Read(ry, b + "/monitoring/epp/alarmed");
    Read(ry, b + "/metrica/domainList/latest");
    Read(ry, b + "/metrica/domainList/2025-12-30");
    Read(ry, b + "/metrica/domainLists");
    Read(ry, b + "/metrica/domainLists?startDate=2025-12-01&endDate=2025-12-31");
    Read(ry, b + "/registrarRdapBaseUrl/list");
    Read(ry, b + "/maintenance");
    Read(ry, b + "/probeNodes");

    const std::string r = "/rr/9999/v" + std::to_string(tree);
    Read(rr, r + "/monitoring/state");
    CrawlService(rr, r, "rdds");
    if (tree == 2) CrawlService(rr, r, "rdap");
    Read(rr, r + "/metrica/domainList/latest");
    Read(rr, r + "/metrica/domainLists");
  }
  // Every RouteKind of the data roles was exercised through the document.
  EXPECT_GT(exchanges_, 150);
}

TEST_F(OpenApiLiveTest, SessionAnswers) {
  Do("GET", "/healthz");
  Do("HEAD", "/healthz");
  Do("GET", "/metrics");
  EXPECT_EQ(Do("GET", "/openapi.json").body, OpenApiDocument());

  const HeaderList good = {{"Authorization", testutil::BasicHeader("example_ry", "s3cret")}};
  const HeaderList bad = {{"Authorization", testutil::BasicHeader("example_ry", "nope")}};
  EXPECT_EQ(Do("GET", "/ry/example/login", bad).status, 401);
  EXPECT_EQ(Do("POST", "/ry/example/login", good).status, 200);  // POST means GET (§4.2)
  const Reply login = Do("GET", "/ry/example/login", good);
  ASSERT_EQ(login.status, 200);
  const std::string cookie = CookieId(login.Header("Set-Cookie"));
  ASSERT_FALSE(cookie.empty());
  const HeaderList session = {{"Cookie", "id=" + cookie}};
  EXPECT_EQ(Do("GET", "/ry/example/logout", session).status, 200);
  EXPECT_EQ(Do("GET", "/ry/example/logout", session).status, 401);  // the second logout (§10.2)
  EXPECT_EQ(Do("GET", "/ry/example/v2/monitoring/state", session).status, 401);
  EXPECT_EQ(Do("GET", "/ry/example/v2/monitoring/state").status, 401);
  // Basic credentials on a data endpoint are not a session (§4.2).
  EXPECT_EQ(Do("GET", "/ry/example/v2/monitoring/state", good).status, 401);
  // A source address outside the account's allow-list (§4.1).
  const HeaderList blocked = {
      {"Authorization", testutil::BasicHeader("blocked_ry", "blocked-pw")}};
  EXPECT_EQ(Do("GET", "/ry/blocked/login", blocked).status, 403);
  // Too many failed logins: 429 with Retry-After (§4.3).
  int last = 0;
  for (int i = 0; i < 40 && last != 429; ++i)
    last = Do("GET", "/ry/other/login",
              {{"Authorization", testutil::BasicHeader("other_ry", "wrong")}})
               .status;
  EXPECT_EQ(last, 429);
  for (const char* s : {"200", "401", "403", "429"}) EXPECT_TRUE(statuses_.count(s)) << s;
}

TEST_F(OpenApiLiveTest, ErrorsRevalidationAndWrites) {
  const std::string cookie = LoginExample();
  const HeaderList session = {{"Cookie", "id=" + cookie}};
  // 404s: the grammar, and well-formed paths naming nothing.
  for (const char* target :
       {"/ry/example/v3/monitoring/state", "/xx/example/v2/monitoring/state",
        "/ry/example/v2/monitoring/dns/incidents/1.2/state",
        "/ry/example/v2/monitoring/dns/measurements/1999", "/ry/example/v2/monitoring/state/",
        "/ry/example/v2/metrica/domainList/2020-01-01", "/ry/example/v2/maintenance/none",
        "/ry/example/v2/monitoring/epp/downtime"}) {
    EXPECT_EQ(Do("GET", target, session).status, 404) << target;
  }
  // 400 with the §7 result codes.
  for (const char* target :
       {"/ry/example/v2/metrica/domainLists?startDate=2025-13-01",
        "/ry/example/v2/metrica/domainLists?endDate=x",
        "/ry/example/v2/metrica/domainLists?startDate=2025-12-31&endDate=2025-12-01",
        "/ry/example/v2/metrica/domainLists?startDate=2025-01-01&endDate=2025-12-01",
        "/ry/example/v2/monitoring/dns/incidents?startDate=soon"}) {
    EXPECT_EQ(Do("GET", target, session).status, 400) << target;
  }
  // 304 by ETag.
  const std::string state = "/ry/example/v2/monitoring/state";
  const Reply first = Do("GET", state, session);
  ASSERT_FALSE(first.Header("ETag").empty());
  HeaderList again = session;
  again.emplace_back("If-None-Match", first.Header("ETag"));
  EXPECT_EQ(Do("GET", state, again).status, 304);
  EXPECT_EQ(Do("HEAD", state, again).status, 304);

  // Writes: a body valid against the documented request schema is accepted,
  // and the answers are documented.
  const std::string window = "/ry/example/v2/maintenance/openapi-live";
  const json& request_schema =
      Deref(doc_["paths"]["/{entity}/{id}/{version}/maintenance/{scheduleID}"]["put"]
                ["requestBody"])["content"]["application/json"]["schema"];
  const json body = {{"name", "OpenAPI check"},
                     {"description", "created by openapi_live_test"},
                     {"startTime", kNow + 3600},
                     {"endTime", kNow + 7200}};
  ASSERT_TRUE(check_.Check(request_schema, body).empty());
  EXPECT_EQ(Do("PUT", window, session, body.dump()).status, 200);
  json moved = body;
  moved["endTime"] = kNow + 9000;
  EXPECT_EQ(Do("POST", window, session, moved.dump()).status, 200);
  EXPECT_EQ(Do("GET", window, session).status, 200);
  json backwards = body;
  backwards["endTime"] = kNow;
  EXPECT_EQ(Do("PUT", window, session, backwards.dump()).status, 400);  // 2007
  EXPECT_EQ(Do("DELETE", window, session).status, 200);
  EXPECT_EQ(Do("DELETE", window, session).status, 404);
  for (const char* s : {"200", "304", "400", "404"}) EXPECT_TRUE(statuses_.count(s)) << s;
}

}  // namespace
}  // namespace tldmon::mosapi::testing
