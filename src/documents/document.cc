#include "documents/document.h"

#include <bit>
#include <cstring>

namespace tldmon::documents {
namespace {

constexpr std::uint64_t kMul1 = 0x9e3779b97f4a7c15ULL;  // 2^64 / golden ratio
constexpr std::uint64_t kMul2 = 0xc2b2ae3d27d4eb4fULL;

constexpr std::uint64_t Rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// MurmurHash3's 64-bit finaliser: every input bit affects every output bit.
constexpr std::uint64_t Avalanche(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

std::uint64_t LoadLe64(const unsigned char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v;
}

constexpr std::uint64_t Mix(std::uint64_t h, std::uint64_t word, int r) {
  return Rotl(h ^ (word * kMul2), r) * kMul1;
}

}  // namespace

std::uint64_t BodyHash(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size();
  // Four independent lanes over 32-byte blocks keep the multipliers busy
  // (several GB/s); the lanes, the tail and the length are then folded.
  std::uint64_t h0 = kMul1 ^ (static_cast<std::uint64_t>(n) * kMul2);
  std::uint64_t h1 = kMul2;
  std::uint64_t h2 = Rotl(kMul1, 17);
  std::uint64_t h3 = Rotl(kMul2, 41);
  while (n >= 32) {
    h0 = Mix(h0, LoadLe64(p), 31);
    h1 = Mix(h1, LoadLe64(p + 8), 29);
    h2 = Mix(h2, LoadLe64(p + 16), 27);
    h3 = Mix(h3, LoadLe64(p + 24), 25);
    p += 32;
    n -= 32;
  }
  std::uint64_t h = h0 ^ Rotl(h1, 13) ^ Rotl(h2, 29) ^ Rotl(h3, 47);
  while (n >= 8) {
    h = Mix(h, LoadLe64(p), 31);
    p += 8;
    n -= 8;
  }
  std::uint64_t tail = 0;
  for (std::size_t i = n; i > 0; --i) tail = (tail << 8) | p[i - 1];
  h = Mix(h, tail, 27) + n;
  return Avalanche(h);
}

std::string FormatEtag(std::uint64_t hash) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string tag(18, '"');
  for (int i = 0; i < 16; ++i) tag[static_cast<std::size_t>(16 - i)] = kHex[(hash >> (4 * i)) & 0xf];
  return tag;
}

std::shared_ptr<const Document> Document::Make(std::string body, UnixSeconds last_modified) {
  std::string etag = FormatEtag(BodyHash(body));
  return std::make_shared<const Document>(std::move(body), std::move(etag), last_modified);
}

}  // namespace tldmon::documents
