#include "mosapi/mosapi_measurement_cache.h"

namespace tldmon::mosapi {

std::string MeasurementCache::Key(const EntityId& entity, Service service, int version,
                                  UnixSeconds cycle) {
  std::string key = entity.Path();
  key += '/';
  key += std::to_string(version);
  key += '/';
  key += PathName(service);
  key += '/';
  key += std::to_string(cycle);
  return key;
}

std::shared_ptr<const Representation> MeasurementCache::Find(const std::string& key) {
  MutexLock lock(mu_);
  const auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

void MeasurementCache::Insert(const std::string& key,
                              std::shared_ptr<const Representation> object) {
  const std::size_t size = object->identity().size();
  MutexLock lock(mu_);
  if (const auto it = index_.find(key); it != index_.end()) {
    const auto node = it->second;
    bytes_ -= node->second->identity().size();
    index_.erase(it);
    lru_.erase(node);
  }
  if (size > limits_.max_bytes || limits_.max_entries == 0) return;
  lru_.emplace_front(key, std::move(object));
  // The view points into the list node's string, which never moves.
  index_.emplace(lru_.front().first, lru_.begin());
  bytes_ += size;
  EvictLocked();
}

void MeasurementCache::EvictLocked() {
  while (!lru_.empty() && (lru_.size() > limits_.max_entries || bytes_ > limits_.max_bytes)) {
    Entry& last = lru_.back();
    bytes_ -= last.second->identity().size();
    index_.erase(last.first);
    lru_.pop_back();
  }
}

std::size_t MeasurementCache::entries() const {
  MutexLock lock(mu_);
  return lru_.size();
}

std::size_t MeasurementCache::bytes() const {
  MutexLock lock(mu_);
  return bytes_;
}

std::uint64_t MeasurementCache::hits() const {
  MutexLock lock(mu_);
  return hits_;
}

std::uint64_t MeasurementCache::misses() const {
  MutexLock lock(mu_);
  return misses_;
}

}  // namespace tldmon::mosapi
