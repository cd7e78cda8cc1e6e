#include "auth/session_store.h"

#include <sodium.h>

#include <algorithm>
#include <array>

namespace tldmon::auth {

bool IsWellFormedSessionId(std::string_view id) {
  if (id.size() != kSessionIdHexLength) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); });
}

std::string NewSessionId() {
  std::array<unsigned char, kSessionIdBytes> raw{};
  randombytes_buf(raw.data(), raw.size());
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string id;
  id.reserve(kSessionIdHexLength);
  for (unsigned char b : raw) {
    id += kHex[b >> 4];
    id += kHex[b & 0x0f];
  }
  sodium_memzero(raw.data(), raw.size());
  return id;
}

std::string SessionKey(std::string_view id) {
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(id.data()), id.size(), nullptr, 0);
  return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

}  // namespace tldmon::auth
