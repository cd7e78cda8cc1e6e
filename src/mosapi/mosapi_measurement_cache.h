// MeasurementCache: a bounded LRU of rebuilt measurement objects
// (mosapi-api.md §6.10), keyed by (entity, service, API version, cycle).
// A measurement of a committed cycle never changes — its reports, probe
// online flags and verdict are final once the cycle is committed — so an
// entry is never stale; the bound only limits memory (DESIGN.md "Measurement
// objects for older cycles are rebuilt from compact stored probe results on
// demand and cached"). The same object serves the recent-measurement tree
// (§6.9) and an incident's measurement (§6.5, SLAM copies the same file).
//
// Thread-safe (one mutex; a hit copies a shared_ptr and moves one list node).
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "mosapi/http_types.h"
#include "http/representation.h"
#include "core/entity_id.h"
#include "core/service.h"
#include "core/thread_annotations.h"
#include "core/time.h"

namespace tldmon::mosapi {

struct MeasurementCacheLimits {
  std::size_t max_entries = 20000;
  std::size_t max_bytes = 64 * 1024 * 1024;  // identity bytes of the cached bodies
};

class MeasurementCache {
 public:
  explicit MeasurementCache(MeasurementCacheLimits limits = {}) : limits_(limits) {}

  // "ry/example/2/dns/1767225600": the key of one measurement object.
  static std::string Key(const EntityId& entity, Service service, int version, UnixSeconds cycle);

  // The cached object (now the most recently used), or null.
  std::shared_ptr<const Representation> Find(const std::string& key);
  // Inserts (or replaces) and evicts least recently used entries beyond the
  // limits. An object larger than max_bytes on its own is not kept.
  void Insert(const std::string& key, std::shared_ptr<const Representation> object);

  std::size_t entries() const;
  std::size_t bytes() const;
  std::uint64_t hits() const;
  std::uint64_t misses() const;

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const Representation>>;
  void EvictLocked() REQUIRES(mu_);

  const MeasurementCacheLimits limits_;
  mutable Mutex mu_;
  std::list<Entry> lru_ GUARDED_BY(mu_);  // front = most recently used
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_ GUARDED_BY(mu_);
  std::size_t bytes_ GUARDED_BY(mu_) = 0;
  std::uint64_t hits_ GUARDED_BY(mu_) = 0;
  std::uint64_t misses_ GUARDED_BY(mu_) = 0;
};

}  // namespace tldmon::mosapi
