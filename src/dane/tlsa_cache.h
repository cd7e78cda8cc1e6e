// The validated TLSA cache (dane-client-auth.md §6, §7): one entry per
// configured owner name, filled by the refresher, read by requests (memory
// only: no DNS on the request path). The state table of §7:
//   secure with records    replace the records
//   secure NXDOMAIN/NODATA drop at once (revocation)
//   insecure, bogus        drop at once (fail closed)
//   error (SERVFAIL, …)    keep the last secure set for a grace of
//                          min(TTL, max_grace) from the first failure, 0 =
//                          drop at once; never past the RRSIG expiration
// A secure set also lapses two refresh periods after it was fetched, so a
// stalled refresher cannot keep a revoked record alive.
// Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/thread_annotations.h"
#include "dane/tlsa_lookup.h"

namespace tldmon::dane {

struct TlsaCacheOptions {
  int refresh_seconds = 60;
  int max_grace_seconds = 300;  // project default: grace = min(TTL, 5 min)
};

// One name as /metrics and `admin status` show it.
struct TlsaNameStatus {
  std::string name;
  TlsaState state = TlsaState::kError;
  std::size_t records = 0;       // usable now
  UnixSeconds fetched_at = 0;    // last lookup, any outcome
  UnixSeconds last_good_at = 0;  // last secure answer with records; 0 none
  UnixSeconds usable_until = 0;  // 0 when nothing is usable
  std::string why;
};

class TlsaCache {
 public:
  using Records = std::shared_ptr<const std::vector<TlsaRecord>>;

  explicit TlsaCache(TlsaCacheOptions options = {}) : options_(options) {}

  // Applies one lookup made at `now`.
  void Apply(const TlsaLookup& lookup, UnixSeconds now);
  // Forgets names not in `names` (entries removed by the operator).
  void Retain(const std::set<std::string>& names);
  // The records usable for `name` at `now`; null when none.
  Records Usable(std::string_view name, UnixSeconds now) const;
  // Every name, ascending.
  std::vector<TlsaNameStatus> Status(UnixSeconds now) const;

 private:
  struct Entry {
    TlsaState state = TlsaState::kError;
    Records records;
    UnixSeconds fetched_at = 0, last_good_at = 0, usable_until = 0, first_error_at = 0;
    UnixSeconds signature_expiration = 0;
    int ttl = 0;
    std::string why;
  };

  const TlsaCacheOptions options_;
  mutable Mutex mu_;
  std::map<std::string, Entry, std::less<>> entries_ GUARDED_BY(mu_);
};

}  // namespace tldmon::dane
