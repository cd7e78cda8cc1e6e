// BasicVerificationCache: the RRI's Basic credentials, once verified, are
// not verified again for a few minutes (docs/rri.md "Authentication").
//
// The RRI has no session: a client sends its password with every request
// (an upload, then HEAD polls of the read-back). Verifying Argon2id each
// time would cost tens of milliseconds and MiB per request, and counting
// each as a login attempt would answer 429 to an ordinary client after ten
// requests in a minute. So a successful verification is remembered: the
// user name, a keyed BLAKE2b digest of the password (key random per
// process, so the memory holds nothing a stolen dump could test offline
// without it) and the stored Argon2id hash it matched. A later request
// with the same password, while the account still has that hash, passes
// without Argon2id and without counting; a changed password, a removed
// account, an expired entry or a different password are full checks.
//
// Thread-safe (one mutex; lookups are a map find and a digest).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/thread_annotations.h"
#include "core/time.h"

namespace tldmon::auth {

class BasicVerificationCache {
 public:
  explicit BasicVerificationCache(UnixSeconds ttl = 300, std::size_t max_entries = 10000);

  // Whether `password` was verified for `username` against `stored_hash`
  // within the last ttl seconds.
  bool Matches(const std::string& username, std::string_view password,
               std::string_view stored_hash, UnixSeconds now) const;
  void Remember(const std::string& username, std::string_view password,
                std::string_view stored_hash, UnixSeconds now);

 private:
  using Digest = std::array<unsigned char, 32>;
  struct Entry {
    Digest digest;
    std::string stored_hash;
    UnixSeconds expires = 0;
  };
  Digest DigestOf(std::string_view username, std::string_view password) const;

  const UnixSeconds ttl_;
  const std::size_t max_entries_;
  std::array<unsigned char, 32> key_{};
  mutable Mutex mu_;
  std::unordered_map<std::string, Entry> entries_ GUARDED_BY(mu_);
};

}  // namespace tldmon::auth
