// Measurement result codes (mosapi-api.md §8, slam-algorithms.md §10).
// A metric value >= 0 is an RTT in milliseconds; a negative value is a code.
#pragma once

#include <cstdint>

#include "core/service.h"

namespace tldmon {

// "No value" (internal only, never exported; mosapi-api.md §8.7).
inline constexpr std::int32_t kNoValue = -1000;

// Which RTT item a value belongs to; selects timeout codes and limits.
enum class RttKind : std::uint8_t { kDnsUdp, kDnsTcp, kRdds43, kRdds80, kRdap, kEpp };

// The probe test that measures an RTT item (UDP and TCP: the DNS test).
constexpr TestKind TestKindOf(RttKind k) {
  switch (k) {
    case RttKind::kDnsUdp:
    case RttKind::kDnsTcp:
      return TestKind::kDns;
    case RttKind::kRdds43:
    case RttKind::kRdds80:
      return TestKind::kRdds;
    case RttKind::kRdap:
      return TestKind::kRdap;
    case RttKind::kEpp:
      return TestKind::kEpp;
  }
  return TestKind::kDns;
}

// -1..-199: probe-internal errors; never a service failure (§8.1).
constexpr bool IsInternalError(std::int32_t v) { return v <= -1 && v >= -199; }

// DNSSEC failures: -401..-427 (UDP) and -801..-827 (TCP) (§8.2).
constexpr bool IsDnssecError(std::int32_t v) {
  return (v <= -401 && v >= -427) || (v <= -801 && v >= -827);
}

// Timeout codes used by the monthly RTT ratio (slam-algorithms.md §9):
// UDP -200, TCP -600, RDDS43 -227, RDDS80 -255, RDAP -405, EPP none.
std::int32_t TimeoutCode(RttKind k);

// HTTP status -> code index n of mosapi-api.md §8.6 (60 for unlisted).
int HttpStatusIndex(int http_status);
// RDDS80: -300 - n; RDAP: -500 - n. Not for status 200.
inline std::int32_t Rdds80HttpCode(int http_status) { return -300 - HttpStatusIndex(http_status); }
inline std::int32_t RdapHttpCode(int http_status) { return -500 - HttpStatusIndex(http_status); }

// Outcome of one RTT value against a limit (slam-algorithms.md §1.5, §4.1.5):
// success if 0 <= v <= limit (strictly greater fails), or an internal error,
// or no value. Everything else is a failure.
constexpr bool IsSubtestSuccess(std::int32_t v, std::int32_t limit) {
  if (v == kNoValue || IsInternalError(v)) return true;
  return v >= 0 && v <= limit;
}

}  // namespace tldmon
