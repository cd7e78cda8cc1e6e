// The request-time DANE decision (dane-client-auth.md §3): for a request to
// one TLD or registrar, the TLS access entries whose owner name has usable
// (secure) TLSA records that match the client certificate, provided the
// certificate passes the key policy. The caller (MosapiAccessControl via
// auth::Authenticator) then applies each entry's ACL and roles. Reads only
// memory: the entries table and the TlsaCache.
//
// Logs name the SPKI SHA-256, the matched name and the DNS state; never
// secrets. A refusal is logged once a minute per (certificate, entity), so a
// client retrying in a loop cannot flood the log. Thread-safe; the table is
// swapped whole by SetTable.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "auth/auth_decision.h"
#include "core/clock.h"
#include "core/thread_annotations.h"
#include "dane/dane_match.h"
#include "dane/key_policy.h"
#include "dane/tls_access.h"
#include "dane/tlsa_cache.h"
#include "http/request.h"

namespace tldmon::dane {

class DaneAuthority {
 public:
  DaneAuthority(const TlsaCache& cache, const Clock& clock, KeyPolicy policy, TlsaTriples triples)
      : cache_(cache), clock_(clock), policy_(std::move(policy)), triples_(triples) {}

  // Replaces the entries (serve calls it when the change generation moves).
  void SetTable(TlsAccessTable table);
  // Every configured owner name (what the refresher looks up).
  std::set<std::string> Names() const;
  // Every (entity, owner name) pair of the entries (the TLSA alerts' subjects).
  std::set<std::pair<EntityId, std::string>> Owners() const;

  // The grants for `entity`: one per entry whose TLSA matches; empty when
  // none does or the key policy refuses the certificate.
  std::vector<auth::CertificateGrant> Grants(const EntityId& entity,
                                             const http::PeerCertificate& certificate) const;

 private:
  const TlsaCache& cache_;
  const Clock& clock_;
  const KeyPolicy policy_;
  const TlsaTriples triples_;
  // True when a refusal of `key` was not logged in the last minute.
  bool ShouldLogRefusal(const std::string& key, UnixSeconds now) const;

  mutable Mutex mu_;
  std::shared_ptr<const TlsAccessTable> table_ GUARDED_BY(mu_) = std::make_shared<TlsAccessTable>();
  mutable std::map<std::string, UnixSeconds> logged_ GUARDED_BY(mu_);  // key -> last refusal log
};

// The SPKI SHA-256 in hex, as logs and the in-flight limit name a certificate.
std::string SpkiHex(const http::PeerCertificate& certificate);

}  // namespace tldmon::dane
