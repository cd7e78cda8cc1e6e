// HTTP dates (RFC 9110 §5.6.7): IMF-fixdate for what we send; the two
// obsolete forms (RFC 850, asctime) are accepted too, as recipients must. Pure.
#pragma once

#include <optional>
#include <string_view>

#include "core/time.h"

namespace tldmon::http {

inline constexpr std::size_t kImfFixdateLength = 29;  // "Sun, 06 Nov 1994 08:49:37 GMT"

// Writes exactly kImfFixdateLength characters to `out` (no terminator).
// Years outside 0000–9999 are clamped.
void FormatImfFixdate(UnixSeconds t, char* out);

// Parses any of the three HTTP-date forms; nullopt when malformed.
std::optional<UnixSeconds> ParseHttpDate(std::string_view text);

}  // namespace tldmon::http
