#include "mosapi/certificate_concurrency.h"

namespace tldmon::mosapi {

std::shared_ptr<void> CertificateConcurrency::TryAcquire(const Key& key) {
  {
    MutexLock lock(mu_);
    int& n = in_flight_[key];
    if (limit_ > 0 && n >= limit_) return nullptr;
    ++n;
  }
  // The slot keeps this object alive, so a release never outlives it.
  auto self = shared_from_this();
  return std::shared_ptr<void>(reinterpret_cast<void*>(1), [self, key](void*) { self->Release(key); });
}

void CertificateConcurrency::Release(const Key& key) {
  MutexLock lock(mu_);
  const auto it = in_flight_.find(key);
  if (it != in_flight_.end() && --it->second <= 0) in_flight_.erase(it);
}

int CertificateConcurrency::InFlight(const Key& key) const {
  MutexLock lock(mu_);
  const auto it = in_flight_.find(key);
  return it == in_flight_.end() ? 0 : it->second;
}

}  // namespace tldmon::mosapi
