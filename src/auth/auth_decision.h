// What the access-control layer answers the HTTP server: a status, a
// text/plain body and the headers to add (mosapi-api.md §4.3).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/ip_prefix.h"
#include "auth/role.h"
#include "core/entity_id.h"
#include "core/time.h"

namespace tldmon::auth {

// Body texts (mosapi-api.md §4.3). The two 401 texts are what real MoSAPI
// answers and clients log; keep them byte-exact.
inline constexpr std::string_view kLoginSuccessfulText = "Login successful";
inline constexpr std::string_view kLogoutSuccessfulText = "Logout successful";
inline constexpr std::string_view kInvalidCredentialsText = "Invalid User and/or Password";
inline constexpr std::string_view kNotAuthenticatedText =
    "The client could not be authenticated using any of the available methods: "
    "TLS-Client-Authentication or Session Cookie.";
inline constexpr std::string_view kSourceNotAllowedText =
    "Access from this IP address is not allowed";
inline constexpr std::string_view kTooManyRequestsText = "Too many login attempts; try again later";
inline constexpr std::string_view kInternalErrorText = "Internal error";
// The RRI's 403 for credentials whose entity lacks the endpoint's role.
inline constexpr std::string_view kRoleMissingText = "Access denied: the role for this endpoint is missing";
// A login while the shared session database cannot be reached (several hosts).
inline constexpr std::string_view kSessionsUnavailableText =
    "Sessions are unavailable for a moment; try again later";

enum class AuthMethod { kSessionCookie, kBasic, kClientCertificate };

// Who a request acts as, once authorised.
struct Principal {
  AuthMethod method = AuthMethod::kSessionCookie;
  EntityId entity;
  // The account's user name, or the certificate grant's domain name.
  std::string name;
  // Every role the principal holds for `entity` (not only the required one).
  RoleSet roles;
};

// Seam for TLS client authentication (mosapi-api.md §4.4; a later module
// matches the certificate against DNSSEC-validated TLSA records). One grant
// is one NSp TLS entry of the requested entity whose TLSA record matched the
// presented certificate: its domain name, roles and IP ACL.
struct CertificateGrant {
  std::string domain_name;
  RoleSet roles;
  std::vector<IpPrefix> acl;
};

struct AuthDecision {
  int http_status = 200;               // 200, 401, 403, 429 (500 only if libsodium fails)
  std::string body;                    // text/plain; never empty
  std::string set_cookie;              // a whole Set-Cookie value, or empty for none
  UnixSeconds retry_after = 0;         // seconds for Retry-After; > 0 exactly with 429
  std::optional<Principal> principal;  // set exactly when http_status == 200

  bool ok() const { return http_status == 200; }
};

}  // namespace tldmon::auth
