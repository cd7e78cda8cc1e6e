#include "web/dashboard_mosapi.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>

#include "http/query.h"
#include "mosapi/mosapi_access_control.h"

namespace tldmon::web {
namespace {

bool ReadMethod(http::Method m) { return m == http::Method::kGet || m == http::Method::kHead; }

}  // namespace

DashboardMosapi::DashboardMosapi(DashboardAuth& auth, auth::Authenticator& authenticator,
                                 mosapi::MosapiService& service, const Clock& clock)
    : auth_(auth), access_(auth, authenticator), api_(service.HandlerWith(access_, clock)) {}

mosapi::AccessDecision DashboardMosapi::Access::Authorize(const http::Request& request,
                                                          const mosapi::Route& route) {
  using Outcome = mosapi::AccessDecision::Outcome;
  const std::optional<DashboardSession> session =
      auth_.Find(request.cookie.value_or(std::string_view()), request.peer.text);
  if (!session) return {Outcome::kUnauthenticated, 0, nullptr};
  const EntityId entity = route.entity();
  if (!session->principal.Sees(entity)) return {Outcome::kForbidden, 0, nullptr};
  if (session->principal.is_operator()) return {};
  const std::optional<auth::Role> role = mosapi::MosapiAccessControl::RoleFor(route.info().role);
  const std::optional<auth::RoleSet> roles = authenticator_.RolesOf(entity);
  if (role && !(roles && roles->Contains(*role))) return {Outcome::kForbidden, 0, nullptr};
  return {};
}

void DashboardMosapi::Access::Login(const http::Request&, const mosapi::Route&,
                                    http::Response& response) {
  response.SetBody(404, "text/plain", "log in to the dashboard at /ui/");
}

void DashboardMosapi::Access::Logout(const http::Request&, const mosapi::Route&,
                                     http::Response& response) {
  response.SetBody(404, "text/plain", "log out of the dashboard at /ui/");
}

std::optional<std::string> DashboardMosapi::SlowKey(const http::Request& request) const {
  // Measurements of older cycles are built from the store on demand.
  return "ui-mosapi " + std::string(request.peer.text);
}

void DashboardMosapi::RenderError(http::HttpError error, std::string_view detail,
                                  http::Response& response) const {
  api_->RenderError(error, detail, response);
}

void DashboardMosapi::Handle(const http::Request& request, http::Response& response) {
  response.AddHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  response.AddHeader("X-Content-Type-Options", "nosniff");
  http::Request inner = request;
  inner.path = request.path.substr(kDashboardMosapiPrefix.size());
  inner.target = inner.path;
  // Everything but csrf goes on to MoSAPI as it was sent.
  std::string query;
  for (std::size_t at = 0; at < request.query.size();) {
    const std::size_t amp = std::min(request.query.find('&', at), request.query.size());
    const std::string_view part = request.query.substr(at, amp - at);
    if (part.substr(0, part.find('=')) != "csrf") {
      if (!query.empty()) query += '&';
      query += part;
    }
    at = amp + 1;
  }
  inner.query = query;
  if (!ReadMethod(request.method)) {
    const std::optional<DashboardSession> session =
        auth_.Find(request.cookie.value_or(std::string_view()), request.peer.text);
    std::optional<std::string> token;  // a copy: the parsed query dies below
    if (!request.query.empty())
      if (auto parsed = http::ParseQuery(request.query, http::QueryLimits{}); parsed.ok())
        if (auto t = parsed->Get("csrf")) token = std::string(*t);
    if (session && !(token && auth_.CsrfMatches(*session, *token))) {
      response.SetBody(403, "application/json",
                       "{\"error\":\"missing or wrong CSRF token (?csrf=)\",\"status\":403}");
      return;
    }
    if (session) spdlog::info("dashboard: {} {} {}", session->principal.username,
                              request.method_name.empty() ? http::MethodName(request.method)
                                                          : request.method_name,
                              inner.path);
  }
  api_->Handle(inner, response);
}

}  // namespace tldmon::web
