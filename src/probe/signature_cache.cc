#include "probe/signature_cache.h"

namespace tldmon::probe {

int SignatureCache::Find(const std::string& key, UnixSeconds now) const {
  MutexLock lock(mu_);
  const auto it = entries_.find(key);
  if (it == entries_.end() || now < it->second.valid_from || now > it->second.valid_until) {
    ++misses_;
    return -1;
  }
  ++hits_;
  return it->second.status;
}

void SignatureCache::Put(const std::string& key, Entry entry) {
  MutexLock lock(mu_);
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[key] = entry;
}

std::uint64_t SignatureCache::hits() const {
  MutexLock lock(mu_);
  return hits_;
}

std::uint64_t SignatureCache::misses() const {
  MutexLock lock(mu_);
  return misses_;
}

}  // namespace tldmon::probe
