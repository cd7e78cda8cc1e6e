// Lockout: growing back-off after repeated failed logins of one account
// (docs/auth.md). After `after_failures` consecutive failures the account is
// locked for `base` seconds; every further failure (possible once a lock has
// run out) locks it for twice as long as the previous lock, up to `max`. A
// successful login resets the account. While locked, a login is answered 429
// without checking the password, so guessing costs the server nothing.
//
// Only existing accounts are tracked (memory is bounded by the number of
// accounts; unknown user names are limited per source address instead).
// The states live in a LockoutLedger: memory by default, or one that
// several hosts share.
//
// Thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "auth/lockout_ledger.h"
#include "core/time.h"

namespace tldmon::auth {

class Lockout {
 public:
  // `ledger` null: a MemoryLockoutLedger.
  Lockout(int after_failures, UnixSeconds base, UnixSeconds max,
          std::unique_ptr<LockoutLedger> ledger = nullptr);
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
  const int after_failures_;
  const UnixSeconds base_;
  const UnixSeconds max_;
  const std::unique_ptr<LockoutLedger> ledger_;
};

}  // namespace tldmon::auth
