// Content-coding negotiation from Accept-Encoding (RFC 9110 §12.5.3). Pure.
#pragma once

#include <optional>
#include <string_view>

namespace tldmon::http {

// True when the response should be gzip-coded: the field lists "gzip" (or
// "x-gzip", or "*" without an explicit gzip entry) with q > 0, and that
// weight is not below identity's. Absent or empty field → false ("gzip;q=0"
// → false). Malformed elements are ignored.
bool PreferGzip(std::optional<std::string_view> accept_encoding);

// A qvalue ("1", "0.5", "0.001") in thousandths, or -1 when malformed.
int ParseQValue(std::string_view text);

}  // namespace tldmon::http
