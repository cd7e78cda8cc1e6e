#include "api/openapi.h"

#include <nlohmann/json.hpp>
#include <string_view>

#include "api/route.h"

namespace tldmon::api {
namespace {

using Json = nlohmann::ordered_json;

Json Parameter(std::string_view name) {
  Json schema = {{"type", "string"}};
  std::string description;
  if (name == "entity") {
    schema["enum"] = {"ry", "rr"};
    description = "ry = registry (TLD), rr = registrar (IANA ID)";
  } else if (name == "id") {
    description = "TLD as lower-case A-label, or the registrar's IANA ID";
  } else if (name == "version") {
    schema["enum"] = {"v1", "v2"};
  } else if (name == "service") {
    schema["enum"] = {"dns", "dnssec", "rdds", "rdap", "epp"};
    description = "registrars: rdds, rdap; v1 has no rdap";
  } else if (name == "incidentID") {
    schema["pattern"] = "^[0-9]+\\.[0-9]+$";
  } else if (name == "measurementID") {
    schema["pattern"] = "^[0-9]+(\\.[0-9]+)?(\\.json)?$";
  } else if (name == "yyyy") {
    schema["pattern"] = "^[0-9]{4}$";
  } else if (name == "mm" || name == "dd") {
    schema["pattern"] = "^[0-9]{2}$";
  } else if (name == "date") {
    schema["format"] = "date";
  } else if (name == "scheduleID") {
    schema["pattern"] = "^[A-Za-z0-9._-]{1,64}$";
  }
  Json p = {{"name", name}, {"in", "path"}, {"required", true}, {"schema", schema}};
  if (!description.empty()) p["description"] = description;
  return p;
}

Json Operation(const RouteInfo& info, Method method) {
  Json op;
  op["operationId"] = std::string(info.name) + "." + std::string(MethodName(method));
  Json params = Json::array();
  const std::string_view t = info.path_template;
  for (std::size_t open = t.find('{'); open != std::string_view::npos; open = t.find('{', open + 1))
    params.push_back(Parameter(t.substr(open + 1, t.find('}', open) - open - 1)));
  if (info.kind == RouteKind::kMetricaLists) {
    for (const char* q : {"startDate", "endDate"})
      params.push_back({{"name", q},
                        {"in", "query"},
                        {"required", false},
                        {"schema", {{"type", "string"}, {"format", "date"}}}});
  }
  if (!params.empty()) op["parameters"] = params;
  Json responses;
  responses["200"] = {{"description", "OK"}};
  if (info.role != RequiredRole::kNone) {
    responses["401"] = {{"description", "no valid session cookie or client certificate"}};
    responses["403"] = {{"description", "source address not allowed"}};
  }
  if (info.kind == RouteKind::kMetricaLists)
    responses["400"] = {{"description", "bad startDate/endDate (resultCode 2011-2014)"}};
  responses["404"] = {{"description", "no such resource"}};
  op["responses"] = responses;
  if (info.role == RequiredRole::kSession && info.kind == RouteKind::kLogin) {
    op["security"] = Json::array({{{"basicAuth", Json::array()}}});
  } else if (info.role != RequiredRole::kNone && info.role != RequiredRole::kSession) {
    op["security"] =
        Json::array({{{"sessionCookie", Json::array()}}, {{"clientCertificate", Json::array()}}});
  }
  return op;
}

}  // namespace

std::string BuildOpenApiDocument() {
  Json doc;
  doc["openapi"] = "3.1.0";
  doc["info"] = {{"title", "tldmon MoSAPI"},
                 {"version", "2"},
                 {"description", "ICANN Monitoring System API as served by tldmon"}};
  Json paths = Json::object();
  for (const RouteInfo& info : AllRouteInfos()) {
    Json item = Json::object();
    for (Method m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kDelete}) {
      if (!info.methods.Contains(m)) continue;
      std::string key(MethodName(m));
      for (char& c : key) c = static_cast<char>(c - 'A' + 'a');
      item[key] = Operation(info, m);
    }
    paths[std::string(info.path_template)] = item;
  }
  doc["paths"] = paths;
  doc["components"]["securitySchemes"] = {
      {"basicAuth", {{"type", "http"}, {"scheme", "basic"}}},
      {"sessionCookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "id"}}},
      {"clientCertificate", {{"type", "mutualTLS"}}}};
  return doc.dump();
}

}  // namespace tldmon::api
