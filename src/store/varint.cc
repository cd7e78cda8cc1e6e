#include "store/varint.h"

namespace tldmon::store {

bool ByteReader::Varint(std::uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= in_.size()) return false;
    const auto byte = static_cast<std::uint8_t>(in_[pos_++]);
    // The 10th byte may carry only the top bit of a 64-bit value.
    if (shift == 63 && byte > 1) return false;
    v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

bool ByteReader::Signed(std::int64_t& v) {
  std::uint64_t u = 0;
  if (!Varint(u)) return false;
  v = ZigzagDecode(u);
  return true;
}

bool ByteReader::Bytes(std::size_t n, std::string_view& out) {
  if (n > in_.size() - pos_) return false;
  out = in_.substr(pos_, n);
  pos_ += n;
  return true;
}

bool ByteReader::Text(std::uint64_t limit, std::string& out) {
  std::uint64_t n = 0;
  std::string_view bytes;
  if (!Bounded(limit, n) || !Bytes(static_cast<std::size_t>(n), bytes)) return false;
  out.assign(bytes);
  return true;
}

}  // namespace tldmon::store
