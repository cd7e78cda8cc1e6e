// Fuzz target for the credentials a request carries in its header fields
// (docs/auth.md): the `Cookie` header (SessionCookieValues) and the
// `Authorization` header (ParseBasicAuthorization, IsBasicScheme). The input
// is one header value, given to both parsers.
//
// Invariants (abort when one fails):
//   * every `id` value (bounded by the examined length), each non-empty, without ';',
//     and found in the examined part of the header;
//   * accepted Basic credentials obey RFC 7617 and the bounds: non-empty
//     user-id without ':', no control characters, sizes within bounds; and
//     encoding them again ("Basic " + base64(user ":" pass)) parses back to
//     the same pair;
//   * the Basic scheme is recognised whenever credentials are accepted, and
//     a rejection always carries a message.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auth/basic_credentials.h"
#include "auth/cookie.h"
#include "fuzz_check.h"

namespace {

using namespace tldmon;        // NOLINT
using namespace tldmon::auth;  // NOLINT

// RFC 4648 §4, padded: the form clients send.
std::string Base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16 |
                       static_cast<unsigned char>(in[i + 1]) << 8 |
                       static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += kAlphabet[v & 63];
  }
  if (in.size() - i == 1) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += "==";
  } else if (in.size() - i == 2) {
    const unsigned v =
        static_cast<unsigned char>(in[i]) << 16 | static_cast<unsigned char>(in[i + 1]) << 8;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += '=';
  }
  return out;
}

bool HasControl(std::string_view s) {
  for (const char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  return false;
}

void CheckCookie(std::string_view header) {
  const std::vector<std::string> ids = SessionCookieValues(header);
  const std::string_view examined = header.substr(0, kMaxCookieHeader);
  // Every id is returned, but each needs at least "id=x" in the examined part.
  FUZZ_CHECK(ids.size() <= examined.size() / 4 + 1);
  for (const std::string& id : ids) {
    FUZZ_CHECK(!id.empty());
    FUZZ_CHECK(id.find(';') == std::string::npos);
    FUZZ_CHECK(examined.find(id) != std::string_view::npos);
  }
}

void CheckAuthorization(std::string_view header) {
  const Result<BasicCredentials> c = ParseBasicAuthorization(header);
  if (!c.ok()) {
    FUZZ_CHECK(!c.status().message().empty());
    return;
  }
  FUZZ_CHECK(IsBasicScheme(header));
  FUZZ_CHECK(header.size() <= kMaxAuthorizationHeader);
  FUZZ_CHECK(!c->username.empty() && c->username.size() <= kMaxUsername);
  FUZZ_CHECK(c->username.find(':') == std::string::npos);
  FUZZ_CHECK(c->password.size() <= kMaxPassword);
  FUZZ_CHECK(!HasControl(c->username) && !HasControl(c->password));
  const Result<BasicCredentials> again =
      ParseBasicAuthorization("Basic " + Base64(c->username + ":" + c->password));
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->username == c->username && again->password == c->password);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckCookie(input);
  CheckAuthorization(input);
  return 0;
}
