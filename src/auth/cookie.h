// The session cookie `id` (mosapi-api.md §4.2, §10.2): reading it from a
// `Cookie` request header and writing the `Set-Cookie` values for login and
// logout. The `id` cookie always goes in its own Set-Cookie header (Nomulus
// #630: clients that read one header must find it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity_id.h"

namespace tldmon::auth {

inline constexpr std::string_view kSessionCookieName = "id";
// Longest Cookie header value examined; the rest is ignored.
inline constexpr std::size_t kMaxCookieHeader = 8192;
// Every value of a cookie named exactly `id` in a Cookie header value
// ("a=1; id=ABC; b=2"), in order: every one, since a client may hold one per
// path and send stale ones first (the header's length bounds the count, and
// each costs the caller one session lookup). Tolerates
// extra blanks, empty pairs, pairs without '=', a trailing ';', and values
// wrapped in double quotes (RFC 6265 §4.1.1), which are removed. Only the
// first kMaxCookieHeader characters are examined. Never fails: a malformed
// header simply yields no value.
std::vector<std::string> SessionCookieValues(std::string_view cookie_header);
// The same for the cookie called `name` (the dashboard's, docs/dashboard.md).
std::vector<std::string> CookieValues(std::string_view cookie_header, std::string_view name);

// `id=<value>; Path=/<entity>/<id>; Max-Age=<seconds>; HttpOnly[; Secure]`.
std::string LoginSetCookie(const EntityId& entity, std::string_view session_id,
                           std::int64_t max_age_seconds, bool secure);

// Deletes the cookie: `id=; Path=/<entity>/<id>; Max-Age=0;
// Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly[; Secure]`. Expires is for
// clients that predate Max-Age (the 2019 v1 server sent only Expires).
std::string LogoutSetCookie(const EntityId& entity, bool secure);

}  // namespace tldmon::auth
