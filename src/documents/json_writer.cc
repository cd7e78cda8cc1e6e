#include "documents/json_writer.h"

#include <array>
#include <charconv>
#include <cstring>

#include "engine/round3.h"

namespace tldmon::documents {
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
  // The engine's value is already round3'ed; formatting it the same way
  // keeps any other double (1.04199999, a raw 0.3125) to what RSM prints.
  engine::AppendRound3(percent, out);
}

void JsonWriter::Grow(std::size_t n) {
  // Doubling keeps the zero-fill of resize() amortised O(1) per byte.
  std::size_t want = out_->size() * 2;
  if (want < pos_ + n) want = pos_ + n;
  if (want < 256) want = 256;
  out_->resize(want);
}

void JsonWriter::PutEscaped(std::string_view s) {
  // Fast path: find the first byte needing an escape, eight bytes at a time.
  // Bytes >= 0x80 never match (~x clears their high bit in the < 0x20 test).
  const char* const begin = s.data();
  const std::size_t n = s.size();
  std::size_t i = 0;
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x;
    std::memcpy(&x, begin + i, 8);
    const std::uint64_t quote = x ^ (kOnes * '"');
    const std::uint64_t backslash = x ^ (kOnes * '\\');
    const std::uint64_t hit = ((x - kOnes * 0x20) & ~x) | ((quote - kOnes) & ~quote) |
                              ((backslash - kOnes) & ~backslash);
    if ((hit & kHigh) != 0) break;
  }
  while (i < n && kNeedsEscape[static_cast<unsigned char>(begin[i])] == 0) ++i;
  if (i == n) {
    Put(s);
    return;
  }
  // Slow path from the first special byte on.
  Put(std::string_view(begin, i));
  std::size_t run = i;
  for (; i < n; ++i) {
    const auto c = static_cast<unsigned char>(begin[i]);
    if (kNeedsEscape[c] == 0) continue;
    Put(std::string_view(begin + run, i - run));
    std::string esc;
    AppendEscapedByte(c, &esc);
    Put(esc);
    run = i + 1;
  }
  Put(std::string_view(begin + run, n - run));
}

void JsonWriter::String(std::string_view value) {
  Separate();
  Put('"');
  PutEscaped(value);
  Put('"');
  need_comma_ = true;
}

void JsonWriter::RawInt(std::int64_t value) {
  char* p = Room(24);
  const auto r = std::to_chars(p, p + 24, value);
  pos_ += static_cast<std::size_t>(r.ptr - p);
}

void JsonWriter::Int(std::int64_t value) {
  Separate();
  RawInt(value);
  need_comma_ = true;
}

void JsonWriter::Threshold(double percent) {
  Separate();
  std::string tmp;
  AppendThreshold(percent, &tmp);
  Put(tmp);
  need_comma_ = true;
}

}  // namespace tldmon::documents
