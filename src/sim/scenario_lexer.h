// Lexical helpers of the scenario format (docs/formats/scenario.md "Lines"):
// comments, whitespace-separated tokens, key=value items and numbers.
// Stateless free functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace tldmon::sim {

// The line without its comment: '#' at the start of the line or after
// whitespace starts a comment (so URLs with '#' fragments stay intact).
std::string_view StripComment(std::string_view line);

// Whitespace-separated tokens of a (comment-free) line; views into `line`.
std::vector<std::string_view> Tokenize(std::string_view line);

// Splits "a,b,c" at commas; empty items are kept (the caller rejects them).
std::vector<std::string_view> SplitComma(std::string_view text);

// "key=value": key and value, or nullopt if there is no '=' (or the key is
// empty).
struct KeyValue {
  std::string_view key;
  std::string_view value;
};
std::optional<KeyValue> SplitKeyValue(std::string_view token);

// A whole decimal integer with optional leading '-'; nullopt otherwise.
std::optional<std::int64_t> ParseInteger(std::string_view text);
// A decimal number ("12.5", "0.417", "-3"); nullopt otherwise.
std::optional<double> ParseDecimal(std::string_view text);

// A point in time: ISO 8601 or Unix seconds (core ParseTime), or "+N" with an
// optional unit s, m, h or d, relative to `start`.
std::optional<std::int64_t> ParseTimeToken(std::string_view text, std::int64_t start);

}  // namespace tldmon::sim
