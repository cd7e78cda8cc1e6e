// Argon2id password hashes (libsodium crypto_pwhash, DESIGN.md "Security
// model"). Hashes are stored as libsodium's self-describing strings
// ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), so verification always uses
// the cost the hash was made with.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tldmon::auth {

// Cost of new hashes. Production default is libsodium's INTERACTIVE
// (2 passes, 64 MiB); tests use Min() for speed.
struct PwhashLimits {
  std::uint64_t opslimit = 2;         // crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE
  std::size_t memlimit = 64UL << 20;  // crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE
  static PwhashLimits Interactive() { return {}; }
  static PwhashLimits Moderate();
  static PwhashLimits Min();
  // InvalidArgument outside libsodium's argon2id bounds.
  Status Validate() const;
};

// libsodium must be initialised before random numbers or hashing; safe to
// call from any thread any number of times. Internal on failure.
Status EnsureSodium();

// Hashes `password` with fresh random salt. Internal when libsodium fails
// (e.g. cannot allocate memlimit bytes).
Result<std::string> HashPassword(std::string_view password, const PwhashLimits& limits);

// Constant-time verification (libsodium compares the derived key with
// crypto_verify); false for a wrong password and for a malformed hash.
// Costs as much as one hash with the hash's own limits.
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

// True when the string has the shape of an argon2id hash libsodium made
// (prefix and bounded length); used to validate restored records.
bool LooksLikeArgon2idHash(std::string_view stored_hash);

// True when a hash was made with other limits than `limits` (a rehash on the
// next successful login would bring it up to date).
bool NeedsRehash(std::string_view stored_hash, const PwhashLimits& limits);

}  // namespace tldmon::auth
