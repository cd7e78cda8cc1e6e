#include "mosapi/mosapi_access_control.h"

#include <algorithm>
#include <string>

namespace tldmon::mosapi {
namespace {

// The Authenticator says 500 only when libsodium fails; text/plain like the
// other access answers (§4.3).
constexpr std::string_view kTextPlain = "text/plain; charset=utf-8";

// Writes a login/logout decision: status, text body, the cookie in its own
// Set-Cookie field, Retry-After with 429 and 503.
void WriteDecision(const auth::AuthDecision& decision, Response& response) {
  response.SetBody(decision.http_status, kTextPlain, decision.body);
  if (!decision.set_cookie.empty()) response.AddHeader("Set-Cookie", decision.set_cookie);
  if (decision.http_status == 429 || decision.http_status == 503) {
    const UnixSeconds after = std::max<UnixSeconds>(1, decision.retry_after);
    response.AddHeader("Retry-After", std::to_string(after));
  }
}

}  // namespace

std::optional<auth::Role> MosapiAccessControl::RoleFor(RequiredRole role) {
  switch (role) {
    case RequiredRole::kSlamData:
      return auth::Role::kTldSlamData;
    case RequiredRole::kDaarData:
      return auth::Role::kTldDaarData;
    case RequiredRole::kRdapBaseUrlList:
      return auth::Role::kRegistrarsBaseRdapUrlList;
    case RequiredRole::kMaintenanceWindow:
      return auth::Role::kTldMaintenanceWindow;
    case RequiredRole::kProbeNodeList:
      return auth::Role::kSlamProbeNodeList;
    case RequiredRole::kNone:
    case RequiredRole::kSession:
      return std::nullopt;
  }
  return std::nullopt;
}

AccessDecision MosapiAccessControl::Authorize(const Request& request, const Route& route) {
  const RequiredRole required = route.info().role;
  if (required == RequiredRole::kNone) return {};
  const std::optional<auth::Role> role = RoleFor(required);
  // Login/logout never come here (ApiHandler answers them through Login and
  // Logout); refuse rather than guess should that ever change.
  if (!role) return {AccessDecision::Outcome::kUnauthenticated, 0, nullptr};
  const EntityId entity = route.entity();
  std::vector<auth::CertificateGrant> grants;
  if (request.peer_certificate != nullptr && certificate_grants_)
    grants = certificate_grants_(entity, *request.peer_certificate);
  // With grants the certificate decides alone; without, the cookie does.
  const auth::AuthDecision d = authenticator_.Authorize(entity, request.cookie.value_or(""),
                                                        request.authorization.value_or(""),
                                                        request.peer.text, *role, grants);
  switch (d.http_status) {
    case 200: {
      AccessDecision allow;
      if (d.principal && d.principal->method == auth::AuthMethod::kClientCertificate) {
        allow.hold = concurrency_->TryAcquire(request.peer_certificate->spki_sha256);
        if (!allow.hold) return {AccessDecision::Outcome::kRateLimited, 1, nullptr};
      }
      return allow;
    }
    case 403:
      return {AccessDecision::Outcome::kForbidden, 0, nullptr};
    case 429:
      return {AccessDecision::Outcome::kRateLimited,
              static_cast<int>(std::clamp<UnixSeconds>(d.retry_after, 1, 86400)), nullptr};
    default:
      // 401, and a failing password library (500): fail closed.
      return {AccessDecision::Outcome::kUnauthenticated, 0, nullptr};
  }
}

void MosapiAccessControl::Login(const Request& request, const Route& route, Response& response) {
  WriteDecision(authenticator_.Login(route.entity(), request.authorization.value_or(""),
                                     request.peer.text, request.tls),
                response);
}

void MosapiAccessControl::Logout(const Request& request, const Route& route, Response& response) {
  WriteDecision(authenticator_.Logout(route.entity(), request.cookie.value_or(""),
                                      request.peer.text, request.tls),
                response);
}

bool MosapiAccessControl::NeedsPasswordCheck(const Request& request, const Route& route) {
  if (!request.authorization) return false;
  // Logout reads only the cookie; data routes refuse Basic outright unless
  // the lenient mode is on.
  if (route.kind == RouteKind::kLogout) return false;
  if (route.kind != RouteKind::kLogin && !authenticator_.limits().accept_basic_on_data)
    return false;
  return authenticator_.NeedsPasswordCheck(route.entity(), *request.authorization,
                                           request.peer.text);
}

std::size_t MosapiAccessControl::Sweep() { return authenticator_.Sweep(clock_.Now()); }

}  // namespace tldmon::mosapi
