#include "engine/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>

namespace tldmon::engine {
namespace {

// 1 for bytes that must be escaped inside a JSON string (RFC 8259 §7).
constexpr std::array<std::uint8_t, 256> MakeEscapeTable() {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = 1;
  t['"'] = 1;
  t['\\'] = 1;
  return t;
}
constexpr std::array<std::uint8_t, 256> kNeedsEscape = MakeEscapeTable();

void AppendEscapedByte(unsigned char c, std::string* out) {
  switch (c) {
    case '"': out->append("\\\"", 2); return;
    case '\\': out->append("\\\\", 2); return;
    case '\b': out->append("\\b", 2); return;
    case '\f': out->append("\\f", 2); return;
    case '\n': out->append("\\n", 2); return;
    case '\r': out->append("\\r", 2); return;
    case '\t': out->append("\\t", 2); return;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";
      const char buf[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
      out->append(buf, sizeof(buf));
    }
  }
}

}  // namespace

void AppendJsonEscaped(std::string_view s, std::string* out) {
  // Copy runs of clean bytes in one append: names, IPs and hex NSIDs almost
  // never need escaping, so this is usually a single memcpy.
  const char* run = s.data();
  const char* const end = s.data() + s.size();
  for (const char* p = run; p != end; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (kNeedsEscape[c] == 0) continue;
    out->append(run, static_cast<std::size_t>(p - run));
    AppendEscapedByte(c, out);
    run = p + 1;
  }
  out->append(run, static_cast<std::size_t>(end - run));
}

void AppendInt(std::int64_t v, std::string* out) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, static_cast<std::size_t>(r.ptr - buf));
}

void AppendThreshold(double percent, std::string* out) {
  if (!std::isfinite(percent)) {
    out->push_back('0');
    return;
  }
  // Work in integer thousandths so that 1.0416666 -> 1042 -> "1.042" and a
  // value stored as 1.04199999 still prints as 1.042.
  const long long milli = std::llround(percent * 1000.0);
  if (milli == 0) {  // also folds -0.0004 into "0"
    out->push_back('0');
    return;
  }
  const unsigned long long mag =
      milli < 0 ? 0ULL - static_cast<unsigned long long>(milli) : static_cast<unsigned long long>(milli);
  if (milli < 0) out->push_back('-');
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof(buf), mag / 1000);
  out->append(buf, static_cast<std::size_t>(r.ptr - buf));
  unsigned frac = static_cast<unsigned>(mag % 1000);
  if (frac == 0) return;
  char digits[4] = {'.', static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                    static_cast<char>('0' + frac % 10)};
  std::size_t n = 4;
  while (digits[n - 1] == '0') --n;  // frac != 0, so this stops at a digit
  out->append(digits, n);
}

void JsonWriter::BeginObject() {
  Separate();
  out_->push_back('{');
  need_comma_ = false;
}

void JsonWriter::EndObject() {
  out_->push_back('}');
  need_comma_ = true;
}

void JsonWriter::BeginArray() {
  Separate();
  out_->push_back('[');
  need_comma_ = false;
}

void JsonWriter::EndArray() {
  out_->push_back(']');
  need_comma_ = true;
}

void JsonWriter::Key(std::string_view key) {
  Separate();
  out_->push_back('"');
  AppendJsonEscaped(key, out_);
  out_->append("\":", 2);
  need_comma_ = false;
}

void JsonWriter::String(std::string_view value) {
  Separate();
  out_->push_back('"');
  AppendJsonEscaped(value, out_);
  out_->push_back('"');
  need_comma_ = true;
}

void JsonWriter::Int(std::int64_t value) {
  Separate();
  AppendInt(value, out_);
  need_comma_ = true;
}

void JsonWriter::Bool(bool value) {
  Separate();
  if (value) {
    out_->append("true", 4);
  } else {
    out_->append("false", 5);
  }
  need_comma_ = true;
}

void JsonWriter::Null() {
  Separate();
  out_->append("null", 4);
  need_comma_ = true;
}

void JsonWriter::OptInt(const std::optional<std::int64_t>& value) {
  if (value.has_value()) {
    Int(*value);
  } else {
    Null();
  }
}

void JsonWriter::Threshold(double percent) {
  Separate();
  AppendThreshold(percent, out_);
  need_comma_ = true;
}

void JsonWriter::RawValue(std::string_view json) {
  Separate();
  out_->append(json);
  need_comma_ = true;
}

}  // namespace tldmon::engine
