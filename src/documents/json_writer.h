// JsonWriter: a minimal, allocation-frugal JSON emitter for the MoSAPI
// documents (DESIGN.md "Documents, not queries, on the hot path"). One DNS
// cycle renders ~480,000 measurement metrics, so this writer appends straight
// into a caller-owned std::string through a raw cursor: no DOM, no
// per-field allocation, integers via std::to_chars. nlohmann/json stays off
// this path (it parses config and requests only).
//
// Output is compact (no whitespace), which is what the server sends. Commas
// are inserted automatically; the caller is responsible for well-formedness
// (every Key() inside an object followed by exactly one value, Begin/End
// balanced). Misuse is a programming error, not an input error.
//
// While the writer is alive, *out may hold unused bytes past the written
// JSON (the cursor writes into pre-grown space); Flush() — or the destructor
// — trims them. Read *out only after Flush() or after the writer is gone.
//
// Not thread-safe; one writer per output string.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace tldmon::documents {

class JsonWriter {
 public:
  // Appends to *out, which must outlive the writer. Existing content is kept.
  explicit JsonWriter(std::string* out) : out_(out), pos_(out->size()) {}
  ~JsonWriter() { Flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // Trims *out to the JSON written so far. Idempotent; writing may continue.
  void Flush() { out_->resize(pos_); }
  // Capacity hint: makes room for exactly `bytes` more output at once (later
  // growth doubles).
  void Reserve(std::size_t bytes) {
    if (out_->size() - pos_ < bytes) out_->resize(pos_ + bytes);
  }

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  // Object member name, written verbatim: member names are the fixed ASCII
  // names of the MoSAPI objects and never need escaping (never pass text
  // from outside as a key).
  void Key(std::string_view key) {
    Separate();
    Put('"');
    Put(key);
    Put(std::string_view("\":", 2));
    need_comma_ = false;
  }
  // A string value. Escapes '"', '\\' and control characters (< 0x20, as
  // \n, \t, ... or \u00XX); every other byte, including non-ASCII UTF-8, is
  // copied unchanged.
  void String(std::string_view value);
  void Int(std::int64_t value);
  void Bool(bool value) {
    Separate();
    if (value) {
      Put("true");
    } else {
      Put("false");
    }
    need_comma_ = true;
  }
  void Null() {
    Separate();
    Put("null");
    need_comma_ = true;
  }
  // Integer or null.
  void OptInt(const std::optional<std::int64_t>& value) {
    if (value.has_value()) {
      Int(*value);
    } else {
      Null();
    }
  }
  // A percentage rounded as printf("%.3f") rounds the double (round3.h,
  // RSM's sprintf), without trailing zeros: 0, 0.417, 1.25, 12.5, 100,
  // 0.3125 -> 0.312 (mosapi-api.md §9.4: SLAM's round3 value printed as a
  // plain JSON number). Non-finite input (a bug
  // upstream) is written as 0 so the document stays valid JSON.
  void Threshold(double percent);
  // Pre-encoded JSON (a complete value, e.g. a cached fragment) emitted as
  // the next value; the caller guarantees it is valid.
  void RawValue(std::string_view json) {
    Separate();
    Put(json);
    need_comma_ = true;
  }
  // Pre-encoded bytes spliced in verbatim with no comma handling, for
  // renderers that emit fixed fragments such as `,"rtt":`. The caller keeps
  // the document well-formed and calls SetNeedComma() as appropriate.
  void Raw(std::string_view bytes) { Put(bytes); }
  void RawInt(std::int64_t value);
  // The escaped form of s (no quotes), verbatim like Raw().
  void RawEscaped(std::string_view s) { PutEscaped(s); }
  void SetNeedComma(bool need) { need_comma_ = need; }

  // Key(k) + value, for brevity.
  void Field(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  void FieldInt(std::string_view key, std::int64_t value) {
    Key(key);
    Int(value);
  }

 private:
  // Pointer to at least n writable bytes at the cursor.
  char* Room(std::size_t n) {
    if (out_->size() - pos_ < n) Grow(n);
    return out_->data() + pos_;
  }
  void Grow(std::size_t n);
  void Put(char c) {
    *Room(1) = c;
    ++pos_;
  }
  void Put(std::string_view s) {
    std::memcpy(Room(s.size()), s.data(), s.size());
    pos_ += s.size();
  }
  void PutEscaped(std::string_view s);
  void Separate() {
    if (need_comma_) Put(',');
  }
  void Open(char c) {
    Separate();
    Put(c);
    need_comma_ = false;
  }
  void Close(char c) {
    Put(c);
    need_comma_ = true;
  }

  std::string* out_;
  std::size_t pos_;  // end of the JSON written so far within *out_
  bool need_comma_ = false;
};

// Appends the escaped form of `s` (without quotes) to *out; exposed for
// renderers that pre-build fragments.
void AppendJsonEscaped(std::string_view s, std::string* out);
// Appends the decimal form of v.
void AppendInt(std::int64_t v, std::string* out);
// Appends the Threshold() form of percent.
void AppendThreshold(double percent, std::string* out);

}  // namespace tldmon::documents
