// Syntax of an RDAP base URL in the registrars' list (mosapi-api.md §6.13):
// an absolute https URL without credentials, query or fragment.
//
// Pure and thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/status.h"

namespace tldmon::admin {

inline constexpr std::size_t kMaxUrlLength = 512;

// OK iff `url` is "https://" (lower case) + host [":" port] [path] where host
// is a host name of at least two labels (IsValidHostName), an IPv4 literal or
// a bracketed IPv6 literal; port is 1–65535; path starts with "/" and holds
// only RFC 3986 path characters (unreserved, sub-delims, ":", "@", "/",
// %HH escapes). At most kMaxUrlLength characters. Otherwise kInvalidArgument
// saying what is wrong (without repeating the URL).
Status ValidateHttpsUrl(std::string_view url);

}  // namespace tldmon::admin
