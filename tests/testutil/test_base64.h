// Test helper: standard padded base64 (RFC 4648 §4) via libsodium, to build
// Authorization headers in tests.
#pragma once

#include <sodium.h>

#include <string>
#include <string_view>
#include <vector>

namespace tldmon::testutil {

inline std::string Base64(std::string_view plain) {
  std::vector<char> out(sodium_base64_encoded_len(plain.size(), sodium_base64_VARIANT_ORIGINAL));
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(plain.data()),
                    plain.size(), sodium_base64_VARIANT_ORIGINAL);
  return std::string(out.data());
}

inline std::string BasicHeader(std::string_view user, std::string_view password) {
  return "Basic " + Base64(std::string(user) + ":" + std::string(password));
}

}  // namespace tldmon::testutil
