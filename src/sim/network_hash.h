// Counter-based randomness for the simulated network: every random draw is a
// hash of (seed, what, who, when), never the state of a generator, so any
// (entity, probe, cycle) can be regenerated alone and identically — after a
// crash, in another process, in any order. Header-only, pure, thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace tldmon::sim {

// SplitMix64's finaliser: a bijective, well-mixed 64-bit permutation.
constexpr std::uint64_t Mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Folds values into a running hash (order matters).
constexpr std::uint64_t HashCombine(std::uint64_t h, std::uint64_t v) {
  return Mix64(h ^ Mix64(v));
}
template <typename... Ts>
constexpr std::uint64_t HashOf(std::uint64_t seed, Ts... vs) {
  std::uint64_t h = Mix64(seed);
  ((h = HashCombine(h, static_cast<std::uint64_t>(vs))), ...);
  return h;
}

// FNV-1a of a string, mixed: stable across platforms and runs (std::hash is not).
constexpr std::uint64_t HashString(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return Mix64(h);
}

// Uniform in [0, 1) from a hash's top 53 bits.
constexpr double UnitInterval(std::uint64_t h) {
  return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0);
}

// Uniform integer in [0, n) (n > 0); the bias of the modulo is irrelevant here.
constexpr std::uint64_t Below(std::uint64_t h, std::uint64_t n) { return h % n; }

// Purposes of the draws, so two draws of the same (who, when) never coincide.
enum class Draw : std::uint64_t {
  kBaseRtt = 1,
  kJitter,
  kSpike,
  kSpikeSize,
  kInternalError,
  kTimeout,
  kTransportSalt,
  kNsidSupport,
  kNsidInstance,
  kTargetIp,
  kTestOffset,
  kOutage,
  kOutageStart,
  kOutageLength,
  kRegion,
  kNsidReroute,
};

}  // namespace tldmon::sim
