// Parsing of an HTTP Basic `Authorization` header value (RFC 7617), as MoSAPI
// clients send it to `GET /<entity>/<id>/login` (mosapi-api.md §4.2, §10.2).
// The value is untrusted: every size is bounded and every malformed shape is
// an InvalidArgument, never a crash or an unbounded allocation.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tldmon::auth {

// Longest header value considered at all (base64 of 255 + 1 + 1024 bytes is
// about 1.7 kB; anything beyond 4 kB is not a MoSAPI client).
inline constexpr std::size_t kMaxAuthorizationHeader = 4096;
inline constexpr std::size_t kMaxUsername = 255;
inline constexpr std::size_t kMaxPassword = 1024;

struct BasicCredentials {
  std::string username;
  std::string password;
};

// "Basic <base64(user:pass)>". The scheme is case-insensitive and may be
// followed by several spaces (RFC 7235 §2.1); surrounding blanks are ignored.
// The payload must be standard padded base64 (RFC 4648 §4); the user-id is
// everything before the FIRST colon (RFC 7617 §2: a user-id cannot contain
// one) and the password may contain colons. Fails when the header is empty,
// oversized, another scheme, not base64, has no colon, has an empty user-id,
// exceeds the username/password bounds, or contains control characters
// (RFC 7617 §2 forbids them in both parts).
Result<BasicCredentials> ParseBasicAuthorization(std::string_view header_value);

// True when the value names the Basic scheme at all (malformed or not); the
// Authorizer uses it to tell "Basic sent to a data endpoint" from "nothing".
bool IsBasicScheme(std::string_view header_value);

}  // namespace tldmon::auth
