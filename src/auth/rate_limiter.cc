#include "auth/rate_limiter.h"

#include <algorithm>

namespace tldmon::auth {

RateLimiter::RateLimiter(int limit, UnixSeconds window, std::size_t capacity)
    : limit_(std::max(1, limit)),
      window_(std::max<UnixSeconds>(1, window)),
      capacity_(std::max<std::size_t>(1, capacity)) {}

RateDecision RateLimiter::Admit(std::string_view key, UnixSeconds now) {
  MutexLock lock(mu_);
  auto found = index_.find(std::string(key));
  if (found == index_.end()) {
    if (lru_.size() >= capacity_) {
      index_.erase(lru_.back().key);
      lru_.pop_back();
    }
    lru_.push_front(Entry{std::string(key), now, 1});
    index_.emplace(lru_.front().key, lru_.begin());
    return {};
  }
  auto it = found->second;
  lru_.splice(lru_.begin(), lru_, it);  // iterators stay valid
  Entry& e = *it;
  if (now >= e.window_start + window_ || now < e.window_start) {
    // The window has ended (or the clock went back): a fresh one opens now.
    e.window_start = now;
    e.count = 0;
  }
  if (e.count >= limit_) {
    return {false, std::max<UnixSeconds>(1, e.window_start + window_ - now)};
  }
  ++e.count;
  return {};
}

bool RateLimiter::WouldAdmit(std::string_view key, UnixSeconds now) const {
  MutexLock lock(mu_);
  const auto found = index_.find(std::string(key));
  if (found == index_.end()) return true;
  const Entry& e = *found->second;
  if (now >= e.window_start + window_ || now < e.window_start) return true;
  return e.count < limit_;
}

void RateLimiter::Forget(std::string_view key) {
  MutexLock lock(mu_);
  auto found = index_.find(std::string(key));
  if (found == index_.end()) return;
  lru_.erase(found->second);
  index_.erase(found);
}

std::size_t RateLimiter::Sweep(UnixSeconds now) {
  MutexLock lock(mu_);
  std::size_t n = 0;
  for (auto it = lru_.begin(); it != lru_.end();) {
    if (now >= it->window_start + window_) {
      index_.erase(it->key);
      it = lru_.erase(it);
      ++n;
    } else {
      ++it;
    }
  }
  return n;
}

std::size_t RateLimiter::size() const {
  MutexLock lock(mu_);
  return lru_.size();
}

}  // namespace tldmon::auth
