#include "auth/password_hash.h"

#include <sodium.h>

namespace tldmon::auth {
namespace {

// libsodium reads the stored hash as a C string of at most STRBYTES bytes.
bool CopyHash(std::string_view stored, char (&buf)[crypto_pwhash_argon2id_STRBYTES]) {
  if (stored.size() >= sizeof buf) return false;
  stored.copy(buf, stored.size());
  buf[stored.size()] = '\0';
  return true;
}

}  // namespace

PwhashLimits PwhashLimits::Moderate() {
  return {crypto_pwhash_argon2id_OPSLIMIT_MODERATE, crypto_pwhash_argon2id_MEMLIMIT_MODERATE};
}

PwhashLimits PwhashLimits::Min() {
  return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

Status PwhashLimits::Validate() const {
  if (opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN ||
      opslimit > crypto_pwhash_argon2id_OPSLIMIT_MAX) {
    return InvalidArgument("argon2id opslimit out of range: " + std::to_string(opslimit));
  }
  if (memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN ||
      memlimit > crypto_pwhash_argon2id_MEMLIMIT_MAX) {
    return InvalidArgument("argon2id memlimit out of range: " + std::to_string(memlimit));
  }
  return Status::Ok();
}

Status EnsureSodium() {
  // sodium_init is thread-safe and idempotent: 0 first time, 1 afterwards.
  if (sodium_init() < 0) return Internal("libsodium could not be initialised");
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password, const PwhashLimits& limits) {
  TLDMON_RETURN_IF_ERROR(EnsureSodium());
  TLDMON_RETURN_IF_ERROR(limits.Validate());
  char out[crypto_pwhash_argon2id_STRBYTES] = {};
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), limits.opslimit, limits.memlimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("argon2id hashing failed (out of memory?)");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
  if (!EnsureSodium().ok()) return false;
  char buf[crypto_pwhash_argon2id_STRBYTES];
  if (!CopyHash(stored_hash, buf)) return false;
  return crypto_pwhash_argon2id_str_verify(buf, password.data(), password.size()) == 0;
}

bool LooksLikeArgon2idHash(std::string_view stored_hash) {
  const std::string_view prefix = crypto_pwhash_argon2id_STRPREFIX;
  return stored_hash.size() < crypto_pwhash_argon2id_STRBYTES &&
         stored_hash.substr(0, prefix.size()) == prefix &&
         stored_hash.find('\0') == std::string_view::npos;
}

bool NeedsRehash(std::string_view stored_hash, const PwhashLimits& limits) {
  char buf[crypto_pwhash_argon2id_STRBYTES];
  if (!CopyHash(stored_hash, buf)) return true;
  // 1 = other limits, -1 = not an argon2id hash; both need a new hash.
  return crypto_pwhash_argon2id_str_needs_rehash(buf, limits.opslimit, limits.memlimit) != 0;
}

}  // namespace tldmon::auth
