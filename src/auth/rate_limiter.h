// RateLimiter: "at most N attempts per key per window" with a fixed window
// that opens at the key's first attempt (mosapi-api.md §4.3 project default:
// 10 logins per account and 30 per source address per minute, then 429).
//
// Memory is bounded: at most `capacity` keys are tracked; inserting one more
// evicts the least recently used key (a flood of random sources then costs a
// fixed amount of memory; an evicted key simply starts a fresh window).
//
// Thread-safe.
#pragma once

#include <cstddef>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/thread_annotations.h"
#include "core/time.h"

namespace tldmon::auth {

struct RateDecision {
  bool allowed = true;
  // When refused: whole seconds until the window ends (>= 1), for the
  // Retry-After header. 0 when allowed.
  UnixSeconds retry_after = 0;
};

class RateLimiter {
 public:
  RateLimiter(int limit, UnixSeconds window, std::size_t capacity);
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // Counts one attempt of `key` at `now` if it is within the limit; a refused
  // attempt is not counted (so it does not extend anything).
  RateDecision Admit(std::string_view key, UnixSeconds now);
  // Whether Admit(key, now) would allow an attempt now, without counting
  // one or touching the recency order (a cheap pre-check).
  bool WouldAdmit(std::string_view key, UnixSeconds now) const;
  // Drops the key's counter (e.g. the account was removed).
  void Forget(std::string_view key);
  // Drops every counter whose window has ended; returns how many.
  std::size_t Sweep(UnixSeconds now);
  std::size_t size() const;

 private:
  struct Entry {
    std::string key;
    UnixSeconds window_start = 0;
    int count = 0;
  };

  const int limit_;
  const UnixSeconds window_;
  const std::size_t capacity_;

  mutable Mutex mu_;
  std::list<Entry> lru_ GUARDED_BY(mu_);  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_ GUARDED_BY(mu_);
};

}  // namespace tldmon::auth
