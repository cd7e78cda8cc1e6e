// The TLSA cache as operators read it (issue 10): Prometheus families for
// /metrics and the JSON document `tldmon serve` writes to
// <data>/tlsa-status.json after each refresh round, which `tldmon admin
// status` and `tldmon admin tls list` show. Pure; thread-safe.
#pragma once

#include <span>
#include <string>

#include "core/status.h"
#include "dane/tlsa_cache.h"

namespace tldmon::dane {

// tldmon_dane_tlsa_state{name,state} 1, tldmon_dane_tlsa_records{name},
// tldmon_dane_tlsa_age_seconds{name} (since the last lookup).
void AppendTlsaMetrics(std::span<const TlsaNameStatus> names, UnixSeconds now, std::string& out);

// {"written": "...Z", "names": [{"name", "state", "records", "fetchedAt",
// "lastGoodAt", "usableUntil", "why"}...]} (times ISO 8601, null when 0).
std::string TlsaStatusJson(std::span<const TlsaNameStatus> names, UnixSeconds now);

struct TlsaStatusFile {
  UnixSeconds written = 0;
  std::vector<TlsaNameStatus> names;
};
// Reads what TlsaStatusJson wrote; InvalidArgument if it is not that.
Result<TlsaStatusFile> ParseTlsaStatusJson(std::string_view text);

}  // namespace tldmon::dane
