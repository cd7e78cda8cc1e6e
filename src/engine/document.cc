#include "engine/document.h"

namespace tldmon::engine {
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
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];  // compiles to one load on x86-64
  return v;
}

}  // namespace

std::uint64_t BodyHash(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size();
  std::uint64_t h = kMul1 ^ (static_cast<std::uint64_t>(n) * kMul2);
  // Two independent lanes keep the multiplier pipeline busy.
  std::uint64_t h2 = kMul2;
  while (n >= 16) {
    h = Rotl(h ^ (LoadLe64(p) * kMul2), 31) * kMul1;
    h2 = Rotl(h2 ^ (LoadLe64(p + 8) * kMul1), 29) * kMul2;
    p += 16;
    n -= 16;
  }
  if (n >= 8) {
    h = Rotl(h ^ (LoadLe64(p) * kMul2), 31) * kMul1;
    p += 8;
    n -= 8;
  }
  std::uint64_t tail = 0;
  for (std::size_t i = n; i > 0; --i) tail = (tail << 8) | p[i - 1];
  h ^= Rotl(tail * kMul1, 27) + n;
  return Avalanche(h ^ Rotl(h2, 17));
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

}  // namespace tldmon::engine
