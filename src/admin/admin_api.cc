#include "admin/admin_api.h"

#include <openssl/crypto.h>

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "admin/require_entity.h"
#include "dane/tls_access_edit.h"
#include "dane/tls_access_import.h"
#include "http/query.h"

namespace tldmon::admin {
namespace {

constexpr std::string_view kTls = "/admin/v1/tls";
constexpr std::string_view kTlsImport = "/admin/v1/tls/import";
constexpr std::string_view kBearer = "Bearer ";

int HttpStatusOf(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kUnavailable: return 503;
    default: return 500;
  }
}

void SetStatusError(http::Response& response, const Status& s) {
  SetAdminError(response, HttpStatusOf(s), s.message());
}

void SetJson(http::Response& response, int status, const nlohmann::json& body) {
  response.AddHeader("Cache-Control", "no-store");
  response.SetBody(status, "application/json", body.dump(2) + "\n");
}

Result<http::QueryParams> Query(const http::Request& request) {
  auto q = http::ParseQuery(request.query, http::QueryLimits{});
  if (!q.ok()) return InvalidArgument("query: " + http::Describe(q.error()));
  return std::move(q).value();
}

Result<EntityId> EntityParam(std::string_view text) {
  auto id = EntityId::Parse(text);
  if (!id.ok()) return InvalidArgument("entity \"" + std::string(text) + "\": " + id.status().message());
  return id;
}

void MethodNotAllowed(http::Response& response, std::string_view allow) {
  response.AddHeader("Allow", allow);
  SetAdminError(response, 405, "method not allowed; this resource takes " + std::string(allow));
}

}  // namespace

void SetAdminError(http::Response& response, int status, std::string_view message) {
  response.AddHeader("Cache-Control", "no-store");
  response.SetBody(status, "application/json", nlohmann::json{{"error", message}}.dump() + "\n");
}

AdminApiHandler::AdminApiHandler(store::Store& store, AdminApiOptions options)
    : store_(store), options_(std::move(options)) {}

bool AdminApiHandler::Authorized(const http::Request& request) const {
  if (!request.authorization || !request.authorization->starts_with(kBearer)) return false;
  const std::string_view given = request.authorization->substr(kBearer.size());
  const std::string& token = options_.token;
  // The length is not secret (the token's format is documented); the bytes are.
  return !token.empty() && given.size() == token.size() &&
         CRYPTO_memcmp(given.data(), token.data(), token.size()) == 0;
}

std::optional<std::string> AdminApiHandler::SlowKey(const http::Request& request) const {
  if (request.method == http::Method::kGet || request.method == http::Method::kHead ||
      !Authorized(request))
    return std::nullopt;
  return std::string("admin");
}

std::size_t AdminApiHandler::MaxBodyBytes(std::string_view path) const {
  return path == kTlsImport ? dane::kMaxTlsImportBytes : 64u << 10;
}

void AdminApiHandler::RenderError(http::HttpError error, std::string_view detail,
                                  http::Response& response) const {
  SetAdminError(response, http::StatusOf(error),
                detail.empty() ? http::MessageOf(error) : detail);
}

void AdminApiHandler::Handle(const http::Request& request, http::Response& response) {
  if (!Authorized(request)) {
    response.AddHeader("WWW-Authenticate", "Bearer realm=\"tldmon admin\"");
    return SetAdminError(response, 401,
                         "this needs \"Authorization: Bearer <token>\" with the operator token "
                         "(docs/admin-api.md)");
  }
  const http::Method m = request.method;
  if (request.path == kTls) {
    if (m == http::Method::kGet || m == http::Method::kHead) return ListTls(request, response);
    if (m == http::Method::kPost) return AddTls(request, response);
    if (m == http::Method::kDelete) return RemoveTls(request, response);
    return MethodNotAllowed(response, "GET, HEAD, POST, DELETE");
  }
  if (request.path == kTlsImport) {
    if (m == http::Method::kPost) return ImportTls(request, response);
    return MethodNotAllowed(response, "POST");
  }
  SetAdminError(response, 404, "no admin resource at " + std::string(request.path) +
                                   "; see docs/admin-api.md");
}

bool AdminApiHandler::BeginChange(std::shared_ptr<void>* lock, http::Response& response) {
  auto held = options_.lock_for_change();
  if (!held.ok()) {
    if (held.status().code() == StatusCode::kUnavailable) response.AddHeader("Retry-After", "5");
    SetStatusError(response, held.status());
    return false;
  }
  *lock = std::move(held).value();
  return true;
}

void AdminApiHandler::ListTls(const http::Request& request, http::Response& response) {
  auto query = Query(request);
  if (!query.ok()) return SetStatusError(response, query.status());
  std::optional<EntityId> only;
  if (const auto e = query->Get("entity")) {
    auto id = EntityParam(*e);
    if (!id.ok()) return SetStatusError(response, id.status());
    only = *id;
  }
  auto table = dane::TlsAccessRepository(store_).Load();
  if (!table.ok()) return SetStatusError(response, table.status());
  const auto states = options_.tlsa_states ? options_.tlsa_states()
                                           : std::map<std::string, dane::TlsaNameStatus>{};
  SetJson(response, 200, dane::ListTlsAccess(*table, only, states).json);
}

void AdminApiHandler::AddTls(const http::Request& request, http::Response& response) {
  const auto body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object())
    return SetAdminError(response, 400,
                         "the body must be a JSON object {\"entity\", \"domain\", \"roles\", \"allow\"}");
  dane::TlsAccessAddRequest add;
  std::string entity_text;
  for (const auto& [key, value] : body.items()) {
    if (key == "entity" && value.is_string()) {
      entity_text = value.get<std::string>();
    } else if (key == "domain" && value.is_string()) {
      add.domain = value.get<std::string>();
    } else if ((key == "roles" || key == "allow") && value.is_array()) {
      auto& out = key == "roles" ? add.roles : add.allow;
      for (const auto& v : value) {
        if (!v.is_string()) return SetAdminError(response, 400, "\"" + key + "\" must be an array of strings");
        out.push_back(v.get<std::string>());
      }
    } else {
      return SetAdminError(response, 400, "unknown or mistyped field \"" + key +
                                              "\" (entity and domain are strings, roles and allow "
                                              "arrays of strings)");
    }
  }
  auto entity = EntityParam(entity_text);
  if (!entity.ok()) return SetStatusError(response, entity.status());
  if (Status s = RequireEntity(store_, *entity); !s.ok()) return SetStatusError(response, s);
  std::shared_ptr<void> lock;
  if (!BeginChange(&lock, response)) return;
  auto added = dane::AddTlsAccess(store_, *entity, add);
  if (!added.ok()) return SetStatusError(response, added.status());
  if (added->changed)
    spdlog::info("admin api: {} tls add {} from {}", entity->Path(), added->entry.domain, request.peer.text);
  nlohmann::json j = added->Json(*entity);
  j["message"] = added->Text(*entity);
  SetJson(response, added->existed ? 200 : 201, j);
}

void AdminApiHandler::RemoveTls(const http::Request& request, http::Response& response) {
  auto query = Query(request);
  if (!query.ok()) return SetStatusError(response, query.status());
  const auto entity_text = query->Get("entity");
  const auto domain = query->Get("domain");
  if (!entity_text || !domain)
    return SetAdminError(response, 400, "DELETE needs ?entity=<ry/tld or rr/id>&domain=<owner name>");
  auto entity = EntityParam(*entity_text);
  if (!entity.ok()) return SetStatusError(response, entity.status());
  std::shared_ptr<void> lock;
  if (!BeginChange(&lock, response)) return;
  auto removed = dane::RemoveTlsAccess(store_, *entity, *domain);
  if (!removed.ok()) return SetStatusError(response, removed.status());
  spdlog::info("admin api: {} tls remove {} from {}", entity->Path(), *removed, request.peer.text);
  SetJson(response, 200, {{"entity", entity->Path()}, {"removed", *removed}});
}

void AdminApiHandler::ImportTls(const http::Request& request, http::Response& response) {
  auto query = Query(request);
  if (!query.ok()) return SetStatusError(response, query.status());
  bool dry_run = false;
  if (const auto d = query->Get("dryRun")) {
    if (*d != "true" && *d != "false") return SetAdminError(response, 400, "dryRun is true or false");
    dry_run = *d == "true";
  }
  auto parsed = dane::ParseTlsAccessImport(request.body);
  if (!parsed.ok()) return SetStatusError(response, parsed.status());
  for (const auto& [entity, entries] : parsed->entities)
    if (Status s = RequireEntity(store_, entity); !s.ok()) return SetStatusError(response, s);
  std::shared_ptr<void> lock;
  if (!BeginChange(&lock, response)) return;
  auto report = dane::ImportTlsAccess(store_, *parsed, dry_run);
  if (!report.ok()) return SetStatusError(response, report.status());
  if (!dry_run && report->changes > 0)
    spdlog::info("admin api: tls import of {} change(s) for {} entities from {}", report->changes,
                 parsed->entities.size(), request.peer.text);
  SetJson(response, 200, report->json);
}

}  // namespace tldmon::admin
