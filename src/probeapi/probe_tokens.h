// Probe credentials (issue 9, "Probe credentials"): a probe authenticates
// each request with `Authorization: Bearer <token>`. `tldmon admin probe
// add|token` issues a token and prints it once; the store keeps only its
// SHA-256 (keyed records of kind "probe-token", key = probe name), so a
// stolen database does not give out tokens. A token is 32 random bytes, so a
// plain digest (not a password hash) is enough.
//
// The verifier re-reads the digests whenever the store's change generation
// moves (every record write raises it), so a revoked or replaced token is
// refused from the next request on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/thread_annotations.h"
#include "store/store.h"

namespace tldmon::probeapi {

inline constexpr std::string_view kProbeTokenKind = "probe-token";
inline constexpr std::string_view kTokenPrefix = "tldmon-probe-";

// A new token for `probe` (which must exist); the previous one stops working.
Result<std::string> IssueProbeToken(store::Store& store, std::string_view probe);
// NotFound if the probe has no token.
Status RevokeProbeToken(store::Store& store, std::string_view probe);
// Whether `probe` has a token (for `admin probe list`).
Result<bool> HasProbeToken(const store::Store& store, std::string_view probe);

// Thread-safe.
class ProbeTokenVerifier {
 public:
  explicit ProbeTokenVerifier(const store::Store* store) : store_(store) {}
  // The probe the token belongs to; nullopt for a token that is not (any
  // more) valid. Errors are the store's.
  Result<std::optional<std::string>> Verify(std::string_view token);

 private:
  struct Entry {
    std::string probe;
    std::string digest;  // 32 bytes
  };
  Status Refresh() REQUIRES(mu_);

  const store::Store* store_;
  Mutex mu_;
  std::optional<std::uint64_t> generation_ GUARDED_BY(mu_);
  std::vector<Entry> entries_ GUARDED_BY(mu_);
};

}  // namespace tldmon::probeapi
