// RriHandler: the RRI endpoints (rri_route.h) mounted at /report/ and
// /info/ of `tldmon serve` (docs/rri.md).
//
// Authentication as the RRI does it (rri.md §1, §8.1): no login and no
// session; every request carries HTTP Basic credentials of an account of
// the TLD's registry entity, or a TLS client certificate whose TLSA record
// matched one of the TLD's TLS access entries (DANE, as on MoSAPI). The
// entity's allow-list (Basic) or the entry's ACL (certificate) must admit
// the source. Roles (mosapi-api.md §4.5):
//   monthly reports   "RRI - TLD Monthly Reporting"
//   escrow reports    "RRI - TLD Data Escrow Daily Reporting"
//   agent notification uploads: the escrow agent's account only — project
//                     default: an account of the TLD whose name ends in
//                     "_dea" (ICANN's DEA user; it holds no NSp role)
//   read-backs of notifications and the status summaries: either RRI role,
//                     or the DEA account
// A DEA account may not use the registry's endpoints. Answers: 401
// (WWW-Authenticate: Basic realm="RRI") for missing or wrong credentials,
// 403 for a source or role refused, 429 past the login limits, 404 for an
// unknown path, 405 with Allow; uploads 200 + iirdea 1000 or 400 + the
// code (rri_result.h). Only 200 and 400 carry an iirdea body.
//
// Threads: Handle runs on any worker (uploads and Basic checks on the slow
// pool: SlowKey); state is in the Authenticator and the store.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/authenticator.h"
#include "core/clock.h"
#include "http/request_handler.h"
#include "rri/rri_intake.h"
#include "rri/rri_repository.h"

namespace tldmon::rri {

// Uploads above this are 413 before any of their bytes is read (a monthly
// transactions report of every accredited registrar is about 1 MiB).
inline constexpr std::size_t kMaxUploadBytes = std::size_t{8} << 20;

struct RriHandlerOptions {
  // As MosapiAccessControl::CertificateGrants: the TLD entity's TLS entries
  // whose TLSA records match the certificate; must only read a cache.
  std::function<std::vector<auth::CertificateGrant>(const EntityId&, const http::PeerCertificate&)>
      certificate_grants;
  // The accredited registrars' IANA ids (2102), asked once per transactions
  // upload; empty, or an empty set answered: the check is not made.
  std::function<std::vector<std::int64_t>()> accredited_registrars;
};

class RriHandler final : public http::RequestHandler {
 public:
  // `authenticator`, `clock` and `store` must outlive the handler.
  RriHandler(auth::Authenticator& authenticator, const Clock& clock, store::Store& store,
             RriHandlerOptions options);

  void Handle(const http::Request& request, http::Response& response) override;
  std::optional<std::string> SlowKey(const http::Request& request) const override;
  std::size_t MaxBodyBytes(std::string_view path) const override;
  void RenderError(http::HttpError error, std::string_view detail,
                   http::Response& response) const override;

  // Whether `username` names an escrow agent (DEA) account.
  static bool IsEscrowAgentAccount(std::string_view username);

 private:
  void Upload(const http::Request& request, const RriRoute& route, const std::string& who,
              http::Response& response);

  auth::Authenticator& authenticator_;
  const Clock& clock_;
  RriRepository repository_;
  RriIntake intake_;
  RriHandlerOptions options_;
};

}  // namespace tldmon::rri
