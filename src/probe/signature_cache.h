// SignatureCache: the result of verifying RRSIGs over an RRset with a key
// set, remembered. Verification is a pure function of (keys, RRset,
// signatures, time), and an unchanged zone is asked the same question every
// minute by every test of every probe (12,000 times a minute for 1,500 TLDs
// x 8 name-server addresses), at about 1 ms of CPU each with ldns.
//
// An entry is keyed by a SHA-256 digest of the wire forms of the three; a
// successful verification stays valid only inside the signatures' validity
// window (latest inception .. earliest expiration), so an RRSIG that expires
// is judged again and gets its -416. Bounded: the cache is emptied when it
// reaches `max_entries` (zones re-sign; old keys are not worth an LRU).
// Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "core/thread_annotations.h"
#include "core/time.h"

namespace tldmon::probe {

class SignatureCache {
 public:
  struct Entry {
    int status = 0;  // ldns_status of the verification
    UnixSeconds valid_from = 0;
    UnixSeconds valid_until = 0;
  };
  explicit SignatureCache(std::size_t max_entries = 200000) : max_entries_(max_entries) {}

  // The cached status for `key` at `now`, or -1 if there is none usable.
  int Find(const std::string& key, UnixSeconds now) const;
  void Put(const std::string& key, Entry entry);

  std::uint64_t hits() const;
  std::uint64_t misses() const;

 private:
  mutable Mutex mu_;
  std::size_t max_entries_;
  std::unordered_map<std::string, Entry> entries_ GUARDED_BY(mu_);
  mutable std::uint64_t hits_ GUARDED_BY(mu_) = 0;
  mutable std::uint64_t misses_ GUARDED_BY(mu_) = 0;
};

}  // namespace tldmon::probe
