// DANE-EE matching of a client certificate against the TLSA RRset of one
// owner name (dane-client-auth.md §1 decision 3, §5.3; RFC 7671 §5.1, §9):
//   * only (usage, selector, matching type) triples in the allow-list count
//     (project default 3 0 x and 3 1 x, x in {0, 1, 2}); others are ignored;
//   * a digest record whose data has the wrong length is dropped first, so a
//     malformed record cannot raise the digest-agility bar;
//   * digest agility: per selector, only exact records and those of the
//     strongest digest present count (SHA2-512 over SHA2-256);
//   * any remaining record that matches authenticates; bytes are compared in
//     constant time (CRYPTO_memcmp).
// Pure; thread-safe; no allocation.
#pragma once

#include <bitset>
#include <cstdint>
#include <span>

#include "dane/tlsa_record.h"
#include "http/request.h"

namespace tldmon::dane {

// The accepted (usage, selector, matching type) triples.
class TlsaTriples {
 public:
  // 3 0 0, 3 0 1, 3 0 2, 3 1 0, 3 1 1, 3 1 2.
  static TlsaTriples Default();
  // "3 1 1" lines; InvalidArgument for anything but usage 3, selector 0-1,
  // matching type 0-2 (DANE-EE is all tldmon implements).
  static Result<TlsaTriples> Parse(std::span<const std::string> texts);

  bool Contains(const TlsaRecord& r) const {
    return r.usage == 3 && r.selector <= 1 && r.matching_type <= 2 &&
           bits_.test(static_cast<std::size_t>(r.selector * 3 + r.matching_type));
  }

 private:
  std::bitset<6> bits_;
};

bool MatchDaneEe(const http::PeerCertificate& certificate, std::span<const TlsaRecord> rrset,
                 const TlsaTriples& triples);

}  // namespace tldmon::dane
