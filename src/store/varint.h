// Varint byte encoding used by the store's compact formats (report bodies,
// chunks, incident down-cycle runs; docs/formats/store-schema.md "Encodings").
// Unsigned LEB128 (7 bits per byte, low group first, high bit = more) and
// zigzag for signed values, as in Protocol Buffers, so small magnitudes of
// either sign take one byte.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace tldmon::store {

constexpr std::uint64_t ZigzagEncode(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
constexpr std::int64_t ZigzagDecode(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

// Two's-complement wrapping difference and sum: deltas of any int64 pair
// round-trip exactly, with no signed overflow (a far-off time is odd, but data).
constexpr std::int64_t WrappingSub(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}
constexpr std::int64_t WrappingAdd(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}

// Appends to a caller-owned string (not thread-safe; one writer).
class ByteWriter {
 public:
  explicit ByteWriter(std::string& out) : out_(out) {}
  // Inline: this runs for every field of every stored report.
  void Varint(std::uint64_t v) {
    char buf[10];
    std::size_t n = 0;
    while (v >= 0x80) {
      buf[n++] = static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    buf[n++] = static_cast<char>(v);
    out_.append(buf, n);
  }
  void Signed(std::int64_t v) { Varint(ZigzagEncode(v)); }
  void Bytes(std::string_view b) { out_.append(b); }
  // A length-prefixed string (ByteReader::Text reads it back).
  void Text(std::string_view s) {
    Varint(s.size());
    Bytes(s);
  }

 private:
  std::string& out_;
};

// Reads from a view the caller keeps alive. Every read returns false on
// truncated or over-long input instead of reading past the end: the bytes
// come from disk and are treated as untrusted (house rule 11).
class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  bool Varint(std::uint64_t& v);
  bool Signed(std::int64_t& v);
  // A signed varint that must fit an int.
  bool Int(int& v) {
    std::int64_t wide = 0;
    if (!Signed(wide) || wide < std::numeric_limits<int>::min() ||
        wide > std::numeric_limits<int>::max())
      return false;
    v = static_cast<int>(wide);
    return true;
  }
  // A varint that must fit `limit` (inclusive).
  bool Bounded(std::uint64_t limit, std::uint64_t& v) { return Varint(v) && v <= limit; }
  bool Bytes(std::size_t n, std::string_view& out);
  // A length-prefixed string of at most `limit` bytes.
  bool Text(std::uint64_t limit, std::string& out);
  bool done() const { return pos_ == in_.size(); }
  std::size_t remaining() const { return in_.size() - pos_; }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace tldmon::store
