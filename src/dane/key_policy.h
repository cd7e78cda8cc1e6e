// The key policy a client certificate must meet before its TLSA match counts
// (dane-client-auth.md §1 decision 7, §5.4). The TLS layer accepts any
// certificate, so this is where small keys and weak signatures stop.
// Project defaults (ICANN73): RSA of at least 4096 bits, or ECDSA on P-256,
// P-384 or P-521; the certificate's signature hash SHA-256, SHA-384 or
// SHA-512; every other key type (Ed25519, Ed448, DSA, …) refused.
// Pure; thread-safe.
#pragma once

#include <set>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "http/request.h"

namespace tldmon::dane {

struct KeyPolicy {
  int min_rsa_bits = 4096;
  std::set<std::string> ec_groups = {"prime256v1", "secp384r1", "secp521r1"};
  std::set<std::string> signature_hashes = {"SHA256", "SHA384", "SHA512"};
  // Whether the certificate's notBefore/notAfter must hold "now". Off by
  // default: DANE-EE binds the key, not the dates (RFC 7671 §5.1; spec §3
  // "Project default: not checked; option check_validity").
  bool check_validity = false;
};

// OK, or FailedPrecondition saying why ("RSA key of 2048 bits, policy needs
// 4096", "certificate signed with SHA1").
// `now` matters only with check_validity ("certificate expired at …").
Status CheckKeyPolicy(const http::PeerCertificate& certificate, const KeyPolicy& policy,
                      UnixSeconds now);

}  // namespace tldmon::dane
