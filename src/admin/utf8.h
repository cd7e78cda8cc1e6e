// UTF-8 checks for user-supplied text whose limits are counted in characters
// (maintenance-window name and description, mosapi-api.md §6.7).
//
// Pure and thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace tldmon::admin {

// Number of Unicode code points in `text`, or nullopt if it is not valid
// UTF-8 (RFC 3629: no overlong forms, no surrogates U+D800–U+DFFF, nothing
// above U+10FFFF, no truncated sequences).
std::optional<std::size_t> CountCodePoints(std::string_view text);

}  // namespace tldmon::admin
