// At most N requests in flight per client certificate (dane-client-auth.md
// §2.3 project default for MoSAPI §12.3's "4 concurrent sessions per
// certificate"; Nomulus caps itself at 4 for that reason). A certificate is
// its SPKI SHA-256, so a renewed certificate of the same key shares the
// count. A slot is held from authorization until the response is written
// (http::Response::SetHold). Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>

#include "core/thread_annotations.h"

namespace tldmon::mosapi {

class CertificateConcurrency : public std::enable_shared_from_this<CertificateConcurrency> {
 public:
  using Key = std::array<std::uint8_t, 32>;

  // `limit` 0 means no limit.
  static std::shared_ptr<CertificateConcurrency> Create(int limit) {
    return std::shared_ptr<CertificateConcurrency>(new CertificateConcurrency(limit));
  }

  // A slot for `key`, released when the last copy of the result goes; null
  // when `key` already has `limit` requests in flight.
  std::shared_ptr<void> TryAcquire(const Key& key);
  // Requests in flight for `key` (tests, metrics).
  int InFlight(const Key& key) const;

 private:
  explicit CertificateConcurrency(int limit) : limit_(limit) {}
  void Release(const Key& key);

  const int limit_;
  mutable Mutex mu_;
  std::map<Key, int> in_flight_ GUARDED_BY(mu_);
};

}  // namespace tldmon::mosapi
