// Limits and checks both parsers of the probe results wire share (the DOM
// parser, probe_results_wire.cc, and the fast path, results_fast_parse.cc):
// they must take exactly the same documents.
#pragma once

#include <cstdint>
#include <string_view>

namespace tldmon::probewire {

// The largest Unix time a document may carry (years past any real one; a
// bound so arithmetic on it cannot overflow).
inline constexpr std::int64_t kMaxWireTime = 1LL << 40;

// Hex digits of either case, an even number of them (bytes).
inline bool IsHexBytes(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return s.size() % 2 == 0;
}

}  // namespace tldmon::probewire
