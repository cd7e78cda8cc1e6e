#include "auth/basic_credentials.h"

#include <sodium.h>

#include <vector>

#include "core/text.h"

namespace tldmon::auth {
namespace {

bool HasControl(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

// Splits "<scheme> <rest>"; false when there is no scheme token.
bool SplitScheme(std::string_view value, std::string_view* scheme, std::string_view* rest) {
  value = TrimBlanks(value);
  const std::size_t sp = value.find_first_of(" \t");
  *scheme = value.substr(0, sp);
  *rest = sp == std::string_view::npos ? std::string_view() : TrimBlanks(value.substr(sp));
  return !scheme->empty();
}

}  // namespace

bool IsBasicScheme(std::string_view header_value) {
  std::string_view scheme;
  std::string_view rest;
  if (header_value.size() > kMaxAuthorizationHeader) {
    header_value = header_value.substr(0, 64);  // the scheme is at the front
  }
  return SplitScheme(header_value, &scheme, &rest) && EqualsIgnoreAsciiCase(scheme, "Basic");
}

Result<BasicCredentials> ParseBasicAuthorization(std::string_view header_value) {
  if (header_value.size() > kMaxAuthorizationHeader) {
    return InvalidArgument("Authorization header too long");
  }
  std::string_view scheme;
  std::string_view token;
  if (!SplitScheme(header_value, &scheme, &token)) {
    return InvalidArgument("Authorization header is empty");
  }
  if (!EqualsIgnoreAsciiCase(scheme, "Basic")) {
    return InvalidArgument("Authorization scheme is not Basic");
  }
  if (token.empty()) return InvalidArgument("Basic credentials are missing");
  if (token.find_first_of(" \t") != std::string_view::npos) {
    return InvalidArgument("Basic credentials must be one base64 token");
  }
  std::vector<unsigned char> decoded(token.size() / 4 * 3 + 3);
  std::size_t decoded_len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(decoded.data(), decoded.size(), token.data(), token.size(), nullptr,
                        &decoded_len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != token.data() + token.size()) {
    return InvalidArgument("Basic credentials are not valid base64");
  }
  const std::string_view plain(reinterpret_cast<const char*>(decoded.data()), decoded_len);
  const std::size_t colon = plain.find(':');
  if (colon == std::string_view::npos) {
    sodium_memzero(decoded.data(), decoded.size());
    return InvalidArgument("Basic credentials have no ':' between user and password");
  }
  BasicCredentials c;
  const std::string_view user = plain.substr(0, colon);
  const std::string_view pass = plain.substr(colon + 1);
  Status bad;
  if (user.empty()) {
    bad = InvalidArgument("Basic credentials have an empty user-id");
  } else if (user.size() > kMaxUsername || pass.size() > kMaxPassword) {
    bad = InvalidArgument("Basic user-id or password too long");
  } else if (HasControl(user) || HasControl(pass)) {
    bad = InvalidArgument("Basic credentials contain control characters");
  } else {
    c.username = std::string(user);
    c.password = std::string(pass);
  }
  // The decoded buffer held a password: wipe it before it is freed.
  sodium_memzero(decoded.data(), decoded.size());
  if (!bad.ok()) return bad;
  return c;
}

}  // namespace tldmon::auth
