// docs/openapi.json against the code: the router's route table (every route
// with exactly its methods, every documented path routable), the access roles
// (security, 401/403), the error table, and the published objects (the
// conformance goldens and the spec's examples must satisfy the schemas the
// document gives for their endpoints; mosapi-api.md §5, §6).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "mosapi/api_error.h"
#include "testutil/json_schema_check.h"
#include "mosapi/openapi.h"
#include "mosapi/route.h"
#include "mosapi/router.h"
#include "auth/auth_decision.h"

namespace tldmon::mosapi {
namespace {

using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

using Json = nlohmann::json;
using testutil::JsonSchemaCheck;

constexpr Method kDocumentedMethods[] = {Method::kGet, Method::kHead, Method::kPost, Method::kPut,
                                         Method::kDelete};
// Path-item keys that name operations in OpenAPI 3.1.
const std::set<std::string> kOperationKeys = {"get",     "put",  "post",  "delete",
                                              "options", "head", "patch", "trace"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

class OpenApiDocumentTest : public ::testing::Test {
 protected:
  // Follows a "$ref" (components), once or repeatedly.
  const Json& Deref(const Json& node) const {
    const Json* n = &node;
    for (int i = 0; i < 8 && n->is_object() && n->contains("$ref"); ++i) {
      const Json* target = check_.Resolve((*n)["$ref"].get<std::string>());
      if (target == nullptr) break;
      n = target;
    }
    return *n;
  }

  const Json& PathItem(const RouteInfo& info) const {
    return doc_["paths"][std::string(info.path_template)];
  }

  // Path-level and operation-level parameters, dereferenced.
  std::vector<Json> Parameters(const Json& item, const Json& operation) const {
    std::vector<Json> out;
    for (const Json* list : {&item, &operation}) {
      if (!list->contains("parameters")) continue;
      for (const Json& p : (*list)["parameters"]) out.push_back(Deref(p));
    }
    return out;
  }

  // The 200 application/json schema of GET on the route of `kind`.
  const Json& GetSchema(RouteKind kind) const {
    return PathItem(Info(kind))["get"]["responses"]["200"]["content"]["application/json"]["schema"];
  }

  std::vector<std::string> CheckAgainst(RouteKind kind, const std::string& json_text) const {
    return check_.Check(GetSchema(kind), Json::parse(json_text));
  }

  // Every "text/plain" value documented for `status` anywhere (const or enum).
  std::set<std::string> PlainTexts(const std::string& status) const {
    std::set<std::string> texts;
    auto collect = [&](const Json& response) {
      const Json& r = Deref(response);
      if (!r.contains("content") || !r["content"].contains("text/plain")) return;
      const Json& schema = Deref(r["content"]["text/plain"]["schema"]);
      if (schema.contains("const")) texts.insert(schema["const"].get<std::string>());
      for (const Json& e : schema.value("enum", Json::array())) texts.insert(e.get<std::string>());
    };
    for (const auto& [path, item] : doc_["paths"].items()) {
      for (const auto& [key, op] : item.items()) {
        if (kOperationKeys.count(key) && op["responses"].contains(status))
          collect(op["responses"][status]);
      }
    }
    return texts;
  }

  const Json doc_ = Json::parse(OpenApiDocument());
  const JsonSchemaCheck check_{doc_};
};

TEST_F(OpenApiDocumentTest, ServedBytesAreDocsOpenApiJson) {
  const std::string file = ReadFile(TLDMON_OPENAPI_JSON);
  ASSERT_FALSE(file.empty()) << TLDMON_OPENAPI_JSON;
  EXPECT_EQ(OpenApiDocument(), file) << "the embedded copy is stale; rebuild";
}

TEST_F(OpenApiDocumentTest, IsAnOpenApi31DocumentWithTheThreeSecuritySchemes) {
  EXPECT_EQ(doc_["openapi"], "3.1.0");
  EXPECT_TRUE(doc_["info"]["title"].is_string());
  EXPECT_TRUE(doc_["info"]["version"].is_string());
  ASSERT_TRUE(doc_["paths"].is_object());
  const Json& schemes = doc_["components"]["securitySchemes"];
  EXPECT_EQ(schemes["basicAuth"]["type"], "http");
  EXPECT_EQ(schemes["basicAuth"]["scheme"], "basic");
  EXPECT_EQ(schemes["sessionCookie"]["type"], "apiKey");  // spec §4.2: cookie "id"
  EXPECT_EQ(schemes["sessionCookie"]["in"], "cookie");
  EXPECT_EQ(schemes["sessionCookie"]["name"], "id");
  EXPECT_EQ(schemes["clientCertificate"]["type"], "mutualTLS");  // spec §4.4
  // Data endpoints default to either a session cookie or a client certificate.
  EXPECT_EQ(doc_["security"], Json::parse(R"([{"sessionCookie": []}, {"clientCertificate": []}])"));
}

TEST_F(OpenApiDocumentTest, EveryReferenceResolvesAndEverySchemaKeywordIsChecked) {
  std::vector<std::string> problems;
  // Every "$ref" anywhere in the document.
  const Json flat = doc_.flatten();
  for (const auto& [pointer, value] : flat.items()) {
    if (pointer.size() > 5 && pointer.substr(pointer.size() - 5) == "/$ref" &&
        check_.Resolve(value.get<std::string>()) == nullptr)
      problems.push_back(pointer + ": unresolved " + value.dump());
  }
  for (const auto& [name, schema] : doc_["components"]["schemas"].items()) {
    auto p = check_.Lint(schema, "#/components/schemas/" + name);
    problems.insert(problems.end(), p.begin(), p.end());
  }
  // Inline schemas of parameters, headers and media types.
  std::set<std::string> inline_schemas;
  for (const auto& [pointer, value] : flat.items()) {
    const auto at = pointer.rfind("/schema/");
    if (at != std::string::npos && pointer.find("/components/schemas/") != 0)
      inline_schemas.insert(pointer.substr(0, at + 7));
  }
  for (const std::string& pointer : inline_schemas) {
    auto p = check_.Lint(doc_.at(Json::json_pointer(pointer)), pointer);
    problems.insert(problems.end(), p.begin(), p.end());
  }
  EXPECT_GT(inline_schemas.size(), 10u);
  EXPECT_TRUE(problems.empty()) << Join(problems);
}

TEST_F(OpenApiDocumentTest, EveryRouteIsDocumentedWithExactlyItsMethods) {
  ASSERT_EQ(AllRouteInfos().size(), static_cast<std::size_t>(kRouteKindCount));
  for (const RouteInfo& info : AllRouteInfos()) {
    SCOPED_TRACE(std::string(info.path_template));
    const std::string path(info.path_template);
    ASSERT_TRUE(doc_["paths"].contains(path)) << "route " << info.name << " is not documented";
    const Json& item = doc_["paths"][path];
    for (Method m : kDocumentedMethods) {
      const std::string key = Lower(MethodName(m));
      EXPECT_EQ(item.contains(key), info.methods.Contains(m)) << key;
      if (!item.contains(key)) continue;
      // operationId = route name + method, unique by construction.
      EXPECT_EQ(item[key]["operationId"], std::string(info.name) + "." + key);
    }
    // OPTIONS is answered generically (204 + Allow); no other methods exist.
    for (const char* other : {"options", "patch", "trace"}) EXPECT_FALSE(item.contains(other));
  }
}

// The dashboard's /ui/api/ paths (docs/dashboard.md) are in the same
// document but are not MoSAPI routes; web/dashboard_handler_test.cc calls them.
bool IsDashboardPath(const std::string& path) { return path.rfind("/ui/", 0) == 0; }

TEST_F(OpenApiDocumentTest, EveryDocumentedPathRoutesToItsRoute) {
  std::size_t dashboard = 0;
  for (const auto& [path, item] : doc_["paths"].items()) dashboard += IsDashboardPath(path) ? 1 : 0;
  EXPECT_GT(dashboard, 5u);
  EXPECT_EQ(doc_["paths"].size() - dashboard, static_cast<std::size_t>(kRouteKindCount));
  for (const auto& [path, item] : doc_["paths"].items()) {
    if (IsDashboardPath(path)) continue;
    SCOPED_TRACE(path);
    // Fill each {name} with its parameter's example, which must satisfy the
    // parameter's own schema.
    std::map<std::string, Json> examples;
    for (const auto& [key, op] : item.items()) {
      if (!kOperationKeys.count(key)) continue;
      for (const Json& p : Parameters(item, op)) {
        if (p["in"] != "path") continue;
        ASSERT_TRUE(p.contains("example")) << p["name"];
        EXPECT_TRUE(check_.Check(p["schema"], p["example"]).empty())
            << p["name"] << ": " << Join(check_.Check(p["schema"], p["example"]));
        EXPECT_EQ(p["required"], true) << p["name"];
        examples[p["name"].get<std::string>()] = p["example"];
      }
    }
    std::string url;
    std::set<std::string> used;
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (path[i] != '{') {
        url += path[i];
        continue;
      }
      const std::size_t close = path.find('}', i);
      const std::string name = path.substr(i + 1, close - i - 1);
      ASSERT_TRUE(examples.count(name)) << "no path parameter for {" << name << "}";
      url += examples[name].get<std::string>();
      used.insert(name);
      i = close;
    }
    EXPECT_EQ(used.size(), examples.size()) << "a path parameter is not in the template";
    std::string scratch;
    const RouteMatch match = MatchRoute(url, scratch);
    ASSERT_TRUE(match.ok()) << url << " does not route: " << match.detail;
    EXPECT_EQ(match.route.info().path_template, path) << url;
    std::string canonical;
    AppendCanonicalPath(match.route, canonical);
    EXPECT_EQ(canonical, url);
  }
}

TEST_F(OpenApiDocumentTest, SecurityAndAuthAnswersFollowTheRouteRole) {
  for (const RouteInfo& info : AllRouteInfos()) {
    for (Method m : kDocumentedMethods) {
      if (!info.methods.Contains(m)) continue;
      const std::string key = Lower(MethodName(m));
      SCOPED_TRACE(std::string(info.name) + "." + key);
      const Json& op = PathItem(info)[key];
      const Json& responses = op["responses"];
      ASSERT_TRUE(responses.contains("200"));
      EXPECT_TRUE(responses.contains("default"));  // protocol errors (JSON)
      switch (info.role) {
        case RequiredRole::kNone:  // healthz, metrics, openapi.json
          EXPECT_EQ(op["security"], Json::array());
          EXPECT_FALSE(responses.contains("401"));
          break;
        case RequiredRole::kSession:  // spec §4.2: Basic on login, the cookie on logout
          EXPECT_EQ(op["security"], info.kind == RouteKind::kLogin
                                        ? Json::parse(R"([{"basicAuth": []}])")
                                        : Json::parse(R"([{"sessionCookie": []}])"));
          EXPECT_TRUE(responses.contains("401"));
          EXPECT_TRUE(responses.contains("200"));
          EXPECT_TRUE(Deref(responses["200"])["headers"].contains("Set-Cookie"));
          break;
        default:  // data: the document's default (cookie or certificate)
          EXPECT_FALSE(op.contains("security"));
          for (const char* status : {"401", "403", "404", "429"})
            EXPECT_TRUE(responses.contains(status)) << status;
          EXPECT_TRUE(Deref(responses["429"])["headers"].contains("Retry-After"));
          break;
      }
    }
  }
}

TEST_F(OpenApiDocumentTest, QueriesBodiesAndValidatorsFollowTheRouteTable) {
  for (const RouteInfo& info : AllRouteInfos()) {
    for (Method m : kDocumentedMethods) {
      if (!info.methods.Contains(m)) continue;
      const std::string key = Lower(MethodName(m));
      SCOPED_TRACE(std::string(info.name) + "." + key);
      const Json& item = PathItem(info);
      const Json& op = item[key];
      std::set<std::string> query;
      for (const Json& p : Parameters(item, op)) {
        if (p["in"] == "query") query.insert(p["name"].get<std::string>());
      }
      // Only routes that read the query document parameters (api-server.md
      // "Query strings"); theirs are startDate/endDate, answered 400 when bad.
      if (info.takes_query) {
        EXPECT_EQ(query, (std::set<std::string>{"startDate", "endDate"}));
        EXPECT_TRUE(op["responses"].contains("400"));
      } else {
        EXPECT_TRUE(query.empty());
      }
      // Data reads, precomputed or built per request, carry validators and
      // can answer 304 (mosapi_reply.h); writes and the session and
      // operational endpoints document neither.
      const bool data = info.role != RequiredRole::kNone && info.role != RequiredRole::kSession;
      if (data && (m == Method::kGet || m == Method::kHead)) {
        EXPECT_TRUE(op["responses"].contains("304"));
        EXPECT_TRUE(Deref(op["responses"]["200"])["headers"].contains("ETag"));
      } else {
        EXPECT_FALSE(op["responses"].contains("304"));
      }
      const bool has_body = m == Method::kPut || m == Method::kPost;
      const bool session = info.role == RequiredRole::kSession;  // login/logout have no body
      EXPECT_EQ(op.contains("requestBody"), has_body && !session);
      // GET answers carry a body described by a schema; HEAD never has one.
      const Json& ok = Deref(op["responses"]["200"]);
      if (m == Method::kHead) {
        EXPECT_FALSE(ok.contains("content"));
      } else {
        ASSERT_TRUE(ok.contains("content"));
        for (const auto& [media, body] : ok["content"].items())
          EXPECT_TRUE(body.contains("schema")) << media;
      }
    }
  }
}

// The golden files of tests/conformance (mosapi-documents.md) are the objects
// the engine publishes; each must satisfy the schema the document gives for
// its endpoint.
TEST_F(OpenApiDocumentTest, ConformanceGoldensSatisfyTheirEndpointSchemas) {
  const std::vector<std::pair<std::string, RouteKind>> by_prefix = {
      {"state_", RouteKind::kMonitoringState},
      {"alarmed_", RouteKind::kServiceAlarmed},
      {"downtime", RouteKind::kServiceDowntime},
      {"incident_list", RouteKind::kIncidentList},
      {"incident_state_", RouteKind::kIncidentState},
      {"false_positive_", RouteKind::kIncidentFalsePositive},
      {"incident_measurements", RouteKind::kIncidentMeasurements},
      {"listing_years", RouteKind::kMeasurementYears},
      {"listing_months", RouteKind::kMeasurementMonths},
      {"listing_days", RouteKind::kMeasurementDays},
      {"listing_measurements", RouteKind::kMeasurementList},
      {"measurement_", RouteKind::kMeasurement},
  };
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(TLDMON_CONFORMANCE_DIR)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    const std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    const RouteKind* kind = nullptr;
    for (const auto& [prefix, k] : by_prefix) {
      if (name.rfind(prefix, 0) == 0) kind = &k;
    }
    ASSERT_NE(kind, nullptr) << "map this golden to its endpoint";
    EXPECT_TRUE(CheckAgainst(*kind, ReadFile(entry.path())).empty())
        << Join(CheckAgainst(*kind, ReadFile(entry.path())));
    // The single-incident measurement has the same schema as the recent one.
    if (*kind == RouteKind::kMeasurement) {
      EXPECT_EQ(GetSchema(RouteKind::kIncidentMeasurement), GetSchema(*kind));
    }
    ++checked;
  }
  EXPECT_GE(checked, 20);

  // The HTTP goldens of the loopback tests (answers built per request).
  const std::vector<std::pair<std::string, RouteKind>> http_by_prefix = {
      {"incidents_", RouteKind::kIncidentList},
      {"maintenance_window", RouteKind::kMaintenanceWindow},
      {"measurement_", RouteKind::kMeasurement},
      {"measurements_years_", RouteKind::kMeasurementYears},
      {"metrica_domain_lists_", RouteKind::kMetricaLists},
      {"probe_nodes", RouteKind::kProbeNodes},
  };
  const std::filesystem::path http_dir = std::filesystem::path(TLDMON_CONFORMANCE_DIR) / "http";
  if (!std::filesystem::is_directory(http_dir)) return;
  for (const auto& entry : std::filesystem::directory_iterator(http_dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    const std::string name = entry.path().filename().string();
    SCOPED_TRACE("http/" + name);
    const RouteKind* kind = nullptr;
    for (const auto& [prefix, k] : http_by_prefix) {
      if (name.rfind(prefix, 0) == 0) kind = &k;
    }
    ASSERT_NE(kind, nullptr) << "map this golden to its endpoint";
    EXPECT_TRUE(CheckAgainst(*kind, ReadFile(entry.path())).empty())
        << Join(CheckAgainst(*kind, ReadFile(entry.path())));
  }
}

// The spec's own examples of the objects without goldens here (§6.7, §6.8,
// §6.11, §6.13).
TEST_F(OpenApiDocumentTest, SpecExamplesSatisfyTheirEndpointSchemas) {
  const std::vector<std::pair<RouteKind, std::string>> examples = {
      {RouteKind::kMetricaLatest,
       R"({"version":2,"tld":"example","domainListDate":"2025-01-01","uniqueAbuseDomains":14,
           "domainListData":[{"threatType":"spam","count":2,"domains":["a.example","b.example"]},
                             {"threatType":"malware","count":-1,"domains":[]}]})"},
      {RouteKind::kMetricaByDate,
       R"({"version":2,"ianaId":9999,"domainListDate":"2025-01-01","uniqueAbuseDomains":0,
           "domainListData":[]})"},
      {RouteKind::kMetricaLists,
       R"({"version":2,"tld":"example","domainLists":[{"domainListDate":"2018-12-12",
           "domainListGenerationDate":"2018-12-13T23:20:50.52Z"}]})"},
      {RouteKind::kRegistrarRdapBaseUrlList,
       R"({"publication":"2019-06-04T13:02:06Z",
           "description":"ICANN-accredited Registrar's RDAP base URL list",
           "services":[[["81"],["https://rdap.gandi.net"]],
                       [["1448"],["https://rdap.blacknight.com"]]],
           "version":"1.0"})"},
      {RouteKind::kMaintenanceWindow,
       R"({"version":2,"scheduleID":"q1-rdds-upgrade","name":"RDDS upgrade",
           "description":"","startTime":1767225600,"endTime":1767232800})"},
      {RouteKind::kMaintenanceList,
       R"({"version":2,"maintenanceWindows":[{"version":2,"scheduleID":"a","name":"n",
           "description":"d","startTime":1,"endTime":2}]})"},
      {RouteKind::kProbeNodes,
       R"({"version":2,"lastUpdateApiDatabase":1767225960,"probeNodes":[{"city":"Probe1-Server1",
           "ipv4":["192.0.2.10"],"ipv6":["2001:db8::10"]},{"city":"Probe2","ipv4":["192.0.2.11"],
           "ipv6":[]}]})"},
  };
  for (const auto& [kind, text] : examples) {
    SCOPED_TRACE(std::string(Info(kind).name));
    EXPECT_TRUE(CheckAgainst(kind, text).empty()) << Join(CheckAgainst(kind, text));
  }
  // The create-or-update body: name, description and times; nothing unknown.
  const Json& body = Deref(PathItem(Info(RouteKind::kMaintenanceWindow))["put"]["requestBody"]);
  const Json& request_schema = body["content"]["application/json"]["schema"];
  EXPECT_TRUE(check_
                  .Check(request_schema, Json::parse(R"({"name":"n","description":"",
                      "startTime":1767225600,"endTime":1767232800})"))
                  .empty());
  EXPECT_FALSE(check_
                   .Check(request_schema, Json::parse(R"({"name":"n","description":"",
                       "startTime":1767225600,"endTime":1767232800,"services":["rdds"]})"))
                   .empty());
}

// The schemas are strict enough to catch the mistakes clients would trip on
// (spec §5 types, §6.2 values, §10.4).
TEST_F(OpenApiDocumentTest, SchemasRejectWrongTypesAndValues) {
  const std::vector<std::pair<RouteKind, std::string>> wrong = {
      // registrarID is a JSON number (§5 project default).
      {RouteKind::kMonitoringState,
       R"({"version":2,"lastUpdateApiDatabase":1,"registrarID":"9999","status":"Up",
           "testedServices":{}})"},
      // Both entity fields at once.
      {RouteKind::kMonitoringState,
       R"({"version":2,"lastUpdateApiDatabase":1,"tld":"example","registrarID":9999,
           "status":"Up","testedServices":{}})"},
      // The spec text's casing is not what tldmon emits (§6.2 project default).
      {RouteKind::kMonitoringState,
       R"({"version":2,"lastUpdateApiDatabase":1,"tld":"example","status":"Up",
           "testedServices":{"DNS":{"status":"UP-inconclusive-no-data","emergencyThreshold":0,
           "incidents":[]}}})"},
      // A disabled service is only its status.
      {RouteKind::kMonitoringState,
       R"({"version":2,"lastUpdateApiDatabase":1,"tld":"example","status":"Up",
           "testedServices":{"EPP":{"status":"Disabled","emergencyThreshold":0}}})"},
      // The envelope is required.
      {RouteKind::kServiceAlarmed, R"({"version":2,"alarmed":"Yes"})"},
      {RouteKind::kServiceDowntime, R"({"version":2,"lastUpdateApiDatabase":1,"downtime":1.5})"},
      // falsePositive is a boolean, not SLAM's early "True".
      {RouteKind::kIncidentFalsePositive,
       R"({"version":2,"lastUpdateApiDatabase":1,"falsePositive":"True","updateTime":null})"},
      // Listing entries are strings.
      {RouteKind::kMeasurementYears, R"({"version":2,"lastUpdateApiDatabase":1,"years":[2026]})"},
      {RouteKind::kMeasurement,
       R"({"version":2,"lastUpdateApiDatabase":1,"tld":"example","service":"dns",
           "cycleCalculationDateTime":1,"status":"Up","testedInterface":[{"interface":"DNS",
           "probes":[{"city":"p","status":"Up","testData":[{"target":"ns1","status":"Up",
           "metrics":[{"testDateTime":1,"targetIP":"192.0.2.1","rtt":40,"result":-200}]}]}]}]})"},
      {RouteKind::kRegistrarRdapBaseUrlList,
       R"({"publication":"2019-06-04T13:02:06Z","description":"d","services":[[[81],["https://r"]]],
           "version":"1.0"})"},
      {RouteKind::kMaintenanceWindow,
       R"({"version":2,"scheduleID":"..","name":"n","description":"","startTime":1,
           "endTime":2})"},
  };
  for (const auto& [kind, text] : wrong) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(CheckAgainst(kind, text).empty());
  }
}

// Every answer of the error table is documented: JSON bodies satisfy the
// documented schema for their status, text/plain bodies are among the texts
// documented for their status (spec §4.3, §5, §7).
TEST_F(OpenApiDocumentTest, ErrorTableAnswersAreDocumented) {
  const Json& components = doc_["components"]["responses"];
  for (int i = 1; i < kApiErrorKindCount; ++i) {
    const auto kind = static_cast<ApiErrorKind>(i);
    const ApiErrorInfo& info = ErrorInfo(kind);
    const std::string status = std::to_string(info.http_status);
    SCOPED_TRACE(status + " " + std::string(info.message));
    const std::string body = ErrorBody(kind, "/ry/example/v9/monitoring/state");
    if (info.text_plain) {
      EXPECT_TRUE(PlainTexts(status).count(std::string(info.message)));
      continue;
    }
    const Json* response = &components["ProtocolError"];
    if (info.http_status == 400) response = &components["BadRequest"];
    if (info.http_status == 404) response = &components["NotFound"];
    const Json& schema = (*response)["content"]["application/json"]["schema"];
    EXPECT_TRUE(check_.Check(schema, Json::parse(body)).empty())
        << body << "\n"
        << Join(check_.Check(schema, Json::parse(body)));
  }
  // The exact §4.3 text for a data call without a session.
  EXPECT_EQ(Deref(components["Unauthenticated"])["content"]["text/plain"]["schema"]["const"],
            ErrorBody(ApiErrorKind::kUnauthenticated, ""));
}

// Login and logout answers are written by the auth module (auth_decision.h);
// the document quotes its texts (spec §4.3 project defaults).
TEST_F(OpenApiDocumentTest, SessionTextsAreTheAuthModules) {
  const Json& login = PathItem(Info(RouteKind::kLogin))["get"]["responses"];
  const Json& logout = PathItem(Info(RouteKind::kLogout))["get"]["responses"];
  auto text = [&](const Json& response) {
    const Json& schema = Deref(response)["content"]["text/plain"]["schema"];
    return schema.value("const", std::string());
  };
  EXPECT_EQ(text(login["200"]), auth::kLoginSuccessfulText);
  EXPECT_EQ(text(login["401"]), auth::kInvalidCredentialsText);
  EXPECT_EQ(text(login["403"]), auth::kSourceNotAllowedText);
  EXPECT_EQ(text(login["429"]), auth::kTooManyRequestsText);
  EXPECT_EQ(text(logout["200"]), auth::kLogoutSuccessfulText);
  EXPECT_EQ(text(logout["401"]), auth::kNotAuthenticatedText);
  EXPECT_EQ(text(login["500"]), auth::kInternalErrorText);
}

}  // namespace
}  // namespace tldmon::mosapi
