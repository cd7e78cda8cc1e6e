// JsonWriter: a minimal, allocation-frugal JSON emitter for the MoSAPI
// documents (DESIGN.md "Documents, not queries, on the hot path"). One DNS
// cycle renders ~480,000 measurement metrics, so this writer appends straight
// into a caller-owned std::string: no DOM, no per-field allocation, integers
// via std::to_chars. nlohmann/json stays off this path (it parses config and
// requests only).
//
// Output is compact (no whitespace), which is what the server sends. Commas
// are inserted automatically; the caller is responsible for well-formedness
// (every Key() inside an object followed by exactly one value, Begin/End
// balanced). Misuse is a programming error, not an input error.
//
// Not thread-safe; one writer per output string.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tldmon::engine {

class JsonWriter {
 public:
  // Appends to *out, which must outlive the writer. Existing content is kept.
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();

  // Object member name; escaped like String().
  void Key(std::string_view key);
  // A string value. Escapes '"', '\\' and control characters (< 0x20, as
  // \n, \t, ... or \u00XX); every other byte, including non-ASCII UTF-8, is
  // copied unchanged.
  void String(std::string_view value);
  void Int(std::int64_t value);
  void Bool(bool value);
  void Null();
  // Integer or null.
  void OptInt(const std::optional<std::int64_t>& value);
  // A percentage rounded half away from zero to at most 3 decimals, without
  // trailing zeros: 0, 0.417, 1.25, 12.5, 100 (mosapi-api.md §9.4: SLAM's
  // round3 value printed as a plain JSON number). Non-finite input (a bug
  // upstream) is written as 0 so the document stays valid JSON.
  void Threshold(double percent);
  // Pre-encoded JSON (a complete value, e.g. a cached fragment) emitted as
  // the next value; the caller guarantees it is valid.
  void RawValue(std::string_view json);

  // Key(k) + value, for brevity.
  void Field(std::string_view key, std::string_view value) { Key(key); String(value); }
  void FieldInt(std::string_view key, std::int64_t value) { Key(key); Int(value); }

  std::string* out() const { return out_; }

 private:
  void Separate() {
    if (need_comma_) out_->push_back(',');
  }

  std::string* out_;
  bool need_comma_ = false;
};

// Appends the escaped form of `s` (without quotes) to *out; exposed for
// renderers that pre-build fragments.
void AppendJsonEscaped(std::string_view s, std::string* out);
// Appends the decimal form of v.
void AppendInt(std::int64_t v, std::string* out);
// Appends the Threshold() form of percent.
void AppendThreshold(double percent, std::string* out);

}  // namespace tldmon::engine
