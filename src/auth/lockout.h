// Lockout: growing back-off after repeated failed logins of one account
// (docs/auth.md). After `after_failures` consecutive failures the account is
// locked for `base` seconds; every further failure (possible once a lock has
// run out) locks it for twice as long as the previous lock, up to `max`. A
// successful login resets the account. While locked, a login is answered 429
// without checking the password, so guessing costs the server nothing.
//
// Only existing accounts are tracked (memory is bounded by the number of
// accounts; unknown user names are limited per source address instead).
//
// Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/thread_annotations.h"
#include "core/time.h"

namespace tldmon::auth {

class Lockout {
 public:
  Lockout(int after_failures, UnixSeconds base, UnixSeconds max);
  Lockout(const Lockout&) = delete;
  Lockout& operator=(const Lockout&) = delete;

  // Seconds until the account's lock ends (>= 1), or 0 when not locked.
  UnixSeconds RetryAfter(std::string_view username, UnixSeconds now) const;
  // A failed password check at `now`. Returns the length of the lock it
  // started, or 0 when the failure count is still below the threshold.
  UnixSeconds RecordFailure(std::string_view username, UnixSeconds now);
  // A successful login: failures and back-off start over.
  void RecordSuccess(std::string_view username);
  // Drops the account's state (removed account, or an admin unlock).
  void Forget(std::string_view username);
  std::size_t size() const;

 private:
  struct State {
    int consecutive_failures = 0;
    UnixSeconds locked_until = 0;
  };

  const int after_failures_;
  const UnixSeconds base_;
  const UnixSeconds max_;

  mutable Mutex mu_;
  std::unordered_map<std::string, State> state_ GUARDED_BY(mu_);
};

}  // namespace tldmon::auth
