// MosapiAccessControl: ApiHandler's AccessControl seam over
// auth::Authenticator (mosapi-api.md §4; docs/auth.md has the decisions).
// It only translates: the route's RequiredRole to the auth Role (§4.5), the
// request's source address (IPv4 or IPv6 text), Cookie and Authorization
// headers and TLS flag to the Authenticator's arguments, and its
// AuthDecision back to an HTTP answer:
//   login   200 text/plain "Login successful" + `Set-Cookie: id=…` in its own
//           header field (§10.2, Nomulus #630); 401/403/429 with the texts of
//           §4.3, 429 with Retry-After
//   logout  200 + a deleting Set-Cookie; 401 without a live session
//   data    allow, or 401/403/429 (the ApiHandler writes those bodies from the
//           error table; they are the same §4.3 texts)
// `Authorization: Basic` on data endpoints is passed through, so the
// Authenticator's accept_basic_on_data mode (off by default) works as
// configured. A TLS client certificate is matched by an optional
// CertificateGrants function (in serve: dane::DaneAuthority over the
// validated TLSA cache, dane-client-auth.md); without one, a certificate alone authenticates
// nothing. A request authorized by certificate holds one of that
// certificate's in-flight slots until its response is written; past the
// limit it is answered 429 (Retry-After: 1).
//
// Holds references to the Authenticator and Clock, which must outlive it.
// Thread-safe: its only state is the in-flight count (locked) and the
// Authenticator is thread-safe. Login verifies an Argon2id hash on the calling (worker)
// thread: CPU only, no I/O.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "mosapi/api_handler.h"
#include "mosapi/certificate_concurrency.h"
#include "auth/authenticator.h"
#include "auth/role.h"
#include "core/clock.h"

namespace tldmon::mosapi {

class MosapiAccessControl final : public AccessControl {
 public:
  // The entity's TLS entries whose TLSA records match the presented
  // certificate (auth::CertificateGrant); empty when none does. Called on the
  // request path: it must only read a cache (thread-safe, no I/O).
  using CertificateGrants = std::function<std::vector<auth::CertificateGrant>(
      const EntityId& entity, const PeerCertificate& certificate)>;

  // `max_requests_per_certificate`: requests in flight per certificate
  // (SPKI) before 429; 0 = no limit (certificate_concurrency.h).
  MosapiAccessControl(auth::Authenticator& authenticator, const Clock& clock,
                      CertificateGrants certificate_grants = {},
                      int max_requests_per_certificate = 4)
      : authenticator_(authenticator),
        clock_(clock),
        certificate_grants_(std::move(certificate_grants)),
        concurrency_(CertificateConcurrency::Create(max_requests_per_certificate)) {}

  AccessDecision Authorize(const Request& request, const Route& route) override;
  void Login(const Request& request, const Route& route, Response& response) override;
  void Logout(const Request& request, const Route& route, Response& response) override;
  bool NeedsPasswordCheck(const Request& request, const Route& route) override;

  // The periodic hook (call about once a minute): purges expired sessions and
  // ended rate-limit windows. Returns the number of sessions purged.
  std::size_t Sweep();

  // The auth role an endpoint's RequiredRole stands for (§4.5 "Unlocks");
  // nullopt for kNone (public) and kSession (login/logout themselves).
  static std::optional<auth::Role> RoleFor(RequiredRole role);

 private:
  auth::Authenticator& authenticator_;
  const Clock& clock_;
  const CertificateGrants certificate_grants_;
  const std::shared_ptr<CertificateConcurrency> concurrency_;
};

}  // namespace tldmon::mosapi
