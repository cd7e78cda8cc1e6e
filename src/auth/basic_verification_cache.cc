#include "auth/basic_verification_cache.h"

#include <sodium.h>

namespace tldmon::auth {

BasicVerificationCache::BasicVerificationCache(UnixSeconds ttl, std::size_t max_entries)
    : ttl_(ttl), max_entries_(max_entries) {
  randombytes_buf(key_.data(), key_.size());
}

BasicVerificationCache::Digest BasicVerificationCache::DigestOf(std::string_view username,
                                                                std::string_view password) const {
  Digest out{};
  crypto_generichash_state st;
  crypto_generichash_init(&st, key_.data(), key_.size(), out.size());
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(username.data()),
                            username.size());
  const unsigned char separator = 0;
  crypto_generichash_update(&st, &separator, 1);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(password.data()),
                            password.size());
  crypto_generichash_final(&st, out.data(), out.size());
  return out;
}

bool BasicVerificationCache::Matches(const std::string& username, std::string_view password,
                                     std::string_view stored_hash, UnixSeconds now) const {
  const Digest d = DigestOf(username, password);
  MutexLock lock(mu_);
  auto it = entries_.find(username);
  if (it == entries_.end() || it->second.expires <= now || it->second.stored_hash != stored_hash)
    return false;
  return sodium_memcmp(it->second.digest.data(), d.data(), d.size()) == 0;
}

void BasicVerificationCache::Remember(const std::string& username, std::string_view password,
                                      std::string_view stored_hash, UnixSeconds now) {
  const Digest d = DigestOf(username, password);
  MutexLock lock(mu_);
  if (entries_.size() >= max_entries_ && !entries_.count(username)) {
    // Full: drop the expired ones, and if none expired, everything (a
    // dropped entry only costs one more full verification).
    std::erase_if(entries_, [now](const auto& e) { return e.second.expires <= now; });
    if (entries_.size() >= max_entries_) entries_.clear();
  }
  entries_[username] = Entry{d, std::string(stored_hash), now + ttl_};
}

}  // namespace tldmon::auth
