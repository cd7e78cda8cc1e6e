#include "auth/lockout.h"

#include <algorithm>

namespace tldmon::auth {

Lockout::Lockout(int after_failures, UnixSeconds base, UnixSeconds max)
    : after_failures_(std::max(1, after_failures)),
      base_(std::max<UnixSeconds>(1, base)),
      max_(std::max(max, std::max<UnixSeconds>(1, base))) {}

UnixSeconds Lockout::RetryAfter(std::string_view username, UnixSeconds now) const {
  MutexLock lock(mu_);
  auto it = state_.find(std::string(username));
  if (it == state_.end() || now >= it->second.locked_until) return 0;
  return it->second.locked_until - now;
}

UnixSeconds Lockout::RecordFailure(std::string_view username, UnixSeconds now) {
  MutexLock lock(mu_);
  State& s = state_[std::string(username)];
  ++s.consecutive_failures;
  const int over = s.consecutive_failures - after_failures_;
  if (over < 0) return 0;
  // base * 2^over, saturating at max (the shift is bounded so it cannot overflow).
  UnixSeconds duration = base_;
  for (int i = 0; i < over && duration < max_; ++i) duration *= 2;
  duration = std::min(duration, max_);
  s.locked_until = std::max(s.locked_until, now + duration);
  return duration;
}

void Lockout::RecordSuccess(std::string_view username) {
  MutexLock lock(mu_);
  state_.erase(std::string(username));
}

void Lockout::Forget(std::string_view username) { RecordSuccess(username); }

std::size_t Lockout::size() const {
  MutexLock lock(mu_);
  return state_.size();
}

}  // namespace tldmon::auth
